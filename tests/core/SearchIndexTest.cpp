#include "catalogue/SearchIndex.h"

#include "TestSupport.h"
#include "catalogue/CatalogueGenerator.h"

using namespace ow;

namespace {

Item item(const QString& code, const QString& name, const QString& shortName = {},
          const QStringList& keywords = {})
{
    Item i;
    i.code = code;
    i.name = name;
    i.shortName = shortName;
    i.keywords = keywords;
    i.category = QStringLiteral("规划建设");
    i.department = QStringLiteral("住房和城乡建设局");
    i.itemType = QStringLiteral("行政许可");
    return i;
}

QStringList codes(const QList<SearchHit>& hits)
{
    QStringList out;
    for (const SearchHit& h : hits)
        out << h.code;
    return out;
}

int rankOf(const QList<SearchHit>& hits, const QString& code)
{
    for (const SearchHit& h : hits)
        if (h.code == code)
            return h.rank;
    return -1;
}

SearchIndex indexOf(const QList<Item>& items, const QHash<QString, int>& usage = {})
{
    Catalogue c;
    c.items = items;
    SearchIndex index;
    index.build(c, usage);
    return index;
}

} // namespace

TEST_CASE("SearchIndex: exact code, prefix, initials, anywhere, scattered, in that order")
{
    const SearchIndex index = indexOf({
        item(QStringLiteral("A3"), QStringLiteral("排污水处理")),           // p..s scattered
        item(QStringLiteral("A2"), QStringLiteral("城镇污水排入排水管网")), // 排水 in the middle
        item(QStringLiteral("A1"), QStringLiteral("排水许可证核发")),       // initials psxkzhf
        item(QStringLiteral("PSW-1"), QStringLiteral("其他事项")),          // code prefix
        item(QStringLiteral("PS"), QStringLiteral("测试事项")),             // the code
        item(QStringLiteral("B1"), QStringLiteral("无关事项")),
    });
    const auto hits = index.search(QStringLiteral("ps"));
    CHECK(codes(hits) == QStringList{QStringLiteral("PS"), QStringLiteral("PSW-1"),
                                     QStringLiteral("A1"), QStringLiteral("A2"),
                                     QStringLiteral("A3")});
    for (int r = 0; r < hits.size(); ++r)
        CHECK(hits[r].rank == r);
    CHECK(index.search(QStringLiteral("ps"), 2).size() == 2);
}

TEST_CASE("SearchIndex: prefixes of the code, name, short name, keyword and full pinyin")
{
    const SearchIndex index = indexOf({
        item(QStringLiteral("SWJ-XK-001"), QStringLiteral("排水许可证核发"),
             QStringLiteral("排水许可"), {QStringLiteral("纳管")}),
        item(QStringLiteral("X2"), QStringLiteral("城镇污水排入排水管网许可")),
    });
    for (const char* q : {"swj-xk", "SWJ", "排水许", "纳", "pai", "paishuixuke",
                          "paishuixukezhenghefa", "排shui"}) {
        INFO(q);
        const auto hits = index.search(QString::fromUtf8(q));
        REQUIRE(!hits.isEmpty());
        CHECK(hits.first().code == QStringLiteral("SWJ-XK-001"));
        CHECK(hits.first().rank == 1);
    }
    CHECK(index.search(QStringLiteral("swj-xk-001")).first().rank == 0);
    CHECK(index.search(QStringLiteral("nag")).first().rank == 1); // 纳管: na + g of guan
    CHECK(index.search(QStringLiteral("Na")).first().code == QStringLiteral("SWJ-XK-001"));
}

