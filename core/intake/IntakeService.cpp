#include "intake/IntakeService.h"

#include "applicants/Validators.h"
#include "auth/AuthService.h"
#include "calendar/WorkCalendar.h"
#include "cases/CaseNumberAllocator.h"
#include "cases/CaseRepository.h"
#include "cases/MatterRepository.h"
#include "catalogue/CatalogueService.h"
#include "intake/DecisionWriter.h"
#include "intake/FieldCheck.h"
#include "sync/SyncStore.h"
#include "text/TextRules.h"

#include <QCoreApplication>
#include <algorithm>

namespace ow {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::IntakeService", s);
}

Error failure(const QString& message, const QList<Problem>& problems, bool forbidden)
{
    Error e = Error::invalid(message, problems);
    if (forbidden)
        e.kind = Error::Kind::Forbidden;
    return e;
}

QString levelName(Level level)
{
    switch (level) {
    case Level::City:
        return QCoreApplication::translate("ow::IntakeService", "city");
    case Level::Town:
        return QCoreApplication::translate("ow::IntakeService", "town");
    case Level::Village:
        return QCoreApplication::translate("ow::IntakeService", "village");
    }
    return {};
}

// The sex and birth date given beside a valid resident ID number must be
// the ones the number carries.
QList<Problem> disagreementsWithId(const Applicant& a, const QDate& today)
{
    QList<Problem> out;
    const auto id = validateResidentId(a.idNumber, today);
    if (!id)
        return out;
    if (a.birthDate.isValid() && a.birthDate != id->birthDate)
        out.append({QStringLiteral("applicant.birthDate"), QStringLiteral("birthDate"),
                    QCoreApplication::translate("ow::IntakeService",
                                                "The birth date %1 is not the one of the ID "
                                                "number %2 (%3).")
                        .arg(a.birthDate.toString(Qt::ISODate), id->number,
                             id->birthDate.toString(Qt::ISODate))});
    if (!a.sex.isEmpty() && a.sex != toString(id->sex))
        out.append({QStringLiteral("applicant.sex"), QStringLiteral("sex"),
                    id->sex == Sex::Male
                        ? QCoreApplication::translate(
                              "ow::IntakeService",
                              "The ID number %1 is a man's (position 17 is odd), not a woman's.")
                              .arg(id->number)
                        : QCoreApplication::translate(
                              "ow::IntakeService",
                              "The ID number %1 is a woman's (position 17 is even), not a man's.")
                              .arg(id->number)});
    return out;
}

} // namespace

IntakeService::IntakeService(Database& db, const CatalogueService& catalogue,
                             const WorkCalendar& calendar, IntakeContext context)
    : m_db(db), m_catalogue(catalogue), m_calendar(calendar), m_context(std::move(context))
{
}

Intake IntakeService::begin() const
{
    return Intake(m_catalogue, m_context.today());
}

Result<std::optional<ApplicantFile>>
IntakeService::lookupApplicant(const QString& idNumberOrCreditCode) const
{
    return ApplicantRepository(m_db, *m_context.clock)
        .lookup(idNumberOrCreditCode, m_context.today());
}

