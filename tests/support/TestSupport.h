#pragma once

#include "store/Database.h"

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <string>

#include <catch2/catch.hpp>

// Catch prints QStrings as text.
namespace Catch {
template <>
struct StringMaker<QString>
{
    static std::string convert(const QString& s) { return '"' + s.toStdString() + '"'; }
};
} // namespace Catch

namespace ow::test {

// A fresh store in a temporary folder, removed at the end of the test.
struct TempStore
{
    TempStore();
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    QString path() const;
};

struct ProcessResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs onewindow-admin with `args`, `stdinData` on its standard input.
ProcessResult runAdmin(const QStringList& args, const QByteArray& stdinData = {});

// The path of a file under the source tree.
QString sourcePath(const QString& relative);

} // namespace ow::test
