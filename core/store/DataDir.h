#pragma once

#include <QString>

namespace ow {

// The folder holding this counter's store: `override` when given (the
// --data-dir option), else the platform's data location for OneWindow.
QString dataDir(const QString& override = {});

// The store file inside a data folder.
QString storeFile(const QString& dataDir);

} // namespace ow
