#include "ChecklistView.h"

#include "ChecklistModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace ow::ui {

ChecklistTable::ChecklistTable(QWidget* parent) : FitTableView(parent)
{
    setSelectionMode(QAbstractItemView::SingleSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setTabKeyNavigation(false);
    setFocusPolicy(Qt::StrongFocus);
    setAlternatingRowColors(true);
    setStyleSheet(QStringLiteral("QTableView::item { padding: 3px 4px; }"
                                 "QTableView:focus { border: 2px solid palette(highlight); }"));
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
}

QString ChecklistTable::currentMaterialId() const
{
    const QModelIndex current = currentIndex();
    if (!current.isValid())
        return {};
    return current.siblingAtColumn(0).data(ChecklistModel::MaterialIdRole).toString();
}

void ChecklistTable::setCurrentMaterial(const QString& materialId)
{
    if (!model())
        return;
    for (int r = 0; r < model()->rowCount(); ++r) {
        const QModelIndex i = model()->index(r, 0);
        if (i.data(ChecklistModel::MaterialIdRole).toString() == materialId) {
            setCurrentIndex(i);
            return;
        }
    }
}

void ChecklistTable::moveRow(int delta)
{
    if (!model() || model()->rowCount() == 0)
        return;
    const int row = std::clamp(currentIndex().row() + delta, 0, model()->rowCount() - 1);
    setCurrentIndex(model()->index(row, 0));
}

void ChecklistTable::moveToNextApplicable()
{
    if (!model())
        return;
    const int from = currentIndex().row();
    int fallback = -1;
    for (int r = from + 1; r < model()->rowCount(); ++r) {
        const QModelIndex i = model()->index(r, 0);
        if (!i.data(ChecklistModel::AppliesRole).toBool())
            continue;
        if (i.data(ChecklistModel::PendingRole).toBool()) {
            setCurrentIndex(i);
            return;
        }
        if (fallback < 0)
            fallback = r;
    }
    if (fallback >= 0)
        setCurrentIndex(model()->index(fallback, 0));
}

void ChecklistTable::keyPressEvent(QKeyEvent* event)
{
    const QString id = currentMaterialId();
    const bool applies =
        currentIndex().isValid() &&
        currentIndex().siblingAtColumn(0).data(ChecklistModel::AppliesRole).toBool();
    if (event->matches(QKeySequence::Undo)) {
        emit undoRequested();
        return;
    }
    if (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier)) {
        FitTableView::keyPressEvent(event);
        return;
    }
    const int key = event->key();
    switch (key) {
    case Qt::Key_Up:
        moveRow(-1);
        return;
    case Qt::Key_Down:
    case Qt::Key_Return:
    case Qt::Key_Enter:
        moveRow(1);
        return;
    case Qt::Key_Home:
        moveRow(-model()->rowCount());
        return;
    case Qt::Key_End:
        moveRow(model()->rowCount());
        return;
    case Qt::Key_A:
        emit allReceivedRequested();
        return;
    default:
        break;
    }
    if (id.isEmpty() || !applies) {
        // A line left out by its condition cannot be marked.
        if (key == Qt::Key_Tab || key == Qt::Key_Backtab)
            FitTableView::keyPressEvent(event);
        else
            event->accept();
        return;
    }
    switch (key) {
    case Qt::Key_Space:
        emit toggleReceived(id);
        return;
    case Qt::Key_O:
        emit presentedAs(id, MaterialForm::Original);
        return;
    case Qt::Key_C:
        emit presentedAs(id, MaterialForm::Copy);
        return;
    case Qt::Key_B:
        emit presentedAs(id, MaterialForm::OriginalAndCopy);
        return;
    case Qt::Key_E:
        emit presentedAs(id, MaterialForm::Electronic);
        return;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        emit countStep(id, 1);
        return;
    case Qt::Key_Minus:
        emit countStep(id, -1);
        return;
    case Qt::Key_R:
        emit reuseRequested(id);
        return;
    case Qt::Key_M:
        emit missingMarked(id);
        return;
    case Qt::Key_D:
        emit defectRequested(id);
        return;
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
        emit resetRequested(id);
        return;
    default:
        if (key >= Qt::Key_1 && key <= Qt::Key_9) {
            emit countSet(id, key - Qt::Key_0);
            return;
        }
        break;
    }
    FitTableView::keyPressEvent(event);
}

