#include "documents/CentreSettingsService.h"

#include "audit/AuditLog.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace ow {

CentreSettingsService::CentreSettingsService(Database& db, const Clock& clock)
    : m_db(db), m_clock(clock)
{
}

Result<CentreSettings> CentreSettingsService::load() const
{
    return CentreSettingsRepository(m_db).load();
}

Result<bool> CentreSettingsService::wordingSet() const
{
    return CentreSettingsRepository(m_db).isSet(QStringLiteral("name"));
}

Status CentreSettingsService::set(const Session& by, const QString& key, const QString& value)
{
    return set(by, {{key, value}});
}

Status CentreSettingsService::set(const Session& by, const QList<QPair<QString, QString>>& values)
{
    if (Status s = by.require(Permission::ConfigureCounter); !s)
        return s;
    CentreSettingsRepository repo(m_db);
    auto before = repo.load();
    if (!before)
        return before.error();
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    QList<Problem> problems;
    QStringList refused;
    QJsonObject was, now;
    for (const auto& [key, value] : values) {
        const QString old = CentreSettingsRepository::valueOf(*before, key);
        if (Status s = repo.set(key, value, m_clock.now()); !s) {
            refused << s.error().message;
            if (s.error().problems.isEmpty())
                problems.append({key, key, s.error().message});
            else
                problems.append(s.error().problems);
            continue;
        }
        was.insert(key, old);
        now.insert(key, value.trimmed());
    }
    if (!refused.isEmpty()) // nothing is written: the transaction rolls back
        return Error::invalid(
            refused.size() == 1
                ? refused.first()
                : QCoreApplication::translate("ow::CentreSettings", "The settings were not saved."),
            problems);
    if (auto a = AuditLog(m_db, m_clock)
                     .append(by, {QStringLiteral("settings.set"),
                                  QStringList(now.keys()).join(QLatin1Char(',')), was, now});
        !a)
        return a.error();
    return tx.commit();
}

Status CentreSettingsService::reset(const Session& by, const QString& key)
{
    if (Status s = by.require(Permission::ConfigureCounter); !s)
        return s;
    CentreSettingsRepository repo(m_db);
    auto before = repo.load();
    if (!before)
        return before.error();
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    if (Status s = repo.reset(key); !s)
        return s;
    if (auto a =
            AuditLog(m_db, m_clock)
                .append(by, {QStringLiteral("settings.reset"), key,
                             QJsonObject{{key, CentreSettingsRepository::valueOf(*before, key)}},
                             QJsonValue::Null});
        !a)
        return a.error();
    return tx.commit();
}

} // namespace ow
