#pragma once

#include <QByteArrayView>
#include <QDate>
#include <QString>
#include <QStringView>
#include <optional>

namespace ow {

// The rules every text taken from outside obeys: the catalogue (JSON and
// CSV), intake documents, the centre's settings and the names typed at the
// window all go through these functions, so a value refused in one place is
// refused in every other.

// Whether a text field may hold several lines.
enum class TextLines {
    One,  // codes, names, labels, addresses, notes: no line break, no tab
    Many, // long texts and notes: LF and TAB allowed
};

// The first character a text may not hold. Refused everywhere:
// - C0 controls (U+0000-U+001F) except, in a Many text, LF and TAB; DEL
//   (U+007F) and the C1 controls (U+0080-U+009F): a control can rewrite
//   what a terminal or a printed line shows;
// - the Unicode line and paragraph separators (U+2028, U+2029);
// - invisible format characters (general category Cf: bidirectional
//   overrides, zero-width space, soft hyphen, byte order mark, ...), except
//   the zero-width joiner and non-joiner, which some scripts and emoji need;
// - lone surrogates, noncharacters (U+FDD0-U+FDEF, U+xFFFE, U+xFFFF) and
//   U+FFFD, which stands for bytes that were not valid UTF-8.
// Private-use characters (rare characters of older systems), variation
// selectors and characters newer than this program's Unicode tables pass.
struct TextFault
{
    enum class Kind {
        LineBreak,      // LF, CR, NEL, U+2028, U+2029 in a one-line text
        OtherLineBreak, // CR, NEL, U+2028, U+2029 in a text of several lines
        Control,        // any other control character
        Invisible,      // a format character
        Damaged,        // not a character
    };
    Kind kind = Kind::Control;
    int position = 0; // 1-based, in code points
    char32_t character = 0;
};

std::optional<TextFault> findTextFault(QStringView text, TextLines lines = TextLines::One);

// What is wrong, as a translated sentence naming the position and the
// character as U+XXXX: "Character 4 is U+000A, a line break: this text is
// one line."
QString textFaultMessage(const TextFault& fault);

// The message for the first fault of `text`; empty when there is none.
QString textProblem(QStringView text, TextLines lines = TextLines::One);

// `text` safe to print in a message or a path: each character a one-line
// text may not hold written as U+XXXX ("A<U+000A>B" for "A", LF, "B").
QString visibleText(QStringView text);

// A date written exactly YYYY-MM-DD (ten characters, hyphens) that is a
// real date; nothing otherwise ("2026/12/01", "2026-2-1", "2026-02-30",
// "2026-02-01T08:00" are not).
std::optional<QDate> parseIsoDate(QStringView text);

// The encodings text files are read in. UTF-8 is read strictly; GB18030
// (of which GBK and GB2312 are parts) is what Excel and most programs on a
// Chinese Windows PC write.
enum class TextEncoding { Utf8, Gb18030 };

// The offset of the first byte of `data` that does not belong to a well-formed
// sequence of the encoding (for UTF-8: no overlong forms, no surrogates,
// nothing above U+10FFFF; a sequence cut off by the end is invalid), or
// nothing when all of it is well formed.
std::optional<qsizetype> firstInvalidByte(QByteArrayView data, TextEncoding encoding);

// `data` decoded, a byte order mark at its start dropped; nothing when a
// byte is invalid (firstInvalidByte()) or the encoding is not available.
std::optional<QString> decodeText(QByteArrayView data, TextEncoding encoding);

} // namespace ow
