#include "sync/CentralCatalogue.h"

#include "catalogue/CatalogueJson.h"

#include <QJsonArray>

namespace ow {

Result<QList<CentralCatalogueEntry>> CentralCatalogue::read(const QString& path)
{
    auto catalogue = CatalogueJson::readFile(path);
    if (!catalogue)
        return catalogue.error();
    QList<CentralCatalogueEntry> out;
    for (const Item& item : catalogue->items)
        out.append({QStringLiteral("item"), item.code, item.version, CatalogueJson::toJson(item)});
    for (const JointItem& joint : catalogue->jointItems)
        out.append(
            {QStringLiteral("joint"), joint.code, joint.version, CatalogueJson::toJson(joint)});
    if (!catalogue->rules.isEmpty()) {
        QJsonArray rules;
        for (const RelatedRule& rule : catalogue->rules)
            rules.append(CatalogueJson::toJson(rule));
        // The rules have no version of their own: the publisher numbers them.
        out.append({QStringLiteral("rules"), QStringLiteral("related"), 0,
                    QJsonObject{{QStringLiteral("relatedRules"), rules}}});
    }
    return out;
}

} // namespace ow