Status IntakeService::setApplicant(Intake& intake, const Applicant& applicant) const
{
    // Normalised as the validators do (full-width digits, a 15-digit ID
    // upgraded, look-alike middle dots); what does not validate is kept as
    // typed and reported when the decision is taken.
    Applicant a = applicant;
    if (auto name = validatePersonName(a.name))
        a.name = name.value();
    if (!a.isLegal() && a.idType == IdType::ResidentId)
        if (auto id = validateResidentId(a.idNumber, m_context.today()))
            a.idNumber = id->number;
    if (a.isLegal() && !a.creditCode.isEmpty())
        a.creditCode = inspectCreditCode(a.creditCode).code;
    a.completeFromIdNumber();
    auto file = lookupApplicant(a.key());
    if (!file)
        return file.error();
    QList<ReusableMaterial> onFile;
    if (file->has_value()) {
        const ApplicantFile& f = **file;
        const Applicant& s = f.applicant;
        if (s.kind == a.kind) {
            a.id = s.id;
            auto fill = [](QString& typed, const QString& stored) {
                if (typed.trimmed().isEmpty())
                    typed = stored;
            };
            fill(a.name, s.name);
            fill(a.sex, s.sex);
            fill(a.phone, s.phone);
            fill(a.address, s.address);
            fill(a.legalRepresentative, s.legalRepresentative);
            fill(a.legalRepIdNumber, s.legalRepIdNumber);
            fill(a.contactName, s.contactName);
            fill(a.contactPhone, s.contactPhone);
            if (!a.birthDate.isValid())
                a.birthDate = s.birthDate;
            if (a.creditGrade == CreditGrade::None)
                a.creditGrade = s.creditGrade;
            onFile = f.reusable;
        }
    }
    // The centre keeps the credit register: its grade for the credit code,
    // once it published one (or removed it), counts over the one on file.
    if (a.isLegal() && !a.creditCode.isEmpty()) {
        auto published = SyncStore(m_db).publishedCreditGrade(a.creditCode);
        if (!published)
            return published.error();
        if (published->has_value())
            a.creditGrade = creditGradeFromString(**published).value_or(CreditGrade::None);
    }
    intake.setApplicant(a, onFile);
    return {};
}

bool IntakeService::creditCodeFails(const Applicant& applicant) const
{
    return applicant.isLegal() && !applicant.creditCode.isEmpty() &&
           inspectCreditCode(applicant.creditCode).overridable();
}

QList<CreditFlag> IntakeService::creditFlags(const Intake& intake) const
{
    QList<CreditFlag> out;
    const Applicant& a = intake.applicant();
    switch (a.creditGrade) {
    case CreditGrade::A:
        out.append({CreditFlag::Kind::GreenChannel,
                    tr("Credit grade A: green channel (绿色通道) for %1.").arg(a.name), false});
        break;
    case CreditGrade::B:
        out.append({CreditFlag::Kind::Guidance, tr("Credit grade B: give %1 guidance.").arg(a.name),
                    false});
        break;
    case CreditGrade::C:
        out.append(
            {CreditFlag::Kind::Watch,
             tr("Credit grade C: %1 is under watch. Acknowledge before acceptance.").arg(a.name),
             true});
        break;
    case CreditGrade::Blacklist:
        out.append({CreditFlag::Kind::Blacklist,
                    tr("%1 is on the credit blacklist. Acknowledge before acceptance.").arg(a.name),
                    true});
        break;
    case CreditGrade::None:
        break;
    }
    if (creditCodeFails(a))
        out.append({CreditFlag::Kind::CreditCodeInvalid,
                    tr("The credit code %1 fails its check character: a supervisor must "
                       "override, with a reason, before acceptance.")
                        .arg(a.creditCode),
                    true});
    return out;
}

