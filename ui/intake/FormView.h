#pragma once

#include "catalogue/Item.h"
#include "store/Result.h"

#include <QHash>
#include <QMap>
#include <QWidget>

class QGridLayout;
class QLabel;

namespace ow::ui {

// The intake's one merged form: an editor per field (a line for text,
// numbers, dates, phones, ID numbers and postcodes; a list for a choice or
// a yes/no), the required ones starred, each with its own message line.
// Enter moves to the next field like Tab. Editors are named "form_<key>",
// their messages "formError_<key>".
class FormView : public QWidget
{
    Q_OBJECT
public:
    explicit FormView(QWidget* parent = nullptr);

    // Rebuilds the editors when the fields are not those shown.
    void setFields(const QList<FormField>& fields);
    // Shows the values without reporting them back as changes.
    void setValues(const QMap<QString, QString>& values);
    // One message per field ("form.<key>" problems); the others are cleared.
    void setProblems(const QList<Problem>& problems);
    void setProblem(const QString& key, const QString& message);

    QWidget* editor(const QString& key) const { return m_editors.value(key); }
    QWidget* firstEditor() const;
    // The editors in the order of the fields.
    QList<QWidget*> editors() const;
    QString value(const QString& key) const;
    bool isEmpty() const { return m_keys.isEmpty(); }

signals:
    void valueChanged(const QString& key, const QString& value);
    // The clerk left a field (Tab, Enter or elsewhere): time to check it.
    void fieldLeft(const QString& key);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void clearEditors();

    QGridLayout* m_grid;
    QLabel* m_empty;
    QStringList m_keys;
    QHash<QString, QWidget*> m_editors;
    QHash<QString, QLabel*> m_errors;
    QList<QWidget*> m_owned;
    bool m_updating = false;
};

} // namespace ow::ui
