// Pulling changes: (xid, id) order below the oldest running transaction, so
// that a transaction committing late is never skipped; snapshots; cursors.
#include "CentralTestSupport.h"

#include <QElapsedTimer>
#include <QThread>

using namespace ow;
using namespace ow::test;

namespace {

void publishItem(CentralConnection& admin, const QString& code)
{
    execOk(admin, QStringLiteral("SELECT ow.publish_catalogue_entry('item', '%1', 1, "
                                 "'{\"code\": \"%1\"}'::jsonb)")
                      .arg(code));
}

QStringList keysOf(const QJsonArray& changes)
{
    QStringList out;
    for (const QJsonValue& ch : changes)
        out << ch.toObject().value(QStringLiteral("key")).toString();
    return out;
}

} // namespace

TEST_CASE("a change committed late is pulled, not skipped, although later ones committed first")
{
    CentralFixture central;
    const NewSite a = central.addSite(QStringLiteral("A"));
    auto site = central.siteConnection(a, newUuid());
    publishItem(central.admin(), QStringLiteral("BEFORE"));

    // The counter is up to date.
    const QJsonArray first = pullAll(central, *site);
    REQUIRE(keysOf(first) == QStringList{QStringLiteral("BEFORE")});
    const QJsonObject last = first.last().toObject();
    const QString cursorXid = last.value(QStringLiteral("xid")).toString();
    const qint64 cursorId = last.value(QStringLiteral("id")).toInteger();

    // A publication starts and stays open ...
    auto slow = connectOrFail(central.adminUrl());
    REQUIRE(slow->db().transaction());
    publishItem(*slow, QStringLiteral("LATE"));
    // ... while later ones commit.
    publishItem(central.admin(), QStringLiteral("AFTER1"));
    publishItem(central.admin(), QStringLiteral("AFTER2"));

    // The later ones were given higher ids: a cursor on ids alone would pass
    // LATE by once it commits.
    CentralConnection& admin = central.admin();
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM ow.change_log WHERE key LIKE "
                                       "'AFTER%'"))
              .toInt() == 2);

    // While LATE is open, nothing after it is handed out.
    const QJsonObject held = pull(*site, cursorXid, cursorId);
    CHECK(held.value(QStringLiteral("changes")).toArray().isEmpty());
    CHECK(held.value(QStringLiteral("next_xid")).toString() == cursorXid);
    CHECK(held.value(QStringLiteral("next_id")).toInteger() == cursorId);

    REQUIRE(slow->db().commit());
    const QJsonArray rest = pullAll(central, *site, cursorXid, cursorId);
    CHECK(keysOf(rest) ==
          QStringList{QStringLiteral("LATE"), QStringLiteral("AFTER1"), QStringLiteral("AFTER2")});
    CHECK(rest.first().toObject().value(QStringLiteral("id")).toInteger() <
          rest.last().toObject().value(QStringLiteral("id")).toInteger());

    // Nothing comes twice.
    const QJsonObject end = rest.last().toObject();
    CHECK(pull(*site, end.value(QStringLiteral("xid")).toString(),
               end.value(QStringLiteral("id")).toInteger())
              .value(QStringLiteral("changes"))
              .toArray()
              .isEmpty());
}

TEST_CASE("pages follow each other without gaps, and acknowledging shrinks the backlog")
{
    CentralFixture central;
    const NewSite a = central.addSite(QStringLiteral("A"));
    const QString counter = newUuid();
    auto site = central.siteConnection(a, counter);
    for (int i = 0; i < 25; ++i)
        publishItem(central.admin(), QStringLiteral("ITEM-%1").arg(i, 3, 10, QLatin1Char('0')));
    waitUntilSettled(central.admin());

    QStringList keys;
    QString xid = QStringLiteral("0");
    qint64 id = 0;
    int pages = 0;
    for (;;) {
        const QJsonObject page = pull(*site, xid, id, 7);
        ++pages;
        keys << keysOf(page.value(QStringLiteral("changes")).toArray());
        xid = page.value(QStringLiteral("next_xid")).toString();
        id = page.value(QStringLiteral("next_id")).toInteger();
        if (!page.value(QStringLiteral("more")).toBool())
            break;
    }
    CHECK(pages == 4);
    CHECK(keys.size() == 25);
    CHECK(keys.first() == QStringLiteral("ITEM-000"));
    CHECK(keys.last() == QStringLiteral("ITEM-024"));

    auto ack = site->callJson(QStringLiteral("SELECT ow_api.acknowledge(?::uuid, ?::xid8, ?)"),
                              {counter, xid, id});
    REQUIRE(ack.ok());
    CHECK(ack->toObject().value(QStringLiteral("waiting")).toInteger() == 0);
    // The cursor never goes back.
    ack = site->callJson(QStringLiteral("SELECT ow_api.acknowledge(?::uuid, ?::xid8, ?)"),
                         {counter, QStringLiteral("0"), 0});
    REQUIRE(ack.ok());
    CHECK(ack->toObject().value(QStringLiteral("acked_id")).toInteger() == id);
    auto status = CentralAdmin(central.admin()).status();
    REQUIRE(status.ok());
    REQUIRE(status->sites.size() == 1);
    CHECK(status->sites.first().waitingChanges == 0);
    CHECK(status->sites.first().lastContact.isValid());
    CHECK(status->sites.first().counters == 1);
}

