// The last moves of a locker case through CaseLifeService on a real store:
// completed, put in the self-service locker (智能柜) with its compartment
// (格口) and pick-up code (取件码), collected; refused from every other
// status, for a case not delivered by locker and without a signed-in
// clerk, and all or nothing. And the departments a forward is suggested to.
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
const QString kLocker = QStringLiteral("虞山街道便民服务中心1号智能柜");

// 王建华's first mortgage registration (抵押权首次登记, 1 working day), its
// result to the locker; or his construction planning permit, picked up.
QString acceptCase(IntakeFixture& f, bool locker = true)
{
    AcceptOptions options;
    Intake intake = locker ? f.service->begin() : planningPermitFor(f);
    if (locker) {
        REQUIRE(
            f.service->setApplicant(intake, naturalPerson(QStringLiteral("王建华"), kApplicantId))
                .ok());
        REQUIRE(intake.addItem(QStringLiteral("BDC-QR-003")).ok());
        intake.prefillForm();
        setForm(intake,
                {{QStringLiteral("property_address"), QStringLiteral("常熟市虞山街道书院街88号")},
                 {QStringLiteral("loan_amount"), QStringLiteral("50")}});
        options.delivery.method = Delivery::Locker;
        options.delivery.locker = kLocker;
    }
    receiveEverything(intake);
    auto d = f.service->accept(intake, options);
    if (!d)
        FAIL(d.error().fullText().toStdString());
    return d->caseNumber;
}

// What a refused move must leave as it was.
struct Written
{
    explicit Written(IntakeFixture& f)
        : history(f.count(QStringLiteral("case_status_history"))),
          outbox(f.count(QStringLiteral("outbox"))), audit(f.count(QStringLiteral("audit_log"))),
          lockers(f.count(QStringLiteral("case_locker")))
    {
    }
    bool operator==(const Written&) const = default;
    int history, outbox, audit, lockers;
};

// Both locker moves refused at the case's present status, nothing written.
void bothRefused(IntakeFixture& f, CaseLifeService& life, const QString& number)
{
    const CaseStatus status = byNumber(f, number).status;
    INFO(toString(status).toStdString());
    const Written before(f);
    auto put = life.putInLocker(number, QStringLiteral("A-12"), QStringLiteral("483920"));
    REQUIRE_FALSE(put.ok());
    CHECK(put.error().kind == Error::Kind::Conflict);
    CHECK(put.error().message.contains(number));
    CHECK(put.error().message.contains(displayName(status)));
    auto collected = life.collectFromLocker(number);
    REQUIRE_FALSE(collected.ok());
    CHECK(collected.error().kind == Error::Kind::Conflict);
    CHECK(Written(f) == before);
    CHECK(byNumber(f, number).status == status);
}

} // namespace

