#include "cases/CaseActionDialog.h"

#include "cases/CasesController.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace ow::ui {

namespace {

const QString kDepartment = QStringLiteral("department");
const QString kReason = QStringLiteral("reason");
const QString kCollectorName = QStringLiteral("collectorName");
const QString kCollectorId = QStringLiteral("collectorId");
const QString kCompartment = QStringLiteral("compartment");
const QString kPickupCode = QStringLiteral("pickupCode");

QLineEdit* edit(const QString& name, QWidget* parent)
{
    auto* e = new QLineEdit(parent);
    e->setObjectName(name);
    return e;
}

} // namespace

CaseActionDialog::CaseActionDialog(CasesController& controller, CaseAction action,
                                   const QString& caseNumber, const QStringList& departments,
                                   QWidget* parent)
    : QDialog(parent), m_controller(controller), m_action(action), m_caseNumber(caseNumber),
      m_banner(new QLabel(this)), m_ok(nullptr)
{
    setObjectName(QStringLiteral("caseActionDialog"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    QString title;
    QString ok;
    switch (action) {
    case CaseAction::Forward:
        title = tr("Forward case %1");
        ok = tr("Forward");
        addDepartment(form, departments);
        break;
    case CaseAction::Approve:
        title = tr("Approve case %1");
        ok = tr("Approve");
        m_reason = edit(QStringLiteral("caseActionReason"), this);
        m_reason->setPlaceholderText(tr("Optional"));
        form->addRow(tr("&Note"), m_reason);
        break;
    case CaseAction::Refuse:
        title = tr("Refuse case %1");
        ok = tr("Refuse");
        m_reason = edit(QStringLiteral("caseActionReason"), this);
        form->addRow(labelOf(kReason), m_reason);
        break;
    case CaseAction::Withdraw:
        title = tr("Withdraw case %1");
        ok = tr("Withdraw");
        m_reason = edit(QStringLiteral("caseActionReason"), this);
        m_reason->setPlaceholderText(tr("e.g. the applicant's written request"));
        form->addRow(labelOf(kReason), m_reason);
        break;
    case CaseAction::PauseCorrection:
    case CaseAction::PauseSpecial:
        title = action == CaseAction::PauseCorrection
                    ? tr("Pause the clock of case %1 for a correction")
                    : tr("Pause the clock of case %1 for a special procedure");
        ok = tr("Pause the clock");
        m_reason = edit(QStringLiteral("caseActionReason"), this);
        m_reason->setPlaceholderText(action == CaseAction::PauseCorrection
                                         ? tr("What is awaited")
                                         : tr("The procedure, e.g. 专家评审"));
        form->addRow(labelOf(kReason), m_reason);
        break;
    case CaseAction::HandOver:
        title = tr("Hand over the result of case %1");
        ok = tr("Hand over");
        m_name = edit(QStringLiteral("caseActionCollectorName"), this);
        m_id = edit(QStringLiteral("caseActionCollectorId"), this);
        m_id->setPlaceholderText(tr("The collector's resident ID number"));
        m_authorised = new QCheckBox(
            tr("A person the applicant &authorised, with their own ID (the letter of authorisation "
               "is kept)"),
            this);
        m_authorised->setObjectName(QStringLiteral("caseActionAuthorised"));
        form->addRow(labelOf(kCollectorName), m_name);
        form->addRow(labelOf(kCollectorId), m_id);
        form->addRow(QString(), m_authorised);
        break;
    case CaseAction::LockerDeposit:
        title = tr("Put the result of case %1 in the locker");
        ok = tr("Put in the locker");
        m_compartment = edit(QStringLiteral("caseActionCompartment"), this);
        m_compartment->setPlaceholderText(tr("As the locker shows it, e.g. A-12"));
        m_pickupCode = edit(QStringLiteral("caseActionPickupCode"), this);
        m_pickupCode->setPlaceholderText(tr("The code the locker gave, sent to the applicant"));
        form->addRow(labelOf(kCompartment), m_compartment);
        form->addRow(labelOf(kPickupCode), m_pickupCode);
        break;
    case CaseAction::ResumeCorrection:
    case CaseAction::LockerCollect:
    case CaseAction::Complete:
    case CaseAction::AwaitPickup:
    case CaseAction::ResumeClock:
    case CaseAction::Mailing:
        title = tr("Case %1");
        ok = tr("OK");
        break;
    }
    setWindowTitle(title.arg(caseNumber));
    layout->addLayout(form);
    m_banner->setObjectName(QStringLiteral("caseActionBanner"));
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_banner->hide();
    layout->addWidget(m_banner);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(ok);
    m_ok->setObjectName(QStringLiteral("caseActionOk"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (submit())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(420);
    QWidget* first = m_departments;
    if (!first)
        first = m_department ? m_department : m_reason ? m_reason : m_name ? m_name : m_compartment;
    if (first)
        first->setFocus();
    if (QLineEdit* department = departmentEdit())
        department->selectAll(); // typing replaces the suggestion
}

void CaseActionDialog::addDepartment(QFormLayout* form, const QStringList& departments)
{
    const QString hint = tr("The department that decides, e.g. 市住建局审批科");
    if (departments.size() < 2) {
        m_department = edit(QStringLiteral("caseActionDepartment"), this);
        m_department->setPlaceholderText(hint);
        m_department->setText(departments.value(0));
        form->addRow(labelOf(kDepartment), m_department);
        return;
    }
    // The items' departments to choose from; another may still be typed.
    m_departments = new QComboBox(this);
    m_departments->setObjectName(QStringLiteral("caseActionDepartments"));
    m_departments->setEditable(true);
    m_departments->setInsertPolicy(QComboBox::NoInsert);
    m_departments->addItems(departments);
    m_departments->setCurrentIndex(0);
    m_departments->lineEdit()->setPlaceholderText(hint);
    m_departments->setToolTip(tr("The implementing departments of the case's items"));
    form->addRow(labelOf(kDepartment), m_departments);
}

QLineEdit* CaseActionDialog::departmentEdit() const
{
    return m_departments ? m_departments->lineEdit() : m_department;
}

QString CaseActionDialog::labelOf(const QString& key) const
{
    if (key == kDepartment)
        return tr("&Department");
    if (key == kReason)
        return tr("&Reason");
    if (key == kCollectorName)
        return tr("Collector's &name");
    if (key == kCollectorId)
        return tr("&ID number");
    if (key == kCompartment)
        return tr("&Compartment");
    if (key == kPickupCode)
        return tr("&Pick-up code");
    return {};
}

QLineEdit* CaseActionDialog::fieldOf(const QString& key) const
{
    if (key == kDepartment)
        return departmentEdit();
    if (key == kReason)
        return m_reason;
    if (key == kCompartment)
        return m_compartment;
    if (key == kPickupCode)
        return m_pickupCode;
    if (key == kCollectorName)
        return m_name;
    if (key == kCollectorId)
        return m_id;
    return nullptr;
}

CaseActionInput CaseActionDialog::input() const
{
    CaseActionInput in;
    if (QLineEdit* department = departmentEdit())
        in.department = department->text();
    if (m_compartment)
        in.compartment = m_compartment->text();
    if (m_pickupCode)
        in.pickupCode = m_pickupCode->text();
    if (m_reason)
        in.reason = m_reason->text();
    if (m_name)
        in.collector.name = m_name->text();
    if (m_id)
        in.collector.idNumber = m_id->text();
    if (m_authorised)
        in.collector.authorised = m_authorised->isChecked();
    return in;
}

bool CaseActionDialog::submit()
{
    for (QLineEdit* e : {departmentEdit(), m_reason, m_name, m_id, m_compartment, m_pickupCode})
        if (e)
            e->setStyleSheet(QString());
    auto moved = m_controller.perform(m_caseNumber, m_action, input());
    if (!moved) {
        showError(moved.error());
        return false;
    }
    return true;
}

void CaseActionDialog::showError(const Error& e)
{
    // Each problem under its field's name; the field marked and focused.
    QStringList lines;
    QLineEdit* first = nullptr;
    bool messageSaid = false;
    for (const Problem& p : e.problems) {
        QLineEdit* field = fieldOf(p.field);
        // The label without its mnemonic: "&ID number", "身份证号(&I)".
        QString label = labelOf(p.field)
                            .remove(QRegularExpression(QStringLiteral("\\(&\\w\\)")))
                            .remove(QLatin1Char('&'));
        lines << (label.isEmpty() ? p.message : tr("%1: %2").arg(label, p.message));
        messageSaid = messageSaid || p.message == e.message;
        if (field) {
            field->setStyleSheet(QStringLiteral("border: 1px solid #b00020;"));
            if (!first)
                first = field;
        }
    }
    if (!messageSaid)
        lines.prepend(e.message);
    m_banner->setText(lines.join(QLatin1Char('\n')));
    m_banner->show();
    if (first) {
        first->setFocus();
        first->selectAll();
    }
}

} // namespace ow::ui
