#include "service/ServiceRecords.h"

#include <QCoreApplication>

namespace ow {

QString gradeName(int grade)
{
    switch (grade) {
    case 5:
        return QCoreApplication::translate("ow::Rating", "Very satisfied");
    case 4:
        return QCoreApplication::translate("ow::Rating", "Satisfied");
    case 3:
        return QCoreApplication::translate("ow::Rating", "Fairly satisfied");
    case 2:
        return QCoreApplication::translate("ow::Rating", "Dissatisfied");
    case 1:
        return QCoreApplication::translate("ow::Rating", "Very dissatisfied");
    default:
        return {};
    }
}

QString mailingStateName(const QString& state)
{
    if (state == u"sent")
        return QCoreApplication::translate("ow::Mailing", "Sent");
    if (state == u"delivered")
        return QCoreApplication::translate("ow::Mailing", "Delivered");
    if (state == u"returned")
        return QCoreApplication::translate("ow::Mailing", "Returned");
    return state;
}

QString callbackKindName(const QString& kind)
{
    if (kind == u"proxy")
        return QCoreApplication::translate("ow::Callback", "Proxy service");
    if (kind == u"rating")
        return QCoreApplication::translate("ow::Callback", "Bad rating");
    if (kind == u"mailing")
        return QCoreApplication::translate("ow::Callback", "Returned mailing");
    if (kind == u"other")
        return QCoreApplication::translate("ow::Callback", "Other");
    return kind;
}

} // namespace ow
