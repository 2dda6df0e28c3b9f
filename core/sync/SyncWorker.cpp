#include "sync/SyncWorker.h"

#include "cases/CaseRecord.h"
#include "store/Clock.h"
#include "sync/PageUpload.h"
#include "sync/PgSyncGateway.h"
#include "sync/SyncStore.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QTimer>

namespace ow {

// Lives in the worker's thread: owns the connection, gateway and timer.
class SyncRunner : public QObject
{
    Q_OBJECT
public:
    SyncRunner(SyncWorker& front, SyncWorkerOptions options)
        : m_front(front), m_options(std::move(options))
    {
    }

public slots:
    void begin()
    {
        m_timer = new QTimer(this);
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, &SyncRunner::pass);
        pass();
    }
    void end()
    {
        if (m_timer)
            m_timer->stop();
        m_engine.reset();
        m_gateway.reset();
        m_db.reset();
    }
    void now()
    {
        if (m_timer)
            m_timer->stop();
        pass();
    }
    void changeUrl(const QString& url)
    {
        m_options.url = url;
        m_engine.reset();
        m_gateway.reset();
    }

private:
    Status prepare()
    {
        if (!m_db) {
            auto db = Database::open(m_options.storePath);
            if (!db)
                return db.error();
            m_db = std::move(db.value());
        }
        if (!m_engine) {
            m_gateway = std::make_unique<PgSyncGateway>(m_options.url);
            m_engine = std::make_unique<SyncEngine>(*m_db, *m_gateway, m_options.siteCode);
            m_engine->setBatchSize(m_options.batchSize);
            m_engine->setCounterName(m_options.counterName);
            m_engine->setKeepDays(m_options.keepDays);
            m_engine->setPageBytesPerSecond(qint64(m_options.pageKbps) * 1024);
            m_engine->setProgress([this](const QString& section, int rows) {
                SyncStatus s = m_front.status();
                s.snapshotSection = section;
                s.snapshotRows = rows;
                m_front.publish(s);
            });
        }
        return {};
    }

    void pass()
    {
        SyncStatus s = m_front.status();
        s.state = SyncStatus::State::Syncing;
        s.retryInMs = 0;
        m_front.publish(s);

        Result<SyncPassReport> report = Error::storage(QString());
        s.setup = m_options.setup;
        if (Status p = prepare(); !p)
            report = p.error();
        else if (!m_options.setup.ok())
            report = Error::invalid(m_options.setup.detail);
        else
            report = m_engine->runOnce();
        const QDateTime now = QDateTime::currentDateTime();
        if (m_db) {
            auto counts = SyncWorker::readStatus(*m_db, now);
            if (counts) {
                const SyncStatus& c = counts.value();
                s.pending = c.pending;
                s.pendingUnderHour = c.pendingUnderHour;
                s.pendingUnderDay = c.pendingUnderDay;
                s.pendingOlder = c.pendingOlder;
                s.oldestPending = c.oldestPending;
                s.quarantined = c.quarantined;
                s.quarantine = c.quarantine;
                s.pagesWaiting = c.pagesWaiting;
                s.pagesWaitingBytes = c.pagesWaitingBytes;
                s.pagesOldest = c.pagesOldest;
            }
        }
        s.snapshotSection.clear();
        s.snapshotRows = 0;
        qint64 next = m_options.intervalMs;
        if (report) {
            s.state = SyncStatus::State::Online;
            s.offlineSince = QDateTime();
            s.lastSuccess = now;
            s.lastError.clear();
            s.failures = 0;
        } else {
            const Error& e = report.error();
            const bool offline = e.kind == Error::Kind::Network;
            s.state = offline ? SyncStatus::State::Offline : SyncStatus::State::Failing;
            if (offline && !s.offlineSince.isValid())
                s.offlineSince = now;
            s.lastError =
                offline ? QCoreApplication::translate(
                              "ow::SyncWorker", "The centre cannot be reached; cases wait here and "
                                                "are sent when it answers again. (%1)")
                              .arg(e.message)
                        : e.fullText();
            ++s.failures;
            next =
                SyncWorker::backoffMs(s.failures, m_options.backoffBaseMs, m_options.backoffMaxMs);
            if (m_gateway)
                m_gateway->disconnect();
            if (m_db)
                (void)SyncStore(*m_db).recordError(s.lastError, now);
        }
        s.retryInMs = next;
        m_front.publish(s);
        if (report && report->catalogueChanged)
            emit m_front.catalogueChanged();
        if (report && report->caseStatusChanges > 0)
            emit m_front.casesChanged();
        emit m_front.passFinished(report.ok());
        if (m_timer)
            m_timer->start(int(qMin<qint64>(next, std::numeric_limits<int>::max())));
    }

