#include "catalogue/CatalogueCsv.h"

#include "CatalogueFixtures.h"
#include "TestSupport.h"
#include "catalogue/CatalogueJson.h"
#include "catalogue/CatalogueRepository.h"
#include "catalogue/CatalogueService.h"

using namespace ow;

namespace {

const QByteArray kItems =
    "code,name,shortName,keywords,category,theme,department,itemType,handling,legalLimitDays,"
    "promisedLimitDays,visits,feeYuan,feeNote,levels,universal,acceptanceConditions,legalBasis,"
    "result,delivery,related,version,effectiveFrom,effectiveTo,active\r\n"
    "SWJ-XK-001,排水许可证核发,排水许可,排水证;排水接管,规划建设,,市水务局,行政许可,promised,20,5,"
    "1,0,不收费,city;town,1,\"已建成排水设施, 且\"\"合格\"\"\",,许可证,pickup;ems,SJJ-XK-001,3,"
    "2024-01-01,,1\r\n"
    "SJJ-XK-001,食品经营许可,,,市场监管,,市市场监督管理局,行政许可,immediate,0,0,1,,,city,0,,"
    ",,,,,,,\r\n";

const QByteArray kMaterials =
    "itemCode,id,name,form,copies,requirement,condition,source,reusable,note\n"
    "SWJ-XK-001,id-card,申请人身份证,original+copy,,required,,government,1,\n"
    "SWJ-XK-001,power-of-attorney,授权委托书,original,,conditional,agent,,0,\"写明\n委托事项\"\n"
    "SJJ-XK-001,id-card,经营者身份证,original,2,required,,,,\n";

// A problem whose `where` is file:line: column.
bool hasProblem(const Error& e, const QString& where)
{
    for (const Problem& p : e.problems)
        if (p.where == where)
            return true;
    return false;
}

} // namespace

TEST_CASE("CatalogueCsv: items.csv and materials.csv read into a catalogue")
{
    auto c = CatalogueCsv::parse(kItems, kMaterials);
    if (!c.ok())
        FAIL(c.error().fullText().toStdString());
    REQUIRE(c->items.size() == 2);
    const Item& it = c->items[0];
    CHECK(it.keywords.size() == 2);
    CHECK(it.levels == (int(Level::City) | int(Level::Town)));
    CHECK(it.universal);
    CHECK(it.acceptanceConditions == QStringLiteral("已建成排水设施, 且\"合格\""));
    CHECK(it.delivery == (int(Delivery::Pickup) | int(Delivery::Ems)));
    CHECK(it.version == 3);
    CHECK(it.effectiveFrom == QDate(2024, 1, 1));
    REQUIRE(it.materials.size() == 2);
    CHECK(it.materials[1].requirement == Requirement::Conditional);
    CHECK(it.materials[1].note == QStringLiteral("写明\n委托事项"));
    CHECK(c->items[1].materials.size() == 1);
    CHECK(c->items[1].materials[0].copies == 2);
    CHECK(c->items[1].delivery == int(Delivery::Pickup));
    CHECK(c->items[1].active);
}

TEST_CASE("CatalogueCsv: RFC 4180 records keep quoted commas, quotes and line breaks")
{
    auto r =
        CatalogueCsv::records("a,\"b,c\",\"d\"\"e\"\r\n\r\n\"f\ng\",h\n", QStringLiteral("x.csv"));
    REQUIRE(r.ok());
    REQUIRE(r->size() == 2);
    CHECK(r->at(0).fields ==
          QStringList{QStringLiteral("a"), QStringLiteral("b,c"), QStringLiteral("d\"e")});
    CHECK(r->at(1).line == 3);
    CHECK(r->at(1).fields == QStringList{QStringLiteral("f\ng"), QStringLiteral("h")});

    auto open = CatalogueCsv::records("a,b\n\"c,d\n", QStringLiteral("x.csv"));
    REQUIRE_FALSE(open.ok());
    CHECK(open.error().problems.first().where == QStringLiteral("x.csv:2"));
    auto stray = CatalogueCsv::records("a,b\nc,d\"e\n", QStringLiteral("x.csv"));
    REQUIRE_FALSE(stray.ok());
    CHECK(stray.error().problems.first().where == QStringLiteral("x.csv:2"));
}

TEST_CASE("CatalogueCsv: problems read file:line: column: reason")
{
    QByteArray items = kItems;
    items.replace("immediate,0,0,1", "sometimes,0,0,x");
    items.replace("SWJ-XK-001,排水许可证核发", "SWJ-XK-001,");
    QByteArray materials = kMaterials;
    materials.replace("conditional,agent", "conditional,agent &&");
    materials.replace("SJJ-XK-001,id-card,经营者身份证,original,2",
                      "SJJ-XK-001,id-card,经营者身份证,scan,100");
    materials += "NOPE-001,x,y,original,,required,,,,\n";
    auto c = CatalogueCsv::parse(items, materials);
    REQUIRE_FALSE(c.ok());
    const Error& e = c.error();
    UNSCOPED_INFO(e.fullText().toStdString());
    CHECK(hasProblem(e, QStringLiteral("items.csv:2: name")));
    CHECK(hasProblem(e, QStringLiteral("items.csv:3: handling")));
    CHECK(hasProblem(e, QStringLiteral("items.csv:3: visits")));
    CHECK(hasProblem(e, QStringLiteral("materials.csv:3: condition")));
    CHECK(hasProblem(e, QStringLiteral("materials.csv:5: form")));
    CHECK(hasProblem(e, QStringLiteral("materials.csv:5: copies")));
    CHECK(hasProblem(e, QStringLiteral("materials.csv:6: itemCode")));
    CHECK(e.fullText().contains(QLatin1String("materials.csv:3: condition: ")));
}

