#pragma once

#include "auth/Session.h"
#include "stats/StatsService.h"
#include "store/Clock.h"

#include <QObject>

namespace ow {
class Database;
class WorkCalendar;
} // namespace ow

namespace ow::ui {

class StatsPage;

// Runs the statistics page: counts the period and grouping chosen through
// StatsService (which checks the session) and writes the table as CSV.
class StatsController : public QObject
{
    Q_OBJECT
public:
    StatsController(Database& db, const WorkCalendar& calendar, Session session, StatsPage* page,
                    const Clock& clock = Clock::system(), QObject* parent = nullptr);

    // Counts again what the page asks for.
    void refresh();
    // The table shown, as CSV (StatsExport) to `path`.
    Status exportCsv(const QString& path) const;

signals:
    void message(const QString& text);

private:
    void chooseExportFile();

    StatsService m_service;
    StatsPage* m_page;
};

} // namespace ow::ui
