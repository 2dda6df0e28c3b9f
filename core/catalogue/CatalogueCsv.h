#pragma once

#include "catalogue/CatalogueValidator.h"
#include "catalogue/Item.h"
#include "store/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace ow {

// The CSV form of the catalogue (docs/catalogue-format.md, "CSV"):
// items.csv and materials.csv beside it, UTF-8, RFC 4180 quoting, a header
// row naming the columns (in any order; unknown columns are errors). Lists
// are ';'-separated, booleans 0/1. CSV carries items and their materials
// only (no forms, joint items or rules).
//
// The same rules as the JSON format apply (CatalogueValidator); every
// problem is reported as a Problem whose `where` is "file:line: column",
// so that Error::fullText() prints `file:line: column: reason`.
class CatalogueCsv
{
public:
    // Reads `itemsCsvPath` and the materials.csv in the same folder.
    static Result<Catalogue> readFile(const QString& itemsCsvPath,
                                      const CatalogueValidator::Known& known = {});

    // Parses the two files' contents; the names are used in problems.
    static Result<Catalogue> parse(const QByteArray& itemsCsv, const QByteArray& materialsCsv,
                                   const CatalogueValidator::Known& known = {},
                                   const QString& itemsName = QStringLiteral("items.csv"),
                                   const QString& materialsName = QStringLiteral("materials.csv"));

    // One record of a CSV text and the line it starts on (1-based).
    struct Record
    {
        int line = 0;
        QStringList fields;
    };
    // Splits RFC 4180 text into records (blank lines are skipped); a line
    // break inside a quoted field is kept as LF, CRLF included. An error
    // names the line of a malformed quote.
    static Result<QList<Record>> records(const QByteArray& data, const QString& fileName);

    // The column names of the two files, in the documented order.
    static const QStringList& itemColumns();
    static const QStringList& materialColumns();
};

} // namespace ow
