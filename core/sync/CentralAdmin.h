#pragma once

#include "store/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace ow {

class CentralConnection;

// A site just added: its login and the password, which exists nowhere else
// (the server keeps only a SCRAM verifier). Show it once.
struct NewSite
{
    QString code;
    QString role;
    QString password;
    QString url; // the central URL with the site's login, for the counter
};

// What a publication did: entries added, and those already published as they are.
struct PublishReport
{
    int added = 0;
    int updated = 0;
    int unchanged = 0;
};

struct CaseStatusDecision
{
    QString caseNumber;
    QString status;
    int statusVersion = 0;
};

struct SiteStatus
{
    QString code;
    QString name;
    QString level;
    QDateTime registeredAt;
    QDateTime lastContact; // null: never connected
    int counters = 0;
    qint64 cases = 0;
    qint64 waitingChanges = 0; // changes not yet acknowledged by its slowest counter
    qint64 outboxPending = 0;  // as the counters last reported
    qint64 openQuarantine = 0; // refused operations nobody resolved yet
};

// Something that happened to the centre's history (ow.centre_events).
struct CentreEvent
{
    QDateTime at;
    QString kind; // restored, moved, backup_begun, backup_done, resent
    QString siteCode;
    QString counterId;
    qint64 count = 0; // resent: operations a counter sent again; restored: changes dropped
    QString note;
};

// A standby (its physical replication slot) that has not yet flushed the
// WAL up to a finished backup's mark.
struct StandbyBehind
{
    QString slot;
    bool connected = false;
    QString flushedTo;       // LSN; empty when the slot never had a standby
    qint64 bytesBehind = -1; // -1 when unknown
};

// Who the centre is (db/central/011): when any of these changes, counters
// check what the centre lost of what it answered them.
struct CentreHistory
{
    bool known = false; // false before schema 11
    QString systemIdentifier;
    int timeline = 0;
    QString epoch;
    QDateTime epochChangedAt;
    QString epochReason;     // init, restored, moved
    QDateTime backupBegunAt; // of the newest finished backup
    QDateTime backupDoneAt;
    QDateTime pendingBackupBegunAt; // a backup begun and not yet marked done
    QList<CentreEvent> events;      // the newest 20, newest first
    // db/central/012: a finished backup newer than the one offered to the
    // counters, held back until every standby (physical replication slot)
    // has flushed the WAL past it.
    QDateTime heldBackupDoneAt;
    QList<StandbyBehind> heldBy;
    int standbysWithoutSlot = 0; // streaming, but not waited for
};

// The login PgBouncer uses to look up the password verifiers of those who
// connect through it (its auth_user and auth_query). The password exists
// nowhere else: show it once, or write it to PgBouncer's auth_file.
struct PoolerLogin
{
    QString role; // pgbouncer
    QString password;
    QString authQuery; // for pgbouncer.ini
    // The line of PgBouncer's auth_file (userlist.txt) with the password.
    QString userlistLine() const;
};

struct CentralStatus
{
    int schemaVersion = 0;
    qint64 changeLogRows = 0;
    QList<SiteStatus> sites;
    CentreHistory history;
};

// What the centre's administrator does (the `central` admin commands):
// migrate, add sites, publish the catalogue, calendars and credit grades,
// record back-office decisions, and look at the sites. Needs a connection
// as the database owner or a superuser (adding a site creates a role).
class CentralAdmin
{
public:
    explicit CentralAdmin(CentralConnection& c) : m_c(c) {}

    // Applies the missing central migrations; returns the versions applied.
    Result<QList<int>> migrate();

    // Adds a site (code: 1-32 ASCII letters and digits; level: city, town,
    // village) and its login role with a new strong password.
    Result<NewSite> addSite(const QString& code, const QString& name, const QString& level);

    // Publishes every item, joint item and the related-item rules of a
    // catalogue JSON file. A version already published with other content
    // is refused; the whole file is published or nothing.
    Result<PublishReport> publishCatalogue(const QString& path);

    // Publishes a holiday calendar file (the format WorkCalendar reads), one
    // entry per year it covers; a year published before is replaced.
    Result<PublishReport> publishCalendar(const QString& path);

    // Sets the credit grade (A, B, C, blacklist) of an enterprise.
    Result<PublishReport> setCreditGrade(const QString& creditCode, const QString& grade,
                                         const QString& note = {});

    // Records a back-office decision on a case: who, and the server's time.
    Result<CaseStatusDecision> recordCaseStatus(const QString& caseNumber, const QString& status,
                                                const QString& by, const QString& note = {});

    Result<CentralStatus> status();

    // Backups (db/central/011): before a backup begins, and once it
    // succeeded; counters then forget what it holds.
    Status backupBegin();
    Status backupDone();
    // The database was restored from a backup: a new epoch, and the change
    // log starts again, so that every counter checks what the centre lost
    // of its operations and takes a fresh snapshot. Returns the changes
    // dropped from the log.
    Result<qint64> declareRestored(const QString& note);

    // Sets up PgBouncer's login in this database: the role `pgbouncer` with
    // a new password (created, or given a new password when it exists),
    // allowed to connect, and a function in schema `pgbouncer` that returns
    // the SCRAM verifier of a login that may connect to this database, the
    // only thing that role may execute. Needs a superuser: the function
    // reads pg_shadow. Running it again changes the password.
    Result<PoolerLogin> setUpPgBouncer();

    // A new random password: 32 letters and digits (about 190 bits).
    static QString generatePassword();

private:
    Status needSchema();

    CentralConnection& m_c;
};

} // namespace ow
