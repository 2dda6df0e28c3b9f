// The other decisions through IntakeService on the sample catalogue: the
// correction (补正) resumed at the next visit, the refusal (不予受理), and
// the applicant's file (earlier cases, materials reused from it).
#include "IntakeFixture.h"
#include "applicants/ApplicantRepository.h"
#include "cases/CaseRepository.h"
#include "sync/Outbox.h"

#include <catch2/catch.hpp>

using namespace ow;
using namespace ow::test;

namespace {

const Problem* problemAt(const Error& e, const QString& where)
{
    for (const Problem& p : e.problems)
        if (p.where == where)
            return &p;
    return nullptr;
}

CaseRecord storedCase(IntakeFixture& f, const QString& id)
{
    auto found = CaseRepository(*f.store.db).findById(id);
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    return **found;
}

} // namespace

TEST_CASE("a correction lists everything, the next visit resumes it as visit 2",
          "[intake][correction]")
{
    IntakeFixture f;
    const Applicant li =
        naturalPerson(QStringLiteral("李明"), QStringLiteral("320581197003144512"));
    auto prepare = [&]() {
        Intake intake = f.service->begin();
        REQUIRE(f.service->setApplicant(intake, li).ok());
        REQUIRE(intake.addItem(QStringLiteral("SWJ-XK-001")).ok());
        intake.prefillForm();
        setForm(intake, {{QStringLiteral("shop_name"), QStringLiteral("李记面馆")},
                         {QStringLiteral("business_address"), QStringLiteral("常熟市虞山街道")},
                         {QStringLiteral("drainage_type"), QStringLiteral("餐饮")},
                         {QStringLiteral("daily_discharge"), QStringLiteral("2")}});
        return intake;
    };
    Intake first = prepare();
    REQUIRE(first.checklist()
                .markReceived(QStringLiteral("business-licence"), MaterialForm::OriginalAndCopy, 1)
                .ok());
    REQUIRE(first.checklist()
                .markReceived(QStringLiteral("concealed-works-report"), MaterialForm::Original, 1)
                .ok());
    REQUIRE(first.checklist()
                .markReceived(QStringLiteral("pretreatment-proof"), MaterialForm::Original, 1)
                .ok());
    REQUIRE(first.checklist()
                .markDefective(QStringLiteral("drainage-drawings"),
                               QStringLiteral("图纸未标注检测井位置"),
                               QStringLiteral("补充标注专用检测井位置的排水管网图纸一份"))
                .ok());
    REQUIRE(first.checklist().markMissing(QStringLiteral("water-quality-report")).ok());
    CHECK_FALSE(f.service->accept(first).ok());

    auto corr = f.service->requestCorrection(first);
    if (!corr)
        FAIL(corr.error().fullText().toStdString());
    CHECK(corr->noticeNumber == QStringLiteral("320581001-20250314-C0001"));
    CHECK(corr->caseNumber.isEmpty());
    CHECK(corr->status == CaseStatus::CorrectionRequested);
    REQUIRE(corr->correctionLines.size() == 2);
    CHECK(corr->correctionLines[0].materialId == QStringLiteral("drainage-drawings"));
    CHECK(corr->correctionLines[0].whatToBring ==
          QStringLiteral("补充标注专用检测井位置的排水管网图纸一份"));
    CHECK(corr->correctionLines[1].materialId == QStringLiteral("water-quality-report"));
    CHECK_FALSE(corr->correctionLines[1].whatToBring.isEmpty());
    CHECK(f.count(QStringLiteral("correction_line")) == 2);

    // Three days later the applicant comes back with what was missing.
    f.clock.set(QDateTime(QDate(2025, 3, 17), QTime(14, 0), intakeMorning().timeZone()));
    Intake second = prepare();
    auto open = f.service->openCorrection(second);
    REQUIRE(open.ok());
    REQUIRE(open->has_value());
    CHECK((*open)->number == QStringLiteral("320581001-20250314-C0001"));
    REQUIRE(f.service->resume(second).ok());
    CHECK(second.checklist().line(QStringLiteral("business-licence"))->state ==
          MaterialState::Received);
    CHECK(second.checklist().line(QStringLiteral("drainage-drawings"))->state ==
          MaterialState::Pending);
    REQUIRE(second.checklist()
                .markReceived(QStringLiteral("drainage-drawings"), MaterialForm::Original, 2)
                .ok());
    REQUIRE(second.checklist()
                .markReceived(QStringLiteral("water-quality-report"), MaterialForm::Original, 1)
                .ok());
    AcceptOptions ems;
    ems.delivery.method = Delivery::Ems;
    ems.delivery.address = QStringLiteral("常熟市虞山街道虞山北路100号");
    ems.delivery.postcode = QStringLiteral("215500");
    auto accepted = f.service->accept(second, ems);
    if (!accepted)
        FAIL(accepted.error().fullText().toStdString());
    CHECK(accepted->resumed);
    CHECK(accepted->visit == 2);
    CHECK(accepted->caseId == corr->caseId);
    CHECK(accepted->caseNumber == QStringLiteral("320581001-20250317-0001"));
    CHECK(accepted->promisedDate == QDate(2025, 3, 24));

    const CaseRecord c = storedCase(f, accepted->caseId);
    CHECK(c.visits == 2);
    REQUIRE(c.history.size() == 2);
    CHECK(c.history[0].to == QStringLiteral("correction_requested"));
    CHECK(c.history[1].from == QStringLiteral("correction_requested"));
    CHECK(c.history[1].to == QStringLiteral("accepted"));
    REQUIRE(c.corrections.size() == 1);
    CHECK(c.corrections[0].state == QStringLiteral("resolved"));
    CHECK(f.count(QStringLiteral("matter")) == 1);
    CHECK(f.count(QStringLiteral("matter"), QStringLiteral("state = 'closed' AND visits = 2")) ==
          1);
    CHECK(f.count(QStringLiteral("intake_case")) == 1);

    // The same case is found by its notice number too.
    auto byNotice =
        CaseRepository(*f.store.db).findByNumber(QStringLiteral("320581001-20250314-C0001"));
    REQUIRE(byNotice.ok());
    REQUIRE(byNotice->has_value());
    CHECK((*byNotice)->caseNumber == accepted->caseNumber);
}

