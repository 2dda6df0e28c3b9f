#include "catalogue/CatalogueJson.h"

#include "CatalogueFixtures.h"
#include "TestSupport.h"
#include "catalogue/CatalogueRepository.h"
#include "catalogue/CatalogueService.h"

#include <QElapsedTimer>
#include <QFile>

using namespace ow;
using ow::test::baseCatalogueJson;
using ow::test::lineOf;

namespace {

// Imports `json` into a store already holding the base catalogue, expects
// the import to fail, checks that the store is unchanged, returns the error.
Error rejectedImport(const QString& json)
{
    test::TempStore store;
    CatalogueService service(*store.db);
    const QString good =
        test::writeFile(store.dir, QStringLiteral("good.json"), baseCatalogueJson().toUtf8());
    auto first = service.importFile(good);
    REQUIRE(first.ok());
    CatalogueRepository repo(*store.db);
    const QByteArray before = CatalogueJson::serialize(repo.loadAll().value());

    const QString bad = test::writeFile(store.dir, QStringLiteral("bad.json"), json.toUtf8());
    auto result = service.importFile(bad);
    REQUIRE_FALSE(result.ok());
    CHECK(CatalogueJson::serialize(repo.loadAll().value()) == before);
    CHECK(service.itemCount() == 2);
    return result.error();
}

// True when `e` has a problem at `path` (with `line` when given) for `field`.
bool hasProblem(const Error& e, const QString& path, const QString& field, int line = 0)
{
    for (const Problem& p : e.problems) {
        if (!p.where.startsWith(path) || p.field != field)
            continue;
        const QString rest = p.where.mid(path.size());
        // items[1] is not items[10]: the path ends where the line number
        // begins, " (line 3)" in English, "（第3行）" in Chinese.
        if (!rest.isEmpty() && !rest.startsWith(QLatin1Char(' ')) &&
            !rest.startsWith(QChar(0xFF08)))
            continue;
        if (line == 0 || rest.contains(QString::number(line)))
            return true;
    }
    return false;
}

QString replaced(const QString& from, const QString& to)
{
    QString text = baseCatalogueJson();
    REQUIRE(text.contains(from));
    return text.replace(text.indexOf(from), from.size(), to);
}

void dump(const Error& e)
{
    UNSCOPED_INFO(e.fullText().toStdString());
}

} // namespace

TEST_CASE("CatalogueJson: a valid catalogue reads completely")
{
    auto c = CatalogueJson::parse(baseCatalogueJson().toUtf8());
    if (!c.ok())
        FAIL(c.error().fullText().toStdString());
    REQUIRE(c->items.size() == 2);
    const Item& it = c->items[0];
    CHECK(it.code == QStringLiteral("SWJ-XK-001"));
    CHECK(it.keywords == QStringList{QStringLiteral("排水证"), QStringLiteral("排水接管")});
    CHECK(it.handling == HandlingType::Promised);
    CHECK(it.levels == (int(Level::City) | int(Level::Town)));
    CHECK(it.delivery == (int(Delivery::Pickup) | int(Delivery::Ems)));
    CHECK(it.universal);
    CHECK(it.version == 2);
    CHECK(it.effectiveTo == QDate(2026, 12, 31));
    REQUIRE(it.materials.size() == 3);
    CHECK(it.materials[0].form == MaterialForm::OriginalAndCopy);
    CHECK(it.materials[0].source == MaterialSource::Government);
    CHECK(it.materials[1].requirement == Requirement::Conditional);
    CHECK(it.materials[1].condition == QStringLiteral("agent"));
    CHECK(it.materials[2].copies == 2);
    REQUIRE(it.form.size() == 2);
    CHECK(it.form[1].options.size() == 2);
    CHECK(c->items[1].delivery == int(Delivery::Pickup)); // the default
    CHECK(c->items[1].active);
    REQUIRE(c->jointItems.size() == 1);
    CHECK(c->jointItems[0].members.size() == 2);
    REQUIRE(c->rules.size() == 1);
    CHECK(c->rules[0].suggest == QStringLiteral("SWJ-XK-001"));
}

TEST_CASE("CatalogueJson: export then import gives the same catalogue, byte for byte")
{
    auto c = CatalogueJson::parse(baseCatalogueJson().toUtf8());
    REQUIRE(c.ok());
    const QByteArray once = CatalogueJson::serialize(c.value());
    auto again = CatalogueJson::parse(once);
    REQUIRE(again.ok());
    CHECK(CatalogueJson::serialize(again.value()) == once);
    // Fields appear in the documented order.
    CHECK(once.indexOf("\"code\"") < once.indexOf("\"name\""));
    CHECK(once.indexOf("\"materials\"") < once.indexOf("\"related\""));
}

