#pragma once

#include <QJsonObject>
#include <QString>

namespace ow {

// A refusal of the centre in the clerk's language. The centre answers a
// refused operation with a reason code (wrong_site, stale_version, ...),
// the values it names (`params`, from central migration 010 on) and an
// English sentence for its operators. The counter words the code with its
// values; a code it does not know, or one an older centre sent without
// values, is shown as the centre gave it.

// The reason as a short name ("站点不符"); the code itself when unknown.
QString refusalReasonName(const QString& reason);

// The whole explanation in the clerk's language; `message` as given when
// the reason or its values cannot be read.
QString refusalText(const QString& reason, const QJsonObject& params, const QString& message);

// The kind of record an outbox entry holds ("applicant" -> 申请人); the
// name itself when unknown.
QString recordKindName(const QString& entity);

} // namespace ow
