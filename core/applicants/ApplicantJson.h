#pragma once

#include "applicants/Applicant.h"

#include <QByteArray>
#include <QJsonObject>

namespace ow {

// An applicant or agent as JSON, with the intake format's field names
// (docs/intake-format.md): for the outbox and `case show --json`.
QJsonObject applicantToJson(const Applicant& applicant);
QJsonObject agentToJson(const Agent& agent);

// The applicant as compact JSON text in UTF-8: exactly the bytes of
// QJsonDocument(applicantToJson(applicant)).toJson(QJsonDocument::Compact).
QByteArray applicantJsonText(const Applicant& applicant);

} // namespace ow
