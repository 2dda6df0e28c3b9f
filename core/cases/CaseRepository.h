#pragma once

#include "applicants/Applicant.h"
#include "cases/CaseRecord.h"
#include "store/Database.h"

#include <QHash>
#include <optional>

namespace ow {

// The only SQL on intake_case, case_item, case_material and
// case_status_history. Opens no transaction: the decision's Transaction
// covers every write.
class CaseRepository
{
public:
    explicit CaseRepository(Database& db);

    // Writes the case row, its items and its materials (not the history).
    Status insert(const CaseRecord& record, QByteArrayView formJson = {});
    // Rewrites the case row; replaces its items and materials.
    Status update(const CaseRecord& record, QByteArrayView formJson = {});
    Status appendStatus(const QString& caseId, const StatusChange& change);
    // Moves the case to `change.to` and records the change.
    Status moveStatus(const QString& caseId, const StatusChange& change);

    // The whole case: items, materials, history, corrections and refusals.
    Result<std::optional<CaseRecord>> findById(const QString& id) const;
    // Just the status of a case ("accepted", ...), when it exists.
    Result<std::optional<QString>> statusOf(const QString& id) const;
    // The statuses of the cases among `ids` that exist, by case id (one query).
    Result<QHash<QString, QString>> statusesOf(const QStringList& ids) const;
    // By case number, or by the number of one of its correction or refusal notices.
    Result<std::optional<CaseRecord>> findByNumber(const QString& number) const;
    // The applicant's cases, newest first.
    Result<QList<CaseSummary>> casesOfApplicant(const QString& applicantId, int limit = 100) const;
    Result<int> count() const;
    // The cases decided on `day` at `siteCode` / `window` (empty: any), in
    // the order they were decided.
    Result<QList<CaseRecord>> decidedOn(const QDate& day, const QString& siteCode,
                                        const QString& window) const;

private:
    Status writeChildren(const CaseRecord& record);
    Status loadChildren(CaseRecord& record) const;

    Database& m_db;
};

} // namespace ow
