// The centre's administrator: adding sites (a credential shown once),
// publishing reference data, back-office decisions, the status overview.
#include "CentralTestSupport.h"

#include <QRegularExpression>

using namespace ow;
using namespace ow::test;

namespace {

QString lineValue(const QString& out, const QString& label)
{
    const QRegularExpression re(QStringLiteral("^\\s*") + label +
                                    QStringLiteral(":\\s+(\\S+)\\s*$"),
                                QRegularExpression::MultilineOption);
    return re.match(out).captured(1);
}

} // namespace

TEST_CASE("add-site prints the new site's credential once and the centre keeps no copy")
{
    CentralFixture central;
    const QString code = central.siteCode(QStringLiteral("T"));
    const QStringList args{QStringLiteral("central"),
                           QStringLiteral("add-site"),
                           code,
                           QStringLiteral("--name"),
                           QStringLiteral("城南街道便民服务中心"),
                           QStringLiteral("--level"),
                           QStringLiteral("town"),
                           QStringLiteral("--central"),
                           central.adminUrl()};
    const ProcessResult r = runAdmin(args);
    INFO(r.out.toStdString() << r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QString role = lineValue(r.out, QStringLiteral("role"));
    const QString password = lineValue(r.out, QStringLiteral("password"));
    const QString url = lineValue(r.out, QStringLiteral("URL"));
    CHECK(role == QStringLiteral("ow_site_") + code.toLower());
    CHECK(password.size() >= 32);
    CHECK(r.out.count(password) == 2); // the password line and the URL, nothing else
    CHECK_FALSE(r.err.contains(password));

    // The credential works, and it is the site's own.
    auto site = connectOrFail(url);
    CHECK(scalar(*site, QStringLiteral("SELECT session_user")).toString() == role);
    auto reg = site->callJson(QStringLiteral("SELECT ow_api.register_site(?, ?::uuid, ?, ?)"),
                              {code, newUuid(), QStringLiteral("pc"), QStringLiteral("0")});
    REQUIRE(reg.ok());
    CHECK(reg->toObject().value(QStringLiteral("site_code")).toString() == code);

    // The server holds a SCRAM verifier, never the password; no table has it.
    CentralConnection& admin = central.admin();
    const QString stored =
        scalar(admin,
               QStringLiteral("SELECT rolpassword FROM pg_authid WHERE rolname = '%1'").arg(role))
            .toString();
    CHECK(stored.startsWith(QStringLiteral("SCRAM-SHA-256$4096:")));
    CHECK_FALSE(stored.contains(password));
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM ow.sites s WHERE s::text LIKE "
                                       "'%%1%'")
                            .arg(password))
              .toInt() == 0);

    // Adding it again fails and shows no password; the status never shows one.
    const ProcessResult again = runAdmin(args);
    CHECK(again.exitCode == 1);
    CHECK_FALSE(again.out.contains(QStringLiteral("password")));
    CHECK_FALSE(again.out.contains(password));
    const ProcessResult status = runAdmin({QStringLiteral("central"), QStringLiteral("status"),
                                           QStringLiteral("--central"), central.adminUrl()});
    INFO(status.err.toStdString());
    CHECK(status.exitCode == 0);
    CHECK(status.out.contains(code));
    CHECK_FALSE(status.out.contains(password));
    CHECK_FALSE(status.out.contains(pgServer().password));

    // A wrong password is refused.
    auto parsed = CentralUrl::parse(url);
    REQUIRE(parsed.ok());
    CHECK_FALSE(CentralConnection::open(parsed->withLogin(role, password.left(31))).ok());
}

TEST_CASE("add-site refuses bad codes and levels before touching the server")
{
    CentralFixture central;
    CentralAdmin admin(central.admin());
    CHECK(admin.addSite(QStringLiteral("A-1"), QStringLiteral("x"), QStringLiteral("town"))
              .error()
              .kind == Error::Kind::Invalid);
    CHECK(admin.addSite(QStringLiteral("A1"), QStringLiteral(""), QStringLiteral("town"))
              .error()
              .kind == Error::Kind::Invalid);
    CHECK(admin.addSite(QStringLiteral("A1"), QStringLiteral("x"), QStringLiteral("county"))
              .error()
              .kind == Error::Kind::Invalid);
    CHECK(scalar(central.admin(), QStringLiteral("SELECT count(*) FROM ow.sites")).toInt() == 0);
}

