// Memory after a day at the window, with a province's catalogue: the clerk's
// main window on a store holding a 20,000-item catalogue (the sample
// catalogue and generated items), driven by keys through the window system
// as a clerk drives it: INTAKES new applicants each brought the drainage
// permit (scenario 3: ID read by the card reader, name, phone, address, the
// item found by name, the form, EMS, the checklist, F8), each receipt printed
// from the program's own preview (Ctrl+P, to a PDF file), and every page of
// the navigation opened after every tenth intake.
// Printed: the peak (VmHWM) and the resident set (VmRSS) at the end, next to
// the same at rest in the same run (the window shown, the catalogue loaded
// and indexed, before the first intake): the floor the day adds to. The
// peak at rest is the clerk's sign-in (the password hash takes 64 MiB for a
// moment), above the resident set at rest.
// Target: VmHWM <= 150 MB after the day. The store is made first, by this
// program in a process of its own (--make-store ITEMS FILE).
// Measured (tests/bench/README.md): 112 MiB (118 MB) after the day, 77 MiB
// resident at rest; the catalogue keeps in memory what the search and the
// lists need of each item, and reads an item's details when it is used.
//
//   bench_day [INTAKES] [ITEMS]      (defaults 200 and 20000)
#include "MainWindow.h"
#include "applicants/Validators.h"
#include "auth/AuthService.h"
#include "catalogue/CatalogueGenerator.h"
#include "catalogue/CatalogueRepository.h"
#include "catalogue/CatalogueService.h"
#include "catalogue/SampleCatalogue.h"
#include "documents/DocumentPreview.h"
#include "intake/IntakeController.h"
#include "intake/IntakeView.h"
#include "store/Database.h"
#include "workbench/CatalogueSearchView.h"
#include "workbench/WorkbenchPage.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPrinter>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <cstdio>

using namespace ow;
using namespace ow::ui;

namespace {

// A line of /proc/self/status, in MiB ("VmHWM", "VmRSS").
double statusMiB(const char* key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(key) + ':';
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

void fail(const QString& what)
{
    std::fprintf(stderr, "bench_day: %s\n", qPrintable(what));
    std::exit(1);
}

QWindow* keyboardWindow()
{
    QWindow* w = QGuiApplication::focusWindow();
    if (!w)
        fail(QStringLiteral("no window has the keyboard"));
    return w;
}

void key(Qt::Key k, Qt::KeyboardModifiers m = Qt::NoModifier)
{
    QTest::keyClick(keyboardWindow(), k, m);
}

// Digits and Latin letters, key by key.
void type(const QString& ascii)
{
    for (const QChar c : ascii)
        QTest::keyClick(keyboardWindow(), c.toLatin1());
}

// Chinese, committed by the input method as one string.
void commit(const QString& text)
{
    QWidget* focus = QApplication::focusWidget();
    if (!focus)
        fail(QStringLiteral("nothing has the focus to type into"));
    QInputMethodEvent event;
    event.setCommitString(text);
    QApplication::sendEvent(focus, &event);
}

QString focusName()
{
    return QApplication::focusWidget() ? QApplication::focusWidget()->objectName() : QString();
}

void expectFocus(const QString& name, int intake)
{
    if (focusName() != name)
        fail(QStringLiteral("intake %1: the focus is on '%2', not on '%3'")
                 .arg(intake)
                 .arg(focusName(), name));
}

// A valid resident ID for the n-th applicant of the day.
QString residentId(int n)
{
    const QString first17 = QStringLiteral("320581198%1%2")
                                .arg(1 + n / 1000 % 9)
                                .arg(n % 1000 + 1010000, 7, 10, QLatin1Char('0'))
                                .left(17);
    return first17 + residentIdCheckChar(first17);
}

// The store: the sample catalogue and generated items up to `items`.
std::unique_ptr<Database> makeStore(const QString& file, int items)
{
    auto opened = Database::open(file);
    if (!opened)
        fail(opened.error().fullText());
    std::unique_ptr<Database> db = std::move(opened.value());
    if (Status s = seedSampleCatalogueIfEmpty(*db); !s)
        fail(s.error().fullText());
    CatalogueRepository repo(*db);
    auto sample = repo.loadAll();
    if (!sample)
        fail(sample.error().fullText());
    Catalogue all = std::move(sample.value());
    QSet<QString> codes;
    for (const Item& i : all.items)
        codes.insert(i.code);
    const Catalogue generated = generateCatalogue(std::max(0, items - int(all.items.size())), 7);
    for (const Item& i : generated.items)
        if (!codes.contains(i.code))
            all.items.append(i);
    for (const JointItem& j : generated.jointItems)
        if (!codes.contains(j.code))
            all.jointItems.append(j);
    all.rules += generated.rules;
    if (auto imported = repo.import(all); !imported)
        fail(imported.error().fullText());
    return db;
}

// The preview the decision opened, once it has the keyboard.
DocumentPreviewDialog* openPreview()
{
    DocumentPreviewDialog* preview = nullptr;
    const bool up = QTest::qWaitFor([&] {
        for (QWidget* w : QApplication::topLevelWidgets())
            if (auto* d = qobject_cast<DocumentPreviewDialog*>(w); d && d->isVisible())
                preview = d;
        return preview && QApplication::activeWindow() == preview;
    });
    return up ? preview : nullptr;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int intakes = args.size() > 1 ? args[1].toInt() : 200;
    const int items = args.size() > 2 ? args[2].toInt() : 20000;

    if (args.size() == 4 && args[1] == QLatin1String("--make-store")) {
        makeStore(args[3], args[2].toInt());
        return 0;
    }
    // The store is made by this program in a process of its own, so that
    // what making it took is not counted in the window's memory.
    QTemporaryDir temp;
    const QString file = temp.filePath(QStringLiteral("onewindow.sqlite"));
    QElapsedTimer made;
    made.start();
    QProcess maker;
    maker.setProcessChannelMode(QProcess::ForwardedChannels);
    maker.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("--make-store"), QString::number(items), file});
    if (!maker.waitForFinished(-1) || maker.exitStatus() != QProcess::NormalExit ||
        maker.exitCode() != 0)
        fail(QStringLiteral("the store could not be made"));
    std::printf("store made in %.1f s\n", double(made.elapsed()) / 1000.0);