TEST_CASE("CatalogueJson: the embedded sample catalogue is valid and round-trips")
{
    QFile f(QStringLiteral(":/catalogue/sample-catalogue.json"));
    REQUIRE(f.open(QIODevice::ReadOnly));
    auto c = CatalogueJson::parse(f.readAll());
    if (!c.ok())
        FAIL(c.error().fullText().toStdString());
    CHECK(c->items.size() >= 2);
    const QByteArray once = CatalogueJson::serialize(c.value());
    auto again = CatalogueJson::parse(once);
    REQUIRE(again.ok());
    CHECK(CatalogueJson::serialize(again.value()) == once);
}

TEST_CASE("CatalogueJson: malformed JSON names line and column")
{
    const QString text = replaced(QStringLiteral("\"visits\": 1,\n      \"feeYuan\""),
                                  QStringLiteral("\"visits\": 1\n      \"feeYuan\""));
    const Error e = rejectedImport(text);
    dump(e);
    REQUIRE(e.problems.size() == 1);
    const int line = lineOf(text, QStringLiteral("\"feeYuan\""));
    CHECK(e.problems[0].where.contains(QString::number(line)));
    CHECK(e.message.contains(QString::number(line)));
}

TEST_CASE("CatalogueJson: unknown fields are errors")
{
    const QString text =
        replaced(QStringLiteral("\"copies\": 2,"), QStringLiteral("\"copys\": 2,"));
    const Error e = rejectedImport(text);
    dump(e);
    CHECK(hasProblem(e, QStringLiteral("items[0].materials[2].copys"), QStringLiteral("copys"),
                     lineOf(text, QStringLiteral("\"copys\""))));
}

TEST_CASE("CatalogueJson: missing required fields are errors")
{
    const QString text =
        replaced(QStringLiteral("      \"department\": \"市市场监督管理局\",\n"), QString());
    const Error e = rejectedImport(text);
    dump(e);
    CHECK(hasProblem(e, QStringLiteral("items[1].department"), QStringLiteral("department"),
                     lineOf(text, QStringLiteral("\"code\": \"SJJ-XK-001\"")) - 1));
    CHECK(e.problems.size() == 1); // not also "department must not be empty"
}

TEST_CASE("CatalogueJson: wrong types are errors")
{
    QString text = replaced(QStringLiteral("\"legalLimitDays\": 20"),
                            QStringLiteral("\"legalLimitDays\": \"20\""));
    text.replace(QStringLiteral("\"universal\": true"), QStringLiteral("\"universal\": 1"));
    text.replace(QStringLiteral("\"keywords\": [\"排水证\", \"排水接管\"]"),
                 QStringLiteral("\"keywords\": \"排水证\""));
    text.replace(QStringLiteral("\"visits\": 1,\n      \"levels\": [\"city\"]"),
                 QStringLiteral("\"visits\": 1.5,\n      \"levels\": [\"city\"]"));
    const Error e = rejectedImport(text);
    dump(e);
    CHECK(hasProblem(e, QStringLiteral("items[0].legalLimitDays"), QStringLiteral("legalLimitDays"),
                     lineOf(text, QStringLiteral("\"legalLimitDays\""))));
    CHECK(hasProblem(e, QStringLiteral("items[0].universal"), QStringLiteral("universal"),
                     lineOf(text, QStringLiteral("\"universal\""))));
    CHECK(hasProblem(e, QStringLiteral("items[0].keywords"), QStringLiteral("keywords")));
    CHECK(hasProblem(e, QStringLiteral("items[1].visits"), QStringLiteral("visits"),
                     lineOf(text, QStringLiteral("1.5"))));
}

