#include "FormView.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace ow::ui {

namespace {

constexpr int kColumns = 2;

} // namespace

FormView::FormView(QWidget* parent) : QWidget(parent), m_grid(new QGridLayout), m_empty(new QLabel)
{
    m_grid->setHorizontalSpacing(10);
    m_grid->setVerticalSpacing(2);
    for (int c = 0; c < kColumns; ++c)
        m_grid->setColumnStretch(c * 2 + 1, 1);
    m_empty->setObjectName(QStringLiteral("formEmpty"));
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setText(tr("The form of the chosen items appears here."));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_empty);
    layout->addLayout(m_grid);
}

void FormView::clearEditors()
{
    m_updating = true; // a focused editor going away reports nothing
    for (QWidget* w : std::as_const(m_owned))
        delete w;
    m_updating = false;
    m_owned.clear();
    m_editors.clear();
    m_errors.clear();
    m_keys.clear();
}

void FormView::setFields(const QList<FormField>& fields)
{
    QStringList keys;
    for (const FormField& f : fields)
        keys << f.key;
    if (keys == m_keys)
        return;
    const QMap<QString, QString> kept = [this] {
        QMap<QString, QString> v;
        for (const QString& k : std::as_const(m_keys))
            v.insert(k, value(k));
        return v;
    }();
    clearEditors();
    m_keys = keys;
    m_empty->setVisible(fields.isEmpty());
    int index = 0;
    QWidget* previous = nullptr;
    for (const FormField& f : fields) {
        const int row = (index / kColumns) * 2;
        const int column = (index % kColumns) * 2;
        ++index;
        auto* label = new QLabel(f.required ? f.label + QStringLiteral(" *") : f.label, this);
        label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        QWidget* editor = nullptr;
        if (f.type == FieldType::Choice || f.type == FieldType::Bool) {
            auto* combo = new QComboBox(this);
            combo->addItem(tr("(not answered)"), QString());
            if (f.type == FieldType::Bool) {
                combo->addItem(tr("Yes"), QStringLiteral("true"));
                combo->addItem(tr("No"), QStringLiteral("false"));
            } else {
                for (const QString& option : f.options)
                    combo->addItem(option, option);
            }
            const QString key = f.key;
            connect(combo, &QComboBox::currentIndexChanged, this, [this, combo, key] {
                if (!m_updating)
                    emit valueChanged(key, combo->currentData().toString());
            });
            editor = combo;
        } else {
            auto* edit = new QLineEdit(this);
            edit->setClearButtonEnabled(false);
            switch (f.type) {
            case FieldType::Date:
                edit->setPlaceholderText(tr("YYYY-MM-DD"));
                break;
            case FieldType::Number:
                edit->setPlaceholderText(tr("a number"));
                break;
            case FieldType::Postcode:
                edit->setPlaceholderText(tr("6 digits"));
                edit->setMaxLength(6);
                break;
            default:
                break;
            }
            const QString key = f.key;
            connect(edit, &QLineEdit::textChanged, this, [this, key](const QString& text) {
                if (!m_updating)
                    emit valueChanged(key, text);
            });
            editor = edit;
        }
        editor->setObjectName(QStringLiteral("form_") + f.key);
        editor->setMinimumWidth(editor->fontMetrics().horizontalAdvance(QChar(0x4E2D)) * 12);
        editor->installEventFilter(this);
        label->setBuddy(editor);
        auto* error = new QLabel(this);
        error->setObjectName(QStringLiteral("formError_") + f.key);
        error->setStyleSheet(QStringLiteral("color: #B02A1F;"));
        error->setWordWrap(true);
        error->hide();
        m_grid->addWidget(label, row, column);
        m_grid->addWidget(editor, row, column + 1);
        m_grid->addWidget(error, row + 1, column + 1);
        if (previous)
            setTabOrder(previous, editor);
        previous = editor;
        m_owned << label << editor << error;
        m_editors.insert(f.key, editor);
        m_errors.insert(f.key, error);
    }
    setValues(kept);
}

void FormView::setValues(const QMap<QString, QString>& values)
{
    m_updating = true;
    for (const QString& key : std::as_const(m_keys)) {
        const QString v = values.value(key);
        if (auto* edit = qobject_cast<QLineEdit*>(m_editors.value(key))) {
            if (edit->text() != v)
                edit->setText(v);
        } else if (auto* combo = qobject_cast<QComboBox*>(m_editors.value(key))) {
            int i = combo->findData(v);
            if (i < 0 && !v.isEmpty()) {
                // A yes/no typed elsewhere as 是/1/yes.
                const QString lower = v.trimmed().toLower();
                const bool yes = lower == QLatin1String("1") || lower == QLatin1String("yes") ||
                                 lower == QStringLiteral("是");
                const bool no = lower == QLatin1String("0") || lower == QLatin1String("no") ||
                                lower == QStringLiteral("否");
                if (yes || no)
                    i = combo->findData(yes ? QStringLiteral("true") : QStringLiteral("false"));
            }
            combo->setCurrentIndex(std::max(0, i));
        }
    }
    m_updating = false;
}

void FormView::setProblem(const QString& key, const QString& message)
{
    QLabel* error = m_errors.value(key);
    if (!error)
        return;
    error->setText(message);
    error->setVisible(!message.isEmpty());
}

void FormView::setProblems(const QList<Problem>& problems)
{
    QHash<QString, QString> byKey;
    for (const Problem& p : problems) {
        if (!p.where.startsWith(QLatin1String("form.")))
            continue;
        const QString key = p.where.mid(5);
        if (!byKey.contains(key))
            byKey.insert(key, p.message);
    }
    for (const QString& key : std::as_const(m_keys))
        setProblem(key, byKey.value(key));
}

QWidget* FormView::firstEditor() const
{
    return m_keys.isEmpty() ? nullptr : m_editors.value(m_keys.constFirst());
}

QList<QWidget*> FormView::editors() const
{
    QList<QWidget*> out;
    for (const QString& key : m_keys)
        out << m_editors.value(key);
    return out;
}

QString FormView::value(const QString& key) const
{
    if (auto* edit = qobject_cast<QLineEdit*>(m_editors.value(key)))
        return edit->text();
    if (auto* combo = qobject_cast<QComboBox*>(m_editors.value(key)))
        return combo->currentData().toString();
    return {};
}

bool FormView::eventFilter(QObject* watched, QEvent* event)
{
    auto* widget = qobject_cast<QWidget*>(watched);
    if (m_updating)
        return QWidget::eventFilter(watched, event);
    if (widget && event->type() == QEvent::FocusOut) {
        emit fieldLeft(widget->objectName().mid(5));
    } else if (widget && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            key->modifiers() == Qt::NoModifier) {
            focusNextChild();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace ow::ui
