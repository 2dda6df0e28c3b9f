#include "applicants/Applicant.h"

#include <array>
#include <utility>

namespace ow {

namespace {

template <typename E, std::size_t N>
QString nameOf(const std::array<std::pair<E, const char*>, N>& table, E value)
{
    for (const auto& [e, name] : table)
        if (e == value)
            return QString::fromLatin1(name);
    return {};
}

template <typename E, std::size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, const char*>, N>& table, const QString& s)
{
    for (const auto& [e, name] : table)
        if (s == QLatin1String(name))
            return e;
    return std::nullopt;
}

constexpr std::array<std::pair<ApplicantKind, const char*>, 2> kKinds{{
    {ApplicantKind::Natural, "natural"},
    {ApplicantKind::Legal, "legal"},
}};

constexpr std::array<std::pair<IdType, const char*>, 6> kIdTypes{{
    {IdType::ResidentId, "resident-id"},
    {IdType::Passport, "passport"},
    {IdType::HkMacaoPermit, "hk-macao-permit"},
    {IdType::TaiwanPermit, "taiwan-permit"},
    {IdType::ForeignPermanent, "foreign-permanent"},
    {IdType::Other, "other"},
}};

constexpr std::array<std::pair<CreditGrade, const char*>, 5> kGrades{{
    {CreditGrade::None, ""},
    {CreditGrade::A, "A"},
    {CreditGrade::B, "B"},
    {CreditGrade::C, "C"},
    {CreditGrade::Blacklist, "blacklist"},
}};

} // namespace

QString toString(ApplicantKind kind)
{
    return nameOf(kKinds, kind);
}

QString toString(IdType type)
{
    return nameOf(kIdTypes, type);
}

QString toString(CreditGrade grade)
{
    return nameOf(kGrades, grade);
}

QString toString(ReuseSource source)
{
    return source == ReuseSource::Case ? QStringLiteral("case") : QStringLiteral("elicence");
}

std::optional<ApplicantKind> applicantKindFromString(const QString& s)
{
    return valueOf(kKinds, s);
}

std::optional<IdType> idTypeFromString(const QString& s)
{
    return valueOf(kIdTypes, s);
}

std::optional<CreditGrade> creditGradeFromString(const QString& s)
{
    return valueOf(kGrades, s);
}

bool needsAcknowledgement(CreditGrade grade)
{
    return grade == CreditGrade::C || grade == CreditGrade::Blacklist;
}

std::optional<int> Applicant::age(const QDate& on) const
{
    if (isLegal() || !birthDate.isValid() || !on.isValid())
        return std::nullopt;
    int years = on.year() - birthDate.year();
    if (on.month() < birthDate.month() ||
        (on.month() == birthDate.month() && on.day() < birthDate.day()))
        --years;
    return years;
}

void Applicant::completeFromIdNumber()
{
    idNumber = idNumber.trimmed().toUpper();
    creditCode = creditCode.trimmed().toUpper();
    if (isLegal() || idType != IdType::ResidentId || idNumber.size() != 18)
        return;
    if (!birthDate.isValid()) {
        const QDate d = QDate::fromString(idNumber.mid(6, 8), QStringLiteral("yyyyMMdd"));
        if (d.isValid())
            birthDate = d;
    }
    if (sex.isEmpty()) {
        const QChar c = idNumber.at(16);
        if (c.isDigit())
            sex = (c.digitValue() % 2 == 1) ? QStringLiteral("male") : QStringLiteral("female");
    }
}

QString ReusableMaterial::sourceLabel() const
{
    return toString(sourceKind) + QLatin1Char(':') + sourceRef;
}

QStringList missingDetails(const Applicant& applicant, const std::optional<Agent>& agent)
{
    QStringList out;
    const auto empty = [](const QString& s) { return s.trimmed().isEmpty(); };
    if (empty(applicant.name))
        out << QStringLiteral("name");
    if (empty(applicant.phone) && (!applicant.isLegal() || empty(applicant.contactPhone)))
        out << QStringLiteral("phone");
    if (empty(applicant.address))
        out << QStringLiteral("address");
    if (agent) {
        if (empty(agent->name))
            out << QStringLiteral("agent.name");
        if (empty(agent->idNumber))
            out << QStringLiteral("agent.idNumber");
    }
    return out;
}

} // namespace ow
