#include "catalogue/JsonLineMap.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace ow {

namespace {

struct Frame
{
    bool array = false;
    int index = -1;
    QString path;
    QString key;
    QSet<QString> keys;
};

QString decodeKey(const QByteArray& raw)
{
    if (!raw.contains('\\'))
        return QString::fromUtf8(raw);
    const QJsonDocument d = QJsonDocument::fromJson("[\"" + raw + "\"]");
    return d.array().at(0).toString();
}

} // namespace

JsonLineMap::JsonLineMap(const QByteArray& json)
{
    const char* p = json.constData();
    const qsizetype n = json.size();
    int line = 1;
    QList<Frame> stack;
    bool awaitingKey = false;
    auto childPath = [&]() -> QString {
        if (stack.isEmpty())
            return QString();
        Frame& top = stack.last();
        if (top.array) {
            ++top.index;
            return top.path + QLatin1Char('[') + QString::number(top.index) + QLatin1Char(']');
        }
        return top.path.isEmpty() ? top.key : top.path + QLatin1Char('.') + top.key;
    };
    // Skips a string starting at the quote at i; returns the index after it.
    auto skipString = [&](qsizetype i) {
        ++i;
        while (i < n && p[i] != '"') {
            if (p[i] == '\\')
                ++i;
            else if (p[i] == '\n')
                ++line;
            ++i;
        }
        return i + 1;
    };

    qsizetype i = 0;
    while (i < n) {
        const char c = p[i];
        switch (c) {
        case '\n':
            ++line;
            ++i;
            continue;
        case ' ':
        case '\t':
        case '\r':
        case ':':
            ++i;
            continue;
        case ',':
            if (!stack.isEmpty() && !stack.last().array)
                awaitingKey = true;
            ++i;
            continue;
        case '}':
        case ']':
            if (!stack.isEmpty())
                stack.removeLast();
            awaitingKey = false;
            ++i;
            continue;
        default:
            break;
        }
        if (awaitingKey && c == '"') {
            const qsizetype end = skipString(i);
            Frame& top = stack.last();
            top.key = decodeKey(json.mid(i + 1, end - i - 2));
            if (top.keys.contains(top.key)) {
                m_duplicates.append(
                    {top.path.isEmpty() ? top.key : top.path + QLatin1Char('.') + top.key, line});
            }
            top.keys.insert(top.key);
            awaitingKey = false;
            i = end;
            continue;
        }
        // A value starts here.
        const QString path = childPath();
        if (!m_lines.contains(path))
            m_lines.insert(path, line);
        if (c == '{') {
            Frame f;
            f.path = path;
            stack.append(f);
            awaitingKey = true;
            ++i;
        } else if (c == '[') {
            Frame f;
            f.array = true;
            f.path = path;
            stack.append(f);
            ++i;
        } else if (c == '"') {
            i = skipString(i);
        } else {
            while (i < n && p[i] != ',' && p[i] != '}' && p[i] != ']' && p[i] != '\n' &&
                   p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
                ++i;
        }
    }
}

int JsonLineMap::line(const QString& path) const
{
    QString p = path;
    for (;;) {
        const auto it = m_lines.constFind(p);
        if (it != m_lines.constEnd())
            return it.value();
        if (p.isEmpty())
            return 0;
        const qsizetype cut = qMax(p.lastIndexOf(QLatin1Char('.')), p.lastIndexOf(QLatin1Char('[')));
        p.truncate(qMax<qsizetype>(cut, 0));
    }
}

std::pair<int, int> JsonLineMap::lineColumn(const QByteArray& text, qsizetype offset)
{
    int line = 1;
    qsizetype lineStart = 0;
    const qsizetype end = qMin(offset, text.size());
    for (qsizetype i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    // Columns count code points: skip UTF-8 continuation bytes.
    int column = 1;
    for (qsizetype i = lineStart; i < end; ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
            ++column;
    return {line, column};
}

} // namespace ow
