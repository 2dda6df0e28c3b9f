#pragma once

#include "service/ServiceRecords.h"
#include "store/Result.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace ow::ui {

class ServiceController;

// 邮寄台账: the mailing ledger with its search (waybill, case number,
// recipient), state and period; the waybill of a completed EMS case
// recorded (scanned: the scanner's Enter records it); the mailing chosen
// marked delivered or returned on a date, a follow-up call logged; the
// ledger exported as CSV or printed as PDF. Errors show in the banner and
// keep what was typed.
class MailingLedgerPage : public QWidget
{
    Q_OBJECT
public:
    explicit MailingLedgerPage(ServiceController& controller, QWidget* parent = nullptr);

    void refresh();
    // The case brought from the cases page: chosen for its waybill when it
    // awaits one, else its mailing looked up.
    void focusCase(const QString& caseNumber);
    MailingFilter filter() const;
    QString selectedCase() const;
    const QList<MailingRecord>& shown() const { return m_shown; }

    // The actions, as the buttons run them (a file chosen by the caller).
    bool recordWaybill();
    bool markDelivered();
    bool markReturned();
    bool logFollowup();
    bool exportCsv(const QString& path);
    bool printPdf(const QString& path);

private:
    void showError(const Error& e);
    void showMessage(const QString& text);
    void chooseFile(bool csv);

    ServiceController& m_controller;
    QLineEdit* m_search;
    QComboBox* m_state;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QTableView* m_table;
    QStandardItemModel* m_model;
    QComboBox* m_awaiting;
    QLineEdit* m_waybill;
    QDateEdit* m_eventDate;
    QLineEdit* m_returnReason;
    QCheckBox* m_reached;
    QLineEdit* m_note;
    QLabel* m_banner;
    QList<MailingRecord> m_shown;
};

} // namespace ow::ui
