#pragma once

#include "cases/CaseActions.h"
#include "store/Result.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ow::ui {

class CasesController;

// Asks for what a move of the case needs (the department, the reason, the
// collector and their ID) and makes it through the controller. A move the
// service refuses keeps the dialog open with the service's words, each
// problem under the name of its field, and the focus in that field.
class CaseActionDialog : public QDialog
{
    Q_OBJECT
public:
    CaseActionDialog(CasesController& controller, CaseAction action, const QString& caseNumber,
                     QWidget* parent = nullptr);

    CaseAction action() const { return m_action; }
    QLineEdit* departmentEdit() const { return m_department; }
    QLineEdit* reasonEdit() const { return m_reason; }
    QLineEdit* collectorNameEdit() const { return m_name; }
    QLineEdit* collectorIdEdit() const { return m_id; }
    QCheckBox* authorisedCheck() const { return m_authorised; }
    QLabel* banner() const { return m_banner; }
    QPushButton* okButton() const { return m_ok; }

    CaseActionInput input() const;
    // Makes the move; false (the dialog stays, the problem shown) on refusal.
    bool submit();

private:
    void showError(const Error& e);
    QLineEdit* fieldOf(const QString& key) const;
    QString labelOf(const QString& key) const;

    CasesController& m_controller;
    CaseAction m_action;
    QString m_caseNumber;
    QLineEdit* m_department = nullptr;
    QLineEdit* m_reason = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_id = nullptr;
    QCheckBox* m_authorised = nullptr;
    QLabel* m_banner;
    QPushButton* m_ok;
};

} // namespace ow::ui
