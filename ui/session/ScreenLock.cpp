#include "ScreenLock.h"

#include "auth/AuthService.h"

#include <QApplication>
#include <QEvent>
#include <QLabel>
#include <QKeySequence>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QTimer>
#include <QVBoxLayout>

namespace ow::ui {

namespace {

bool isInput(QEvent::Type t)
{
    switch (t) {
    case QEvent::KeyPress:
    case QEvent::KeyRelease:
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::ShortcutOverride:
    case QEvent::Shortcut:
        return true;
    default:
        return false;
    }
}

} // namespace

ScreenLock::ScreenLock(AuthService& auth, Session session, QWidget* window, int idleMsecs,
                       QObject* parent)
    : QObject(parent), m_auth(auth), m_session(std::move(session)), m_window(window),
      m_timer(new QTimer(this)), m_panel(new QWidget(window)), m_password(new QLineEdit),
      m_unlock(new QPushButton(tr("Unlock"))), m_message(new QLabel)
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ScreenLock::lock);

    m_panel->setObjectName(QStringLiteral("screenLock"));
    m_panel->setAutoFillBackground(true);
    m_panel->setAttribute(Qt::WA_StyledBackground);
    m_panel->setStyleSheet(QStringLiteral("#screenLock { background: palette(window); }"));
    auto* title = new QLabel(tr("The screen is locked."));
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    title->setFont(big);
    auto* who = new QLabel(tr("Signed in: %1 (%2). Type the password to go on.")
                               .arg(m_session.displayName(), m_session.login()));
    who->setObjectName(QStringLiteral("lockedUser"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setMaximumWidth(320);
    m_unlock->setObjectName(QStringLiteral("unlock"));
    m_unlock->setDefault(true);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020;"));
    // A fixed width, so that a wrapped message gets the height of all its
    // lines (a centred label is otherwise sized to its first line).
    m_message->setFixedWidth(480);
    m_message->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    auto* layout = new QVBoxLayout(m_panel);
    layout->addStretch();
    for (QWidget* w : {static_cast<QWidget*>(title), static_cast<QWidget*>(who),
                       static_cast<QWidget*>(m_password), static_cast<QWidget*>(m_unlock),
                       static_cast<QWidget*>(m_message)})
        layout->addWidget(w, 0, Qt::AlignHCenter);
    layout->addStretch();
    m_panel->hide();
    connect(m_unlock, &QPushButton::clicked, this, &ScreenLock::tryUnlock);
    connect(m_password, &QLineEdit::returnPressed, this, &ScreenLock::tryUnlock);

    if (m_window) {
        m_window->installEventFilter(this);
        // The clerk stepping away locks at once.
        auto* now = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_L), m_window);
        now->setObjectName(QStringLiteral("lockNow"));
        now->setContext(Qt::WindowShortcut);
        connect(now, &QShortcut::activated, this, &ScreenLock::lock);
    }
    qApp->installEventFilter(this);
    setIdleMsecs(idleMsecs);
}

ScreenLock::~ScreenLock()
{
    qApp->removeEventFilter(this);
}

void ScreenLock::setIdleMsecs(int msecs)
{
    m_idleMsecs = msecs;
    restartTimer();
}

void ScreenLock::restartTimer()
{
    if (m_idleMsecs > 0 && !m_locked)
        m_timer->start(m_idleMsecs);
    else
        m_timer->stop();
}

void ScreenLock::placePanel()
{
    if (m_window)
        m_panel->setGeometry(m_window->rect());
}

bool ScreenLock::insidePanel(QObject* object) const
{
    for (QObject* o = object; o; o = o->parent())
        if (o == m_panel)
            return true;
    return false;
}

void ScreenLock::lock()
{
    if (m_locked || !m_window)
        return;
    m_locked = true;
    m_timer->stop();
    m_password->clear();
    m_message->clear();
    placePanel();
    m_panel->show();
    m_panel->raise();
    m_password->setFocus();
    emit locked();
}

void ScreenLock::tryUnlock()
{
    if (!m_locked)
        return;
    auto resumed = m_auth.resume(m_session, m_password->text());
    m_password->clear();
    if (!resumed) {
        m_message->setText(resumed.error().fullText());
        m_password->setFocus();
        return;
    }
    m_locked = false;
    m_panel->hide();
    restartTimer();
    emit unlocked();
}

bool ScreenLock::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_window && event->type() == QEvent::Resize && m_locked)
        placePanel();
    if (!isInput(event->type()))
        return QObject::eventFilter(watched, event);
    if (!m_locked) {
        restartTimer();
        return QObject::eventFilter(watched, event);
    }
    // Locked: the panel gets its input, nothing behind it does (shortcuts
    // included). Other top-level windows (a dialog of another program) are
    // not ours to block.
    if (insidePanel(watched))
        return QObject::eventFilter(watched, event);
    QObject* target = watched;
    if (auto* shortcut = qobject_cast<QShortcut*>(watched))
        target = shortcut->parent();
    auto* widget = qobject_cast<QWidget*>(target);
    // The window system's own objects pass: they hand keys on to the focus.
    if (!widget || !m_window)
        return QObject::eventFilter(watched, event);
    if (widget == m_window || m_window->isAncestorOf(widget)) {
        if (event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride)
            m_password->setFocus();
        return true;
    }
    return QObject::eventFilter(watched, event);
}

void showSignedIn(QWidget* window, const Session& session)
{
    if (!window)
        return;
    if (auto* label = window->findChild<QLabel*>(QStringLiteral("statusClerk")))
        label->setText(
            QCoreApplication::translate("ow::ui::ScreenLock", "Signed in: %1 (%2, %3)")
                .arg(session.displayName(), session.login(), displayName(session.role())));
}

} // namespace ow::ui
