#include "service/MailingLedgerPage.h"

#include "service/ServiceController.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace ow::ui {

namespace {

const QDate kNoDate(2000, 1, 1);

QDateEdit* dateEdit(const QString& name, bool optional, QWidget* parent)
{
    auto* e = new QDateEdit(parent);
    e->setObjectName(name);
    e->setCalendarPopup(true);
    e->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    if (optional) {
        e->setMinimumDate(kNoDate);
        e->setSpecialValueText(MailingLedgerPage::tr("any"));
        e->setDate(kNoDate);
    }
    return e;
}

QDate dateOf(const QDateEdit* e)
{
    return e->date() == kNoDate ? QDate() : e->date();
}

QString day(const QDate& d)
{
    return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

} // namespace

MailingLedgerPage::MailingLedgerPage(ServiceController& controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_search(new QLineEdit(this)),
      m_state(new QComboBox(this)), m_from(dateEdit(QStringLiteral("mailingFrom"), true, this)),
      m_to(dateEdit(QStringLiteral("mailingTo"), true, this)), m_table(new QTableView(this)),
      m_model(new QStandardItemModel(this)), m_awaiting(new QComboBox(this)),
      m_waybill(new QLineEdit(this)),
      m_eventDate(dateEdit(QStringLiteral("mailingEventDate"), false, this)),
      m_returnReason(new QLineEdit(this)), m_reached(new QCheckBox(tr("Reached"), this)),
      m_note(new QLineEdit(this)), m_banner(new QLabel(this))
{
    setObjectName(QStringLiteral("mailingLedgerPage"));
    auto* layout = new QVBoxLayout(this);

    auto* filters = new QHBoxLayout;
    m_search->setObjectName(QStringLiteral("mailingSearch"));
    m_search->setPlaceholderText(tr("Waybill, case number or recipient"));
    m_search->setClearButtonEnabled(true);
    m_state->setObjectName(QStringLiteral("mailingState"));
    m_state->addItem(tr("All states"), QString());
    for (const char* s : {"sent", "delivered", "returned"})
        m_state->addItem(mailingStateName(QString::fromLatin1(s)), QString::fromLatin1(s));
    filters->addWidget(m_search, 1);
    filters->addWidget(m_state);
    filters->addWidget(new QLabel(tr("Sent from"), this));
    filters->addWidget(m_from);
    filters->addWidget(new QLabel(tr("to"), this));
    filters->addWidget(m_to);
    auto* exportButton = new QPushButton(tr("Export CSV…"), this);
    exportButton->setObjectName(QStringLiteral("mailingExport"));
    auto* printButton = new QPushButton(tr("Print to PDF…"), this);
    printButton->setObjectName(QStringLiteral("mailingPrint"));
    filters->addWidget(exportButton);
    filters->addWidget(printButton);
    layout->addLayout(filters);

    m_banner->setObjectName(QStringLiteral("mailingBanner"));
    m_banner->setWordWrap(true);
    m_banner->hide();
    layout->addWidget(m_banner);

    m_table->setObjectName(QStringLiteral("mailingTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    layout->addWidget(m_table, 1);

    auto* record = new QGroupBox(tr("Record the waybill of a completed EMS case"), this);
    auto* recordRow = new QHBoxLayout(record);
    m_awaiting->setObjectName(QStringLiteral("mailingCase"));
    m_awaiting->setEditable(true);
    m_awaiting->setMinimumContentsLength(24);
    m_waybill->setObjectName(QStringLiteral("waybillEdit"));
    m_waybill->setPlaceholderText(tr("Scan or type the waybill number"));
    auto* recordButton = new QPushButton(tr("Record"), record);
    recordButton->setObjectName(QStringLiteral("recordWaybill"));
    auto* slipButton = new QPushButton(tr("Print the slip…"), record);
    slipButton->setObjectName(QStringLiteral("printSlip"));
    recordRow->addWidget(new QLabel(tr("Case"), record));
    recordRow->addWidget(m_awaiting);
    recordRow->addWidget(new QLabel(tr("Waybill"), record));
    recordRow->addWidget(m_waybill, 1);
    recordRow->addWidget(recordButton);
    recordRow->addWidget(slipButton);
    layout->addWidget(record);

    auto* events = new QGroupBox(tr("The mailing chosen above"), this);
    auto* form = new QFormLayout(events);
    auto* stateRow = new QHBoxLayout;
    auto* deliveredButton = new QPushButton(tr("Delivered"), events);
    deliveredButton->setObjectName(QStringLiteral("mailingDelivered"));
    m_returnReason->setObjectName(QStringLiteral("mailingReturnReason"));
    m_returnReason->setPlaceholderText(tr("Why it came back"));
    auto* returnedButton = new QPushButton(tr("Returned"), events);
    returnedButton->setObjectName(QStringLiteral("mailingReturned"));
    m_eventDate->setDate(controller.clock().today());
    stateRow->addWidget(m_eventDate);
    stateRow->addWidget(deliveredButton);
    stateRow->addWidget(m_returnReason, 1);
    stateRow->addWidget(returnedButton);
    form->addRow(tr("On"), stateRow);
    auto* followRow = new QHBoxLayout;
    m_reached->setObjectName(QStringLiteral("mailingReached"));
    m_reached->setChecked(true);
    m_note->setObjectName(QStringLiteral("mailingNote"));
    m_note->setPlaceholderText(tr("What the follow-up call found"));
    auto* followButton = new QPushButton(tr("Log follow-up"), events);
    followButton->setObjectName(QStringLiteral("mailingFollowup"));
    followRow->addWidget(m_reached);
    followRow->addWidget(m_note, 1);
    followRow->addWidget(followButton);
    form->addRow(tr("Follow-up call"), followRow);
    layout->addWidget(events);

    connect(m_search, &QLineEdit::textChanged, this, &MailingLedgerPage::refresh);
    connect(m_state, &QComboBox::currentIndexChanged, this, &MailingLedgerPage::refresh);
    connect(m_from, &QDateEdit::dateChanged, this, &MailingLedgerPage::refresh);
    connect(m_to, &QDateEdit::dateChanged, this, &MailingLedgerPage::refresh);
    connect(m_waybill, &QLineEdit::returnPressed, this, &MailingLedgerPage::recordWaybill);
    connect(recordButton, &QPushButton::clicked, this, &MailingLedgerPage::recordWaybill);
    connect(slipButton, &QPushButton::clicked, this, [this] {
        if (Status s = m_controller.presentSlip(m_awaiting->currentText(), m_waybill->text(), this);
            !s)
            showError(s.error());
    });
    connect(deliveredButton, &QPushButton::clicked, this, &MailingLedgerPage::markDelivered);
    connect(returnedButton, &QPushButton::clicked, this, &MailingLedgerPage::markReturned);
    connect(followButton, &QPushButton::clicked, this, &MailingLedgerPage::logFollowup);
    connect(m_note, &QLineEdit::returnPressed, this, &MailingLedgerPage::logFollowup);
    connect(exportButton, &QPushButton::clicked, this, [this] { chooseFile(true); });
    connect(printButton, &QPushButton::clicked, this, [this] { chooseFile(false); });
    connect(&m_controller, &ServiceController::changed, this, &MailingLedgerPage::refresh);
    setFocusProxy(m_waybill);
    refresh();
}

MailingFilter MailingLedgerPage::filter() const
{
    MailingFilter f;
    f.search = m_search->text();
    f.state = m_state->currentData().toString();
    f.from = dateOf(m_from);
    f.to = dateOf(m_to);
    return f;
}

void MailingLedgerPage::refresh()
{
    const QString selected = selectedCase();
    auto list = m_controller.mailings(filter());
    if (!list) {
        showError(list.error());
        return;
    }
    m_shown = *list;
    m_model->clear();
    m_model->setHorizontalHeaderLabels({tr("Waybill"), tr("Case number"), tr("Recipient"),
                                        tr("Phone"), tr("Address"), tr("State"), tr("Sent on"),
                                        tr("Delivered / returned on"), tr("Follow-up")});
    int select = -1;
    for (const MailingRecord& m : m_shown) {
        QString follow;
        if (!m.followups.isEmpty())
            follow = tr("%n call(s); last: %1", nullptr, int(m.followups.size()))
                         .arg(m.followups.last().note);
        QString state = mailingStateName(m.state);
        if (!m.returnReason.isEmpty())
            state += QStringLiteral("：") + m.returnReason;
        QList<QStandardItem*> row;
        for (const QString& cell :
             {m.waybill, m.caseNumber, m.recipient, m.phone, m.address + u' ' + m.postcode, state,
              day(m.sentOn), day(m.deliveredOn.isValid() ? m.deliveredOn : m.returnedOn), follow})
            row << new QStandardItem(cell);
        if (m.caseNumber == selected)
            select = m_model->rowCount();
        m_model->appendRow(row);
    }
    if (select >= 0)
        m_table->selectRow(select);
    m_table->resizeColumnsToContents();

    const QString typed = m_awaiting->currentText();
    m_awaiting->clear();
    if (auto awaiting = m_controller.awaitingWaybill())
        m_awaiting->addItems(*awaiting);
    if (!typed.isEmpty() && m_awaiting->findText(typed) >= 0)
        m_awaiting->setCurrentText(typed);
}

void MailingLedgerPage::focusCase(const QString& caseNumber)
{
    refresh();
    if (m_awaiting->findText(caseNumber) >= 0) {
        m_search->clear();
        m_awaiting->setCurrentText(caseNumber);
        m_waybill->setFocus();
        return;
    }
    m_search->setText(caseNumber);
    if (!m_shown.isEmpty())
        m_table->selectRow(0);
    m_table->setFocus();
}

QString MailingLedgerPage::selectedCase() const
{
    const QModelIndexList rows =
        m_table->selectionModel() ? m_table->selectionModel()->selectedRows() : QModelIndexList();
    if (rows.isEmpty() || rows.first().row() >= m_shown.size())
        return {};
    return m_shown[rows.first().row()].caseNumber;
}

void MailingLedgerPage::showError(const Error& e)
{
    m_banner->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_banner->setText(e.fullText());
    m_banner->show();
}

void MailingLedgerPage::showMessage(const QString& text)
{
    m_banner->setStyleSheet(QString());
    m_banner->setText(text);
    m_banner->show();
}

bool MailingLedgerPage::recordWaybill()
{
    auto r = m_controller.recordWaybill(m_awaiting->currentText().trimmed(), m_waybill->text());
    if (!r) {
        showError(r.error());
        m_waybill->selectAll();
        return false;
    }
    showMessage(tr("Case %1 mailed with waybill %2.").arg(r->caseNumber, r->waybill));
    m_waybill->clear();
    // No slip yet: it is printed now, with the waybill just recorded.
    if (!m_controller.slipPrinted(r->caseNumber))
        if (Status s = m_controller.presentSlip(r->caseNumber, r->waybill, this); !s)
            showError(s.error());
    return true;
}

bool MailingLedgerPage::markDelivered()
{
    const QString number = selectedCase();
    if (number.isEmpty()) {
        showMessage(tr("Choose a mailing in the ledger first."));
        return false;
    }
    auto r = m_controller.delivered(number, m_eventDate->date());
    if (!r) {
        showError(r.error());
        return false;
    }
    showMessage(tr("The mailing of case %1 was delivered.").arg(number));
    return true;
}

bool MailingLedgerPage::markReturned()
{
    const QString number = selectedCase();
    if (number.isEmpty()) {
        showMessage(tr("Choose a mailing in the ledger first."));
        return false;
    }
    auto r = m_controller.returned(number, m_returnReason->text(), m_eventDate->date());
    if (!r) {
        showError(r.error());
        m_returnReason->setFocus();
        return false;
    }
    showMessage(tr("The mailing of case %1 came back: a call-back task is due.").arg(number));
    m_returnReason->clear();
    return true;
}

bool MailingLedgerPage::logFollowup()
{
    const QString number = selectedCase();
    if (number.isEmpty()) {
        showMessage(tr("Choose a mailing in the ledger first."));
        return false;
    }
    auto r = m_controller.followup(number, m_reached->isChecked(), m_note->text());
    if (!r) {
        showError(r.error());
        m_note->setFocus();
        return false;
    }
    showMessage(tr("Follow-up call of case %1 logged.").arg(number));
    m_note->clear();
    return true;
}

bool MailingLedgerPage::exportCsv(const QString& path)
{
    auto r = m_controller.exportCsv(filter(), path);
    if (!r) {
        showError(r.error());
        return false;
    }
    showMessage(tr("%n mailing(s) exported to %1.", nullptr, *r).arg(path));
    return true;
}

bool MailingLedgerPage::printPdf(const QString& path)
{
    auto r = m_controller.printLedger(filter(), path);
    if (!r) {
        showError(r.error());
        return false;
    }
    showMessage(tr("%n mailing(s) printed to %1.", nullptr, *r).arg(path));
    return true;
}

void MailingLedgerPage::chooseFile(bool csv)
{
    const QString path = csv ? QFileDialog::getSaveFileName(this, tr("Export the ledger"),
                                                            QString(), tr("CSV files (*.csv)"))
                             : QFileDialog::getSaveFileName(this, tr("Print the ledger"), QString(),
                                                            tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    if (csv)
        exportCsv(path);
    else
        printPdf(path);
}

} // namespace ow::ui
