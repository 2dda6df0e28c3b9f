#include "documents/MailingSlip.h"

#include "documents/Barcode.h"
#include "documents/CanonicalText.h"

#include <QCoreApplication>
#include <QPainter>

namespace ow {

namespace {

constexpr qreal kMinSize = 6.5;
constexpr qreal kPad = 4;

// A text fitted to its box at compose time: its style and lines.
struct Fitted
{
    TextStyle style;
    QStringList lines;
};

Result<Fitted> fitted(const TextFlow& flow, const QString& text, TextStyle style, QSizeF box)
{
    const auto fit = flow.fit(text, style, box, kMinSize);
    if (!fit)
        return Error::invalid(QCoreApplication::translate(
                                  "ow::MailingSlip", "Too long to print on the mailing label: %1")
                                  .arg(text));
    return Fitted{*fit, flow.wrap(text, *fit, box.width())};
}

void drawLines(QPainter& p, const TextFlow& f, const Fitted& t, QPointF topLeft, qreal width)
{
    qreal y = topLeft.y();
    for (const QString& line : t.lines) {
        f.drawIn(p, QRectF(topLeft.x(), y, width, f.lineHeight(t.style)), line, t.style);
        y += f.lineHeight(t.style);
    }
}

} // namespace

MailingSlip::MailingSlip(MailingSlipData data, CentreSettings centre)
    : Document(std::move(centre)), m_data(std::move(data))
{
}

PageSpec MailingSlip::pageSpec()
{
    PageSpec spec;
    spec.size = QPageSize(QSizeF(100, 150), QPageSize::Millimeter, QStringLiteral("EMS 100x150"),
                          QPageSize::ExactMatch);
    spec.margins = QMarginsF(8.5, 8.5, 8.5, 8.5); // 3 mm
    spec.decorations = false;
    return spec;
}

Result<PageLayout> MailingSlip::compose() const
{
    const MailingSlipData& d = m_data;
    PageLayout layout(pageSpec());
    const QRectF content = layout.contentRect();
    const qreal w = content.width();
    const qreal inner = w - 2 * kPad;
    const TextFlow& flow = textFlow();

    auto waybill = Barcode::encode(Barcode::Symbology::Code128, d.waybill.toUtf8());
    if (!waybill)
        return waybill.error();
    auto who = fitted(flow, d.recipient + QStringLiteral("  ") + d.mobile, TextStyle{14, true},
                      QSizeF(inner, 22));
    auto address = fitted(flow, d.address.full(), TextStyle{12, false}, QSizeF(inner, 56));
    auto sender = fitted(flow, m_centre.address, TextStyle{9, false}, QSizeF(inner, 28));
    auto senderName = fitted(flow, m_centre.name, TextStyle{10, true}, QSizeF(inner, 15));
    auto contents = fitted(flow, d.contents.join(QStringLiteral("；")), TextStyle{9.5, false},
                           QSizeF(inner, 30));
    for (const auto* r : {&who, &address, &sender, &senderName, &contents})
        if (!*r)
            return r->error();

    const QString labelRecipient = QCoreApplication::translate("ow::MailingSlip", "Recipient");
    const QString labelSender = QCoreApplication::translate("ow::MailingSlip", "Sender");
    const QString labelContents = QCoreApplication::translate("ow::MailingSlip", "Contents");
    const QString postcode = QCoreApplication::translate("ow::MailingSlip", "Postcode: %1");
    const QString phone = QCoreApplication::translate("ow::MailingSlip", "Phone: %1");
    const QString caseLine =
        QCoreApplication::translate("ow::MailingSlip", "Case number: %1").arg(d.caseNumber);
    const QString service =
        QCoreApplication::translate("ow::MailingSlip", "Government Service Express");
    const QString signature =
        QCoreApplication::translate("ow::MailingSlip", "Received in good order (signature):");
    const QString date = QCoreApplication::translate("ow::MailingSlip", "Date:");
    const QString mailedOn = formatDate(d.mailedOn);
    const CentreSettings centre = m_centre;
    layout.addBlock(
        content.height(),
        [=, bars = waybill.value(), who = who.value(), address = address.value(),
         sender = sender.value(), senderName = senderName.value(),
         contents = contents.value()](QPainter& p, const TextFlow& f, const QRectF& r) {
            const QPen rule(Qt::black, 0.8);
            const TextStyle label{7.5, true}, small{8, false}, logo{20, true}, body{9, false};
            // header band
            qreal y = r.top();
            f.drawIn(p, QRectF(r.left(), y, 60, 30), QStringLiteral("EMS"), logo);
            f.drawIn(p, QRectF(r.left() + 58, y, r.width() - 58, 30), service, TextStyle{10, true});
            f.drawIn(p, QRectF(r.left(), y, r.width(), 15), mailedOn, small, Qt::AlignRight);
            y += 34;
            p.setPen(rule);
            p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y));
            // waybill
            const qreal module = std::min<qreal>(1.2, (r.width() - 8) / bars.modules().width());
            const qreal bw = bars.modules().width() * module;
            bars.draw(p, QRectF(r.left() + (r.width() - bw) / 2, y + 4, bw, 44));
            f.drawIn(p, QRectF(r.left(), y + 49, r.width(), 17), d.waybill, TextStyle{11, true},
                     Qt::AlignHCenter);
            y += 70;
            // boxes
            auto box = [&](qreal height, const QString& title) {
                const QRectF b(r.left(), y, r.width(), height);
                p.setPen(rule);
                p.setBrush(Qt::NoBrush);
                p.drawRect(b);
                f.drawIn(p, QRectF(b.left() + kPad, b.top() + 1, inner, f.lineHeight(label)), title,
                         label);
                y += height;
                return QPointF(b.left() + kPad, b.top() + 1 + f.lineHeight(label));
            };
            QPointF at = box(118, labelRecipient);
            drawLines(p, f, who, at, inner);
            at.ry() += 22;
            drawLines(p, f, address, at, inner);
            f.drawIn(p,
                     QRectF(at.x(), y - 4 - f.lineHeight(TextStyle{11, true}), inner,
                            f.lineHeight(TextStyle{11, true})),
                     postcode.arg(d.address.postcode), TextStyle{11, true});
            at = box(76, labelSender);
            drawLines(p, f, senderName, at, inner);
            at.ry() += 15;
            drawLines(p, f, sender, at, inner);
            f.drawIn(p, QRectF(at.x(), y - 2 - f.lineHeight(body), inner, f.lineHeight(body)),
                     phone.arg(centre.phone) + QStringLiteral("   ") +
                         postcode.arg(centre.postcode),
                     body);
            at = box(72, labelContents);
            drawLines(p, f, contents, at, inner);
            f.drawIn(p, QRectF(at.x(), y - 2 - f.lineHeight(body), inner, f.lineHeight(body)),
                     caseLine, body);
            f.drawIn(p, QRectF(r.left(), y + 4, r.width(), f.lineHeight(small)), signature, small);
            f.drawIn(p,
                     QRectF(r.left(), y + 4 + f.lineHeight(small), r.width(), f.lineHeight(small)),
                     date, small, Qt::AlignRight);
        },
        false, 0);
    return layout;
}

void MailingSlip::describe(CanonicalText& out) const
{
    const MailingSlipData& d = m_data;
    out.add("waybill", d.waybill);
    out.add("recipient", d.recipient);
    out.add("mobile", d.mobile);
    out.add("address", d.address.region + QLatin1Char('|') + d.address.detail + QLatin1Char('|') +
                           d.address.postcode);
    for (const QString& c : d.contents)
        out.add("contents", c);
    out.add("caseNumber", d.caseNumber);
    out.add("mailedOn", d.mailedOn);
}

} // namespace ow
