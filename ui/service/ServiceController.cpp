#include "service/ServiceController.h"

#include "cases/CaseRepository.h"
#include "documents/DocumentPreview.h"
#include "documents/DocumentPrinting.h"
#include "service/CallbackService.h"
#include "service/ConsultationService.h"
#include "service/MailingLedger.h"
#include "service/MailingService.h"
#include "service/RatingService.h"

namespace ow::ui {

ServiceController::ServiceController(Database& db, Session session, Place place, const Clock& clock,
                                     DocumentPrinting* printing, QObject* parent)
    : QObject(parent), m_db(db), m_session(std::move(session)), m_place(std::move(place)),
      m_clock(clock), m_printing(printing),
      m_ownPresenter(printing ? std::make_unique<PreviewDialogPresenter>(*printing) : nullptr),
      m_presenter(m_ownPresenter.get())
{
}

ServiceController::~ServiceController() = default;

void ServiceController::setPresenter(DocumentPresenter* presenter)
{
    m_presenter = presenter ? presenter : m_ownPresenter.get();
}

bool ServiceController::slipPrinted(const QString& caseNumber) const
{
    auto slip = PrintJournal(m_db).latestOfCase(caseNumber, DocumentKind::MailingSlip);
    return slip && slip->has_value();
}

Status ServiceController::presentSlip(const QString& caseNumber, const QString& waybill,
                                      QWidget* parent)
{
    if (!m_printing || !m_presenter)
        return Error::invalid(tr("This window prints no EMS slips."));
    auto slip = m_printing->documents().forCase(DocumentKind::MailingSlip, caseNumber.trimmed(),
                                                waybill.trimmed().toUpper());
    if (!slip)
        return slip.error();
    m_presenter->present(*slip, parent);
    return {};
}

template <typename T> Result<T> ServiceController::announce(Result<T> r, const QString& done)
{
    if (r) {
        emit message(done);
        emit changed();
    }
    return r;
}

Result<QList<MailingRecord>> ServiceController::mailings(const MailingFilter& filter) const
{
    MailingFilter f = filter;
    f.siteCode = m_place.siteCode;
    return MailingService(m_db, m_session, m_place, m_clock).list(f);
}

Result<QStringList> ServiceController::awaitingWaybill() const
{
    return MailingService(m_db, m_session, m_place, m_clock).awaitingWaybill();
}

Result<MailingRecord> ServiceController::recordWaybill(const QString& caseNumber,
                                                       const QString& waybill)
{
    auto r = MailingService(m_db, m_session, m_place, m_clock).record(caseNumber, waybill);
    const QString done =
        r ? tr("Case %1 mailed with waybill %2.").arg(r->caseNumber, r->waybill) : QString();
    return announce(std::move(r), done);
}

Result<MailingRecord> ServiceController::delivered(const QString& caseNumber, const QDate& on)
{
    auto r = MailingService(m_db, m_session, m_place, m_clock).delivered(caseNumber, on);
    return announce(std::move(r), tr("The mailing of case %1 was delivered.").arg(caseNumber));
}

Result<MailingRecord> ServiceController::returned(const QString& caseNumber, const QString& reason,
                                                  const QDate& on)
{
    auto r = MailingService(m_db, m_session, m_place, m_clock).returned(caseNumber, reason, on);
    return announce(
        std::move(r),
        tr("The mailing of case %1 came back: a call-back task is due.").arg(caseNumber));
}

Result<MailingRecord> ServiceController::followup(const QString& caseNumber, bool reached,
                                                  const QString& note)
{
    auto r = MailingService(m_db, m_session, m_place, m_clock).followup(caseNumber, reached, note);
    return announce(std::move(r), tr("Follow-up call of case %1 logged.").arg(caseNumber));
}

Result<int> ServiceController::exportCsv(const MailingFilter& filter, const QString& path)
{
    MailingFilter f = filter;
    f.siteCode = m_place.siteCode;
    auto r = exportMailingLedger(m_db, m_session, m_place, f, path, m_clock);
    return announce(std::move(r), tr("The ledger was exported to %1.").arg(path));
}

Result<int> ServiceController::printLedger(const MailingFilter& filter, const QString& path)
{
    MailingFilter f = filter;
    f.siteCode = m_place.siteCode;
    auto r = printMailingLedger(m_db, m_session, m_place, f, path, m_clock);
    return announce(std::move(r), tr("The ledger was printed to %1.").arg(path));
}

Result<Consultation> ServiceController::addConsultation(const Consultation& c)
{
    auto r = ConsultationService(m_db, m_session, m_place, m_clock).add(c);
    return announce(std::move(r), tr("Consultation logged."));
}

Result<QList<Consultation>> ServiceController::consultations(const QDate& day,
                                                             const QString& search) const
{
    return ConsultationService(m_db, m_session, m_place, m_clock).onDay(day, search);
}

Result<QList<CallbackTask>> ServiceController::callbacks(bool openOnly) const
{
    return CallbackService(m_db, m_session, m_place, m_clock).list(openOnly);
}

Result<CallbackTask> ServiceController::addCallback(const QString& caseNumber, const QString& name,
                                                    const QString& phone, const QString& reason,
                                                    const QDate& due)
{
    auto r = CallbackService(m_db, m_session, m_place, m_clock)
                 .add({caseNumber, name, phone, reason, due});
    return announce(std::move(r), tr("Call-back task added."));
}

Result<CallbackTask> ServiceController::callbackDone(const QString& id, const QString& result)
{
    auto r = CallbackService(m_db, m_session, m_place, m_clock).done(id, result);
    return announce(std::move(r), tr("Call-back done."));
}

Result<Rating> ServiceController::rate(const QString& caseNumber, int grade, const QString& reason)
{
    auto r = RatingService(m_db, m_session, m_place, m_clock).rate(caseNumber, grade, reason);
    const QString done =
        r && !r->callbackId.isEmpty()
            ? tr("Rating recorded: %1. A call-back task is due.").arg(gradeName(grade))
            : tr("Rating recorded: %1.").arg(gradeName(grade));
    return announce(std::move(r), done);
}

void ServiceController::setCurrentCase(const QString& caseNumber)
{
    if (caseNumber.isEmpty() || caseNumber == m_currentCase)
        return;
    m_currentCase = caseNumber;
    emit currentCaseChanged(caseNumber);
}

QString ServiceController::caseNumberOf(const QString& caseId) const
{
    auto c = CaseRepository(m_db).findById(caseId);
    return c && c->has_value() ? (*c)->caseNumber : QString();
}

} // namespace ow::ui
