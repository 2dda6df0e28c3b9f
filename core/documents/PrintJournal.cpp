#include "documents/PrintJournal.h"

#include "audit/AuditLog.h"
#include "cases/SqlValue.h"
#include "i18n/Language.h"
#include "store/Uuid.h"
#include "sync/Outbox.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

namespace ow {

namespace {

const char* const kColumns =
    "id, kind, subject, COALESCE(case_id, ''), case_number, document_number, copy_no, sha256, "
    "pages, target_kind, target, reference, printed_at, clerk, site_code, window_code, language";

QJsonObject toJson(const JournalEntry& e)
{
    return {
        {QStringLiteral("id"), e.id},
        {QStringLiteral("kind"), toString(e.kind)},
        {QStringLiteral("subject"), e.subject},
        {QStringLiteral("caseId"), e.caseId},
        {QStringLiteral("caseNumber"), e.caseNumber},
        {QStringLiteral("documentNumber"), e.documentNumber},
        {QStringLiteral("copyNo"), e.copyNo},
        {QStringLiteral("sha256"), e.sha256},
        {QStringLiteral("pages"), e.pages},
        {QStringLiteral("target"), e.toFile ? QStringLiteral("file") : QStringLiteral("printer")},
        {QStringLiteral("targetName"), e.target},
        {QStringLiteral("reference"), e.reference},
        {QStringLiteral("printedAt"), storedTime(e.printedAt)},
        {QStringLiteral("clerk"), e.place.clerk},
        {QStringLiteral("site"), e.place.siteCode},
        {QStringLiteral("window"), e.place.window}};
}

} // namespace

QString JournalEntry::checkCode() const
{
    return PrintJournal::checkCode(QByteArray::fromHex(sha256.toLatin1()));
}

QString PrintJournal::checkCode(const QByteArray& sha256)
{
    return Document::checkCode(sha256);
}

PrintJournal::PrintJournal(Database& db, const Clock& clock, Session who)
    : m_db(db), m_clock(clock), m_who(std::move(who))
{
}

Result<int> PrintJournal::nextCopyNumber(const DocumentRef& ref) const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral(
        "SELECT COALESCE(MAX(copy_no) + 1, 0) FROM print_journal WHERE kind = ? AND subject = ?"));
    q.addBindValue(sqlValue(toString(ref.kind)));
    q.addBindValue(sqlValue(ref.subject));
    if (Status s = m_db.run(q); !s)
        return s.error();
    return q.next() ? q.value(0).toInt() : 0;
}

