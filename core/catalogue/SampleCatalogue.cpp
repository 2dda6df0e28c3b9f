#include "catalogue/SampleCatalogue.h"

#include "catalogue/CatalogueJson.h"
#include "catalogue/CatalogueRepository.h"

#include <QCoreApplication>

namespace ow {

Status seedSampleCatalogueIfEmpty(Database& db)
{
    CatalogueRepository repo(db);
    auto has = repo.hasItems();
    if (!has)
        return has.error();
    if (has.value())
        return {};
    const QString resource = QStringLiteral(":/catalogue/sample-catalogue.json");
    auto sample = CatalogueJson::readFile(resource);
    if (!sample) {
        Error e = sample.error();
        e.kind = Error::Kind::Internal;
        e.message = QCoreApplication::translate("ow::SampleCatalogue",
                                                "The embedded sample catalogue is invalid: %1")
                        .arg(e.message);
        return e;
    }
    auto imported = repo.import(sample.value());
    if (!imported)
        return imported.error();
    return {};
}

} // namespace ow
