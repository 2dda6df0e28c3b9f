// IntakeController: the applicant at the window, from the ID read to the
// details confirmed (complete, or as typed with Ctrl+Enter).
#include "ApplicantView.h"
#include "IntakeController.h"
#include "IntakeText.h"
#include "IntakeView.h"
#include "applicants/Validators.h"
#include "intake/FieldCheck.h"
#include "intake/IntakeService.h"

#include <QLineEdit>

namespace ow::ui {

namespace {

// Every sentence of a validator's error.
template <typename T> QString why(const Result<T>& r)
{
    if (r)
        return {};
    QStringList parts;
    for (const Problem& p : r.error().problems)
        parts << p.message;
    return parts.isEmpty() ? r.error().message : parts.join(QLatin1Char(' '));
}

} // namespace

void IntakeController::enterId(const QString& text)
{
    if (m_decision)
        startNext();
    ApplicantEntryView* entry = m_view->entry();
    const QString typed = text.trimmed();
    entry->idEdit()->setText(typed);
    if (typed.isEmpty()) {
        entry->setIdProblem(tr("Read the ID card or type the ID number or credit code."));
        return;
    }

    Applicant a;
    const auto id = validateResidentId(typed, m_intake.today(), QStringLiteral("idNumber"));
    const CreditCodeCheck code = inspectCreditCode(typed, QStringLiteral("creditCode"));
    // Digits only: an ID number unless it is a credit code passing its check.
    const QString first17 = typed.left(17);
    const bool digits =
        std::all_of(first17.cbegin(), first17.cend(), [](QChar c) { return c.isDigit(); });
    if (id) {
        a.kind = ApplicantKind::Natural;
        a.idType = IdType::ResidentId;
        a.idNumber = id->number;
    } else if (code.valid() || (!digits && code.overridable())) {
        a.kind = ApplicantKind::Legal;
        a.creditCode = code.code;
    } else {
        // Say what is wrong with what it most looks like.
        QString problem;
        if (typed.size() == 15 || digits)
            problem = why(id);
        else if (typed.size() == 18)
            problem = code.error ? code.error->problems.value(0).message : QString();
        if (problem.isEmpty())
            problem = tr("%1 is neither a resident ID number (18 characters) nor a unified social "
                         "credit code (18 characters).")
                          .arg(typed);
        entry->setIdProblem(problem);
        entry->focusId();
        return;
    }
    entry->setIdProblem({});

    auto file = m_service.lookupApplicant(a.key());
    if (!file) {
        m_view->showBanner(IntakeView::BannerKind::Error, file.error().fullText());
        return;
    }
    m_cases.clear();
    const bool known = file->has_value();
    if (known) {
        const ApplicantFile& f = **file;
        m_cases = f.cases;
        Applicant stored = f.applicant;
        stored.idNumber = a.isLegal() ? stored.idNumber : a.idNumber;
        if (stored.kind == a.kind)
            a = stored;
    }
    a.completeFromIdNumber();
    if (Status s = m_service.setApplicant(m_intake, a); !s) {
        m_view->showBanner(IntakeView::BannerKind::Error, s.error().fullText());
        return;
    }
    entry->showApplicant(m_intake.applicant(), known);
    if (const std::optional<Agent> agent = entry->agent()) // kept for the next applicant
        m_intake.setAgent(agent);
    showApplicantFile();
    m_intake.prefillForm();
    resumeOpenCorrection();
    refresh();
    if (known && checkPersonName(m_intake.applicant().name).isEmpty() &&
        missingDetails(m_intake.applicant(), m_intake.agent()).isEmpty()) {
        emit message(tr("Applicant: %1").arg(m_intake.applicant().name));
        emit applicantConfirmed();
    } else if (QLineEdit* missing =
                   entry->firstShownOf(missingDetails(m_intake.applicant(), m_intake.agent()))) {
        missing->setFocus(Qt::OtherFocusReason);
    } else {
        entry->focusDetails();
    }
}

void IntakeController::showApplicantFile()
{
    m_view->applicantPanel()->showFile(m_intake.applicant(), m_cases, m_intake.onFile(),
                                       m_service.creditFlags(m_intake));
}

QHash<QString, QString> IntakeController::detailProblems(const Applicant& a,
                                                         const std::optional<Agent>& agent) const
{
    QHash<QString, QString> problems;
    if (const QString w = checkPersonName(a.name); !w.isEmpty())
        problems.insert(QStringLiteral("name"), w);
    if (!a.phone.isEmpty())
        if (const QString w = checkPhone(a.phone); !w.isEmpty())
            problems.insert(QStringLiteral("phone"), w);
    if (a.isLegal()) {
        if (!a.legalRepresentative.isEmpty())
            if (const QString w = why(validatePersonName(a.legalRepresentative,
                                                         QStringLiteral("legalRepresentative")));
                !w.isEmpty())
                problems.insert(QStringLiteral("legalRepresentative"), w);
        if (!a.contactName.isEmpty())
            if (const QString w = checkPersonName(a.contactName); !w.isEmpty())
                problems.insert(QStringLiteral("contactName"), w);
        if (!a.contactPhone.isEmpty())
            if (const QString w = checkPhone(a.contactPhone); !w.isEmpty())
                problems.insert(QStringLiteral("contactPhone"), w);
    }
    if (agent) {
        if (const QString w = checkPersonName(agent->name); !w.isEmpty())
            problems.insert(QStringLiteral("agent.name"), w);
        if (agent->idNumber.isEmpty())
            problems.insert(QStringLiteral("agent.idNumber"),
                            tr("The agent's ID number is missing."));
        else if (const QString w = checkIdNumber(agent->idNumber, m_intake.today()); !w.isEmpty())
            problems.insert(QStringLiteral("agent.idNumber"), w);
        if (!agent->phone.isEmpty())
            if (const QString w = checkPhone(agent->phone); !w.isEmpty())
                problems.insert(QStringLiteral("agent.phone"), w);
    }
    return problems;
}

void IntakeController::enterInDetails(const QString& field)
{
    ApplicantEntryView* entry = m_view->entry();
    const Applicant a = entry->applicant();
    const std::optional<Agent> agent = entry->agent();
    const QString problem = detailProblems(a, agent).value(field);
    const bool filled = !entry->field(field)->text().trimmed().isEmpty();
    if (filled && !problem.isEmpty()) {
        // A wrong value is put right before going on.
        entry->setProblems({{field, problem}});
        return;
    }
    entry->setProblems({});
    // On to the next detail still missing (optional ones are reached by Tab).
    if (!entry->focusNextAfter(field, missingDetails(a, agent)))
        confirmApplicant();
}

bool IntakeController::syncApplicant(bool showProblems)
{
    ApplicantEntryView* entry = m_view->entry();
    if (m_intake.applicant().key().isEmpty())
        return false;
    Applicant a = entry->applicant();
    const std::optional<Agent> agent = entry->agent();

    const QHash<QString, QString> problems = detailProblems(a, agent);
    if (showProblems)
        entry->setProblems(problems);
    if (!problems.isEmpty())
        return false;

    const bool hadAgent = m_intake.agent().has_value();
    if (Status s = m_service.setApplicant(m_intake, a); !s) {
        m_view->showBanner(IntakeView::BannerKind::Error, s.error().fullText());
        return false;
    }
    std::optional<Agent> normalised = agent;
    if (normalised)
        if (auto id = validateResidentId(normalised->idNumber, m_intake.today()))
            normalised->idNumber = id->number;
    if (normalised.has_value() != hadAgent || normalised)
        m_intake.setAgent(normalised);
    m_intake.prefillForm();
    return true;
}

bool IntakeController::confirmApplicant(bool asIs)
{
    if (m_decision)
        return false;
    if (!syncApplicant(true)) {
        m_view->showBanner(IntakeView::BannerKind::Error,
                           tr("Correct the applicant's details marked in red."));
        m_view->entry()->focusDetails();
        refresh();
        return false;
    }
    const QStringList missing = missingDetails(m_intake.applicant(), m_intake.agent());
    QStringList names;
    for (const QString& field : missing)
        names << IntakeText::applicantField(field);
    if (!missing.isEmpty() && !asIs) {
        QHash<QString, QString> problems;
        for (const QString& field : missing)
            problems.insert(field, tr("%1 is missing.").arg(IntakeText::applicantField(field)));
        m_view->entry()->setProblems(problems);
        m_view->showBanner(IntakeView::BannerKind::Warning,
                           tr("Missing: %1. Type them, or Ctrl+Enter to go on without them.")
                               .arg(names.join(tr(", "))));
        if (QLineEdit* first = m_view->entry()->firstShownOf(missing))
            first->setFocus(Qt::OtherFocusReason);
        refresh();
        return false;
    }
    m_view->clearBanner();
    m_view->entry()->setProblems({});
    showApplicantFile();
    refresh();
    if (missing.isEmpty())
        m_view->entry()->setStatus(tr("Applicant confirmed: %1. Search for the items (F3).")
                                       .arg(m_intake.applicant().name));
    else
        m_view->entry()->setStatus(
            tr("Applicant confirmed without %1: %2. Search for the items (F3).")
                .arg(names.join(tr(", ")), m_intake.applicant().name));
    emit message(tr("Applicant: %1").arg(m_intake.applicant().name));
    emit applicantConfirmed();
    return true;
}

} // namespace ow::ui
