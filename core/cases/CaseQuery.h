#pragma once

#include "cases/CaseRecord.h"
#include "store/Clock.h"
#include "store/Database.h"

#include <QDate>
#include <QList>
#include <QString>
#include <optional>

namespace ow {

class WorkCalendar;

// The lists of cases a counter works from.
enum class CaseList {
    Today,              // decided today at this site
    Mine,               // decided by this clerk
    AwaitingCorrection, // 补正: waiting for the applicant to bring what was missing
    InProgress,         // accepted and not yet completed
    DueSoon,            // in progress, due within the warning's working days
    Overdue,            // in progress, past the promised date
    AwaitingPickup,     // completed, the result waits at the window
    Mailed,             // completed, the result is in the mail
    All,                // every case (for a search)
};

// How close a case in progress is to its promised date.
enum class Urgency { None, DueSoon, Overdue };

// What narrows a list.
struct CaseFilter
{
    CaseList list = CaseList::Today;
    // A case, correction or refusal number (whole or its start), an ID
    // number or credit code, or part of the applicant's or agent's name.
    QString text;
    std::optional<CaseStatus> status;
    QString itemCode;
    QDate decidedFrom; // invalid: no bound
    QDate decidedTo;
    int limit = 500;
};

// One line of a case list.
struct CaseRow
{
    QString id;
    QString caseNumber;   // empty for a correction not accepted yet
    QString noticeNumber; // the latest correction or refusal notice
    QString applicantName;
    QString applicantIdNumber; // ID number or credit code, as stored
    QString agentName;
    QStringList itemNames;
    CaseStatus status = CaseStatus::Accepted;
    QDateTime decidedAt;
    QDate promisedDate;
    Place place;
    // Working days from today to the promised date (negative: overdue);
    // only for cases in progress with a promised date.
    std::optional<int> workingDaysLeft;
    Urgency urgency = Urgency::None;

    // The number a clerk reads the case by: the case number, or the notice's.
    QString number() const { return caseNumber.isEmpty() ? noticeNumber : caseNumber; }
};

// The case lists and the search over them: the only SQL behind the case
// pages. Reads only. The legal clock counts working days on `calendar`;
// "due soon" is within `dueSoonDays` working days of the promised date.
class CaseQuery
{
public:
    CaseQuery(Database& db, const WorkCalendar& calendar, Place place,
              const Clock& clock = Clock::system());

    void setDueSoonDays(int days) { m_dueSoonDays = days < 0 ? 0 : days; }
    int dueSoonDays() const { return m_dueSoonDays; }

    // The cases of `filter.list` matching the rest of the filter: the due
    // and overdue lists by promised date, the others newest first.
    Result<QList<CaseRow>> list(const CaseFilter& filter) const;
    // How many cases each list holds now (no text or other filter).
    Result<int> count(CaseList list) const;

    // Whether a case in this status is still on the legal clock.
    static bool inProgress(CaseStatus status);

private:
    QString where(const CaseFilter& filter, QVariantList& args) const;
    Urgency urgencyOf(CaseStatus status, const QDate& promised, std::optional<int>& left) const;

    Database& m_db;
    const WorkCalendar& m_calendar;
    Place m_place;
    const Clock& m_clock;
    int m_dueSoonDays = 2;
};

} // namespace ow
