#pragma once

#include "cases/CaseQuery.h"
#include "documents/PrintJournal.h"

#include <QObject>
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
// days are kept in the program's settings. Holds no rule of its own.
class CasesController : public QObject
{
    Q_OBJECT
public:
    CasesController(Database& db, const WorkCalendar& calendar, DocumentPrinting& printing,
                    CasesPage* page, const Clock& clock = Clock::system(),
                    QObject* parent = nullptr);
    ~CasesController() override;

    // Where reprints go (not owned; nullptr: the preview dialog).
    void setPresenter(DocumentPresenter* presenter);

    const CaseQuery& query() const { return m_query; }
    // Reads the list again (after a decision elsewhere, or on showing the page).
    void refresh();
    void open(const QString& caseId);
    void reprint(const JournalEntry& entry);

signals:
    void message(const QString& text);
    // The cases in progress due soon and overdue, counted again.
    void deadlinesCounted(int dueSoon, int overdue);

private:
    void refreshCounts();
    void refreshList();

    Database& m_db;
    DocumentPrinting& m_printing;
    CasesPage* m_page;
    CaseQuery m_query;
    QString m_openId;
    std::unique_ptr<DocumentPresenter> m_ownPresenter;
    DocumentPresenter* m_presenter;
};

} // namespace ow::ui
