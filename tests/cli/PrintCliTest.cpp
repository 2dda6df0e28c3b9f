// `onewindow-admin print ...`: every document kind as PDF from cases taken in
// with `intake --json`, checked with pdftotext, pdfinfo, pdffonts and zbarimg;
// the print journal, copies, check codes and `print verify`; centre settings.
#include "../core/DocumentFixtures.h"
#include "cases/CaseStatus.h"
#include "documents/CentreSettings.h"
#include "documents/Masking.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace ow;
using namespace ow::doctest;

namespace {

struct Cli
{
    QTemporaryDir dir;
    test::ProcessResult run(QStringList args, const QByteArray& in = {}, bool english = false)
    {
        args.prepend(dir.path());
        args.prepend(QStringLiteral("--data-dir"));
        if (english)
            args << QStringLiteral("--lang") << QStringLiteral("en");
        return test::runAdmin(args, in);
    }
    // The number `intake` printed, after REQUIRE-ing success.
    QString intake(const QJsonObject& doc)
    {
        const auto r =
            run({QStringLiteral("intake"), QStringLiteral("--json"), QStringLiteral("-")},
                QJsonDocument(doc).toJson());
        INFO(r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        return r.out.trimmed();
    }
    QString pdf(const QString& name) const { return dir.filePath(name); }
    test::ProcessResult print(const QString& kind, const QString& subject, const QString& out,
                              QStringList more = {})
    {
        QStringList args{QStringLiteral("print"),
                         kind,
                         subject,
                         QStringLiteral("--pdf"),
                         out,
                         QStringLiteral("--clerk"),
                         QStringLiteral("周文"),
                         QStringLiteral("--site"),
                         QStringLiteral("320581001"),
                         QStringLiteral("--window"),
                         QStringLiteral("C02")};
        args << more;
        return run(args);
    }
    test::ProcessResult journal(const QString& key)
    {
        return run({QStringLiteral("print"), QStringLiteral("journal"), key}, {}, true);
    }
};

// An example without its request id: each changed copy is a request of its own.
QJsonObject example(const QString& name)
{
    QFile f(test::sourcePath(QStringLiteral("resources/examples/intake/") + name));
    REQUIRE(f.open(QIODevice::ReadOnly));
    QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
    doc.remove(QStringLiteral("requestId"));
    return doc;
}

const QString kScenario3 = QStringLiteral("scenario-3-drainage-permit-ems.json");

QStringList lines(const QString& text)
{
    return text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// The check code at the foot of a page.
QString checkCodeOf(const QString& text)
{
    static const QRegularExpression code(
        QStringLiteral("([0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4})"));
    return code.match(text).captured(1);
}

QSizeF pageSize(const QString& path)
{
    const QStringList parts = pdfInfo(path, QStringLiteral("Page size")).split(QLatin1Char(' '));
    return parts.size() >= 3 ? QSizeF(parts[0].toDouble(), parts[2].toDouble()) : QSizeF();
}

bool embeds(const QString& path, const QString& font)
{
    const QString fonts = tool(QStringLiteral("pdffonts"), {path}).out;
    for (const QString& line : fonts.split(QLatin1Char('\n'))) {
        const QStringList cols = line.simplified().split(QLatin1Char(' '));
        if (line.contains(font) && cols.size() >= 5 && cols.at(cols.size() - 5) == u"yes")
            return true;
    }
    return false;
}

QString tr(const char* context, const char* s)
{
    return QCoreApplication::translate(context, s);
}

} // namespace

TEST_CASE("print: the receipt of scenario 3 has every field and codes that decode", "[cli][print]")
{
    Cli cli;
    const QString number = cli.intake(example(kScenario3));
    const QString out = cli.pdf(QStringLiteral("receipt.pdf"));
    const auto r = cli.print(QStringLiteral("receipt"), number, out);
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.trimmed() == QFileInfo(out).absoluteFilePath());

