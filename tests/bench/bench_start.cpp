// Start-up at a province's scale: `onewindow --quit-after-start` on a store
// holding a 20,000-item catalogue and 200,000 cases, timed from the start of
// the process until the sign-in window is shown (the line it prints then),
// next to a bare Qt window started the same way in the same run (this
// program with --bare-window: a QApplication showing a dialog with a label
// and a line edit). Target: the sign-in window within 1.5x the bare window.
// Also shown: when the catalogue, loaded and indexed behind the sign-in
// window, is ready, and the peak RSS of each process (wait4's ru_maxrss).
// Runs alternate, so both meet the same machine.
//
//   bench_start [ITEMS] [CASES] [RUNS] [DATA]   (defaults 20000, 200000, 15, a temporary folder)
//
// The store is made once, in a process of its own: its cases by
// bench_cases_1m (beside this program), then the catalogue imported and a
// clerk added. Give DATA to
// keep it and measure again without making it (or to make its cases with
// `bench_cases_1m CASES 1 DATA/onewindow.sqlite` beforehand).
#include "auth/AuthService.h"
#include "catalogue/CatalogueGenerator.h"
#include "catalogue/CatalogueJson.h"
#include "catalogue/CatalogueRepository.h"
#include "store/Database.h"

#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

using namespace ow;

namespace {

// One start: milliseconds until the window was shown, until the catalogue
// was ready (when the program says so), and the peak RSS in MiB.
struct Start
{
    double shownMs = -1, readyMs = -1, peakMiB = 0;
};

bool startOnce(const QString& program, const QStringList& args, Start& out)
{
    int pipeFd[2];
    if (pipe(pipeFd) != 0)
        return false;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipeFd[1], 1);
    posix_spawn_file_actions_addclose(&actions, pipeFd[0]);
    posix_spawn_file_actions_addclose(&actions, pipeFd[1]);
    std::vector<QByteArray> argBytes{program.toLocal8Bit()};
    for (const QString& a : args)
        argBytes.push_back(a.toLocal8Bit());
    std::vector<char*> argv;
    for (QByteArray& a : argBytes)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    QElapsedTimer t;
    t.start();
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipeFd[1]);
    if (spawned != 0) {
        close(pipeFd[0]);
        std::fprintf(stderr, "cannot start %s\n", argv[0]);
        return false;
    }
    QByteArray text, line;
    char buffer[4096];
    ssize_t n = 0;
    while ((n = read(pipeFd[0], buffer, sizeof buffer)) > 0) {
        const double now = double(t.nsecsElapsed()) / 1e6;
        for (ssize_t i = 0; i < n; ++i) {
            if (buffer[i] != '\n') {
                line += buffer[i];
                continue;
            }
            if (line.contains("window shown") && out.shownMs < 0)
                out.shownMs = now;
            if (line.contains("catalogue items") && out.readyMs < 0)
                out.readyMs = now;
            text += line + '\n';
            line.clear();
        }
    }
    close(pipeFd[0]);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    out.peakMiB = double(usage.ru_maxrss) / 1024.0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || out.shownMs < 0) {
        std::fprintf(stderr, "%s failed:\n%s\n", argv[0], text.constData());
        return false;
    }
    return true;
}

