#pragma once

#include "service/ServiceRecords.h"
#include "store/Database.h"

namespace ow {

// The only SQL on rating. Opens no transaction.
class RatingRepository
{
public:
    explicit RatingRepository(Database& db);

    Status insert(const Rating& r);
    Result<QList<Rating>> ofCase(const QString& caseId) const;
    Result<QList<Rating>> onDay(const QDate& day, const QString& siteCode) const;

private:
    Result<QList<Rating>> select(const QString& where, const QVariantList& args) const;
    Database& m_db;
};

} // namespace ow
