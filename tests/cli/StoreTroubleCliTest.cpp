// A store in trouble, said for what it is: read-only, locked by another
// program, a full disk, an empty file, damaged pages. Only damage says
// "damaged"; a healthy store is never sent to its backup.
#include "TestSupport.h"

#include "store/DataDir.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <unistd.h>

using namespace ow;

namespace {

struct Cli
{
    QTemporaryDir home;
    QString dataDir;
    explicit Cli(const QString& dir = {}) : dataDir(dir.isEmpty() ? home.path() : dir) {}
    test::ProcessResult run(QStringList args, const QByteArray& in = {}) const
    {
        args.prepend(dataDir);
        args.prepend(QStringLiteral("--data-dir"));
        args << QStringLiteral("--lang") << QStringLiteral("en");
        return test::runAdmin(args, in);
    }
    QString store() const { return storeFile(dataDir); }
    // Scenario 1 accepted: its case number.
    QString accept() const
    {
        const auto r = intake();
        INFO(r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        return r.out.trimmed();
    }
    // Scenario 1 as a request of its own each time.
    test::ProcessResult intake() const
    {
        QFile f(test::sourcePath(
            QStringLiteral("resources/examples/intake/scenario-1-two-unrelated-items.json")));
        REQUIRE(f.open(QIODevice::ReadOnly));
        QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
        doc.insert(QStringLiteral("requestId"), QStringLiteral("trouble-%1").arg(++m_requests));
        return run({QStringLiteral("intake"), QStringLiteral("--json"), QStringLiteral("-")},
                   QJsonDocument(doc).toJson());
    }

private:
    mutable int m_requests = 0;
};

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}

// Says a healthy store's trouble: not damaged, no backup to restore.
void notCalledDamaged(const QString& err)
{
    CHECK_FALSE(err.contains(QLatin1String("is damaged")));
    CHECK_FALSE(err.contains(QLatin1String("restore the latest backup")));
}

// Makes `paths` read-only for this process, and writable again when it goes.
// As root, permissions do not stop a write: the immutable attribute does.
class ReadOnly
{
public:
    explicit ReadOnly(QStringList paths) : m_paths(std::move(paths))
    {
        for (const QString& p : m_paths) {
            if (geteuid() == 0)
                m_ok = m_ok &&
                       QProcess::execute(QStringLiteral("chattr"), {QStringLiteral("+i"), p}) == 0;
            else
                m_ok = m_ok && QFile::setPermissions(p, QFileInfo(p).isDir()
                                                            ? QFile::ReadOwner | QFile::ExeOwner
                                                            : QFile::ReadOwner);
        }
    }
    ~ReadOnly()
    {
        for (const QString& p : m_paths) {
            if (geteuid() == 0)
                QProcess::execute(QStringLiteral("chattr"), {QStringLiteral("-i"), p});
            else
                QFile::setPermissions(
                    p, QFile::ReadOwner | QFile::WriteOwner |
                           (QFileInfo(p).isDir() ? QFile::ExeOwner : QFile::Permissions()));
        }
    }
    ReadOnly(const ReadOnly&) = delete;
    ReadOnly& operator=(const ReadOnly&) = delete;
    bool ok() const { return m_ok; }

private:
    QStringList m_paths;
    bool m_ok = true;
};

} // namespace

TEST_CASE("store trouble: a store on a read-only folder is read and its writes are refused as "
          "read-only",
          "[cli][store]")
{
    Cli cli;
    const QString number = cli.accept();
    REQUIRE_FALSE(QFile::exists(cli.store() + QStringLiteral("-wal")));
    QTemporaryDir out;
    REQUIRE(out.isValid());
    const ReadOnly readOnly({cli.store(), cli.dataDir});
    REQUIRE(readOnly.ok());
    const QByteArray before = fileBytes(cli.store());

    const auto shown = cli.run({QStringLiteral("case"), QStringLiteral("show"), number});
    INFO(shown.err.toStdString());
    CHECK(shown.exitCode == 0);
    CHECK(shown.out.contains(number));
    const QString exported = out.filePath(QStringLiteral("catalogue.json"));
    const auto exportRun =
        cli.run({QStringLiteral("catalogue"), QStringLiteral("export"), exported});
    INFO(exportRun.err.toStdString());
    CHECK(exportRun.exitCode == 0);
    CHECK(QFileInfo(exported).size() > 0);
    const auto verified = cli.run({QStringLiteral("audit"), QStringLiteral("verify")});
    INFO(verified.err.toStdString());
    CHECK(verified.exitCode == 0);

    const auto write = cli.intake();
    INFO(write.err.toStdString());
    CHECK(write.exitCode == 1);
    CHECK(write.out.isEmpty());
    CHECK(write.err.contains(QLatin1String("read-only")));
    notCalledDamaged(write.err);
    CHECK(fileBytes(cli.store()) == before);
}