    const CentreSettings centre;
    const QString flat = squeezed(pdfText(out, 0, false));
    const QStringList expected{
        centre.name,
        tr("ow::AcceptanceReceipt", "Acceptance Receipt"),
        number,
        QStringLiteral("李明"),
        maskIdNumber(QStringLiteral("320581197003144512")),
        QStringLiteral("排水许可证核发"),
        QStringLiteral("营业执照"),
        QStringLiteral("排水户内部排水管网、专用检测井、雨污水排放口位置和口径的图纸及说明"),
        QStringLiteral("污水预处理设施的有关材料（隔油池、化粪池等）"),
        QStringLiteral("排水隐蔽工程竣工报告或雨污不混接混排书面承诺书"),
        QStringLiteral("排水水质检测报告或水质达标书面承诺书"),
        Document::formName(MaterialForm::OriginalAndCopy),
        Document::deliveryName(Delivery::Ems),
        maskPhone(QStringLiteral("13773200011")),
        QStringLiteral("江苏省常熟市******"),
        QStringLiteral("215500"),
        Document::feeText(0),
        QStringLiteral("周文"),
        QStringLiteral("C02"),
        centre.queryPhone,
        centre.sealText,
        Document::formatDate(QDate::currentDate()),
    };
    for (const QString& s : expected) {
        INFO(s.toStdString());
        CHECK(flat.contains(squeezed(s)));
    }
    // the full ID number, mobile and street are not on the applicant's paper
    CHECK_FALSE(flat.contains(QStringLiteral("320581197003144512")));
    CHECK_FALSE(flat.contains(QStringLiteral("虞山北路100号")));
    // the promised date the case holds
    const auto shown =
        cli.run({QStringLiteral("case"), QStringLiteral("show"), number, QStringLiteral("--json")});
    const QDate promised = QDate::fromString(QJsonDocument::fromJson(shown.out.toUtf8())
                                                 .object()
                                                 .value(QStringLiteral("promisedDate"))
                                                 .toString(),
                                             Qt::ISODate);
    REQUIRE(promised.isValid());
    CHECK(flat.contains(squeezed(Document::formatDate(promised))));
    const QStringList codes = barcodes(out);
    CHECK(codes.contains(QStringLiteral("QR-Code:") + number));
    CHECK(codes.contains(QStringLiteral("CODE-128:") + number));
    CHECK_FALSE(flat.contains(squeezed(Document::copyMark())));
    CHECK(!checkCodeOf(pdfText(out)).isEmpty());
}

TEST_CASE("print: a second print is a copy, marked on the page, and the journal records both",
          "[cli][print]")
{
    Cli cli;
    const QString number = cli.intake(example(kScenario3));
    const QString first = cli.pdf(QStringLiteral("first.pdf"));
    const QString second = cli.pdf(QStringLiteral("second.pdf"));
    REQUIRE(cli.print(QStringLiteral("receipt"), number, first).exitCode == 0);
    const auto again = cli.print(QStringLiteral("receipt"), number, second);
    REQUIRE(again.exitCode == 0);

    const QString text1 = pdfText(first), text2 = pdfText(second);
    CHECK_FALSE(squeezed(text1).contains(squeezed(Document::copyMark())));
    CHECK(squeezed(text2).contains(squeezed(Document::copyMark())));
    const QString code1 = checkCodeOf(text1), code2 = checkCodeOf(text2);
    REQUIRE(!code1.isEmpty());
    REQUIRE(!code2.isEmpty());
    CHECK(code1 != code2);

    const auto journal = cli.journal(number);
    REQUIRE(journal.exitCode == 0);
    const QStringList entries = lines(journal.out);
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].contains(QStringLiteral("acceptance-receipt ") + number +
                              QStringLiteral(" original")));
    CHECK(entries[0].contains(code1));
    CHECK(entries[0].contains(QStringLiteral("file ") + QFileInfo(first).absoluteFilePath()));
    CHECK(entries[0].contains(QStringLiteral("by 周文 at 320581001/C02")));
    CHECK(entries[1].contains(QStringLiteral(" copy 1 ")));
    CHECK(entries[1].contains(code2));

    // The paper is checked against the record by its check code ...
    // (in the language it was printed in: the wording is part of the content)
    const auto verified = cli.run({QStringLiteral("print"), QStringLiteral("verify"), code1});
    INFO(verified.out.toStdString() + verified.err.toStdString());
    CHECK(verified.exitCode == 0);
    CHECK(verified.out.contains(number));
    CHECK(verified.out.contains(
        tr("ow::PrintCommands", "matches the record: the store still says what the paper says")));
    // ... in another language it cannot be compared, and says so ...
    const auto english =
        cli.run({QStringLiteral("print"), QStringLiteral("verify"), code1}, {}, true);
    CHECK(english.exitCode == 3);
    CHECK(english.out.contains(
        QStringLiteral("It was printed in language zh_CN and can be checked only in that "
                       "language, not in en.")));
    // ... a code no print has is not found ...
    const auto unknown = cli.run(
        {QStringLiteral("print"), QStringLiteral("verify"), QStringLiteral("0000-0000-0000-0001")},
        {}, true);
    CHECK(unknown.exitCode == 1);
    CHECK(unknown.err.contains(QStringLiteral("No printed document has the check code")));
    // ... and once the centre's wording changes, the paper no longer matches.
    REQUIRE(cli.run({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("phone"),
                     QStringLiteral("0512-52888000")})
                .exitCode == 0);
    const auto changed = cli.run({QStringLiteral("print"), QStringLiteral("verify"), code2});
    CHECK(changed.exitCode == 3);
    CHECK(changed.out.contains(tr(
        "ow::PrintCommands", "differs: the record has changed since this document was printed")));
}

