#pragma once

#include "store/Database.h"

#include <QStringList>
#include <QTextStream>

#include <functional>
#include <memory>

namespace ow::admin {

// What every command gets: its arguments, the output streams and the store
// (opened on first use, with the sample catalogue on first start).
class AdminContext
{
public:
    AdminContext(QString dataDir, QTextStream& out, QTextStream& err)
        : out(out), err(err), m_dataDir(std::move(dataDir))
    {
    }
    const QString& dataDir() const { return m_dataDir; }
    // nullptr after printing the reason to err.
    Database* store();

    QTextStream& out;
    QTextStream& err;

private:
    QString m_dataDir;
    std::unique_ptr<Database> m_store;
};

struct AdminCommand
{
    QString name;    // "intake", or two words: "catalogue search"
    QString usage;   // one line per sub-command, shown by --help
    std::function<int(AdminContext&, const QStringList& args)> run;
};

// Commands register themselves from their own file:
//   static const bool registered = registerCommand({...});
bool registerCommand(AdminCommand command);
const QList<AdminCommand>& commands();

// Takes "--name VALUE" out of args; returns VALUE or `fallback`.
QString takeOption(QStringList& args, const QString& name, const QString& fallback = {});
// Takes "--name" out of args; true when it was there.
bool takeFlag(QStringList& args, const QString& name);

} // namespace ow::admin
