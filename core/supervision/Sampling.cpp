#include "supervision/Sampling.h"

#include "audit/AuditLog.h"
#include "cases/CaseRecord.h"
#include "store/Uuid.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QVariant>
#include <random>

namespace ow {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::SamplingService", s);
}

const char* const kSampledColumns =
    "SELECT s.draw_id, s.case_id, coalesce(c.case_number, ''), s.position, s.state, s.finding, "
    " s.rectification, s.finding_by, s.finding_at, s.closing_note, s.closed_by, s.closed_at "
    "FROM sampling_case s JOIN intake_case c ON c.id = s.case_id "
    "JOIN sampling_draw d ON d.id = s.draw_id ";

SampledCase sampledFrom(const QSqlQuery& q)
{
    SampledCase s;
    s.drawId = q.value(0).toString();
    s.caseId = q.value(1).toString();
    s.caseNumber = q.value(2).toString();
    s.position = q.value(3).toInt();
    s.state = sampleStateFromString(q.value(4).toString()).value_or(SampleState::Open);
    s.finding = q.value(5).toString();
    s.rectification = q.value(6).toString();
    s.findingBy = q.value(7).toString();
    s.findingAt = fromStoredTime(q.value(8).toString());
    s.closingNote = q.value(9).toString();
    s.closedBy = q.value(10).toString();
    s.closedAt = fromStoredTime(q.value(11).toString());
    return s;
}

QJsonObject stateJson(const SampledCase& s)
{
    return {{QStringLiteral("draw"), s.drawId},
            {QStringLiteral("state"), toString(s.state)},
            {QStringLiteral("finding"), s.finding},
            {QStringLiteral("rectification"), s.rectification},
            {QStringLiteral("note"), s.closingNote}};
}

} // namespace

QString toString(SampleState state)
{
    switch (state) {
    case SampleState::Open:
        return QStringLiteral("open");
    case SampleState::Rectifying:
        return QStringLiteral("rectifying");
    case SampleState::Closed:
        return QStringLiteral("closed");
    }
    return {};
}

std::optional<SampleState> sampleStateFromString(const QString& s)
{
    for (SampleState st : {SampleState::Open, SampleState::Rectifying, SampleState::Closed})
        if (toString(st) == s)
            return st;
    return std::nullopt;
}

QString displayName(SampleState state)
{
    switch (state) {
    case SampleState::Open:
        return QCoreApplication::translate("ow::SamplingService", "open");
    case SampleState::Rectifying:
        return QCoreApplication::translate("ow::SamplingService", "rectifying");
    case SampleState::Closed:
        return QCoreApplication::translate("ow::SamplingService", "closed");
    }
    return {};
}

SamplingService::SamplingService(Database& db, Session session, const Clock& clock)
    : m_db(db), m_session(std::move(session)), m_clock(clock)
{
}

QList<int> SamplingService::choose(qint64 seed, int population, int count)
{
    std::mt19937_64 rng{quint64(seed)};
    QList<int> order(population);
    for (int i = 0; i < population; ++i)
        order[i] = i;
    const int n = qBound(0, count, population);
    for (int i = 0; i < n; ++i) {
        // Uniform in [0, range) by rejection, so no platform's distribution decides.
        const quint64 range = quint64(population - i);
        const quint64 limit = std::mt19937_64::max() - std::mt19937_64::max() % range;
        quint64 r = rng();
        while (r >= limit)
            r = rng();
        std::swap(order[i], order[i + int(r % range)]);
    }
    return order.mid(0, n);
}

