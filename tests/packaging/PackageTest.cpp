// The Debian package (packaging/) as built: what it holds and declares,
// lintian, and the menu entry, icon, metainfo and man pages it ships.
// deb_build (deb-build.sh) makes the packages; PackageInstallTest.cpp and
// PackageUpgradeTest.cpp install them.
#include "PackageTestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIcon>
#include <QMap>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace ow::test;

namespace {

QString field(const QString& deb, const QString& name)
{
    const Run r = run(QStringLiteral("dpkg-deb"), {QStringLiteral("--field"), deb, name});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    return r.out.trimmed();
}

// Package names of a Depends-style field, version constraints dropped.
QStringList packageNames(const QString& relations)
{
    QStringList names;
    for (const QString& group : relations.split(QLatin1Char(','), Qt::SkipEmptyParts))
        for (const QString& alternative : group.split(QLatin1Char('|'), Qt::SkipEmptyParts))
            names << alternative.section(QLatin1Char('('), 0, 0).trimmed();
    return names;
}

// "./usr/bin/onewindow" -> "-rwxr-xr-x root/root", from dpkg-deb --contents.
QMap<QString, QString> contents(const QString& deb)
{
    const Run r = run(QStringLiteral("dpkg-deb"), {QStringLiteral("--contents"), deb});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    QMap<QString, QString> entries;
    for (const QString& line : r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QStringList cols = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        REQUIRE(cols.size() >= 6);
        entries.insert(cols[5], cols[0] + QLatin1Char(' ') + cols[1]);
    }
    return entries;
}

} // namespace

TEST_CASE("the package is onewindow_<version>_amd64.deb and puts the programs, menu entry, "
          "icon, metainfo, man pages and data under /usr",
          "[packaging]")
{
    const QString deb = debFile(QStringLiteral("current"));
    CHECK(QFileInfo(deb).fileName() == QStringLiteral("onewindow_" OW_DEB_VERSION "_amd64.deb"));

    const QMap<QString, QString> entries = contents(deb);
    const QStringList programs{QStringLiteral("./usr/bin/onewindow"),
                               QStringLiteral("./usr/bin/onewindow-admin")};
    for (const QString& p : programs) {
        INFO(p.toStdString());
        REQUIRE(entries.contains(p));
        CHECK(entries.value(p) == QStringLiteral("-rwxr-xr-x root/root"));
    }
    const QStringList files{
        QStringLiteral("./usr/share/applications/") + kAppId + QStringLiteral(".desktop"),
        QStringLiteral("./usr/share/icons/hicolor/scalable/apps/") + kAppId +
            QStringLiteral(".svg"),
        QStringLiteral("./usr/share/metainfo/") + kAppId + QStringLiteral(".metainfo.xml"),
        QStringLiteral("./usr/share/man/man1/onewindow.1.gz"),
        QStringLiteral("./usr/share/man/man1/onewindow-admin.1.gz"),
        QStringLiteral("./usr/share/doc/onewindow/copyright"),
        QStringLiteral("./usr/share/doc/onewindow/changelog.Debian.gz"),
        QStringLiteral("./usr/share/onewindow/catalogue/sample-catalogue.json"),
        QStringLiteral("./usr/share/onewindow/calendar/holidays-cn.tsv"),
        QStringLiteral("./usr/share/doc/onewindow/examples/centre/patroni.yml.in"),
        QStringLiteral("./usr/share/doc/onewindow/examples/centre/etcd.conf.in"),
        QStringLiteral("./usr/share/doc/onewindow/examples/centre/haproxy.cfg"),
        QStringLiteral("./usr/share/doc/onewindow/examples/centre/pgbouncer.ini"),
    };
    for (const QString& f : files) {
        INFO(f.toStdString());
        REQUIRE(entries.contains(f));
        CHECK(entries.value(f) == QStringLiteral("-rw-r--r-- root/root"));
    }
    // Nothing outside /usr, no store, no build leftovers.
    for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
        INFO(it.key().toStdString());
        CHECK((it.key() == QLatin1String("./") || it.key().startsWith(QLatin1String("./usr/"))));
        CHECK_FALSE(it.key().contains(QLatin1String(".sqlite")));
        if (it.value().startsWith(QLatin1Char('d')))
            CHECK(it.value() == QStringLiteral("drwxr-xr-x root/root"));
    }
}

