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
                m_method->addItem(IntakeText::delivery(d), int(d));
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
        if (edit->text().trimmed().isEmpty() && !value.isEmpty())
            edit->setText(value);
    };
    fill(QStringLiteral("recipient"), recipient);
    fill(QStringLiteral("phone"), phone);
    fill(QStringLiteral("address"), address);
    fill(QStringLiteral("postcode"), postcode);
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
    setProblems({});
    setMethods(int(Delivery::Pickup));
}

bool DeliveryView::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::KeyPress) {
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
