#include "cases/CaseRepository.h"

#include "cases/CaseJson.h"
#include "cases/MatterRepository.h"
#include "cases/SqlValue.h"

#include <QJsonDocument>
#include <QVariant>
#include <algorithm>

namespace ow {

namespace {

constexpr const char* kCaseColumns =
    "id, case_number, site_code, case_day, case_seq, matter_id, applicant_id, agent_id, "
    "channel, form_json, decision, status, promised_date, promised_provisional, promised_days, "
    "clerk, window_code, delivery, delivery_recipient, delivery_phone, delivery_address, "
    "delivery_postcode, delivery_locker, visits, credit_grade, credit_acknowledged, "
    "created_at, decided_at";

// Every column but the id, in the order of kCaseColumns. `form` is the
// form's compact JSON text (formJsonText()).
void bindCaseColumns(SqlStatement& q, const CaseRecord& c, QByteArrayView form)
{
    q.textOrNull(c.caseNumber)
        .text(c.place.siteCode)
        .text(c.caseDay)
        .integer(c.caseSeq)
        .text(c.matterId)
        .text(c.applicantId)
        .textOrNull(c.agentId)
        .text(toString(c.channel))
        .utf8(form)
        .text(toString(c.decision))
        .text(toString(c.status))
        .text(c.promisedDate.isValid() ? c.promisedDate.toString(Qt::ISODate) : QString())
        .integer(c.promisedProvisional ? 1 : 0)
        .integer(c.promisedDays)
        .text(c.place.clerk)
        .text(c.place.window)
        .text(deliveryName(c.delivery.method))
        .text(c.delivery.recipient)
        .text(c.delivery.phone)
        .text(c.delivery.address)
        .text(c.delivery.postcode)
        .text(c.delivery.locker)
        .integer(c.visits)
        .text(c.creditGrade)
        .integer(c.creditAcknowledged ? 1 : 0)
        .text(storedTime(c.createdAt))
        .text(storedTime(c.decidedAt));
}

CaseRecord readCase(const QSqlQuery& q)
{
    CaseRecord c;
    c.id = q.value(0).toString();
    c.caseNumber = q.value(1).toString();
    c.place.siteCode = q.value(2).toString();
    c.caseDay = q.value(3).toString();
    c.caseSeq = q.value(4).toInt();
    c.matterId = q.value(5).toString();
    c.applicantId = q.value(6).toString();
    c.agentId = q.value(7).toString();
    c.channel = channelFromString(q.value(8).toString()).value_or(Channel::Counter);
    c.form = QJsonDocument::fromJson(q.value(9).toString().toUtf8()).object();
    const QString decision = q.value(10).toString();
    c.decision = decision == QLatin1String("correction") ? DecisionKind::Correct
                 : decision == QLatin1String("refused")  ? DecisionKind::Refuse
                                                         : DecisionKind::Accept;
    c.status = caseStatusFromString(q.value(11).toString()).value_or(CaseStatus::Accepted);
    c.promisedDate = QDate::fromString(q.value(12).toString(), Qt::ISODate);
    c.promisedProvisional = q.value(13).toInt() != 0;
    c.promisedDays = q.value(14).toInt();
    c.place.clerk = q.value(15).toString();
    c.place.window = q.value(16).toString();
    c.delivery.method = deliveryFromName(q.value(17).toString()).value_or(Delivery::Pickup);
    c.delivery.recipient = q.value(18).toString();
    c.delivery.phone = q.value(19).toString();
    c.delivery.address = q.value(20).toString();
    c.delivery.postcode = q.value(21).toString();
    c.delivery.locker = q.value(22).toString();
    c.visits = q.value(23).toInt();
    c.creditGrade = q.value(24).toString();
    c.creditAcknowledged = q.value(25).toInt() != 0;
    c.createdAt = fromStoredTime(q.value(26).toString());
    c.decidedAt = fromStoredTime(q.value(27).toString());
    return c;
}

} // namespace

CaseRepository::CaseRepository(Database& db) : m_db(db) {}

Status CaseRepository::insert(const CaseRecord& record, QByteArrayView formJson)
{
    const QByteArray form = formJson.isNull() ? formJsonText(record.form) : QByteArray();
    SqlStatement q = m_db.direct(
        QByteArray("INSERT INTO intake_case (") + kCaseColumns +
        ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?)");
    q.text(record.id);
    bindCaseColumns(q, record, formJson.isNull() ? QByteArrayView(form) : formJson);
    if (Status s = q.run(); !s)
        return s;
    return writeChildren(record);
}

Status CaseRepository::update(const CaseRecord& record, QByteArrayView formJson)
{
    const QByteArray form = formJson.isNull() ? formJsonText(record.form) : QByteArray();
    SqlStatement q = m_db.direct(
        "UPDATE intake_case SET case_number = ?, site_code = ?, case_day = ?, case_seq = ?, "
        "matter_id = ?, applicant_id = ?, agent_id = ?, channel = ?, form_json = ?, "
        "decision = ?, status = ?, promised_date = ?, promised_provisional = ?, "
        "promised_days = ?, clerk = ?, window_code = ?, delivery = ?, delivery_recipient = ?, "
        "delivery_phone = ?, delivery_address = ?, delivery_postcode = ?, delivery_locker = ?, "
        "visits = ?, credit_grade = ?, credit_acknowledged = ?, created_at = ?, decided_at = ? "
        "WHERE id = ?");
    bindCaseColumns(q, record, formJson.isNull() ? QByteArrayView(form) : formJson);
    q.text(record.id);
    if (Status s = q.run(); !s)
        return s;
    for (const char* table : {"case_item", "case_material"}) {
        auto d = m_db.prepared(
            QStringLiteral("DELETE FROM %1 WHERE case_id = ?").arg(QLatin1String(table)));
        d->addBindValue(sqlValue(record.id));
        if (Status s = m_db.run(*d); !s)
            return s;
    }
    return writeChildren(record);
}

Status CaseRepository::writeChildren(const CaseRecord& record)
{
    // Several rows a statement: each run of a statement on a table with
    // CHECK (x IN (...)) constraints builds a lookup table for every such
    // list, and a case has fifteen materials or more.
    constexpr int kRowsPerStatement = 32;
    auto insertRows = [this](const char* head, int columns, int rows) {
        QByteArray placeholders("(?");
        for (int c = 1; c < columns; ++c)
            placeholders += ", ?";
        placeholders += ')';
        QByteArray sql = QByteArray(head) + " VALUES " + placeholders;
        for (int r = 1; r < rows; ++r)
            sql += ", " + placeholders;
        return m_db.direct(sql);
    };
    for (qsizetype first = 0; first < record.items.size(); first += kRowsPerStatement) {
        const int rows = int(std::min<qsizetype>(kRowsPerStatement, record.items.size() - first));
        SqlStatement q =
            insertRows("INSERT INTO case_item (case_id, item_code, item_version, item_name, "
                       "joint_code, promised_days, position)",
                       7, rows);
        for (int pos = int(first); pos < first + rows; ++pos) {
            const CaseItem& i = record.items[pos];
            q.text(record.id)
                .text(i.code)
                .integer(i.version)
                .text(i.name)
                .text(i.jointCode)
                .integer(i.promisedDays)
                .integer(pos);
        }
        if (Status s = q.run(); !s)
            return s;
    }
    for (qsizetype first = 0; first < record.materials.size(); first += kRowsPerStatement) {
        const int rows =
            int(std::min<qsizetype>(kRowsPerStatement, record.materials.size() - first));
        SqlStatement q =
            insertRows("INSERT INTO case_material (case_id, material_id, name, required, "
                       "state, presented, count, reused_from, defect_reason, what_to_bring, "
                       "position)",
                       11, rows);
        for (int pos = int(first); pos < first + rows; ++pos) {
            const CaseMaterial& m = record.materials[pos];
            q.text(record.id)
                .text(m.materialId)
                .text(m.name)
                .integer(m.required ? 1 : 0)
                .text(toString(m.state))
                .text(m.presented ? materialFormName(*m.presented) : QString())
                .integer(m.count)
                .text(m.reusedFrom)
                .text(m.defectReason)
                .text(m.whatToBring)
                .integer(pos);
        }
        if (Status s = q.run(); !s)
            return s;
    }
    return {};
}

Status CaseRepository::moveStatus(const QString& caseId, const StatusChange& change)
{
    auto q = m_db.prepared(QStringLiteral("UPDATE intake_case SET status = ? WHERE id = ?"));
    q->addBindValue(sqlValue(change.to));
    q->addBindValue(sqlValue(caseId));
    if (Status s = m_db.run(*q); !s)
        return s;
    return appendStatus(caseId, change);
}

Status CaseRepository::appendStatus(const QString& caseId, const StatusChange& change)
{
    SqlStatement q =
        m_db.direct("INSERT INTO case_status_history (case_id, from_status, to_status, at, clerk, "
                    "site_code, window_code, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    q.text(caseId)
        .text(change.from)
        .text(change.to)
        .text(storedTime(change.at))
        .text(change.place.clerk)
        .text(change.place.siteCode)
        .text(change.place.window)
        .text(change.note);
    return q.run();
}

Result<std::optional<QString>> CaseRepository::statusOf(const QString& id) const
{
    auto q = m_db.prepared(QStringLiteral("SELECT status FROM intake_case WHERE id = ?"));
    q->addBindValue(sqlValue(id));
    if (Status s = m_db.run(*q); !s)
        return s.error();
    if (!q->next())
        return std::optional<QString>();
    return std::optional<QString>(q->value(0).toString());
}

Result<QHash<QString, QString>> CaseRepository::statusesOf(const QStringList& ids) const
{
    QHash<QString, QString> out;
    if (ids.isEmpty())
        return out;
    auto q = m_db.prepared(QStringLiteral(
        "SELECT id, status FROM intake_case WHERE id IN (SELECT value FROM json_each(?))"));
    q->addBindValue(sqlJsonList(ids));
    if (Status s = m_db.run(*q); !s)
        return s.error();
    while (q->next())
        out.insert(q->value(0).toString(), q->value(1).toString());
    return out;
}

Result<std::optional<CaseRecord>> CaseRepository::findById(const QString& id) const
{
    auto q = m_db.prepared(
        QStringLiteral("SELECT %1 FROM intake_case WHERE id = ?").arg(QLatin1String(kCaseColumns)));
    q->addBindValue(sqlValue(id));
    if (Status s = m_db.run(*q); !s)
        return s.error();
    if (!q->next())
        return std::optional<CaseRecord>();
    CaseRecord c = readCase(*q);
    q->finish();
    if (Status s = loadChildren(c); !s)
        return s.error();
    return std::optional<CaseRecord>(std::move(c));
}

Result<std::optional<CaseRecord>> CaseRepository::findByNumber(const QString& number) const
{
    auto q = m_db.prepared(QStringLiteral("SELECT id FROM intake_case WHERE case_number = ?"));
    q->addBindValue(sqlValue(number));
    if (Status s = m_db.run(*q); !s)
        return s.error();
    QString id = q->next() ? q->value(0).toString() : QString();
    q->finish();
    if (id.isEmpty()) {
        auto notice = MatterRepository(m_db).caseIdOfNotice(number);
        if (!notice)
            return notice.error();
        id = notice.value();
    }
    if (id.isEmpty())
        return std::optional<CaseRecord>();
    return findById(id);
}

Status CaseRepository::loadChildren(CaseRecord& c) const
{
    auto q = m_db.prepared(
        QStringLiteral("SELECT item_code, item_name, item_version, joint_code, "
                       "promised_days FROM case_item WHERE case_id = ? ORDER BY position"));
    q->addBindValue(sqlValue(c.id));
    if (Status s = m_db.run(*q); !s)
        return s;
    while (q->next())
        c.items.append({q->value(0).toString(), q->value(1).toString(), q->value(2).toInt(),
                        q->value(3).toString(), q->value(4).toInt()});

    auto m = m_db.prepared(QStringLiteral(
        "SELECT material_id, name, required, state, presented, count, reused_from, "
        "defect_reason, what_to_bring FROM case_material WHERE case_id = ? ORDER BY position"));
    m->addBindValue(sqlValue(c.id));
    if (Status s = m_db.run(*m); !s)
        return s;
    while (m->next()) {
        CaseMaterial cm;
        cm.materialId = m->value(0).toString();
        cm.name = m->value(1).toString();
        cm.required = m->value(2).toInt() != 0;
        cm.state = materialStateFromString(m->value(3).toString()).value_or(MaterialState::Pending);
        cm.presented = materialFormFromName(m->value(4).toString());
        cm.count = m->value(5).toInt();
        cm.reusedFrom = m->value(6).toString();
        cm.defectReason = m->value(7).toString();
        cm.whatToBring = m->value(8).toString();
        c.materials.append(cm);
    }

    auto h = m_db.prepared(
        QStringLiteral("SELECT from_status, to_status, at, clerk, site_code, window_code, "
                       "note FROM case_status_history WHERE case_id = ? ORDER BY id"));
    h->addBindValue(sqlValue(c.id));
    if (Status s = m_db.run(*h); !s)
        return s;
    while (h->next()) {
        StatusChange sc;
        sc.from = h->value(0).toString();
        sc.to = h->value(1).toString();
        sc.at = fromStoredTime(h->value(2).toString());
        sc.place = {h->value(4).toString(), h->value(5).toString(), h->value(3).toString()};
        sc.note = h->value(6).toString();
        c.history.append(sc);
    }

    MatterRepository matters(m_db);
    auto corrections = matters.correctionsOfCase(c.id);
    if (!corrections)
        return corrections.error();
    c.corrections = corrections.value();
    auto refusals = matters.refusalsOfCase(c.id);
    if (!refusals)
        return refusals.error();
    c.refusals = refusals.value();
    return {};
}

Result<QList<CaseSummary>> CaseRepository::casesOfApplicant(const QString& applicantId,
                                                            int limit) const
{
    auto q = m_db.prepared(QStringLiteral(
        "SELECT c.id, coalesce(c.case_number, ''), c.status, c.decision, c.decided_at, "
        "(SELECT group_concat(item_code, ' ') FROM (SELECT item_code FROM case_item "
        " WHERE case_id = c.id ORDER BY position)) "
        "FROM intake_case c WHERE c.applicant_id = ? ORDER BY c.decided_at DESC, c.id DESC "
        "LIMIT ?"));
    q->addBindValue(sqlValue(applicantId));
    q->addBindValue(sqlValue(limit));
    if (Status s = m_db.run(*q); !s)
        return s.error();
    QList<CaseSummary> out;
    while (q->next()) {
        CaseSummary s;
        s.caseId = q->value(0).toString();
        s.caseNumber = q->value(1).toString();
        s.status = q->value(2).toString();
        s.decision = q->value(3).toString();
        s.decidedAt = fromStoredTime(q->value(4).toString());
        s.itemCodes = q->value(5).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        out.append(s);
    }
    return out;
}

Result<int> CaseRepository::count() const
{
    auto q = m_db.prepared(QStringLiteral("SELECT count(*) FROM intake_case"));
    if (Status s = m_db.run(*q); !s)
        return s.error();
    return q->next() ? q->value(0).toInt() : 0;
}

Result<QList<CaseRecord>> CaseRepository::decidedOn(const QDate& day, const QString& siteCode,
                                                    const QString& window) const
{
    auto q = m_db.prepared(
        QStringLiteral("SELECT id FROM intake_case WHERE substr(decided_at, 1, 10) = ? "
                       "AND (? = '' OR site_code = ?) AND (? = '' OR window_code = ?) "
                       "ORDER BY decided_at, case_seq, id"));
    q->addBindValue(sqlValue(day.toString(Qt::ISODate)));
    q->addBindValue(sqlValue(siteCode));
    q->addBindValue(sqlValue(siteCode));
    q->addBindValue(sqlValue(window));
    q->addBindValue(sqlValue(window));
    if (Status s = m_db.run(*q); !s)
        return s.error();
    QStringList ids;
    while (q->next())
        ids << q->value(0).toString();
    q->finish();
    QList<CaseRecord> out;
    for (const QString& id : ids) {
        auto found = findById(id);
        if (!found)
            return found.error();
        if (found->has_value())
            out << **found;
    }
    return out;
}

} // namespace ow
