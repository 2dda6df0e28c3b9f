#include "AdminPage.h"

#include "store/Result.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ow::ui {

namespace {

void fillRoles(QComboBox* box)
{
    for (Role r : {Role::Clerk, Role::Supervisor, Role::Administrator})
        box->addItem(displayName(r), int(r));
}

QLabel* messageLabel(const QString& name, QWidget* parent)
{
    auto* l = new QLabel(parent);
    l->setObjectName(name);
    l->setWordWrap(true);
    l->setStyleSheet(QStringLiteral("color: #b00020;"));
    l->hide();
    return l;
}

} // namespace

AdminPage::AdminPage(QWidget* parent) : QWidget(parent), m_tabs(new QTabWidget(this))
{
    setObjectName(QStringLiteral("adminPage"));
    m_tabs->setObjectName(QStringLiteral("adminTabs"));
    m_tabs->addTab(buildUsers(), tr("Users"));
    m_tabs->addTab(buildSettings(), tr("Centre's wording on documents"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    setFocusProxy(m_users);
}

QLineEdit* AdminPage::addField(const QString& name, QWidget* parent)
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(name);
    m_fields.insert(name, edit);
    m_fieldMessages.insert(name, messageLabel(name + QStringLiteral("Message"), parent));
    return edit;
}

QWidget* AdminPage::buildUsers()
{
    auto* tab = new QWidget(this);
    m_users = new QTableWidget(0, 6, tab);
    m_users->setObjectName(QStringLiteral("adminUsers"));
    m_users->setHorizontalHeaderLabels(
        {tr("Login"), tr("Name"), tr("Role"), tr("Site"), tr("Window"), tr("State")});
    m_users->verticalHeader()->hide();
    m_users->horizontalHeader()->setStretchLastSection(true);
    m_users->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_users->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_users->setSelectionMode(QAbstractItemView::SingleSelection);
    connect(m_users, &QTableWidget::itemSelectionChanged, this, &AdminPage::selectionChanged);

    m_message = new QLabel(tab);
    m_message->setObjectName(QStringLiteral("adminMessage"));
    m_message->setWordWrap(true);
    m_message->hide();

    // The user chosen in the table.
    m_active = new QPushButton(tr("Disa&ble"), tab);
    m_active->setObjectName(QStringLiteral("adminActive"));
    m_unlock = new QPushButton(tr("&Unlock"), tab);
    m_unlock->setObjectName(QStringLiteral("adminUnlock"));
    auto* chosen = new QGroupBox(tr("The user chosen"), tab);
    auto* chosenForm = new QFormLayout(chosen);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_active);
    buttons->addWidget(m_unlock);
    buttons->addStretch(1);
    chosenForm->addRow(buttons);
    QLineEdit* reset = addField(QStringLiteral("resetPassword"), chosen);
    reset->setEchoMode(QLineEdit::Password);
    m_setPassword = new QPushButton(tr("Set the password"), chosen);
    m_setPassword->setObjectName(QStringLiteral("adminSetPassword"));
    auto* passwordRow = new QHBoxLayout;
    passwordRow->addWidget(reset, 1);
    passwordRow->addWidget(m_setPassword);
    auto* passwordLabel = new QLabel(tr("New &password"), chosen);
    passwordLabel->setBuddy(reset);
    chosenForm->addRow(passwordLabel, passwordRow);
    chosenForm->addRow(QString(), m_fieldMessages.value(QStringLiteral("resetPassword")));
    m_userRole = new QComboBox(chosen);
    m_userRole->setObjectName(QStringLiteral("adminUserRole"));
    fillRoles(m_userRole);
    m_setRole = new QPushButton(tr("Chan&ge the role"), chosen);
    m_setRole->setObjectName(QStringLiteral("adminSetRole"));
    auto* roleRow = new QHBoxLayout;
    roleRow->addWidget(m_userRole, 1);
    roleRow->addWidget(m_setRole);
    auto* roleLabel = new QLabel(tr("&Role"), chosen);
    roleLabel->setBuddy(m_userRole);
    chosenForm->addRow(roleLabel, roleRow);

    connect(m_active, &QPushButton::clicked, this, [this] {
        const QString login = selectedLogin();
        for (const User& u : std::as_const(m_userList))
            if (u.login == login)
                emit activeRequested(login, !u.active);
    });
    connect(m_unlock, &QPushButton::clicked, this,
            [this] { emit unlockRequested(selectedLogin()); });
    auto setPassword = [this, reset] { emit passwordRequested(selectedLogin(), reset->text()); };
    connect(m_setPassword, &QPushButton::clicked, this, setPassword);
    connect(reset, &QLineEdit::returnPressed, this, setPassword);
    connect(m_setRole, &QPushButton::clicked, this, [this] {
        emit roleRequested(selectedLogin(), Role(m_userRole->currentData().toInt()));
    });

    // A new user.
    auto* add = new QGroupBox(tr("A new user"), tab);
    auto* addForm = new QFormLayout(add);
    auto row = [&](const QString& label, const QString& name) {
        QLineEdit* edit = addField(name, add);
        auto* l = new QLabel(label, add);
        l->setBuddy(edit);
        addForm->addRow(l, edit);
        addForm->addRow(QString(), m_fieldMessages.value(name));
        return edit;
    };
    row(tr("Log&in"), QStringLiteral("login"));
    row(tr("&Name"), QStringLiteral("name"));
    m_newRole = new QComboBox(add);
    m_newRole->setObjectName(QStringLiteral("adminNewRole"));
    fillRoles(m_newRole);
    auto* roleLabel2 = new QLabel(tr("R&ole"), add);
    roleLabel2->setBuddy(m_newRole);
    addForm->addRow(roleLabel2, m_newRole);
    row(tr("&Site code"), QStringLiteral("site"));
    row(tr("Win&dow"), QStringLiteral("window"));
    row(tr("Pass&word"), QStringLiteral("password"))->setEchoMode(QLineEdit::Password);
    row(tr("R&epeat the password"), QStringLiteral("repeat"))->setEchoMode(QLineEdit::Password);
    m_add = new QPushButton(tr("&Add the user"), add);
    m_add->setObjectName(QStringLiteral("adminAdd"));
    addForm->addRow(QString(), m_add);
    auto requestAdd = [this] {
        emit addRequested(
            field(QStringLiteral("login"))->text(), field(QStringLiteral("name"))->text(),
            Role(m_newRole->currentData().toInt()), field(QStringLiteral("site"))->text(),
            field(QStringLiteral("window"))->text(), field(QStringLiteral("password"))->text(),
            field(QStringLiteral("repeat"))->text());
    };
    connect(m_add, &QPushButton::clicked, this, requestAdd);
    connect(field(QStringLiteral("repeat")), &QLineEdit::returnPressed, this, requestAdd);

    auto* right = new QVBoxLayout;
    right->addWidget(chosen);
    right->addWidget(add);
    right->addStretch(1);
    auto* columns = new QHBoxLayout;
    columns->addWidget(m_users, 3);
    columns->addLayout(right, 2);
    auto* layout = new QVBoxLayout(tab);
    layout->addWidget(m_message);
    layout->addLayout(columns, 1);
    selectionChanged();
    return tab;
}

