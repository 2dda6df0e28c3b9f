// Pushing operations: a replay changes nothing, a refusal is quarantined and
// answered the same way again, a status request from a stale version loses.
#include "CentralTestSupport.h"

#include <QJsonDocument>

using namespace ow;
using namespace ow::test;

namespace {

QString resultOf(const QJsonArray& answers, int i)
{
    const QJsonObject a = answers.at(i).toObject();
    const QString reason = a.value(QStringLiteral("reason")).toString();
    return a.value(QStringLiteral("result")).toString() +
           (reason.isEmpty() ? QString() : QLatin1Char(':') + reason);
}

} // namespace

TEST_CASE("a replayed batch changes nothing and is answered 'duplicate'")
{
    CentralFixture central;
    const NewSite a = central.addSite(QStringLiteral("A"));
    auto site = central.siteConnection(a, newUuid());
    const QString case1 = newUuid();
    const QString case2 = newUuid();
    const QJsonArray batch{
        caseUpsert(newUuid(), case1, a.code + QStringLiteral("-20250314-0001")),
        caseUpsert(newUuid(), case2, a.code + QStringLiteral("-20250314-0002")),
        statusRequest(newUuid(), case1, QStringLiteral("forwarded"), 1),
        // refused: not a case number of this site
        caseUpsert(newUuid(), newUuid(), QStringLiteral("ELSEWHERE-20250314-0001")),
    };

    const QJsonArray first = push(*site, batch);
    CHECK(resultOf(first, 0) == QStringLiteral("applied"));
    CHECK(resultOf(first, 1) == QStringLiteral("applied"));
    CHECK(resultOf(first, 2) == QStringLiteral("applied"));
    CHECK(first[2].toObject().value(QStringLiteral("status_version")).toInt() == 2);
    CHECK(resultOf(first, 3) == QStringLiteral("rejected:case_number_not_of_site"));
    CentralConnection& admin = central.admin();
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM ow.quarantine")).toInt() == 1);
    const QString after = pushedRows(admin);

    // The answer was lost; the counter sends the same batch again, twice.
    for (int round = 0; round < 2; ++round) {
        const QJsonArray again = push(*site, batch);
        CHECK(resultOf(again, 0) == QStringLiteral("duplicate"));
        CHECK(resultOf(again, 1) == QStringLiteral("duplicate"));
        CHECK(resultOf(again, 2) == QStringLiteral("duplicate"));
        CHECK(again[2].toObject().value(QStringLiteral("status_version")).toInt() == 2);
        // A refusal stays a refusal, never a silent 'duplicate'.
        CHECK(resultOf(again, 3) == QStringLiteral("rejected:case_number_not_of_site"));
        CHECK(pushedRows(admin) == after);
    }

    // New operations in the same batch as old ones are applied.
    const QJsonArray mixed =
        push(*site, {batch[0], statusRequest(newUuid(), case2, QStringLiteral("completed"), 1)});
    CHECK(resultOf(mixed, 0) == QStringLiteral("duplicate"));
    CHECK(resultOf(mixed, 1) == QStringLiteral("applied"));

    // The same operation twice in one batch: applied once.
    const QJsonObject twice = statusRequest(newUuid(), case2, QStringLiteral("mailed"), 2);
    const QJsonArray same = push(*site, {twice, twice});
    CHECK(resultOf(same, 0) == QStringLiteral("applied"));
    CHECK(resultOf(same, 1) == QStringLiteral("duplicate"));
    CHECK(scalar(admin, QStringLiteral("SELECT status_version FROM ow.cases WHERE case_uuid = "
                                       "'%1'")
                            .arg(case2))
              .toInt() == 3);
}

