#pragma once

// What the commands of the service around a case share (MailCommands.cpp,
// ServiceCommands.cpp): the place options, dates, errors, JSON output.
#include "AdminCommand.h"
#include "cases/CaseRecord.h"
#include "service/ServiceJson.h"
#include "service/ServiceRecords.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <optional>

namespace ow::admin {

inline QString tr(const char* s, const char* disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("ow::admin", s, disambiguation, n);
}

inline const QString& whereOptions()
{
    static const QString s = QStringLiteral("[--clerk NAME] [--site CODE] [--window W]");
    return s;
}

inline Place takePlace(QStringList& args)
{
    Place p;
    p.clerk = takeOption(args, QStringLiteral("--clerk"));
    p.siteCode = takeOption(args, QStringLiteral("--site"));
    p.window = takeOption(args, QStringLiteral("--window"));
    return p;
}

inline int usage(AdminContext& ctx, const QString& text)
{
    ctx.err << tr("Usage: %1").arg(text) << Qt::endl;
    return 2;
}

inline int fail(AdminContext& ctx, const Error& e)
{
    ctx.err << e.fullText() << Qt::endl;
    return 1;
}

// "--name YYYY-MM-DD" taken out of args: an invalid date when absent,
// nullopt (after saying so) when malformed.
inline std::optional<QDate> takeDate(AdminContext& ctx, QStringList& args, const QString& name)
{
    const QString text = takeOption(args, name);
    if (text.isEmpty())
        return QDate();
    const QDate d = QDate::fromString(text, Qt::ISODate);
    if (!d.isValid() || text.size() != 10) {
        ctx.err << tr("%1: %2 is not a date (YYYY-MM-DD).").arg(name, text) << Qt::endl;
        return std::nullopt;
    }
    return d;
}

inline void printJson(AdminContext& ctx, const QJsonValue& v)
{
    ctx.out << QString::fromUtf8(v.isArray() ? QJsonDocument(v.toArray()).toJson()
                                             : QJsonDocument(v.toObject()).toJson());
}

} // namespace ow::admin
