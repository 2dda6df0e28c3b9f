#include "service/MailingCsv.h"

#include <QCoreApplication>

namespace ow {

namespace {

QString field(const QString& s)
{
    if (!s.contains(u',') && !s.contains(u'"') && !s.contains(u'\n') && !s.contains(u'\r'))
        return s;
    QString quoted = s;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

QString day(const QDate& d)
{
    return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

} // namespace

QByteArray mailingLedgerCsv(const QList<MailingRecord>& mailings)
{
    QList<QStringList> rows;
    rows << QStringList{QCoreApplication::translate("ow::MailingCsv", "Waybill"),
                        QCoreApplication::translate("ow::MailingCsv", "Case number"),
                        QCoreApplication::translate("ow::MailingCsv", "Recipient"),
                        QCoreApplication::translate("ow::MailingCsv", "Phone"),
                        QCoreApplication::translate("ow::MailingCsv", "Address"),
                        QCoreApplication::translate("ow::MailingCsv", "Postcode"),
                        QCoreApplication::translate("ow::MailingCsv", "State"),
                        QCoreApplication::translate("ow::MailingCsv", "Sent on"),
                        QCoreApplication::translate("ow::MailingCsv", "Delivered on"),
                        QCoreApplication::translate("ow::MailingCsv", "Returned on"),
                        QCoreApplication::translate("ow::MailingCsv", "Return reason"),
                        QCoreApplication::translate("ow::MailingCsv", "Follow-up calls"),
                        QCoreApplication::translate("ow::MailingCsv", "Last follow-up"),
                        QCoreApplication::translate("ow::MailingCsv", "Clerk"),
                        QCoreApplication::translate("ow::MailingCsv", "Site")};
    for (const MailingRecord& m : mailings) {
        QString last;
        if (!m.followups.isEmpty()) {
            const MailingFollowup& f = m.followups.last();
            last = f.at.toString(QStringLiteral("yyyy-MM-dd HH:mm")) + u' ' +
                   (f.reached ? QCoreApplication::translate("ow::MailingCsv", "reached")
                              : QCoreApplication::translate("ow::MailingCsv", "not reached")) +
                   QStringLiteral(": ") + f.note;
        }
        rows << QStringList{m.waybill,
                            m.caseNumber,
                            m.recipient,
                            m.phone,
                            m.address,
                            m.postcode,
                            mailingStateName(m.state),
                            day(m.sentOn),
                            day(m.deliveredOn),
                            day(m.returnedOn),
                            m.returnReason,
                            QString::number(m.followups.size()),
                            last,
                            m.place.clerk,
                            m.place.siteCode};
    }
    QString text;
    for (const QStringList& r : rows) {
        QStringList cells;
        for (const QString& c : r)
            cells << field(c);
        text += cells.join(u',') + QStringLiteral("\r\n");
    }
    return QByteArray("\xEF\xBB\xBF") + text.toUtf8();
}

QList<QStringList> parseCsv(const QByteArray& data)
{
    QString text = QString::fromUtf8(data);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool quoted = false;
    bool any = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                cell += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                cell += c;
            }
            continue;
        }
        if (c == u'"') {
            quoted = true;
            any = true;
        } else if (c == u',') {
            row << cell;
            cell.clear();
            any = true;
        } else if (c == u'\r' || c == u'\n') {
            if (c == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n')
                ++i;
            row << cell;
            rows << row;
            row.clear();
            cell.clear();
            any = false;
        } else {
            cell += c;
            any = true;
        }
    }
    if (any) {
        row << cell;
        rows << row;
    }
    return rows;
}

} // namespace ow
