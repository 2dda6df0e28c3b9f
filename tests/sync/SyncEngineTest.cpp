// The counter's sync engine against the real test centre: every accepted
// case reaches the centre exactly once, refusals go to the quarantine,
// published changes and back-office decisions come down.
#include "SyncTestSupport.h"
#include "cases/CaseRepository.h"
#include "catalogue/CatalogueJson.h"
#include "catalogue/CatalogueRepository.h"
#include "sync/SyncStore.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using namespace ow;
using namespace ow::test;

TEST_CASE("accepted cases reach the centre exactly once also when the answer was lost")
{
    CentralFixture central;
    SyncCounter counter(central.addSite(QStringLiteral("S")));
    QStringList ids;
    for (int i = 1; i <= 3; ++i)
        ids << counter.acceptImmediate(i);
    ids << counter.acceptPromised(4);
    const QStringList accepted = counter.localCaseNumbers();
    REQUIRE(accepted.size() == 4);
    const int waiting = counter.outboxCount();
    REQUIRE(waiting >= 8); // applicant and case of each

    // The centre commits the batch, then the answer is lost.
    counter.engine.setFaultHook([](SyncFaultPoint p) -> Status {
        if (p == SyncFaultPoint::AfterPush)
            return Error{Error::Kind::Network, QStringLiteral("the answer was lost"), {}};
        return {};
    });
    auto lost = counter.engine.runOnce();
    REQUIRE_FALSE(lost.ok());
    CHECK(counter.outboxCount() == waiting); // nothing deleted without its answer
    CHECK(centralCaseNumbers(central.admin(), counter.site.code) == accepted);

    // Sent again: answered 'duplicate', nothing twice at the centre.
    counter.engine.setFaultHook({});
    const SyncPassReport again = counter.sync();
    CHECK(again.duplicates == waiting);
    CHECK(again.applied == 0);
    CHECK(again.quarantined == 0);
    CHECK(counter.outboxCount() == 0);
    CHECK(centralCaseNumbers(central.admin(), counter.site.code) == accepted);
    CHECK(scalar(central.admin(), QStringLiteral("SELECT count(*) FROM ow.cases")).toInt() == 4);
    // The immediate items arrive completed, with their history.
    CHECK(scalar(central.admin(),
                 QStringLiteral("SELECT string_agg(status || status_version, ',' ORDER BY "
                                "case_number) FROM ow.cases"))
              .toString() == QStringLiteral("completed2,completed2,completed2,accepted1"));
    CHECK(scalar(central.admin(),
                 QStringLiteral("SELECT count(*) FROM ow.site_records WHERE entity = 'applicant'"))
              .toInt() == 4);
    // A third pass has nothing to send.
    CHECK(counter.sync().sent == 0);
}

TEST_CASE("a refused case goes to the quarantine with its reason and the others go through")
{
    CentralFixture central;
    const NewSite site = central.addSite(QStringLiteral("Q"));
    SyncCounter counter(site);
    const QString first = counter.acceptImmediate(1);
    counter.acceptImmediate(2);
    counter.acceptImmediate(3);
    const QString taken = counter.localCaseNumbers().first();
    // Another counter of the site already used that number for another case.
    auto other = central.siteConnection(site, newUuid());
    REQUIRE(push(*other, {caseUpsert(newUuid(), newUuid(), taken)})[0]
                .toObject()
                .value(QStringLiteral("result"))
                .toString() == QStringLiteral("applied"));

    const SyncPassReport r = counter.sync();
    CHECK(r.quarantined == 1);
    CHECK(counter.outboxCount() == 0);
    CHECK(centralCaseNumbers(central.admin(), site.code).size() == 3);
    auto q = SyncStore(*counter.intake.store.db).quarantined();
    REQUIRE(q.ok());
    REQUIRE(q->size() == 1);
    CHECK(q->first().entity == QStringLiteral("case"));
    CHECK(q->first().entityId == first);
    CHECK(q->first().reason == QStringLiteral("case_number_taken"));
    CHECK(q->first().message.contains(taken));
    // The case itself stays at the counter, as accepted.
    CHECK(counter.localStatus(first) == QStringLiteral("completed"));
    // Later cases are not held up by the quarantined one.
    counter.acceptImmediate(4);
    CHECK(counter.sync().applied >= 1);
    CHECK(centralCaseNumbers(central.admin(), site.code).size() == 4);
}

