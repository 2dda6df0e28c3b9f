#pragma once

#include "cases/CaseRecord.h"
#include "store/Database.h"

#include <optional>

namespace ow {

// The only SQL on matter, matter_visit, correction, correction_line and
// refusal. Opens no transaction: the decision's Transaction covers every write.
class MatterRepository
{
public:
    explicit MatterRepository(Database& db);

    // The key of a set of items: the codes sorted and joined with '+'.
    static QString itemsKey(const QStringList& itemCodes);

    // The open matter of this applicant for exactly these items, if any.
    Result<std::optional<Matter>> findOpen(const QString& applicantId,
                                           const QString& itemsKey) const;
    Result<std::optional<Matter>> findById(const QString& id) const;
    Status insert(const Matter& matter);
    // Records visit `visitNo` and sets the matter's visit count to it.
    Status recordVisit(const QString& matterId, int visitNo, const QDateTime& at,
                       const Place& place, const QString& outcome);
    Status close(const QString& matterId, const QDateTime& at);

    Status insertCorrection(const CorrectionRecord& correction);
    // The open correction of a matter (the newest when, oddly, several are).
    Result<std::optional<CorrectionRecord>> openCorrection(const QString& matterId) const;
    Status resolveCorrection(const QString& correctionId, const QDateTime& at);
    Result<QList<CorrectionRecord>> correctionsOfCase(const QString& caseId) const;

    Status insertRefusal(const RefusalRecord& refusal);
    Result<QList<RefusalRecord>> refusalsOfCase(const QString& caseId) const;

    // The case a correction or refusal notice number belongs to, or empty.
    Result<QString> caseIdOfNotice(const QString& number) const;

private:
    Result<QList<CorrectionRecord>> loadCorrections(const QString& where, const QString& arg) const;

    Database& m_db;
};

} // namespace ow
