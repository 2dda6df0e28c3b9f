// `onewindow-admin case forward|approve|refuse|complete|handover|withdraw|
// pause|resume|clock` and `case approver`: scenario 1's example accepted,
// then moved along on the same store.
#include "TestSupport.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace ow;

namespace {

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
    QString accept()
    {
        const auto r = run({QStringLiteral("intake"), QStringLiteral("--json"),
                            test::sourcePath(QStringLiteral(
                                "resources/examples/intake/scenario-1-two-unrelated-items.json"))});
        INFO(r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        return r.out.trimmed();
    }
    QJsonObject json(const QStringList& args)
    {
        const auto r = run(args);
        INFO(r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }
};

const QString kApplicantId = QStringLiteral("320581196503151239");

} // namespace

TEST_CASE("case commands: forward, approve, complete and hand over, each in the history",
          "[cli][cases]")
{
    Cli cli;
    const QString number = cli.accept();

    auto r = cli.run({QStringLiteral("case"), QStringLiteral("forward"), number,
                      QStringLiteral("--department"), QStringLiteral("市住建局审批科"),
                      QStringLiteral("--clerk"), QStringLiteral("张敏"), QStringLiteral("--window"),
                      QStringLiteral("A03")});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.trimmed() == number + QStringLiteral(" forwarded"));

    r = cli.run({QStringLiteral("case"), QStringLiteral("approve"), number});
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.trimmed() == number + QStringLiteral(" approved"));
    r = cli.run({QStringLiteral("case"), QStringLiteral("complete"), number});
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.trimmed() == number + QStringLiteral(" completed"));

    // Someone else's ID without --authorised is refused, naming the field.
    r = cli.run({QStringLiteral("case"), QStringLiteral("handover"), number,
                 QStringLiteral("--collector-id"), QStringLiteral("110101199003074514"),
                 QStringLiteral("--collector-name"), QStringLiteral("李四")});
    CHECK(r.exitCode == 1);
    CHECK(r.err.contains(number));
    CHECK(r.err.contains(QStringLiteral("collectorId")));

    r = cli.run({QStringLiteral("case"), QStringLiteral("handover"), number,
                 QStringLiteral("--collector-id"), kApplicantId, QStringLiteral("--collector-name"),
                 QStringLiteral("王建华")});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.trimmed() == number + QStringLiteral(" delivered"));

    const QJsonObject c = cli.json(
        {QStringLiteral("case"), QStringLiteral("show"), number, QStringLiteral("--json")});
    CHECK(c.value(QStringLiteral("status")).toString() == QStringLiteral("delivered"));
    const QJsonArray history = c.value(QStringLiteral("history")).toArray();
    REQUIRE(history.size() == 5);
    const QJsonObject fwd = history.at(1).toObject();
    CHECK(fwd.value(QStringLiteral("to")).toString() == QStringLiteral("forwarded"));
    const QJsonObject place = fwd.value(QStringLiteral("place")).toObject();
    CHECK(place.value(QStringLiteral("clerk")).toString() == QStringLiteral("张敏"));
    CHECK(place.value(QStringLiteral("window")).toString() == QStringLiteral("A03"));
    CHECK(history.at(2)
              .toObject()
              .value(QStringLiteral("place"))
              .toObject()
              .value(QStringLiteral("clerk")) == QStringLiteral("system"));

    // The audit log holds every move.
    r = cli.run({QStringLiteral("audit"), QStringLiteral("verify")});
    CHECK(r.exitCode == 0);
}

TEST_CASE("case commands: a wrong move, a missing reason and withdrawal", "[cli][cases]")
{
    Cli cli;
    const QString number = cli.accept();

    // Scenario 1 holds a promised item: not completed before its result.
    auto r = cli.run({QStringLiteral("case"), QStringLiteral("complete"), number});
    CHECK(r.exitCode == 1);
    CHECK(r.err.contains(number));
    CHECK(r.err.contains(QStringLiteral("Accepted")));
    CHECK(r.err.contains(QStringLiteral("Allowed next")));

    r = cli.run({QStringLiteral("case"), QStringLiteral("forward"), number});
    CHECK(r.exitCode == 2);
    CHECK(r.err.contains(QStringLiteral("--department")));

    r = cli.run({QStringLiteral("case"), QStringLiteral("withdraw"), number});
    CHECK(r.exitCode == 1);
    CHECK(r.err.contains(QStringLiteral("reason")));

    r = cli.run({QStringLiteral("case"), QStringLiteral("withdraw"), number,
                 QStringLiteral("--reason"), QStringLiteral("申请人申请撤回")});
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.trimmed() == number + QStringLiteral(" withdrawn"));

    r = cli.run({QStringLiteral("case"), QStringLiteral("forward"), number,
                 QStringLiteral("--department"), QStringLiteral("市住建局")});
    CHECK(r.exitCode == 1);
    CHECK(r.err.contains(QStringLiteral("Withdrawn")));

    r = cli.run({QStringLiteral("case"), QStringLiteral("approve"), QStringLiteral("NO-SUCH")});
    CHECK(r.exitCode == 1);
    CHECK(r.err.contains(QStringLiteral("NO-SUCH")));
}

