#include "supervision/SamplingPage.h"

#include <QDateEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ow::ui {

namespace {

enum Column {
    DrawColumn,
    CaseColumn,
    StateColumn,
    FindingColumn,
    RectificationColumn,
    FoundColumn,
    ClosedColumn,
    NoteColumn,
    ColumnCount
};

QString whoWhen(const QString& who, const QDateTime& when)
{
    if (who.isEmpty())
        return {};
    return who + QLatin1Char(' ') + when.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

SamplingPage::SamplingPage(QWidget* parent)
    : QWidget(parent), m_from(new QDateEdit(this)), m_to(new QDateEdit(this)),
      m_count(new QSpinBox(this)), m_draw(new QPushButton(tr("Draw"), this)),
      m_message(new QLabel(this)), m_table(new QTableWidget(0, ColumnCount, this)),
      m_finding(new QLineEdit(this)), m_rectification(new QLineEdit(this)),
      m_record(new QPushButton(tr("Record the finding"), this)), m_note(new QLineEdit(this)),
      m_close(new QPushButton(tr("Close the case"), this))
{
    for (QDateEdit* e : {m_from, m_to}) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    m_count->setRange(1, 1000);
    m_count->setValue(10);
    m_count->setObjectName(QStringLiteral("sampleCount"));
    m_draw->setObjectName(QStringLiteral("sampleDraw"));
    m_message->setObjectName(QStringLiteral("sampleMessage"));
    m_message->setWordWrap(true);
    m_message->hide();
    m_table->setObjectName(QStringLiteral("sampleTable"));
    m_table->setHorizontalHeaderLabels({tr("Draw"), tr("Case"), tr("State"), tr("Finding"),
                                        tr("Rectification required"), tr("Finding by"),
                                        tr("Closed by"), tr("Closing note")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_finding->setObjectName(QStringLiteral("sampleFinding"));
    m_rectification->setObjectName(QStringLiteral("sampleRectification"));
    m_note->setObjectName(QStringLiteral("sampleNote"));
    m_finding->setPlaceholderText(tr("What was found"));
    m_rectification->setPlaceholderText(tr("What must be put right"));
    m_note->setPlaceholderText(tr("The rectification done, or that nothing was found"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Cases accepted from"), this));
    bar->addWidget(m_from);
    bar->addWidget(new QLabel(tr("to"), this));
    bar->addWidget(m_to);
    bar->addWidget(new QLabel(tr("Number of cases"), this));
    bar->addWidget(m_count);
    bar->addWidget(m_draw);
    bar->addStretch(1);

    auto* edit = new QFormLayout;
    auto* findingRow = new QHBoxLayout;
    findingRow->addWidget(m_finding, 1);
    findingRow->addWidget(m_rectification, 1);
    findingRow->addWidget(m_record);
    edit->addRow(tr("Finding"), findingRow);
    auto* closeRow = new QHBoxLayout;
    closeRow->addWidget(m_note, 1);
    closeRow->addWidget(m_close);
    edit->addRow(tr("Closure"), closeRow);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);
    layout->addLayout(edit);

    connect(m_draw, &QPushButton::clicked, this,
            [this] { emit drawRequested(m_from->date(), m_to->date(), m_count->value()); });
    connect(m_record, &QPushButton::clicked, this, [this] {
        emit findingRequested(chosenDraw(), chosenCase(), m_finding->text(),
                              m_rectification->text());
    });
    connect(m_close, &QPushButton::clicked, this,
            [this] { emit closeRequested(chosenDraw(), chosenCase(), m_note->text()); });
}

void SamplingPage::setPeriod(const QDate& from, const QDate& to)
{
    m_from->setDate(from);
    m_to->setDate(to);
}

void SamplingPage::showMessage(const QString& text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
    m_message->setVisible(!text.isEmpty());
}

void SamplingPage::showDraws(const QList<SamplingDraw>& draws)
{
    const QString keepDraw = chosenDraw();
    const QString keepCase = chosenCase();
    m_table->setRowCount(0);
    for (const SamplingDraw& d : draws) {
        const QString drawText = tr("%1 to %2, seed %3")
                                     .arg(d.from.toString(Qt::ISODate), d.to.toString(Qt::ISODate))
                                     .arg(d.seed);
        for (const SampledCase& c : d.cases) {
            const int row = m_table->rowCount();
            m_table->insertRow(row);
            const QStringList cells{drawText,
                                    c.caseNumber,
                                    displayName(c.state),
                                    c.finding,
                                    c.rectification,
                                    whoWhen(c.findingBy, c.findingAt),
                                    whoWhen(c.closedBy, c.closedAt),
                                    c.closingNote};
            for (int col = 0; col < ColumnCount; ++col) {
                auto* item = new QTableWidgetItem(cells.at(col));
                item->setData(Qt::UserRole, d.id);
                m_table->setItem(row, col, item);
            }
            if (d.id == keepDraw && c.caseNumber == keepCase)
                m_table->selectRow(row);
        }
    }
    m_table->resizeColumnsToContents();
}

QString SamplingPage::chosenDraw() const
{
    const int row = m_table->currentRow();
    return row < 0 || !m_table->item(row, DrawColumn)
               ? QString()
               : m_table->item(row, DrawColumn)->data(Qt::UserRole).toString();
}

QString SamplingPage::chosenCase() const
{
    const int row = m_table->currentRow();
    return row < 0 || !m_table->item(row, CaseColumn) ? QString()
                                                      : m_table->item(row, CaseColumn)->text();
}

} // namespace ow::ui
