// The print journal: originals and copies, one transaction with the outbox,
// nothing recorded when the PDF cannot be written, look-up by check code;
// the documents built from a stored case; centre settings.
#include "documents/PrintJournal.h"

#include "DocumentFixtures.h"
#include "IntakeFixture.h"
#include "audit/AuditLog.h"
#include "auth/Session.h"
#include "auth/User.h"
#include "documents/CaseDocuments.h"
#include "documents/CentreSettingsRepository.h"
#include "intake/IntakeRequest.h"
#include "sync/Outbox.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace ow;
using namespace ow::doctest;

namespace {

// A scenario example decided on the fixture's Friday morning.
Decision take(test::IntakeFixture& fx, const QString& example)
{
    QFile f(test::sourcePath(QStringLiteral("resources/examples/intake/") + example));
    REQUIRE(f.open(QIODevice::ReadOnly));
    auto request = IntakeRequest::fromJson(QJsonDocument::fromJson(f.readAll()).object());
    REQUIRE(request.ok());
    IntakeContext defaults = fx.context(QStringLiteral("320581001"), Level::City);
    IntakeService service(*fx.store.db, *fx.catalogue, WorkCalendar::builtIn(),
                          request->context(defaults));
    auto decided = request->run(service);
    if (!decided)
        FAIL(decided.error().fullText().toStdString());
    return *decided;
}

// Scenario 3 (accepted, mailed by EMS): its case number.
QString takeScenario3(test::IntakeFixture& fx)
{
    return take(fx, QStringLiteral("scenario-3-drainage-permit-ems.json")).caseNumber;
}

const Place kClerk{QStringLiteral("320581001"), QStringLiteral("C02"), QStringLiteral("周文")};

} // namespace

TEST_CASE("Print journal: the original, then copies, each with its outbox entry",
          "[documents][journal]")
{
    test::IntakeFixture fx;
    const QString number = takeScenario3(fx);
    FixedClock printClock(test::intakeMorning().addSecs(600));
    PrintJournal journal(*fx.store.db, printClock);
    const CaseDocuments documents(*fx.store.db);
    auto receipt = documents.forCase(DocumentKind::AcceptanceReceipt, number);
    REQUIRE(receipt.ok());
    CHECK(receipt->ref.subject == number);
    CHECK(receipt->ref.documentNumber == QStringLiteral("新政务受〔2025〕320581001-03140001号"));
    CHECK(journal.nextCopyNumber(receipt->ref).value() == 0);
    const int outboxBefore = Outbox(*fx.store.db).count().value();

    Pdf first, second;
    auto a = journal.exportPdf(*receipt->document, receipt->ref, first.path, kClerk);
    REQUIRE(a.ok());
    CHECK(a->copyNo == 0);
    CHECK(a->sha256 == QString::fromLatin1(receipt->document->contentHash().toHex()));
    CHECK(a->printedAt == printClock.now());
    CHECK(a->pages == 1);
    CHECK(journal.nextCopyNumber(receipt->ref).value() == 1);
    auto b = journal.exportPdf(*receipt->document, receipt->ref, second.path, kClerk);
    REQUIRE(b.ok());
    CHECK(b->isCopy());
    CHECK(b->copyNo == 1);
    CHECK(b->sha256 ==
          QString::fromLatin1(receipt->document->contentHash(RenderOptions{true}).toHex()));
    CHECK(squeezed(pdfText(second.path)).contains(squeezed(Document::copyMark())));
    CHECK(pdfText(first.path).contains(a->checkCode()));
    CHECK(pdfText(second.path).contains(b->checkCode()));

    auto entries = journal.entriesOf(number);
    REQUIRE(entries.ok());
    REQUIRE(entries->size() == 2);
    CHECK(entries->at(0).id == a->id);
    CHECK(entries->at(0).target == first.path);
    CHECK(entries->at(0).toFile);
    CHECK(entries->at(0).place.clerk == QStringLiteral("周文"));
    CHECK(entries->at(1).copyNo == 1);

    // Each print queued for the centre in the same transaction.
    auto outbox = Outbox(*fx.store.db).pending(1000);
    REQUIRE(outbox.ok());
    CHECK(outbox->size() == outboxBefore + 2);
    CHECK(outbox->last().entity == QStringLiteral("print"));
    CHECK(outbox->last().entityId == b->id);
    CHECK(outbox->last().payload.value(QStringLiteral("sha256")).toString() == b->sha256);

    // The check code finds the print, dashes or not.
    auto found = journal.findByCode(a->checkCode());
    REQUIRE(found.ok());
    REQUIRE(found->size() == 1);
    CHECK(found->first().id == a->id);
    CHECK(journal.findByCode(a->sha256.left(12)).value().size() == 1);
    CHECK_FALSE(journal.findByCode(QStringLiteral("xyz")).ok());
}

