#pragma once

#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <variant>

namespace ow {

// A problem a clerk or an operator can read: what is wrong, and where
// (a field name, a JSON path, a line of a file).
struct Problem
{
    QString where;   // "items[3].materials[1].condition", "line 12", "身份证号"
    QString field;   // field name when it applies
    QString message; // already translated, complete sentence
};

// An error returned by a core service. `message` is translated and can be
// shown as it is; `problems` lists every detail when there are several.
struct Error
{
    enum class Kind {
        Invalid,   // bad input: see problems
        NotFound,
        Conflict,  // duplicate, stale version
        Forbidden, // permission or policy
        Storage,   // the local store failed or refused
        Network,   // the central server cannot be reached
        Internal,
    };
    Kind kind = Kind::Internal;
    QString message;
    QList<Problem> problems;

    static Error invalid(QString msg, QList<Problem> details = {})
    {
        return {Kind::Invalid, std::move(msg), std::move(details)};
    }
    static Error storage(QString msg) { return {Kind::Storage, std::move(msg), {}}; }
    static Error notFound(QString msg) { return {Kind::NotFound, std::move(msg), {}}; }
    static Error conflict(QString msg) { return {Kind::Conflict, std::move(msg), {}}; }
    static Error forbidden(QString msg) { return {Kind::Forbidden, std::move(msg), {}}; }

    // The message and every problem, one per line.
    QString fullText() const
    {
        QStringList lines{message};
        for (const Problem& p : problems) {
            QString line = p.where.isEmpty() ? p.message : p.where + QStringLiteral(": ") + p.message;
            lines << QStringLiteral("  ") + line;
        }
        return lines.join(QLatin1Char('\n'));
    }
};

template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(m_v); }
    const T& value() const& { return std::get<0>(m_v); }
    T&& value() && { return std::get<0>(std::move(m_v)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

template <>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}
    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

} // namespace ow
