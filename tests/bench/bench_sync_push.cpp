// Backlog push: CASES offline cases (MATERIALS materials each) waiting in a
// counter's outbox are pushed to the centre by the sync engine over
// loopback. Next to it, in the same run and on the same server, the same
// rows loaded with COPY (the floor: the cases and materials exactly as the
// push stored them) and with one autocommit INSERT per row (the naive way,
// on slimmer rows, which flatters it). Targets: within 3x of COPY, at least
// 10x faster than row by row.
//
//   bench_sync_push PG_ENV [CASES] [MATERIALS] [NAIVE_CASES]
//                            (defaults 10000, 15, and min(CASES, 1000): the
//                            row-by-row baseline loads the first NAIVE_CASES
//                            cases, and its rate is compared)
//
// PG_ENV is the file `tests/sync/pg-cluster.sh start DIR` writes (DIR/pg.env):
//   bash tests/sync/pg-cluster.sh start /tmp/ow-bench-pg
//   build-ci/tests/bench/bench_sync_push /tmp/ow-bench-pg/pg.env
//   bash tests/sync/pg-cluster.sh stop /tmp/ow-bench-pg
// The test cluster runs with fsync off, which makes every commit nearly free
// and flatters the row-by-row baseline; start it with PG_DURABLE=1 for the
// figures of a server that really commits:
//   PG_DURABLE=1 bash tests/sync/pg-cluster.sh start /tmp/ow-bench-pg
#include "applicants/ApplicantJson.h"
#include "applicants/ApplicantRepository.h"
#include "cases/CaseRecord.h"
#include "store/Database.h"
#include "sync/CentralAdmin.h"
#include "sync/CentralConnection.h"
#include "sync/CentralMigrations.h"
#include "sync/Outbox.h"
#include "sync/PgSyncGateway.h"
#include "sync/PushBatch.h"
#include "sync/SyncEngine.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QUrl>
#include <QUuid>
#include <algorithm>
#include <cstdio>
#include <libpq-fe.h>

using namespace ow;

namespace {

struct Server
{
    QString host, user, password;
    int port = 0;
    QString url(const QString& db) const
    {
        QUrl u;
        u.setScheme(QStringLiteral("postgresql"));
        u.setHost(host);
        u.setPort(port);
        u.setUserName(user);
        u.setPassword(password);
        u.setPath(QLatin1Char('/') + db);
        return u.toString(QUrl::FullyEncoded);
    }
};

[[noreturn]] void die(const QString& what)
{
    std::fprintf(stderr, "bench_sync_push: %s\n", qPrintable(what));
    std::exit(1);
}

Server readEnv(const QString& file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        die(QStringLiteral("cannot read %1 (run tests/sync/pg-cluster.sh start DIR)").arg(file));
    Server s;
    for (const QString& line : QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'))) {
        const QString k = line.section(QLatin1Char('='), 0, 0);
        const QString v = line.section(QLatin1Char('='), 1);
        if (k == QLatin1String("PG_HOST"))
            s.host = v;
        else if (k == QLatin1String("PG_PORT"))
            s.port = v.toInt();
        else if (k == QLatin1String("PG_SUPERUSER"))
            s.user = v;
        else if (k == QLatin1String("PG_PASSWORD"))
            s.password = v;
    }
    return s;
}

void must(const Status& s, const char* what)
{
    if (!s)
        die(QStringLiteral("%1: %2").arg(QLatin1String(what), s.error().fullText()));
}

// One generated case as the two baselines load it.
struct Row
{
    QString caseUuid, number, name, idNumber, applicant, items, payload, receivedAt;
    QList<std::pair<QString, QString>> materials; // id, name
};

QString json(const QJsonValue& v)
{
    return QString::fromUtf8(v.isObject()
                                 ? QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)
                                 : QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
}

// COPY text format: tab-separated, backslash escapes.
QByteArray copyField(const QString& v)
{
    QByteArray b = v.toUtf8();
    b.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    return b;
}

PGconn* pq(const Server& s, const QString& db)
{
    PGconn* c = PQconnectdb(QStringLiteral("host=%1 port=%2 user=%3 password=%4 dbname=%5")
                                .arg(s.host)
                                .arg(s.port)
                                .arg(s.user, s.password, db)
                                .toUtf8()
                                .constData());
    if (PQstatus(c) != CONNECTION_OK)
        die(QStringLiteral("libpq: %1").arg(QString::fromUtf8(PQerrorMessage(c))));
    return c;
}

void pqExec(PGconn* c, const char* sql)
{
    PGresult* r = PQexec(c, sql);
    const auto st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        die(QStringLiteral("%1: %2").arg(QLatin1String(sql), QString::fromUtf8(PQerrorMessage(c))));
    PQclear(r);
}

// The rows of a COPY ... TO STDOUT, in COPY's text format.
QByteArray copyOut(PGconn* c, const char* sql)
{
    PGresult* r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_COPY_OUT)
        die(QStringLiteral("COPY out: %1").arg(QString::fromUtf8(PQerrorMessage(c))));
    PQclear(r);
    QByteArray out;
    char* row = nullptr;
    int n = 0;
    while ((n = PQgetCopyData(c, &row, 0)) > 0) {
        out.append(row, n);
        PQfreemem(row);
    }
    r = PQgetResult(c);
    if (n != -1 || PQresultStatus(r) != PGRES_COMMAND_OK)
        die(QStringLiteral("COPY out end: %1").arg(QString::fromUtf8(PQerrorMessage(c))));
    PQclear(r);
    return out;
}

