// Call-back tasks, satisfaction ratings and the consultation log on a real
// store: scenario 4 (a proxy service completed makes a call-back, done with
// its result), a bad rating without its reason refused and with it making a
// call-back atomically, manual call-backs, overdue ones, consultations by day.
#include "ServiceFixture.h"
#include "audit/AuditLog.h"
#include "service/CallbackService.h"
#include "service/ConsultationService.h"
#include "service/RatingService.h"

using namespace ow;
using namespace ow::test;

namespace {

CallbackService callbacksAt(IntakeFixture& f, Session s = Session::system())
{
    return CallbackService(*f.store.db, std::move(s),
                           {kServiceSite, QStringLiteral("A03"), QStringLiteral("张敏")}, f.clock);
}

} // namespace

TEST_CASE("scenario 4: Mr Chen's digital-TV fee paid as a proxy service, completed, called "
          "back, done with the result",
          "[service][callback][scenario]")
{
    IntakeFixture f;
    const QString number = acceptTvFeeByProxy(f);
    CHECK(f.count(QStringLiteral("callback_task")) == 0); // nothing done yet
    // A counter-channel case completes without a call-back.
    const QString counterCase = acceptDrainageByEms(f);
    completeCase(f, counterCase);
    CHECK(f.count(QStringLiteral("callback_task")) == 0);

    f.clock.set(f.clock.now().addSecs(3600));
    completeCase(f, number);
    CallbackService callbacks = callbacksAt(f);
    auto open = callbacks.list();
    REQUIRE(open.ok());
    REQUIRE(open->size() == 1);
    const CallbackTask t = open->first();
    CHECK(t.kind == QStringLiteral("proxy"));
    CHECK(t.caseNumber == number);
    CHECK(t.contactName == QStringLiteral("陈国富"));
    CHECK(t.contactPhone == QStringLiteral("13962300042"));
    CHECK(t.reason.contains(QStringLiteral("数字电视收视费代缴")));
    CHECK(t.dueOn == QDate(2025, 3, 17)); // Friday's completion: due the next working day
    CHECK(t.open());

    // Due Monday: overdue on Tuesday.
    CHECK(callbacks.overdue()->isEmpty());
    f.clock.set(QDateTime(QDate(2025, 3, 18), QTime(9, 0), f.clock.now().timeZone()));
    REQUIRE(callbacks.overdue()->size() == 1);

    // Done needs its result.
    auto noResult = callbacks.done(t.id, QStringLiteral(" "));
    REQUIRE_FALSE(noResult.ok());
    CHECK(noResult.error().problems[0].field == QStringLiteral("result"));
    auto done =
        callbacks.done(t.id.left(12), QStringLiteral("已电话告知陈老伯缴费成功，收视已恢复"));
    if (!done)
        FAIL(done.error().fullText().toStdString());
    CHECK_FALSE(done->open());
    CHECK(done->doneBy == QStringLiteral("张敏"));
    CHECK(done->result.contains(QStringLiteral("缴费成功")));
    CHECK(callbacks.list()->isEmpty());
    CHECK(callbacks.list(false)->size() == 1);
    // Once only.
    auto twice = callbacks.done(t.id, QStringLiteral("再次回访"));
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().kind == Error::Kind::Conflict);
    auto entries = AuditLog(*f.store.db).list();
    QStringList actions;
    for (const AuditRecord& r : *entries)
        actions << r.action;
    CHECK(actions.count(QStringLiteral("callback.add")) == 1);
    CHECK(actions.count(QStringLiteral("callback.done")) == 1);
    CHECK(AuditLog(*f.store.db).verify()->ok());
}

TEST_CASE("call-backs: an immediate proxy service completed at acceptance gets its call-back",
          "[service][callback]")
{
    IntakeFixture f;
    Intake intake = f.service->begin();
    REQUIRE(f.service
                ->setApplicant(intake, naturalPerson(QStringLiteral("顾老伯"),
                                                     QStringLiteral("320581196503151239")))
                .ok());
    REQUIRE(intake.addItem(QStringLiteral("RSJ-GG-001")).ok());
    intake.prefillForm();
    setForm(intake, {{QStringLiteral("cert_method"), QStringLiteral("村（社区）协管员代办")}});
    receiveEverything(intake);
    AcceptOptions o;
    o.channel = Channel::Proxy;
    auto d = f.service->accept(intake, o);
    REQUIRE(d.ok());
    REQUIRE(d->status == CaseStatus::Completed);
    auto open = callbacksAt(f).list();
    REQUIRE(open->size() == 1);
    CHECK(open->first().caseNumber == d->caseNumber);
    CHECK(open->first().kind == QStringLiteral("proxy"));
}