TEST_CASE("CatalogueJson: words outside the enumerations are errors")
{
    QString text = replaced(QStringLiteral("\"handling\": \"immediate\""),
                            QStringLiteral("\"handling\": \"instant\""));
    text.replace(QStringLiteral("\"form\": \"copy\", \"copies\""),
                 QStringLiteral("\"form\": \"photocopy\", \"copies\""));
    text.replace(QStringLiteral("[\"city\", \"town\"]"), QStringLiteral("[\"city\", \"county\"]"));
    text.replace(QStringLiteral("\"itemType\": \"行政许可\",\n      \"handling\": \"instant\""),
                 QStringLiteral("\"itemType\": \"许可\",\n      \"handling\": \"instant\""));
    text.replace(QStringLiteral("\"type\": \"phone\""), QStringLiteral("\"type\": \"telephone\""));
    const Error e = rejectedImport(text);
    dump(e);
    CHECK(hasProblem(e, QStringLiteral("items[1].handling"), QStringLiteral("handling"),
                     lineOf(text, QStringLiteral("instant"))));
    CHECK(hasProblem(e, QStringLiteral("items[1].itemType"), QStringLiteral("itemType")));
    CHECK(hasProblem(e, QStringLiteral("items[0].materials[2].form"), QStringLiteral("form"),
                     lineOf(text, QStringLiteral("photocopy"))));
    CHECK(hasProblem(e, QStringLiteral("items[0].levels[1]"), QStringLiteral("levels")));
    CHECK(hasProblem(e, QStringLiteral("items[0].form[0].type"), QStringLiteral("type")));
}

TEST_CASE("CatalogueJson: duplicate codes across items and joint items are errors")
{
    const QString text = replaced(QStringLiteral("{\"code\": \"YJS-CY-001\""),
                                  QStringLiteral("{\"code\": \"SWJ-XK-001\""));
    const Error e = rejectedImport(text);
    dump(e);
    CHECK(hasProblem(e, QStringLiteral("jointItems[0].code"), QStringLiteral("code"),
                     lineOf(text, QStringLiteral("\"jointItems\"")) + 1));
}

TEST_CASE("CatalogueJson: duplicate material ids and field keys within an item are errors")
{
    QString text = replaced(QStringLiteral("{\"id\": \"drainage-plan\""),
                            QStringLiteral("{\"id\": \"id-card\""));
    text.replace(QStringLiteral("{\"key\": \"drainage_type\""),
                 QStringLiteral("{\"key\": \"phone\""));
    const Error e = rejectedImport(text);
    dump(e);
    CHECK(hasProblem(e, QStringLiteral("items[0].materials[2].id"), QStringLiteral("id"),
                     lineOf(text, QStringLiteral("排水设施平面图"))));
    CHECK(hasProblem(e, QStringLiteral("items[0].form[1].key"), QStringLiteral("key"),
                     lineOf(text, QStringLiteral("排水类别"))));
    // The same material id in two items is the point of ids: not an error.
    CHECK_FALSE(hasProblem(e, QStringLiteral("items[1].materials[0].id"), QStringLiteral("id")));
}

TEST_CASE("CatalogueJson: conditions belong to conditional materials only")
{
    QString text =
        replaced(QStringLiteral("\"requirement\": \"conditional\", \"condition\": \"agent\""),
                 QStringLiteral("\"requirement\": \"conditional\""));
    text.replace(QStringLiteral("\"requirement\": \"optional\""),
                 QStringLiteral("\"requirement\": \"optional\", \"condition\": \"agent\""));
    const Error e = rejectedImport(text);
    dump(e);
    CHECK(hasProblem(e, QStringLiteral("items[0].materials[1].condition"),
                     QStringLiteral("condition"), lineOf(text, QStringLiteral("授权委托书"))));
    CHECK(hasProblem(e, QStringLiteral("items[0].materials[2].condition"),
                     QStringLiteral("condition"), lineOf(text, QStringLiteral("排水设施平面图"))));
}

TEST_CASE("CatalogueJson: a condition that does not parse names its column")
{
    QString text = replaced(QStringLiteral("\"condition\": \"agent\""),
                            QStringLiteral("\"condition\": \"agent &&\""));
    text.replace(QStringLiteral("\"condition\": \"form.drainage_type == \\\"餐饮\\\"\""),
                 QStringLiteral("\"condition\": \"form.drainage_type = 1\""));
    const Error e = rejectedImport(text);
    dump(e);
    REQUIRE(hasProblem(e, QStringLiteral("items[0].materials[1].condition"),
                       QStringLiteral("condition"), lineOf(text, QStringLiteral("授权委托书"))));
    REQUIRE(
        hasProblem(e, QStringLiteral("relatedRules[0].condition"), QStringLiteral("condition")));
    for (const Problem& p : e.problems)
        if (p.where.startsWith(QLatin1String("items[0].materials[1].condition")))
            CHECK(p.message.contains(QLatin1String("9")));
}

