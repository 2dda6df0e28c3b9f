// Person names: full Unicode, counted in code points, "·" between parts.
#include "TestSupport.h"
#include "applicants/Validators.h"

using namespace ow;

namespace {

QString refused(const QString& name)
{
    const auto r = validatePersonName(name);
    REQUIRE_FALSE(r.ok());
    REQUIRE_FALSE(r.error().problems.isEmpty());
    CHECK(r.error().problems.first().field == QStringLiteral("name"));
    return r.error().problems.first().message;
}

} // namespace

TEST_CASE("Name: Chinese, rare and minority names are accepted as typed")
{
    for (const QString& name :
         {QStringLiteral("张三"), QStringLiteral("王𠮷"), QStringLiteral("𪚥𫝀𬺓"),
          QStringLiteral("阿卜杜热合曼·艾力"), QStringLiteral("John Smith"),
          QStringLiteral("Zoë Ångström"), QStringLiteral("\u4E00\uFE00")}) {
        const auto r = validatePersonName(name);
        REQUIRE(r.ok());
        CHECK(*r == name);
    }
}

TEST_CASE("Name: length is counted in code points")
{
    CHECK(codePointCount(u"王𠮷") == 2);
    CHECK(QStringLiteral("王𠮷").size() == 3);
    const QString extB50 = QString(QStringLiteral("𠀀")).repeated(50);
    CHECK(extB50.size() == 100);
    CHECK(validatePersonName(extB50).ok());
    CHECK(validatePersonName(QStringLiteral("张").repeated(50)).ok());
    CHECK(validatePersonName(QStringLiteral("𠀀").repeated(kMaxPersonNameLength)).ok());
    const QString tooLong = refused(QStringLiteral("𠀀").repeated(kMaxPersonNameLength + 1));
    CHECK(tooLong.contains(QString::number(kMaxPersonNameLength + 1)));
    CHECK(kMaxPersonNameLength >= 50);
}

TEST_CASE("Name: look-alikes of the middle dot become U+00B7")
{
    for (const QString& typed :
         {QStringLiteral("玛丽•居里"), QStringLiteral("玛丽・居里"), QStringLiteral("玛丽．居里"),
          QStringLiteral("玛丽 · 居里"), QStringLiteral("玛丽‧居里")}) {
        const auto r = validatePersonName(typed);
        REQUIRE(r.ok());
        CHECK(*r == QStringLiteral("玛丽\u00B7居里"));
    }
}

TEST_CASE("Name: spaces are trimmed and collapsed")
{
    const auto r = validatePersonName(QStringLiteral("  John \u3000 Smith\n"));
    REQUIRE(r.ok());
    CHECK(*r == QStringLiteral("John Smith"));
}

TEST_CASE("Name: empty names, control characters and stray dots are refused")
{
    refused(QString());
    refused(QStringLiteral("   "));
    const QString bell = refused(QStringLiteral("张\u0007三"));
    CHECK(bell.contains(QLatin1String("U+0007")));
    CHECK(bell.contains(QLatin1Char('2')));
    CHECK(refused(QStringLiteral("张\n三")).contains(QLatin1String("U+000A")));
    CHECK(refused(QStringLiteral("张\u200B三")).contains(QLatin1String("U+200B")));
    refused(QStringLiteral("·张三"));
    refused(QStringLiteral("张三·"));
    refused(QStringLiteral("张··三"));
    QString broken = QStringLiteral("张");
    broken.append(QChar(char16_t(0xD840))); // a high surrogate alone
    CHECK(refused(broken).contains(QLatin1String("D840")));
}
