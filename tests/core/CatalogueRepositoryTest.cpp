#include "catalogue/CatalogueRepository.h"

#include "CatalogueFixtures.h"
#include "TestSupport.h"
#include "catalogue/CatalogueJson.h"
#include "catalogue/CatalogueService.h"
#include "catalogue/SampleCatalogue.h"
#include "intake/Intake.h"

#include <QSqlQuery>

using namespace ow;

namespace {

Catalogue base()
{
    auto c = CatalogueJson::parse(test::baseCatalogueJson().toUtf8());
    REQUIRE(c.ok());
    return c.value();
}

} // namespace

TEST_CASE("CatalogueRepository: import then loadAll round-trips")
{
    test::TempStore store;
    CatalogueRepository repo(*store.db);
    const Catalogue c = base();
    auto report = repo.import(c);
    REQUIRE(report.ok());
    CHECK(report->itemsAdded == 2);
    CHECK(report->itemsUpdated == 0);
    CHECK(report->jointItems == 1);
    CHECK(report->rules == 1);
    auto loaded = repo.loadAll();
    REQUIRE(loaded.ok());
    CHECK(CatalogueJson::serialize(loaded.value()) == CatalogueJson::serialize(c));
    CHECK(repo.itemCount().value() == 2);

    auto one = repo.item(QStringLiteral("SWJ-XK-001"));
    REQUIRE(one.ok());
    CHECK(one->materials.size() == 3);
    CHECK(repo.item(QStringLiteral("NOPE")).error().kind == Error::Kind::NotFound);
    CHECK(repo.jointItem(QStringLiteral("YJS-CY-001"))->members.size() == 2);

    // The same catalogue again changes nothing.
    auto again = repo.import(c);
    REQUIRE(again.ok());
    CHECK(again->itemsAdded == 0);
    CHECK(again->itemsUpdated == 0);
    CHECK(again->jointItems == 0);
    CHECK(again->rules == 0);
}

TEST_CASE("CatalogueRepository: every version is kept")
{
    test::TempStore store;
    CatalogueRepository repo(*store.db);
    Catalogue c = base();
    REQUIRE(repo.import(c).ok());
    CHECK(repo.itemVersions(QStringLiteral("SWJ-XK-001")).value() == QList<int>{2});

    // Changed without raising the version: the store takes the next one.
    c.items[0].name = QStringLiteral("排水许可证核发（变更）");
    auto r1 = repo.import(c);
    REQUIRE(r1.ok());
    CHECK(r1->itemsUpdated == 1);
    CHECK(repo.item(QStringLiteral("SWJ-XK-001"))->version == 3);

    // Changed with a higher version: that version is used.
    c.items[0].name = QStringLiteral("排水许可证核发（再变更）");
    c.items[0].version = 7;
    REQUIRE(repo.import(c).ok());
    CHECK(repo.itemVersions(QStringLiteral("SWJ-XK-001")).value() == QList<int>{2, 3, 7});

    auto v2 = repo.itemVersion(QStringLiteral("SWJ-XK-001"), 2);
    REQUIRE(v2.ok());
    CHECK(v2->name == QStringLiteral("排水许可证核发"));
    CHECK(repo.itemVersion(QStringLiteral("SWJ-XK-001"), 3)->name ==
          QStringLiteral("排水许可证核发（变更）"));
    CHECK(repo.item(QStringLiteral("SWJ-XK-001"))->name == QStringLiteral("排水许可证核发（再变更）"));
    CHECK(repo.itemVersion(QStringLiteral("SWJ-XK-001"), 4).error().kind == Error::Kind::NotFound);
}

TEST_CASE("CatalogueRepository: a partial import keeps the other entries")
{
    test::TempStore store;
    CatalogueRepository repo(*store.db);
    REQUIRE(repo.import(base()).ok());
    Catalogue part;
    Item extra = base().items[1];
    extra.code = QStringLiteral("NEW-001");
    extra.related = {QStringLiteral("SWJ-XK-001")};
    part.items << extra;
    part.rules << RelatedRule{QStringLiteral("SJJ-XK-001"), QStringLiteral("true"),
                              QStringLiteral("SWJ-XK-001"), QStringLiteral("新的理由")};
    auto r = repo.import(part);
    REQUIRE(r.ok());
    CHECK(r->itemsAdded == 1);
    CHECK(r->rules == 1);
    auto all = repo.loadAll();
    REQUIRE(all.ok());
    CHECK(all->items.size() == 3);
    CHECK(all->items.last().code == QStringLiteral("NEW-001")); // import order kept
    REQUIRE(all->rules.size() == 1); // same (whenItem, suggest): replaced
    CHECK(all->rules[0].reason == QStringLiteral("新的理由"));
    auto known = repo.knownCodes();
    REQUIRE(known.ok());
    CHECK(known->items.contains(QStringLiteral("NEW-001")));
    CHECK(known->jointItems.contains(QStringLiteral("YJS-CY-001")));
}

TEST_CASE("CatalogueRepository: a failing import leaves nothing behind")
{
    test::TempStore store;
    CatalogueRepository repo(*store.db);
    REQUIRE(repo.import(base()).ok());
    const QByteArray before = CatalogueJson::serialize(repo.loadAll().value());
    Catalogue c = base();
    c.items[0].name = QStringLiteral("改过的名称");
    Item clash = c.items[1];
    clash.code = QStringLiteral("YJS-CY-001"); // a joint item's code
    c.items << clash;
    auto r = repo.import(c);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == Error::Kind::Conflict);
    CHECK(CatalogueJson::serialize(repo.loadAll().value()) == before);
    CHECK(repo.itemVersions(QStringLiteral("SWJ-XK-001")).value() == QList<int>{2});
}

