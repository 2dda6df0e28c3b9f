#include "CasesPage.h"

#include "CaseListModel.h"
#include "documents/CaseDocuments.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ow::ui {

namespace {

QTableWidget* table(const QStringList& headers, const QString& name, QWidget* parent)
{
    auto* t = new QTableWidget(0, int(headers.size()), parent);
    t->setObjectName(name);
    t->setHorizontalHeaderLabels(headers);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->verticalHeader()->setVisible(false);
    t->horizontalHeader()->setStretchLastSection(true);
    t->setWordWrap(false);
    return t;
}

void setRow(QTableWidget* t, int row, const QStringList& cells)
{
    for (int c = 0; c < cells.size(); ++c)
        t->setItem(row, c, new QTableWidgetItem(cells.at(c)));
}

QString placeText(const Place& p)
{
    QStringList parts{p.clerk};
    if (!p.window.isEmpty())
        parts << p.window;
    if (!p.siteCode.isEmpty())
        parts << p.siteCode;
    return parts.join(QStringLiteral(" · "));
}

// What the button does, for its tooltip while it is enabled.
QString actionHint(CaseAction action)
{
    switch (action) {
    case CaseAction::ResumeCorrection:
        return CaseDetailView::tr("The applicant brought what the one-time notice asked for: take "
                                  "the correction up again in the intake at the workbench.");
    case CaseAction::Forward:
        return CaseDetailView::tr("Forward the case to the department that decides it.");
    case CaseAction::Approve:
        return CaseDetailView::tr("Record the result: approved.");
    case CaseAction::Refuse:
        return CaseDetailView::tr("Record the result: refused, with the reason.");
    case CaseAction::Complete:
        return CaseDetailView::tr("Complete the case (办结).");
    case CaseAction::AwaitPickup:
        return CaseDetailView::tr("Tell the applicant the result waits at the window.");
    case CaseAction::HandOver:
        return CaseDetailView::tr("Hand the result over: the collector's ID is checked.");
    case CaseAction::LockerDeposit:
        return CaseDetailView::tr(
            "Put the result in the self-service locker: record the compartment and the pick-up "
            "code.");
    case CaseAction::LockerCollect:
        return CaseDetailView::tr("The applicant collected the result from the locker.");
    case CaseAction::Withdraw:
        return CaseDetailView::tr("Withdraw the case at the applicant's request, with the reason.");
    case CaseAction::PauseCorrection:
        return CaseDetailView::tr("Stop the legal clock while a correction is awaited.");
    case CaseAction::PauseSpecial:
        return CaseDetailView::tr(
            "Stop the legal clock for a special procedure (a hearing, an expert review, a test).");
    case CaseAction::ResumeClock:
        return CaseDetailView::tr("Let the legal clock run again.");
    case CaseAction::Mailing:
        return CaseDetailView::tr(
            "The result goes by EMS: record the waybill and the delivery in the mailing ledger.");
    }
    return {};
}

} // namespace

QString CaseDetailView::actionLabel(CaseAction action)
{
    switch (action) {
    case CaseAction::ResumeCorrection:
        return tr("Accept the correc&tion at the workbench");
    case CaseAction::Forward:
        return tr("&Forward to a department…");
    case CaseAction::Approve:
        return tr("&Approve…");
    case CaseAction::Refuse:
        return tr("&Refuse…");
    case CaseAction::Complete:
        return tr("&Complete");
    case CaseAction::AwaitPickup:
        return tr("Await &pick-up");
    case CaseAction::HandOver:
        return tr("&Hand over…");
    case CaseAction::LockerDeposit:
        return tr("Put in the &locker…");
    case CaseAction::LockerCollect:
        return tr("Collected from the loc&ker");
    case CaseAction::Withdraw:
        return tr("&Withdraw…");
    case CaseAction::PauseCorrection:
        return tr("Pause for c&orrection…");
    case CaseAction::PauseSpecial:
        return tr("Pause for a &special procedure…");
    case CaseAction::ResumeClock:
        return tr("R&esume the clock");
    case CaseAction::Mailing:
        return tr("&Mailing ledger");
    }
    return {};
}

