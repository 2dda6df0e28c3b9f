#pragma once

#include "documents/CentreSettings.h"
#include "store/Database.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace ow {

// The only SQL on centre_setting: the centre's own wording, one key per
// field of CentreSettings. A key not stored prints its built-in default.
class CentreSettingsRepository
{
public:
    struct Key
    {
        QString name;        // "name", "address", "queryUrl", ...
        QString description; // translated
    };
    // Every key, in the order they are shown.
    static QList<Key> keys();
    // The value of `key` in `settings`, as text.
    static QString valueOf(const CentreSettings& settings, const QString& key);

    explicit CentreSettingsRepository(Database& db);

    // The defaults with every stored value laid over them.
    Result<CentreSettings> load() const;
    // Whether `key` is stored (not its default).
    Result<bool> isSet(const QString& key) const;
    // Checks and stores one value in its own transaction; a bad key or value
    // is refused with a message naming it and nothing is written.
    Status set(const QString& key, const QString& value, const QDateTime& at);
    // Forgets the stored value: the default prints again.
    Status reset(const QString& key);

private:
    Database& m_db;
};

} // namespace ow
