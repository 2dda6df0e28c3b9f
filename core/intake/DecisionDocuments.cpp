#include "intake/DecisionDocuments.h"

#include <QCoreApplication>
#include <cmath>

namespace ow {

namespace {

QString idTypeName(IdType type)
{
    switch (type) {
    case IdType::ResidentId:
        return QCoreApplication::translate("ow::DecisionDocuments", "Resident ID card");
    case IdType::Passport:
        return QCoreApplication::translate("ow::DecisionDocuments", "Passport");
    case IdType::HkMacaoPermit:
        return QCoreApplication::translate(
            "ow::DecisionDocuments", "Mainland travel permit for Hong Kong and Macao residents");
    case IdType::TaiwanPermit:
        return QCoreApplication::translate("ow::DecisionDocuments",
                                           "Mainland travel permit for Taiwan residents");
    case IdType::ForeignPermanent:
        return QCoreApplication::translate("ow::DecisionDocuments",
                                           "Foreign permanent resident ID card");
    case IdType::Other:
        return QCoreApplication::translate("ow::DecisionDocuments", "Other identity document");
    }
    return {};
}

PartyLine applicantLine(const Applicant& a)
{
    PartyLine p;
    p.name = a.name;
    if (a.isLegal()) {
        p.idType =
            QCoreApplication::translate("ow::DecisionDocuments", "Unified social credit code");
        p.idNumber = a.creditCode;
        p.phone = a.contactPhone.isEmpty() ? a.phone : a.contactPhone;
    } else {
        p.idType = idTypeName(a.idType);
        p.idNumber = a.idNumber;
        p.phone = a.phone;
    }
    return p;
}

PartyLine agentLine(const std::optional<Agent>& agent)
{
    if (!agent)
        return {QString(), QString(), QString(), QString()};
    return {agent->name, idTypeName(agent->idType), agent->idNumber, agent->phone};
}

QStringList itemNames(const Intake& intake)
{
    QStringList out;
    for (const Item& item : intake.items())
        out << item.name;
    return out;
}

// The item a line belongs to, named when the intake holds several.
QString itemOf(const Intake& intake, const QStringList& codes)
{
    if (intake.items().size() < 2 || codes.isEmpty() || codes.size() == intake.items().size())
        return {};
    QStringList names;
    for (const Item& item : intake.items())
        if (codes.contains(item.code))
            names << item.name;
    return names.join(QStringLiteral("、"));
}

// "case:<number>" / "elicence:<number>" in words.
QString sourceText(const QString& reusedFrom)
{
    const qsizetype colon = reusedFrom.indexOf(QLatin1Char(':'));
    if (colon < 0)
        return reusedFrom;
    const QString kind = reusedFrom.left(colon);
    const QString ref = reusedFrom.mid(colon + 1);
    if (kind == QLatin1String("case"))
        return QCoreApplication::translate("ow::DecisionDocuments", "case %1").arg(ref);
    if (kind == QLatin1String("elicence"))
        return QCoreApplication::translate("ow::DecisionDocuments", "e-licence %1").arg(ref);
    return reusedFrom;
}

// The region (province, city, district or county) apart from the street
// part, so that a receipt masks only the street part: the prefix up to the
// last 省/市/区/县/旗 among the first characters.
PostalAddress postalAddress(const QString& address, const QString& postcode)
{
    static const QString markers = QStringLiteral("省市区县旗");
    const QString a = address.trimmed();
    qsizetype cut = -1;
    for (qsizetype i = 0; i < std::min<qsizetype>(a.size() - 1, 12); ++i)
        if (markers.contains(a.at(i)))
            cut = i;
    if (cut < 0)
        return {QString(), a, postcode};
    return {a.left(cut + 1), a.mid(cut + 1), postcode};
}

} // namespace

AcceptanceReceiptData receiptData(const Intake& intake, const Decision& decision,
                                  const IntakeContext& context, const DeliveryChoice& delivery)
{
    AcceptanceReceiptData d;
    d.documentNumber = decision.caseNumber;
    d.caseNumber = decision.caseNumber;
    d.applicant = applicantLine(intake.applicant());
    d.agent = agentLine(intake.agent());
    if (!intake.jointItems().isEmpty())
        d.jointItem = intake.jointItems().constFirst().name;
    d.items = itemNames(intake);
    for (const ChecklistLine& l : intake.checklist().lines()) {
        if (l.state == MaterialState::Received && l.presented) {
            d.materials.append(
                {l.material.name, *l.presented, l.count, itemOf(intake, l.itemCodes), false, {}});
        } else if (l.state == MaterialState::Reused) {
            d.materials.append({l.material.name, l.material.form, std::max(1, l.material.copies),
                                itemOf(intake, l.itemCodes), true, sourceText(l.reusedFrom)});
        }
    }
    d.acceptedAt = context.now();
    if (decision.status != CaseStatus::Completed) {
        d.promisedDate = decision.promisedDate;
        d.promisedWorkingDays = decision.promisedDays;
        d.promisedProvisional = decision.promisedProvisional;
    }
    d.delivery.method = delivery.method;
    d.delivery.pickupPlace = context.window;
    d.delivery.lockerSite = delivery.locker;
    d.delivery.recipient =
        delivery.recipient.isEmpty() ? intake.applicant().name : delivery.recipient;
    d.delivery.mobile = delivery.phone.isEmpty() ? intake.applicant().phone : delivery.phone;
    d.delivery.address = postalAddress(delivery.address, delivery.postcode);
    double yuan = 0;
    for (const Item& item : intake.items())
        yuan += item.feeYuan;
    d.feeFen = qint64(std::llround(yuan * 100));
    d.clerk = context.clerk;
    d.window = context.window;
    d.site = context.siteCode;
    return d;
}

OneTimeNoticeData oneTimeNoticeData(const Intake& intake, const Decision& decision,
                                    const IntakeContext& context)
{
    OneTimeNoticeData d;
    d.documentNumber = decision.noticeNumber;
    d.caseNumber = decision.noticeNumber;
    d.applicant = applicantLine(intake.applicant());
    d.items = itemNames(intake);
    d.submittedOn = context.today();
    d.issuedOn = context.today();
    for (const CorrectionLine& c : decision.correctionLines) {
        DefectLine line;
        line.material = c.name;
        line.missing = c.problem == MaterialState::Missing;
        line.reason = c.reason;
        line.whatToBring = c.whatToBring;
        if (const ChecklistLine* l = intake.checklist().line(c.materialId))
            line.item = itemOf(intake, l->itemCodes);
        d.defects.append(line);
    }
    QStringList basis;
    for (const Item& item : intake.items()) {
        if (!item.acceptanceConditions.trimmed().isEmpty())
            d.conditions << item.acceptanceConditions.trimmed();
        if (!item.legalBasis.trimmed().isEmpty() && !basis.contains(item.legalBasis.trimmed()))
            basis << item.legalBasis.trimmed();
    }
    d.legalBasis = basis.join(QStringLiteral("；"));
    d.clerk = context.clerk;
    d.window = context.window;
    return d;
}

NonAcceptanceNoticeData nonAcceptanceData(const Intake& intake, const Decision& decision,
                                          const IntakeContext& context,
                                          const RefusalOptions& refusal)
{
    NonAcceptanceNoticeData d;
    d.documentNumber = decision.noticeNumber;
    d.caseNumber = decision.noticeNumber;
    d.applicant = applicantLine(intake.applicant());
    d.items = itemNames(intake);
    d.appliedOn = context.today();
    d.decidedOn = context.today();
    d.reason = refusal.reason.trimmed();
    d.legalBasis = refusal.legalBasis.trimmed();
    d.competentBody = refusal.competentBody.trimmed();
    d.clerk = context.clerk;
    d.window = context.window;
    return d;
}

std::unique_ptr<Document> decisionDocument(const Intake& intake, const Decision& decision,
                                           const IntakeContext& context,
                                           const DecisionDocumentInput& input,
                                           const CentreSettings& centre)
{
    switch (decision.kind) {
    case DecisionKind::Accept:
        return std::make_unique<AcceptanceReceipt>(
            receiptData(intake, decision, context, input.delivery), centre);
    case DecisionKind::Correct:
        return std::make_unique<OneTimeNotice>(oneTimeNoticeData(intake, decision, context),
                                               centre);
    case DecisionKind::Refuse:
        return std::make_unique<NonAcceptanceNotice>(
            nonAcceptanceData(intake, decision, context, input.refusal), centre);
    }
    return nullptr;
}

} // namespace ow
