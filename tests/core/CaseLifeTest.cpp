// The life of a case after acceptance through CaseLifeService on a real
// store: scenario 8 end to end, guarded moves with their messages, the
// window's own approval, hand-over with the collector's ID, withdrawal,
// the legal clock across the 2025 National Day holiday, all-or-nothing.
#include "cases/CaseLife.h"

#include "CaseLifeFixture.h"
#include "applicants/Validators.h"
#include "audit/AuditLog.h"
#include "cases/CaseRepository.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <catch2/catch.hpp>

using namespace ow;
using namespace ow::test;

namespace {

const QString& kSite = kLifeSite;
const QString& kApplicantId = kWangJianhuaId;

// 王建华's construction planning permit (建设工程规划许可证, 3 working days),
// or the immediate property-records query (不动产登记资料查询), accepted.
QString acceptCase(IntakeFixture& f, const QString& item = QStringLiteral("ZGJ-XK-001"))
{
    Intake intake = item == QLatin1String("ZGJ-XK-001") ? planningPermitFor(f) : [&] {
        Intake query = f.service->begin();
        REQUIRE(
            f.service->setApplicant(query, naturalPerson(QStringLiteral("王建华"), kApplicantId))
                .ok());
        REQUIRE(query.addItem(item).ok());
        query.prefillForm();
        setForm(query, {{QStringLiteral("query_purpose"), QStringLiteral("其他")}});
        return query;
    }();
    receiveEverything(intake);
    auto d = f.service->accept(intake);
    if (!d)
        FAIL(d.error().fullText().toStdString());
    return d->caseNumber;
}

// A valid resident ID of someone else (check character computed).
QString otherPersonsId()
{
    const QString first17 = QStringLiteral("32058119800101123");
    return first17 + residentIdCheckChar(first17);
}

} // namespace

TEST_CASE("case life: scenario 8, accepted, forwarded, approved, completed and collected the "
          "same day",
          "[cases][scenario]")
{
    IntakeFixture f;
    const QString number = acceptCase(f);
    const Place window{kSite, QStringLiteral("A03"), QStringLiteral("张敏")};
    CaseLifeService life(*f.store.db,
                         clerkSession(QStringLiteral("zhangmin"), QStringLiteral("张敏")), window,
                         f.clock);

    f.clock.advanceSecs(5 * 60);
    auto forwarded = life.forward(number, QStringLiteral("市住建局审批科"));
    if (!forwarded)
        FAIL(forwarded.error().fullText().toStdString());
    CHECK(forwarded->status == CaseStatus::Forwarded);

    // The approval section's decision, recorded at the window.
    f.clock.advanceSecs(40 * 60);
    auto approved = life.approve(number);
    if (!approved)
        FAIL(approved.error().fullText().toStdString());
    CHECK(approved->status == CaseStatus::Approved);

    f.clock.advanceSecs(5 * 60);
    auto completed = life.complete(number);
    REQUIRE(completed.ok());
    CHECK(completed->status == CaseStatus::Completed);

    f.clock.advanceSecs(3 * 3600);
    auto collected = life.handOver(number, {QStringLiteral("王建华"), kApplicantId, false});
    if (!collected)
        FAIL(collected.error().fullText().toStdString());
    CHECK(collected->status == CaseStatus::Delivered);

    const CaseRecord c = byNumber(f, number);
    CHECK(c.status == CaseStatus::Delivered);
    REQUIRE(c.history.size() == 5);
    const QStringList steps{QStringLiteral("accepted"), QStringLiteral("forwarded"),
                            QStringLiteral("approved"), QStringLiteral("completed"),
                            QStringLiteral("delivered")};
    for (int i = 0; i < 5; ++i) {
        INFO(i);
        CHECK(c.history[i].to == steps[i]);
        if (i > 0)
            CHECK(c.history[i].from == steps[i - 1]);
        CHECK(c.history[i].at.date() == intakeMorning().date());
        CHECK(c.history[i].place.clerk == QStringLiteral("张敏"));
        CHECK(c.history[i].place.siteCode == kSite);
        CHECK(c.history[i].place.window == QStringLiteral("A03"));
    }
    CHECK(c.history[1].at == intakeMorning().addSecs(5 * 60));
    CHECK(c.history[4].at == intakeMorning().addSecs(5 * 60 + 45 * 60 + 3 * 3600));
    CHECK(c.history[1].note.contains(QStringLiteral("市住建局审批科")));

    // One status request for the centre per step, each from the version before.
    const QList<QJsonObject> requests = statusRequests(f);
    REQUIRE(requests.size() == 4);
    for (int i = 0; i < 4; ++i) {
        INFO(i);
        CHECK(requests[i].value(QStringLiteral("from")).toString() == steps[i]);
        CHECK(requests[i].value(QStringLiteral("to")).toString() == steps[i + 1]);
        CHECK(requests[i].value(QStringLiteral("seen_version")).toInt() == i + 1);
        CHECK(requests[i].value(QStringLiteral("by")).toString() == QStringLiteral("张敏"));
    }

    auto progress = life.progress(c.id);
    REQUIRE(progress.ok());
    CHECK(progress->department == QStringLiteral("市住建局审批科"));
    CHECK(progress->result == QStringLiteral("approved"));
    CHECK(progress->resultBy == QStringLiteral("department"));
    REQUIRE(progress->handover.has_value());
    CHECK(progress->handover->collectorIdNumber == kApplicantId);
    CHECK_FALSE(progress->handover->authorised);
    CHECK(progress->handover->place.window == QStringLiteral("A03"));

    // Each move in the audit log, by the clerk's login.
    auto audit = AuditLog(*f.store.db).list();
    REQUIRE(audit.ok());
    QStringList actions;
    for (const AuditRecord& r : *audit)
        if (r.subject == number && r.action.startsWith(QLatin1String("case.")))
            actions << r.action + QLatin1Char('/') + r.actor;
    CHECK(actions == QStringList{QStringLiteral("case.forward/zhangmin"),
                                 QStringLiteral("case.approve/zhangmin"),
                                 QStringLiteral("case.complete/zhangmin"),
                                 QStringLiteral("case.handover/zhangmin")});
    CHECK(AuditLog(*f.store.db).verify()->ok());
}

