#pragma once

#include "store/Database.h"

namespace ow {

// Loads the embedded sample catalogue (resources/catalogue/) into a store
// that holds no items yet; does nothing otherwise.
Status seedSampleCatalogueIfEmpty(Database& db);

} // namespace ow