TEST_CASE("the package declares the real Debian packages the programs need", "[packaging]")
{
    const QString deb = debFile(QStringLiteral("current"));
    CHECK(field(deb, QStringLiteral("Package")) == QStringLiteral("onewindow"));
    CHECK(field(deb, QStringLiteral("Version")) == QStringLiteral(OW_DEB_VERSION));
    CHECK(field(deb, QStringLiteral("Architecture")) == QStringLiteral("amd64"));
    CHECK(field(deb, QStringLiteral("Section")) == QStringLiteral("misc"));
    CHECK(field(deb, QStringLiteral("Priority")) == QStringLiteral("optional"));
    const QString maintainer = field(deb, QStringLiteral("Maintainer"));
    CHECK(QRegularExpression(QStringLiteral("^[^<>]+ <[^@<> ]+@[^@<> ]+\\.[a-z]+>$"))
              .match(maintainer)
              .hasMatch());
    const QString description = field(deb, QStringLiteral("Description"));
    CHECK(description.contains(QStringLiteral("一窗通")));
    CHECK(description.contains(QLatin1String("onewindow-admin")));

    const QStringList depends = packageNames(field(deb, QStringLiteral("Depends")));
    const QStringList recommends = packageNames(field(deb, QStringLiteral("Recommends")));
    INFO("Depends: " << depends.join(QStringLiteral(", ")).toStdString());
    // Linked (from dpkg-shlibdeps) and loaded at run time (plugins, Qt's
    // translations, fonts).
    for (const char* name :
         {"libqt6core6", "libqt6gui6", "libqt6widgets6", "libqt6sql6", "libqt6printsupport6",
          "libqt6svg6", "libqt6charts6", "libqt6sql6-sqlite", "libqt6sql6-psql", "qt6-qpa-plugins",
          "qt6-translations-l10n",
          "libsodium23", "libpq5", "libstdc++6", "fonts-noto-cjk"}) {
        INFO(name);
        CHECK(depends.contains(QLatin1String(name)));
    }
    CHECK(depends.filter(QRegularExpression(QStringLiteral("^libzint2\\.\\d+$"))).size() == 1);
    CHECK(recommends.contains(QLatin1String("fonts-hanazono")));

    // Each name is a package Debian has, so apt-get can pull it.
    const QStringList all = depends + recommends;
    const Run r =
        run(QStringLiteral("apt-cache"),
            QStringList{QStringLiteral("show"), QStringLiteral("--no-all-versions")} + all);
    INFO(r.err.toStdString());
    CHECK(r.exitCode == 0);
    const QString shown = QLatin1Char('\n') + r.out;
    for (const QString& name : all) {
        INFO(name.toStdString());
        CHECK(shown.contains(QStringLiteral("\nPackage: ") + name + QLatin1Char('\n')));
    }
}

TEST_CASE("lintian reports no errors on the package", "[packaging]")
{
    const QString deb = debFile(QStringLiteral("current"));
    const Run r =
        run(QStringLiteral("lintian"), {QStringLiteral("--fail-on"), QStringLiteral("error"),
                                        QStringLiteral("--no-tag-display-limit"), deb});
    INFO(r.all().toStdString());
    const QStringList errors =
        r.out.split(QLatin1Char('\n')).filter(QRegularExpression(QStringLiteral("^E: ")));
    CHECK(errors.isEmpty());
    CHECK(r.exitCode == 0);
}

