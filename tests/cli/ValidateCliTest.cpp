// `onewindow-admin validate ...`: checks values without a store.
#include "TestSupport.h"

#include <QDir>
#include <QTemporaryDir>

using namespace ow;

TEST_CASE("validate id: a valid number is normalised with its birth date")
{
    const auto r = test::runAdmin(
        {QStringLiteral("validate"), QStringLiteral("id"), QStringLiteral("11010519491231002x")});
    CHECK(r.exitCode == 0);
    CHECK(r.out.startsWith(QLatin1String("11010519491231002X\n")));
    CHECK(r.out.contains(QLatin1String("1949-12-31")));
    CHECK(r.out.contains(QLatin1String("110105")));
}

TEST_CASE("validate id: a legacy number is upgraded")
{
    const auto r = test::runAdmin(
        {QStringLiteral("validate"), QStringLiteral("id"), QStringLiteral("110105491231002")});
    CHECK(r.exitCode == 0);
    CHECK(r.out.startsWith(QLatin1String("11010519491231002X\n")));
}

TEST_CASE("validate id: a wrong check character is explained")
{
    const auto r = test::runAdmin(
        {QStringLiteral("validate"), QStringLiteral("id"), QStringLiteral("110105194912310021")});
    CHECK(r.exitCode == 1);
    CHECK(r.out.isEmpty());
    CHECK(r.err.contains(QLatin1String("110105194912310021")));
    CHECK(r.err.contains(QLatin1String("18")));
    CHECK(r.err.contains(QLatin1Char('X')));
}

TEST_CASE("validate uscc: valid, check failed, malformed")
{
    const auto ok = test::runAdmin(
        {QStringLiteral("validate"), QStringLiteral("uscc"), QStringLiteral("91350100m000100y43")});
    CHECK(ok.exitCode == 0);
    CHECK(ok.out.startsWith(QLatin1String("91350100M000100Y43\n")));
    CHECK(ok.out.contains(QLatin1String("350100")));

    const auto check = test::runAdmin(
        {QStringLiteral("validate"), QStringLiteral("uscc"), QStringLiteral("91110000600037341A")});
    CHECK(check.exitCode == 1);
    CHECK(check.err.contains(QLatin1Char('L')));

    const auto bad = test::runAdmin(
        {QStringLiteral("validate"), QStringLiteral("uscc"), QStringLiteral("91350100M000100Y4Z")});
    CHECK(bad.exitCode == 1);
    CHECK(bad.err.contains(QLatin1Char('Z')));
    CHECK(bad.err.count(QLatin1Char('\n')) < check.err.count(QLatin1Char('\n')));
}

TEST_CASE("validate phone, postcode and waybill")
{
    const auto mobile = test::runAdmin(
        {QStringLiteral("validate"), QStringLiteral("phone"), QStringLiteral("+86 138 0013 8000")});
    CHECK(mobile.exitCode == 0);
    CHECK(mobile.out.startsWith(QLatin1String("13800138000\n")));

    const auto fixed = test::runAdmin({QStringLiteral("validate"), QStringLiteral("phone"),
                                       QStringLiteral("(0755)62345678转12")});
    CHECK(fixed.exitCode == 0);
    CHECK(fixed.out.startsWith(QLatin1String("0755-62345678-12\n")));

    const auto badPhone = test::runAdmin(
        {QStringLiteral("validate"), QStringLiteral("phone"), QStringLiteral("12800138000")});
    CHECK(badPhone.exitCode == 1);
    CHECK(badPhone.err.contains(QLatin1String("12")));

    const auto postcode = test::runAdmin(
        {QStringLiteral("validate"), QStringLiteral("postcode"), QStringLiteral("010000")});
    CHECK(postcode.exitCode == 0);
    CHECK(postcode.out == QStringLiteral("010000\n"));
    const auto badPostcode = test::runAdmin(
        {QStringLiteral("validate"), QStringLiteral("postcode"), QStringLiteral("01000")});
    CHECK(badPostcode.exitCode == 1);

    const auto waybill = test::runAdmin(
        {QStringLiteral("validate"), QStringLiteral("waybill"), QStringLiteral("EA473124829CN")});
    CHECK(waybill.exitCode == 0);
    CHECK(waybill.out.startsWith(QLatin1String("EA473124829CN\n")));
    const auto badWaybill = test::runAdmin(
        {QStringLiteral("validate"), QStringLiteral("waybill"), QStringLiteral("EA473124820CN")});
    CHECK(badWaybill.exitCode == 1);
    CHECK(badWaybill.err.contains(QLatin1Char('9')));
}

TEST_CASE("validate: usage errors exit 2 and no store is created")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString data = dir.filePath(QStringLiteral("data"));
    const auto noValue = test::runAdmin(
        {QStringLiteral("--data-dir"), data, QStringLiteral("validate"), QStringLiteral("id")});
    CHECK(noValue.exitCode == 2);
    const auto unknown =
        test::runAdmin({QStringLiteral("--data-dir"), data, QStringLiteral("validate"),
                        QStringLiteral("iban"), QStringLiteral("x")});
    CHECK(unknown.exitCode == 2);
    const auto ok = test::runAdmin({QStringLiteral("--data-dir"), data, QStringLiteral("validate"),
                                    QStringLiteral("name"), QStringLiteral("王𠮷")});
    CHECK(ok.exitCode == 0);
    CHECK(ok.out.startsWith(QStringLiteral("王𠮷\n")));
    CHECK(QDir(data).entryList(QDir::Files | QDir::NoDotAndDotDot).isEmpty());
}

TEST_CASE("the admin commands speak Chinese by default and English with --lang en")
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("missing.json"));
    const auto zh = test::runAdmin(
        {QStringLiteral("validate"), QStringLiteral("id"), QStringLiteral("11010519491231002X")});
    CHECK(zh.exitCode == 0);
    CHECK(zh.out.contains(QStringLiteral("出生日期")));
    const auto intakeZh =
        test::runAdmin({QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("store")),
                        QStringLiteral("intake"), QStringLiteral("--json"), missing});
    CHECK(intakeZh.exitCode != 0);
    CHECK(intakeZh.err.contains(QStringLiteral("无法读取")));

    const auto en = test::runAdmin({QStringLiteral("--lang"), QStringLiteral("en"),
                                    QStringLiteral("validate"), QStringLiteral("id"),
                                    QStringLiteral("11010519491231002X")});
    CHECK(en.exitCode == 0);
    CHECK(en.out.contains(QLatin1String("birth date")));
    CHECK_FALSE(en.out.contains(QStringLiteral("出生日期")));
}
