// `onewindow-admin mail ...`, `callback ...`, `rate` and `consult ...`:
// scenario 3 from the intake example to the follow-up call, with the ledger
// listed, exported to CSV and printed; scenario 4 (a proxy service) from
// intake to its call-back done; refusals naming the field.
#include "../core/DocumentFixtures.h"
#include "TestSupport.h"
#include "service/MailingCsv.h"

#include <QDate>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace ow;

namespace {

struct Cli
{
    QTemporaryDir dir;
    test::ProcessResult run(QStringList args)
    {
        args.prepend(dir.path());
        args.prepend(QStringLiteral("--data-dir"));
        args << QStringLiteral("--lang") << QStringLiteral("en");
        return test::runAdmin(args);
    }
    test::ProcessResult ok(const QStringList& args)
    {
        auto r = run(args);
        INFO(args.join(u' ').toStdString() + " -> " + r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        return r;
    }
    QJsonArray json(QStringList args)
    {
        args << QStringLiteral("--json");
        return QJsonDocument::fromJson(ok(args).out.toUtf8()).array();
    }
    QString intake(const QString& file)
    {
        return ok({QStringLiteral("intake"), QStringLiteral("--json"), file}).out.trimmed();
    }
    void complete(const QString& number)
    {
        ok({QStringLiteral("case"), QStringLiteral("forward"), number,
            QStringLiteral("--department"), QStringLiteral("市水务局")});
        ok({QStringLiteral("case"), QStringLiteral("approve"), number});
        ok({QStringLiteral("case"), QStringLiteral("complete"), number});
    }
};

QString example(const QString& name)
{
    return test::sourcePath(QStringLiteral("resources/examples/intake/") + name);
}

} // namespace

TEST_CASE("mail commands: scenario 3 from the EMS intake to the follow-up, the ledger listed, "
          "exported and printed",
          "[cli][service][scenario]")
{
    Cli cli;
    const QString number =
        cli.intake(example(QStringLiteral("scenario-3-drainage-permit-ems.json")));
    REQUIRE_FALSE(number.isEmpty());
    // Before completion the case cannot be mailed.
    auto early = cli.run({QStringLiteral("mail"), QStringLiteral("record"), number,
                          QStringLiteral("--waybill"), QStringLiteral("EA473124829CN")});
    CHECK(early.exitCode == 1);
    CHECK(early.err.contains(number));
    cli.complete(number);
    CHECK(cli.ok({QStringLiteral("mail"), QStringLiteral("awaiting")}).out.trimmed() == number);

    // The slip printed with the waybill, a wrong check digit refused, then recorded.
    const QString pdfDir = cli.dir.path();
    cli.ok({QStringLiteral("print"), QStringLiteral("slip"), number, QStringLiteral("--pdf"),
            pdfDir + QStringLiteral("/slip.pdf"), QStringLiteral("--waybill"),
            QStringLiteral("EA473124829CN")});
    auto bad = cli.run({QStringLiteral("mail"), QStringLiteral("record"), number,
                        QStringLiteral("--waybill"), QStringLiteral("EA473124828CN")});
    CHECK(bad.exitCode == 1);
    CHECK(bad.err.contains(QStringLiteral("waybill")));
    CHECK(bad.err.contains(QStringLiteral("9")));
    auto recorded = cli.ok({QStringLiteral("mail"), QStringLiteral("record"), number,
                            QStringLiteral("--waybill"), QStringLiteral("ea473124829cn"),
                            QStringLiteral("--clerk"), QStringLiteral("周文")});
    CHECK(recorded.out.trimmed() == number + QStringLiteral(" sent EA473124829CN"));
    auto shown = cli.ok({QStringLiteral("case"), QStringLiteral("show"), number});
    CHECK(shown.out.contains(QStringLiteral("mailed")));

    CHECK(cli.ok({QStringLiteral("mail"), QStringLiteral("delivered"), number}).out.trimmed() ==
          number + QStringLiteral(" delivered EA473124829CN"));
    auto again = cli.run({QStringLiteral("mail"), QStringLiteral("returned"), number,
                          QStringLiteral("--reason"), QStringLiteral("拒收")});
    CHECK(again.exitCode == 1);
    auto noNote = cli.run({QStringLiteral("mail"), QStringLiteral("followup"), number});
    CHECK(noNote.exitCode == 1);
    CHECK(noNote.err.contains(QStringLiteral("note")));
    cli.ok({QStringLiteral("mail"), QStringLiteral("followup"), number, QStringLiteral("--note"),
            QStringLiteral("李先生已收到排水许可证")});

    // The ledger: the mailing delivered with its follow-up, found by waybill and state.
    const QJsonArray ledger = cli.json({QStringLiteral("mail"), QStringLiteral("list"),
                                        QStringLiteral("--search"), QStringLiteral("473124829")});
    REQUIRE(ledger.size() == 1);
    const QJsonObject m = ledger.first().toObject();
    CHECK(m.value(QStringLiteral("caseNumber")).toString() == number);
    CHECK(m.value(QStringLiteral("state")).toString() == QStringLiteral("delivered"));
    CHECK(m.value(QStringLiteral("recipient")).toString() == QStringLiteral("李明"));
    CHECK(m.value(QStringLiteral("postcode")).toString() == QStringLiteral("215500"));
    CHECK(m.value(QStringLiteral("followups")).toArray().size() == 1);
    CHECK(cli.json({QStringLiteral("mail"), QStringLiteral("list"), QStringLiteral("--state"),
                    QStringLiteral("returned")})
              .isEmpty());
    // Said in words when nothing matches, not an empty screen.
    auto none = cli.run({QStringLiteral("mail"), QStringLiteral("list"), QStringLiteral("--state"),
                         QStringLiteral("returned")});
    CHECK(none.exitCode == 0);
    CHECK(none.out.contains(QStringLiteral("No mailing in the ledger matches")));
    auto badState = cli.run({QStringLiteral("mail"), QStringLiteral("list"),
                             QStringLiteral("--state"), QStringLiteral("lost")});
    CHECK(badState.exitCode == 1);
    CHECK(badState.err.contains(QStringLiteral("state")));

    const QString csvPath = pdfDir + QStringLiteral("/ledger.csv");
    cli.ok({QStringLiteral("mail"), QStringLiteral("export"), csvPath});
    QFile csv(csvPath);
    REQUIRE(csv.open(QIODevice::ReadOnly));
    const QByteArray bytes = csv.readAll();
    CHECK(bytes.startsWith("\xEF\xBB\xBF"));
    const QList<QStringList> rows = parseCsv(bytes);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0][0] == QStringLiteral("Waybill"));
    CHECK(rows[1][0] == QStringLiteral("EA473124829CN"));
    CHECK(rows[1][1] == number);
    CHECK(rows[1][2] == QStringLiteral("李明"));
    CHECK(rows[1][6] == QStringLiteral("Delivered"));

    const QString ledgerPdf = pdfDir + QStringLiteral("/ledger.pdf");
    cli.ok({QStringLiteral("mail"), QStringLiteral("print"), ledgerPdf});
    const QString text = doctest::squeezed(doctest::pdfText(ledgerPdf, 0, false));
    CHECK(text.contains(QStringLiteral("EA473124829CN")));
    CHECK(text.contains(number));
    CHECK(text.contains(QStringLiteral("李明")));
    CHECK(text.contains(QStringLiteral("EMSMailingLedger")));
    auto audit = cli.ok({QStringLiteral("audit"), QStringLiteral("list")});
    CHECK(audit.out.contains(QStringLiteral("mailing.record")));
    CHECK(audit.out.contains(QStringLiteral("print.mailing-ledger")));
}

