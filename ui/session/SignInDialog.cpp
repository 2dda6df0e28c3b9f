#include "SignInDialog.h"

#include "auth/AuthService.h"

#include <QColor>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace ow::ui {

namespace {

// The error and each of its problems in the clerk's words, without the
// internal names of the fields (fullText() is for logs).
QString clerkText(const Error& e)
{
    QStringList lines{e.message};
    for (const Problem& p : e.problems)
        if (p.message != e.message)
            lines << p.message;
    return lines.join(QLatin1Char('\n'));
}

} // namespace

namespace {

QLabel* messageLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QStringLiteral("message"));
    label->setWordWrap(true);
    // A palette, not a style sheet: the first window paints sooner.
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, QColor(0xb0, 0x00, 0x20));
    label->setPalette(palette);
    label->hide();
    return label;
}

void showMessage(QLabel* label, const QString& text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

QLineEdit* passwordField(const QString& name, QWidget* parent)
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setEchoMode(QLineEdit::Password);
    return edit;
}

} // namespace

SignInDialog::SignInDialog(AuthService& auth, QWidget* parent)
    : QDialog(parent), m_auth(auth), m_login(new QLineEdit(this)),
      m_password(passwordField(QStringLiteral("password"), this)),
      m_signIn(new QPushButton(tr("Sign in"), this)), m_message(ui::messageLabel(this))
{
    setWindowTitle(tr("OneWindow: sign in"));
    setObjectName(QStringLiteral("signInDialog"));
    m_login->setObjectName(QStringLiteral("login"));
    m_signIn->setObjectName(QStringLiteral("signIn"));
    m_signIn->setDefault(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Login"), m_login);
    form->addRow(tr("Password"), m_password);
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_signIn, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel)->setText(tr("Quit"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Sign in to the comprehensive window."), this));
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SignInDialog::trySignIn);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_login->setFocus();
}

void SignInDialog::trySignIn()
{
    if (m_login->text().trimmed().isEmpty()) {
        showMessage(m_message, tr("Type your login."));
        m_login->setFocus();
        return;
    }
    auto session = m_auth.signIn(m_login->text(), m_password->text());
    m_password->clear();
    if (!session) {
        showMessage(m_message, clerkText(session.error()));
        m_password->setFocus();
        return;
    }
    m_session = session.value();
    showMessage(m_message, {});
    accept();
}

FirstAdministratorDialog::FirstAdministratorDialog(AuthService& auth, QWidget* parent)
    : QDialog(parent), m_auth(auth), m_login(new QLineEdit(this)), m_name(new QLineEdit(this)),
      m_site(new QLineEdit(this)), m_window(new QLineEdit(this)),
      m_password(passwordField(QStringLiteral("password"), this)),
      m_repeat(passwordField(QStringLiteral("repeat"), this)),
      m_create(new QPushButton(tr("Create and sign in"), this)), m_message(ui::messageLabel(this))
{
    setWindowTitle(tr("OneWindow: first start"));
    setObjectName(QStringLiteral("firstAdministratorDialog"));
    m_login->setObjectName(QStringLiteral("login"));
    m_name->setObjectName(QStringLiteral("name"));
    m_site->setObjectName(QStringLiteral("site"));
    m_site->setPlaceholderText(tr("e.g. 320581001: every case number starts with it"));
    m_site->setToolTip(tr("The code of this service centre. Without it the workbench cannot "
                          "accept cases; a clerk's own account may name another site."));
    m_window->setObjectName(QStringLiteral("window"));
    m_window->setPlaceholderText(tr("e.g. 1"));
    m_create->setObjectName(QStringLiteral("create"));
    m_create->setDefault(true);
    auto* intro = new QLabel(tr("This counter has no user yet. Create its administrator: they "
                                "add the clerks and supervisors afterwards. The site and "
                                "window say where this counter stands."),
                             this);
    intro->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Login"), m_login);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Site code"), m_site);
    form->addRow(tr("Window"), m_window);
    form->addRow(tr("Password"), m_password);
    form->addRow(tr("Repeat the password"), m_repeat);
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_create, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel)->setText(tr("Quit"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &FirstAdministratorDialog::create);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_login->setFocus();
}

void FirstAdministratorDialog::create()
{
    if (m_password->text() != m_repeat->text()) {
        showMessage(m_message, tr("The two passwords differ."));
        m_repeat->clear();
        m_repeat->setFocus();
        return;
    }
    NewUser admin;
    admin.login = m_login->text();
    admin.displayName = m_name->text();
    admin.role = Role::Administrator;
    admin.siteCode = m_site->text().trimmed();
    admin.window = m_window->text().trimmed();
    if (admin.siteCode.contains(QRegularExpression(QStringLiteral("\\s")))) {
        showMessage(m_message, tr("Site code: it holds no spaces."));
        m_site->setFocus();
        return;
    }
    auto created = m_auth.createFirstAdministrator(admin, m_password->text());
    if (!created) {
        showMessage(m_message, clerkText(created.error()));
        return;
    }
    auto session = m_auth.signIn(created->login, m_password->text());
    m_password->clear();
    m_repeat->clear();
    if (!session) {
        showMessage(m_message, clerkText(session.error()));
        return;
    }
    m_session = session.value();
    accept();
}

QDialog* startDialog(AuthService& auth, QWidget* parent, const QString& siteCode,
                     const QString& window)
{
    auto has = auth.hasUsers();
    if (has && !has.value()) {
        auto* first = new FirstAdministratorDialog(auth, parent);
        first->siteEdit()->setText(siteCode);
        first->windowEdit()->setText(window);
        return first;
    }
    return new SignInDialog(auth, parent);
}

Session sessionOf(const QDialog* dialog)
{
    if (const auto* s = qobject_cast<const SignInDialog*>(dialog))
        return s->session();
    if (const auto* f = qobject_cast<const FirstAdministratorDialog*>(dialog))
        return f->session();
    return {};
}

} // namespace ow::ui
