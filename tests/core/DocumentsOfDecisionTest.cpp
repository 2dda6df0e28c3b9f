// The document each decision hands the applicant, built from the case as
// stored: what was received and reused, who, which items, the promise;
// every missing or defective material; the refusal's reason and basis.
#include "IntakeFixture.h"
#include "documents/AcceptanceReceipt.h"
#include "documents/CaseDocuments.h"
#include "documents/CentreSettings.h"
#include "documents/NonAcceptanceNotice.h"
#include "documents/OneTimeNotice.h"

#include <catch2/catch.hpp>

using namespace ow;
using namespace ow::test;

namespace {

const QString kCode = QStringLiteral("91320581MA1X00001B");

// A grade-A enterprise whose licence was received at an earlier case.
Intake enterpriseWithLicenceOnFile(IntakeFixture& f, QString& earlierNumber)
{
    Intake first = f.service->begin();
    REQUIRE(f.service
                ->setApplicant(first, legalPerson(QStringLiteral("常熟市东南建筑设计院有限公司"),
                                                  kCode, CreditGrade::A))
                .ok());
    REQUIRE(first.addItem(QStringLiteral("SWJ-XK-001")).ok());
    first.prefillForm();
    setForm(first, {{QStringLiteral("business_address"), QStringLiteral("常熟高新区湖山路8号")},
                    {QStringLiteral("drainage_type"), QStringLiteral("其他")},
                    {QStringLiteral("daily_discharge"), QStringLiteral("2")}});
    receiveEverything(first);
    auto d = f.service->accept(first);
    if (!d)
        FAIL(d.error().fullText().toStdString());
    earlierNumber = d->caseNumber;

    Intake next = f.service->begin();
    REQUIRE(f.service
                ->setApplicant(next, legalPerson(QStringLiteral("常熟市东南建筑设计院有限公司"),
                                                 kCode, CreditGrade::None))
                .ok());
    return next;
}

// The one document of `kind` a decision hands over, built from the store.
template <typename T>
std::shared_ptr<const T> handedOver(IntakeFixture& f, const Decision& d, DocumentKind kind)
{
    const QList<DocumentToPrint> wanted = CaseDocuments::afterDecision(d);
    REQUIRE(wanted.size() == 1);
    CHECK(wanted[0].kind == kind);
    auto prepared = CaseDocuments(*f.store.db).forCase(wanted[0].kind, wanted[0].number);
    if (!prepared)
        FAIL(prepared.error().fullText().toStdString());
    auto doc = std::dynamic_pointer_cast<const T>(prepared->document);
    REQUIRE(doc);
    return doc;
}

} // namespace

TEST_CASE("the receipt lists what was received and what was reused, with its source",
          "[intake][documents]")
{
    IntakeFixture f;
    QString earlier;
    Intake intake = enterpriseWithLicenceOnFile(f, earlier);
    REQUIRE(intake.addItem(QStringLiteral("SWJ-XK-001")).ok());
    REQUIRE(intake.addItem(QStringLiteral("ZGJ-XK-001")).ok());
    intake.prefillForm();
    setForm(intake, {{QStringLiteral("business_address"), QStringLiteral("常熟高新区湖山路8号")},
                     {QStringLiteral("drainage_type"), QStringLiteral("其他")},
                     {QStringLiteral("daily_discharge"), QStringLiteral("2")},
                     {QStringLiteral("project_name"), QStringLiteral("东南设计院办公楼")},
                     {QStringLiteral("project_address"), QStringLiteral("常熟高新区湖山路8号")},
                     {QStringLiteral("land_supply"), QStringLiteral("出让")},
                     {QStringLiteral("building_area"), QStringLiteral("3200")}});
    REQUIRE(intake.checklist().line(QStringLiteral("business-licence"))->state ==
            MaterialState::Reused);
    receiveEverything(intake);
    DeliveryChoice pickup;
    auto d = f.service->accept(intake, {Channel::Counter, pickup, false, std::nullopt, std::nullopt, true});
    if (!d)
        FAIL(d.error().fullText().toStdString());

    const auto receipt = handedOver<AcceptanceReceipt>(f, *d, DocumentKind::AcceptanceReceipt);
    const AcceptanceReceiptData& r = receipt->data();
    CHECK(r.caseNumber == d->caseNumber);
    CHECK(r.applicant.name == QStringLiteral("常熟市东南建筑设计院有限公司"));
    CHECK(r.applicant.idType == QStringLiteral("统一社会信用代码"));
    CHECK(r.applicant.idNumber == kCode);
    CHECK(r.agent.isEmpty());
    REQUIRE(r.items.size() == 2);
    CHECK(r.promisedDate == d->promisedDate);
    CHECK(r.promisedWorkingDays == d->promisedDays);
    CHECK(r.site == CentreSettings{}.name); // the centre, from its settings
    CHECK(r.window == QStringLiteral("A03"));
    CHECK(r.clerk == QStringLiteral("张敏"));
    CHECK(r.acceptedAt == intakeMorning());
    int reused = 0;
    for (const MaterialLine& m : r.materials) {
        if (m.name == QStringLiteral("营业执照")) {
            CHECK(m.reused);
            CHECK(m.source == QStringLiteral("复用办件 %1").arg(earlier));
            ++reused;
        } else {
            CHECK_FALSE(m.reused);
        }
    }
    CHECK(reused == 1);
    // One line per material received or reused: none left out, none twice.
    int expected = 0;
    for (const ChecklistLine& l : intake.checklist().lines())
        expected += l.state == MaterialState::Received || l.state == MaterialState::Reused;
    CHECK(r.materials.size() == expected);
}

