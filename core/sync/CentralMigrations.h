#pragma once

#include "store/Result.h"

#include <QList>

namespace ow {

class CentralConnection;

// The numbered migrations of the central database, embedded from
// db/central/ (NNN_name.sql). Each runs in its own transaction, under an
// advisory lock (two administrators at once apply each file once), and is
// recorded in ow.schema_version.
class CentralMigrations
{
public:
    // The newest version this build knows.
    static int knownVersion();

    // The version of the database (0 when it holds no OneWindow schema).
    // Refuses a database that has the schemas but no version table.
    static Result<int> currentVersion(CentralConnection& c);

    // Applies the missing migrations; returns the versions applied (none
    // when up to date). Refuses, changing nothing, a database written by a
    // newer OneWindow.
    static Result<QList<int>> apply(CentralConnection& c);
};

} // namespace ow
