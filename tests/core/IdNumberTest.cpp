// GB 11643-1999 resident ID numbers: the vectors of CHECKS.md and the ways a
// number typed at the counter goes wrong. Messages are checked for the facts
// they must name (positions, expected characters), not for their wording,
// which is translated.
#include "TestSupport.h"
#include "applicants/Validators.h"
#include "store/Clock.h"

#include <QRegularExpression>

using namespace ow;

namespace {

const QDate kToday(2025, 6, 1);

// The first 17 characters followed by their correct check character.
QString withCheck(const QString& first17)
{
    return first17 + residentIdCheckChar(first17);
}

// The one problem message of a rejected number.
QString problemOf(const QString& value)
{
    const auto r = validateResidentId(value, kToday);
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.error().kind == Error::Kind::Invalid);
    REQUIRE_FALSE(r.error().problems.isEmpty());
    return r.error().problems.first().message;
}

} // namespace

TEST_CASE("Resident ID: the valid vectors of GB 11643")
{
    const auto a = validateResidentId(QStringLiteral("11010519491231002X"), kToday);
    REQUIRE(a.ok());
    CHECK(a->number == QStringLiteral("11010519491231002X"));
    CHECK(a->birthDate == QDate(1949, 12, 31));
    CHECK(a->sex == Sex::Female); // sequence 002: even
    CHECK_FALSE(a->upgraded);
    CHECK(a->addressCode() == QStringLiteral("110105"));

    // The standard's own example is born in 1880: its check character is
    // right (below), but nobody born before 1900 comes to the window.
    const QString b = problemOf(QStringLiteral("440524188001010014"));
    CHECK(b.contains(QLatin1String("1880-01-01")));
    CHECK(b.contains(QLatin1String("1900")));

    const auto c = validateResidentId(QStringLiteral("360426199101010071"), kToday);
    REQUIRE(c.ok());
    CHECK(c->birthDate == QDate(1991, 1, 1));
    CHECK(c->sex == Sex::Male);
    CHECK(toString(c->sex) == QStringLiteral("male"));
}

TEST_CASE("Resident ID: the check character is ISO 7064 MOD 11-2")
{
    CHECK(residentIdCheckChar(u"11010519491231002") == QLatin1Char('X'));
    CHECK(residentIdCheckChar(u"44052418800101001") == QLatin1Char('4'));
    CHECK(residentIdCheckChar(u"36042619910101007") == QLatin1Char('1'));
    CHECK(residentIdCheckChar(u"1101051949123100").isNull());
    CHECK(residentIdCheckChar(u"1101051949123100A").isNull());
}

TEST_CASE("Resident ID: lower-case x, spaces and full-width digits are normalised")
{
    const auto a = validateResidentId(QStringLiteral("11010519491231002x"), kToday);
    REQUIRE(a.ok());
    CHECK(a->number == QStringLiteral("11010519491231002X"));
    const auto b = validateResidentId(QStringLiteral(" 110105 19491231 002X "), kToday);
    REQUIRE(b.ok());
    CHECK(b->number == QStringLiteral("11010519491231002X"));
    const auto c =
        validateResidentId(QStringLiteral("１１０１０５１９４９１２３１００２ｘ"), kToday);
    REQUIRE(c.ok());
    CHECK(c->number == QStringLiteral("11010519491231002X"));
}

TEST_CASE("Resident ID: a legacy 15-digit number is upgraded")
{
    const auto r = validateResidentId(QStringLiteral("110105491231002"), kToday);
    REQUIRE(r.ok());
    CHECK(r->number == QStringLiteral("11010519491231002X"));
    CHECK(r->upgraded);
    CHECK(r->birthDate == QDate(1949, 12, 31));
    CHECK(r->sex == Sex::Female);
}

TEST_CASE("Resident ID: an unknown or abolished address code is never rejected")
{
    // Below the province, no list is consulted.
    for (const QString& first17 :
         {QStringLiteral("32999919800101001"), QStringLiteral("11000019800101001"),
          QStringLiteral("21030219700101123"), QStringLiteral("46999919800101001")}) {
        const auto r = validateResidentId(withCheck(first17), kToday);
        CHECK(r.ok());
    }
}

TEST_CASE("Resident ID: the first two digits name a province")
{
    for (const char* first2 : {"11", "15", "21", "23", "31", "37", "41", "46", "50", "54", "61",
                               "65", "71", "81", "82", "83"}) {
        INFO(first2);
        const QString first17 = QLatin1String(first2) + QStringLiteral("042619911201007");
        CHECK(validateResidentId(withCheck(first17), kToday).ok());
    }
    // 990426199112010074 was accepted.
    const QString m = problemOf(QStringLiteral("990426199112010074"));
    CHECK(m.contains(QLatin1String("99")));
    INFO(m.toStdString());
    CHECK(m.contains(QRegularExpression(QStringLiteral("1[-–]2"))));
    for (const char* first2 : {"00", "10", "16", "20", "24", "30", "38", "40", "47", "49", "55",
                               "60", "66", "70", "72", "80", "84", "91", "99"}) {
        INFO(first2);
        const QString first17 = QLatin1String(first2) + QStringLiteral("042619911201007");
        CHECK(problemOf(withCheck(first17)).contains(QLatin1String(first2)));
    }
    // An old 15-digit number too.
    CHECK(problemOf(QStringLiteral("990105491231002")).contains(QLatin1String("99")));
}

