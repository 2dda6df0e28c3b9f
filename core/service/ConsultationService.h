#pragma once

#include "auth/Session.h"
#include "service/ServiceRecords.h"
#include "store/Clock.h"
#include "store/Database.h"

namespace ow {

// The consultation log (咨询登记): at the counter or by phone, who asked
// (optional), the topic, the catalogue items asked about, the answer given,
// whether the one-time notice (一次性告知单) was handed out. Each entry is
// written with its audit entry in one Transaction.
class ConsultationService
{
public:
    ConsultationService(Database& db, Session session, Place place,
                        const Clock& clock = Clock::system());

    // Checks every field (naming it) and stores the consultation.
    Result<Consultation> add(Consultation c);
    // The consultations of `day` at the place's site (every site when it has
    // none), oldest first; `search` narrows to a part of the topic, the
    // answer, the asker's name or phone, or an item code.
    Result<QList<Consultation>> onDay(const QDate& day, const QString& search = {}) const;

private:
    Place placeNow() const;

    Database& m_db;
    Session m_session;
    Place m_place;
    const Clock& m_clock;
};

} // namespace ow