TEST_CASE("a status request made from a stale version is rejected by the server")
{
    CentralFixture central;
    const NewSite a = central.addSite(QStringLiteral("A"));
    auto counter1 = central.siteConnection(a, newUuid());
    auto counter2 = central.siteConnection(a, newUuid());
    const QString caseUuid = newUuid();
    const QString number = a.code + QStringLiteral("-20250314-0001");
    CentralConnection& admin = central.admin();

    REQUIRE(resultOf(push(*counter1, {caseUpsert(newUuid(), caseUuid, number)}), 0) ==
            QStringLiteral("applied"));
    // Counter 1 forwards the case (version 1 -> 2); the back office approves (-> 3).
    REQUIRE(resultOf(push(*counter1,
                          {statusRequest(newUuid(), caseUuid, QStringLiteral("forwarded"), 1)}),
                     0) == QStringLiteral("applied"));
    auto approved = CentralAdmin(admin).recordCaseStatus(number, QStringLiteral("approved"),
                                                         QStringLiteral("审批科"));
    REQUIRE(approved.ok());
    CHECK(approved->statusVersion == 3);

    // Counter 2 still believes the case is forwarded (version 2) and asks to
    // withdraw it, with a clock far ahead: the server's version decides.
    const QJsonArray stale =
        push(*counter2, {statusRequest(newUuid(), caseUuid, QStringLiteral("withdrawn"), 2,
                                       QStringLiteral("2099-01-01T00:00:00+08:00")),
                         statusRequest(newUuid(), caseUuid, QStringLiteral("withdrawn"), 1,
                                       QStringLiteral("2099-01-01T00:00:00+08:00"))});
    CHECK(resultOf(stale, 0) == QStringLiteral("rejected:stale_version"));
    CHECK(resultOf(stale, 1) == QStringLiteral("rejected:stale_version"));
    CHECK(stale[0]
              .toObject()
              .value(QStringLiteral("message"))
              .toString()
              .contains(QStringLiteral("approved")));
    CHECK(scalar(admin, QStringLiteral("SELECT status || ':' || status_version FROM ow.cases"))
              .toString() == QStringLiteral("approved:3"));
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM ow.quarantine WHERE reason = "
                                       "'stale_version'"))
              .toInt() == 2);

    // With the current version, even from a clock years behind, a transition
    // the counter may make is applied; one it may not is refused.
    const QJsonArray current =
        push(*counter2, {statusRequest(newUuid(), caseUuid, QStringLiteral("delivered"), 3,
                                       QStringLiteral("1999-01-01T00:00:00+08:00")),
                         statusRequest(newUuid(), caseUuid, QStringLiteral("refused"), 3)});
    CHECK(resultOf(current, 0) == QStringLiteral("rejected:transition_not_allowed"));
    CHECK(resultOf(current, 1) == QStringLiteral("rejected:transition_not_allowed"));
    auto completed = CentralAdmin(admin).recordCaseStatus(number, QStringLiteral("completed"),
                                                          QStringLiteral("审批科"));
    REQUIRE(completed.ok());
    const QJsonArray pickup =
        push(*counter2, {statusRequest(newUuid(), caseUuid, QStringLiteral("awaiting_pickup"), 4,
                                       QStringLiteral("1999-01-01T00:00:00+08:00"))});
    CHECK(resultOf(pickup, 0) == QStringLiteral("applied"));
    CHECK(scalar(admin, QStringLiteral("SELECT status || ':' || status_version FROM ow.cases"))
              .toString() == QStringLiteral("awaiting_pickup:5"));
}

TEST_CASE("case data is updated while the counter owns the case, and locked after forwarding")
{
    CentralFixture central;
    const NewSite a = central.addSite(QStringLiteral("A"));
    auto site = central.siteConnection(a, newUuid());
    const QString caseUuid = newUuid();
    const QString number = a.code + QStringLiteral("-20250314-0001");

    // A correction request has no case number yet; acceptance gives it one.
    QJsonArray r =
        push(*site,
             {caseUpsert(newUuid(), caseUuid, QString(), QStringLiteral("correction_requested"))});
    CHECK(resultOf(r, 0) == QStringLiteral("applied"));
    r = push(*site, {caseUpsert(newUuid(), caseUuid, number)});
    CHECK(resultOf(r, 0) == QStringLiteral("applied"));
    CHECK(r[0].toObject().value(QStringLiteral("created")).toBool() == false);
    CentralConnection& admin = central.admin();
    CHECK(scalar(admin, QStringLiteral("SELECT case_number FROM ow.cases")).toString() == number);

    r = push(*site, {statusRequest(newUuid(), caseUuid, QStringLiteral("accepted"), 1)});
    CHECK(resultOf(r, 0) == QStringLiteral("applied"));

    r = push(*site, {caseUpsert(newUuid(), caseUuid, a.code + QStringLiteral("-20250314-0009")),
                     statusRequest(newUuid(), caseUuid, QStringLiteral("forwarded"), 2),
                     caseUpsert(newUuid(), caseUuid, number),
                     QJsonObject{{QStringLiteral("op_id"), newUuid()},
                                 {QStringLiteral("kind"), QStringLiteral("mailing.upsert")}},
                     QJsonObject{{QStringLiteral("kind"), QStringLiteral("case.upsert")}}});
    CHECK(resultOf(r, 0) == QStringLiteral("rejected:case_number_changed"));
    CHECK(resultOf(r, 1) == QStringLiteral("applied"));
    CHECK(resultOf(r, 2) == QStringLiteral("rejected:case_locked"));
    CHECK(resultOf(r, 3) == QStringLiteral("rejected:unknown_kind"));
    CHECK(resultOf(r, 4) == QStringLiteral("rejected:malformed"));
    // Every refusal with an operation id is kept for an operator to see.
    CHECK(scalar(admin, QStringLiteral("SELECT string_agg(reason, ',' ORDER BY reason) FROM "
                                       "ow.quarantine"))
              .toString() == QStringLiteral("case_locked,case_number_changed,unknown_kind"));
}

