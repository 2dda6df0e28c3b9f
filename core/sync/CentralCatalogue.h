#pragma once

#include "store/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace ow {

// One entry of the catalogue as the centre publishes it: an item, a joint
// item, or the set of related-item rules, each with its version and its
// document in the catalogue JSON format.
struct CentralCatalogueEntry
{
    QString kind; // "item", "joint", "rules"
    QString code;
    int version = 1; // 0 for the rules: the next version, unless they are unchanged
    QJsonObject doc;
};

// Reads a catalogue JSON file with the project's catalogue reader and splits
// it into the entries the centre publishes.
class CentralCatalogue
{
public:
    static Result<QList<CentralCatalogueEntry>> read(const QString& path);
};

} // namespace ow
