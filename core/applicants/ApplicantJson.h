#pragma once

#include "applicants/Applicant.h"

#include <QJsonObject>

namespace ow {

// An applicant or agent as JSON, with the intake format's field names
// (docs/intake-format.md): for the outbox and `case show --json`.
QJsonObject applicantToJson(const Applicant& applicant);
QJsonObject agentToJson(const Agent& agent);

} // namespace ow
