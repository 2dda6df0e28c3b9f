#pragma once

// Cases for the service around a case (mailing ledger, call-backs,
// ratings): scenario 3's drainage permit accepted with EMS delivery, and
// scenario 4's digital-TV fee paid as a proxy service, on a real store.
#include "IntakeFixture.h"
#include "cases/CaseLife.h"

namespace ow::test {

inline const QString kServiceSite = QStringLiteral("320581001");
// The recipient's name holds a character of CJK Extension B (U+2003E).
inline const QString kRecipient = QStringLiteral("李𠀾明");

// The S10 check digit as the UPU standard states it, computed here apart
// from the code under test: weights 8 6 4 2 3 5 9 7, C = 11 - S mod 11,
// 10 -> 0, 11 -> 5.
inline int s10Check(const QString& serial8)
{
    static const int w[] = {8, 6, 4, 2, 3, 5, 9, 7};
    int sum = 0;
    for (int i = 0; i < 8; ++i)
        sum += (serial8[i].unicode() - u'0') * w[i];
    const int c = 11 - sum % 11;
    return c == 10 ? 0 : c == 11 ? 5 : c;
}

inline QString s10Number(const QString& serial8, const QString& prefix = QStringLiteral("EA"))
{
    return prefix + serial8 + QString::number(s10Check(serial8)) + QStringLiteral("CN");
}

// 李明's drainage permit (排水许可证, 5 working days), mailed by EMS.
inline QString acceptDrainageByEms(IntakeFixture& f)
{
    Intake intake = f.service->begin();
    REQUIRE(f.service
                ->setApplicant(intake,
                               naturalPerson(QStringLiteral("李明"),
                                             QStringLiteral("320581197003144512"),
                                             QStringLiteral("13773200011"),
                                             QStringLiteral("江苏省常熟市虞山街道虞山北路100号")))
                .ok());
    REQUIRE(intake.addItem(QStringLiteral("SWJ-XK-001")).ok());
    intake.prefillForm();
    setForm(intake,
            {{QStringLiteral("shop_name"), QStringLiteral("李记面馆")},
             {QStringLiteral("business_address"), QStringLiteral("常熟市虞山街道虞山北路100号")},
             {QStringLiteral("drainage_type"), QStringLiteral("餐饮")},
             {QStringLiteral("daily_discharge"), QStringLiteral("3.5")}});
    receiveEverything(intake);
    AcceptOptions o;
    o.delivery.method = Delivery::Ems;
    o.delivery.recipient = kRecipient;
    o.delivery.phone = QStringLiteral("13773200011");
    o.delivery.address = QStringLiteral("江苏省常熟市虞山街道虞山北路100号");
    o.delivery.postcode = QStringLiteral("215500");
    auto d = f.service->accept(intake, o);
    if (!d)
        FAIL(d.error().fullText().toStdString());
    return d->caseNumber;
}

// 陈老伯 pays his digital-TV fee through the window (数字电视收视费代缴, a
// promised item of 1 working day) as a proxy service.
inline QString acceptTvFeeByProxy(IntakeFixture& f)
{
    Intake intake = f.service->begin();
    REQUIRE(f.service
                ->setApplicant(intake, naturalPerson(QStringLiteral("陈国富"),
                                                     QStringLiteral("320581194203021214"),
                                                     QStringLiteral("13962300042")))
                .ok());
    REQUIRE(intake.addItem(QStringLiteral("GDW-GG-001")).ok());
    intake.prefillForm();
    setForm(intake, {{QStringLiteral("tv_account"), QStringLiteral("CS0012345")},
                     {QStringLiteral("pay_amount"), QStringLiteral("288")}});
    receiveEverything(intake);
    AcceptOptions o;
    o.channel = Channel::Proxy;
    auto d = f.service->accept(intake, o);
    if (!d)
        FAIL(d.error().fullText().toStdString());
    return d->caseNumber;
}

// Forwarded, approved by the department, completed.
inline void completeCase(IntakeFixture& f, const QString& number)
{
    CaseLifeService life(*f.store.db, Session::system(),
                         {kServiceSite, QStringLiteral("A03"), QStringLiteral("张敏")}, f.clock);
    auto forwarded = life.forward(number, QStringLiteral("市水务局"));
    if (!forwarded)
        FAIL(forwarded.error().fullText().toStdString());
    REQUIRE(life.approve(number).ok());
    auto done = life.complete(number);
    if (!done)
        FAIL(done.error().fullText().toStdString());
    REQUIRE(done->status == CaseStatus::Completed);
}

inline Session clerkAt(const QString& login, Role role = Role::Clerk)
{
    User u;
    u.id =
        QStringLiteral("0190c0de-0000-7000-8000-00000000") + login.left(4).leftJustified(4, u'0');
    u.login = login;
    u.displayName = login;
    u.role = role;
    u.siteCode = kServiceSite;
    u.window = QStringLiteral("A03");
    return Session::forUser(u, intakeMorning());
}

} // namespace ow::test
