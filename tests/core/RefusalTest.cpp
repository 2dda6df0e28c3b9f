// The centre's refusals in the clerk's language, from the reason's code and
// the values the centre sent; what the counter cannot read (an older centre
// without values, a reason it does not know) is shown as the centre gave it.
#include "sync/Refusal.h"

#include <catch2/catch.hpp>

using namespace ow;

TEST_CASE("a refusal with its values is worded in Chinese, one without them as the centre gave it")
{
    const QString sentence = QStringLiteral(
        "wrong_site — The case names site 320581105, but this login belongs to site 320581001.");
    const QJsonObject sites{{QStringLiteral("case_site"), QStringLiteral("320581105")},
                            {QStringLiteral("login_site"), QStringLiteral("320581001")}};
    const QString worded = refusalText(QStringLiteral("wrong_site"), sites, sentence);
    CHECK(worded == QStringLiteral("办件所属站点为 320581105，但本窗口以站点 320581001 "
                                   "的身份登录中心。"));
    CHECK(refusalReasonName(QStringLiteral("wrong_site")) == QStringLiteral("站点不符"));

    // An older centre: the code without values.
    CHECK(refusalText(QStringLiteral("wrong_site"), {}, sentence) == sentence);
    // Values that do not fit the reason.
    CHECK(refusalText(QStringLiteral("wrong_site"),
                      {{QStringLiteral("site"), QStringLiteral("320581001")}},
                      sentence) == sentence);
    // A reason this counter does not know, with values or without.
    CHECK(refusalText(QStringLiteral("quota_exceeded"), sites, QStringLiteral("Too many.")) ==
          QStringLiteral("Too many."));
    CHECK(refusalReasonName(QStringLiteral("quota_exceeded")) == QStringLiteral("quota_exceeded"));

    // A status move refused: the statuses by their Chinese names.
    const QString stale = refusalText(
        QStringLiteral("stale_version"),
        {{QStringLiteral("case_number"), QStringLiteral("320581001-20250314-0001")},
         {QStringLiteral("status"), QStringLiteral("completed")},
         {QStringLiteral("version"), 3},
         {QStringLiteral("seen_version"), 2}},
        QStringLiteral("Case ... is now completed"));
    CHECK(stale.contains(QStringLiteral("320581001-20250314-0001")));
    CHECK(stale.contains(QStringLiteral("办结")));
    CHECK_FALSE(stale.contains(QLatin1String("completed")));
    CHECK(recordKindName(QStringLiteral("applicant")) == QStringLiteral("申请人"));
}
