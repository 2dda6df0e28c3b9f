// The EMS mailing ledger (一单速达 台账) on a real store: the waybill's S10
// check, recording a waybill moves a completed EMS case to "mailed" with its
// history, outbox and audit entry; delivered and returned with their
// guards; a return makes a call-back; the ledger searched (rare characters
// included), exported to CSV and read back, printed and read with pdftotext;
// scenario 3 end to end.
#include "service/MailingLedger.h"

#include "DocumentFixtures.h"
#include "ServiceFixture.h"
#include "audit/AuditLog.h"
#include "cases/CaseRepository.h"
#include "documents/CaseDocuments.h"
#include "documents/PrintJournal.h"
#include "service/CallbackService.h"
#include "service/MailingCsv.h"
#include "service/MailingService.h"
#include "service/WaybillNumber.h"

#include <QFile>
#include <QTemporaryDir>

using namespace ow;
using namespace ow::test;
using namespace ow::doctest;

namespace {

MailingService mailingAt(IntakeFixture& f, Session session = Session::system())
{
    return MailingService(*f.store.db, std::move(session),
                          {kServiceSite, QStringLiteral("A03"), QStringLiteral("张敏")}, f.clock);
}

QStringList auditActions(IntakeFixture& f)
{
    auto entries = AuditLog(*f.store.db).list();
    REQUIRE(entries.ok());
    QStringList out;
    for (const AuditRecord& r : *entries)
        out << r.action;
    return out;
}

} // namespace

TEST_CASE("waybill: S10 numbers pass with their check digit and fail with any other",
          "[service][mailing]")
{
    // The worked example of the UPU standard, and numbers made by the rule,
    // including the two special cases (10 -> 0, 11 -> 5).
    CHECK(validateMailingWaybill(QStringLiteral("EA473124829CN")).ok());
    QString tenCase;
    QString elevenCase;
    for (int n = 10000000; n < 10100000 && (tenCase.isEmpty() || elevenCase.isEmpty()); ++n) {
        const QString serial = QString::number(n);
        static const int w[] = {8, 6, 4, 2, 3, 5, 9, 7};
        int sum = 0;
        for (int i = 0; i < 8; ++i)
            sum += (serial[i].unicode() - u'0') * w[i];
        if (sum % 11 == 1 && tenCase.isEmpty())
            tenCase = serial;
        if (sum % 11 == 0 && elevenCase.isEmpty())
            elevenCase = serial;
    }
    REQUIRE(s10Number(tenCase).at(10) == u'0');
    REQUIRE(s10Number(elevenCase).at(10) == u'5');
    for (const QString& serial : {QStringLiteral("47312482"), QStringLiteral("12345678"),
                                  QStringLiteral("00000001"), tenCase, elevenCase}) {
        const QString good = s10Number(serial);
        INFO(good.toStdString());
        auto ok = validateMailingWaybill(good);
        REQUIRE(ok.ok());
        CHECK(*ok == good);
        // Every other check digit is refused, naming the field.
        for (int d = 0; d <= 9; ++d) {
            if (d == s10Check(serial))
                continue;
            QString bad = good;
            bad[10] = QChar(u'0' + d);
            auto refused = validateMailingWaybill(bad);
            REQUIRE_FALSE(refused.ok());
            REQUIRE(refused.error().problems.size() == 1);
            CHECK(refused.error().problems[0].field == QStringLiteral("waybill"));
            CHECK(refused.error().message.contains(QString::number(s10Check(serial))));
        }
    }
    // Scanned or typed: spaces, lower case and full-width characters are normalised.
    CHECK(*validateMailingWaybill(QStringLiteral(" ea 4731 2482 9cn ")) ==
          QStringLiteral("EA473124829CN"));
    CHECK(*validateMailingWaybill(QStringLiteral("ＥＡ４７３１２４８２９ＣＮ")) ==
          QStringLiteral("EA473124829CN"));
    // Not S10: 8 to 20 of A-Z and 0-9.
    CHECK(validateMailingWaybill(QStringLiteral("1173254687632")).ok());
    CHECK(validateMailingWaybill(QStringLiteral("98765432")).ok());
    CHECK(validateMailingWaybill(QStringLiteral("SF1234567890123456")).ok());
    for (const QString& bad :
         {QStringLiteral("1234567"), QStringLiteral("123456789012345678901"),
          QStringLiteral("EMS_12345678"), QStringLiteral("EA4731248X9CN"), QString()}) {
        auto refused = validateMailingWaybill(bad, QStringLiteral("waybillNumber"));
        INFO(bad.toStdString());
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().problems[0].field == QStringLiteral("waybillNumber"));
    }
}

