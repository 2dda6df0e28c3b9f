#include "sync/Refusal.h"

#include "cases/CaseStatus.h"

#include <QCoreApplication>
#include <QJsonValue>

namespace ow {

// The context of this file's words.
class Refusal
{
    Q_DECLARE_TR_FUNCTIONS(ow::Refusal)
};

namespace {

QString named(const char* name)
{
    return QCoreApplication::translate("ow::Refusal", name);
}

// A value of the centre's parameters as text; empty when absent.
QString param(const QJsonObject& params, const char* key)
{
    const QJsonValue v = params.value(QLatin1String(key));
    if (v.isDouble())
        return QString::number(v.toInteger());
    return v.toString();
}

// A case status by its name in the clerk's language; the code when unknown.
QString statusName(const QString& code)
{
    const auto status = caseStatusFromString(code);
    return status ? displayName(*status) : code;
}

} // namespace

QString refusalReasonName(const QString& reason)
{
    static const QHash<QString, const char*> names{
        {QStringLiteral("wrong_site"), QT_TRANSLATE_NOOP("ow::Refusal", "Wrong site")},
        {QStringLiteral("case_number_not_of_site"),
         QT_TRANSLATE_NOOP("ow::Refusal", "Case number of another site")},
        {QStringLiteral("case_number_taken"),
         QT_TRANSLATE_NOOP("ow::Refusal", "Case number taken")},
        {QStringLiteral("case_number_changed"),
         QT_TRANSLATE_NOOP("ow::Refusal", "Case number changed")},
        {QStringLiteral("case_uuid_taken"), QT_TRANSLATE_NOOP("ow::Refusal", "Case taken")},
        {QStringLiteral("case_locked"),
         QT_TRANSLATE_NOOP("ow::Refusal", "Kept by the back office")},
        {QStringLiteral("case_not_found"), QT_TRANSLATE_NOOP("ow::Refusal", "Case not found")},
        {QStringLiteral("stale_version"),
         QT_TRANSLATE_NOOP("ow::Refusal", "Changed at the centre")},
        {QStringLiteral("transition_not_allowed"),
         QT_TRANSLATE_NOOP("ow::Refusal", "Move not allowed")},
        {QStringLiteral("unknown_status"), QT_TRANSLATE_NOOP("ow::Refusal", "Unknown status")},
        {QStringLiteral("unknown_kind"),
         QT_TRANSLATE_NOOP("ow::Refusal", "Unknown operation")},
        {QStringLiteral("unknown_entity"),
         QT_TRANSLATE_NOOP("ow::Refusal", "Unknown kind of record")},
        {QStringLiteral("operation_id_taken"),
         QT_TRANSLATE_NOOP("ow::Refusal", "Operation taken")},
        {QStringLiteral("malformed"), QT_TRANSLATE_NOOP("ow::Refusal", "Not valid")},
        {QStringLiteral("conflict"),
         QT_TRANSLATE_NOOP("ow::Refusal", "Conflicts with the centre's data")},
    };
    const auto it = names.constFind(reason);
    return it == names.cend() ? reason : named(*it);
}

QString refusalText(const QString& reason, const QJsonObject& params, const QString& message)
{
    if (params.isEmpty())
        return message;
    const auto p = [&params](const char* key) { return param(params, key); };
    // Each sentence with the values it needs; one missing: the centre's own.
    const auto with = [&message](const QString& text, const QStringList& values) {
        for (const QString& v : values)
            if (v.isEmpty())
                return message;
        QString out = text;
        for (const QString& v : values)
            out = out.arg(v);
        return out;
    };
    if (reason == QLatin1String("wrong_site"))
        return with(Refusal::tr("The case names site %1, but this counter signs in at the centre as site "
                       "%2."),
                    {p("case_site"), p("login_site")});
    if (reason == QLatin1String("case_number_not_of_site"))
        return with(Refusal::tr("The case number %1 does not begin with this site's code %2."),
                    {p("case_number"), p("site")});
    if (reason == QLatin1String("case_number_taken"))
        return with(Refusal::tr("The case number %1 is already used by another case at the centre."),
                    {p("case_number")});
    if (reason == QLatin1String("case_number_changed"))
        return with(Refusal::tr("The case already has the number %1 at the centre; it cannot become %2."),
                    {p("case_number"), p("new_number")});
    if (reason == QLatin1String("case_uuid_taken"))
        return Refusal::tr("The case is already recorded at the centre by another site.");
    if (reason == QLatin1String("case_locked"))
        return with(Refusal::tr("Case %1 is %2: from forwarding on, its data is kept by the back office."),
                    {p("case_number"), statusName(p("status"))});
    if (reason == QLatin1String("case_not_found"))
        return with(Refusal::tr("The centre knows no such case of site %1."), {p("site")});
    if (reason == QLatin1String("stale_version"))
        return with(Refusal::tr("Case %1 is now %2 at the centre (version %3); this move was made from "
                       "version %4."),
                    {p("case_number"), statusName(p("status")), p("version"),
                     p("seen_version").isEmpty() ? Refusal::tr("none") : p("seen_version")});
    if (reason == QLatin1String("transition_not_allowed"))
        return with(Refusal::tr("Case %1 cannot go from %2 to %3."),
                    {p("case_number"), statusName(p("from")), statusName(p("to"))});
    if (reason == QLatin1String("unknown_status"))
        return with(Refusal::tr("The centre knows no case status %1."), {p("status")});
    if (reason == QLatin1String("unknown_kind"))
        return with(Refusal::tr("The centre does not take operations of kind %1."), {p("kind")});
    if (reason == QLatin1String("unknown_entity"))
        return with(Refusal::tr("The centre does not keep records of the kind %1."),
                    {recordKindName(p("entity"))});
    if (reason == QLatin1String("operation_id_taken"))
        return Refusal::tr("The operation's id is already used by another site.");
    return message;
}

QString recordKindName(const QString& entity)
{
    static const QHash<QString, const char*> names{
        {QStringLiteral("case"), QT_TRANSLATE_NOOP("ow::Refusal", "Case")},
        {QStringLiteral("case_status"), QT_TRANSLATE_NOOP("ow::Refusal", "Status of a case")},
        {QStringLiteral("applicant"), QT_TRANSLATE_NOOP("ow::Refusal", "Applicant")},
        {QStringLiteral("agent"), QT_TRANSLATE_NOOP("ow::Refusal", "Agent")},
        {QStringLiteral("supervisor_override"),
         QT_TRANSLATE_NOOP("ow::Refusal", "Supervisor's override")},
        {QStringLiteral("print"), QT_TRANSLATE_NOOP("ow::Refusal", "Print")},
        {QStringLiteral("mailing"), QT_TRANSLATE_NOOP("ow::Refusal", "Mailing")},
        {QStringLiteral("consultation"), QT_TRANSLATE_NOOP("ow::Refusal", "Consultation")},
        {QStringLiteral("callback"), QT_TRANSLATE_NOOP("ow::Refusal", "Call-back")},
        {QStringLiteral("rating"), QT_TRANSLATE_NOOP("ow::Refusal", "Rating")},
    };
    const auto it = names.constFind(entity);
    return it == names.cend() ? entity : named(*it);
}

} // namespace ow