TEST_CASE("call-backs by hand: reason required, due date kept or counted on working days",
          "[service][callback]")
{
    IntakeFixture f;
    CallbackService callbacks = callbacksAt(f);
    auto noReason = callbacks.add({{}, QStringLiteral("王阿姨"), {}, {}, {}});
    REQUIRE_FALSE(noReason.ok());
    CHECK(noReason.error().problems[0].field == QStringLiteral("reason"));
    auto badPhone = callbacks.add({{}, {}, QStringLiteral("12345"), QStringLiteral("回访"), {}});
    REQUIRE_FALSE(badPhone.ok());
    CHECK(badPhone.error().problems[0].field == QStringLiteral("contactPhone"));
    auto past = callbacks.add({{}, {}, {}, QStringLiteral("回访"), QDate(2025, 3, 1)});
    REQUIRE_FALSE(past.ok());
    CHECK(past.error().problems[0].field == QStringLiteral("dueOn"));
    auto noCase = callbacks.add(
        {QStringLiteral("320581001-20250314-9999"), {}, {}, QStringLiteral("回访"), {}});
    REQUIRE_FALSE(noCase.ok());
    CHECK(noCase.error().problems[0].field == QStringLiteral("caseNumber"));
    CHECK(f.count(QStringLiteral("callback_task")) == 0);

    auto counted = callbacks.add({{},
                                  QStringLiteral("王阿姨"),
                                  QStringLiteral("13812345678"),
                                  QStringLiteral("咨询低保政策后未来办理，回访了解情况"),
                                  {}});
    REQUIRE(counted.ok());
    CHECK(counted->kind == QStringLiteral("other"));
    CHECK(counted->dueOn == QDate(2025, 3, 17));
    auto given = callbacks.add({{}, {}, {}, QStringLiteral("节后回访"), QDate(2025, 4, 7)});
    REQUIRE(given.ok());
    CHECK(given->dueOn == QDate(2025, 4, 7));
    // Open ones come due first.
    auto open = callbacks.list();
    REQUIRE(open->size() == 2);
    CHECK(open->first().id == counted->id);
    // Nobody signed in may not.
    auto nobody = callbacksAt(f, Session()).done(counted->id, QStringLiteral("已回访"));
    REQUIRE_FALSE(nobody.ok());
    CHECK(nobody.error().kind == Error::Kind::Forbidden);
}

TEST_CASE("ratings: five grades, and 2 and below need the reason and make a call-back with the "
          "rating in one transaction",
          "[service][rating]")
{
    IntakeFixture f;
    const QString number = acceptTvFeeByProxy(f);
    RatingService ratings(*f.store.db, clerkAt(QStringLiteral("zhangmin")),
                          {{}, {}, QStringLiteral("张敏")}, f.clock);
    for (int bad : {0, 6, -1}) {
        auto refused = ratings.rate(number, bad);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().problems[0].field == QStringLiteral("grade"));
    }
    for (int low : {1, 2}) {
        auto refused = ratings.rate(number, low, QStringLiteral("  "));
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().problems[0].field == QStringLiteral("reason"));
        CHECK(refused.error().message.contains(gradeName(low)));
    }
    CHECK(f.count(QStringLiteral("rating")) == 0);
    CHECK(f.count(QStringLiteral("callback_task")) == 0);

    auto good = ratings.rate(number, 5);
    REQUIRE(good.ok());
    CHECK(good->callbackId.isEmpty());
    CHECK(good->place.siteCode == kServiceSite);
    auto fair = ratings.rate(number, 3);
    REQUIRE(fair.ok());
    CHECK(f.count(QStringLiteral("callback_task")) == 0);

    auto bad = ratings.rate(number, 2, QStringLiteral("排队等候时间太长"));
    REQUIRE(bad.ok());
    REQUIRE_FALSE(bad->callbackId.isEmpty());
    auto task = callbacksAt(f).find(bad->callbackId);
    REQUIRE(task.ok());
    CHECK(task->kind == QStringLiteral("rating"));
    CHECK(task->caseNumber == number);
    CHECK(task->contactName == QStringLiteral("陈国富"));
    CHECK(task->reason.contains(QStringLiteral("排队等候时间太长")));
    CHECK(f.scalar(QStringLiteral("SELECT rating_id FROM callback_task")).toString() == bad->id);

    // All or nothing: when the call-back cannot be written, neither is the rating.
    REQUIRE(
        f.store.db
            ->exec(QStringLiteral("CREATE TRIGGER refuse_callback BEFORE INSERT ON callback_task "
                                  "BEGIN SELECT RAISE(ABORT, 'callback refused'); END"))
            .ok());
    auto failed = ratings.rate(number, 1, QStringLiteral("态度差"));
    REQUIRE_FALSE(failed.ok());
    CHECK(f.count(QStringLiteral("rating")) == 3);
    CHECK(f.count(QStringLiteral("callback_task")) == 1);
    REQUIRE(f.store.db->exec(QStringLiteral("DROP TRIGGER refuse_callback")).ok());

    // A visit without a case is rated too.
    auto visit = ratings.rate({}, 4);
    REQUIRE(visit.ok());
    CHECK(visit->caseId.isEmpty());
    auto today = ratings.onDay(QDate(2025, 3, 14));
    REQUIRE(today.ok());
    CHECK(today->size() == 4);
    CHECK(ratings.ofCase(number)->size() == 3);
    auto nobody =
        RatingService(*f.store.db, Session(), {kServiceSite, {}, QStringLiteral("x")}, f.clock)
            .rate(number, 5);
    CHECK(nobody.error().kind == Error::Kind::Forbidden);
}