TEST_CASE("case commands: the clock yellow on the promised date, red after it, paused",
          "[cli][cases]")
{
    Cli cli;
    const QString number = cli.accept();
    const QJsonObject c = cli.json(
        {QStringLiteral("case"), QStringLiteral("show"), number, QStringLiteral("--json")});
    const QDate promised =
        QDate::fromString(c.value(QStringLiteral("promisedDate")).toString(), Qt::ISODate);
    REQUIRE(promised.isValid());

    QJsonObject clock = cli.json({QStringLiteral("case"), QStringLiteral("clock"), number,
                                  QStringLiteral("--today"), promised.toString(Qt::ISODate),
                                  QStringLiteral("--json")});
    CHECK(clock.value(QStringLiteral("dueDate")).toString() == promised.toString(Qt::ISODate));
    CHECK(clock.value(QStringLiteral("workingDaysLeft")).toInt() == 0);
    CHECK(clock.value(QStringLiteral("state")).toString() == QStringLiteral("yellow"));

    clock = cli.json({QStringLiteral("case"), QStringLiteral("clock"), number,
                      QStringLiteral("--today"), promised.addDays(1).toString(Qt::ISODate),
                      QStringLiteral("--json")});
    CHECK(clock.value(QStringLiteral("state")).toString() == QStringLiteral("red"));

    auto r = cli.run({QStringLiteral("case"), QStringLiteral("clock"), number,
                      QStringLiteral("--today"), QStringLiteral("2025-13-01")});
    CHECK(r.exitCode == 2);
    CHECK(r.err.contains(QStringLiteral("--today")));

    r = cli.run({QStringLiteral("case"), QStringLiteral("pause"), number, QStringLiteral("--kind"),
                 QStringLiteral("special"), QStringLiteral("--reason"),
                 QStringLiteral("专家评审")});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    clock = cli.json(
        {QStringLiteral("case"), QStringLiteral("clock"), number, QStringLiteral("--json")});
    CHECK(clock.value(QStringLiteral("state")).toString() == QStringLiteral("paused"));
    r = cli.run({QStringLiteral("case"), QStringLiteral("resume"), number});
    REQUIRE(r.exitCode == 0);
    r = cli.run({QStringLiteral("case"), QStringLiteral("resume"), number});
    CHECK(r.exitCode == 1);
    CHECK(r.err.contains(QStringLiteral("not paused")));

    r = cli.run({QStringLiteral("case"), QStringLiteral("clock"), number, QStringLiteral("--today"),
                 promised.toString(Qt::ISODate)});
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.contains(QStringLiteral("state: yellow")));
}

TEST_CASE("case commands: approvers per clerk and item", "[cli][cases]")
{
    Cli cli;
    auto r = cli.run({QStringLiteral("case"), QStringLiteral("approver"), QStringLiteral("grant"),
                      QStringLiteral("lihua"), QStringLiteral("ZGJ-XK-001")});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    r = cli.run({QStringLiteral("case"), QStringLiteral("approver"), QStringLiteral("list"),
                 QStringLiteral("lihua")});
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.trimmed() == QStringLiteral("ZGJ-XK-001"));
    r = cli.run({QStringLiteral("case"), QStringLiteral("approver"), QStringLiteral("revoke"),
                 QStringLiteral("lihua"), QStringLiteral("ZGJ-XK-001")});
    REQUIRE(r.exitCode == 0);
    r = cli.run({QStringLiteral("case"), QStringLiteral("approver"), QStringLiteral("revoke"),
                 QStringLiteral("lihua"), QStringLiteral("ZGJ-XK-001")});
    CHECK(r.exitCode == 1);
    r = cli.run({QStringLiteral("case"), QStringLiteral("approver"), QStringLiteral("list")});
    CHECK(r.exitCode == 2);
}