template <typename Render>
Result<JournalEntry> PrintJournal::record(const DocumentRef& ref, bool toFile,
                                          const QString& target, const Place& by, Render&& render)
{
    if (ref.subject.isEmpty())
        return Error::invalid(QCoreApplication::translate(
            "ow::PrintJournal", "A print needs the case, notice or day it is of."));
    if (by.clerk.trimmed().isEmpty()) {
        const QString msg = QCoreApplication::translate("ow::PrintJournal",
                                                        "A print needs the clerk who prints it.");
        return Error::invalid(msg, {{QStringLiteral("clerk"), QStringLiteral("clerk"), msg}});
    }
    if (target.trimmed().isEmpty())
        return Error::invalid(
            toFile
                ? QCoreApplication::translate("ow::PrintJournal", "A PDF export needs a file name.")
                : QCoreApplication::translate("ow::PrintJournal",
                                              "A print needs the printer's name."));
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    auto copyNo = nextCopyNumber(ref);
    if (!copyNo)
        return copyNo.error();

    JournalEntry e;
    e.id = newUuidV7();
    e.kind = ref.kind;
    e.subject = ref.subject;
    e.caseId = ref.caseId;
    e.caseNumber = ref.caseNumber;
    e.documentNumber = ref.documentNumber;
    e.copyNo = *copyNo;
    e.toFile = toFile;
    e.target = target;
    e.reference = ref.reference;
    e.language = currentLanguage();
    e.printedAt = m_clock.now();
    e.place = by;

    RenderOptions options;
    options.copy = e.copyNo > 0;
    // `render` paints and returns the result, plus how to finish (commit a
    // file) once the record is in.
    auto rendered = render(options);
    if (!rendered)
        return rendered.error();
    e.pages = rendered->pages;
    e.sha256 = QString::fromLatin1(rendered->sha256.toHex());

    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral(
        "INSERT INTO print_journal (id, kind, subject, case_id, case_number, document_number, "
        "copy_no, sha256, pages, target_kind, target, reference, printed_at, clerk, site_code, "
        "window_code, language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(sqlValue(e.id));
    q.addBindValue(sqlValue(toString(e.kind)));
    q.addBindValue(sqlValue(e.subject));
    q.addBindValue(e.caseId.isEmpty() ? QVariant() : QVariant(e.caseId));
    q.addBindValue(sqlValue(e.caseNumber));
    q.addBindValue(sqlValue(e.documentNumber));
    q.addBindValue(sqlValue(e.copyNo));
    q.addBindValue(sqlValue(e.sha256));
    q.addBindValue(sqlValue(e.pages));
    q.addBindValue(sqlValue(toFile ? QStringLiteral("file") : QStringLiteral("printer")));
    q.addBindValue(sqlValue(e.target));
    q.addBindValue(sqlValue(e.reference));
    q.addBindValue(sqlValue(storedTime(e.printedAt)));
    q.addBindValue(sqlValue(by.clerk));
    q.addBindValue(sqlValue(by.siteCode));
    q.addBindValue(sqlValue(by.window));
    q.addBindValue(sqlValue(e.language));
    if (Status s = m_db.run(q); !s)
        return s.error();
    if (auto op = Outbox(m_db).add(QStringLiteral("print"), e.id, toJson(e), e.printedAt); !op)
        return op.error();
    AuditEntry audit = AuditEntry::printed(
        toString(e.kind), e.documentNumber.isEmpty() ? e.subject : e.documentNumber, e.pages,
        rendered->sha256, e.copyNo > 0);
    QJsonObject after = audit.after.toObject();
    after.insert(QStringLiteral("journal_id"), e.id);
    after.insert(QStringLiteral("case_number"), e.caseNumber);
    after.insert(QStringLiteral("copy_no"), e.copyNo);
    after.insert(QStringLiteral("target_kind"),
                 toFile ? QStringLiteral("file") : QStringLiteral("printer"));
    after.insert(QStringLiteral("target"), toFile ? QFileInfo(e.target).fileName() : e.target);
    audit.after = after;
    audit.siteCode = by.siteCode;
    audit.window = by.window;
    if (auto a = AuditLog(m_db, m_clock).append(m_who, audit); !a)
        return a.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return e;
}

Result<JournalEntry> PrintJournal::print(const Document& document, const DocumentRef& ref,
                                         QPagedPaintDevice& device, const QString& printer,
                                         const Place& by)
{
    return record(ref, false, printer, by,
                  [&](const RenderOptions& options) { return document.render(device, options); });
}

Result<JournalEntry> PrintJournal::exportPdf(const Document& document, const DocumentRef& ref,
                                             const QString& path, const Place& by)
{
    // The PDF is rendered and written beside its final name inside the
    // transaction; it replaces the file only once the record is written.
    QSaveFile file(path);
    auto entry =
        record(ref, true, path, by, [&](const RenderOptions& options) -> Result<RenderResult> {
            if (!file.open(QIODevice::WriteOnly))
                return Error::storage(
                    QCoreApplication::translate("ow::PrintJournal", "Cannot write %1: %2")
                        .arg(path, file.errorString()));
            return document.renderPdf(file, options);
        });
    if (!entry) {
        file.cancelWriting();
        return entry;
    }
    if (!file.commit()) {
        // The record is in but the file is not: take the record back out.
        const QString reason = file.errorString();
        Transaction tx(m_db);
        QSqlQuery q = m_db.query();
        q.prepare(QStringLiteral("DELETE FROM print_journal WHERE id = ?"));
        q.addBindValue(sqlValue(entry->id));
        QSqlQuery o = m_db.query();
        o.prepare(QStringLiteral("DELETE FROM outbox WHERE entity = 'print' AND entity_id = ?"));
        o.addBindValue(sqlValue(entry->id));
        if (tx.begun() && m_db.run(q) && m_db.run(o))
            (void)tx.commit();
        return Error::storage(QCoreApplication::translate("ow::PrintJournal", "Cannot write %1: %2")
                                  .arg(path, reason));
    }
    return entry;
}

Result<QList<JournalEntry>> PrintJournal::select(const QString& where,
                                                 const QVariantList& args) const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT %1 FROM print_journal WHERE %2 ORDER BY printed_at, rowid")
                  .arg(QLatin1String(kColumns), where));
    for (const QVariant& a : args)
        q.addBindValue(a);
    if (Status s = m_db.run(q); !s)
        return s.error();
    QList<JournalEntry> out;
    while (q.next()) {
        JournalEntry e;
        e.id = q.value(0).toString();
        e.kind =
            documentKindFromString(q.value(1).toString()).value_or(DocumentKind::AcceptanceReceipt);
        e.subject = q.value(2).toString();
        e.caseId = q.value(3).toString();
        e.caseNumber = q.value(4).toString();
        e.documentNumber = q.value(5).toString();
        e.copyNo = q.value(6).toInt();
        e.sha256 = q.value(7).toString();
        e.pages = q.value(8).toInt();
        e.toFile = q.value(9).toString() == u"file";
        e.target = q.value(10).toString();
        e.reference = q.value(11).toString();
        e.printedAt = fromStoredTime(q.value(12).toString());
        e.place = {q.value(14).toString(), q.value(15).toString(), q.value(13).toString()};
        e.language = q.value(16).toString();
        out.append(e);
    }
    return out;
}