CaseDetailView::CaseDetailView(QWidget* parent)
    : QWidget(parent), m_header(new QLabel(this)), m_locker(new QLabel(this)),
      m_history(table({tr("Time"), tr("From"), tr("To"), tr("By"), tr("Note")},
                      QStringLiteral("caseHistory"), this)),
      m_documents(table({tr("Printed"), tr("Document"), tr("Number"), tr("Original or copy"),
                         tr("Printer or file"), tr("By"), tr("Check code")},
                        QStringLiteral("caseDocuments"), this)),
      m_reprint(new QPushButton(tr("Reprint as a copy (Ctrl+R)"), this)),
      m_outcome(new QLabel(this))
{
    setObjectName(QStringLiteral("caseDetail"));
    m_header->setObjectName(QStringLiteral("caseHeader"));
    m_header->setTextFormat(Qt::RichText);
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_locker->setObjectName(QStringLiteral("caseLocker"));
    m_locker->setWordWrap(true);
    m_locker->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_locker->hide();
    m_reprint->setObjectName(QStringLiteral("caseReprint"));
    m_reprint->setEnabled(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addWidget(m_header);
    layout->addWidget(m_locker);
    auto* actions = new QHBoxLayout;
    for (CaseAction a : allCaseActions()) {
        auto* b = new QPushButton(actionLabel(a), this);
        b->setObjectName(QStringLiteral("caseAction%1").arg(int(a)));
        b->setAutoDefault(false);
        b->hide();
        actions->addWidget(b);
        m_actions.insert(a, b);
        connect(b, &QPushButton::clicked, this, [this, a] { emit actionRequested(a); });
    }
    actions->addStretch(1);
    layout->addLayout(actions);
    m_outcome->setObjectName(QStringLiteral("caseOutcome"));
    m_outcome->setWordWrap(true);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_outcome->hide();
    layout->addWidget(m_outcome);
    auto* columns = new QHBoxLayout;
    auto* left = new QVBoxLayout;
    auto* historyTitle = new QLabel(tr("<b>Status history</b>"), this);
    left->addWidget(historyTitle);
    left->addWidget(m_history, 1);
    auto* right = new QVBoxLayout;
    auto* documentsTitle = new QLabel(tr("<b>Documents printed</b>"), this);
    right->addWidget(documentsTitle);
    right->addWidget(m_documents, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_reprint);
    right->addLayout(buttons);
    columns->addLayout(left, 2);
    columns->addLayout(right, 3);
    layout->addLayout(columns, 1);

    connect(m_documents, &QTableWidget::itemSelectionChanged, this,
            [this] { m_reprint->setEnabled(currentPrint() != nullptr); });
    connect(m_documents, &QTableWidget::cellActivated, this, [this](int, int) {
        if (const JournalEntry* e = currentPrint())
            emit reprintRequested(*e);
    });
    connect(m_reprint, &QPushButton::clicked, this, [this] {
        if (const JournalEntry* e = currentPrint())
            emit reprintRequested(*e);
    });
    // From anywhere on the cases page, the case list included (a hidden
    // page's shortcut does not fire).
    auto* key = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_R), this);
    key->setContext(Qt::WindowShortcut);
    connect(key, &QShortcut::activated, m_reprint, &QPushButton::click);
    clear();
}

void CaseDetailView::clear()
{
    m_prints.clear();
    m_header->setText(tr("Choose a case to see its history and its documents."));
    m_history->setRowCount(0);
    m_documents->setRowCount(0);
    m_reprint->setEnabled(false);
    setActions({});
    m_outcome->hide();
    m_locker->hide();
}

