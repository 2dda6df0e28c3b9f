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

QJsonObject exampleObject(const QString& name)
{
    QFile f(example(name));
    REQUIRE(f.open(QIODevice::ReadOnly));
    return QJsonDocument::fromJson(f.readAll()).object();
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
