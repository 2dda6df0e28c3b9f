#include "service/MailingLedger.h"

#include "audit/AuditLog.h"
#include "auth/Session.h"
#include "documents/CanonicalText.h"
#include "documents/CentreSettingsRepository.h"
#include "service/MailingCsv.h"
#include "service/MailingService.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonObject>
#include <QSaveFile>

namespace ow {

namespace {

QString day(const QDate& d)
{
    return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

QString periodText(const MailingFilter& f)
{
    QStringList parts;
    if (f.from.isValid() || f.to.isValid())
        parts << QCoreApplication::translate("ow::MailingLedger", "sent %1 to %2")
                     .arg(f.from.isValid()
                              ? day(f.from)
                              : QCoreApplication::translate("ow::MailingLedger", "the first"),
                          f.to.isValid()
                              ? day(f.to)
                              : QCoreApplication::translate("ow::MailingLedger", "today"));
    if (!f.state.isEmpty())
        parts << mailingStateName(f.state);
    if (!f.search.trimmed().isEmpty())
        parts << QCoreApplication::translate("ow::MailingLedger", "matching \"%1\"")
                     .arg(f.search.trimmed());
    return parts.isEmpty() ? QCoreApplication::translate("ow::MailingLedger", "all mailings")
                           : parts.join(QStringLiteral("; "));
}

QString lastFollowup(const MailingRecord& m)
{
    if (m.followups.isEmpty())
        return {};
    const MailingFollowup& f = m.followups.last();
    return f.at.toString(QStringLiteral("MM-dd")) + u' ' +
           (f.reached ? QCoreApplication::translate("ow::MailingLedger", "reached")
                      : QCoreApplication::translate("ow::MailingLedger", "not reached")) +
           QStringLiteral(": ") + f.note;
}

QJsonObject filterJson(const MailingFilter& f)
{
    return {{QStringLiteral("state"), f.state},
            {QStringLiteral("from"), day(f.from)},
            {QStringLiteral("to"), day(f.to)},
            {QStringLiteral("search"), f.search}};
}

Error cannotWrite(const QString& path, const QString& why)
{
    const QString msg =
        QCoreApplication::translate("ow::MailingLedger", "Cannot write %1: %2").arg(path, why);
    return Error::invalid(msg, {{QStringLiteral("file"), QStringLiteral("file"), msg}});
}

} // namespace

MailingLedger::MailingLedger(MailingLedgerData data, CentreSettings centre)
    : Document(std::move(centre)), m_data(std::move(data))
{
}

Result<PageLayout> MailingLedger::compose() const
{
    const MailingLedgerData& d = m_data;
    PageSpec spec;
    spec.orientation = QPageLayout::Landscape;
    spec.margins = QMarginsF(40, 56, 40, 48);
    PageLayout layout(spec);
    const QString title = QCoreApplication::translate("ow::MailingLedger", "EMS Mailing Ledger");
    layout.setRunningHeader(m_centre.name, title + QStringLiteral("  ") + d.period);
    layout.addTitle(QString(), title, QString());
    layout.addFields({{QCoreApplication::translate("ow::MailingLedger", "Service site"),
                       d.site.isEmpty() ? m_centre.name : d.site},
                      {QCoreApplication::translate("ow::MailingLedger", "Mailings"), d.period},
                      {QCoreApplication::translate("ow::MailingLedger", "Printed by"), d.clerk},
                      {QCoreApplication::translate("ow::MailingLedger", "Printed at"),
                       formatDateTime(d.printedAt)}},
                     4);
    QList<QStringList> rows;
    int delivered = 0;
    int returned = 0;
    for (qsizetype i = 0; i < d.mailings.size(); ++i) {
        const MailingRecord& m = d.mailings[i];
        delivered += m.state == u"delivered";
        returned += m.state == u"returned";
        QString dates = day(m.sentOn);
        if (m.deliveredOn.isValid())
            dates += QStringLiteral(" → ") + day(m.deliveredOn);
        if (m.returnedOn.isValid())
            dates += QStringLiteral(" ↩ ") + day(m.returnedOn);
        rows << QStringList{
            QString::number(i + 1),
            m.waybill,
            m.caseNumber,
            m.recipient,
            m.phone,
            m.address + u' ' + m.postcode,
            mailingStateName(m.state) +
                (m.returnReason.isEmpty() ? QString() : QStringLiteral("：") + m.returnReason),
            dates,
            lastFollowup(m)};
    }
    layout.addTable(
        {{QCoreApplication::translate("ow::MailingLedger", "No."), 0.4, Qt::AlignHCenter},
         {QCoreApplication::translate("ow::MailingLedger", "Waybill"), 1.5},
         {QCoreApplication::translate("ow::MailingLedger", "Case number"), 2.2},
         {QCoreApplication::translate("ow::MailingLedger", "Recipient"), 1.0},
         {QCoreApplication::translate("ow::MailingLedger", "Phone"), 1.1},
         {QCoreApplication::translate("ow::MailingLedger", "Address"), 2.6},
         {QCoreApplication::translate("ow::MailingLedger", "State"), 1.1},
         {QCoreApplication::translate("ow::MailingLedger", "Dates"), 1.5},
         {QCoreApplication::translate("ow::MailingLedger", "Follow-up"), 1.7}},
        rows, TextStyle{8.5, false});
    layout.addParagraph(
        QCoreApplication::translate("ow::MailingLedger",
                                    "Mailings: %1. Delivered: %2. Returned: %3. On the way: %4.")
            .arg(d.mailings.size())
            .arg(delivered)
            .arg(returned)
            .arg(d.mailings.size() - delivered - returned),
        TextStyle{10, false}, false, Qt::AlignLeft, 8);
    layout.addSignatures(
        {{QCoreApplication::translate("ow::MailingLedger", "Clerk (signature):"), false, {}},
         {QCoreApplication::translate("ow::MailingLedger", "Checked by (supervisor, signature):"),
          false,
          {}}},
        60);
    return layout;
}

void MailingLedger::describe(CanonicalText& out) const
{
    const MailingLedgerData& d = m_data;
    out.add("site", d.site);
    out.add("period", d.period);
    out.add("clerk", d.clerk);
    out.add("printed", d.printedAt);
    for (const MailingRecord& m : d.mailings)
        out.add("mailing", QStringList{m.waybill, m.caseNumber, m.recipient, m.phone, m.address,
                                       m.postcode, m.state, day(m.sentOn), day(m.deliveredOn),
                                       day(m.returnedOn), m.returnReason, lastFollowup(m)}
                               .join(u'|'));
}

Result<int> printMailingLedger(Database& db, const Session& session, const Place& place,
                               const MailingFilter& filter, const QString& path, const Clock& clock)
{
    MailingService service(db, session, place, clock);
    auto mailings = service.list(filter);
    if (!mailings)
        return mailings.error();
    auto centre = CentreSettingsRepository(db).load();
    if (!centre)
        return centre.error();
    MailingLedgerData d;
    d.site = filter.siteCode.isEmpty()
                 ? centre->name
                 : centre->name + QStringLiteral("（") + filter.siteCode + QStringLiteral("）");
    d.period = periodText(filter);
    d.clerk = place.clerk.isEmpty() ? session.actor() : place.clerk;
    d.printedAt = clock.now();
    d.mailings = *mailings;
    const MailingLedger ledger(std::move(d), *centre);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return cannotWrite(path, file.errorString());
    auto rendered = ledger.renderPdf(file);
    if (!rendered)
        return rendered.error();
    Transaction tx(db);
    if (!tx.begun())
        return tx.begun().error();
    AuditEntry entry =
        AuditEntry::printed(QStringLiteral("mailing-ledger"), QFileInfo(path).fileName(),
                            rendered->pages, rendered->sha256, false);
    QJsonObject after = entry.after.toObject();
    after.insert(QStringLiteral("filter"), filterJson(filter));
    after.insert(QStringLiteral("mailings"), int(mailings->size()));
    entry.after = after;
    entry.siteCode = place.siteCode;
    entry.window = place.window;
    if (auto a = AuditLog(db, clock).append(session, entry); !a)
        return a.error();
    if (!file.commit())
        return cannotWrite(path, file.errorString());
    if (Status s = tx.commit(); !s)
        return s.error();
    return int(mailings->size());
}

Result<int> exportMailingLedger(Database& db, const Session& session, const Place& place,
                                const MailingFilter& filter, const QString& path,
                                const Clock& clock)
{
    MailingService service(db, session, place, clock);
    auto mailings = service.list(filter);
    if (!mailings)
        return mailings.error();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return cannotWrite(path, file.errorString());
    const QByteArray csv = mailingLedgerCsv(*mailings);
    if (file.write(csv) != csv.size())
        return cannotWrite(path, file.errorString());
    Transaction tx(db);
    if (!tx.begun())
        return tx.begun().error();
    QJsonObject after = filterJson(filter);
    after.insert(QStringLiteral("mailings"), int(mailings->size()));
    after.insert(QStringLiteral("file"), QFileInfo(path).fileName());
    if (auto a = AuditLog(db, clock).append(session, {QStringLiteral("mailing.export"),
                                                      QFileInfo(path).fileName(), QJsonValue::Null,
                                                      after, place.siteCode, place.window});
        !a)
        return a.error();
    if (!file.commit())
        return cannotWrite(path, file.errorString());
    if (Status s = tx.commit(); !s)
        return s.error();
    return int(mailings->size());
}

} // namespace ow
