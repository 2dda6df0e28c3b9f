// The merged application form: fields by key asked once, prefilled from
// the applicant and agent, validated per field with the field named.
#include "intake/Form.h"

#include "TestSupport.h"
#include "applicants/Applicant.h"

#include <catch2/catch.hpp>

using namespace ow;

namespace {

FormField field(const QString& key, const QString& label, FieldType type, bool required = false,
                const QString& prefill = {})
{
    FormField f;
    f.key = key;
    f.label = label;
    f.type = type;
    f.required = required;
    f.prefill = prefill;
    return f;
}

QList<Item> items()
{
    Item a;
    a.code = QStringLiteral("F-A");
    a.form = {field(QStringLiteral("applicant_name"), QStringLiteral("申请人"), FieldType::Text,
                    true, QStringLiteral("applicant.name")),
              field(QStringLiteral("phone"), QStringLiteral("联系电话"), FieldType::Phone, false,
                    QStringLiteral("applicant.phone")),
              field(QStringLiteral("area"), QStringLiteral("面积"), FieldType::Number),
              field(QStringLiteral("agent_name"), QStringLiteral("代理人"), FieldType::Text, false,
                    QStringLiteral("agent.name"))};
    FormField use = field(QStringLiteral("use"), QStringLiteral("用途"), FieldType::Choice, true);
    use.options = {QStringLiteral("住宅"), QStringLiteral("非住宅")};
    a.form << use;

    Item b;
    b.code = QStringLiteral("F-B");
    b.form = {field(QStringLiteral("phone"), QStringLiteral("联系电话"), FieldType::Phone, true),
              field(QStringLiteral("id_number"), QStringLiteral("身份证号"), FieldType::IdNumber,
                    true, QStringLiteral("applicant.idNumber")),
              field(QStringLiteral("postcode"), QStringLiteral("邮编"), FieldType::Postcode),
              field(QStringLiteral("first_home"), QStringLiteral("首套房"), FieldType::Bool),
              field(QStringLiteral("start"), QStringLiteral("开工日期"), FieldType::Date)};
    FormField account =
        field(QStringLiteral("account"), QStringLiteral("银行账号"), FieldType::Text);
    account.pattern = QStringLiteral("[0-9]{12,19}");
    b.form << account;
    return {a, b};
}

const Problem* problemAt(const QList<Problem>& problems, const QString& where)
{
    for (const Problem& p : problems)
        if (p.where == where)
            return &p;
    return nullptr;
}

} // namespace

TEST_CASE("fields shared by key are asked once, required when any item requires", "[form]")
{
    const Form form = Form::merge(items());
    int phones = 0;
    for (const FormField& f : form.fields())
        phones += f.key == QLatin1String("phone") ? 1 : 0;
    CHECK(phones == 1);
    REQUIRE(form.field(QStringLiteral("phone")));
    CHECK(form.field(QStringLiteral("phone"))->required);
    CHECK(form.itemsAsking(QStringLiteral("phone")) ==
          QStringList{QStringLiteral("F-A"), QStringLiteral("F-B")});
    CHECK(form.fields().size() == 10);
}

TEST_CASE("the form is prefilled from the applicant and the agent, never over typed values",
          "[form]")
{
    Form form = Form::merge(items());
    REQUIRE(form.setValue(QStringLiteral("phone"), QStringLiteral("13900001111")).ok());
    Applicant a;
    a.name = QStringLiteral("𠀾林"); // an Extension B character, kept intact
    a.idNumber = QStringLiteral("320581196503151239");
    a.phone = QStringLiteral("13812345678");
    Agent agent;
    agent.name = QStringLiteral("陈会计");
    agent.idNumber = QStringLiteral("320581198001052010");
    const QStringList filled = form.prefill(a, agent);
    CHECK(filled.contains(QStringLiteral("applicant_name")));
    CHECK(filled.contains(QStringLiteral("agent_name")));
    CHECK(filled.contains(QStringLiteral("id_number")));
    CHECK_FALSE(filled.contains(QStringLiteral("phone")));
    CHECK(form.value(QStringLiteral("applicant_name")) == QStringLiteral("𠀾林"));
    CHECK(form.value(QStringLiteral("phone")) == QStringLiteral("13900001111"));
    CHECK(form.value(QStringLiteral("agent_name")) == QStringLiteral("陈会计"));

    Form noAgent = Form::merge(items());
    noAgent.prefill(a, std::nullopt);
    CHECK(noAgent.value(QStringLiteral("agent_name")).isEmpty());
}

