// A case awaiting a correction (补正) through CaseLifeService: it has no
// case number yet and is named by its notice number; it may be withdrawn
// (the applicant gives up: the correction and the matter close) and moved
// nowhere else; the intake takes the correction up again by its notice
// number, after which the notice no longer names the case.
#include "CaseLifeFixture.h"
#include "audit/AuditLog.h"
#include "cases/CaseLife.h"
#include "cases/CaseRepository.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <catch2/catch.hpp>

using namespace ow;
using namespace ow::test;

namespace {

const QString& kSite = kLifeSite;
const QString& kApplicantId = kWangJianhuaId;
const QString kItem = QStringLiteral("ZGJ-XK-001");

// The design scheme was not brought: a correction, its notice number.
QString correctionCase(IntakeFixture& f)
{
    Intake intake = planningPermitFor(f);
    receiveEverything(intake);
    REQUIRE(intake.checklist().markMissing(QStringLiteral("design-scheme")).ok());
    auto d = f.service->requestCorrection(intake);
    if (!d)
        FAIL(d.error().fullText().toStdString());
    REQUIRE(d->kind == DecisionKind::Correct);
    REQUIRE(d->caseNumber.isEmpty());
    return d->noticeNumber;
}

struct Written
{
    explicit Written(IntakeFixture& f)
        : history(f.count(QStringLiteral("case_status_history"))),
          outbox(f.count(QStringLiteral("outbox"))), audit(f.count(QStringLiteral("audit_log"))),
          openCorrections(f.count(QStringLiteral("correction"), QStringLiteral("state = 'open'"))),
          openMatters(f.count(QStringLiteral("matter"), QStringLiteral("state = 'open'")))
    {
    }
    bool operator==(const Written&) const = default;
    int history, outbox, audit, openCorrections, openMatters;
};

} // namespace

TEST_CASE("case life: a case awaiting a correction is named by its notice number and may only be "
          "withdrawn",
          "[cases][correction]")
{
    IntakeFixture f;
    const QString notice = correctionCase(f);
    CHECK(nextStatuses(CaseStatus::CorrectionRequested, false) ==
          QList<CaseStatus>{CaseStatus::Withdrawn});
    CaseLifeService life(*f.store.db, clerkSession(QStringLiteral("lihua"), QStringLiteral("李华")),
                         {kSite, QStringLiteral("A03"), {}}, f.clock);
    CHECK(referenceOf(byNumber(f, notice)) == notice);
    const Written before(f);

    // Nothing but a withdrawal: each refusal names the notice and what may come.
    for (auto refused : {life.forward(notice, QStringLiteral("市自然资源和规划局")),
                         life.complete(notice), life.approve(notice),
                         life.putInLocker(notice, QStringLiteral("A-1"), QStringLiteral("1234")),
                         life.handOver(notice, {QStringLiteral("王建华"), kApplicantId, false})}) {
        REQUIRE_FALSE(refused.ok());
        INFO(refused.error().message.toStdString());
        CHECK(refused.error().message.contains(notice));
        CHECK(refused.error().message.contains(displayName(CaseStatus::CorrectionRequested)));
        CHECK(refused.error().message.contains(displayName(CaseStatus::Withdrawn)));
    }
    // The withdrawal needs its reason, and someone signed in.
    CHECK(life.withdraw(notice, QStringLiteral(" ")).error().problems[0].field ==
          QStringLiteral("reason"));
    CaseLifeService nobody(*f.store.db, Session(), {kSite, QStringLiteral("A03"), {}}, f.clock);
    CHECK(nobody.withdraw(notice, QStringLiteral("申请人放弃申请")).error().kind ==
          Error::Kind::Forbidden);
    CHECK(Written(f) == before);
    CHECK(byNumber(f, notice).status == CaseStatus::CorrectionRequested);

    // Withdrawn: the history row, the request for the centre and the audit
    // entry, the correction and its matter closed, all in one.
    f.clock.advanceSecs(3600);
    auto withdrawn = life.withdraw(notice, QStringLiteral("申请人放弃申请"));
    if (!withdrawn)
        FAIL(withdrawn.error().fullText().toStdString());
    CHECK(withdrawn->status == CaseStatus::Withdrawn);
    const StatusChange& row = withdrawn->history.last();
    CHECK(row.from == QStringLiteral("correction_requested"));
    CHECK(row.to == QStringLiteral("withdrawn"));
    CHECK(row.at == f.clock.now());
    CHECK(row.place.clerk == QStringLiteral("lihua"));
    CHECK(row.place.window == QStringLiteral("A03"));
    CHECK(row.note == QStringLiteral("申请人放弃申请"));
    CHECK(withdrawn->corrections.last().state == QStringLiteral("withdrawn"));
    const Written after(f);
    CHECK(after.history == before.history + 1);
    CHECK(after.outbox == before.outbox + 1);
    CHECK(after.audit == before.audit + 1);
    CHECK(after.openCorrections == before.openCorrections - 1);
    CHECK(after.openMatters == before.openMatters - 1);
    const QJsonObject request =
        QJsonDocument::fromJson(f.scalar(QStringLiteral("SELECT payload FROM outbox WHERE entity = "
                                                        "'case_status' ORDER BY seq DESC LIMIT 1"))
                                    .toString()
                                    .toUtf8())
            .object();
    CHECK(request.value(QStringLiteral("from")).toString() ==
          QStringLiteral("correction_requested"));
    CHECK(request.value(QStringLiteral("to")).toString() == QStringLiteral("withdrawn"));
    auto audit = AuditLog(*f.store.db).list();
    REQUIRE(audit.ok());
    REQUIRE_FALSE(audit->isEmpty());
    CHECK(audit->last().action == QStringLiteral("case.withdraw"));
    CHECK(audit->last().subject == notice);
    CHECK(audit->last().actor == QStringLiteral("lihua"));

    // The applicant gave up: the intake no longer resumes it.
    CHECK(f.service->correctionVisit(notice).error().kind == Error::Kind::Conflict);
    Intake again = planningPermitFor(f);
    CHECK_FALSE(f.service->openCorrection(again)->has_value());
    CHECK(life.withdraw(notice, QStringLiteral("再次撤回")).error().kind == Error::Kind::Conflict);
}