TEST_CASE("CatalogueRepository: usage counts")
{
    test::TempStore store;
    CatalogueRepository repo(*store.db);
    REQUIRE(repo.import(base()).ok());
    CHECK(repo.usage()->isEmpty());
    CHECK(repo.recordUse(QStringLiteral("SWJ-XK-001")).value() == 1);
    CHECK(repo.recordUse(QStringLiteral("SWJ-XK-001")).value() == 2);
    CHECK(repo.recordUse(QStringLiteral("YJS-CY-001")).value() == 1);
    const auto usage = repo.usage().value();
    CHECK(usage.value(QStringLiteral("SWJ-XK-001")) == 2);
    CHECK(usage.value(QStringLiteral("YJS-CY-001")) == 1);
}

TEST_CASE("CatalogueService: load, lookups, joint members, categories, recordUse")
{
    test::TempStore store;
    REQUIRE(CatalogueRepository(*store.db).import(base()).ok());
    CatalogueService service(*store.db);
    REQUIRE(service.load().ok());
    CHECK(service.itemCount() == 2);
    REQUIRE(service.item(QStringLiteral("SJJ-XK-001")));
    CHECK(service.item(QStringLiteral("NOPE")) == nullptr);
    REQUIRE(service.jointItem(QStringLiteral("YJS-CY-001")));
    const auto members = service.itemsOf(QStringLiteral("YJS-CY-001"));
    REQUIRE(members.size() == 2);
    CHECK(members[0]->code == QStringLiteral("SWJ-XK-001"));
    CHECK(service.itemsOf(QStringLiteral("SJJ-XK-001")).size() == 1);
    CHECK(service.itemsOf(QStringLiteral("NOPE")).isEmpty());
    CHECK(service.categories() == QStringList{QStringLiteral("市场监管"), QStringLiteral("规划建设")});
    CHECK(service.departments().size() == 2);
    REQUIRE(service.recordUse(QStringLiteral("SJJ-XK-001")).ok());
    CHECK(CatalogueRepository(*store.db).usage()->value(QStringLiteral("SJJ-XK-001")) == 1);
}

TEST_CASE("CatalogueService: importFile emits changed and reloads")
{
    test::TempStore store;
    CatalogueService service(*store.db);
    int changes = 0;
    QObject::connect(&service, &CatalogueService::changed, [&changes] { ++changes; });
    const QString path = test::writeFile(store.dir, QStringLiteral("c.json"),
                                         test::baseCatalogueJson().toUtf8());
    auto r = service.importFile(path);
    REQUIRE(r.ok());
    CHECK(changes == 1);
    CHECK(service.item(QStringLiteral("SWJ-XK-001")) != nullptr);
    auto wrong = service.importFile(store.dir.filePath(QStringLiteral("c.xml")));
    REQUIRE_FALSE(wrong.ok());
    CHECK(changes == 1);
}

TEST_CASE("CatalogueService: an item changed by an import or a pull is used in its new version")
{
    test::TempStore store;
    Catalogue c = base();
    REQUIRE(CatalogueRepository(*store.db).import(c).ok());
    CatalogueService service(*store.db);
    REQUIRE(service.load().ok());
    const QString code = QStringLiteral("SWJ-XK-001");
    const auto before = service.item(code);
    REQUIRE(before);
    const qsizetype materials = before->materials.size();
    REQUIRE(materials >= 2);

    // An import: a material fewer and a new name.
    Item& changed = c.items[0];
    REQUIRE(changed.code == code);
    changed.materials.removeLast();
    changed.name = QStringLiteral("城镇污水排入排水管网许可证核发");
    const QString path =
        test::writeFile(store.dir, QStringLiteral("changed.json"), CatalogueJson::serialize(c));
    REQUIRE(service.importFile(path).ok());
    const auto imported = service.item(code);
    REQUIRE(imported);
    CHECK(imported->materials.size() == materials - 1);
    CHECK(imported->name == changed.name);
    CHECK(service.summary(code)->name == changed.name);
    CHECK(before->materials.size() == materials); // what was taken stays as it was
    Intake intake(service, QDate(2026, 3, 2));
    REQUIRE(intake.addItem(code).ok());
    CHECK(intake.items().first().materials.size() == materials - 1);

    // A pull: written by another connection, then reloaded.
    changed.feeNote = QStringLiteral("不收费（2026年起）");
    auto other = store.db->openAnother();
    REQUIRE(other.ok());
    REQUIRE(CatalogueRepository(**other).import(c).ok());
    REQUIRE(service.reload().ok());
    REQUIRE(service.item(code));
    CHECK(service.item(code)->feeNote == changed.feeNote);
    CHECK(service.item(code)->version > imported->version);
}

TEST_CASE("SampleCatalogue: seeds an empty store once")
{
    test::TempStore store;
    REQUIRE(seedSampleCatalogueIfEmpty(*store.db).ok());
    CatalogueRepository repo(*store.db);
    const int count = repo.itemCount().value();
    CHECK(count >= 2);
    REQUIRE(seedSampleCatalogueIfEmpty(*store.db).ok());
    CHECK(repo.itemCount().value() == count);
    CHECK(repo.itemVersions(repo.loadAll()->items.first().code)->size() == 1);
}