TEST_CASE("callback commands: scenario 4, a proxy service completed, called back and done",
          "[cli][service][scenario]")
{
    Cli cli;
    const QJsonObject tvFee{
        {QStringLiteral("format"), QStringLiteral("onewindow-intake")},
        {QStringLiteral("site"), QStringLiteral("320581001")},
        {QStringLiteral("siteLevel"), QStringLiteral("city")},
        {QStringLiteral("window"), QStringLiteral("C02")},
        {QStringLiteral("clerk"), QStringLiteral("周文")},
        {QStringLiteral("channel"), QStringLiteral("proxy")},
        {QStringLiteral("applicant"),
         QJsonObject{{QStringLiteral("kind"), QStringLiteral("natural")},
                     {QStringLiteral("idNumber"), QStringLiteral("320581194203021214")},
                     {QStringLiteral("name"), QStringLiteral("陈国富")},
                     {QStringLiteral("phone"), QStringLiteral("13962300042")},
                     {QStringLiteral("address"), QStringLiteral("江苏省常熟市虞山街道书院街8号")}}},
        {QStringLiteral("items"), QJsonArray{QStringLiteral("GDW-GG-001")}},
        {QStringLiteral("materials"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("tv-user-card")},
                                {QStringLiteral("state"), QStringLiteral("received")},
                                {QStringLiteral("form"), QStringLiteral("original")}}}},
        {QStringLiteral("form"),
         QJsonObject{{QStringLiteral("tv_account"), QStringLiteral("CS001")},
                     {QStringLiteral("pay_amount"), 288}}},
        {QStringLiteral("decision"),
         QJsonObject{{QStringLiteral("kind"), QStringLiteral("accept")}}}};
    const QString file = cli.dir.filePath(QStringLiteral("tv-fee.json"));
    QFile out(file);
    REQUIRE(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(tvFee).toJson());
    out.close();
    const QString number = cli.intake(file);
    CHECK(cli.json({QStringLiteral("callback"), QStringLiteral("list")}).isEmpty());
    cli.complete(number);

    const QJsonArray open = cli.json({QStringLiteral("callback"), QStringLiteral("list")});
    REQUIRE(open.size() == 1);
    const QJsonObject task = open.first().toObject();
    CHECK(task.value(QStringLiteral("kind")).toString() == QStringLiteral("proxy"));
    CHECK(task.value(QStringLiteral("caseNumber")).toString() == number);
    CHECK(task.value(QStringLiteral("contactName")).toString() == QStringLiteral("陈国富"));
    CHECK(task.value(QStringLiteral("contactPhone")).toString() == QStringLiteral("13962300042"));
    const QString id = task.value(QStringLiteral("id")).toString();

    auto noResult = cli.run({QStringLiteral("callback"), QStringLiteral("done"), id});
    CHECK(noResult.exitCode == 1);
    CHECK(noResult.err.contains(QStringLiteral("result")));
    cli.ok({QStringLiteral("callback"), QStringLiteral("done"), id.left(13),
            QStringLiteral("--result"), QStringLiteral("已告知陈老伯缴费成功")});
    CHECK(cli.json({QStringLiteral("callback"), QStringLiteral("list")}).isEmpty());
    const QJsonArray all =
        cli.json({QStringLiteral("callback"), QStringLiteral("list"), QStringLiteral("--all")});
    REQUIRE(all.size() == 1);
    CHECK(all.first().toObject().value(QStringLiteral("result")).toString() ==
          QStringLiteral("已告知陈老伯缴费成功"));

    // A bad rating needs its reason; with it, a call-back.
    auto noReason =
        cli.run({QStringLiteral("rate"), number, QStringLiteral("--grade"), QStringLiteral("2")});
    CHECK(noReason.exitCode == 1);
    CHECK(noReason.err.contains(QStringLiteral("reason")));
    auto rated =
        cli.ok({QStringLiteral("rate"), number, QStringLiteral("--grade"), QStringLiteral("1"),
                QStringLiteral("--reason"), QStringLiteral("办理太慢")});
    CHECK(rated.out.contains(QStringLiteral("call-back")));
    const QJsonArray after = cli.json({QStringLiteral("callback"), QStringLiteral("list")});
    REQUIRE(after.size() == 1);
    CHECK(after.first().toObject().value(QStringLiteral("kind")).toString() ==
          QStringLiteral("rating"));
    CHECK(cli.run({QStringLiteral("rate"), number, QStringLiteral("--grade"), QStringLiteral("7")})
              .err.contains(QStringLiteral("grade")));
}

