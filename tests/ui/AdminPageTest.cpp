// The administrator's page, through the real main window: the first start
// asks for the centre's wording and the receipt printed after it shows it;
// users are added (the password policy's refusal under its field),
// disabled, unlocked, given a new password and another role from the
// keyboard; a clerk neither sees the page nor gets past the services.
#include "admin/AdminPage.h"

#include "../core/DocumentFixtures.h"
#include "IntakeCounter.h"
#include "auth/AuthService.h"
#include "documents/CentreSettingsService.h"

#include <QComboBox>
#include <QTableWidget>

using namespace ow::uitest;
using namespace ow::doctest;

namespace {

const QDateTime kNow(QDate(2025, 3, 14), QTime(9, 30), QTimeZone(8 * 3600));

// The first start: the administrator created and signed in, nothing else.
Session firstAdministrator(Database& db, const Clock& clock)
{
    AuthService auth(db, clock);
    NewUser admin{QStringLiteral("admin"),     QStringLiteral("陈管理"), Role::Administrator,
                  QStringLiteral("320581001"), QStringLiteral("C02"),    {}};
    REQUIRE(auth.createFirstAdministrator(admin, QStringLiteral("Admin-pass-2025")).ok());
    const auto session = auth.signIn(QStringLiteral("admin"), QStringLiteral("Admin-pass-2025"));
    REQUIRE(session.ok());
    return *session;
}

// A later start: the wording was set before.
Session administrator(Database& db, const Clock& clock)
{
    const Session s = firstAdministrator(db, clock);
    REQUIRE(CentreSettingsService(db, clock)
                .set(s, QStringLiteral("name"), QStringLiteral("常熟市政务服务中心"))
                .ok());
    return s;
}

Session clerk(Database& db, const Clock& clock)
{
    const Session admin = firstAdministrator(db, clock);
    AuthService auth(db, clock);
    NewUser u{QStringLiteral("zhouwen"), QStringLiteral("周文"), Role::Clerk, {}, {}, {}};
    REQUIRE(auth.addUser(admin, u, QStringLiteral("Clerk-pass-2025")).ok());
    const auto session = auth.signIn(QStringLiteral("zhouwen"), QStringLiteral("Clerk-pass-2025"));
    REQUIRE(session.ok());
    return *session;
}

// Replaces the text of `edit` as at the keyboard: focus, Ctrl+A, type.
void retype(QLineEdit* edit, const QString& text)
{
    REQUIRE(edit);
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    bool ascii = true;
    for (QChar ch : text)
        ascii = ascii && ch.unicode() < 128;
    if (ascii) {
        QTest::keyClicks(edit, text);
    } else {
        QInputMethodEvent event;
        event.setCommitString(text);
        QApplication::sendEvent(edit, &event);
    }
    REQUIRE(edit->text() == text);
}

// Alt+<key> on the button: it clicks itself a moment after its mnemonic.
void press(QPushButton* button, Qt::Key key)
{
    REQUIRE(button);
    REQUIRE(button->isEnabled());
    Counter::key(key, Qt::AltModifier);
    REQUIRE(QTest::qWaitFor([button] { return !button->isDown(); }));
}

QString stateOf(AdminPage* page, const QString& login)
{
    QTableWidget* t = page->usersTable();
    for (int r = 0; r < t->rowCount(); ++r)
        if (t->item(r, 0)->text() == login)
            return t->item(r, 5)->text();
    return {};
}

QString roleOf(AdminPage* page, const QString& login)
{
    QTableWidget* t = page->usersTable();
    for (int r = 0; r < t->rowCount(); ++r)
        if (t->item(r, 0)->text() == login)
            return t->item(r, 2)->text();
    return {};
}

// Scenario 3 decided at the counter, through the window's own context.
Decision accept(Counter& c)
{
    auto request =
        IntakeRequest::fromJson(scenario(QStringLiteral("scenario-3-drainage-permit-ems.json")));
    REQUIRE(request);
    IntakeService service(*c.store.db, c.catalogue, WorkCalendar::builtIn(),
                          request->context(c.context));
    auto decided = request->run(service);
    if (!decided)
        FAIL(decided.error().fullText().toStdString());
    return *decided;
}

} // namespace