TEST_CASE("print: the one-time notice lists every missing material with what to bring",
          "[cli][print]")
{
    Cli cli;
    QJsonObject doc = example(kScenario3);
    QJsonArray materials = doc.value(QStringLiteral("materials")).toArray();
    materials.replace(materials.size() - 1,
                      QJsonObject{{QStringLiteral("id"), QStringLiteral("water-quality-report")},
                                  {QStringLiteral("state"), QStringLiteral("missing")},
                                  {QStringLiteral("whatToBring"),
                                   QStringLiteral("有资质机构出具的排水水质检测报告原件1份")}});
    materials.replace(materials.size() - 2,
                      QJsonObject{{QStringLiteral("id"), QStringLiteral("concealed-works-report")},
                                  {QStringLiteral("state"), QStringLiteral("defective")},
                                  {QStringLiteral("reason"), QStringLiteral("未加盖施工单位公章")},
                                  {QStringLiteral("whatToBring"),
                                   QStringLiteral("加盖施工单位公章的竣工报告原件")}});
    doc.insert(QStringLiteral("materials"), materials);
    doc.insert(QStringLiteral("decision"),
               QJsonObject{{QStringLiteral("kind"), QStringLiteral("correct")}});
    const QString notice = cli.intake(doc);
    REQUIRE(notice.contains(QStringLiteral("-C0001")));

    const QString out = cli.pdf(QStringLiteral("notice.pdf"));
    const auto r = cli.print(QStringLiteral("notice"), notice, out);
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QString flat = squeezed(pdfText(out, 0, false));
    for (const QString& s :
         {tr("ow::OneTimeNotice", "One-Time Notice of Materials to Supplement"), notice,
          QStringLiteral("李明"), QStringLiteral("排水许可证核发"),
          QStringLiteral("排水水质检测报告或水质达标书面承诺书"),
          QStringLiteral("有资质机构出具的排水水质检测报告原件1份"),
          QStringLiteral("排水隐蔽工程竣工报告或雨污不混接混排书面承诺书"),
          QStringLiteral("未加盖施工单位公章"), QStringLiteral("加盖施工单位公章的竣工报告原件"),
          // the item's acceptance conditions and legal basis, and the law's
          QStringLiteral("污水排放口设置符合规划"),
          QStringLiteral("《城镇排水与污水处理条例》第二十一条"),
          tr("ow::CaseDocuments", "Article 32(1)(4) of the Administrative Licensing Law of the "
                                  "People's Republic of China"),
          CentreSettings().phone, QStringLiteral("周文")}) {
        INFO(s.toStdString());
        CHECK(flat.contains(squeezed(s)));
    }
    // A receipt or a refusal notice of a case waiting for correction: no.
    const auto receipt =
        cli.print(QStringLiteral("receipt"), notice, cli.pdf(QStringLiteral("x.pdf")));
    CHECK(receipt.exitCode == 1);
    CHECK(receipt.err.contains(notice));
    CHECK_FALSE(QFile::exists(cli.pdf(QStringLiteral("x.pdf"))));
}

