#pragma once

#include "auth/Session.h"
#include "store/Clock.h"
#include "store/Database.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace ow {

// Where a sampled case stands: drawn (open), a finding recorded with the
// rectification it requires (rectifying), or closed.
enum class SampleState { Open, Rectifying, Closed };

QString toString(SampleState state); // "open", "rectifying", "closed"
std::optional<SampleState> sampleStateFromString(const QString& s);
QString displayName(SampleState state);

// One case of a draw and its way to closure, with who and when.
struct SampledCase
{
    QString drawId;
    QString caseId;
    QString caseNumber;
    int position = 0; // 1, 2, ... in the order drawn
    SampleState state = SampleState::Open;
    QString finding;
    QString rectification; // what must be put right
    QString findingBy;
    QDateTime findingAt;
    QString closingNote;
    QString closedBy;
    QDateTime closedAt;
};

// N random cases of a period, drawn with a seed that is kept: the same seed
// over the same period draws the same cases again.
struct SamplingDraw
{
    QString id;
    QDate from;
    QDate to;
    int requested = 0;
    int population = 0; // the cases accepted in the period
    qint64 seed = 0;
    QDateTime drawnAt;
    QString drawnBy;
    QList<SampledCase> cases;
};

// Supervisor sampling (稽查). Every call needs Permission::RunSampling;
// every change writes its audit entry in the same transaction.
class SamplingService
{
public:
    SamplingService(Database& db, Session session = Session::system(),
                    const Clock& clock = Clock::system());

    // Draws `count` of the cases accepted from `from` to `to` (all of them
    // when there are fewer), with `seed` or else a random one, kept.
    Result<SamplingDraw> draw(const QDate& from, const QDate& to, int count,
                              std::optional<qint64> seed = std::nullopt);
    // The draws, newest first, with their cases.
    Result<QList<SamplingDraw>> draws() const;
    Result<SamplingDraw> find(const QString& drawId) const;

    // open → rectifying: what was found and what must be put right.
    Result<SampledCase> recordFinding(const QString& caseNumber, const QString& finding,
                                      const QString& rectification, const QString& drawId = {});
    // rectifying → closed once the rectification is done, or open → closed
    // when nothing was found; the note says which.
    Result<SampledCase> close(const QString& caseNumber, const QString& note,
                              const QString& drawId = {});

    // The positions (0-based, in the order drawn) of `count` of
    // `population` items, from `seed`: a partial Fisher-Yates shuffle over
    // the 64-bit Mersenne Twister, the same on every platform.
    static QList<int> choose(qint64 seed, int population, int count);

private:
    Result<SampledCase> sampled(const QString& caseNumber, const QString& drawId) const;
    Result<SampledCase> move(const QString& caseNumber, const QString& drawId, SampleState to,
                             const QString& finding, const QString& rectification,
                             const QString& note);

    Database& m_db;
    Session m_session;
    const Clock& m_clock;
};

} // namespace ow
