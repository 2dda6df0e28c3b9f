// Mobile and fixed-line phone numbers, postcodes and waybill numbers.
#include "TestSupport.h"
#include "applicants/Validators.h"

using namespace ow;

namespace {

QString phoneProblem(const QString& value)
{
    const auto r = validatePhone(value);
    REQUIRE_FALSE(r.ok());
    REQUIRE_FALSE(r.error().problems.isEmpty());
    CHECK(r.error().problems.first().field == QStringLiteral("phone"));
    return r.error().problems.first().message;
}

QString postcodeProblem(const QString& value)
{
    const auto r = validatePostcode(value);
    REQUIRE_FALSE(r.ok());
    REQUIRE_FALSE(r.error().problems.isEmpty());
    CHECK(r.error().problems.first().field == QStringLiteral("postcode"));
    return r.error().problems.first().message;
}

QString waybillProblem(const QString& value)
{
    const auto r = validateWaybill(value);
    REQUIRE_FALSE(r.ok());
    REQUIRE_FALSE(r.error().problems.isEmpty());
    CHECK(r.error().problems.first().field == QStringLiteral("waybill"));
    return r.error().problems.first().message;
}

} // namespace

TEST_CASE("Phone: mobile numbers with or without +86")
{
    for (const QString& typed :
         {QStringLiteral("13800138000"), QStringLiteral("+8613800138000"),
          QStringLiteral("8613800138000"), QStringLiteral("138-0013-8000"),
          QStringLiteral("+86 138 0013 8000"), QStringLiteral("１３８００１３８０００")}) {
        const auto r = validatePhone(typed);
        REQUIRE(r.ok());
        CHECK(r->kind == PhoneNumber::Kind::Mobile);
        CHECK(r->number == QStringLiteral("13800138000"));
    }
    CHECK(validatePhone(QStringLiteral("19962345678")).ok());
    CHECK(validateMobile(QStringLiteral("15062345678")).ok());
    CHECK_FALSE(validateMobile(QStringLiteral("010-62345678")).ok());
}

TEST_CASE("Phone: fixed lines with area codes and extensions")
{
    struct Case
    {
        QString typed, number, area, extension;
    };
    const QList<Case> cases{
        {QStringLiteral("010-62345678"), QStringLiteral("010-62345678"), QStringLiteral("010"), {}},
        {QStringLiteral("(010)62345678"),
         QStringLiteral("010-62345678"),
         QStringLiteral("010"),
         {}},
        {QStringLiteral("（010）62345678"),
         QStringLiteral("010-62345678"),
         QStringLiteral("010"),
         {}},
        {QStringLiteral("01062345678"), QStringLiteral("010-62345678"), QStringLiteral("010"), {}},
        {QStringLiteral("0755-2345678"),
         QStringLiteral("0755-2345678"),
         QStringLiteral("0755"),
         {}},
        {QStringLiteral("075562345678"),
         QStringLiteral("0755-62345678"),
         QStringLiteral("0755"),
         {}},
        {QStringLiteral("010-62345678-123"), QStringLiteral("010-62345678-123"),
         QStringLiteral("010"), QStringLiteral("123")},
        {QStringLiteral("010-62345678转8001"), QStringLiteral("010-62345678-8001"),
         QStringLiteral("010"), QStringLiteral("8001")},
        {QStringLiteral("0571 87654321 ext. 45"), QStringLiteral("0571-87654321-45"),
         QStringLiteral("0571"), QStringLiteral("45")},
    };
    for (const Case& c : cases) {
        INFO(c.typed.toStdString());
        const auto r = validatePhone(c.typed);
        if (!r)
            FAIL(r.error().fullText().toStdString());
        CHECK(r->kind == PhoneNumber::Kind::FixedLine);
        CHECK(r->number == c.number);
        CHECK(r->areaCode == c.area);
        CHECK(r->extension == c.extension);
        // The normalised form reads back the same.
        const auto again = validatePhone(r->number);
        REQUIRE(again.ok());
        CHECK(again->number == c.number);
    }
}