TEST_CASE("print: the non-acceptance notice has the reason, basis, competent body and remedies",
          "[cli][print]")
{
    Cli cli;
    QJsonObject doc = example(kScenario3);
    doc.insert(QStringLiteral("decision"),
               QJsonObject{{QStringLiteral("kind"), QStringLiteral("refuse")},
                           {QStringLiteral("reason"),
                            QStringLiteral("申请人排放的是城镇居民生活污水，无需申领排水许可")},
                           {QStringLiteral("legalBasis"),
                            QStringLiteral("《城镇污水排入排水管网许可管理办法》第二条")},
                           {QStringLiteral("competentBody"), QStringLiteral("常熟市水务局")}});
    const QString refusal = cli.intake(doc);
    REQUIRE(refusal.contains(QStringLiteral("-R0001")));
    const QString out = cli.pdf(QStringLiteral("refusal.pdf"));
    const auto r = cli.print(QStringLiteral("refusal"), refusal, out);
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const CentreSettings centre;
    const QString flat = squeezed(pdfText(out, 0, false));
    for (const QString& s : {refusal, QStringLiteral("李明"),
                             QStringLiteral("申请人排放的是城镇居民生活污水，无需申领排水许可"),
                             QStringLiteral("《城镇污水排入排水管网许可管理办法》第二条"),
                             QStringLiteral("常熟市水务局"), centre.reviewBody, centre.court}) {
        INFO(s.toStdString());
        CHECK(flat.contains(squeezed(s)));
    }
    // The refused case has no receipt, completion notice or slip.
    for (const QString& kind : {QStringLiteral("receipt"), QStringLiteral("completion"),
                                QStringLiteral("slip"), QStringLiteral("notice")}) {
        const auto wrong = cli.print(
            kind, refusal, cli.pdf(kind + QStringLiteral(".pdf")),
            kind == u"slip" ? QStringList{QStringLiteral("--waybill"), kWaybill} : QStringList{});
        INFO(kind.toStdString() + ": " + wrong.err.toStdString());
        CHECK(wrong.exitCode == 1);
        CHECK(wrong.err.contains(refusal));
        CHECK_FALSE(QFile::exists(cli.pdf(kind + QStringLiteral(".pdf"))));
    }
}

TEST_CASE("print: the completion notice of an item completed at the window", "[cli][print]")
{
    Cli cli;
    // Scenario 7: an individual business registered on the spot at a town site.
    const QString number =
        cli.intake(example(QStringLiteral("scenario-7-universal-item-town-site.json")));
    const QString out = cli.pdf(QStringLiteral("completion.pdf"));
    const auto r = cli.print(QStringLiteral("completion"), number, out);
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const CentreSettings centre;
    const QString flat = squeezed(pdfText(out, 0, false));
    for (const QString& s :
         {number, tr("ow::CaseDocuments", "Completed: approved"),
          QStringLiteral("个体工商户设立登记"), centre.pickupPlace, centre.openingHours,
          Document::formatDate(QDate::currentDate().addDays(centre.collectionDays)),
          tr("ow::CaseDocuments", "The applicant's ID document (the original)")}) {
        INFO(s.toStdString());
        CHECK(flat.contains(squeezed(s)));
    }

    // Scenario 3 is accepted, not completed: no completion notice yet; and
    // no refusal notice for an accepted case.
    const QString accepted = cli.intake(example(kScenario3));
    for (const QString& kind : {QStringLiteral("completion"), QStringLiteral("refusal")}) {
        const auto early = cli.print(kind, accepted, cli.pdf(QStringLiteral("early.pdf")));
        CHECK(early.exitCode == 1);
        CHECK(early.err.contains(accepted));
        CHECK(early.err.contains(displayName(CaseStatus::Accepted)));
    }
    CHECK_FALSE(QFile::exists(cli.pdf(QStringLiteral("early.pdf"))));
}

