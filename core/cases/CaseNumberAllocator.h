#pragma once

#include "store/Database.h"

#include <QDate>
#include <QString>

namespace ow {

// Numbers unique without asking the central server: the site code (unique
// across the province), the day, and a sequence kept per (site, day, kind)
// in the local store.
//   case        <site>-<yyyyMMdd>-<NNNN>    e.g. 320581001-20250314-0007
//   correction  <site>-<yyyyMMdd>-C<NNNN>
//   refusal     <site>-<yyyyMMdd>-R<NNNN>
// Call next() inside the decision's Transaction: a rollback (an error, a
// crash, a power cut) takes the number back together with the record it
// was for, so a number is never printed without its record, and a number
// that was committed is never given again (the sequence also never falls
// below the highest number already stored).
class CaseNumberAllocator
{
public:
    enum class Kind { Case, Correction, Refusal };

    struct Number
    {
        QString text;
        QString day; // yyyyMMdd
        int seq = 0;
    };

    explicit CaseNumberAllocator(Database& db);

    Result<Number> next(Kind kind, const QString& siteCode, const QDate& day);

    static QString format(Kind kind, const QString& siteCode, const QDate& day, int seq);
    // 1-32 ASCII letters and digits.
    static bool isValidSiteCode(const QString& siteCode);

private:
    Result<int> highestStored(Kind kind, const QString& prefix, const QString& siteCode,
                              const QString& day) const;

    Database& m_db;
};

} // namespace ow
