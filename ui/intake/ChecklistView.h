#pragma once

#include "catalogue/Item.h"
#include "widgets/FitTableView.h"

#include <QWidget>

class QLabel;
class QLineEdit;

namespace ow::ui {

class ChecklistModel;

// The table of a checklist worked by keyboard: Up/Down (or Enter) move
// between materials, and on the current one
//   Space      received in the form and number asked (again: back to "to check")
//   O / C / B  received as original / copy / original and copy
//   1-9, + -   the number of copies received
//   R          reused from the file        M  missing
//   D          defective: type the reason, Enter
//   Delete     back to "to check"
class ChecklistTable : public FitTableView
{
    Q_OBJECT
public:
    explicit ChecklistTable(QWidget* parent = nullptr);

    QString currentMaterialId() const;
    // To the next material that applies, one still to check first.
    void moveToNextApplicable();
    void setCurrentMaterial(const QString& materialId);

signals:
    void toggleReceived(const QString& materialId);
    void presentedAs(const QString& materialId, MaterialForm form);
    void countSet(const QString& materialId, int count);
    void countStep(const QString& materialId, int delta);
    void reuseRequested(const QString& materialId);
    void missingMarked(const QString& materialId);
    void defectRequested(const QString& materialId);
    void resetRequested(const QString& materialId);
    // Ctrl+Z: the last change to the marks undone.
    void undoRequested();
    // A: every material still to check received as asked.
    void allReceivedRequested();

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void moveRow(int delta);
};

// The checklist with its state line (complete, or how many materials are
// still outstanding), the keys, and the reason editor for a defect.
class ChecklistView : public QWidget
{
    Q_OBJECT
public:
    explicit ChecklistView(QWidget* parent = nullptr);

    ChecklistTable* table() const { return m_table; }
    ChecklistModel* model() const { return m_model; }
    QLineEdit* defectEdit() const { return m_defect; }
    QLabel* completionLabel() const { return m_completion; }

    // `outstanding`: the required materials not yet satisfied; `empty`: no item chosen.
    void setCompletion(bool empty, int outstanding);
    // Focuses the table on its current row (the first when none).
    void focusTable();
    // Asks for the reason a material is defective.
    void askDefect(const QString& materialId, const QString& materialName);

signals:
    void defectReported(const QString& materialId, const QString& reason);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void closeDefect();

    ChecklistModel* m_model;
    ChecklistTable* m_table;
    QLabel* m_completion;
    QLabel* m_keys;
    QWidget* m_defectRow;
    QLabel* m_defectLabel;
    QLineEdit* m_defect;
    QString m_defectMaterial;
};

} // namespace ow::ui
