#include "documents/CompletionNotice.h"

#include "documents/CanonicalText.h"

#include <QCoreApplication>

namespace ow {

CompletionNotice::CompletionNotice(CompletionNoticeData data, CentreSettings centre)
    : Document(std::move(centre)), m_data(std::move(data))
{
}

Result<PageLayout> CompletionNotice::compose() const
{
    const CompletionNoticeData& d = m_data;
    PageLayout layout;
    const QString title =
        QCoreApplication::translate("ow::CompletionNotice", "Notice of Completion and Collection");
    layout.setRunningHeader(m_centre.name, title + QStringLiteral("  ") + d.documentNumber);
    layout.addTitle(
        m_centre.name, title,
        QCoreApplication::translate("ow::CompletionNotice", "No. %1").arg(d.documentNumber));
    const TextStyle body{11, false};
    layout.addParagraph(
        QCoreApplication::translate("ow::CompletionNotice", "To %1:").arg(d.applicant.name),
        TextStyle{12, false}, false, Qt::AlignLeft, 10);
    //: 您于%1申请的“%2”（办件编号：%3）已于%4办结。办理结果如下：
    layout.addParagraph(QCoreApplication::translate(
                            "ow::CompletionNotice",
                            "Your application for \"%2\" accepted on %1 (case number %3) was "
                            "completed on %4. The result is as follows:")
                            .arg(formatDate(d.acceptedOn), d.items.join(QStringLiteral("”“")),
                                 d.caseNumber, formatDate(d.completedOn)),
                        body, true);
    layout.addFields(
        {{QCoreApplication::translate("ow::CompletionNotice", "Case number"), d.caseNumber},
         {QCoreApplication::translate("ow::CompletionNotice", "Outcome"), d.outcome},
         {QCoreApplication::translate("ow::CompletionNotice", "Completed on"),
          formatDate(d.completedOn)},
         {QCoreApplication::translate("ow::CompletionNotice", "Delivery"),
          deliveryName(d.delivery.method)}});
    QList<QStringList> rows;
    for (qsizetype i = 0; i < d.results.size(); ++i)
        rows << QStringList{QString::number(i + 1), d.results[i].name, d.results[i].number};
    layout.addHeading(QCoreApplication::translate("ow::CompletionNotice", "Results issued"));
    layout.addTable(
        {{QCoreApplication::translate("ow::CompletionNotice", "No."), 0.5, Qt::AlignHCenter},
         {QCoreApplication::translate("ow::CompletionNotice", "Licence or certificate"), 5},
         {QCoreApplication::translate("ow::CompletionNotice", "Number"), 3}},
        rows);
    layout.addHeading(d.delivery.method == Delivery::Ems
                          ? QCoreApplication::translate("ow::CompletionNotice", "Mailing")
                          : QCoreApplication::translate("ow::CompletionNotice", "Collection"));
    QList<PageLayout::Field> how;
    switch (d.delivery.method) {
    case Delivery::Ems:
        how << PageLayout::Field{QCoreApplication::translate("ow::CompletionNotice", "Waybill"),
                                 d.waybill}
            << PageLayout::Field{QCoreApplication::translate("ow::CompletionNotice", "Recipient"),
                                 d.delivery.recipient + QLatin1Char(' ') + d.delivery.mobile}
            << PageLayout::Field{
                   QCoreApplication::translate("ow::CompletionNotice", "Address"),
                   d.delivery.address.full() + QLatin1Char(' ') + d.delivery.address.postcode, 2};
        break;
    case Delivery::Pickup:
    case Delivery::Locker: {
        const QString place =
            d.delivery.method == Delivery::Pickup ? d.delivery.pickupPlace : d.delivery.lockerSite;
        how << PageLayout::Field{QCoreApplication::translate("ow::CompletionNotice", "Where"),
                                 place.isEmpty() ? m_centre.address : place, 2}
            << PageLayout::Field{QCoreApplication::translate("ow::CompletionNotice", "When"),
                                 m_centre.openingHours, 2}
            << PageLayout::Field{QCoreApplication::translate("ow::CompletionNotice", "Collect by"),
                                 formatDate(d.collectBy), 2};
        QString bring;
        for (qsizetype i = 0; i < d.bring.size(); ++i)
            bring += (i ? QStringLiteral("\n") : QString()) + QString::number(i + 1) +
                     QStringLiteral(". ") + d.bring[i];
        how << PageLayout::Field{
            QCoreApplication::translate("ow::CompletionNotice", "Please bring"), bring, 2};
        break;
    }
    }
    layout.addFields(how);
    //: 委托他人领取的，受托人须同时携带授权委托书及本人身份证件。如有疑问，请拨打%1。
    layout.addParagraph(QCoreApplication::translate(
                            "ow::CompletionNotice",
                            "Someone collecting for you must bring your written authorisation "
                            "and their own ID document. Questions: call %1.")
                            .arg(m_centre.queryPhone),
                        TextStyle{9.5, false}, true, Qt::AlignLeft, 6);
    layout.addFields(
        {{QCoreApplication::translate("ow::CompletionNotice", "Window"), d.window},
         {QCoreApplication::translate("ow::CompletionNotice", "Clerk"), d.clerk},
         {QCoreApplication::translate("ow::CompletionNotice", "Phone"), m_centre.phone},
         {QCoreApplication::translate("ow::CompletionNotice", "Address"), m_centre.address}});
    layout.addParagraph(m_centre.name + QLatin1Char('\n') + formatDate(d.completedOn), body, false,
                        Qt::AlignRight, 12);
    layout.addSignatures(
        {{QCoreApplication::translate("ow::CompletionNotice", "Collected by (signature):"),
          false,
          {}},
         {QCoreApplication::translate("ow::CompletionNotice", "Issued by (signature):"), false, {}},
         {QCoreApplication::translate("ow::CompletionNotice", "Centre seal:"), true,
          m_centre.sealText}});
    return layout;
}

void CompletionNotice::describe(CanonicalText& out) const
{
    const CompletionNoticeData& d = m_data;
    out.add("documentNumber", d.documentNumber);
    out.add("caseNumber", d.caseNumber);
    describeParty(out, "applicant", d.applicant);
    for (const QString& item : d.items)
        out.add("item", item);
    out.add("acceptedOn", d.acceptedOn);
    out.add("completedOn", d.completedOn);
    out.add("outcome", d.outcome);
    for (const ResultLine& r : d.results)
        out.add("result", r.name + QLatin1Char('|') + r.number);
    describeDelivery(out, d.delivery);
    out.add("waybill", d.waybill);
    out.add("collectBy", d.collectBy);
    for (const QString& b : d.bring)
        out.add("bring", b);
    out.add("clerk", d.clerk);
    out.add("window", d.window);
}

} // namespace ow
