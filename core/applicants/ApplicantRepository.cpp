#include "applicants/ApplicantRepository.h"

#include "cases/CaseRecord.h"
#include "cases/CaseRepository.h"
#include "cases/SqlValue.h"
#include "store/Uuid.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ow {

namespace {

constexpr const char* kApplicantColumns =
    "id, kind, id_type, id_number, name, sex, birth_date, phone, address, credit_code, "
    "legal_representative, legal_rep_id_number, contact_name, contact_phone, credit_grade";

Applicant readApplicant(const QSqlQuery& q)
{
    Applicant a;
    a.id = q.value(0).toString();
    a.kind = applicantKindFromString(q.value(1).toString()).value_or(ApplicantKind::Natural);
    a.idType = idTypeFromString(q.value(2).toString()).value_or(IdType::ResidentId);
    a.idNumber = q.value(3).toString();
    a.name = q.value(4).toString();
    a.sex = q.value(5).toString();
    a.birthDate = QDate::fromString(q.value(6).toString(), Qt::ISODate);
    a.phone = q.value(7).toString();
    a.address = q.value(8).toString();
    a.creditCode = q.value(9).toString();
    a.legalRepresentative = q.value(10).toString();
    a.legalRepIdNumber = q.value(11).toString();
    a.contactName = q.value(12).toString();
    a.contactPhone = q.value(13).toString();
    a.creditGrade = creditGradeFromString(q.value(14).toString()).value_or(CreditGrade::None);
    return a;
}

// The stored value unless the new one says something.
QString keep(const QString& incoming, const QString& stored)
{
    return incoming.isEmpty() ? stored : incoming;
}

// A string just above every string that starts with `prefix` (code point order).
QString prefixEnd(const QString& prefix)
{
    return prefix + QString::fromUcs4(U"\U0010FFFF");
}

} // namespace

QString toString(SupervisorOverride::Kind kind)
{
    return kind == SupervisorOverride::Kind::CreditCode ? QStringLiteral("credit-code")
                                                        : QStringLiteral("credit-grade");
}

ApplicantRepository::ApplicantRepository(Database& db, const Clock& clock)
    : m_db(db), m_clock(clock)
{
}