TEST_CASE("SearchIndex: initials and mixed pinyin from the first character rank 2")
{
    const SearchIndex index = indexOf({
        item(QStringLiteral("A1"), QStringLiteral("排水许可证核发")),
        item(QStringLiteral("A2"), QStringLiteral("城镇污水排入排水管网许可")),
    });
    for (const char* q : {"psxk", "psxkzhf", "paishuixk", "psxuke", "paisxkz", "paishxk"}) {
        INFO(q);
        const auto hits = index.search(QString::fromUtf8(q));
        REQUIRE(!hits.isEmpty());
        CHECK(hits.first().code == QStringLiteral("A1"));
        CHECK(hits.first().rank == 2);
    }
    // From another character than the first: anywhere.
    CHECK(rankOf(index.search(QStringLiteral("shuixk")), QStringLiteral("A1")) == 3);
    CHECK(rankOf(index.search(QStringLiteral("xkz")), QStringLiteral("A1")) == 3);
    CHECK(rankOf(index.search(QStringLiteral("许可")), QStringLiteral("A2")) == 3);
    // Nothing: a letter run no character sequence spells.
    CHECK(index.search(QStringLiteral("psq")).isEmpty());
    CHECK(index.search(QStringLiteral("paishuu")).isEmpty());
    CHECK(index.search(QString()).isEmpty());
}

TEST_CASE("SearchIndex: pswxk finds the drainage permit first")
{
    Catalogue c = generateCatalogue(500, 3);
    c.items << item(QStringLiteral("SWJ-XK-001"), QStringLiteral("排水许可证核发"),
                    QStringLiteral("排水许可"),
                    {QStringLiteral("污水"), QStringLiteral("污水排入排水管网许可")});
    SearchIndex index;
    index.build(c);
    // The generated catalogue holds the national drainage items too
    // (城镇污水排入排水管网许可证核发, ...): every hit ranked with the first
    // must be a drainage permit, and ours must be among them.
    const auto hits = index.search(QStringLiteral("pswxk"));
    REQUIRE(!hits.isEmpty());
    bool ours = false;
    for (const auto& hit : hits) {
        if (hit.rank != hits.first().rank)
            break;
        INFO(hit.code.toStdString());
        CHECK(hit.name.contains(QStringLiteral("排水")));
        ours = ours || hit.code == QStringLiteral("SWJ-XK-001");
    }
    CHECK(ours);
    // The short name spelled by its initials beats every scattered match.
    CHECK(index.search(QStringLiteral("psxk")).first().code == QStringLiteral("SWJ-XK-001"));
}

TEST_CASE("SearchIndex: every reading of a polyphone matches")
{
    const SearchIndex index = indexOf({
        item(QStringLiteral("H"), QStringLiteral("银行开户")),
        item(QStringLiteral("C"), QStringLiteral("重庆事项")),
        item(QStringLiteral("Z"), QStringLiteral("长春事项")),
        item(QStringLiteral("L"), QStringLiteral("娱乐场所经营许可")),
    });
    for (const char* q : {"yinhang", "yinxing", "yh", "yinh"})
        CHECK(codes(index.search(QString::fromUtf8(q))) == QStringList{QStringLiteral("H")});
    for (const char* q : {"chongqing", "zhongqing", "cq", "zq"})
        CHECK(codes(index.search(QString::fromUtf8(q))) == QStringList{QStringLiteral("C")});
    for (const char* q : {"changchun", "zhangchun", "zc"})
        CHECK(codes(index.search(QString::fromUtf8(q))) == QStringList{QStringLiteral("Z")});
    for (const char* q : {"yule", "yuyue", "ylcs"})
        CHECK(codes(index.search(QString::fromUtf8(q))) == QStringList{QStringLiteral("L")});
}

