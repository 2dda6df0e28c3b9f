#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <utility>

namespace ow {

// Where each value of a JSON text starts: its path ("items[3].materials[1]
// .condition", the notation of CatalogueIssue) mapped to its line.
// QJsonDocument keeps no positions, so the catalogue readers scan the text
// once more with this. Expects text QJsonDocument accepted.
class JsonLineMap
{
public:
    explicit JsonLineMap(const QByteArray& json);

    // The 1-based line of the value at `path`, or of its nearest enclosing
    // value when the path is absent (a missing field); 0 when unknown.
    int line(const QString& path) const;

    // Keys given twice in one object (QJsonDocument keeps one silently).
    struct Duplicate
    {
        QString path;
        int line = 0;
    };
    const QList<Duplicate>& duplicates() const { return m_duplicates; }

    // 1-based line and column (in code points) of a byte offset.
    static std::pair<int, int> lineColumn(const QByteArray& text, qsizetype offset);

private:
    QHash<QString, int> m_lines;
    QList<Duplicate> m_duplicates;
};

} // namespace ow
