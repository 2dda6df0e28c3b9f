#include "documents/Masking.h"

namespace ow {

namespace {

QString maskMiddle(const QString& text, int keepFront, int keepBack)
{
    const QList<uint> cps = text.trimmed().toUcs4();
    const auto n = cps.size();
    QString out;
    for (qsizetype i = 0; i < n; ++i) {
        const bool keep = i < keepFront || i >= n - keepBack;
        if (keep)
            out += QString::fromUcs4(reinterpret_cast<const char32_t*>(&cps[i]), 1);
        else
            out += QLatin1Char('*');
    }
    return out;
}

} // namespace

QString maskIdNumber(const QString& number)
{
    const auto n = number.trimmed().toUcs4().size();
    if (n > 10)
        return maskMiddle(number, 6, 4);
    if (n > 2)
        return maskMiddle(number, 1, 1);
    return QString(n, QLatin1Char('*'));
}

QString maskPhone(const QString& phone)
{
    const auto n = phone.trimmed().toUcs4().size();
    if (n >= 7)
        return maskMiddle(phone, 3, 4);
    return maskMiddle(phone, 1, 1);
}

QString maskAddress(const PostalAddress& address)
{
    if (address.detail.trimmed().isEmpty())
        return address.region;
    return address.region + QStringLiteral("******");
}

} // namespace ow
