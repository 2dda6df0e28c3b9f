#pragma once

#include "cases/CaseRecord.h"
#include "store/Result.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace ow::ui {

// How the result reaches the applicant: pick-up at the window, EMS (with
// recipient, phone, address and postcode) or a locker, among the methods
// every chosen item allows. Fields are named "delivery_<field>", their
// messages "deliveryError_<field>".
class DeliveryView : public QWidget
{
    Q_OBJECT
public:
    // The fields after the method, in order.
    static inline const QStringList kFields{QStringLiteral("recipient"), QStringLiteral("phone"),
                                            QStringLiteral("address"), QStringLiteral("postcode"),
                                            QStringLiteral("locker")};

    explicit DeliveryView(QWidget* parent = nullptr);

    // `methods`: the Delivery flags every chosen item allows.
    void setMethods(int methods);
    // Fills the empty EMS fields.
    void prefill(const QString& recipient, const QString& phone, const QString& address,
                 const QString& postcode);
    DeliveryChoice choice() const;
    QComboBox* methodCombo() const { return m_method; }
    QLineEdit* field(const QString& name) const { return m_fields.value(name); }
    // "delivery.<field>" problems; the others are cleared.
    void setProblems(const QList<Problem>& problems);
    void clear();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateVisibility();

    QComboBox* m_method;
    QFormLayout* m_form;
    QHash<QString, QLineEdit*> m_fields;
    QHash<QString, QLabel*> m_errors;
};

} // namespace ow::ui
