#include "documents/PdfUpdate.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>

namespace ow {

namespace {

Error malformed()
{
    return Error{Error::Kind::Internal,
                 QCoreApplication::translate("ow::PdfUpdate",
                                             "The PDF writer produced a file that cannot be read."),
                 {}};
}

QByteArray ref(const QByteArray& trailer, const char* key)
{
    static const QRegularExpression re(QStringLiteral("/(Root|Info)\\s+(\\d+\\s+\\d+\\s+R)"));
    auto it = re.globalMatch(QString::fromLatin1(trailer));
    while (it.hasNext()) {
        const auto m = it.next();
        if (m.captured(1) == QLatin1String(key))
            return m.captured(2).toLatin1();
    }
    return {};
}

} // namespace

Result<PdfUpdate> PdfUpdate::parse(const QByteArray& pdf)
{
    PdfUpdate u(pdf);
    const qsizetype sx = pdf.lastIndexOf("startxref");
    if (sx < 0)
        return malformed();
    bool ok = false;
    u.m_startXref = pdf.mid(sx + 9, 24).trimmed().split('\n').value(0).trimmed().toLongLong(&ok);
    if (!ok)
        return malformed();
    // The newest section first, then each earlier one it names by /Prev (a
    // file updated before): an object takes its newest offset.
    qsizetype section = u.m_startXref;
    QSet<qsizetype> seen;
    bool newest = true;
    int highest = 0;
    while (section > 0) {
        if (section >= pdf.size() || !pdf.mid(section, 4).startsWith("xref") ||
            seen.contains(section))
            return malformed();
        seen.insert(section);
        qsizetype pos = pdf.indexOf('\n', section) + 1;
        const qsizetype trailer = pdf.indexOf("trailer", pos);
        if (pos <= 0 || trailer < 0)
            return malformed();
        const QList<QByteArray> lines = pdf.mid(pos, trailer - pos).split('\n');
        int next = 0;
        for (const QByteArray& raw : lines) {
            const QByteArray line = raw.trimmed();
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() == 2) {
                next = parts[0].toInt();
            } else if (parts.size() == 3) {
                if (parts[2] == "n" && !u.m_offsets.contains(next))
                    u.m_offsets.insert(next, parts[0].toLongLong());
                ++next;
            }
        }
        highest = std::max(highest, next);
        const QByteArray trailerDict = pdf.mid(trailer, pdf.indexOf(">>", trailer) - trailer);
        if (newest) {
            const int size = directInt(trailerDict, "/Size", nullptr);
            u.m_size = size > 0 ? size : highest;
            u.m_root = ref(trailerDict, "Root");
            u.m_info = ref(trailerDict, "Info");
            newest = false;
        }
        const int prev = directInt(trailerDict, "/Prev", nullptr);
        section = prev > 0 ? prev : 0;
    }
    if (u.m_root.isEmpty() || u.m_offsets.isEmpty())
        return malformed();
    return u;
}

int PdfUpdate::objectStart(int object) const
{
    const qsizetype off = m_offsets.value(object, -1);
    if (off < 0 || off >= m_pdf.size())
        return -1;
    const qsizetype obj = m_pdf.indexOf("obj", off);
    return obj < 0 ? -1 : int(obj + 3);
}

QByteArray PdfUpdate::dictionary(int object) const
{
    const int start = objectStart(object);
    if (start < 0)
        return {};
    qsizetype end = m_pdf.indexOf("endobj", start);
    const qsizetype stream = m_pdf.indexOf("stream", start);
    if (stream >= 0 && (end < 0 || stream < end))
        end = stream;
    return end < 0 ? QByteArray() : m_pdf.mid(start, end - start);
}

int PdfUpdate::directInt(const QByteArray& dict, const QByteArray& key, int* indirect)
{
    const qsizetype at = dict.indexOf(key);
    if (at < 0)
        return -1;
    const QList<QByteArray> words = dict.mid(at + key.size(), 40).simplified().split(' ');
    bool ok = false;
    const int n = words.value(0).toInt(&ok);
    if (!ok)
        return -1;
    if (words.size() >= 3 && words[2].startsWith('R')) {
        if (indirect)
            *indirect = n;
        return -1;
    }
    return n;
}

QByteArray PdfUpdate::streamData(int object) const
{
    const QByteArray dict = dictionary(object);
    int indirect = -1;
    int length = directInt(dict, "/Length", &indirect);
    if (length < 0 && indirect >= 0)
        length = dictionary(indirect).trimmed().toInt();
    const int start = objectStart(object);
    qsizetype data = m_pdf.indexOf("stream", start);
    if (length < 0 || data < 0)
        return {};
    data += 6;
    if (m_pdf.at(data) == '\r')
        ++data;
    if (m_pdf.at(data) == '\n')
        ++data;
    return m_pdf.mid(data, length);
}

void PdfUpdate::replace(int object, const QByteArray& body)
{
    m_replaced.insert(object, body);
}

QByteArray PdfUpdate::streamBody(const QByteArray& data)
{
    return "<< /Length " + QByteArray::number(data.size()) + " >>\nstream\n" + data +
           "\nendstream\n";
}

QByteArray PdfUpdate::result() const
{
    if (m_replaced.isEmpty())
        return m_pdf;
    QByteArray out = m_pdf;
    if (!out.endsWith('\n'))
        out += '\n';
    QMap<int, qsizetype> offsets;
    for (auto it = m_replaced.cbegin(); it != m_replaced.cend(); ++it) {
        offsets.insert(it.key(), out.size());
        out += QByteArray::number(it.key()) + " 0 obj\n" + it.value() + "endobj\n";
    }
    const qsizetype xref = out.size();
    out += "xref\n0 1\n0000000000 65535 f \n";
    for (auto it = offsets.cbegin(); it != offsets.cend(); ++it) {
        out += QByteArray::number(it.key()) + " 1\n";
        out += QByteArray::number(it.value()).rightJustified(10, '0') + " 00000 n \n";
    }
    out += "trailer\n<< /Size " + QByteArray::number(m_size) + " /Root " + m_root;
    if (!m_info.isEmpty())
        out += " /Info " + m_info;
    out += " /Prev " + QByteArray::number(m_startXref) + " >>\nstartxref\n" +
           QByteArray::number(xref) + "\n%%EOF\n";
    return out;
}

} // namespace ow
