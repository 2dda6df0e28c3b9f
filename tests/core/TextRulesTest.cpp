// The one rule on text taken from outside: no control characters, line
// breaks only where a text may hold several lines, nothing invisible or
// damaged; and dates written exactly YYYY-MM-DD.
#include "text/TextRules.h"

#include "TestSupport.h"

using namespace ow;

namespace {

QString withChar(char32_t c)
{
    // Not QString::fromUcs4: it takes a U+FEFF as a byte order mark and drops it.
    return QStringLiteral("AB") + QStringView(QChar::fromUcs4(c)).toString() +
           QStringLiteral("CD");
}

} // namespace

TEST_CASE("Text: controls, separators, invisible and damaged characters are refused")
{
    const char32_t refused[] = {0x0000, 0x0007, 0x0009, 0x000A, 0x000D, 0x001B, 0x007F,
                                0x0085, 0x009B, 0x2028, 0x2029, 0x200B, 0x202E, 0x2066,
                                0x00AD, 0xFEFF, 0xFFFE, 0xFFFF, 0xFDD0, 0xFFFD};
    for (char32_t c : refused) {
        INFO(QString::number(uint(c), 16).toStdString());
        const auto fault = findTextFault(withChar(c));
        REQUIRE(fault);
        CHECK(fault->position == 3);
        CHECK(fault->character == c);
        const QString message = textProblem(withChar(c));
        CHECK(message.contains(QLatin1String("3")));
        CHECK(message.contains(
            QStringLiteral("U+%1").arg(uint(c), 4, 16, QLatin1Char('0')).toUpper()));
    }
    QString lone = QStringLiteral("AB");
    lone.append(QChar(char16_t(0xDC00))); // a low surrogate alone
    REQUIRE(findTextFault(lone));
    CHECK(findTextFault(lone)->kind == TextFault::Kind::Damaged);
}

TEST_CASE("Text: what real text holds passes")
{
    for (const QString& s :
         {QStringLiteral("排水许可证核发"), QStringLiteral("阿卜杜勒·艾力"),
          QStringLiteral("\U00020000\U0002A6D6"), // CJK Extension B
          QStringLiteral("\uE000"),               // private use (older systems' rare characters)
          QStringLiteral("\u845B\U000E0100"),     // an ideographic variation sequence
          QStringLiteral("\U0001F468\u200D\U0001F469"), // emoji joined by ZWJ
          QStringLiteral("John Smith, Jr. (#12) 50% 100¥ «»"), QString()})
        CHECK_FALSE(findTextFault(s));
}

TEST_CASE("Text: several lines hold LF and TAB, nothing else")
{
    CHECK_FALSE(findTextFault(u"第一条\n\t第二款", TextLines::Many));
    CHECK(findTextFault(u"第一条\n第二款", TextLines::One)->kind == TextFault::Kind::LineBreak);
    const auto cr = findTextFault(u"第一条\r\n第二款", TextLines::Many);
    REQUIRE(cr);
    CHECK(cr->position == 4);
    CHECK(cr->kind == TextFault::Kind::OtherLineBreak);
    CHECK(findTextFault(u"a\u2028b", TextLines::Many));
    CHECK(findTextFault(u"a\u001Bb", TextLines::Many)->kind == TextFault::Kind::Control);
}

TEST_CASE("Text: positions count code points, not UTF-16 units")
{
    const auto fault = findTextFault(QStringLiteral("\U00020000\U00020001\u0000"));
    REQUIRE(fault);
    CHECK(fault->position == 3);
}

TEST_CASE("Text: a refused character is shown as U+XXXX in messages")
{
    CHECK(visibleText(u"A\nB\u001B[2J") == QStringLiteral("A<U+000A>B<U+001B>[2J"));
    CHECK(visibleText(u"排水\U00020000") == QStringLiteral("排水\U00020000"));
}

TEST_CASE("Text: dates are written YYYY-MM-DD and are real")
{
    CHECK(parseIsoDate(u"2026-12-01") == QDate(2026, 12, 1));
    CHECK(parseIsoDate(u"2024-02-29") == QDate(2024, 2, 29));
    for (const char16_t* s : {u"2026/12/01", u"", u"2026-2-01", u"2026-02-30", u"2025-02-29",
                              u"2026-12-01T08:00", u"2026-12-01\n", u" 2026-12-01", u"20261201",
                              u"2026-13-01", u"0000-01-01", u"２０２６-12-01"})
        CHECK_FALSE(parseIsoDate(QStringView(s)));
}
