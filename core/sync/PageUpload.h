#pragma once

#include "store/Clock.h"
#include "store/Database.h"
#include "sync/SyncGateway.h"

#include <QCoreApplication>
#include <QDateTime>
#include <functional>

namespace ow {

// What one run of the page upload did.
struct PageUploadReport
{
    int pages = 0;        // pages the centre now holds that it did not
    qint64 bytes = 0;     // bytes sent
    int cases = 0;        // cases whose page list the centre now has
    bool yielded = false; // stopped for cases waiting in the outbox, or the pass's budget
};

// The pages waiting for the centre, for the sync page and `sync status`.
struct PagesWaiting
{
    int pages = 0;
    qint64 bytes = 0;
    QDateTime oldest; // when the oldest was added to its case
    int cases = 0;    // cases whose page list the centre has not yet
};

// Sends the pages of cases to the centre, after their case: a case's pages
// go only once the centre has the case (and no operation of it waits in the
// outbox), and the run stops as soon as a new operation waits, so a case's
// rows never wait behind images. Each page is read from its file in chunks
// (the memory used is one chunk, whatever the backlog) and sent in
// resumable chunks: a page cut off resumes where the centre says it stands.
// The centre confirms a page once its bytes match its hash; then the case's
// page list follows. Runs on the sync worker's thread and store connection.
class PageUploader
{
    Q_DECLARE_TR_FUNCTIONS(ow::PageUploader)

public:
    PageUploader(Database& db, SyncGateway& gateway, const Clock& clock = Clock::system());

    void setChunkBytes(int bytes) { m_chunk = qMax(4096, bytes); }
    // A cap on the upload's bandwidth (bytes a second; 0: none).
    void setBytesPerSecond(qint64 rate) { m_rate = rate; }
    // The most bytes one run sends before it yields to the next pass.
    void setRunBudget(qint64 bytes) { m_budget = bytes; }
    // Called after each chunk the centre stored with the page's bytes sent
    // so far; an error returned ends the run there (a test's cut).
    void setChunkHook(std::function<Status(const QString& sha256, qint64 sent)> hook)
    {
        m_hook = std::move(hook);
    }

    Result<PageUploadReport> run();

    static Result<PagesWaiting> waiting(Database& db);

    // Sends one stored page (a page_blob row) the centre does not hold yet,
    // resuming where the centre stands. That the centre has it is recorded
    // by recordHeld(), for many pages in one local transaction (a page the
    // centre holds but not yet recorded is answered "held" next time).
    Status uploadPage(const QString& sha256, const QString& format, qint64 bytes,
                      PageUploadReport& report);
    Status recordHeld();

private:
    Status sendCasePages(const QString& caseId, qint64 version);
    Result<bool> casesWaitInOutbox() const;

    Database& m_db;
    SyncGateway& m_gateway;
    const Clock& m_clock;
    int m_chunk = 1024 * 1024;
    qint64 m_rate = 0;
    qint64 m_budget = 64LL * 1024 * 1024;
    std::function<Status(const QString&, qint64)> m_hook;
    QStringList m_held; // pages the centre confirmed, not yet recorded here
};

} // namespace ow
