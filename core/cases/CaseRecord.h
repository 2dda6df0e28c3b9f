#pragma once

#include "cases/CaseStatus.h"
#include "catalogue/Item.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace ow {

// What became of one line of the checklist.
enum class MaterialState { Pending, Received, Reused, Missing, Defective };

QString toString(MaterialState state); // "pending", "received", "reused", "missing", "defective"
std::optional<MaterialState> materialStateFromString(const QString& s);
// "original", "copy", "electronic", "original+copy" (the catalogue format's words)
QString materialFormName(MaterialForm form);
std::optional<MaterialForm> materialFormFromName(const QString& s);
// "pickup", "ems", "locker"
QString deliveryName(Delivery delivery);
std::optional<Delivery> deliveryFromName(const QString& s);

// Times as stored and sent: ISO 8601 with the UTC offset ("2025-03-14T09:30:00+08:00").
QString storedTime(const QDateTime& t);
QDateTime fromStoredTime(const QString& s);

// How the result reaches the applicant.
struct DeliveryChoice
{
    Delivery method = Delivery::Pickup;
    QString recipient;
    QString phone;
    QString address;
    QString postcode;
    QString locker; // the locker (or locker bank) for Delivery::Locker
};

// Where and by whom something was done.
struct Place
{
    QString siteCode;
    QString window;
    QString clerk;
};

struct CaseItem
{
    QString code;
    QString name;
    int version = 1;   // the catalogue version the case was decided under
    QString jointCode; // the joint item it came from, or empty
    int promisedDays = 0;
};

struct CaseMaterial
{
    QString materialId;
    QString name;
    bool required = true;
    MaterialState state = MaterialState::Pending;
    std::optional<MaterialForm> presented;
    int count = 0;
    QString reusedFrom; // "case:<number>" / "elicence:<number>"
    QString defectReason;
    QString whatToBring;
};

struct StatusChange
{
    QString from; // empty for the first entry
    QString to;
    QDateTime at;
    Place place;
    QString note;
};

struct CorrectionLine
{
    QString materialId;
    QString name;
    MaterialState problem = MaterialState::Missing; // Missing or Defective
    QString reason;                                 // why (defective), empty when missing
    QString whatToBring;                            // exactly what to bring
};

struct CorrectionRecord
{
    QString id;
    QString number; // <site>-<yyyyMMdd>-C<NNNN>
    QString caseId;
    QString matterId;
    QString state; // "open", "resolved", "withdrawn"
    QDateTime createdAt;
    Place place;
    QDateTime resolvedAt;
    QList<CorrectionLine> lines;
};

struct RefusalRecord
{
    QString id;
    QString number; // <site>-<yyyyMMdd>-R<NNNN>
    QString caseId;
    QString reason;
    QString legalBasis;
    QString competentBody;
    QDateTime createdAt;
    Place place;
};

// One case (办件) as stored.
struct CaseRecord
{
    QString id;         // UUIDv7
    QString caseNumber; // <site>-<yyyyMMdd>-<NNNN>; empty until accepted
    QString caseDay;    // yyyyMMdd of the number
    int caseSeq = 0;
    QString matterId;
    QString applicantId;
    QString agentId;
    Channel channel = Channel::Counter;
    QJsonObject form;
    DecisionKind decision = DecisionKind::Accept;
    CaseStatus status = CaseStatus::Accepted;
    QDate promisedDate;
    bool promisedProvisional = false;
    int promisedDays = 0;
    Place place;
    DeliveryChoice delivery;
    int visits = 1;
    QString creditGrade;
    bool creditAcknowledged = false;
    QDateTime createdAt;
    QDateTime decidedAt;

    QList<CaseItem> items;
    QList<CaseMaterial> materials;
    QList<StatusChange> history;
    QList<CorrectionRecord> corrections;
    QList<RefusalRecord> refusals;

    QStringList itemCodes() const;
};

// One applicant asking for one set of items.
struct Matter
{
    QString id;
    QString applicantId;
    QString itemsKey; // sorted item codes joined with '+'
    bool open = true;
    int visits = 0;
    QDateTime openedAt;
};

} // namespace ow
