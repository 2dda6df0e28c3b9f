#pragma once

#include "auth/Session.h"

#include <QObject>
#include <QPointer>

class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;
class QWidget;

namespace ow {
class AuthService;
}

namespace ow::ui {

// Locks `window` after a stretch without input: an event filter on the
// application restarts a timer on every key, click, wheel or touch; when it
// runs out, an opaque panel covers the window, input to anything behind it
// is swallowed, and only the signed-in user's password (AuthService::
// resume, failures counting towards the lock-out) opens it again.
class ScreenLock : public QObject
{
    Q_OBJECT
public:
    // `idleMsecs` <= 0: never locks by itself (lock() still works).
    ScreenLock(AuthService& auth, Session session, QWidget* window, int idleMsecs,
               QObject* parent = nullptr);
    ~ScreenLock() override;

    bool isLocked() const { return m_locked; }
    const Session& session() const { return m_session; }
    void setIdleMsecs(int msecs);

    void lock();

    QWidget* panel() const { return m_panel; }
    QLineEdit* passwordEdit() const { return m_password; }
    QPushButton* unlockButton() const { return m_unlock; }
    QLabel* messageLabel() const { return m_message; }

signals:
    void locked();
    void unlocked();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void tryUnlock();
    void restartTimer();
    void placePanel();
    bool insidePanel(QObject* object) const;

    AuthService& m_auth;
    Session m_session;
    QPointer<QWidget> m_window;
    QTimer* m_timer;
    int m_idleMsecs = 0;
    bool m_locked = false;
    QWidget* m_panel;
    QLineEdit* m_password;
    QPushButton* m_unlock;
    QLabel* m_message;
};

// Shows who is signed in on the main window's status bar (the label named
// "statusClerk"), when it has one.
void showSignedIn(QWidget* window, const Session& session);

} // namespace ow::ui