Result<SamplingDraw> SamplingService::draw(const QDate& from, const QDate& to, int count,
                                           std::optional<qint64> seed)
{
    if (Status s = m_session.require(Permission::RunSampling); !s)
        return s.error();
    QList<Problem> problems;
    if (!from.isValid())
        problems.append({QStringLiteral("from"), QStringLiteral("from"),
                         tr("The first day of the period is missing or not a date.")});
    if (!to.isValid())
        problems.append({QStringLiteral("to"), QStringLiteral("to"),
                         tr("The last day of the period is missing or not a date.")});
    if (from.isValid() && to.isValid() && to < from)
        problems.append({QStringLiteral("to"), QStringLiteral("to"),
                         tr("The last day of the period comes before its first day.")});
    if (count < 1)
        problems.append({QStringLiteral("count"), QStringLiteral("count"),
                         tr("The number of cases to draw must be 1 or more.")});
    if (!problems.isEmpty())
        return Error::invalid(tr("No cases were drawn."), problems);

    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    // The population in a fixed order, so that the seed alone decides the draw.
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT id, case_number FROM intake_case WHERE decision = 'accepted' "
                             "AND decided_at >= ? AND decided_at < ? ORDER BY case_number"));
    q.addBindValue(from.toString(Qt::ISODate));
    q.addBindValue(to.addDays(1).toString(Qt::ISODate));
    if (Status s = m_db.run(q); !s)
        return s.error();
    QList<QPair<QString, QString>> population;
    while (q.next())
        population.append({q.value(0).toString(), q.value(1).toString()});
    if (population.isEmpty())
        return Error::notFound(tr("No case was accepted from %1 to %2: nothing to draw.")
                                   .arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate)));

    SamplingDraw d;
    d.id = newUuidV7();
    d.from = from;
    d.to = to;
    d.requested = count;
    d.population = int(population.size());
    d.seed = seed ? *seed : qint64(QRandomGenerator::system()->generate64() >> 1);
    d.drawnAt = m_clock.now();
    d.drawnBy = m_session.actor();
    q.prepare(
        QStringLiteral("INSERT INTO sampling_draw (id, from_day, to_day, requested, "
                       "population, seed, drawn_at, drawn_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant& v :
         {QVariant(d.id), QVariant(from.toString(Qt::ISODate)), QVariant(to.toString(Qt::ISODate)),
          QVariant(count), QVariant(d.population), QVariant(d.seed),
          QVariant(storedTime(d.drawnAt)), QVariant(d.drawnBy)})
        q.addBindValue(v);
    if (Status s = m_db.run(q); !s)
        return s.error();
    QJsonArray numbers;
    const QList<int> chosen = choose(d.seed, d.population, count);
    for (int i = 0; i < chosen.size(); ++i) {
        SampledCase c;
        c.drawId = d.id;
        c.caseId = population[chosen[i]].first;
        c.caseNumber = population[chosen[i]].second;
        c.position = i + 1;
        q.prepare(QStringLiteral("INSERT INTO sampling_case (draw_id, case_id, position) "
                                 "VALUES (?, ?, ?)"));
        q.addBindValue(d.id);
        q.addBindValue(c.caseId);
        q.addBindValue(c.position);
        if (Status s = m_db.run(q); !s)
            return s.error();
        q.prepare(QStringLiteral("INSERT INTO sampling_event (draw_id, case_id, to_state, at, "
                                 "actor) VALUES (?, ?, 'open', ?, ?)"));
        q.addBindValue(d.id);
        q.addBindValue(c.caseId);
        q.addBindValue(storedTime(d.drawnAt));
        q.addBindValue(d.drawnBy);
        if (Status s = m_db.run(q); !s)
            return s.error();
        numbers.append(c.caseNumber);
        d.cases << c;
    }
    const QJsonObject after{{QStringLiteral("from"), from.toString(Qt::ISODate)},
                            {QStringLiteral("to"), to.toString(Qt::ISODate)},
                            {QStringLiteral("requested"), count},
                            {QStringLiteral("population"), d.population},
                            {QStringLiteral("seed"), QString::number(d.seed)},
                            {QStringLiteral("cases"), numbers}};
    if (auto a = AuditLog(m_db, m_clock)
                     .append(m_session, {QStringLiteral("sampling.draw"), d.id, {}, after});
        !a)
        return a.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return d;
}

Result<QList<SamplingDraw>> SamplingService::draws() const
{
    if (Status s = m_session.require(Permission::RunSampling); !s)
        return s.error();
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT id, from_day, to_day, requested, population, seed, drawn_at, "
                             "drawn_by FROM sampling_draw ORDER BY drawn_at DESC, id DESC"));
    if (Status s = m_db.run(q); !s)
        return s.error();
    QList<SamplingDraw> out;
    while (q.next()) {
        SamplingDraw d;
        d.id = q.value(0).toString();
        d.from = QDate::fromString(q.value(1).toString(), Qt::ISODate);
        d.to = QDate::fromString(q.value(2).toString(), Qt::ISODate);
        d.requested = q.value(3).toInt();
        d.population = q.value(4).toInt();
        d.seed = q.value(5).toLongLong();
        d.drawnAt = fromStoredTime(q.value(6).toString());
        d.drawnBy = q.value(7).toString();
        out << d;
    }
    for (SamplingDraw& d : out) {
        q.prepare(QLatin1String(kSampledColumns) +
                  QStringLiteral("WHERE s.draw_id = ? ORDER BY s.position"));
        q.addBindValue(d.id);
        if (Status s = m_db.run(q); !s)
            return s.error();
        while (q.next())
            d.cases << sampledFrom(q);
    }
    return out;
}

Result<SamplingDraw> SamplingService::find(const QString& drawId) const
{
    auto all = draws();
    if (!all)
        return all.error();
    for (const SamplingDraw& d : *all)
        if (!drawId.isEmpty() && d.id.startsWith(drawId))
            return d;
    return Error::notFound(tr("There is no draw %1.").arg(drawId));
}

