#pragma once

#include "service/ServiceRecords.h"
#include "store/Database.h"
#include "store/Result.h"

#include <QDate>
#include <QJsonObject>

namespace ow {

// The records of the service after acceptance as JSON: what
// `onewindow-admin mail|consult|callback|rate --json` prints and what the
// centre keeps of them (db/central/006_service_records.sql).
// A day as the records' JSON writes it: ISO 8601, empty when not set.
QString dayText(const QDate& d);

QJsonObject toJson(const MailingRecord& m);
QJsonObject toJson(const Consultation& c);
QJsonObject toJson(const CallbackTask& t);
QJsonObject toJson(const Rating& r);

// Queues the record as it stands now for the centre (sync/Outbox; entity
// "mailing" by case, "consultation", "callback" or "rating" by id), inside
// the caller's transaction, so the change and its upload commit together.
Status queueForCentre(Database& db, const MailingRecord& m, const QDateTime& at);
Status queueForCentre(Database& db, const Consultation& c, const QDateTime& at);
Status queueForCentre(Database& db, const CallbackTask& t, const QDateTime& at);
Status queueForCentre(Database& db, const Rating& r, const QDateTime& at);

} // namespace ow
