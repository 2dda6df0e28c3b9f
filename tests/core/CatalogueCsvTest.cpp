#include "catalogue/CatalogueCsv.h"

#include "CatalogueFixtures.h"
#include "TestSupport.h"
#include "catalogue/CatalogueGenerator.h"
#include "catalogue/CatalogueJson.h"
#include "catalogue/CatalogueRepository.h"
#include "catalogue/CatalogueService.h"

#include <algorithm>

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
    test::writeFile(good, QStringLiteral("forms.csv"), "itemCode,key,label,type\n");
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
    test::writeFile(bad, QStringLiteral("forms.csv"), "itemCode,key,label,type\n");
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

namespace {

QString excelFile(const QString& name)
{
    return test::sourcePath(QStringLiteral("tests/data/excel-gbk/") + name);
}

// `catalogue` written as CSV and read back, or the problems.
Result<Catalogue> throughCsv(const Catalogue& catalogue)
{
    auto files = CatalogueCsv::write(catalogue);
    if (!files)
        return files.error();
    return CatalogueCsv::parse(files.value());
}

} // namespace

TEST_CASE(
    "CatalogueCsv: a GBK file from Excel is refused at its line and byte unless read as GB18030")
{
    auto refused = CatalogueCsv::readFile(excelFile(QStringLiteral("items.csv")));
    REQUIRE_FALSE(refused.ok());
    const Error& e = refused.error();
    UNSCOPED_INFO(e.fullText().toStdString());
    CHECK(hasProblem(e, QStringLiteral("items.csv:2")));
    CHECK(hasProblem(e, QStringLiteral("materials.csv:2")));
    CHECK(e.fullText().contains(QLatin1String("0xD7")));
    CHECK(e.fullText().contains(QLatin1String("0xC9")));
    CHECK(e.fullText().contains(QLatin1String("--encoding gb18030")));

    auto c =
        CatalogueCsv::readFile(excelFile(QStringLiteral("items.csv")), {}, TextEncoding::Gb18030);
    if (!c.ok())
        FAIL(c.error().fullText().toStdString());
    REQUIRE(c->items.size() == 2);
    const Item& it = c->items[0];
    CHECK(it.name == QStringLiteral("最低生活保障审批"));
    CHECK(it.keywords == QStringList{QStringLiteral("低保"), QStringLiteral("最低生活保障")});
    CHECK(it.acceptanceConditions == QStringLiteral("户籍在本县, 且\n家庭人均收入低于当地标准"));
    REQUIRE(it.materials.size() == 2);
    CHECK(it.materials[0].name == QStringLiteral("申请人身份证"));
    CHECK(it.materials[0].note == QStringLiteral("正反面复印, 加盖\n本人签名"));
    CHECK(it.materials[1].name == QStringLiteral("户口簿"));
    REQUIRE(it.form.size() == 1);
    CHECK(it.form[0].label == QStringLiteral("家庭人口"));
    REQUIRE(c->items[1].materials.size() == 1);
    CHECK(c->items[1].materials[0].note == QStringLiteral("\"困难\"情况说明, 本人签字"));
    REQUIRE(c->items[1].form.size() == 1);
    CHECK(c->items[1].form[0].options == QStringList{QStringLiteral("因病"), QStringLiteral("因灾"),
                                                     QStringLiteral("其他, 请说明")});
}

TEST_CASE("CatalogueCsv: UTF-8 with or without a BOM is read and invalid UTF-8 is refused at its "
          "line and byte")
{
    auto bom = CatalogueCsv::parse("\xEF\xBB\xBF" + kItems, "\xEF\xBB\xBF" + kMaterials);
    if (!bom.ok())
        FAIL(bom.error().fullText().toStdString());
    CHECK(bom->items[0].code == QStringLiteral("SWJ-XK-001"));
    CHECK(bom->items[0].materials[0].name == QStringLiteral("申请人身份证"));

    for (const QByteArray& bad : {QByteArray("\xC0\xAF"), QByteArray("\xED\xA0\x80"),
                                  QByteArray("\xE6\x9D"), QByteArray("\xF5\x80\x80\x80")}) {
        QByteArray materials = kMaterials;
        materials.replace("授权委托书", "授权" + bad + "书");
        auto c = CatalogueCsv::parse(kItems, materials);
        REQUIRE_FALSE(c.ok());
        UNSCOPED_INFO(c.error().fullText().toStdString());
        CHECK(hasProblem(c.error(), QStringLiteral("materials.csv:3")));
        CHECK(c.error().fullText().contains(QStringLiteral("0x") +
                                            QString::number(uchar(bad[0]), 16).toUpper()));
    }
    // A UTF-8 file read as GB18030 would be read wrong: refused.
    auto asGb = CatalogueCsv::parse("\xEF\xBB\xBF" + kItems, kMaterials, {}, TextEncoding::Gb18030);
    REQUIRE_FALSE(asGb.ok());
    CHECK(hasProblem(asGb.error(), QStringLiteral("items.csv:1")));
}

