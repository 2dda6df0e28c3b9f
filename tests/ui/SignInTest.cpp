// Signing in on a real store, through the real dialogs, offscreen: the
// first start creates the administrator, a wrong password is refused on
// the dialog itself and the right one lets in; the idle screen lock covers
// the window and opens only with the user's password.
#include "MainWindow.h"
#include "TestSupport.h"
#include "auth/AuthService.h"
#include "catalogue/CatalogueService.h"
#include "session/ScreenLock.h"
#include "session/SignInDialog.h"
#include "workbench/CatalogueSearchView.h"
#include "workbench/WorkbenchPage.h"

#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace ow;
using namespace ow::ui;
using namespace ow::test;

namespace {

int count(Database& db, const QString& sql)
{
    QSqlQuery q = db.query();
    REQUIRE(q.exec(sql));
    REQUIRE(q.next());
    return q.value(0).toInt();
}

// Typed as at the keyboard; Chinese arrives from the input method as one
// committed string.
void type(QLineEdit* edit, const QString& text)
{
    edit->clear();
    bool ascii = true;
    for (QChar c : text)
        ascii = ascii && c.unicode() < 128;
    if (ascii) {
        QTest::keyClicks(edit, text);
        return;
    }
    edit->setFocus();
    QInputMethodEvent event;
    event.setCommitString(text);
    QCoreApplication::sendEvent(edit, &event);
}

} // namespace

TEST_CASE("Sign-in: the first start offers the site and window the counter was started with",
          "[ui][auth]")
{
    TempStore store;
    AuthService auth(*store.db);
    std::unique_ptr<QDialog> start(
        startDialog(auth, nullptr, QStringLiteral("320581101"), QStringLiteral("3")));
    auto* first = qobject_cast<FirstAdministratorDialog*>(start.get());
    REQUIRE(first);
    CHECK(first->siteEdit()->text() == QStringLiteral("320581101"));
    CHECK(first->windowEdit()->text() == QStringLiteral("3"));
    // Nothing given: nothing offered.
    std::unique_ptr<QDialog> plain(startDialog(auth));
    auto* empty = qobject_cast<FirstAdministratorDialog*>(plain.get());
    REQUIRE(empty);
    CHECK(empty->siteEdit()->text().isEmpty());
}

TEST_CASE("Sign-in: the first start creates the administrator, then a wrong password is refused "
          "and the right one signs in",
          "[ui][auth]")
{
    TempStore store;
    AuthService auth(*store.db);
    {
        std::unique_ptr<QDialog> start(startDialog(auth));
        auto* first = qobject_cast<FirstAdministratorDialog*>(start.get());
        REQUIRE(first);
        first->show();
        REQUIRE(QTest::qWaitForWindowExposed(first));
        QSignalSpy accepted(first, &QDialog::accepted);

        type(first->loginEdit(), QStringLiteral("admin"));
        type(first->nameEdit(), QStringLiteral("陈主任"));
        type(first->siteEdit(), QStringLiteral("320581001"));
        type(first->windowEdit(), QStringLiteral("1"));
        type(first->passwordEdit(), QStringLiteral("first-admin-1"));
        type(first->repeatEdit(), QStringLiteral("first-admin-2"));
        QTest::mouseClick(first->createButton(), Qt::LeftButton);
        CHECK(first->messageLabel()->isVisible());
        CHECK_FALSE(first->messageLabel()->text().isEmpty());
        CHECK(accepted.isEmpty());
        CHECK(count(*store.db, QStringLiteral("SELECT count(*) FROM app_user")) == 0);

        type(first->repeatEdit(), QStringLiteral("first-admin-1"));
        QTest::keyClick(first->repeatEdit(), Qt::Key_Return);
        REQUIRE(accepted.size() == 1);
        CHECK(first->session().login() == QStringLiteral("admin"));
        CHECK(first->session().role() == Role::Administrator);
        CHECK(sessionOf(first).displayName() == QStringLiteral("陈主任"));
        // The counter's place comes with the administrator's account.
        CHECK(first->session().siteCode() == QStringLiteral("320581001"));
        CHECK(first->session().window() == QStringLiteral("1"));
    }
    CHECK(count(*store.db, QStringLiteral("SELECT count(*) FROM app_user WHERE role = "
                                          "'administrator'")) == 1);

    // The next start asks for a login.
    std::unique_ptr<QDialog> start(startDialog(auth));
    auto* signIn = qobject_cast<SignInDialog*>(start.get());
    REQUIRE(signIn);
    signIn->show();
    REQUIRE(QTest::qWaitForWindowExposed(signIn));
    QSignalSpy accepted(signIn, &QDialog::accepted);
    type(signIn->loginEdit(), QStringLiteral("admin"));
    type(signIn->passwordEdit(), QStringLiteral("not-the-password"));
    QTest::mouseClick(signIn->signInButton(), Qt::LeftButton);
    CHECK(accepted.isEmpty());
    CHECK(signIn->isVisible());
    CHECK(signIn->messageLabel()->isVisible());
    // The message says how many attempts are left (4 of the default 5).
    CHECK(signIn->messageLabel()->text().contains(QLatin1Char('4')));
    CHECK(signIn->loginEdit()->text() == QStringLiteral("admin"));
    CHECK(signIn->passwordEdit()->text().isEmpty());

    type(signIn->passwordEdit(), QStringLiteral("first-admin-1"));
    QTest::keyClick(signIn->passwordEdit(), Qt::Key_Return);
    REQUIRE(accepted.size() == 1);
    CHECK(signIn->session().login() == QStringLiteral("admin"));
    CHECK(count(*store.db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                          "'auth.sign-in' AND actor = 'admin'")) == 2);
}

