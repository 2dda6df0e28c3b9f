#include "CasesController.h"

#include "CaseListModel.h"
#include "CasesPage.h"
#include "cases/CaseActionDialog.h"
#include "cases/CaseLife.h"
#include "cases/CaseRepository.h"
#include "documents/DocumentPreview.h"
#include "documents/DocumentPrinting.h"

#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <algorithm>

namespace ow::ui {

namespace {

const QString kDueSoonKey = QStringLiteral("cases/dueSoonWorkingDays");

// The error as the clerk reads it: the message, then each detail it adds.
QString plainText(const Error& e)
{
    QStringList lines{e.message};
    for (const Problem& p : e.problems)
        if (p.message != e.message)
            lines << p.message;
    return lines.join(QLatin1Char('\n'));
}

} // namespace

CasesController::CasesController(Database& db, const WorkCalendar& calendar,
                                 DocumentPrinting& printing, CasesPage* page, Session session,
                                 const Clock& clock, QObject* parent)
    : QObject(parent), m_db(db), m_session(std::move(session)), m_clock(clock),
      m_printing(printing), m_page(page), m_query(db, calendar, printing.place(), clock),
      m_ownPresenter(std::make_unique<PreviewDialogPresenter>(printing)),
      m_presenter(m_ownPresenter.get())
{
    m_query.setDueSoonDays(QSettings().value(kDueSoonKey, 2).toInt());
    {
        const QSignalBlocker block(m_page->dueSoonDays());
        m_page->dueSoonDays()->setValue(m_query.dueSoonDays());
    }
    connect(m_page, &CasesPage::filterChanged, this, &CasesController::refresh);
    connect(m_page, &CasesPage::searchChanged, this, &CasesController::refreshList);
    connect(m_page, &CasesPage::caseOpened, this, &CasesController::open);
    connect(m_page, &CasesPage::dueSoonDaysChanged, this, [this](int days) {
        m_query.setDueSoonDays(days);
        QSettings().setValue(kDueSoonKey, days);
        refresh();
    });
    connect(m_page->detail(), &CaseDetailView::reprintRequested, this, &CasesController::reprint);
    connect(m_page->detail(), &CaseDetailView::actionRequested, this,
            &CasesController::requestAction);
    refresh();
}

CasesController::~CasesController() = default;

void CasesController::setPresenter(DocumentPresenter* presenter)
{
    m_presenter = presenter ? presenter : m_ownPresenter.get();
}

void CasesController::refreshCounts()
{
    int dueSoon = 0;
    int overdue = 0;
    for (CaseList list : CasesPage::allLists()) {
        if (list == CaseList::All)
            continue;
        auto n = m_query.count(list);
        m_page->setListCount(list, n ? *n : -1);
        if (n && list == CaseList::DueSoon)
            dueSoon = *n;
        if (n && list == CaseList::Overdue)
            overdue = *n;
    }
    emit deadlinesCounted(dueSoon, overdue);
}

void CasesController::refresh()
{
    refreshCounts();
    refreshList();
}

void CasesController::refreshList()
{
    CaseFilter filter;
    filter.list = m_page->currentList();
    filter.text = m_page->searchEdit()->text();
    filter.status = m_page->statusChosen();
    auto rows = m_query.list(filter);
    if (!rows) {
        m_page->model()->setRows({});
        m_page->summary()->setText(rows.error().message);
        return;
    }
    const int n = int(rows->size());
    m_page->model()->setRows(std::move(*rows));
    m_page->table()->resizeColumnsToContents();
    m_page->summary()->setText(
        n >= 500 ? tr("The first %1 cases; narrow the search to see the rest.").arg(n)
                 : tr("%n case(s)", nullptr, n));
    // The case open stays open when it is still listed.
    const int row = m_openId.isEmpty() ? -1 : m_page->model()->rowOf(m_openId);
    if (row >= 0) {
        m_page->table()->selectRow(row);
        open(m_openId);
    } else {
        m_openId.clear();
        m_page->detail()->clear();
    }
}

void CasesController::open(const QString& caseId)
{
    auto found = CaseRepository(m_db).findById(caseId);
    if (!found || !found->has_value()) {
        m_page->detail()->clear();
        if (!found)
            emit message(found.error().message);
        return;
    }
    const CaseRecord& c = **found;
    m_openId = caseId;
    // Every print of the case: of its number and of its notices.
    QStringList subjects;
    if (!c.caseNumber.isEmpty())
        subjects << c.caseNumber;
    for (const CorrectionRecord& r : c.corrections)
        subjects << r.number;
    for (const RefusalRecord& r : c.refusals)
        subjects << r.number;
    QList<JournalEntry> prints;
    QSet<QString> seen;
    for (const QString& subject : subjects) {
        auto entries = m_printing.journal().entriesOf(subject);
        if (!entries) {
            emit message(entries.error().message);
            continue;
        }
        for (const JournalEntry& e : *entries)
            if (!seen.contains(e.id)) {
                seen.insert(e.id);
                prints << e;
            }
    }
    std::stable_sort(
        prints.begin(), prints.end(),
        [](const JournalEntry& a, const JournalEntry& b) { return a.printedAt < b.printedAt; });
    if (const int row = m_page->model()->rowOf(caseId); row >= 0)
        m_openApplicant = m_page->model()->rowAt(row)->applicantName;
    m_page->detail()->showCase(c, m_openApplicant, prints);
    auto progress = CaseLifeService(m_db, m_session, m_printing.place(), m_clock).progress(c.id);
    m_page->detail()->showLocker(progress ? progress->locker : std::nullopt);
    m_page->detail()->setActions(actionsFor(c));
}

CaseActionState CasesController::permitted(CaseAction action, Permission permission) const
{
    if (Status s = m_session.require(permission); !s)
        return {action, false, s.error().message};
    return {action, true, {}};
}

QList<CaseActionState> CasesController::correctionActions(const CaseRecord& c) const
{
    // Awaiting a correction: the materials brought, or the applicant gives up.
    if (c.status != CaseStatus::CorrectionRequested)
        return {}; // a refusal: nothing moves it from here
    QList<CaseActionState> out{permitted(CaseAction::ResumeCorrection, Permission::AcceptIntake)};
    if (nextStatuses(c).contains(CaseStatus::Withdrawn))
        out << permitted(CaseAction::Withdraw, Permission::HandleCase);
    return out;
}

QList<CaseActionState> CasesController::deliveryActions(const CaseRecord& c) const
{
    const QList<CaseStatus> next = nextStatuses(c);
    QList<CaseActionState> out;
    switch (c.delivery.method) {
    case Delivery::Ems: // mailed, then delivered by the post: the mailing ledger
        if (next.contains(CaseStatus::Mailed) || next.contains(CaseStatus::Delivered))
            out << permitted(CaseAction::Mailing, Permission::HandleCase);
        break;
    case Delivery::Locker: // put in the locker, then collected there
        if (next.contains(CaseStatus::AwaitingPickup))
            out << permitted(CaseAction::LockerDeposit, Permission::HandleCase);
        else if (c.status == CaseStatus::AwaitingPickup)
            out << permitted(CaseAction::LockerCollect, Permission::HandleCase);
        break;
    case Delivery::Pickup:
        if (next.contains(CaseStatus::AwaitingPickup))
            out << permitted(CaseAction::AwaitPickup, Permission::HandleCase);
        if (next.contains(CaseStatus::Delivered))
            out << permitted(CaseAction::HandOver, Permission::HandleCase);
        break;
    }
    return out;
}

QList<CaseActionState> CasesController::clockActions(const CaseRecord& c) const
{
    if (!clockRuns(c.status))
        return {};
    bool paused = false;
    if (auto progress =
            CaseLifeService(m_db, m_session, m_printing.place(), m_clock).progress(c.id))
        for (const ClockPause& p : progress->pauses)
            paused = paused || p.running();
    if (paused)
        return {permitted(CaseAction::ResumeClock, Permission::HandleCase)};
    CaseActionState special = permitted(CaseAction::PauseSpecial, Permission::HandleCase);
    if (special.enabled)
        special = permitted(CaseAction::PauseSpecial, Permission::SpecialProcedure);
    return {permitted(CaseAction::PauseCorrection, Permission::HandleCase), special};
}

QList<CaseActionState> CasesController::actionsFor(const CaseRecord& c) const
{
    if (c.caseNumber.isEmpty())
        return correctionActions(c);
    QList<CaseActionState> out;
    const QList<CaseStatus> next = nextStatuses(c);
    if (next.contains(CaseStatus::Forwarded))
        out << permitted(CaseAction::Forward, Permission::HandleCase);
    if (next.contains(CaseStatus::Approved) || next.contains(CaseStatus::Refused)) {
        // Recorded at the window after forwarding; decided at the window before.
        CaseActionState decide = permitted(CaseAction::Approve, Permission::HandleCase);
        if (decide.enabled && c.status != CaseStatus::Forwarded) {
            const CaseLifeService life(m_db, m_session, m_printing.place(), m_clock);
            if (Status s = life.windowAuthority(c); !s)
                decide = {CaseAction::Approve, false, s.error().message};
        }
        if (next.contains(CaseStatus::Approved))
            out << decide;
        if (next.contains(CaseStatus::Refused)) {
            decide.action = CaseAction::Refuse;
            out << decide;
        }
    }
    if (next.contains(CaseStatus::Completed))
        out << permitted(CaseAction::Complete, Permission::HandleCase);
    out << deliveryActions(c);
    if (next.contains(CaseStatus::Withdrawn))
        out << permitted(CaseAction::Withdraw, Permission::HandleCase);
    out << clockActions(c);
    return out;
}

void CasesController::requestAction(CaseAction action)
{
    auto found = CaseRepository(m_db).findById(m_openId);
    if (!found || !found->has_value())
        return;
    const QString number = referenceOf(**found);
    if (number.isEmpty())
        return;
    if (action == CaseAction::Mailing) {
        emit mailingRequested(number);
        return;
    }
    if (action == CaseAction::ResumeCorrection) {
        emit correctionResumeRequested(number);
        return;
    }
    if (asksForInput(action)) {
        openDialog(action, **found);
        return;
    }
    auto moved = perform(number, action, {});
    if (!moved)
        m_page->detail()->showOutcome(plainText(moved.error()), true);
}

void CasesController::openDialog(CaseAction action, const CaseRecord& c)
{
    if (m_dialog)
        m_dialog->close();
    // A forward is suggested to the departments of the case's items.
    QStringList departments;
    if (action == CaseAction::Forward)
        if (auto known =
                CaseLifeService(m_db, m_session, m_printing.place(), m_clock).departmentsOf(c))
            departments = *known;
    auto* d = new CaseActionDialog(*this, action, referenceOf(c), departments, m_page);
    d->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = d;
    d->open();
}

Result<CaseRecord> CasesController::perform(const QString& caseNumber, CaseAction action,
                                            const CaseActionInput& input)
{
    CaseLifeService life(m_db, m_session, m_printing.place(), m_clock);
    const QString reason = input.reason.trimmed();
    Result<CaseRecord> moved = Error::invalid(tr("Nothing to do."));
    QString done;
    switch (action) {
    case CaseAction::Forward:
        moved = life.forward(caseNumber, input.department);
        done = tr("Case %1 forwarded to %2.").arg(caseNumber, input.department.trimmed());
        break;
    case CaseAction::Approve:
        moved = life.approve(caseNumber, reason);
        done = tr("Case %1 approved.").arg(caseNumber);
        break;
    case CaseAction::Refuse:
        moved = life.refuse(caseNumber, reason);
        done = tr("Case %1 refused: %2").arg(caseNumber, reason);
        break;
    case CaseAction::Complete:
        moved = life.complete(caseNumber);
        done = tr("Case %1 completed.").arg(caseNumber);
        break;
    case CaseAction::AwaitPickup:
        moved = life.awaitPickup(caseNumber);
        done = tr("The result of case %1 awaits pick-up at the window.").arg(caseNumber);
        break;
    case CaseAction::HandOver:
        moved = life.handOver(caseNumber, input.collector);
        done = tr("The result of case %1 was handed to %2.")
                   .arg(caseNumber, input.collector.name.trimmed());
        break;
    case CaseAction::LockerDeposit:
        moved = life.putInLocker(caseNumber, input.compartment, input.pickupCode);
        done = tr("The result of case %1 is in the locker, compartment %2, pick-up code %3.")
                   .arg(caseNumber, input.compartment.trimmed(), input.pickupCode.trimmed());
        break;
    case CaseAction::LockerCollect:
        moved = life.collectFromLocker(caseNumber);
        done = tr("The result of case %1 was collected from the locker.").arg(caseNumber);
        break;
    case CaseAction::Withdraw:
        moved = life.withdraw(caseNumber, reason);
        done = tr("Case %1 withdrawn: %2").arg(caseNumber, reason);
        break;
    case CaseAction::PauseCorrection:
    case CaseAction::PauseSpecial:
        moved = life.pauseClock(caseNumber,
                                action == CaseAction::PauseCorrection ? QStringLiteral("correction")
                                                                      : QStringLiteral("special"),
                                reason);
        done = tr("The legal clock of case %1 stands still from today.").arg(caseNumber);
        break;
    case CaseAction::ResumeClock:
        moved = life.resumeClock(caseNumber);
        done = tr("The legal clock of case %1 runs again.").arg(caseNumber);
        break;
    case CaseAction::Mailing:
        emit mailingRequested(caseNumber);
        return Error::invalid(tr("Case %1 is mailed through the mailing ledger.").arg(caseNumber));
    case CaseAction::ResumeCorrection:
        emit correctionResumeRequested(caseNumber);
        return Error::invalid(
            tr("The correction %1 is taken up in the intake at the workbench.").arg(caseNumber));
    }
    if (!moved)
        return moved;
    // The case stays open, even when it has left the list shown.
    const QString id = moved->id;
    m_openId = id;
    refresh();
    if (m_openId != id)
        open(id);
    m_page->detail()->showOutcome(done, false);
    emit message(done);
    emit caseMoved(caseNumber);
    return moved;
}

void CasesController::reprint(const JournalEntry& entry)
{
    auto prepared = m_printing.documents().rebuild(entry.kind, entry.subject, entry.caseNumber,
                                                   entry.place.clerk);
    if (!prepared) {
        emit message(prepared.error().message);
        return;
    }
    if (m_presenter)
        m_presenter->present(*prepared, m_page);
}

} // namespace ow::ui
