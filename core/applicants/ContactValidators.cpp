#include "applicants/ValidatorSupport.h"
#include "applicants/Validators.h"
#include "text/TextRules.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace ow {

using namespace validators;

// ------------------------------------------------------------------- phones

namespace {

QString phoneLabel()
{
    return QCoreApplication::translate("ow::Validators", "Phone number");
}
QString postcodeLabel()
{
    return QCoreApplication::translate("ow::Validators", "Postcode");
}
QString waybillLabel()
{
    return QCoreApplication::translate("ow::Validators", "Waybill number");
}
QString nameLabel()
{
    return QCoreApplication::translate("ow::Validators", "Name");
}

// "+86 138-0013-8000" -> "13800138000"; empty when `s` is not a mobile number.
// Adds the reason to `r` when `s` looks like an attempt at one.
QString parseMobile(const QString& s, Report& r)
{
    QString digits = s;
    digits.remove(QRegularExpression(QStringLiteral("[\\s-]")));
    if (digits.startsWith(QLatin1Char('+')))
        digits.remove(0, 1);
    if (digits.size() > 11 && digits.startsWith(QLatin1String("86")))
        digits.remove(0, 2);
    static const QRegularExpression onlyDigits(QStringLiteral("^\\d+$"));
    if (!onlyDigits.match(digits).hasMatch()) {
        r.add(QCoreApplication::translate("ow::Validators",
                                          "%1 is not a mobile number: it may hold only digits, "
                                          "spaces, hyphens and a leading +86.")
                  .arg(s));
        return {};
    }
    if (digits.size() != 11) {
        r.add(QCoreApplication::translate("ow::Validators",
                                          "A mobile number has 11 digits; %1 has %2.")
                  .arg(digits)
                  .arg(digits.size()));
        return {};
    }
    if (digits.at(0) != u'1' || digits.at(1) < u'3') {
        r.add(QCoreApplication::translate("ow::Validators",
                                          "A mobile number starts with 13 to 19, not %1.")
                  .arg(digits.left(2)));
        return {};
    }
    return digits;
}

// The length of the area code (with its 0) that `digits` starts with:
// 3 for 010 and 02X, 4 for the others.
int areaCodeLength(const QString& digits)
{
    return digits.size() > 1 && (digits.at(1) == u'1' || digits.at(1) == u'2') ? 3 : 4;
}

std::optional<PhoneNumber> parseFixedLine(const QString& s, Report& r)
{
    static const QRegularExpression extRe(
        QStringLiteral("\\s*(?:\u8F6C|\u5206\u673A|ext\\.?|x|#)\\s*(\\d*)$"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression grouped(
        QStringLiteral("^(?:\\((0\\d+)\\)\\s*-?|(0\\d+)[\\s-]+)\\s*(\\d+)(?:-(\\d+))?$"));
    static const QRegularExpression joined(QStringLiteral("^(0\\d+)(?:-(\\d+))?$"));
    PhoneNumber p;
    p.kind = PhoneNumber::Kind::FixedLine;
    QString main = s;
    bool markedExtension = false;
    if (const auto m = extRe.match(main); m.hasMatch()) {
        p.extension = m.captured(1);
        main.truncate(m.capturedStart());
        markedExtension = true;
    }
    QString local;
    bool dashExtension = false;
    if (const auto m = grouped.match(main); m.hasMatch()) {
        p.areaCode = m.captured(1).isEmpty() ? m.captured(2) : m.captured(1);
        local = m.captured(3);
        if (!m.captured(4).isEmpty()) {
            dashExtension = true;
            p.extension = m.captured(4);
        }
        const int expected = areaCodeLength(p.areaCode);
        if (p.areaCode.size() != expected) {
            r.add(QCoreApplication::translate("ow::Validators",
                                              "The area code %1 should have %2 digits: 010 and "
                                              "02X have 3, the other area codes 4.")
                      .arg(p.areaCode)
                      .arg(expected));
            return std::nullopt;
        }
    } else if (const auto j = joined.match(main); j.hasMatch()) {
        const QString all = j.captured(1);
        p.areaCode = all.left(areaCodeLength(all));
        local = all.mid(p.areaCode.size());
        if (!j.captured(2).isEmpty()) {
            dashExtension = true;
            p.extension = j.captured(2);
        }
    } else {
        r.add(QCoreApplication::translate("ow::Validators",
                                          "%1 is not a fixed-line number: write 0, the area code "
                                          "and the local number, e.g. 010-12345678 or "
                                          "0755-1234567, with an optional extension.")
                  .arg(s));
        return std::nullopt;
    }
    if (markedExtension && dashExtension) {
        r.add(QCoreApplication::translate("ow::Validators",
                                          "%1 has two extensions; give one at most.")
                  .arg(s));
        return std::nullopt;
    }
    if (local.size() < 7 || local.size() > 8) {
        r.add(QCoreApplication::translate("ow::Validators",
                                          "After the area code %1 the local number has 7 or 8 "
                                          "digits; %2 has %3.")
                  .arg(p.areaCode, local)
                  .arg(local.size()));
        return std::nullopt;
    }
    if (local.at(0) == u'0' || local.at(0) == u'1') {
        r.add(QCoreApplication::translate("ow::Validators",
                                          "The local number %1 cannot start with %2.")
                  .arg(local, local.left(1)));
        return std::nullopt;
    }
    if ((markedExtension && p.extension.isEmpty()) || p.extension.size() > 6) {
        r.add(QCoreApplication::translate("ow::Validators",
                                          "An extension has 1 to 6 digits; %1 has %2.")
                  .arg(p.extension)
                  .arg(p.extension.size()));
        return std::nullopt;
    }
    p.subscriber = local;
    p.number = p.areaCode + QLatin1Char('-') + local;
    if (!p.extension.isEmpty())
        p.number += QLatin1Char('-') + p.extension;
    return p;
}

} // namespace
Result<PhoneNumber> validateMobile(const QString& input, const QString& field)
{
    Report r{phoneLabel(), field.isEmpty() ? QStringLiteral("phone") : field, {}};
    const QString s = toHalfWidth(input).trimmed();
    if (s.isEmpty()) {
        const QString missing =
            QCoreApplication::translate("ow::Validators", "The mobile number is missing.");
        r.add(missing);
        return r.error(missing);
    }
    const QString digits = parseMobile(s, r);
    if (digits.isEmpty())
        return r.error(
            QCoreApplication::translate("ow::Validators", "The mobile number %1 is not valid.")
                .arg(s));
    PhoneNumber p;
    p.number = digits;
    p.subscriber = digits;
    return p;
}

Result<PhoneNumber> validatePhone(const QString& input, const QString& field)
{
    Report r{phoneLabel(), field.isEmpty() ? QStringLiteral("phone") : field, {}};
    const QString s = toHalfWidth(input).trimmed();
    const QString summary =
        QCoreApplication::translate("ow::Validators", "The phone number %1 is not valid.").arg(s);
    if (s.isEmpty()) {
        const QString missing =
            QCoreApplication::translate("ow::Validators", "The phone number is missing.");
        r.add(missing);
        return r.error(missing);
    }
    if (s.startsWith(QLatin1Char('0')) || s.startsWith(QLatin1Char('('))) {
        if (auto p = parseFixedLine(s, r))
            return *p;
        return r.error(summary);
    }
    if (s.startsWith(QLatin1Char('1')) || s.startsWith(QLatin1Char('+')) ||
        s.startsWith(QLatin1String("86"))) {
        const QString digits = parseMobile(s, r);
        if (digits.isEmpty())
            return r.error(summary);
        PhoneNumber p;
        p.number = digits;
        p.subscriber = digits;
        return p;
    }
    static const QRegularExpression localOnly(QStringLiteral("^[2-9]\\d{6,7}$"));
    if (localOnly.match(s).hasMatch())
        r.add(QCoreApplication::translate("ow::Validators",
                                          "%1 lacks the area code: write it as 0XXX-%1.")
                  .arg(s));
    else
        r.add(QCoreApplication::translate("ow::Validators",
                                          "A phone number starts with 1 (a mobile) or 0 (a fixed "
                                          "line with its area code), not %1.")
                  .arg(describe(s.toUcs4().first())));
    return r.error(summary);
}

// ----------------------------------------------------------------- postcode

Result<QString> validatePostcode(const QString& input, const QString& field)
{
    Report r{postcodeLabel(), field.isEmpty() ? QStringLiteral("postcode") : field, {}};
    const QString v = compact(input);
    if (v.isEmpty()) {
        const QString missing =
            QCoreApplication::translate("ow::Validators", "The postcode is missing.");
        r.add(missing);
        return r.error(missing);
    }
    const QList<uint> cps = v.toUcs4();
    if (cps.size() != 6) {
        r.add(QCoreApplication::translate("ow::Validators",
                                          "A postcode has 6 digits; this one has %1 characters.")
                  .arg(cps.size()));
    } else {
        QList<int> bad;
        for (int i = 0; i < 6; ++i)
            if (!isAsciiDigit(cps[i]))
                bad << i + 1;
        if (bad.size() == 1)
            r.add(QCoreApplication::translate("ow::Validators",
                                              "Position %1 is %2; a postcode has digits only.")
                      .arg(bad.first())
                      .arg(describe(cps[bad.first() - 1])));
        else if (!bad.isEmpty())
            r.add(QCoreApplication::translate("ow::Validators",
                                              "Positions %1 are not digits; a postcode has "
                                              "digits only.")
                      .arg(positionList(bad)));
    }
    if (!r.empty())
        return r.error(
            QCoreApplication::translate("ow::Validators", "The postcode %1 is not valid.").arg(v));
    return v;
}

// ----------------------------------------------------------------- waybills

int s10CheckDigit(QStringView serial)
{
    static constexpr int weights[] = {8, 6, 4, 2, 3, 5, 9, 7};
    if (serial.size() != 8)
        return -1;
    int sum = 0;
    for (int i = 0; i < 8; ++i) {
        if (!isAsciiDigit(serial[i].unicode()))
            return -1;
        sum += (serial[i].unicode() - u'0') * weights[i];
    }
    const int c = 11 - sum % 11;
    return c == 10 ? 0 : c == 11 ? 5 : c;
}

Result<Waybill> validateWaybill(const QString& input, const QString& field)
{
    Report r{waybillLabel(), field.isEmpty() ? QStringLiteral("waybill") : field, {}};
    const QString v = compact(input);
    const QString summary =
        QCoreApplication::translate("ow::Validators", "The waybill number %1 is not valid.").arg(v);
    if (v.isEmpty()) {
        const QString missing =
            QCoreApplication::translate("ow::Validators", "The waybill number is missing.");
        r.add(missing);
        return r.error(missing);
    }
    const QList<uint> cps = v.toUcs4();
    if (cps.size() != 13) {
        r.add(QCoreApplication::translate("ow::Validators",
                                          "A waybill number has 13 characters (2 letters, 9 "
                                          "digits and 2 letters, e.g. EA473124829CN, or 13 "
                                          "digits for a domestic EMS waybill); this one has %1.")
                  .arg(cps.size()));
        return r.error(summary);
    }
    Waybill w;
    w.number = v;
    if (!isAsciiUpper(cps[0])) {
        w.kind = Waybill::Kind::Domestic;
        QList<int> bad;
        for (int i = 0; i < 13; ++i)
            if (!isAsciiDigit(cps[i]))
                bad << i + 1;
        if (!bad.isEmpty()) {
            r.add(QCoreApplication::translate("ow::Validators",
                                              "Position %1 is %2; a domestic EMS waybill has 13 "
                                              "digits.")
                      .arg(QString::number(bad.first()), describe(cps[bad.first() - 1])));
            return r.error(summary);
        }
        return w;
    }
    w.kind = Waybill::Kind::UpuS10;
    QList<int> notLetters;
    QList<int> notDigits;
    for (int i = 0; i < 13; ++i) {
        const bool letter = i < 2 || i > 10;
        if (letter && !isAsciiUpper(cps[i]))
            notLetters << i + 1;
        else if (!letter && !isAsciiDigit(cps[i]))
            notDigits << i + 1;
    }
    if (!notLetters.isEmpty())
        r.add(QCoreApplication::translate("ow::Validators",
                                          "Position %1 is %2; in an international (S10) number "
                                          "positions 1-2 and 12-13 are letters.")
                  .arg(QString::number(notLetters.first()), describe(cps[notLetters.first() - 1])));
    if (!notDigits.isEmpty())
        r.add(QCoreApplication::translate("ow::Validators",
                                          "Position %1 is %2; in an international (S10) number "
                                          "positions 3-11 are digits.")
                  .arg(QString::number(notDigits.first()), describe(cps[notDigits.first() - 1])));
    if (!r.empty())
        return r.error(summary);
    w.serviceIndicator = v.left(2);
    w.serial = v.mid(2, 8);
    w.countryCode = v.right(2);
    const int expected = s10CheckDigit(w.serial);
    if (v.at(10).unicode() - u'0' != expected) {
        r.add(QCoreApplication::translate("ow::Validators",
                                          "The check digit (position 11) should be %1, not %2.")
                  .arg(expected)
                  .arg(v.at(10)));
        return r.error(summary);
    }
    return w;
}

// -------------------------------------------------------------------- names

Result<QString> validatePersonName(const QString& input, const QString& field)
{
    Report r{nameLabel(), field.isEmpty() ? QStringLiteral("name") : field, {}};
    const QString summary = QCoreApplication::translate("ow::Validators", "The name is not valid.");
    QString s = input;
    for (QChar& c : s) {
        switch (c.unicode()) {
        case 0x2022: // • bullet
        case 0x30FB: // ・ katakana middle dot
        case 0xFF0E: // ． full-width full stop
        case 0x2027: // ‧ hyphenation point
        case 0xFF65: // ･ half-width katakana middle dot
        case 0x2219: // ∙ bullet operator
        case 0x22C5: // ⋅ dot operator
            c = QChar(char16_t(0x00B7));
            break;
        case 0x3000: // ideographic space
            c = QLatin1Char(' ');
            break;
        default:
            break;
        }
    }
    s = s.trimmed();
    // The rule of every text (no controls, format characters or damage);
    // the zero-width joiners some scripts need pass.
    if (const auto fault = findTextFault(s))
        r.add(textFaultMessage(*fault));
    if (!r.empty())
        return r.error(summary);
    // One space between words, none around the middle dot.
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    static const QRegularExpression aroundDot(QStringLiteral("\\s*\u00B7\\s*"));
    s.replace(spaces, QStringLiteral(" "));
    s.replace(aroundDot, QStringLiteral("\u00B7"));
    if (s.isEmpty()) {
        const QString missing =
            QCoreApplication::translate("ow::Validators", "The name is missing.");
        r.add(missing);
        return r.error(missing);
    }
    const int length = codePointCount(s);
    if (length > kMaxPersonNameLength)
        r.add(QCoreApplication::translate("ow::Validators",
                                          "A name has at most %1 characters; this one has %2.")
                  .arg(kMaxPersonNameLength)
                  .arg(length));
    const QChar dot(char16_t(0x00B7));
    if (s.startsWith(dot) || s.endsWith(dot))
        r.add(QCoreApplication::translate("ow::Validators",
                                          "A name cannot start or end with \u201C\u00B7\u201D."));
    if (s.contains(QString(2, dot)))
        r.add(QCoreApplication::translate("ow::Validators",
                                          "A name cannot hold two \u201C\u00B7\u201D in a row."));
    if (!r.empty())
        return r.error(summary);
    return s;
}

} // namespace ow
