#pragma once

#include "auth/AuthService.h"
#include "auth/Session.h"
#include "documents/CentreSettingsService.h"

#include <QObject>

namespace ow {
class Clock;
class Database;
} // namespace ow

namespace ow::ui {

class AdminPage;

// Acts on the administrator's page through the core services (AuthService,
// CentreSettingsService), which check the session themselves; shows what
// they answer on the page.
class AdminController : public QObject
{
    Q_OBJECT
public:
    AdminController(Database& store, const Session& session, const Clock& clock, AdminPage* page,
                    QObject* parent = nullptr);

    // The centre's wording was never saved: documents print the example.
    bool wordingMissing() const;
    // Reads the users and the settings again.
    void refresh();

private:
    void add(const QString& login, const QString& name, Role role, const QString& site,
             const QString& window, const QString& password, const QString& repeat);
    void setActive(const QString& login, bool active);
    void unlock(const QString& login);
    void setPassword(const QString& login, const QString& password);
    void setRole(const QString& login, Role role);
    void save(const QList<QPair<QString, QString>>& values);
    // Shows the outcome of a change to `login`, then the users again.
    void done(const Status& status, const QString& login, const QString& message,
              const QString& passwordField = {});

    AuthService m_auth;
    CentreSettingsService m_settings;
    Session m_session;
    const Clock& m_clock;
    AdminPage* m_page;
};

} // namespace ow::ui
