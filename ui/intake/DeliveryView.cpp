#include "DeliveryView.h"

#include "IntakeText.h"
#include "store/Result.h"

#include <QComboBox>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace ow::ui {

DeliveryView::DeliveryView(QWidget* parent)
    : QWidget(parent), m_method(new QComboBox(this)), m_form(new QFormLayout(this))
{
    m_method->setObjectName(QStringLiteral("delivery_method"));
    m_method->installEventFilter(this);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_form->setVerticalSpacing(3);
    auto* methodError = new QLabel(this);
    m_errors.insert(QStringLiteral("method"), methodError);
    auto* methodColumn = new QWidget(this);
    auto* methodLayout = new QVBoxLayout(methodColumn);
    methodLayout->setContentsMargins(0, 0, 0, 0);
    methodLayout->setSpacing(1);
    methodLayout->addWidget(m_method);
    methodLayout->addWidget(methodError);
    m_form->addRow(tr("Result by"), methodColumn);
    const QList<QPair<QString, QString>> fields{{QStringLiteral("recipient"), tr("Recipient")},
                                                {QStringLiteral("phone"), tr("Recipient's phone")},
                                                {QStringLiteral("address"), tr("Mailing address")},
                                                {QStringLiteral("postcode"), tr("Postcode")},
                                                {QStringLiteral("locker"), tr("Locker")}};
    for (const auto& [name, label] : fields) {
        auto* edit = new QLineEdit(this);
        edit->setObjectName(QStringLiteral("delivery_") + name);
        edit->installEventFilter(this);
        auto* error = new QLabel(this);
        auto* column = new QWidget(this);
        auto* columnLayout = new QVBoxLayout(column);
        columnLayout->setContentsMargins(0, 0, 0, 0);
        columnLayout->setSpacing(1);
        columnLayout->addWidget(edit);
        columnLayout->addWidget(error);
        m_form->addRow(label, column);
        m_fields.insert(name, edit);
        m_errors.insert(name, error);
    }
    m_fields.value(QStringLiteral("postcode"))->setMaxLength(6);
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it) {
        it.value()->setObjectName(QStringLiteral("deliveryError_") + it.key());
        it.value()->setStyleSheet(QStringLiteral("color: #B02A1F;"));
        it.value()->setWordWrap(true);
        it.value()->hide();
    }
    connect(m_method, &QComboBox::currentIndexChanged, this, &DeliveryView::updateVisibility);
    setMethods(int(Delivery::Pickup));
}

void DeliveryView::setMethods(int methods)
{
    const int kept = m_method->currentData().toInt();
    {
        const QSignalBlocker block(m_method);
        m_method->clear();
        for (Delivery d : {Delivery::Pickup, Delivery::Ems, Delivery::Locker})
            if (methods & int(d))
                m_method->addItem(
                    tr("%1 %2").arg(m_method->count() + 1).arg(IntakeText::delivery(d)), int(d));
        if (m_method->count() == 0)
            m_method->addItem(IntakeText::delivery(Delivery::Pickup), int(Delivery::Pickup));
        m_method->setCurrentIndex(std::max(0, m_method->findData(kept)));
    }
    updateVisibility();
}

void DeliveryView::updateVisibility()
{
    const auto method = Delivery(m_method->currentData().toInt());
    const bool ems = method == Delivery::Ems;
    for (const QString& name : {QStringLiteral("recipient"), QStringLiteral("phone"),
                                QStringLiteral("address"), QStringLiteral("postcode")})
        m_form->setRowVisible(m_fields.value(name)->parentWidget(), ems);
    m_form->setRowVisible(m_fields.value(QStringLiteral("locker"))->parentWidget(),
                          method == Delivery::Locker);
}

void DeliveryView::prefill(const QString& recipient, const QString& phone, const QString& address,
                           const QString& postcode)
{
    const auto fill = [this](const QString& name, const QString& value) {
        QLineEdit* edit = m_fields.value(name);
        const auto last = m_prefilled.constFind(name);
        const bool untouched = edit->text().trimmed().isEmpty() ||
                               (last != m_prefilled.cend() && edit->text() == *last);
        if (untouched) {
            if (edit->text() != value)
                edit->setText(value);
            m_prefilled.insert(name, value);
        }
        markHand(name);
    };
    fill(QStringLiteral("recipient"), recipient);
    fill(QStringLiteral("phone"), phone);
    fill(QStringLiteral("address"), address);
    fill(QStringLiteral("postcode"), postcode);
}