TEST_CASE("case life: a move from the wrong status is refused with the case, its status and "
          "what may come next",
          "[cases]")
{
    IntakeFixture f;
    const QString number = acceptCase(f);
    CaseLifeService life(*f.store.db, Session::system(), {kSite, QStringLiteral("A03"), {}},
                         f.clock);

    // A promised item is not completed at the window before its result.
    auto early = life.complete(number);
    REQUIRE_FALSE(early.ok());
    CHECK(early.error().kind == Error::Kind::Conflict);
    const QString msg = early.error().message;
    CHECK(msg.contains(number));
    CHECK(msg.contains(displayName(CaseStatus::Accepted)));
    CHECK(msg.contains(displayName(CaseStatus::Forwarded)));
    CHECK(msg.contains(displayName(CaseStatus::Withdrawn)));

    auto handed = life.handOver(number, {QStringLiteral("王建华"), kApplicantId, false});
    REQUIRE_FALSE(handed.ok());
    CHECK(handed.error().message.contains(number));

    REQUIRE(life.forward(number, QStringLiteral("市住建局")).ok());
    auto again = life.forward(number, QStringLiteral("市住建局"));
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().message.contains(displayName(CaseStatus::Forwarded)));
    CHECK(again.error().message.contains(displayName(CaseStatus::Approved)));

    // Forwarding needs the department; a refusal its reason.
    const QString second = acceptCase(f);
    auto noDept = life.forward(second, QStringLiteral("  "));
    REQUIRE_FALSE(noDept.ok());
    REQUIRE(noDept.error().problems.size() == 1);
    CHECK(noDept.error().problems[0].field == QStringLiteral("department"));
    auto noReason = life.refuse(number, {});
    REQUIRE_FALSE(noReason.ok());
    CHECK(noReason.error().problems[0].field == QStringLiteral("reason"));

    // Nothing of the refused moves was written.
    CHECK(byNumber(f, number).history.size() == 2);
    CHECK(byNumber(f, second).history.size() == 1);
    CHECK(f.count(QStringLiteral("outbox"), QStringLiteral("entity = 'case_status'")) == 1);

    // An immediate item (即办件) is completed at acceptance: next is the pick-up.
    const QString immediate = acceptCase(f, QStringLiteral("BDC-GG-001"));
    CHECK(byNumber(f, immediate).status == CaseStatus::Completed);
    auto twice = life.complete(immediate);
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().message.contains(displayName(CaseStatus::AwaitingPickup)));
    CHECK(twice.error().message.contains(displayName(CaseStatus::Delivered)));
    CHECK(life.handOver(immediate, {QStringLiteral("王建华"), kApplicantId, false})->status ==
          CaseStatus::Delivered);
}