TEST_CASE("print: the EMS slip is a 100 x 150 mm label, the ledger lists the day's cases and "
          "mailings",
          "[cli][print]")
{
    Cli cli;
    const QString number = cli.intake(example(kScenario3));
    const QString town =
        cli.intake(example(QStringLiteral("scenario-7-universal-item-town-site.json")));
    const QString slip = cli.pdf(QStringLiteral("slip.pdf"));

    // The first slip needs its waybill; a bad one is refused by name.
    const auto noWaybill = cli.print(QStringLiteral("slip"), number, slip);
    CHECK(noWaybill.exitCode == 1);
    CHECK_FALSE(QFile::exists(slip));
    const auto badWaybill = cli.print(QStringLiteral("slip"), number, slip,
                                      {QStringLiteral("--waybill"), QStringLiteral("12345")});
    CHECK(badWaybill.exitCode == 1);
    CHECK_FALSE(QFile::exists(slip));
    // A case collected at the window has no slip.
    const auto pickup =
        cli.print(QStringLiteral("slip"), town, slip, {QStringLiteral("--waybill"), kWaybill});
    CHECK(pickup.exitCode == 1);
    CHECK(pickup.err.contains(town));

    const auto r =
        cli.print(QStringLiteral("slip"), number, slip, {QStringLiteral("--waybill"), kWaybill});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QSizeF size = pageSize(slip);
    CHECK(size.width() == Approx(283.46).margin(0.05));  // 100 mm
    CHECK(size.height() == Approx(425.20).margin(0.05)); // 150 mm
    CHECK(pdfInfo(slip, QStringLiteral("Pages")) == QStringLiteral("1"));
    const CentreSettings centre;
    const QString flat = squeezed(pdfText(slip, 0, false));
    for (const QString& s :
         {kWaybill, QStringLiteral("李明"), QStringLiteral("13773200011"),
          QStringLiteral("江苏省常熟市虞山街道虞山北路100号"), QStringLiteral("215500"),
          QStringLiteral("城镇污水排入排水管网许可证（有效期5年）"), number, centre.name,
          centre.address, centre.phone}) {
        INFO(s.toStdString());
        CHECK(flat.contains(squeezed(s)));
    }
    CHECK(barcodes(slip).contains(QStringLiteral("CODE-128:") + kWaybill));
    // A reprint takes the waybill it was printed with, and is a copy.
    const QString again = cli.pdf(QStringLiteral("slip2.pdf"));
    REQUIRE(cli.print(QStringLiteral("slip"), number, again).exitCode == 0);
    CHECK(squeezed(pdfText(again, 0, false)).contains(squeezed(Document::copyMark())));
    CHECK_FALSE(squeezed(pdfText(slip, 0, false)).contains(squeezed(Document::copyMark())));
    CHECK(barcodes(again).contains(QStringLiteral("CODE-128:") + kWaybill));

    // The day's ledger at window C02 of site 320581001 (scenario 3's).
    const QString today = QDate::currentDate().toString(Qt::ISODate);
    const QString ledger = cli.pdf(QStringLiteral("ledger.pdf"));
    const auto l = cli.print(QStringLiteral("ledger"), today, ledger);
    INFO(l.err.toStdString());
    REQUIRE(l.exitCode == 0);
    const QString ledgerText = squeezed(pdfText(ledger, 0, false));
    CHECK(ledgerText.contains(number));
    CHECK(ledgerText.contains(QStringLiteral("李明")));
    CHECK(ledgerText.contains(kWaybill));
    CHECK(ledgerText.contains(QStringLiteral("周文")));
    CHECK_FALSE(ledgerText.contains(town)); // another site and window
    CHECK(pdfInfo(ledger, QStringLiteral("Page size"))
              .startsWith(QStringLiteral("841.89 x 595.276")));

    // A bad date is refused by name.
    const auto bad = cli.print(QStringLiteral("ledger"), QStringLiteral("2025-02-30"),
                               cli.pdf(QStringLiteral("bad.pdf")));
    CHECK(bad.exitCode == 1);
    CHECK(bad.err.contains(QStringLiteral("2025-02-30")));
    CHECK_FALSE(QFile::exists(cli.pdf(QStringLiteral("bad.pdf"))));

    const auto journal = cli.journal(today);
    CHECK(lines(journal.out).size() == 3); // slip, its copy, the ledger
}

