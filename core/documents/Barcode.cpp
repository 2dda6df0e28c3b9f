#include "documents/Barcode.h"

#include <QCoreApplication>
#include <QPainter>
#include <memory>
#include <zint.h>

namespace ow {

Result<Barcode> Barcode::encode(Symbology symbology, const QByteArray& data)
{
    std::unique_ptr<zint_symbol, decltype(&ZBarcode_Delete)> symbol(ZBarcode_Create(),
                                                                    &ZBarcode_Delete);
    if (!symbol)
        return Error{Error::Kind::Internal,
                     QCoreApplication::translate("ow::Barcode", "Out of memory for a barcode."),
                     {}};
    symbol->symbology = symbology == Symbology::QrCode ? BARCODE_QRCODE : BARCODE_CODE128;
    symbol->input_mode = symbology == Symbology::QrCode ? UNICODE_MODE : DATA_MODE;
    symbol->output_options |= BARCODE_QUIET_ZONES;
    symbol->show_hrt = 0; // the document prints the text itself, in its own fonts
    if (symbology == Symbology::QrCode)
        symbol->option_1 = 2; // error correction level M
    else
        symbol->height = 40;
    const int rc = ZBarcode_Encode_and_Buffer_Vector(
        symbol.get(), reinterpret_cast<const unsigned char*>(data.constData()), int(data.size()),
        0);
    if (rc >= ZINT_ERROR || !symbol->vector)
        return Error::invalid(
            QCoreApplication::translate("ow::Barcode", "Cannot encode \"%1\" as a barcode: %2")
                .arg(QString::fromUtf8(data), QString::fromLatin1(symbol->errtxt)));
    Barcode b;
    b.m_symbology = symbology;
    b.m_size = QSizeF(symbol->vector->width, symbol->vector->height);
    for (const zint_vector_rect* r = symbol->vector->rectangles; r; r = r->next) {
        if (r->colour == -1 || r->colour == 7) // foreground or black
            b.m_bars.append(QRectF(r->x, r->y, r->width, r->height));
    }
    return b;
}

void Barcode::draw(QPainter& painter, const QRectF& target) const
{
    if (m_size.isEmpty())
        return;
    qreal sx = target.width() / m_size.width();
    qreal sy = target.height() / m_size.height();
    QPointF origin = target.topLeft();
    if (m_symbology == Symbology::QrCode) {
        sx = sy = std::min(sx, sy);
        origin += QPointF((target.width() - m_size.width() * sx) / 2,
                          (target.height() - m_size.height() * sy) / 2);
    }
    painter.save();
    painter.setPen(Qt::NoPen);
    painter.setBrush(Qt::black);
    for (const QRectF& r : m_bars)
        painter.drawRect(QRectF(origin.x() + r.x() * sx, origin.y() + r.y() * sy, r.width() * sx,
                                r.height() * sy));
    painter.restore();
}

} // namespace ow
