// GB 32100-2015 unified social credit codes. A code whose only fault is its
// check character can be overridden by a supervisor; a malformed one cannot.
#include "TestSupport.h"
#include "applicants/Validators.h"

using namespace ow;

namespace {

QString withCheck(const QString& first17)
{
    return first17 + creditCodeCheckChar(first17);
}

CreditCodeCheck malformed(const QString& value)
{
    CreditCodeCheck c = inspectCreditCode(value);
    REQUIRE(c.status == CreditCodeCheck::Status::Malformed);
    REQUIRE_FALSE(c.overridable());
    REQUIRE(c.error.has_value());
    REQUIRE_FALSE(c.error->problems.isEmpty());
    return c;
}

QString firstProblem(const CreditCodeCheck& c)
{
    return c.error->problems.first().message;
}

} // namespace

TEST_CASE("Credit code: the valid vectors of GB 32100")
{
    for (const QString& code :
         {QStringLiteral("91110000600037341L"), QStringLiteral("91350100M000100Y43")}) {
        const CreditCodeCheck c = inspectCreditCode(code);
        CHECK(c.valid());
        CHECK(c.code == code);
        CHECK_FALSE(c.error.has_value());
        const auto r = validateCreditCode(code);
        REQUIRE(r.ok());
        CHECK(*r == code);
    }
    CHECK(creditCodeCheckChar(u"91110000600037341") == QLatin1Char('L'));
    CHECK(creditCodeCheckChar(u"91350100M000100Y4") == QLatin1Char('3'));
    CHECK(creditCodeAlphabet().size() == 31);
}

TEST_CASE("Credit code: lower case and spaces are normalised")
{
    const CreditCodeCheck c = inspectCreditCode(QStringLiteral(" 91350100m000100y43 "));
    CHECK(c.valid());
    CHECK(c.code == QStringLiteral("91350100M000100Y43"));
}

TEST_CASE("Credit code: the parts are named")
{
    const CreditCodeCheck c = inspectCreditCode(QStringLiteral("91110000600037341L"));
    CHECK_FALSE(c.registeringDepartment().isEmpty());
    CHECK_FALSE(c.organisationType().isEmpty());
    CHECK(c.divisionCode() == QStringLiteral("110000"));
    CHECK(c.organisationCode() == QStringLiteral("600037341"));
}

TEST_CASE("Credit code: Z never occurs, so 91350100M000100Y4Z is malformed")
{
    const CreditCodeCheck c = malformed(QStringLiteral("91350100M000100Y4Z"));
    const QString m = firstProblem(c);
    CHECK(m.contains(QLatin1String("18")));
    CHECK(m.contains(QLatin1Char('Z')));
    CHECK(c.error->problems.first().field == QStringLiteral("creditCode"));
    CHECK_FALSE(validateCreditCode(QStringLiteral("91350100M000100Y4Z")).ok());
}

TEST_CASE("Credit code: a wrong check character is overridable and names the expected one")
{
    const CreditCodeCheck c = inspectCreditCode(QStringLiteral("91110000600037341A"));
    CHECK(c.status == CreditCodeCheck::Status::CheckFailed);
    CHECK(c.overridable());
    CHECK(c.expectedCheck == QLatin1Char('L'));
    REQUIRE(c.error.has_value());
    REQUIRE(c.error->problems.size() == 1);
    CHECK(c.error->problems.first().message.contains(QLatin1String("18")));
    CHECK(c.error->problems.first().message.contains(QLatin1Char('L')));

    const CreditCodeCheck d = inspectCreditCode(QStringLiteral("91350100M000100Y40"));
    CHECK(d.overridable());
    CHECK(d.expectedCheck == QLatin1Char('3'));
    // validateCreditCode refuses both kinds.
    CHECK_FALSE(validateCreditCode(QStringLiteral("91350100M000100Y40")).ok());
}

TEST_CASE("Credit code: I, O, S, V and Z are refused at their position")
{
    const QString base = QStringLiteral("91110000600037341L");
    const QList<std::pair<int, QChar>> cases{{9, QLatin1Char('I')},
                                             {10, QLatin1Char('O')},
                                             {12, QLatin1Char('S')},
                                             {14, QLatin1Char('V')},
                                             {16, QLatin1Char('Z')}};
    for (const auto& [position, letter] : cases) {
        QString code = base;
        code[position - 1] = letter;
        const QString m = firstProblem(malformed(code));
        CHECK(m.contains(QString::number(position)));
        CHECK(m.contains(letter));
    }
    const QString punct = firstProblem(malformed(QStringLiteral("9111000060003734-L")));
    CHECK(punct.contains(QLatin1String("17")));
}

TEST_CASE("Credit code: wrong lengths are malformed")
{
    CHECK(
        firstProblem(malformed(QStringLiteral("91110000600037341"))).contains(QLatin1String("17")));
    CHECK(firstProblem(malformed(QStringLiteral("91110000600037341LL")))
              .contains(QLatin1String("19")));
    CHECK(malformed(QString()).error->problems.size() == 1);
}

TEST_CASE("Credit code: positions 1, 2 and 3-8 are checked")
{
    // Position 1: registering department 1-9, A, N or Y.
    CHECK(firstProblem(malformed(withCheck(QStringLiteral("01110000600037341"))))
              .contains(QLatin1Char('1')));
    CHECK(firstProblem(malformed(withCheck(QStringLiteral("B1110000600037341"))))
              .contains(QLatin1Char('B')));
    for (const QString& first17 :
         {QStringLiteral("A1110000600037341"), QStringLiteral("N2110000600037341"),
          QStringLiteral("Y1110000600037341"), QStringLiteral("52110000600037341")})
        CHECK(inspectCreditCode(withCheck(first17)).valid());
    // Position 2: organisation type, a digit 1-9.
    CHECK(firstProblem(malformed(withCheck(QStringLiteral("90110000600037341"))))
              .contains(QLatin1Char('2')));
    CHECK(firstProblem(malformed(withCheck(QStringLiteral("9A110000600037341"))))
              .contains(QLatin1Char('A')));
    // Positions 3-8: the administrative division code, digits.
    const QString division =
        firstProblem(malformed(withCheck(QStringLiteral("9111A000600037341"))));
    CHECK(division.contains(QLatin1Char('5')));
    CHECK(division.contains(QLatin1Char('A')));
}

TEST_CASE("Credit code: a malformed code with a wrong check is still not overridable")
{
    const CreditCodeCheck c = inspectCreditCode(QStringLiteral("B1110000600037341L"));
    CHECK(c.status == CreditCodeCheck::Status::Malformed);
    CHECK_FALSE(c.overridable());
}
