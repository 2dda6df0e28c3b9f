#pragma once

#include "auth/Session.h"
#include "service/ServiceRecords.h"
#include "store/Clock.h"
#include "store/Result.h"

#include <QObject>
#include <memory>

namespace ow {
class Database;
} // namespace ow

namespace ow::ui {

class DocumentPresenter;
class DocumentPrinting;

// Runs the pages of the service around a case (the mailing ledger, the
// consultation log, the call-backs, the ratings): each call goes to the
// core service with the clerk's session and place, and every change is
// announced with changed() so the pages read their lists again. Holds no
// rule of its own.
class ServiceController : public QObject
{
    Q_OBJECT
public:
    // `printing` (may be null: no slip is printed) prints the EMS slips.
    ServiceController(Database& db, Session session, Place place,
                      const Clock& clock = Clock::system(), DocumentPrinting* printing = nullptr,
                      QObject* parent = nullptr);
    ~ServiceController() override;

    const Clock& clock() const { return m_clock; }

    // The mailing ledger.
    Result<QList<MailingRecord>> mailings(const MailingFilter& filter) const;
    Result<QStringList> awaitingWaybill() const;
    Result<MailingRecord> recordWaybill(const QString& caseNumber, const QString& waybill);
    Result<MailingRecord> delivered(const QString& caseNumber, const QDate& on);
    Result<MailingRecord> returned(const QString& caseNumber, const QString& reason,
                                   const QDate& on);
    Result<MailingRecord> followup(const QString& caseNumber, bool reached, const QString& note);
    // The EMS slip of a case with `waybill` (empty: the one it was printed
    // with), shown in the print preview (or the presenter set), where it
    // prints through the journal.
    Status presentSlip(const QString& caseNumber, const QString& waybill, QWidget* parent);
    // Whether an EMS slip of the case was printed.
    bool slipPrinted(const QString& caseNumber) const;
    // Where slips go (not owned; nullptr: the preview dialog).
    void setPresenter(DocumentPresenter* presenter);
    Result<int> exportCsv(const MailingFilter& filter, const QString& path);
    Result<int> printLedger(const MailingFilter& filter, const QString& path);

    // Consultations.
    Result<Consultation> addConsultation(const Consultation& c);
    Result<QList<Consultation>> consultations(const QDate& day, const QString& search) const;

    // Call-backs and ratings.
    Result<QList<CallbackTask>> callbacks(bool openOnly) const;
    Result<CallbackTask> addCallback(const QString& caseNumber, const QString& name,
                                     const QString& phone, const QString& reason, const QDate& due);
    Result<CallbackTask> callbackDone(const QString& id, const QString& result);
    Result<Rating> rate(const QString& caseNumber, int grade, const QString& reason);

    // The case the clerk dealt with last (decided at the workbench or opened
    // on the cases page), offered for a rating.
    const QString& currentCase() const { return m_currentCase; }
    void setCurrentCase(const QString& caseNumber);
    // The case number of a stored case id (empty when unknown).
    QString caseNumberOf(const QString& caseId) const;

signals:
    void changed();
    void message(const QString& text);
    void currentCaseChanged(const QString& caseNumber);

private:
    template <typename T> Result<T> announce(Result<T> r, const QString& done);

    Database& m_db;
    Session m_session;
    Place m_place;
    const Clock& m_clock;
    DocumentPrinting* m_printing;
    std::unique_ptr<DocumentPresenter> m_ownPresenter;
    DocumentPresenter* m_presenter;
    QString m_currentCase;
};

} // namespace ow::ui
