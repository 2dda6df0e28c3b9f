#pragma once

#include <QString>

namespace ow {

// The service centre printed on every document: who issues it, where it is,
// how to ask about a case. The defaults are a complete example centre; a
// deployment sets its own values.
struct CentreSettings
{
    QString name = QStringLiteral("江城市新区政务服务中心");
    QString address = QStringLiteral("江城市新区市民大道88号市民之家一楼");
    QString postcode = QStringLiteral("430100");
    QString phone = QStringLiteral("027-86688000");
    // The number the applicant calls to ask about a case (12345: the national
    // government service hotline).
    QString queryPhone = QStringLiteral("12345");
    QString openingHours =
        QStringLiteral("周一至周五 上午9:00—12:00，下午13:30—17:00（法定节假日除外）");
    QString sealText = QStringLiteral("江城市新区政务服务中心业务专用章");
    // The progress query page; "{case}" is replaced by the case number. Empty:
    // the QR code holds the case number itself.
    QString queryUrl;
    // Where an applicant may seek review of a refusal, and the court.
    QString reviewBody = QStringLiteral("江城市新区人民政府");
    QString court = QStringLiteral("江城市新区人民法院");
    // Where results are collected at the window.
    QString pickupPlace = QStringLiteral("江城市新区市民之家一楼综合出件窗口");
    // The issuer's abbreviation in document numbers: 新政务受〔2025〕…号.
    QString documentPrefix = QStringLiteral("新政务");
    // Working days an applicant has to bring what a one-time notice lists.
    int correctionWorkingDays = 10;
    // Calendar days a completed result waits at the window for collection.
    int collectionDays = 30;
};

} // namespace ow