TEST_CASE("each field is validated and each problem names its field", "[form]")
{
    Form form = Form::merge(items());
    CHECK_FALSE(form.setValue(QStringLiteral("nope"), QStringLiteral("x")).ok());
    REQUIRE(form.setValue(QStringLiteral("phone"), QStringLiteral("1234")).ok());
    REQUIRE(form.setValue(QStringLiteral("id_number"), QStringLiteral("320581196503151238")).ok());
    REQUIRE(form.setValue(QStringLiteral("postcode"), QStringLiteral("21550")).ok());
    REQUIRE(form.setValue(QStringLiteral("area"), QStringLiteral("一百")).ok());
    REQUIRE(form.setValue(QStringLiteral("use"), QStringLiteral("厂房")).ok());
    REQUIRE(form.setValue(QStringLiteral("first_home"), QStringLiteral("maybe")).ok());
    REQUIRE(form.setValue(QStringLiteral("start"), QStringLiteral("2025-02-30")).ok());
    REQUIRE(form.setValue(QStringLiteral("account"), QStringLiteral("62220")).ok());

    const QList<Problem> problems = form.validate(QDate(2025, 3, 14));
    for (const char* where :
         {"form.applicant_name", "form.phone", "form.id_number", "form.postcode", "form.area",
          "form.use", "form.first_home", "form.start", "form.account"}) {
        INFO(where);
        const Problem* p = problemAt(problems, QString::fromLatin1(where));
        REQUIRE(p);
        CHECK(p->field == QString::fromLatin1(where).mid(5));
        // The message names the field by its label, never by its key.
        QString label;
        for (const FormField& f : form.fields())
            if (f.key == p->field)
                label = f.label;
        REQUIRE_FALSE(label.isEmpty());
        CHECK(p->message.contains(label));
        CHECK_FALSE(p->message.contains(p->field));
    }
    CHECK(problems.size() == 9);

    Form good = Form::merge(items());
    for (const auto& [k, v] : QList<QPair<QString, QString>>{
             {QStringLiteral("applicant_name"), QStringLiteral("王建华")},
             {QStringLiteral("phone"), QStringLiteral("0512-52001234")},
             {QStringLiteral("id_number"), QStringLiteral("320581196503151239")},
             {QStringLiteral("postcode"), QStringLiteral("010000")},
             {QStringLiteral("area"), QStringLiteral("86.5")},
             {QStringLiteral("use"), QStringLiteral("住宅")},
             {QStringLiteral("first_home"), QStringLiteral("是")},
             {QStringLiteral("start"), QStringLiteral("2025-04-01")},
             {QStringLiteral("account"), QStringLiteral("6222021234567890123")}})
        REQUIRE(good.setValue(k, v).ok());
    CHECK(good.validate(QDate(2025, 3, 14)).isEmpty());

    // Typed facts for conditions, typed JSON for the case.
    const auto facts = good.facts();
    CHECK(facts.value(QStringLiteral("form.area")).toDouble() == Approx(86.5));
    CHECK(facts.value(QStringLiteral("form.first_home")).toBool());
    CHECK(good.toJson().value(QStringLiteral("first_home")).isBool());
    CHECK(good.toJson().value(QStringLiteral("postcode")).toString() == QStringLiteral("010000"));
}

TEST_CASE("a corrected applicant reaches every prefilled field not edited by hand", "[form]")
{
    Form form = Form::merge(items());
    Applicant a;
    a.name = QStringLiteral("芳");
    a.idNumber = QStringLiteral("320581196503151239");
    a.phone = QStringLiteral("13812345678");
    form.prefill(a, std::nullopt);
    CHECK(form.value(QStringLiteral("applicant_name")) == QStringLiteral("芳"));
    CHECK_FALSE(form.editedByHand(QStringLiteral("applicant_name")));
    // The clerk types another phone on the form by hand.
    REQUIRE(form.setValue(QStringLiteral("phone"), QStringLiteral("051252001234")).ok());
    CHECK(form.editedByHand(QStringLiteral("phone")));

    a.name = QStringLiteral("王芳");
    a.phone = QStringLiteral("13900002222");
    const QStringList changed = form.prefill(a, std::nullopt);
    CHECK(changed == QStringList{QStringLiteral("applicant_name")});
    CHECK(form.value(QStringLiteral("applicant_name")) == QStringLiteral("王芳"));
    CHECK(form.value(QStringLiteral("phone")) == QStringLiteral("051252001234"));
    CHECK(form.editedByHand(QStringLiteral("phone")));

    // The agent gone: what was prefilled from them goes too.
    Agent agent;
    agent.name = QStringLiteral("陈会计");
    agent.idNumber = QStringLiteral("320581198001052010");
    form.prefill(a, agent);
    CHECK(form.value(QStringLiteral("agent_name")) == QStringLiteral("陈会计"));
    form.prefill(a, std::nullopt);
    CHECK(form.value(QStringLiteral("agent_name")).isEmpty());
}

