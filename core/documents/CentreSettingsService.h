#pragma once

#include "auth/Session.h"
#include "documents/CentreSettings.h"
#include "documents/CentreSettingsRepository.h"
#include "store/Clock.h"
#include "store/Database.h"

#include <QList>
#include <QPair>
#include <QString>

namespace ow {

// The centre's wording on every document, changed by an administrator
// (Permission::ConfigureCounter) for the window and the command line alike:
// each change is checked, stored and written to the audit log in one
// transaction.
class CentreSettingsService
{
public:
    explicit CentreSettingsService(Database& db, const Clock& clock = Clock::system());

    Result<CentreSettings> load() const;
    // Whether the centre has set its name yet: until then every document
    // prints the built-in example centre.
    Result<bool> wordingSet() const;

    // One value; refused with the key named when it is not valid.
    Status set(const Session& by, const QString& key, const QString& value);
    // Several values, all or none: every refusal is a problem naming its key.
    Status set(const Session& by, const QList<QPair<QString, QString>>& values);
    // Back to the built-in default.
    Status reset(const Session& by, const QString& key);

private:
    Database& m_db;
    const Clock& m_clock;
};

} // namespace ow
