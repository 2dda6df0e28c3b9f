#pragma once

#include "sync/SyncWorker.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace ow::ui {

// What the clerk and the supervisor see of the exchange with the centre:
// the state, what waits to be sent by age, the last success, the last
// error in plain words, and every record the centre refused with its reason.
class SyncPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SyncPanel(QWidget* parent = nullptr);

    void setStatus(const ow::SyncStatus& status);

    // What the clerk reads when the settings keep the counter from its
    // centre: what is wrong and how to set it up ("" when nothing is).
    static QString explainSetup(const ow::SyncSetupProblem& problem);

signals:
    void syncNowRequested();

private:
    QLabel* m_setup;
    QLabel* m_state;
    QLabel* m_pending;
    QLabel* m_lastSuccess;
    QLabel* m_lastError;
    QLabel* m_centre;
    QLabel* m_kept;
    QTableWidget* m_quarantine;
    QPushButton* m_syncNow;
};

} // namespace ow::ui