QWidget* AdminPage::buildSettings()
{
    auto* tab = new QWidget(this);
    m_wordingNotice = new QLabel(
        tr("Every receipt and notice prints the centre's name, address and phones below. Until "
           "they are saved they are an example centre's: set this centre's own now."),
        tab);
    m_wordingNotice->setObjectName(QStringLiteral("adminWordingNotice"));
    m_wordingNotice->setWordWrap(true);
    m_wordingNotice->setFrameShape(QFrame::StyledPanel);
    m_wordingNotice->setMargin(8);
    m_wordingNotice->hide();
    m_settingsMessage = new QLabel(tab);
    m_settingsMessage->setObjectName(QStringLiteral("adminSettingsMessage"));
    m_settingsMessage->setWordWrap(true);
    m_settingsMessage->hide();
    m_settingsForm = new QWidget;
    // A description too long for one line stands whole above its field
    // (a wrapped label beside the field would be cut to the field's height).
    (new QFormLayout(m_settingsForm))->setRowWrapPolicy(QFormLayout::WrapLongRows);
    auto* scroll = new QScrollArea(tab);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_settingsForm);
    m_save = new QPushButton(tr("&Save the wording"), tab);
    m_save->setObjectName(QStringLiteral("adminSave"));
    connect(m_save, &QPushButton::clicked, this, [this] {
        QList<QPair<QString, QString>> changed;
        for (auto it = m_loaded.cbegin(); it != m_loaded.cend(); ++it)
            if (QLineEdit* e = field(QStringLiteral("setting_") + it.key()); e && e->text() != *it)
                changed.append({it.key(), e->text()});
        emit saveRequested(changed);
    });
    auto* save = new QShortcut(QKeySequence(QKeySequence::Save), tab);
    save->setContext(Qt::WidgetWithChildrenShortcut);
    connect(save, &QShortcut::activated, m_save, &QPushButton::click);
    auto* layout = new QVBoxLayout(tab);
    layout->addWidget(m_wordingNotice);
    layout->addWidget(m_settingsMessage);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_save, 0, Qt::AlignRight);
    return tab;
}

void AdminPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    emit shown();
}