TEST_CASE("case life: a locker case is put in its locker with compartment and pick-up code, "
          "then collected",
          "[cases][locker]")
{
    IntakeFixture f;
    const QString number = acceptCase(f);
    CHECK(byNumber(f, number).delivery.method == Delivery::Locker);
    CaseLifeService life(*f.store.db,
                         clerkSession(QStringLiteral("zhangmin"), QStringLiteral("张敏")),
                         {kSite, QStringLiteral("A03"), {}}, f.clock);

    // Not before the result is completed.
    bothRefused(f, life, number);
    REQUIRE(life.forward(number, QStringLiteral("市不动产登记中心")).ok());
    bothRefused(f, life, number);
    REQUIRE(life.approve(number).ok());
    bothRefused(f, life, number);
    REQUIRE(life.complete(number).ok());

    // Completed: not waiting at the window, not handed over there, not yet collected.
    auto window = life.awaitPickup(number);
    REQUIRE_FALSE(window.ok());
    CHECK(window.error().message.contains(kLocker));
    CHECK_FALSE(life.handOver(number, {QStringLiteral("王建华"), kApplicantId, false}).ok());
    const Written completed(f);
    CHECK(life.collectFromLocker(number).error().kind == Error::Kind::Conflict);
    // The compartment and the code are asked for, each by its field.
    auto noBox = life.putInLocker(number, QStringLiteral(" "), QStringLiteral("483920"));
    REQUIRE_FALSE(noBox.ok());
    REQUIRE(noBox.error().problems.size() == 1);
    CHECK(noBox.error().problems[0].field == QStringLiteral("compartment"));
    auto shortCode = life.putInLocker(number, QStringLiteral("A-12"), QStringLiteral("12"));
    REQUIRE_FALSE(shortCode.ok());
    CHECK(shortCode.error().problems[0].field == QStringLiteral("pickupCode"));
    CHECK(shortCode.error().message.contains(QStringLiteral("12")));
    CHECK(Written(f) == completed);
    CHECK(byNumber(f, number).status == CaseStatus::Completed);

    // Put in: the status, its history row with who, when, where and what,
    // the request for the centre, the audit entry and the deposit.
    f.clock.advanceSecs(600);
    auto put = life.putInLocker(number, QStringLiteral(" A-12 "), QStringLiteral("483920"));
    if (!put)
        FAIL(put.error().fullText().toStdString());
    CHECK(put->status == CaseStatus::AwaitingPickup);
    const StatusChange& row = put->history.last();
    CHECK(row.from == QStringLiteral("completed"));
    CHECK(row.to == QStringLiteral("awaiting_pickup"));
    CHECK(row.at == f.clock.now());
    CHECK(row.place.clerk == QStringLiteral("zhangmin"));
    CHECK(row.place.window == QStringLiteral("A03"));
    CHECK(row.place.siteCode == kSite);
    CHECK(row.note.contains(QStringLiteral("A-12")));
    // The pick-up code opens the compartment: kept here, never sent or logged.
    CHECK_FALSE(row.note.contains(QStringLiteral("483920")));
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE payload LIKE '%483920%'"))
              .toInt() == 0);
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE after_json LIKE "
                                  "'%483920%' OR before_json LIKE '%483920%'"))
              .toInt() == 0);
    CHECK(f.count(QStringLiteral("case_status_history")) == completed.history + 1);
    CHECK(f.count(QStringLiteral("outbox")) == completed.outbox + 1);
    CHECK(f.count(QStringLiteral("audit_log")) == completed.audit + 1);
    const QJsonObject request = lastStatusRequest(f);
    CHECK(request.value(QStringLiteral("from")).toString() == QStringLiteral("completed"));
    CHECK(request.value(QStringLiteral("to")).toString() == QStringLiteral("awaiting_pickup"));
    CHECK(request.value(QStringLiteral("note")).toString() == row.note);
    auto progress = life.progress(put->id);
    REQUIRE(progress.ok());
    REQUIRE(progress->locker.has_value());
    CHECK(progress->locker->locker == kLocker);
    CHECK(progress->locker->compartment == QStringLiteral("A-12"));
    CHECK(progress->locker->pickupCode == QStringLiteral("483920"));
    CHECK(progress->locker->at == f.clock.now());
    CHECK(progress->locker->place.clerk == QStringLiteral("zhangmin"));
    CHECK_FALSE(progress->locker->collectedAt.isValid());
    // Once only.
    CHECK(life.putInLocker(number, QStringLiteral("B-3"), QStringLiteral("111111")).error().kind ==
          Error::Kind::Conflict);
    CHECK(f.count(QStringLiteral("case_locker")) == 1);

    // Collected: delivered, the compartment noted, the collection recorded.
    f.clock.advanceSecs(3 * 3600);
    auto collected = life.collectFromLocker(number);
    if (!collected)
        FAIL(collected.error().fullText().toStdString());
    CHECK(collected->status == CaseStatus::Delivered);
    CHECK(collected->history.last().from == QStringLiteral("awaiting_pickup"));
    CHECK(collected->history.last().note.contains(QStringLiteral("A-12")));
    CHECK(lastStatusRequest(f).value(QStringLiteral("to")).toString() ==
          QStringLiteral("delivered"));
    CHECK(life.progress(collected->id)->locker->collectedAt == f.clock.now());
    bothRefused(f, life, number);

    auto audit = AuditLog(*f.store.db).list();
    REQUIRE(audit.ok());
    QStringList actions;
    for (const AuditRecord& r : *audit)
        if (r.subject == number && r.action.startsWith(QLatin1String("case.locker")))
            actions << r.action + QLatin1Char('/') + r.actor;
    CHECK(actions == QStringList{QStringLiteral("case.locker_deposit/zhangmin"),
                                 QStringLiteral("case.locker_collect/zhangmin")});
    CHECK(AuditLog(*f.store.db).verify()->ok());
}

