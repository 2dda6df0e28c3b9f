#include "pages/PageStore.h"

#include "store/Database.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ow {

namespace {

QString errnoText(int e)
{
    return QString::fromLocal8Bit(std::strerror(e));
}

bool syncFolder(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

bool isHashName(const QString& base)
{
    if (base.size() != 64)
        return false;
    for (QChar c : base)
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
              (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    return true;
}

} // namespace

PageStore::PageStore(QString folder) : m_folder(std::move(folder)) {}

QString PageStore::folderBeside(const Database& db)
{
    return QFileInfo(db.path()).absoluteDir().filePath(QStringLiteral("pages"));
}

QString PageStore::pathOf(const QString& sha256, PageFormat format) const
{
    return m_folder + QLatin1Char('/') + sha256.left(2) + QLatin1Char('/') + sha256 +
           QLatin1Char('.') + fileSuffix(format);
}

bool PageStore::has(const QString& sha256, PageFormat format) const
{
    return QFileInfo::exists(pathOf(sha256, format));
}

Status PageStore::put(const EncodedPage& page) const
{
    const QString target = pathOf(page.sha256, page.format);
    QFileInfo existing(target);
    if (existing.exists() && existing.size() == page.bytes.size())
        return {};
    const QString dir = QFileInfo(target).path();
    const auto failed = [&](const QString& what, const QString& path, int e) {
        const QString disk = e == ENOSPC || e == EDQUOT
                                 ? tr(" The disk holding the data folder is full: free space "
                                      "and capture the page again.")
                                 : QString();
        return Error::storage(tr("The page could not be stored: %1 %2 failed: %3.%4 The "
                                 "material's pages were left as they were.")
                                  .arg(what, path, errnoText(e), disk));
    };
    if (!QDir().mkpath(dir))
        return failed(tr("creating the folder"), dir, errno ? errno : EACCES);
    const QString temp = dir + QStringLiteral("/.tmp-") + page.sha256.left(16) + QLatin1Char('-') +
                         QString::number(QRandomGenerator::system()->generate64(), 16);
    const QByteArray tempName = QFile::encodeName(temp);
    const int fd = ::open(tempName.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return failed(tr("creating"), temp, errno);
    const char* data = page.bytes.constData();
    qsizetype left = page.bytes.size();
    int error = 0;
    while (left > 0) {
        const ssize_t n = ::write(fd, data, size_t(left));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            error = errno;
            break;
        }
        if (n == 0) {
            error = ENOSPC;
            break;
        }
        data += n;
        left -= n;
    }
    if (!error && ::fsync(fd) != 0)
        error = errno;
    if (::close(fd) != 0 && !error)
        error = errno;
    if (error) {
        ::unlink(tempName.constData());
        return failed(tr("writing"), temp, error);
    }
    if (::rename(tempName.constData(), QFile::encodeName(target).constData()) != 0) {
        const int e = errno;
        ::unlink(tempName.constData());
        return failed(tr("renaming to"), target, e);
    }
    if (!syncFolder(dir))
        return failed(tr("flushing the folder"), dir, errno);
    return {};
}

Result<QByteArray> PageStore::read(const QString& sha256, PageFormat format) const
{
    const QString path = pathOf(sha256, format);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::storage(tr("The page file %1 cannot be read: %2").arg(path, f.errorString()));
    QByteArray bytes = f.readAll();
    if (PageImage::sha256Hex(bytes) != sha256)
        return Error::storage(
            tr("The page file %1 is damaged: its content does not match its name.").arg(path));
    return bytes;
}

int PageStore::removeExcept(const QSet<QString>& kept, qint64 tempGraceSecs) const
{
    int removed = 0;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QDirIterator it(m_folder, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        const QString name = info.fileName();
        if (name.startsWith(QLatin1String(".tmp-"))) {
            if (info.lastModified().toUTC().secsTo(now) >= tempGraceSecs && QFile::remove(path))
                ++removed;
            continue;
        }
        const QString base = info.completeBaseName();
        if (!isHashName(base))
            continue; // not ours
        if (!kept.contains(base) && QFile::remove(path))
            ++removed;
    }
    return removed;
}

void PageStore::remove(const QString& sha256, PageFormat format) const
{
    QFile::remove(pathOf(sha256, format));
}

} // namespace ow