TEST_CASE("Screen lock: idle time covers the window, only the user's password opens it",
          "[ui][auth]")
{
    TempStore store;
    CatalogueService catalogue(*store.db);
    REQUIRE(catalogue.load().ok());
    AuthService auth(*store.db);
    NewUser u{QStringLiteral("wangfang"), QStringLiteral("王芳"), Role::Clerk, {}, {}, {}};
    REQUIRE(auth.addUser(Session::system(), u, QStringLiteral("counter-pass-7")).ok());
    auto session = auth.signIn(QStringLiteral("wangfang"), QStringLiteral("counter-pass-7"));
    REQUIRE(session.ok());

    MainWindow window(*store.db, catalogue);
    showSignedIn(&window, *session);
    CHECK(window.findChild<QLabel*>(QStringLiteral("statusClerk"))
              ->text()
              .contains(QStringLiteral("王芳")));
    ScreenLock lock(auth, *session, &window, 200);
    QSignalSpy locked(&lock, &ScreenLock::locked);
    window.show();
    window.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&window));
    QLineEdit* search = window.workbench()->searchView()->searchEdit();
    CHECK_FALSE(lock.isLocked());

    // No input: the lock comes, covering the whole window.
    REQUIRE(locked.wait(5000));
    CHECK(lock.isLocked());
    CHECK(lock.panel()->isVisible());
    CHECK(lock.panel()->geometry() == window.rect());

    // Typing goes nowhere behind the panel.
    search->setFocus();
    QTest::keyClicks(search, QStringLiteral("pswxk"));
    CHECK(search->text().isEmpty());

    QSignalSpy unlocked(&lock, &ScreenLock::unlocked);
    type(lock.passwordEdit(), QStringLiteral("wrong-pass"));
    QTest::mouseClick(lock.unlockButton(), Qt::LeftButton);
    CHECK(lock.isLocked());
    CHECK_FALSE(lock.messageLabel()->text().isEmpty());
    // The whole message shows, every line of it.
    QApplication::processEvents();
    CHECK(lock.messageLabel()->height() >=
          lock.messageLabel()->heightForWidth(lock.messageLabel()->width()));
    type(lock.passwordEdit(), QStringLiteral("counter-pass-7"));
    QTest::keyClick(lock.passwordEdit(), Qt::Key_Return);
    CHECK(unlocked.size() == 1);
    CHECK_FALSE(lock.isLocked());
    CHECK_FALSE(lock.panel()->isVisible());
    CHECK(count(*store.db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                          "'auth.resume'")) == 1);

    // Ctrl+L: the clerk steps away and locks at once.
    QTest::keyClick(search, Qt::Key_L, Qt::ControlModifier);
    CHECK(lock.isLocked());
    CHECK(locked.size() == 2);
    type(lock.passwordEdit(), QStringLiteral("counter-pass-7"));
    QTest::keyClick(lock.passwordEdit(), Qt::Key_Return);
    CHECK_FALSE(lock.isLocked());

    // Input keeps it open; idle again locks it again.
    lock.setIdleMsecs(400);
    for (int i = 0; i < 4; ++i) {
        QTest::qWait(150);
        QTest::keyClick(search, Qt::Key_A);
        CHECK_FALSE(lock.isLocked());
    }
    REQUIRE(locked.wait(5000));
    CHECK(lock.isLocked());
}