TEST_CASE("a published catalogue change reaches the live catalogue and a case keeps its version")
{
    CentralFixture central;
    SyncCounter counter(central.addSite(QStringLiteral("C")));
    const QString caseId = counter.acceptPromised(1);
    counter.sync();

    Item item = *counter.intake.catalogue->item(QStringLiteral("RSJ-JF-001"));
    const QString oldName = item.name;
    const int oldVersion = item.version;
    item.name = oldName + QStringLiteral("（新版）");
    item.version = oldVersion + 1;
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("catalogue.json"));
    REQUIRE(CatalogueJson::writeFile(Catalogue{{item}, {}, {}}, file).ok());
    auto published = CentralAdmin(central.admin()).publishCatalogue(file);
    REQUIRE(published.ok());
    CHECK(published->added == 1);

    QSignalSpy changed(counter.intake.catalogue.get(), &CatalogueService::changed);
    waitUntilSettled(central.admin());
    const SyncPassReport r = counter.sync();
    CHECK(r.catalogueChanged);
    // The live catalogue service picks it up without a restart.
    REQUIRE(counter.intake.catalogue->reload().ok());
    CHECK(changed.count() == 1);
    CHECK(counter.intake.catalogue->item(QStringLiteral("RSJ-JF-001"))->name == item.name);
    CHECK(counter.intake.catalogue->item(QStringLiteral("RSJ-JF-001"))->version == item.version);

    auto stored = CaseRepository(*counter.intake.store.db).findById(caseId);
    REQUIRE(stored.ok());
    REQUIRE(stored->has_value());
    CHECK((*stored)->items.first().version == oldVersion);
    auto then = CatalogueRepository(*counter.intake.store.db)
                    .itemVersion(QStringLiteral("RSJ-JF-001"), oldVersion);
    REQUIRE(then.ok());
    CHECK(then->name == oldName);

    // Nothing new: the next pass changes nothing.
    CHECK_FALSE(counter.sync().catalogueChanged);
}

TEST_CASE("a back-office decision comes down and moves the local case and requests carry the "
          "version seen")
{
    CentralFixture central;
    const NewSite site = central.addSite(QStringLiteral("B"));
    SyncCounter counter(site);
    const QString caseId = counter.acceptPromised(1);
    const QString number = counter.localCaseNumbers().first();
    counter.sync();

    // The counter forwards the case; the centre applies the request.
    REQUIRE(SyncEngine::requestStatus(*counter.intake.store.db, caseId, QStringLiteral("forwarded"),
                                      QStringLiteral("张敏"), counter.intake.clock)
                .ok());
    CHECK(counter.sync().applied == 1);
    CHECK(scalar(central.admin(),
                 QStringLiteral("SELECT status || status_version FROM ow.cases WHERE "
                                "case_number = '%1'")
                     .arg(number))
              .toString() == QStringLiteral("forwarded2"));

    // The back office approves, then completes.
    REQUIRE(CentralAdmin(central.admin())
                .recordCaseStatus(number, QStringLiteral("approved"), QStringLiteral("审批科"))
                .ok());
    waitUntilSettled(central.admin());
    SyncPassReport r = counter.sync();
    CHECK(r.caseStatusChanges == 1);
    CHECK(counter.localStatus(caseId) == QStringLiteral("approved"));
    REQUIRE(CentralAdmin(central.admin())
                .recordCaseStatus(number, QStringLiteral("completed"), QStringLiteral("审批科"))
                .ok());
    waitUntilSettled(central.admin());
    counter.sync();
    CHECK(counter.localStatus(caseId) == QStringLiteral("completed"));

    // A request made from a version the back office has passed is refused
    // by the server and shown in the quarantine; the local clock is far ahead.
    FixedClock ahead(intakeMorning().addDays(400));
    REQUIRE(SyncEngine::requestStatus(*counter.intake.store.db, caseId, QStringLiteral("withdrawn"),
                                      QStringLiteral("张敏"), ahead)
                .ok());
    r = counter.sync();
    CHECK(r.quarantined == 1);
    auto q = SyncStore(*counter.intake.store.db).quarantined();
    REQUIRE(q.ok());
    REQUIRE(q->size() == 1);
    CHECK(q->first().reason == QStringLiteral("transition_not_allowed"));
    // The counter's case goes back to what the centre holds.
    CHECK(counter.localStatus(caseId) == QStringLiteral("completed"));
    CHECK(scalar(central.admin(),
                 QStringLiteral("SELECT status FROM ow.cases WHERE case_number = '%1'").arg(number))
              .toString() == QStringLiteral("completed"));
}

