// The audit log on a real store: entries chain by SHA-256, the store itself
// refuses UPDATE and DELETE, and verify() names the first entry that was
// edited, removed or moved by someone who went around the triggers (as an
// attacker holding the file would). Decisions and imports write their entry
// in their own transaction.
#include "audit/AuditLog.h"

#include "DocumentFixtures.h"
#include "IntakeFixture.h"
#include "auth/Session.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

using namespace ow;
using namespace ow::test;

namespace {

struct AuditFixture
{
    TempStore store;
    FixedClock clock{QDateTime(QDate(2025, 3, 14), QTime(9, 0), QTimeZone(8 * 3600))};
    AuditLog log{*store.db, clock};

    // Five entries by the operator, a minute apart.
    void fill()
    {
        for (int i = 1; i <= 5; ++i) {
            auto id = log.append(Session::system(),
                                 {QStringLiteral("test.step"), QStringLiteral("subject-%1").arg(i),
                                  QJsonObject{{QStringLiteral("n"), i - 1}},
                                  QJsonObject{{QStringLiteral("n"), i}}});
            REQUIRE(id.ok());
            clock.advanceSecs(60);
        }
        REQUIRE(log.verify()->ok());
    }
    // Raw SQL on the file, as anyone holding it can do.
    void raw(const QString& sql)
    {
        QSqlQuery q = store.db->query();
        INFO(sql.toStdString() << ": " << q.lastError().text().toStdString());
        REQUIRE(q.exec(sql));
    }
};

} // namespace

TEST_CASE("AuditLog: entries chain, verify, and the store refuses to change or remove them",
          "[audit]")
{
    AuditFixture f;
    f.fill();
    auto v = f.log.verify();
    REQUIRE(v.ok());
    CHECK(v->ok());
    CHECK(v->entries == 5);
    auto all = f.log.list();
    REQUIRE(all.ok());
    REQUIRE(all->size() == 5);
    CHECK(all->at(0).prevHash == AuditLog::genesisHash());
    for (int i = 1; i < 5; ++i)
        CHECK(all->at(i).prevHash == all->at(i - 1).hash);
    CHECK(v->head == all->at(4).hash);
    CHECK(all->at(2).actor == QStringLiteral("system"));
    CHECK(all->at(2).beforeJson == QStringLiteral("{\"n\":2}"));
    CHECK(all->at(2).at == QStringLiteral("2025-03-14T01:02:00.000Z"));

    for (const QString& sql : {QStringLiteral("UPDATE audit_log SET actor = 'x' WHERE id = 2"),
                               QStringLiteral("DELETE FROM audit_log WHERE id = 5"),
                               QStringLiteral("INSERT INTO audit_log (at, actor, action, "
                                              "prev_hash, hash) VALUES ('t', 'a', 'forged', "
                                              "'%1', '%1')")
                                   .arg(QString(64, QLatin1Char('f')))}) {
        QSqlQuery q = f.store.db->query();
        INFO(sql.toStdString());
        CHECK_FALSE(q.exec(sql));
    }
    CHECK(f.log.list()->size() == 5);
    CHECK(f.log.verify()->ok());

    // since: from the third minute on.
    auto since = f.log.list(QDateTime(QDate(2025, 3, 14), QTime(9, 2), QTimeZone(8 * 3600)));
    REQUIRE(since.ok());
    REQUIRE(since->size() == 3);
    CHECK(since->first().id == 3);
}

TEST_CASE("AuditLog: verify names an edited entry", "[audit]")
{
    AuditFixture f;
    f.fill();
    f.raw(QStringLiteral("DROP TRIGGER audit_log_no_update"));
    f.raw(QStringLiteral("UPDATE audit_log SET after_json = '{\"n\":30}' WHERE id = 3"));
    auto v = f.log.verify();
    REQUIRE(v.ok());
    CHECK_FALSE(v->ok());
    CHECK(v->broken == AuditVerification::Break::Edited);
    CHECK(v->brokenId == 3);
    CHECK(v->message.contains(QLatin1String("3")));

    // Recomputing that entry's own hash only moves the break to the next one.
    auto rows = f.log.list();
    REQUIRE(rows.ok());
    const AuditRecord third = rows->at(2);
    f.raw(QStringLiteral("UPDATE audit_log SET hash = '%1' WHERE id = 3")
              .arg(AuditLog::chainHash(third.prevHash, third)));
    auto again = f.log.verify();
    CHECK_FALSE(again->ok());
    CHECK(again->broken == AuditVerification::Break::Unlinked);
    CHECK(again->brokenId == 4);
}

