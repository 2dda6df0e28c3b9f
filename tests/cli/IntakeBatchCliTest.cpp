// `onewindow-admin intake --json` batches run again: each element is decided
// once, by its request id or the hash of its content, and said as it is
// decided, so that a batch cut off shows what was done.
#include "TestSupport.h"

#include "store/DataDir.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace ow;

namespace {

// "[3] 320581001-20250314-0004" and, run again, "... already decided".
const QRegularExpression
    kLine(QStringLiteral("^\\[(\\d+)\\] ([0-9A-Za-z]+-\\d{8}-[CR]?\\d{4,})( already decided)?$"));

struct Line
{
    QString number;
    bool alreadyDecided = false;
};

QStringList lines(const QString& text)
{
    return text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// The decided elements of a batch's output by their index.
QMap<int, Line> decidedLines(const QStringList& out)
{
    QMap<int, Line> decided;
    for (const QString& l : out) {
        const auto m = kLine.match(l);
        if (m.hasMatch())
            decided.insert(m.captured(1).toInt(), {m.captured(2), !m.captured(3).isEmpty()});
    }
    return decided;
}

struct Cli
{
    QTemporaryDir dir;
    QStringList args(const QStringList& command) const
    {
        return QStringList{QStringLiteral("--data-dir"), dir.path()} + command +
               QStringList{QStringLiteral("--lang"), QStringLiteral("en")};
    }
    test::ProcessResult intake(const QString& file)
    {
        return test::runAdmin(args({QStringLiteral("intake"), QStringLiteral("--json"), file}));
    }
    test::ProcessResult intakeJson(const QJsonDocument& doc)
    {
        return test::runAdmin(
            args({QStringLiteral("intake"), QStringLiteral("--json"), QStringLiteral("-")}),
            doc.toJson());
    }
    QString write(const QString& name, const QJsonDocument& doc) const
    {
        const QString path = dir.filePath(name);
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly));
        REQUIRE(f.write(doc.toJson()) > 0);
        return path;
    }
    // The rows of a table of the store.
    int count(const QString& table) const
    {
        auto store = Database::open(storeFile(dir.path()));
        if (!store)
            FAIL(store.error().fullText().toStdString());
        QSqlQuery q = store.value()->query();
        REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM ") + table));
        REQUIRE(q.next());
        return q.value(0).toInt();
    }
};

// Scenario 1 (two unrelated items, accepted) without its request id.
QJsonObject scenario1()
{
    QFile f(test::sourcePath(
        QStringLiteral("resources/examples/intake/scenario-1-two-unrelated-items.json")));
    REQUIRE(f.open(QIODevice::ReadOnly));
    QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
    REQUIRE(doc.contains(QStringLiteral("requestId")));
    doc.remove(QStringLiteral("requestId"));
    return doc;
}

} // namespace

TEST_CASE("intake: a batch killed midway and run again decides every element once",
          "[cli][intake][batch]")
{
    const int n = 200;
    QJsonArray batch;
    for (int i = 0; i < n; ++i) {
        QJsonObject doc = scenario1();
        doc.insert(QStringLiteral("requestId"), QStringLiteral("window-A03-%1").arg(i));
        batch.append(doc);
    }
    Cli cli;
    const QString file = cli.write(QStringLiteral("batch.json"), QJsonDocument(batch));

    // The first run says each element as it is decided: kill it once a few are said.
    QProcess first;
    first.start(QStringLiteral(OW_ADMIN_EXE),
                cli.args({QStringLiteral("intake"), QStringLiteral("--json"), file}));
    REQUIRE(first.waitForStarted());
    QByteArray said;
    while (said.count('\n') < 3) {
        INFO(said.toStdString());
        REQUIRE(first.waitForReadyRead(120000));
        said += first.readAllStandardOutput();
    }
    first.kill();
    REQUIRE(first.waitForFinished(120000));
    CHECK(first.exitStatus() == QProcess::CrashExit);
    said += first.readAllStandardOutput();
    // Only whole lines: the last may have been cut.
    const QMap<int, Line> before =
        decidedLines(lines(QString::fromUtf8(said.left(said.lastIndexOf('\n') + 1))));
    REQUIRE(before.size() >= 3);
    REQUIRE(before.size() < n); // killed midway
    for (const Line& l : before)
        CHECK_FALSE(l.alreadyDecided);

    const auto second = cli.intake(file);
    INFO(second.err.toStdString());
    CHECK(second.exitCode == 0);
    const QStringList out = lines(second.out);
    REQUIRE(out.size() == n + 1);
    CHECK(out.last().contains(QStringLiteral("%1 of %1").arg(n)));
    const QMap<int, Line> after = decidedLines(out);
    REQUIRE(after.size() == n);
    // What the first run said it did is "already decided", with the same number.
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        INFO(it.key());
        CHECK(after.value(it.key()).number == it->number);
        CHECK(after.value(it.key()).alreadyDecided);
    }
    QSet<QString> numbers;
    int alreadyDecided = 0;
    for (const Line& l : after) {
        numbers.insert(l.number);
        alreadyDecided += l.alreadyDecided ? 1 : 0;
    }
    CHECK(numbers.size() == n);
    CHECK(alreadyDecided >= before.size());
    CHECK(alreadyDecided < n);
    // Every element has exactly one case.
    CHECK(cli.count(QStringLiteral("intake_case")) == n);
    CHECK(cli.count(QStringLiteral("intake_request")) == n);

    // A third run decides nothing.
    const auto third = cli.intake(file);
    CHECK(third.exitCode == 0);
    const QMap<int, Line> again = decidedLines(lines(third.out));
    REQUIRE(again.size() == n);
    for (auto it = again.cbegin(); it != again.cend(); ++it) {
        CHECK(it->alreadyDecided);
        CHECK(it->number == after.value(it.key()).number);
    }
    CHECK(cli.count(QStringLiteral("intake_case")) == n);
}

