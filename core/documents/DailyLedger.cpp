#include "documents/DailyLedger.h"

#include "documents/CanonicalText.h"

#include <QCoreApplication>

namespace ow {

DailyLedger::DailyLedger(DailyLedgerData data, CentreSettings centre)
    : Document(std::move(centre)), m_data(std::move(data))
{
}

Result<PageLayout> DailyLedger::compose() const
{
    const DailyLedgerData& d = m_data;
    PageSpec spec;
    spec.orientation = QPageLayout::Landscape;
    spec.margins = QMarginsF(48, 56, 48, 48);
    PageLayout layout(spec);
    const QString title =
        QCoreApplication::translate("ow::DailyLedger", "Daily Ledger of the Window");
    layout.setRunningHeader(m_centre.name, title + QStringLiteral("  ") + formatDate(d.date) +
                                               QStringLiteral("  ") + d.window);
    layout.addTitle(QString(), title, QString());
    layout.addFields({{QCoreApplication::translate("ow::DailyLedger", "Date"), formatDate(d.date)},
                      {QCoreApplication::translate("ow::DailyLedger", "Service site"),
                       d.site.isEmpty() ? m_centre.name : d.site},
                      {QCoreApplication::translate("ow::DailyLedger", "Window"), d.window},
                      {QCoreApplication::translate("ow::DailyLedger", "Clerk"), d.clerk}},
                     4);
    layout.addHeading(
        QCoreApplication::translate("ow::DailyLedger", "Cases (%n)", nullptr, int(d.cases.size())));
    QList<QStringList> rows;
    for (qsizetype i = 0; i < d.cases.size(); ++i) {
        const LedgerCaseLine& c = d.cases[i];
        rows << QStringList{QString::number(i + 1),
                            c.caseNumber,
                            c.acceptedAt.time().toString(QStringLiteral("HH:mm")),
                            c.applicant,
                            c.items,
                            c.outcome,
                            c.delivery};
    }
    layout.addTable(
        {{QCoreApplication::translate("ow::DailyLedger", "No."), 0.45, Qt::AlignHCenter},
         {QCoreApplication::translate("ow::DailyLedger", "Case number"), 2.2},
         {QCoreApplication::translate("ow::DailyLedger", "Time"), 0.7, Qt::AlignHCenter},
         {QCoreApplication::translate("ow::DailyLedger", "Applicant"), 1.6},
         {QCoreApplication::translate("ow::DailyLedger", "Items"), 3.4},
         {QCoreApplication::translate("ow::DailyLedger", "Outcome"), 1.2, Qt::AlignHCenter},
         {QCoreApplication::translate("ow::DailyLedger", "Delivery"), 1.3}},
        rows, TextStyle{9, false});
    layout.addHeading(QCoreApplication::translate("ow::DailyLedger", "Mailings (%n)", nullptr,
                                                  int(d.mailings.size())));
    rows.clear();
    for (qsizetype i = 0; i < d.mailings.size(); ++i) {
        const LedgerMailingLine& m = d.mailings[i];
        rows << QStringList{QString::number(i + 1),
                            m.waybill,
                            m.caseNumber,
                            m.recipient,
                            m.mobile,
                            m.address,
                            m.contents};
    }
    layout.addTable(
        {{QCoreApplication::translate("ow::DailyLedger", "No."), 0.45, Qt::AlignHCenter},
         {QCoreApplication::translate("ow::DailyLedger", "Waybill"), 1.6},
         {QCoreApplication::translate("ow::DailyLedger", "Case number"), 2.0},
         {QCoreApplication::translate("ow::DailyLedger", "Recipient"), 1.1},
         {QCoreApplication::translate("ow::DailyLedger", "Mobile"), 1.2},
         {QCoreApplication::translate("ow::DailyLedger", "Address"), 3.2},
         {QCoreApplication::translate("ow::DailyLedger", "Contents"), 2.2}},
        rows, TextStyle{9, false});
    layout.addParagraph(QCoreApplication::translate(
                            "ow::DailyLedger",
                            "Cases: %1. Mailings: %2. The clerk confirms that the entries above "
                            "are complete and match the case files and the waybills.")
                            .arg(d.cases.size())
                            .arg(d.mailings.size()),
                        TextStyle{10, false}, false, Qt::AlignLeft, 8);
    layout.addSignatures(
        {{QCoreApplication::translate("ow::DailyLedger", "Clerk (signature):"), false, {}},
         {QCoreApplication::translate("ow::DailyLedger", "Checked by (supervisor, signature):"),
          false,
          {}},
         {QCoreApplication::translate("ow::DailyLedger", "Handed over to (courier, signature):"),
          false,
          {}}},
        60);
    return layout;
}

void DailyLedger::describe(CanonicalText& out) const
{
    const DailyLedgerData& d = m_data;
    out.add("date", d.date);
    out.add("site", d.site);
    out.add("window", d.window);
    out.add("clerk", d.clerk);
    for (const LedgerCaseLine& c : d.cases)
        out.add("case", c.caseNumber + QLatin1Char('|') + c.acceptedAt.toString(Qt::ISODate) +
                            QLatin1Char('|') + c.applicant + QLatin1Char('|') + c.items +
                            QLatin1Char('|') + c.outcome + QLatin1Char('|') + c.delivery);
    for (const LedgerMailingLine& m : d.mailings)
        out.add("mailing", m.waybill + QLatin1Char('|') + m.caseNumber + QLatin1Char('|') +
                               m.recipient + QLatin1Char('|') + m.mobile + QLatin1Char('|') +
                               m.address + QLatin1Char('|') + m.contents);
}

} // namespace ow
