// A counter's store holding a million cases: opening the "overdue" case
// list (CaseQuery, the query and first page of the cases page, with its
// count) and the monthly statistics of one month (StatsService), p50 and
// p99 over repeated runs. In the same run, two baselines: a bare
// `SELECT count(*)` over intake_case (a full scan of the table), and the
// overdue list's query with its index left out (`NOT INDEXED`).
//
//   bench_cases_1m [CASES] [RUNS] [STORE]   (defaults 1000000, 50, a temporary file)
//
// The store is generated in one transaction with prepared statements: two
// years of cases ending on 2026-11-30 over 3 sites, 12 windows, 24 clerks,
// 200 items in 12 categories; 30% immediate items, 8% accepted after a
// correction, 1% not accepted, 3% with a pause of the legal clock, the
// older cases completed (0.5% late), the last weeks' in progress, about one
// in 200 of those overdue; a consultation per five cases, a rating per four.
#include "calendar/WorkCalendar.h"
#include "cases/CaseQuery.h"
#include "stats/StatsService.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QVariant>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <random>
#include <vector>

using namespace ow;

namespace {

const QDate kFirst(2024, 12, 1);
const QDate kLast(2026, 11, 30);

struct Timing
{
    double p50 = 0, p99 = 0, max = 0;
};

Timing measure(int runs, const std::function<void()>& run)
{
    run(); // warm the page cache
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        run();
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    auto at = [&](double p) { return ms[std::min(ms.size() - 1, size_t(p * double(ms.size())))]; };
    return {at(0.5), at(0.99), ms.back()};
}

void print(const char* what, const Timing& t)
{
    std::printf("  %-44s p50 %8.2f ms   p99 %8.2f ms   max %8.2f ms\n", what, t.p50, t.p99, t.max);
}

// Runs `q`; an empty text binds as '' (the columns are NOT NULL), an
// invalid QVariant as NULL.
bool check(QSqlQuery& q, const char* what)
{
    const QVariantList bound = q.boundValues();
    for (qsizetype i = 0; i < bound.size(); ++i)
        if (bound[i].typeId() == QMetaType::QString && bound[i].toString().isNull())
            q.bindValue(int(i), QStringLiteral(""));
    if (q.exec())
        return true;
    std::fprintf(stderr, "%s: %s\n", what, qPrintable(q.lastError().text()));
    return false;
}

QSqlQuery prepared(Database& db, const char* sql)
{
    QSqlQuery q = db.query();
    if (!q.prepare(QString::fromLatin1(sql)))
        std::fprintf(stderr, "prepare: %s\n", qPrintable(q.lastError().text()));
    return q;
}

QString stamp(const QDate& d, int minutes)
{
    return QDateTime(d, QTime(8, 30).addSecs(minutes * 60), QTimeZone(8 * 3600))
        .toString(Qt::ISODateWithMs);
}

// Generates `cases` cases; false on a failed insert.
bool generate(Database& db, int cases)
{
    const WorkCalendar& calendar = WorkCalendar::builtIn();
    std::mt19937_64 rng(20261130);
    auto uniform = [&rng](int n) { return int(rng() % quint64(n)); };
    auto chance = [&rng](double p) { return double(rng() % 1000000) < p * 1e6; };

    QSqlQuery item = prepared(db, "INSERT INTO item (code, name, category, handling, doc) "
                                  "VALUES (?, ?, ?, ?, '{}')");
    for (int i = 0; i < 200; ++i) {
        item.addBindValue(QStringLiteral("BM-%1").arg(i, 3, 10, QLatin1Char('0')));
        item.addBindValue(QStringLiteral("事项%1").arg(i));
        item.addBindValue(QStringLiteral("类别%1").arg(i % 12));
        item.addBindValue(i % 10 < 3 ? QStringLiteral("immediate") : QStringLiteral("promised"));
        if (!check(item, "item"))
            return false;
    }
    QSqlQuery applicant = prepared(
        db, "INSERT INTO applicant (id, kind, id_type, id_number, name, created_at, updated_at) "
            "VALUES (?, 'natural', 'resident-id', ?, ?, ?, ?)");
    QSqlQuery matter = prepared(db, "INSERT INTO matter (id, applicant_id, items_key, state, "
                                    "visits, opened_at) VALUES (?, ?, ?, 'closed', ?, ?)");
    QSqlQuery intake = prepared(
        db, "INSERT INTO intake_case (id, case_number, site_code, case_day, case_seq, matter_id, "
            "applicant_id, channel, decision, status, promised_date, promised_days, clerk, "
            "window_code, delivery, delivery_address, visits, created_at, decided_at) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, 'counter', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    QSqlQuery caseItem =
        prepared(db, "INSERT INTO case_item (case_id, item_code, item_version, "
                     "item_name, promised_days, position) VALUES (?, ?, 1, ?, ?, ?)");
    QSqlQuery history =
        prepared(db, "INSERT INTO case_status_history (case_id, from_status, to_status, at, "
                     "clerk, site_code, window_code) VALUES (?, ?, ?, ?, ?, ?, ?)");
    QSqlQuery pause = prepared(db, "INSERT INTO case_clock_pause (case_id, kind, started_on, "
                                   "ended_on, clerk) VALUES (?, 'correction', ?, ?, ?)");
    QSqlQuery correction = prepared(
        db, "INSERT INTO correction (id, number, case_id, matter_id, state, created_at, clerk, "
            "site_code, window_code) VALUES (?, ?, ?, ?, 'resolved', ?, ?, ?, ?)");
    QSqlQuery refusal = prepared(
        db, "INSERT INTO refusal (id, number, case_id, reason, legal_basis, created_at, clerk, "
            "site_code, window_code) VALUES (?, ?, ?, '不属于受理范围', '相关条例', ?, ?, ?, ?)");
    QSqlQuery mailing = prepared(
        db, "INSERT INTO mailing (case_id, waybill, recipient, phone, address, state, sent_on, "
            "delivered_on, clerk, site_code, window_code, created_at) VALUES (?, ?, '收件人', "
            "'13800000000', '江苏省常熟市虞山街道1号', 'delivered', ?, ?, ?, ?, ?, ?)");
    QSqlQuery consultation =
        prepared(db, "INSERT INTO consultation (id, site_code, window_code, clerk, channel, topic, "
                     "item_codes, at, day) VALUES (?, ?, ?, ?, 'counter', '办理咨询', ?, ?, ?)");
    QSqlQuery rating =
        prepared(db, "INSERT INTO rating (id, case_id, site_code, window_code, "
                     "clerk, grade, reason, at, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");

    const QStringList sites{QStringLiteral("320581001"), QStringLiteral("320581101"),
                            QStringLiteral("320581102")};
    const int days = int(kFirst.daysTo(kLast)) + 1;
    QHash<QString, int> seqOf;  // site + day
    QHash<qint64, QDate> dueOf; // day index * 100 + limit
    const QDate today = kLast.addDays(1);
    for (int n = 0; n < cases; ++n) {
        const QString id = QStringLiteral("c%1").arg(n, 7, 10, QLatin1Char('0'));
        const int dayIndex = int(qint64(n) * days / cases);
        const QDate day = kFirst.addDays(dayIndex);
        const int site = uniform(10) < 6 ? 0 : 1 + uniform(2);
        const int window = site * 4 + uniform(4);
        const QString siteCode = sites[site];
        const QString windowCode = QStringLiteral("W%1").arg(window, 2, 10, QLatin1Char('0'));
        const QString clerk = QStringLiteral("clerk%1").arg(window * 2 + uniform(2));
        const int minute = uniform(540);
        const QString at = stamp(day, minute);
        const int itemNo = uniform(200);
        const bool immediate = itemNo % 10 < 3;
        const int limit = immediate ? 0 : 5 + (itemNo % 4) * 5;
        const bool twoItems = !immediate && chance(0.15);
        const bool refused = chance(0.01);
        const bool corrected = !refused && chance(0.08);
        const QString applicantId = QStringLiteral("a%1").arg(n / 2);
        if (n % 2 == 0) {
            applicant.addBindValue(applicantId);
            applicant.addBindValue(
                QStringLiteral("3205811970%1").arg(n / 2, 8, 10, QLatin1Char('0')));
            applicant.addBindValue(QStringLiteral("申请人%1").arg(n / 2));
            applicant.addBindValue(at);
            applicant.addBindValue(at);
            if (!check(applicant, "applicant"))
                return false;
        }
        matter.addBindValue(QStringLiteral("m") + id);
        matter.addBindValue(applicantId);
        matter.addBindValue(QStringLiteral("BM-%1").arg(itemNo));
        matter.addBindValue(corrected ? 2 : 1);
        matter.addBindValue(at);
        if (!check(matter, "matter"))
            return false;

        const qint64 dueKey = qint64(dayIndex) * 100 + limit;
        if (!dueOf.contains(dueKey))
            dueOf.insert(dueKey, limit == 0 ? day : calendar.addWorkingDays(day, limit).date);
        const QDate promised = dueOf.value(dueKey);
        // Done by the promised date, now and then a day late; the last
        // weeks still in progress, a few of those overdue.
        QString status;
        QDate doneOn;
        if (refused) {
            status = QStringLiteral("not_accepted");
        } else if (immediate) {
            doneOn = day;
        } else {
            const int before = uniform(qMax(1, limit));
            doneOn = calendar.addWorkingDays(day, qMax(1, limit - before)).date;
            if (chance(0.005))
                doneOn = calendar.addWorkingDays(promised, 1 + uniform(3)).date;
            // Still in progress; now and then open past its promised date.
            if (doneOn >= today || (promised < today && chance(0.0005)))
                doneOn = QDate();
        }
        const bool ems = doneOn.isValid() && chance(0.15);
        if (!refused)
            status = !doneOn.isValid()
                         ? (chance(0.5) ? QStringLiteral("forwarded") : QStringLiteral("accepted"))
                     : ems ? QStringLiteral("mailed")
                           : (day.daysTo(today) > 30 ? QStringLiteral("delivered")
                                                     : QStringLiteral("awaiting_pickup"));
        const QString dayKey = siteCode + day.toString(QStringLiteral("yyyyMMdd"));
        const int seq = refused ? 0 : ++seqOf[dayKey];
        intake.addBindValue(id);
        intake.addBindValue(
            refused ? QVariant()
                    : QVariant(QStringLiteral("%1-%2-%3")
                                   .arg(siteCode, day.toString(QStringLiteral("yyyyMMdd")))
                                   .arg(seq, 4, 10, QLatin1Char('0'))));
        intake.addBindValue(siteCode);
        intake.addBindValue(refused ? QString() : day.toString(QStringLiteral("yyyyMMdd")));
        intake.addBindValue(seq);
        intake.addBindValue(QStringLiteral("m") + id);
        intake.addBindValue(applicantId);
        intake.addBindValue(refused ? QStringLiteral("refused") : QStringLiteral("accepted"));
        intake.addBindValue(status);
        intake.addBindValue(refused ? QString() : promised.toString(Qt::ISODate));
        intake.addBindValue(refused ? 0 : limit);
        intake.addBindValue(clerk);
        intake.addBindValue(windowCode);
        intake.addBindValue(ems ? QStringLiteral("ems") : QStringLiteral("pickup"));
        intake.addBindValue(ems ? QStringLiteral("江苏省常熟市虞山街道1号") : QString());
        intake.addBindValue(corrected ? 2 : 1);
        intake.addBindValue(at);
        intake.addBindValue(at);
        if (!check(intake, "intake_case"))
            return false;
        for (int i = 0; i < (twoItems ? 2 : 1); ++i) {
            const int code = (itemNo + i * 7) % 200;
            caseItem.addBindValue(id);
            caseItem.addBindValue(QStringLiteral("BM-%1").arg(code, 3, 10, QLatin1Char('0')));
            caseItem.addBindValue(QStringLiteral("事项%1").arg(code));
            caseItem.addBindValue(limit);
            caseItem.addBindValue(i);
            if (!check(caseItem, "case_item"))
                return false;
        }
        const auto move = [&](const QString& from, const QString& to, const QString& when) {
            history.addBindValue(id);
            history.addBindValue(from);
            history.addBindValue(to);
            history.addBindValue(when);
            history.addBindValue(clerk);
            history.addBindValue(siteCode);
            history.addBindValue(windowCode);
            return check(history, "history");
        };
        if (!move(QString(), refused ? status : QStringLiteral("accepted"), at))
            return false;
        if (doneOn.isValid()) {
            if (!move(QStringLiteral("accepted"), QStringLiteral("completed"),
                      stamp(doneOn, minute)))
                return false;
            if (status != QLatin1String("completed") &&
                !move(QStringLiteral("completed"), status, stamp(doneOn, minute + 1)))
                return false;
        }
        if (!immediate && !refused && chance(0.03)) {
            const QDate start = day.addDays(1);
            pause.addBindValue(id);
            pause.addBindValue(start.toString(Qt::ISODate));
            pause.addBindValue(start.addDays(2).toString(Qt::ISODate));
            pause.addBindValue(clerk);
            if (!check(pause, "pause"))
                return false;
        }
        if (corrected) {
            correction.addBindValue(QStringLiteral("r") + id);
            correction.addBindValue(QStringLiteral("BZ-") + id);
            correction.addBindValue(id);
            correction.addBindValue(QStringLiteral("m") + id);
            correction.addBindValue(stamp(day.addDays(-3), minute));
            correction.addBindValue(clerk);
            correction.addBindValue(siteCode);
            correction.addBindValue(windowCode);
            if (!check(correction, "correction"))
                return false;
        }
        if (refused) {
            refusal.addBindValue(QStringLiteral("f") + id);
            refusal.addBindValue(QStringLiteral("BY-") + id);
            refusal.addBindValue(id);
            refusal.addBindValue(at);
            refusal.addBindValue(clerk);
            refusal.addBindValue(siteCode);
            refusal.addBindValue(windowCode);
            if (!check(refusal, "refusal"))
                return false;
        }
        if (ems) {
            mailing.addBindValue(id);
            mailing.addBindValue(QStringLiteral("EA%1CN").arg(n, 9, 10, QLatin1Char('0')));
            mailing.addBindValue(doneOn.toString(Qt::ISODate));
            mailing.addBindValue(doneOn.toString(Qt::ISODate));
            mailing.addBindValue(clerk);
            mailing.addBindValue(siteCode);
            mailing.addBindValue(windowCode);
            mailing.addBindValue(stamp(doneOn, minute));
            if (!check(mailing, "mailing"))
                return false;
        }
        if (n % 5 == 0) {
            consultation.addBindValue(QStringLiteral("q") + id);
            consultation.addBindValue(siteCode);
            consultation.addBindValue(windowCode);
            consultation.addBindValue(clerk);
            consultation.addBindValue(
                QStringLiteral("[\"BM-%1\"]").arg(itemNo, 3, 10, QLatin1Char('0')));
            consultation.addBindValue(at);
            consultation.addBindValue(day.toString(Qt::ISODate));
            if (!check(consultation, "consultation"))
                return false;
        }
        if (n % 4 == 1 && !refused) {
            const int grade = chance(0.03) ? 2 : 3 + uniform(3);
            rating.addBindValue(QStringLiteral("g") + id);
            rating.addBindValue(id);
            rating.addBindValue(siteCode);
            rating.addBindValue(windowCode);
            rating.addBindValue(clerk);
            rating.addBindValue(grade);
            rating.addBindValue(grade <= 2 ? QStringLiteral("等候时间长") : QString());
            rating.addBindValue(at);
            rating.addBindValue(day.toString(Qt::ISODate));
            if (!check(rating, "rating"))
                return false;
        }
    }
    return true;
}

void explain(Database& db, const QString& sql, const QVariantList& args)
{
    QSqlQuery q = db.query();
    q.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + sql);
    for (const QVariant& a : args)
        q.addBindValue(a);
    q.exec();
    while (q.next())
        std::printf("    plan: %s\n", qPrintable(q.value(3).toString()));
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int cases = args.size() > 1 ? args[1].toInt() : 1000000;
    const int runs = args.size() > 2 ? args[2].toInt() : 50;
    QTemporaryDir dir;
    const QString path =
        args.size() > 3 ? args[3] : dir.filePath(QStringLiteral("onewindow.sqlite"));
    if (cases < 1 || runs < 1) {
        std::fprintf(stderr, "usage: bench_cases_1m [CASES] [RUNS] [STORE]\n");
        return 2;
    }
    const bool fresh = !QFileInfo::exists(path);
    auto opened = Database::open(path);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().fullText()));
        return 1;
    }
    Database& db = **opened;
    QElapsedTimer t;
    t.start();
    if (fresh) {
        Transaction tx(db);
        if (!tx.begun() || !generate(db, cases) || !tx.commit()) {
            std::fprintf(stderr, "generating the store failed\n");
            return 1;
        }
        // No ANALYZE: the plans are those a counter's store gets.
        if (!db.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")))
            std::fprintf(stderr, "the checkpoint failed\n");
        std::printf("generated %d cases in %.1f s\n", cases, double(t.elapsed()) / 1000.0);
    }
    QSqlQuery n = db.query();
    n.exec(QStringLiteral("SELECT count(*), sum(status IN ('accepted', 'first_review', "
                          "'forwarded', 'approved')) FROM intake_case"));
    n.next();
    const qint64 stored = n.value(0).toLongLong();
    const qint64 bytes = QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
    std::printf("store: %lld cases (%lld in progress), %.1f MB, %.0f bytes per case\n",
                qlonglong(stored), qlonglong(n.value(1).toLongLong()), double(bytes) / 1e6,
                double(bytes) / double(qMax<qint64>(1, stored)));

    const FixedClock clock(QDateTime(kLast.addDays(1), QTime(9, 0), QTimeZone(8 * 3600)));
    CaseQuery query(db, WorkCalendar::builtIn(), {QStringLiteral("320581001"), {}, {}}, clock);
    CaseFilter overdue;
    overdue.list = CaseList::Overdue;
    qlonglong listed = 0;
    qlonglong overdueCount = 0;
    const Timing open = measure(runs, [&] {
        auto rows = query.list(overdue);
        auto count = query.count(CaseList::Overdue);
        listed = rows ? qlonglong(rows->size()) : -1;
        overdueCount = count ? *count : -1;
    });
    StatsService stats(db, WorkCalendar::builtIn());
    const StatsRequest month{QDate(2026, 10, 1), QDate(2026, 10, 31), StatsGrouping::Month};
    qlonglong accepted = 0;
    double onTime = 0;
    const Timing monthly = measure(runs, [&] {
        auto table = stats.table(month);
        accepted = table ? qlonglong(table->total.counts.accepted) : -1;
        onTime = table ? table->total.counts.value(StatsMetric::OnTimeRate).value_or(0) : 0;
    });

    const QString day = clock.today().toString(Qt::ISODate);
    const Timing scan = measure(runs, [&] {
        QSqlQuery q = db.query();
        q.exec(QStringLiteral("SELECT count(*) FROM intake_case"));
        q.next();
    });
    const QString naiveSql = QStringLiteral(
        "SELECT c.id FROM intake_case c NOT INDEXED WHERE c.status IN ('accepted', "
        "'first_review', 'forwarded', 'approved') AND c.promised_date <> '' AND "
        "c.promised_date < ? ORDER BY c.promised_date, c.decided_at, c.id LIMIT 500");
    const Timing naive = measure(qMin(runs, 10), [&] {
        QSqlQuery q = db.query();
        q.prepare(naiveSql);
        q.addBindValue(day);
        q.exec();
        while (q.next()) {
        }
    });

    std::printf("\n%d runs each (after one warm-up run):\n", runs);
    print("overdue list, first page + its count", open);
    std::printf("    %lld listed of %lld overdue\n", listed, overdueCount);
    explain(db,
            QStringLiteral("SELECT c.id FROM intake_case c WHERE c.status IN ('accepted', "
                           "'first_review', 'forwarded', 'approved') AND c.promised_date <> '' "
                           "AND c.promised_date < ? ORDER BY c.promised_date, c.decided_at, c.id "
                           "LIMIT 500"),
            {day});
    print("monthly statistics, 2026-10", monthly);
    std::printf("    %lld cases accepted, on-time rate %.4f\n", accepted, onTime);
    std::printf("baselines:\n");
    print("SELECT count(*) FROM intake_case", scan);
    print("overdue query without its index (NOT INDEXED)", naive);
    std::printf("\ntarget: p99 <= 100 ms each: overdue list %s, monthly statistics %s\n",
                open.p99 <= 100 ? "met" : "MISSED", monthly.p99 <= 100 ? "met" : "MISSED");
    return 0;
}
