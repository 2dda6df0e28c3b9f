// What exists can be found: every page key is on its button's tooltip and
// reaches the page, F1 lists the keys of the page in view, the status bar
// keeps site, window and clerk in view while a message shows, and the sync
// page is reachable (Ctrl+8) on a counter with no centre, saying so, with
// what waits and how to connect.
#include "IntakeCounter.h"
#include "auth/AuthService.h"
#include "cases/CasesPage.h"
#include "help/KeyHelp.h"
#include "sync/Outbox.h"
#include "sync/SyncIndicator.h"
#include "sync/SyncPanel.h"

#include <QRegularExpression>
#include <QStatusBar>
#include <QTableWidget>

using namespace ow::uitest;

namespace {

// 周文 (zhouwen) signed in as a clerk.
Session clerkSignedIn(Database& db, const Clock& clock)
{
    AuthService auth(db, clock);
    NewUser admin{
        QStringLiteral("admin"), QStringLiteral("陈管理"), Role::Administrator, {}, {}, {}};
    REQUIRE(auth.createFirstAdministrator(admin, QStringLiteral("Admin-pass-2025")).ok());
    const auto as = auth.signIn(QStringLiteral("admin"), QStringLiteral("Admin-pass-2025"));
    REQUIRE(as.ok());
    NewUser clerk{QStringLiteral("zhouwen"), QStringLiteral("周文"), Role::Clerk, {}, {}, {}};
    REQUIRE(auth.addUser(*as, clerk, QStringLiteral("Clerk-pass-2025")).ok());
    const auto session = auth.signIn(QStringLiteral("zhouwen"), QStringLiteral("Clerk-pass-2025"));
    REQUIRE(session.ok());
    return *session;
}

QListWidget* navigation(const Counter& c)
{
    auto* nav = c.window->findChild<QListWidget*>(QStringLiteral("navigation"));
    REQUIRE(nav);
    return nav;
}

// The F1 window's rows, "key<TAB>what", once it shows.
// The sync page's line of what waits: `n` records, all under an hour old.
QString waiting(int n)
{
    return QCoreApplication::translate("ow::ui::SyncPanel",
                                       "%1 in all: %2 under an hour, %3 under a day, %4 older")
        .arg(n)
        .arg(n)
        .arg(0)
        .arg(0);
}

QStringList keyHelpRows(const Counter& c)
{
    QTest::keyClick(Counter::focus() ? Counter::focus() : c.window.get(), Qt::Key_F1);
    KeyHelpDialog* help = c.window->keyHelp();
    REQUIRE(help);
    REQUIRE(QTest::qWaitForWindowActive(help));
    const QStringList rows = help->rows();
    CHECK(help->isModal());
    // Esc closes it and the window has the keyboard again.
    QTest::keyClick(help, Qt::Key_Escape);
    REQUIRE(QTest::qWaitFor([&] { return c.window->keyHelp() == nullptr; }));
    c.window->activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(c.window.get()));
    return rows;
}

// Ctrl+<n> from wherever the keyboard is.
void pageKey(const Counter& c, int n)
{
    QWidget* to = Counter::focus() ? Counter::focus() : c.window.get();
    QTest::keyClick(to, Qt::Key(Qt::Key_0 + n), Qt::ControlModifier);
}

bool hasKey(const QStringList& rows, const QString& key)
{
    for (const QString& r : rows)
        if (r.section(QLatin1Char('\t'), 0, 0) == key)
            return true;
    return false;
}

} // namespace

TEST_CASE("every page's key is on its button's tooltip and shows the page, the same for a clerk")
{
    Counter c(QDateTime(QDate(2025, 3, 14), QTime(9, 30), QTimeZone(8 * 3600)), clerkSignedIn);
    QListWidget* nav = navigation(c);
    REQUIRE(nav->count() >= 6);
    static const QRegularExpression keyInTip(QStringLiteral("Ctrl\\+(\\d)"));
    QStringList keys;
    for (int row = nav->count() - 1; row >= 0; --row) {
        const QString tip = nav->item(row)->toolTip();
        CAPTURE(nav->item(row)->text(), tip);
        CHECK(tip.contains(nav->item(row)->text()));
        const auto m = keyInTip.match(tip);
        REQUIRE(m.hasMatch());
        keys << m.captured(1);
        pageKey(c, m.captured(1).toInt());
        CHECK(nav->currentRow() == row);
    }
    // No key twice; the clerk has no statistics or sampling (Ctrl+6, 7), and
    // the sync page keeps the key it has for a supervisor.
    CHECK(QSet<QString>(keys.cbegin(), keys.cend()).size() == keys.size());
    CHECK(keys.contains(QStringLiteral("8")));
    CHECK_FALSE(keys.contains(QStringLiteral("6")));
    CHECK_FALSE(keys.contains(QStringLiteral("9")));
}

