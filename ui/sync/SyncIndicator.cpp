#include "SyncIndicator.h"

#include <QLocale>
#include <QMouseEvent>

namespace ow::ui {

SyncIndicator::SyncIndicator(QWidget* parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("statusSync"));
    setContentsMargins(8, 0, 8, 0);
    setCursor(Qt::PointingHandCursor);
    setStatus({});
}

QString SyncIndicator::describe(const SyncStatus& s)
{
    QString state;
    if (s.setup.kind == SyncSetupProblem::Kind::NoAddress)
        state = tr("Centre: not connected");
    else
        switch (s.state) {
        case SyncStatus::State::Starting:
            state = tr("Centre: connecting");
            break;
        case SyncStatus::State::Syncing:
            state = tr("Centre: syncing");
            break;
        case SyncStatus::State::Online:
            state = tr("Centre: online");
            break;
        case SyncStatus::State::Offline:
            state = tr("Centre: offline since %1")
                        .arg(QLocale().toString(s.offlineSince, QStringLiteral("MM-dd HH:mm")));
            break;
        case SyncStatus::State::Failing:
            state = tr("Centre: error");
            break;
        }
    if (s.pending > 0)
        state += QLatin1String(" · ") + tr("%n waiting", nullptr, s.pending);
    if (s.quarantined > 0)
        state += QLatin1String(" · ") + tr("%n refused", nullptr, s.quarantined);
    return state;
}

void SyncIndicator::setStatus(const SyncStatus& s)
{
    setText(describe(s));
    setToolTip(s.lastError.isEmpty() ? tr("Click for the sync panel") : s.lastError);
    const bool bad = s.state == SyncStatus::State::Offline ||
                     s.state == SyncStatus::State::Failing || s.quarantined > 0;
    setStyleSheet(bad ? QStringLiteral("color: #b3261e;") : QString());
}

void SyncIndicator::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        emit clicked();
    QLabel::mouseReleaseEvent(event);
}

} // namespace ow::ui