void DeliveryView::markHand(const QString& name)
{
    QLineEdit* edit = m_fields.value(name);
    const auto last = m_prefilled.constFind(name);
    const bool hand =
        last != m_prefilled.cend() && !edit->text().trimmed().isEmpty() && edit->text() != *last;
    if (edit->property("editedByHand").toBool() == hand)
        return;
    edit->setProperty("editedByHand", hand);
    edit->setStyleSheet(hand ? QStringLiteral("background: #FFF4D6;") : QString());
    edit->setToolTip(hand ? tr("Edited by hand: kept when the applicant is corrected.")
                          : QString());
}

bool DeliveryView::isMarkedEditedByHand(const QString& name) const
{
    const QLineEdit* edit = m_fields.value(name);
    return edit && edit->property("editedByHand").toBool();
}

void DeliveryView::restore(const DeliveryChoice& earlier)
{
    const int index = m_method->findData(int(earlier.method));
    if (index >= 0)
        m_method->setCurrentIndex(index);
    const auto set = [this](const QString& name, const QString& value) {
        if (!value.isEmpty())
            m_fields.value(name)->setText(value);
    };
    set(QStringLiteral("recipient"), earlier.recipient);
    set(QStringLiteral("phone"), earlier.phone);
    set(QStringLiteral("address"), earlier.address);
    set(QStringLiteral("postcode"), earlier.postcode);
    set(QStringLiteral("locker"), earlier.locker);
    for (const QString& name : kFields)
        markHand(name);
}

QLineEdit* DeliveryView::firstEmptyField() const
{
    for (const QString& name : kFields) {
        QLineEdit* edit = m_fields.value(name);
        if (edit->isVisibleTo(this) && edit->isEnabled() && edit->text().trimmed().isEmpty())
            return edit;
    }
    return nullptr;
}

void DeliveryView::advanceFrom(QWidget* w)
{
    const qsizetype at = w == m_method ? -1 : kFields.indexOf(w->objectName().mid(9));
    for (qsizetype i = at + 1; i < kFields.size(); ++i) {
        QLineEdit* edit = m_fields.value(kFields.at(i));
        if (edit->isVisibleTo(this) && edit->isEnabled() && edit->text().trimmed().isEmpty()) {
            edit->setFocus(Qt::TabFocusReason);
            return;
        }
    }
    emit finished();
}

DeliveryChoice DeliveryView::choice() const
{
    DeliveryChoice d;
    d.method = Delivery(m_method->currentData().toInt());
    const auto text = [this](const QString& name) {
        return m_fields.value(name)->text().trimmed();
    };
    if (d.method == Delivery::Ems) {
        d.recipient = text(QStringLiteral("recipient"));
        d.phone = text(QStringLiteral("phone"));
        d.address = text(QStringLiteral("address"));
        d.postcode = text(QStringLiteral("postcode"));
    } else if (d.method == Delivery::Locker) {
        d.locker = text(QStringLiteral("locker"));
    }
    return d;
}

void DeliveryView::setProblems(const QList<Problem>& problems)
{
    QHash<QString, QString> byField;
    for (const Problem& p : problems)
        if (p.where.startsWith(QLatin1String("delivery.")) && !byField.contains(p.where.mid(9)))
            byField.insert(p.where.mid(9), p.message);
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it) {
        it.value()->setText(byField.value(it.key()));
        it.value()->setVisible(byField.contains(it.key()));
    }
}

void DeliveryView::clear()
{
    for (QLineEdit* edit : std::as_const(m_fields))
        edit->clear();
    m_prefilled.clear();
    for (const QString& name : kFields)
        markHand(name);
    setProblems({});
    setMethods(int(Delivery::Pickup));
}

bool DeliveryView::eventFilter(QObject* watched, QEvent* event)
{
    auto* widget = qobject_cast<QWidget*>(watched);
    if (widget && event->type() == QEvent::FocusOut && widget != m_method) {
        markHand(widget->objectName().mid(9));
    } else if (widget && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            key->modifiers() == Qt::NoModifier) {
            advanceFrom(widget);
            return true;
        }
        // On the method, a digit picks that method and moves on.
        if (widget == m_method && key->key() >= Qt::Key_1 && key->key() <= Qt::Key_9 &&
            (key->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier) {
            const int index = key->key() - Qt::Key_1;
            if (index < m_method->count()) {
                m_method->setCurrentIndex(index);
                advanceFrom(widget);
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace ow::ui
