#include "catalogue/CatalogueNames.h"

#include "text/TextRules.h"

#include <QCoreApplication>
#include <utility>

namespace ow {

namespace {

template <typename E> struct Word
{
    E value;
    const char* word;
};

constexpr Word<MaterialForm> kForms[] = {{MaterialForm::Original, "original"},
                                         {MaterialForm::Copy, "copy"},
                                         {MaterialForm::Electronic, "electronic"},
                                         {MaterialForm::OriginalAndCopy, "original+copy"}};
constexpr Word<Requirement> kRequirements[] = {{Requirement::Required, "required"},
                                               {Requirement::Optional, "optional"},
                                               {Requirement::Conditional, "conditional"}};
constexpr Word<MaterialSource> kSources[] = {{MaterialSource::Applicant, "applicant"},
                                             {MaterialSource::Government, "government"}};
constexpr Word<FieldType> kFieldTypes[] = {
    {FieldType::Text, "text"},         {FieldType::Number, "number"},
    {FieldType::Date, "date"},         {FieldType::Choice, "choice"},
    {FieldType::Bool, "bool"},         {FieldType::Phone, "phone"},
    {FieldType::IdNumber, "idnumber"}, {FieldType::Postcode, "postcode"},
    {FieldType::Address, "address"}};
constexpr Word<HandlingType> kHandlings[] = {{HandlingType::Immediate, "immediate"},
                                             {HandlingType::Promised, "promised"}};
constexpr Word<Level> kLevels[] = {
    {Level::City, "city"}, {Level::Town, "town"}, {Level::Village, "village"}};
constexpr Word<Delivery> kDeliveries[] = {
    {Delivery::Pickup, "pickup"}, {Delivery::Ems, "ems"}, {Delivery::Locker, "locker"}};

template <typename E, std::size_t N> QString textOf(const Word<E> (&table)[N], E v)
{
    for (const auto& w : table)
        if (w.value == v)
            return QString::fromLatin1(w.word);
    return {};
}

template <typename E, std::size_t N>
std::optional<E> valueOf(const Word<E> (&table)[N], const QString& s)
{
    for (const auto& w : table)
        if (s == QLatin1String(w.word))
            return w.value;
    return std::nullopt;
}

template <typename E, std::size_t N> QStringList wordsOf(const Word<E> (&table)[N])
{
    QStringList out;
    for (const auto& w : table)
        out << QString::fromLatin1(w.word);
    return out;
}

template <typename E, std::size_t N> QStringList flagWords(const Word<E> (&table)[N], int flags)
{
    QStringList out;
    for (const auto& w : table)
        if (flags & int(w.value))
            out << QString::fromLatin1(w.word);
    return out;
}

} // namespace

QString CatalogueNames::text(MaterialForm v)
{
    return textOf(kForms, v);
}
QString CatalogueNames::text(Requirement v)
{
    return textOf(kRequirements, v);
}
QString CatalogueNames::text(MaterialSource v)
{
    return textOf(kSources, v);
}
QString CatalogueNames::text(FieldType v)
{
    return textOf(kFieldTypes, v);
}
QString CatalogueNames::text(HandlingType v)
{
    return textOf(kHandlings, v);
}
QStringList CatalogueNames::levels(int flags)
{
    return flagWords(kLevels, flags);
}
QStringList CatalogueNames::deliveries(int flags)
{
    return flagWords(kDeliveries, flags);
}

std::optional<MaterialForm> CatalogueNames::materialForm(const QString& s)
{
    return valueOf(kForms, s);
}
std::optional<Requirement> CatalogueNames::requirement(const QString& s)
{
    return valueOf(kRequirements, s);
}
std::optional<MaterialSource> CatalogueNames::materialSource(const QString& s)
{
    return valueOf(kSources, s);
}
std::optional<FieldType> CatalogueNames::fieldType(const QString& s)
{
    return valueOf(kFieldTypes, s);
}
std::optional<HandlingType> CatalogueNames::handling(const QString& s)
{
    return valueOf(kHandlings, s);
}
std::optional<Level> CatalogueNames::level(const QString& s)
{
    return valueOf(kLevels, s);
}
std::optional<Delivery> CatalogueNames::delivery(const QString& s)
{
    return valueOf(kDeliveries, s);
}

QStringList CatalogueNames::materialForms()
{
    return wordsOf(kForms);
}
QStringList CatalogueNames::requirements()
{
    return wordsOf(kRequirements);
}
QStringList CatalogueNames::materialSources()
{
    return wordsOf(kSources);
}
QStringList CatalogueNames::fieldTypes()
{
    return wordsOf(kFieldTypes);
}
QStringList CatalogueNames::handlings()
{
    return wordsOf(kHandlings);
}
QStringList CatalogueNames::levelNames()
{
    return wordsOf(kLevels);
}
QStringList CatalogueNames::deliveryNames()
{
    return wordsOf(kDeliveries);
}

const QStringList& CatalogueNames::itemTypes()
{
    static const QStringList types{QStringLiteral("行政许可"),     QStringLiteral("行政确认"),
                                   QStringLiteral("行政给付"),     QStringLiteral("行政裁决"),
                                   QStringLiteral("行政征收"),     QStringLiteral("行政奖励"),
                                   QStringLiteral("其他行政权力"), QStringLiteral("公共服务")};
    return types;
}

const QStringList& CatalogueNames::prefills()
{
    static const QStringList list{
        QStringLiteral("applicant.name"),       QStringLiteral("applicant.idNumber"),
        QStringLiteral("applicant.phone"),      QStringLiteral("applicant.address"),
        QStringLiteral("applicant.creditCode"), QStringLiteral("applicant.legalRepresentative"),
        QStringLiteral("agent.name"),           QStringLiteral("agent.idNumber")};
    return list;
}

std::optional<QDate> CatalogueNames::date(const QString& s)
{
    return parseIsoDate(s);
}

QString CatalogueNames::text(const QDate& d)
{
    return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

qsizetype CatalogueNames::codePoints(const QString& s)
{
    qsizetype n = 0;
    const QChar* p = s.constData();
    const qsizetype size = s.size();
    for (qsizetype i = 0; i < size; ++i) {
        if (p[i].isHighSurrogate() && i + 1 < size && p[i + 1].isLowSurrogate())
            ++i;
        ++n;
    }
    return n;
}

QString CatalogueNames::quoted(const QString& s)
{
    constexpr qsizetype kMax = 40;
    QString out;
    qsizetype n = 0;
    for (qsizetype i = 0; i < s.size() && n < kMax; ++i, ++n) {
        out += s[i];
        if (s[i].isHighSurrogate() && i + 1 < s.size()) {
            out += s[i + 1];
            ++i;
        }
    }
    const bool cut = out.size() < s.size();
    out = visibleText(out); // a control character would rewrite the line it is printed on
    if (cut)
        out += QStringLiteral("…");
    return QLatin1Char('"') + out + QLatin1Char('"');
}

QString CatalogueNames::notOneOf(const QString& value, const QStringList& allowed)
{
    return QCoreApplication::translate("ow::CatalogueNames", "%1 is not one of: %2.")
        .arg(quoted(value), allowed.join(QStringLiteral(", ")));
}

} // namespace ow
