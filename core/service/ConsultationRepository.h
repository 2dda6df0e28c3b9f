#pragma once

#include "service/ServiceRecords.h"
#include "store/Database.h"

namespace ow {

// The only SQL on consultation. Opens no transaction.
class ConsultationRepository
{
public:
    explicit ConsultationRepository(Database& db);

    Status insert(const Consultation& c);
    Result<QList<Consultation>> onDay(const QDate& day, const QString& siteCode,
                                      const QString& search) const;

private:
    Database& m_db;
};

} // namespace ow