    SyncWorker& m_front;
    SyncWorkerOptions m_options;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<PgSyncGateway> m_gateway;
    std::unique_ptr<SyncEngine> m_engine;
    QTimer* m_timer = nullptr;
};

SyncWorker::SyncWorker(SyncWorkerOptions options, QObject* parent)
    : QObject(parent), m_options(std::move(options))
{
    qRegisterMetaType<ow::SyncStatus>();
    m_thread.setObjectName(QStringLiteral("onewindow-sync"));
    m_status.setup = m_options.setup;
}

SyncWorker::~SyncWorker()
{
    stop();
}

void SyncWorker::start()
{
    if (m_runner)
        return;
    m_runner = new SyncRunner(*this, m_options);
    m_runner->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_runner, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(m_runner, "begin", Qt::QueuedConnection);
}

void SyncWorker::stop()
{
    if (!m_runner)
        return;
    QMetaObject::invokeMethod(m_runner, "end", Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_runner = nullptr;
}

void SyncWorker::syncNow()
{
    if (m_runner)
        QMetaObject::invokeMethod(m_runner, "now", Qt::QueuedConnection);
}

void SyncWorker::setUrl(const QString& url)
{
    m_options.url = url;
    if (m_runner)
        QMetaObject::invokeMethod(m_runner, "changeUrl", Qt::QueuedConnection, Q_ARG(QString, url));
}

SyncStatus SyncWorker::status() const
{
    QMutexLocker lock(&m_mutex);
    return m_status;
}

void SyncWorker::publish(const SyncStatus& status)
{
    {
        QMutexLocker lock(&m_mutex);
        m_status = status;
    }
    emit statusChanged(status);
}

Result<SyncStatus> SyncWorker::readStatus(Database& db, const QDateTime& now)
{
    SyncStatus s;
    auto ages = Outbox(db).ages();
    if (!ages)
        return ages.error();
    s.pending = int(ages->size());
    for (const QDateTime& at : ages.value()) {
        const qint64 secs = at.isValid() ? at.secsTo(now) : 0;
        if (secs < 3600)
            ++s.pendingUnderHour;
        else if (secs < 86400)
            ++s.pendingUnderDay;
        else
            ++s.pendingOlder;
    }
    if (!ages->isEmpty())
        s.oldestPending = ages->first();
    auto q = SyncStore(db).quarantineCount();
    if (!q)
        return q.error();
    s.quarantined = q.value();
    auto entries = SyncStore(db).quarantined();
    if (!entries)
        return entries.error();
    s.quarantine = entries->mid(qMax<qsizetype>(0, entries->size() - 100));
    auto pages = PageUploader::waiting(db);
    if (!pages)
        return pages.error();
    s.pagesWaiting = pages->pages;
    s.pagesWaitingBytes = pages->bytes;
    s.pagesOldest = pages->oldest;
    auto st = SyncStore(db).state();
    if (!st)
        return st.error();
    s.lastSuccess = st->lastSuccess;
    s.lastError = st->lastError;
    s.centreEvent = describeCentreEvent(st->centreEvent);
    s.centreEventAt = fromStoredTime(st->centreEvent.value(QStringLiteral("at")).toString());
    auto kept = Outbox(db).keptSummary();
    if (!kept)
        return kept.error();
    s.kept = kept->count;
    s.keptOldest = kept->oldest;
    return s;
}

qint64 SyncWorker::backoffMs(int failures, int baseMs, int maxMs)
{
    const int shift = qBound(0, failures - 1, 30);
    const qint64 cap = qMin<qint64>(qint64(maxMs), qint64(baseMs) << shift);
    const qint64 half = qMax<qint64>(1, cap / 2);
    return half + qint64(QRandomGenerator::global()->bounded(quint64(cap - half + 1)));
}

} // namespace ow

#include "SyncWorker.moc"
