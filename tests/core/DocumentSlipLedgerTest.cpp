#include "DocumentFixtures.h"

using namespace ow;
using namespace ow::doctest;

namespace {

MailingSlipData drainageSlip()
{
    MailingSlipData d;
    d.waybill = kWaybill;
    d.recipient = QStringLiteral("李建国");
    d.mobile = QStringLiteral("13907145566");
    d.address = liAddress();
    d.contents = {kLicence + QStringLiteral("（正本）"), kLicence + QStringLiteral("（副本）")};
    d.caseNumber = kCase;
    d.mailedOn = QDate(2025, 3, 25);
    return d;
}

QSizeF pageSize(const QString& path)
{
    // "Page size:      283.465 x 425.197 pts"
    const QStringList parts = pdfInfo(path, QStringLiteral("Page size")).split(QLatin1Char(' '));
    return parts.size() >= 3 ? QSizeF(parts[0].toDouble(), parts[2].toDouble()) : QSizeF();
}

} // namespace

TEST_CASE("Document EMS slip: a 100 x 150 mm label with everything on it", "[documents]")
{
    const MailingSlipData data = drainageSlip();
    Pdf pdf;
    const auto result = MailingSlip(data).renderPdf(pdf.path);
    REQUIRE(result.ok());
    CHECK(result->pages == 1);
    const QSizeF size = pageSize(pdf.path);
    CHECK(size.width() == Approx(283.46).margin(0.05));
    CHECK(size.height() == Approx(425.20).margin(0.05));
    const QString flat = squeezed(pdfText(pdf.path, 0, false));
    const CentreSettings centre;
    for (const QString& s : {data.waybill, data.recipient, data.mobile, data.address.full(),
                             data.address.postcode, data.contents[0], data.contents[1], kCase,
                             centre.name, centre.address, centre.phone, centre.postcode})
        CHECK(flat.contains(squeezed(s)));
    CHECK(barcodes(pdf.path).contains(QStringLiteral("CODE-128:") + kWaybill));
}

TEST_CASE("Document EMS slip: a long address wraps, smaller, and every word stays", "[documents]")
{
    MailingSlipData data = drainageSlip();
    data.address.region = QStringLiteral("新疆维吾尔自治区伊犁哈萨克自治州察布查尔锡伯自治县");
    data.address.detail = QStringLiteral(
        "孙扎齐镇乌珠牛录村二组幸福路与团结路交叉口东北角锡伯族民俗风情园管理处综合楼三单元"
        "502室 Building 3 Unit 502 Harmony Road");
    data.recipient = QStringLiteral("𠀀𪚥·阿依古丽·买买提");
    Pdf pdf;
    REQUIRE(MailingSlip(data).renderPdf(pdf.path).ok());
    CHECK(pdfInfo(pdf.path, QStringLiteral("Pages")) == QStringLiteral("1"));
    const QString flat = squeezed(pdfText(pdf.path, 0, false));
    CHECK(flat.contains(squeezed(data.address.full())));
    CHECK(flat.contains(squeezed(data.recipient)));
    for (const QString& word : data.address.detail.split(QLatin1Char(' ')))
        CHECK(flat.contains(word));

    // an address no label can hold is refused, not cut off
    data.address.detail = data.address.detail.repeated(12);
    QTemporaryDir dir;
    const auto refused = MailingSlip(data).renderPdf(dir.filePath(QStringLiteral("x.pdf")));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == Error::Kind::Invalid);
}

