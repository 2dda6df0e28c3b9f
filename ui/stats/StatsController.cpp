#include "stats/StatsController.h"

#include "stats/StatsExport.h"
#include "stats/StatsPage.h"
#include "stats/StatsTableModel.h"

#include <QFileDialog>
#include <QSaveFile>

namespace ow::ui {

StatsController::StatsController(Database& db, const WorkCalendar& calendar, Session session,
                                 StatsPage* page, const Clock& clock, QObject* parent)
    : QObject(parent), m_service(db, calendar, std::move(session)), m_page(page)
{
    // This month up to today.
    const QDate today = clock.today();
    m_page->setRequest({QDate(today.year(), today.month(), 1), today, StatsGrouping::Day});
    connect(m_page, &StatsPage::countRequested, this, &StatsController::refresh);
    connect(m_page, &StatsPage::exportRequested, this, &StatsController::chooseExportFile);
    refresh();
}

void StatsController::refresh()
{
    auto table = m_service.table(m_page->request());
    if (!table) {
        m_page->showMessage(table.error().fullText());
        m_page->showTable({});
        return;
    }
    m_page->showMessage({});
    m_page->showTable(*table);
}

Status StatsController::exportCsv(const QString& path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(statsCsv(m_page->model()->table())) < 0 ||
        !file.commit())
        return Error::storage(
            tr("The statistics could not be written to %1: %2").arg(path, file.errorString()));
    return {};
}

void StatsController::chooseExportFile()
{
    const StatsRequest r = m_page->request();
    const QString path = QFileDialog::getSaveFileName(
        m_page, tr("Export the statistics"),
        QStringLiteral("statistics-%1-%2.csv")
            .arg(r.from.toString(Qt::ISODate), r.to.toString(Qt::ISODate)),
        tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (Status s = exportCsv(path); !s)
        m_page->showMessage(s.error().message);
    else
        emit message(tr("Statistics written to %1").arg(path));
}

} // namespace ow::ui
