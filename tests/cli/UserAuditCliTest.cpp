// onewindow-admin user ... and audit ...: users added with the password on
// standard input (never on the command line), listed; the audit log
// verified intact, then broken by raw SQL on the file and named by entry.
#include "TestSupport.h"
#include "auth/AuthService.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

using ow::test::runAdmin;

namespace {

// Raw SQL on the store file, from outside the program.
void tamper(const QString& storeFile, const QStringList& statements)
{
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(storeFile);
        REQUIRE(db.open());
        for (const QString& sql : statements) {
            QSqlQuery q(db);
            INFO(sql.toStdString() << ": " << q.lastError().text().toStdString());
            REQUIRE(q.exec(sql));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace

TEST_CASE("CLI: user add reads the password from standard input, user list shows the users",
          "[cli][auth]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QStringList base{QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"),
                           QStringLiteral("en")};
    auto added = runAdmin(base + QStringList{QStringLiteral("user"), QStringLiteral("add"),
                                             QStringLiteral("wangfang"), QStringLiteral("--name"),
                                             QStringLiteral("王芳"), QStringLiteral("--role"),
                                             QStringLiteral("clerk"), QStringLiteral("--window"),
                                             QStringLiteral("A03")},
                          "counter-pass-7\n");
    INFO(added.err.toStdString());
    REQUIRE(added.exitCode == 0);
    CHECK(added.out.contains(QStringLiteral("王芳")));
    auto sup = runAdmin(base + QStringList{QStringLiteral("user"), QStringLiteral("add"),
                                           QStringLiteral("liukz"), QStringLiteral("--name"),
                                           QStringLiteral("刘科长"), QStringLiteral("--role"),
                                           QStringLiteral("supervisor")},
                        "another-pass-8\n");
    REQUIRE(sup.exitCode == 0);

    // Refused, with the reason, and nothing added: a short password, a taken
    // login, an unknown role, no password at all.
    auto shortPassword = runAdmin(
        base + QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("lina"),
                           QStringLiteral("--name"), QStringLiteral("李娜"),
                           QStringLiteral("--role"), QStringLiteral("clerk")},
        "short\n");
    CHECK(shortPassword.exitCode == 1);
    CHECK(shortPassword.err.contains(QLatin1String("password")));
    auto taken = runAdmin(base + QStringList{QStringLiteral("user"), QStringLiteral("add"),
                                             QStringLiteral("WangFang"), QStringLiteral("--name"),
                                             QStringLiteral("重名"), QStringLiteral("--role"),
                                             QStringLiteral("clerk")},
                          "counter-pass-9\n");
    CHECK(taken.exitCode == 1);
    CHECK(taken.err.contains(QLatin1String("taken")));
    auto badRole = runAdmin(base + QStringList{QStringLiteral("user"), QStringLiteral("add"),
                                               QStringLiteral("x"), QStringLiteral("--name"),
                                               QStringLiteral("X"), QStringLiteral("--role"),
                                               QStringLiteral("boss")},
                            "counter-pass-9\n");
    CHECK(badRole.exitCode == 2);
    CHECK(badRole.err.contains(QLatin1String("boss")));
    auto noPassword = runAdmin(
        base + QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("nopass"),
                           QStringLiteral("--name"), QStringLiteral("无密码"),
                           QStringLiteral("--role"), QStringLiteral("clerk")});
    CHECK(noPassword.exitCode == 1);

    auto list = runAdmin(base + QStringList{QStringLiteral("user"), QStringLiteral("list")});
    REQUIRE(list.exitCode == 0);
    const QStringList lines = list.out.trimmed().split(QLatin1Char('\n'));
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].startsWith(QStringLiteral("liukz\t刘科长\tsupervisor")));
    CHECK(lines[1].startsWith(QStringLiteral("wangfang\t王芳\tclerk\t\tA03\tactive")));

    // passwd and disable show in the list and the audit log.
    auto passwd = runAdmin(base + QStringList{QStringLiteral("user"), QStringLiteral("passwd"),
                                              QStringLiteral("wangfang")},
                           "changed-pass-10\n");
    CHECK(passwd.exitCode == 0);
    auto disable = runAdmin(base + QStringList{QStringLiteral("user"), QStringLiteral("disable"),
                                               QStringLiteral("wangfang")});
    CHECK(disable.exitCode == 0);
    auto json = runAdmin(base + QStringList{QStringLiteral("user"), QStringLiteral("list"),
                                            QStringLiteral("--json")});
    REQUIRE(json.exitCode == 0);
    const QJsonArray users = QJsonDocument::fromJson(json.out.toUtf8()).array();
    REQUIRE(users.size() == 2);
    CHECK(users[1].toObject().value(QStringLiteral("active")).toBool() == false);
    CHECK_FALSE(json.out.contains(QLatin1String("argon2")));

    auto audit = runAdmin(base + QStringList{QStringLiteral("audit"), QStringLiteral("list")});
    REQUIRE(audit.exitCode == 0);
    QStringList actions;
    for (const QString& line : audit.out.trimmed().split(QLatin1Char('\n')))
        actions << line.section(QLatin1Char('\t'), 3, 3) + QLatin1Char(' ') +
                       line.section(QLatin1Char('\t'), 4, 4);
    CHECK(actions == QStringList{QStringLiteral("user.add wangfang"),
                                 QStringLiteral("user.add liukz"),
                                 QStringLiteral("user.password wangfang"),
                                 QStringLiteral("user.disable wangfang")});
    CHECK(audit.out.contains(QLatin1String("\tsystem\t")));

    // --since: a later day lists nothing; a bad date is a usage error.
    auto later =
        runAdmin(base + QStringList{QStringLiteral("audit"), QStringLiteral("list"),
                                    QStringLiteral("--since"), QStringLiteral("2999-01-01")});
    CHECK(later.exitCode == 0);
    CHECK(later.out.isEmpty());
    auto today = runAdmin(base + QStringList{QStringLiteral("audit"), QStringLiteral("list"),
                                             QStringLiteral("--since"),
                                             QDate::currentDate().toString(Qt::ISODate),
                                             QStringLiteral("--json")});
    CHECK(today.exitCode == 0);
    CHECK(QJsonDocument::fromJson(today.out.toUtf8()).array().size() == 4);
    auto bad = runAdmin(base + QStringList{QStringLiteral("audit"), QStringLiteral("list"),
                                           QStringLiteral("--since"), QStringLiteral("yesterday")});
    CHECK(bad.exitCode == 2);
    CHECK(bad.err.contains(QLatin1String("yesterday")));
}

