#pragma once

#include "catalogue/Item.h"
#include "store/Result.h"

#include <QHash>
#include <QMap>
#include <QSet>
#include <QWidget>

class QGridLayout;
class QLabel;

namespace ow::ui {

// The intake's one merged form: an editor per field (a line for text,
// numbers, dates, phones, ID numbers and postcodes; a list for a choice or
// a yes/no), the required ones starred, each with its own message line.
// Enter moves to the next empty field, passing over filled fields and those
// that do not apply (disabled); after the last, finished() hands on. In a
// list, a digit picks that choice (Y / N a yes or no) and moves on.
// Editors are named "form_<key>", their messages "formError_<key>".
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

    // The fields that do not apply to this applicant: disabled, passed over.
    void setNotApplying(const QSet<QString>& keys);
    // Prefilled fields the clerk changed by hand: marked, and kept when the
    // applicant is corrected.
    void setEditedByHand(const QSet<QString>& keys);
    bool isMarkedEditedByHand(const QString& key) const;

    QWidget* editor(const QString& key) const { return m_editors.value(key); }
    QWidget* firstEditor() const;
    // The first field that applies and is empty, or a field with a problem
    // shown; nullptr when every field is filled.
    QWidget* firstEmptyEditor() const;
    // The next such field after `from` (nullptr: none left).
    QWidget* nextEmptyEditor(QWidget* from) const;
    // The editors in the order of the fields.
    QList<QWidget*> editors() const;
    QString value(const QString& key) const;
    bool isEmpty() const { return m_keys.isEmpty(); }

signals:
    void valueChanged(const QString& key, const QString& value);
    // The clerk left a field (Tab, Enter or elsewhere): time to check it.
    void fieldLeft(const QString& key);
    // Enter (or a choice picked by its key) on the last field to fill.
    void finished();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void clearEditors();
    bool needsInput(QWidget* editor) const;
    void advanceFrom(QWidget* editor);

    QGridLayout* m_grid;
    QLabel* m_empty;
    QStringList m_keys;
    QHash<QString, QWidget*> m_editors;
    QHash<QString, QLabel*> m_errors;
    QList<QWidget*> m_owned;
    QSet<QString> m_notApplying;
    QSet<QString> m_editedByHand;
    bool m_updating = false;
};

} // namespace ow::ui