TEST_CASE(
    "CatalogueCsv: an item without rows in materials.csv is refused unless noMaterials says so")
{
    // Header only: every item would lose its checklist.
    auto empty = CatalogueCsv::parse(
        kItems, "itemCode,id,name,form,copies,requirement,condition,source,reusable,note\r\n");
    REQUIRE_FALSE(empty.ok());
    UNSCOPED_INFO(empty.error().fullText().toStdString());
    CHECK(hasProblem(empty.error(), QStringLiteral("items.csv:2: code")));
    CHECK(hasProblem(empty.error(), QStringLiteral("items.csv:3: code")));
    CHECK(empty.error().fullText().contains(QLatin1String("SJJ-XK-001")));
    CHECK(empty.error().fullText().contains(QLatin1String("materials.csv")));

    // Cut off after a whole row: the last item lost its only material.
    const QByteArray cut = kMaterials.left(kMaterials.indexOf("SJJ-XK-001"));
    auto truncated = CatalogueCsv::parse(kItems, cut);
    REQUIRE_FALSE(truncated.ok());
    CHECK(hasProblem(truncated.error(), QStringLiteral("items.csv:3: code")));
    CHECK_FALSE(hasProblem(truncated.error(), QStringLiteral("items.csv:2: code")));

    // Cut off in the middle of a row, whether or not the field count is right.
    for (const QByteArray& part :
         {kMaterials.left(kMaterials.size() - 5), kMaterials.left(kMaterials.size() - 1),
          kMaterials.left(kMaterials.indexOf("委托事项"))}) {
        auto midRow = CatalogueCsv::parse(kItems, part);
        REQUIRE_FALSE(midRow.ok());
        UNSCOPED_INFO(midRow.error().fullText().toStdString());
        CHECK((hasProblem(midRow.error(), QStringLiteral("materials.csv:5")) ||
               hasProblem(midRow.error(), QStringLiteral("materials.csv:3"))));
    }

    // Said explicitly: the item asks for no material.
    QByteArray items = kItems;
    items.replace(",active\r\n", ",active,noMaterials\r\n");
    items.replace(",2024-01-01,,1\r\n", ",2024-01-01,,1,0\r\n");
    items.replace(",,,,,,,\r\n", ",,,,,,,,1\r\n");
    auto none = CatalogueCsv::parse(items, cut);
    if (!none.ok())
        FAIL(none.error().fullText().toStdString());
    CHECK(none->items[1].materials.isEmpty());
    CHECK(none->items[0].materials.size() == 2);
    // ... and not contradicted by rows.
    auto both = CatalogueCsv::parse(items, kMaterials);
    REQUIRE_FALSE(both.ok());
    CHECK(hasProblem(both.error(), QStringLiteral("materials.csv:5: itemCode")));
}

TEST_CASE("CatalogueCsv: every field of the catalogue goes through CSV and back unchanged")
{
    auto sample = CatalogueJson::readFile(
        test::sourcePath(QStringLiteral("resources/catalogue/sample-catalogue.json")));
    REQUIRE(sample.ok());
    Catalogue generated = generateCatalogue(300, 17);
    // Lists whose entries hold the list's separator and its escape.
    generated.items[0].keywords = {QStringLiteral("a;b"), QStringLiteral("c\\d"),
                                   QStringLiteral("e\\;f")};
    generated.items[1].materials.clear();
    generated.items[2].materials[0].condition = QStringLiteral(" agent ");
    generated.items[2].materials[0].requirement = Requirement::Conditional;
    generated.items[3].feeYuan = 12.35;
    for (const Catalogue& c : {sample.value(), generated}) {
        REQUIRE(c.items.size() > 1);
        CHECK(std::any_of(c.items.begin(), c.items.end(),
                          [](const Item& i) { return !i.form.isEmpty(); }));
        auto back = throughCsv(c);
        if (!back.ok())
            FAIL(back.error().fullText().toStdString());
        CHECK(CatalogueJson::serialize(back.value()) == CatalogueJson::serialize(c));
    }
    CHECK_FALSE(generated.jointItems.isEmpty());
    CHECK_FALSE(generated.rules.isEmpty());

    Catalogue spaced = sample.value();
    spaced.items[0].keywords = {QStringLiteral(" lead")};
    auto refused = CatalogueCsv::write(spaced);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().problems.first().where == QStringLiteral("items[0].keywords"));
}
