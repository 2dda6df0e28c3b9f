// A refusal of the centre in the clerk's language: the centre answers with
// the reason's code and the values it names, the counter keeps both in its
// quarantine and words them itself (Chinese here); the centre's English
// sentence stays beside them for its operators.
#include "SyncTestSupport.h"
#include "sync/Refusal.h"
#include "sync/SyncStore.h"

#include <QRegularExpression>
#include <catch2/catch.hpp>

using namespace ow;
using namespace ow::test;

namespace {

// Whether `text`, without the codes it names (the test centre's site codes
// have letters), still has a word in Latin letters: English.
bool hasLatinWord(QString text, const QStringList& codes)
{
    for (const QString& code : codes)
        text.remove(code);
    return text.contains(QRegularExpression(QStringLiteral("[A-Za-z]{2,}")));
}

} // namespace

TEST_CASE("the centre names the sites of a case from another site and the counter says it in "
          "Chinese")
{
    CentralFixture central;
    const NewSite a = central.addSite(QStringLiteral("RA"));
    const NewSite b = central.addSite(QStringLiteral("RB"));
    auto siteA = central.siteConnection(a, newUuid());
    QJsonObject op = caseUpsert(newUuid(), newUuid(), a.code + QStringLiteral("-20250314-0001"));
    QJsonObject c = op.value(QStringLiteral("case")).toObject();
    c.insert(QStringLiteral("site_code"), b.code);
    op.insert(QStringLiteral("case"), c);

    const QJsonObject answer = push(*siteA, {op})[0].toObject();
    REQUIRE(answer.value(QStringLiteral("result")).toString() == QStringLiteral("rejected"));
    REQUIRE(answer.value(QStringLiteral("reason")).toString() == QStringLiteral("wrong_site"));
    const QJsonObject params = answer.value(QStringLiteral("params")).toObject();
    CHECK(params.value(QStringLiteral("case_site")).toString() == b.code);
    CHECK(params.value(QStringLiteral("login_site")).toString() == a.code);
    // The sentence for the centre's operators is still there.
    const QString message = answer.value(QStringLiteral("message")).toString();
    CHECK(message.contains(b.code));

    const QString worded = refusalText(QStringLiteral("wrong_site"), params, message);
    INFO(worded.toStdString());
    CHECK(worded.contains(b.code));
    CHECK(worded.contains(a.code));
    CHECK(worded.contains(QStringLiteral("站点")));
    CHECK_FALSE(hasLatinWord(worded, {a.code, b.code}));
    CHECK_FALSE(hasLatinWord(refusalReasonName(QStringLiteral("wrong_site")), {}));

    // A replay gets the same answer, values included.
    CHECK(push(*siteA, {op})[0].toObject() == answer);
}

TEST_CASE("a case number taken at the centre is kept in the counter's quarantine with its values "
          "and worded in Chinese")
{
    CentralFixture central;
    const NewSite site = central.addSite(QStringLiteral("RQ"));
    SyncCounter counter(site);
    const QString first = counter.acceptImmediate(1);
    const QString taken = counter.localCaseNumbers().first();
    auto other = central.siteConnection(site, newUuid());
    REQUIRE(push(*other, {caseUpsert(newUuid(), newUuid(), taken)})[0]
                .toObject()
                .value(QStringLiteral("result"))
                .toString() == QStringLiteral("applied"));

    CHECK(counter.sync().quarantined == 1);
    auto q = SyncStore(*counter.intake.store.db).quarantined();
    REQUIRE(q.ok());
    REQUIRE(q->size() == 1);
    const QuarantineEntry& e = q->first();
    CHECK(e.entityId == first);
    CHECK(e.reason == QStringLiteral("case_number_taken"));
    CHECK(e.params.value(QStringLiteral("case_number")).toString() == taken);
    CHECK(e.message.contains(taken)); // the centre's sentence, kept as given

    const QString worded = refusalText(e.reason, e.params, e.message);
    INFO(worded.toStdString());
    CHECK(worded.contains(taken));
    CHECK(worded.contains(QStringLiteral("办件编号")));
    CHECK_FALSE(hasLatinWord(worded, {taken}));
}
