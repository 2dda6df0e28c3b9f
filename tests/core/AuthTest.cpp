// Users, passwords and sign-in on a real store: Argon2id strings only, the
// first administrator once, lock-out after the policy's failures (for a
// time, or until a supervisor unlocks), and every change in the audit log.
#include "TestSupport.h"
#include "audit/AuditLog.h"
#include "auth/AuthService.h"
#include "auth/PasswordHash.h"
#include "store/Clock.h"

#include <QSqlQuery>
#include <QTimeZone>

using namespace ow;
using namespace ow::test;

namespace {

QDateTime morning()
{
    return QDateTime(QDate(2025, 3, 14), QTime(9, 0), QTimeZone(8 * 3600));
}

struct AuthFixture
{
    TempStore store;
    FixedClock clock{morning()};
    AuthService auth{*store.db, clock};

    User add(const QString& login, Role role,
             const QString& password = QStringLiteral("correct-horse"))
    {
        NewUser u;
        u.login = login;
        u.displayName = login.toUpper();
        u.role = role;
        auto added = auth.addUser(Session::system(), u, password);
        if (!added)
            FAIL(added.error().fullText().toStdString());
        return added.value();
    }
    QVariant scalar(const QString& sql) const
    {
        QSqlQuery q = store.db->query();
        REQUIRE(q.exec(sql));
        return q.next() ? q.value(0) : QVariant();
    }
    int auditCount(const QString& action) const
    {
        return scalar(
                   QStringLiteral("SELECT count(*) FROM audit_log WHERE action = '%1'").arg(action))
            .toInt();
    }
};

} // namespace

TEST_CASE("PasswordHash: salted Argon2id strings that verify only the right password", "[auth]")
{
    auto a = PasswordHash::hash(QStringLiteral("窗口密码-2025"));
    auto b = PasswordHash::hash(QStringLiteral("窗口密码-2025"));
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->startsWith(QLatin1String("$argon2id$v=19$")));
    CHECK(*a != *b); // each with its own salt
    CHECK(PasswordHash::verify(*a, QStringLiteral("窗口密码-2025")));
    CHECK(PasswordHash::verify(*b, QStringLiteral("窗口密码-2025")));
    CHECK_FALSE(PasswordHash::verify(*a, QStringLiteral("窗口密码-2024")));
    CHECK_FALSE(PasswordHash::verify(*a, QString()));
    CHECK_FALSE(PasswordHash::verify(QStringLiteral("plain"), QStringLiteral("plain")));
    CHECK_FALSE(PasswordHash::needsRehash(*a));

    // The store keeps the string, never the password.
    AuthFixture f;
    f.add(QStringLiteral("wangfang"), Role::Clerk, QStringLiteral("counter-pass-7"));
    const QString stored =
        f.scalar(QStringLiteral("SELECT password_hash FROM app_user WHERE login = 'wangfang'"))
            .toString();
    CHECK(stored.startsWith(QLatin1String("$argon2id$")));
    CHECK_FALSE(stored.contains(QLatin1String("counter-pass-7")));
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE after_json LIKE "
                                  "'%counter-pass-7%' OR after_json LIKE '%argon2id%'"))
              .toInt() == 0);
    auto session = f.auth.signIn(QStringLiteral("WangFang"), QStringLiteral("counter-pass-7"));
    REQUIRE(session.ok());
    CHECK(session->login() == QStringLiteral("wangfang"));
    CHECK(session->role() == Role::Clerk);
}

TEST_CASE("AuthService: the first start creates the administrator once", "[auth]")
{
    AuthFixture f;
    CHECK_FALSE(f.auth.hasUsers().value());
    NewUser admin{QStringLiteral("admin"), QStringLiteral("陈主任"), Role::Clerk, {}, {}, {}};
    auto first = f.auth.createFirstAdministrator(admin, QStringLiteral("first-admin-1"));
    REQUIRE(first.ok());
    CHECK(first->role == Role::Administrator);
    CHECK(f.auth.hasUsers().value());
    CHECK(f.scalar(QStringLiteral("SELECT actor FROM audit_log WHERE action = "
                                  "'user.add-first-administrator'"))
              .toString() == QStringLiteral("admin"));

    NewUser other{QStringLiteral("other"), QStringLiteral("他人"), Role::Administrator, {}, {}, {}};
    auto second = f.auth.createFirstAdministrator(other, QStringLiteral("second-admin-1"));
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().kind == Error::Kind::Conflict);
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM app_user")).toInt() == 1);

    // Bad input names the field and adds nothing.
    NewUser bad{QStringLiteral("has space"), QString(), Role::Clerk, {}, {}, {}};
    auto refused = f.auth.addUser(Session::system(), bad, QStringLiteral("short"));
    REQUIRE_FALSE(refused.ok());
    QStringList fields;
    for (const Problem& p : refused.error().problems)
        fields << p.field;
    CHECK(fields ==
          QStringList{QStringLiteral("login"), QStringLiteral("name"), QStringLiteral("password")});
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM app_user")).toInt() == 1);
}

