#include "CatalogueSearchView.h"

#include "CatalogueText.h"
#include "SearchResultDelegate.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace ow::ui {

CatalogueSearchView::CatalogueSearchView(QWidget* parent)
    : QWidget(parent), m_search(new QLineEdit(this)), m_category(new QComboBox(this)),
      m_department(new QComboBox(this)), m_level(new QComboBox(this)),
      m_handling(new QComboBox(this)), m_universal(new QCheckBox(tr("Universal"), this)),
      m_status(new QLabel(this)), m_results(new QListView(this))
{
    m_search->setObjectName(QStringLiteral("catalogueSearch"));
    m_search->setPlaceholderText(tr("Item name, code or pinyin initials…"));
    m_search->setClearButtonEnabled(true);
    QFont big = m_search->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    m_search->setFont(big);
    m_search->setMinimumHeight(m_search->sizeHint().height() + 8);
    m_search->installEventFilter(this);
    setFocusProxy(m_search);

    m_category->setObjectName(QStringLiteral("categoryFilter"));
    m_department->setObjectName(QStringLiteral("departmentFilter"));
    m_level->setObjectName(QStringLiteral("levelFilter"));
    m_handling->setObjectName(QStringLiteral("handlingFilter"));
    m_universal->setObjectName(QStringLiteral("universalFilter"));
    m_universal->setToolTip(tr("Only items any window at any site may accept"));
    setCategories({});
    setDepartments({});
    m_level->addItem(tr("Any level"), 0);
    for (Level l : {Level::City, Level::Town, Level::Village})
        m_level->addItem(CatalogueText::level(l), int(l));
    m_handling->addItem(tr("Any handling"), -1);
    for (HandlingType h : {HandlingType::Immediate, HandlingType::Promised})
        m_handling->addItem(CatalogueText::handling(h), int(h));
    for (QComboBox* combo : {m_category, m_department, m_level, m_handling}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(4);
        combo->setMaxVisibleItems(20);
        connect(combo, &QComboBox::currentIndexChanged, this, &CatalogueSearchView::filterChanged);
        // Back to typing once a choice is made.
        connect(combo, &QComboBox::activated, m_search, [this] { m_search->setFocus(); });
    }
    connect(m_universal, &QCheckBox::toggled, this, &CatalogueSearchView::filterChanged);
    connect(m_universal, &QCheckBox::clicked, m_search, [this] { m_search->setFocus(); });

    m_status->setObjectName(QStringLiteral("searchStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);

    m_results->setObjectName(QStringLiteral("searchResults"));
    m_results->setItemDelegate(new SearchResultDelegate(m_results));
    m_results->setUniformItemSizes(true);
    m_results->setSelectionMode(QAbstractItemView::SingleSelection);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(m_results, &QListView::activated, this,
            [this](const QModelIndex& index) { emit picked(index.row()); });

    auto* firstRow = new QHBoxLayout;
    firstRow->setSpacing(6);
    firstRow->addWidget(m_category, 1);
    firstRow->addWidget(m_department, 1);
    auto* secondRow = new QHBoxLayout;
    secondRow->setSpacing(6);
    secondRow->addWidget(m_level, 1);
    secondRow->addWidget(m_handling, 1);
    secondRow->addWidget(m_universal);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(m_search);
    layout->addLayout(firstRow);
    layout->addLayout(secondRow);
    layout->addWidget(m_status);
    layout->addWidget(m_results, 1);

    connect(m_search, &QLineEdit::textChanged, this, &CatalogueSearchView::queryChanged);
}

void CatalogueSearchView::setModel(QAbstractItemModel* model)
{
    m_results->setModel(model);
    connect(m_results->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { emit currentRowChanged(current.row()); });
}

void CatalogueSearchView::setChoices(QComboBox* combo, const QString& anyText,
                                     const QStringList& values)
{
    const QString kept = combo->currentData().toString();
    const QSignalBlocker block(combo);
    combo->clear();
    combo->addItem(anyText, QString());
    for (const QString& v : values)
        combo->addItem(v, v);
    combo->setCurrentIndex(std::max(0, combo->findData(kept)));
}

void CatalogueSearchView::setCategories(const QStringList& categories)
{
    setChoices(m_category, tr("Any category"), categories);
}

void CatalogueSearchView::setDepartments(const QStringList& departments)
{
    setChoices(m_department, tr("Any department"), departments);
}

QString CatalogueSearchView::query() const
{
    return m_search->text();
}

SearchFilter CatalogueSearchView::filter() const
{
    SearchFilter f;
    f.category = m_category->currentData().toString();
    f.department = m_department->currentData().toString();
    f.levels = m_level->currentData().toInt();
    if (const int h = m_handling->currentData().toInt(); h >= 0)
        f.handling = HandlingType(h);
    if (m_universal->isChecked())
        f.universal = true;
    return f;
}

bool CatalogueSearchView::hasFilter() const
{
    return m_category->currentIndex() > 0 || m_department->currentIndex() > 0 ||
           m_level->currentIndex() > 0 || m_handling->currentIndex() > 0 ||
           m_universal->isChecked();
}

void CatalogueSearchView::clearFilters()
{
    if (!hasFilter())
        return;
    for (QComboBox* combo : {m_category, m_department, m_level, m_handling}) {
        const QSignalBlocker block(combo);
        combo->setCurrentIndex(0);
    }
    {
        const QSignalBlocker block(m_universal);
        m_universal->setChecked(false);
    }
    emit filterChanged();
}

int CatalogueSearchView::currentRow() const
{
    return m_results->currentIndex().row();
}

void CatalogueSearchView::setCurrentRow(int row)
{
    QAbstractItemModel* model = m_results->model();
    if (!model || row < 0 || row >= model->rowCount())
        return;
    const QModelIndex index = model->index(row, 0);
    m_results->setCurrentIndex(index);
    m_results->scrollTo(index);
}

void CatalogueSearchView::setStatusText(const QString& text)
{
    m_status->setText(text);
}

void CatalogueSearchView::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

bool CatalogueSearchView::looksLikeIdentifier(const QString& text)
{
    static const QRegularExpression shape(
        QStringLiteral("^(?:[0-9]{17}[0-9Xx]|[0-9]{15}|[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18})$"));
    return shape.match(text.trimmed()).hasMatch();
}

void CatalogueSearchView::moveCurrent(int delta)
{
    QAbstractItemModel* model = m_results->model();
    if (!model || model->rowCount() == 0)
        return;
    const int row = std::clamp(currentRow() + delta, 0, model->rowCount() - 1);
    setCurrentRow(row);
}

bool CatalogueSearchView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_search || event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto* key = static_cast<QKeyEvent*>(event);
    const int page =
        std::max(1, m_results->viewport()->height() / std::max(1, m_results->sizeHintForRow(0)));
    switch (key->key()) {
    case Qt::Key_Down:
        moveCurrent(1);
        return true;
    case Qt::Key_Up:
        moveCurrent(-1);
        return true;
    case Qt::Key_PageDown:
        moveCurrent(page);
        return true;
    case Qt::Key_PageUp:
        moveCurrent(-page);
        return true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (m_routesIdentifiers && looksLikeIdentifier(m_search->text())) {
            const QString text = m_search->text().trimmed();
            m_search->clear();
            emit identifierEntered(text);
            return true;
        }
        if (currentRow() >= 0)
            emit picked(currentRow());
        return true;
    case Qt::Key_Escape:
        if (!m_search->text().isEmpty())
            m_search->clear();
        else
            clearFilters();
        return true;
    default:
        return QWidget::eventFilter(watched, event);
    }
}

} // namespace ow::ui
