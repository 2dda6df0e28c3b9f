#include "documents/OneTimeNotice.h"

#include "documents/CanonicalText.h"

#include <QCoreApplication>

namespace ow {

OneTimeNotice::OneTimeNotice(OneTimeNoticeData data, CentreSettings centre)
    : Document(std::move(centre)), m_data(std::move(data))
{
}

Result<PageLayout> OneTimeNotice::compose() const
{
    const OneTimeNoticeData& d = m_data;
    PageLayout layout;
    const QString title = QCoreApplication::translate("ow::OneTimeNotice",
                                                      "One-Time Notice of Materials to Supplement");
    layout.setRunningHeader(m_centre.name, title + QStringLiteral("  ") + d.documentNumber);
    layout.addTitle(
        m_centre.name, title,
        QCoreApplication::translate("ow::OneTimeNotice", "No. %1").arg(d.documentNumber));

    if (!d.caseNumber.isEmpty())
        layout.addParagraph(QCoreApplication::translate("ow::OneTimeNotice", "Registration no.: %1")
                                .arg(d.caseNumber),
                            TextStyle{10, false}, false, Qt::AlignRight, 2);
    layout.addParagraph(
        QCoreApplication::translate("ow::OneTimeNotice", "To %1:").arg(d.applicant.name),
        TextStyle{12, false}, false, Qt::AlignLeft, 10);
    //: 您于%1申请的“%2”，经审查，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条的规定，现将需要补正的全部内容一次性告知如下：
    layout.addParagraph(QCoreApplication::translate(
                            "ow::OneTimeNotice",
                            "On %1 you applied for \"%2\". On examination, the application "
                            "materials are incomplete or not in the statutory form. Under article "
                            "32 of the Administrative Licensing Law of the People's Republic of "
                            "China, everything to be supplemented or corrected is listed below, "
                            "once and in full:")
                            .arg(formatDate(d.submittedOn), d.items.join(QStringLiteral("”“"))),
                        TextStyle{11, false}, true);

    QList<PageLayout::Column> columns{
        {QCoreApplication::translate("ow::OneTimeNotice", "No."), 0.5, Qt::AlignHCenter},
        {QCoreApplication::translate("ow::OneTimeNotice", "Material"), 2.6},
        {QCoreApplication::translate("ow::OneTimeNotice", "Problem"), 1.2, Qt::AlignHCenter},
        {QCoreApplication::translate("ow::OneTimeNotice", "Reason"), 2.4},
        {QCoreApplication::translate("ow::OneTimeNotice", "What to bring"), 3.2}};
    QList<QStringList> rows;
    for (qsizetype i = 0; i < d.defects.size(); ++i) {
        const DefectLine& m = d.defects[i];
        const QString name =
            m.item.isEmpty() ? m.material
                             : m.material + QStringLiteral("（") + m.item + QStringLiteral("）");
        rows << QStringList{QString::number(i + 1), name,
                            m.missing
                                ? QCoreApplication::translate("ow::OneTimeNotice", "Missing")
                                : QCoreApplication::translate("ow::OneTimeNotice", "Defective"),
                            m.reason, m.whatToBring};
    }
    layout.addHeading(QCoreApplication::translate("ow::OneTimeNotice",
                                                  "Materials to supplement or correct (%n item(s))",
                                                  nullptr, int(d.defects.size())));
    layout.addTable(columns, rows);

    if (!d.conditions.isEmpty()) {
        layout.addHeading(
            QCoreApplication::translate("ow::OneTimeNotice", "Acceptance conditions"));
        QString text;
        for (qsizetype i = 0; i < d.conditions.size(); ++i)
            text += (i ? QStringLiteral("\n") : QString()) + QString::number(i + 1) +
                    QStringLiteral(". ") + d.conditions[i];
        layout.addParagraph(text, TextStyle{10.5, false});
    }
    layout.addHeading(QCoreApplication::translate("ow::OneTimeNotice", "Deadline"));
    //: 请于%1前（工作日）携带上述全部材料到%2补正。补正材料齐全、符合法定形式的，本中心当场受理。逾期未补正的，视为放弃申请，您可重新提出申请。
    layout.addParagraph(QCoreApplication::translate(
                            "ow::OneTimeNotice",
                            "Please bring all the materials above to %2 by %1 (a working day). "
                            "When they are complete and in the statutory form the application is "
                            "accepted on the spot. If they are not brought in time the application "
                            "is treated as withdrawn; you may apply again.")
                            .arg(formatDate(d.deadline), m_centre.name),
                        TextStyle{10.5, false}, true);
    if (!d.legalBasis.isEmpty()) {
        layout.addHeading(QCoreApplication::translate("ow::OneTimeNotice", "Legal basis"));
        layout.addParagraph(d.legalBasis, TextStyle{10.5, false}, true);
    }
    layout.addHeading(QCoreApplication::translate("ow::OneTimeNotice", "Contact"));
    layout.addFields(
        {{QCoreApplication::translate("ow::OneTimeNotice", "Window"), d.window},
         {QCoreApplication::translate("ow::OneTimeNotice", "Clerk"), d.clerk},
         {QCoreApplication::translate("ow::OneTimeNotice", "Phone"),
          d.contactPhone.isEmpty() ? m_centre.phone : d.contactPhone},
         {QCoreApplication::translate("ow::OneTimeNotice", "Query phone"), m_centre.queryPhone},
         {QCoreApplication::translate("ow::OneTimeNotice", "Address"), m_centre.address, 2},
         {QCoreApplication::translate("ow::OneTimeNotice", "Opening hours"), m_centre.openingHours,
          2}});
    layout.addParagraph(QCoreApplication::translate("ow::OneTimeNotice", "Issued on %1")
                            .arg(formatDate(d.issuedOn)),
                        TextStyle{10.5, false}, false, Qt::AlignRight, 8);
    layout.addSignatures(
        {{QCoreApplication::translate("ow::OneTimeNotice",
                                      "Received by the applicant (signature):"),
          false,
          {}},
         {QCoreApplication::translate("ow::OneTimeNotice", "Clerk (signature):"), false, {}},
         {QCoreApplication::translate("ow::OneTimeNotice", "Centre seal:"), true,
          m_centre.sealText}});
    return layout;
}

void OneTimeNotice::describe(CanonicalText& out) const
{
    const OneTimeNoticeData& d = m_data;
    out.add("documentNumber", d.documentNumber);
    out.add("caseNumber", d.caseNumber);
    describeParty(out, "applicant", d.applicant);
    for (const QString& item : d.items)
        out.add("item", item);
    out.add("submittedOn", d.submittedOn);
    out.add("issuedOn", d.issuedOn);
    for (const DefectLine& m : d.defects)
        out.add("defect", m.material + QLatin1Char('|') + (m.missing ? u'M' : u'D') +
                              QLatin1Char('|') + m.reason + QLatin1Char('|') + m.whatToBring +
                              QLatin1Char('|') + m.item);
    for (const QString& c : d.conditions)
        out.add("condition", c);
    out.add("deadline", d.deadline);
    out.add("legalBasis", d.legalBasis);
    out.add("clerk", d.clerk);
    out.add("window", d.window);
    out.add("contactPhone", d.contactPhone);
}

} // namespace ow
