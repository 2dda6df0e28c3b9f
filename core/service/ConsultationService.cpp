#include "service/ConsultationService.h"

#include "applicants/Validators.h"
#include "audit/AuditLog.h"
#include "auth/SessionPlace.h"
#include "catalogue/CatalogueRepository.h"
#include "service/ConsultationRepository.h"
#include "service/ServiceJson.h"
#include "store/Uuid.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace ow {

namespace {

} // namespace

ConsultationService::ConsultationService(Database& db, Session session, Place place,
                                         const Clock& clock)
    : m_db(db), m_session(std::move(session)), m_place(std::move(place)), m_clock(clock)
{
}

Place ConsultationService::placeNow() const
{
    return placeOf(m_session, m_place);
}

Result<Consultation> ConsultationService::add(Consultation c)
{
    if (Status s = m_session.require(Permission::AcceptIntake); !s)
        return s.error();
    QList<Problem> problems;
    auto problem = [&](const QString& field, const QString& message) {
        problems << Problem{field, field, message};
    };
    c.channel = c.channel.trimmed().toLower();
    if (c.channel != u"counter" && c.channel != u"phone")
        problem(QStringLiteral("channel"),
                QCoreApplication::translate(
                    "ow::ConsultationService",
                    "A consultation comes at the counter or by phone (counter, phone), not %1.")
                    .arg(c.channel));
    c.topic = c.topic.trimmed();
    if (c.topic.isEmpty())
        problem(QStringLiteral("topic"),
                QCoreApplication::translate("ow::ConsultationService",
                                            "Say what the consultation was about (the topic)."));
    c.answer = c.answer.trimmed();
    c.askerName = c.askerName.trimmed();
    if (!c.askerName.isEmpty()) {
        auto name = validatePersonName(c.askerName, QStringLiteral("askerName"));
        if (name)
            c.askerName = *name;
        else
            problems << name.error().problems;
    }
    if (!c.askerPhone.trimmed().isEmpty()) {
        auto phone = validatePhone(c.askerPhone, QStringLiteral("askerPhone"));
        if (phone)
            c.askerPhone = phone->number;
        else
            problems << phone.error().problems;
    } else {
        c.askerPhone.clear();
    }
    QStringList codes;
    CatalogueRepository catalogue(m_db, m_clock);
    for (const QString& raw : c.itemCodes) {
        const QString code = raw.trimmed().toUpper();
        if (code.isEmpty() || codes.contains(code))
            continue;
        if (!catalogue.item(code))
            problem(QStringLiteral("items"),
                    QCoreApplication::translate("ow::ConsultationService",
                                                "There is no item %1 in the catalogue.")
                        .arg(code));
        codes << code;
    }
    c.itemCodes = codes;
    if (!problems.isEmpty())
        return Error::invalid(
            problems.size() == 1 ? problems.first().message
                                 : QCoreApplication::translate(
                                       "ow::ConsultationService",
                                       "The consultation cannot be logged: %n field(s) to correct.",
                                       nullptr, int(problems.size())),
            problems);
    c.id = newUuidV7();
    c.at = m_clock.now();
    c.day = c.at.date();
    c.place = placeNow();
    if (c.place.siteCode.isEmpty()) {
        const QString msg = QCoreApplication::translate(
            "ow::ConsultationService", "Name the site the consultation was at (--site).");
        return Error::invalid(msg, {{QStringLiteral("site"), QStringLiteral("site"), msg}});
    }
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    if (Status s = ConsultationRepository(m_db).insert(c); !s)
        return s.error();
    if (Status s = queueForCentre(m_db, c, c.at); !s)
        return s.error();
    if (auto a =
            AuditLog(m_db, m_clock)
                .append(m_session, {QStringLiteral("consultation.add"), c.id, QJsonValue::Null,
                                    QJsonObject{{QStringLiteral("channel"), c.channel},
                                                {QStringLiteral("topic"), c.topic},
                                                {QStringLiteral("items"),
                                                 QJsonArray::fromStringList(c.itemCodes)},
                                                {QStringLiteral("notice_given"), c.noticeGiven}},
                                    c.place.siteCode, c.place.window});
        !a)
        return a.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return c;
}

Result<QList<Consultation>> ConsultationService::onDay(const QDate& day,
                                                       const QString& search) const
{
    return ConsultationRepository(m_db).onDay(day, placeNow().siteCode, search);
}

} // namespace ow