TEST_CASE("F1 shows the keys of the page in view")
{
    Counter c;
    // The workbench: its function keys and every page's key.
    const QStringList workbench = keyHelpRows(c);
    CAPTURE(workbench);
    for (const char* key : {"F3 / Ctrl+F", "F4", "F6", "F8", "F9", "F10", "Ctrl+N", "Ctrl+1",
                            "Ctrl+2", "Ctrl+8", "F1", "Ctrl+L"})
        CHECK(hasKey(workbench, QLatin1String(key)));
    CHECK_FALSE(hasKey(workbench, QStringLiteral("Ctrl+R")));
    CHECK(Counter::focus() == c.search()); // the keyboard back where it was

    // The cases page: the reprint, the search.
    pageKey(c, 2);
    REQUIRE(c.window->cases()->isVisible());
    const QStringList cases = keyHelpRows(c);
    CAPTURE(cases);
    CHECK(hasKey(cases, QStringLiteral("Ctrl+R")));
    CHECK(hasKey(cases, QStringLiteral("Ctrl+F")));
    CHECK_FALSE(hasKey(cases, QStringLiteral("F8")));

    // The consultations page: its fields' Alt keys, read off the page.
    pageKey(c, 4);
    const QStringList consult = keyHelpRows(c);
    CAPTURE(consult);
    CHECK(hasKey(consult, QStringLiteral("Ctrl+Enter")));
    CHECK(hasKey(consult, QStringLiteral("Alt+T")));
}

TEST_CASE("site, window and clerk stay in view while the status bar shows a message")
{
    Counter c;
    QStatusBar* bar = c.window->statusBar();
    auto* site = bar->findChild<QLabel*>(QStringLiteral("statusSite"));
    auto* window = bar->findChild<QLabel*>(QStringLiteral("statusWindow"));
    auto* clerk = bar->findChild<QLabel*>(QStringLiteral("statusClerk"));
    REQUIRE((site && window && clerk));
    CHECK(site->text().contains(QStringLiteral("320581001")));
    CHECK(window->text().contains(QStringLiteral("C02")));
    CHECK(clerk->text().contains(QStringLiteral("周文")));

    // An item chosen: the bar says so for a while.
    c.type(QStringLiteral("pswxk"));
    Counter::key(Qt::Key_Return);
    REQUIRE_FALSE(bar->currentMessage().isEmpty());
    CHECK(site->isVisible());
    CHECK(window->isVisible());
    CHECK(clerk->isVisible());
    // Nothing sits on them: the message takes the rest of the bar.
    for (QLabel* l : {site, window, clerk}) {
        CHECK(l->width() > 0);
        CHECK_FALSE(l->visibleRegion().isEmpty());
    }
}

TEST_CASE("Ctrl+8 shows the sync page with no centre: it says so, what waits and how to connect")
{
    Counter c(QDateTime(QDate(2025, 3, 14), QTime(9, 30), QTimeZone(8 * 3600)), clerkSignedIn);
    Outbox outbox(*c.store.db);
    auto add = [&](int i) {
        REQUIRE(outbox
                    .add(QStringLiteral("applicant"), QStringLiteral("a%1").arg(i),
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("王芳")}},
                         c.clock.now())
                    .ok());
    };
    for (int i = 0; i < 9; ++i)
        add(i);

    pageKey(c, 8);
    SyncPanel* panel = c.window->syncPanel();
    REQUIRE(panel);
    REQUIRE(panel->isVisible());
    auto* setup = panel->findChild<QLabel*>(QStringLiteral("syncSetup"));
    auto* pending = panel->findChild<QLabel*>(QStringLiteral("syncPending"));
    auto* state = panel->findChild<QLabel*>(QStringLiteral("syncState"));
    REQUIRE((setup && pending && state));
    CHECK(setup->isVisible());
    CHECK(setup->text().contains(QStringLiteral("onewindow-admin sync configure")));
    CHECK(pending->text() == waiting(9));
    CHECK(state->text().startsWith(
        QCoreApplication::translate("ow::ui::SyncIndicator", "Centre: not connected")));
    // The status bar tells it too.
    auto* indicator =
        c.window->statusBar()->findChild<SyncIndicator*>(QStringLiteral("statusSync"));
    REQUIRE(indicator);
    CHECK(indicator->isVisible());
    CHECK(indicator->text().contains(QStringLiteral("9")));

    // Read again each time the page shows.
    add(9);
    pageKey(c, 1);
    pageKey(c, 8);
    REQUIRE(panel->isVisible());
    CHECK(pending->text() == waiting(10));
}
