// onewindow-admin: headless operations on a counter's store and the centre.
#include "AdminCommand.h"
#include "i18n/Language.h"
#include "store/DataDir.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <memory>

using namespace ow;
using namespace ow::admin;

static void printUsage(QTextStream& s)
{
    s << "onewindow-admin [--data-dir DIR] [--lang zh_CN|en] COMMAND ...\n";
    for (const AdminCommand& c : commands())
        s << c.usage << '\n';
    s << "onewindow-admin --version\n";
}

// Rendering documents needs fonts, and fonts need a QGuiApplication; on a
// headless machine it runs on the offscreen platform.
static bool needsGui(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i)
        if (qstrcmp(argv[i], "print") == 0 || qstrcmp(argv[i], "pages") == 0 ||
            qstrcmp(argv[i], "case-materials") == 0)
            return true;
    return false;
}

int main(int argc, char** argv)
{
    std::unique_ptr<QCoreApplication> application;
    if (needsGui(argc, argv)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        application = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        application = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication& app = *application;
    QCoreApplication::setOrganizationName(QStringLiteral("OneWindow"));
    QCoreApplication::setApplicationName(QStringLiteral("onewindow"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ONEWINDOW_VERSION));

    QStringList args = app.arguments().mid(1);
    const QString dir = takeOption(args, QStringLiteral("--data-dir"));
    installTranslation(app, takeOption(args, QStringLiteral("--lang")));

    QTextStream out(stdout);
    QTextStream err(stderr);
    if (takeFlag(args, QStringLiteral("--version"))) {
        out << "onewindow-admin " << ONEWINDOW_VERSION << " (store schema "
            << Database::knownSchemaVersion() << ")\n";
        return 0;
    }
    if (args.isEmpty() || args.first() == QLatin1String("--help") ||
        args.first() == QLatin1String("help")) {
        printUsage(args.isEmpty() ? err : out);
        return args.isEmpty() ? 2 : 0;
    }
    AdminContext ctx(dataDir(dir), out, err);
    // A command is one word ("intake") or two ("catalogue search").
    if (args.size() >= 2) {
        const QString two = args[0] + QLatin1Char(' ') + args[1];
        for (const AdminCommand& c : commands())
            if (c.name == two)
                return c.run(ctx, args.mid(2));
    }
    const QString name = args.takeFirst();
    for (const AdminCommand& c : commands())
        if (c.name == name)
            return c.run(ctx, args);
    err << QCoreApplication::translate("onewindow-admin", "Unknown command: %1").arg(name) << '\n';
    printUsage(err);
    return 2;
}
