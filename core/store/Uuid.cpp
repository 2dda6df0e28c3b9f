#include "store/Uuid.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QUuid>

namespace ow {

QString newUuidV7()
{
    const quint64 ms = quint64(QDateTime::currentMSecsSinceEpoch());
    unsigned char b[16];
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(b), 4);
    for (int i = 0; i < 6; ++i)
        b[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
    b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x70); // version 7
    b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80); // RFC variant
    const QUuid u = QUuid::fromRfc4122(QByteArrayView(reinterpret_cast<const char*>(b), 16));
    return u.toString(QUuid::WithoutBraces);
}

} // namespace ow