QList<Problem> IntakeService::commonProblems(const Intake& intake, bool itemsRequired) const
{
    QList<Problem> out;
    if (!CaseNumberAllocator::isValidSiteCode(m_context.siteCode))
        out.append({QStringLiteral("site"), QStringLiteral("site"),
                    tr("The site code \"%1\" is not valid: 1 to 32 letters and digits.")
                        .arg(m_context.siteCode)});
    if (m_context.clerk.trimmed().isEmpty())
        out.append({QStringLiteral("clerk"), QStringLiteral("clerk"), tr("The clerk is not set.")});
    for (const Item& item : intake.items())
        if (!m_context.session.mayAcceptItem(item.code, item.category))
            out.append({QStringLiteral("items"), item.code,
                        tr("%1 may not accept the item %2 (%3): it is not among the items of "
                           "their position.")
                            .arg(m_context.session.displayName(), item.code, item.name)});

    const Applicant& a = intake.applicant();
    if (!intake.hasApplicant()) {
        out.append({QStringLiteral("applicant"), QString(), tr("The applicant is not set.")});
    } else {
        if (const QString why = checkPersonName(a.name); !why.isEmpty())
            out.append({QStringLiteral("applicant.name"), QStringLiteral("name"), why});
        if (a.isLegal()) {
            const CreditCodeCheck check = inspectCreditCode(a.creditCode);
            if (a.creditCode.isEmpty())
                out.append({QStringLiteral("applicant.creditCode"), QStringLiteral("creditCode"),
                            tr("The unified social credit code of %1 is missing.").arg(a.name)});
            else if (check.status == CreditCodeCheck::Status::Malformed && check.error)
                for (const Problem& p : check.error->problems)
                    out.append({QStringLiteral("applicant.creditCode"),
                                QStringLiteral("creditCode"), p.message});
        } else if (a.idNumber.isEmpty()) {
            out.append({QStringLiteral("applicant.idNumber"), QStringLiteral("idNumber"),
                        tr("The ID number of %1 is missing.").arg(a.name)});
        } else if (a.idType == IdType::ResidentId) {
            if (const QString why = checkIdNumber(a.idNumber, intake.today()); !why.isEmpty())
                out.append({QStringLiteral("applicant.idNumber"), QStringLiteral("idNumber"), why});
            else
                out += disagreementsWithId(a, intake.today());
        }
        if (!a.phone.isEmpty())
            if (const QString why = checkPhone(a.phone); !why.isEmpty())
                out.append({QStringLiteral("applicant.phone"), QStringLiteral("phone"), why});
        if (!a.contactPhone.isEmpty())
            if (const QString why = checkPhone(a.contactPhone); !why.isEmpty())
                out.append({QStringLiteral("applicant.contactPhone"),
                            QStringLiteral("contactPhone"), why});
    }
    if (const auto& agent = intake.agent()) {
        if (const QString why = checkPersonName(agent->name); !why.isEmpty())
            out.append({QStringLiteral("agent.name"), QStringLiteral("name"), why});
        if (agent->idNumber.isEmpty())
            out.append({QStringLiteral("agent.idNumber"), QStringLiteral("idNumber"),
                        tr("The agent's ID number is missing.")});
        else if (agent->idType == IdType::ResidentId)
            if (const QString why = checkIdNumber(agent->idNumber, intake.today()); !why.isEmpty())
                out.append({QStringLiteral("agent.idNumber"), QStringLiteral("idNumber"), why});
        if (!agent->phone.isEmpty())
            if (const QString why = checkPhone(agent->phone); !why.isEmpty())
                out.append({QStringLiteral("agent.phone"), QStringLiteral("phone"), why});
    }

    out += reuseProblems(intake);

    if (itemsRequired && intake.items().isEmpty())
        out.append({QStringLiteral("items"), QString(), tr("No item is chosen.")});
    for (const Item& item : intake.items()) {
        if (item.universal || (item.levels & int(m_context.siteLevel)))
            continue;
        out.append({QStringLiteral("items"), item.code,
                    tr("The item %1 (%2) is not handled at a %3-level site and is not a "
                       "无差别 item.")
                        .arg(item.code, item.name, levelName(m_context.siteLevel))});
    }
    return out;
}

QList<Problem> IntakeService::reuseProblems(const Intake& intake) const
{
    QList<Problem> out;
    const QString applicantId = intake.applicant().id; // empty: not on file, no case of theirs
    const CaseRepository cases(m_db);
    for (const ChecklistLine& l : intake.checklist().lines()) {
        if (l.state != MaterialState::Reused)
            continue;
        auto problem = [&](const QString& message) {
            out.append({QStringLiteral("materials"), l.material.id, message});
        };
        const QString from = l.reusedFrom.trimmed();
        const QString caseTag = QStringLiteral("case:");
        const QString licenceTag = QStringLiteral("elicence:");
        if (from.startsWith(caseTag)) {
            const QString number = from.mid(caseTag.size()).trimmed();
            auto found = cases.findByNumber(number);
            if (!found) {
                problem(found.error().message);
            } else if (!found->has_value() || (*found)->caseNumber != number) {
                problem(tr("The material %1 is reused from the case %2, but there is no case "
                           "with that number.")
                            .arg(l.material.name, visibleText(number)));
            } else if (applicantId.isEmpty() || (*found)->applicantId != applicantId) {
                problem(tr("The material %1 is reused from the case %2, which is another "
                           "applicant's.")
                            .arg(l.material.name, number));
            }
        } else if (!from.startsWith(licenceTag) ||
                   from.mid(licenceTag.size()).trimmed().isEmpty()) {
            problem(tr("The material %1 is reused from \"%2\": say case:<case number> or "
                       "elicence:<licence number>.")
                        .arg(l.material.name, visibleText(from)));
        }
    }
    return out;
}