TEST_CASE("case life: a failed withdrawal of a correction leaves the correction open",
          "[cases][correction]")
{
    const QString step = GENERATE(QStringLiteral("status"), QStringLiteral("detail"),
                                  QStringLiteral("outbox"), QStringLiteral("audit"));
    INFO(step.toStdString());
    IntakeFixture f;
    const QString notice = correctionCase(f);
    CaseLifeService life(*f.store.db, Session::system(), {kSite, QStringLiteral("A03"), {}},
                         f.clock);
    const Written before(f);
    life.setFaultHook([&](const QString& at) -> Status {
        if (at == step)
            return Error::storage(QStringLiteral("disk full"));
        return {};
    });
    auto failed = life.withdraw(notice, QStringLiteral("申请人放弃申请"));
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().message == QStringLiteral("disk full"));
    CHECK(Written(f) == before);
    CHECK(byNumber(f, notice).status == CaseStatus::CorrectionRequested);
    CHECK(f.service->correctionVisit(notice).ok());
}

TEST_CASE("case life: the intake takes a correction up by its notice number, which then no longer "
          "names the case",
          "[cases][correction]")
{
    IntakeFixture f;
    const QString notice = correctionCase(f);
    CHECK(f.service->correctionVisit(QStringLiteral("320581001-20250314-C9999")).error().kind ==
          Error::Kind::NotFound);
    auto visit = f.service->correctionVisit(notice);
    if (!visit)
        FAIL(visit.error().fullText().toStdString());
    CHECK(visit->correction.number == notice);
    CHECK(visit->applicantKey == kApplicantId);
    CHECK(visit->codes == QStringList{kItem});

    // The applicant brings the design scheme: the same matter, accepted.
    Intake intake = planningPermitFor(f);
    REQUIRE(f.service->resume(intake).ok());
    receiveEverything(intake);
    auto accepted = f.service->accept(intake);
    if (!accepted)
        FAIL(accepted.error().fullText().toStdString());
    CHECK(accepted->resumed);
    const QString number = accepted->caseNumber;
    CHECK(referenceOf(byNumber(f, number)) == number);

    CaseLifeService life(*f.store.db, clerkSession(QStringLiteral("lihua"), QStringLiteral("李华")),
                         {kSite, QStringLiteral("A03"), {}}, f.clock);
    auto byNotice = life.forward(notice, QStringLiteral("市自然资源和规划局"));
    REQUIRE_FALSE(byNotice.ok());
    CHECK(byNotice.error().kind == Error::Kind::NotFound);
    CHECK(life.forward(number, QStringLiteral("市自然资源和规划局")).ok());
}
