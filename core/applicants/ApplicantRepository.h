#pragma once

#include "applicants/Applicant.h"
#include "store/Clock.h"
#include "store/Database.h"

#include <QHash>
#include <optional>

namespace ow {

// A supervisor letting an intake past a check (a credit code failing its
// check character, a credit grade that would stop it), with the reason.
struct SupervisorOverride
{
    enum class Kind { CreditCode, CreditGrade };
    Kind kind = Kind::CreditCode;
    QString supervisor;
    QString reason;
};

QString toString(SupervisorOverride::Kind kind); // "credit-code", "credit-grade"

// The only SQL on applicant, agent, applicant_material and
// supervisor_override. Opens no transaction: a caller's Transaction (the
// decision's) covers the writes.
class ApplicantRepository
{
public:
    explicit ApplicantRepository(Database& db, const Clock& clock = Clock::system());

    // Inserts, or updates the applicant with the same ID (type + number) or
    // credit code; sets applicant.id. Empty fields do not erase stored ones,
    // and no credit grade (None) keeps the stored grade.
    Status save(Applicant& applicant);
    // The same for an agent, by ID type and number; sets agent.id.
    Status saveAgent(Agent& agent);

    Result<std::optional<Applicant>> findById(const QString& id) const;
    // The applicants of these ids in one query, by id; an unknown id is left out.
    Result<QHash<QString, Applicant>> findByIds(const QStringList& ids) const;
    Result<std::optional<Applicant>> findByIdNumber(const QString& idNumber,
                                                    IdType type = IdType::ResidentId) const;
    Result<std::optional<Applicant>> findByCreditCode(const QString& creditCode) const;
    Result<std::optional<Agent>> findAgent(const QString& idNumber,
                                           IdType type = IdType::ResidentId) const;
    Result<std::optional<Agent>> findAgentById(const QString& id) const;

    enum class NameMatch { Exact, Prefix };
    // Names compared as stored, code point by code point (no LIKE, no case
    // folding): a rare character matches only itself.
    Result<QList<Applicant>> findByName(const QString& name, NameMatch match = NameMatch::Exact,
                                        int limit = 50) const;

    // The applicant with this ID number (any ID type) or credit code, their
    // earlier cases (newest first) and the reusable materials valid on `on`.
    Result<std::optional<ApplicantFile>> lookup(const QString& idNumberOrCreditCode,
                                                const QDate& on) const;

    // Records a material on file; the same material from the same source is kept once.
    Status addReusableMaterial(const QString& applicantId, const ReusableMaterial& material);
    Result<QList<ReusableMaterial>> reusableMaterials(const QString& applicantId,
                                                      const QDate& on) const;

    Status setCreditGrade(const QString& applicantId, CreditGrade grade);

    // Writes an override record; returns its id.
    Result<QString> recordOverride(const QString& applicantId, const QString& caseId,
                                   const SupervisorOverride& override_, const QString& subject,
                                   const QString& clerk, const QString& siteCode);

private:
    Database& m_db;
    const Clock& m_clock;
};

} // namespace ow