TEST_CASE("store trouble: a store locked by another program is in use and not damaged",
          "[cli][store]")
{
    Cli cli;
    (void)cli.accept();
    auto other = Database::open(cli.store());
    REQUIRE(other.ok());
    REQUIRE(other.value()->exec(QStringLiteral("BEGIN EXCLUSIVE")).ok());

    const auto r = cli.intake();
    INFO(r.err.toStdString());
    CHECK(r.exitCode == 1);
    CHECK(r.err.contains(QLatin1String("in use by another program")));
    notCalledDamaged(r.err);
    REQUIRE(other.value()->exec(QStringLiteral("ROLLBACK")).ok());

    // Let go of, the store takes the intake.
    const auto after = cli.intake();
    CHECK(after.exitCode == 0);
}

TEST_CASE("store trouble: an empty store file is refused and left as it is", "[cli][store]")
{
    Cli cli;
    {
        QFile empty(cli.store());
        REQUIRE(empty.open(QIODevice::WriteOnly));
    }
    REQUIRE(QFileInfo(cli.store()).size() == 0);
    const auto r = cli.intake();
    INFO(r.err.toStdString());
    CHECK(r.exitCode == 1);
    CHECK(r.out.isEmpty());
    CHECK(r.err.contains(QLatin1String("empty file")));
    CHECK(r.err.contains(QLatin1String("restore the latest backup")));
    CHECK(r.err.contains(QLatin1String("move the empty file away")));
    CHECK(QFileInfo(cli.store()).size() == 0);
    CHECK_FALSE(QFile::exists(cli.store() + QStringLiteral("-wal")));

    // Moved away on purpose, a new store starts.
    REQUIRE(QFile::remove(cli.store()));
    CHECK(cli.intake().exitCode == 0);
}

TEST_CASE("store trouble: a store with damaged pages takes no catalogue import", "[cli][store]")
{
    Cli cli;
    (void)cli.accept();
    QTemporaryDir work;
    REQUIRE(work.isValid());
    const QString catalogue = work.filePath(QStringLiteral("catalogue.json"));
    REQUIRE(cli.run({QStringLiteral("catalogue"), QStringLiteral("export"), catalogue}).exitCode ==
            0);

    // Pages in the middle of the file overwritten, as a failing disk would.
    {
        QFile f(cli.store());
        REQUIRE(f.open(QIODevice::ReadWrite));
        const qint64 size = f.size();
        REQUIRE(size > 16 * 4096);
        REQUIRE(f.seek(size / 2 - 4 * 4096));
        QByteArray garbage(8 * 4096, '\0');
        for (qsizetype i = 0; i < garbage.size(); ++i)
            garbage[i] = char((i * 7919 + 13) % 251);
        REQUIRE(f.write(garbage) == garbage.size());
    }
    const QByteArray damaged = fileBytes(cli.store());

    const auto r = cli.run({QStringLiteral("catalogue"), QStringLiteral("import"), catalogue});
    INFO(r.err.toStdString());
    CHECK(r.exitCode == 1);
    CHECK_FALSE(r.out.contains(QLatin1String("Imported")));
    CHECK(r.err.contains(QLatin1String("is damaged")));
    CHECK(r.err.contains(QLatin1String("backup")));
    // Nothing written: the file is as the damage left it.
    CHECK(fileBytes(cli.store()) == damaged);
}

TEST_CASE("store trouble: a full disk is said as full and not damaged", "[cli][store]")
{
    QTemporaryDir mountPoint;
    REQUIRE(mountPoint.isValid());
    const QString dir = mountPoint.path();
    if (geteuid() != 0 ||
        QProcess::execute(QStringLiteral("mount"),
                          {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                           QStringLiteral("size=4m"), QStringLiteral("tmpfs"), dir}) != 0) {
        WARN("A small file system cannot be mounted here: the full disk is tested through the "
             "mapping of SQLITE_FULL in core: only.");
        return;
    }
    struct Unmount
    {
        QString dir;
        ~Unmount() { QProcess::execute(QStringLiteral("umount"), {dir}); }
    } unmount{dir};

    Cli cli(dir);
    (void)cli.accept();
    // A connection kept open keeps the journal and its shared memory in place.
    auto keep = Database::open(cli.store());
    REQUIRE(keep.ok());
    {
        QFile filler(QDir(dir).filePath(QStringLiteral("filler")));
        REQUIRE(filler.open(QIODevice::WriteOnly));
        const QByteArray block(4096, 'x');
        while (filler.write(block) == block.size() && filler.flush()) {
        }
    }
    const auto r = cli.intake();
    INFO(r.err.toStdString());
    CHECK(r.exitCode == 1);
    // Said by OneWindow, not only SQLite's "database or disk is full".
    CHECK(r.err.contains(QLatin1String("The disk holding the store")));
    CHECK(r.err.contains(QLatin1String("not damaged")));
    notCalledDamaged(r.err);
    keep.value().reset();
}
