// `audit verify` and `audit list`: the audit log of this counter's store.
// verify walks the hash chain from the first entry and names the first
// entry that was edited, removed or moved (exit 1); exit 0 when intact.
#include "AdminCommand.h"
#include "audit/AuditLog.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ow::admin {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::admin", s);
}

const QString verifyUsage = QStringLiteral("audit verify");
const QString listUsage = QStringLiteral("audit list [--since YYYY-MM-DD] [--limit N] [--json]");

int usage(AdminContext& ctx, const QString& text)
{
    ctx.err << tr("Usage: %1").arg(text) << Qt::endl;
    return 2;
}

int verify(AdminContext& ctx, const QStringList& args)
{
    if (!args.isEmpty())
        return usage(ctx, verifyUsage);
    Database* db = ctx.store();
    if (!db)
        return 1;
    auto v = AuditLog(*db).verify();
    if (!v) {
        ctx.err << v.error().fullText() << Qt::endl;
        return 1;
    }
    if (!v->ok()) {
        ctx.err << tr("The audit log is broken at entry %1.").arg(v->brokenId) << '\n'
                << v->message << Qt::endl;
        return 1;
    }
    ctx.out << v->message << '\n' << tr("Newest entry's hash: %1").arg(v->head) << Qt::endl;
    return 0;
}

int list(AdminContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    const bool asJson = takeFlag(args, QStringLiteral("--json"));
    const QString sinceText = takeOption(args, QStringLiteral("--since"));
    const QString limitText = takeOption(args, QStringLiteral("--limit"));
    if (!args.isEmpty())
        return usage(ctx, listUsage);
    QDateTime since;
    if (!sinceText.isEmpty()) {
        const QDate d = QDate::fromString(sinceText, Qt::ISODate);
        if (!d.isValid()) {
            ctx.err << tr("--since: \"%1\" is not a date YYYY-MM-DD.").arg(sinceText) << Qt::endl;
            return 2;
        }
        since = d.startOfDay();
    }
    int limit = 0;
    if (!limitText.isEmpty()) {
        bool ok = false;
        limit = limitText.toInt(&ok);
        if (!ok || limit < 1) {
            ctx.err << tr("--limit: \"%1\" is not a positive whole number.").arg(limitText)
                    << Qt::endl;
            return 2;
        }
    }
    Database* db = ctx.store();
    if (!db)
        return 1;
    auto entries = AuditLog(*db).list(since, limit);
    if (!entries) {
        ctx.err << entries.error().fullText() << Qt::endl;
        return 1;
    }
    if (asJson) {
        QJsonArray a;
        for (const AuditRecord& r : *entries) {
            const auto parse = [](const QString& text) {
                return QJsonDocument::fromJson(QStringLiteral("[%1]").arg(text).toUtf8())
                    .array()
                    .at(0);
            };
            a.append(QJsonObject{{QStringLiteral("id"), r.id},
                                 {QStringLiteral("at"), r.at},
                                 {QStringLiteral("actor"), r.actor},
                                 {QStringLiteral("role"), r.actorRole},
                                 {QStringLiteral("site"), r.siteCode},
                                 {QStringLiteral("window"), r.window},
                                 {QStringLiteral("action"), r.action},
                                 {QStringLiteral("subject"), r.subject},
                                 {QStringLiteral("before"), parse(r.beforeJson)},
                                 {QStringLiteral("after"), parse(r.afterJson)},
                                 {QStringLiteral("hash"), r.hash}});
        }
        ctx.out << QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Indented));
        return 0;
    }
    // One line per entry: id, local time, who, what, on what.
    for (const AuditRecord& r : *entries)
        ctx.out << r.id << '\t'
                << r.time().toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) << '\t'
                << r.actor << '\t' << r.action << '\t' << r.subject << '\n';
    ctx.out.flush();
    return 0;
}

const bool registered = registerCommand({QStringLiteral("audit verify"), verifyUsage, &verify}) &&
                        registerCommand({QStringLiteral("audit list"), listUsage, &list});

} // namespace

} // namespace ow::admin