TEST_CASE("intake: the same request id twice in one file is decided once", "[cli][intake][batch]")
{
    QJsonObject doc = scenario1();
    doc.insert(QStringLiteral("requestId"), QStringLiteral("window-A03-0001"));
    QJsonObject changed = doc; // the same request sent again, its note changed
    changed.insert(QStringLiteral("note"), QStringLiteral("sent twice"));
    Cli cli;
    const auto r = cli.intakeJson(QJsonDocument(QJsonArray{doc, changed}));
    INFO(r.err.toStdString());
    CHECK(r.exitCode == 0);
    const QStringList out = lines(r.out);
    REQUIRE(out.size() == 3);
    const QMap<int, Line> decided = decidedLines(out);
    REQUIRE(decided.size() == 2);
    CHECK_FALSE(decided.value(0).alreadyDecided);
    CHECK(decided.value(1).alreadyDecided);
    CHECK(decided.value(1).number == decided.value(0).number);
    CHECK(r.err.contains(QStringLiteral("already decided: ") + decided.value(0).number));
    CHECK(cli.count(QStringLiteral("intake_case")) == 1);
}

TEST_CASE("intake: without a request id an identical element run again is not doubled",
          "[cli][intake][batch]")
{
    const QJsonObject doc = scenario1();
    Cli cli;
    const auto first = cli.intakeJson(QJsonDocument(doc));
    INFO(first.err.toStdString());
    REQUIRE(first.exitCode == 0);
    const QString number = first.out.trimmed();
    CHECK_FALSE(first.err.contains(QLatin1String("already decided")));

    // The same content, its keys in another order: the same request.
    const auto again = cli.intakeJson(QJsonDocument(doc));
    INFO(again.err.toStdString());
    CHECK(again.exitCode == 0);
    CHECK(again.out.trimmed() == number);
    CHECK(again.err.contains(QStringLiteral("already decided: ") + number));
    QByteArray reordered =
        "{\"decision\":" + QJsonDocument(doc.value(QStringLiteral("decision")).toObject())
                               .toJson(QJsonDocument::Compact);
    QJsonObject rest = doc;
    rest.remove(QStringLiteral("decision"));
    reordered += ',' + QJsonDocument(rest).toJson(QJsonDocument::Compact).mid(1);
    const auto batch = test::runAdmin(
        cli.args({QStringLiteral("intake"), QStringLiteral("--json"), QStringLiteral("-")}),
        '[' + reordered + ',' + reordered + ']');
    INFO(batch.err.toStdString());
    CHECK(batch.exitCode == 0);
    const QMap<int, Line> decided = decidedLines(lines(batch.out));
    REQUIRE(decided.size() == 2);
    CHECK(decided.value(0).number == number);
    CHECK(decided.value(0).alreadyDecided);
    CHECK(decided.value(1).alreadyDecided);
    CHECK(cli.count(QStringLiteral("intake_case")) == 1);

    // Another content is another request.
    QJsonObject other = doc;
    other.insert(QStringLiteral("window"), QStringLiteral("A04"));
    const auto next = cli.intakeJson(QJsonDocument(other));
    CHECK(next.exitCode == 0);
    CHECK(next.out.trimmed() != number);
    CHECK(cli.count(QStringLiteral("intake_case")) == 2);
}