    auto opened = Database::open(file);
    if (!opened)
        fail(opened.error().fullText());
    Database& store = **opened;
    // An administrator: every page of the navigation is there.
    AuthService auth(store);
    NewUser admin;
    admin.login = QStringLiteral("admin");
    admin.displayName = QStringLiteral("周文");
    admin.role = Role::Administrator;
    admin.siteCode = QStringLiteral("320581001");
    admin.window = QStringLiteral("C02");
    const QString password = QStringLiteral("Counter-Window-2026");
    if (auto added = auth.addUser(Session::system(), admin, password); !added)
        fail(added.error().fullText());
    auto session = auth.signIn(admin.login, password);
    if (!session)
        fail(session.error().fullText());

    CatalogueService catalogue(store);
    if (Status s = catalogue.load(); !s)
        fail(s.error().fullText());
    IntakeContext context;
    context.session = session.value();
    context.siteCode = admin.siteCode;
    context.window = admin.window;
    context.clerk = admin.displayName;
    MainWindow window(store, catalogue, context);
    window.show();
    window.activateWindow();
    if (!QTest::qWaitForWindowActive(&window))
        fail(QStringLiteral("the main window did not become active"));
    auto* navigation = window.findChild<QListWidget*>();
    if (!navigation)
        fail(QStringLiteral("the navigation list is missing"));
    QCoreApplication::processEvents();
    const double restHwm = statusMiB("VmHWM"), restRss = statusMiB("VmRSS");
    const double restAnon = statusMiB("RssAnon"), restFile = statusMiB("RssFile");