TEST_CASE("mailing: the waybill of a completed EMS case makes the mailing and moves the case "
          "to mailed in one transaction",
          "[service][mailing]")
{
    IntakeFixture f;
    const QString number = acceptDrainageByEms(f);
    MailingService mail = mailingAt(f);
    const QString waybill = s10Number(QStringLiteral("10423576"));

    // Not yet completed: the case life refuses, nothing is written.
    auto early = mail.record(number, waybill);
    REQUIRE_FALSE(early.ok());
    CHECK(early.error().kind == Error::Kind::Conflict);
    CHECK(early.error().message.contains(number));
    CHECK(f.count(QStringLiteral("mailing")) == 0);

    completeCase(f, number);
    // A bad check digit names the field and writes nothing.
    QString wrong = waybill;
    wrong[10] = QChar(u'0' + (s10Check(QStringLiteral("10423576")) + 1) % 10);
    auto bad = mail.record(number, wrong);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().problems[0].field == QStringLiteral("waybill"));
    // No one signed in holds no permission.
    auto nobody = mailingAt(f, Session()).record(number, waybill);
    REQUIRE_FALSE(nobody.ok());
    CHECK(nobody.error().kind == Error::Kind::Forbidden);
    CHECK(f.count(QStringLiteral("mailing")) == 0);

    const int outboxBefore =
        f.count(QStringLiteral("outbox"), QStringLiteral("entity = 'case_status'"));
    auto m = mailingAt(f, clerkAt(QStringLiteral("zhoumin"))).record(number, waybill);
    if (!m)
        FAIL(m.error().fullText().toStdString());
    CHECK(m->state == QStringLiteral("sent"));
    CHECK(m->waybill == waybill);
    CHECK(m->recipient == kRecipient);
    CHECK(m->postcode == QStringLiteral("215500"));
    CHECK(m->sentOn == QDate(2025, 3, 14));
    CHECK(m->place.clerk == QStringLiteral("张敏"));
    const CaseRecord c = *CaseRepository(*f.store.db).findByNumber(number).value();
    CHECK(c.status == CaseStatus::Mailed);
    CHECK(c.history.last().to == QStringLiteral("mailed"));
    CHECK(c.history.last().note.contains(waybill));
    CHECK(f.count(QStringLiteral("outbox"), QStringLiteral("entity = 'case_status'")) ==
          outboxBefore + 1);
    CHECK(auditActions(f).contains(QStringLiteral("mailing.record")));

    // Twice is refused by the case life (mailed, next: delivered).
    auto again = mail.record(number, s10Number(QStringLiteral("10423577")));
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().message.contains(displayName(CaseStatus::Mailed)));
    // The same waybill for another case is refused, naming the case it went with.
    const QString second = acceptDrainageByEms(f);
    completeCase(f, second);
    auto reused = mail.record(second, waybill);
    REQUIRE_FALSE(reused.ok());
    CHECK(reused.error().message.contains(number));
    CHECK(reused.error().problems[0].field == QStringLiteral("waybill"));
    CHECK(*mail.awaitingWaybill() == QStringList{second});
}

TEST_CASE("mailing: a pick-up case is not mailed, and a waybill must match the slip printed",
          "[service][mailing]")
{
    IntakeFixture f;
    const QString number = acceptDrainageByEms(f);
    completeCase(f, number);
    const QString slipWaybill = s10Number(QStringLiteral("55501234"));
    auto slip = CaseDocuments(*f.store.db).forCase(DocumentKind::MailingSlip, number, slipWaybill);
    REQUIRE(slip.ok());
    QTemporaryDir dir;
    REQUIRE(PrintJournal(*f.store.db, f.clock)
                .exportPdf(*slip->document, slip->ref, dir.filePath(QStringLiteral("slip.pdf")),
                           {kServiceSite, QStringLiteral("A03"), QStringLiteral("张敏")})
                .ok());
    MailingService mail = mailingAt(f);
    auto other = mail.record(number, s10Number(QStringLiteral("55501235")));
    REQUIRE_FALSE(other.ok());
    CHECK(other.error().problems[0].field == QStringLiteral("waybill"));
    CHECK(other.error().message.contains(slipWaybill));
    REQUIRE(mail.record(number, slipWaybill).ok());

    // A case picked up at the window has no mailing.
    Intake intake = f.service->begin();
    REQUIRE(f.service
                ->setApplicant(intake, naturalPerson(QStringLiteral("王建华"),
                                                     QStringLiteral("320581196503151239")))
                .ok());
    REQUIRE(intake.addItem(QStringLiteral("BDC-GG-001")).ok());
    intake.prefillForm();
    setForm(intake, {{QStringLiteral("query_purpose"), QStringLiteral("其他")}});
    receiveEverything(intake);
    auto pickup = f.service->accept(intake);
    REQUIRE(pickup.ok());
    auto refused = mail.record(pickup->caseNumber, s10Number(QStringLiteral("55501236")));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.contains(pickup->caseNumber));
    CHECK(CaseRepository(*f.store.db).findByNumber(pickup->caseNumber)->value().status ==
          CaseStatus::Completed);
}

