#include "DocumentFixtures.h"
#include "documents/Masking.h"

#include <QCoreApplication>
#include <QPdfWriter>

using namespace ow;
using namespace ow::doctest;

namespace {

QString receiptText(const char* source)
{
    return QCoreApplication::translate("ow::AcceptanceReceipt", source);
}

} // namespace

TEST_CASE("Document receipt: scenario 3 prints every field", "[documents]")
{
    const AcceptanceReceiptData data = drainageReceipt();
    const AcceptanceReceipt receipt(data);
    Pdf pdf;
    const auto result = receipt.renderPdf(pdf.path);
    REQUIRE(result.ok());
    CHECK(result->pages == 1);
    CHECK(result->sha256.size() == 32);
    CHECK(pdfInfo(pdf.path, QStringLiteral("Pages")) == QStringLiteral("1"));

    const QString text = pdfText(pdf.path);
    // reading order: the lines of a wrapped cell follow each other
    const QString flat = squeezed(pdfText(pdf.path, 0, false));
    const CentreSettings centre;
    CHECK(text.contains(centre.name));
    CHECK(text.contains(data.documentNumber));
    CHECK(text.contains(kCase));
    CHECK(text.contains(QStringLiteral("李建国")));
    CHECK(text.contains(QStringLiteral("420102********3210")));
    CHECK_FALSE(flat.contains(data.applicant.idNumber));
    CHECK(text.contains(QStringLiteral("王秀兰")));
    CHECK(text.contains(QStringLiteral("420111********4628")));
    CHECK(text.contains(kItem));
    for (const MaterialLine& m : data.materials)
        CHECK(flat.contains(squeezed(m.name)));
    CHECK(text.contains(QStringLiteral("电子证照库")));
    CHECK(text.contains(Document::formName(MaterialForm::Copy)));
    CHECK(text.contains(Document::formatDateTime(data.acceptedAt)));
    CHECK(text.contains(Document::formatDate(data.promisedDate)));
    CHECK_FALSE(flat.contains(squeezed(receiptText("[provisional]"))));
    // EMS: the recipient, a masked mobile and the region only
    CHECK(flat.contains(squeezed(Document::deliveryName(Delivery::Ems))));
    CHECK(flat.contains(QStringLiteral("139****5566")));
    CHECK(flat.contains(QStringLiteral("湖北省江城市新区******")));
    CHECK_FALSE(flat.contains(QStringLiteral("金融港")));
    CHECK(text.contains(QStringLiteral("430205")));
    CHECK(flat.contains(squeezed(Document::feeText(0))));
    CHECK(text.contains(data.clerk));
    CHECK(text.contains(data.window));
    CHECK(text.contains(data.site));
    CHECK(text.contains(centre.queryPhone));
    CHECK(flat.contains(squeezed(centre.sealText)));
}

TEST_CASE("Document receipt: provisional completion dates are marked", "[documents]")
{
    AcceptanceReceiptData data = drainageReceipt();
    data.promisedDate = QDate(2027, 1, 15);
    data.promisedProvisional = true;
    data.delivery = DeliveryLine{};
    data.delivery.pickupPlace = QStringLiteral("一楼综合出件窗口（12号）");
    Pdf pdf;
    REQUIRE(AcceptanceReceipt(data).renderPdf(pdf.path).ok());
    const QString flat = squeezed(pdfText(pdf.path, 0, false));
    CHECK(flat.contains(squeezed(Document::formatDate(data.promisedDate))));
    CHECK(flat.contains(squeezed(receiptText("[provisional]"))));
    CHECK(flat.contains(QStringLiteral("一楼综合出件窗口（12号）")));
}

TEST_CASE("Document receipt: the QR code and the Code 128 decode to the case number", "[documents]")
{
    Pdf pdf;
    REQUIRE(AcceptanceReceipt(drainageReceipt()).renderPdf(pdf.path).ok());
    const QStringList symbols = barcodes(pdf.path);
    CHECK(symbols.contains(QStringLiteral("QR-Code:") + kCase));
    CHECK(symbols.contains(QStringLiteral("CODE-128:") + kCase));

    CentreSettings centre;
    centre.queryUrl = QStringLiteral("https://zwfw.example.org/progress?case={case}");
    Pdf withUrl;
    REQUIRE(AcceptanceReceipt(drainageReceipt(), centre).renderPdf(withUrl.path).ok());
    CHECK(barcodes(withUrl.path)
              .contains(QStringLiteral("QR-Code:https://zwfw.example.org/progress?case=") + kCase));
}