TEST_CASE("print: unknown cases and documents, and a missing --pdf, are refused clearly",
          "[cli][print]")
{
    Cli cli;
    const QString out = cli.pdf(QStringLiteral("none.pdf"));
    const auto unknown =
        cli.run({QStringLiteral("print"), QStringLiteral("receipt"),
                 QStringLiteral("320581001-20250101-9999"), QStringLiteral("--pdf"), out},
                {}, true);
    CHECK(unknown.exitCode == 1);
    CHECK(unknown.err.contains(
        QStringLiteral("No case or notice has the number 320581001-20250101-9999")));
    const auto kind = cli.run({QStringLiteral("print"), QStringLiteral("invoice"),
                               QStringLiteral("X"), QStringLiteral("--pdf"), out},
                              {}, true);
    CHECK(kind.exitCode == 2);
    CHECK(kind.err.contains(QStringLiteral("Unknown document invoice")));
    const auto noPdf = cli.run(
        {QStringLiteral("print"), QStringLiteral("receipt"), QStringLiteral("X")}, {}, true);
    CHECK(noPdf.exitCode == 2);
    CHECK(noPdf.err.contains(QStringLiteral("--pdf")));
    const auto folder =
        cli.run({QStringLiteral("print"), QStringLiteral("receipt"), QStringLiteral("X"),
                 QStringLiteral("--pdf"), cli.pdf(QStringLiteral("no/such/dir.pdf"))},
                {}, true);
    CHECK(folder.exitCode == 1);
    CHECK(folder.err.contains(QStringLiteral("does not exist")));
    CHECK_FALSE(QFile::exists(out));
    CHECK(lines(cli.journal(QDate::currentDate().toString(Qt::ISODate)).out).isEmpty());
}

