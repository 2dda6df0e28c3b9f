// The moves of a case after acceptance reach the real centre: a case
// forwarded, decided, completed and handed over while the counter was
// offline arrives whole and in order; a window's own approval is a
// transition the centre takes from a counter, and so are a locker case's
// last moves and the withdrawal of a case awaiting a correction.
#include "SyncTestSupport.h"
#include "auth/Session.h"
#include "cases/CaseLife.h"
#include "sync/SyncStore.h"

#include <catch2/catch.hpp>

using namespace ow;
using namespace ow::test;

namespace {

QString centralStatus(CentralConnection& admin, const QString& number)
{
    return scalar(admin, QStringLiteral("SELECT status || ':' || status_version FROM ow.cases "
                                        "WHERE case_number = '%1'")
                             .arg(number))
        .toString();
}

} // namespace

TEST_CASE("case life: moves made offline reach the centre in order, each once")
{
    CentralFixture central;
    const NewSite site = central.addSite(QStringLiteral("V"));
    SyncCounter counter(site);
    const QString caseId = counter.acceptPromised(1);
    const QString number = counter.localCaseNumbers().first();
    CaseLifeService life(*counter.intake.store.db, Session::system(),
                         {QString(), QStringLiteral("A03"), QStringLiteral("张敏")},
                         counter.intake.clock);

    // Nothing sent yet: the case (with its applicant) and three moves wait.
    const int waiting = counter.outboxCount();
    REQUIRE(life.forward(number, QStringLiteral("人社局待遇科")).ok());
    REQUIRE(life.approve(number).ok());
    REQUIRE(life.complete(number).ok());
    CHECK(counter.outboxCount() == waiting + 3);

    SyncPassReport r = counter.sync();
    CHECK(r.quarantined == 0);
    CHECK(counter.outboxCount() == 0);
    CHECK(centralStatus(central.admin(), number) == QStringLiteral("completed:4"));
    CHECK(counter.localStatus(caseId) == QStringLiteral("completed"));
    CHECK(scalar(central.admin(),
                 QStringLiteral("SELECT string_agg(to_status || '/' || actor, ',' ORDER BY "
                                "h.status_version) FROM ow.case_status_history h JOIN ow.cases c "
                                "USING (case_uuid) WHERE c.case_number = '%1'")
                     .arg(number))
              .toString() == QStringLiteral("accepted/张敏,forwarded/张敏,approved/张敏,"
                                            "completed/张敏"));

    // Known to the centre now: the hand-over asks from version 4.
    REQUIRE(life.handOver(number, {QStringLiteral("李四"), residentId(2), true}).ok());
    r = counter.sync();
    CHECK(r.quarantined == 0);
    CHECK(centralStatus(central.admin(), number) == QStringLiteral("delivered:5"));

    // The window's own approval, straight from acceptance, after a sync.
    const QString second = counter.acceptPromised(3);
    counter.sync();
    const QString secondNumber = counter.localCaseNumbers().last();
    REQUIRE(life.approve(secondNumber, QStringLiteral("当场审批")).ok());
    r = counter.sync();
    CHECK(r.quarantined == 0);
    CHECK(centralStatus(central.admin(), secondNumber) == QStringLiteral("approved:2"));
    CHECK(counter.localStatus(second) == QStringLiteral("approved"));
}

TEST_CASE("case life: a locker case put in its locker and collected, and a correction withdrawn, "
          "reach the centre")
{
    CentralFixture central;
    const NewSite site = central.addSite(QStringLiteral("W"));
    SyncCounter counter(site);
    IntakeService& service = *counter.intake.service;
    CaseLifeService life(*counter.intake.store.db, Session::system(),
                         {QString(), QStringLiteral("A03"), QStringLiteral("张敏")},
                         counter.intake.clock);

    // A mortgage registration, its result to the locker.
    Intake in = service.begin();
    REQUIRE(service.setApplicant(in, naturalPerson(QStringLiteral("申请人7"), residentId(7))).ok());
    REQUIRE(in.addItem(QStringLiteral("BDC-QR-003")).ok());
    in.prefillForm();
    setForm(in, {{QStringLiteral("property_address"), QStringLiteral("常熟市虞山街道书院街88号")},
                 {QStringLiteral("loan_amount"), QStringLiteral("50")}});
    receiveEverything(in);
    AcceptOptions options;
    options.delivery.method = Delivery::Locker;
    options.delivery.locker = QStringLiteral("1号智能柜");
    auto accepted = service.accept(in, options);
    if (!accepted)
        FAIL(accepted.error().fullText().toStdString());
    const QString number = accepted->caseNumber;
    REQUIRE(life.forward(number, QStringLiteral("市不动产登记中心")).ok());
    REQUIRE(life.approve(number).ok());
    REQUIRE(life.complete(number).ok());
    REQUIRE(life.putInLocker(number, QStringLiteral("A-12"), QStringLiteral("483920")).ok());
    REQUIRE(life.collectFromLocker(number).ok());

    // A correction the applicant gave up, named by its notice.
    Intake asked = service.begin();
    REQUIRE(
        service.setApplicant(asked, naturalPerson(QStringLiteral("申请人8"), residentId(8))).ok());
    REQUIRE(asked.addItem(QStringLiteral("RSJ-JF-001")).ok());
    asked.prefillForm();
    auto correction = service.requestCorrection(asked);
    if (!correction)
        FAIL(correction.error().fullText().toStdString());
    REQUIRE(life.withdraw(correction->noticeNumber, QStringLiteral("申请人放弃申请")).ok());

    SyncPassReport r = counter.sync();
    CHECK(r.quarantined == 0);
    CHECK(counter.outboxCount() == 0);
    CHECK(centralStatus(central.admin(), number) == QStringLiteral("delivered:6"));
    // The centre has the compartment; the pick-up code stayed at the counter.
    const QString note =
        scalar(central.admin(),
               QStringLiteral("SELECT h.note FROM ow.case_status_history h JOIN ow.cases c "
                              "USING (case_uuid) WHERE c.case_number = '%1' AND h.to_status = "
                              "'awaiting_pickup'")
                   .arg(number))
            .toString();
    CHECK(note.contains(QStringLiteral("A-12")));
    CHECK_FALSE(note.contains(QStringLiteral("483920")));
    CHECK(scalar(central.admin(), QStringLiteral("SELECT status FROM ow.cases WHERE case_uuid = "
                                                 "'%1'")
                                      .arg(correction->caseId))
              .toString() == QStringLiteral("withdrawn"));
    CHECK(counter.localStatus(correction->caseId) == QStringLiteral("withdrawn"));
}
