// Catalogue CSV: the input is items.csv, then each further file after a line
// "--- materials.csv ---" (forms.csv, joint-items.csv, related-rules.csv
// likewise); a first line "gb18030" reads them as GB18030. Any bytes are
// read or refused with problems; what is read is written as CSV and read
// again to the same catalogue.
#include "FuzzSupport.h"
#include "catalogue/CatalogueCsv.h"
#include "catalogue/CatalogueJson.h"

#include <QMap>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace ow;
    QByteArray input = fuzz::bytes(data, size);
    TextEncoding encoding = TextEncoding::Utf8;
    if (input.startsWith("gb18030\n")) {
        encoding = TextEncoding::Gb18030;
        input.remove(0, 8);
    }
    QMap<QString, QByteArray> files;
    QString name = CatalogueCsv::kItems;
    for (;;) {
        qsizetype next = -1;
        QString nextName;
        for (const QString& f : {CatalogueCsv::kMaterials, CatalogueCsv::kForms,
                                 CatalogueCsv::kJointItems, CatalogueCsv::kRules}) {
            const qsizetype at = input.indexOf("\n--- " + f.toUtf8() + " ---\n");
            if (at >= 0 && (next < 0 || at < next)) {
                next = at;
                nextName = f;
            }
        }
        if (next < 0) {
            files.insert(name, input);
            break;
        }
        files.insert(name, input.left(next + 1));
        input.remove(0, next + 1 + 9 + nextName.toUtf8().size());
        name = nextName;
    }
    const auto read = CatalogueCsv::parse(files, {}, encoding);
    if (!read) {
        fuzz::require(!read.error().message.isEmpty(), "a refusal says why");
        return 0;
    }
    const auto written = CatalogueCsv::write(read.value());
    if (!written)
        return 0; // what CSV cannot hold is said, not written wrongly
    const auto again = CatalogueCsv::parse(written.value());
    fuzz::require(bool(again), "a catalogue read is written as CSV read again");
    fuzz::require(CatalogueJson::serialize(again.value()) == CatalogueJson::serialize(read.value()),
                  "reading what was written gives the same catalogue");
    return 0;
}