QList<Problem> IntakeService::deliveryProblems(const Intake& intake, const DeliveryChoice& d) const
{
    QList<Problem> out;
    for (const Item& item : intake.items())
        if (!(item.delivery & int(d.method)))
            out.append({QStringLiteral("delivery.method"), QStringLiteral("method"),
                        tr("The result of %1 (%2) cannot be delivered by %3.")
                            .arg(item.code, item.name, deliveryName(d.method))});
    if (d.method == Delivery::Ems) {
        if (d.address.trimmed().isEmpty())
            out.append({QStringLiteral("delivery.address"), QStringLiteral("address"),
                        tr("EMS delivery needs the mailing address.")});
        const QString phone = d.phone.isEmpty() ? intake.applicant().phone : d.phone;
        if (phone.isEmpty())
            out.append({QStringLiteral("delivery.phone"), QStringLiteral("phone"),
                        tr("EMS delivery needs the recipient's phone.")});
        else if (const QString why = checkPhone(phone); !why.isEmpty())
            out.append({QStringLiteral("delivery.phone"), QStringLiteral("phone"), why});
        if (!d.postcode.isEmpty())
            if (const QString why = checkPostcode(d.postcode); !why.isEmpty())
                out.append({QStringLiteral("delivery.postcode"), QStringLiteral("postcode"), why});
    }
    if (d.method == Delivery::Locker && d.locker.trimmed().isEmpty())
        out.append({QStringLiteral("delivery.locker"), QStringLiteral("locker"),
                    tr("Locker delivery needs the locker.")});
    return out;
}

QList<Problem> IntakeService::creditProblems(const Intake& intake,
                                             const AcceptOptions& options) const
{
    QList<Problem> out;
    for (const CreditFlag& f : creditFlags(intake)) {
        if (!f.stopsAcceptance)
            continue;
        if (f.kind == CreditFlag::Kind::CreditCodeInvalid) {
            if (!options.creditCodeOverride)
                out.append({QStringLiteral("applicant.creditCode"), QStringLiteral("creditCode"),
                            f.message});
            else if (options.creditCodeOverride->supervisor.trimmed().isEmpty() ||
                     options.creditCodeOverride->reason.trimmed().isEmpty())
                out.append({QStringLiteral("decision.override"), QStringLiteral("override"),
                            tr("An override names the supervisor and the reason.")});
        } else if (!options.creditWarningAcknowledged) {
            out.append({QStringLiteral("applicant.creditGrade"), QStringLiteral("creditGrade"),
                        f.message});
        }
    }
    return out;
}

QList<Problem> IntakeService::acceptProblems(const Intake& intake,
                                             const AcceptOptions& options) const
{
    QList<Problem> out = commonProblems(intake, true);
    for (const CorrectionLine& l : intake.checklist().outstanding()) {
        const QString msg =
            l.problem == MaterialState::Defective
                ? tr("The material %1 is defective (%2): %3").arg(l.name, l.reason, l.whatToBring)
                : tr("The material %1 is missing: %2").arg(l.name, l.whatToBring);
        out.append({QStringLiteral("materials"), l.materialId, msg});
    }
    out += intake.form().validate(intake.today());
    out += deliveryProblems(intake, options.delivery);
    out += creditProblems(intake, options);
    return out;
}

