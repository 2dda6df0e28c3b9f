#include "service/WaybillNumber.h"

#include "applicants/Validators.h"

#include <QCoreApplication>

namespace ow {

namespace {

bool upper(QChar c)
{
    return c >= u'A' && c <= u'Z';
}

bool digit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

QString normalised(const QString& input)
{
    QString out;
    for (QChar c : input) {
        if (c.unicode() >= 0xFF01 && c.unicode() <= 0xFF5E)
            c = QChar(c.unicode() - 0xFEE0);
        if (c.isSpace() || c == u'-' || c == u'\u3000')
            continue;
        out += c.toUpper();
    }
    return out;
}

} // namespace

bool looksLikeS10(const QString& v)
{
    return v.size() == 13 && upper(v[0]) && upper(v[1]) && upper(v[11]) && upper(v[12]);
}

Result<QString> validateMailingWaybill(const QString& input, const QString& field)
{
    const QString name = field.isEmpty() ? QStringLiteral("waybill") : field;
    const QString v = normalised(input);
    auto fail = [&](const QString& message) -> Error {
        return Error::invalid(
            message,
            {{QCoreApplication::translate("ow::WaybillNumber", "Waybill number"), name, message}});
    };
    if (v.isEmpty())
        return fail(QCoreApplication::translate("ow::WaybillNumber",
                                                "The waybill number is missing: scan or type it."));
    if (looksLikeS10(v)) {
        for (int i = 2; i < 11; ++i)
            if (!digit(v[i]))
                return fail(QCoreApplication::translate(
                                "ow::WaybillNumber",
                                "The waybill number %1 looks like an international (S10) number, "
                                "but position %2 is %3: positions 3-11 are digits.")
                                .arg(v, QString::number(i + 1), QString(v[i])));
        const int expected = s10CheckDigit(QStringView(v).mid(2, 8));
        if (v[10].unicode() - u'0' != expected)
            return fail(QCoreApplication::translate(
                            "ow::WaybillNumber",
                            "The check digit of the waybill number %1 is %2, but its S10 check "
                            "digit is %3: the number is mistyped or misread.")
                            .arg(v, v.mid(10, 1), QString::number(expected)));
        return v;
    }
    for (int i = 0; i < v.size(); ++i)
        if (!upper(v[i]) && !digit(v[i]))
            return fail(QCoreApplication::translate(
                            "ow::WaybillNumber",
                            "The waybill number %1 has %2 at position %3: a waybill number holds "
                            "only the letters A-Z and the digits 0-9.")
                            .arg(v, v.mid(i, 1), QString::number(i + 1)));
    if (v.size() < 8 || v.size() > 20)
        return fail(QCoreApplication::translate(
                        "ow::WaybillNumber",
                        "The waybill number %1 has %2 characters: a waybill number has 8 to 20.")
                        .arg(v, QString::number(v.size())));
    return v;
}

} // namespace ow
