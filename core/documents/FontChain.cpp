#include "documents/FontChain.h"

#include <QFont>
#include <QFontDatabase>
#include <QtEndian>

namespace ow {

namespace {

// The PostScript name (name ID 6) from a font's 'name' table.
QByteArray readPostScriptName(const QRawFont& font)
{
    const QByteArray name = font.fontTable("name");
    if (name.size() < 6)
        return {};
    const auto* d = reinterpret_cast<const uchar*>(name.constData());
    const int count = qFromBigEndian<quint16>(d + 2);
    const int strings = qFromBigEndian<quint16>(d + 4);
    for (int i = 0; i < count; ++i) {
        const int rec = 6 + i * 12;
        if (rec + 12 > name.size())
            break;
        const int platform = qFromBigEndian<quint16>(d + rec);
        const int nameId = qFromBigEndian<quint16>(d + rec + 6);
        const int length = qFromBigEndian<quint16>(d + rec + 8);
        const int offset = strings + qFromBigEndian<quint16>(d + rec + 10);
        if (nameId != 6 || offset + length > name.size())
            continue;
        if (platform == 1)
            return name.mid(offset, length);
        if (platform == 3 || platform == 0) {
            QByteArray out;
            for (int k = 0; k + 1 < length; k += 2)
                out += char(d[offset + k + 1]);
            return out;
        }
    }
    return {};
}

QRawFont loadFont(const QString& family, bool bold)
{
    QFont f(family);
    f.setWeight(bold ? QFont::Bold : QFont::Normal);
    f.setHintingPreference(QFont::PreferNoHinting);
    f.setPixelSize(100);
    QRawFont raw = QRawFont::fromFont(f);
    if (!raw.isValid() || raw.familyName().compare(family, Qt::CaseInsensitive) != 0)
        return {}; // not installed: fontconfig substituted another family
    return raw;
}

bool isSpace(char32_t cp)
{
    return cp == U' ' || cp == U'\t' || cp == 0x3000 || cp == 0xA0;
}

} // namespace

QStringList FontChain::defaultFamilies()
{
    return {QStringLiteral("Noto Sans CJK SC"), QStringLiteral("HanaMinB"),
            QStringLiteral("HanaMinA")};
}

FontChain::FontChain(QStringList families) : m_families(std::move(families)) {}

const FontChain::Sized& FontChain::sized(const TextStyle& style) const
{
    const qint64 key = qint64(qRound(style.size * 100)) * 2 + (style.bold ? 1 : 0);
    auto it = m_sized.find(key);
    if (it != m_sized.end())
        return *it;
    Sized s;
    for (const QString& family : m_families + m_extra) {
        QRawFont raw = loadFont(family, style.bold);
        if (!raw.isValid() && style.bold)
            raw = loadFont(family, false);
        if (!raw.isValid())
            continue;
        raw.setPixelSize(style.size);
        s.faces.append({raw, readPostScriptName(raw)});
    }
    if (s.faces.isEmpty()) { // nothing of the chain installed: whatever the system gives
        QFont f;
        f.setPixelSize(100);
        QRawFont raw = QRawFont::fromFont(f);
        raw.setPixelSize(style.size);
        s.faces.append({raw, readPostScriptName(raw)});
    }
    return *m_sized.insert(key, s);
}

int FontChain::coveringFont(char32_t cp, const Sized& s) const
{
    for (int i = 0; i < s.faces.size(); ++i) {
        if (s.faces[i].font.supportsCharacter(cp))
            return i;
    }
    return -1;
}

int FontChain::lastResort(char32_t cp) const
{
    auto it = m_lastResort.constFind(cp);
    if (it != m_lastResort.constEnd())
        return *it;
    int found = -1;
    const QStringList all = QFontDatabase::families();
    for (const QString& family : all) {
        if (m_families.contains(family) || m_extra.contains(family))
            continue;
        const QRawFont raw = loadFont(family, false);
        if (raw.isValid() && raw.supportsCharacter(cp)) {
            m_extra.append(family);
            m_sized.clear(); // every size picks the new family up
            found = int(m_families.size() + m_extra.size() - 1);
            break;
        }
    }
    m_lastResort.insert(cp, found);
    return found;
}

QList<FontChain::Run> FontChain::runs(QStringView text, const TextStyle& style) const
{
    QList<Run> out;
    const Sized* s = &sized(style);
    qsizetype i = 0;
    while (i < text.size()) {
        char32_t cp = text[i].unicode();
        qsizetype len = 1;
        if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            cp = QChar::surrogateToUcs4(text[i], text[i + 1]);
            len = 2;
        }
        int font = 0;
        if (!isSpace(cp) || out.isEmpty()) {
            font = coveringFont(cp, *s);
            if (font < 0) {
                const int extra = lastResort(cp);
                s = &sized(style);
                // the extra family may load at this size under another index
                font = extra >= 0 ? coveringFont(cp, *s) : 0;
                if (font < 0)
                    font = 0;
            }
        } else {
            font = out.last().font; // spaces continue the run they are in
            if (!s->faces[font].font.supportsCharacter(U' '))
                font = 0;
        }
        if (!out.isEmpty() && out.last().font == font && out.last().begin + out.last().length == i)
            out.last().length += len;
        else
            out.append({i, len, font});
        i += len;
    }
    return out;
}

const QRawFont& FontChain::font(const TextStyle& style, int index) const
{
    const Sized& s = sized(style);
    return s.faces[qBound(0, index, int(s.faces.size()) - 1)].font;
}

QByteArray FontChain::postScriptName(const TextStyle& style, int index) const
{
    const Sized& s = sized(style);
    return s.faces[qBound(0, index, int(s.faces.size()) - 1)].psName;
}

QStringList FontChain::installedFamilies() const
{
    QStringList out;
    for (const Face& f : sized(TextStyle{}).faces)
        out << f.font.familyName();
    return out;
}

} // namespace ow
