// Pushing new cases as columns (ow_api.push_columns, db/central/009): the
// centre stores them exactly as the same cases sent as JSON, answers every
// operation of a mixed batch in order, takes the slow way (and quarantines)
// from the columns themselves, and refuses columns that do not line up.
#include "CentralTestSupport.h"
#include "SyncTestSupport.h"
#include "sync/PgSyncGateway.h"
#include "sync/PushBatch.h"

#include <QJsonDocument>

using namespace ow;
using namespace ow::test;

namespace {

// A case as the counter stores it (caseToJson) and its outbox sends it.
QJsonObject storedCase(const QString& id, const QString& number, const QString& site)
{
    const QJsonObject place{{QStringLiteral("site"), site},
                            {QStringLiteral("window"), QStringLiteral("A03")},
                            {QStringLiteral("clerk"), QStringLiteral("张敏")}};
    const QJsonArray materials{
        QJsonObject{{QStringLiteral("id"), QStringLiteral("id-card")},
                    {QStringLiteral("name"), QStringLiteral("居民身份证")},
                    {QStringLiteral("form"), QStringLiteral("original")},
                    {QStringLiteral("count"), 1},
                    {QStringLiteral("required"), true},
                    {QStringLiteral("state"), QStringLiteral("received")}},
        // A rare character beyond the BMP, a quote and a line break.
        QJsonObject{{QStringLiteral("id"), QStringLiteral("lease")},
                    {QStringLiteral("name"), QStringLiteral("𠀀屋\"租赁\"合同\n复印件")},
                    {QStringLiteral("count"), 2},
                    {QStringLiteral("state"), QStringLiteral("reused")},
                    {QStringLiteral("from"), QStringLiteral("ZW-20250101-00007")},
                    {QStringLiteral("note"), QJsonObject{{QStringLiteral("pages"), 3}}}},
        QJsonObject{{QStringLiteral("id"), QStringLiteral("photo")},
                    {QStringLiteral("name"), QStringLiteral("近期免冠照片")},
                    {QStringLiteral("required"), true},
                    {QStringLiteral("state"), QStringLiteral("missing")}}};
    const QJsonArray history{
        QJsonObject{{QStringLiteral("from"), QString()},
                    {QStringLiteral("to"), QStringLiteral("accepted")},
                    {QStringLiteral("at"), QStringLiteral("2025-03-14T09:30:00+08:00")},
                    {QStringLiteral("place"), place}},
        QJsonObject{{QStringLiteral("from"), QStringLiteral("accepted")},
                    {QStringLiteral("to"), QStringLiteral("forwarded")},
                    {QStringLiteral("at"), QStringLiteral("2025-03-14T09:41:00+08:00")},
                    {QStringLiteral("place"), place},
                    {QStringLiteral("note"), QStringLiteral("转至住建局")}}};
    QJsonObject c{{QStringLiteral("id"), id},
                  {QStringLiteral("applicant"), QStringLiteral("applicant-1")},
                  {QStringLiteral("status"), QStringLiteral("forwarded")},
                  {QStringLiteral("decision"), QStringLiteral("accepted")},
                  {QStringLiteral("channel"), QStringLiteral("counter")},
                  {QStringLiteral("place"), place},
                  {QStringLiteral("createdAt"), QStringLiteral("2025-03-14T09:30:00+08:00")},
                  {QStringLiteral("items"),
                   QJsonArray{QJsonObject{{QStringLiteral("code"), QStringLiteral("ZJ-ZL-003")},
                                          {QStringLiteral("version"), 2}}}},
                  {QStringLiteral("materials"), materials},
                  {QStringLiteral("form"),
                   QJsonObject{{QStringLiteral("phone"), QStringLiteral("13800000000")},
                               {QStringLiteral("address"), QStringLiteral("𠀾山路 1 号")}}},
                  {QStringLiteral("history"), history}};
    if (!number.isEmpty())
        c.insert(QStringLiteral("caseNumber"), number);
    return c;
}

QJsonObject applicant()
{
    return {{QStringLiteral("kind"), QStringLiteral("natural")},
            {QStringLiteral("name"), QStringLiteral("𠀀王建国")},
            {QStringLiteral("idType"), QStringLiteral("resident_id")},
            {QStringLiteral("idNumber"), QStringLiteral("11010519491231002X")},
            {QStringLiteral("phone"), QStringLiteral("13800000000")}};
}

QList<PushAnswer> pushBatch(const NewSite& site, const PushBatch& batch)
{
    PgSyncGateway gateway(site.url);
    if (Status s = gateway.startPush(batch); !s)
        FAIL("push_columns failed: " + s.error().fullText().toStdString());
    auto answers = gateway.finishPush();
    if (!answers)
        FAIL("push_columns failed: " + answers.error().fullText().toStdString());
    REQUIRE(answers->size() == batch.count);
    return *answers;
}

QString resultOf(const PushAnswer& a)
{
    return a.result + (a.reason.isEmpty() ? QString() : QLatin1Char(':') + a.reason);
}

// Everything the centre keeps of a case but its keys and the server's clocks.
QString storedRows(CentralConnection& admin, const QString& caseUuid)
{
    return scalar(admin,
                  QStringLiteral(
                      "SELECT jsonb_build_object("
                      " 'case', (SELECT to_jsonb(c) - '{case_uuid,case_number,first_pushed_at,"
                      "updated_at}'::text[] FROM ow.cases c WHERE c.case_uuid = '%1'),"
                      " 'materials', (SELECT jsonb_agg(to_jsonb(m) - 'case_uuid' ORDER BY "
                      "m.material_id) FROM ow.case_materials m WHERE m.case_uuid = '%1'),"
                      " 'history', (SELECT jsonb_agg(to_jsonb(h) - '{id,case_uuid,recorded_at,"
                      "operation_id}'::text[] ORDER BY h.status_version) FROM "
                      "ow.case_status_history h WHERE h.case_uuid = '%1'))::text")
                      .arg(caseUuid))
        .toString();
}

} // namespace

