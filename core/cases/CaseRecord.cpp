#include "cases/CaseRecord.h"

#include <array>
#include <utility>

namespace ow {

namespace {

constexpr std::array<std::pair<MaterialState, const char*>, 5> kStates{{
    {MaterialState::Pending, "pending"},
    {MaterialState::Received, "received"},
    {MaterialState::Reused, "reused"},
    {MaterialState::Missing, "missing"},
    {MaterialState::Defective, "defective"},
}};

constexpr std::array<std::pair<MaterialForm, const char*>, 4> kForms{{
    {MaterialForm::Original, "original"},
    {MaterialForm::Copy, "copy"},
    {MaterialForm::Electronic, "electronic"},
    {MaterialForm::OriginalAndCopy, "original+copy"},
}};

constexpr std::array<std::pair<Delivery, const char*>, 3> kDeliveries{{
    {Delivery::Pickup, "pickup"},
    {Delivery::Ems, "ems"},
    {Delivery::Locker, "locker"},
}};

template <typename E, std::size_t N>
QString nameIn(const std::array<std::pair<E, const char*>, N>& table, E value)
{
    for (const auto& [e, name] : table)
        if (e == value)
            return QString::fromLatin1(name);
    return {};
}

template <typename E, std::size_t N>
std::optional<E> valueIn(const std::array<std::pair<E, const char*>, N>& table, const QString& s)
{
    for (const auto& [e, name] : table)
        if (s == QLatin1String(name))
            return e;
    return std::nullopt;
}

} // namespace

QString toString(MaterialState state)
{
    return nameIn(kStates, state);
}

std::optional<MaterialState> materialStateFromString(const QString& s)
{
    return valueIn(kStates, s);
}

QString materialFormName(MaterialForm form)
{
    return nameIn(kForms, form);
}

std::optional<MaterialForm> materialFormFromName(const QString& s)
{
    return valueIn(kForms, s);
}

QString deliveryName(Delivery delivery)
{
    return nameIn(kDeliveries, delivery);
}

std::optional<Delivery> deliveryFromName(const QString& s)
{
    return valueIn(kDeliveries, s);
}

QString storedTime(const QDateTime& t)
{
    if (!t.isValid())
        return {};
    // The text depends on the instant and the offset only. A decision
    // stores the same time a dozen times: the last one is kept.
    struct Last
    {
        qint64 msecs = 0;
        int offset = 0;
        QString text;
    };
    thread_local Last last;
    const qint64 msecs = t.toMSecsSinceEpoch();
    const int offset = t.offsetFromUtc();
    if (last.text.isNull() || last.msecs != msecs || last.offset != offset)
        last = {msecs, offset, t.toOffsetFromUtc(offset).toString(Qt::ISODate)};
    return last.text;
}

QDateTime fromStoredTime(const QString& s)
{
    return QDateTime::fromString(s, Qt::ISODate);
}

QStringList CaseRecord::itemCodes() const
{
    QStringList out;
    for (const CaseItem& i : items)
        out << i.code;
    return out;
}

} // namespace ow
