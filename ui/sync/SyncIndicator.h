#pragma once

#include "sync/SyncWorker.h"

#include <QLabel>

namespace ow::ui {

// The status bar's word on the centre: online, offline since when, syncing,
// and how many cases wait. A click opens the sync panel.
class SyncIndicator : public QLabel
{
    Q_OBJECT
public:
    explicit SyncIndicator(QWidget* parent = nullptr);

    void setStatus(const ow::SyncStatus& status);
    static QString describe(const ow::SyncStatus& status);

signals:
    void clicked();

protected:
    void mouseReleaseEvent(QMouseEvent* event) override;
};

} // namespace ow::ui