TEST_CASE("CatalogueJson: references to codes that do not exist are errors")
{
    QString text = replaced(QStringLiteral("\"related\": [\"SJJ-XK-001\"]"),
                            QStringLiteral("\"related\": [\"NOPE-001\"]"));
    text.replace(QStringLiteral("\"members\": [\"SWJ-XK-001\", \"SJJ-XK-001\"]"),
                 QStringLiteral("\"members\": [\"SWJ-XK-001\", \"NOPE-002\"]"));
    text.replace(QStringLiteral("\"suggest\": \"SWJ-XK-001\""),
                 QStringLiteral("\"suggest\": \"NOPE-003\""));
    const Error e = rejectedImport(text);
    dump(e);
    CHECK(hasProblem(e, QStringLiteral("items[0].related[0]"), QStringLiteral("related"),
                     lineOf(text, QStringLiteral("NOPE-001"))));
    CHECK(hasProblem(e, QStringLiteral("jointItems[0].members[1]"), QStringLiteral("members")));
    CHECK(hasProblem(e, QStringLiteral("relatedRules[0].suggest"), QStringLiteral("suggest")));
    CHECK(e.fullText().contains(QLatin1String("NOPE-002")));
}

TEST_CASE("CatalogueJson: codes already in the store may be referenced")
{
    CatalogueValidator::Known known;
    known.items.insert(QStringLiteral("OLD-001"));
    const QString text = replaced(QStringLiteral("\"related\": [\"SJJ-XK-001\"]"),
                                  QStringLiteral("\"related\": [\"OLD-001\"]"));
    CHECK(CatalogueJson::parse(text.toUtf8(), known).ok());
    CHECK_FALSE(CatalogueJson::parse(text.toUtf8()).ok());
}

TEST_CASE("CatalogueJson: a 10 MB name is refused quickly, naming the field")
{
    const QString huge(10 * 1024 * 1024, QLatin1Char('x'));
    const QString text = replaced(QStringLiteral("\"name\": \"食品经营许可\""),
                                  QStringLiteral("\"name\": \"") + huge + QLatin1Char('"'));
    QElapsedTimer timer;
    timer.start();
    auto c = CatalogueJson::parse(text.toUtf8());
    CHECK(timer.elapsed() < 10000);
    REQUIRE_FALSE(c.ok());
    CHECK(hasProblem(c.error(), QStringLiteral("items[1].name"), QStringLiteral("name"),
                     lineOf(text, QStringLiteral("\"code\": \"SJJ-XK-001\"")) + 1));
    CHECK(c.error().fullText().size() < 2000); // the value is not echoed
    // Lengths count code points: 200 rare characters (two UTF-16 units each) fit.
    QString rare;
    for (int i = 0; i < 200; ++i)
        rare += QStringLiteral("𠀀");
    const QString ok = replaced(QStringLiteral("\"name\": \"食品经营许可\""),
                                QStringLiteral("\"name\": \"") + rare + QLatin1Char('"'));
    CHECK(CatalogueJson::parse(ok.toUtf8()).ok());
}

TEST_CASE("CatalogueJson: patterns must compile")
{
    const QString text =
        replaced(QStringLiteral("\"prefill\": \"applicant.phone\""),
                 QStringLiteral("\"prefill\": \"applicant.phone\", \"pattern\": \"([0-9\""));
    const Error e = rejectedImport(text);
    dump(e);
    CHECK(hasProblem(e, QStringLiteral("items[0].form[0].pattern"), QStringLiteral("pattern"),
                     lineOf(text, QStringLiteral("联系电话"))));
}

TEST_CASE("CatalogueJson: ranges, lengths and dates are checked")
{
    QString text = replaced(QStringLiteral("\"promisedLimitDays\": 5"),
                            QStringLiteral("\"promisedLimitDays\": 30"));
    text.replace(QStringLiteral("\"copies\": 2"), QStringLiteral("\"copies\": 100"));
    text.replace(QStringLiteral("\"effectiveTo\": \"2026-12-31\""),
                 QStringLiteral("\"effectiveTo\": \"2023-12-31\""));
    text.replace(QStringLiteral("\"effectiveFrom\": \"2024-01-01\""),
                 QStringLiteral("\"effectiveFrom\": \"2024-1-1\""));
    text.replace(QStringLiteral("\"code\": \"SJJ-XK-001\",\n"),
                 QStringLiteral("\"code\": \"SJJ XK 001\",\n"));
    const Error e = rejectedImport(text);
    dump(e);
    CHECK(hasProblem(e, QStringLiteral("items[0].promisedLimitDays"),
                     QStringLiteral("promisedLimitDays")));
    CHECK(hasProblem(e, QStringLiteral("items[0].materials[2].copies"), QStringLiteral("copies")));
    CHECK(hasProblem(e, QStringLiteral("items[0].effectiveFrom"), QStringLiteral("effectiveFrom")));
    CHECK(hasProblem(e, QStringLiteral("items[1].code"), QStringLiteral("code")));
}