TEST_CASE("SearchIndex: ties by uses at this counter, then by code")
{
    SearchIndex index = indexOf({item(QStringLiteral("C3"), QStringLiteral("低保审核确认")),
                                 item(QStringLiteral("C1"), QStringLiteral("低保给付")),
                                 item(QStringLiteral("C2"), QStringLiteral("低保停发"))},
                                {{QStringLiteral("C3"), 5}});
    CHECK(codes(index.search(QStringLiteral("db"))) ==
          QStringList{QStringLiteral("C3"), QStringLiteral("C1"), QStringLiteral("C2")});
    index.setUsage(QStringLiteral("C2"), 9);
    CHECK(codes(index.search(QStringLiteral("低保"))) ==
          QStringList{QStringLiteral("C2"), QStringLiteral("C3"), QStringLiteral("C1")});
    // A better rank wins over more uses.
    CHECK(codes(index.search(QStringLiteral("dibaog"))).first() == QStringLiteral("C1"));
}

TEST_CASE("SearchIndex: filters")
{
    Item a = item(QStringLiteral("A"), QStringLiteral("食品经营许可证核发"));
    a.category = QStringLiteral("市场监管");
    a.department = QStringLiteral("市场监督管理局");
    a.levels = int(Level::City) | int(Level::Town);
    a.universal = true;
    Item b = item(QStringLiteral("B"), QStringLiteral("食品生产许可证核发"));
    b.handling = HandlingType::Immediate;
    Item retired = item(QStringLiteral("R"), QStringLiteral("食品小作坊登记"));
    retired.active = false;
    Catalogue c;
    c.items = {a, b, retired};
    JointItem j;
    j.code = QStringLiteral("J");
    j.name = QStringLiteral("食品店开办一件事");
    j.category = QStringLiteral("一件事");
    j.members = {QStringLiteral("A"), QStringLiteral("B")};
    c.jointItems = {j};
    SearchIndex index;
    index.build(c);
    const QString q = QStringLiteral("sp");
    CHECK(codes(index.search(q)) ==
          QStringList{QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("J")});

    SearchFilter f;
    f.category = QStringLiteral("市场监管");
    CHECK(codes(index.search(q, 50, f)) == QStringList{QStringLiteral("A")});
    f = {};
    f.category = QStringLiteral("没有的类别");
    CHECK(index.search(q, 50, f).isEmpty());
    f = {};
    f.department = QStringLiteral("住房和城乡建设局");
    CHECK(codes(index.search(q, 50, f)) == QStringList{QStringLiteral("B"), QStringLiteral("J")});
    f = {};
    f.levels = int(Level::Town);
    CHECK(codes(index.search(q, 50, f)) == QStringList{QStringLiteral("A")});
    f = {};
    f.handling = HandlingType::Immediate;
    CHECK(codes(index.search(q, 50, f)) == QStringList{QStringLiteral("B")});
    f = {};
    f.universal = true;
    CHECK(codes(index.search(q, 50, f)) == QStringList{QStringLiteral("A")});
    f = {};
    f.universal = false;
    CHECK(codes(index.search(q, 50, f)) == QStringList{QStringLiteral("B"), QStringLiteral("J")});
    const auto joint = index.search(QStringLiteral("spd"));
    REQUIRE(joint.size() == 1);
    CHECK(joint.first().joint);
}

TEST_CASE("SearchIndex: before anything is typed, the items to browse pass the filters, most "
          "used first")
{
    Item a = item(QStringLiteral("A1"), QStringLiteral("食品经营许可证核发"));
    a.category = QStringLiteral("市场监管");
    Item retired = item(QStringLiteral("A0"), QStringLiteral("食品小作坊登记"));
    retired.active = false;
    const SearchIndex index =
        indexOf({item(QStringLiteral("B2"), QStringLiteral("排水许可证核发")), a, retired,
                 item(QStringLiteral("B1"), QStringLiteral("建筑工程施工许可"))},
                {{QStringLiteral("B2"), 3}});
    // The retired item is not offered; the one used most here comes first.
    CHECK(codes(index.browse()) ==
          QStringList{QStringLiteral("B2"), QStringLiteral("A1"), QStringLiteral("B1")});
    CHECK(codes(index.browse(2)) == QStringList{QStringLiteral("B2"), QStringLiteral("A1")});
    SearchFilter f;
    f.category = QStringLiteral("市场监管");
    CHECK(codes(index.browse(50, f)) == QStringList{QStringLiteral("A1")});
    f.category = QStringLiteral("没有的类别");
    CHECK(index.browse(50, f).isEmpty());
    f = {};
    f.includeRetired = true;
    CHECK(codes(index.browse(50, f)).contains(QStringLiteral("A0")));
    // A query still finds nothing when it is empty.
    CHECK(index.search(QString()).isEmpty());
}

