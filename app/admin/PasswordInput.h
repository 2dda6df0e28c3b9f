#pragma once

#include "store/Result.h"

#include <QString>
#include <QTextStream>

namespace ow::admin {

// A password for onewindow-admin, never from the command line: typed at a
// prompt on the terminal without echo (twice when `confirm`), or one line
// of standard input when that is not a terminal (scripts, tests).
Result<QString> readPassword(QTextStream& err, const QString& prompt, bool confirm);

} // namespace ow::admin