TEST_CASE("case life: the window approves only items the clerk holds the authority for",
          "[cases][auth]")
{
    IntakeFixture f;
    const QString number = acceptCase(f);
    const Session clerk = clerkSession(QStringLiteral("lihua"), QStringLiteral("李华"));
    CaseLifeService asClerk(*f.store.db, clerk, {}, f.clock);

    auto refused = asClerk.approve(number);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == Error::Kind::Forbidden);
    CHECK(refused.error().message.contains(QStringLiteral("lihua")));
    CHECK(refused.error().message.contains(QStringLiteral("ZGJ-XK-001")));
    CHECK(refused.error().message.contains(number));
    REQUIRE_FALSE(asClerk.refuse(number, QStringLiteral("材料不符")).ok());
    CHECK(byNumber(f, number).status == CaseStatus::Accepted);

    // A clerk may not grant the authority; the administrator (here the
    // machine's operator) may, per clerk and item.
    CHECK(
        asClerk.grantApproval(QStringLiteral("lihua"), QStringLiteral("ZGJ-XK-001")).error().kind ==
        Error::Kind::Forbidden);
    CaseLifeService admin(*f.store.db, Session::system(), {}, f.clock);
    REQUIRE(admin.grantApproval(QStringLiteral("lihua"), QStringLiteral("ZGJ-XK-001")).ok());
    CHECK(*admin.approvalItems(QStringLiteral("lihua")) ==
          QStringList{QStringLiteral("ZGJ-XK-001")});

    auto approved = asClerk.approve(number, QStringLiteral("材料齐全，当场审批"));
    if (!approved)
        FAIL(approved.error().fullText().toStdString());
    CHECK(approved->status == CaseStatus::Approved);
    CHECK(approved->history.last().place.clerk == QStringLiteral("lihua"));
    CHECK(approved->history.last().place.window == QStringLiteral("A05"));
    auto progress = asClerk.progress(approved->id);
    CHECK(progress->resultBy == QStringLiteral("window"));
    CHECK(progress->resultReason == QStringLiteral("材料齐全，当场审批"));

    // The authority covers that item only.
    REQUIRE(admin.revokeApproval(QStringLiteral("lihua"), QStringLiteral("ZGJ-XK-001")).ok());
    REQUIRE(admin.grantApproval(QStringLiteral("lihua"), QStringLiteral("BDC-GG-001")).ok());
    const QString third = acceptCase(f);
    CHECK(asClerk.approve(third).error().kind == Error::Kind::Forbidden);

    // A clerk pauses the clock for a correction; a special procedure (特别程序:
    // a hearing, an expert review) takes the supervisor.
    auto special = asClerk.pauseClock(third, QStringLiteral("special"), QStringLiteral("专家评审"));
    REQUIRE_FALSE(special.ok());
    CHECK(special.error().kind == Error::Kind::Forbidden);
    CHECK(special.error().message.contains(displayName(Role::Supervisor)));
    CHECK(asClerk.progress(byNumber(f, third).id)->pauses.isEmpty());
    REQUIRE(
        asClerk.pauseClock(third, QStringLiteral("correction"), QStringLiteral("补正图纸")).ok());
    REQUIRE(asClerk.resumeClock(third).ok());

    // No one signed in may do nothing.
    CaseLifeService nobody(*f.store.db, Session(), {}, f.clock);
    auto none = nobody.forward(third, QStringLiteral("市住建局"));
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().kind == Error::Kind::Forbidden);
    CHECK(byNumber(f, third).history.size() == 1);
}

TEST_CASE("case life: hand-over checks the collector's ID", "[cases]")
{
    IntakeFixture f;
    const QString number = acceptCase(f);
    CaseLifeService life(*f.store.db, Session::system(),
                         {kSite, QStringLiteral("A03"), QStringLiteral("张敏")}, f.clock);
    REQUIRE(life.forward(number, QStringLiteral("市住建局")).ok());
    REQUIRE(life.approve(number).ok());
    REQUIRE(life.complete(number).ok());

    // Someone else's valid ID, not marked as authorised.
    auto wrong = life.handOver(number, {QStringLiteral("李四"), otherPersonsId(), false});
    REQUIRE_FALSE(wrong.ok());
    REQUIRE(wrong.error().problems.size() == 1);
    CHECK(wrong.error().problems[0].field == QStringLiteral("collectorId"));
    CHECK(wrong.error().message.contains(number));
    // An ID failing its check character.
    auto bad = life.handOver(
        number, {QStringLiteral("王建华"), QStringLiteral("320581196503151230"), false});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().kind == Error::Kind::Invalid);
    CHECK(byNumber(f, number).status == CaseStatus::Completed);
    CHECK(f.count(QStringLiteral("case_handover")) == 0);

    // The person the applicant authorised, with their own ID.
    auto ok = life.handOver(number, {QStringLiteral("李四"), otherPersonsId(), true});
    if (!ok)
        FAIL(ok.error().fullText().toStdString());
    CHECK(ok->status == CaseStatus::Delivered);
    auto progress = life.progress(ok->id);
    REQUIRE(progress->handover.has_value());
    CHECK(progress->handover->collectorName == QStringLiteral("李四"));
    CHECK(progress->handover->collectorIdNumber == otherPersonsId());
    CHECK(progress->handover->authorised);
}

