#pragma once

// A fixed, hand-built store for the statistics: written row by row with
// SQL, so that the expected figures in the tests are counted by hand from
// the list below and not by the code under test.
//
// Site 320581001; 周文 at window C01, 张敏 at window C02. Items:
//   SWJ-T-01 排水许可 (水务, promised 5 days), JY-T-02 困难证明 (民政,
//   immediate), GT-T-03 规划许可 (住建, promised 10 days).
// March 2025 has no holiday; the 3rd is a Monday.
//
//   K1 周文 03-03 09:00 SWJ-T-01     promised 03-10, completed 03-07   visit 1  mailed 03-07
//   K2 周文 03-03 10:00 JY-T-02      immediate, completed at acceptance visit 1
//   K3 张敏 03-04       SWJ-T-01     promised 03-11, completed 03-13 (late) visit 2 (补正 03-03)
//   K4 张敏 03-05       SWJ+GT       promised 03-19, paused 03-10..03-12 (2 working days:
//                                    due 03-21), completed 03-20 (on time) visit 1
//   K5 周文 03-06       GT-T-03      promised 03-20, still forwarded      visit 1
//   K6 周文 03-31       JY-T-02      immediate, completed at acceptance   visit 1
//   K7 张敏 03-28       SWJ-T-01     promised 04-07, completed 04-02      visit 1
//   K8 周文 02-27       SWJ-T-01     promised 03-06, completed 03-04      visit 1
//   K9 周文 03-12       GT-T-03      correction requested (补正 notice 03-12), not accepted
//   K10 张敏 03-14      SWJ-T-01     not accepted (不予受理 notice 03-14)
// Consultations: 周文 03-03 [SWJ-T-01], 周文 03-10 [], 张敏 03-05 [SWJ-T-01, GT-T-03],
//   周文 04-01 [JY-T-02].
// Ratings: K1 5 (周文 03-07), K2 4 (周文 03-03), K3 2 (张敏 03-13), K4 3 (张敏 03-20).
#include "store/Database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <catch2/catch.hpp>
#include <tuple>

