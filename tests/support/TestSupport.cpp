#include "TestSupport.h"

#include <QDir>

#include <catch2/catch.hpp>

namespace ow::test {

TempStore::TempStore()
{
    REQUIRE(dir.isValid());
    auto opened = Database::open(path());
    if (!opened.ok())
        FAIL(opened.error().fullText().toStdString());
    db = std::move(opened.value());
}

QString TempStore::path() const
{
    return dir.filePath(QStringLiteral("onewindow.sqlite"));
}

ProcessResult runAdmin(const QStringList& args, const QByteArray& stdinData)
{
    QProcess p;
    p.start(QStringLiteral(OW_ADMIN_EXE), args);
    REQUIRE(p.waitForStarted());
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    REQUIRE(p.waitForFinished(120000));
    ProcessResult r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString sourcePath(const QString& relative)
{
    return QDir(QStringLiteral(OW_SOURCE_DIR)).filePath(relative);
}

} // namespace ow::test