    WorkbenchPage* page = window.workbench();
    IntakeController* controller = page->intakeController();
    QElapsedTimer day;
    day.start();
    for (int n = 0; n < intakes; ++n) {
        window.showPageAt(0);
        // The preview has closed: the main window has the keyboard again
        // (offscreen, no window manager gives it back by itself).
        if (!QGuiApplication::focusWindow()) {
            window.activateWindow();
            if (!QTest::qWaitForWindowActive(&window))
                fail(QStringLiteral("intake %1: the main window did not come back").arg(n));
        }
        key(Qt::Key_N, Qt::ControlModifier);
        page->searchView()->searchEdit()->setFocus();
        // The card reader types the ID and its Enter.
        type(residentId(n));
        key(Qt::Key_Return);
        expectFocus(QStringLiteral("applicant_name"), n);
        commit(QStringLiteral("李明") + QString::number(n));
        key(Qt::Key_Return);
        type(QStringLiteral("1377320%1").arg(n, 4, 10, QLatin1Char('0')));
        key(Qt::Key_Return);
        commit(QStringLiteral("江苏省常熟市虞山街道虞山北路%1号").arg(n + 1));
        key(Qt::Key_Return);
        if (QApplication::focusWidget() != page->searchView()->searchEdit())
            fail(QStringLiteral("intake %1: the applicant was not confirmed").arg(n));
        commit(QStringLiteral("排水许可证核发"));
        key(Qt::Key_Return);
        if (controller->intake().itemCodes() != QStringList{QStringLiteral("SWJ-XK-001")})
            fail(QStringLiteral("intake %1: the drainage permit was not taken").arg(n));
        key(Qt::Key_F6);
        expectFocus(QStringLiteral("form_postcode"), n);
        type(QStringLiteral("215500"));
        key(Qt::Key_Return);
        commit(QStringLiteral("李记面馆"));
        key(Qt::Key_Return);
        commit(QStringLiteral("常熟市虞山街道虞山北路100号"));
        key(Qt::Key_Return);
        key(Qt::Key_1);
        type(QStringLiteral("3.5"));
        key(Qt::Key_Return);
        key(Qt::Key_N);
        expectFocus(QStringLiteral("delivery_method"), n);
        key(Qt::Key_2);
        key(Qt::Key_A);
        key(Qt::Key_F8);
        if (!controller->decision())
            fail(QStringLiteral("intake %1: not accepted: %2")
                     .arg(n)
                     .arg(page->intakeView()->banner()->text()));
        DocumentPreviewDialog* preview = openPreview();
        if (!preview)
            fail(QStringLiteral("intake %1: no receipt to print").arg(n));
        preview->printer()->setOutputFormat(QPrinter::PdfFormat);
        preview->printer()->setOutputFileName(temp.filePath(QStringLiteral("receipt.pdf")));
        // It closes, and goes, once printed.
        const QPointer<DocumentPreviewDialog> printing(preview);
        key(Qt::Key_P, Qt::ControlModifier);
        if (!QTest::qWaitFor([&] { return !printing || !printing->isVisible(); }))
            fail(QStringLiteral("intake %1: the receipt was not printed").arg(n));
        if (n % 10 == 9) {
            for (int i = 0; i < navigation->count(); ++i) {
                window.showPageAt(i);
                QCoreApplication::processEvents();
            }
        }
    }
    if (QFileInfo(temp.filePath(QStringLiteral("receipt.pdf"))).size() == 0)
        fail(QStringLiteral("the receipts were not printed"));
    const double seconds = double(day.elapsed()) / 1000.0;
    const double dayHwm = statusMiB("VmHWM"), dayRss = statusMiB("VmRSS");
    const double dayAnon = statusMiB("RssAnon"), dayFile = statusMiB("RssFile");
    std::printf("a day at the window: %d intakes of scenario 3, %d receipts printed, the %d "
                "pages opened %d times, %d catalogue items, %.1f s\n",
                intakes, intakes, int(navigation->count()), intakes / 10, catalogue.itemCount(),
                seconds);
    std::printf("  at rest (window shown, catalogue loaded): VmHWM %7.1f MiB  VmRSS %7.1f MiB "
                "(anonymous %.1f, files %.1f)\n",
                restHwm, restRss, restAnon, restFile);
    std::printf("  after the day:                            VmHWM %7.1f MiB  VmRSS %7.1f MiB "
                "(anonymous %.1f, files %.1f)\n",
                dayHwm, dayRss, dayAnon, dayFile);
    const double mb = dayHwm * 1024.0 * 1024.0 / 1e6;
    std::printf("  the day added %.1f MiB to the peak and %.1f MiB to the resident set; peak "
                "%.1f MB (target <= 150 MB): %s\n",
                dayHwm - restHwm, dayRss - restRss, mb, mb <= 150.0 ? "met" : "MISSED");
    return 0;
}