TEST_CASE("fields that do not apply: the credit code and legal representative for a natural "
          "person, the agent's fields without an agent",
          "[form]")
{
    const auto from = [](const QString& prefill) {
        FormField f;
        f.key = QStringLiteral("x");
        f.prefill = prefill;
        return f;
    };
    Applicant person;
    person.idNumber = QStringLiteral("320581196503151239");
    Applicant company;
    company.kind = ApplicantKind::Legal;
    company.creditCode = QStringLiteral("91320581MA1X00001B");
    Agent agent;
    CHECK_FALSE(Form::applies(from(QStringLiteral("applicant.creditCode")), person, std::nullopt));
    CHECK_FALSE(
        Form::applies(from(QStringLiteral("applicant.legalRepresentative")), person, std::nullopt));
    CHECK(Form::applies(from(QStringLiteral("applicant.creditCode")), company, std::nullopt));
    CHECK_FALSE(Form::applies(from(QStringLiteral("agent.name")), person, std::nullopt));
    CHECK(Form::applies(from(QStringLiteral("agent.name")), person, agent));
    CHECK(Form::applies(from({}), person, std::nullopt));
    CHECK(missingDetails(person, agent) ==
          QStringList{QStringLiteral("name"), QStringLiteral("phone"), QStringLiteral("address"),
                      QStringLiteral("agent.name"), QStringLiteral("agent.idNumber")});
    company.contactPhone = QStringLiteral("13805120001");
    company.name = QStringLiteral("某公司");
    company.address = QStringLiteral("常熟市");
    CHECK(missingDetails(company, std::nullopt).isEmpty());
}

TEST_CASE("a date is a real date written YYYY-MM-DD and a value is one line of text", "[form]")
{
    // What the window and the intake documents both go through.
    auto problemFor = [](const QString& key, const QString& value) -> QString {
        Form form = Form::merge(items());
        REQUIRE(form.setValue(key, value).ok());
        const QList<Problem> problems = form.validate(QDate(2025, 3, 14));
        const Problem* p = problemAt(problems, QStringLiteral("form.") + key);
        return p ? p->message : QString();
    };
    for (const QString& date : {QStringLiteral("2026/12/01"), QStringLiteral("2026-12-1"),
                                QStringLiteral("2026.12.01"), QStringLiteral("2026-12-01 08:00"),
                                QStringLiteral("2026-12-01T08:00"), QStringLiteral("2026-02-29")}) {
        INFO(date.toStdString());
        const QString m = problemFor(QStringLiteral("start"), date);
        CHECK(m.contains(QStringLiteral("开工日期")));
        CHECK(m.contains(QLatin1String("2026-12-01"))); // the example of the format
    }
    CHECK(problemFor(QStringLiteral("start"), QStringLiteral("2026-12-01")).isEmpty());
    CHECK(problemFor(QStringLiteral("start"), QStringLiteral(" 2026-12-01 ")).isEmpty());

    const QString esc = problemFor(QStringLiteral("agent_name"), QStringLiteral("李\x1b[2J四"));
    CHECK(esc.contains(QStringLiteral("代理人")));
    CHECK(esc.contains(QLatin1String("U+001B")));
    CHECK(problemFor(QStringLiteral("area"), QStringLiteral("12\n34"))
              .contains(QLatin1String("U+000A")));
    CHECK(problemFor(QStringLiteral("agent_name"), QString(Form::kMaxValueLength + 1, u'李'))
              .contains(QString::number(Form::kMaxValueLength)));
}
