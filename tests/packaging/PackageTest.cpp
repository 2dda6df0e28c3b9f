// The Debian package (packaging/): what it holds and declares, lintian, and,
// as root, a real installation on this machine: both programs start from
// /usr/bin, an upgrade keeps every accepted case, removal and purge keep the
// clerks' stores and say so. deb_build (deb-build.sh) makes the packages.
#include "TestSupport.h"
#include "store/Database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIcon>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <unistd.h>

using namespace ow;

namespace {

const QString kAppId = QStringLiteral("org.onewindow.OneWindow");
const QString kAdmin = QStringLiteral("/usr/bin/onewindow-admin");
const QString kGui = QStringLiteral("/usr/bin/onewindow");
// What postrm prints on remove and purge.
const QString kKeptNotice =
    QStringLiteral("the local stores in users' home folders (~/.local/share/OneWindow/onewindow/) "
                   "are kept");
const QRegularExpression kCaseNumber(QStringLiteral("\\b[0-9A-Za-z]+-\\d{8}-\\d{4,}\\b"));

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    QString all() const { return out + err; }
};

Run run(const QString& program, const QStringList& args,
        const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    INFO("starting " << program.toStdString());
    REQUIRE(p.waitForStarted());
    p.closeWriteChannel();
    REQUIRE(p.waitForFinished(240000));
    Run r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// The one package deb_build wrote into OW_DEB_DIR/`which`.
QString debFile(const QString& which)
{
    const QDir dir(QStringLiteral(OW_DEB_DIR "/") + which);
    const QStringList debs = dir.entryList({QStringLiteral("*.deb")}, QDir::Files);
    INFO("packages in " << dir.path().toStdString() << ": "
                        << debs.join(QLatin1Char(' ')).toStdString());
    REQUIRE(debs.size() == 1);
    return dir.absoluteFilePath(debs.first());
}

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

QProcessEnvironment clerkEnvironment(const QString& home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home);
    // The platform's default data folder: ~/.local/share.
    env.remove(QStringLiteral("XDG_DATA_HOME"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    return env;
}

QString storeUnder(const QString& home)
{
    return home + QStringLiteral("/.local/share/OneWindow/onewindow/onewindow.sqlite");
}

// The onewindow package on this machine: installs and removes it through
// apt-get, and purges it at the end whatever happened. One at a time on the
// whole machine (a lock file), and never over an installation it did not make.
class SystemPackage
{
public:
    SystemPackage()
        : m_lock(QDir::temp().filePath(QStringLiteral("onewindow-deb-install-test.lock")))
    {
        if (geteuid() != 0)
            FAIL("installing the package needs root: run the tests as root (CI does)");
        m_lock.setStaleLockTime(0); // held for minutes; stale only when its process died
        REQUIRE(m_lock.tryLock(10 * 60 * 1000));
        const QString present = state();
        if (!present.isEmpty())
            FAIL("onewindow is already on this machine (" << present.toStdString()
                                                          << "); these tests install and purge "
                                                             "it: remove it first with "
                                                             "apt-get purge onewindow");
    }
    ~SystemPackage()
    {
        if (!state().isEmpty()) {
            QProcess p;
            p.start(QStringLiteral("dpkg"),
                    {QStringLiteral("--purge"), QStringLiteral("onewindow")});
            p.waitForFinished(120000);
        }
    }
    SystemPackage(const SystemPackage&) = delete;
    SystemPackage& operator=(const SystemPackage&) = delete;

    // "ii 0.1.0-1" (installed), "rc 0.1.0-1" (removed, configuration left) or "".
    static QString state()
    {
        QProcess p;
        p.start(QStringLiteral("dpkg-query"),
                {QStringLiteral("--show"),
                 QStringLiteral("--showformat=${db:Status-Abbrev}${Version}"),
                 QStringLiteral("onewindow")});
        p.waitForFinished(60000);
        if (p.exitCode() != 0)
            return {};
        const QString s = QString::fromUtf8(p.readAllStandardOutput()).simplified();
        return s.startsWith(QLatin1String("un")) ? QString() : s;
    }

    Run apt(const QStringList& args)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DEBIAN_FRONTEND"), QStringLiteral("noninteractive"));
        QStringList all{QStringLiteral("-y"), QStringLiteral("-o"),
                        QStringLiteral("DPkg::Lock::Timeout=300")};
        return run(QStringLiteral("apt-get"), all + args, env);
    }

private:
    QLockFile m_lock;
};

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
    // Linked (from dpkg-shlibdeps) and loaded at run time (plugins, fonts).
    for (const char* name :
         {"libqt6core6", "libqt6gui6", "libqt6widgets6", "libqt6sql6", "libqt6printsupport6",
          "libqt6svg6", "libqt6charts6", "libqt6sql6-sqlite", "libqt6sql6-psql", "qt6-qpa-plugins",
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

TEST_CASE("installed package: both programs print their version and store schema, the "
          "workbench starts headless with its store in the clerk's data folder, and remove "
          "and purge keep the store and say so",
          "[packaging][install]")
{
    SystemPackage package;
    const Run in = package.apt({QStringLiteral("install"), debFile(QStringLiteral("current"))});
    INFO(in.all().toStdString());
    REQUIRE(in.exitCode == 0);
    REQUIRE(SystemPackage::state() == QStringLiteral("ii " OW_DEB_VERSION));

    QTemporaryDir home;
    REQUIRE(home.isValid());
    const QProcessEnvironment env = clerkEnvironment(home.path());
    const QString schema = QString::number(Database::knownSchemaVersion());
    const Run adminVersion = run(kAdmin, {QStringLiteral("--version")}, env);
    CHECK(adminVersion.exitCode == 0);
    CHECK(adminVersion.out ==
          QStringLiteral("onewindow-admin " ONEWINDOW_VERSION " (store schema ") + schema +
              QStringLiteral(")\n"));
    const Run guiVersion = run(kGui, {QStringLiteral("--version")}, env);
    CHECK(guiVersion.exitCode == 0);
    CHECK(guiVersion.out == QStringLiteral("onewindow " ONEWINDOW_VERSION " (store schema ") +
                                schema + QStringLiteral(")\n"));

    // The translations are built into the programs: Chinese by default.
    const QRegularExpression han(QStringLiteral("\\p{Han}"));
    const QStringList badId{QStringLiteral("validate"), QStringLiteral("id"),
                            QStringLiteral("110101199003071234")};
    const Run zh = run(kAdmin, badId, env);
    const Run en =
        run(kAdmin, QStringList{QStringLiteral("--lang"), QStringLiteral("en")} + badId, env);
    INFO("zh: " << zh.all().toStdString() << "\nen: " << en.all().toStdString());
    CHECK(zh.exitCode != 0);
    CHECK(zh.all().contains(han));
    CHECK_FALSE(en.all().trimmed().isEmpty());
    CHECK_FALSE(en.all().contains(han));

    // A first start: the store is created in ~/.local/share, the sample
    // catalogue is seeded, the window opens.
    const Run start = run(kGui, {QStringLiteral("--quit-after-start")}, env);
    INFO(start.all().toStdString());
    REQUIRE(start.exitCode == 0);
    const QString store = storeUnder(home.path());
    CHECK(start.out.contains(QStringLiteral("store ") + store + QStringLiteral(" (schema ") +
                             schema + QLatin1Char(')')));
    CHECK(start.out.contains(QLatin1String("window shown")));
    const auto items =
        QRegularExpression(QStringLiteral("(\\d+) catalogue items")).match(start.out);
    REQUIRE(items.hasMatch());
    CHECK(items.captured(1).toInt() > 0);
    REQUIRE(QFileInfo::exists(store));
    // Running it changed nothing the package installed.
    const Run verify =
        run(QStringLiteral("dpkg"), {QStringLiteral("--verify"), QStringLiteral("onewindow")});
    CHECK(verify.exitCode == 0);
    CHECK(verify.out.isEmpty());

    const Run removed = package.apt({QStringLiteral("remove"), QStringLiteral("onewindow")});
    INFO(removed.all().toStdString());
    REQUIRE(removed.exitCode == 0);
    CHECK(removed.all().contains(kKeptNotice));
    CHECK_FALSE(QFileInfo::exists(kAdmin));
    CHECK(QFileInfo::exists(store));

    const Run purged = package.apt({QStringLiteral("purge"), QStringLiteral("onewindow")});
    INFO(purged.all().toStdString());
    REQUIRE(purged.exitCode == 0);
    CHECK(purged.all().contains(kKeptNotice));
    CHECK(SystemPackage::state().isEmpty());
    CHECK(QFileInfo::exists(store));
}

TEST_CASE("installed package: upgrading from an older version keeps every accepted case, "
          "and so does purging",
          "[packaging][install]")
{
    SystemPackage package;
    const Run older = package.apt({QStringLiteral("install"), debFile(QStringLiteral("older"))});
    INFO(older.all().toStdString());
    REQUIRE(older.exitCode == 0);
    REQUIRE(SystemPackage::state() == QStringLiteral("ii " OW_DEB_OLDER_VERSION));

    // A clerk accepts the scenario examples with the older version.
    QTemporaryDir home;
    REQUIRE(home.isValid());
    const QProcessEnvironment env = clerkEnvironment(home.path());
    const QDir examples(test::sourcePath(QStringLiteral("resources/examples/intake")));
    QStringList numbers;
    for (const QString& name : examples.entryList({QStringLiteral("scenario-*.json")})) {
        const Run r =
            run(kAdmin,
                {QStringLiteral("intake"), QStringLiteral("--json"), examples.filePath(name)}, env);
        INFO(name.toStdString() << ": " << r.all().toStdString());
        REQUIRE(r.exitCode == 0);
        auto matches = kCaseNumber.globalMatch(r.out);
        const qsizetype before = numbers.size();
        while (matches.hasNext())
            numbers << matches.next().captured();
        CHECK(numbers.size() > before);
    }
    REQUIRE(numbers.size() >= 7);
    REQUIRE(QSet<QString>(numbers.cbegin(), numbers.cend()).size() == numbers.size());
    QMap<QString, QJsonObject> cases;
    for (const QString& n : numbers) {
        const Run r =
            run(kAdmin,
                {QStringLiteral("case"), QStringLiteral("show"), n, QStringLiteral("--json")}, env);
        REQUIRE(r.exitCode == 0);
        cases.insert(n, QJsonDocument::fromJson(r.out.toUtf8()).object());
        REQUIRE(cases.value(n).value(QStringLiteral("caseNumber")).toString() == n);
    }

    const Run upgrade =
        package.apt({QStringLiteral("install"), debFile(QStringLiteral("current"))});
    INFO(upgrade.all().toStdString());
    REQUIRE(upgrade.exitCode == 0);
    CHECK(upgrade.all().contains(QStringLiteral("over (" OW_DEB_OLDER_VERSION ")")));
    REQUIRE(SystemPackage::state() == QStringLiteral("ii " OW_DEB_VERSION));

    // The new version opens the store the older one wrote on its first start
    // and finds every case exactly as it was. Both packages carry the same
    // programs and so the same store schema: no migration runs here (the
    // migration of an older store with its data is StoreTest's).
    const Run start = run(kGui, {QStringLiteral("--quit-after-start")}, env);
    INFO(start.all().toStdString());
    REQUIRE(start.exitCode == 0);
    CHECK(start.out.contains(QStringLiteral("store ") + storeUnder(home.path()) +
                             QStringLiteral(" (schema ") +
                             QString::number(Database::knownSchemaVersion()) + QLatin1Char(')')));
    for (const QString& n : numbers) {
        INFO(n.toStdString());
        const Run r =
            run(kAdmin,
                {QStringLiteral("case"), QStringLiteral("show"), n, QStringLiteral("--json")}, env);
        INFO(r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        CHECK(QJsonDocument::fromJson(r.out.toUtf8()).object() == cases.value(n));
    }

    const Run purged = package.apt({QStringLiteral("purge"), QStringLiteral("onewindow")});
    INFO(purged.all().toStdString());
    REQUIRE(purged.exitCode == 0);
    CHECK(purged.all().contains(kKeptNotice));
    REQUIRE(SystemPackage::state().isEmpty());
    // The store outlives the package: the build's own onewindow-admin still
    // finds every case in it.
    const QString dataDir = QFileInfo(storeUnder(home.path())).absolutePath();
    for (const QString& n : numbers) {
        INFO(n.toStdString());
        const auto r =
            test::runAdmin({QStringLiteral("--data-dir"), dataDir, QStringLiteral("case"),
                            QStringLiteral("show"), n, QStringLiteral("--json")});
        REQUIRE(r.exitCode == 0);
        CHECK(QJsonDocument::fromJson(r.out.toUtf8()).object() == cases.value(n));
    }
}
