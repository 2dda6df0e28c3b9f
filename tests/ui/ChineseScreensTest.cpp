// Every word on the clerk's screen in Chinese: the real main window, signed
// in as a supervisor (so every page is there), walked page by page with
// Ctrl+1.., the intake filled and its refusal opened, a case opened, and
// each dialog reachable from the pages opened in turn (every case move that
// asks for something, the rating, the print preview, the sign-in, the
// first administrator, the screen lock, Qt's own message box) and the sync
// page with a refusal of the centre. Every visible text (labels, buttons,
// group boxes, tabs, table headers and cells, list and combo entries,
// placeholders, window titles) is read, and any Latin word not on the short
// list below fails the test with the widget that shows it.
#include "IntakeCounter.h"
#include "auth/AuthService.h"
#include "cases/CaseActionDialog.h"
#include "cases/CaseActions.h"
#include "cases/CaseListModel.h"
#include "cases/CaseQuery.h"
#include "cases/CasesController.h"
#include "cases/CasesPage.h"
#include "documents/DocumentPreview.h"
#include "service/RatingDialog.h"
#include "service/ServiceController.h"
#include "session/ScreenLock.h"
#include "session/SignInDialog.h"
#include "sync/SyncPanel.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QGroupBox>
#include <QHeaderView>
#include <QMessageBox>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QTabBar>
#include <QTextEdit>

using namespace ow::uitest;

namespace {

// Latin words a Chinese screen shows on purpose: the names of keys (F1-F12
// and the letters of the checklist's keys come by pattern), formats and
// services known by their Latin names, the paper size, units, and the
// credit grades A/B/C.
const QSet<QString>& allowed()
{
    static const QSet<QString> words{
        // keys
        QStringLiteral("Ctrl"), QStringLiteral("Alt"), QStringLiteral("Shift"),
        QStringLiteral("Enter"), QStringLiteral("Esc"), QStringLiteral("Tab"),
        QStringLiteral("Space"), QStringLiteral("Del"), QStringLiteral("Backspace"),
        // formats and services known by these names
        QStringLiteral("EMS"), QStringLiteral("PDF"), QStringLiteral("CSV"), QStringLiteral("ID"),
        QStringLiteral("A4"),
        // units
        QStringLiteral("mm"), QStringLiteral("cm"), QStringLiteral("kg"), QStringLiteral("m"),
        QStringLiteral("km")};
    return words;
}

bool allowedWord(const QString& word)
{
    static const QRegularExpression key(QStringLiteral("^(F\\d{1,2}|[A-Z])$"));
    // Codes with a digit: items (SWJ-XK-001), windows (C02), locker
    // compartments.
    static const QRegularExpression code(QStringLiteral("^(?=.*\\d)[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$"));
    // The users' logins, as the administrator typed them (this test's).
    static const QSet<QString> logins{QStringLiteral("sunlei"), QStringLiteral("admin")};
    return allowed().contains(word) || logins.contains(word) || key.match(word).hasMatch() ||
           code.match(word).hasMatch();
}

// The words of `text` a Chinese clerk would read as English: markup,
// mnemonics ("(&F)"), and command lines (indented by four spaces, typed
// as shown) left out.
QStringList latinWords(QString text)
{
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    static const QRegularExpression entities(QStringLiteral("&[a-z]+;|&#\\d+;"));
    static const QRegularExpression mnemonic(QStringLiteral("\\(&.\\)|&(?=\\S)"));
    static const QRegularExpression word(QStringLiteral("[A-Za-z][A-Za-z0-9_\\-]*"));
    if (Qt::mightBeRichText(text))
        text.remove(tags).remove(entities);
    text.remove(mnemonic);
    QStringList out;
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("    ")))
            continue;
        for (auto it = word.globalMatch(line); it.hasNext();) {
            const QString w = it.next().captured();
            if (!allowedWord(w))
                out << w;
        }
    }
    return out;
}

QString nameOf(const QWidget* w)
{
    QString path;
    for (const QObject* o = w; o; o = o->parent()) {
        if (!o->objectName().isEmpty()) {
            path = o->objectName();
            break;
        }
    }
    return QStringLiteral("%1 %2").arg(QLatin1String(w->metaObject()->className()),
                                       path.isEmpty() ? QStringLiteral("(unnamed)") : path);
}

