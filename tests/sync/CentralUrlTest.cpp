// The central address as the counters and `central` commands take it: one
// host, or a primary and its standbys for libpq to try in turn.
#include "sync/CentralConnection.h"

#include <QCoreApplication>
#include <catch2/catch.hpp>

using namespace ow;

TEST_CASE("central address: one host with its login database and options")
{
    auto u = CentralUrl::parse(QStringLiteral(
        "postgresql://ow_site_a:p%40ss@centre.example:6432/onewindow?sslmode=verify-full"));
    REQUIRE(u.ok());
    CHECK(u->host == QStringLiteral("centre.example"));
    CHECK(u->port == 6432);
    CHECK(u->hosts.size() == 1);
    CHECK(u->user == QStringLiteral("ow_site_a"));
    CHECK(u->password == QStringLiteral("p@ss"));
    CHECK(u->database == QStringLiteral("onewindow"));
    CHECK(
        u->display() ==
        QStringLiteral("postgresql://ow_site_a@centre.example:6432/onewindow?sslmode=verify-full"));
    // Without a port: PostgreSQL's.
    auto plain = CentralUrl::parse(QStringLiteral("postgres://u@db/x"));
    REQUIRE(plain.ok());
    CHECK(plain->port == 5432);
}

TEST_CASE("central address: a primary and its standbys")
{
    auto u = CentralUrl::parse(QStringLiteral(
        "postgresql://ow_site_a:secret@10.0.0.1:5432,10.0.0.2:5433,[fd00::3]/onewindow"
        "?target_session_attrs=read-write&sslmode=require"));
    REQUIRE(u.ok());
    REQUIRE(u->hosts.size() == 3);
    CHECK(u->hosts[0] == std::pair<QString, int>{QStringLiteral("10.0.0.1"), 5432});
    CHECK(u->hosts[1] == std::pair<QString, int>{QStringLiteral("10.0.0.2"), 5433});
    CHECK(u->hosts[2] == std::pair<QString, int>{QStringLiteral("fd00::3"), 5432});
    CHECK(u->password == QStringLiteral("secret"));
    // The password never shows; the list and the options stay as given.
    CHECK(u->display() == QStringLiteral("postgresql://ow_site_a@10.0.0.1:5432,10.0.0.2:5433,"
                                         "[fd00::3]:5432/onewindow?target_session_attrs=read-write"
                                         "&sslmode=require"));
    // The same as parameters, libpq's other spelling.
    auto p = CentralUrl::parse(
        QStringLiteral("postgresql://u@/onewindow?host=a.example,b.example&port=5432,6432"));
    REQUIRE(p.ok());
    REQUIRE(p->hosts.size() == 2);
    CHECK(p->hosts[1] == std::pair<QString, int>{QStringLiteral("b.example"), 6432});
    // Another login keeps every host (the URL add-site prints).
    auto again = CentralUrl::parse(u->withLogin(QStringLiteral("ow_site_b"), QStringLiteral("x")));
    REQUIRE(again.ok());
    CHECK(again->hosts == u->hosts);
    CHECK(again->user == QStringLiteral("ow_site_b"));
}

TEST_CASE("central address: what is not an address is refused")
{
    for (const char* bad : {"centre.example:5432", "http://u@h/db", "postgresql://u@h:99999/db",
                            "postgresql://u@h:5432,,k/db", "postgresql://u@/db?host=a,b&port=1,2,3",
                            "postgresql://u@h:port/db"}) {
        INFO(bad);
        auto u = CentralUrl::parse(QString::fromLatin1(bad));
        REQUIRE_FALSE(u.ok());
        CHECK(u.error().message.contains(QStringLiteral("postgresql://")));
    }
    auto noUser = CentralUrl::parse(QStringLiteral("postgresql://h/db"));
    REQUIRE_FALSE(noUser.ok());
    CHECK(noUser.error().message ==
          QCoreApplication::translate("ow::CentralConnection",
                                      "The central database address names no user."));
}
