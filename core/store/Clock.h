#pragma once

#include <QDate>
#include <QDateTime>

namespace ow {

// The time source of every core service. Tests inject a fixed or moving
// clock; nothing in core calls QDateTime::currentDateTime() directly.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;
    QDate today() const { return now().date(); }

    // The process-wide clock (system time unless a test replaced it).
    static const Clock& system();
};

class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTime(); }
};

class FixedClock final : public Clock
{
public:
    explicit FixedClock(QDateTime t) : m_t(std::move(t)) {}
    QDateTime now() const override { return m_t; }
    void set(QDateTime t) { m_t = std::move(t); }
    void advanceSecs(qint64 s) { m_t = m_t.addSecs(s); }

private:
    QDateTime m_t;
};

} // namespace ow
