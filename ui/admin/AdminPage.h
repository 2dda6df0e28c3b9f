#pragma once

#include "auth/User.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QPair>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace ow {
struct Problem;
}

namespace ow::ui {

// The administrator's page: the users of this counter (add, disable or
// enable, unlock, a new password, another role) and the centre's wording
// printed on every document. A view: AdminController acts on its signals
// and the core services decide.
class AdminPage : public QWidget
{
    Q_OBJECT
public:
    // A setting as shown: its key, what it is, its value.
    struct Setting
    {
        QString key;
        QString description;
        QString value;
    };

    explicit AdminPage(QWidget* parent = nullptr);

    void setUsers(const QList<ow::User>& users, const QDateTime& now);
    void setSettings(const QList<Setting>& settings, bool wordingMissing);
    // Opens the settings tab with the keyboard in the centre's name.
    void showSettings();

    // A refusal: each problem under its field, the rest in the page's message.
    void showProblems(const QString& message, const QList<ow::Problem>& problems);
    // A change done: the message, every field's message cleared.
    void showDone(const QString& message);
    // The new user's fields emptied after they were added.
    void clearNewUser();

    QTabWidget* tabs() const { return m_tabs; }
    QTableWidget* usersTable() const { return m_users; }
    // The login of the user chosen in the table ("" when none is).
    QString selectedLogin() const;
    bool selectUser(const QString& login);
    QLineEdit* field(const QString& name) const { return m_fields.value(name); }
    QLabel* fieldMessage(const QString& name) const { return m_fieldMessages.value(name); }
    QComboBox* newUserRole() const { return m_newRole; }
    QComboBox* userRole() const { return m_userRole; }
    QLabel* message() const { return m_message; }
    QLabel* settingsMessage() const { return m_settingsMessage; }
    QLabel* wordingNotice() const { return m_wordingNotice; }
    QPushButton* addButton() const { return m_add; }
    QPushButton* activeButton() const { return m_active; }
    QPushButton* unlockButton() const { return m_unlock; }
    QPushButton* passwordButton() const { return m_setPassword; }
    QPushButton* roleButton() const { return m_setRole; }
    QPushButton* saveButton() const { return m_save; }

signals:
    // The page came into view: its users and settings are read again.
    void shown();
    void addRequested(const QString& login, const QString& name, ow::Role role, const QString& site,
                      const QString& window, const QString& password, const QString& repeat);
    void activeRequested(const QString& login, bool active);
    void unlockRequested(const QString& login);
    void passwordRequested(const QString& login, const QString& password);
    void roleRequested(const QString& login, ow::Role role);
    // The settings whose value the administrator changed.
    void saveRequested(const QList<QPair<QString, QString>>& values);

protected:
    void showEvent(QShowEvent* event) override;

private:
    QWidget* buildUsers();
    QWidget* buildSettings();
    QLineEdit* addField(const QString& name, QWidget* parent);
    void selectionChanged();
    void clearMessages();

    QTabWidget* m_tabs;
    QTableWidget* m_users;
    QList<ow::User> m_userList;
    QDateTime m_now;
    QHash<QString, QLineEdit*> m_fields;
    QHash<QString, QLabel*> m_fieldMessages;
    QHash<QString, QString> m_loaded; // the settings as last shown
    QComboBox* m_newRole = nullptr;
    QComboBox* m_userRole = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_settingsMessage = nullptr;
    QLabel* m_wordingNotice = nullptr;
    QWidget* m_settingsForm = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_active = nullptr;
    QPushButton* m_unlock = nullptr;
    QPushButton* m_setPassword = nullptr;
    QPushButton* m_setRole = nullptr;
    QPushButton* m_save = nullptr;
};

} // namespace ow::ui
