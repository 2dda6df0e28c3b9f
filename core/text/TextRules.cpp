#include "text/TextRules.h"

#include <QChar>
#include <QCoreApplication>

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

} // namespace ow
