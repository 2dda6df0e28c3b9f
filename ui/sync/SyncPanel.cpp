#include "SyncPanel.h"

#include "SyncIndicator.h"
#include "sync/Refusal.h"

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

QString SyncPanel::explainSetup(const SyncSetupProblem& p)
{
    const QString configure =
        tr("To set it up, run on this PC, with the address and password the centre gave for "
           "this site:\n    onewindow-admin sync configure --central "
           "postgresql://LOGIN:PASSWORD@HOST:PORT/DATABASE --site CODE\nThe password goes to "
           "a file only you can read. Until then, every case stays here and nothing is lost.");
    switch (p.kind) {
    case SyncSetupProblem::Kind::None:
        return {};
    case SyncSetupProblem::Kind::NoAddress:
        return tr("This counter has no central address yet, so it does not send its cases to "
                  "the centre.") +
               QLatin1Char('\n') + configure;
    case SyncSetupProblem::Kind::BadAddress:
        return tr("The central address in the sync settings cannot be read (%1).").arg(p.detail) +
               QLatin1Char('\n') + configure;
    case SyncSetupProblem::Kind::CredentialMissing:
        return tr("The password for the centre is missing: there is no file %1, so this counter "
                  "cannot sign in at the centre.")
                   .arg(p.file) +
               QLatin1Char('\n') + configure;
    case SyncSetupProblem::Kind::CredentialExposed:
        return tr("The password file %1 can be read by other users of this PC, so it is not "
                  "used. Make it private with:\n    chmod 600 %1\nor write it again:")
                   .arg(p.file) +
               QLatin1Char('\n') + configure;
    case SyncSetupProblem::Kind::CredentialUnreadable:
        return tr("The password file %1 cannot be read (%2). Check that it belongs to the user "
                  "running OneWindow, or write it again:")
                   .arg(p.file, p.detail) +
               QLatin1Char('\n') + configure;
    }
    return {};
}

SyncPanel::SyncPanel(QWidget* parent)
    : QWidget(parent), m_setup(valueLabel(QStringLiteral("syncSetup"), this)),
      m_state(valueLabel(QStringLiteral("syncState"), this)),
      m_pending(valueLabel(QStringLiteral("syncPending"), this)),
      m_lastSuccess(valueLabel(QStringLiteral("syncLastSuccess"), this)),
      m_lastError(valueLabel(QStringLiteral("syncLastError"), this)),
      m_centre(valueLabel(QStringLiteral("syncCentreEvent"), this)),
      m_kept(valueLabel(QStringLiteral("syncKept"), this)),
      m_quarantine(new QTableWidget(0, 4, this)), m_syncNow(new QPushButton(tr("Sync now"), this))
{
    auto* form = new QFormLayout;
    form->addRow(tr("State"), m_state);
    form->addRow(tr("Waiting to be sent"), m_pending);
    form->addRow(tr("Last success"), m_lastSuccess);
    form->addRow(tr("Last error"), m_lastError);
    form->addRow(tr("The centre"), m_centre);
    form->addRow(tr("Kept for a restore of the centre"), m_kept);

    m_quarantine->setObjectName(QStringLiteral("syncQuarantine"));
    m_quarantine->setHorizontalHeaderLabels(
        {tr("Record"), tr("Reason"), tr("Explanation"), tr("Refused at")});
    m_quarantine->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_quarantine->verticalHeader()->hide();
    m_quarantine->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_quarantine->setSelectionBehavior(QAbstractItemView::SelectRows);

    m_syncNow->setObjectName(QStringLiteral("syncNow"));
    connect(m_syncNow, &QPushButton::clicked, this, &SyncPanel::syncNowRequested);

    m_setup->setFrameShape(QFrame::StyledPanel);
    m_setup->setMargin(8);
    m_setup->hide();

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_setup);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Refused by the centre (kept here, nothing is lost):"), this));
    layout->addWidget(m_quarantine, 1);
    layout->addWidget(m_syncNow, 0, Qt::AlignRight);
    setStatus({});
}

void SyncPanel::setStatus(const SyncStatus& s)
{
    const QString setup = explainSetup(s.setup);
    m_setup->setText(setup);
    m_setup->setVisible(!setup.isEmpty());
    m_state->setText(SyncIndicator::describe(s));
    m_pending->setText(
        tr("%1 in all: %2 under an hour, %3 under a day, %4 older")
            .arg(s.pending)
            .arg(s.pendingUnderHour)
            .arg(s.pendingUnderDay)
            .arg(s.pendingOlder) +
        (s.pagesWaiting > 0
             ? QLatin1Char('\n') + tr("Pages waiting: %1 (%2 MB), the oldest captured %3")
                                       .arg(s.pagesWaiting)
                                       .arg(double(s.pagesWaitingBytes) / (1024 * 1024), 0, 'f', 1)
                                       .arg(when(s.pagesOldest))
             : QString()));
    m_lastSuccess->setText(when(s.lastSuccess));
    m_lastError->setText(s.lastError.isEmpty() ? tr("none") : s.lastError);
    m_centre->setText(s.centreEvent.isEmpty()
                          ? tr("nothing to report")
                          : tr("%1: %2").arg(when(s.centreEventAt), s.centreEvent));
    m_kept->setText(
        s.kept == 0
            ? tr("none")
            : tr("%n record(s), the oldest answered %1", nullptr, s.kept).arg(when(s.keptOldest)));
    m_quarantine->setRowCount(int(s.quarantine.size()));
    for (int row = 0; row < s.quarantine.size(); ++row) {
        const QuarantineEntry& e = s.quarantine[row];
        const QString number = e.payload.value(QStringLiteral("caseNumber")).toString();
        // The record by its kind and the refusal in the clerk's words; the
        // ids and the centre's own sentence stay in the tooltips.
        const QString record = e.entity == QLatin1String("case") && !number.isEmpty()
                                   ? tr("Case %1").arg(number)
                                   : recordKindName(e.entity);
        const QStringList cells{record, refusalReasonName(e.reason),
                                refusalText(e.reason, e.params, e.message), when(e.rejectedAt)};
        const QStringList tips{e.entityId, e.reason, e.message, {}};
        for (int col = 0; col < cells.size(); ++col) {
            auto* item = new QTableWidgetItem(cells[col]);
            item->setToolTip(tips[col]);
            m_quarantine->setItem(row, col, item);
        }
    }
    m_syncNow->setEnabled(s.state != SyncStatus::State::Syncing);
}

} // namespace ow::ui
