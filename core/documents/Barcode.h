#pragma once

#include "store/Result.h"

#include <QByteArray>
#include <QList>
#include <QRectF>
#include <QSizeF>

class QPainter;

namespace ow {

// A barcode encoded by libzint (2.11 API) and kept as vector rectangles, so it
// prints crisp at any resolution. Quiet zones are part of the symbol.
class Barcode
{
public:
    enum class Symbology { QrCode, Code128 };

    // Encodes `data` (UTF-8 for QR, ASCII for Code 128). An error names what
    // could not be encoded.
    static Result<Barcode> encode(Symbology symbology, const QByteArray& data);

    Symbology symbology() const { return m_symbology; }
    // Size in modules (X-dimensions), quiet zones included.
    QSizeF modules() const { return m_size; }

    // Draws the symbol filling `target`: a QR code keeps its square shape
    // (centred), Code 128 bars stretch to the target's height.
    void draw(QPainter& painter, const QRectF& target) const;

private:
    Symbology m_symbology = Symbology::QrCode;
    QSizeF m_size;
    QList<QRectF> m_bars;
};

} // namespace ow
