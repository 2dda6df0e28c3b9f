#pragma once

#include "service/ServiceRecords.h"
#include "store/Result.h"

#include <QWidget>

class QCheckBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace ow::ui {

class ServiceController;

// 回访: the open call-back tasks, due first, overdue ones in red (all of
// them, with their results, on request); the one chosen marked done with
// the result of the call; a task added by hand; a visit rated.
class CallbackPage : public QWidget
{
    Q_OBJECT
public:
    explicit CallbackPage(ServiceController& controller, QWidget* parent = nullptr);

    void refresh();
    const QList<CallbackTask>& shown() const { return m_shown; }
    void select(int row);
    bool markDone();
    bool addTask();
    // Opens the rating dialog for the case dealt with last.
    void rateVisit();

private:
    void showError(const Error& e);
    void showMessage(const QString& text);

    ServiceController& m_controller;
    QCheckBox* m_all;
    QTableWidget* m_table;
    QLineEdit* m_result;
    QLineEdit* m_case;
    QLineEdit* m_name;
    QLineEdit* m_phone;
    QLineEdit* m_reason;
    QDateEdit* m_due;
    QLabel* m_banner;
    QList<CallbackTask> m_shown;
};

} // namespace ow::ui
