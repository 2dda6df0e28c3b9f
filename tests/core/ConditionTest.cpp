#include "catalogue/Condition.h"

#include "TestSupport.h"

using ow::Condition;

namespace {

using Facts = QHash<QString, QVariant>;

bool eval(const QString& text, const Facts& facts)
{
    auto c = Condition::parse(text);
    if (!c.ok())
        FAIL(c.error().message.toStdString());
    return c->evaluate(facts);
}

// The column named by a parse error of `text`.
QString errorWhere(const QString& text)
{
    auto c = Condition::parse(text);
    REQUIRE_FALSE(c.ok());
    REQUIRE(c.error().problems.size() == 1);
    return c.error().problems.first().where;
}

} // namespace

TEST_CASE("Condition: the empty condition is always true")
{
    Condition c;
    CHECK(c.isEmpty());
    CHECK(c.evaluate({}));
    CHECK(c.text().isEmpty());
}

TEST_CASE("Condition: names, literals and truth")
{
    const Facts facts{{QStringLiteral("agent"), true},
                      {QStringLiteral("applicant.kind"), QStringLiteral("legal")},
                      {QStringLiteral("applicant.age"), 52},
                      {QStringLiteral("form.area"), QStringLiteral("60")},
                      {QStringLiteral("item.ZGJ-XK-001"), true}};
    CHECK(eval(QStringLiteral("agent"), facts));
    CHECK_FALSE(eval(QStringLiteral("agent"), {}));
    CHECK(eval(QStringLiteral("true"), {}));
    CHECK_FALSE(eval(QStringLiteral("false"), {}));
    CHECK(eval(QStringLiteral("applicant.kind == \"legal\""), facts));
    CHECK_FALSE(eval(QStringLiteral("applicant.kind != \"legal\""), facts));
    CHECK(eval(QStringLiteral("applicant.age >= 50"), facts));
    CHECK_FALSE(eval(QStringLiteral("applicant.age < 50"), facts));
    CHECK(eval(QStringLiteral("form.area > 50"), facts)); // form values come as text
    CHECK(eval(QStringLiteral("form.area == 60"), facts));
    CHECK(eval(QStringLiteral("applicant.age <= 52.0"), facts));
    CHECK(eval(QStringLiteral("item.ZGJ-XK-001"), facts));
    CHECK(eval(QStringLiteral("'single' == \"single\""), {}));
}

TEST_CASE("Condition: a missing name is null")
{
    CHECK_FALSE(eval(QStringLiteral("form.x == \"a\""), {}));
    CHECK(eval(QStringLiteral("form.x != true"), {}));
    CHECK_FALSE(eval(QStringLiteral("form.x == form.y"), {}));
    CHECK_FALSE(eval(QStringLiteral("form.x < 3"), {}));
    CHECK_FALSE(eval(QStringLiteral("form.x >= 3"), {}));
    CHECK_FALSE(eval(QStringLiteral("form.x in [\"a\", \"b\"]"), {}));
    CHECK(eval(QStringLiteral("!form.x"), {}));
}

TEST_CASE("Condition: boolean operators and precedence")
{
    const Facts facts{{QStringLiteral("a"), true}, {QStringLiteral("b"), false}};
    CHECK(eval(QStringLiteral("a || b && b"), facts)); // && binds tighter
    CHECK_FALSE(eval(QStringLiteral("(a || b) && b"), facts));
    CHECK(eval(QStringLiteral("!b && a"), facts));
    CHECK(eval(QStringLiteral("!!a"), facts));
    CHECK_FALSE(eval(QStringLiteral("!(a && !b)"), facts));
    CHECK(eval(QStringLiteral("form.x == 1 || a"), facts));
}

TEST_CASE("Condition: in lists")
{
    const Facts facts{{QStringLiteral("form.reason"), QStringLiteral("企业改制")},
                      {QStringLiteral("applicant.age"), 55}};
    CHECK(eval(QStringLiteral("form.reason in [\"下岗\", \"企业改制\"] && applicant.age >= 50"),
               facts));
    CHECK_FALSE(eval(QStringLiteral("form.reason in [\"下岗\"]"), facts));
    CHECK_FALSE(eval(QStringLiteral("form.reason in []"), facts));
    CHECK(eval(QStringLiteral("applicant.age in [54, 55]"), facts));
}

TEST_CASE("Condition: text() keeps the source")
{
    auto c = Condition::parse(QStringLiteral("agent && applicant.kind == \"legal\""));
    REQUIRE(c.ok());
    CHECK(c->text() == QStringLiteral("agent && applicant.kind == \"legal\""));
    CHECK_FALSE(c->isEmpty());
    const Condition copy = *c;
    CHECK(copy.evaluate({{QStringLiteral("agent"), true},
                         {QStringLiteral("applicant.kind"), QStringLiteral("legal")}}));
}

TEST_CASE("Condition: parse errors name the column")
{
    CHECK(errorWhere(QString()).contains(QLatin1String("1")));
    CHECK(errorWhere(QStringLiteral("agent &&")).contains(QLatin1String("9")));
    CHECK(errorWhere(QStringLiteral("a = 1")).contains(QLatin1String("3")));
    CHECK(errorWhere(QStringLiteral("(a || b")).contains(QLatin1String("8")));
    CHECK(errorWhere(QStringLiteral("a == \"open")).contains(QLatin1String("6")));
    CHECK(errorWhere(QStringLiteral("a b")).contains(QLatin1String("3")));
    CHECK(errorWhere(QStringLiteral("a in \"x\"")).contains(QLatin1String("6")));
    CHECK(errorWhere(QStringLiteral("a in [1 2]")).contains(QLatin1String("9")));
    CHECK(errorWhere(QStringLiteral("a == 1 == 2")).contains(QLatin1String("8")));
    CHECK(errorWhere(QStringLiteral("a # b")).contains(QLatin1String("3")));
    // Columns count characters, not bytes or UTF-16 units.
    CHECK(errorWhere(QStringLiteral("form.x == \"𠀀\" &&")).contains(QLatin1String("17")));
    // The message carries the column too.
    auto c = Condition::parse(QStringLiteral("agent &&"));
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().message.contains(QLatin1String("9")));
}

TEST_CASE("Condition: deep nesting is refused, not a crash")
{
    const QString deep = QString(5000, QLatin1Char('(')) + QStringLiteral("a") +
                         QString(5000, QLatin1Char(')'));
    CHECK_FALSE(Condition::parse(deep).ok());
    CHECK_FALSE(Condition::parse(QString(100000, QLatin1Char('!')) + QStringLiteral("a")).ok());
    CHECK(Condition::parse(QStringLiteral("((((a))))")).ok());
}