TEST_CASE("SearchIndex: retired items are hidden unless asked for")
{
    Item retired = item(QStringLiteral("R"), QStringLiteral("食品小作坊登记"));
    retired.active = false;
    const SearchIndex index =
        indexOf({retired, item(QStringLiteral("A"), QStringLiteral("食品经营"))});
    CHECK(codes(index.search(QStringLiteral("食品"))) == QStringList{QStringLiteral("A")});
    CHECK(index.search(QStringLiteral("R")).isEmpty());
    SearchFilter f;
    f.includeRetired = true;
    CHECK(codes(index.search(QStringLiteral("食品"), 50, f)) ==
          QStringList{QStringLiteral("A"), QStringLiteral("R")});
}

TEST_CASE("SearchIndex: rare characters stored as surrogate pairs match whole")
{
    const QString rare = QString::fromUcs4(U"\U00020000家村补助");  // 𠀀 (Extension B)
    const QString other = QString::fromUcs4(U"\U00020001家村补助"); // same high surrogate
    REQUIRE(rare.size() == 6);
    const SearchIndex index =
        indexOf({item(QStringLiteral("R1"), rare), item(QStringLiteral("R2"), other)});
    CHECK(codes(index.search(QString::fromUcs4(U"\U00020000"))) ==
          QStringList{QStringLiteral("R1")});
    CHECK(codes(index.search(QString::fromUcs4(U"\U00020001家"))) ==
          QStringList{QStringLiteral("R2")});
    CHECK(index.search(rare.left(1)).isEmpty()); // half a character is no character
    CHECK(codes(index.search(QStringLiteral("家村"))).size() == 2);
    // Extension B readings count as pinyin too: 𠀀 he.
    CHECK(codes(index.search(QStringLiteral("hejia"))) == QStringList{QStringLiteral("R1")});
    CHECK(rankOf(index.search(QStringLiteral("hjc")), QStringLiteral("R1")) == 2);
}

TEST_CASE("SearchIndex: a generated catalogue finds every item by its code")
{
    const Catalogue c = generateCatalogue(2000, 11);
    SearchIndex index;
    index.build(c);
    CHECK(index.size() == c.items.size() + c.jointItems.size());
    SearchFilter all;
    all.includeRetired = true;
    for (const Item& i : c.items) {
        const auto hits = index.search(i.code.toLower(), 1, all);
        REQUIRE(hits.size() == 1);
        REQUIRE(hits.first().code == i.code);
        REQUIRE(hits.first().rank == 0);
    }
    for (const QString& q : generateQueries(c, 300, 2))
        CHECK(!index.search(q, 10, all).isEmpty());
}

TEST_CASE("SearchIndex: two letters of a name's initials rank it before an item that has them "
          "only in a keyword")
{
    const SearchIndex index = indexOf({
        item(QStringLiteral("CL-1"), QStringLiteral("无障碍改造"), {},
             {QStringLiteral("铺设坡道")}),
        item(QStringLiteral("SWJ-1"), QStringLiteral("排水许可证核发")),
    });
    const auto hits = index.search(QStringLiteral("ps"));
    REQUIRE(hits.size() == 2);
    CHECK(codes(hits) == QStringList{QStringLiteral("SWJ-1"), QStringLiteral("CL-1")});
    CHECK(hits[0].rank == 2); // both still initials from the first character
    CHECK(hits[1].rank == 2);
}