TEST_CASE("case life: only a locker case goes to a locker, and only a signed-in clerk puts it "
          "there",
          "[cases][locker][auth]")
{
    IntakeFixture f;
    CaseLifeService life(*f.store.db,
                         clerkSession(QStringLiteral("zhangmin"), QStringLiteral("张敏")),
                         {kSite, QStringLiteral("A03"), {}}, f.clock);
    auto completeCase = [&](const QString& number) {
        REQUIRE(life.forward(number, QStringLiteral("市不动产登记中心")).ok());
        REQUIRE(life.approve(number).ok());
        REQUIRE(life.complete(number).ok());
    };

    // Picked up at the window: no locker.
    const QString pickup = acceptCase(f, false);
    completeCase(pickup);
    const Written before(f);
    auto wrong = life.putInLocker(pickup, QStringLiteral("A-12"), QStringLiteral("483920"));
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().kind == Error::Kind::Conflict);
    CHECK(wrong.error().message.contains(pickup));
    CHECK(Written(f) == before);
    REQUIRE(life.awaitPickup(pickup).ok());
    CHECK(life.collectFromLocker(pickup).error().kind == Error::Kind::Conflict);
    CHECK(byNumber(f, pickup).status == CaseStatus::AwaitingPickup);

    // No one signed in, through the service's own API.
    const QString locker = acceptCase(f);
    completeCase(locker);
    CaseLifeService nobody(*f.store.db, Session(), {kSite, QStringLiteral("A03"), {}}, f.clock);
    const Written completed(f);
    auto put = nobody.putInLocker(locker, QStringLiteral("A-12"), QStringLiteral("483920"));
    REQUIRE_FALSE(put.ok());
    CHECK(put.error().kind == Error::Kind::Forbidden);
    CHECK(Written(f) == completed);
    REQUIRE(life.putInLocker(locker, QStringLiteral("A-12"), QStringLiteral("483920")).ok());
    const Written deposited(f);
    CHECK(nobody.collectFromLocker(locker).error().kind == Error::Kind::Forbidden);
    CHECK(Written(f) == deposited);
    CHECK(byNumber(f, locker).status == CaseStatus::AwaitingPickup);

    // Withdrawn before a result: never to a locker.
    const QString withdrawn = acceptCase(f);
    REQUIRE(life.withdraw(withdrawn, QStringLiteral("申请人书面申请撤回")).ok());
    bothRefused(f, life, withdrawn);
}

TEST_CASE("case life: a failure putting a case in its locker leaves nothing written",
          "[cases][locker]")
{
    const QString step = GENERATE(QStringLiteral("status"), QStringLiteral("detail"),
                                  QStringLiteral("outbox"), QStringLiteral("audit"));
    INFO(step.toStdString());
    IntakeFixture f;
    const QString number = acceptCase(f);
    CaseLifeService life(*f.store.db, Session::system(), {kSite, QStringLiteral("A03"), {}},
                         f.clock);
    REQUIRE(life.forward(number, QStringLiteral("市不动产登记中心")).ok());
    REQUIRE(life.approve(number).ok());
    REQUIRE(life.complete(number).ok());
    const Written before(f);
    life.setFaultHook([&](const QString& at) -> Status {
        if (at == step)
            return Error::storage(QStringLiteral("disk full"));
        return {};
    });
    auto failed = life.putInLocker(number, QStringLiteral("A-12"), QStringLiteral("483920"));
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().message == QStringLiteral("disk full"));
    CHECK(Written(f) == before);
    CHECK(byNumber(f, number).status == CaseStatus::Completed);

    life.setFaultHook({});
    REQUIRE(life.putInLocker(number, QStringLiteral("A-12"), QStringLiteral("483920")).ok());
    CHECK(f.count(QStringLiteral("case_locker")) == before.lockers + 1);
}

TEST_CASE("case life: a forward is suggested to the departments of the case's items", "[cases]")
{
    IntakeFixture f;
    CaseLifeService life(*f.store.db, Session::system(), {}, f.clock);
    CaseRecord c;
    c.items = {{QStringLiteral("ZGJ-XK-001"), QStringLiteral("建设工程规划许可证核发"), 1, {}, 20},
               {QStringLiteral("BDC-GG-001"), QStringLiteral("不动产登记资料查询"), 1, {}, 0},
               {QStringLiteral("ZGJ-XK-002"), QStringLiteral("建设用地规划许可证核发"), 1, {}, 20},
               {QStringLiteral("XX-GONE-001"), QStringLiteral("已取消的事项"), 1, {}, 5}};
    auto departments = life.departmentsOf(c);
    REQUIRE(departments.ok());
    // Each once, in the order of the items; an item no longer known has none.
    CHECK(*departments ==
          QStringList{QStringLiteral("市自然资源和规划局"), QStringLiteral("市不动产登记中心")});
    c.items = {c.items.at(1)};
    CHECK(*life.departmentsOf(c) == QStringList{QStringLiteral("市不动产登记中心")});
}