TEST_CASE("print: a 40-material joint item continues over pages with headers and page numbers",
          "[cli][print]")
{
    Cli cli;
    // The sample catalogue with extra required materials on the members of
    // the restaurant joint item, so its merged checklist has 40 lines.
    QFile f(test::sourcePath(QStringLiteral("resources/catalogue/sample-catalogue.json")));
    REQUIRE(f.open(QIODevice::ReadOnly));
    QJsonObject catalogue = QJsonDocument::fromJson(f.readAll()).object();
    QJsonObject doc = example(QStringLiteral("scenario-6-restaurant-joint-item.json"));
    QJsonArray materials = doc.value(QStringLiteral("materials")).toArray();
    const QStringList members{QStringLiteral("SJJ-XK-001"), QStringLiteral("SJJ-XK-003"),
                              QStringLiteral("SWJ-XK-001"), QStringLiteral("ZFJ-XK-001"),
                              QStringLiteral("XF-XK-001")};
    QJsonArray items = catalogue.value(QStringLiteral("items")).toArray();
    const int extra = 40 - int(materials.size());
    REQUIRE(extra > 0);
    QStringList extraNames;
    for (int i = 0; i < extra; ++i) {
        const QString code = members[i % members.size()];
        for (qsizetype k = 0; k < items.size(); ++k) {
            QJsonObject item = items[k].toObject();
            if (item.value(QStringLiteral("code")).toString() != code)
                continue;
            QJsonArray ms = item.value(QStringLiteral("materials")).toArray();
            const QString name =
                QStringLiteral("联办补充材料第%1号（经营场所消防、卫生、环保等证明）").arg(i + 1);
            extraNames << name;
            ms.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("extra-%1").arg(i + 1)},
                                  {QStringLiteral("name"), name},
                                  {QStringLiteral("form"), QStringLiteral("original")},
                                  {QStringLiteral("requirement"), QStringLiteral("required")}});
            item.insert(QStringLiteral("materials"), ms);
            items.replace(k, item);
        }
        materials.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("extra-%1").arg(i + 1)},
                                     {QStringLiteral("state"), QStringLiteral("received")},
                                     {QStringLiteral("form"), QStringLiteral("original")}});
    }
    catalogue.insert(QStringLiteral("items"), items);
    const QString catalogueFile = cli.pdf(QStringLiteral("catalogue.json"));
    QFile c(catalogueFile);
    REQUIRE(c.open(QIODevice::WriteOnly));
    c.write(QJsonDocument(catalogue).toJson());
    c.close();
    const auto imported =
        cli.run({QStringLiteral("catalogue"), QStringLiteral("import"), catalogueFile});
    INFO(imported.err.toStdString());
    REQUIRE(imported.exitCode == 0);
    doc.insert(QStringLiteral("materials"), materials);
    const QString number = cli.intake(doc);

    const QString out = cli.pdf(QStringLiteral("joint.pdf"));
    const auto r = cli.print(QStringLiteral("receipt"), number, out);
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const int pages = pdfInfo(out, QStringLiteral("Pages")).toInt();
    REQUIRE(pages >= 2);
    const QString all = squeezed(pdfText(out, 0, false));
    CHECK(all.contains(QStringLiteral("开办餐饮店“一件事”")));
    for (const QString& name : extraNames) {
        INFO(name.toStdString());
        CHECK(all.count(squeezed(name)) == 1);
    }
    const QString materialHeader = tr("ow::AcceptanceReceipt", "Material");
    int tablePages = 0;
    for (int page = 1; page <= pages; ++page) {
        const QString text = pdfText(out, page);
        CHECK(squeezed(text).contains(
            squeezed(tr("ow::PageLayout", "Page %1 of %2").arg(page).arg(pages))));
        // the running header: the centre and the document's number
        CHECK(text.contains(CentreSettings().name));
        CHECK(text.contains(QStringLiteral("新政务受〔")));
        CHECK(!checkCodeOf(text).isEmpty());
        if (text.contains(QStringLiteral("联办补充材料第"))) {
            ++tablePages;
            CHECK(text.contains(materialHeader));
        }
    }
    CHECK(tablePages >= 2);
}