TEST_CASE("CatalogueJson: every problem is reported, not only the first")
{
    QString text = replaced(QStringLiteral("\"visits\": 1,\n      \"feeYuan\""),
                            QStringLiteral("\"visits\": 11,\n      \"feeYuan\""));
    text.replace(QStringLiteral("\"format\": \"onewindow-catalogue\""),
                 QStringLiteral("\"format\": \"something-else\""));
    text.replace(QStringLiteral("\"reason\": \"餐饮店需办理排水许可\""),
                 QStringLiteral("\"reason\": \"\""));
    text.replace(QStringLiteral("\"members\": [\"SWJ-XK-001\", \"SJJ-XK-001\"]"),
                 QStringLiteral("\"members\": [\"SWJ-XK-001\"]"));
    const Error e = rejectedImport(text);
    dump(e);
    CHECK(e.problems.size() == 4);
    CHECK(hasProblem(e, QStringLiteral("format"), QStringLiteral("format"), 2));
    CHECK(hasProblem(e, QStringLiteral("items[0].visits"), QStringLiteral("visits")));
    CHECK(hasProblem(e, QStringLiteral("relatedRules[0].reason"), QStringLiteral("reason")));
    CHECK(hasProblem(e, QStringLiteral("jointItems[0].members"), QStringLiteral("members")));
}

TEST_CASE("CatalogueJson: a field given twice in one object is an error")
{
    const QString text =
        replaced(QStringLiteral("\"visits\": 1,\n      \"feeYuan\""),
                 QStringLiteral("\"visits\": 1,\n      \"visits\": 2,\n      \"feeYuan\""));
    const Error e = rejectedImport(text);
    dump(e);
    CHECK(hasProblem(e, QStringLiteral("items[0].visits"), QStringLiteral("visits"),
                     lineOf(text, QStringLiteral("\"visits\": 2"))));
}

TEST_CASE("CatalogueJson: a file over the size limit is refused unread")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.json"));
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    REQUIRE(f.resize(CatalogueJson::kMaxFileBytes + 1)); // sparse: cheap to make
    f.close();
    QElapsedTimer timer;
    timer.start();
    auto c = CatalogueJson::readFile(path);
    CHECK(timer.elapsed() < 2000);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().message.contains(QLatin1String("64")));
}

TEST_CASE("CatalogueJson: not an object, and unknown top-level fields")
{
    CHECK_FALSE(CatalogueJson::parse("[1, 2]").ok());
    auto c = CatalogueJson::parse(
        R"({"format": "onewindow-catalogue", "formatVersion": 2, "items": [], "extra": 1})");
    REQUIRE_FALSE(c.ok());
    CHECK(hasProblem(c.error(), QStringLiteral("formatVersion"), QStringLiteral("formatVersion")));
    CHECK(hasProblem(c.error(), QStringLiteral("extra"), QStringLiteral("extra")));
}