Result<SampledCase> SamplingService::sampled(const QString& caseNumber, const QString& drawId) const
{
    QSqlQuery q = m_db.query();
    q.prepare(QLatin1String(kSampledColumns) +
              QStringLiteral("WHERE c.case_number = ? AND s.draw_id LIKE ? "
                             "ORDER BY s.state = 'closed', d.drawn_at DESC, d.id DESC LIMIT 1"));
    q.addBindValue(caseNumber.trimmed());
    q.addBindValue(drawId.trimmed() + QLatin1Char('%'));
    if (Status s = m_db.run(q); !s)
        return s.error();
    if (!q.next())
        return Error::notFound(drawId.isEmpty()
                                   ? tr("Case %1 was not drawn for sampling.").arg(caseNumber)
                                   : tr("Case %1 is not in draw %2.").arg(caseNumber, drawId));
    return sampledFrom(q);
}

Result<SampledCase> SamplingService::recordFinding(const QString& caseNumber,
                                                   const QString& finding,
                                                   const QString& rectification,
                                                   const QString& drawId)
{
    return move(caseNumber, drawId, SampleState::Rectifying, finding, rectification, {});
}

Result<SampledCase> SamplingService::close(const QString& caseNumber, const QString& note,
                                           const QString& drawId)
{
    return move(caseNumber, drawId, SampleState::Closed, {}, {}, note);
}

Result<SampledCase> SamplingService::move(const QString& caseNumber, const QString& drawId,
                                          SampleState to, const QString& finding,
                                          const QString& rectification, const QString& note)
{
    if (Status s = m_session.require(Permission::RunSampling); !s)
        return s.error();
    QList<Problem> problems;
    if (to == SampleState::Rectifying && finding.trimmed().isEmpty())
        problems.append(
            {QStringLiteral("finding"), QStringLiteral("finding"), tr("Say what was found.")});
    if (to == SampleState::Rectifying && rectification.trimmed().isEmpty())
        problems.append({QStringLiteral("rectification"), QStringLiteral("rectification"),
                         tr("Say what must be put right.")});
    if (to == SampleState::Closed && note.trimmed().isEmpty())
        problems.append({QStringLiteral("note"), QStringLiteral("note"),
                         tr("Say how the case was closed: the rectification done, or that "
                            "nothing was found.")});
    if (!problems.isEmpty())
        return Error::invalid(tr("Case %1 was not changed.").arg(caseNumber), problems);

    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    auto found = sampled(caseNumber, drawId);
    if (!found)
        return found.error();
    SampledCase before = *found;
    const bool allowed = to == SampleState::Rectifying ? before.state == SampleState::Open
                                                       : before.state != SampleState::Closed;
    if (!allowed)
        return Error::conflict(
            tr("Sampled case %1 is %2: it cannot be %3.")
                .arg(caseNumber, displayName(before.state),
                     to == SampleState::Rectifying ? tr("given a finding") : tr("closed")));
    SampledCase after = before;
    after.state = to;
    const QDateTime now = m_clock.now();
    QSqlQuery q = m_db.query();
    if (to == SampleState::Rectifying) {
        after.finding = finding.trimmed();
        after.rectification = rectification.trimmed();
        after.findingBy = m_session.actor();
        after.findingAt = now;
        q.prepare(QStringLiteral("UPDATE sampling_case SET state = 'rectifying', finding = ?, "
                                 "rectification = ?, finding_by = ?, finding_at = ? "
                                 "WHERE draw_id = ? AND case_id = ?"));
        q.addBindValue(after.finding);
        q.addBindValue(after.rectification);
        q.addBindValue(after.findingBy);
        q.addBindValue(storedTime(now));
    } else {
        after.closingNote = note.trimmed();
        after.closedBy = m_session.actor();
        after.closedAt = now;
        q.prepare(QStringLiteral("UPDATE sampling_case SET state = 'closed', closing_note = ?, "
                                 "closed_by = ?, closed_at = ? WHERE draw_id = ? AND case_id = ?"));
        q.addBindValue(after.closingNote);
        q.addBindValue(after.closedBy);
        q.addBindValue(storedTime(now));
    }
    q.addBindValue(after.drawId);
    q.addBindValue(after.caseId);
    if (Status s = m_db.run(q); !s)
        return s.error();
    q.prepare(QStringLiteral("INSERT INTO sampling_event (draw_id, case_id, from_state, to_state, "
                             "at, actor, note) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant& v :
         {QVariant(after.drawId), QVariant(after.caseId), QVariant(toString(before.state)),
          QVariant(toString(to)), QVariant(storedTime(now)), QVariant(m_session.actor()),
          QVariant(to == SampleState::Closed ? after.closingNote : after.finding)})
        q.addBindValue(v);
    if (Status s = m_db.run(q); !s)
        return s.error();
    const QString action = to == SampleState::Closed ? QStringLiteral("sampling.close")
                                                     : QStringLiteral("sampling.finding");
    if (auto a = AuditLog(m_db, m_clock)
                     .append(m_session, {action, caseNumber, stateJson(before), stateJson(after)});
        !a)
        return a.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return after;
}

} // namespace ow
