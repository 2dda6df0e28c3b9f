// Permissions are enforced by the core services themselves, whatever a
// screen shows: a clerk's session cannot override a credit check, import
// the catalogue or accept items outside their position; a supervisor who
// signs in at the window can approve the override, and is recorded.
#include "IntakeFixture.h"
#include "auth/AuthService.h"

#include <QFile>

using namespace ow;
using namespace ow::test;

namespace {

User makeUser(IntakeFixture& f, const QString& login, Role role, const QStringList& items = {})
{
    NewUser u;
    u.login = login;
    u.displayName =
        login == QLatin1String("zhangmin") ? QStringLiteral("张敏") : QStringLiteral("刘科长");
    u.role = role;
    u.items = items;
    auto added = AuthService(*f.store.db, f.clock)
                     .addUser(Session::system(), u, QStringLiteral("long-enough-1"));
    if (!added)
        FAIL(added.error().fullText().toStdString());
    return added.value();
}

std::unique_ptr<IntakeService> serviceFor(IntakeFixture& f, const Session& s)
{
    IntakeContext c = f.context(QStringLiteral("320581001"), Level::City);
    c.session = s;
    c.clerk = s.displayName();
    return std::make_unique<IntakeService>(*f.store.db, *f.catalogue, WorkCalendar::builtIn(), c);
}

Intake failingCreditCode(IntakeService& service)
{
    Intake intake = service.begin();
    REQUIRE(
        service
            .setApplicant(intake, legalPerson(QStringLiteral("常熟市老字号营造有限公司"),
                                              QStringLiteral("91320581MA1X00001C"), CreditGrade::B))
            .ok());
    REQUIRE(intake.addItem(QStringLiteral("ZJJ-QT-001")).ok());
    intake.prefillForm();
    setForm(intake, {{QStringLiteral("project_name"), QStringLiteral("厂房设计")},
                     {QStringLiteral("project_address"), QStringLiteral("常熟高新区")}});
    receiveEverything(intake);
    return intake;
}

AcceptOptions overrideBy(const QString& supervisor)
{
    AcceptOptions o;
    o.creditCodeOverride = SupervisorOverride{SupervisorOverride::Kind::CreditCode, supervisor,
                                              QStringLiteral("存量代码，已电话核实")};
    return o;
}

} // namespace

TEST_CASE("Permissions: a clerk cannot record a credit-code override, a supervisor who signs "
          "in at the window can",
          "[permissions][intake]")
{
    IntakeFixture f;
    const User clerk = makeUser(f, QStringLiteral("zhangmin"), Role::Clerk);
    makeUser(f, QStringLiteral("liukz"), Role::Supervisor);
    const Session clerkSession = Session::forUser(clerk, f.clock.now());
    auto service = serviceFor(f, clerkSession);
    const Intake intake = failingCreditCode(*service);

    // The clerk names a supervisor in the override: refused by the service.
    auto refused = service->accept(intake, overrideBy(QStringLiteral("刘科长")));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == Error::Kind::Forbidden);
    CHECK(refused.error().message.contains(QStringLiteral("张敏")));
    CHECK(refused.error().message.contains(describe(Permission::OverrideCreditCheck)));
    CHECK(refused.error().message.contains(displayName(Role::Supervisor)));
    CHECK(f.count(QStringLiteral("intake_case")) == 0);
    CHECK(f.count(QStringLiteral("supervisor_override")) == 0);

    // Another clerk "approving" is no better.
    AcceptOptions byClerk = overrideBy(QString());
    byClerk.overrideApprover = clerkSession;
    CHECK(service->accept(intake, byClerk).error().kind == Error::Kind::Forbidden);

    // The supervisor signs in at the window and approves: accepted, and the
    // override names the supervisor who signed in, not what was typed.
    auto supervisor = AuthService(*f.store.db, f.clock)
                          .signIn(QStringLiteral("liukz"), QStringLiteral("long-enough-1"));
    REQUIRE(supervisor.ok());
    AcceptOptions approved = overrideBy(QStringLiteral("someone else"));
    approved.overrideApprover = *supervisor;
    auto accepted = service->accept(intake, approved);
    if (!accepted)
        FAIL(accepted.error().fullText().toStdString());
    CHECK(f.count(QStringLiteral("supervisor_override"), QStringLiteral("supervisor = 'liukz'")) ==
          1);
    CHECK(f.count(QStringLiteral("audit_log"),
                  QStringLiteral("action = 'intake.accept' AND actor = 'zhangmin'")) == 1);
    CHECK(f.count(QStringLiteral("audit_log"),
                  QStringLiteral("action = 'intake.override' AND actor = 'zhangmin' AND "
                                 "after_json LIKE '%liukz%'")) == 1);
}

TEST_CASE("Permissions: a clerk accepts only the items of their position", "[permissions][intake]")
{
    IntakeFixture f;
    const User clerk =
        makeUser(f, QStringLiteral("zhangmin"), Role::Clerk, {QStringLiteral("GAJ-GG-002")});
    auto service = serviceFor(f, Session::forUser(clerk, f.clock.now()));
    Intake intake = service->begin();
    REQUIRE(service
                ->setApplicant(intake, naturalPerson(QStringLiteral("王建国"),
                                                     QStringLiteral("320581197003144512")))
                .ok());
    REQUIRE(intake.addItem(QStringLiteral("ZJJ-QT-001")).ok());
    auto refused = service->requestCorrection(intake);
    REQUIRE_FALSE(refused.ok());
    bool named = false;
    for (const Problem& p : refused.error().problems)
        named =
            named || (p.where == QLatin1String("items") && p.field == QLatin1String("ZJJ-QT-001") &&
                      p.message.contains(QStringLiteral("张敏")));
    CHECK(named);
    CHECK(f.count(QStringLiteral("intake_case")) == 0);

    // No one signed in: nothing at all.
    auto nobody = serviceFor(f, Session());
    auto none = nobody->requestCorrection(intake);
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().kind == Error::Kind::Forbidden);
}

TEST_CASE("Permissions: only an administrator imports the catalogue, and the import is audited",
          "[permissions][catalogue]")
{
    IntakeFixture f;
    const User clerk = makeUser(f, QStringLiteral("zhangmin"), Role::Clerk);
    const User supervisor = makeUser(f, QStringLiteral("liukz"), Role::Supervisor);
    const QString path = sourcePath(QStringLiteral("resources/catalogue/sample-catalogue.json"));
    const int versions = f.count(QStringLiteral("item_version"));
    for (const User& u : {clerk, supervisor}) {
        auto refused = f.catalogue->importFile(path, Session::forUser(u, f.clock.now()));
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().kind == Error::Kind::Forbidden);
        CHECK(refused.error().message.contains(describe(Permission::ImportCatalogue)));
    }
    CHECK(f.count(QStringLiteral("item_version")) == versions);
    CHECK(f.count(QStringLiteral("audit_log"), QStringLiteral("action = 'catalogue.import'")) == 0);

    User admin = clerk;
    admin.role = Role::Administrator;
    admin.login = QStringLiteral("admin");
    auto imported = f.catalogue->importFile(path, Session::forUser(admin, f.clock.now()));
    REQUIRE(imported.ok());
    CHECK(f.count(QStringLiteral("audit_log"), QStringLiteral("action = 'catalogue.import' AND "
                                                              "actor = 'admin' AND subject = "
                                                              "'sample-catalogue.json'")) == 1);
}
