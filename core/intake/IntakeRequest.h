#pragma once

#include "applicants/Applicant.h"
#include "intake/Decision.h"
#include "intake/IntakeContext.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <optional>

namespace ow {

class IntakeService;

// What the clerk found for one material, as an intake document says it.
struct MaterialMark
{
    QString id;
    MaterialState state = MaterialState::Received;
    MaterialForm form = MaterialForm::Original; // received
    int count = 1;                              // received
    QString from;                               // reused: "case:<number>", "elicence:<number>"
    QString reason;                             // defective
    QString whatToBring;                        // missing, defective
};

// One intake as a JSON document describes it (docs/intake-format.md): who,
// where, which items, what was brought, the form, the delivery and the
// decision. `onewindow-admin intake --json` reads these.
struct IntakeRequest
{
    QString path; // the JSON path of this document ("" or "[3]" in a batch)
    // The document's "requestId", or "sha256:" and the hash of the document
    // as canonical JSON (compact, keys sorted): the request a decision
    // answers (IntakeContext::requestId). Running a document again decides
    // nothing twice.
    QString requestId;

    QString site;
    std::optional<Level> siteLevel;
    QString window;
    QString clerk;
    Channel channel = Channel::Counter;

    Applicant applicant;
    std::optional<Agent> agent;
    QStringList items;
    QList<MaterialMark> materials;
    QList<QPair<QString, QString>> form; // key, value as text
    DeliveryChoice delivery;

    DecisionKind decision = DecisionKind::Accept;
    bool acknowledgeCredit = false;
    std::optional<SupervisorOverride> override_;
    QString reason;
    QString legalBasis;
    QString competentBody;

    // Reads one document; every problem is reported with its JSON path
    // (prefixed with `path`), unknown fields included.
    static Result<IntakeRequest> fromJson(const QJsonObject& json, const QString& path = {});

    // The request id of a document without "requestId": the hash of its content.
    static QString contentRequestId(const QJsonObject& json);

    // The context of the decision: the document's site, window and clerk,
    // each falling back to `defaults`, and its request id.
    IntakeContext context(const IntakeContext& defaults) const;

    // Builds the intake through `service` (applicant with their file, agent,
    // items, prefilled form, form answers, the earlier visit resumed, the
    // materials as marked) and takes the decision. Problems name JSON paths.
    // A request decided already is answered with that decision
    // (Decision::alreadyDecided) before anything is built or written.
    Result<Decision> run(IntakeService& service) const;
};

} // namespace ow