TEST_CASE("AuthService: repeated failures lock the account until the lock runs out", "[auth]")
{
    AuthFixture f;
    AuthPolicy p;
    p.maxFailures = 3;
    p.lockMinutes = 15;
    REQUIRE(f.auth.setPolicy(Session::system(), p).ok());
    f.add(QStringLiteral("zhangmin"), Role::Clerk);

    auto one = f.auth.signIn(QStringLiteral("zhangmin"), QStringLiteral("wrong-1"));
    REQUIRE_FALSE(one.ok());
    CHECK(one.error().kind == Error::Kind::Forbidden);
    CHECK(one.error().message.contains(QLatin1String("2")));
    auto two = f.auth.signIn(QStringLiteral("zhangmin"), QStringLiteral("wrong-2"));
    REQUIRE_FALSE(two.ok());
    auto three = f.auth.signIn(QStringLiteral("zhangmin"), QStringLiteral("wrong-3"));
    REQUIRE_FALSE(three.ok());
    // The message says until when: 09:00 + 15 minutes.
    INFO(three.error().message.toStdString());
    CHECK(three.error().message.contains(QLatin1String("2025-03-14 09:15")));
    CHECK(f.auditCount(QStringLiteral("auth.sign-in-failed")) == 2);
    CHECK(f.auditCount(QStringLiteral("auth.locked")) == 1);

    // Locked: even the right password is refused, and the refusal says why.
    f.clock.advanceSecs(14 * 60);
    auto still = f.auth.signIn(QStringLiteral("zhangmin"), QStringLiteral("correct-horse"));
    REQUIRE_FALSE(still.ok());
    CHECK(still.error().message.contains(QLatin1String("09:15")));

    // Once the lock ran out the right password works and the count is reset.
    f.clock.advanceSecs(2 * 60);
    auto in = f.auth.signIn(QStringLiteral("zhangmin"), QStringLiteral("correct-horse"));
    if (!in)
        FAIL(in.error().fullText().toStdString());
    CHECK(f.scalar(QStringLiteral("SELECT failed_attempts || '/' || locked_until FROM app_user "
                                  "WHERE login = 'zhangmin'"))
              .toString() == QStringLiteral("0/"));
    // A success between failures starts the count again.
    REQUIRE_FALSE(f.auth.signIn(QStringLiteral("zhangmin"), QStringLiteral("x1")).ok());
    REQUIRE_FALSE(f.auth.signIn(QStringLiteral("zhangmin"), QStringLiteral("x2")).ok());
    REQUIRE(f.auth.signIn(QStringLiteral("zhangmin"), QStringLiteral("correct-horse")).ok());
    REQUIRE_FALSE(f.auth.signIn(QStringLiteral("zhangmin"), QStringLiteral("x3")).ok());
    REQUIRE(f.auth.signIn(QStringLiteral("zhangmin"), QStringLiteral("correct-horse")).ok());

    // An unknown login is refused like a wrong password and counts nothing.
    auto unknown = f.auth.signIn(QStringLiteral("nobody"), QStringLiteral("correct-horse"));
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().kind == Error::Kind::Forbidden);
}