void copyIn(PGconn* c, const char* sql, const QByteArray& data)
{
    PGresult* r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_COPY_IN)
        die(QStringLiteral("COPY: %1").arg(QString::fromUtf8(PQerrorMessage(c))));
    PQclear(r);
    if (PQputCopyData(c, data.constData(), int(data.size())) != 1 || PQputCopyEnd(c, nullptr) != 1)
        die(QStringLiteral("COPY data: %1").arg(QString::fromUtf8(PQerrorMessage(c))));
    r = PQgetResult(c);
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        die(QStringLiteral("COPY end: %1").arg(QString::fromUtf8(PQerrorMessage(c))));
    PQclear(r);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2)
        die(QStringLiteral("usage: bench_sync_push PG_ENV [CASES] [MATERIALS]"));
    const Server server = readEnv(args.at(1));
    const int cases = args.size() > 2 ? args.at(2).toInt() : 10000;
    const int materials = args.size() > 3 ? args.at(3).toInt() : 15;
    const int naiveCases = args.size() > 4 ? args.at(4).toInt() : qMin(cases, 1000);

    const QString dbName =
        QStringLiteral("ow_bench_%1").arg(QRandomGenerator::global()->bounded(1u << 30));
    {
        auto pg = CentralConnection::open(server.url(QStringLiteral("postgres")));
        if (!pg)
            die(pg.error().fullText());
        must(pg.value()->exec(QStringLiteral("CREATE DATABASE %1").arg(dbName)), "create database");
    }
    auto admin = CentralConnection::open(server.url(dbName));
    if (!admin)
        die(admin.error().fullText());
    if (auto m = CentralMigrations::apply(*admin.value()); !m)
        die(m.error().fullText());
    const QString code = QStringLiteral("BENCH%1").arg(QRandomGenerator::global()->bounded(100000));
    auto site = CentralAdmin(*admin.value())
                    .addSite(code, QStringLiteral("基准测试网点"), QStringLiteral("town"));
    if (!site)
        die(site.error().fullText());

    // The counter's backlog: applicants and cases in the outbox, as intake writes them.
    QTemporaryDir dir;
    auto store = Database::open(dir.filePath(QStringLiteral("onewindow.sqlite")));
    if (!store)
        die(store.error().fullText());
    Database& db = *store.value();
    // `records`: each case also queues its applicant's record before it, as
    // an intake does.
    auto backlog = [&](Database& into, const QString& siteCode, bool records) {
        QList<Row> rows;
        rows.reserve(cases);
        Transaction tx(into);
        must(tx.begun(), "begin");
        ApplicantRepository applicants(into);
        Outbox outbox(into);
        const QDateTime at = QDateTime::currentDateTime();
        for (int i = 0; i < cases; ++i) {
            Applicant a;
            a.kind = ApplicantKind::Natural;
            a.idType = IdType::ResidentId;
            a.idNumber = QStringLiteral("3205811980%1").arg(i, 8, 10, QLatin1Char('0'));
            a.name = QStringLiteral("申请人%1").arg(i);
            a.phone = QStringLiteral("13800000000");
            must(applicants.save(a), "applicant");
            Row r;
            r.caseUuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
            r.number =
                QStringLiteral("%1-20250314-%2").arg(siteCode).arg(i + 1, 5, 10, QLatin1Char('0'));
            r.name = a.name;
            r.idNumber = a.idNumber;
            QJsonArray mats;
            for (int m = 0; m < materials; ++m) {
                const QString id = QStringLiteral("material-%1").arg(m);
                const QString name = QStringLiteral("申请材料第%1项").arg(m + 1);
                r.materials.append({id, name});
                mats.append(QJsonObject{{QStringLiteral("id"), id},
                                        {QStringLiteral("name"), name},
                                        {QStringLiteral("required"), true},
                                        {QStringLiteral("state"), QStringLiteral("received")},
                                        {QStringLiteral("form"), QStringLiteral("original")},
                                        {QStringLiteral("count"), 1}});
            }
            const QJsonObject place{{QStringLiteral("site"), siteCode},
                                    {QStringLiteral("window"), QStringLiteral("A03")},
                                    {QStringLiteral("clerk"), QStringLiteral("张敏")}};
            const QJsonArray items{
                QJsonObject{{QStringLiteral("code"), QStringLiteral("RSJ-JF-001")},
                            {QStringLiteral("version"), 1}}};
            const QJsonObject c{
                {QStringLiteral("id"), r.caseUuid},
                {QStringLiteral("caseNumber"), r.number},
                {QStringLiteral("applicant"), a.id},
                {QStringLiteral("status"), QStringLiteral("accepted")},
                {QStringLiteral("decision"), QStringLiteral("accepted")},
                {QStringLiteral("channel"), QStringLiteral("counter")},
                {QStringLiteral("place"), place},
                {QStringLiteral("createdAt"), storedTime(at)},
                {QStringLiteral("items"), items},
                {QStringLiteral("materials"), mats},
                {QStringLiteral("form"), QJsonObject{{QStringLiteral("phone"), a.phone}}},
                {QStringLiteral("history"),
                 QJsonArray{QJsonObject{{QStringLiteral("from"), QString()},
                                        {QStringLiteral("to"), QStringLiteral("accepted")},
                                        {QStringLiteral("at"), storedTime(at)},
                                        {QStringLiteral("place"), place}}}}};
            r.applicant = json(QJsonObject{{QStringLiteral("kind"), QStringLiteral("natural")},
                                           {QStringLiteral("name"), a.name},
                                           {QStringLiteral("id_number"), a.idNumber}});
            r.items = json(items);
            r.payload = json(QJsonObject{{QStringLiteral("clerk"), QStringLiteral("张敏")}});
            r.receivedAt = storedTime(at);
            rows.append(r);
            if (records)
                if (auto added =
                        outbox.add(QStringLiteral("applicant"), a.id, applicantToJson(a), at);
                    !added)
                    die(added.error().fullText());
            if (auto added = outbox.add(QStringLiteral("case"), r.caseUuid, c, at); !added)
                die(added.error().fullText());
        }
        must(tx.commit(), "commit");
        return rows;
    };
    const QList<Row> rows = backlog(db, code, false);

    // The first NAIVE_CASES cases as the JSON form of the push sends them,
    // renumbered for a second site (for 4. below).
    auto second = CentralAdmin(*admin.value())
                      .addSite(code + QStringLiteral("J"), QStringLiteral("基准测试网点二"),
                               QStringLiteral("town"));
    if (!second)
        die(second.error().fullText());
    QByteArray jsonBatch = "[";
    {
        auto entries = Outbox(db).pending(naiveCases, 0);
        if (!entries)
            die(entries.error().fullText());
        auto people = ApplicantRepository(db).findByIds([&] {
            QStringList ids;
            for (const Outbox::Entry& e : *entries)
                ids << e.payload.value(QStringLiteral("applicant")).toString();
            return ids;
        }());
        if (!people)
            die(people.error().fullText());
        for (const Outbox::Entry& e : *entries) {
            QJsonObject c = e.payload;
            c.insert(QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces));
            c.insert(QStringLiteral("caseNumber"),
                     c.value(QStringLiteral("caseNumber")).toString().replace(code, second->code));
            QJsonObject place = c.value(QStringLiteral("place")).toObject();
            place.insert(QStringLiteral("site"), second->code);
            c.insert(QStringLiteral("place"), place);
            const QJsonObject op = caseOperation(
                QUuid::createUuid().toString(QUuid::WithoutBraces), c,
                applicantToJson(people->value(c.value(QStringLiteral("applicant")).toString())));
            if (jsonBatch.size() > 1)
                jsonBatch += ',';
            jsonBatch += QJsonDocument(op).toJson(QJsonDocument::Compact);
        }
        jsonBatch += ']';
    }

    // 1. The sync engine.
    PgSyncGateway gateway(site->url);
    SyncEngine engine(db, gateway, code);
    const int batchSize = 1000;
    engine.setBatchSize(batchSize);
    must(engine.registerCounter(), "register");
    SyncPassReport report;
    QElapsedTimer t;
    t.start();
    must(engine.upload(report), "upload");
    const double syncMs = double(t.nsecsElapsed()) / 1e6;
    if (report.applied != cases)
        die(QStringLiteral("%1 of %2 cases were applied").arg(report.applied).arg(cases));

    // 2. COPY of the same rows into tables shaped like the centre's: the
    // cases and materials exactly as the push stored them, taken out of the
    // centre first (the floor); and the slimmer rows the program generated
    // (the applicant's identity only, a one-key payload, no material
    // details), the floor these figures were measured against before.
    PGconn* c = pq(server, dbName);
    pqExec(c, "CREATE TABLE copy_cases (LIKE ow.cases INCLUDING DEFAULTS INCLUDING CONSTRAINTS "
              "INCLUDING INDEXES); CREATE TABLE copy_materials (LIKE ow.case_materials INCLUDING "
              "DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES); CREATE TABLE slim_cases (LIKE "
              "copy_cases INCLUDING ALL); CREATE TABLE slim_materials (LIKE copy_materials "
              "INCLUDING ALL); CREATE TABLE naive_cases (LIKE copy_cases INCLUDING ALL); CREATE "
              "TABLE naive_materials (LIKE copy_materials INCLUDING ALL)");
    const QByteArray storedCases = copyOut(c, "COPY ow.cases TO STDOUT");
    const QByteArray storedMaterials = copyOut(c, "COPY ow.case_materials TO STDOUT");
    QByteArray caseData;
    QByteArray materialData;
    for (const Row& r : rows) {
        caseData += copyField(r.caseUuid) + '\t' + copyField(r.number) + '\t' + copyField(code) +
                    "\tnatural\t" + copyField(r.name) + '\t' + copyField(r.idNumber) + '\t' +
                    copyField(r.applicant) + '\t' + copyField(r.items) + "\taccepted\t1\t" +
                    copyField(r.payload) + '\t' + copyField(r.receivedAt) + '\n';
        for (const auto& [id, name] : r.materials)
            materialData += copyField(r.caseUuid) + '\t' + copyField(id) + '\t' + copyField(code) +
                            '\t' + copyField(name) + "\toriginal\t1\tt\n";
    }
    t.restart();
    pqExec(c, "BEGIN");
    copyIn(c, "COPY copy_cases FROM STDIN", storedCases);
    copyIn(c, "COPY copy_materials FROM STDIN", storedMaterials);
    pqExec(c, "COMMIT");
    const double copyMs = double(t.nsecsElapsed()) / 1e6;
    t.restart();
    pqExec(c, "BEGIN");
    copyIn(c,
           "COPY slim_cases (case_uuid, case_number, site_code, applicant_kind, applicant_name, "
           "applicant_id, applicant, items, status, status_version, payload, received_at) FROM "
           "STDIN",
           caseData);
    copyIn(c,
           "COPY slim_materials (case_uuid, material_id, site_code, name, form, copies, received) "
           "FROM STDIN",
           materialData);
    pqExec(c, "COMMIT");
    const double slimMs = double(t.nsecsElapsed()) / 1e6;

    // 3. One autocommit INSERT per row.
    PGresult* p = PQprepare(c, "case_row",
                            "INSERT INTO naive_cases (case_uuid, case_number, site_code, "
                            "applicant_kind, applicant_name, applicant_id, applicant, items, "
                            "status, status_version, payload, received_at) VALUES ($1, $2, $3, "
                            "'natural', $4, $5, $6, $7, 'accepted', 1, $8, $9)",
                            0, nullptr);
    PQclear(p);
    p = PQprepare(c, "material_row",
                  "INSERT INTO naive_materials (case_uuid, material_id, site_code, name, form, "
                  "copies, received) VALUES ($1, $2, $3, $4, 'original', 1, true)",
                  0, nullptr);
    PQclear(p);
    auto run = [&](const char* name, const QList<QByteArray>& values) {
        QList<const char*> ptrs;
        for (const QByteArray& v : values)
            ptrs.append(v.constData());
        PGresult* r =
            PQexecPrepared(c, name, int(ptrs.size()), ptrs.constData(), nullptr, nullptr, 0);
        if (PQresultStatus(r) != PGRES_COMMAND_OK)
            die(QStringLiteral("INSERT: %1").arg(QString::fromUtf8(PQerrorMessage(c))));
        PQclear(r);
    };
    // Three loads into emptied tables; the median counts. Over loopback a
    // round trip costs half as much when the scheduler happens to run the
    // client and its server process on one core, and the load then runs
    // twice as fast: the three figures show how far apart they are.
    QList<double> naiveRuns;
    for (int round = 0; round < 3; ++round) {
        pqExec(c, "TRUNCATE naive_cases, naive_materials");
        t.restart();
        for (const Row& r : rows.mid(0, naiveCases)) {
            run("case_row", {r.caseUuid.toUtf8(), r.number.toUtf8(), code.toUtf8(), r.name.toUtf8(),
                             r.idNumber.toUtf8(), r.applicant.toUtf8(), r.items.toUtf8(),
                             r.payload.toUtf8(), r.receivedAt.toUtf8()});
            for (const auto& [id, name] : r.materials)
                run("material_row",
                    {r.caseUuid.toUtf8(), id.toUtf8(), code.toUtf8(), name.toUtf8()});
        }
        naiveRuns.append(double(t.nsecsElapsed()) / 1e6);
    }
    QList<double> sortedRuns = naiveRuns;
    std::sort(sortedRuns.begin(), sortedRuns.end());
    const double naiveMs = sortedRuns[1];
    PQfinish(c);

    // 4. The JSON form (what older counters and the tools send): one batch.
    auto jsonSite = CentralConnection::open(second->url);
    if (!jsonSite)
        die(jsonSite.error().fullText());
    t.restart();
    auto jsonAnswers =
        jsonSite.value()->callJsonText("SELECT ow_api.push_batch($1::jsonb)", {jsonBatch});
    const double jsonMs = double(t.nsecsElapsed()) / 1e6;
    if (!jsonAnswers)
        die(jsonAnswers.error().fullText());
    const QJsonArray jsonResults =
        jsonAnswers->toObject().value(QStringLiteral("results")).toArray();
    for (const QJsonValue& r : jsonResults)
        if (r.toObject().value(QStringLiteral("result")).toString() != QLatin1String("applied"))
            die(QStringLiteral("the JSON form refused a case: %1")
                    .arg(QString::fromUtf8(QJsonDocument(r.toObject()).toJson())));
    jsonSite.value().reset();

    // 5. The backlog as intakes leave it: each case with its applicant's
    // record, pushed by the engine for a third site.
    auto third = CentralAdmin(*admin.value())
                     .addSite(code + QStringLiteral("R"), QStringLiteral("基准测试网点三"),
                              QStringLiteral("town"));
    if (!third)
        die(third.error().fullText());
    QTemporaryDir recordsDir;
    auto recordsStore = Database::open(recordsDir.filePath(QStringLiteral("onewindow.sqlite")));
    if (!recordsStore)
        die(recordsStore.error().fullText());
    backlog(*recordsStore.value(), third->code, true);
    PgSyncGateway recordsGateway(third->url);
    SyncEngine recordsEngine(*recordsStore.value(), recordsGateway, third->code);
    must(recordsEngine.registerCounter(), "register");
    SyncPassReport recordsReport;
    t.restart();
    must(recordsEngine.upload(recordsReport), "upload with records");
    const double recordsMs = double(t.nsecsElapsed()) / 1e6;
    if (recordsReport.applied != 2 * cases)
        die(QStringLiteral("%1 of %2 operations were applied")
                .arg(recordsReport.applied)
                .arg(2 * cases));

    std::printf("backlog push: %d cases, %d materials each, over loopback\n", cases, materials);
    std::printf("  sync engine (outbox -> ow_api.push_columns, %d per batch): %9.1f ms  %8.0f "
                "cases/s\n",
                batchSize, syncMs, cases / (syncMs / 1000));
    std::printf("  COPY, the rows the push stored (floor):                %9.1f ms  %8.0f "
                "cases/s  (%.1f MB)\n",
                copyMs, cases / (copyMs / 1000),
                double(storedCases.size() + storedMaterials.size()) / 1e6);
    std::printf("  COPY, slimmer generated rows (the floor until now):    %9.1f ms  %8.0f "
                "cases/s  (%.1f MB)\n",
                slimMs, cases / (slimMs / 1000),
                double(caseData.size() + materialData.size()) / 1e6);
    const double naiveRate = naiveCases / (naiveMs / 1000);
    std::printf("  row-by-row autocommit INSERTs (naive, first %d cases): %9.1f ms  %8.0f "
                "cases/s  (median of %.0f, %.0f, %.0f ms)\n",
                naiveCases, naiveMs, naiveRate, naiveRuns[0], naiveRuns[1], naiveRuns[2]);
    std::printf("  JSON form, one batch of the first %d cases (ow_api.push_batch): %9.1f ms  %8.0f "
                "cases/s\n",
                int(jsonResults.size()), jsonMs, jsonResults.size() / (jsonMs / 1000));
    std::printf("  the same cases, each with its applicant's record (%d operations): %9.1f ms  "
                "%8.0f cases/s\n",
                2 * cases, recordsMs, cases / (recordsMs / 1000));
    const double syncRate = cases / (syncMs / 1000);
    std::printf(
        "  sync / COPY = %.2fx slower (target <= 3x; %.2fx the slimmer rows); sync / naive = "
        "%.1fx faster (target >= 10x)\n",
        syncMs / copyMs, syncMs / slimMs, syncRate / naiveRate);

    admin.value().reset();
    if (qEnvironmentVariableIsSet("BENCH_KEEP_DATABASE"))
        std::printf("  database kept: %s\n", qPrintable(dbName));
    else if (auto pg = CentralConnection::open(server.url(QStringLiteral("postgres"))))
        (void)pg.value()->exec(QStringLiteral("DROP DATABASE %1 WITH (FORCE)").arg(dbName));
    return 0;
}