TEST_CASE("Phone: bad numbers say what is wrong")
{
    CHECK(phoneProblem(QStringLiteral("12800138000")).contains(QLatin1String("12")));
    CHECK(phoneProblem(QStringLiteral("1380013800")).contains(QLatin1String("10")));
    CHECK(phoneProblem(QStringLiteral("138001380001")).contains(QLatin1String("12")));
    CHECK(phoneProblem(QStringLiteral("1380013800a")).contains(QLatin1String("1380013800a")));
    CHECK(phoneProblem(QStringLiteral("0101-2345678")).contains(QLatin1String("0101")));
    CHECK(phoneProblem(QStringLiteral("0755-123456")).contains(QLatin1String("123456")));
    CHECK(phoneProblem(QStringLiteral("010-02345678")).contains(QLatin1String("02345678")));
    CHECK(phoneProblem(QStringLiteral("010-12345678")).contains(QLatin1String("12345678")));
    CHECK(phoneProblem(QStringLiteral("010-62345678-2345678")).contains(QLatin1String("2345678")));
    CHECK(phoneProblem(QStringLiteral("87654321")).contains(QLatin1String("87654321")));
    CHECK(phoneProblem(QStringLiteral("abc")).contains(QLatin1Char('a')));
    phoneProblem(QString());
}

TEST_CASE("Postcode: six digits kept as text")
{
    const auto hohhot = validatePostcode(QStringLiteral("010000"));
    REQUIRE(hohhot.ok());
    CHECK(*hohhot == QStringLiteral("010000"));
    CHECK(*validatePostcode(QStringLiteral(" 100000 ")) == QStringLiteral("100000"));
    CHECK(*validatePostcode(QStringLiteral("０１００５０")) == QStringLiteral("010050"));

    CHECK(postcodeProblem(QStringLiteral("01000")).contains(QLatin1Char('5')));
    CHECK(postcodeProblem(QStringLiteral("0100000")).contains(QLatin1Char('7')));
    const QString letter = postcodeProblem(QStringLiteral("01000A"));
    CHECK(letter.contains(QLatin1Char('6')));
    CHECK(letter.contains(QLatin1Char('A')));
    postcodeProblem(QString());
}

TEST_CASE("Waybill: the UPU S10 check digit")
{
    CHECK(s10CheckDigit(u"47312482") == 9);
    CHECK(s10CheckDigit(u"00000000") == 5); // 11 -> 5
    CHECK(s10CheckDigit(u"00004000") == 0); // 10 -> 0
    CHECK(s10CheckDigit(u"4731248") == -1);

    const auto r = validateWaybill(QStringLiteral("EA473124829CN"));
    REQUIRE(r.ok());
    CHECK(r->kind == Waybill::Kind::UpuS10);
    CHECK(r->serviceIndicator == QStringLiteral("EA"));
    CHECK(r->serial == QStringLiteral("47312482"));
    CHECK(r->countryCode == QStringLiteral("CN"));
    CHECK(r->isEms());
    const auto lower = validateWaybill(QStringLiteral("ez 473124829 cn"));
    REQUIRE(lower.ok());
    CHECK(lower->number == QStringLiteral("EZ473124829CN"));
    CHECK(validateWaybill(QStringLiteral("EE000000005CN")).ok());
    CHECK(validateWaybill(QStringLiteral("EA000040000CN")).ok());
}

TEST_CASE("Waybill: domestic EMS waybills are 13 digits")
{
    const auto r = validateWaybill(QStringLiteral("1100623456789"));
    REQUIRE(r.ok());
    CHECK(r->kind == Waybill::Kind::Domestic);
    CHECK(r->isEms());
}

TEST_CASE("Waybill: bad numbers name the position")
{
    const QString check = waybillProblem(QStringLiteral("EA473124820CN"));
    CHECK(check.contains(QLatin1String("11")));
    CHECK(check.contains(QLatin1Char('9')));
    CHECK(waybillProblem(QStringLiteral("E1473124829CN")).contains(QLatin1Char('2')));
    CHECK(waybillProblem(QStringLiteral("EA47312482XCN")).contains(QLatin1Char('X')));
    CHECK(waybillProblem(QStringLiteral("EA4731248291N")).contains(QLatin1String("12")));
    CHECK(waybillProblem(QStringLiteral("EA473124829C")).contains(QLatin1String("12")));
    CHECK(waybillProblem(QStringLiteral("11006234567890")).contains(QLatin1String("14")));
    CHECK(waybillProblem(QStringLiteral("110062345678A")).contains(QLatin1String("13")));
    waybillProblem(QString());
}