TEST_CASE("the first start asks the administrator for the centre's wording, and the receipt "
          "printed after shows it")
{
    Counter c(kNow, firstAdministrator);
    AdminPage* admin = c.window->admin();
    REQUIRE(admin);
    // The window opens on the wording, the keyboard in the centre's name.
    REQUIRE(admin->isVisible());
    CHECK(admin->wordingNotice()->isVisible());
    CHECK(Counter::focus() == admin->field(QStringLiteral("setting_name")));
    Counter::commit(QStringLiteral("常熟市政务服务中心"));
    CHECK(admin->field(QStringLiteral("setting_name"))->text() ==
          QStringLiteral("常熟市政务服务中心"));
    retype(admin->field(QStringLiteral("setting_address")),
           QStringLiteral("常熟市金沙江路8号市民服务中心"));
    retype(admin->field(QStringLiteral("setting_sealText")),
           QStringLiteral("常熟市政务服务中心业务专用章"));
    retype(admin->field(QStringLiteral("setting_queryPhone")), QStringLiteral("0512-5"));
    retype(admin->field(QStringLiteral("setting_queryUrl")),
           QStringLiteral("https://zwfw.changshu.gov.cn/query?case={case}"));

    // A phone the validators refuse: said under the field, nothing saved.
    Counter::key(Qt::Key_S, Qt::ControlModifier);
    QLabel* phoneMessage = admin->fieldMessage(QStringLiteral("setting_queryPhone"));
    REQUIRE(phoneMessage);
    CHECK(phoneMessage->isVisible());
    CHECK_FALSE(phoneMessage->text().isEmpty());
    CHECK(admin->settingsMessage()->text().contains(QStringLiteral("0512-5")));
    CHECK_FALSE(CentreSettingsService(*c.store.db).wordingSet().value());

    retype(admin->field(QStringLiteral("setting_queryPhone")), QStringLiteral("0512-52011234"));
    Counter::key(Qt::Key_S, Qt::ControlModifier);
    CHECK_FALSE(phoneMessage->isVisible());
    CHECK(admin->settingsMessage()->isVisible());
    CHECK_FALSE(admin->wordingNotice()->isVisible());
    CHECK(CentreSettingsService(*c.store.db).wordingSet().value());

    // A case accepted after it: its receipt prints this centre, not the example.
    const Decision d = accept(c);
    REQUIRE(d.kind == DecisionKind::Accept);
    DocumentPrinting& printing = c.window->printing();
    auto receipt = printing.documents().forCase(DocumentKind::AcceptanceReceipt, d.caseNumber);
    REQUIRE(receipt);
    const QString pdf = c.store.dir.filePath(QStringLiteral("receipt.pdf"));
    REQUIRE(printing.exportPdf(*receipt, pdf));
    const QString text = squeezed(pdfText(pdf));
    CHECK(text.contains(QStringLiteral("常熟市政务服务中心")));
    CHECK(text.contains(QStringLiteral("0512-52011234")));
    CHECK_FALSE(text.contains(QStringLiteral("江城市")));
    auto* shown = dynamic_cast<const AcceptanceReceipt*>(receipt->document.get());
    REQUIRE(shown);
    CHECK(shown->qrPayload() ==
          QStringLiteral("https://zwfw.changshu.gov.cn/query?case=%1").arg(d.caseNumber).toUtf8());

    // The next start goes to the workbench: the wording is set.
    MainWindow again(*c.store.db, c.catalogue, c.context);
    CHECK(again.admin() != nullptr);
    CHECK_FALSE(again.admin()->isVisibleTo(&again));
}