TEST_CASE("a catalogue change committed late is pulled although later ones committed first")
{
    CentralFixture central;
    SyncCounter counter(central.addSite(QStringLiteral("L")));
    counter.sync(); // the first full download

    auto publishAs = [&](CentralConnection& c, const QString& code) {
        Item item = *counter.intake.catalogue->item(QStringLiteral("RSJ-JF-001"));
        item.code = code;
        item.name = QStringLiteral("测试事项 ") + code;
        item.version = 1;
        const QString doc = QString::fromUtf8(
            QJsonDocument(CatalogueJson::toJson(item)).toJson(QJsonDocument::Compact));
        QSqlQuery q = c.query();
        REQUIRE(
            q.prepare(QStringLiteral("SELECT ow.publish_catalogue_entry('item', ?, 1, ?::jsonb)")));
        q.addBindValue(code);
        q.addBindValue(doc);
        REQUIRE(q.exec());
    };
    auto slow = connectOrFail(central.adminUrl());
    execOk(*slow, QStringLiteral("BEGIN"));
    publishAs(*slow, QStringLiteral("LATE-001")); // gets its xid first
    publishAs(central.admin(), QStringLiteral("AFTER-001"));
    publishAs(central.admin(), QStringLiteral("AFTER-002"));

    counter.sync();
    CatalogueRepository repo(*counter.intake.store.db);
    // The open transaction holds the boundary: nothing after it yet.
    CHECK_FALSE(repo.item(QStringLiteral("AFTER-001")).ok());
    execOk(*slow, QStringLiteral("COMMIT"));
    waitUntilSettled(central.admin());
    counter.sync();
    CHECK(repo.item(QStringLiteral("LATE-001")).ok());
    CHECK(repo.item(QStringLiteral("AFTER-001")).ok());
    CHECK(repo.item(QStringLiteral("AFTER-002")).ok());
}

TEST_CASE("a new counter loads a full snapshot with progress and then pulls from its cursor")
{
    CentralFixture central;
    const NewSite site = central.addSite(QStringLiteral("N"));
    SyncCounter first(site);
    first.acceptPromised(1);
    first.sync();
    REQUIRE(CentralAdmin(central.admin())
                .setCreditGrade(QStringLiteral("91350100M000100Y43"), QStringLiteral("C"))
                .ok());
    waitUntilSettled(central.admin());

    SyncCounter second(site);
    QStringList sections;
    second.engine.setProgress([&](const QString& section, int) {
        if (!sections.contains(section))
            sections << section;
    });
    const SyncPassReport r = second.sync();
    CHECK(r.snapshot);
    CHECK(sections == QStringList{QStringLiteral("catalogue"), QStringLiteral("calendar"),
                                  QStringLiteral("credit_grades"), QStringLiteral("cases")});
    auto grade =
        SyncStore(*second.intake.store.db).creditGrade(QStringLiteral("91350100M000100Y43"));
    REQUIRE(grade.ok());
    CHECK(grade.value() == QStringLiteral("C"));
    // Incremental from now on.
    CHECK_FALSE(second.sync().snapshot);
}

TEST_CASE("a counter clock a day ahead or behind changes no outcome")
{
    // The same day at three counters: one right, one a day ahead, one a day behind.
    auto run = [](int dayOffset) {
        CentralFixture central;
        const NewSite site = central.addSite(QStringLiteral("K"));
        SyncCounter counter(site);
        counter.intake.clock.set(intakeMorning().addDays(dayOffset));
        const QString caseId = counter.acceptPromised(1);
        const QString number = counter.localCaseNumbers().first();
        counter.sync();
        REQUIRE(SyncEngine::requestStatus(*counter.intake.store.db, caseId,
                                          QStringLiteral("forwarded"), QStringLiteral("张敏"),
                                          counter.intake.clock)
                    .ok());
        counter.sync();
        REQUIRE(CentralAdmin(central.admin())
                    .recordCaseStatus(number, QStringLiteral("refused"), QStringLiteral("审批科"))
                    .ok());
        // The counter, not yet aware, asks to withdraw from the version it saw.
        REQUIRE(SyncEngine::requestStatus(*counter.intake.store.db, caseId,
                                          QStringLiteral("withdrawn"), QStringLiteral("张敏"),
                                          counter.intake.clock)
                    .ok());
        waitUntilSettled(central.admin());
        counter.sync();
        counter.sync(); // the refusal comes down after the request was answered
        auto q = SyncStore(*counter.intake.store.db).quarantined();
        REQUIRE(q.ok());
        QStringList reasons;
        for (const QuarantineEntry& e : q.value())
            reasons << e.reason;
        return scalar(central.admin(),
                      QStringLiteral("SELECT string_agg(to_status || status_version, ',' ORDER BY "
                                     "status_version) FROM ow.case_status_history"))
                   .toString() +
               QStringLiteral(" | local ") + counter.localStatus(caseId) + QStringLiteral(" | ") +
               reasons.join(QLatin1Char(','));
    };
    const QString right = run(0);
    CHECK(right == QStringLiteral("accepted1,forwarded2,refused3 | local refused | stale_version"));
    CHECK(run(1) == right);
    CHECK(run(-1) == right);
}
