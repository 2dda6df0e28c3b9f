#include "documents/Document.h"

#include "documents/CanonicalText.h"
#include "documents/Masking.h"
#include "documents/PdfTextLayer.h"
#include "documents/TextFlow.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QPdfWriter>
#include <QSaveFile>

namespace ow {

namespace {

// One flow per thread: its font cache makes the next document fast.
TextFlow& sharedFlow()
{
    static thread_local TextFlow flow;
    return flow;
}

} // namespace

const TextFlow& Document::textFlow()
{
    return sharedFlow();
}

QString Document::formatDate(const QDate& date)
{
    if (!date.isValid())
        return {};
    //: A QDate format; Chinese: yyyy年M月d日
    return date.toString(QCoreApplication::translate("ow::Document", "yyyy-MM-dd"));
}

QString Document::formatDateTime(const QDateTime& time)
{
    if (!time.isValid())
        return {};
    //: A QDateTime format; Chinese: yyyy年M月d日 HH:mm
    return time.toString(QCoreApplication::translate("ow::Document", "yyyy-MM-dd HH:mm"));
}

QString Document::formName(MaterialForm form)
{
    switch (form) {
    case MaterialForm::Original:
        return QCoreApplication::translate("ow::Document", "Original");
    case MaterialForm::Copy:
        return QCoreApplication::translate("ow::Document", "Copy");
    case MaterialForm::Electronic:
        return QCoreApplication::translate("ow::Document", "Electronic");
    case MaterialForm::OriginalAndCopy:
        return QCoreApplication::translate("ow::Document", "Original and copy");
    }
    return {};
}

QString Document::deliveryName(Delivery method)
{
    switch (method) {
    case Delivery::Pickup:
        return QCoreApplication::translate("ow::Document", "Collect at the window");
    case Delivery::Ems:
        return QCoreApplication::translate("ow::Document", "EMS delivery (free)");
    case Delivery::Locker:
        return QCoreApplication::translate("ow::Document", "Collect from the self-service locker");
    }
    return {};
}

QString Document::feeText(qint64 fen)
{
    if (fen <= 0)
        return QCoreApplication::translate("ow::Document", "Free of charge");
    return QCoreApplication::translate("ow::Document", "CNY %1")
        .arg(QString::number(fen / 100) + QLatin1Char('.') +
             QString::number(fen % 100).rightJustified(2, QLatin1Char('0')));
}

QString Document::copyMark()
{
    //: Printed on every page of a reprint; Chinese: 副本
    return QCoreApplication::translate("ow::Document", "COPY");
}

QString Document::checkCode(const QByteArray& sha256)
{
    const QString hex = QString::fromLatin1(sha256.left(8).toHex());
    QStringList groups;
    for (qsizetype i = 0; i < hex.size(); i += 4)
        groups << hex.mid(i, 4);
    return groups.join(QLatin1Char('-'));
}

QString Document::deliveryText(const DeliveryLine& d, bool maskAddressDetail)
{
    QString text = deliveryName(d.method);
    switch (d.method) {
    case Delivery::Pickup:
        if (!d.pickupPlace.isEmpty())
            text += QStringLiteral("：") + d.pickupPlace;
        break;
    case Delivery::Locker:
        if (!d.lockerSite.isEmpty())
            text += QStringLiteral("：") + d.lockerSite;
        break;
    case Delivery::Ems:
        text += QStringLiteral("：") + d.recipient + QLatin1Char(' ') +
                (maskAddressDetail ? maskPhone(d.mobile) : d.mobile) + QLatin1Char(' ') +
                (maskAddressDetail ? maskAddress(d.address) : d.address.full());
        if (!d.address.postcode.isEmpty())
            text +=
                QLatin1Char(' ') +
                QCoreApplication::translate("ow::Document", "Postcode %1").arg(d.address.postcode);
        break;
    }
    return text;
}

void Document::describeParty(CanonicalText& out, const char* key, const PartyLine& p)
{
    out.add(key, p.name + QLatin1Char('|') + p.idType + QLatin1Char('|') + p.idNumber +
                     QLatin1Char('|') + p.phone);
}

void Document::describeDelivery(CanonicalText& out, const DeliveryLine& d)
{
    out.add("delivery.method", qint64(d.method));
    out.add("delivery.pickup", d.pickupPlace);
    out.add("delivery.locker", d.lockerSite);
    out.add("delivery.recipient", d.recipient);
    out.add("delivery.mobile", d.mobile);
    out.add("delivery.address", d.address.region + QLatin1Char('|') + d.address.detail +
                                    QLatin1Char('|') + d.address.postcode);
}

QString Document::canonicalText(const RenderOptions& options) const
{
    CanonicalText out;
    out.add("kind", kind());
    out.add("copy", options.copy);
    out.add("centre.name", m_centre.name);
    out.add("centre.address", m_centre.address);
    out.add("centre.postcode", m_centre.postcode);
    out.add("centre.phone", m_centre.phone);
    out.add("centre.queryPhone", m_centre.queryPhone);
    out.add("centre.openingHours", m_centre.openingHours);
    out.add("centre.seal", m_centre.sealText);
    out.add("centre.queryUrl", m_centre.queryUrl);
    out.add("centre.reviewBody", m_centre.reviewBody);
    out.add("centre.court", m_centre.court);
    describe(out);
    return out.text();
}

QByteArray Document::contentHash(const RenderOptions& options) const
{
    return QCryptographicHash::hash(canonicalText(options).toUtf8(), QCryptographicHash::Sha256);
}

Result<RenderResult> Document::renderOn(QPagedPaintDevice& device, const RenderOptions& options,
                                        PdfTextLayer* layer, QSizeF* pagePoints) const
{
    auto layout = compose();
    if (!layout)
        return layout.error();
    if (options.copy)
        layout->setCopyMark(copyMark());
    const QByteArray hash = contentHash(options);
    if (options.checkCode)
        layout->setFooterNote(
            //: At the foot of every page; Chinese: 校验码 %1
            QCoreApplication::translate("ow::Document", "Check code %1").arg(checkCode(hash)));
    TextFlow& flow = sharedFlow();
    flow.setTextLayer(layer);
    layout->paginate(flow);
    const Status painted = layout->paint(device, flow);
    flow.setTextLayer(nullptr);
    if (!painted)
        return painted.error();
    if (pagePoints)
        *pagePoints = layout->pagePoints();
    return RenderResult{layout->pageCount(), hash};
}

Result<RenderResult> Document::render(QPagedPaintDevice& device, const RenderOptions& options) const
{
    return renderOn(device, options, nullptr, nullptr);
}

Result<RenderResult> Document::renderPdf(QIODevice& out, const RenderOptions& options) const
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    PdfTextLayer layer;
    QSizeF pagePoints;
    Result<RenderResult> result = [&]() -> Result<RenderResult> {
        QPdfWriter writer(&buffer);
        writer.setResolution(600);
        writer.setCreator(QStringLiteral("OneWindow"));
        writer.setTitle(kind());
        preparePdf(writer);
        return renderOn(writer, options, &layer, &pagePoints);
    }();
    if (!result) {
        pdfEnded();
        return result;
    }
    auto applied = layer.apply(buffer.data(), pagePoints);
    auto fixed = applied ? finishPdf(applied.value()) : applied;
    pdfEnded();
    if (!fixed)
        return fixed.error();
    if (out.write(fixed.value()) != fixed->size())
        return Error::storage(
            QCoreApplication::translate("ow::Document", "Cannot write the PDF: %1")
                .arg(out.errorString()));
    return result;
}

Result<RenderResult> Document::renderPdf(const QString& path, const RenderOptions& options) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::storage(QCoreApplication::translate("ow::Document", "Cannot write %1: %2")
                                  .arg(path, file.errorString()));
    auto result = renderPdf(file, options);
    if (!result)
        return result;
    if (!file.commit())
        return Error::storage(QCoreApplication::translate("ow::Document", "Cannot write %1: %2")
                                  .arg(path, file.errorString()));
    return result;
}

} // namespace ow