TEST_CASE("cases pushed as columns are stored exactly as the same cases sent as JSON")
{
    CentralFixture central;
    const NewSite a = central.addSite(QStringLiteral("A"));
    auto site = central.siteConnection(a, newUuid());
    const QString viaJson = newUuid();
    const QString viaColumns = newUuid();

    const QJsonArray json = push(
        *site, {caseOperation(newUuid(), storedCase(viaJson, a.code + "-20250314-0001", a.code),
                              applicant())});
    CHECK(json[0].toObject().value(QStringLiteral("result")).toString() ==
          QStringLiteral("applied"));

    PushBatchBuilder builder;
    builder.addCase(newUuid(), storedCase(viaColumns, a.code + "-20250314-0002", a.code),
                    applicant());
    const PushBatch batch = builder.finish();
    REQUIRE(batch.columnCases == 1);
    CHECK(batch.operations == "[null]");
    const QList<PushAnswer> answers = pushBatch(a, batch);
    CHECK(resultOf(answers[0]) == QStringLiteral("applied"));
    CHECK(answers[0].body.value(QStringLiteral("status")).toString() ==
          QStringLiteral("forwarded"));
    CHECK(answers[0].body.value(QStringLiteral("status_version")).toInt() == 2);

    CentralConnection& admin = central.admin();
    const QString stored = storedRows(admin, viaColumns);
    CHECK(stored == storedRows(admin, viaJson));
    // What was stored is what the counter holds, rare characters included.
    const QJsonObject rows = QJsonDocument::fromJson(stored.toUtf8()).object();
    const QJsonObject c = rows.value(QStringLiteral("case")).toObject();
    CHECK(c.value(QStringLiteral("applicant_name")).toString() == QStringLiteral("𠀀王建国"));
    CHECK(c.value(QStringLiteral("applicant_id")).toString() ==
          QStringLiteral("11010519491231002X"));
    CHECK(c.value(QStringLiteral("payload"))
              .toObject()
              .value(QStringLiteral("form"))
              .toObject()
              .value(QStringLiteral("address"))
              .toString() == QStringLiteral("𠀾山路 1 号"));
    const QJsonArray materials = rows.value(QStringLiteral("materials")).toArray();
    REQUIRE(materials.size() == 3);
    const QJsonObject lease = materials[1].toObject();
    CHECK(lease.value(QStringLiteral("name")).toString() ==
          QStringLiteral("𠀀屋\"租赁\"合同\n复印件"));
    CHECK(lease.value(QStringLiteral("copies")).toInt() == 2);
    CHECK(lease.value(QStringLiteral("received")).toBool());
    CHECK(lease.value(QStringLiteral("reused_from")).toString() ==
          QStringLiteral("ZW-20250101-00007"));
    CHECK(lease.value(QStringLiteral("detail")).toObject() ==
          QJsonObject{{QStringLiteral("state"), QStringLiteral("reused")},
                      {QStringLiteral("note"), QJsonObject{{QStringLiteral("pages"), 3}}}});
    CHECK_FALSE(materials[2].toObject().value(QStringLiteral("received")).toBool());
    const QJsonArray history = rows.value(QStringLiteral("history")).toArray();
    REQUIRE(history.size() == 2);
    CHECK(history[1].toObject().value(QStringLiteral("note")).toString() ==
          QStringLiteral("转至住建局"));
    CHECK(history[1].toObject().value(QStringLiteral("actor")).toString() ==
          QStringLiteral("张敏"));
}

