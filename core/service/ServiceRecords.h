#pragma once

#include "cases/CaseRecord.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace ow {

// A follow-up call (回访) on a mailing.
struct MailingFollowup
{
    qint64 id = 0;
    QDateTime at;
    QString clerk;
    bool reached = false;
    QString note;
};

// One mailing of the ledger (台账): the slip printed, the waybill recorded.
struct MailingRecord
{
    QString caseId;
    QString caseNumber;
    QString waybill;
    QString recipient;
    QString phone;
    QString address;
    QString postcode;
    QString state; // "sent", "delivered", "returned"
    QDate sentOn;
    QDate deliveredOn;
    QDate returnedOn;
    QString returnReason;
    Place place; // who recorded the waybill, where
    QDateTime createdAt;
    QList<MailingFollowup> followups; // oldest first
};

// What the ledger shows: every filter may be left empty.
struct MailingFilter
{
    QString state;  // "sent", "delivered", "returned" or empty
    QDate from;     // sent on or after
    QDate to;       // sent on or before
    QString search; // part of the waybill, the case number or the recipient's name
    QString siteCode;
};

// A consultation (咨询登记).
struct Consultation
{
    QString id;
    QString channel; // "counter" or "phone"
    QString askerName;
    QString askerPhone;
    QString topic;
    QStringList itemCodes;
    QString answer;
    bool noticeGiven = false; // the one-time notice (一次性告知单) was handed out
    QDateTime at;
    QDate day;
    Place place;
};

// A call-back task: kind "proxy", "rating", "mailing" or "other".
struct CallbackTask
{
    QString id;
    QString kind;
    QString caseId;
    QString caseNumber; // of caseId, when there is one
    QString ratingId;
    QString siteCode;
    QString contactName;
    QString contactPhone;
    QString reason;
    QDate dueOn;
    QDateTime createdAt;
    QString createdBy;
    QDateTime doneAt; // invalid while open
    QString doneBy;
    QString result;

    bool open() const { return !doneAt.isValid(); }
    bool overdueOn(const QDate& today) const { return open() && dueOn < today; }
};

// A satisfaction rating (好差评) of one visit.
struct Rating
{
    QString id;
    QString caseId;
    QString caseNumber;
    int grade = 5; // 5 非常满意 .. 1 非常不满意
    QString reason;
    QDateTime at;
    Place place;
    QString callbackId; // the call-back a grade of 2 or below made
};

// The name of a grade, translated: 5 "Very satisfied" .. 1 "Very dissatisfied".
QString gradeName(int grade);
// The name of a mailing state ("sent", ...) or of a call-back kind, translated.
QString mailingStateName(const QString& state);
QString callbackKindName(const QString& kind);

} // namespace ow
