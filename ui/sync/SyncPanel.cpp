#include "SyncPanel.h"

#include "SyncIndicator.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ow::ui {

namespace {

QLabel* valueLabel(const QString& name, QWidget* parent)
{
    auto* l = new QLabel(parent);
    l->setObjectName(name);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

QString when(const QDateTime& t)
{
    return t.isValid() ? QLocale().toString(t, QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                       : SyncPanel::tr("never");
}

} // namespace

SyncPanel::SyncPanel(QWidget* parent)
    : QWidget(parent), m_state(valueLabel(QStringLiteral("syncState"), this)),
      m_pending(valueLabel(QStringLiteral("syncPending"), this)),
      m_lastSuccess(valueLabel(QStringLiteral("syncLastSuccess"), this)),
      m_lastError(valueLabel(QStringLiteral("syncLastError"), this)),
      m_quarantine(new QTableWidget(0, 4, this)), m_syncNow(new QPushButton(tr("Sync now"), this))
{
    auto* form = new QFormLayout;
    form->addRow(tr("State"), m_state);
    form->addRow(tr("Waiting to be sent"), m_pending);
    form->addRow(tr("Last success"), m_lastSuccess);
    form->addRow(tr("Last error"), m_lastError);

    m_quarantine->setObjectName(QStringLiteral("syncQuarantine"));
    m_quarantine->setHorizontalHeaderLabels(
        {tr("Record"), tr("Reason"), tr("Explanation"), tr("Refused at")});
    m_quarantine->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_quarantine->verticalHeader()->hide();
    m_quarantine->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_quarantine->setSelectionBehavior(QAbstractItemView::SelectRows);

    m_syncNow->setObjectName(QStringLiteral("syncNow"));
    connect(m_syncNow, &QPushButton::clicked, this, &SyncPanel::syncNowRequested);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Refused by the centre (kept here, nothing is lost):"), this));
    layout->addWidget(m_quarantine, 1);
    layout->addWidget(m_syncNow, 0, Qt::AlignRight);
    setStatus({});
}

void SyncPanel::setStatus(const SyncStatus& s)
{
    m_state->setText(SyncIndicator::describe(s));
    m_pending->setText(tr("%1 in all: %2 under an hour, %3 under a day, %4 older")
                           .arg(s.pending)
                           .arg(s.pendingUnderHour)
                           .arg(s.pendingUnderDay)
                           .arg(s.pendingOlder));
    m_lastSuccess->setText(when(s.lastSuccess));
    m_lastError->setText(s.lastError.isEmpty() ? tr("none") : s.lastError);
    m_quarantine->setRowCount(int(s.quarantine.size()));
    for (int row = 0; row < s.quarantine.size(); ++row) {
        const QuarantineEntry& e = s.quarantine[row];
        const QString number = e.payload.value(QStringLiteral("caseNumber")).toString();
        const QString record = e.entity == QLatin1String("case")
                                   ? tr("Case %1").arg(number.isEmpty() ? e.entityId : number)
                                   : e.entity + QLatin1Char(' ') + e.entityId;
        const QStringList cells{record, e.reason, e.message, when(e.rejectedAt)};
        for (int col = 0; col < cells.size(); ++col)
            m_quarantine->setItem(row, col, new QTableWidgetItem(cells[col]));
    }
    m_syncNow->setEnabled(s.state != SyncStatus::State::Syncing);
}

} // namespace ow::ui
