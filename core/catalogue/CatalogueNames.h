#pragma once

#include "catalogue/Item.h"

#include <QDate>
#include <QString>
#include <QStringList>
#include <optional>

namespace ow {

// The words the catalogue format (docs/catalogue-format.md) uses for the
// enumerations of Item.h, shared by the JSON and CSV readers, the writers
// and the store. Flag sets (levels, delivery) are written in flag order.
class CatalogueNames
{
public:
    static QString text(MaterialForm v);
    static QString text(Requirement v);
    static QString text(MaterialSource v);
    static QString text(FieldType v);
    static QString text(HandlingType v);
    static QStringList levels(int flags);
    static QStringList deliveries(int flags);

    static std::optional<MaterialForm> materialForm(const QString& s);
    static std::optional<Requirement> requirement(const QString& s);
    static std::optional<MaterialSource> materialSource(const QString& s);
    static std::optional<FieldType> fieldType(const QString& s);
    static std::optional<HandlingType> handling(const QString& s);
    static std::optional<Level> level(const QString& s);
    static std::optional<Delivery> delivery(const QString& s);

    // The allowed words, for messages.
    static QStringList materialForms();
    static QStringList requirements();
    static QStringList materialSources();
    static QStringList fieldTypes();
    static QStringList handlings();
    static QStringList levelNames();
    static QStringList deliveryNames();
    static const QStringList& itemTypes(); // 行政许可, 行政确认, ...
    static const QStringList& prefills();  // applicant.name, ...

    // "YYYY-MM-DD" strictly; nullopt otherwise.
    static std::optional<QDate> date(const QString& s);
    static QString text(const QDate& d);

    // Number of Unicode code points (a surrogate pair counts once).
    static qsizetype codePoints(const QString& s);
    // `s` shortened for a message: at most 40 code points, quoted, control
    // characters written U+XXXX (visibleText()).
    static QString quoted(const QString& s);
    // "<value> is not one of: a, b, c" (translated).
    static QString notOneOf(const QString& value, const QStringList& allowed);
};

} // namespace ow