TEST_CASE("the administrator adds, disables, unlocks, sets a password and a role by keyboard")
{
    Counter c(kNow, administrator);
    CHECK(Counter::focus() == c.search());
    Counter::key(Qt::Key_9, Qt::ControlModifier);
    AdminPage* admin = c.window->admin();
    REQUIRE(admin);
    REQUIRE(admin->isVisible());
    REQUIRE(admin->tabs()->currentIndex() == 0);
    AuthService auth(*c.store.db, c.clock);
    for (const char* name : {"password", "repeat", "resetPassword"})
        CHECK(admin->field(QLatin1String(name))->echoMode() == QLineEdit::Password);

    // Too short a password: the policy's words under the field, nobody added.
    retype(admin->field(QStringLiteral("login")), QStringLiteral("liuyang"));
    retype(admin->field(QStringLiteral("name")), QStringLiteral("刘洋"));
    retype(admin->field(QStringLiteral("site")), QStringLiteral("320581001"));
    retype(admin->field(QStringLiteral("password")), QStringLiteral("Liu-25"));
    retype(admin->field(QStringLiteral("repeat")), QStringLiteral("Liu-25"));
    Counter::key(Qt::Key_Return);
    QLabel* passwordMessage = admin->fieldMessage(QStringLiteral("password"));
    CHECK(passwordMessage->isVisible());
    CHECK(passwordMessage->text().contains(QStringLiteral("8")));
    CHECK(admin->usersTable()->rowCount() == 1);
    CHECK(admin->field(QStringLiteral("login"))->text() == QStringLiteral("liuyang")); // kept

    retype(admin->field(QStringLiteral("password")), QStringLiteral("Liuyang-2025"));
    retype(admin->field(QStringLiteral("repeat")), QStringLiteral("Liuyang-2025"));
    Counter::key(Qt::Key_Return);
    CHECK_FALSE(passwordMessage->isVisible());
    REQUIRE(admin->usersTable()->rowCount() == 2);
    CHECK(admin->selectedLogin() == QStringLiteral("liuyang"));
    CHECK(roleOf(admin, QStringLiteral("liuyang")) == displayName(Role::Clerk));
    CHECK(admin->field(QStringLiteral("login"))->text().isEmpty());
    REQUIRE(auth.signIn(QStringLiteral("liuyang"), QStringLiteral("Liuyang-2025")).ok());

    // Disabled: refused at sign-in; enabled again.
    press(admin->activeButton(), Qt::Key_B);
    CHECK(stateOf(admin, QStringLiteral("liuyang")) ==
          QCoreApplication::translate("ow::ui::AdminPage", "disabled"));
    CHECK_FALSE(auth.signIn(QStringLiteral("liuyang"), QStringLiteral("Liuyang-2025")).ok());
    press(admin->activeButton(), Qt::Key_B);
    CHECK(stateOf(admin, QStringLiteral("liuyang")) ==
          QCoreApplication::translate("ow::ui::AdminPage", "active"));

    // Locked by wrong passwords, seen when the page shows again, unlocked.
    for (int i = 0; i < 5; ++i)
        CHECK_FALSE(auth.signIn(QStringLiteral("liuyang"), QStringLiteral("wrong-pass")).ok());
    Counter::key(Qt::Key_1, Qt::ControlModifier);
    Counter::key(Qt::Key_9, Qt::ControlModifier);
    REQUIRE(admin->selectUser(QStringLiteral("liuyang")));
    CHECK(stateOf(admin, QStringLiteral("liuyang")).contains(QStringLiteral("2025-03-14")));
    press(admin->unlockButton(), Qt::Key_U);
    CHECK(stateOf(admin, QStringLiteral("liuyang")) ==
          QCoreApplication::translate("ow::ui::AdminPage", "active"));
    REQUIRE(auth.signIn(QStringLiteral("liuyang"), QStringLiteral("Liuyang-2025")).ok());

    // A new password: too short is refused under the field, then set.
    retype(admin->field(QStringLiteral("resetPassword")), QStringLiteral("short"));
    Counter::key(Qt::Key_Return);
    QLabel* resetMessage = admin->fieldMessage(QStringLiteral("resetPassword"));
    CHECK(resetMessage->isVisible());
    CHECK(resetMessage->text().contains(QStringLiteral("8")));
    retype(admin->field(QStringLiteral("resetPassword")), QStringLiteral("Liuyang-2026"));
    Counter::key(Qt::Key_Return);
    CHECK_FALSE(resetMessage->isVisible());
    CHECK(admin->field(QStringLiteral("resetPassword"))->text().isEmpty());
    CHECK_FALSE(auth.signIn(QStringLiteral("liuyang"), QStringLiteral("Liuyang-2025")).ok());
    REQUIRE(auth.signIn(QStringLiteral("liuyang"), QStringLiteral("Liuyang-2026")).ok());

    // Another role.
    admin->userRole()->setFocus();
    Counter::key(Qt::Key_Down); // 受理员 -> 审核员
    press(admin->roleButton(), Qt::Key_G);
    CHECK(roleOf(admin, QStringLiteral("liuyang")) == displayName(Role::Supervisor));
    CHECK(auth.user(Session::system(), QStringLiteral("liuyang"))->role == Role::Supervisor);
}

TEST_CASE("a clerk has no administration page and the services refuse it the users and settings")
{
    Counter c(kNow, clerk);
    CHECK(c.window->admin() == nullptr);
    auto* nav = c.window->findChild<QListWidget*>(QStringLiteral("navigation"));
    REQUIRE(nav);
    const int row = nav->currentRow();
    Counter::key(Qt::Key_9, Qt::ControlModifier);
    CHECK(nav->currentRow() == row);
    for (int i = 0; i < nav->count(); ++i)
        CHECK(nav->item(i)->text() !=
              QCoreApplication::translate("ow::ui::MainWindow", "Administration"));

    const Session& session = c.context.session;
    REQUIRE(session.role() == Role::Clerk);
    AuthService auth(*c.store.db, c.clock);
    NewUser u{QStringLiteral("sunlei"), QStringLiteral("孙磊"), Role::Administrator, {}, {}, {}};
    auto added = auth.addUser(session, u, QStringLiteral("Sunlei-pass-2025"));
    REQUIRE_FALSE(added.ok());
    CHECK(added.error().kind == Error::Kind::Forbidden);
    auto forbidden = [](const Status& s) {
        return !s.ok() && s.error().kind == Error::Kind::Forbidden;
    };
    CHECK(forbidden(
        auth.setPassword(session, QStringLiteral("admin"), QStringLiteral("Taken-over-2025"))));
    CHECK(forbidden(auth.setActive(session, QStringLiteral("admin"), false)));
    CHECK(forbidden(auth.setRole(session, QStringLiteral("zhouwen"), Role::Administrator)));
    CHECK(forbidden(auth.unlock(session, QStringLiteral("admin"))));
    CentreSettingsService settings(*c.store.db, c.clock);
    CHECK(forbidden(settings.set(session, QStringLiteral("name"), QStringLiteral("假中心"))));
    CHECK(forbidden(settings.reset(session, QStringLiteral("name"))));
    CHECK(settings.load()->name == CentreSettings().name);
    CHECK_FALSE(settings.wordingSet().value());
}
