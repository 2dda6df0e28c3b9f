#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QTableWidget;

namespace ow::ui {

// One key and what it does.
struct KeyHint
{
    QString key; // as printed on the keyboard: "F8", "Ctrl+R", "Alt+F"
    QString what;
};

// The Alt+letter of every button and labelled field shown on `page`.
QList<KeyHint> mnemonicsOf(const QWidget* page);

// F1: the keys of the page in view, then those of the whole window.
class KeyHelpDialog : public QDialog
{
    Q_OBJECT
public:
    KeyHelpDialog(const QString& page, const QList<KeyHint>& pageKeys,
                  const QList<KeyHint>& windowKeys, QWidget* parent = nullptr);

    QTableWidget* table() const { return m_table; }
    // Every row as "key<TAB>what".
    QStringList rows() const;

    // The keys of the pages whose own shortcuts no button shows.
    static QList<KeyHint> workbenchKeys();
    static QList<KeyHint> casesKeys();
    static QList<KeyHint> consultationKeys();

private:
    QTableWidget* m_table;
};

} // namespace ow::ui
