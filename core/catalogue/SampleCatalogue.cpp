#include "catalogue/SampleCatalogue.h"

namespace ow {

Status seedSampleCatalogueIfEmpty(Database&)
{
    return {}; // filled in by the catalogue importer
}

} // namespace ow
