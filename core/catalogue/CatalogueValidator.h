#pragma once

#include "catalogue/Item.h"

#include <QList>
#include <QSet>
#include <QString>

namespace ow {

// One thing wrong in a catalogue, located by its JSON path
// ("items[3].materials[1].condition"); the readers turn the path into a
// line of the JSON file or a file:line: column of the CSV files.
struct CatalogueIssue
{
    QString path;
    QString field;   // the last name of the path: "condition"
    QString message; // translated
    int line = 0;    // when known better than the path's first line (a repeated key)
};

// The rules of docs/catalogue-format.md that hold whatever the file format:
// codes, lengths (in code points), ranges, duplicates, conditions that must
// parse, patterns that must compile, references that must exist. The readers
// check only what their format adds (JSON types, unknown fields, CSV
// columns, words of the enumerations) and then run validate().
class CatalogueValidator
{
public:
    // Codes already in the store count as existing for references (a
    // publication may carry only the items that changed).
    struct Known
    {
        QSet<QString> items;
        QSet<QString> jointItems;
    };

    static QList<CatalogueIssue> validate(const Catalogue& catalogue, const Known& known = {});

    // Appends `more` to `issues`, leaving out those at or under a path that
    // already has an issue (a missing name is not also "too short").
    static void merge(QList<CatalogueIssue>& issues, const QList<CatalogueIssue>& more);

    // The field of a path: "items[3].materials[1].condition" -> "condition".
    static QString fieldOf(const QString& path);

    // Limits the format does not state, kept generous.
    static constexpr int kMaxText = 20000;   // acceptanceConditions, legalBasis
    static constexpr int kMaxNote = 2000;    // material note, fee note
    static constexpr int kMaxCondition = 2000;
    static constexpr int kMaxListEntries = 1000;
};

} // namespace ow
