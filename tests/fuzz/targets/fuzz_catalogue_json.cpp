// Catalogue JSON: any bytes are read or refused with problems; what is read
// is written out and read again to the same catalogue.
#include "FuzzSupport.h"
#include "catalogue/CatalogueJson.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace ow;
    const auto read = CatalogueJson::parse(fuzz::bytes(data, size));
    if (!read) {
        fuzz::require(!read.error().message.isEmpty(), "a refusal says why");
        return 0;
    }
    const QByteArray written = CatalogueJson::serialize(read.value());
    const auto again = CatalogueJson::parse(written);
    fuzz::require(bool(again), "a catalogue read is written in a form read again");
    fuzz::require(CatalogueJson::serialize(again.value()) == written,
                  "reading what was written gives the same catalogue");
    return 0;
}