TEST_CASE("the one-time notice names every outstanding material, the refusal its basis",
          "[intake][documents]")
{
    IntakeFixture f;
    Intake intake = f.service->begin();
    REQUIRE(f.service
                ->setApplicant(intake, naturalPerson(QStringLiteral("李明"),
                                                     QStringLiteral("320581197003144512")))
                .ok());
    REQUIRE(intake.addItem(QStringLiteral("SWJ-XK-001")).ok());
    intake.prefillForm();
    setForm(intake, {{QStringLiteral("drainage_type"), QStringLiteral("餐饮")}});
    receiveEverything(intake);
    REQUIRE(intake.checklist().markMissing(QStringLiteral("business-licence")).ok());
    REQUIRE(intake.checklist()
                .markDefective(QStringLiteral("drainage-drawings"),
                               QStringLiteral("未标明专用检测井位置"))
                .ok());

    SECTION("corrections")
    {
        auto d = f.service->requestCorrection(intake);
        if (!d)
            FAIL(d.error().fullText().toStdString());
        const auto notice = handedOver<OneTimeNotice>(f, *d, DocumentKind::OneTimeNotice);
        const OneTimeNoticeData& n = notice->data();
        CHECK(n.documentNumber == d->noticeNumber);
        REQUIRE(n.defects.size() == 2);
        CHECK(n.defects[0].material == QStringLiteral("营业执照"));
        CHECK(n.defects[0].missing);
        CHECK_FALSE(n.defects[0].whatToBring.isEmpty());
        CHECK_FALSE(n.defects[1].missing);
        CHECK(n.defects[1].reason == QStringLiteral("未标明专用检测井位置"));
        CHECK(n.legalBasis.contains(QStringLiteral("城镇排水与污水处理条例")));
        CHECK_FALSE(n.conditions.isEmpty());
        CHECK(n.issuedOn == QDate(2025, 3, 14));
    }
    SECTION("refusal")
    {
        RefusalOptions refusal;
        refusal.reason = QStringLiteral("居民生活污水无需申领排水许可证");
        refusal.legalBasis = QStringLiteral("《城镇污水排入排水管网许可管理办法》第二条");
        auto d = f.service->refuse(intake, refusal);
        if (!d)
            FAIL(d.error().fullText().toStdString());
        const auto notice =
            handedOver<NonAcceptanceNotice>(f, *d, DocumentKind::NonAcceptanceNotice);
        const NonAcceptanceNoticeData& n = notice->data();
        CHECK(n.documentNumber == d->noticeNumber);
        CHECK(n.reason == refusal.reason);
        CHECK(n.legalBasis == refusal.legalBasis);
        CHECK(n.items == QStringList{QStringLiteral("排水许可证核发")});
        CHECK(n.applicant.idNumber == QStringLiteral("320581197003144512"));
    }
}

TEST_CASE("an EMS receipt keeps the region of the address apart from the street",
          "[intake][documents]")
{
    IntakeFixture f;
    Intake intake = f.service->begin();
    REQUIRE(f.service
                ->setApplicant(intake, naturalPerson(QStringLiteral("李明"),
                                                     QStringLiteral("320581197003144512")))
                .ok());
    REQUIRE(intake.addItem(QStringLiteral("SWJ-XK-001")).ok());
    intake.prefillForm();
    setForm(intake, {{QStringLiteral("shop_name"), QStringLiteral("李记面馆")},
                     {QStringLiteral("business_address"), QStringLiteral("常熟市虞山北路100号")},
                     {QStringLiteral("drainage_type"), QStringLiteral("餐饮")},
                     {QStringLiteral("daily_discharge"), QStringLiteral("3.5")},
                     {QStringLiteral("key_polluter"), QStringLiteral("false")},
                     {QStringLiteral("postcode"), QStringLiteral("215500")}});
    receiveEverything(intake);
    AcceptOptions options;
    options.delivery.method = Delivery::Ems;
    options.delivery.phone = QStringLiteral("13773200011");
    options.delivery.address = QStringLiteral("江苏省常熟市虞山街道虞山北路100号");
    options.delivery.postcode = QStringLiteral("215500");
    auto d = f.service->accept(intake, options);
    if (!d)
        FAIL(d.error().fullText().toStdString());
    const auto receipt = handedOver<AcceptanceReceipt>(f, *d, DocumentKind::AcceptanceReceipt);
    const AcceptanceReceiptData& r = receipt->data();
    CHECK(r.delivery.address.region == QStringLiteral("江苏省常熟市"));
    CHECK(r.delivery.address.detail == QStringLiteral("虞山街道虞山北路100号"));
    CHECK(r.delivery.address.postcode == QStringLiteral("215500"));
    CHECK(r.delivery.address.full() == options.delivery.address);
    CHECK(r.delivery.recipient == QStringLiteral("李明")); // the applicant, when not given
}
