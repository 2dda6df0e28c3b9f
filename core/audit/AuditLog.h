#pragma once

#include "store/Clock.h"
#include "store/Database.h"

#include <QDateTime>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace ow {

class Session;

// What happened, as the caller describes it.
struct AuditEntry
{
    AuditEntry(QString action_, QString subject_ = {}, QJsonValue before_ = QJsonValue::Null,
               QJsonValue after_ = QJsonValue::Null, QString siteCode_ = {}, QString window_ = {})
        : action(std::move(action_)), subject(std::move(subject_)), before(std::move(before_)),
          after(std::move(after_)), siteCode(std::move(siteCode_)), window(std::move(window_))
    {
    }

    // A printed document: action "print.<kind>", the document's number as
    // subject, pages, content hash (Document::render's RenderResult) and
    // whether it was a reprint, as the state after.
    static AuditEntry printed(const QString& documentKind, const QString& number, int pages,
                              const QByteArray& contentSha256, bool copy);

    // A dotted name: "user.add", "catalogue.import", "intake.accept",
    // "print.receipt", "auth.locked", ...
    QString action;
    // What it acted on: a login, a case number, a file.
    QString subject;
    // The state before and after, when it applies (null otherwise).
    QJsonValue before;
    QJsonValue after;
    // The state after as its compact JSON text in UTF-8 (the bytes of
    // QJsonDocument::Compact), when the caller has it already (the case a
    // decision also queues for the centre): it then stands for `after`,
    // which is not serialised again.
    QByteArray afterJson;
    // Where, when it differs from the session's own site and window.
    QString siteCode;
    QString window;
};

// One stored entry, exactly as kept (times as the text stored, in UTC).
struct AuditRecord
{
    qint64 id = 0;
    QString at; // ISO 8601, UTC
    QString actor;
    QString actorRole;
    QString siteCode;
    QString window;
    QString action;
    QString subject;
    QString beforeJson; // compact JSON text, "null" when it does not apply
    QString afterJson;
    QString prevHash; // hex SHA-256; 64 zeros for the first entry
    QString hash;

    QDateTime time() const { return QDateTime::fromString(at, Qt::ISODate); }
};

// The outcome of walking the chain.
struct AuditVerification
{
    enum class Break {
        None,
        Edited,    // an entry's content no longer matches its hash
        Removed,   // an entry before this one is missing
        Reordered, // the entry follows another than the one it was written after
        Unlinked,  // the entry's link to its predecessor was changed
    };
    qint64 entries = 0;
    QString head; // the hash of the newest entry (write it down to detect truncation)
    Break broken = Break::None;
    qint64 brokenId = 0;
    QString message; // translated, names the entry

    bool ok() const { return broken == Break::None; }
};

// The append-only, hash-chained audit log (table audit_log). Each entry
// stores SHA-256(previous hash + canonical content); SQLite triggers refuse
// UPDATE and DELETE, and an INSERT that does not chain to the newest entry.
//
// append() joins the caller's open Transaction, so a change and its entry
// commit or roll back together; without one it opens its own.
class AuditLog
{
public:
    explicit AuditLog(Database& db, const Clock& clock = Clock::system());

    // Appends an entry by `who`; returns its id.
    Result<qint64> append(const Session& who, const AuditEntry& entry);

    // Entries at or after `since` (all when invalid), oldest first; at most
    // `limit` (0: no limit).
    Result<QList<AuditRecord>> list(const QDateTime& since = {}, int limit = 0) const;

    // Walks the whole chain in id order and reports the first broken entry.
    Result<AuditVerification> verify() const;

    // The canonical content of an entry (its id and every field but the
    // hashes, as a compact JSON array) and the chain hash over it.
    static QByteArray canonical(const AuditRecord& record);
    static QString chainHash(const QString& prevHash, const AuditRecord& record);
    static QString genesisHash();

private:
    Result<qint64> insert(const Session& who, const AuditEntry& entry);

    Database& m_db;
    const Clock& m_clock;
};

} // namespace ow