namespace ow::test {

inline void sql(Database& db, const QString& text, const QVariantList& args = {})
{
    QSqlQuery q = db.query();
    REQUIRE(q.prepare(text));
    // An empty text binds as '' (the columns are NOT NULL), an invalid QVariant as NULL.
    for (const QVariant& a : args)
        q.addBindValue(a.typeId() == QMetaType::QString && a.toString().isNull()
                           ? QVariant(QStringLiteral(""))
                           : a);
    if (!q.exec())
        FAIL(q.lastError().text().toStdString() + " in " + text.toStdString());
}

struct StatsCase
{
    QString id;
    QString clerk;
    QString window;
    QString decidedAt; // "2025-03-03T09:00"
    QStringList items;
    QString status;
    QString decision = QStringLiteral("accepted");
    QString promisedDate;
    int promisedDays = 0;
    int visits = 1;
    QString completedAt; // "" when not completed
};

inline QString at(const QString& local)
{
    return local + QStringLiteral(":00.000+08:00");
}

inline void insertStatsCase(Database& db, const StatsCase& c, int seq)
{
    const QString site = QStringLiteral("320581001");
    const QString day = c.decidedAt.left(10);
    sql(db,
        QStringLiteral("INSERT INTO applicant (id, kind, id_type, id_number, name, created_at, "
                       "updated_at) VALUES (?, 'natural', 'resident-id', ?, ?, ?, ?)"),
        {QStringLiteral("a-") + c.id, QStringLiteral("ID-") + c.id, QStringLiteral("申请人") + c.id,
         at(c.decidedAt), at(c.decidedAt)});
    sql(db,
        QStringLiteral("INSERT INTO matter (id, applicant_id, items_key, state, visits, opened_at) "
                       "VALUES (?, ?, ?, 'closed', ?, ?)"),
        {QStringLiteral("m-") + c.id, QStringLiteral("a-") + c.id, c.items.join(QLatin1Char(',')),
         c.visits, at(c.decidedAt)});
    const bool accepted = c.decision == QLatin1String("accepted");
    const QString number = accepted ? QStringLiteral("%1-%2-%3")
                                          .arg(site, QString(day).remove(QLatin1Char('-')))
                                          .arg(seq, 4, 10, QLatin1Char('0'))
                                    : QString();
    sql(db,
        QStringLiteral(
            "INSERT INTO intake_case (id, case_number, site_code, case_day, case_seq, matter_id, "
            "applicant_id, channel, decision, status, promised_date, promised_days, clerk, "
            "window_code, visits, created_at, decided_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 'counter', ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {c.id, accepted ? QVariant(number) : QVariant(), site,
         accepted ? QString(day).remove(QLatin1Char('-')) : QString(), accepted ? seq : 0,
         QStringLiteral("m-") + c.id, QStringLiteral("a-") + c.id, c.decision, c.status,
         c.promisedDate, c.promisedDays, c.clerk, c.window, c.visits, at(c.decidedAt),
         at(c.decidedAt)});
    int position = 0;
    for (const QString& item : c.items)
        sql(db,
            QStringLiteral("INSERT INTO case_item (case_id, item_code, item_version, item_name, "
                           "position) VALUES (?, ?, 1, ?, ?)"),
            {c.id, item, item, position++});
    const auto history = [&](const QString& from, const QString& to, const QString& when) {
        sql(db,
            QStringLiteral("INSERT INTO case_status_history (case_id, from_status, to_status, at, "
                           "clerk, site_code, window_code) VALUES (?, ?, ?, ?, ?, ?, ?)"),
            {c.id, from, to, at(when), c.clerk, site, c.window});
    };
    history(QString(), accepted ? QStringLiteral("accepted") : c.status, c.decidedAt);
    if (!c.completedAt.isEmpty())
        history(QStringLiteral("accepted"), QStringLiteral("completed"), c.completedAt);
}

// Builds the dataset above in `db`.
inline void buildStatsDataset(Database& db)
{
    const QString zhou = QStringLiteral("周文");
    const QString zhang = QStringLiteral("张敏");
    const QString c01 = QStringLiteral("C01");
    const QString c02 = QStringLiteral("C02");
    const QString swj = QStringLiteral("SWJ-T-01");
    const QString jy = QStringLiteral("JY-T-02");
    const QString gt = QStringLiteral("GT-T-03");
    for (const auto& [code, name, category, handling] :
         {std::tuple{swj, QStringLiteral("排水许可"), QStringLiteral("水务"),
                     QStringLiteral("promised")},
          std::tuple{jy, QStringLiteral("困难证明"), QStringLiteral("民政"),
                     QStringLiteral("immediate")},
          std::tuple{gt, QStringLiteral("规划许可"), QStringLiteral("住建"),
                     QStringLiteral("promised")}})
        sql(db,
            QStringLiteral("INSERT INTO item (code, name, category, handling, doc) "
                           "VALUES (?, ?, ?, ?, '{}')"),
            {code, name, category, handling});

    const QString completed = QStringLiteral("completed");
    const QList<StatsCase> cases = {
        {QStringLiteral("K1"),
         zhou,
         c01,
         QStringLiteral("2025-03-03T09:00"),
         {swj},
         completed,
         QStringLiteral("accepted"),
         QStringLiteral("2025-03-10"),
         5,
         1,
         QStringLiteral("2025-03-07T16:00")},
        {QStringLiteral("K2"),
         zhou,
         c01,
         QStringLiteral("2025-03-03T10:00"),
         {jy},
         completed,
         QStringLiteral("accepted"),
         QStringLiteral("2025-03-03"),
         0,
         1,
         QStringLiteral("2025-03-03T10:00")},
        {QStringLiteral("K3"),
         zhang,
         c02,
         QStringLiteral("2025-03-04T09:30"),
         {swj},
         completed,
         QStringLiteral("accepted"),
         QStringLiteral("2025-03-11"),
         5,
         2,
         QStringLiteral("2025-03-13T11:00")},
        {QStringLiteral("K4"),
         zhang,
         c02,
         QStringLiteral("2025-03-05T14:00"),
         {swj, gt},
         completed,
         QStringLiteral("accepted"),
         QStringLiteral("2025-03-19"),
         10,
         1,
         QStringLiteral("2025-03-20T10:00")},
        {QStringLiteral("K5"),
         zhou,
         c01,
         QStringLiteral("2025-03-06T11:00"),
         {gt},
         QStringLiteral("forwarded"),
         QStringLiteral("accepted"),
         QStringLiteral("2025-03-20"),
         10,
         1,
         QString()},
        {QStringLiteral("K6"),
         zhou,
         c01,
         QStringLiteral("2025-03-31T15:00"),
         {jy},
         completed,
         QStringLiteral("accepted"),
         QStringLiteral("2025-03-31"),
         0,
         1,
         QStringLiteral("2025-03-31T15:00")},
        {QStringLiteral("K7"),
         zhang,
         c02,
         QStringLiteral("2025-03-28T09:00"),
         {swj},
         completed,
         QStringLiteral("accepted"),
         QStringLiteral("2025-04-07"),
         5,
         1,
         QStringLiteral("2025-04-02T09:00")},
        {QStringLiteral("K8"),
         zhou,
         c01,
         QStringLiteral("2025-02-27T09:00"),
         {swj},
         completed,
         QStringLiteral("accepted"),
         QStringLiteral("2025-03-06"),
         5,
         1,
         QStringLiteral("2025-03-04T09:00")},
        {QStringLiteral("K9"),
         zhou,
         c01,
         QStringLiteral("2025-03-12T09:00"),
         {gt},
         QStringLiteral("correction_requested"),
         QStringLiteral("correction"),
         QString(),
         0,
         1,
         QString()},
        {QStringLiteral("K10"),
         zhang,
         c02,
         QStringLiteral("2025-03-14T09:00"),
         {swj},
         QStringLiteral("not_accepted"),
         QStringLiteral("refused"),
         QString(),
         0,
         1,
         QString()},
    };
    int seq = 0;
    for (const StatsCase& c : cases)
        insertStatsCase(db, c, ++seq);

    // K4's clock paused for a correction from the 10th to the 12th.
    sql(db,
        QStringLiteral("INSERT INTO case_clock_pause (case_id, kind, started_on, ended_on, "
                       "clerk) VALUES ('K4', 'correction', '2025-03-10', '2025-03-12', ?)"),
        {zhang});
    // K3 was asked for a correction on the 3rd, K9 on the 12th; K10 refused on the 14th.
    const QString site = QStringLiteral("320581001");
    sql(db,
        QStringLiteral("INSERT INTO correction (id, number, case_id, matter_id, state, created_at, "
                       "clerk, site_code, window_code, resolved_at) VALUES "
                       "('r3', 'BZ-1', 'K3', 'm-K3', 'resolved', ?, ?, ?, ?, ?), "
                       "('r9', 'BZ-2', 'K9', 'm-K9', 'open', ?, ?, ?, ?, '')"),
        {at(QStringLiteral("2025-03-03T15:00")), zhang, site, c02,
         at(QStringLiteral("2025-03-04T09:30")), at(QStringLiteral("2025-03-12T09:00")), zhou, site,
         c01});
    sql(db,
        QStringLiteral("INSERT INTO refusal (id, number, case_id, reason, legal_basis, "
                       "created_at, clerk, site_code, window_code) VALUES "
                       "('f10', 'BY-1', 'K10', '不属于本机关职责', '行政许可法第三十二条', ?, ?, "
                       "?, ?)"),
        {at(QStringLiteral("2025-03-14T09:00")), zhang, site, c02});
    sql(db,
        QStringLiteral("INSERT INTO mailing (case_id, waybill, recipient, phone, address, state, "
                       "sent_on, clerk, site_code, window_code, created_at) VALUES "
                       "('K1', 'EA123456785CN', '申请人K1', '13773200011', '常熟市虞山北路100号', "
                       "'sent', '2025-03-07', ?, ?, ?, ?)"),
        {zhou, site, c01, at(QStringLiteral("2025-03-07T16:00"))});
    const auto consult = [&](const QString& id, const QString& clerk, const QString& window,
                             const QString& day, const QString& items) {
        sql(db,
            QStringLiteral("INSERT INTO consultation (id, site_code, window_code, clerk, channel, "
                           "topic, item_codes, at, day) VALUES (?, ?, ?, ?, 'counter', '咨询', ?, "
                           "?, ?)"),
            {id, site, window, clerk, items, at(day + QStringLiteral("T09:00")), day});
    };
    consult(QStringLiteral("q1"), zhou, c01, QStringLiteral("2025-03-03"),
            QStringLiteral("[\"SWJ-T-01\"]"));
    consult(QStringLiteral("q2"), zhou, c01, QStringLiteral("2025-03-10"), QStringLiteral("[]"));
    consult(QStringLiteral("q3"), zhang, c02, QStringLiteral("2025-03-05"),
            QStringLiteral("[\"SWJ-T-01\", \"GT-T-03\"]"));
    consult(QStringLiteral("q4"), zhou, c01, QStringLiteral("2025-04-01"),
            QStringLiteral("[\"JY-T-02\"]"));
    const auto rate = [&](const QString& caseId, const QString& clerk, const QString& window,
                          const QString& day, int grade) {
        sql(db,
            QStringLiteral("INSERT INTO rating (id, case_id, site_code, window_code, clerk, grade, "
                           "reason, at, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {QStringLiteral("g-") + caseId, caseId, site, window, clerk, grade,
             grade <= 2 ? QStringLiteral("等候太久") : QString(),
             at(day + QStringLiteral("T17:00")), day});
    };
    rate(QStringLiteral("K1"), zhou, c01, QStringLiteral("2025-03-07"), 5);
    rate(QStringLiteral("K2"), zhou, c01, QStringLiteral("2025-03-03"), 4);
    rate(QStringLiteral("K3"), zhang, c02, QStringLiteral("2025-03-13"), 2);
    rate(QStringLiteral("K4"), zhang, c02, QStringLiteral("2025-03-20"), 3);
}

} // namespace ow::test
