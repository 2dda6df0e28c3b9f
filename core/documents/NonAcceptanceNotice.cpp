#include "documents/NonAcceptanceNotice.h"

#include "documents/CanonicalText.h"

#include <QCoreApplication>

namespace ow {

NonAcceptanceNotice::NonAcceptanceNotice(NonAcceptanceNoticeData data, CentreSettings centre)
    : Document(std::move(centre)), m_data(std::move(data))
{
}

Result<PageLayout> NonAcceptanceNotice::compose() const
{
    const NonAcceptanceNoticeData& d = m_data;
    PageLayout layout;
    const QString title =
        QCoreApplication::translate("ow::NonAcceptanceNotice", "Notice of Non-Acceptance");
    layout.setRunningHeader(m_centre.name, title + QStringLiteral("  ") + d.documentNumber);
    layout.addTitle(
        m_centre.name, title,
        QCoreApplication::translate("ow::NonAcceptanceNotice", "No. %1").arg(d.documentNumber));
    if (!d.caseNumber.isEmpty())
        layout.addParagraph(
            QCoreApplication::translate("ow::NonAcceptanceNotice", "Registration no.: %1")
                .arg(d.caseNumber),
            TextStyle{10, false}, false, Qt::AlignRight, 2);
    const TextStyle body{11, false};
    layout.addParagraph(
        QCoreApplication::translate("ow::NonAcceptanceNotice", "To %1:").arg(d.applicant.name),
        TextStyle{12, false}, false, Qt::AlignLeft, 10);
    //: 您（单位）于%1提出的“%2”申请，经审查，决定不予受理。理由如下：
    layout.addParagraph(QCoreApplication::translate(
                            "ow::NonAcceptanceNotice",
                            "On %1 you applied for \"%2\". On examination, it has been decided "
                            "not to accept the application, for the following reason:")
                            .arg(formatDate(d.appliedOn), d.items.join(QStringLiteral("”“"))),
                        body, true);
    layout.addHeading(QCoreApplication::translate("ow::NonAcceptanceNotice", "Reason"));
    layout.addParagraph(d.reason, body, true);
    layout.addHeading(QCoreApplication::translate("ow::NonAcceptanceNotice", "Legal basis"));
    layout.addParagraph(d.legalBasis, body, true);
    if (!d.competentBody.isEmpty()) {
        layout.addHeading(QCoreApplication::translate("ow::NonAcceptanceNotice", "Competent body"));
        //: 该申请事项依法不属于本机关职权范围，请向%1提出申请。
        layout.addParagraph(QCoreApplication::translate(
                                "ow::NonAcceptanceNotice",
                                "The matter applied for is by law not within the competence of "
                                "this body. Please apply to %1.")
                                .arg(d.competentBody),
                            body, true);
    }
    layout.addHeading(QCoreApplication::translate("ow::NonAcceptanceNotice", "Remedies"));
    const QString review = d.reviewBody.isEmpty() ? m_centre.reviewBody : d.reviewBody;
    const QString court = d.court.isEmpty() ? m_centre.court : d.court;
    //: 如对本决定不服，可以自收到本通知书之日起六十日内向%1申请行政复议，或者自收到本通知书之日起六个月内向%2提起行政诉讼。
    layout.addParagraph(QCoreApplication::translate(
                            "ow::NonAcceptanceNotice",
                            "If you do not accept this decision, you may apply to %1 for "
                            "administrative reconsideration within sixty days from the day you "
                            "receive this notice, or bring an administrative lawsuit before %2 "
                            "within six months from the day you receive this notice.")
                            .arg(review, court),
                        body, true);
    //: 依据：《中华人民共和国行政复议法》第二十条、《中华人民共和国行政诉讼法》第四十六条。
    layout.addParagraph(QCoreApplication::translate(
                            "ow::NonAcceptanceNotice",
                            "Basis: article 20 of the Administrative Reconsideration Law and "
                            "article 46 of the Administrative Procedure Law of the People's "
                            "Republic of China."),
                        TextStyle{9.5, false}, true);
    layout.addFields(
        {{QCoreApplication::translate("ow::NonAcceptanceNotice", "Window"), d.window},
         {QCoreApplication::translate("ow::NonAcceptanceNotice", "Clerk"), d.clerk},
         {QCoreApplication::translate("ow::NonAcceptanceNotice", "Phone"), m_centre.phone},
         {QCoreApplication::translate("ow::NonAcceptanceNotice", "Query phone"),
          m_centre.queryPhone}});
    layout.addParagraph(m_centre.name + QLatin1Char('\n') + formatDate(d.decidedOn), body, false,
                        Qt::AlignRight, 14);
    layout.addSignatures({{QCoreApplication::translate("ow::NonAcceptanceNotice",
                                                       "Received by the applicant (signature):"),
                           false,
                           {}},
                          {QCoreApplication::translate("ow::NonAcceptanceNotice", "Centre seal:"),
                           true, m_centre.sealText}});
    return layout;
}

void NonAcceptanceNotice::describe(CanonicalText& out) const
{
    const NonAcceptanceNoticeData& d = m_data;
    out.add("documentNumber", d.documentNumber);
    out.add("caseNumber", d.caseNumber);
    describeParty(out, "applicant", d.applicant);
    for (const QString& item : d.items)
        out.add("item", item);
    out.add("appliedOn", d.appliedOn);
    out.add("decidedOn", d.decidedOn);
    out.add("reason", d.reason);
    out.add("legalBasis", d.legalBasis);
    out.add("competentBody", d.competentBody);
    out.add("reviewBody", d.reviewBody);
    out.add("court", d.court);
    out.add("clerk", d.clerk);
    out.add("window", d.window);
}

} // namespace ow