// Every visible text of `top` and the widgets in it: "where: word in «text»".
struct Screen
{
    QStringList offences;
    int texts = 0;

    void read(const QWidget* w, const QString& what, const QString& text)
    {
        if (text.trimmed().isEmpty())
            return;
        ++texts;
        const QStringList words = latinWords(text);
        if (!words.isEmpty())
            offences << QStringLiteral("%1 (%2): %3 in «%4»")
                            .arg(nameOf(w), what, words.join(QStringLiteral(", ")), text.left(160));
    }

    void readModel(const QWidget* w, const QAbstractItemModel* m, bool headers)
    {
        if (!m)
            return;
        if (headers)
            for (int c = 0; c < m->columnCount(); ++c)
                read(w, QStringLiteral("header"), m->headerData(c, Qt::Horizontal).toString());
        for (int r = 0; r < std::min(m->rowCount(), 30); ++r)
            for (int c = 0; c < m->columnCount(); ++c)
                read(w, QStringLiteral("cell %1,%2").arg(r).arg(c),
                     m->index(r, c).data().toString());
    }

    void scan(const QWidget* top)
    {
        QList<const QWidget*> all{top};
        for (const QWidget* w : top->findChildren<QWidget*>())
            all << w;
        for (const QWidget* w : all) {
            if (!w->isVisible())
                continue;
            if (w->isWindow())
                read(w, QStringLiteral("title"), w->windowTitle());
            if (auto* l = qobject_cast<const QLabel*>(w))
                read(w, QStringLiteral("text"), l->text());
            else if (auto* b = qobject_cast<const QAbstractButton*>(w))
                read(w, QStringLiteral("text"), b->text());
            else if (auto* g = qobject_cast<const QGroupBox*>(w))
                read(w, QStringLiteral("title"), g->title());
            else if (auto* e = qobject_cast<const QLineEdit*>(w))
                read(w, QStringLiteral("placeholder"), e->placeholderText());
            else if (auto* t = qobject_cast<const QTextEdit*>(w))
                read(w, QStringLiteral("text"), t->toPlainText());
            else if (auto* tabs = qobject_cast<const QTabBar*>(w)) {
                for (int i = 0; i < tabs->count(); ++i)
                    read(w, QStringLiteral("tab"), tabs->tabText(i));
            } else if (auto* c = qobject_cast<const QComboBox*>(w)) {
                for (int i = 0; i < c->count(); ++i)
                    read(w, QStringLiteral("entry"), c->itemText(i));
                if (c->lineEdit())
                    read(w, QStringLiteral("placeholder"), c->lineEdit()->placeholderText());
            } else if (auto* v = qobject_cast<const QAbstractItemView*>(w)) {
                const auto* hv = qobject_cast<const QHeaderView*>(w);
                if (!hv)
                    readModel(w, v->model(), true);
            }
        }
    }
};

void settle()
{
    for (int i = 0; i < 3; ++i)
        QApplication::processEvents();
}

// The supervisor 孙磊 signed in: every page of the window is his.
Session supervisorSignedIn(Database& db, const Clock& clock)
{
    AuthService auth(db, clock);
    NewUser admin{
        QStringLiteral("admin"), QStringLiteral("陈管理"), Role::Administrator, {}, {}, {}};
    REQUIRE(auth.createFirstAdministrator(admin, QStringLiteral("Admin-pass-2025")).ok());
    const auto as = auth.signIn(QStringLiteral("admin"), QStringLiteral("Admin-pass-2025"));
    REQUIRE(as.ok());
    NewUser supervisor{
        QStringLiteral("sunlei"), QStringLiteral("孙磊"), Role::Supervisor, {}, {}, {}};
    REQUIRE(auth.addUser(*as, supervisor, QStringLiteral("Super-pass-2025")).ok());
    const auto session = auth.signIn(QStringLiteral("sunlei"), QStringLiteral("Super-pass-2025"));
    REQUIRE(session.ok());
    return *session;
}

// Scenario 3 (the drainage permit by EMS) decided through the service.
Decision decided(Counter& c, const QString& file)
{
    auto request = IntakeRequest::fromJson(scenario(file));
    if (!request)
        FAIL(request.error().fullText().toStdString());
    IntakeService service(*c.store.db, c.catalogue, WorkCalendar::builtIn(),
                          request->context(c.context));
    auto d = request->run(service);
    if (!d)
        FAIL(d.error().fullText().toStdString());
    return *d;
}