TEST_CASE("a published calendar and credit grade reach every site and republishing changes nothing")
{
    CentralFixture central;
    const NewSite a = central.addSite(QStringLiteral("A"));
    auto site = central.siteConnection(a, newUuid());
    const QString calendar = sourcePath(QStringLiteral("resources/calendar/holidays-cn.tsv"));
    const QStringList publish{QStringLiteral("central"), QStringLiteral("publish-calendar"),
                              calendar, QStringLiteral("--central"), central.adminUrl()};

    ProcessResult r = runAdmin(publish);
    INFO(r.out.toStdString() << r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CentralConnection& admin = central.admin();
    const int years = scalar(admin, QStringLiteral("SELECT count(*) FROM ow.calendars")).toInt();
    CHECK(years >= 3);
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM ow.calendars, "
                                       "jsonb_array_elements(days) d WHERE year = 2024 "
                                       "AND d->>'date' = '2024-02-12' AND d->>'type' = 'off'"))
              .toInt() == 1);
    const qint64 logged =
        scalar(admin, QStringLiteral("SELECT count(*) FROM ow.change_log")).toLongLong();
    r = runAdmin(publish);
    CHECK(r.exitCode == 0);
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM ow.change_log")).toLongLong() ==
          logged);

    r = runAdmin({QStringLiteral("central"), QStringLiteral("set-credit-grade"),
                  QStringLiteral("91350100M000100Y43"), QStringLiteral("C"),
                  QStringLiteral("--central"), central.adminUrl()});
    CHECK(r.exitCode == 0);
    r = runAdmin({QStringLiteral("central"), QStringLiteral("set-credit-grade"),
                  QStringLiteral("91350100M000100Y43"), QStringLiteral("D"),
                  QStringLiteral("--central"), central.adminUrl()});
    CHECK(r.exitCode == 2);

    const QStringList kinds = kindsOf(pullAll(central, *site));
    CHECK(kinds.count(QStringLiteral("calendar.year")) == years);
    CHECK(kinds.count(QStringLiteral("credit.grade")) == 1);
    CHECK(kinds.last() == QStringLiteral("credit.grade"));
}

TEST_CASE("a back-office decision is recorded with who and the server's time, and pulled by "
          "the case's site")
{
    CentralFixture central;
    const NewSite a = central.addSite(QStringLiteral("A"));
    auto site = central.siteConnection(a, newUuid());
    const QString caseUuid = newUuid();
    const QString number = a.code + QStringLiteral("-20250314-0001");
    QJsonArray answers =
        push(*site, {caseUpsert(newUuid(), caseUuid, number),
                     statusRequest(newUuid(), caseUuid, QStringLiteral("forwarded"), 1)});
    REQUIRE(answers[1].toObject().value(QStringLiteral("result")).toString() ==
            QStringLiteral("applied"));

    const ProcessResult r = runAdmin({QStringLiteral("central"), QStringLiteral("case-status"),
                                      number, QStringLiteral("approved"), QStringLiteral("--by"),
                                      QStringLiteral("审批科 张科长"), QStringLiteral("--central"),
                                      central.adminUrl()});
    INFO(r.out.toStdString() << r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CentralConnection& admin = central.admin();
    CHECK(scalar(admin, QStringLiteral("SELECT status || ':' || status_version FROM ow.cases"))
              .toString() == QStringLiteral("approved:3"));
    CHECK(scalar(admin, QStringLiteral("SELECT actor || '|' || actor_kind || '|' ||"
                                       " (recorded_at > now() - interval '1 hour')::text"
                                       " FROM ow.case_status_history WHERE status_version = 3"))
              .toString() == QStringLiteral("审批科 张科长|back_office|true"));

    // Not a transition the back office can make, and no such case.
    CentralAdmin adminApi(admin);
    auto bad = adminApi.recordCaseStatus(number, QStringLiteral("accepted"), QStringLiteral("x"));
    CHECK(bad.error().kind == Error::Kind::Conflict);
    auto none = adminApi.recordCaseStatus(a.code + QStringLiteral("-20250314-0999"),
                                          QStringLiteral("approved"), QStringLiteral("x"));
    CHECK(none.error().kind == Error::Kind::NotFound);

    // The site learns the decision from its change log.
    const QJsonArray changes = pullAll(central, *site);
    REQUIRE_FALSE(changes.isEmpty());
    const QJsonObject last = changes.last().toObject();
    CHECK(last.value(QStringLiteral("kind")).toString() == QStringLiteral("case.status"));
    CHECK(last.value(QStringLiteral("payload")).toObject().value(QStringLiteral("status")) ==
          QStringLiteral("approved"));

    const ProcessResult status = runAdmin({QStringLiteral("central"), QStringLiteral("status"),
                                           QStringLiteral("--central"), central.adminUrl()});
    CHECK(status.exitCode == 0);
    CHECK(status.out.contains(a.code));
}