TEST_CASE("case life: withdrawal with its reason, from any status before a result", "[cases]")
{
    IntakeFixture f;
    CaseLifeService life(*f.store.db, Session::system(), {kSite, QStringLiteral("A03"), {}},
                         f.clock);
    const QString accepted = acceptCase(f);
    auto noReason = life.withdraw(accepted, QStringLiteral(" "));
    REQUIRE_FALSE(noReason.ok());
    CHECK(noReason.error().problems[0].field == QStringLiteral("reason"));

    auto w = life.withdraw(accepted, QStringLiteral("申请人书面申请撤回"));
    REQUIRE(w.ok());
    CHECK(w->status == CaseStatus::Withdrawn);
    CHECK(w->history.last().note == QStringLiteral("申请人书面申请撤回"));
    auto after = life.forward(accepted, QStringLiteral("市住建局"));
    REQUIRE_FALSE(after.ok());
    CHECK(after.error().message.contains(displayName(CaseStatus::Withdrawn)));

    const QString forwarded = acceptCase(f);
    REQUIRE(life.forward(forwarded, QStringLiteral("市住建局")).ok());
    CHECK(life.withdraw(forwarded, QStringLiteral("项目取消"))->status == CaseStatus::Withdrawn);

    const QString decided = acceptCase(f);
    REQUIRE(life.forward(decided, QStringLiteral("市住建局")).ok());
    REQUIRE(life.approve(decided).ok());
    auto late = life.withdraw(decided, QStringLiteral("项目取消"));
    REQUIRE_FALSE(late.ok());
    CHECK(late.error().kind == Error::Kind::Conflict);
    CHECK(f.count(QStringLiteral("outbox"), QStringLiteral("entity = 'case_status'")) == 5);
}