TEST_CASE("mailing: delivered and returned only while on the way, on a date not before the "
          "sending, and a return makes a call-back in the same transaction",
          "[service][mailing]")
{
    IntakeFixture f;
    const QString a = acceptDrainageByEms(f);
    const QString b = acceptDrainageByEms(f);
    completeCase(f, a);
    completeCase(f, b);
    MailingService mail = mailingAt(f);
    REQUIRE(mail.record(a, s10Number(QStringLiteral("20000001"))).ok());
    REQUIRE(mail.record(b, s10Number(QStringLiteral("20000002"))).ok());

    // Dates: not in the future, not before the sending.
    auto future = mail.delivered(a, QDate(2025, 3, 20));
    REQUIRE_FALSE(future.ok());
    CHECK(future.error().problems[0].field == QStringLiteral("deliveredOn"));
    auto before = mail.delivered(a, QDate(2025, 3, 13));
    REQUIRE_FALSE(before.ok());
    CHECK(before.error().problems[0].field == QStringLiteral("deliveredOn"));

    f.clock.set(f.clock.now().addDays(3)); // Monday 17 March
    auto delivered = mail.delivered(a, QDate(2025, 3, 16));
    REQUIRE(delivered.ok());
    CHECK(delivered->state == QStringLiteral("delivered"));
    CHECK(delivered->deliveredOn == QDate(2025, 3, 16));
    CHECK(CaseRepository(*f.store.db).findByNumber(a)->value().status == CaseStatus::Delivered);
    // Delivered is final: neither delivered again nor returned.
    CHECK_FALSE(mail.delivered(a).ok());
    CHECK_FALSE(mail.returned(a, QStringLiteral("拒收")).ok());

    // A return needs its reason; then the call-back is due the next working day.
    auto noReason = mail.returned(b, QStringLiteral("  "));
    REQUIRE_FALSE(noReason.ok());
    CHECK(noReason.error().problems[0].field == QStringLiteral("reason"));
    CHECK(f.count(QStringLiteral("callback_task")) == 0);
    auto back = mail.returned(b, QStringLiteral("地址不详，无人签收"));
    REQUIRE(back.ok());
    CHECK(back->state == QStringLiteral("returned"));
    CHECK(back->returnedOn == QDate(2025, 3, 17));
    CHECK(back->returnReason == QStringLiteral("地址不详，无人签收"));
    // The case stays mailed: the result is still out of the window.
    CHECK(CaseRepository(*f.store.db).findByNumber(b)->value().status == CaseStatus::Mailed);
    auto tasks =
        CallbackService(*f.store.db, Session::system(), {kServiceSite, {}, {}}, f.clock).list();
    REQUIRE(tasks.ok());
    REQUIRE(tasks->size() == 1);
    const CallbackTask& t = tasks->first();
    CHECK(t.kind == QStringLiteral("mailing"));
    CHECK(t.caseNumber == b);
    CHECK(t.contactName == kRecipient);
    CHECK(t.contactPhone == QStringLiteral("13773200011"));
    CHECK(t.reason.contains(QStringLiteral("地址不详")));
    CHECK(t.dueOn == QDate(2025, 3, 18));
    CHECK_FALSE(mail.delivered(b).ok());
    CHECK_FALSE(mail.returned(b, QStringLiteral("再次退回")).ok());
    const QStringList actions = auditActions(f);
    CHECK(actions.contains(QStringLiteral("mailing.delivered")));
    CHECK(actions.contains(QStringLiteral("mailing.returned")));
    CHECK(actions.contains(QStringLiteral("callback.add")));
}