TEST_CASE("print: a rare-character name prints as text and in an embedded HanaMinB", "[cli][print]")
{
    Cli cli;
    QJsonObject doc = example(kScenario3);
    QJsonObject applicant = doc.value(QStringLiteral("applicant")).toObject();
    const QString rare = QStringLiteral("𠀀𪚥·李明");
    applicant.insert(QStringLiteral("name"), rare);
    doc.insert(QStringLiteral("applicant"), applicant);
    QJsonObject delivery = doc.value(QStringLiteral("delivery")).toObject();
    delivery.insert(QStringLiteral("recipient"), rare);
    doc.insert(QStringLiteral("delivery"), delivery);
    const QString number = cli.intake(doc);
    for (const QString& kind : {QStringLiteral("receipt"), QStringLiteral("slip")}) {
        const QString out = cli.pdf(kind + QStringLiteral(".pdf"));
        const auto r = cli.print(
            kind, number, out,
            kind == u"slip" ? QStringList{QStringLiteral("--waybill"), kWaybill} : QStringList{});
        INFO(r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        CHECK(pdfText(out, 0, false).contains(rare));
        CHECK(embeds(out, QStringLiteral("HanaMinB")));
    }
}

TEST_CASE("settings: the centre's wording prints, bad values are refused by key", "[cli][print]")
{
    Cli cli;
    const auto shown = cli.run({QStringLiteral("settings"), QStringLiteral("show")}, {}, true);
    REQUIRE(shown.exitCode == 0);
    const CentreSettings defaults;
    CHECK(shown.out.contains(QStringLiteral("name = ") + defaults.name +
                             QStringLiteral("  (default)")));
    CHECK(shown.out.contains(QStringLiteral("sealText = ") + defaults.sealText));
    CHECK(shown.out.contains(QStringLiteral("queryUrl = ")));

    const QList<QPair<QString, QString>> set{
        {QStringLiteral("name"), QStringLiteral("常熟市政务服务中心")},
        {QStringLiteral("address"), QStringLiteral("常熟市金沙江路8号")},
        {QStringLiteral("phone"), QStringLiteral("0512-52888000")},
        {QStringLiteral("sealText"), QStringLiteral("常熟市政务服务中心业务专用章")},
        {QStringLiteral("queryUrl"),
         QStringLiteral("https://zwfw.changshu.example.cn/q?case={case}")}};
    for (const auto& [key, value] : set) {
        const auto r =
            cli.run({QStringLiteral("settings"), QStringLiteral("set"), key, value}, {}, true);
        INFO(r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        CHECK(r.out.startsWith(key + QStringLiteral(" = ") + value));
    }
    for (const auto& [key, value] : QList<QPair<QString, QString>>{
             {QStringLiteral("postcode"), QStringLiteral("21550")},
             {QStringLiteral("queryUrl"), QStringLiteral("ftp://x/{case}")},
             {QStringLiteral("name"), QStringLiteral("  ")},
             {QStringLiteral("colour"), QStringLiteral("red")}}) {
        const auto r =
            cli.run({QStringLiteral("settings"), QStringLiteral("set"), key, value}, {}, true);
        INFO(key.toStdString() + ": " + r.err.toStdString());
        CHECK(r.exitCode == 1);
        CHECK(r.err.contains(key));
    }

    const QString number = cli.intake(example(kScenario3));
    const QString out = cli.pdf(QStringLiteral("receipt.pdf"));
    REQUIRE(cli.print(QStringLiteral("receipt"), number, out).exitCode == 0);
    const QString flat = squeezed(pdfText(out, 0, false));
    CHECK(flat.contains(squeezed(set[0].second))); // name
    CHECK(flat.contains(squeezed(set[3].second))); // seal
    CHECK_FALSE(flat.contains(defaults.name));
    // the sender of the EMS slip: name, address, phone
    const QString slip = cli.pdf(QStringLiteral("slip.pdf"));
    REQUIRE(cli.print(QStringLiteral("slip"), number, slip, {QStringLiteral("--waybill"), kWaybill})
                .exitCode == 0);
    const QString slipText = squeezed(pdfText(slip, 0, false));
    for (int i = 0; i < 3; ++i)
        CHECK(slipText.contains(squeezed(set[i].second)));
    CHECK(barcodes(out).contains(
        QStringLiteral("QR-Code:https://zwfw.changshu.example.cn/q?case=") + number));

    // Reset: the default prints again.
    REQUIRE(cli.run({QStringLiteral("settings"), QStringLiteral("reset"), QStringLiteral("name")})
                .exitCode == 0);
    const QString again = cli.pdf(QStringLiteral("again.pdf"));
    REQUIRE(cli.print(QStringLiteral("receipt"), number, again).exitCode == 0);
    CHECK(squeezed(pdfText(again, 0, false)).contains(squeezed(defaults.name)));
}

TEST_CASE("settings: a value holding a control character is refused, nothing changes",
          "[cli][print]")
{
    Cli cli;
    const CentreSettings defaults;
    for (const QString& value :
         {QStringLiteral("常熟市政务服务中心\n伪造的一行"),
          QStringLiteral("常熟\x1b[2J市政务服务中心"), QStringLiteral("常熟\u202E市政务服务中心"),
          QStringLiteral("常熟\x7f市")}) {
        const auto r = cli.run(
            {QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("address"), value},
            {}, true);
        INFO(r.err.toStdString());
        CHECK(r.exitCode == 1);
        CHECK(r.err.contains(QLatin1String("address")));
        CHECK(r.err.contains(QLatin1String("U+")));
        CHECK(r.out.isEmpty());
    }
    const auto shown = cli.run({QStringLiteral("settings"), QStringLiteral("show")}, {}, true);
    REQUIRE(shown.exitCode == 0);
    CHECK(shown.out.contains(QStringLiteral("address = ") + defaults.address +
                             QStringLiteral("  (default)")));
}
