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
    // Fills the EMS fields that are empty or still hold what the last
    // prefill put there; a field the clerk changed by hand is kept and marked.
    void prefill(const QString& recipient, const QString& phone, const QString& address,
                 const QString& postcode);
    bool isMarkedEditedByHand(const QString& name) const;
    // Sets the method (when offered) and the fields, as chosen at an earlier visit.
    void restore(const DeliveryChoice& earlier);
    DeliveryChoice choice() const;
    // The first shown field that is empty (nullptr: none).
    QLineEdit* firstEmptyField() const;
    QComboBox* methodCombo() const { return m_method; }
    QLineEdit* field(const QString& name) const { return m_fields.value(name); }
    // "delivery.<field>" problems; the others are cleared.
    void setProblems(const QList<Problem>& problems);
    void clear();

signals:
    // Enter on the method or the last field to fill: time to move on.
    void finished();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateVisibility();
    void advanceFrom(QWidget* w);
    void markHand(const QString& name);

    QComboBox* m_method;
    QFormLayout* m_form;
    QHash<QString, QLineEdit*> m_fields;
    QHash<QString, QLabel*> m_errors;
    QHash<QString, QString> m_prefilled; // field -> what the last prefill put there
};

} // namespace ow::ui
