// onewindow-admin: headless operations on a counter's store and the centre.
#include "AdminCommand.h"

#include "i18n/Language.h"
#include "store/DataDir.h"

#include <QCoreApplication>

using namespace ow;
using namespace ow::admin;

static void printUsage(QTextStream& s)
{
    s << "onewindow-admin [--data-dir DIR] [--lang zh_CN|en] COMMAND ...\n";
    for (const AdminCommand& c : commands())
        s << c.usage << '\n';
    s << "onewindow-admin --version\n";
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
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
