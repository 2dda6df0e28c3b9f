#pragma once

#include "service/ServiceRecords.h"
#include "store/Database.h"

namespace ow {

// The only SQL on callback_task. Opens no transaction: the caller's
// Transaction covers the task and whatever made it.
class CallbackRepository
{
public:
    explicit CallbackRepository(Database& db);

    Status insert(const CallbackTask& task);
    // Marks the open task `id` done; false when no open task has that id.
    Result<bool> markDone(const QString& id, const QDateTime& at, const QString& by,
                          const QString& result);
    Result<std::optional<CallbackTask>> find(const QString& id) const;
    // The ids starting with `prefix` (a task is named by a prefix of its id).
    Result<QStringList> idsStartingWith(const QString& prefix) const;
    // The tasks of `siteCode` (empty: every site): the open ones, due first,
    // or every task, newest first.
    Result<QList<CallbackTask>> list(const QString& siteCode, bool openOnly) const;
    Result<QList<CallbackTask>> ofCase(const QString& caseId) const;

private:
    Result<QList<CallbackTask>> select(const QString& where, const QVariantList& args,
                                       const QString& order) const;
    Database& m_db;
};

} // namespace ow
