#include "service/ConsultationPage.h"

#include "service/ServiceController.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QShortcut>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ow::ui {

ConsultationPage::ConsultationPage(ServiceController& controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_channel(new QComboBox(this)),
      m_name(new QLineEdit(this)), m_phone(new QLineEdit(this)), m_topic(new QLineEdit(this)),
      m_items(new QLineEdit(this)), m_answer(new QPlainTextEdit(this)),
      m_notice(new QCheckBox(tr("One-time notice handed out"), this)), m_banner(new QLabel(this)),
      m_day(new QDateEdit(this)), m_search(new QLineEdit(this)), m_table(new QTableWidget(this))
{
    setObjectName(QStringLiteral("consultationPage"));
    auto* layout = new QHBoxLayout(this);

    auto* entry = new QVBoxLayout;
    auto* form = new QFormLayout;
    m_channel->setObjectName(QStringLiteral("consultChannel"));
    m_channel->addItem(tr("At the counter"), QStringLiteral("counter"));
    m_channel->addItem(tr("By phone"), QStringLiteral("phone"));
    m_name->setObjectName(QStringLiteral("consultName"));
    m_name->setPlaceholderText(tr("optional"));
    m_phone->setObjectName(QStringLiteral("consultPhone"));
    m_phone->setPlaceholderText(tr("optional"));
    m_topic->setObjectName(QStringLiteral("consultTopic"));
    m_items->setObjectName(QStringLiteral("consultItems"));
    m_items->setPlaceholderText(tr("Item codes, separated by commas"));
    m_answer->setObjectName(QStringLiteral("consultAnswer"));
    m_answer->setTabChangesFocus(true);
    m_answer->setMaximumHeight(120);
    m_notice->setObjectName(QStringLiteral("consultNotice"));
    form->addRow(tr("&Channel"), m_channel);
    form->addRow(tr("Asked by"), m_name);
    form->addRow(tr("Phone"), m_phone);
    form->addRow(tr("&Topic"), m_topic);
    form->addRow(tr("Items"), m_items);
    form->addRow(tr("Answer"), m_answer);
    form->addRow(QString(), m_notice);
    entry->addLayout(form);
    auto* save = new QPushButton(tr("Log (Ctrl+Enter)"), this);
    save->setObjectName(QStringLiteral("consultSave"));
    save->setAutoDefault(true);
    entry->addWidget(save);
    m_banner->setObjectName(QStringLiteral("consultBanner"));
    m_banner->setWordWrap(true);
    m_banner->hide();
    entry->addWidget(m_banner);
    entry->addStretch(1);
    layout->addLayout(entry, 2);

    auto* list = new QVBoxLayout;
    auto* filters = new QHBoxLayout;
    m_day->setObjectName(QStringLiteral("consultDay"));
    m_day->setCalendarPopup(true);
    m_day->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_day->setDate(controller.clock().today());
    m_search->setObjectName(QStringLiteral("consultSearch"));
    m_search->setPlaceholderText(tr("Search the day's consultations"));
    m_search->setClearButtonEnabled(true);
    filters->addWidget(m_day);
    filters->addWidget(m_search, 1);
    list->addLayout(filters);
    m_table->setObjectName(QStringLiteral("consultTable"));
    m_table->setColumnCount(7);
    m_table->setHorizontalHeaderLabels({tr("Time"), tr("Channel"), tr("Asked by"), tr("Topic"),
                                        tr("Items"), tr("Answer"), tr("Notice")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    list->addWidget(m_table, 1);
    layout->addLayout(list, 3);

    for (QLineEdit* e : {m_name, m_phone, m_topic, m_items})
        connect(e, &QLineEdit::returnPressed, this, &ConsultationPage::save);
    connect(save, &QPushButton::clicked, this, &ConsultationPage::save);
    for (const QKeySequence& k :
         {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto* shortcut = new QShortcut(k, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &ConsultationPage::save);
    }
    connect(m_day, &QDateEdit::dateChanged, this, &ConsultationPage::refresh);
    connect(m_search, &QLineEdit::textChanged, this, &ConsultationPage::refresh);
    connect(&m_controller, &ServiceController::changed, this, &ConsultationPage::refresh);
    setFocusProxy(m_channel);
    refresh();
}

void ConsultationPage::showError(const Error& e)
{
    m_banner->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_banner->setText(e.fullText());
    m_banner->show();
}

bool ConsultationPage::save()
{
    Consultation c;
    c.channel = m_channel->currentData().toString();
    c.askerName = m_name->text();
    c.askerPhone = m_phone->text();
    c.topic = m_topic->text();
    c.itemCodes = m_items->text().split(QRegularExpression(QStringLiteral("[,，、\\s]+")),
                                        Qt::SkipEmptyParts);
    c.answer = m_answer->toPlainText();
    c.noticeGiven = m_notice->isChecked();
    auto added = m_controller.addConsultation(c);
    if (!added) {
        showError(added.error());
        const QString field =
            added.error().problems.isEmpty() ? QString() : added.error().problems.first().field;
        if (field == u"topic")
            m_topic->setFocus();
        else if (field == u"askerPhone")
            m_phone->setFocus();
        else if (field == u"askerName")
            m_name->setFocus();
        else if (field == u"items")
            m_items->setFocus();
        return false;
    }
    m_banner->setStyleSheet(QString());
    m_banner->setText(tr("Consultation logged: %1").arg(added->topic));
    m_banner->show();
    for (QLineEdit* e : {m_name, m_phone, m_topic, m_items})
        e->clear();
    m_answer->clear();
    m_notice->setChecked(false);
    m_day->setDate(added->day);
    m_channel->setFocus();
    return true;
}

void ConsultationPage::refresh()
{
    auto list = m_controller.consultations(m_day->date(), m_search->text());
    if (!list) {
        showError(list.error());
        return;
    }
    m_table->setRowCount(0);
    for (const Consultation& c : *list) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const QStringList cells{c.at.toString(QStringLiteral("HH:mm")),
                                c.channel == u"phone" ? tr("By phone") : tr("At the counter"),
                                c.askerPhone.isEmpty() ? c.askerName
                                                       : c.askerName + u' ' + c.askerPhone,
                                c.topic,
                                c.itemCodes.join(QStringLiteral(", ")),
                                c.answer,
                                c.noticeGiven ? tr("Yes") : tr("No")};
        for (int col = 0; col < cells.size(); ++col)
            m_table->setItem(row, col, new QTableWidgetItem(cells[col]));
    }
    m_table->resizeColumnsToContents();
}

int ConsultationPage::shownCount() const
{
    return m_table->rowCount();
}

} // namespace ow::ui