void AdminPage::setUsers(const QList<User>& users, const QDateTime& now)
{
    const QString chosen = selectedLogin();
    m_userList = users;
    m_now = now;
    m_users->setRowCount(int(users.size()));
    for (int i = 0; i < users.size(); ++i) {
        const User& u = users.at(i);
        QString state = tr("active");
        if (!u.active)
            state = tr("disabled");
        else if (u.lockedUntilUnlock)
            state = tr("locked until unlocked");
        else if (u.lockedAt(now))
            state =
                tr("locked until %1")
                    .arg(u.lockedUntil.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        const QStringList cells{u.login,    u.displayName, displayName(u.role),
                                u.siteCode, u.window,      state};
        for (int c = 0; c < cells.size(); ++c)
            m_users->setItem(i, c, new QTableWidgetItem(cells.at(c)));
    }
    m_users->resizeColumnsToContents();
    if (!selectUser(chosen) && !users.isEmpty())
        m_users->selectRow(0);
    selectionChanged();
}

bool AdminPage::selectUser(const QString& login)
{
    for (int i = 0; i < m_userList.size(); ++i)
        if (!login.isEmpty() && m_userList.at(i).login == login) {
            m_users->selectRow(i);
            return true;
        }
    return false;
}

QString AdminPage::selectedLogin() const
{
    const int row = m_users->currentRow();
    if (row < 0 || row >= m_userList.size() || m_users->selectedItems().isEmpty())
        return {};
    return m_userList.at(row).login;
}

void AdminPage::selectionChanged()
{
    const QString login = selectedLogin();
    const User* user = nullptr;
    for (const User& u : std::as_const(m_userList))
        if (u.login == login)
            user = &u;
    m_active->setEnabled(user);
    m_unlock->setEnabled(user && user->active &&
                         (user->lockedAt(m_now) || user->failedAttempts > 0));
    m_setPassword->setEnabled(user);
    m_setRole->setEnabled(user);
    field(QStringLiteral("resetPassword"))->setEnabled(user);
    m_active->setText(user && !user->active ? tr("Ena&ble") : tr("Disa&ble"));
    if (user)
        m_userRole->setCurrentIndex(m_userRole->findData(int(user->role)));
}

void AdminPage::setSettings(const QList<Setting>& settings, bool wordingMissing)
{
    m_wordingNotice->setVisible(wordingMissing);
    auto* form = static_cast<QFormLayout*>(m_settingsForm->layout());
    m_loaded.clear();
    for (const Setting& s : settings) {
        const QString name = QStringLiteral("setting_") + s.key;
        QLineEdit* edit = field(name);
        if (!edit) {
            edit = addField(name, m_settingsForm);
            auto* label = new QLabel(s.description, m_settingsForm);
            label->setBuddy(edit);
            form->addRow(label, edit);
            form->addRow(QString(), m_fieldMessages.value(name));
        }
        if (edit->text() != s.value) // unchanged, it keeps its selection
            edit->setText(s.value);
        edit->setToolTip(s.key);
        m_loaded.insert(s.key, s.value);
    }
}

void AdminPage::showSettings()
{
    m_tabs->setCurrentIndex(1);
    if (QLineEdit* name = field(QStringLiteral("setting_name"))) {
        name->setFocus();
        name->selectAll();
    }
}

void AdminPage::clearMessages()
{
    for (QLabel* l : std::as_const(m_fieldMessages)) {
        l->clear();
        l->hide();
    }
    m_message->hide();
    m_settingsMessage->hide();
}

void AdminPage::showProblems(const QString& message, const QList<Problem>& problems)
{
    clearMessages();
    const bool settings = m_tabs->currentIndex() == 1;
    QStringList rest;
    for (const Problem& p : problems) {
        QString name = p.field;
        if (settings)
            name = QStringLiteral("setting_") + p.field;
        if (QLabel* l = m_fieldMessages.value(name)) {
            l->setText(p.message);
            l->show();
        } else {
            rest << p.message;
        }
    }
    QLabel* out = settings ? m_settingsMessage : m_message;
    out->setStyleSheet(QStringLiteral("color: #b00020;"));
    out->setText(rest.isEmpty() ? message
                                : message + QLatin1Char('\n') + rest.join(QLatin1Char('\n')));
    out->show();
}

void AdminPage::showDone(const QString& message)
{
    clearMessages();
    QLabel* out = m_tabs->currentIndex() == 1 ? m_settingsMessage : m_message;
    out->setStyleSheet(QString());
    out->setText(message);
    out->show();
}

void AdminPage::clearNewUser()
{
    for (const char* name : {"login", "name", "site", "window", "password", "repeat"})
        field(QLatin1String(name))->clear();
    m_newRole->setCurrentIndex(0);
}

} // namespace ow::ui