TEST_CASE("AuditLog: verify names a removed entry", "[audit]")
{
    AuditFixture f;
    f.fill();
    f.raw(QStringLiteral("DROP TRIGGER audit_log_no_delete"));
    f.raw(QStringLiteral("DELETE FROM audit_log WHERE id = 2"));
    auto v = f.log.verify();
    REQUIRE(v.ok());
    CHECK_FALSE(v->ok());
    CHECK(v->broken == AuditVerification::Break::Removed);
    CHECK(v->brokenId == 3);
    CHECK(v->message.contains(QLatin1String("2")));

    // The first entry too.
    AuditFixture g;
    g.fill();
    g.raw(QStringLiteral("DROP TRIGGER audit_log_no_delete"));
    g.raw(QStringLiteral("DELETE FROM audit_log WHERE id = 1"));
    CHECK(g.log.verify()->broken == AuditVerification::Break::Removed);
    CHECK(g.log.verify()->brokenId == 2);
}

TEST_CASE("AuditLog: verify names a reordered entry", "[audit]")
{
    AuditFixture f;
    f.fill();
    // Entries 2 and 4 swap places, each with its own content and hashes.
    f.raw(QStringLiteral("DROP TRIGGER audit_log_no_update"));
    f.raw(QStringLiteral("UPDATE audit_log SET id = 100 WHERE id = 2"));
    f.raw(QStringLiteral("UPDATE audit_log SET id = 2 WHERE id = 4"));
    f.raw(QStringLiteral("UPDATE audit_log SET id = 4 WHERE id = 100"));
    auto v = f.log.verify();
    REQUIRE(v.ok());
    CHECK_FALSE(v->ok());
    CHECK(v->broken == AuditVerification::Break::Reordered);
    CHECK(v->brokenId == 2);
}

TEST_CASE("AuditLog: an intake decision and its entry are written together, by whom and where",
          "[audit][intake]")
{
    IntakeFixture f;
    Intake intake = f.service->begin();
    REQUIRE(f.service
                ->setApplicant(intake, naturalPerson(QStringLiteral("王建国"),
                                                     QStringLiteral("320581197003144512")))
                .ok());
    REQUIRE(intake.addItem(QStringLiteral("GAJ-GG-002")).ok());
    REQUIRE(intake.checklist().markMissing(QStringLiteral("id-card")).ok());
    auto d = f.service->requestCorrection(intake);
    REQUIRE(d.ok());
    auto entries = AuditLog(*f.store.db).list();
    REQUIRE(entries.ok());
    REQUIRE(entries->size() == 1);
    const AuditRecord& e = entries->first();
    CHECK(e.action == QStringLiteral("intake.correction"));
    CHECK(e.subject == d->noticeNumber);
    CHECK(e.actor == QStringLiteral("system"));
    CHECK(e.siteCode == QStringLiteral("320581001"));
    CHECK(e.window == QStringLiteral("A03"));
    const QJsonObject after = QJsonDocument::fromJson(e.afterJson.toUtf8()).object();
    CHECK(after.value(QStringLiteral("id")).toString() == d->caseId);
    CHECK(e.beforeJson == QStringLiteral("null"));

    // A failure of the audit entry rolls the decision back.
    QSqlQuery t = f.store.db->query();
    REQUIRE(t.exec(QStringLiteral("CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON audit_log "
                                  "BEGIN SELECT RAISE(ABORT, 'disk full'); END")));
    const int corrections = f.count(QStringLiteral("correction"));
    const int history = f.count(QStringLiteral("case_status_history"));
    REQUIRE_FALSE(f.service->requestCorrection(intake).ok());
    CHECK(f.count(QStringLiteral("correction")) == corrections);
    CHECK(f.count(QStringLiteral("case_status_history")) == history);
    CHECK(f.count(QStringLiteral("audit_log")) == 1);
}

TEST_CASE("AuditLog: a printed receipt is recorded with its pages and content hash",
          "[audit][documents]")
{
    TempStore store;
    const AcceptanceReceipt receipt(doctest::drainageReceipt());
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const auto rendered = receipt.renderPdf(dir.filePath(QStringLiteral("receipt.pdf")));
    REQUIRE(rendered.ok());
    AuditLog log(*store.db);
    auto id = log.append(Session::system(),
                         AuditEntry::printed(receipt.kind(), doctest::kCase, rendered->pages,
                                             rendered->sha256, false));
    REQUIRE(id.ok());
    const AuditRecord r = log.list()->first();
    CHECK(r.action == QStringLiteral("print.acceptance-receipt"));
    CHECK(r.subject == doctest::kCase);
    const QJsonObject after = QJsonDocument::fromJson(r.afterJson.toUtf8()).object();
    CHECK(after.value(QStringLiteral("pages")).toInt() == 1);
    CHECK(after.value(QStringLiteral("sha256")).toString() ==
          QString::fromLatin1(receipt.contentHash().toHex()));
    CHECK(log.verify()->ok());
}
