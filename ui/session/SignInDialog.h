#pragma once

#include "auth/Session.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace ow {
class AuthService;
}

namespace ow::ui {

// Sign-in at start: login and password. A refusal (wrong password, the
// attempts left, a lock-out with its time) shows inline; the login stays,
// the password is cleared. Accepted once AuthService let the user in.
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SignInDialog(AuthService& auth, QWidget* parent = nullptr);

    const Session& session() const { return m_session; }

    QLineEdit* loginEdit() const { return m_login; }
    QLineEdit* passwordEdit() const { return m_password; }
    QPushButton* signInButton() const { return m_signIn; }
    QLabel* messageLabel() const { return m_message; }

private:
    void trySignIn();

    AuthService& m_auth;
    Session m_session;
    QLineEdit* m_login;
    QLineEdit* m_password;
    QPushButton* m_signIn;
    QLabel* m_message;
};

// First start, no user yet: creates the administrator (login, name, the
// password twice), then signs them in.
class FirstAdministratorDialog : public QDialog
{
    Q_OBJECT
public:
    explicit FirstAdministratorDialog(AuthService& auth, QWidget* parent = nullptr);

    const Session& session() const { return m_session; }

    QLineEdit* loginEdit() const { return m_login; }
    QLineEdit* nameEdit() const { return m_name; }
    QLineEdit* siteEdit() const { return m_site; }
    QLineEdit* windowEdit() const { return m_window; }
    QLineEdit* passwordEdit() const { return m_password; }
    QLineEdit* repeatEdit() const { return m_repeat; }
    QPushButton* createButton() const { return m_create; }
    QLabel* messageLabel() const { return m_message; }

private:
    void create();

    AuthService& m_auth;
    Session m_session;
    QLineEdit* m_login;
    QLineEdit* m_name;
    QLineEdit* m_site;
    QLineEdit* m_window;
    QLineEdit* m_password;
    QLineEdit* m_repeat;
    QPushButton* m_create;
    QLabel* m_message;
};

// The dialog a start shows: the first administrator on a store without
// users (its site and window filled with those given, the counter's), the
// sign-in otherwise.
QDialog* startDialog(AuthService& auth, QWidget* parent = nullptr, const QString& siteCode = {},
                     const QString& window = {});
// The session of an accepted start dialog.
Session sessionOf(const QDialog* startDialog);

} // namespace ow::ui