TEST_CASE("a full batch holds one lock, and only pushes of its own site wait for it")
{
    CentralFixture central;
    const NewSite a = central.addSite(QStringLiteral("A"));
    const NewSite b = central.addSite(QStringLiteral("B"));
    auto siteA = central.siteConnection(a, newUuid());
    auto againA = central.siteConnection(a, newUuid());
    auto siteB = central.siteConnection(b, newUuid());
    QJsonArray full;
    for (int i = 0; i < 1000; ++i)
        full.append(caseUpsert(
            newUuid(), newUuid(),
            a.code + QStringLiteral("-20250314-%1").arg(i + 1, 4, 10, QLatin1Char('0'))));

    // Site A's push of 1,000 operations, not committed yet.
    CentralTransaction tx(*siteA);
    REQUIRE(tx.begun().ok());
    const QJsonArray answers = push(*siteA, full);
    REQUIRE(answers.size() == 1000);
    CHECK(answers.last().toObject().value(QStringLiteral("result")).toString() ==
          QStringLiteral("applied"));
    // One advisory lock, whatever the size of the batch: many counters
    // pushing at once cannot fill the server's shared lock table.
    CentralConnection& admin = central.admin();
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity s "
                                       "USING (pid) WHERE l.locktype = 'advisory' AND "
                                       "s.usename = '%1'")
                            .arg(a.role))
              .toInt() == 1);

    // Another site pushes meanwhile without waiting...
    execOk(*siteB, QStringLiteral("SET lock_timeout = '5s'"));
    const QJsonArray other =
        push(*siteB, {caseUpsert(newUuid(), newUuid(), b.code + QStringLiteral("-20250314-0001"))});
    CHECK(other[0].toObject().value(QStringLiteral("result")).toString() ==
          QStringLiteral("applied"));
    // ...while a second push of the same site waits for the first.
    execOk(*againA, QStringLiteral("SET lock_timeout = '200ms'"));
    auto waited = againA->callJson(
        QStringLiteral("SELECT ow_api.push_batch(?::jsonb)"),
        {QString::fromUtf8(QJsonDocument(QJsonArray{full[0]}).toJson(QJsonDocument::Compact))});
    REQUIRE_FALSE(waited.ok());
    CHECK(waited.error().message.contains(QStringLiteral("lock")));

    // Once the first push commits, the same operation is a duplicate.
    REQUIRE(tx.commit().ok());
    execOk(*againA, QStringLiteral("SET lock_timeout = 0"));
    const QJsonArray replay = push(*againA, {full[0]});
    CHECK(replay[0].toObject().value(QStringLiteral("result")).toString() ==
          QStringLiteral("duplicate"));
}

TEST_CASE("the kinds of record the centre keeps are rows: an unknown kind is refused until it "
          "is added")
{
    CentralFixture central;
    const NewSite a = central.addSite(QStringLiteral("A"));
    auto site = central.siteConnection(a, newUuid());
    auto put = [](const QString& entity) {
        return QJsonObject{{QStringLiteral("op_id"), newUuid()},
                           {QStringLiteral("kind"), QStringLiteral("record.put")},
                           {QStringLiteral("entity"), entity},
                           {QStringLiteral("entity_id"), newUuid()},
                           {QStringLiteral("record"), QJsonObject{{QStringLiteral("n"), 1}}}};
    };
    const QJsonArray first =
        push(*site, {put(QStringLiteral("rating")), put(QStringLiteral("appointment"))});
    CHECK(resultOf(first, 0) == QStringLiteral("applied"));
    CHECK(resultOf(first, 1) == QStringLiteral("rejected:unknown_entity"));

    CentralConnection& admin = central.admin();
    execOk(admin, QStringLiteral("INSERT INTO ow.record_entities (entity, about) VALUES "
                                 "('appointment', 'an appointment booked for the window')"));
    const QJsonArray second = push(*site, {put(QStringLiteral("appointment"))});
    CHECK(resultOf(second, 0) == QStringLiteral("applied"));
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM ow.site_records WHERE site_code = "
                                       "'%1' AND entity = 'appointment'")
                            .arg(a.code))
              .toInt() == 1);
    // A kind still named by records cannot be removed.
    CHECK(failureOf(admin, QStringLiteral("DELETE FROM ow.record_entities WHERE entity = "
                                          "'appointment'")) == QStringLiteral("23503"));
}

