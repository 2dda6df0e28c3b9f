// The outbox and audit entries of a decision carry the case exactly as it
// is stored: the text of caseToJson() over the case read back from the
// store, byte for byte, whether the decision accepted, completed at once,
// asked for a correction, resumed one or refused.
#include "IntakeFixture.h"
#include "cases/CaseJson.h"
#include "cases/CaseRepository.h"

#include <QJsonDocument>
#include <catch2/catch.hpp>

using namespace ow;
using namespace ow::test;

namespace {

// The case as the store holds it now, as compact JSON text.
QByteArray storedCaseJson(IntakeFixture& f, const QString& caseId)
{
    auto found = CaseRepository(*f.store.db).findById(caseId);
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    return QJsonDocument(caseToJson(**found)).toJson(QJsonDocument::Compact);
}

// The newest outbox payload and audit entry written for the case.
void checkEntriesMatchStore(IntakeFixture& f, const QString& caseId)
{
    const QByteArray expected = storedCaseJson(f, caseId);
    QSqlQuery q = f.store.db->query();
    q.prepare(QStringLiteral("SELECT CAST(payload AS BLOB) FROM outbox WHERE entity = 'case' "
                             "AND entity_id = ? ORDER BY seq DESC LIMIT 1"));
    q.addBindValue(caseId);
    REQUIRE(q.exec());
    REQUIRE(q.next());
    CHECK(q.value(0).toByteArray() == expected);
    QSqlQuery a = f.store.db->query();
    REQUIRE(a.exec(QStringLiteral("SELECT CAST(after_json AS BLOB) FROM audit_log WHERE action "
                                  "LIKE 'intake.%' AND action <> 'intake.override' ORDER BY id "
                                  "DESC LIMIT 1")));
    REQUIRE(a.next());
    CHECK(a.value(0).toByteArray() == expected);
}

} // namespace

TEST_CASE("a decision's outbox and audit entries are the case as stored", "[intake][outbox]")
{
    IntakeFixture f;

    SECTION("accepted, with form values, an agent and a credit code overridden")
    {
        Intake intake = f.service->begin();
        REQUIRE(f.service
                    ->setApplicant(intake, legalPerson(QStringLiteral("常熟市老字号营造有限公司"),
                                                       QStringLiteral("91320581MA1X00001C"),
                                                       CreditGrade::B))
                    .ok());
        Agent agent;
        agent.idNumber = QStringLiteral("320581198001052010");
        agent.name = QStringLiteral("陈会计");
        intake.setAgent(agent);
        REQUIRE(intake.addItem(QStringLiteral("ZJJ-QT-001")).ok());
        intake.prefillForm();
        setForm(intake, {{QStringLiteral("project_name"), QStringLiteral("厂房设计 \"一期\"\t")},
                         {QStringLiteral("project_address"), QStringLiteral("常熟高新区\\东南")}});
        receiveEverything(intake);
        AcceptOptions o;
        o.creditCodeOverride =
            SupervisorOverride{SupervisorOverride::Kind::CreditCode, QStringLiteral("刘科长"),
                               QStringLiteral("存量代码，已核实")};
        auto d = f.service->accept(intake, o);
        if (!d)
            FAIL(d.error().fullText().toStdString());
        checkEntriesMatchStore(f, d->caseId);
    }

    SECTION("an immediate item completed at the window, by proxy")
    {
        Intake intake = f.service->begin();
        REQUIRE(f.service
                    ->setApplicant(intake, naturalPerson(QStringLiteral("𠀾秀英"),
                                                         QStringLiteral("320581195209090020")))
                    .ok());
        REQUIRE(intake.addItem(QStringLiteral("RSJ-GG-001")).ok());
        intake.prefillForm();
        setForm(intake, {{QStringLiteral("cert_method"), QStringLiteral("村（社区）协管员代办")}});
        receiveEverything(intake);
        AcceptOptions o;
        o.channel = Channel::Proxy;
        auto d = f.service->accept(intake, o);
        if (!d)
            FAIL(d.error().fullText().toStdString());
        REQUIRE(d->status == CaseStatus::Completed);
        checkEntriesMatchStore(f, d->caseId);
    }

    SECTION("a correction asked for, then resumed and accepted with EMS delivery")
    {
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
        receiveEverything(first);
        REQUIRE(first.checklist()
                    .markDefective(QStringLiteral("drainage-drawings"),
                                   QStringLiteral("图纸未标注检测井位置"),
                                   QStringLiteral("补充标注专用检测井位置的排水管网图纸一份"))
                    .ok());
        REQUIRE(first.checklist().markMissing(QStringLiteral("water-quality-report")).ok());
        auto corr = f.service->requestCorrection(first);
        if (!corr)
            FAIL(corr.error().fullText().toStdString());
        checkEntriesMatchStore(f, corr->caseId);

        f.clock.set(QDateTime(QDate(2025, 3, 17), QTime(14, 0), intakeMorning().timeZone()));
        Intake second = prepare();
        REQUIRE(f.service->resume(second).ok());
        receiveEverything(second);
        AcceptOptions ems;
        ems.delivery.method = Delivery::Ems;
        ems.delivery.address = QStringLiteral("常熟市虞山街道虞山北路100号");
        ems.delivery.postcode = QStringLiteral("215500");
        auto accepted = f.service->accept(second, ems);
        if (!accepted)
            FAIL(accepted.error().fullText().toStdString());
        REQUIRE(accepted->resumed);
        checkEntriesMatchStore(f, accepted->caseId);
    }

    SECTION("refused, naming the competent body")
    {
        Intake intake = f.service->begin();
        REQUIRE(f.service
                    ->setApplicant(intake, naturalPerson(QStringLiteral("孙立"),
                                                         QStringLiteral("320581197508081027")))
                    .ok());
        RefusalOptions r;
        r.reason = QStringLiteral("  申请事项依法不属于本行政机关职权范围 ");
        r.legalBasis = QStringLiteral("《中华人民共和国行政许可法》第三十二条第一款第（二）项");
        r.competentBody = QStringLiteral("常熟海关");
        auto d = f.service->refuse(intake, r);
        if (!d)
            FAIL(d.error().fullText().toStdString());
        checkEntriesMatchStore(f, d->caseId);
    }
}
