#include "service/RatingService.h"

#include "applicants/ApplicantRepository.h"
#include "audit/AuditLog.h"
#include "auth/SessionPlace.h"
#include "calendar/WorkCalendar.h"
#include "cases/CaseRepository.h"
#include "service/CallbackRules.h"
#include "service/RatingRepository.h"
#include "service/ServiceJson.h"
#include "store/Uuid.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace ow {

namespace {

Error invalidField(const QString& field, const QString& message)
{
    return Error::invalid(message, {{field, field, message}});
}

} // namespace

RatingService::RatingService(Database& db, Session session, Place place, const Clock& clock)
    : RatingService(db, std::move(session), std::move(place), clock, WorkCalendar::builtIn())
{
}

RatingService::RatingService(Database& db, Session session, Place place, const Clock& clock,
                             const WorkCalendar& calendar)
    : m_db(db), m_session(std::move(session)), m_place(std::move(place)), m_clock(clock),
      m_calendar(calendar)
{
}

Place RatingService::placeNow() const
{
    return placeOf(m_session, m_place);
}

Result<Rating> RatingService::rate(const QString& caseNumber, int grade, const QString& reason)
{
    if (Status s = m_session.require(Permission::AcceptIntake); !s)
        return s.error();
    if (grade < 1 || grade > 5)
        return invalidField(
            QStringLiteral("grade"),
            QCoreApplication::translate("ow::RatingService",
                                        "A rating is a grade from 5 (very satisfied) to 1 (very "
                                        "dissatisfied), not %1.")
                .arg(grade));
    Rating r;
    r.grade = grade;
    r.reason = reason.trimmed();
    if (grade <= 2 && r.reason.isEmpty())
        return invalidField(
            QStringLiteral("reason"),
            QCoreApplication::translate("ow::RatingService",
                                        "A grade of %1 (%2) needs the applicant's reason.")
                .arg(QString::number(grade), gradeName(grade)));
    Place place = placeNow();
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    QString contactName;
    QString contactPhone;
    if (!caseNumber.trimmed().isEmpty()) {
        auto c = CaseRepository(m_db).findByNumber(caseNumber.trimmed());
        if (!c)
            return c.error();
        if (!c->has_value() || (*c)->caseNumber != caseNumber.trimmed())
            return invalidField(QStringLiteral("caseNumber"),
                                QCoreApplication::translate("ow::RatingService",
                                                            "There is no case with the number %1.")
                                    .arg(caseNumber));
        r.caseId = (*c)->id;
        r.caseNumber = (*c)->caseNumber;
        if (place.siteCode.isEmpty())
            place.siteCode = (*c)->place.siteCode;
        auto a = ApplicantRepository(m_db).findById((*c)->applicantId);
        if (!a)
            return a.error();
        if (a->has_value()) {
            contactName = (*a)->name;
            contactPhone = (*a)->phone.isEmpty() ? (*a)->contactPhone : (*a)->phone;
        }
    }
    if (place.siteCode.isEmpty())
        return invalidField(
            QStringLiteral("site"),
            QCoreApplication::translate("ow::RatingService",
                                        "Name the site the rating was given at (--site)."));
    r.id = newUuidV7();
    r.at = m_clock.now();
    r.place = place;
    if (Status s = RatingRepository(m_db).insert(r); !s)
        return s.error();
    if (auto a =
            AuditLog(m_db, m_clock)
                .append(m_session, {QStringLiteral("rating.add"),
                                    r.caseNumber.isEmpty() ? r.id : r.caseNumber, QJsonValue::Null,
                                    QJsonObject{{QStringLiteral("id"), r.id},
                                                {QStringLiteral("grade"), grade},
                                                {QStringLiteral("reason"), r.reason}},
                                    place.siteCode, place.window});
        !a)
        return a.error();
    if (grade <= 2) {
        CallbackTask t;
        t.kind = QStringLiteral("rating");
        t.caseId = r.caseId;
        t.caseNumber = r.caseNumber;
        t.ratingId = r.id;
        t.siteCode = place.siteCode;
        t.contactName = contactName;
        t.contactPhone = contactPhone;
        t.reason = QCoreApplication::translate("ow::RatingService", "Rated %1 (%2): %3")
                       .arg(QString::number(grade), gradeName(grade), r.reason);
        auto added = addCallback(m_db, m_session, t, m_clock, m_calendar, place.window);
        if (!added)
            return added.error();
        r.callbackId = added->id;
    }
    if (Status s = queueForCentre(m_db, r, r.at); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return r;
}

Result<QList<Rating>> RatingService::ofCase(const QString& caseNumber) const
{
    auto c = CaseRepository(m_db).findByNumber(caseNumber.trimmed());
    if (!c)
        return c.error();
    if (!c->has_value())
        return Error::notFound(
            QCoreApplication::translate("ow::RatingService", "There is no case with the number %1.")
                .arg(caseNumber));
    return RatingRepository(m_db).ofCase((*c)->id);
}

Result<QList<Rating>> RatingService::onDay(const QDate& day) const
{
    return RatingRepository(m_db).onDay(day, placeNow().siteCode);
}

} // namespace ow