Result<Session> IntakeService::approverSignIn(const QString& login, const QString& password) const
{
    return AuthService(m_db, *m_context.clock).signIn(login, password);
}

Result<Decision> IntakeService::accept(const Intake& intake, const AcceptOptions& given)
{
    if (Status s = m_context.session.require(Permission::AcceptIntake); !s)
        return s.error();
    AcceptOptions options = given;
    if (options.creditCodeOverride && creditCodeFails(intake.applicant())) {
        // Only a supervisor lets a failing credit code through: the one
        // deciding, or one who signed in at the window to approve.
        const Session& approver =
            options.overrideApprover ? *options.overrideApprover : m_context.session;
        if (Status s = approver.require(Permission::OverrideCreditCheck); !s)
            return s.error();
        if (!approver.isSystem())
            options.creditCodeOverride->supervisor = approver.login();
    }
    const QList<Problem> problems = acceptProblems(intake, options);
    if (!problems.isEmpty()) {
        const bool onlyCredit =
            std::all_of(problems.cbegin(), problems.cend(), [](const Problem& p) {
                return p.where.startsWith(QLatin1String("applicant.credit")) ||
                       p.where == QLatin1String("decision.override");
            });
        return failure(onlyCredit ? tr("The applicant's credit stops acceptance until it is "
                                       "acknowledged or overridden.")
                                  : tr("The intake cannot be accepted yet."),
                       problems, onlyCredit);
    }
    DecisionPlan plan;
    plan.kind = DecisionKind::Accept;
    plan.applicant = intake.applicant();
    plan.agent = intake.agent();
    plan.channel = options.channel;
    plan.delivery = options.delivery;
    if (plan.delivery.method == Delivery::Ems) {
        if (plan.delivery.recipient.isEmpty())
            plan.delivery.recipient =
                plan.applicant.isLegal() && !plan.applicant.contactName.isEmpty()
                    ? plan.applicant.contactName
                    : plan.applicant.name;
        if (plan.delivery.phone.isEmpty())
            plan.delivery.phone = plan.applicant.phone;
    }
    plan.creditFlags = creditFlags(intake);
    plan.creditAcknowledged =
        options.creditWarningAcknowledged && needsAcknowledgement(plan.applicant.creditGrade);
    if (creditCodeFails(plan.applicant) && options.creditCodeOverride) {
        plan.override_ = options.creditCodeOverride;
        plan.override_->kind = SupervisorOverride::Kind::CreditCode;
        plan.overrideSubject = plan.applicant.creditCode;
    }
    const bool immediate = intake.allImmediate();
    plan.completeNow = immediate && options.completeImmediateItems;
    plan.promisedDays = intake.promisedLimitDays();
    if (immediate || plan.promisedDays == 0) {
        plan.promisedDate = m_context.today();
    } else {
        const auto due = m_calendar.addWorkingDays(m_context.today(), plan.promisedDays);
        plan.promisedDate = due.date;
        plan.promisedProvisional = due.provisional;
    }
    return DecisionWriter(m_db, m_context, m_faultHook).write(intake, std::move(plan));
}

Result<Decision> IntakeService::requestCorrection(const Intake& intake,
                                                  const CorrectionOptions& options)
{
    if (Status s = m_context.session.require(Permission::AcceptIntake); !s)
        return s.error();
    QList<Problem> problems = commonProblems(intake, true);
    const QList<CorrectionLine> lines = intake.checklist().outstanding();
    if (lines.isEmpty())
        problems.append({QStringLiteral("materials"), QString(),
                         tr("Every required material is there: nothing to correct. Accept "
                            "the intake instead.")});
    if (!problems.isEmpty())
        return failure(tr("The correction request cannot be recorded."), problems, false);
    DecisionPlan plan;
    plan.kind = DecisionKind::Correct;
    plan.applicant = intake.applicant();
    plan.agent = intake.agent();
    plan.channel = options.channel;
    plan.delivery = options.delivery;
    plan.correctionLines = lines;
    plan.creditFlags = creditFlags(intake);
    return DecisionWriter(m_db, m_context, m_faultHook).write(intake, std::move(plan));
}

