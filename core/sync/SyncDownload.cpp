// The way down: pages of the change log, or a snapshot, applied with their
// cursor in one local transaction.
#include "cases/CaseRepository.h"
#include "catalogue/CatalogueJson.h"
#include "catalogue/CatalogueRepository.h"
#include "sync/SyncEngine.h"
#include "sync/SyncEngineDetail.h"
#include "sync/SyncStore.h"

#include <QJsonDocument>

namespace ow {

using namespace sync_detail;

Status SyncEngine::download(SyncPassReport& report)
{
    SyncStore store(m_db);
    auto st = store.state();
    if (!st)
        return st.error();
    if (!st->snapshotDone) {
        if (Status s = snapshot(report); !s)
            return s;
        st = store.state();
        if (!st)
            return st.error();
    }
    QString xid = st->cursorXid;
    qint64 id = st->cursorId;
    for (;;) {
        auto page = m_gateway.pull(xid, id, m_pageSize);
        if (!page)
            return page.error();
        if (Status s = forgetBackedUp(page->backupXmin); !s)
            return s;
        if (page->snapshotRequired) {
            // The log went back, or the centre's history changed this pass:
            // the snapshot is part of what the clerk is told.
            if (page->rewound || !m_passEvent.isEmpty())
                if (Status s = noteRewound(); !s)
                    return s;
            if (Status s = snapshot(report); !s)
                return s;
            st = store.state();
            if (!st)
                return st.error();
            xid = st->cursorXid;
            id = st->cursorId;
            continue;
        }
        if (!page->changes.isEmpty() || page->nextXid != xid || page->nextId != id) {
            Transaction tx(m_db);
            if (!tx.begun())
                return tx.begun().error();
            if (Status s = applyChanges(page->changes, report); !s)
                return s;
            if (Status s = store.setCursor(page->nextXid, page->nextId); !s)
                return s;
            if (Status s = fault(SyncFaultPoint::BeforePageCommit); !s)
                return s;
            if (Status s = tx.commit(); !s)
                return s;
            xid = page->nextXid;
            id = page->nextId;
        }
        if (!page->more)
            break;
    }
    if (xid != st->cursorXid || id != st->cursorId || report.snapshot)
        return m_gateway.acknowledge(m_counterId, xid, id);
    return {};
}

// A full copy of what the centre holds for this site, section by section;
// the cursor is the one the first page named, so changes made meanwhile
// are pulled again afterwards (applying them twice changes nothing).
Status SyncEngine::snapshot(SyncPassReport& report)
{
    SyncStore store(m_db);
    QString cursorXid;
    qint64 cursorId = 0;
    bool first = true;
    report.snapshot = true;
    for (const QString& section : {QStringLiteral("catalogue"), QStringLiteral("calendar"),
                                   QStringLiteral("credit_grades"), QStringLiteral("cases")}) {
        QString key;
        int rows = 0;
        if (m_progress)
            m_progress(section, 0);
        for (;;) {
            auto page = m_gateway.snapshot(section, key, m_pageSize);
            if (!page)
                return page.error();
            if (first) {
                cursorXid = page->cursorXid;
                cursorId = page->cursorId;
                first = false;
            }
            // The rows of a section as changes of the log.
            QJsonArray changes;
            for (const QJsonValue& v : page->rows) {
                const QJsonObject row = v.toObject();
                QString kind;
                if (section == QLatin1String("catalogue"))
                    kind = QStringLiteral("catalogue.") + str(row, "kind");
                else if (section == QLatin1String("calendar"))
                    kind = QStringLiteral("calendar.year");
                else if (section == QLatin1String("credit_grades"))
                    kind = QStringLiteral("credit.grade");
                else
                    kind = QStringLiteral("case.status");
                changes.append(QJsonObject{{QStringLiteral("kind"), kind},
                                           {QStringLiteral("key"), str(row, "key")},
                                           {QStringLiteral("payload"), row}});
            }
            Transaction tx(m_db);
            if (!tx.begun())
                return tx.begun().error();
            if (Status s = applyChanges(changes, report); !s)
                return s;
            if (Status s = fault(SyncFaultPoint::BeforePageCommit); !s)
                return s;
            if (Status s = tx.commit(); !s)
                return s;
            rows += int(page->rows.size());
            if (m_progress)
                m_progress(section, rows);
            if (page->done)
                break;
            key = page->nextKey;
        }
    }
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    if (Status s = store.setCursor(cursorXid, cursorId); !s)
        return s;
    if (Status s = store.setSnapshotDone(true); !s)
        return s;
    return tx.commit();
}

// Applies pulled changes inside the caller's transaction.
Status SyncEngine::applyChanges(const QJsonArray& changes, SyncPassReport& report)
{
    SyncStore store(m_db);
    QJsonArray items;
    QJsonArray joints;
    QJsonArray rules;
    for (const QJsonValue& v : changes) {
        const QJsonObject ch = v.toObject();
        const QString kind = str(ch, "kind");
        const QJsonObject p = ch.value(QStringLiteral("payload")).toObject();
        if (kind.startsWith(QLatin1String("catalogue."))) {
            QJsonObject doc = p.value(QStringLiteral("doc")).toObject();
            const QString entry = str(p, "kind");
            if (entry == QLatin1String("rules")) {
                rules = doc.value(QStringLiteral("relatedRules")).toArray();
            } else {
                doc.insert(QStringLiteral("version"), p.value(QStringLiteral("version")));
                (entry == QLatin1String("joint") ? joints : items).append(doc);
            }
            ++report.changes;
        } else if (kind == QLatin1String("calendar.year")) {
            if (Status s = store.putCalendarYear(
                    p.value(QStringLiteral("year")).toInt(),
                    p.value(QStringLiteral("version")).toInt(),
                    QString::fromUtf8(QJsonDocument(p.value(QStringLiteral("days")).toArray())
                                          .toJson(QJsonDocument::Compact)));
                !s)
                return s;
            ++report.changes;
        } else if (kind == QLatin1String("credit.grade")) {
            if (Status s = store.putCreditGrade(str(p, "credit_code"), str(p, "grade"),
                                                p.value(QStringLiteral("version")).toInt(),
                                                str(p, "note"));
                !s)
                return s;
            ++report.changes;
        } else if (kind == QLatin1String("case.status")) {
            const QString caseId = str(p, "case_uuid");
            const QString status = str(p, "status");
            const int version = p.value(QStringLiteral("status_version")).toInt();
            auto known = store.centralVersion(caseId);
            if (!known)
                return known.error();
            CaseRepository cases(m_db);
            auto found = cases.findById(caseId);
            if (!found)
                return found.error();
            ++report.changes;
            if (!found->has_value() || (known->has_value() && **known >= version))
                continue;
            if (Status s = store.setCentralVersion(caseId, version); !s)
                return s;
            // The counter's own changes still on their way decide first.
            auto waitingCase = Outbox(m_db).hasPending(kCase, caseId);
            auto waitingStatus = Outbox(m_db).hasPending(kCaseStatus, caseId);
            if (!waitingCase)
                return waitingCase.error();
            if (!waitingStatus)
                return waitingStatus.error();
            const CaseRecord& c = **found;
            if (*waitingCase || *waitingStatus || toString(c.status) == status ||
                !caseStatusFromString(status))
                continue;
            StatusChange change{toString(c.status), status, m_clock.now(),
                                Place{c.place.siteCode, QString(), QString()},
                                QStringLiteral("centre")};
            if (Status s = cases.moveStatus(caseId, change); !s)
                return s;
            ++report.caseStatusChanges;
        } else {
            ++report.skipped;
        }
    }
    if (items.isEmpty() && joints.isEmpty() && rules.isEmpty())
        return {};
    CatalogueRepository repo(m_db, m_clock);
    auto known = repo.knownCodes();
    if (!known)
        return known.error();
    const QJsonObject doc{{QStringLiteral("format"), QStringLiteral("onewindow-catalogue")},
                          {QStringLiteral("formatVersion"), 1},
                          {QStringLiteral("items"), items},
                          {QStringLiteral("jointItems"), joints},
                          {QStringLiteral("relatedRules"), rules}};
    auto parsed =
        CatalogueJson::parse(QJsonDocument(doc).toJson(QJsonDocument::Compact), known.value());
    if (!parsed) {
        Error e = parsed.error();
        e.message = tr("The catalogue the centre published cannot be used: %1").arg(e.message);
        return e;
    }
    auto imported = repo.importWithin(parsed.value());
    if (!imported)
        return imported.error();
    if (imported->itemsAdded || imported->itemsUpdated || imported->jointItems || imported->rules)
        report.catalogueChanged = true;
    return {};
}

} // namespace ow
