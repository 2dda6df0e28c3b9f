#include "AdminController.h"

#include "AdminPage.h"

#include <QLineEdit>

namespace ow::ui {

AdminController::AdminController(Database& store, const Session& session, const Clock& clock,
                                 AdminPage* page, QObject* parent)
    : QObject(parent), m_auth(store, clock), m_settings(store, clock), m_session(session),
      m_clock(clock), m_page(page)
{
    connect(page, &AdminPage::addRequested, this, &AdminController::add);
    connect(page, &AdminPage::activeRequested, this, &AdminController::setActive);
    connect(page, &AdminPage::unlockRequested, this, &AdminController::unlock);
    connect(page, &AdminPage::passwordRequested, this, &AdminController::setPassword);
    connect(page, &AdminPage::roleRequested, this, &AdminController::setRole);
    connect(page, &AdminPage::saveRequested, this, &AdminController::save);
    connect(page, &AdminPage::shown, this, &AdminController::refresh);
    refresh();
}

bool AdminController::wordingMissing() const
{
    auto set = m_settings.wordingSet();
    return set && !*set;
}

void AdminController::refresh()
{
    if (auto users = m_auth.users(m_session))
        m_page->setUsers(*users, m_clock.now());
    else
        m_page->showProblems(users.error().message, {});
    auto settings = m_settings.load();
    if (!settings) {
        m_page->showProblems(settings.error().fullText(), {});
        return;
    }
    QList<AdminPage::Setting> shown;
    for (const CentreSettingsRepository::Key& key : CentreSettingsRepository::keys()) {
        AdminPage::Setting s;
        s.key = key.name;
        s.description = key.description;
        s.value = CentreSettingsRepository::valueOf(*settings, key.name);
        shown << s;
    }
    m_page->setSettings(shown, wordingMissing());
}

void AdminController::done(const Status& status, const QString& login, const QString& message,
                           const QString& passwordField)
{
    if (!status) {
        QList<Problem> problems = status.error().problems;
        if (!passwordField.isEmpty())
            for (Problem& p : problems)
                if (p.field == QLatin1String("password"))
                    p.field = passwordField;
        m_page->showProblems(status.error().message, problems);
        return;
    }
    refresh();
    m_page->selectUser(login);
    m_page->showDone(message);
}

void AdminController::add(const QString& login, const QString& name, Role role, const QString& site,
                          const QString& window, const QString& password, const QString& repeat)
{
    if (password != repeat) {
        m_page->showProblems(tr("The user was not added."),
                             {{QStringLiteral("repeat"), QStringLiteral("repeat"),
                               tr("The two passwords differ.")}});
        return;
    }
    NewUser u;
    u.login = login.trimmed();
    u.displayName = name.trimmed();
    u.role = role;
    u.siteCode = site.trimmed();
    u.window = window.trimmed();
    auto added = m_auth.addUser(m_session, u, password);
    if (!added) {
        done(added.error(), {}, {});
        return;
    }
    m_page->clearNewUser();
    done(
        {}, added->login,
        tr("%1 (%2) added as %3.").arg(added->displayName, added->login, displayName(added->role)));
}

void AdminController::setActive(const QString& login, bool active)
{
    done(m_auth.setActive(m_session, login, active), login,
         active ? tr("%1 may sign in again.").arg(login)
                : tr("%1 is disabled and can no longer sign in.").arg(login));
}

void AdminController::unlock(const QString& login)
{
    done(m_auth.unlock(m_session, login), login, tr("%1 is unlocked.").arg(login));
}

void AdminController::setPassword(const QString& login, const QString& password)
{
    const Status s = m_auth.setPassword(m_session, login, password);
    if (s)
        m_page->field(QStringLiteral("resetPassword"))->clear();
    done(s, login, tr("The password of %1 is set.").arg(login), QStringLiteral("resetPassword"));
}

void AdminController::setRole(const QString& login, Role role)
{
    done(m_auth.setRole(m_session, login, role), login,
         tr("%1 is now %2.").arg(login, displayName(role)));
}

void AdminController::save(const QList<QPair<QString, QString>>& values)
{
    if (values.isEmpty()) {
        m_page->showDone(tr("Nothing was changed."));
        return;
    }
    const Status s = m_settings.set(m_session, values);
    if (!s) {
        m_page->showProblems(s.error().message, s.error().problems);
        return;
    }
    refresh();
    m_page->showDone(tr("Saved: documents print the new wording from now on."));
}

} // namespace ow::ui