void CaseDetailView::showLocker(const std::optional<LockerDeposit>& d)
{
    m_locker->setVisible(d.has_value());
    if (!d)
        return;
    QString text =
        tr("Locker %1, compartment %2, pick-up code %3: put in on %4 by %5.")
            .arg(d->locker, d->compartment, d->pickupCode,
                 d->at.toString(QStringLiteral("yyyy-MM-dd HH:mm")), placeText(d->place));
    if (d->collectedAt.isValid())
        text +=
            QLatin1Char(' ') +
            tr("Collected on %1.").arg(d->collectedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    m_locker->setText(text);
}

void CaseDetailView::setActions(const QList<CaseActionState>& actions)
{
    for (QPushButton* b : std::as_const(m_actions))
        b->hide();
    for (const CaseActionState& st : actions) {
        QPushButton* b = m_actions.value(st.action);
        if (!b)
            continue;
        b->setEnabled(st.enabled);
        b->setToolTip(st.enabled ? actionHint(st.action) : st.why);
        b->show();
    }
}

QList<CaseAction> CaseDetailView::shownActions() const
{
    QList<CaseAction> out;
    for (CaseAction a : allCaseActions())
        if (const QPushButton* b = m_actions.value(a); b && !b->isHidden())
            out << a;
    return out;
}

void CaseDetailView::showOutcome(const QString& text, bool refused)
{
    m_outcome->setStyleSheet(refused ? QStringLiteral("color: #b00020;") : QString());
    m_outcome->setText(text);
    m_outcome->setVisible(!text.isEmpty());
}

void CaseDetailView::showCase(const CaseRecord& c, const QString& applicant,
                              const QList<JournalEntry>& prints)
{
    m_outcome->hide();
    QStringList items;
    for (const CaseItem& i : c.items)
        items << i.name.toHtmlEscaped();
    QString number = c.caseNumber;
    if (number.isEmpty() && !c.corrections.isEmpty())
        number = c.corrections.constLast().number;
    if (number.isEmpty() && !c.refusals.isEmpty())
        number = c.refusals.constLast().number;
    QString header = tr("<b>%1</b> · %2 · %3")
                         .arg(number.toHtmlEscaped(), applicant.toHtmlEscaped(),
                              displayName(c.status).toHtmlEscaped());
    header += QStringLiteral("<br>") + items.join(QStringLiteral("、"));
    if (c.promisedDate.isValid())
        header += QStringLiteral("<br>") +
                  tr("Promised by %1 (%n working day(s))", nullptr, c.promisedDays)
                      .arg(c.promisedDate.toString(Qt::ISODate));
    m_header->setText(header);

    m_history->setRowCount(int(c.history.size()));
    for (int i = 0; i < c.history.size(); ++i) {
        const StatusChange& h = c.history.at(i);
        const auto from = caseStatusFromString(h.from);
        const auto to = caseStatusFromString(h.to);
        setRow(m_history, i,
               {h.at.toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                from ? displayName(*from) : h.from, to ? displayName(*to) : h.to,
                placeText(h.place), h.note});
    }
    m_history->resizeColumnsToContents();

    m_prints = prints;
    m_documents->setRowCount(int(prints.size()));
    for (int i = 0; i < prints.size(); ++i) {
        const JournalEntry& e = prints.at(i);
        setRow(m_documents, i,
               {e.printedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm")), displayName(e.kind),
                e.documentNumber.isEmpty() ? e.subject : e.documentNumber,
                e.isCopy() ? tr("Copy %1").arg(e.copyNo) : tr("Original"),
                e.toFile ? tr("File %1").arg(e.target) : e.target, placeText(e.place),
                e.checkCode()});
    }
    m_documents->resizeColumnsToContents();
    if (!prints.isEmpty())
        m_documents->selectRow(int(prints.size()) - 1);
    // Shown again (the page read anew), the row may have been selected
    // already: no selection change tells the button.
    m_reprint->setEnabled(currentPrint() != nullptr);
}

const JournalEntry* CaseDetailView::currentPrint() const
{
    const int row = m_documents->currentRow();
    if (row < 0 || row >= m_prints.size() || m_documents->selectedItems().isEmpty())
        return nullptr;
    return &m_prints.at(row);
}

QList<CaseList> CasesPage::allLists()
{
    return {CaseList::Today,          CaseList::Mine,    CaseList::AwaitingCorrection,
            CaseList::InProgress,     CaseList::DueSoon, CaseList::Overdue,
            CaseList::AwaitingPickup, CaseList::Mailed,  CaseList::All};
}

QString CasesPage::listName(CaseList list)
{
    switch (list) {
    case CaseList::Today:
        return tr("Today");
    case CaseList::Mine:
        return tr("Mine");
    case CaseList::AwaitingCorrection:
        return tr("Awaiting correction");
    case CaseList::InProgress:
        return tr("In progress");
    case CaseList::DueSoon:
        return tr("Due soon");
    case CaseList::Overdue:
        return tr("Overdue");
    case CaseList::AwaitingPickup:
        return tr("Awaiting pick-up");
    case CaseList::Mailed:
        return tr("Mailed");
    case CaseList::All:
        return tr("All cases");
    }
    return {};
}

CasesPage::CasesPage(QWidget* parent)
    : QWidget(parent), m_lists(new QListWidget(this)), m_search(new QLineEdit(this)),
      m_status(new QComboBox(this)), m_dueSoon(new QSpinBox(this)), m_table(new QTableView(this)),
      m_model(new CaseListModel(this)), m_detail(new CaseDetailView(this)),
      m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("casesPage"));
    m_lists->setObjectName(QStringLiteral("caseLists"));
    m_lists->setFixedWidth(170);
    for (CaseList list : allLists()) {
        auto* entry = new QListWidgetItem(listName(list), m_lists);
        entry->setData(Qt::UserRole, int(list));
    }
    m_lists->setCurrentRow(0);

    m_search->setObjectName(QStringLiteral("caseSearch"));
    m_search->setPlaceholderText(
        tr("Case or notice number, ID number or credit code, or the applicant's name"));
    m_search->setClearButtonEnabled(true);
    m_status->setObjectName(QStringLiteral("caseStatusFilter"));
    m_status->addItem(tr("Any status"), QString());
    for (CaseStatus s :
         {CaseStatus::CorrectionRequested, CaseStatus::Accepted, CaseStatus::NotAccepted,
          CaseStatus::FirstReview, CaseStatus::Forwarded, CaseStatus::Approved, CaseStatus::Refused,
          CaseStatus::Completed, CaseStatus::AwaitingPickup, CaseStatus::Mailed,
          CaseStatus::Delivered, CaseStatus::Withdrawn})
        m_status->addItem(displayName(s), toString(s));
    m_dueSoon->setObjectName(QStringLiteral("caseDueSoonDays"));
    m_dueSoon->setRange(0, 30);
    m_dueSoon->setValue(2);
    m_dueSoon->setPrefix(tr("Due soon within "));
    m_dueSoon->setSuffix(tr(" working day(s)"));
    m_dueSoon->setToolTip(tr("Cases in progress this close to their promised date are yellow; "
                             "past it, red."));

    m_table->setObjectName(QStringLiteral("caseTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_summary->setObjectName(QStringLiteral("caseSummary"));
    m_summary->setForegroundRole(QPalette::PlaceholderText);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto* filters = new QHBoxLayout;
    filters->addWidget(m_search, 1);
    filters->addWidget(m_status);
    filters->addWidget(m_dueSoon);
    rightLayout->addLayout(filters);
    auto* splitter = new QSplitter(Qt::Vertical, right);
    splitter->setChildrenCollapsible(false);
    auto* top = new QWidget(splitter);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_table, 1);
    topLayout->addWidget(m_summary);
    splitter->addWidget(top);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    rightLayout->addWidget(splitter, 1);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addWidget(m_lists);
    layout->addWidget(right, 1);
    setFocusProxy(m_search);

    connect(m_lists, &QListWidget::currentRowChanged, this, [this] { emit filterChanged(); });
    connect(m_search, &QLineEdit::textChanged, this, [this] { emit searchChanged(); });
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] { emit filterChanged(); });
    connect(m_dueSoon, &QSpinBox::valueChanged, this, &CasesPage::dueSoonDaysChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (const CaseRow* r = m_model->rowAt(current.row()))
                    emit caseOpened(r->id);
            });
    auto* find = new QShortcut(QKeySequence(QKeySequence::Find), this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
}