TEST_CASE("the shipped menu entry, icon, AppStream metainfo and man pages are valid", "[packaging]")
{
    const QString deb = debFile(QStringLiteral("current"));
    QTemporaryDir root;
    REQUIRE(root.isValid());
    const Run x = run(QStringLiteral("dpkg-deb"), {QStringLiteral("--extract"), deb, root.path()});
    INFO(x.err.toStdString());
    REQUIRE(x.exitCode == 0);
    const QDir usr(root.filePath(QStringLiteral("usr/share")));

    const QString desktop =
        usr.filePath(QStringLiteral("applications/") + kAppId + QStringLiteral(".desktop"));
    const Run dv = run(QStringLiteral("desktop-file-validate"), {desktop});
    INFO(dv.all().toStdString());
    CHECK(dv.exitCode == 0);
    CHECK(dv.all().isEmpty());
    QFile entryFile(desktop);
    REQUIRE(entryFile.open(QIODevice::ReadOnly));
    const QStringList entry = QString::fromUtf8(entryFile.readAll()).split(QLatin1Char('\n'));
    CHECK(entry.contains(QStringLiteral("Name=OneWindow")));
    CHECK(entry.contains(QStringLiteral("Name[zh_CN]=一窗通")));
    CHECK(entry.contains(QStringLiteral("Exec=onewindow")));
    CHECK(entry.contains(QStringLiteral("Icon=") + kAppId));

    // The icon the entry names, drawn by Qt's SVG plugin as a desktop would.
    const QString iconPath = usr.filePath(QStringLiteral("icons/hicolor/scalable/apps/") + kAppId +
                                          QStringLiteral(".svg"));
    const QImage icon = QIcon(iconPath).pixmap(64, 64).toImage();
    REQUIRE_FALSE(icon.isNull());
    CHECK(icon.width() == 64);
    CHECK(qAlpha(icon.pixel(32, 32)) == 255); // painted, not a blank square

    const QString metainfo =
        usr.filePath(QStringLiteral("metainfo/") + kAppId + QStringLiteral(".metainfo.xml"));
    const Run av = run(QStringLiteral("appstreamcli"),
                       {QStringLiteral("validate"), QStringLiteral("--no-net"), metainfo});
    INFO(av.all().toStdString());
    CHECK(av.exitCode == 0);
    QFile metaFile(metainfo);
    REQUIRE(metaFile.open(QIODevice::ReadOnly));
    const QString meta = QString::fromUtf8(metaFile.readAll());
    CHECK(meta.contains(QStringLiteral("<launchable type=\"desktop-id\">") + kAppId +
                        QStringLiteral(".desktop</launchable>")));
    CHECK(meta.contains(QStringLiteral("<name xml:lang=\"zh_CN\">一窗通</name>")));
    CHECK(meta.contains(QStringLiteral("<release version=\"" ONEWINDOW_VERSION "\"")));

    // man reads the compressed pages without a warning.
    for (const char* page : {"onewindow.1.gz", "onewindow-admin.1.gz"}) {
        INFO(page);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("MANWIDTH"), QStringLiteral("100"));
        const Run m = run(QStringLiteral("man"),
                          {QStringLiteral("--warnings"), QStringLiteral("-l"),
                           usr.filePath(QStringLiteral("man/man1/") + QLatin1String(page))},
                          env);
        INFO(m.err.toStdString());
        CHECK(m.exitCode == 0);
        CHECK(m.err.isEmpty());
        CHECK(m.out.contains(QLatin1String("--version")));
    }
    const Run admin =
        run(QStringLiteral("man"),
            {QStringLiteral("-l"), usr.filePath(QStringLiteral("man/man1/onewindow-admin.1.gz"))});
    for (const char* command : {"catalogue import", "intake --json", "case show", "central init",
                                "central add-site", "central status"})
        CHECK(admin.out.contains(QLatin1String(command)));
}