TEST_CASE("CatalogueJson: control characters, raw or escaped, are refused in every text")
{
    struct Case
    {
        QString from, to, path, field;
    };
    const QList<Case> cases = {
        // An item code that made `catalogue search` print a forged line.
        {QStringLiteral("\"code\": \"SJJ-XK-001\",\n"),
         QStringLiteral("\"code\": \"SJJ-XK-001\\nFAKE-001\\t假事项\",\n"),
         QStringLiteral("items[1].code"), QStringLiteral("code")},
        {QStringLiteral("\"name\": \"授权委托书\""),
         QStringLiteral("\"name\": \"授权\\u0000委托书\""),
         QStringLiteral("items[0].materials[1].name"), QStringLiteral("name")},
        {QStringLiteral("\"排水接管\""), QStringLiteral("\"排水\\u001b[2J接管\""),
         QStringLiteral("items[0].keywords[1]"), QStringLiteral("keywords")},
        {QStringLiteral("\"工业\""), QStringLiteral("\"工业\\u007f\""),
         QStringLiteral("items[0].form[1].options[1]"), QStringLiteral("options")},
        {QStringLiteral("\"餐饮店需办理排水许可\""),
         QStringLiteral("\"餐饮店\\u2028需办理排水许可\""),
         QStringLiteral("relatedRules[0].reason"), QStringLiteral("reason")},
        {QStringLiteral("\"开办餐饮店一件事\""), QStringLiteral("\"开办\\u202e餐饮店一件事\""),
         QStringLiteral("jointItems[0].name"), QStringLiteral("name")},
        {QStringLiteral("\"department\": \"市水务局\""),
         QStringLiteral("\"department\": \"市水务局\\u0085\""),
         QStringLiteral("items[0].department"), QStringLiteral("department")},
        // Raw in the file, as a careless export writes them.
        {QStringLiteral("\"result\": \"城镇污水排入排水管网许可证\""),
         QStringLiteral("\"result\": \"城镇污水\x1b[1A排入排水管网许可证\""),
         QStringLiteral("items[0].result"), QStringLiteral("result")},
        {QStringLiteral("\"theme\": \"开办餐饮店\""), QStringLiteral("\"theme\": \"开办\t餐饮店\""),
         QStringLiteral("items[0].theme"), QStringLiteral("theme")},
    };
    for (const Case& c : cases) {
        INFO(c.path.toStdString());
        const QString text = replaced(c.from, c.to);
        const Error e = rejectedImport(text);
        dump(e);
        CHECK(hasProblem(e, c.path, c.field, lineOf(text, c.to)));
        // Said once, and no message prints the character itself.
        int atPath = 0;
        bool printable = true;
        for (const Problem& p : e.problems) {
            if (p.where.startsWith(c.path + QLatin1Char(' ')) ||
                p.where.startsWith(c.path + QChar(0xFF08)) || p.where == c.path)
                ++atPath;
            for (const QChar ch : p.where + p.message)
                printable = printable && ch.unicode() >= 0x20 && ch.unicode() != 0x7F;
        }
        CHECK(atPath == 1);
        CHECK(printable);
        CHECK(e.fullText().contains(QLatin1String("U+")));
    }
}

TEST_CASE("CatalogueJson: long texts and notes may hold lines, nothing else")
{
    QString text = replaced(QStringLiteral("\"note\": \"加盖公章\""),
                            QStringLiteral("\"note\": \"加盖公章\\n\\t骑缝章\""));
    text.replace(QStringLiteral("\"result\": \"城镇污水排入排水管网许可证\""),
                 QStringLiteral("\"result\": \"城镇污水排入排水管网许可证\", \"legalBasis\": "
                                "\"《城镇排水与污水处理条例》\\n第二十一条\""));
    auto ok = CatalogueJson::parse(text.toUtf8());
    if (!ok.ok())
        FAIL(ok.error().fullText().toStdString());
    CHECK(ok->items[0].legalBasis.contains(QLatin1Char('\n')));
    CHECK(ok->items[0].materials[2].note == QStringLiteral("加盖公章\n\t骑缝章"));

    const QString cr = replaced(QStringLiteral("\"note\": \"加盖公章\""),
                                QStringLiteral("\"note\": \"加盖公章\\r\\n骑缝章\""));
    const Error e = rejectedImport(cr);
    CHECK(hasProblem(e, QStringLiteral("items[0].materials[2].note"), QStringLiteral("note")));
    CHECK(e.fullText().contains(QLatin1String("U+000D")));
    const QString esc = replaced(QStringLiteral("\"note\": \"加盖公章\""),
                                 QStringLiteral("\"note\": \"加盖\\u001b公章\""));
    CHECK(hasProblem(rejectedImport(esc), QStringLiteral("items[0].materials[2].note"),
                     QStringLiteral("note")));
}

TEST_CASE("CatalogueJson: a date with a line break after it is not a date")
{
    const QString text = replaced(QStringLiteral("\"effectiveFrom\": \"2024-01-01\""),
                                  QStringLiteral("\"effectiveFrom\": \"2024-01-01\\n\""));
    CHECK(hasProblem(rejectedImport(text), QStringLiteral("items[0].effectiveFrom"),
                     QStringLiteral("effectiveFrom")));
}
