// The main of every test executable: a QApplication on the offscreen
// platform, a fixed locale, a temporary HOME and XDG folders so no test
// reads or writes the user's real settings or data.
#define CATCH_CONFIG_RUNNER
#include "i18n/Language.h"

#include <QApplication>
#include <QLocale>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

int main(int argc, char** argv)
{
    QTemporaryDir home;
    if (!home.isValid())
        return 3;
    qputenv("HOME", home.path().toUtf8());
    qputenv("XDG_DATA_HOME", (home.path() + QStringLiteral("/data")).toUtf8());
    qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/config")).toUtf8());
    qputenv("XDG_CACHE_HOME", (home.path() + QStringLiteral("/cache")).toUtf8());
    qputenv("XDG_RUNTIME_DIR", (home.path() + QStringLiteral("/run")).toUtf8());
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));

    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("OneWindowTest"));
    QCoreApplication::setApplicationName(QStringLiteral("onewindow-test"));
    ow::installTranslation(app);
    return Catch::Session().run(argc, argv);
}
