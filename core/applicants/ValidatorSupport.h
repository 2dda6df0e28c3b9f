#pragma once

// Helpers shared by the validator files (Validators.cpp, ContactValidators.cpp).
#include "store/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace ow::validators {

// Collects the problems of one value and turns them into an Error.
struct Report
{
    QString where;
    QString field;
    QList<Problem> problems;

    void add(const QString& message) { problems.append(Problem{where, field, message}); }
    bool empty() const { return problems.isEmpty(); }
    Error error(const QString& summary) const { return Error::invalid(summary, problems); }
};

inline bool isAsciiDigit(char32_t c)
{
    return c >= U'0' && c <= U'9';
}
inline bool isAsciiUpper(char32_t c)
{
    return c >= U'A' && c <= U'Z';
}

// Full-width ASCII (U+FF01..U+FF5E) and the ideographic space to ASCII.
inline QString toHalfWidth(const QString& s)
{
    QString out = s;
    for (QChar& c : out) {
        const char16_t u = c.unicode();
        if (u >= 0xFF01 && u <= 0xFF5E)
            c = QChar(char16_t(u - 0xFEE0));
        else if (u == 0x3000)
            c = QLatin1Char(' ');
    }
    return out;
}

// Trimmed, half-width, without any white space, upper case.
inline QString compact(const QString& s)
{
    QString out = toHalfWidth(s);
    static const QRegularExpression space(QStringLiteral("\\s"));
    out.remove(space);
    return out.toUpper();
}

// One character for a message: 'A', or U+0007 when it cannot be shown.
inline QString describe(char32_t c)
{
    const QString text = QString::fromUcs4(&c, 1);
    const QChar::Category cat = QChar::category(c);
    if (cat == QChar::Other_Control || cat == QChar::Other_Format ||
        cat == QChar::Other_NotAssigned || cat == QChar::Separator_Space ||
        cat == QChar::Other_Surrogate)
        return QStringLiteral("U+%1").arg(uint(c), 4, 16, QLatin1Char('0')).toUpper();
    return QStringLiteral("\u201C") + text + QStringLiteral("\u201D");
}

// "3, 5, 7" (1-based positions).
inline QString positionList(const QList<int>& positions)
{
    QStringList parts;
    for (int p : positions)
        parts << QString::number(p);
    return parts.join(QStringLiteral(", "));
}

} // namespace ow::validators
