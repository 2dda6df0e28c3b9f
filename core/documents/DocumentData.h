#pragma once

#include "catalogue/Item.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace ow {

// Plain data the documents print. The case and intake services fill them;
// the documents depend on nothing else.

// An applicant or agent as printed.
struct PartyLine
{
    QString name;
    QString idType = QStringLiteral("居民身份证");
    QString idNumber; // printed masked: first 6 and last 4 characters
    QString phone;
    bool isEmpty() const { return name.isEmpty(); }
};

// A postal address: the region (province, city, district) apart from the
// street part, so the street part can be masked on a receipt.
struct PostalAddress
{
    QString region; // 江城市新区
    QString detail; // 滨湖街道光谷大道77号金融港B座1203室
    QString postcode;
    QString full() const { return region + detail; }
};

// How the result reaches the applicant.
struct DeliveryLine
{
    Delivery method = Delivery::Pickup;
    QString pickupPlace; // window pick-up: where
    QString lockerSite;  // smart locker: where
    QString recipient;   // EMS
    QString mobile;      // EMS
    PostalAddress address;
};

// A material received at the window (or taken from an earlier case).
struct MaterialLine
{
    QString name;
    MaterialForm form = MaterialForm::Original;
    int count = 1;
    QString item;        // the item it belongs to, in a joint application
    bool reused = false; // not brought: taken from an earlier case or the e-licence library
    QString source;      // where it was reused from
};

} // namespace ow
