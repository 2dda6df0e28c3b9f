#pragma once

#include <QDialog>

class QButtonGroup;
class QLabel;
class QLineEdit;

namespace ow::ui {

class ServiceController;

// 好差评: the applicant's grade of the visit, 5 非常满意 to 1 非常不满意 (the
// keys 5 to 1 choose it); a grade of 2 or below asks for the reason, and
// the rating makes a call-back task. The case is the one dealt with last,
// or any typed.
class RatingDialog : public QDialog
{
    Q_OBJECT
public:
    RatingDialog(ServiceController& controller, const QString& caseNumber,
                 QWidget* parent = nullptr);

    void setGrade(int grade);
    int grade() const;
    // Records the rating; false (the dialog stays, the problem shown) on refusal.
    bool submit();

private:
    void keyPressEvent(QKeyEvent* event) override;

    ServiceController& m_controller;
    QLineEdit* m_case;
    QButtonGroup* m_grades;
    QLineEdit* m_reason;
    QLabel* m_banner;
};

} // namespace ow::ui
