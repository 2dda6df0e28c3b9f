#include "cases/MatterRepository.h"

#include "cases/SqlValue.h"

#include <algorithm>

namespace ow {

MatterRepository::MatterRepository(Database& db) : m_db(db) {}

QString MatterRepository::itemsKey(const QStringList& itemCodes)
{
    QStringList codes = itemCodes;
    codes.removeDuplicates();
    std::sort(codes.begin(), codes.end());
    return codes.join(QLatin1Char('+'));
}

namespace {

Matter readMatter(const QSqlQuery& q)
{
    Matter m;
    m.id = q.value(0).toString();
    m.applicantId = q.value(1).toString();
    m.itemsKey = q.value(2).toString();
    m.open = q.value(3).toString() == QLatin1String("open");
    m.visits = q.value(4).toInt();
    m.openedAt = fromStoredTime(q.value(5).toString());
    return m;
}

} // namespace

Result<std::optional<Matter>> MatterRepository::findOpen(const QString& applicantId,
                                                         const QString& itemsKey) const
{
    auto q =
        m_db.prepared(QStringLiteral("SELECT id, applicant_id, items_key, state, visits, opened_at "
                                     "FROM matter WHERE applicant_id = ? AND items_key = ? AND "
                                     "state = 'open' ORDER BY opened_at DESC, id DESC LIMIT 1"));
    q->addBindValue(sqlValue(applicantId));
    q->addBindValue(sqlValue(itemsKey));
    if (Status s = m_db.run(*q); !s)
        return s.error();
    if (!q->next())
        return std::optional<Matter>();
    return std::optional<Matter>(readMatter(*q));
}

Result<std::optional<Matter>> MatterRepository::findById(const QString& id) const
{
    auto q =
        m_db.prepared(QStringLiteral("SELECT id, applicant_id, items_key, state, visits, opened_at "
                                     "FROM matter WHERE id = ?"));
    q->addBindValue(sqlValue(id));
    if (Status s = m_db.run(*q); !s)
        return s.error();
    if (!q->next())
        return std::optional<Matter>();
    return std::optional<Matter>(readMatter(*q));
}

Status MatterRepository::insert(const Matter& matter)
{
    SqlStatement q = m_db.direct("INSERT INTO matter (id, applicant_id, items_key, state, visits, "
                                 "opened_at) VALUES (?, ?, ?, ?, ?, ?)");
    q.text(matter.id)
        .text(matter.applicantId)
        .text(matter.itemsKey)
        .text(matter.open ? QStringLiteral("open") : QStringLiteral("closed"))
        .integer(matter.visits)
        .text(storedTime(matter.openedAt));
    return q.run();
}

Status MatterRepository::recordVisit(const QString& matterId, int visitNo, const QDateTime& at,
                                     const Place& place, const QString& outcome)
{
    SqlStatement q = m_db.direct("INSERT INTO matter_visit (matter_id, visit_no, at, site_code, "
                                 "window_code, clerk, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.text(matterId)
        .integer(visitNo)
        .text(storedTime(at))
        .text(place.siteCode)
        .text(place.window)
        .text(place.clerk)
        .text(outcome);
    if (Status s = q.run(); !s)
        return s;
    SqlStatement u = m_db.direct("UPDATE matter SET visits = ? WHERE id = ?");
    u.integer(visitNo).text(matterId);
    return u.run();
}

Status MatterRepository::close(const QString& matterId, const QDateTime& at)
{
    SqlStatement q = m_db.direct("UPDATE matter SET state = 'closed', closed_at = ? WHERE id = ?");
    q.text(storedTime(at)).text(matterId);
    return q.run();
}

Status MatterRepository::insertCorrection(const CorrectionRecord& c)
{
    auto q = m_db.prepared(QStringLiteral(
        "INSERT INTO correction (id, number, case_id, matter_id, state, created_at, clerk, "
        "site_code, window_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q->addBindValue(sqlValue(c.id));
    q->addBindValue(sqlValue(c.number));
    q->addBindValue(sqlValue(c.caseId));
    q->addBindValue(sqlValue(c.matterId));
    q->addBindValue(sqlValue(c.state.isEmpty() ? QStringLiteral("open") : c.state));
    q->addBindValue(sqlValue(storedTime(c.createdAt)));
    q->addBindValue(sqlValue(c.place.clerk));
    q->addBindValue(sqlValue(c.place.siteCode));
    q->addBindValue(sqlValue(c.place.window));
    if (Status s = m_db.run(*q); !s)
        return s;
    int pos = 0;
    for (const CorrectionLine& l : c.lines) {
        auto li = m_db.prepared(QStringLiteral(
            "INSERT INTO correction_line (correction_id, material_id, name, problem, reason, "
            "what_to_bring, position) VALUES (?, ?, ?, ?, ?, ?, ?)"));
        li->addBindValue(sqlValue(c.id));
        li->addBindValue(sqlValue(l.materialId));
        li->addBindValue(sqlValue(l.name));
        li->addBindValue(sqlValue(toString(l.problem)));
        li->addBindValue(sqlValue(l.reason));
        li->addBindValue(sqlValue(l.whatToBring));
        li->addBindValue(sqlValue(pos++));
        if (Status s = m_db.run(*li); !s)
            return s;
    }
    return {};
}

Result<QList<CorrectionRecord>> MatterRepository::loadCorrections(const QString& where,
                                                                  const QString& arg) const
{
    auto q = m_db.prepared(
        QStringLiteral("SELECT id, number, case_id, matter_id, state, created_at, clerk, "
                       "site_code, window_code, resolved_at FROM correction WHERE %1 "
                       "ORDER BY created_at, rowid")
            .arg(where));
    q->addBindValue(sqlValue(arg));
    if (Status s = m_db.run(*q); !s)
        return s.error();
    QList<CorrectionRecord> out;
    while (q->next()) {
        CorrectionRecord c;
        c.id = q->value(0).toString();
        c.number = q->value(1).toString();
        c.caseId = q->value(2).toString();
        c.matterId = q->value(3).toString();
        c.state = q->value(4).toString();
        c.createdAt = fromStoredTime(q->value(5).toString());
        c.place = {q->value(7).toString(), q->value(8).toString(), q->value(6).toString()};
        c.resolvedAt = fromStoredTime(q->value(9).toString());
        out.append(c);
    }
    q->finish();
    for (CorrectionRecord& c : out) {
        auto l = m_db.prepared(
            QStringLiteral("SELECT material_id, name, problem, reason, what_to_bring "
                           "FROM correction_line WHERE correction_id = ? ORDER BY position"));
        l->addBindValue(sqlValue(c.id));
        if (Status s = m_db.run(*l); !s)
            return s.error();
        while (l->next()) {
            CorrectionLine line;
            line.materialId = l->value(0).toString();
            line.name = l->value(1).toString();
            line.problem =
                materialStateFromString(l->value(2).toString()).value_or(MaterialState::Missing);
            line.reason = l->value(3).toString();
            line.whatToBring = l->value(4).toString();
            c.lines.append(line);
        }
    }
    return out;
}

Result<std::optional<CorrectionRecord>>
MatterRepository::openCorrection(const QString& matterId) const
{
    auto all = loadCorrections(QStringLiteral("matter_id = ? AND state = 'open'"), matterId);
    if (!all)
        return all.error();
    if (all->isEmpty())
        return std::optional<CorrectionRecord>();
    return std::optional<CorrectionRecord>(all->last());
}

Status MatterRepository::resolveCorrection(const QString& correctionId, const QDateTime& at)
{
    auto q = m_db.prepared(
        QStringLiteral("UPDATE correction SET state = 'resolved', resolved_at = ? WHERE id = ?"));
    q->addBindValue(sqlValue(storedTime(at)));
    q->addBindValue(sqlValue(correctionId));
    return m_db.run(*q);
}

Result<QList<CorrectionRecord>> MatterRepository::correctionsOfCase(const QString& caseId) const
{
    return loadCorrections(QStringLiteral("case_id = ?"), caseId);
}

Status MatterRepository::insertRefusal(const RefusalRecord& r)
{
    auto q = m_db.prepared(QStringLiteral(
        "INSERT INTO refusal (id, number, case_id, reason, legal_basis, competent_body, "
        "created_at, clerk, site_code, window_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q->addBindValue(sqlValue(r.id));
    q->addBindValue(sqlValue(r.number));
    q->addBindValue(sqlValue(r.caseId));
    q->addBindValue(sqlValue(r.reason));
    q->addBindValue(sqlValue(r.legalBasis));
    q->addBindValue(sqlValue(r.competentBody));
    q->addBindValue(sqlValue(storedTime(r.createdAt)));
    q->addBindValue(sqlValue(r.place.clerk));
    q->addBindValue(sqlValue(r.place.siteCode));
    q->addBindValue(sqlValue(r.place.window));
    return m_db.run(*q);
}

Result<QList<RefusalRecord>> MatterRepository::refusalsOfCase(const QString& caseId) const
{
    auto q = m_db.prepared(
        QStringLiteral("SELECT id, number, case_id, reason, legal_basis, competent_body, "
                       "created_at, clerk, site_code, window_code FROM refusal "
                       "WHERE case_id = ? ORDER BY created_at, rowid"));
    q->addBindValue(sqlValue(caseId));
    if (Status s = m_db.run(*q); !s)
        return s.error();
    QList<RefusalRecord> out;
    while (q->next()) {
        RefusalRecord r;
        r.id = q->value(0).toString();
        r.number = q->value(1).toString();
        r.caseId = q->value(2).toString();
        r.reason = q->value(3).toString();
        r.legalBasis = q->value(4).toString();
        r.competentBody = q->value(5).toString();
        r.createdAt = fromStoredTime(q->value(6).toString());
        r.place = {q->value(8).toString(), q->value(9).toString(), q->value(7).toString()};
        out.append(r);
    }
    return out;
}

Result<QString> MatterRepository::caseIdOfNotice(const QString& number) const
{
    auto q =
        m_db.prepared(QStringLiteral("SELECT case_id FROM correction WHERE number = ? UNION ALL "
                                     "SELECT case_id FROM refusal WHERE number = ? LIMIT 1"));
    q->addBindValue(sqlValue(number));
    q->addBindValue(sqlValue(number));
    if (Status s = m_db.run(*q); !s)
        return s.error();
    return q->next() ? q->value(0).toString() : QString();
}

} // namespace ow
