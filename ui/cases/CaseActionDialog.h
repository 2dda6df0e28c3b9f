#pragma once

#include "cases/CaseActions.h"
#include "store/Result.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QFormLayout;
class QPushButton;

namespace ow::ui {

class CasesController;

// Asks for what a move of the case needs (the department, the reason, the
// collector and their ID, the locker compartment and pick-up code) and makes
// it through the controller. A forward is prefilled with the department of
// the case's items; when they have several, they are offered in an editable
// combo box. A move the
// service refuses keeps the dialog open with the service's words, each
// problem under the name of its field, and the focus in that field.
class CaseActionDialog : public QDialog
{
    Q_OBJECT
public:
    // `departments`: those suggested for a forward, the first prefilled.
    CaseActionDialog(CasesController& controller, CaseAction action, const QString& caseNumber,
                     const QStringList& departments = {}, QWidget* parent = nullptr);

    CaseAction action() const { return m_action; }
    // The department typed: a line of its own, or that of the combo box.
    QLineEdit* departmentEdit() const;
    // The departments offered, when the items have several (else nullptr).
    QComboBox* departmentBox() const { return m_departments; }
    QLineEdit* compartmentEdit() const { return m_compartment; }
    QLineEdit* pickupCodeEdit() const { return m_pickupCode; }
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
    void addDepartment(QFormLayout* form, const QStringList& departments);
    void showError(const Error& e);
    QLineEdit* fieldOf(const QString& key) const;
    QString labelOf(const QString& key) const;

    CasesController& m_controller;
    CaseAction m_action;
    QString m_caseNumber;
    QLineEdit* m_department = nullptr;
    QComboBox* m_departments = nullptr;
    QLineEdit* m_compartment = nullptr;
    QLineEdit* m_pickupCode = nullptr;
    QLineEdit* m_reason = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_id = nullptr;
    QCheckBox* m_authorised = nullptr;
    QLabel* m_banner;
    QPushButton* m_ok;
};

} // namespace ow::ui
