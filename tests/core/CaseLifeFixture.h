#pragma once

// What the case-life tests (CaseLifeTest, CaseCorrectionLifeTest,
// CaseLockerTest) share: 王建华 at the Changshu site, his construction
// planning permit, a clerk's session, and reading a case and the requests
// for the centre back from the store.
#include "IntakeFixture.h"
#include "auth/Session.h"
#include "cases/CaseRepository.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace ow::test {

inline const QString kLifeSite = QStringLiteral("320581001");
inline const QString kWangJianhuaId = QStringLiteral("320581196503151239");

// An intake for 王建华 with his construction planning permit (ZGJ-XK-001,
// 建设工程规划许可证) and its form filled in.
inline Intake planningPermitFor(IntakeFixture& f)
{
    Intake intake = f.service->begin();
    REQUIRE(f.service->setApplicant(intake, naturalPerson(QStringLiteral("王建华"), kWangJianhuaId))
                .ok());
    REQUIRE(intake.addItem(QStringLiteral("ZGJ-XK-001")).ok());
    intake.prefillForm();
    setForm(intake,
            {{QStringLiteral("project_name"), QStringLiteral("王建华自建住房")},
             {QStringLiteral("project_address"), QStringLiteral("常熟市虞山街道书院街88号")},
             {QStringLiteral("land_supply"), QStringLiteral("出让")},
             {QStringLiteral("building_area"), QStringLiteral("320")}});
    return intake;
}

// A clerk signed in at window A05 of the site.
inline Session clerkSession(const QString& login, const QString& name)
{
    User u;
    u.id = QStringLiteral("0190c0de-0000-7000-8000-0000000000") + login.left(2);
    u.login = login;
    u.displayName = name;
    u.role = Role::Clerk;
    u.siteCode = kLifeSite;
    u.window = QStringLiteral("A05");
    return Session::forUser(u, intakeMorning());
}

inline CaseRecord byNumber(IntakeFixture& f, const QString& number)
{
    auto found = CaseRepository(*f.store.db).findByNumber(number);
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    return **found;
}

// The status requests for the centre in the outbox, oldest first.
inline QList<QJsonObject> statusRequests(IntakeFixture& f)
{
    QSqlQuery q = f.store.db->query();
    REQUIRE(q.exec(
        QStringLiteral("SELECT payload FROM outbox WHERE entity = 'case_status' ORDER BY seq")));
    QList<QJsonObject> out;
    while (q.next())
        out << QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
    return out;
}

inline QJsonObject lastStatusRequest(IntakeFixture& f)
{
    const QList<QJsonObject> all = statusRequests(f);
    return all.isEmpty() ? QJsonObject() : all.last();
}

} // namespace ow::test
