#include "documents/PdfTextLayer.h"

#include "documents/PdfUpdate.h"

#include <QRegularExpression>

namespace ow {

void PdfTextLayer::record(const QByteArray& psName, const quint32* glyphs,
                          const char32_t* codePoints, qsizetype count)
{
    Face& face = m_faces[psName];
    for (qsizetype i = 0; i < count; ++i) {
        if (!face.order.contains(glyphs[i]))
            face.order.append(glyphs[i]);
        if (!face.unicode.contains(glyphs[i]))
            face.unicode.insert(glyphs[i], codePoints[i]);
    }
}

namespace {

QByteArray hex4(uint v)
{
    return QByteArray::number(v, 16).toUpper().rightJustified(4, '0');
}

// A ToUnicode CMap mapping subset glyph ids to UTF-16BE.
QByteArray toUnicodeCMap(const QList<std::pair<int, char32_t>>& entries)
{
    QByteArray out = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                     "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                     "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                     "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    for (qsizetype at = 0; at < entries.size(); at += 100) { // at most 100 per section
        const auto chunk = entries.mid(at, 100);
        out += QByteArray::number(chunk.size()) + " beginbfchar\n";
        for (const auto& [cid, cp] : chunk) {
            out += '<' + hex4(uint(cid)) + "> <";
            if (cp > 0xFFFF) {
                const char32_t v = cp - 0x10000;
                out += hex4(0xD800 + (v >> 10)) + hex4(0xDC00 + (v & 0x3FF));
            } else {
                out += hex4(cp);
            }
            out += ">\n";
        }
        out += "endbfchar\n";
    }
    out += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    return out;
}

QByteArray baseFont(const QByteArray& dict)
{
    const qsizetype at = dict.indexOf("/BaseFont");
    if (at < 0)
        return {};
    QByteArray name = dict.mid(at + 9, 128).trimmed();
    if (!name.startsWith('/'))
        return {};
    name = name.mid(1);
    qsizetype end = 0;
    while (end < name.size() && !QByteArrayView(" \n\r\t/<>[]()").contains(name.at(end)))
        ++end;
    name.truncate(end);
    // a subset tag "ABCDEF+" is not part of the name
    if (name.size() > 7 && name.at(6) == '+')
        name = name.mid(7);
    return name;
}

} // namespace

Result<QByteArray> PdfTextLayer::apply(const QByteArray& pdf,
                                       std::optional<QSizeF> pagePoints) const
{
    if (m_faces.isEmpty() && !pagePoints)
        return pdf;
    auto parsed = PdfUpdate::parse(pdf);
    if (!parsed)
        return parsed.error();
    PdfUpdate& update = parsed.value();
    static const QRegularExpression toUnicode(QStringLiteral("/ToUnicode\\s+(\\d+)\\s+0\\s+R"));
    static const QRegularExpression mediaBox(QStringLiteral("/MediaBox\\s*\\[[^\\]]*\\]"));
    for (int object : update.objects()) {
        const QByteArray dict = update.dictionary(object);
        if (pagePoints && dict.contains("/Type /Page\n")) {
            QString d = QString::fromLatin1(dict);
            d.replace(mediaBox, QStringLiteral("/MediaBox [0 0 %1 %2]")
                                    .arg(pagePoints->width(), 0, 'f', 4)
                                    .arg(pagePoints->height(), 0, 'f', 4));
            update.replace(object, d.toLatin1() + '\n');
            continue;
        }
        if (!dict.contains("/Type0"))
            continue;
        const auto face = m_faces.constFind(baseFont(dict));
        const auto m = toUnicode.match(QString::fromLatin1(dict));
        if (face == m_faces.constEnd() || !m.hasMatch())
            continue;
        QList<std::pair<int, char32_t>> entries;
        for (qsizetype cid = 1; cid < face->order.size(); ++cid) {
            const auto cp = face->unicode.constFind(face->order[cid]);
            if (cp != face->unicode.constEnd())
                entries.append({int(cid), *cp});
        }
        update.replace(m.captured(1).toInt(), PdfUpdate::streamBody(toUnicodeCMap(entries)));
    }
    return update.result();
}

} // namespace ow
