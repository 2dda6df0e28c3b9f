#include "stats/StatsPage.h"

#include "stats/StatsTableModel.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QPainter>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

namespace ow::ui {

namespace {

// The rates shown under the table with their definitions.
const StatsMetric kRates[] = {StatsMetric::CompletionRate, StatsMetric::OnTimeRate,
                              StatsMetric::ImmediateShare, StatsMetric::OneVisitShare,
                              StatsMetric::VisitsAverage,  StatsMetric::RatingAverage,
                              StatsMetric::SatisfiedShare};

} // namespace

StatsPage::StatsPage(QWidget* parent)
    : QWidget(parent), m_from(new QDateEdit(this)), m_to(new QDateEdit(this)),
      m_by(new QComboBox(this)), m_count(new QPushButton(tr("Count"), this)),
      m_export(new QPushButton(tr("Export CSV…"), this)), m_message(new QLabel(this)),
      m_chartView(new QChartView(this)), m_table(new QTableView(this)),
      m_model(new StatsTableModel(this))
{
    for (QDateEdit* e : {m_from, m_to}) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    m_from->setObjectName(QStringLiteral("statsFrom"));
    m_to->setObjectName(QStringLiteral("statsTo"));
    m_by->setObjectName(QStringLiteral("statsGrouping"));
    for (StatsGrouping by : {StatsGrouping::Day, StatsGrouping::Week, StatsGrouping::Month,
                             StatsGrouping::Site, StatsGrouping::Window, StatsGrouping::Clerk,
                             StatsGrouping::Item, StatsGrouping::Category, StatsGrouping::None})
        m_by->addItem(displayName(by), int(by));
    m_count->setObjectName(QStringLiteral("statsCount"));
    m_export->setObjectName(QStringLiteral("statsExport"));
    m_message->setObjectName(QStringLiteral("statsMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_message->hide();

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("From"), this));
    bar->addWidget(m_from);
    bar->addWidget(new QLabel(tr("to"), this));
    bar->addWidget(m_to);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("Grouped"), this));
    bar->addWidget(m_by);
    bar->addWidget(m_count);
    bar->addStretch(1);
    bar->addWidget(m_export);

    m_chartView->setObjectName(QStringLiteral("statsChart"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(220);
    m_table->setObjectName(QStringLiteral("statsTable"));
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);

    QStringList lines;
    for (StatsMetric m : kRates)
        lines << QStringLiteral("<b>%1</b>: %2")
                     .arg(title(m).toHtmlEscaped(), definition(m).toHtmlEscaped());
    auto* definitions = new QLabel(lines.join(QStringLiteral("<br>")), this);
    definitions->setObjectName(QStringLiteral("statsDefinitions"));
    definitions->setWordWrap(true);
    definitions->setTextFormat(Qt::RichText);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_chartView);
    split->addWidget(m_table);
    split->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);
    layout->addWidget(definitions);

    connect(m_count, &QPushButton::clicked, this, &StatsPage::countRequested);
    connect(m_by, &QComboBox::currentIndexChanged, this, &StatsPage::countRequested);
    connect(m_export, &QPushButton::clicked, this, &StatsPage::exportRequested);
}

StatsRequest StatsPage::request() const
{
    return {m_from->date(), m_to->date(), StatsGrouping(m_by->currentData().toInt())};
}

void StatsPage::setRequest(const StatsRequest& request)
{
    const QSignalBlocker block(m_by);
    m_from->setDate(request.from);
    m_to->setDate(request.to);
    m_by->setCurrentIndex(qMax(0, m_by->findData(int(request.by))));
}

void StatsPage::showMessage(const QString& text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void StatsPage::showTable(const StatsTable& table)
{
    m_model->setTable(table);
    m_table->resizeColumnsToContents();
    updateChart(table);
}

void StatsPage::updateChart(const StatsTable& table)
{
    auto* chart = new QChart;
    chart->setTitle(tr("Cases accepted and completed, completion and on-time rates"));
    QList<StatsRow> rows = table.rows;
    if (rows.isEmpty())
        rows << table.total;
    auto* accepted = new QBarSet(title(StatsMetric::Accepted));
    auto* completed = new QBarSet(title(StatsMetric::Completed));
    auto* completion = new QLineSeries;
    completion->setName(title(StatsMetric::CompletionRate));
    auto* onTime = new QLineSeries;
    onTime->setName(title(StatsMetric::OnTimeRate));
    QStringList labels;
    for (int i = 0; i < rows.size(); ++i) {
        const StatsCounts& c = rows.at(i).counts;
        labels << rows.at(i).label;
        *accepted << double(c.accepted);
        *completed << double(c.completed);
        if (const auto r = c.value(StatsMetric::CompletionRate))
            completion->append(i, *r * 100.0);
        if (const auto r = c.value(StatsMetric::OnTimeRate))
            onTime->append(i, *r * 100.0);
    }
    auto* bars = new QBarSeries;
    bars->append(accepted);
    bars->append(completed);
    chart->addSeries(bars);
    chart->addSeries(completion);
    chart->addSeries(onTime);
    auto* x = new QBarCategoryAxis;
    x->append(labels);
    auto* counts = new QValueAxis;
    counts->setLabelFormat(QStringLiteral("%d"));
    counts->setMin(0);
    auto* percent = new QValueAxis;
    percent->setRange(0, 100);
    percent->setLabelFormat(QStringLiteral("%d%%"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(counts, Qt::AlignLeft);
    chart->addAxis(percent, Qt::AlignRight);
    bars->attachAxis(x);
    bars->attachAxis(counts);
    for (QLineSeries* s : {completion, onTime}) {
        s->attachAxis(x);
        s->attachAxis(percent);
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    QChart* old = m_chartView->chart();
    m_chartView->setChart(chart);
    delete old;
}

} // namespace ow::ui
