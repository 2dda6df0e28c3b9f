#include "documents/CaseDocuments.h"

#include "applicants/ApplicantRepository.h"
#include "applicants/Validators.h"
#include "calendar/WorkCalendar.h"
#include "cases/CaseRepository.h"
#include "catalogue/CatalogueRepository.h"
#include "documents/AcceptanceReceipt.h"
#include "documents/CaseArchive.h"
#include "documents/CentreSettingsRepository.h"
#include "documents/CompletionNotice.h"
#include "documents/MailingSlip.h"
#include "documents/NonAcceptanceNotice.h"
#include "documents/OneTimeNotice.h"
#include "documents/PrintJournal.h"
#include "intake/Decision.h"
#include "pages/MaterialPages.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <cmath>

namespace ow {

namespace {

struct KindName
{
    DocumentKind kind;
    const char* name;
};

constexpr KindName kKinds[] = {
    {DocumentKind::AcceptanceReceipt, "acceptance-receipt"},
    {DocumentKind::OneTimeNotice, "one-time-notice"},
    {DocumentKind::NonAcceptanceNotice, "non-acceptance-notice"},
    {DocumentKind::CompletionNotice, "completion-notice"},
    {DocumentKind::MailingSlip, "ems-slip"},
    {DocumentKind::DailyLedger, "daily-ledger"},
    {DocumentKind::CaseArchive, "case-archive"},
};

QString idTypeText(IdType type)
{
    switch (type) {
    case IdType::ResidentId:
        return QCoreApplication::translate("ow::CaseDocuments", "Resident ID card");
    case IdType::Passport:
        return QCoreApplication::translate("ow::CaseDocuments", "Passport");
    case IdType::HkMacaoPermit:
        return QCoreApplication::translate(
            "ow::CaseDocuments", "Mainland travel permit for Hong Kong and Macao residents");
    case IdType::TaiwanPermit:
        return QCoreApplication::translate("ow::CaseDocuments",
                                           "Mainland travel permit for Taiwan residents");
    case IdType::ForeignPermanent:
        return QCoreApplication::translate("ow::CaseDocuments",
                                           "Foreign permanent resident ID card");
    case IdType::Other:
        return QCoreApplication::translate("ow::CaseDocuments", "Other ID document");
    }
    return {};
}

PartyLine partyOf(const Applicant& a)
{
    if (a.isLegal())
        return {a.name,
                QCoreApplication::translate("ow::CaseDocuments", "Unified social credit code"),
                a.creditCode, a.contactPhone.isEmpty() ? a.phone : a.contactPhone};
    return {a.name, idTypeText(a.idType), a.idNumber, a.phone};
}

PartyLine partyOf(const Agent& a)
{
    return {a.name, idTypeText(a.idType), a.idNumber, a.phone};
}

// "case:<number>" / "elicence:<number>" as printed.
QString reuseText(const QString& reusedFrom)
{
    const qsizetype colon = reusedFrom.indexOf(QLatin1Char(':'));
    const QString kind = reusedFrom.left(colon);
    const QString ref = colon < 0 ? reusedFrom : reusedFrom.mid(colon + 1);
    if (kind == u"case")
        return QCoreApplication::translate("ow::CaseDocuments", "From case %1").arg(ref);
    if (kind == u"elicence")
        return QCoreApplication::translate("ow::CaseDocuments", "E-licence %1").arg(ref);
    return reusedFrom;
}

bool completed(CaseStatus s)
{
    return s == CaseStatus::Completed || s == CaseStatus::AwaitingPickup ||
           s == CaseStatus::Mailed || s == CaseStatus::Delivered;
}

// When the case first reached `status`, or `fallback`.
QDateTime reached(const CaseRecord& c, CaseStatus status, const QDateTime& fallback)
{
    for (const StatusChange& h : c.history)
        if (h.to == toString(status))
            return h.at;
    return fallback;
}

QString caseLabel(const CaseRecord& c, const QString& asked)
{
    return c.caseNumber.isEmpty() ? asked : c.caseNumber;
}

Error wrongKind(const QString& what, const CaseRecord& c, const QString& asked)
{
    const QString msg = what.arg(caseLabel(c, asked), displayName(c.status));
    return Error::invalid(msg, {{asked, QStringLiteral("kind"), msg}});
}

// What the store knows of a case, gathered once.
struct CaseFacts
{
    CaseRecord c;
    PartyLine applicant;
    PartyLine agent;
    QList<Item> items; // the catalogue versions the case was decided under
    QString jointItem;
};

DeliveryLine deliveryOf(const CaseRecord& c, const CentreSettings& centre)
{
    DeliveryLine d;
    d.method = c.delivery.method;
    d.pickupPlace = centre.pickupPlace;
    d.lockerSite = c.delivery.locker;
    d.recipient = c.delivery.recipient;
    d.mobile = c.delivery.phone;
    d.address = CaseDocuments::splitAddress(c.delivery.address, c.delivery.postcode);
    return d;
}

QStringList itemNames(const CaseFacts& f)
{
    QStringList out;
    for (const CaseItem& i : f.c.items)
        out << i.name;
    return out;
}

// The licences and certificates the items issue (the item name when none is given).
QStringList resultsOf(const CaseFacts& f)
{
    QStringList out;
    for (qsizetype i = 0; i < f.c.items.size(); ++i) {
        const QString r = i < f.items.size() ? f.items[i].result : QString();
        out << (r.isEmpty() ? f.c.items[i].name : r);
    }
    out.removeDuplicates();
    return out;
}

} // namespace

QString toString(DocumentKind kind)
{
    for (const KindName& k : kKinds)
        if (k.kind == kind)
            return QLatin1String(k.name);
    return {};
}

std::optional<DocumentKind> documentKindFromString(const QString& s)
{
    for (const KindName& k : kKinds)
        if (s == QLatin1String(k.name))
            return k.kind;
    return std::nullopt;
}

QString displayName(DocumentKind kind)
{
    switch (kind) {
    case DocumentKind::AcceptanceReceipt:
        return QCoreApplication::translate("ow::CaseDocuments", "acceptance receipt");
    case DocumentKind::OneTimeNotice:
        return QCoreApplication::translate("ow::CaseDocuments", "one-time notice");
    case DocumentKind::NonAcceptanceNotice:
        return QCoreApplication::translate("ow::CaseDocuments", "non-acceptance notice");
    case DocumentKind::CompletionNotice:
        return QCoreApplication::translate("ow::CaseDocuments", "completion notice");
    case DocumentKind::MailingSlip:
        return QCoreApplication::translate("ow::CaseDocuments", "EMS mailing slip");
    case DocumentKind::DailyLedger:
        return QCoreApplication::translate("ow::CaseDocuments", "daily ledger");
    case DocumentKind::CaseArchive:
        return QCoreApplication::translate("ow::CaseDocuments", "electronic case file");
    }
    return {};
}

CaseDocuments::CaseDocuments(Database& db) : CaseDocuments(db, WorkCalendar::builtIn()) {}

CaseDocuments::CaseDocuments(Database& db, const WorkCalendar& calendar)
    : m_db(db), m_calendar(calendar)
{
}

QList<DocumentToPrint> CaseDocuments::afterDecision(const Decision& decision)
{
    switch (decision.kind) {
    case DecisionKind::Accept: {
        QList<DocumentToPrint> out{{DocumentKind::AcceptanceReceipt, decision.caseNumber}};
        if (completed(decision.status))
            out << DocumentToPrint{DocumentKind::CompletionNotice, decision.caseNumber};
        return out;
    }
    case DecisionKind::Correct:
        return {{DocumentKind::OneTimeNotice, decision.noticeNumber}};
    case DecisionKind::Refuse:
        return {{DocumentKind::NonAcceptanceNotice, decision.noticeNumber}};
    }
    return {};
}

QString CaseDocuments::documentNumber(const CentreSettings& centre, DocumentKind kind,
                                      const CaseRecord& c)
{
    //: The kind character of a document number: 受 (acceptance) or 办 (completion)
    const QString kindChar = kind == DocumentKind::CompletionNotice
                                 ? QCoreApplication::translate("ow::CaseDocuments", "C")
                                 : QCoreApplication::translate("ow::CaseDocuments", "A");
    const QString day =
        c.caseDay.size() == 8 ? c.caseDay : c.decidedAt.toString(QStringLiteral("yyyyMMdd"));
    return centre.documentPrefix + kindChar + QStringLiteral("〔") + day.left(4) +
           QStringLiteral("〕") + c.place.siteCode + QLatin1Char('-') + day.mid(4, 4) +
           QString::number(c.caseSeq).rightJustified(4, QLatin1Char('0')) + QStringLiteral("号");
}

PostalAddress CaseDocuments::splitAddress(const QString& address, const QString& postcode)
{
    // Province (省, 自治区), city (市, 州, 盟, 地区) and district or county
    // (区, 县, 市, 旗) at the start; the rest is the street part.
    static const QRegularExpression region(
        QStringLiteral("^((?:[^省]{2,7}省|[^区]{2,10}自治区|北京市|天津市|上海市|重庆市)?"
                       "(?:[^市州盟]{2,10}?(?:市|自治州|州|盟|地区))?"
                       "(?:[^区县旗]{1,10}?(?:区|县|旗|市))?)"));
    const QString a = address.trimmed();
    const auto m = region.match(a);
    qsizetype cut = m.hasMatch() ? m.capturedLength(1) : 0;
    if (cut >= a.size()) // nothing after the region: keep the last part hidden anyway
        cut = 0;
    return {a.left(cut), a.mid(cut), postcode};
}

Result<PreparedDocument> CaseDocuments::forCase(DocumentKind kind, const QString& number,
                                                const QString& waybill) const
{
    if (kind == DocumentKind::DailyLedger) {
        const QString msg = QCoreApplication::translate(
            "ow::CaseDocuments", "A daily ledger is of a day, not of a case.");
        return Error::invalid(msg, {{number, QStringLiteral("kind"), msg}});
    }
    auto centre = CentreSettingsRepository(m_db).load();
    if (!centre)
        return centre.error();
    auto found = CaseRepository(m_db).findByNumber(number.trimmed());
    if (!found)
        return found.error();
    if (!found->has_value()) {
        const QString msg =
            QCoreApplication::translate("ow::CaseDocuments", "No case or notice has the number %1.")
                .arg(number);
        return Error{Error::Kind::NotFound, msg, {{number, QStringLiteral("case"), msg}}};
    }
    CaseFacts f;
    f.c = std::move(**found);
    const CaseRecord& c = f.c;
    const bool accepted = c.decision == DecisionKind::Accept && !c.caseNumber.isEmpty();

    // Each kind needs its decision.
    switch (kind) {
    case DocumentKind::AcceptanceReceipt:
        if (!accepted)
            return wrongKind(QCoreApplication::translate(
                                 "ow::CaseDocuments",
                                 "Case %1 was not accepted (status: %2): it has no acceptance "
                                 "receipt."),
                             c, number);
        break;
    case DocumentKind::OneTimeNotice:
        if (c.corrections.isEmpty())
            return wrongKind(QCoreApplication::translate(
                                 "ow::CaseDocuments",
                                 "No correction was requested for case %1 (status: %2): it has no "
                                 "one-time notice."),
                             c, number);
        break;
    case DocumentKind::NonAcceptanceNotice:
        if (c.refusals.isEmpty())
            return wrongKind(QCoreApplication::translate(
                                 "ow::CaseDocuments",
                                 "Case %1 was not refused at the window (status: %2): it has no "
                                 "non-acceptance notice."),
                             c, number);
        break;
    case DocumentKind::CompletionNotice:
        if (!accepted || !completed(c.status))
            return wrongKind(QCoreApplication::translate(
                                 "ow::CaseDocuments",
                                 "Case %1 is not completed (status: %2): it has no completion "
                                 "notice yet."),
                             c, number);
        break;
    case DocumentKind::MailingSlip:
        if (!accepted)
            return wrongKind(
                QCoreApplication::translate(
                    "ow::CaseDocuments",
                    "Case %1 was not accepted (status: %2): there is nothing to mail."),
                c, number);
        if (c.delivery.method != Delivery::Ems) {
            const QString msg =
                QCoreApplication::translate(
                    "ow::CaseDocuments",
                    "The result of case %1 is not mailed (delivery: %2): it has no EMS slip.")
                    .arg(c.caseNumber, Document::deliveryName(c.delivery.method));
            return Error::invalid(msg, {{number, QStringLiteral("kind"), msg}});
        }
        break;
    case DocumentKind::CaseArchive:
        if (!accepted)
            return wrongKind(QCoreApplication::translate(
                                 "ow::CaseDocuments",
                                 "Case %1 was not accepted (status: %2): it has no electronic "
                                 "case file."),
                             c, number);
        break;
    case DocumentKind::DailyLedger:
        break;
    }

    ApplicantRepository applicants(m_db);
    auto applicant = applicants.findById(c.applicantId);
    if (!applicant)
        return applicant.error();
    if (!applicant->has_value())
        return Error::storage(
            QCoreApplication::translate("ow::CaseDocuments",
                                        "The applicant of case %1 is missing from the store.")
                .arg(caseLabel(c, number)));
    f.applicant = partyOf(**applicant);
    if (!c.agentId.isEmpty()) {
        auto agent = applicants.findAgentById(c.agentId);
        if (!agent)
            return agent.error();
        if (agent->has_value())
            f.agent = partyOf(**agent);
    }
    CatalogueRepository catalogue(m_db);
    for (const CaseItem& i : c.items) {
        auto item = catalogue.itemVersion(i.code, i.version);
        if (!item)
            return item.error();
        f.items << *item;
        if (f.jointItem.isEmpty() && !i.jointCode.isEmpty()) {
            auto joint = catalogue.jointItem(i.jointCode);
            f.jointItem = joint ? joint->name : i.jointCode;
        }
    }

    PreparedDocument out;
    out.ref.kind = kind;
    out.ref.caseId = c.id;
    out.ref.caseNumber = c.caseNumber;
    switch (kind) {
    case DocumentKind::AcceptanceReceipt: {
        AcceptanceReceiptData d;
        d.documentNumber = documentNumber(*centre, kind, c);
        d.caseNumber = c.caseNumber;
        d.applicant = f.applicant;
        d.agent = f.agent;
        d.jointItem = f.jointItem;
        d.items = itemNames(f);
        for (const CaseMaterial& m : c.materials) {
            if (m.state != MaterialState::Received && m.state != MaterialState::Reused)
                continue;
            MaterialLine line;
            line.name = m.name;
            line.form = m.presented.value_or(MaterialForm::Original);
            line.count = std::max(1, m.count);
            line.reused = m.state == MaterialState::Reused;
            line.source = line.reused ? reuseText(m.reusedFrom) : QString();
            d.materials << line;
        }
        d.acceptedAt = reached(c, CaseStatus::Accepted, c.decidedAt);
        d.promisedDate = c.promisedDate;
        d.promisedWorkingDays = c.promisedDays;
        d.promisedProvisional = c.promisedProvisional;
        d.delivery = deliveryOf(c, *centre);
        double fee = 0;
        for (const Item& i : f.items)
            fee += i.feeYuan;
        d.feeFen = qint64(std::llround(fee * 100));
        d.clerk = c.place.clerk;
        d.window = c.place.window;
        d.site = centre->name;
        out.ref.subject = c.caseNumber;
        out.ref.documentNumber = d.documentNumber;
        out.document = std::make_shared<AcceptanceReceipt>(std::move(d), *centre);
        break;
    }
    case DocumentKind::OneTimeNotice: {
        // The correction asked for, or the case's latest one.
        const CorrectionRecord* cr = &c.corrections.last();
        for (const CorrectionRecord& r : c.corrections)
            if (r.number == number.trimmed())
                cr = &r;
        OneTimeNoticeData d;
        d.documentNumber = cr->number;
        d.caseNumber = c.caseNumber;
        d.applicant = f.applicant;
        d.items = itemNames(f);
        d.submittedOn = cr->createdAt.date();
        d.issuedOn = cr->createdAt.date();
        for (const CorrectionLine& l : cr->lines) {
            DefectLine line;
            line.material = l.name;
            line.missing = l.problem == MaterialState::Missing;
            line.reason =
                !l.reason.isEmpty()
                    ? l.reason
                    : QCoreApplication::translate("ow::CaseDocuments",
                                                  "Not submitted; the application requires it.");
            line.whatToBring = l.whatToBring;
            d.defects << line;
        }
        QStringList bases;
        for (const Item& i : f.items) {
            if (!i.acceptanceConditions.isEmpty())
                d.conditions << (f.items.size() > 1 ? i.name + QStringLiteral("：") : QString()) +
                                    i.acceptanceConditions;
            if (!i.legalBasis.isEmpty())
                bases << i.legalBasis;
        }
        bases << QCoreApplication::translate(
            "ow::CaseDocuments",
            "Article 32(1)(4) of the Administrative Licensing Law of the People's "
            "Republic of China");
        bases.removeDuplicates();
        d.legalBasis = bases.join(QStringLiteral("；"));
        d.deadline = m_calendar.addWorkingDays(d.issuedOn, centre->correctionWorkingDays).date;
        d.clerk = cr->place.clerk;
        d.window = cr->place.window;
        out.ref.subject = cr->number;
        out.ref.documentNumber = cr->number;
        out.document = std::make_shared<OneTimeNotice>(std::move(d), *centre);
        break;
    }
    case DocumentKind::NonAcceptanceNotice: {
        const RefusalRecord* r = &c.refusals.last();
        for (const RefusalRecord& x : c.refusals)
            if (x.number == number.trimmed())
                r = &x;
        NonAcceptanceNoticeData d;
        d.documentNumber = r->number;
        d.caseNumber = c.caseNumber;
        d.applicant = f.applicant;
        d.items = itemNames(f);
        d.appliedOn = c.createdAt.date();
        d.decidedOn = r->createdAt.date();
        d.reason = r->reason;
        d.legalBasis = r->legalBasis;
        d.competentBody = r->competentBody;
        d.clerk = r->place.clerk;
        d.window = r->place.window;
        out.ref.subject = r->number;
        out.ref.documentNumber = r->number;
        out.document = std::make_shared<NonAcceptanceNotice>(std::move(d), *centre);
        break;
    }
    case DocumentKind::CompletionNotice: {
        CompletionNoticeData d;
        d.documentNumber = documentNumber(*centre, kind, c);
        d.caseNumber = c.caseNumber;
        d.applicant = f.applicant;
        d.items = itemNames(f);
        d.acceptedOn = reached(c, CaseStatus::Accepted, c.decidedAt).date();
        const QDateTime done = reached(c, CaseStatus::Completed, c.decidedAt);
        d.completedOn = done.date();
        d.outcome = QCoreApplication::translate("ow::CaseDocuments", "Completed: approved");
        for (const QString& r : resultsOf(f))
            d.results << ResultLine{r, {}};
        d.delivery = deliveryOf(c, *centre);
        if (d.delivery.method == Delivery::Ems) {
            PrintJournal journal(m_db);
            auto slip = journal.latestOfCase(c.caseNumber, DocumentKind::MailingSlip);
            if (!slip)
                return slip.error();
            if (slip->has_value())
                d.waybill = (*slip)->reference;
        } else {
            d.collectBy = d.completedOn.addDays(centre->collectionDays);
            d.bring << QCoreApplication::translate("ow::CaseDocuments",
                                                   "This notice or the acceptance receipt")
                    << QCoreApplication::translate("ow::CaseDocuments",
                                                   "The applicant's ID document (the original)");
            if (!f.agent.isEmpty())
                d.bring << QCoreApplication::translate(
                    "ow::CaseDocuments", "The agent's ID document and the written authorisation");
        }
        // the clerk who completed it
        for (const StatusChange& h : c.history)
            if (h.to == toString(CaseStatus::Completed)) {
                d.clerk = h.place.clerk;
                d.window = h.place.window;
                break;
            }
        if (d.clerk.isEmpty()) {
            d.clerk = c.place.clerk;
            d.window = c.place.window;
        }
        out.ref.subject = c.caseNumber;
        out.ref.documentNumber = d.documentNumber;
        out.document = std::make_shared<CompletionNotice>(std::move(d), *centre);
        break;
    }
    case DocumentKind::MailingSlip: {
        PrintJournal journal(m_db);
        QString number13 = waybill.trimmed();
        QDate mailedOn;
        auto earlier = journal.latestOfCase(c.caseNumber, DocumentKind::MailingSlip);
        if (!earlier)
            return earlier.error();
        if (number13.isEmpty()) {
            if (!earlier->has_value()) {
                const QString msg = QCoreApplication::translate(
                                        "ow::CaseDocuments",
                                        "The first EMS slip of case %1 needs its waybill number.")
                                        .arg(c.caseNumber);
                return Error::invalid(
                    msg, {{QStringLiteral("waybill"), QStringLiteral("waybill"), msg}});
            }
            number13 = (*earlier)->reference;
        }
        auto valid = validateWaybill(number13, QStringLiteral("waybill"));
        if (!valid)
            return valid.error();
        number13 = valid->number;
        // The day the slip of this waybill was first printed.
        auto prints = journal.entriesOf(number13);
        if (!prints)
            return prints.error();
        for (const JournalEntry& e : *prints)
            if (e.kind == DocumentKind::MailingSlip) {
                if (e.caseNumber != c.caseNumber) {
                    const QString msg =
                        QCoreApplication::translate("ow::CaseDocuments",
                                                    "The waybill %1 was already used for case %2.")
                            .arg(number13, e.caseNumber);
                    return Error::conflict(msg);
                }
                mailedOn = e.printedAt.date();
                break;
            }
        MailingSlipData d;
        d.waybill = number13;
        d.recipient = c.delivery.recipient;
        d.mobile = c.delivery.phone;
        d.address = splitAddress(c.delivery.address, c.delivery.postcode);
        d.contents = resultsOf(f);
        d.caseNumber = c.caseNumber;
        d.mailedOn = mailedOn.isValid() ? mailedOn : Clock::system().today();
        out.ref.subject = number13;
        out.ref.reference = number13;
        out.document = std::make_shared<MailingSlip>(std::move(d), *centre);
        break;
    }
    case DocumentKind::CaseArchive: {
        CaseArchiveData d;
        d.caseNumber = c.caseNumber;
        d.status = displayName(c.status);
        d.applicant = f.applicant;
        d.agent = f.agent;
        d.jointItem = f.jointItem;
        d.items = itemNames(f);
        MaterialPages pages(m_db);
        auto stored = pages.pages(PageOwner::ofCase(c.id));
        if (!stored)
            return stored.error();
        QMap<QString, QList<ArchivePage>> byMaterial;
        for (const MaterialPage& p : stored.value())
            byMaterial[p.materialId].append(
                {pages.filePath(p), p.sha256, p.format, p.width, p.height});
        for (const CaseMaterial& m : c.materials) {
            const bool has = m.state == MaterialState::Received ||
                             m.state == MaterialState::Reused || byMaterial.contains(m.materialId);
            if (!has)
                continue;
            ArchiveMaterial line;
            line.name = m.name;
            line.form = m.presented.value_or(MaterialForm::Original);
            line.count = std::max(1, m.count);
            line.reused = m.state == MaterialState::Reused;
            line.source = line.reused ? reuseText(m.reusedFrom) : QString();
            line.pages = byMaterial.take(m.materialId);
            d.materials << line;
        }
        // Pages of a material the checklist no longer lists keep their place at the end.
        for (auto it = byMaterial.cbegin(); it != byMaterial.cend(); ++it)
            d.materials << ArchiveMaterial{it.key(),  MaterialForm::Original, 1, false, {},
                                           it.value()};
        d.acceptedAt = reached(c, CaseStatus::Accepted, c.decidedAt);
        d.clerk = c.place.clerk;
        d.window = c.place.window;
        d.site = centre->name;
        out.ref.subject = c.caseNumber;
        out.document = std::make_shared<CaseArchive>(std::move(d), *centre);
        break;
    }
    case DocumentKind::DailyLedger:
        break;
    }
    return out;
}

Result<PreparedDocument> CaseDocuments::rebuild(DocumentKind kind, const QString& subject,
                                                const QString& caseNumber,
                                                const QString& clerk) const
{
    if (kind != DocumentKind::DailyLedger)
        return forCase(kind, kind == DocumentKind::MailingSlip ? caseNumber : subject,
                       kind == DocumentKind::MailingSlip ? subject : QString());
    const QStringList parts = subject.split(QLatin1Char('/'));
    if (parts.size() != 3)
        return Error::invalid(
            QCoreApplication::translate("ow::CaseDocuments",
                                        "The ledger subject %1 is not <site>/<window>/<date>.")
                .arg(subject));
    auto star = [](const QString& s) { return s == u"*" ? QString() : s; };
    return ledger(QDate::fromString(parts[2], Qt::ISODate), star(parts[0]), star(parts[1]), clerk);
}

} // namespace ow