TEST_CASE("scenario 3: drainage permit by EMS, slip, waybill, delivered, follow-up, in the "
          "ledger, its CSV and its print",
          "[service][mailing][scenario]")
{
    IntakeFixture f;
    const QString number = acceptDrainageByEms(f);
    completeCase(f, number);
    const QString waybill = s10Number(QStringLiteral("73125846"));
    // The slip printed with the waybill, then the waybill recorded.
    auto slip = CaseDocuments(*f.store.db).forCase(DocumentKind::MailingSlip, number, waybill);
    REQUIRE(slip.ok());
    QTemporaryDir dir;
    REQUIRE(PrintJournal(*f.store.db, f.clock)
                .exportPdf(*slip->document, slip->ref, dir.filePath(QStringLiteral("slip.pdf")),
                           {kServiceSite, QStringLiteral("A03"), QStringLiteral("张敏")})
                .ok());
    MailingService mail = mailingAt(f);
    REQUIRE(mail.record(number, waybill).ok());
    f.clock.set(f.clock.now().addDays(3));
    REQUIRE(mail.delivered(number).ok());
    auto followed = mail.followup(number, true, QStringLiteral("李先生已收到许可证，表示满意"));
    REQUIRE(followed.ok());
    REQUIRE(followed->followups.size() == 1);
    CHECK(followed->followups[0].reached);
    CHECK(followed->followups[0].clerk == QStringLiteral("张敏"));
    auto noNote = mail.followup(number, false, {});
    REQUIRE_FALSE(noNote.ok());
    CHECK(noNote.error().problems[0].field == QStringLiteral("note"));

    // A second mailing still on its way, for the filters.
    const QString other = acceptDrainageByEms(f);
    completeCase(f, other);
    REQUIRE(mail.record(other, s10Number(QStringLiteral("73125847"))).ok());

    // The ledger: by waybill, case number, the recipient's rare character, state, dates.
    auto byWaybill = mail.list({{}, {}, {}, waybill.toLower(), {}});
    REQUIRE(byWaybill.ok());
    REQUIRE(byWaybill->size() == 1);
    CHECK(byWaybill->first().caseNumber == number);
    CHECK(byWaybill->first().state == QStringLiteral("delivered"));
    CHECK(byWaybill->first().followups.size() == 1);
    CHECK(mail.list({{}, {}, {}, number, {}})->size() == 1);
    CHECK(mail.list({{}, {}, {}, QStringLiteral("𠀾"), {}})->size() == 2);
    CHECK(mail.list({{}, {}, {}, QStringLiteral("张三"), {}})->isEmpty());
    CHECK(mail.list({QStringLiteral("delivered"), {}, {}, {}, {}})->size() == 1);
    CHECK(mail.list({QStringLiteral("sent"), {}, {}, {}, {}})->first().caseNumber == other);
    CHECK(mail.list({{}, QDate(2025, 3, 17), {}, {}, {}})->size() == 1);
    CHECK(mail.list({{}, QDate(2025, 3, 1), QDate(2025, 3, 14), {}, {}})->size() == 1);
    CHECK(mail.list({QStringLiteral("lost"), {}, {}, {}, {}}).error().problems[0].field ==
          QStringLiteral("state"));

    // CSV: UTF-8 with BOM, read back.
    const QString csvPath = dir.filePath(QStringLiteral("ledger.csv"));
    auto exported = exportMailingLedger(
        *f.store.db, Session::system(),
        {kServiceSite, QStringLiteral("A03"), QStringLiteral("张敏")}, {}, csvPath, f.clock);
    REQUIRE(exported.ok());
    CHECK(*exported == 2);
    QFile csv(csvPath);
    REQUIRE(csv.open(QIODevice::ReadOnly));
    const QByteArray bytes = csv.readAll();
    CHECK(bytes.startsWith("\xEF\xBB\xBF"));
    const QList<QStringList> rows = parseCsv(bytes);
    REQUIRE(rows.size() == 3);
    const QStringList& row = rows[1][0] == waybill ? rows[1] : rows[2];
    CHECK(row[0] == waybill);
    CHECK(row[1] == number);
    CHECK(row[2] == kRecipient);
    CHECK(row[3] == QStringLiteral("13773200011"));
    CHECK(row[4] == QStringLiteral("江苏省常熟市虞山街道虞山北路100号"));
    CHECK(row[5] == QStringLiteral("215500"));
    CHECK(row[6] == mailingStateName(QStringLiteral("delivered")));
    CHECK(row[7] == QStringLiteral("2025-03-14"));
    CHECK(row[8] == QStringLiteral("2025-03-17"));
    CHECK(row[11] == QStringLiteral("1"));
    CHECK(row[12].contains(QStringLiteral("表示满意")));

    // The printed ledger, read back.
    const QString pdfPath = dir.filePath(QStringLiteral("ledger.pdf"));
    auto printed = printMailingLedger(*f.store.db, Session::system(),
                                      {kServiceSite, QStringLiteral("A03"), QStringLiteral("张敏")},
                                      {}, pdfPath, f.clock);
    REQUIRE(printed.ok());
    const QString text = squeezed(pdfText(pdfPath, 0, false));
    CHECK(text.contains(waybill));
    CHECK(text.contains(number));
    CHECK(text.contains(kRecipient));
    const QStringList actions = auditActions(f);
    CHECK(actions.contains(QStringLiteral("mailing.followup")));
    CHECK(actions.contains(QStringLiteral("mailing.export")));
    CHECK(actions.contains(QStringLiteral("print.mailing-ledger")));
}