TEST_CASE("Resident ID: a wrong check character names the expected one")
{
    const QString m = problemOf(QStringLiteral("110105194912310021"));
    CHECK(m.contains(QLatin1String("18")));
    CHECK(m.contains(QLatin1Char('X')));
    // Born after 1900, so that the check character is what is wrong.
    const QString first17 = QStringLiteral("44052419800101001");
    const QChar expected = residentIdCheckChar(first17);
    const QChar given = expected == QLatin1Char('5') ? QLatin1Char('6') : QLatin1Char('5');
    const QString m2 = problemOf(first17 + given);
    INFO(m2.toStdString());
    CHECK(m2.contains(expected));
    CHECK(m2.contains(given));
    const QString m3 = problemOf(QStringLiteral("36042619910101007X"));
    CHECK(m3.contains(QLatin1String("18")));
    CHECK(m3.contains(QLatin1Char('1')));

    const auto r = validateResidentId(QStringLiteral("110105194912310021"), kToday);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().problems.first().field == QStringLiteral("idNumber"));
    CHECK_FALSE(r.error().problems.first().where.isEmpty());
    CHECK(r.error().message.contains(QLatin1String("110105194912310021")));
    CHECK(r.error().fullText().contains(QLatin1Char('X')));
}

TEST_CASE("Resident ID: the birth date must be a real date")
{
    // 31 February, 29 February of a common year, month 13, day 0, 31 April.
    const QString feb31 = problemOf(withCheck(QStringLiteral("11010519490231002")));
    CHECK(feb31.contains(QLatin1String("1949-02-31")));
    CHECK(feb31.contains(QLatin1String("28")));
    CHECK(feb31.contains(QLatin1String("7-14")));
    CHECK(problemOf(withCheck(QStringLiteral("11010519490229002"))).contains(QLatin1String("28")));
    CHECK(problemOf(withCheck(QStringLiteral("11010519491331002"))).contains(QLatin1String("13")));
    CHECK(problemOf(withCheck(QStringLiteral("11010519491200002")))
              .contains(QLatin1String("1949-12-00")));
    CHECK(problemOf(withCheck(QStringLiteral("11010519490431002"))).contains(QLatin1String("30")));
    // 29 February of a leap year is fine.
    CHECK(validateResidentId(withCheck(QStringLiteral("11010520000229002")), kToday).ok());
    // Before 1900: 320581180001014510, born 1800, was accepted.
    CHECK(problemOf(QStringLiteral("320581180001014510")).contains(QLatin1String("1800-01-01")));
    CHECK(
        problemOf(withCheck(QStringLiteral("11010518991231002"))).contains(QLatin1String("1900")));
    CHECK(validateResidentId(withCheck(QStringLiteral("11010519000101002")), kToday).ok());
}

TEST_CASE("Resident ID: a birth date in the future is refused, today is accepted")
{
    const QString m = problemOf(withCheck(QStringLiteral("11010520300101002")));
    CHECK(m.contains(QLatin1String("2030-01-01")));
    CHECK(m.contains(QLatin1String("2025-06-01")));
    CHECK_FALSE(validateResidentId(withCheck(QStringLiteral("11010520250602002")), kToday).ok());
    CHECK(validateResidentId(withCheck(QStringLiteral("11010520250601002")), kToday).ok());

    // The clock decides what today is.
    FixedClock clock(QDateTime(QDate(2030, 1, 2), QTime(9, 0)));
    CHECK(validateResidentId(withCheck(QStringLiteral("11010520300101002")), clock).ok());
}

TEST_CASE("Resident ID: wrong lengths and characters name the position")
{
    CHECK(problemOf(QStringLiteral("11010519491231002")).contains(QLatin1String("17")));
    CHECK(problemOf(QStringLiteral("11010519491231002X1")).contains(QLatin1String("19")));
    CHECK(problemOf(QStringLiteral("1101051949")).contains(QLatin1String("10")));
    const QString letter = problemOf(QStringLiteral("1101051949A231002X"));
    CHECK(letter.contains(QLatin1String("11")));
    CHECK(letter.contains(QLatin1Char('A')));
    CHECK(problemOf(QStringLiteral("11010519491231002Y")).contains(QLatin1Char('Y')));
    CHECK(problemOf(QStringLiteral("AB0105194912310021")).contains(QLatin1String("1, 2")));
    CHECK(problemOf(QStringLiteral("11010549123100X")).contains(QLatin1String("15")));
    CHECK(problemOf(QStringLiteral("110105491331002")).contains(QLatin1String("7-12")));
    CHECK(problemOf(QStringLiteral("11010519491231-02X")).contains(QLatin1String("15")));
}

TEST_CASE("Resident ID: an empty number is missing, another field name is kept")
{
    const auto empty = validateResidentId(QStringLiteral("   "), kToday);
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().problems.size() == 1);

    const auto agent = validateResidentId(QStringLiteral("110105194912310021"), kToday,
                                          QStringLiteral("agent.idNumber"));
    REQUIRE_FALSE(agent.ok());
    CHECK(agent.error().problems.first().field == QStringLiteral("agent.idNumber"));
}

TEST_CASE("Resident ID: a bad date and a bad check character are both reported")
{
    const auto r = validateResidentId(QStringLiteral("110105194902310020"), kToday);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().problems.size() == 2);
}
