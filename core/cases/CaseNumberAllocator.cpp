#include "cases/CaseNumberAllocator.h"

#include "cases/SqlValue.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <algorithm>

namespace ow {

namespace {

QString kindName(CaseNumberAllocator::Kind kind)
{
    switch (kind) {
    case CaseNumberAllocator::Kind::Case:
        return QStringLiteral("case");
    case CaseNumberAllocator::Kind::Correction:
        return QStringLiteral("correction");
    case CaseNumberAllocator::Kind::Refusal:
        return QStringLiteral("refusal");
    }
    return {};
}

QString kindLetter(CaseNumberAllocator::Kind kind)
{
    switch (kind) {
    case CaseNumberAllocator::Kind::Case:
        return {};
    case CaseNumberAllocator::Kind::Correction:
        return QStringLiteral("C");
    case CaseNumberAllocator::Kind::Refusal:
        return QStringLiteral("R");
    }
    return {};
}

} // namespace

CaseNumberAllocator::CaseNumberAllocator(Database& db) : m_db(db) {}

bool CaseNumberAllocator::isValidSiteCode(const QString& siteCode)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9]{1,32}$"));
    return re.match(siteCode).hasMatch();
}

QString CaseNumberAllocator::format(Kind kind, const QString& siteCode, const QDate& day, int seq)
{
    return QStringLiteral("%1-%2-%3%4")
        .arg(siteCode, day.toString(QStringLiteral("yyyyMMdd")), kindLetter(kind))
        .arg(seq, 4, 10, QLatin1Char('0'));
}

Result<int> CaseNumberAllocator::highestStored(Kind kind, const QString& prefix,
                                               const QString& siteCode, const QString& day) const
{
    if (kind == Kind::Case) {
        SqlStatement c = m_db.direct("SELECT coalesce(max(case_seq), 0) FROM intake_case "
                                     "WHERE site_code = ? AND case_day = ?");
        c.text(siteCode).text(day);
        const int highest = c.next() ? int(c.int64(0)) : 0;
        if (!c.status())
            return c.status().error();
        return highest;
    }
    const QString table =
        kind == Kind::Correction ? QStringLiteral("correction") : QStringLiteral("refusal");
    const Database::Statement q = m_db.prepared(
        QStringLiteral("SELECT coalesce(max(CAST(substr(number, ?) AS INTEGER)), 0) FROM %1 "
                       "WHERE substr(number, 1, ?) = ?")
            .arg(table));
    q->addBindValue(sqlValue(int(prefix.size()) + 1));
    q->addBindValue(sqlValue(int(prefix.size())));
    q->addBindValue(sqlValue(prefix));
    if (Status s = m_db.run(*q); !s)
        return s.error();
    return q->next() ? q->value(0).toInt() : 0;
}

Result<CaseNumberAllocator::Number> CaseNumberAllocator::next(Kind kind, const QString& siteCode,
                                                              const QDate& day)
{
    if (!isValidSiteCode(siteCode)) {
        const QString msg = QCoreApplication::translate("ow::CaseNumberAllocator",
                                                        "The site code \"%1\" is not valid: 1 "
                                                        "to 32 letters and digits.")
                                .arg(siteCode);
        return Error::invalid(msg, {{QStringLiteral("site"), QStringLiteral("site"), msg}});
    }
    if (!day.isValid())
        return Error::invalid(
            QCoreApplication::translate("ow::CaseNumberAllocator", "The date is not valid."));
    const QString dayText = day.toString(QStringLiteral("yyyyMMdd"));
    const QString prefix =
        siteCode + QLatin1Char('-') + dayText + QLatin1Char('-') + kindLetter(kind);

    int last = 0;
    {
        SqlStatement q = m_db.direct(
            "SELECT last FROM number_sequence WHERE site_code = ? AND day = ? AND kind = ?");
        q.text(siteCode).text(dayText).text(kindName(kind));
        if (q.next())
            last = int(q.int64(0));
        if (!q.status())
            return q.status().error();
    }

    auto stored = highestStored(kind, prefix, siteCode, dayText);
    if (!stored)
        return stored.error();
    const int seq = std::max(last, stored.value()) + 1;

    SqlStatement w =
        m_db.direct("INSERT INTO number_sequence (site_code, day, kind, last) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (site_code, day, kind) DO UPDATE SET last = excluded.last");
    w.text(siteCode).text(dayText).text(kindName(kind)).integer(seq);
    if (Status s = w.run(); !s)
        return s.error();
    return Number{format(kind, siteCode, day, seq), dayText, seq};
}

} // namespace ow
