#include "sync/CentralCatalogue.h"

#include <QCoreApplication>

namespace ow {

Result<QList<CentralCatalogueEntry>> CentralCatalogue::read(const QString& path)
{
    return Error::invalid(QCoreApplication::translate("ow::CentralCatalogue",
                                                      "Cannot read %1 yet.")
                              .arg(path));
}

} // namespace ow
