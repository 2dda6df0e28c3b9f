// IntakeController: the decision (受理, 补正, 不予受理), what it shows and
// the document it hands over.
#include "ApplicantView.h"
#include "ChecklistView.h"
#include "DeliveryView.h"
#include "FormView.h"
#include "IntakeController.h"
#include "IntakeView.h"
#include "auth/Permission.h"
#include "documents/DocumentPreview.h"
#include "documents/DocumentPrinting.h"
#include "intake/IntakeService.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>

namespace ow::ui {

namespace {

QString problemList(const Error& error)
{
    QStringList lines{error.message.toHtmlEscaped()};
    for (const Problem& p : error.problems)
        lines << QStringLiteral("• ") + p.message.toHtmlEscaped();
    return lines.join(QStringLiteral("<br>"));
}

} // namespace

void IntakeController::showProblems(const Error& error)
{
    m_view->showBanner(IntakeView::BannerKind::Error, problemList(error));
    m_view->form()->setProblems(error.problems);
    m_view->delivery()->setProblems(error.problems);
    QHash<QString, QString> applicant;
    for (const Problem& p : error.problems) {
        if (p.where.startsWith(QLatin1String("applicant.")) &&
            !p.where.startsWith(QLatin1String("applicant.credit")))
            applicant.insert(p.where.mid(10), p.message);
        else if (p.where.startsWith(QLatin1String("agent.")))
            applicant.insert(p.where, p.message);
    }
    m_view->entry()->setProblems(applicant);

    // The first thing to put right gets the focus.
    for (const Problem& p : error.problems) {
        if (p.where.startsWith(QLatin1String("form."))) {
            m_view->focusWidget(m_view->form()->editor(p.where.mid(5)));
            return;
        }
        if (p.where.startsWith(QLatin1String("delivery."))) {
            QWidget* w = m_view->delivery()->field(p.where.mid(9));
            m_view->focusWidget(w ? w : m_view->delivery()->methodCombo());
            return;
        }
        if (p.where == QLatin1String("materials") && !p.field.isEmpty()) {
            m_view->focusChecklist();
            m_view->checklist()->table()->setCurrentMaterial(p.field);
            return;
        }
        if (p.where == QLatin1String("applicant.creditCode") ||
            p.where == QLatin1String("decision.override")) {
            if (QLineEdit* supervisor = m_view->applicantPanel()->overrideSupervisorEdit()) {
                m_view->focusWidget(supervisor);
                return;
            }
        }
        if (p.where == QLatin1String("applicant.creditGrade")) {
            m_view->focusWidget(m_view->applicantPanel()->acknowledgeCheck());
            return;
        }
        if (p.where.startsWith(QLatin1String("applicant")) ||
            p.where.startsWith(QLatin1String("agent."))) {
            if (m_intake.applicant().key().isEmpty())
                m_view->entry()->focusId();
            else
                m_view->entry()->focusDetails();
            return;
        }
    }
}

void IntakeController::accept()
{
    if (m_decision)
        return;
    if (syncApplicant(true))
        refresh(); // a corrected applicant reaches the form and delivery shown
    AcceptOptions options;
    options.delivery = m_view->delivery()->choice();
    options.creditWarningAcknowledged = m_view->applicantPanel()->acknowledged();
    options.creditCodeOverride = m_view->applicantPanel()->creditCodeOverride();
    // A clerk's session may not let a failing credit code through: the
    // supervisor signs in at this window, and core records their login.
    if (options.creditCodeOverride && !m_service.context().session.isSystem() &&
        !m_service.context().session.may(Permission::OverrideCreditCheck)) {
        auto approver = m_service.approverSignIn(options.creditCodeOverride->supervisor,
                                                 m_view->applicantPanel()->supervisorPassword());
        if (!approver) {
            Error e = approver.error();
            e.problems.prepend({QStringLiteral("decision.override"), QStringLiteral("supervisor"),
                                approver.error().message});
            showProblems(e);
            return;
        }
        options.overrideApprover = approver.value();
    }
    auto decided = m_service.accept(m_intake, options);
    if (!decided) {
        showProblems(decided.error());
        return;
    }
    finish(*decided);
}

void IntakeController::requestCorrection()
{
    if (m_decision)
        return;
    if (syncApplicant(true))
        refresh(); // a corrected applicant reaches the form and delivery shown
    CorrectionOptions options;
    options.delivery = m_view->delivery()->choice();
    auto decided = m_service.requestCorrection(m_intake, options);
    if (!decided) {
        showProblems(decided.error());
        return;
    }
    finish(*decided);
}

void IntakeController::refuse(const QString& reason, const QString& legalBasis,
                              const QString& competentBody)
{
    if (m_decision)
        return;
    if (syncApplicant(true))
        refresh(); // a corrected applicant reaches the form and delivery shown
    RefusalOptions options;
    options.reason = reason.trimmed();
    options.legalBasis = legalBasis.trimmed();
    options.competentBody = competentBody.trimmed();
    auto decided = m_service.refuse(m_intake, options);
    if (!decided) {
        m_view->showBanner(IntakeView::BannerKind::Error, problemList(decided.error()));
        for (const Problem& p : decided.error().problems) {
            if (p.where.startsWith(QLatin1String("decision."))) {
                m_view->focusWidget(m_view->refusalField(p.where.mid(9)));
                return;
            }
        }
        showProblems(decided.error());
        return;
    }
    finish(*decided);
}

void IntakeController::finish(const Decision& d)
{
    m_decision = d;
    QString html;
    switch (d.kind) {
    case DecisionKind::Accept:
        if (d.status == CaseStatus::Completed) {
            html = tr("Accepted and completed on the spot: case <b>%1</b>.").arg(d.caseNumber);
        } else {
            html = tr("Accepted: case <b>%1</b>, promised by <b>%2</b> (%n working day(s)).",
                      nullptr, d.promisedDays)
                       .arg(d.caseNumber, d.promisedDate.toString(Qt::ISODate));
            if (d.promisedProvisional)
                html += QLatin1Char(' ') +
                        tr("<b>Provisional</b>: the holiday calendar of that year is not "
                           "published yet.");
        }
        break;
    case DecisionKind::Correct:
        html = tr("Corrections asked: one-time notice <b>%1</b>, %n material(s) to bring.", nullptr,
                  int(d.correctionLines.size()))
                   .arg(d.noticeNumber);
        break;
    case DecisionKind::Refuse:
        html = tr("Not accepted: notice <b>%1</b>.").arg(d.noticeNumber);
        break;
    }
    if (d.visit > 1)
        html += QLatin1Char(' ') + tr("Visit %1 of this matter.").arg(d.visit);
    m_view->showResult(html);
    m_view->showBanner(IntakeView::BannerKind::Success,
                       tr("Decision recorded. Read the next ID card, or Ctrl+N."));
    m_view->setDecided(true);
    m_view->entry()->setProblems({});
    emit message(tr("Decision recorded: %1").arg(d.number()));
    emit decided(d);

    // The documents are built from the case as stored, so that what is
    // printed is what the print journal can verify later.
    m_view->entry()->focusId();
    for (const DocumentToPrint& wanted : CaseDocuments::afterDecision(d)) {
        auto prepared = m_printing.documents().forCase(wanted.kind, wanted.number);
        if (!prepared) {
            m_view->showBanner(IntakeView::BannerKind::Error, prepared.error().message);
            continue;
        }
        if (m_presenter)
            m_presenter->present(*prepared, m_view);
    }
}

void IntakeController::startNext(bool sameAgent)
{
    const std::optional<Agent> agent = sameAgent ? m_view->entry()->agent() : std::nullopt;
    m_intake = m_service.begin();
    m_decision.reset();
    m_undo.clear();
    m_cases.clear();
    m_suggestions.clear();
    m_view->setDecided(false);
    m_view->entry()->clear();
    if (agent) {
        m_view->entry()->setAgent(*agent);
        m_view->entry()->setStatus(
            tr("Next applicant brought by %1: read their ID card.").arg(agent->name));
    }
    m_view->applicantPanel()->clear();
    m_view->delivery()->clear();
    m_view->clearBanner();
    m_view->showResult({});
    m_view->closeRefusal();
    m_view->form()->setProblems({});
    refresh();
    m_view->entry()->focusId();
    emit nextStarted();
}

} // namespace ow::ui
