#pragma once

#include "cases/CaseRecord.h"

#include <QJsonObject>

namespace ow {

// A case as JSON: what `case show --json` prints and what the outbox sends
// to the centre. Field names follow the intake format (docs/intake-format.md).
QJsonObject caseToJson(const CaseRecord& record);
QJsonObject correctionToJson(const CorrectionRecord& correction);
QJsonObject refusalToJson(const RefusalRecord& refusal);

} // namespace ow
