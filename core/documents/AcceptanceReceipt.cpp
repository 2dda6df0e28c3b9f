#include "documents/AcceptanceReceipt.h"

#include "documents/Barcode.h"
#include "documents/CanonicalText.h"
#include "documents/Masking.h"

#include <QCoreApplication>
#include <QPainter>
#include <QUrl>

namespace ow {

AcceptanceReceipt::AcceptanceReceipt(AcceptanceReceiptData data, CentreSettings centre)
    : Document(std::move(centre)), m_data(std::move(data))
{
}

QByteArray AcceptanceReceipt::qrPayload() const
{
    if (m_centre.queryUrl.isEmpty())
        return m_data.caseNumber.toUtf8();
    QString url = m_centre.queryUrl;
    url.replace(QStringLiteral("{case}"),
                QString::fromLatin1(QUrl::toPercentEncoding(m_data.caseNumber)));
    return url.toUtf8();
}

Result<PageLayout::Painter> caseCodesPainter(const QString& caseNumber, const QByteArray& qrPayload,
                                             const QString& qrCaption)
{
    auto code128 = Barcode::encode(Barcode::Symbology::Code128, caseNumber.toUtf8());
    if (!code128)
        return code128.error();
    auto qr = Barcode::encode(Barcode::Symbology::QrCode, qrPayload);
    if (!qr)
        return qr.error();
    const QString label = QCoreApplication::translate("ow::AcceptanceReceipt", "Case number");
    return PageLayout::Painter([=, bars = code128.value(), square = qr.value()](
                                   QPainter& painter, const TextFlow& f, const QRectF& r) {
        const qreal qrSide = std::min<qreal>(74, r.height() - 14);
        const QRectF qrBox(r.right() - qrSide, r.top(), qrSide, qrSide);
        square.draw(painter, qrBox);
        const TextStyle small{8, false}, labelStyle{10, false}, number{16, true};
        const QRectF caption(qrBox.left() - 30, qrBox.bottom(), qrSide + 30, f.lineHeight(small));
        f.drawIn(painter, caption, qrCaption, small, Qt::AlignHCenter);
        const qreal leftWidth = qrBox.left() - r.left() - 16;
        f.drawIn(painter, QRectF(r.left(), r.top(), leftWidth, f.lineHeight(labelStyle)), label,
                 labelStyle);
        const qreal y = r.top() + f.lineHeight(labelStyle);
        f.drawIn(painter, QRectF(r.left(), y, leftWidth, f.lineHeight(number)), caseNumber, number);
        const qreal module = std::min<qreal>(1.0, leftWidth / bars.modules().width());
        const qreal barTop = y + f.lineHeight(number) + 4;
        bars.draw(painter, QRectF(r.left(), barTop, bars.modules().width() * module,
                                  std::min<qreal>(36, r.bottom() - barTop)));
    });
}

Result<PageLayout> AcceptanceReceipt::compose() const
{
    const AcceptanceReceiptData& d = m_data;
    PageLayout layout;
    const QString title =
        QCoreApplication::translate("ow::AcceptanceReceipt", "Acceptance Receipt");
    layout.setRunningHeader(m_centre.name, title + QStringLiteral("  ") + d.documentNumber);
    layout.addTitle(
        m_centre.name, title,
        QCoreApplication::translate("ow::AcceptanceReceipt", "No. %1").arg(d.documentNumber));
    auto codes = caseCodesPainter(
        d.caseNumber, qrPayload(),
        QCoreApplication::translate("ow::AcceptanceReceipt", "Scan to follow the case"));
    if (!codes)
        return codes.error();
    layout.addBlock(88, codes.value(), false, 4);

    QList<PageLayout::Field> fields;
    fields << PageLayout::Field{QCoreApplication::translate("ow::AcceptanceReceipt", "Applicant"),
                                d.applicant.name}
           << PageLayout::Field{QCoreApplication::translate("ow::AcceptanceReceipt", "Phone"),
                                maskPhone(d.applicant.phone)}
           << PageLayout::Field{
                  QCoreApplication::translate("ow::AcceptanceReceipt", "ID document"),
                  d.applicant.idType + QLatin1Char(' ') + maskIdNumber(d.applicant.idNumber), 2};
    if (!d.agent.isEmpty())
        fields << PageLayout::Field{QCoreApplication::translate("ow::AcceptanceReceipt", "Agent"),
                                    d.agent.name}
               << PageLayout::Field{
                      QCoreApplication::translate("ow::AcceptanceReceipt", "Agent's ID document"),
                      d.agent.idType + QLatin1Char(' ') + maskIdNumber(d.agent.idNumber)};
    QString items;
    if (!d.jointItem.isEmpty())
        items = QCoreApplication::translate("ow::AcceptanceReceipt", "Joint application: %1")
                    .arg(d.jointItem) +
                QLatin1Char('\n');
    for (qsizetype i = 0; i < d.items.size(); ++i)
        items += (i ? QStringLiteral("\n") : QString()) + QString::number(i + 1) +
                 QStringLiteral(". ") + d.items[i];
    fields << PageLayout::Field{
        QCoreApplication::translate("ow::AcceptanceReceipt", "Items applied for"), items, 2};
    QString promised;
    if (d.promisedDate.isValid()) {
        promised = formatDate(d.promisedDate);
        if (d.promisedWorkingDays > 0)
            promised +=
                QLatin1Char(' ') + QCoreApplication::translate("ow::AcceptanceReceipt",
                                                               "(within %n working day(s))",
                                                               nullptr, d.promisedWorkingDays);
        if (d.promisedProvisional)
            promised += QLatin1Char(' ') +
                        QCoreApplication::translate("ow::AcceptanceReceipt", "[provisional]");
    } else {
        promised = QCoreApplication::translate("ow::AcceptanceReceipt", "Completed on the spot");
    }
    fields << PageLayout::Field{QCoreApplication::translate("ow::AcceptanceReceipt", "Accepted at"),
                                formatDateTime(d.acceptedAt)}
           << PageLayout::Field{QCoreApplication::translate("ow::AcceptanceReceipt",
                                                            "Promised completion"),
                                promised}
           << PageLayout::Field{QCoreApplication::translate("ow::AcceptanceReceipt",
                                                            "Delivery of the result"),
                                deliveryText(d.delivery, true), 2}
           << PageLayout::Field{QCoreApplication::translate("ow::AcceptanceReceipt", "Fee"),
                                feeText(d.feeFen)}
           << PageLayout::Field{QCoreApplication::translate("ow::AcceptanceReceipt", "Query phone"),
                                m_centre.queryPhone}
           << PageLayout::Field{QCoreApplication::translate("ow::AcceptanceReceipt", "Clerk"),
                                d.clerk}
           << PageLayout::Field{QCoreApplication::translate("ow::AcceptanceReceipt", "Window"),
                                d.window}
           << PageLayout::Field{
                  QCoreApplication::translate("ow::AcceptanceReceipt", "Service site"),
                  d.site.isEmpty() ? m_centre.name : d.site, 2};
    layout.addFields(fields);

    layout.addHeading(QCoreApplication::translate("ow::AcceptanceReceipt",
                                                  "Materials received (%n item(s))", nullptr,
                                                  int(d.materials.size())));
    bool perItem = !d.jointItem.isEmpty() || d.items.size() > 1;
    QList<PageLayout::Column> columns{
        {QCoreApplication::translate("ow::AcceptanceReceipt", "No."), 0.5, Qt::AlignHCenter},
        {QCoreApplication::translate("ow::AcceptanceReceipt", "Material"), 3.9}};
    if (perItem)
        columns << PageLayout::Column{
            QCoreApplication::translate("ow::AcceptanceReceipt", "For item"), 2.2};
    columns << PageLayout::Column{QCoreApplication::translate("ow::AcceptanceReceipt", "Form"), 1.3,
                                  Qt::AlignHCenter}
            << PageLayout::Column{QCoreApplication::translate("ow::AcceptanceReceipt", "Count"),
                                  0.9, Qt::AlignHCenter}
            << PageLayout::Column{QCoreApplication::translate("ow::AcceptanceReceipt", "Source"),
                                  2.6};
    QList<QStringList> rows;
    for (qsizetype i = 0; i < d.materials.size(); ++i) {
        const MaterialLine& m = d.materials[i];
        QStringList row{QString::number(i + 1), m.name};
        if (perItem)
            row << m.item;
        row << formName(m.form) << QString::number(m.count)
            << (m.reused ? QCoreApplication::translate("ow::AcceptanceReceipt", "Reused: %1")
                               .arg(m.source)
                         : QCoreApplication::translate("ow::AcceptanceReceipt",
                                                       "Brought to the window"));
        rows << row;
    }
    layout.addTable(columns, rows);

    QString notes =
        QCoreApplication::translate(
            "ow::AcceptanceReceipt",
            "1. Keep this receipt. Show it, with your ID document, to collect the "
            "result or to ask about the case.") +
        QLatin1Char('\n') +
        QCoreApplication::translate("ow::AcceptanceReceipt",
                                    "2. To ask about progress call %1, or scan the QR code above.")
            .arg(m_centre.queryPhone) +
        QLatin1Char('\n') +
        QCoreApplication::translate(
            "ow::AcceptanceReceipt",
            "3. The time limit counts working days; statutory holidays are not "
            "counted.");
    if (d.promisedProvisional)
        notes += QLatin1Char('\n') +
                 QCoreApplication::translate(
                     "ow::AcceptanceReceipt",
                     "4. The completion date is provisional: the holiday calendar of that year "
                     "has not been published yet. The centre will confirm it.");
    layout.addHeading(QCoreApplication::translate("ow::AcceptanceReceipt", "Notes"));
    layout.addParagraph(notes, TextStyle{9, false});
    layout.addSpace(6);
    layout.addSignatures(
        {{QCoreApplication::translate("ow::AcceptanceReceipt", "Applicant (signature):"),
          false,
          {}},
         {QCoreApplication::translate("ow::AcceptanceReceipt", "Accepting clerk (signature):"),
          false,
          {}},
         {QCoreApplication::translate("ow::AcceptanceReceipt", "Centre seal:"), true,
          m_centre.sealText}});
    return layout;
}

void AcceptanceReceipt::describe(CanonicalText& out) const
{
    const AcceptanceReceiptData& d = m_data;
    out.add("documentNumber", d.documentNumber);
    out.add("caseNumber", d.caseNumber);
    describeParty(out, "applicant", d.applicant);
    describeParty(out, "agent", d.agent);
    out.add("jointItem", d.jointItem);
    for (const QString& item : d.items)
        out.add("item", item);
    for (const MaterialLine& m : d.materials)
        out.add("material", m.name + QLatin1Char('|') + QString::number(int(m.form)) +
                                QLatin1Char('|') + QString::number(m.count) + QLatin1Char('|') +
                                m.item + QLatin1Char('|') + (m.reused ? m.source : QString()));
    out.add("acceptedAt", d.acceptedAt);
    out.add("promisedDate", d.promisedDate);
    out.add("promisedWorkingDays", qint64(d.promisedWorkingDays));
    out.add("promisedProvisional", d.promisedProvisional);
    describeDelivery(out, d.delivery);
    out.add("fee", d.feeFen);
    out.add("clerk", d.clerk);
    out.add("window", d.window);
    out.add("site", d.site);
}

} // namespace ow