TEST_CASE("a mixed batch of columns and JSON is answered in order, the slow way from the columns")
{
    CentralFixture central;
    const NewSite a = central.addSite(QStringLiteral("A"));
    const NewSite b = central.addSite(QStringLiteral("B"));
    auto siteB = central.siteConnection(b, newUuid());
    CentralConnection& admin = central.admin();
    const QString taken = a.code + QStringLiteral("-20250314-0009");
    // The number is another site's (an operator moved it there by hand).
    push(*siteB, {caseUpsert(newUuid(), newUuid(), b.code + QStringLiteral("-20250314-0009"))});
    execOk(admin, QStringLiteral("UPDATE ow.cases SET case_number = '%1'").arg(taken));

    const QString first = newUuid();
    const QString refused = newUuid();
    const QString refusedOp = newUuid();
    const QString later = newUuid();
    PushBatchBuilder builder;
    builder.addCase(newUuid(), storedCase(first, a.code + "-20250314-0001", a.code), applicant());
    // A request about a case of the same batch: both go one by one, in order.
    builder.add(statusRequest(newUuid(), first, QStringLiteral("withdrawn"), 2));
    builder.addCase(refusedOp, storedCase(refused, taken, a.code), applicant());
    builder.add(QJsonObject{{QStringLiteral("op_id"), newUuid()},
                            {QStringLiteral("kind"), QStringLiteral("record.put")},
                            {QStringLiteral("entity"), QStringLiteral("applicant")},
                            {QStringLiteral("entity_id"), QStringLiteral("applicant-1")},
                            {QStringLiteral("record"), applicant()}});
    builder.addCase(newUuid(), storedCase(later, a.code + "-20250314-0002", a.code), applicant());
    const PushBatch batch = builder.finish();
    REQUIRE(batch.columnCases == 3);

    const QList<PushAnswer> answers = pushBatch(a, batch);
    CHECK(resultOf(answers[0]) == QStringLiteral("applied"));
    CHECK(resultOf(answers[1]) == QStringLiteral("applied"));
    CHECK(answers[1].body.value(QStringLiteral("status_version")).toInt() == 3);
    CHECK(resultOf(answers[2]) == QStringLiteral("rejected:case_number_taken"));
    CHECK(resultOf(answers[3]) == QStringLiteral("applied"));
    CHECK(resultOf(answers[4]) == QStringLiteral("applied"));
    CHECK(answers[4].body.value(QStringLiteral("case_uuid")).toString() == later);

    // The refused case is quarantined as the operation the JSON form sends.
    const QJsonObject quarantined =
        QJsonDocument::fromJson(scalar(admin, QStringLiteral("SELECT operation::text FROM "
                                                             "ow.quarantine WHERE "
                                                             "operation_id = '%1'")
                                                  .arg(refusedOp))
                                    .toString()
                                    .toUtf8())
            .object();
    CHECK(quarantined == caseOperation(refusedOp, storedCase(refused, taken, a.code), applicant()));

    // Sent again (the answers were lost): the same answers, nothing new.
    const QString rows = pushedRows(admin);
    const QList<PushAnswer> again = pushBatch(a, batch);
    CHECK(resultOf(again[0]) == QStringLiteral("duplicate"));
    CHECK(resultOf(again[1]) == QStringLiteral("duplicate"));
    CHECK(resultOf(again[2]) == QStringLiteral("rejected:case_number_taken"));
    CHECK(resultOf(again[3]) == QStringLiteral("duplicate"));
    CHECK(resultOf(again[4]) == QStringLiteral("duplicate"));
    CHECK(pushedRows(admin) == rows);
}