TEST_CASE("AuthService: a lock until unlocked waits for a supervisor, not a clerk", "[auth]")
{
    AuthFixture f;
    AuthPolicy p;
    p.maxFailures = 2;
    p.lockMinutes = 0;
    REQUIRE(f.auth.setPolicy(Session::system(), p).ok());
    const User clerk = f.add(QStringLiteral("lina"), Role::Clerk);
    const User other = f.add(QStringLiteral("zhouqiang"), Role::Clerk);
    const User supervisor = f.add(QStringLiteral("liukz"), Role::Supervisor);
    REQUIRE_FALSE(f.auth.signIn(QStringLiteral("lina"), QStringLiteral("bad-1")).ok());
    auto locked = f.auth.signIn(QStringLiteral("lina"), QStringLiteral("bad-2"));
    REQUIRE_FALSE(locked.ok());
    f.clock.advanceSecs(3 * 24 * 3600);
    auto later = f.auth.signIn(QStringLiteral("lina"), QStringLiteral("correct-horse"));
    REQUIRE_FALSE(later.ok());
    CHECK(later.error().kind == Error::Kind::Forbidden);
    CHECK(later.error().message.contains(QLatin1String("lina")));

    const Session colleague = Session::forUser(other, f.clock.now());
    const Status refused = f.auth.unlock(colleague, QStringLiteral("lina"));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == Error::Kind::Forbidden);
    CHECK(refused.error().message.contains(QStringLiteral("ZHOUQIANG")));

    REQUIRE(
        f.auth.unlock(Session::forUser(supervisor, f.clock.now()), QStringLiteral("lina")).ok());
    CHECK(f.scalar(QStringLiteral("SELECT actor FROM audit_log WHERE action = 'user.unlock'"))
              .toString() == QStringLiteral("liukz"));
    auto in = f.auth.signIn(QStringLiteral("lina"), QStringLiteral("correct-horse"));
    REQUIRE(in.ok());
    CHECK(in->userId() == clerk.id);

    // A disabled account cannot sign in, whatever the password.
    REQUIRE(f.auth.setActive(Session::system(), QStringLiteral("lina"), false).ok());
    auto disabled = f.auth.signIn(QStringLiteral("lina"), QStringLiteral("correct-horse"));
    REQUIRE_FALSE(disabled.ok());
    CHECK(disabled.error().message.contains(QLatin1String("lina")));
}

TEST_CASE("AuthService: the locked screen takes the same user's password again", "[auth]")
{
    AuthFixture f;
    const User u = f.add(QStringLiteral("wangfang"), Role::Clerk);
    auto s = f.auth.signIn(QStringLiteral("wangfang"), QStringLiteral("correct-horse"));
    REQUIRE(s.ok());
    auto wrong = f.auth.resume(*s, QStringLiteral("not-it"));
    REQUIRE_FALSE(wrong.ok());
    CHECK(f.scalar(QStringLiteral("SELECT failed_attempts FROM app_user")).toInt() == 1);
    auto back = f.auth.resume(*s, QStringLiteral("correct-horse"));
    REQUIRE(back.ok());
    CHECK(back->userId() == u.id);
    CHECK(f.auditCount(QStringLiteral("auth.resume")) == 1);
}

TEST_CASE("Permissions: a clerk may not manage users or change the policy, and nothing is "
          "written",
          "[auth][permissions]")
{
    AuthFixture f;
    const User clerk = f.add(QStringLiteral("wangfang"), Role::Clerk);
    const Session s = Session::forUser(clerk, f.clock.now());
    const int entries = f.scalar(QStringLiteral("SELECT count(*) FROM audit_log")).toInt();

    NewUser u{QStringLiteral("mine"), QStringLiteral("我的"), Role::Administrator, {}, {}, {}};
    auto added = f.auth.addUser(s, u, QStringLiteral("long-enough-1"));
    REQUIRE_FALSE(added.ok());
    CHECK(added.error().kind == Error::Kind::Forbidden);
    // The message names who, their role and the role it takes.
    CHECK(added.error().message.contains(QStringLiteral("WANGFANG")));
    CHECK(added.error().message.contains(displayName(Role::Clerk)));
    CHECK(added.error().message.contains(displayName(Role::Administrator)));
    CHECK_FALSE(
        f.auth.setPassword(s, QStringLiteral("wangfang"), QStringLiteral("new-pass-99")).ok());
    CHECK_FALSE(f.auth.setActive(s, QStringLiteral("wangfang"), false).ok());
    CHECK_FALSE(f.auth.setPolicy(s, AuthPolicy{}).ok());
    CHECK_FALSE(f.auth.users(s).ok());
    CHECK_FALSE(Session().may(Permission::AcceptIntake));
    CHECK(Session().require(Permission::AcceptIntake).error().kind == Error::Kind::Forbidden);

    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM app_user")).toInt() == 1);
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM audit_log")).toInt() == entries);

    // Roles nest: a supervisor unlocks and reads the audit log, an
    // administrator also manages users.
    CHECK(roleHas(Role::Supervisor, Permission::UnlockUser));
    CHECK(roleHas(Role::Supervisor, Permission::OverrideCreditCheck));
    CHECK_FALSE(roleHas(Role::Supervisor, Permission::ManageUsers));
    CHECK(roleHas(Role::Administrator, Permission::RunSampling));
    CHECK_FALSE(roleHas(Role::Clerk, Permission::RunSampling));
}
