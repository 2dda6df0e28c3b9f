#pragma once

// A store with the sample catalogue, a fixed clock and an IntakeService at
// a city site, for the intake tests.
#include "TestSupport.h"
#include "calendar/WorkCalendar.h"
#include "catalogue/CatalogueService.h"
#include "catalogue/SampleCatalogue.h"
#include "intake/IntakeService.h"
#include "store/Clock.h"

#include <QSqlQuery>
#include <QTimeZone>
#include <memory>

namespace ow::test {

// Friday 14 March 2025, 09:30 in Beijing.
inline QDateTime intakeMorning()
{
    return QDateTime(QDate(2025, 3, 14), QTime(9, 30), QTimeZone(8 * 3600));
}

struct IntakeFixture
{
    TempStore store;
    FixedClock clock{intakeMorning()};
    std::unique_ptr<CatalogueService> catalogue;
    std::unique_ptr<IntakeService> service;

    explicit IntakeFixture(const QString& site = QStringLiteral("320581001"),
                           Level level = Level::City)
    {
        const Status seeded = seedSampleCatalogueIfEmpty(*store.db);
        if (!seeded)
            FAIL(seeded.error().fullText().toStdString());
        catalogue = std::make_unique<CatalogueService>(*store.db);
        const Status loaded = catalogue->load();
        if (!loaded)
            FAIL(loaded.error().fullText().toStdString());
        REQUIRE(catalogue->item(QStringLiteral("YBJ-JF-001")) != nullptr);
        service = std::make_unique<IntakeService>(*store.db, *catalogue, WorkCalendar::builtIn(),
                                                  context(site, level));
    }

    IntakeContext context(const QString& site, Level level)
    {
        IntakeContext c;
        c.siteCode = site;
        c.siteLevel = level;
        c.window = QStringLiteral("A03");
        c.clerk = QStringLiteral("张敏");
        c.clock = &clock;
        return c;
    }

    // A second service on the same store (another site, level or window).
    std::unique_ptr<IntakeService> serviceAt(const QString& site, Level level)
    {
        return std::make_unique<IntakeService>(*store.db, *catalogue, WorkCalendar::builtIn(),
                                               context(site, level));
    }

    int count(const QString& table, const QString& where = {}) const
    {
        QSqlQuery q = store.db->query();
        const QString sql = QStringLiteral("SELECT count(*) FROM ") + table +
                            (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where);
        REQUIRE(q.exec(sql));
        REQUIRE(q.next());
        return q.value(0).toInt();
    }

    QVariant scalar(const QString& sql) const
    {
        QSqlQuery q = store.db->query();
        REQUIRE(q.exec(sql));
        if (!q.next())
            return {};
        return q.value(0);
    }
};

inline Applicant
naturalPerson(const QString& name, const QString& idNumber,
              const QString& phone = QStringLiteral("13812345678"),
              const QString& address = QStringLiteral("江苏省常熟市虞山街道书院街88号"))
{
    Applicant a;
    a.kind = ApplicantKind::Natural;
    a.idType = IdType::ResidentId;
    a.idNumber = idNumber;
    a.name = name;
    a.phone = phone;
    a.address = address;
    return a;
}

inline Applicant legalPerson(const QString& name, const QString& creditCode, CreditGrade grade)
{
    Applicant a;
    a.kind = ApplicantKind::Legal;
    a.name = name;
    a.creditCode = creditCode;
    a.legalRepresentative = QStringLiteral("周建国");
    a.contactName = QStringLiteral("钱晓红");
    a.phone = QStringLiteral("051252001234");
    a.address = QStringLiteral("江苏省常熟市高新区东南大道1号");
    a.creditGrade = grade;
    return a;
}

// Marks every applicable line that is not reused as received in the form
// and number it asks for.
inline void receiveEverything(Intake& intake)
{
    for (const ChecklistLine& l : intake.checklist().lines()) {
        if (!l.applies || l.state == MaterialState::Reused)
            continue;
        const Status s = intake.checklist().markReceived(l.material.id, l.material.form,
                                                         std::max(1, l.material.copies));
        REQUIRE(s.ok());
    }
}

inline void setForm(Intake& intake, const QList<QPair<QString, QString>>& values)
{
    for (const auto& [key, value] : values) {
        const Status s = intake.setFormValue(key, value);
        if (!s)
            FAIL(s.error().fullText().toStdString());
    }
}

inline QString problemsText(const Error& e)
{
    return e.fullText();
}

} // namespace ow::test