// Runs a tool to its end; its output is shown only when it fails, unless
// `forward` shows it as it comes.
bool runTool(const QString& program, const QStringList& args, bool forward = false)
{
    QProcess p;
    p.setProcessChannelMode(forward ? QProcess::ForwardedChannels : QProcess::MergedChannels);
    p.start(program, args);
    p.closeWriteChannel();
    if (!p.waitForFinished(-1) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        std::fprintf(stderr, "%s %s failed:\n%s\n", qPrintable(program),
                     qPrintable(args.join(QLatin1Char(' '))), p.readAll().constData());
        return false;
    }
    return true;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

void print(const char* what, std::vector<double> v, const char* unit)
{
    std::sort(v.begin(), v.end());
    std::printf("  %-44s min %8.1f  median %8.1f  max %8.1f %s\n", what, v.front(), v[v.size() / 2],
                v.back(), unit);
}

// The floor: a bare Qt window, shown, reported once the event loop runs.
int bareWindow(int argc, char** argv)
{
    QApplication app(argc, argv);
    QDialog dialog;
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(new QLabel(QStringLiteral("登录"), &dialog));
    layout->addWidget(new QLineEdit(&dialog));
    dialog.show();
    QTimer::singleShot(0, &app, [&] {
        QTextStream(stdout) << "bare window " << (dialog.isVisible() ? "shown" : "not shown")
                            << Qt::endl;
        QCoreApplication::exit(dialog.isVisible() ? 0 : 1);
    });
    return app.exec();
}

// Makes the store in DATA, in steps, each once: the cases, then the catalogue
// and the clerk (the catalogue file written in DATA last says they are in).
// Run in a process of its own (--make-store): a child started by a large
// process would report that process's peak memory as its own.
int makeStore(int items, int cases, const QString& data)
{
    const QString store = QDir(data).filePath(QStringLiteral("onewindow.sqlite"));
    const QString file = QDir(data).filePath(QStringLiteral("catalogue.json"));
    if (!QFileInfo::exists(store) || !QFileInfo::exists(file)) {
        QElapsedTimer t;
        t.start();
        QDir().mkpath(data);
        const QString casesBench =
            QCoreApplication::applicationDirPath() + QStringLiteral("/bench_cases_1m");
        if (!QFileInfo::exists(store) &&
            !runTool(casesBench, {QString::number(cases), QStringLiteral("1"), store}))
            return 1;
        {
            // The catalogue and the clerk, through the store as the tools write them.
            auto opened = Database::open(store);
            if (!opened) {
                std::fprintf(stderr, "%s\n", qPrintable(opened.error().fullText()));
                return 1;
            }
            // bench_cases_1m's cases name stub items without their fields,
            // which the catalogue cannot load: the generated catalogue
            // takes their place.
            if (Status st =
                    (*opened)->exec(QStringLiteral("DELETE FROM item WHERE code LIKE 'BM-%'"));
                !st) {
                std::fprintf(stderr, "%s\n", qPrintable(st.error().fullText()));
                return 1;
            }
            const Catalogue catalogue = generateCatalogue(items, 7);
            const auto imported = CatalogueRepository(**opened).import(catalogue);
            NewUser clerk;
            clerk.login = QStringLiteral("zhangmin");
            clerk.displayName = QStringLiteral("张敏");
            clerk.role = Role::Clerk;
            clerk.siteCode = QStringLiteral("320581001");
            clerk.window = QStringLiteral("A03");
            const auto added = AuthService(**opened).addUser(Session::system(), clerk,
                                                             QStringLiteral("Counter-Window-2026"));
            if (!imported || !added) {
                std::fprintf(
                    stderr, "%s\n",
                    qPrintable(!imported ? imported.error().fullText() : added.error().fullText()));
                return 1;
            }
            QFile out(file);
            if (!out.open(QIODevice::WriteOnly))
                return 1;
            out.write(CatalogueJson::serialize(catalogue));
        }
        std::printf("store made in %.1f s: %d items, %d cases, %.1f MB\n",
                    double(t.elapsed()) / 1000.0, items, cases,
                    double(QFileInfo(store).size()) / 1e6);
    } else {
        std::printf("store %s (%.1f MB), made before\n", qPrintable(store),
                    double(QFileInfo(store).size()) / 1e6);
    }

    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // the same for both, with or without a screen
    if (argc > 1 && std::strcmp(argv[1], "--bare-window") == 0)
        return bareWindow(argc, argv);

    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 5 && args[1] == QLatin1String("--make-store"))
        return makeStore(args[2].toInt(), args[3].toInt(), args[4]);
    const int items = args.size() > 1 ? args[1].toInt() : 20000;
    const int cases = args.size() > 2 ? args[2].toInt() : 200000;
    const int runs = std::max(1, args.size() > 3 ? args[3].toInt() : 15);
    QTemporaryDir temp;
    const QString data = args.size() > 4 ? args[4] : temp.filePath(QStringLiteral("data"));
    const QString store = QDir(data).filePath(QStringLiteral("onewindow.sqlite"));
    const QString gui = QStringLiteral(OW_GUI_EXE);
    const QString self = QCoreApplication::applicationFilePath();

    const QString file = QDir(data).filePath(QStringLiteral("catalogue.json"));
    if (!QFileInfo::exists(store) || !QFileInfo::exists(file)) {
        if (!runTool(self,
                     {QStringLiteral("--make-store"), QString::number(items),
                      QString::number(cases), data},
                     true))
            return 1;
    } else {
        std::printf("store %s (%.1f MB), made before\n", qPrintable(store),
                    double(QFileInfo(store).size()) / 1e6);
    }

    std::vector<double> shown, ready, peak, bareShown, barePeak;
    for (int r = 0; r < runs; ++r) {
        Start s, b;
        if (!startOnce(gui,
                       {QStringLiteral("--quit-after-start"), QStringLiteral("--data-dir"), data},
                       s) ||
            !startOnce(self, {QStringLiteral("--bare-window")}, b))
            return 1;
        shown.push_back(s.shownMs);
        if (s.readyMs >= 0)
            ready.push_back(s.readyMs);
        peak.push_back(s.peakMiB);
        bareShown.push_back(b.shownMs);
        barePeak.push_back(b.peakMiB);
    }
    std::printf("start-up, %d runs each, alternating:\n", runs);
    print("onewindow: sign-in window shown", shown, "ms");
    if (!ready.empty())
        print("onewindow: catalogue loaded and indexed", ready, "ms");
    print("bare Qt window shown (floor)", bareShown, "ms");
    print("onewindow peak RSS", peak, "MiB");
    print("bare Qt window peak RSS", barePeak, "MiB");
    const double ratio = median(shown) / std::max(median(bareShown), 1e-3);
    std::printf("  ratio median %.2fx (target <= 1.5x): %s\n", ratio,
                ratio <= 1.5 ? "met" : "MISSED");
    return 0;
}
