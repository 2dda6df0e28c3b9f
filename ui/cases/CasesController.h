#pragma once

#include "auth/Session.h"
#include "cases/CaseActionDialog.h"
#include "cases/CaseActions.h"
#include "cases/CaseQuery.h"
#include "documents/PrintJournal.h"

#include <QObject>
#include <QPointer>
#include <memory>

namespace ow {
class Database;
class WorkCalendar;
} // namespace ow

namespace ow::ui {

class CasesPage;
class DocumentPresenter;
class DocumentPrinting;

// Runs the case pages: the list chosen with its search and filters
// (CaseQuery), the case opened (CaseRepository, the print journal), a
// reprint built again from the store and shown in the print preview, where
// it prints as a copy through the journal. The "due soon" warning's working
// days are kept in the program's settings. The case opened offers its next
// legal moves, made through CaseLifeService with the session, at the
// printing's place; after a move the case, the list and its counts are
// read again. A case awaiting a correction is taken up at the workbench or
// withdrawn; a locker case is put in its locker and collected. Holds no
// rule of its own.
class CasesController : public QObject
{
    Q_OBJECT
public:
    CasesController(Database& db, const WorkCalendar& calendar, DocumentPrinting& printing,
                    CasesPage* page, Session session = Session::system(),
                    const Clock& clock = Clock::system(), QObject* parent = nullptr);
    ~CasesController() override;

    // Where reprints go (not owned; nullptr: the preview dialog).
    void setPresenter(DocumentPresenter* presenter);

    const CaseQuery& query() const { return m_query; }
    // Reads the list again (after a decision elsewhere, or on showing the page).
    void refresh();
    void open(const QString& caseId);
    void reprint(const JournalEntry& entry);

    // The next moves of `c` for this session: legal from its status (and
    // delivery, and clock), disabled with the reason when the session may not.
    QList<CaseActionState> actionsFor(const CaseRecord& c) const;
    // The button of `action` pressed for the case open: a dialog asks for
    // what the move needs, or the move is made at once.
    void requestAction(CaseAction action);
    // Makes the move through CaseLifeService; on success the case, the list
    // and the counts are read again and the case stays open.
    Result<CaseRecord> perform(const QString& caseNumber, CaseAction action,
                               const CaseActionInput& input);
    // The dialog open for a move, if any.
    CaseActionDialog* dialog() const { return m_dialog; }

signals:
    void message(const QString& text);
    // The cases in progress due soon and overdue, counted again.
    void deadlinesCounted(int dueSoon, int overdue);
    // A case moved (its mailing may now be due).
    void caseMoved(const QString& caseNumber);
    // An EMS case: its mailing is recorded in the mailing ledger.
    void mailingRequested(const QString& caseNumber);
    // A case awaiting a correction: the applicant brought the materials, and
    // the intake at the workbench takes the correction up again.
    void correctionResumeRequested(const QString& noticeNumber);

private:
    void refreshCounts();
    void refreshList();
    CaseActionState permitted(CaseAction action, Permission permission) const;
    QList<CaseActionState> correctionActions(const CaseRecord& c) const;
    QList<CaseActionState> deliveryActions(const CaseRecord& c) const;
    QList<CaseActionState> clockActions(const CaseRecord& c) const;
    void openDialog(CaseAction action, const CaseRecord& c);

    Database& m_db;
    Session m_session;
    const Clock& m_clock;
    DocumentPrinting& m_printing;
    CasesPage* m_page;
    CaseQuery m_query;
    QString m_openId;
    QString m_openApplicant;
    QPointer<CaseActionDialog> m_dialog;
    std::unique_ptr<DocumentPresenter> m_ownPresenter;
    DocumentPresenter* m_presenter;
};

} // namespace ow::ui