TEST_CASE("the records of a batch are put together, and the same record twice is put in order")
{
    CentralFixture central;
    const NewSite a = central.addSite(QStringLiteral("A"));
    auto site = central.siteConnection(a, newUuid());
    CentralConnection& admin = central.admin();
    auto put = [](const QString& entity, const QString& id, const QJsonValue& record) {
        return QJsonObject{{QStringLiteral("op_id"), newUuid()},
                           {QStringLiteral("kind"), QStringLiteral("record.put")},
                           {QStringLiteral("entity"), entity},
                           {QStringLiteral("entity_id"), id},
                           {QStringLiteral("record"), record}};
    };
    auto n = [](int v) { return QJsonObject{{QStringLiteral("n"), v}}; };
    const QString x = newUuid();
    const QString y = newUuid();
    const QJsonArray batch{put(QStringLiteral("applicant"), x, n(1)),
                           put(QStringLiteral("applicant"), y, n(3)),
                           put(QStringLiteral("applicant"), x, n(2)),
                           put(QStringLiteral("appointment"), newUuid(), n(4)),
                           put(QStringLiteral("agent"), QString(), n(5)),
                           put(QStringLiteral("agent"), newUuid(), QStringLiteral("n")),
                           caseUpsert(newUuid(), newUuid(), a.code + QStringLiteral("-1"))};
    const QJsonArray first = push(*site, batch);
    CHECK(resultOf(first, 0) == QStringLiteral("applied"));
    CHECK(resultOf(first, 1) == QStringLiteral("applied"));
    CHECK(resultOf(first, 2) == QStringLiteral("applied"));
    CHECK(resultOf(first, 3) == QStringLiteral("rejected:unknown_entity"));
    CHECK(resultOf(first, 4) == QStringLiteral("rejected:malformed"));
    CHECK(resultOf(first, 5) == QStringLiteral("rejected:malformed"));
    CHECK(resultOf(first, 6) == QStringLiteral("applied"));
    // Put together or one by one, the same answer.
    CHECK(first[1].toObject().keys() == first[0].toObject().keys());
    CHECK(first[1].toObject().value(QStringLiteral("entity_id")).toString() == y);
    CHECK(first[1].toObject().value(QStringLiteral("index")).toInt() == 1);
    // The record put twice holds the later one.
    const QString records =
        QStringLiteral("SELECT string_agg(record->>'n', ',' ORDER BY record->>'n') FROM "
                       "ow.site_records WHERE site_code = '%1'")
            .arg(a.code);
    CHECK(scalar(admin, records).toString() == QStringLiteral("2,3"));
    CHECK(scalar(admin, QStringLiteral("SELECT operation_id::text FROM ow.site_records WHERE "
                                       "entity_id = '%1'")
                            .arg(x))
              .toString() == batch[2].toObject().value(QStringLiteral("op_id")).toString());

    // Sent again: the same answers, nothing changes.
    const QString rows = pushedRows(admin);
    const QJsonArray again = push(*site, batch);
    for (int i : {0, 1, 2, 6})
        CHECK(resultOf(again, i) == QStringLiteral("duplicate"));
    CHECK(resultOf(again, 3) == QStringLiteral("rejected:unknown_entity"));
    CHECK(resultOf(again, 5) == QStringLiteral("rejected:malformed"));
    CHECK(pushedRows(admin) == rows);
    CHECK(scalar(admin, records).toString() == QStringLiteral("2,3"));

    // A later state of a record replaces the one the centre holds.
    const QJsonArray later = push(*site, {put(QStringLiteral("applicant"), y, n(7))});
    CHECK(resultOf(later, 0) == QStringLiteral("applied"));
    CHECK(scalar(admin, records).toString() == QStringLiteral("2,7"));
}