TEST_CASE("CLI: user unlock lifts a lock-out after failed sign-ins", "[cli][auth]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QStringList base{QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"),
                           QStringLiteral("en")};
    REQUIRE(runAdmin(base + QStringList{QStringLiteral("user"), QStringLiteral("policy"),
                                        QStringLiteral("--max-failures"), QStringLiteral("2"),
                                        QStringLiteral("--lock-minutes"), QStringLiteral("0")})
                .exitCode == 0);
    REQUIRE(runAdmin(base + QStringList{QStringLiteral("user"), QStringLiteral("add"),
                                        QStringLiteral("lina"), QStringLiteral("--name"),
                                        QStringLiteral("李娜"), QStringLiteral("--role"),
                                        QStringLiteral("clerk")},
                     "counter-pass-7\n")
                .exitCode == 0);
    {
        // Two wrong passwords at the counter.
        auto db = ow::Database::open(dir.filePath(QStringLiteral("onewindow.sqlite")));
        REQUIRE(db.ok());
        ow::AuthService auth(*db.value());
        REQUIRE_FALSE(auth.signIn(QStringLiteral("lina"), QStringLiteral("wrong-1")).ok());
        REQUIRE_FALSE(auth.signIn(QStringLiteral("lina"), QStringLiteral("wrong-2")).ok());
        REQUIRE_FALSE(auth.signIn(QStringLiteral("lina"), QStringLiteral("counter-pass-7")).ok());
    }
    auto locked = runAdmin(base + QStringList{QStringLiteral("user"), QStringLiteral("list")});
    CHECK(locked.out.contains(QLatin1String("locked until unlocked")));
    auto unlock = runAdmin(base + QStringList{QStringLiteral("user"), QStringLiteral("unlock"),
                                              QStringLiteral("lina")});
    CHECK(unlock.exitCode == 0);
    auto unknown = runAdmin(base + QStringList{QStringLiteral("user"), QStringLiteral("unlock"),
                                               QStringLiteral("nobody")});
    CHECK(unknown.exitCode == 1);
    CHECK(unknown.err.contains(QLatin1String("nobody")));
    auto db = ow::Database::open(dir.filePath(QStringLiteral("onewindow.sqlite")));
    REQUIRE(db.ok());
    CHECK(ow::AuthService(*db.value())
              .signIn(QStringLiteral("lina"), QStringLiteral("counter-pass-7"))
              .ok());
}

TEST_CASE("CLI: audit verify passes on an intact log and names the entry that was tampered with",
          "[cli][audit]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QStringList base{QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"),
                           QStringLiteral("en")};
    for (const char* login : {"a1", "a2", "a3", "a4"}) {
        auto r = runAdmin(base + QStringList{QStringLiteral("user"), QStringLiteral("add"),
                                             QString::fromLatin1(login), QStringLiteral("--name"),
                                             QStringLiteral("用户"), QStringLiteral("--role"),
                                             QStringLiteral("clerk")},
                          "counter-pass-7\n");
        REQUIRE(r.exitCode == 0);
    }
    auto intact = runAdmin(base + QStringList{QStringLiteral("audit"), QStringLiteral("verify")});
    INFO(intact.err.toStdString());
    CHECK(intact.exitCode == 0);
    CHECK(intact.out.contains(QLatin1String("4 entries")));

    const QString store = dir.filePath(QStringLiteral("onewindow.sqlite"));
    // Through the program's own rules the log cannot be changed at all.
    {
        const QString name = QUuid::createUuid().toString();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(store);
            REQUIRE(db.open());
            QSqlQuery q(db);
            CHECK_FALSE(q.exec(QStringLiteral("DELETE FROM audit_log WHERE id = 2")));
            CHECK(q.lastError().text().contains(QLatin1String("append-only")));
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

    SECTION("an edited entry")
    {
        tamper(store, {QStringLiteral("DROP TRIGGER audit_log_no_update"),
                       QStringLiteral("UPDATE audit_log SET subject = 'zz' WHERE id = 3")});
        auto broken =
            runAdmin(base + QStringList{QStringLiteral("audit"), QStringLiteral("verify")});
        CHECK(broken.exitCode == 1);
        CHECK(broken.err.contains(QLatin1String("entry 3")));
        CHECK(broken.err.contains(QLatin1String("changed")));
    }
    SECTION("a removed entry")
    {
        tamper(store, {QStringLiteral("DROP TRIGGER audit_log_no_delete"),
                       QStringLiteral("DELETE FROM audit_log WHERE id = 2")});
        auto broken =
            runAdmin(base + QStringList{QStringLiteral("audit"), QStringLiteral("verify")});
        CHECK(broken.exitCode == 1);
        CHECK(broken.err.contains(QLatin1String("entry 3")));
        CHECK(broken.err.contains(QLatin1String("entry 2 is missing")));
    }
}