Status ApplicantRepository::save(Applicant& a)
{
    a.completeFromIdNumber();
    auto existing =
        a.isLegal() ? findByCreditCode(a.creditCode) : findByIdNumber(a.idNumber, a.idType);
    if (!existing)
        return existing.error();
    const QString now = storedTime(m_clock.now());
    Applicant merged = a;
    if (existing->has_value()) {
        const Applicant& old = **existing;
        merged.id = old.id;
        merged.name = keep(a.name, old.name);
        merged.sex = keep(a.sex, old.sex);
        if (!merged.birthDate.isValid())
            merged.birthDate = old.birthDate;
        merged.phone = keep(a.phone, old.phone);
        merged.address = keep(a.address, old.address);
        merged.legalRepresentative = keep(a.legalRepresentative, old.legalRepresentative);
        merged.legalRepIdNumber = keep(a.legalRepIdNumber, old.legalRepIdNumber);
        merged.contactName = keep(a.contactName, old.contactName);
        merged.contactPhone = keep(a.contactPhone, old.contactPhone);
        if (merged.creditGrade == CreditGrade::None)
            merged.creditGrade = old.creditGrade;
        if (a.isLegal()) {
            merged.idType = old.idType;
            merged.idNumber = keep(a.idNumber, old.idNumber);
        }
    } else {
        merged.id = newUuidV7();
    }

    const QString idType =
        merged.isLegal() && merged.idNumber.isEmpty() ? QString() : toString(merged.idType);
    const QString birthDate =
        merged.birthDate.isValid() ? merged.birthDate.toString(Qt::ISODate) : QString();
    if (existing->has_value()) {
        SqlStatement q =
            m_db.direct("UPDATE applicant SET id_type = ?, id_number = ?, name = ?, sex = ?, "
                        "birth_date = ?, phone = ?, address = ?, legal_representative = ?, "
                        "legal_rep_id_number = ?, contact_name = ?, contact_phone = ?, "
                        "credit_grade = ?, updated_at = ? WHERE id = ?");
        q.text(idType)
            .text(merged.idNumber)
            .text(merged.name)
            .text(merged.sex)
            .text(birthDate)
            .text(merged.phone)
            .text(merged.address)
            .text(merged.legalRepresentative)
            .text(merged.legalRepIdNumber)
            .text(merged.contactName)
            .text(merged.contactPhone)
            .text(toString(merged.creditGrade))
            .text(now)
            .text(merged.id);
        if (Status s = q.run(); !s)
            return s;
    } else {
        SqlStatement q = m_db.direct(QByteArray("INSERT INTO applicant (") + kApplicantColumns +
                                     ", created_at, updated_at) VALUES "
                                     "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        q.text(merged.id)
            .text(toString(merged.kind))
            .text(idType)
            .text(merged.idNumber)
            .text(merged.name)
            .text(merged.sex)
            .text(birthDate)
            .text(merged.phone)
            .text(merged.address)
            .text(merged.creditCode)
            .text(merged.legalRepresentative)
            .text(merged.legalRepIdNumber)
            .text(merged.contactName)
            .text(merged.contactPhone)
            .text(toString(merged.creditGrade))
            .text(now)
            .text(now);
        if (Status s = q.run(); !s)
            return s;
    }
    a = merged;
    return {};
}

Status ApplicantRepository::saveAgent(Agent& agent)
{
    agent.idNumber = agent.idNumber.trimmed().toUpper();
    auto existing = findAgent(agent.idNumber, agent.idType);
    if (!existing)
        return existing.error();
    const QString now = storedTime(m_clock.now());
    QSqlQuery q = m_db.query();
    if (existing->has_value()) {
        const Agent& old = **existing;
        agent.id = old.id;
        agent.name = keep(agent.name, old.name);
        agent.phone = keep(agent.phone, old.phone);
        q.prepare(
            QStringLiteral("UPDATE agent SET name = ?, phone = ?, updated_at = ? WHERE id = ?"));
        q.addBindValue(sqlValue(agent.name));
        q.addBindValue(sqlValue(agent.phone));
        q.addBindValue(sqlValue(now));
        q.addBindValue(sqlValue(agent.id));
    } else {
        agent.id = newUuidV7();
        q.prepare(QStringLiteral("INSERT INTO agent (id, id_type, id_number, name, phone, "
                                 "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
        q.addBindValue(sqlValue(agent.id));
        q.addBindValue(sqlValue(toString(agent.idType)));
        q.addBindValue(sqlValue(agent.idNumber));
        q.addBindValue(sqlValue(agent.name));
        q.addBindValue(sqlValue(agent.phone));
        q.addBindValue(sqlValue(now));
        q.addBindValue(sqlValue(now));
    }
    return m_db.run(q);
}

Result<std::optional<Applicant>> ApplicantRepository::findById(const QString& id) const
{
    auto q = m_db.prepared(QStringLiteral("SELECT %1 FROM applicant WHERE id = ?")
                               .arg(QLatin1String(kApplicantColumns)));
    q->addBindValue(sqlValue(id));
    if (Status s = m_db.run(*q); !s)
        return s.error();
    if (!q->next())
        return std::optional<Applicant>();
    return std::optional<Applicant>(readApplicant(*q));
}

Result<QHash<QString, Applicant>> ApplicantRepository::findByIds(const QStringList& ids) const
{
    QHash<QString, Applicant> out;
    if (ids.isEmpty())
        return out;
    auto q = m_db.prepared(
        QStringLiteral("SELECT %1 FROM applicant WHERE id IN (SELECT value FROM json_each(?))")
            .arg(QLatin1String(kApplicantColumns)));
    q->addBindValue(sqlJsonList(ids));
    if (Status s = m_db.run(*q); !s)
        return s.error();
    while (q->next()) {
        Applicant a = readApplicant(*q);
        out.insert(a.id, a);
    }
    return out;
}

Result<std::optional<Applicant>> ApplicantRepository::findByIdNumber(const QString& idNumber,
                                                                     IdType type) const
{
    auto q = m_db.prepared(
        QStringLiteral("SELECT %1 FROM applicant WHERE kind = 'natural' AND id_type = ? "
                       "AND id_number = ?")
            .arg(QLatin1String(kApplicantColumns)));
    q->addBindValue(sqlValue(toString(type)));
    q->addBindValue(sqlValue(idNumber.trimmed().toUpper()));
    if (Status s = m_db.run(*q); !s)
        return s.error();
    if (!q->next())
        return std::optional<Applicant>();
    return std::optional<Applicant>(readApplicant(*q));
}

Result<std::optional<Applicant>>
ApplicantRepository::findByCreditCode(const QString& creditCode) const
{
    auto q = m_db.prepared(
        QStringLiteral("SELECT %1 FROM applicant WHERE kind = 'legal' AND credit_code = ?")
            .arg(QLatin1String(kApplicantColumns)));
    q->addBindValue(sqlValue(creditCode.trimmed().toUpper()));
    if (Status s = m_db.run(*q); !s)
        return s.error();
    if (!q->next())
        return std::optional<Applicant>();
    return std::optional<Applicant>(readApplicant(*q));
}

namespace {

Result<std::optional<Agent>> readAgent(Database& db, QSqlQuery& q)
{
    if (Status s = db.run(q); !s)
        return s.error();
    if (!q.next())
        return std::optional<Agent>();
    Agent a;
    a.id = q.value(0).toString();
    a.idType = idTypeFromString(q.value(1).toString()).value_or(IdType::ResidentId);
    a.idNumber = q.value(2).toString();
    a.name = q.value(3).toString();
    a.phone = q.value(4).toString();
    return std::optional<Agent>(a);
}

} // namespace

Result<std::optional<Agent>> ApplicantRepository::findAgent(const QString& idNumber,
                                                            IdType type) const
{
    auto q = m_db.prepared(QStringLiteral("SELECT id, id_type, id_number, name, phone FROM agent "
                                          "WHERE id_type = ? AND id_number = ?"));
    q->addBindValue(sqlValue(toString(type)));
    q->addBindValue(sqlValue(idNumber.trimmed().toUpper()));
    return readAgent(m_db, *q);
}

Result<std::optional<Agent>> ApplicantRepository::findAgentById(const QString& id) const
{
    auto q = m_db.prepared(
        QStringLiteral("SELECT id, id_type, id_number, name, phone FROM agent WHERE id = ?"));
    q->addBindValue(sqlValue(id));
    return readAgent(m_db, *q);
}

Result<QList<Applicant>> ApplicantRepository::findByName(const QString& name, NameMatch match,
                                                         int limit) const
{
    QSqlQuery q = m_db.query();
    if (match == NameMatch::Exact) {
        q.prepare(QStringLiteral("SELECT %1 FROM applicant WHERE name = ? ORDER BY name, id "
                                 "LIMIT ?")
                      .arg(QLatin1String(kApplicantColumns)));
        q.addBindValue(sqlValue(name));
    } else {
        // A range on the index (binary order of UTF-8 is code point order),
        // then an exact comparison of the first code points.
        q.prepare(QStringLiteral("SELECT %1 FROM applicant WHERE name >= ? AND name < ? AND "
                                 "substr(name, 1, length(?)) = ? ORDER BY name, id LIMIT ?")
                      .arg(QLatin1String(kApplicantColumns)));
        q.addBindValue(sqlValue(name));
        q.addBindValue(sqlValue(prefixEnd(name)));
        q.addBindValue(sqlValue(name));
        q.addBindValue(sqlValue(name));
    }
    q.addBindValue(sqlValue(limit));
    if (Status s = m_db.run(q); !s)
        return s.error();
    QList<Applicant> out;
    while (q.next())
        out.append(readApplicant(q));
    return out;
}

Result<std::optional<ApplicantFile>>
ApplicantRepository::lookup(const QString& idNumberOrCreditCode, const QDate& on) const
{
    const QString key = idNumberOrCreditCode.trimmed().toUpper();
    auto q = m_db.prepared(
        QStringLiteral("SELECT %1 FROM applicant WHERE (kind = 'natural' AND id_number = ?) "
                       "OR (kind = 'legal' AND credit_code = ?) ORDER BY kind DESC LIMIT 1")
            .arg(QLatin1String(kApplicantColumns)));
    q->addBindValue(sqlValue(key));
    q->addBindValue(sqlValue(key));
    if (Status s = m_db.run(*q); !s)
        return s.error();
    if (!q->next())
        return std::optional<ApplicantFile>();
    ApplicantFile file;
    file.applicant = readApplicant(*q);
    q->finish();
    auto cases = CaseRepository(m_db).casesOfApplicant(file.applicant.id);
    if (!cases)
        return cases.error();
    file.cases = cases.value();
    auto reusable = reusableMaterials(file.applicant.id, on);
    if (!reusable)
        return reusable.error();
    file.reusable = reusable.value();
    return std::optional<ApplicantFile>(std::move(file));
}

Status ApplicantRepository::addReusableMaterial(const QString& applicantId,
                                                const ReusableMaterial& m)
{
    auto q = m_db.prepared(QStringLiteral(
        "INSERT INTO applicant_material (applicant_id, material_id, name, source_kind, "
        "source_ref, valid_until, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (applicant_id, material_id, source_kind, source_ref) DO UPDATE SET "
        "name = excluded.name, valid_until = excluded.valid_until"));
    q->addBindValue(sqlValue(applicantId));
    q->addBindValue(sqlValue(m.materialId));
    q->addBindValue(sqlValue(m.name));
    q->addBindValue(sqlValue(toString(m.sourceKind)));
    q->addBindValue(sqlValue(m.sourceRef));
    q->addBindValue(
        sqlValue(m.validUntil.isValid() ? m.validUntil.toString(Qt::ISODate) : QString()));
    q->addBindValue(sqlValue(storedTime(m.recordedAt.isValid() ? m.recordedAt : m_clock.now())));
    return m_db.run(*q);
}

Result<QList<ReusableMaterial>> ApplicantRepository::reusableMaterials(const QString& applicantId,
                                                                       const QDate& on) const
{
    auto q = m_db.prepared(QStringLiteral(
        "SELECT material_id, name, source_kind, source_ref, valid_until, recorded_at "
        "FROM applicant_material WHERE applicant_id = ? AND (valid_until = '' OR valid_until >= ?) "
        "ORDER BY material_id, recorded_at DESC, id DESC"));
    q->addBindValue(sqlValue(applicantId));
    q->addBindValue(sqlValue(on.toString(Qt::ISODate)));
    if (Status s = m_db.run(*q); !s)
        return s.error();
    QList<ReusableMaterial> out;
    while (q->next()) {
        ReusableMaterial m;
        m.materialId = q->value(0).toString();
        m.name = q->value(1).toString();
        m.sourceKind = q->value(2).toString() == QLatin1String("elicence") ? ReuseSource::ELicence
                                                                           : ReuseSource::Case;
        m.sourceRef = q->value(3).toString();
        m.validUntil = QDate::fromString(q->value(4).toString(), Qt::ISODate);
        m.recordedAt = fromStoredTime(q->value(5).toString());
        out.append(m);
    }
    return out;
}

Status ApplicantRepository::setCreditGrade(const QString& applicantId, CreditGrade grade)
{
    auto q = m_db.prepared(
        QStringLiteral("UPDATE applicant SET credit_grade = ?, updated_at = ? WHERE id = ?"));
    q->addBindValue(sqlValue(toString(grade)));
    q->addBindValue(sqlValue(storedTime(m_clock.now())));
    q->addBindValue(sqlValue(applicantId));
    return m_db.run(*q);
}

Result<QString> ApplicantRepository::recordOverride(const QString& applicantId,
                                                    const QString& caseId,
                                                    const SupervisorOverride& o,
                                                    const QString& subject, const QString& clerk,
                                                    const QString& siteCode)
{
    const QString id = newUuidV7();
    auto q = m_db.prepared(QStringLiteral(
        "INSERT INTO supervisor_override (id, kind, applicant_id, case_id, subject, supervisor, "
        "reason, at, clerk, site_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q->addBindValue(sqlValue(id));
    q->addBindValue(sqlValue(toString(o.kind)));
    q->addBindValue(sqlValue(applicantId));
    q->addBindValue(sqlValue(caseId.isEmpty() ? QVariant() : QVariant(caseId)));
    q->addBindValue(sqlValue(subject));
    q->addBindValue(sqlValue(o.supervisor));
    q->addBindValue(sqlValue(o.reason));
    q->addBindValue(sqlValue(storedTime(m_clock.now())));
    q->addBindValue(sqlValue(clerk));
    q->addBindValue(sqlValue(siteCode));
    if (Status s = m_db.run(*q); !s)
        return s.error();
    return id;
}

} // namespace ow