TEST_CASE("Document receipt: 40 materials continue over pages with the header repeated",
          "[documents]")
{
    AcceptanceReceiptData data = drainageReceipt();
    data.jointItem = QStringLiteral("开办餐饮店“一件事”");
    data.items = {QStringLiteral("食品经营许可"),
                  QStringLiteral("公众聚集场所投入使用、营业前消防安全检查"), kItem,
                  QStringLiteral("户外广告设施设置许可"),
                  QStringLiteral("营业执照（个体工商户）登记")};
    data.materials.clear();
    for (int i = 1; i <= 40; ++i)
        data.materials << MaterialLine{QStringLiteral("联办材料第%1号（经营场所证明等）").arg(i),
                                       i % 3 ? MaterialForm::Original : MaterialForm::Copy,
                                       1 + i % 2,
                                       data.items[i % data.items.size()],
                                       i % 7 == 0,
                                       i % 7 == 0 ? QStringLiteral("2024年办件复用") : QString()};
    Pdf pdf;
    const auto result = AcceptanceReceipt(data).renderPdf(pdf.path);
    REQUIRE(result.ok());
    REQUIRE(result->pages >= 2);
    CHECK(pdfInfo(pdf.path, QStringLiteral("Pages")) == QString::number(result->pages));

    const QString materialHeader = receiptText("Material");
    const QString countHeader = receiptText("Count");
    const QString all = squeezed(pdfText(pdf.path, 0, false));
    int pagesWithTable = 0;
    for (int page = 1; page <= result->pages; ++page) {
        const QString text = pdfText(pdf.path, page);
        const QString number = QCoreApplication::translate("ow::PageLayout", "Page %1 of %2")
                                   .arg(page)
                                   .arg(result->pages);
        CHECK(squeezed(text).contains(squeezed(number)));
        // the running header on every page
        CHECK(text.contains(data.documentNumber));
        if (text.contains(QStringLiteral("联办材料第"))) {
            ++pagesWithTable;
            CHECK(text.contains(materialHeader));
            CHECK(text.contains(countHeader));
        }
    }
    CHECK(pagesWithTable >= 2);
    for (int i = 1; i <= 40; ++i)
        CHECK(all.count(QStringLiteral("联办材料第%1号（经营场所证明等）").arg(i)) == 1);
    CHECK(all.contains(QStringLiteral("2024年办件复用")));
}

TEST_CASE(
    "Document receipt: a rare-character name prints, in the text layer and in an embedded font",
    "[documents]")
{
    AcceptanceReceiptData data = drainageReceipt();
    const QString rare = QStringLiteral("𠀀𪚥·张");
    data.applicant.name = rare;
    data.agent = {};
    Pdf pdf;
    REQUIRE(AcceptanceReceipt(data).renderPdf(pdf.path).ok());
    CHECK(pdfText(pdf.path).contains(rare));
    CHECK(pdfText(pdf.path, 0, false).contains(rare));
    const QString fonts = tool(QStringLiteral("pdffonts"), {pdf.path}).out;
    bool hanaEmbedded = false;
    for (const QString& line : fonts.split(QLatin1Char('\n'))) {
        const QStringList cols = line.simplified().split(QLatin1Char(' '));
        if (line.contains(QStringLiteral("HanaMinB")) && cols.size() >= 5)
            hanaEmbedded = cols.at(cols.size() - 5) == u"yes";
    }
    CHECK(hanaEmbedded);
}

TEST_CASE("Document receipt: paints onto any paged device", "[documents]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("direct.pdf"));
    QPdfWriter writer(path);
    writer.setResolution(300);
    const auto result = AcceptanceReceipt(drainageReceipt()).render(writer);
    REQUIRE(result.ok());
    CHECK(result->pages == 1);
    CHECK(pdfText(path).contains(kCase));
}

TEST_CASE("Document masking: ID numbers, phones and addresses", "[documents]")
{
    CHECK(maskIdNumber(QStringLiteral("420102198507153210")) ==
          QStringLiteral("420102********3210"));
    CHECK(maskIdNumber(QStringLiteral("42010219850715321X")) ==
          QStringLiteral("420102********321X"));
    CHECK(maskIdNumber(QStringLiteral("G12345678")) == QStringLiteral("G*******8"));
    CHECK(maskIdNumber(QString()).isEmpty());
    CHECK(maskPhone(QStringLiteral("13907145566")) == QStringLiteral("139****5566"));
    CHECK(maskAddress(liAddress()) == QStringLiteral("湖北省江城市新区******"));
    // code points, not UTF-16 units
    CHECK(maskIdNumber(QStringLiteral("𠀀𠀀𠀀𠀀𠀀𠀀12345678")) ==
          QStringLiteral("𠀀𠀀𠀀𠀀𠀀𠀀****5678"));
}
