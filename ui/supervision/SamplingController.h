#pragma once

#include "supervision/Sampling.h"

#include <QObject>

namespace ow::ui {

class SamplingPage;

// Runs the sampling page through SamplingService (which checks the session
// and writes the audit log); holds no rule of its own.
class SamplingController : public QObject
{
    Q_OBJECT
public:
    SamplingController(Database& db, Session session, SamplingPage* page,
                       const Clock& clock = Clock::system(), QObject* parent = nullptr);

    void refresh();

private:
    void draw(const QDate& from, const QDate& to, int count);
    void recordFinding(const QString& drawId, const QString& caseNumber, const QString& finding,
                       const QString& rectification);
    void close(const QString& drawId, const QString& caseNumber, const QString& note);
    bool chosen(const QString& caseNumber);

    SamplingService m_service;
    SamplingPage* m_page;
};

} // namespace ow::ui