CaseList CasesPage::currentList() const
{
    const QListWidgetItem* item = m_lists->currentItem();
    return item ? CaseList(item->data(Qt::UserRole).toInt()) : CaseList::Today;
}

void CasesPage::setCurrentList(CaseList list)
{
    for (int i = 0; i < m_lists->count(); ++i)
        if (CaseList(m_lists->item(i)->data(Qt::UserRole).toInt()) == list)
            m_lists->setCurrentRow(i);
}

void CasesPage::setListCount(CaseList list, int count)
{
    for (int i = 0; i < m_lists->count(); ++i) {
        QListWidgetItem* item = m_lists->item(i);
        if (CaseList(item->data(Qt::UserRole).toInt()) != list)
            continue;
        item->setText(count < 0 ? listName(list) : tr("%1 (%2)").arg(listName(list)).arg(count));
        if (list == CaseList::Overdue && count > 0)
            item->setForeground(QColor(0xb0, 0x00, 0x20));
        else if (list == CaseList::DueSoon && count > 0)
            item->setForeground(QColor(0x8a, 0x6d, 0x00));
        else
            item->setData(Qt::ForegroundRole, QVariant());
    }
}

std::optional<CaseStatus> CasesPage::statusChosen() const
{
    return caseStatusFromString(m_status->currentData().toString());
}

} // namespace ow::ui
