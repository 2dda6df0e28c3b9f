// Catalogue CSV: the input is items.csv, then a line "--- materials.csv ---"
// and materials.csv; any bytes are read or refused with problems.
#include "FuzzSupport.h"
#include "catalogue/CatalogueCsv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace ow;
    const QByteArray input = fuzz::bytes(data, size);
    static const QByteArray separator("\n--- materials.csv ---\n");
    const qsizetype at = input.indexOf(separator);
    const QByteArray items = at < 0 ? input : input.left(at);
    const QByteArray materials = at < 0 ? QByteArray() : input.mid(at + separator.size());
    const auto read = CatalogueCsv::parse(items, materials);
    if (!read)
        fuzz::require(!read.error().message.isEmpty(), "a refusal says why");
    return 0;
}
