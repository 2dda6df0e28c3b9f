// Cold start of `onewindow-admin catalogue search` on a 20,000-item
// catalogue, whole process: open the store, load the catalogue, build the
// index, answer one query, exit. Next to it, in the same run, two floors:
// `onewindow-admin --version` (the process, Qt and the translation, no
// store) and the `sqlite3` shell answering the same query with LIKE over the
// same store (when sqlite3 is installed).
//
//   bench_cold_start [ITEMS] [RUNS]      (defaults 20000 and 15)
#include "catalogue/CatalogueGenerator.h"
#include "catalogue/CatalogueJson.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace ow;

namespace {

struct Stats
{
    double min = 0, median = 0, max = 0;
};

// Runs `program args` `runs` times, interleaved by the caller; true on success.
bool runOnce(const QString& program, const QStringList& args, std::vector<double>& ms)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    QElapsedTimer t;
    t.start();
    p.start(program, args);
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        std::fprintf(stderr, "%s %s failed:\n%s\n", qPrintable(program),
                     qPrintable(args.join(QLatin1Char(' '))), p.readAll().constData());
        return false;
    }
    ms.push_back(double(t.nsecsElapsed()) / 1e6);
    return true;
}

Stats stats(std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    return {ms.front(), ms[ms.size() / 2], ms.back()};
}

void print(const char* what, const Stats& s)
{
    std::printf("%-52s %8.1f %8.1f %8.1f\n", what, s.min, s.median, s.max);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int items = args.size() > 1 ? args[1].toInt() : 20000;
    const int runs = args.size() > 2 ? args[2].toInt() : 15;
    const QString admin = QStringLiteral(OW_ADMIN_EXE);

    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    const QString file = dir.filePath(QStringLiteral("catalogue.json"));
    {
        QFile out(file);
        if (!out.open(QIODevice::WriteOnly)) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(file));
            return 1;
        }
        out.write(CatalogueJson::serialize(generateCatalogue(items, 7)));
    }
    std::vector<double> importMs;
    if (!runOnce(admin, {QStringLiteral("--data-dir"), data, QStringLiteral("catalogue"),
                         QStringLiteral("import"), file},
                 importMs))
        return 1;
    std::printf("%d items imported in %.0f ms (one process)\n\n", items, importMs.front());

    const QString store = data + QStringLiteral("/onewindow.sqlite");
    const QString sqlite3 = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    const QString query = QStringLiteral("pswxk");
    std::vector<double> search, version, shell;
    for (int r = 0; r < runs; ++r) {
        if (!runOnce(admin, {QStringLiteral("--data-dir"), data, QStringLiteral("catalogue"),
                             QStringLiteral("search"), query},
                     search) ||
            !runOnce(admin, {QStringLiteral("--version")}, version))
            return 1;
        if (!sqlite3.isEmpty() &&
            !runOnce(sqlite3,
                     {QStringLiteral("-readonly"), store,
                      QStringLiteral("SELECT code, name FROM item WHERE name LIKE '%排水%' LIMIT 50")},
                     shell))
            return 1;
    }
    std::printf("%-52s %8s %8s %8s\n", "whole process, milliseconds", "min", "median", "max");
    print("onewindow-admin catalogue search pswxk", stats(search));
    print("onewindow-admin --version (process floor)", stats(version));
    if (!shell.empty())
        print("sqlite3 LIKE '%排水%' on the same store", stats(shell));
    const Stats s = stats(search), v = stats(version);
    std::printf("\nload + index + query beyond the process floor: %.1f ms (median)\n",
                s.median - v.median);
    return 0;
}
