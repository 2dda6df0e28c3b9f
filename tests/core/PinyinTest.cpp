#include "TestSupport.h"
#include "catalogue/Pinyin.h"

using ow::Pinyin;

TEST_CASE("Pinyin: polyphones have every reading, the common one first")
{
    const QStringList hang = Pinyin::readings(U'行');
    CHECK(hang.value(0) == QStringLiteral("xing"));
    CHECK(hang.contains(QStringLiteral("hang")));
    CHECK(hang.contains(QStringLiteral("heng")));
    CHECK(QStringList(hang).removeDuplicates() == 0);

    const QStringList chang = Pinyin::readings(U'长');
    CHECK(chang.contains(QStringLiteral("chang")));
    CHECK(chang.contains(QStringLiteral("zhang")));

    const QStringList zhong = Pinyin::readings(U'重');
    CHECK(zhong.contains(QStringLiteral("zhong")));
    CHECK(zhong.contains(QStringLiteral("chong")));

    const QStringList le = Pinyin::readings(U'乐');
    CHECK(le.contains(QStringLiteral("le")));
    CHECK(le.contains(QStringLiteral("yue")));
}

TEST_CASE("Pinyin: tones are stripped and u-umlaut is written v")
{
    CHECK(Pinyin::readings(U'绿').contains(QStringLiteral("lv")));
    CHECK(Pinyin::readings(U'女').value(0) == QStringLiteral("nv"));
    CHECK(Pinyin::readings(U'水') == QStringList{QStringLiteral("shui")});
    for (int id = 0; id < Pinyin::syllableCount(); ++id) {
        const std::string_view s = Pinyin::syllable(quint16(id));
        REQUIRE(!s.empty());
        REQUIRE(s.size() <= 7);
        for (const char c : s)
            REQUIRE((c >= 'a' && c <= 'z'));
    }
}

TEST_CASE("Pinyin: Extension B and compatibility characters have readings")
{
    CHECK(Pinyin::readings(char32_t(0x20000)) == QStringList{QStringLiteral("he")}); // 𠀀
    CHECK(Pinyin::readings(char32_t(0x2A6A5)).contains(QStringLiteral("zhe")));    // 𪚥
    CHECK(!Pinyin::readings(char32_t(0x3400)).isEmpty());                          // Extension A
    CHECK(Pinyin::characterCount() > 40000);
}

TEST_CASE("Pinyin: characters without a reading")
{
    CHECK(Pinyin::readings(U'a').isEmpty());
    CHECK(Pinyin::readings(U'1').isEmpty());
    CHECK(Pinyin::readings(U'（').isEmpty());
    CHECK(Pinyin::readingIds(char32_t(0x10FFFF)).empty());
}

TEST_CASE("Pinyin: spelling and initials of a text")
{
    CHECK(Pinyin::spell(QStringLiteral("排水许可")) == QStringLiteral("paishuixuke"));
    CHECK(Pinyin::initials(QStringLiteral("排水许可证核发")) == QStringLiteral("psxkzhf"));
    CHECK(Pinyin::initials(QStringLiteral("A级𠀀")) == QStringLiteral("ajh"));
}