Result<QList<JournalEntry>> PrintJournal::entriesOf(const QString& caseOrSubject) const
{
    return select(QStringLiteral("case_number = ? OR subject = ?"),
                  {sqlValue(caseOrSubject), sqlValue(caseOrSubject)});
}

Result<QList<JournalEntry>> PrintJournal::findByCode(const QString& code) const
{
    QString hex = code.toLower();
    static const QRegularExpression separators(QStringLiteral("[\\s\\-]"));
    hex.remove(separators);
    static const QRegularExpression hexDigits(QStringLiteral("^[0-9a-f]{8,64}$"));
    if (!hexDigits.match(hex).hasMatch()) {
        const QString msg = QCoreApplication::translate(
                                "ow::PrintJournal",
                                "A check code is the group of hexadecimal digits printed at the "
                                "foot of each page (at least 8, e.g. 3f2a-09bc); \"%1\" is not.")
                                .arg(code);
        return Error::invalid(msg, {{QStringLiteral("code"), QStringLiteral("code"), msg}});
    }
    return select(QStringLiteral("substr(sha256, 1, ?) = ?"),
                  {sqlValue(int(hex.size())), sqlValue(hex)});
}

Result<QList<JournalEntry>> PrintJournal::printedOn(const QDate& day, DocumentKind kind,
                                                    const QString& siteCode, const QString& window,
                                                    bool withCopies) const
{
    return select(
        QStringLiteral("kind = ? AND (? OR copy_no = 0) AND substr(printed_at, 1, 10) = ? "
                       "AND (? = '' OR site_code = ?) AND (? = '' OR window_code = ?)"),
        {sqlValue(toString(kind)), sqlValue(withCopies ? 1 : 0),
         sqlValue(day.toString(Qt::ISODate)), sqlValue(siteCode), sqlValue(siteCode),
         sqlValue(window), sqlValue(window)});
}

Result<std::optional<JournalEntry>> PrintJournal::latestOfCase(const QString& caseNumber,
                                                               DocumentKind kind) const
{
    auto all = select(QStringLiteral("case_number = ? AND kind = ?"),
                      {sqlValue(caseNumber), sqlValue(toString(kind))});
    if (!all)
        return all.error();
    if (all->isEmpty())
        return std::optional<JournalEntry>();
    return std::optional<JournalEntry>(all->last());
}

Result<QList<PrintCheck>> PrintJournal::verify(const QString& code,
                                               const CaseDocuments& documents) const
{
    auto found = findByCode(code);
    if (!found)
        return found.error();
    QList<PrintCheck> out;
    for (const JournalEntry& e : *found) {
        PrintCheck check{e, false, {}};
        if (!e.language.isEmpty() && e.language != currentLanguage()) {
            check.problem =
                QCoreApplication::translate("ow::PrintJournal",
                                            "It was printed in language %1 and can be checked "
                                            "only in that language, not in %2.")
                    .arg(e.language, currentLanguage());
            out << check;
            continue;
        }
        auto again = documents.rebuild(e.kind, e.subject, e.caseNumber, e.place.clerk);
        if (!again) {
            check.problem = again.error().message;
        } else {
            RenderOptions options;
            options.copy = e.isCopy();
            check.matches =
                QString::fromLatin1(again->document->contentHash(options).toHex()) == e.sha256;
        }
        out << check;
    }
    return out;
}

} // namespace ow
