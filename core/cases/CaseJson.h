#pragma once

#include "cases/CaseRecord.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>

namespace ow {

// A case as JSON: what `case show --json` prints and what the outbox sends
// to the centre. Field names follow the intake format (docs/intake-format.md).
QJsonObject caseToJson(const CaseRecord& record);
QJsonObject correctionToJson(const CorrectionRecord& correction);
QJsonObject refusalToJson(const RefusalRecord& refusal);

// The same case as compact JSON text in UTF-8: exactly the bytes of
// QJsonDocument(caseToJson(record)).toJson(QJsonDocument::Compact), written
// directly. `formJson` is the record's form as formJsonText() writes it,
// when the caller has it already (it is stored too).
QByteArray caseJsonText(const CaseRecord& record, QByteArrayView formJson = {});
// A form's values as compact JSON text (QJsonDocument::Compact).
QByteArray formJsonText(const QJsonObject& form);

} // namespace ow