TEST_CASE("a case of another site sent as columns is refused, and columns that do not line up "
          "are named")
{
    CentralFixture central;
    const NewSite a = central.addSite(QStringLiteral("A"));
    const NewSite b = central.addSite(QStringLiteral("B"));
    auto site = central.siteConnection(a, newUuid());

    PushBatchBuilder builder;
    builder.addCase(newUuid(), storedCase(newUuid(), b.code + "-20250314-0001", b.code),
                    applicant());
    const QList<PushAnswer> answers = pushBatch(a, builder.finish());
    CHECK(answers[0].rejected());
    CHECK(scalar(central.admin(), QStringLiteral("SELECT count(*) FROM ow.cases")).toInt() == 0);

    // One case, but two case numbers and no material name for its material.
    auto r = site->callJson(QStringLiteral(
        "SELECT ow_api.push_columns('[null]', ARRAY[0], ARRAY[gen_random_uuid()], "
        "ARRAY[gen_random_uuid()], ARRAY['A-1', 'A-2'], ARRAY['A'], ARRAY['2025-03-14'], "
        "ARRAY['accepted'], ARRAY[1], ARRAY['{}'::jsonb], ARRAY['[]'::jsonb], ARRAY['{}'::jsonb], "
        "ARRAY[1], ARRAY['m'], '{}'::text[], ARRAY[NULL::text], ARRAY[1], ARRAY[true], "
        "ARRAY[NULL::text], ARRAY[NULL::integer], '[]', '{}'::integer[], '{}'::integer[], "
        "'{}'::text[], '{}'::text[], '{}'::text[], '{}'::text[], '{}'::text[])"));
    REQUIRE_FALSE(r);
    CHECK(r.error().fullText().contains(QStringLiteral("case_number, m_name")));
    CHECK(scalar(central.admin(), QStringLiteral("SELECT count(*) FROM ow.applied_operations"))
              .toInt() == 1);
}

TEST_CASE("a counter newer than its centre sends its cases as JSON to a centre without columns")
{
    CentralFixture central;
    SyncCounter counter(central.addSite(QStringLiteral("S")));
    counter.acceptPromised(1);
    counter.acceptPromised(2);
    const int waiting = counter.outboxCount();
    CentralConnection& admin = central.admin();
    // A centre without the column form: its site logins cannot call it.
    execOk(admin, QStringLiteral("DO $$ BEGIN EXECUTE (SELECT format('REVOKE EXECUTE ON FUNCTION "
                                 "%s FROM ow_sites', p.oid::regprocedure) FROM pg_proc p WHERE "
                                 "p.proname = 'push_columns'); END $$"));

    // It still says it has the column form: the push fails, nothing is lost.
    auto refused = counter.engine.runOnce();
    REQUIRE_FALSE(refused.ok());
    CHECK(counter.outboxCount() == waiting);
    CHECK(centralCaseNumbers(admin, counter.site.code).isEmpty());

    // It says what it is, an older schema: a counter starting now sends JSON.
    execOk(admin, QStringLiteral("DELETE FROM ow.schema_version WHERE version >= %1")
                      .arg(kPushColumnsSchema));
    SyncEngine engine(*counter.intake.store.db, counter.gateway, counter.site.code,
                      counter.intake.clock);
    auto pass = engine.runOnce();
    if (!pass)
        FAIL(pass.error().fullText().toStdString());
    CHECK(pass->applied == waiting);
    CHECK(counter.outboxCount() == 0);
    CHECK(centralCaseNumbers(admin, counter.site.code) == counter.localCaseNumbers());
}
