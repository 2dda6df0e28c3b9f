#include "text/TextRules.h"

#include <QChar>
#include <QCoreApplication>
#include <QStringDecoder>

namespace ow {

namespace {

bool isLineBreak(char32_t c)
{
    return c == U'\n' || c == U'\r' || c == 0x0085 || c == 0x2028 || c == 0x2029;
}

std::optional<TextFault::Kind> faultOf(char32_t c, TextLines lines)
{
    if (lines == TextLines::Many && (c == U'\n' || c == U'\t'))
        return std::nullopt;
    if (isLineBreak(c))
        return lines == TextLines::Many ? TextFault::Kind::OtherLineBreak
                                        : TextFault::Kind::LineBreak;
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
        return TextFault::Kind::Control;
    if (QChar::isSurrogate(c) || QChar::isNonCharacter(c) || c == 0xFFFD)
        return TextFault::Kind::Damaged;
    if (QChar::category(c) == QChar::Other_Format && c != 0x200C && c != 0x200D)
        return TextFault::Kind::Invisible;
    return std::nullopt;
}

QString codePointName(char32_t c)
{
    return QStringLiteral("U+%1").arg(uint(c), 4, 16, QLatin1Char('0')).toUpper();
}

} // namespace

std::optional<TextFault> findTextFault(QStringView text, TextLines lines)
{
    int position = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        ++position;
        char32_t c = text[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text[i], text[i + 1]);
            ++i;
        }
        if (const auto kind = faultOf(c, lines))
            return TextFault{*kind, position, c};
    }
    return std::nullopt;
}

QString textFaultMessage(const TextFault& fault)
{
    const QString c = codePointName(fault.character);
    switch (fault.kind) {
    case TextFault::Kind::LineBreak:
        return QCoreApplication::translate("ow::TextRules",
                                           "Character %1 is %2, a line break: this text is one "
                                           "line.")
            .arg(fault.position)
            .arg(c);
    case TextFault::Kind::OtherLineBreak:
        return QCoreApplication::translate("ow::TextRules",
                                           "Character %1 is %2, a line break other than LF: lines "
                                           "are separated by LF (U+000A) alone.")
            .arg(fault.position)
            .arg(c);
    case TextFault::Kind::Control:
        return QCoreApplication::translate("ow::TextRules",
                                           "Character %1 is %2, a control character: a text "
                                           "cannot hold one.")
            .arg(fault.position)
            .arg(c);
    case TextFault::Kind::Invisible:
        return QCoreApplication::translate("ow::TextRules",
                                           "Character %1 is %2, an invisible formatting "
                                           "character: a text cannot hold one.")
            .arg(fault.position)
            .arg(c);
    case TextFault::Kind::Damaged:
        break;
    }
    return QCoreApplication::translate("ow::TextRules",
                                       "Character %1 (%2) is not a character: the text is damaged.")
        .arg(fault.position)
        .arg(c);
}

QString textProblem(QStringView text, TextLines lines)
{
    const auto fault = findTextFault(text, lines);
    return fault ? textFaultMessage(*fault) : QString();
}

QString visibleText(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const qsizetype start = i;
        char32_t c = text[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text[i], text[i + 1]);
            ++i;
        }
        if (faultOf(c, TextLines::One))
            out += QLatin1Char('<') + codePointName(c) + QLatin1Char('>');
        else
            out += text.mid(start, i - start + 1);
    }
    return out;
}

std::optional<QDate> parseIsoDate(QStringView text)
{
    if (text.size() != 10 || text[4] != u'-' || text[7] != u'-')
        return std::nullopt;
    for (qsizetype i = 0; i < text.size(); ++i)
        if (i != 4 && i != 7 && (text[i] < u'0' || text[i] > u'9'))
            return std::nullopt;
    const QDate d(text.left(4).toInt(), text.mid(5, 2).toInt(), text.mid(8, 2).toInt());
    if (!d.isValid())
        return std::nullopt;
    return d;
}

namespace {

// The length of the well-formed UTF-8 sequence at `i`, or 0.
qsizetype utf8Sequence(QByteArrayView d, qsizetype i)
{
    const auto byte = [&](qsizetype k) { return k < d.size() ? uchar(d[k]) : 0x100u; };
    const auto in = [](uint b, uint lo, uint hi) { return b >= lo && b <= hi; };
    const uint b0 = byte(i);
    if (b0 < 0x80)
        return 1;
    if (in(b0, 0xC2, 0xDF))
        return in(byte(i + 1), 0x80, 0xBF) ? 2 : 0;
    if (in(b0, 0xE0, 0xEF)) {
        const uint lo = b0 == 0xE0 ? 0xA0 : 0x80; // no overlong form
        const uint hi = b0 == 0xED ? 0x9F : 0xBF; // no surrogate
        return in(byte(i + 1), lo, hi) && in(byte(i + 2), 0x80, 0xBF) ? 3 : 0;
    }
    if (in(b0, 0xF0, 0xF4)) {
        const uint lo = b0 == 0xF0 ? 0x90 : 0x80; // no overlong form
        const uint hi = b0 == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
        return in(byte(i + 1), lo, hi) && in(byte(i + 2), 0x80, 0xBF) && in(byte(i + 3), 0x80, 0xBF)
                   ? 4
                   : 0;
    }
    return 0;
}

// The length of the well-formed GB18030 sequence at `i`, or 0: one byte
// 00-7F; two bytes 81-FE, 40-7E|80-FE; four bytes 81-FE, 30-39, 81-FE, 30-39.
qsizetype gb18030Sequence(QByteArrayView d, qsizetype i)
{
    const auto byte = [&](qsizetype k) { return k < d.size() ? uchar(d[k]) : 0x100u; };
    const auto in = [](uint b, uint lo, uint hi) { return b >= lo && b <= hi; };
    const uint b0 = byte(i);
    if (b0 < 0x80)
        return 1;
    if (!in(b0, 0x81, 0xFE))
        return 0;
    const uint b1 = byte(i + 1);
    if (in(b1, 0x40, 0x7E) || in(b1, 0x80, 0xFE))
        return 2;
    if (in(b1, 0x30, 0x39) && in(byte(i + 2), 0x81, 0xFE) && in(byte(i + 3), 0x30, 0x39))
        return 4;
    return 0;
}

} // namespace

std::optional<qsizetype> firstInvalidByte(QByteArrayView data, TextEncoding encoding)
{
    for (qsizetype i = 0; i < data.size();) {
        const qsizetype n =
            encoding == TextEncoding::Utf8 ? utf8Sequence(data, i) : gb18030Sequence(data, i);
        if (n == 0)
            return i;
        i += n;
    }
    return std::nullopt;
}

std::optional<QString> decodeText(QByteArrayView data, TextEncoding encoding)
{
    if (firstInvalidByte(data, encoding))
        return std::nullopt;
    QString text;
    if (encoding == TextEncoding::Utf8) {
        text = QString::fromUtf8(data);
    } else {
        QStringDecoder decoder("GB18030");
        if (!decoder.isValid())
            return std::nullopt;
        text = decoder.decode(data);
        if (decoder.hasError())
            return std::nullopt;
    }
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    return text;
}

} // namespace ow