std::string report(const QStringList& offences)
{
    return QStringLiteral("%1 Latin word(s) on the screen:\n%2")
        .arg(offences.size())
        .arg(offences.join(QLatin1Char('\n')))
        .toStdString();
}

} // namespace

TEST_CASE("every page and dialog of the Chinese program shows its words in Chinese")
{
    Counter c{QDateTime(QDate(2025, 3, 14), QTime(9, 30), QTimeZone(8 * 3600)), supervisorSignedIn};
    Screen screen;
    QStringList covered;

    // The workbench: Mr Li at the window, the drainage permit, the
    // checklist, the form and the refusal's fields.
    c.newApplicantLi();
    c.addDrainage();
    Counter::key(Qt::Key_F4);
    c.fillDrainageForm();
    settle();
    screen.scan(c.window.get());
    Counter::key(Qt::Key_F10);
    settle();
    REQUIRE(c.view()->refusalPanel()->isVisible());
    screen.scan(c.window.get());
    // The item found in the search, its materials and conditions.
    c.search()->setFocus();
    Counter::type(QStringLiteral("pswxk"));
    settle();
    REQUIRE(c.page()->tabs()->currentWidget() == static_cast<QWidget*>(c.page()->detailView()));
    screen.scan(c.window.get());
    covered << QStringLiteral("workbench (intake, checklist, form, refusal, item found)");

    // Mr Li's drainage permit accepted (through the service): a case for
    // the pages and the dialogs.
    const Decision accepted = decided(c, QStringLiteral("scenario-3-drainage-permit-ems.json"));
    REQUIRE(accepted.kind == DecisionKind::Accept);

    // Every page by its shortcut, Ctrl+1 on.
    auto* pages = c.window->findChild<QStackedWidget*>();
    REQUIRE(pages);
    REQUIRE(pages->count() == 8); // with statistics, sampling and sync for the supervisor
    for (int i = 0; i < pages->count(); ++i) {
        QTest::keyClick(c.window.get(), Qt::Key(Qt::Key_1 + i), Qt::ControlModifier);
        settle();
        REQUIRE(pages->currentIndex() == i);
        screen.scan(c.window.get());
        covered << QString::fromLatin1(pages->currentWidget()->metaObject()->className());
    }

    // The cases page with the accepted case open, its history and moves.
    c.window->showPageAt(1);
    CasesPage* cases = c.window->cases();
    cases->setCurrentList(CaseList::All);
    cases->searchEdit()->setText(accepted.caseNumber);
    REQUIRE(cases->model()->rowCount() == 1);
    cases->table()->selectRow(0);
    settle();
    screen.scan(c.window.get());

    // Each move that asks for something, in its dialog.
    for (CaseAction action : allCaseActions()) {
        if (!asksForInput(action))
            continue;
        // No department suggested: a forward, too, is refused for want of it.
        CaseActionDialog dialog(*c.window->casesController(), action, accepted.caseNumber, {},
                                c.window.get());
        dialog.show();
        REQUIRE(QTest::qWaitForWindowExposed(&dialog));
        screen.scan(&dialog);
        // Refused for want of its input: the banner in the clerk's words.
        dialog.submit();
        settle();
        screen.scan(&dialog);
        covered << QStringLiteral("case move dialog %1").arg(int(action));
    }

    // The visitor's rating of the case.
    c.window->service()->setCurrentCase(accepted.caseNumber);
    {
        RatingDialog rating(*c.window->service(), c.window->service()->currentCase(),
                            c.window.get());
        rating.show();
        REQUIRE(QTest::qWaitForWindowExposed(&rating));
        screen.scan(&rating);
        rating.submit();
        settle();
        screen.scan(&rating);
        covered << QStringLiteral("rating");
    }

    // The receipt in its print preview.
    {
        auto receipt = c.window->printing().documents().forCase(DocumentKind::AcceptanceReceipt,
                                                                accepted.caseNumber);
        REQUIRE(receipt);
        DocumentPreviewDialog preview(*receipt, c.window->printing(), c.window.get());
        preview.show();
        REQUIRE(QTest::qWaitForWindowExposed(&preview));
        screen.scan(&preview);
        covered << QStringLiteral("print preview");
    }

    // Signing in, the first administrator, and the screen lock.
    AuthService auth(*c.store.db, c.clock);
    {
        SignInDialog signIn(auth);
        signIn.show();
        REQUIRE(QTest::qWaitForWindowExposed(&signIn));
        signIn.loginEdit()->setText(QStringLiteral("sunlei"));
        signIn.passwordEdit()->setText(QStringLiteral("not-the-password"));
        QTest::mouseClick(signIn.signInButton(), Qt::LeftButton);
        REQUIRE(signIn.messageLabel()->isVisible());
        screen.scan(&signIn);
        covered << QStringLiteral("sign-in");
    }
    {
        test::TempStore empty;
        AuthService none(*empty.db);
        FirstAdministratorDialog first(none);
        first.show();
        REQUIRE(QTest::qWaitForWindowExposed(&first));
        screen.scan(&first);
        QTest::mouseClick(first.createButton(), Qt::LeftButton);
        screen.scan(&first);
        covered << QStringLiteral("first administrator");
    }
    {
        ScreenLock lock(auth, c.context.session, c.window.get(), 60000);
        lock.lock();
        REQUIRE(lock.panel()->isVisible());
        lock.passwordEdit()->setText(QStringLiteral("wrong"));
        QTest::mouseClick(lock.unlockButton(), Qt::LeftButton);
        settle();
        screen.scan(lock.panel());
        covered << QStringLiteral("screen lock");
    }

    // Qt's own message box: its buttons come from Qt's catalogue.
    {
        QMessageBox box(QMessageBox::Question, QStringLiteral("一窗通"), QStringLiteral("确认？"),
                        QMessageBox::Ok | QMessageBox::Cancel | QMessageBox::Yes | QMessageBox::No,
                        c.window.get());
        box.show();
        REQUIRE(QTest::qWaitForWindowExposed(&box));
        screen.scan(&box);
        covered << QStringLiteral("Qt message box");
    }

    // The sync page: offline, with the setup missing and a record the
    // centre refused (its words, worded at the counter).
    {
        SyncPanel panel;
        SyncStatus s;
        s.state = SyncStatus::State::Offline;
        s.offlineSince = c.clock.now();
        s.lastError = QStringLiteral("…");
        s.pending = 2;
        s.setup.kind = SyncSetupProblem::Kind::NoAddress;
        QuarantineEntry refused;
        refused.entity = QStringLiteral("case");
        refused.entityId = QStringLiteral("0190b1c2-0000-7000-8000-000000000001");
        refused.payload.insert(QStringLiteral("caseNumber"), accepted.caseNumber);
        refused.reason = QStringLiteral("wrong_site");
        refused.message = QStringLiteral(
            "The case names site 320581105, but this login belongs to site 320581001.");
        refused.params = QJsonObject{{QStringLiteral("case_site"), QStringLiteral("320581105")},
                                     {QStringLiteral("login_site"), QStringLiteral("320581001")}};
        refused.rejectedAt = c.clock.now();
        s.quarantine << refused;
        s.quarantined = 1;
        panel.setStatus(s);
        panel.resize(1000, 700);
        panel.show();
        REQUIRE(QTest::qWaitForWindowExposed(&panel));
        screen.scan(&panel);
        covered << QStringLiteral("sync page");
    }

    INFO("covered: " << covered.join(QStringLiteral(", ")).toStdString());
    CHECK(screen.texts > 300);
    INFO(report(screen.offences));
    CHECK(screen.offences.isEmpty());
}

TEST_CASE("the screen reader of the Chinese check finds an English word and lets codes pass")
{
    CHECK(latinWords(QStringLiteral("取消")).isEmpty());
    CHECK(latinWords(QStringLiteral("事项 SWJ-XK-001，按 F8 受理，EMS 寄递，导出 PDF")).isEmpty());
    CHECK(latinWords(QStringLiteral("受理(&A)")).isEmpty());
    CHECK(latinWords(QStringLiteral("<b>受理</b>&nbsp;成功")).isEmpty());
    CHECK(latinWords(QStringLiteral("请运行：\n    onewindow-admin sync configure")).isEmpty());
    CHECK(latinWords(QStringLiteral("Cancel")) == QStringList{QStringLiteral("Cancel")});
    CHECK(latinWords(QStringLiteral("户籍地址 (hukou_address)")) ==
          QStringList{QStringLiteral("hukou_address")});
    CHECK(latinWords(QStringLiteral("材料 residence-proof 缺少")) ==
          QStringList{QStringLiteral("residence-proof")});
}
