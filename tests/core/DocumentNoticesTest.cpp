#include "DocumentFixtures.h"

#include <QCoreApplication>

using namespace ow;
using namespace ow::doctest;

namespace {

OneTimeNoticeData drainageNotice()
{
    OneTimeNoticeData d;
    d.documentNumber = QStringLiteral("新政务补〔2025〕0017号");
    d.caseNumber = kCase;
    d.applicant = mrLi();
    d.items = {kItem};
    d.submittedOn = QDate(2025, 3, 12);
    d.issuedOn = QDate(2025, 3, 12);
    d.defects = {
        {QStringLiteral("排水户内部排水管网、专用检测井、污水排放口位置和口径的图纸及说明"),
         true,
         QStringLiteral("未提交"),
         QStringLiteral("原件1份，须标明检测井和排放口位置，加盖设计单位公章"),
         {}},
        {QStringLiteral("隔油池设置及清掏协议"),
         false,
         QStringLiteral("协议已过有效期（2024年12月31日到期）"),
         QStringLiteral("在有效期内的清掏协议原件及复印件各1份"),
         {}},
        {QStringLiteral("排水水质检测报告"),
         true,
         QStringLiteral("列入重点排水户的须提交"),
         QStringLiteral("具有资质的检测机构出具的近3个月内检测报告原件1份"),
         {}},
    };
    d.conditions = {QStringLiteral("排水户已按规定建设雨污分流设施"),
                    QStringLiteral("餐饮排水已设置隔油池等预处理设施并正常运行")};
    d.deadline = QDate(2025, 3, 19);
    d.legalBasis = QStringLiteral(
        "《城镇排水与污水处理条例》第二十一条；《城镇污水排入排水管网许可管理办法》第七条");
    d.clerk = QStringLiteral("周敏");
    d.window = QStringLiteral("综合受理3号窗口");
    return d;
}

} // namespace

TEST_CASE("Document one-time notice: every defect, reason and what to bring", "[documents]")
{
    const OneTimeNoticeData data = drainageNotice();
    Pdf pdf;
    const auto result = OneTimeNotice(data).renderPdf(pdf.path);
    REQUIRE(result.ok());
    const QString flat = squeezed(pdfText(pdf.path, 0, false));
    CHECK(flat.contains(squeezed(data.documentNumber)));
    CHECK(flat.contains(kCase));
    CHECK(flat.contains(data.applicant.name));
    CHECK(flat.contains(kItem));
    // a wrapped cell may be read out with its neighbours' lines in between
    const QString layout = pdfText(pdf.path);
    for (const DefectLine& d : data.defects) {
        CHECK(containsInOrder(flat, squeezed(d.material)));
        CHECK(containsInOrder(flat, squeezed(d.reason)));
        CHECK(containsInOrder(flat, squeezed(d.whatToBring)));
        CHECK(layout.contains(d.whatToBring.left(6)));
    }
    for (const QString& c : data.conditions)
        CHECK(flat.contains(c));
    CHECK(flat.contains(squeezed(Document::formatDate(data.deadline))));
    CHECK(flat.contains(squeezed(data.legalBasis)));
    CHECK(flat.contains(data.clerk));
    CHECK(flat.contains(data.window));
    CHECK(flat.contains(CentreSettings().phone));
    CHECK(flat.contains(squeezed(CentreSettings().address)));
}

TEST_CASE("Document non-acceptance notice: reason, legal basis, competent body, remedies",
          "[documents]")
{
    NonAcceptanceNoticeData d;
    d.documentNumber = QStringLiteral("新政务不受〔2025〕0003号");
    d.caseNumber = QStringLiteral("420191-20250314-0051");
    d.applicant = mrLi();
    d.items = {QStringLiteral("建设工程规划许可证核发")};
    d.appliedOn = QDate(2025, 3, 14);
    d.decidedOn = QDate(2025, 3, 14);
    d.reason = QStringLiteral("申请的建设项目位于江城市高新区范围内，不属于本中心受理范围。");
    d.legalBasis = QStringLiteral("《中华人民共和国行政许可法》第三十二条第一款第（二）项");
    d.competentBody = QStringLiteral("江城市高新区政务服务中心（高新大道1号）");
    d.clerk = QStringLiteral("周敏");
    d.window = QStringLiteral("综合受理3号窗口");
    Pdf pdf;
    REQUIRE(NonAcceptanceNotice(d).renderPdf(pdf.path).ok());
    const QString flat = squeezed(pdfText(pdf.path, 0, false));
    for (const QString& s :
         {d.documentNumber, d.caseNumber, d.applicant.name, d.items.first(), d.reason, d.legalBasis,
          d.competentBody, d.clerk, d.window, CentreSettings().reviewBody, CentreSettings().court,
          Document::formatDate(d.decidedOn)})
        CHECK(flat.contains(squeezed(s)));

    d.reviewBody = QStringLiteral("江城市人民政府");
    d.court = QStringLiteral("江城市铁路运输法院");
    Pdf other;
    REQUIRE(NonAcceptanceNotice(d).renderPdf(other.path).ok());
    const QString text = squeezed(pdfText(other.path, 0, false));
    CHECK(text.contains(d.reviewBody));
    CHECK(text.contains(d.court));
}

TEST_CASE("Document completion notice: results and how they reach the applicant", "[documents]")
{
    CompletionNoticeData d;
    d.documentNumber = QStringLiteral("新政务结〔2025〕0098号");
    d.caseNumber = kCase;
    d.applicant = mrLi();
    d.items = {kItem};
    d.acceptedOn = QDate(2025, 3, 14);
    d.completedOn = QDate(2025, 3, 25);
    d.outcome = QStringLiteral("准予许可");
    d.results = {{kLicence, QStringLiteral("鄂江新排字第2025031号")}};
    d.delivery = emsDelivery();
    d.waybill = kWaybill;
    d.clerk = QStringLiteral("周敏");
    d.window = QStringLiteral("综合受理3号窗口");
    Pdf pdf;
    REQUIRE(CompletionNotice(d).renderPdf(pdf.path).ok());
    QString flat = squeezed(pdfText(pdf.path, 0, false));
    for (const QString& s :
         {d.documentNumber, d.caseNumber, d.applicant.name, kItem, d.outcome, kLicence,
          d.results.first().number, kWaybill, d.delivery.address.full(),
          d.delivery.address.postcode, d.delivery.mobile, Document::formatDate(d.completedOn)})
        CHECK(flat.contains(squeezed(s)));

    d.delivery = DeliveryLine{};
    d.delivery.pickupPlace = QStringLiteral("一楼综合出件窗口（12号）");
    d.collectBy = QDate(2025, 4, 25);
    d.bring = {QStringLiteral("本人居民身份证原件"), QStringLiteral("受理回执")};
    Pdf pickup;
    REQUIRE(CompletionNotice(d).renderPdf(pickup.path).ok());
    flat = squeezed(pdfText(pickup.path, 0, false));
    for (const QString& s : {d.delivery.pickupPlace, Document::formatDate(d.collectBy), d.bring[0],
                             d.bring[1], CentreSettings().openingHours})
        CHECK(flat.contains(squeezed(s)));
}