ChecklistView::ChecklistView(QWidget* parent)
    : QWidget(parent), m_model(new ChecklistModel(this)), m_table(new ChecklistTable(this)),
      m_completion(new QLabel(this)), m_keys(new QLabel(this)), m_defectRow(new QWidget(this)),
      m_defectLabel(new QLabel(m_defectRow)), m_defect(new QLineEdit(m_defectRow))
{
    m_table->setObjectName(QStringLiteral("checklist"));
    m_table->setModel(m_model);
    m_table->setMinimumHeight(60);
    QHeaderView* h = m_table->horizontalHeader();
    h->setStretchLastSection(false);
    const int em = m_table->fontMetrics().horizontalAdvance(QChar(0x4E2D)); // 中
    h->setSectionResizeMode(ChecklistModel::Number, QHeaderView::ResizeToContents);
    const auto fixed = [h](int column, int width) {
        h->setSectionResizeMode(column, QHeaderView::Fixed);
        h->resizeSection(column, width);
    };
    fixed(ChecklistModel::Asked, em * 7);
    fixed(ChecklistModel::State, em * 5);
    fixed(ChecklistModel::Items, em * 3);
    m_table->setColumnWeights({{ChecklistModel::Name, 3}, {ChecklistModel::Detail, 2}});

    m_completion->setObjectName(QStringLiteral("checklistCompletion"));
    QFont bold = m_completion->font();
    bold.setBold(true);
    m_completion->setFont(bold);
    m_keys->setObjectName(QStringLiteral("checklistKeys"));
    m_keys->setForegroundRole(QPalette::PlaceholderText);
    m_keys->setWordWrap(true);
    m_keys->setText(tr("Space received · A all the rest received · O original · C copy · B both · "
                       "1-9 copies · R reused · M missing · D defective · Del back · Ctrl+Z undo"));

    m_defect->setObjectName(QStringLiteral("defectReason"));
    m_defect->setPlaceholderText(tr("What is wrong with it? Enter to record, Esc to cancel"));
    m_defect->installEventFilter(this);
    auto* defectLayout = new QHBoxLayout(m_defectRow);
    defectLayout->setContentsMargins(0, 0, 0, 0);
    defectLayout->addWidget(m_defectLabel);
    defectLayout->addWidget(m_defect, 1);
    m_defectRow->hide();

    auto* status = new QHBoxLayout;
    status->addWidget(m_completion);
    status->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(status);
    layout->addWidget(m_table);
    layout->addWidget(m_defectRow);
    layout->addWidget(m_keys);
    setFocusProxy(m_table);
    setCompletion(true, 0);
}

void ChecklistView::setCompletion(bool empty, int outstanding)
{
    if (empty) {
        m_completion->setText(tr("Choose an item to see its checklist."));
        m_completion->setStyleSheet({});
    } else if (outstanding == 0) {
        m_completion->setText(tr("Complete: every required material is there."));
        m_completion->setStyleSheet(QStringLiteral("color: #1E7B34;"));
    } else {
        m_completion->setText(
            tr("Not complete: %n material(s) outstanding.", nullptr, outstanding));
        m_completion->setStyleSheet(QStringLiteral("color: #B02A1F;"));
    }
}

void ChecklistView::focusTable()
{
    if (!m_table->currentIndex().isValid() && m_model->rowCount() > 0) {
        // The first material still to check, else the first line.
        int row = 0;
        for (int r = 0; r < m_model->rowCount(); ++r) {
            const QModelIndex i = m_model->index(r, 0);
            if (i.data(ChecklistModel::AppliesRole).toBool() &&
                i.data(ChecklistModel::PendingRole).toBool()) {
                row = r;
                break;
            }
        }
        m_table->setCurrentIndex(m_model->index(row, 0));
    }
    m_table->setFocus(Qt::ShortcutFocusReason);
}

void ChecklistView::askDefect(const QString& materialId, const QString& materialName)
{
    m_defectMaterial = materialId;
    m_defectLabel->setText(tr("Defect of %1:").arg(materialName));
    m_defect->clear();
    m_defectRow->show();
    m_defect->setFocus(Qt::OtherFocusReason);
}

void ChecklistView::closeDefect()
{
    m_defectMaterial.clear();
    m_defectRow->hide();
    m_table->setFocus(Qt::OtherFocusReason);
}

bool ChecklistView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_defect || event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto* key = static_cast<QKeyEvent*>(event);
    if (key->key() == Qt::Key_Escape) {
        closeDefect();
        return true;
    }
    if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
        const QString reason = m_defect->text().trimmed();
        if (reason.isEmpty())
            return true; // a defect states its reason
        const QString id = m_defectMaterial;
        closeDefect();
        emit defectReported(id, reason);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace ow::ui
