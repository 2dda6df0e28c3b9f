// `onewindow-admin intake --json FILE` and `case show NUMBER`: the scenario
// examples, problems named by their JSON path, batches.
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <functional>

using namespace ow;

namespace {

const QRegularExpression kCaseNumber(QStringLiteral("^[0-9A-Za-z]+-\\d{8}-\\d{4,}$"));

struct Cli
{
    QTemporaryDir dir;
    test::ProcessResult run(QStringList args, const QByteArray& in = {})
    {
        args.prepend(dir.path());
        args.prepend(QStringLiteral("--data-dir"));
        args << QStringLiteral("--lang") << QStringLiteral("en");
        return test::runAdmin(args, in);
    }
    test::ProcessResult intake(const QString& file)
    {
        return run({QStringLiteral("intake"), QStringLiteral("--json"), file});
    }
    test::ProcessResult intakeJson(const QJsonDocument& doc)
    {
        return run({QStringLiteral("intake"), QStringLiteral("--json"), QStringLiteral("-")},
                   doc.toJson());
    }
};

QString example(const QString& name)
{
    return test::sourcePath(QStringLiteral("resources/examples/intake/") + name);
}

// An example without its request id: each changed copy is a request of its own.
QJsonObject exampleObject(const QString& name)
{
    QFile f(example(name));
    REQUIRE(f.open(QIODevice::ReadOnly));
    QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
    doc.remove(QStringLiteral("requestId"));
    return doc;
}

QStringList lines(const QString& text)
{
    return text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace

TEST_CASE("intake: every scenario example is accepted", "[cli][intake]")
{
    const QStringList singles{
        QStringLiteral("scenario-1-two-unrelated-items.json"),
        QStringLiteral("scenario-2-medical-aid-and-hardship-subsidy.json"),
        QStringLiteral("scenario-3-drainage-permit-ems.json"),
        QStringLiteral("scenario-6-restaurant-joint-item.json"),
        QStringLiteral("scenario-7-universal-item-town-site.json"),
    };
    Cli cli;
    for (const QString& name : singles) {
        INFO(name.toStdString());
        const auto r = cli.intake(example(name));
        INFO(r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        const QStringList out = lines(r.out);
        REQUIRE(out.size() == 1);
        CHECK(kCaseNumber.match(out.first()).hasMatch());
    }
    const QStringList batches{QStringLiteral("scenario-5-agent-batch-certification.json"),
                              QStringLiteral("scenario-9-credit-grades.json")};
    for (const QString& name : batches) {
        INFO(name.toStdString());
        const auto r = cli.intake(example(name));
        INFO(r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        const QStringList out = lines(r.out);
        REQUIRE(out.size() >= 3);
        CHECK(out.last().contains(QLatin1String("batch:")));
        for (int i = 0; i < out.size() - 1; ++i)
            CHECK(out[i].startsWith(QStringLiteral("[%1] ").arg(i)));
    }
    const QString examplesDir = test::sourcePath(QStringLiteral("resources/examples/intake"));
    CHECK(QDir(examplesDir).entryList({QStringLiteral("scenario-*.json")}).size() == 7);
}

TEST_CASE("intake: the credit warning and the joint item show in the case", "[cli][intake]")
{
    Cli cli;
    const auto r = cli.intake(example(QStringLiteral("scenario-6-restaurant-joint-item.json")));
    REQUIRE(r.exitCode == 0);
    const QString number = lines(r.out).first();
    const auto shown =
        cli.run({QStringLiteral("case"), QStringLiteral("show"), number, QStringLiteral("--json")});
    REQUIRE(shown.exitCode == 0);
    const QJsonObject c = QJsonDocument::fromJson(shown.out.toUtf8()).object();
    CHECK(c.value(QStringLiteral("caseNumber")).toString() == number);
    CHECK(c.value(QStringLiteral("status")).toString() == QStringLiteral("accepted"));
    CHECK(c.value(QStringLiteral("promisedDays")).toInt() == 10);
    CHECK(c.value(QStringLiteral("items")).toArray().size() == 5);
    CHECK(
        c.value(QStringLiteral("delivery")).toObject().value(QStringLiteral("method")).toString() ==
        QStringLiteral("ems"));
    CHECK(
        c.value(QStringLiteral("applicant")).toObject().value(QStringLiteral("name")).toString() ==
        QStringLiteral("赵丽萍"));
    CHECK(c.value(QStringLiteral("history")).toArray().size() == 1);

    const auto text = cli.run({QStringLiteral("case"), QStringLiteral("show"), number});
    REQUIRE(text.exitCode == 0);
    CHECK(text.out.contains(number));
    CHECK(text.out.contains(QLatin1String("YJS-CY-001")));

    const auto missing = cli.run({QStringLiteral("case"), QStringLiteral("show"),
                                  QStringLiteral("320581001-20000101-0001")});
    CHECK(missing.exitCode == 1);

    // The C-grade enterprise is accepted only with the acknowledgement.
    QJsonArray grades = QJsonDocument::fromJson([&] {
                            QFile f(example(QStringLiteral("scenario-9-credit-grades.json")));
                            REQUIRE(f.open(QIODevice::ReadOnly));
                            return f.readAll();
                        }())
                            .array();
    QJsonObject c2 = grades.at(1).toObject();
    QJsonObject decision = c2.value(QStringLiteral("decision")).toObject();
    decision.remove(QStringLiteral("acknowledgeCredit"));
    c2.insert(QStringLiteral("decision"), decision);
    const auto stopped = cli.intakeJson(QJsonDocument(c2));
    CHECK(stopped.exitCode == 1);
    CHECK(stopped.err.contains(QLatin1String("applicant.creditGrade")));
}

TEST_CASE("intake: bad input names every problem by its JSON path", "[cli][intake]")
{
    Cli cli;
    QJsonObject doc = exampleObject(QStringLiteral("scenario-3-drainage-permit-ems.json"));
    QJsonObject applicant = doc.value(QStringLiteral("applicant")).toObject();
    applicant.insert(QStringLiteral("idNumber"), QStringLiteral("320581197003144513"));
    applicant.insert(QStringLiteral("nmae"), QStringLiteral("typo"));
    doc.insert(QStringLiteral("applicant"), applicant);
    QJsonArray materials = doc.value(QStringLiteral("materials")).toArray();
    materials.removeLast(); // water-quality-report not brought
    QJsonObject wrong = materials.at(0).toObject();
    wrong.insert(QStringLiteral("state"), QStringLiteral("lost"));
    materials.replace(0, wrong);
    doc.insert(QStringLiteral("materials"), materials);
    QJsonObject form = doc.value(QStringLiteral("form")).toObject();
    form.insert(QStringLiteral("drainage_type"), QStringLiteral("核电"));
    doc.insert(QStringLiteral("form"), form);

    // Problems of the document itself first: paths of fields.
    auto r = cli.intakeJson(QJsonDocument(doc));
    CHECK(r.exitCode == 1);
    CHECK(r.out.isEmpty());
    CHECK(r.err.contains(QLatin1String("applicant.nmae")));
    CHECK(r.err.contains(QLatin1String("materials[0].state")));

    // Then the decision's: the ID check, the missing material, the form field.
    applicant.remove(QStringLiteral("nmae"));
    doc.insert(QStringLiteral("applicant"), applicant);
    wrong.insert(QStringLiteral("state"), QStringLiteral("received"));
    materials.replace(0, wrong);
    QJsonObject unknown;
    unknown.insert(QStringLiteral("id"), QStringLiteral("no-such-material"));
    unknown.insert(QStringLiteral("state"), QStringLiteral("received"));
    materials.append(unknown);
    doc.insert(QStringLiteral("materials"), materials);
    r = cli.intakeJson(QJsonDocument(doc));
    CHECK(r.exitCode == 1);
    CHECK(r.err.contains(QLatin1String("materials[4]"))); // not on the checklist
    doc.insert(QStringLiteral("materials"), [&] {
        QJsonArray a = materials;
        a.removeLast();
        return a;
    }());
    r = cli.intakeJson(QJsonDocument(doc));
    CHECK(r.exitCode == 1);
    CHECK(r.err.contains(QLatin1String("applicant.idNumber")));
    CHECK(r.err.contains(QLatin1String("water-quality-report")));
    CHECK(r.err.contains(QLatin1String("form.drainage_type")));

    // Not JSON at all: the line and column.
    const auto garbage =
        cli.run({QStringLiteral("intake"), QStringLiteral("--json"), QStringLiteral("-")},
                QByteArray("{\n  \"site\": \"1\",\n  oops\n}"));
    CHECK(garbage.exitCode == 1);
    CHECK(garbage.err.contains(QLatin1String("line 3")));

    const auto usage = cli.run({QStringLiteral("intake")});
    CHECK(usage.exitCode == 2);
}

TEST_CASE("intake: a batch decides each element on its own and sums up", "[cli][intake]")
{
    Cli cli;
    QFile f(example(QStringLiteral("scenario-5-agent-batch-certification.json")));
    REQUIRE(f.open(QIODevice::ReadOnly));
    QJsonArray batch = QJsonDocument::fromJson(f.readAll()).array();
    REQUIRE(batch.size() == 3);
    QJsonObject broken = batch.at(1).toObject();
    QJsonObject applicant = broken.value(QStringLiteral("applicant")).toObject();
    applicant.insert(QStringLiteral("idNumber"), QStringLiteral("320581195209090021"));
    broken.insert(QStringLiteral("applicant"), applicant);
    batch.replace(1, broken);

    const auto r = cli.intakeJson(QJsonDocument(batch));
    CHECK(r.exitCode == 1);
    const QStringList out = lines(r.out);
    REQUIRE(out.size() == 4);
    CHECK(out[0].startsWith(QLatin1String("[0] ")));
    CHECK(kCaseNumber.match(out[0].mid(4)).hasMatch());
    CHECK(out[1] == QStringLiteral("[1] FAILED"));
    CHECK(kCaseNumber.match(out[2].mid(4)).hasMatch());
    CHECK(out[3].contains(QLatin1String("2 of 3")));
    CHECK(out[3].contains(QLatin1String("[1]")));
    CHECK(r.err.contains(QLatin1String("[1].applicant.idNumber")));
    // Two cases, numbered one after the other at the village site.
    CHECK(out[0].mid(4).endsWith(QLatin1String("-0001")));
    CHECK(out[2].mid(4).endsWith(QLatin1String("-0002")));
}

TEST_CASE("intake: a correction prints its notice number, the next visit is accepted",
          "[cli][intake]")
{
    Cli cli;
    QJsonObject doc = exampleObject(QStringLiteral("scenario-3-drainage-permit-ems.json"));
    QJsonArray full = doc.value(QStringLiteral("materials")).toArray();
    QJsonArray partial = full;
    QJsonObject missing;
    missing.insert(QStringLiteral("id"), QStringLiteral("water-quality-report"));
    missing.insert(QStringLiteral("state"), QStringLiteral("missing"));
    missing.insert(QStringLiteral("whatToBring"),
                   QStringLiteral("有资质机构出具的排水水质检测报告"));
    partial.replace(partial.size() - 1, missing);
    doc.insert(QStringLiteral("materials"), partial);
    doc.insert(QStringLiteral("decision"),
               QJsonObject{{QStringLiteral("kind"), QStringLiteral("correct")}});
    const auto first = cli.intakeJson(QJsonDocument(doc));
    INFO(first.err.toStdString());
    REQUIRE(first.exitCode == 0);
    const QString notice = lines(first.out).first();
    CHECK(notice.contains(QLatin1String("-C0001")));
    CHECK(first.err.contains(QLatin1String("water-quality-report")));

    doc.insert(QStringLiteral("materials"), full);
    doc.insert(QStringLiteral("decision"),
               QJsonObject{{QStringLiteral("kind"), QStringLiteral("accept")}});
    const auto second = cli.intakeJson(QJsonDocument(doc));
    INFO(second.err.toStdString());
    REQUIRE(second.exitCode == 0);
    const QString number = lines(second.out).first();
    CHECK(kCaseNumber.match(number).hasMatch());
    CHECK(second.err.contains(QLatin1String("visit 2")));

    const auto shown =
        cli.run({QStringLiteral("case"), QStringLiteral("show"), notice, QStringLiteral("--json")});
    REQUIRE(shown.exitCode == 0);
    const QJsonObject c = QJsonDocument::fromJson(shown.out.toUtf8()).object();
    CHECK(c.value(QStringLiteral("caseNumber")).toString() == number);
    CHECK(c.value(QStringLiteral("visits")).toInt() == 2);
    CHECK(c.value(QStringLiteral("corrections")).toArray().size() == 1);
}

namespace {

// Scenario 1 with `change` applied to its applicant, materials or form.
QJsonObject scenario1(const std::function<void(QJsonObject&)>& change)
{
    QJsonObject doc = exampleObject(QStringLiteral("scenario-1-two-unrelated-items.json"));
    change(doc);
    return doc;
}

void setIn(QJsonObject& doc, const QString& part, const QString& key, const QJsonValue& value)
{
    QJsonObject o = doc.value(part).toObject();
    o.insert(key, value);
    doc.insert(part, o);
}

// Refused, nothing printed on the standard output, and `path` named at the
// start of a line of the problems.
void refusedAt(Cli& cli, const QJsonObject& doc, const QString& path)
{
    const auto r = cli.intakeJson(QJsonDocument(doc));
    INFO(r.err.toStdString());
    CHECK(r.exitCode == 1);
    CHECK(r.out.isEmpty());
    bool named = false;
    for (const QString& line : r.err.split(QLatin1Char('\n')))
        named = named || line.trimmed().startsWith(path + QStringLiteral(": "));
    CHECK(named);
    // No control character reaches the terminal.
    for (const QChar c : r.err)
        if (c != QLatin1Char('\n'))
            CHECK(c.unicode() >= 0x20);
}

} // namespace

TEST_CASE("intake: a control character in any text is refused, naming its path", "[cli][intake]")
{
    Cli cli;
    refusedAt(cli, scenario1([](QJsonObject& d) {
                  setIn(d, QStringLiteral("applicant"), QStringLiteral("address"),
                        QStringLiteral("书院街88号\n[0] 320581001-20250314-9999"));
              }),
              QStringLiteral("applicant.address"));
    refusedAt(cli, scenario1([](QJsonObject& d) {
                  setIn(d, QStringLiteral("applicant"), QStringLiteral("name"),
                        QStringLiteral("王\x1b[2J建华"));
              }),
              QStringLiteral("applicant.name"));
    refusedAt(cli, scenario1([](QJsonObject& d) {
                  setIn(d, QStringLiteral("form"), QStringLiteral("project_name"),
                        QStringLiteral("自建住房") + QChar(0) + QStringLiteral("二期"));
              }),
              QStringLiteral("form.project_name"));
    refusedAt(cli, scenario1([](QJsonObject& d) {
                  d.insert(QStringLiteral("clerk"), QStringLiteral("张\u202E敏"));
              }),
              QStringLiteral("clerk"));
    refusedAt(cli, scenario1([](QJsonObject& d) {
                  d.insert(QStringLiteral("items"), QJsonArray{QStringLiteral("BDC-GG-001\x1b[2K"),
                                                               QStringLiteral("ZGJ-XK-001")});
              }),
              QStringLiteral("items[0]"));
    refusedAt(cli, scenario1([](QJsonObject& d) {
                  QJsonArray m = d.value(QStringLiteral("materials")).toArray();
                  QJsonObject first = m.at(0).toObject();
                  first.insert(QStringLiteral("state"), QStringLiteral("missing"));
                  first.insert(QStringLiteral("whatToBring"), QStringLiteral("身份证\u0085原件"));
                  m.replace(0, first);
                  d.insert(QStringLiteral("materials"), m);
              }),
              QStringLiteral("materials[0].whatToBring"));
    // A field name holding one is shown with the character as U+XXXX.
    refusedAt(cli, scenario1([](QJsonObject& d) {
                  setIn(d, QStringLiteral("applicant"), QStringLiteral("na\nme"),
                        QStringLiteral("x"));
              }),
              QStringLiteral("applicant.na<U+000A>me"));

    // Nothing was written: the first case accepted is still number 0001.
    const auto ok = cli.intake(example(QStringLiteral("scenario-1-two-unrelated-items.json")));
    INFO(ok.err.toStdString());
    REQUIRE(ok.exitCode == 0);
    CHECK(ok.out.trimmed().endsWith(QLatin1String("-0001")));
}

TEST_CASE("intake: the applicant's details must agree with the ID number and be real",
          "[cli][intake]")
{
    Cli cli;
    // Malformed dates and an empty sex are refused, not dropped.
    for (const QString& date : {QStringLiteral("1965/03/15"), QString(),
                                QStringLiteral("1965-3-15"), QStringLiteral("1965-02-30")})
        refusedAt(cli, scenario1([&](QJsonObject& d) {
                      setIn(d, QStringLiteral("applicant"), QStringLiteral("birthDate"), date);
                  }),
                  QStringLiteral("applicant.birthDate"));
    refusedAt(cli, scenario1([](QJsonObject& d) {
                  setIn(d, QStringLiteral("applicant"), QStringLiteral("sex"), QString());
              }),
              QStringLiteral("applicant.sex"));
    // A woman born 2030 against the ID of a man born 1965.
    const QJsonObject other = scenario1([](QJsonObject& d) {
        setIn(d, QStringLiteral("applicant"), QStringLiteral("sex"), QStringLiteral("female"));
        setIn(d, QStringLiteral("applicant"), QStringLiteral("birthDate"),
              QStringLiteral("2030-01-01"));
    });
    refusedAt(cli, other, QStringLiteral("applicant.sex"));
    refusedAt(cli, other, QStringLiteral("applicant.birthDate"));
    // Born 1800, and a province that does not exist.
    for (const QString& id :
         {QStringLiteral("320581180001014510"), QStringLiteral("990426199112010074")})
        refusedAt(cli, scenario1([&](QJsonObject& d) {
                      setIn(d, QStringLiteral("applicant"), QStringLiteral("idNumber"), id);
                  }),
                  QStringLiteral("applicant.idNumber"));
    // The same facts, agreeing, are accepted.
    const auto ok = cli.intakeJson(QJsonDocument(scenario1([](QJsonObject& d) {
        setIn(d, QStringLiteral("applicant"), QStringLiteral("sex"), QStringLiteral("male"));
        setIn(d, QStringLiteral("applicant"), QStringLiteral("birthDate"),
              QStringLiteral("1965-03-15"));
    })));
    INFO(ok.err.toStdString());
    REQUIRE(ok.exitCode == 0);
    CHECK(ok.out.trimmed().endsWith(QLatin1String("-0001")));
}

TEST_CASE("intake: a form date is a real date written YYYY-MM-DD", "[cli][intake]")
{
    Cli cli;
    auto funeral = [](const QString& deathDate) {
        QJsonObject doc = exampleObject(QStringLiteral("scenario-1-two-unrelated-items.json"));
        doc.insert(QStringLiteral("items"), QJsonArray{QStringLiteral("MZJ-GG-001")});
        QJsonArray materials;
        for (const char* id : {"id-card", "deceased-id", "death-certificate",
                               "cremation-certificate", "kinship-proof"})
            materials.append(
                QJsonObject{{QStringLiteral("id"), QLatin1String(id)},
                            {QStringLiteral("state"), QStringLiteral("received")},
                            {QStringLiteral("form"), QStringLiteral("original+copy")}});
        doc.insert(QStringLiteral("materials"), materials);
        doc.insert(QStringLiteral("form"),
                   QJsonObject{{QStringLiteral("deceased_name"), QStringLiteral("王老汉")},
                               {QStringLiteral("death_date"), deathDate}});
        return doc;
    };
    for (const QString& date : {QStringLiteral("2024/12/01"), QStringLiteral("2024-12-1"),
                                QStringLiteral("2023-02-29"), QStringLiteral("2024-12-01T08:00")})
        refusedAt(cli, funeral(date), QStringLiteral("form.death_date"));
    const auto ok = cli.intakeJson(QJsonDocument(funeral(QStringLiteral("2024-12-01"))));
    INFO(ok.err.toStdString());
    REQUIRE(ok.exitCode == 0);
    const auto shown = cli.run({QStringLiteral("case"), QStringLiteral("show"), ok.out.trimmed(),
                                QStringLiteral("--json")});
    REQUIRE(shown.exitCode == 0);
    CHECK(QJsonDocument::fromJson(shown.out.toUtf8())
              .object()
              .value(QStringLiteral("form"))
              .toObject()
              .value(QStringLiteral("death_date"))
              .toString() == QStringLiteral("2024-12-01"));
}

TEST_CASE("intake: a reused material comes from a case of the same applicant", "[cli][intake]")
{
    Cli cli;
    const auto first = cli.intake(example(QStringLiteral("scenario-1-two-unrelated-items.json")));
    INFO(first.err.toStdString());
    REQUIRE(first.exitCode == 0);
    const QString number = first.out.trimmed();

    auto reusing = [](const QString& idNumber, const QString& name, const QString& from) {
        return scenario1([&](QJsonObject& d) {
            setIn(d, QStringLiteral("applicant"), QStringLiteral("idNumber"), idNumber);
            setIn(d, QStringLiteral("applicant"), QStringLiteral("name"), name);
            QJsonArray m = d.value(QStringLiteral("materials")).toArray();
            m.replace(0, QJsonObject{{QStringLiteral("id"), QStringLiteral("id-card")},
                                     {QStringLiteral("state"), QStringLiteral("reused")},
                                     {QStringLiteral("from"), from}});
            d.insert(QStringLiteral("materials"), m);
        });
    };
    const QString someoneElse = QStringLiteral("320581198001011235");
    // A made-up case number, for anyone.
    refusedAt(cli,
              reusing(someoneElse, QStringLiteral("李明"),
                      QStringLiteral("case:320581001-20250101-9999")),
              QStringLiteral("materials[0]"));
    refusedAt(cli,
              reusing(QStringLiteral("320581196503151239"), QStringLiteral("王建华"),
                      QStringLiteral("case:320581001-20250101-9999")),
              QStringLiteral("materials[0]"));
    // Wang's case, for Li.
    refusedAt(cli, reusing(someoneElse, QStringLiteral("李明"), QStringLiteral("case:") + number),
              QStringLiteral("materials[0]"));
    // A source that is neither a case nor an e-licence.
    refusedAt(cli, reusing(someoneElse, QStringLiteral("李明"), QStringLiteral("抽屉里")),
              QStringLiteral("materials[0]"));
    // Wang's own case is a source for Wang.
    const auto own = cli.intakeJson(
        QJsonDocument(reusing(QStringLiteral("320581196503151239"), QStringLiteral("王建华"),
                              QStringLiteral("case:") + number)));
    INFO(own.err.toStdString());
    CHECK(own.exitCode == 0);
    CHECK(own.out.trimmed().endsWith(QLatin1String("-0002")));
}

// Found by fuzzing (tests/fuzz/corpus/intake_json/finding-count-too-large.json):
// a count too large for any integer was converted to one to see whether it
// was whole, which is undefined behaviour; it is refused like any other
// count out of range.
TEST_CASE("intake: a material count too large for any integer is refused by its path",
          "[cli][intake]")
{
    Cli cli;
    QJsonObject doc = exampleObject(QStringLiteral("scenario-3-drainage-permit-ems.json"));
    QJsonArray materials = doc.value(QStringLiteral("materials")).toArray();
    for (const double count : {2.4e63, -1e300, 1000.0, 1.5}) {
        QJsonObject m = materials.at(0).toObject();
        m.insert(QStringLiteral("count"), count);
        QJsonArray changed = materials;
        changed.replace(0, m);
        doc.insert(QStringLiteral("materials"), changed);
        INFO(count);
        const auto r = cli.intakeJson(QJsonDocument(doc));
        CHECK(r.exitCode == 1);
        CHECK(r.err.contains(QLatin1String("materials[0].count")));
        CHECK(r.err.contains(QLatin1String("999")));
    }
}