TEST_CASE("case life: the legal clock across the National Day holiday, yellow, red and paused",
          "[cases][calendar]")
{
    IntakeFixture f;
    // Monday 29 September 2025: 3 working days are 30 September, then (1-8
    // October off) 9 and 10 October.
    f.clock.set(QDateTime(QDate(2025, 9, 29), QTime(10, 0), QTimeZone(8 * 3600)));
    const QString number = acceptCase(f);
    CaseLifeService life(*f.store.db, Session::system(), {kSite, QStringLiteral("A03"), {}},
                         f.clock);
    const WorkCalendar& cal = WorkCalendar::builtIn();

    auto at = [&](const QDate& today, int yellow = 2) {
        auto c = life.clockOf(number, today, cal, yellow);
        REQUIRE(c.ok());
        return *c;
    };
    CaseClock c = at(QDate(2025, 9, 29));
    CHECK(c.promisedDate == QDate(2025, 10, 10));
    CHECK(c.dueDate == QDate(2025, 10, 10));
    CHECK(c.workingDaysLeft == 3);
    CHECK(c.state == ClockState::Ok);
    CHECK(at(QDate(2025, 9, 29), 3).state == ClockState::Yellow);
    // Ten calendar days ahead, but two working days: yellow.
    c = at(QDate(2025, 9, 30));
    CHECK(c.workingDaysLeft == 2);
    CHECK(c.state == ClockState::Yellow);
    c = at(QDate(2025, 10, 5)); // in the holiday
    CHECK(c.workingDaysLeft == 2);
    CHECK(c.state == ClockState::Yellow);
    c = at(QDate(2025, 10, 10));
    CHECK(c.workingDaysLeft == 0);
    CHECK(c.state == ClockState::Yellow);
    // Saturday 11 October is an adjusted working day (国庆调休): a day late.
    c = at(QDate(2025, 10, 11));
    CHECK(c.workingDaysLeft == -1);
    CHECK(c.state == ClockState::Red);

    // A special procedure from 30 September to 10 October stops the clock
    // for the working days it ran (9 and 10 October).
    f.clock.set(QDateTime(QDate(2025, 9, 30), QTime(9, 0), QTimeZone(8 * 3600)));
    REQUIRE(life.pauseClock(number, QStringLiteral("special"), QStringLiteral("专家评审")).ok());
    CHECK(life.pauseClock(number, QStringLiteral("correction"), {}).error().kind ==
          Error::Kind::Conflict);
    c = at(QDate(2025, 10, 9));
    CHECK(c.state == ClockState::Paused);
    CHECK(c.pausedWorkingDays == 1);
    f.clock.set(QDateTime(QDate(2025, 10, 10), QTime(9, 0), QTimeZone(8 * 3600)));
    REQUIRE(life.resumeClock(number).ok());
    c = at(QDate(2025, 10, 10));
    CHECK(c.pausedWorkingDays == 2);
    // Two working days after 10 October: Saturday 11 (调休) and Monday 13.
    CHECK(c.dueDate == QDate(2025, 10, 13));
    CHECK(c.workingDaysLeft == 2);
    CHECK(c.state == ClockState::Yellow);
    CHECK(at(QDate(2025, 10, 14)).state == ClockState::Red);
    CHECK(life.resumeClock(number).error().kind == Error::Kind::Conflict);
    CHECK(life.pauseClock(number, QStringLiteral("holiday"), {}).error().problems[0].field ==
          QStringLiteral("kind"));

    // Completed on time: the clock stops and warns no more.
    REQUIRE(life.forward(number, QStringLiteral("市住建局")).ok());
    REQUIRE(life.approve(number).ok());
    REQUIRE(life.complete(number).ok());
    c = at(QDate(2025, 12, 1));
    CHECK_FALSE(c.running);
    CHECK(c.state == ClockState::Ok);
    CHECK(c.workingDaysLeft == 2); // completed on 10 October, due the 13th

    // Across the 2026 Spring Festival (15-23 February off, 14 and 28 a
    // working Saturday), by the free function.
    CaseRecord r;
    r.status = CaseStatus::Forwarded;
    r.promisedDate = cal.addWorkingDays(QDate(2026, 2, 12), 3).date;
    CHECK(r.promisedDate == QDate(2026, 2, 24)); // 13, 14 (Saturday worked), 24
    CHECK(ow::clockOf(r, {}, QDate(2026, 2, 12), cal).state == ClockState::Ok);
    // Ten calendar days ahead, one working day.
    CHECK(ow::clockOf(r, {}, QDate(2026, 2, 14), cal).workingDaysLeft == 1);
    CHECK(ow::clockOf(r, {}, QDate(2026, 2, 14), cal).state == ClockState::Yellow);
    CHECK(ow::clockOf(r, {}, QDate(2026, 2, 25), cal).state == ClockState::Red);
}

TEST_CASE("case life: a failure inside the transaction leaves no history, outbox or audit entry",
          "[cases]")
{
    const QString step = GENERATE(QStringLiteral("status"), QStringLiteral("detail"),
                                  QStringLiteral("outbox"), QStringLiteral("audit"));
    INFO(step.toStdString());
    IntakeFixture f;
    const QString number = acceptCase(f);
    CaseLifeService life(*f.store.db, Session::system(), {kSite, QStringLiteral("A03"), {}},
                         f.clock);
    const int history = f.count(QStringLiteral("case_status_history"));
    const int outbox = f.count(QStringLiteral("outbox"));
    const int audit = f.count(QStringLiteral("audit_log"));
    life.setFaultHook([&](const QString& at) -> Status {
        if (at == step)
            return Error::storage(QStringLiteral("disk full"));
        return {};
    });
    auto failed = life.forward(number, QStringLiteral("市住建局"));
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().message == QStringLiteral("disk full"));
    CHECK(f.count(QStringLiteral("case_status_history")) == history);
    CHECK(f.count(QStringLiteral("outbox")) == outbox);
    CHECK(f.count(QStringLiteral("audit_log")) == audit);
    CHECK(f.count(QStringLiteral("case_progress")) == 0);
    CHECK(byNumber(f, number).status == CaseStatus::Accepted);

    // Once the fault is gone the same move goes through whole.
    life.setFaultHook({});
    REQUIRE(life.forward(number, QStringLiteral("市住建局")).ok());
    CHECK(f.count(QStringLiteral("case_status_history")) == history + 1);
    CHECK(f.count(QStringLiteral("outbox")) == outbox + 1);
    CHECK(f.count(QStringLiteral("audit_log")) == audit + 1);
}
