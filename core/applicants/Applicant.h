#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace ow {

enum class ApplicantKind { Natural, Legal };

// The kind of identity document a person presents.
enum class IdType { ResidentId, Passport, HkMacaoPermit, TaiwanPermit, ForeignPermanent, Other };

// An enterprise's credit grade: A green channel, B guidance, C watch.
enum class CreditGrade { None, A, B, C, Blacklist };

QString toString(ApplicantKind kind); // "natural", "legal"
QString toString(IdType type);        // "resident-id", "passport", ...
QString toString(CreditGrade grade);  // "", "A", "B", "C", "blacklist"
std::optional<ApplicantKind> applicantKindFromString(const QString& s);
std::optional<IdType> idTypeFromString(const QString& s);
std::optional<CreditGrade> creditGradeFromString(const QString& s);
// The grade calls for a warning the clerk must acknowledge before acceptance.
bool needsAcknowledgement(CreditGrade grade);

// A natural person (name, ID) or a legal person (name, unified social credit
// code, legal representative, contact). Names are kept exactly as typed:
// rare characters (CJK Extension B and beyond) and "·" included.
struct Applicant
{
    QString id; // UUIDv7 once saved; empty before
    ApplicantKind kind = ApplicantKind::Natural;

    // Natural person
    IdType idType = IdType::ResidentId;
    QString idNumber; // upper case
    QString name;
    QString sex; // "male", "female" or empty
    QDate birthDate;
    QString phone;
    QString address;

    // Legal person
    QString creditCode;
    QString legalRepresentative;
    QString legalRepIdNumber;
    QString contactName;
    QString contactPhone;
    CreditGrade creditGrade = CreditGrade::None;

    bool isLegal() const { return kind == ApplicantKind::Legal; }
    // The number the applicant is found by: the ID number or the credit code.
    QString key() const { return isLegal() ? creditCode : idNumber; }
    // Whole years on `on`; nullopt without a birth date (or for a legal person).
    std::optional<int> age(const QDate& on) const;
    // Fills sex and birth date from an 18-digit resident ID number when they
    // are empty; normalises the number (upper case X, trimmed).
    void completeFromIdNumber();
};

// Someone applying for others (代理人), e.g. a village accountant for retirees.
struct Agent
{
    QString id; // UUIDv7 once saved
    IdType idType = IdType::ResidentId;
    QString idNumber;
    QString name;
    QString phone;
};

// The details a window needs to serve and reach the applicant and not yet
// given: "name", "phone" (a legal person's phone or contact phone),
// "address"; with an agent, "agent.name" and "agent.idNumber". The names
// are those of the problems (applicant.<name>, agent.<name>).
QStringList missingDetails(const Applicant& applicant, const std::optional<Agent>& agent);

// Where a material on file came from.
enum class ReuseSource { Case, ELicence };

// A material the applicant need not bring again.
struct ReusableMaterial
{
    QString materialId;
    QString name;
    ReuseSource sourceKind = ReuseSource::Case;
    QString sourceRef; // the case number or the e-licence number
    QDate validUntil;  // null: no end
    QDateTime recordedAt;

    bool validOn(const QDate& day) const { return validUntil.isNull() || validUntil >= day; }
    // "case:<number>" or "elicence:<number>": how a checklist line names it.
    QString sourceLabel() const;
};

QString toString(ReuseSource source); // "case", "elicence"

// An earlier case of the applicant, as the lookup shows it.
struct CaseSummary
{
    QString caseId;
    QString caseNumber; // empty for a correction that was not yet accepted
    QString status;
    QString decision;
    QDateTime decidedAt;
    QStringList itemCodes;
};

// What the counter knows of an applicant when the ID is typed or read.
struct ApplicantFile
{
    Applicant applicant;
    QList<CaseSummary> cases;         // newest first
    QList<ReusableMaterial> reusable; // still valid on the day asked
};

} // namespace ow