Result<Decision> IntakeService::refuse(const Intake& intake, const RefusalOptions& options)
{
    if (Status s = m_context.session.require(Permission::AcceptIntake); !s)
        return s.error();
    QList<Problem> problems = commonProblems(intake, false);
    if (options.reason.trimmed().isEmpty())
        problems.append({QStringLiteral("decision.reason"), QStringLiteral("reason"),
                         tr("A refusal states its reason.")});
    if (options.legalBasis.trimmed().isEmpty())
        problems.append({QStringLiteral("decision.legalBasis"), QStringLiteral("legalBasis"),
                         tr("A refusal states its legal basis.")});
    if (intake.items().isEmpty() && options.competentBody.trimmed().isEmpty())
        problems.append({QStringLiteral("decision.competentBody"), QStringLiteral("competentBody"),
                         tr("The matter is not an item of this hall: name the competent body "
                            "the applicant should turn to.")});
    if (!problems.isEmpty())
        return failure(tr("The refusal cannot be recorded."), problems, false);
    DecisionPlan plan;
    plan.kind = DecisionKind::Refuse;
    plan.applicant = intake.applicant();
    plan.agent = intake.agent();
    plan.channel = options.channel;
    plan.refusal = options;
    plan.creditFlags = creditFlags(intake);
    return DecisionWriter(m_db, m_context, m_faultHook).write(intake, std::move(plan));
}

Result<std::optional<CorrectionRecord>> IntakeService::openCorrection(const Intake& intake) const
{
    const Applicant& a = intake.applicant();
    QString applicantId = a.id;
    if (applicantId.isEmpty()) {
        auto file = lookupApplicant(a.key());
        if (!file)
            return file.error();
        if (!file->has_value())
            return std::optional<CorrectionRecord>();
        applicantId = (*file)->applicant.id;
    }
    MatterRepository matters(m_db);
    auto open = matters.findOpen(applicantId, MatterRepository::itemsKey(intake.itemCodes()));
    if (!open)
        return open.error();
    if (!open->has_value())
        return std::optional<CorrectionRecord>();
    return matters.openCorrection((*open)->id);
}

Status IntakeService::resume(Intake& intake) const
{
    auto oc = openCorrection(intake);
    if (!oc)
        return oc.error();
    if (!oc->has_value())
        return {};
    auto earlier = CaseRepository(m_db).findById((*oc)->caseId);
    if (!earlier)
        return earlier.error();
    if (!earlier->has_value())
        return {};
    // The form as it was left at the earlier visit: what is still asked and
    // empty now (or only prefilled) takes the earlier answer.
    const QJsonObject& answers = (*earlier)->form;
    for (auto it = answers.constBegin(); it != answers.constEnd(); ++it) {
        const FormField* f = intake.form().field(it.key());
        if (!f || !intake.fieldApplies(it.key()))
            continue;
        QString v;
        switch (it.value().type()) {
        case QJsonValue::Bool:
            v = it.value().toBool() ? QStringLiteral("true") : QStringLiteral("false");
            break;
        case QJsonValue::Double:
            v = QString::number(it.value().toDouble(), 'g', 15);
            break;
        case QJsonValue::String:
            v = it.value().toString();
            break;
        default:
            continue;
        }
        if (v.trimmed().isEmpty() || !intake.form().value(it.key()).trimmed().isEmpty())
            continue;
        (void)intake.setFormValue(it.key(), v);
    }
    intake.setEarlierDelivery((*earlier)->delivery);
    for (const CaseMaterial& m : (*earlier)->materials) {
        const ChecklistLine* line = intake.checklist().line(m.materialId);
        if (!line || line->state != MaterialState::Pending)
            continue;
        if (m.state == MaterialState::Received && m.presented)
            (void)intake.checklist().markReceived(m.materialId, *m.presented, m.count);
        else if (m.state == MaterialState::Reused)
            (void)intake.checklist().markReused(m.materialId, m.reusedFrom);
    }
    return {};
}

} // namespace ow