TEST_CASE("a refusal needs its reason and legal basis", "[intake][refusal]")
{
    IntakeFixture f;
    Intake intake = f.service->begin();
    REQUIRE(f.service
                ->setApplicant(intake, naturalPerson(QStringLiteral("孙立"),
                                                     QStringLiteral("320581197508081027")))
                .ok());
    auto incomplete = f.service->refuse(intake, {});
    REQUIRE_FALSE(incomplete.ok());
    CHECK(problemAt(incomplete.error(), QStringLiteral("decision.reason")));
    CHECK(problemAt(incomplete.error(), QStringLiteral("decision.legalBasis")));
    CHECK(problemAt(incomplete.error(), QStringLiteral("decision.competentBody")));

    RefusalOptions r;
    r.reason = QStringLiteral("申请事项依法不属于本行政机关职权范围");
    r.legalBasis = QStringLiteral("《中华人民共和国行政许可法》第三十二条第一款第（二）项");
    r.competentBody = QStringLiteral("常熟海关");
    auto d = f.service->refuse(intake, r);
    if (!d)
        FAIL(d.error().fullText().toStdString());
    CHECK(d->noticeNumber == QStringLiteral("320581001-20250314-R0001"));
    CHECK(d->status == CaseStatus::NotAccepted);
    CHECK(f.count(QStringLiteral("refusal"), QStringLiteral("competent_body = '常熟海关'")) == 1);
    const CaseRecord c = storedCase(f, d->caseId);
    REQUIRE(c.refusals.size() == 1);
    CHECK(c.refusals[0].legalBasis == r.legalBasis);
}

TEST_CASE("the applicant's file: earlier cases and reusable materials with their source",
          "[intake][applicants]")
{
    IntakeFixture f;
    const Applicant wang =
        naturalPerson(QStringLiteral("王建华"), QStringLiteral("320581196503151239"));
    Intake first = f.service->begin();
    REQUIRE(f.service->setApplicant(first, wang).ok());
    REQUIRE(first.addItem(QStringLiteral("GAJ-GG-002")).ok());
    first.prefillForm();
    setForm(first, {{QStringLiteral("certificate_purpose"), QStringLiteral("出国务工")}});
    receiveEverything(first);
    auto d = f.service->accept(first);
    if (!d)
        FAIL(d.error().fullText().toStdString());

    auto file = f.service->lookupApplicant(QStringLiteral("320581196503151239"));
    REQUIRE(file.ok());
    REQUIRE(file->has_value());
    CHECK((*file)->applicant.sex == QStringLiteral("male"));
    CHECK((*file)->applicant.birthDate == QDate(1965, 3, 15));
    REQUIRE((*file)->cases.size() == 1);
    CHECK((*file)->cases[0].caseNumber == d->caseNumber);
    REQUIRE((*file)->reusable.size() == 1);
    CHECK((*file)->reusable[0].materialId == QStringLiteral("id-card"));
    CHECK((*file)->reusable[0].sourceLabel() == QStringLiteral("case:") + d->caseNumber);

    // The next intake takes the ID card from the file.
    Intake second = f.service->begin();
    Applicant typedOnlyId;
    typedOnlyId.idNumber = QStringLiteral("320581196503151239");
    REQUIRE(f.service->setApplicant(second, typedOnlyId).ok());
    CHECK(second.applicant().name == QStringLiteral("王建华")); // from the file
    REQUIRE(second.addItem(QStringLiteral("RSJ-GG-004")).ok());
    const ChecklistLine* id = second.checklist().line(QStringLiteral("id-card"));
    REQUIRE(id);
    CHECK(id->state == MaterialState::Reused);
    CHECK(id->reusedFrom == QStringLiteral("case:") + d->caseNumber);
}
