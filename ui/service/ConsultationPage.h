#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableWidget;

namespace ow {
struct Error;
}

namespace ow::ui {

class ServiceController;

// 咨询登记: a quick entry form, keyboard first (Tab from field to field,
// Ctrl+Enter or Enter in a line field logs it; the form clears and the
// channel takes the focus again), and the day's consultations with a search.
class ConsultationPage : public QWidget
{
    Q_OBJECT
public:
    explicit ConsultationPage(ServiceController& controller, QWidget* parent = nullptr);

    bool save();
    void refresh();
    int shownCount() const;

private:
    void showError(const Error& e);

    ServiceController& m_controller;
    QComboBox* m_channel;
    QLineEdit* m_name;
    QLineEdit* m_phone;
    QLineEdit* m_topic;
    QLineEdit* m_items;
    QPlainTextEdit* m_answer;
    QCheckBox* m_notice;
    QLabel* m_banner;
    QDateEdit* m_day;
    QLineEdit* m_search;
    QTableWidget* m_table;
};

} // namespace ow::ui
