// Intake requests as `onewindow-admin intake --json` reads them: one
// document or an array of them; each is read or refused with its path.
#include "FuzzSupport.h"
#include "intake/IntakeRequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace ow;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(fuzz::bytes(data, size), &error);
    if (error.error != QJsonParseError::NoError)
        return 0;
    QJsonArray requests = doc.isArray() ? doc.array() : QJsonArray{doc.object()};
    for (qsizetype i = 0; i < requests.size(); ++i) {
        const auto read = IntakeRequest::fromJson(requests.at(i).toObject(),
                                                  QStringLiteral("[%1]").arg(i));
        if (!read)
            fuzz::require(!read.error().message.isEmpty(), "a refusal says why");
    }
    return 0;
}