TEST_CASE("consultations: counter or phone, topic required, items from the catalogue, listed "
          "and searched by day",
          "[service][consultation]")
{
    IntakeFixture f;
    ConsultationService log(*f.store.db, Session::system(),
                            {kServiceSite, QStringLiteral("A03"), QStringLiteral("张敏")}, f.clock);
    Consultation bad;
    bad.channel = QStringLiteral("email");
    bad.askerPhone = QStringLiteral("123");
    bad.itemCodes = {QStringLiteral("NO-SUCH-ITEM")};
    auto refused = log.add(bad);
    REQUIRE_FALSE(refused.ok());
    QStringList fields;
    for (const Problem& p : refused.error().problems)
        fields << p.field;
    CHECK(fields.contains(QStringLiteral("channel")));
    CHECK(fields.contains(QStringLiteral("topic")));
    CHECK(fields.contains(QStringLiteral("askerPhone")));
    CHECK(fields.contains(QStringLiteral("items")));
    CHECK(f.count(QStringLiteral("consultation")) == 0);

    Consultation c;
    c.channel = QStringLiteral("phone");
    c.askerName = QStringLiteral("𠀾秀英");
    c.askerPhone = QStringLiteral("138 1234 5678");
    c.topic = QStringLiteral("医疗救助需要哪些材料");
    c.itemCodes = {QStringLiteral("ybj-jf-001"), QStringLiteral("RSJ-JF-003")};
    c.answer = QStringLiteral("已告知所需材料，建议同时申请困难企业退休人员生活困难补助");
    c.noticeGiven = true;
    auto added = log.add(c);
    REQUIRE(added.ok());
    CHECK(added->askerPhone == QStringLiteral("13812345678"));
    CHECK(added->itemCodes ==
          QStringList{QStringLiteral("YBJ-JF-001"), QStringLiteral("RSJ-JF-003")});
    Consultation counter;
    counter.channel = QStringLiteral("counter");
    counter.topic = QStringLiteral("排水许可证办理时限");
    REQUIRE(log.add(counter).ok());

    auto day = log.onDay(QDate(2025, 3, 14));
    REQUIRE(day.ok());
    REQUIRE(day->size() == 2);
    CHECK(day->first().askerName == QStringLiteral("𠀾秀英"));
    CHECK(day->first().noticeGiven);
    CHECK(log.onDay(QDate(2025, 3, 14), QStringLiteral("𠀾"))->size() == 1);
    CHECK(log.onDay(QDate(2025, 3, 14), QStringLiteral("ybj-jf"))->size() == 1);
    CHECK(log.onDay(QDate(2025, 3, 14), QStringLiteral("排水"))->size() == 1);
    CHECK(log.onDay(QDate(2025, 3, 13))->isEmpty());
    CHECK(f.scalar(QStringLiteral("SELECT item_codes FROM consultation WHERE channel = 'phone'"))
              .toString() == QStringLiteral("[\"YBJ-JF-001\",\"RSJ-JF-003\"]"));
}
