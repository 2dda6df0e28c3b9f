#pragma once

#include "catalogue/CatalogueValidator.h"
#include "catalogue/Item.h"
#include "store/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace ow {

// The catalogue file format of docs/catalogue-format.md: reading with
// complete validation, and writing (what is written reads back equal).
//
// Every problem is reported, not just the first: Error::problems holds one
// Problem per finding, `where` = the JSON path and its line
// ("items[3].materials[1].condition (line 42)"), `field` = the field's name
// ("condition"), `message` = the reason.
class CatalogueJson
{
public:
    // Files larger than this are refused before they are read.
    static constexpr qint64 kMaxFileBytes = 64 * 1024 * 1024;

    // Parses and validates a catalogue document. `known` lists codes that
    // already exist in the store, which references may name.
    static Result<Catalogue> parse(const QByteArray& json,
                                   const CatalogueValidator::Known& known = {});
    static Result<Catalogue> readFile(const QString& path,
                                      const CatalogueValidator::Known& known = {});

    // The document for `catalogue`: indented, fields in the documented order,
    // optional fields left out when they hold their default.
    static QByteArray serialize(const Catalogue& catalogue);
    static Status writeFile(const Catalogue& catalogue, const QString& path);

    // One entry as a JSON object (the store keeps items in this form) and
    // back. The reading functions check JSON types and words but not the
    // catalogue-wide rules (references, duplicates across items).
    static QJsonObject toJson(const Item& item);
    static QJsonObject toJson(const JointItem& joint);
    static QJsonObject toJson(const RelatedRule& rule);
    static Result<Item> itemFromJson(const QJsonObject& object);
    static Result<JointItem> jointItemFromJson(const QJsonObject& object);
};

} // namespace ow