TEST_CASE("Print journal: a PDF that cannot be written leaves no record and no file",
          "[documents][journal]")
{
    test::IntakeFixture fx;
    const QString number = takeScenario3(fx);
    PrintJournal journal(*fx.store.db);
    auto receipt = CaseDocuments(*fx.store.db).forCase(DocumentKind::AcceptanceReceipt, number);
    REQUIRE(receipt.ok());
    const int outboxBefore = Outbox(*fx.store.db).count().value();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("missing/receipt.pdf"));
    auto failed = journal.exportPdf(*receipt->document, receipt->ref, path, kClerk);
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().message.contains(path));
    CHECK(fx.count(QStringLiteral("print_journal")) == 0);
    CHECK(Outbox(*fx.store.db).count().value() == outboxBefore);
    CHECK_FALSE(QFile::exists(path));
    // Without a clerk nothing is printed or recorded either.
    Pdf pdf;
    auto anonymous = journal.exportPdf(*receipt->document, receipt->ref, pdf.path, Place{});
    REQUIRE_FALSE(anonymous.ok());
    CHECK_FALSE(QFile::exists(pdf.path));
    CHECK(fx.count(QStringLiteral("print_journal")) == 0);
    // The next print is still the original.
    auto ok = journal.exportPdf(*receipt->document, receipt->ref, pdf.path, kClerk);
    REQUIRE(ok.ok());
    CHECK(ok->copyNo == 0);
}

TEST_CASE("Print journal: every print and export is in the audit log, under who printed it",
          "[documents][journal][audit]")
{
    test::IntakeFixture fx;
    const QString number = takeScenario3(fx);
    User u;
    u.id = QStringLiteral("0190c0de-0000-7000-8000-000000000042");
    u.login = QStringLiteral("zhouwen");
    u.displayName = QStringLiteral("周文");
    u.role = Role::Clerk;
    u.siteCode = kClerk.siteCode;
    u.window = kClerk.window;
    PrintJournal journal(*fx.store.db, Clock::system(), Session::forUser(u, test::intakeMorning()));
    auto receipt = CaseDocuments(*fx.store.db).forCase(DocumentKind::AcceptanceReceipt, number);
    REQUIRE(receipt.ok());
    AuditLog audit(*fx.store.db);
    const auto before = audit.list().value().size();

    Pdf first, second;
    auto a = journal.exportPdf(*receipt->document, receipt->ref, first.path, kClerk);
    REQUIRE(a.ok());
    auto b = journal.exportPdf(*receipt->document, receipt->ref, second.path, kClerk);
    REQUIRE(b.ok());
    // A print that fails is not audited.
    QTemporaryDir dir;
    REQUIRE_FALSE(journal
                      .exportPdf(*receipt->document, receipt->ref,
                                 dir.filePath(QStringLiteral("missing/receipt.pdf")), kClerk)
                      .ok());

    auto entries = audit.list().value();
    REQUIRE(entries.size() == before + 2);
    const AuditRecord& original = entries.at(entries.size() - 2);
    const AuditRecord& copy = entries.last();
    CHECK(original.action == QStringLiteral("print.") + toString(DocumentKind::AcceptanceReceipt));
    CHECK(original.subject == receipt->ref.documentNumber);
    CHECK(original.actor == QStringLiteral("zhouwen"));
    CHECK(original.siteCode == kClerk.siteCode);
    CHECK(original.window == kClerk.window);
    const QJsonObject o = QJsonDocument::fromJson(original.afterJson.toUtf8()).object();
    CHECK(o.value(QStringLiteral("sha256")).toString() == a->sha256);
    CHECK(o.value(QStringLiteral("journal_id")).toString() == a->id);
    CHECK(o.value(QStringLiteral("case_number")).toString() == number);
    CHECK(o.value(QStringLiteral("copy")).toBool() == false);
    const QJsonObject c = QJsonDocument::fromJson(copy.afterJson.toUtf8()).object();
    CHECK(c.value(QStringLiteral("copy")).toBool());
    CHECK(c.value(QStringLiteral("copy_no")).toInt() == 1);
    CHECK(c.value(QStringLiteral("sha256")).toString() == b->sha256);
    CHECK(audit.verify().value().ok());
}

