// The service after acceptance reaches the centre: the print journal, the
// EMS mailing with its delivery and follow-up, a consultation, a rating of
// 不满意 and the call-back it made, done. Each record arrives once, in its
// latest state, under its own site, and nothing goes to the quarantine.
#include "../core/ServiceFixture.h"
#include "SyncTestSupport.h"
#include "documents/CaseDocuments.h"
#include "documents/PrintJournal.h"
#include "service/CallbackService.h"
#include "service/ConsultationService.h"
#include "service/MailingService.h"
#include "service/RatingService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using namespace ow;
using namespace ow::test;

namespace {

QJsonObject centralRecord(CentralConnection& admin, const QString& site, const QString& entity,
                          const QString& id)
{
    const QVariant v = scalar(admin, QStringLiteral("SELECT record::text FROM ow.site_records "
                                                    "WHERE site_code = '%1' AND entity = '%2' "
                                                    "AND entity_id = '%3'")
                                         .arg(site, entity, id));
    return QJsonDocument::fromJson(v.toString().toUtf8()).object();
}

} // namespace

TEST_CASE("prints, mailings, consultations, ratings and call-backs reach the centre once, "
          "in their latest state")
{
    CentralFixture central;
    SyncCounter counter(central.addSite(QStringLiteral("S")));
    Database& db = *counter.intake.store.db;
    const Place place{counter.site.code, QStringLiteral("A03"), QStringLiteral("张敏")};
    const FixedClock& clock = counter.intake.clock;

    // An EMS case: its receipt printed, completed, mailed, delivered, followed up.
    const QString number = acceptDrainageByEms(counter.intake);
    auto receipt = CaseDocuments(db).forCase(DocumentKind::AcceptanceReceipt, number);
    REQUIRE(receipt.ok());
    QTemporaryDir dir;
    auto printed = PrintJournal(db, clock).exportPdf(
        *receipt->document, receipt->ref, dir.filePath(QStringLiteral("receipt.pdf")), place);
    REQUIRE(printed.ok());
    CaseLifeService life(db, Session::system(), place, clock);
    REQUIRE(life.forward(number, QStringLiteral("市水务局")).ok());
    REQUIRE(life.approve(number).ok());
    REQUIRE(life.complete(number).ok());
    MailingService mail(db, Session::system(), place, clock);
    auto sent = mail.record(number, s10Number(QStringLiteral("12345678")));
    if (!sent)
        FAIL(sent.error().fullText().toStdString());
    REQUIRE(mail.delivered(number).ok());
    REQUIRE(mail.followup(number, true, QStringLiteral("收到了，谢谢")).ok());

    // A consultation, and a bad rating whose call-back is then done.
    Consultation asked;
    asked.channel = QStringLiteral("phone");
    asked.topic = QStringLiteral("排水许可证要带什么材料");
    asked.itemCodes = {QStringLiteral("SWJ-XK-001")};
    asked.answer = QStringLiteral("已告知材料清单");
    auto consultation = ConsultationService(db, Session::system(), place, clock).add(asked);
    REQUIRE(consultation.ok());
    auto rating = RatingService(db, Session::system(), place, clock)
                      .rate(number, 2, QStringLiteral("等候时间太长"));
    REQUIRE(rating.ok());
    REQUIRE_FALSE(rating->callbackId.isEmpty());

    const SyncPassReport first = counter.sync();
    CHECK(first.quarantined == 0);
    CHECK(counter.outboxCount() == 0);

    CentralConnection& admin = central.admin();
    const QString site = counter.site.code;
    const QJsonObject print = centralRecord(admin, site, QStringLiteral("print"), printed->id);
    CHECK(print.value(QStringLiteral("sha256")).toString() == printed->sha256);
    const QJsonObject mailing = centralRecord(admin, site, QStringLiteral("mailing"), sent->caseId);
    CHECK(mailing.value(QStringLiteral("state")).toString() == QStringLiteral("delivered"));
    CHECK(mailing.value(QStringLiteral("recipient")).toString() == kRecipient);
    CHECK(mailing.value(QStringLiteral("followups")).toArray().size() == 1);
    CHECK(centralRecord(admin, site, QStringLiteral("consultation"), consultation->id)
              .value(QStringLiteral("topic"))
              .toString() == asked.topic);
    CHECK(centralRecord(admin, site, QStringLiteral("rating"), rating->id)
              .value(QStringLiteral("grade"))
              .toInt() == 2);
    CHECK(centralRecord(admin, site, QStringLiteral("callback"), rating->callbackId)
              .value(QStringLiteral("open"))
              .toBool());

    // The call-back done at the counter: the centre's copy follows, once.
    auto done = CallbackService(db, Session::system(), place, clock)
                    .done(rating->callbackId, QStringLiteral("已致歉并说明错峰办理"));
    REQUIRE(done.ok());
    const SyncPassReport second = counter.sync();
    CHECK(second.quarantined == 0);
    const QJsonObject callback =
        centralRecord(admin, site, QStringLiteral("callback"), rating->callbackId);
    CHECK_FALSE(callback.value(QStringLiteral("open")).toBool());
    CHECK(callback.value(QStringLiteral("result")).toString() ==
          QStringLiteral("已致歉并说明错峰办理"));
    CHECK(
        scalar(admin, QStringLiteral("SELECT count(*) FROM ow.site_records WHERE site_code = '%1' "
                                     "AND entity IN ('print', 'mailing', 'consultation', "
                                     "'rating', 'callback')")
                          .arg(site))
            .toInt() == 5);
    CHECK(
        scalar(admin, QStringLiteral("SELECT count(*) FROM ow.site_records WHERE site_code <> '%1'")
                          .arg(site))
            .toInt() == 0);
}
