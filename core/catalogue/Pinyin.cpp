#include "catalogue/Pinyin.h"

#include <algorithm>
#include <cstdint>

// The generated table (PinyinTable.cpp in the build folder, see
// core/tools/Pinyin.cmake).
namespace ow::pinyin_data {
extern const int kSyllableCount;
extern const char kSyllables[][8];
extern const int kCharCount;
extern const char32_t kCodePoints[];
extern const std::uint32_t kReadingOffsets[];
extern const std::uint16_t kReadings[];
extern const char32_t kDirectFirst;
extern const char32_t kDirectLast;
extern const std::uint16_t kDirect[];
} // namespace ow::pinyin_data

namespace ow {

namespace {

// Position of the code point in kCodePoints, or -1.
int indexOf(char32_t cp)
{
    using namespace pinyin_data;
    if (cp >= kDirectFirst && cp <= kDirectLast)
        return int(kDirect[cp - kDirectFirst]) - 1;
    if (cp < 0x3000)
        return -1;
    const char32_t* end = kCodePoints + kCharCount;
    const char32_t* it = std::lower_bound(kCodePoints, end, cp);
    return it != end && *it == cp ? int(it - kCodePoints) : -1;
}

template <typename Fn>
void forEachCodePoint(QStringView text, Fn fn)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t cp = text[i].unicode();
        if (QChar::isHighSurrogate(cp) && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            cp = QChar::surrogateToUcs4(text[i], text[i + 1]);
            ++i;
        }
        fn(cp);
    }
}

} // namespace

std::span<const quint16> Pinyin::readingIds(char32_t codePoint)
{
    const int i = indexOf(codePoint);
    if (i < 0)
        return {};
    const auto begin = pinyin_data::kReadingOffsets[i];
    const auto end = pinyin_data::kReadingOffsets[i + 1];
    return {pinyin_data::kReadings + begin, size_t(end - begin)};
}

std::string_view Pinyin::syllable(quint16 id)
{
    if (int(id) >= pinyin_data::kSyllableCount)
        return {};
    return pinyin_data::kSyllables[id];
}

int Pinyin::syllableCount()
{
    return pinyin_data::kSyllableCount;
}

int Pinyin::characterCount()
{
    return pinyin_data::kCharCount;
}

QStringList Pinyin::readings(char32_t codePoint)
{
    QStringList out;
    for (const quint16 id : readingIds(codePoint)) {
        const std::string_view s = syllable(id);
        out << QString::fromLatin1(s.data(), qsizetype(s.size()));
    }
    return out;
}

QString Pinyin::spell(QStringView text)
{
    QString out;
    out.reserve(text.size() * 4);
    forEachCodePoint(text, [&out](char32_t cp) {
        const auto ids = readingIds(cp);
        if (!ids.empty()) {
            const std::string_view s = syllable(ids.front());
            out += QLatin1String(s.data(), qsizetype(s.size()));
        } else {
            out += QString::fromUcs4(&cp, 1).toLower();
        }
    });
    return out;
}

QString Pinyin::initials(QStringView text)
{
    QString out;
    forEachCodePoint(text, [&out](char32_t cp) {
        const auto ids = readingIds(cp);
        if (!ids.empty())
            out += QLatin1Char(syllable(ids.front()).front());
        else if (cp < 0x80 && QChar::isLetterOrNumber(cp))
            out += QChar(char16_t(cp)).toLower();
    });
    return out;
}

} // namespace ow