TEST_CASE("Document receipt: a long address and long material names wrap inside their cells",
          "[documents]")
{
    AcceptanceReceiptData data = drainageReceipt();
    data.delivery.method = Delivery::Pickup;
    data.delivery.pickupPlace = QStringLiteral(
        "江城市新区市民之家一楼东侧综合出件区第十二号窗口（工作日上午9:00—12:00，下午13:30—17:00；"
        "节假日顺延）Window 12 East Hall Ground Floor Citizens Centre");
    data.materials.first().name = QStringLiteral(
        "城镇污水排入排水管网许可申请表（含排水户基本信息、排水类别、排放口数量和位置、"
        "主要污染物项目及浓度、每日最大排水量等全部内容）");
    Pdf pdf;
    REQUIRE(AcceptanceReceipt(data).renderPdf(pdf.path).ok());
    const QString flat = squeezed(pdfText(pdf.path, 0, false));
    CHECK(flat.contains(squeezed(data.delivery.pickupPlace)));
    // pdftotext may read the cell's last line after its neighbours
    CHECK(containsInOrder(flat, squeezed(data.materials.first().name)));
    CHECK(flat.contains(QStringLiteral("城镇污水排入排水管网许可申请表（含排水户")));
}

TEST_CASE("Document daily ledger: the day's cases and mailings on A4 landscape", "[documents]")
{
    DailyLedgerData d;
    d.date = QDate(2025, 3, 14);
    d.site = QStringLiteral("江城市新区政务服务中心");
    d.window = QStringLiteral("综合受理3号窗口");
    d.clerk = QStringLiteral("周敏");
    for (int i = 1; i <= 30; ++i)
        d.cases << LedgerCaseLine{
            QStringLiteral("420191-20250314-%1").arg(i, 4, 10, QLatin1Char('0')),
            QDateTime(d.date, QTime(9, 0).addSecs(i * 600)),
            QStringLiteral("申请人%1").arg(i),
            kItem,
            QStringLiteral("已受理"),
            QStringLiteral("EMS")};
    d.mailings << LedgerMailingLine{
        kWaybill,           kCase,   QStringLiteral("李建国"), QStringLiteral("13907145566"),
        liAddress().full(), kLicence};
    Pdf pdf;
    const auto result = DailyLedger(d).renderPdf(pdf.path);
    REQUIRE(result.ok());
    const QSizeF size = pageSize(pdf.path);
    CHECK(size.width() == Approx(841.89).margin(0.05));
    CHECK(size.height() == Approx(595.28).margin(0.05));
    const QString flat = squeezed(pdfText(pdf.path, 0, false));
    for (const LedgerCaseLine& c : d.cases) {
        CHECK(flat.contains(c.caseNumber));
        CHECK(flat.contains(c.applicant));
    }
    for (const QString& s : {kWaybill, QStringLiteral("13907145566"), squeezed(liAddress().full()),
                             kLicence, d.clerk, d.window})
        CHECK(flat.contains(s));
    CHECK(pdfInfo(pdf.path, QStringLiteral("Pages")) == QString::number(result->pages));
}

TEST_CASE("Document hash: the same data gives the same hash, a copy is marked and hashed apart",
          "[documents]")
{
    const AcceptanceReceipt receipt(drainageReceipt());
    Pdf first, second, copy;
    const auto a = receipt.renderPdf(first.path);
    const auto b = AcceptanceReceipt(drainageReceipt()).renderPdf(second.path);
    const auto c = receipt.renderPdf(copy.path, RenderOptions{true});
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    REQUIRE(c.ok());
    CHECK(a->sha256 == b->sha256);
    CHECK(a->sha256 != c->sha256);
    CHECK(a->sha256 == receipt.contentHash());
    CHECK(c->sha256 == receipt.contentHash(RenderOptions{true}));
    CHECK(receipt.canonicalText().contains(kCase));
    CHECK_FALSE(squeezed(pdfText(first.path)).contains(squeezed(Document::copyMark())));
    CHECK(squeezed(pdfText(copy.path)).contains(squeezed(Document::copyMark())));

    AcceptanceReceiptData changed = drainageReceipt();
    changed.materials.last().count = 2;
    CHECK(AcceptanceReceipt(changed).contentHash() != a->sha256);
    CentreSettings centre;
    centre.queryPhone = QStringLiteral("027-12345");
    CHECK(AcceptanceReceipt(drainageReceipt(), centre).contentHash() != a->sha256);
}
