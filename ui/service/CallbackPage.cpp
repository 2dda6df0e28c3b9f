#include "service/CallbackPage.h"

#include "service/RatingDialog.h"
#include "service/ServiceController.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ow::ui {

CallbackPage::CallbackPage(ServiceController& controller, QWidget* parent)
    : QWidget(parent), m_controller(controller),
      m_all(new QCheckBox(tr("Show done ones too"), this)), m_table(new QTableWidget(this)),
      m_result(new QLineEdit(this)), m_case(new QLineEdit(this)), m_name(new QLineEdit(this)),
      m_phone(new QLineEdit(this)), m_reason(new QLineEdit(this)), m_due(new QDateEdit(this)),
      m_banner(new QLabel(this))
{
    setObjectName(QStringLiteral("callbackPage"));
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_all->setObjectName(QStringLiteral("callbackAll"));
    top->addWidget(m_all);
    top->addStretch(1);
    auto* rate = new QPushButton(tr("Rate the visit… (F12)"), this);
    rate->setObjectName(QStringLiteral("rateVisit"));
    top->addWidget(rate);
    layout->addLayout(top);
    m_banner->setObjectName(QStringLiteral("callbackBanner"));
    m_banner->setWordWrap(true);
    m_banner->hide();
    layout->addWidget(m_banner);

    m_table->setObjectName(QStringLiteral("callbackTable"));
    m_table->setColumnCount(8);
    m_table->setHorizontalHeaderLabels({tr("Due"), tr("Kind"), tr("Case number"), tr("Contact"),
                                        tr("Phone"), tr("Reason"), tr("Done"), tr("Result")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);

    auto* doneRow = new QHBoxLayout;
    m_result->setObjectName(QStringLiteral("callbackResult"));
    m_result->setPlaceholderText(tr("The result of the call (required)"));
    auto* done = new QPushButton(tr("Mark done"), this);
    done->setObjectName(QStringLiteral("callbackDone"));
    doneRow->addWidget(new QLabel(tr("Result"), this));
    doneRow->addWidget(m_result, 1);
    doneRow->addWidget(done);
    layout->addLayout(doneRow);

    auto* add = new QGroupBox(tr("A call-back by hand"), this);
    auto* addRow = new QHBoxLayout(add);
    m_case->setObjectName(QStringLiteral("callbackCase"));
    m_case->setPlaceholderText(tr("Case number (optional)"));
    m_name->setObjectName(QStringLiteral("callbackName"));
    m_name->setPlaceholderText(tr("Contact"));
    m_phone->setObjectName(QStringLiteral("callbackPhone"));
    m_phone->setPlaceholderText(tr("Phone"));
    m_reason->setObjectName(QStringLiteral("callbackReason"));
    m_reason->setPlaceholderText(tr("Why call back"));
    m_due->setObjectName(QStringLiteral("callbackDue"));
    m_due->setCalendarPopup(true);
    m_due->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_due->setDate(controller.clock().today().addDays(1));
    auto* addButton = new QPushButton(tr("Add"), add);
    addButton->setObjectName(QStringLiteral("callbackAdd"));
    for (QWidget* w : std::initializer_list<QWidget*>{m_case, m_name, m_phone})
        addRow->addWidget(w);
    addRow->addWidget(m_reason, 1);
    addRow->addWidget(m_due);
    addRow->addWidget(addButton);
    layout->addWidget(add);

    connect(m_all, &QCheckBox::toggled, this, &CallbackPage::refresh);
    connect(done, &QPushButton::clicked, this, &CallbackPage::markDone);
    connect(m_result, &QLineEdit::returnPressed, this, &CallbackPage::markDone);
    connect(addButton, &QPushButton::clicked, this, &CallbackPage::addTask);
    connect(m_reason, &QLineEdit::returnPressed, this, &CallbackPage::addTask);
    connect(rate, &QPushButton::clicked, this, &CallbackPage::rateVisit);
    connect(&m_controller, &ServiceController::changed, this, &CallbackPage::refresh);
    refresh();
}

void CallbackPage::showError(const Error& e)
{
    m_banner->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_banner->setText(e.fullText());
    m_banner->show();
}

void CallbackPage::showMessage(const QString& text)
{
    m_banner->setStyleSheet(QString());
    m_banner->setText(text);
    m_banner->show();
}

void CallbackPage::refresh()
{
    auto list = m_controller.callbacks(!m_all->isChecked());
    if (!list) {
        showError(list.error());
        return;
    }
    m_shown = *list;
    const QDate today = m_controller.clock().today();
    m_table->setRowCount(0);
    for (const CallbackTask& t : m_shown) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const QStringList cells{
            t.dueOn.toString(Qt::ISODate) +
                (t.overdueOn(today) ? QStringLiteral(" ") + tr("overdue") : QString()),
            callbackKindName(t.kind),
            t.caseNumber,
            t.contactName,
            t.contactPhone,
            t.reason,
            t.open() ? QString() : t.doneAt.toString(QStringLiteral("yyyy-MM-dd HH:mm")),
            t.result};
        for (int col = 0; col < cells.size(); ++col) {
            auto* item = new QTableWidgetItem(cells[col]);
            if (t.overdueOn(today))
                item->setForeground(QColor(0xb0, 0x00, 0x20));
            m_table->setItem(row, col, item);
        }
    }
    m_table->resizeColumnsToContents();
}

void CallbackPage::select(int row)
{
    m_table->selectRow(row);
}

bool CallbackPage::markDone()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_shown.size()) {
        showMessage(tr("Choose a call-back in the list first."));
        return false;
    }
    auto r = m_controller.callbackDone(m_shown[row].id, m_result->text());
    if (!r) {
        showError(r.error());
        m_result->setFocus();
        return false;
    }
    showMessage(tr("Call-back done: %1").arg(r->result));
    m_result->clear();
    return true;
}

bool CallbackPage::addTask()
{
    auto r = m_controller.addCallback(m_case->text(), m_name->text(), m_phone->text(),
                                      m_reason->text(), m_due->date());
    if (!r) {
        showError(r.error());
        return false;
    }
    showMessage(tr("Call-back added, due %1.").arg(r->dueOn.toString(Qt::ISODate)));
    for (QLineEdit* e : {m_case, m_name, m_phone, m_reason})
        e->clear();
    return true;
}

void CallbackPage::rateVisit()
{
    RatingDialog dialog(m_controller, m_controller.currentCase(), this);
    dialog.exec();
}

} // namespace ow::ui
