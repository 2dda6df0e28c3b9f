// Page upload: MB megabytes of pages (300 KB each, as a day's backlog)
// stored at a counter are sent to the centre over loopback by the sync
// worker's page uploader (resumable 1 MB chunks, each stored on its own,
// checked against the hash at the end), next to COPY of the same bytes
// into a bytea table in the same run (the floor). Prints the counter's RSS
// before and its peak during the upload. Targets: within 2x of COPY; RSS
// grows by < 50 MB.
//
//   bench_page_upload PG_ENV [MB]       (default 256; the figure: 1024)
//
// PG_ENV is the file `tests/sync/pg-cluster.sh start DIR` writes (DIR/pg.env).
#include "BenchCluster.h"
#include "pages/MaterialPages.h"
#include "store/Database.h"
#include "sync/CentralAdmin.h"
#include "sync/CentralConnection.h"
#include "sync/CentralMigrations.h"
#include "sync/PageUpload.h"
#include "sync/PgSyncGateway.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrl>
#include <cstdio>
#include <libpq-fe.h>

using namespace ow;
using namespace ow::bench;

namespace {

qint64 statusKb(const char* key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(qstrlen(key)).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

void must(const Status& s, const char* what)
{
    if (!s)
        die(QStringLiteral("%1: %2").arg(QLatin1String(what), s.error().fullText()));
}

void be32(QByteArray& b, quint32 v)
{
    const char c[4] = {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
    b.append(c, 4);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2)
        die(QStringLiteral("usage: bench_page_upload PG_ENV [MB]"));
    const qint64 megabytes = args.size() > 2 ? args.at(2).toLongLong() : 256;
    const int pageBytes = 300 * 1024;
    const int count = int(megabytes * 1024 * 1024 / pageBytes);
    const QString superUrl = serverUrl(args.at(1), QStringLiteral("postgres"));
    const QString dbName =
        QStringLiteral("ow_bench_pages_%1").arg(QRandomGenerator::global()->bounded(1u << 30));
    {
        auto pg = CentralConnection::open(superUrl);
        if (!pg)
            die(pg.error().fullText());
        must(pg.value()->exec(QStringLiteral("CREATE DATABASE %1").arg(dbName)), "create database");
    }
    const QString adminUrl = serverUrl(args.at(1), dbName);
    auto admin = CentralConnection::open(adminUrl);
    if (!admin)
        die(admin.error().fullText());
    if (auto m = CentralMigrations::apply(*admin.value()); !m)
        die(m.error().fullText());
    const QString code = QStringLiteral("PGB%1").arg(QRandomGenerator::global()->bounded(100000));
    auto site = CentralAdmin(*admin.value())
                    .addSite(code, QStringLiteral("基准测试网点"), QStringLiteral("town"));
    if (!site)
        die(site.error().fullText());

    // The counter's pages: stored as capture stores them (durable files, rows).
    QTemporaryDir dir;
    auto store = Database::open(dir.filePath(QStringLiteral("onewindow.sqlite")));
    if (!store)
        die(store.error().fullText());
    Database& db = *store.value();
    MaterialPages pages(db);
    QList<EncodedPage> stored;
    QRandomGenerator g(42);
    for (int i = 0; i < count; i += 50) {
        QList<EncodedPage> batch;
        for (int j = i; j < std::min(count, i + 50); ++j) {
            EncodedPage p;
            p.bytes.resize(pageBytes);
            g.fillRange(reinterpret_cast<quint32*>(p.bytes.data()), pageBytes / 4);
            p.bytes[0] = char(0xFF), p.bytes[1] = char(0xD8), p.bytes[2] = char(0xFF);
            p.sha256 = PageImage::sha256Hex(p.bytes);
            p.width = 1654;
            p.height = 2339;
            batch << p;
            stored << EncodedPage{{}, p.sha256, p.format, p.width, p.height};
        }
        if (auto r = pages.addEncoded(PageOwner::ofDraft(QStringLiteral("bench")),
                                      QStringLiteral("m%1").arg(i), batch);
            !r)
            die(r.error().fullText());
    }

    // 1. The page uploader, through the site's own login.
    PgSyncGateway gateway(site->url);
    PageUploader uploader(db, gateway);
    PageUploadReport report;
    // The peak from here on (Linux: writing 5 to clear_refs resets VmHWM).
    {
        QFile clear(QStringLiteral("/proc/self/clear_refs"));
        if (clear.open(QIODevice::WriteOnly))
            clear.write("5");
    }
    const qint64 rssBefore = statusKb("VmRSS:");
    QElapsedTimer t;
    t.start();
    for (const EncodedPage& p : stored)
        must(uploader.uploadPage(p.sha256, QStringLiteral("jpeg"), pageBytes, report), "upload");
    must(uploader.recordHeld(), "record");
    const double uploadMs = t.nsecsElapsed() / 1e6;
    const qint64 rssPeak = statusKb("VmHWM:");

    // 2. COPY of the same bytes into a bytea table (binary COPY, streamed from the files).
    PGconn* c = PQconnectdb(QUrl(adminUrl).toString().toUtf8().constData());
    if (PQstatus(c) != CONNECTION_OK)
        die(QString::fromUtf8(PQerrorMessage(c)));
    PQclear(PQexec(c, "CREATE TABLE copy_pages (sha256 text, data bytea)"));
    PQclear(PQexec(c, "ALTER TABLE copy_pages ALTER COLUMN data SET STORAGE EXTERNAL"));
    t.restart();
    PGresult* r = PQexec(c, "COPY copy_pages FROM STDIN (FORMAT binary)");
    if (PQresultStatus(r) != PGRES_COPY_IN)
        die(QString::fromUtf8(PQerrorMessage(c)));
    PQclear(r);
    QByteArray head("PGCOPY\n\377\r\n\0", 11);
    be32(head, 0);
    be32(head, 0);
    PQputCopyData(c, head.constData(), int(head.size()));
    for (const EncodedPage& p : stored) {
        QFile f(pages.store().pathOf(p.sha256, PageFormat::Jpeg));
        if (!f.open(QIODevice::ReadOnly))
            die(f.fileName());
        QByteArray row;
        row.append(char(0)).append(char(2));
        const QByteArray sha = p.sha256.toLatin1();
        be32(row, quint32(sha.size()));
        row += sha;
        be32(row, quint32(f.size()));
        PQputCopyData(c, row.constData(), int(row.size()));
        while (!f.atEnd()) {
            const QByteArray chunk = f.read(256 * 1024);
            PQputCopyData(c, chunk.constData(), int(chunk.size()));
        }
    }
    const char trailer[2] = {char(0xFF), char(0xFF)};
    PQputCopyData(c, trailer, 2);
    if (PQputCopyEnd(c, nullptr) != 1)
        die(QString::fromUtf8(PQerrorMessage(c)));
    r = PQgetResult(c);
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        die(QString::fromUtf8(PQerrorMessage(c)));
    PQclear(r);
    const double copyMs = t.nsecsElapsed() / 1e6;
    PQfinish(c);

    const double mb = double(count) * pageBytes / (1024 * 1024);
    std::printf("page upload: %d pages of 300 KB (%.0f MB) over loopback\n", count, mb);
    std::printf("  COPY of the same bytes into a bytea table (floor): %9.1f ms  %7.1f MB/s\n",
                copyMs, mb * 1000 / copyMs);
    std::printf("  page uploader (1 MB chunks, hash checked):         %9.1f ms  %7.1f MB/s\n",
                uploadMs, mb * 1000 / uploadMs);
    std::printf("  upload / COPY = %.2fx (target <= 2x): %s\n", uploadMs / copyMs,
                uploadMs / copyMs <= 2 ? "met" : "MISSED");
    std::printf("  counter RSS: %.1f MB before, peak %.1f MB during the upload: +%.1f MB "
                "(target < 50 MB): %s\n",
                rssBefore / 1024.0, rssPeak / 1024.0, (rssPeak - rssBefore) / 1024.0,
                rssPeak - rssBefore < 50 * 1024 ? "met" : "MISSED");
    {
        admin.value().reset();
        auto pg = CentralConnection::open(superUrl);
        if (pg)
            (void)pg.value()->exec(QStringLiteral("DROP DATABASE %1 WITH (FORCE)").arg(dbName));
    }
    return report.pages == count ? 0 : 1;
}