TEST_CASE("CatalogueCsv: the shared rules apply (duplicates, references, conditions)")
{
    QByteArray items = kItems;
    items.replace(",SJJ-XK-001,3,", ",NOPE-9,3,");
    QByteArray materials = kMaterials;
    materials.replace("SJJ-XK-001,id-card,经营者身份证,original,2,required,",
                      "SWJ-XK-001,id-card,经营者身份证,original,2,optional,agent");
    auto c = CatalogueCsv::parse(items, materials);
    REQUIRE_FALSE(c.ok());
    const Error& e = c.error();
    UNSCOPED_INFO(e.fullText().toStdString());
    CHECK(hasProblem(e, QStringLiteral("items.csv:2: related")));
    CHECK(hasProblem(e, QStringLiteral("materials.csv:5: id")));
    CHECK(hasProblem(e, QStringLiteral("materials.csv:5: condition")));
}

TEST_CASE("CatalogueCsv: header problems: unknown, missing and repeated columns")
{
    auto c = CatalogueCsv::parse("code,name,colour\nA,b,c\n", kMaterials);
    REQUIRE_FALSE(c.ok());
    const Error& e = c.error();
    CHECK(hasProblem(e, QStringLiteral("items.csv:1: colour")));
    CHECK(hasProblem(e, QStringLiteral("items.csv:1: handling")));
    auto d = CatalogueCsv::parse(kItems, "itemCode,id,id\n");
    REQUIRE_FALSE(d.ok());
    CHECK(hasProblem(d.error(), QStringLiteral("materials.csv:1: id")));
    auto short_ = CatalogueCsv::parse(kItems + "A,b\n", kMaterials);
    REQUIRE_FALSE(short_.ok());
    CHECK(hasProblem(short_.error(), QStringLiteral("items.csv:4")));
}

TEST_CASE("CatalogueCsv: import through the service, a bad pair changes nothing")
{
    test::TempStore store;
    CatalogueService service(*store.db);
    QTemporaryDir good;
    const QString items = test::writeFile(good, QStringLiteral("items.csv"), kItems);
    test::writeFile(good, QStringLiteral("materials.csv"), kMaterials);
    auto report = service.importFile(items);
    if (!report.ok())
        FAIL(report.error().fullText().toStdString());
    CHECK(report->itemsAdded == 2);
    REQUIRE(service.item(QStringLiteral("SWJ-XK-001")));
    CHECK(service.item(QStringLiteral("SWJ-XK-001"))->materials.size() == 2);

    CatalogueRepository repo(*store.db);
    const QByteArray before = CatalogueJson::serialize(repo.loadAll().value());
    QTemporaryDir bad;
    QByteArray changed = kItems;
    changed.replace("排水许可证核发", "排水许可证核发（新）");
    const QString badItems = test::writeFile(bad, QStringLiteral("items.csv"), changed);
    QByteArray materials = kMaterials;
    materials.replace("original+copy", "xerox");
    test::writeFile(bad, QStringLiteral("materials.csv"), materials);
    auto failed = service.importFile(badItems);
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().fullText().contains(QLatin1String("materials.csv:2: form")));
    CHECK(CatalogueJson::serialize(repo.loadAll().value()) == before);

    QTemporaryDir lonely;
    const QString alone = test::writeFile(lonely, QStringLiteral("items.csv"), kItems);
    auto missing = service.importFile(alone);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().fullText().contains(QLatin1String("materials.csv")));
}

TEST_CASE("CatalogueCsv: a control character in a cell is refused at its file:line: column")
{
    QByteArray items = kItems;
    items.replace("SJJ-XK-001,食品经营许可", "SJJ-XK-001,食品\x1b[2J经营许可");
    items.replace("排水证;排水接管", "排水证;排水\x7f接管");
    QByteArray materials = kMaterials;
    materials.replace("申请人身份证", "申请人\u2028身份证");
    materials.replace("经营者身份证", QByteArray("经营者\0身份证", 19));
    auto c = CatalogueCsv::parse(items, materials);
    REQUIRE_FALSE(c.ok());
    const Error& e = c.error();
    UNSCOPED_INFO(e.fullText().toStdString());
    CHECK(hasProblem(e, QStringLiteral("items.csv:2: keywords")));
    CHECK(hasProblem(e, QStringLiteral("items.csv:3: name")));
    CHECK(hasProblem(e, QStringLiteral("materials.csv:2: name")));
    CHECK(hasProblem(e, QStringLiteral("materials.csv:5: name")));
    CHECK(e.fullText().contains(QLatin1String("U+001B")));
    CHECK(e.fullText().contains(QLatin1String("U+0000")));
    CHECK(e.fullText().contains(QLatin1String("U+2028")));
}

TEST_CASE("CatalogueCsv: a note keeps its line breaks as LF, whatever the file's line ends")
{
    QByteArray materials = kMaterials;
    materials.replace("\n", "\r\n");
    auto c = CatalogueCsv::parse(kItems, materials);
    if (!c.ok())
        FAIL(c.error().fullText().toStdString());
    CHECK(c->items[0].materials[1].note == QStringLiteral("写明\n委托事项"));
}
