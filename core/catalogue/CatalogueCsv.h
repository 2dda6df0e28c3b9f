#pragma once

#include "catalogue/CatalogueValidator.h"
#include "catalogue/Item.h"
#include "store/Result.h"
#include "text/TextRules.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace ow {

// The CSV form of the catalogue (docs/catalogue-format.md, "CSV"): items.csv,
// and beside it materials.csv and forms.csv, and joint-items.csv and
// related-rules.csv when there are any. RFC 4180 quoting, a header row naming
// the columns (in any order; unknown columns are errors), UTF-8 (with or
// without a byte order mark) read strictly, or GB18030/GBK when asked. Lists
// are ';'-separated (a ';' or '\' inside an entry written "\;" and "\\"),
// booleans 0/1. Everything of the catalogue goes into CSV and comes back
// equal: write() then parse() gives the catalogue written.
//
// An item with no row in materials.csv is refused unless items.csv says it
// asks for none (noMaterials = 1): a header-only or cut-off materials.csv
// must not empty checklists. A file whose last line does not end with a
// line break is refused too (it may have been cut off mid-row).
//
// The same rules as the JSON format apply (CatalogueValidator); every
// problem is reported as a Problem whose `where` is "file:line: column",
// so that Error::fullText() prints `file:line: column: reason`.
class CatalogueCsv
{
public:
    // The files, by the names above.
    static const QString kItems;
    static const QString kMaterials;
    static const QString kForms;
    static const QString kJointItems;
    static const QString kRules;

    // Reads `itemsCsvPath` and the other files in the same folder (items.csv
    // may have another name; the others may not). materials.csv and
    // forms.csv must exist.
    static Result<Catalogue> readFile(const QString& itemsCsvPath,
                                      const CatalogueValidator::Known& known = {},
                                      TextEncoding encoding = TextEncoding::Utf8);

    // Parses the files' contents, by file name (kItems, ...); a file not
    // given holds no rows. `itemsName` is the name items.csv is reported as.
    static Result<Catalogue> parse(const QMap<QString, QByteArray>& files,
                                   const CatalogueValidator::Known& known = {},
                                   TextEncoding encoding = TextEncoding::Utf8,
                                   const QString& itemsName = kItems);
    // items.csv and materials.csv only (no forms, joint items or rules).
    static Result<Catalogue> parse(const QByteArray& itemsCsv, const QByteArray& materialsCsv,
                                   const CatalogueValidator::Known& known = {},
                                   TextEncoding encoding = TextEncoding::Utf8);

    // The files of `catalogue`, by name: UTF-8 with a byte order mark (Excel
    // reads it as UTF-8), CRLF line ends. An error names what CSV cannot
    // hold (a list entry beginning or ending with a space).
    static Result<QMap<QString, QByteArray>> write(const Catalogue& catalogue);
    // Writes them into the folder `dir` (made when missing).
    static Status writeFiles(const Catalogue& catalogue, const QString& dir);

    // The text of a file's bytes: a refusal names the file, the line and the
    // first invalid byte, and says how to import the file.
    static Result<QString> decode(const QByteArray& data, const QString& fileName,
                                  TextEncoding encoding = TextEncoding::Utf8);

    // One record of a CSV text and the line it starts on (1-based).
    struct Record
    {
        int line = 0;
        QStringList fields;
    };
    // Splits RFC 4180 text into records (blank lines are skipped); a line
    // break inside a quoted field is kept as LF, CRLF included. An error
    // names the line of a malformed quote.
    // A file cut off (a quote left open, the last line without its line
    // break) is an error naming its line.
    static Result<QList<Record>> records(const QByteArray& data, const QString& fileName,
                                         TextEncoding encoding = TextEncoding::Utf8);

    // The column names of the files, in the documented order.
    static const QStringList& itemColumns();
    static const QStringList& materialColumns();
    static const QStringList& formColumns();
    static const QStringList& jointItemColumns();
    static const QStringList& ruleColumns();
};

} // namespace ow