TEST_CASE("consult commands: logged with their items and listed by day", "[cli][service]")
{
    Cli cli;
    auto bad =
        cli.run({QStringLiteral("consult"), QStringLiteral("add"), QStringLiteral("--site"),
                 QStringLiteral("320581001"), QStringLiteral("--channel"), QStringLiteral("phone"),
                 QStringLiteral("--items"), QStringLiteral("NO-SUCH")});
    CHECK(bad.exitCode == 1);
    CHECK(bad.err.contains(QStringLiteral("topic")));
    CHECK(bad.err.contains(QStringLiteral("items")));
    cli.ok({QStringLiteral("consult"), QStringLiteral("add"), QStringLiteral("--site"),
            QStringLiteral("320581001"), QStringLiteral("--channel"), QStringLiteral("phone"),
            QStringLiteral("--topic"), QStringLiteral("排水许可证要多久"),
            QStringLiteral("--items"), QStringLiteral("SWJ-XK-001"), QStringLiteral("--name"),
            QStringLiteral("𠀾先生"), QStringLiteral("--notice")});
    const QJsonArray today = cli.json({QStringLiteral("consult"), QStringLiteral("list")});
    REQUIRE(today.size() == 1);
    const QJsonObject c = today.first().toObject();
    CHECK(c.value(QStringLiteral("topic")).toString() == QStringLiteral("排水许可证要多久"));
    CHECK(c.value(QStringLiteral("askerName")).toString() == QStringLiteral("𠀾先生"));
    CHECK(c.value(QStringLiteral("noticeGiven")).toBool());
    CHECK(c.value(QStringLiteral("items")).toArray().first().toString() ==
          QStringLiteral("SWJ-XK-001"));
    CHECK(cli.json({QStringLiteral("consult"), QStringLiteral("list"), QStringLiteral("--day"),
                    QDate::currentDate().addDays(-1).toString(Qt::ISODate)})
              .isEmpty());
}