TEST_CASE("a counter that is new or behind a pruned log starts from a snapshot")
{
    CentralFixture central;
    const NewSite a = central.addSite(QStringLiteral("A"));
    auto site = central.siteConnection(a, newUuid());
    CentralConnection& admin = central.admin();
    publishItem(admin, QStringLiteral("X1"));
    execOk(admin, QStringLiteral("SELECT ow.publish_catalogue_entry('item', 'X1', 2, "
                                 "'{\"code\": \"X1\", \"v\": 2}'::jsonb)"));
    publishItem(admin, QStringLiteral("X2"));
    execOk(admin, QStringLiteral("SELECT ow.set_credit_grade('91350100M000100Y43', 'A', '')"));
    push(*site, {caseUpsert(newUuid(), newUuid(), a.code + QStringLiteral("-20250314-0001"))});
    waitUntilSettled(admin);

    // Everything older than now is pruned: an old cursor must take a snapshot.
    execOk(admin, QStringLiteral("SELECT ow.prune_change_log(interval '0 seconds')"));
    CHECK(pull(*site, QStringLiteral("0"), 0).value(QStringLiteral("snapshot_required")).toBool());

    auto page = [&](const QString& section, const QString& after) {
        auto r =
            site->callJson(QStringLiteral("SELECT ow_api.snapshot(?, ?, ?)"), {section, after, 1});
        if (!r)
            FAIL(r.error().fullText().toStdString());
        return r->toObject();
    };
    // The catalogue holds the newest version of each entry, a page at a time.
    QJsonObject p1 = page(QStringLiteral("catalogue"), QString());
    const QJsonObject row1 = p1.value(QStringLiteral("rows")).toArray().first().toObject();
    CHECK(row1.value(QStringLiteral("code")).toString() == QStringLiteral("X1"));
    CHECK(row1.value(QStringLiteral("version")).toInt() == 2);
    CHECK_FALSE(p1.value(QStringLiteral("done")).toBool());
    QJsonObject p2 =
        page(QStringLiteral("catalogue"), p1.value(QStringLiteral("next_key")).toString());
    CHECK(p2.value(QStringLiteral("rows"))
              .toArray()
              .first()
              .toObject()
              .value(QStringLiteral("code")) == QStringLiteral("X2"));
    QJsonObject p3 =
        page(QStringLiteral("catalogue"), p2.value(QStringLiteral("next_key")).toString());
    CHECK(p3.value(QStringLiteral("rows")).toArray().isEmpty());
    CHECK(p3.value(QStringLiteral("done")).toBool());
    CHECK(page(QStringLiteral("credit_grades"), QString())
              .value(QStringLiteral("rows"))
              .toArray()
              .size() == 1);
    CHECK(page(QStringLiteral("cases"), QString()).value(QStringLiteral("rows")).toArray().size() ==
          1);

    // From the snapshot's cursor the log continues, without a new snapshot.
    const QString xid = p1.value(QStringLiteral("cursor_xid")).toString();
    const qint64 id = p1.value(QStringLiteral("cursor_id")).toInteger();
    publishItem(admin, QStringLiteral("X3"));
    const QJsonArray after = pullAll(central, *site, xid, id);
    CHECK(keysOf(after) == QStringList{QStringLiteral("X3")});
}