TEST_CASE("Print journal: verify tells whether the store still says what the paper says",
          "[documents][journal]")
{
    test::IntakeFixture fx;
    const QString number = takeScenario3(fx);
    PrintJournal journal(*fx.store.db);
    const CaseDocuments documents(*fx.store.db);
    auto receipt = documents.forCase(DocumentKind::AcceptanceReceipt, number);
    REQUIRE(receipt.ok());
    Pdf pdf;
    auto printed = journal.exportPdf(*receipt->document, receipt->ref, pdf.path, kClerk);
    REQUIRE(printed.ok());
    auto checks = journal.verify(printed->checkCode(), documents);
    REQUIRE(checks.ok());
    REQUIRE(checks->size() == 1);
    CHECK(checks->first().matches);

    REQUIRE(CentreSettingsRepository(*fx.store.db)
                .set(QStringLiteral("queryPhone"), QStringLiteral("0512-52345678"),
                     test::intakeMorning())
                .ok());
    checks = journal.verify(printed->checkCode(), documents);
    REQUIRE(checks.ok());
    CHECK_FALSE(checks->first().matches);
    CHECK(checks->first().problem.isEmpty());
}

TEST_CASE("Centre settings: defaults are complete, stored values lay over them", "[documents]")
{
    test::TempStore store;
    CentreSettingsRepository repo(*store.db);
    auto loaded = repo.load();
    REQUIRE(loaded.ok());
    const CentreSettings defaults;
    for (const CentreSettingsRepository::Key& k : CentreSettingsRepository::keys()) {
        INFO(k.name.toStdString());
        CHECK(!k.description.isEmpty());
        if (k.name != u"queryUrl")
            CHECK(!CentreSettingsRepository::valueOf(defaults, k.name).isEmpty());
        CHECK(CentreSettingsRepository::valueOf(*loaded, k.name) ==
              CentreSettingsRepository::valueOf(defaults, k.name));
    }
    const QDateTime at = test::intakeMorning();
    REQUIRE(repo.set(QStringLiteral("name"), QStringLiteral("常熟市政务服务中心"), at).ok());
    REQUIRE(repo.set(QStringLiteral("correctionWorkingDays"), QStringLiteral("5"), at).ok());
    auto bad = repo.set(QStringLiteral("correctionWorkingDays"), QStringLiteral("0"), at);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().problems.value(0).field == QStringLiteral("correctionWorkingDays"));
    CHECK_FALSE(repo.set(QStringLiteral("phone"), QStringLiteral("call us"), at).ok());
    CHECK(repo.set(QStringLiteral("queryPhone"), QStringLiteral("12345"), at).ok());
    loaded = repo.load();
    REQUIRE(loaded.ok());
    CHECK(loaded->name == QStringLiteral("常熟市政务服务中心"));
    CHECK(loaded->correctionWorkingDays == 5);
    CHECK(loaded->address == defaults.address);
    REQUIRE(repo.reset(QStringLiteral("name")).ok());
    CHECK(repo.load()->name == defaults.name);
}

TEST_CASE("Case documents: an address splits into its region and the street part", "[documents]")
{
    const auto a = CaseDocuments::splitAddress(QStringLiteral("江苏省常熟市虞山街道虞山北路100号"),
                                               QStringLiteral("215500"));
    CHECK(a.region == QStringLiteral("江苏省常熟市"));
    CHECK(a.detail == QStringLiteral("虞山街道虞山北路100号"));
    CHECK(a.postcode == QStringLiteral("215500"));
    const auto b =
        CaseDocuments::splitAddress(QStringLiteral("湖北省武汉市洪山区珞喻路1037号"), {});
    CHECK(b.region == QStringLiteral("湖北省武汉市洪山区"));
    const auto c = CaseDocuments::splitAddress(QStringLiteral("北京市海淀区中关村大街1号"), {});
    CHECK(c.region == QStringLiteral("北京市海淀区"));
    CHECK(c.full() == QStringLiteral("北京市海淀区中关村大街1号"));
}

TEST_CASE("Case documents: what a decision hands over, each buildable from the store",
          "[documents]")
{
    test::IntakeFixture fx;
    const Decision accepted = take(fx, QStringLiteral("scenario-3-drainage-permit-ems.json"));
    auto docs = CaseDocuments::afterDecision(accepted);
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].kind == DocumentKind::AcceptanceReceipt);
    CHECK(docs[0].number == accepted.caseNumber);
    // Scenario 7: completed on the spot, receipt and completion notice.
    test::IntakeFixture town(QStringLiteral("320581102"), Level::Town);
    const Decision immediate =
        take(town, QStringLiteral("scenario-7-universal-item-town-site.json"));
    docs = CaseDocuments::afterDecision(immediate);
    REQUIRE(docs.size() == 2);
    CHECK(docs[1].kind == DocumentKind::CompletionNotice);
    const CaseDocuments documents(*town.store.db);
    for (const DocumentToPrint& d : docs) {
        auto built = documents.forCase(d.kind, d.number);
        INFO(toString(d.kind).toStdString());
        REQUIRE(built.ok());
        CHECK(built->document->kind() == toString(d.kind));
    }
}
