// Case numbers <site>-<yyyyMMdd>-<NNNN>: unique without the central server,
// per site and day, never given twice, a rolled-back number not consumed.
#include "IntakeFixture.h"
#include "cases/CaseNumberAllocator.h"

#include <catch2/catch.hpp>

using namespace ow;
using namespace ow::test;

namespace {

Result<Decision> acceptOne(IntakeService& service, const QString& name, const QString& id)
{
    Intake intake = service.begin();
    REQUIRE(service.setApplicant(intake, naturalPerson(name, id)).ok());
    REQUIRE(intake.addItem(QStringLiteral("RSJ-GG-004")).ok()); // 就业创业证, immediate
    intake.prefillForm();
    receiveEverything(intake);
    return service.accept(intake);
}

QString numberOf(const Result<Decision>& d)
{
    if (!d)
        FAIL(d.error().fullText().toStdString());
    return d->caseNumber;
}

} // namespace

TEST_CASE("the number format: site, day, four-digit sequence", "[cases][number]")
{
    const QDate day(2025, 3, 14);
    using K = CaseNumberAllocator::Kind;
    CHECK(CaseNumberAllocator::format(K::Case, QStringLiteral("320581001"), day, 7) ==
          QStringLiteral("320581001-20250314-0007"));
    CHECK(CaseNumberAllocator::format(K::Correction, QStringLiteral("320581001"), day, 12) ==
          QStringLiteral("320581001-20250314-C0012"));
    CHECK(CaseNumberAllocator::format(K::Refusal, QStringLiteral("S1"), day, 10000) ==
          QStringLiteral("S1-20250314-R10000"));
    CHECK(CaseNumberAllocator::isValidSiteCode(QStringLiteral("320581001")));
    CHECK_FALSE(CaseNumberAllocator::isValidSiteCode(QStringLiteral("")));
    CHECK_FALSE(CaseNumberAllocator::isValidSiteCode(QStringLiteral("32-05")));
    CHECK_FALSE(CaseNumberAllocator::isValidSiteCode(QStringLiteral("站点")));
}

TEST_CASE("numbers count per site and per day", "[cases][number]")
{
    IntakeFixture f;
    auto town = f.serviceAt(QStringLiteral("320581102"), Level::Town);
    CHECK(numberOf(
              acceptOne(*f.service, QStringLiteral("甲"), QStringLiteral("320581195501011019"))) ==
          QStringLiteral("320581001-20250314-0001"));
    CHECK(numberOf(
              acceptOne(*f.service, QStringLiteral("乙"), QStringLiteral("320581195209090020"))) ==
          QStringLiteral("320581001-20250314-0002"));
    CHECK(numberOf(acceptOne(*town, QStringLiteral("丙"), QStringLiteral("320581196006101038"))) ==
          QStringLiteral("320581102-20250314-0001"));
    f.clock.set(QDateTime(QDate(2025, 3, 15), QTime(8, 0), intakeMorning().timeZone()));
    CHECK(numberOf(
              acceptOne(*f.service, QStringLiteral("丁"), QStringLiteral("320581198001052010"))) ==
          QStringLiteral("320581001-20250315-0001"));
    CHECK(f.count(QStringLiteral("intake_case"), QStringLiteral("case_number IS NOT NULL")) == 4);
    CHECK(f.scalar(QStringLiteral("SELECT count(DISTINCT case_number) FROM intake_case")).toInt() ==
          4);
}

TEST_CASE("a rolled-back allocation is not consumed, a committed number is never given again",
          "[cases][number]")
{
    IntakeFixture f;
    const QDate day = intakeMorning().date();
    CaseNumberAllocator alloc(*f.store.db);
    {
        Transaction tx(*f.store.db);
        REQUIRE(tx.begun().ok());
        auto n = alloc.next(CaseNumberAllocator::Kind::Case, QStringLiteral("320581001"), day);
        REQUIRE(n.ok());
        CHECK(n->seq == 1);
        // No commit: the decision failed, the number goes with it.
    }
    CHECK(f.count(QStringLiteral("number_sequence")) == 0);

    const QString first =
        numberOf(acceptOne(*f.service, QStringLiteral("甲"), QStringLiteral("320581195501011019")));
    CHECK(first == QStringLiteral("320581001-20250314-0001"));

    // The store is closed and opened again (a restart, a crash).
    const QString path = f.store.path();
    f.service.reset();
    f.catalogue.reset();
    f.store.db.reset();
    auto reopened = Database::open(path);
    REQUIRE(reopened.ok());
    f.store.db = std::move(reopened.value());
    f.catalogue = std::make_unique<CatalogueService>(*f.store.db);
    REQUIRE(f.catalogue->load().ok());
    f.service = f.serviceAt(QStringLiteral("320581001"), Level::City);
    const QString second =
        numberOf(acceptOne(*f.service, QStringLiteral("乙"), QStringLiteral("320581195209090020")));
    CHECK(second == QStringLiteral("320581001-20250314-0002"));

    // Even if the sequence row were lost, the numbers already stored are not reissued.
    QSqlQuery q = f.store.db->query();
    REQUIRE(q.exec(QStringLiteral("DELETE FROM number_sequence")));
    const QString third =
        numberOf(acceptOne(*f.service, QStringLiteral("丙"), QStringLiteral("320581196006101038")));
    CHECK(third == QStringLiteral("320581001-20250314-0003"));

    // And the store itself refuses a duplicate.
    REQUIRE_FALSE(q.exec(QStringLiteral("UPDATE intake_case SET case_number = '%1' WHERE "
                                        "case_number = '%2'")
                             .arg(first, second)));
}

TEST_CASE("two connections allocating at once get different numbers", "[cases][number]")
{
    IntakeFixture f;
    auto other = f.store.db->openAnother();
    REQUIRE(other.ok());
    const QDate day = intakeMorning().date();
    QStringList numbers;
    for (int i = 0; i < 5; ++i) {
        for (Database* db : {f.store.db.get(), other->get()}) {
            Transaction tx(*db);
            REQUIRE(tx.begun().ok());
            auto n = CaseNumberAllocator(*db).next(CaseNumberAllocator::Kind::Correction,
                                                   QStringLiteral("320581001"), day);
            REQUIRE(n.ok());
            numbers << n->text;
            REQUIRE(tx.commit().ok());
        }
    }
    QStringList unique = numbers;
    unique.removeDuplicates();
    CHECK(unique.size() == 10);
    CHECK(numbers.last() == QStringLiteral("320581001-20250314-C0010"));
}
