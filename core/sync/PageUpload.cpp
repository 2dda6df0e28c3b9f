#include "sync/PageUpload.h"

#include "pages/MaterialPages.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QThread>

namespace ow {

PageUploader::PageUploader(Database& db, SyncGateway& gateway, const Clock& clock)
    : m_db(db), m_gateway(gateway), m_clock(clock)
{
}

Result<bool> PageUploader::casesWaitInOutbox() const
{
    QSqlQuery q = m_db.query();
    if (!q.exec(QStringLiteral("SELECT EXISTS (SELECT 1 FROM outbox)")) || !q.next())
        return m_db.errorFrom(q);
    return q.value(0).toBool();
}

Result<PageUploadReport> PageUploader::run()
{
    PageUploadReport report;
    if (!m_db.hasTable(QStringLiteral("case_page_sync")))
        return report;
    // The cases the centre has (case_central), none of whose operations
    // waits or was refused, with pages it has not got as they are now.
    QSqlQuery q = m_db.query();
    if (!q.exec(QStringLiteral(
            "SELECT s.case_id, s.version FROM case_page_sync s "
            "JOIN case_central c ON c.case_id = s.case_id "
            "WHERE s.sent_version < s.version "
            "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity = 'case' AND o.entity_id = "
            "s.case_id) "
            "AND NOT EXISTS (SELECT 1 FROM sync_quarantine r WHERE r.entity = 'case' AND "
            "r.entity_id = s.case_id) "
            "ORDER BY s.changed_at LIMIT 200")))
        return m_db.errorFrom(q);
    QList<QPair<QString, qint64>> cases;
    while (q.next())
        cases.append({q.value(0).toString(), q.value(1).toLongLong()});
    q.finish();
    for (const auto& [caseId, version] : cases) {
        QSqlQuery p = m_db.query();
        p.prepare(QStringLiteral("SELECT DISTINCT b.sha256, b.format, b.bytes FROM case_page c "
                                 "JOIN page_blob b ON b.sha256 = c.sha256 WHERE c.case_id = ? "
                                 "AND b.centre_at = ''"));
        p.addBindValue(caseId);
        if (Status s = m_db.run(p); !s)
            return s.error();
        QList<std::tuple<QString, QString, qint64>> blobs;
        while (p.next())
            blobs.append({p.value(0).toString(), p.value(1).toString(), p.value(2).toLongLong()});
        p.finish();
        for (const auto& [sha, format, bytes] : blobs) {
            auto waiting = casesWaitInOutbox();
            if (!waiting)
                return waiting.error();
            if (waiting.value() || report.bytes >= m_budget) {
                report.yielded = true;
                if (Status s = recordHeld(); !s)
                    return s.error();
                return report;
            }
            if (Status s = uploadPage(sha, format, bytes, report); !s) {
                (void)recordHeld(); // what the centre confirmed stays confirmed
                return s.error();
            }
        }
        if (Status s = recordHeld(); !s)
            return s.error();
        Status sent = sendCasePages(caseId, version);
        if (!sent) {
            if (sent.error().kind == Error::Kind::Network)
                return sent.error();
            continue; // refused (the centre lacks the case yet): tried again next pass
        }
        ++report.cases;
    }
    return report;
}

Status PageUploader::uploadPage(const QString& sha256, const QString& format, qint64 bytes,
                                PageUploadReport& report)
{
    auto state = m_gateway.pageUploadBegin(sha256, format, bytes);
    if (!state)
        return state.error();
    qint64 at = state->received;
    if (!state->held) {
        const auto pageFormat = pageFormatFromString(format).value_or(PageFormat::Jpeg);
        MaterialPage named;
        named.sha256 = sha256;
        named.format = pageFormat;
        QFile file(MaterialPages(m_db).filePath(named));
        if (!file.open(QIODevice::ReadOnly))
            return Error::storage(tr("The page %1 cannot be read to send it: %2")
                                      .arg(file.fileName(), file.errorString()));
        QElapsedTimer clock;
        clock.start();
        qint64 sentHere = 0;
        while (at < bytes) {
            if (!file.seek(at))
                return Error::storage(tr("The page %1 cannot be read to send it: %2")
                                          .arg(file.fileName(), file.errorString()));
            const QByteArray chunk = file.read(qMin<qint64>(m_chunk, bytes - at));
            if (chunk.isEmpty())
                return Error::storage(
                    tr("The page %1 is shorter than recorded.").arg(file.fileName()));
            auto received = m_gateway.pageUploadChunk(sha256, at, chunk);
            if (!received)
                return received.error();
            sentHere += chunk.size();
            report.bytes += chunk.size();
            at = received.value();
            if (m_hook)
                if (Status s = m_hook(sha256, at); !s)
                    return s;
            if (m_rate > 0) {
                const qint64 due = sentHere * 1000 / m_rate;
                const qint64 ahead = due - clock.elapsed();
                if (ahead > 0)
                    QThread::msleep(quint64(ahead));
            }
        }
        if (Status s = m_gateway.pageUploadFinish(sha256); !s)
            return s;
        ++report.pages;
    }
    m_held << sha256;
    return m_held.size() >= 64 ? recordHeld() : Status();
}

Status PageUploader::recordHeld()
{
    if (m_held.isEmpty())
        return {};
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    QSqlQuery u = m_db.query();
    u.prepare(QStringLiteral("UPDATE page_blob SET centre_at = ? WHERE sha256 = ?"));
    const QString now = m_clock.now().toString(Qt::ISODateWithMs);
    for (const QString& sha : std::as_const(m_held)) {
        u.addBindValue(now);
        u.addBindValue(sha);
        if (Status s = m_db.run(u); !s)
            return s;
    }
    if (Status s = tx.commit(); !s)
        return s;
    m_held.clear();
    return {};
}

Status PageUploader::sendCasePages(const QString& caseId, qint64 version)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT material_id, position, sha256 FROM case_page WHERE case_id = "
                             "? ORDER BY material_id, position"));
    q.addBindValue(caseId);
    if (Status s = m_db.run(q); !s)
        return s;
    QJsonArray list;
    while (q.next())
        list.append(QJsonObject{{QStringLiteral("material"), q.value(0).toString()},
                                {QStringLiteral("position"), q.value(1).toInt()},
                                {QStringLiteral("sha256"), q.value(2).toString()}});
    q.finish();
    if (Status s =
            m_gateway.putCasePages(caseId, QJsonDocument(list).toJson(QJsonDocument::Compact));
        !s)
        return s;
    QSqlQuery u = m_db.query();
    u.prepare(QStringLiteral("UPDATE case_page_sync SET sent_version = ? WHERE case_id = ? AND "
                             "sent_version < ?"));
    u.addBindValue(version);
    u.addBindValue(caseId);
    u.addBindValue(version);
    return m_db.run(u);
}

Result<PagesWaiting> PageUploader::waiting(Database& db)
{
    PagesWaiting w;
    if (!db.hasTable(QStringLiteral("case_page_sync")))
        return w;
    QSqlQuery q = db.query();
    if (!q.exec(QStringLiteral(
            "SELECT count(*), coalesce(sum(bytes), 0), min(first_added) FROM (SELECT b.sha256, "
            "b.bytes, min(c.added_at) AS first_added FROM page_blob b JOIN case_page c ON "
            "c.sha256 = b.sha256 WHERE b.centre_at = '' GROUP BY b.sha256, b.bytes)")) ||
        !q.next())
        return db.errorFrom(q);
    w.pages = q.value(0).toInt();
    w.bytes = q.value(1).toLongLong();
    w.oldest = QDateTime::fromString(q.value(2).toString(), Qt::ISODateWithMs);
    q.finish();
    if (!q.exec(
            QStringLiteral("SELECT count(*) FROM case_page_sync WHERE sent_version < version")) ||
        !q.next())
        return db.errorFrom(q);
    w.cases = q.value(0).toInt();
    return w;
}

} // namespace ow
