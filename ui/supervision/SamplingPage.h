#pragma once

#include "supervision/Sampling.h"

#include <QWidget>

class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace ow::ui {

// The sampling page (稽查): a draw of N cases of a period, the cases drawn
// with their state, finding, rectification and who moved them when; the
// finding and the closure of the case chosen.
class SamplingPage : public QWidget
{
    Q_OBJECT
public:
    explicit SamplingPage(QWidget* parent = nullptr);

    void showDraws(const QList<SamplingDraw>& draws);
    void showMessage(const QString& text, bool error);
    void setPeriod(const QDate& from, const QDate& to);

    // The case chosen in the table: its draw and number (empty when none).
    QString chosenDraw() const;
    QString chosenCase() const;

    QDateEdit* fromEdit() const { return m_from; }
    QDateEdit* toEdit() const { return m_to; }
    QSpinBox* countBox() const { return m_count; }
    QTableWidget* table() const { return m_table; }
    QLineEdit* findingEdit() const { return m_finding; }
    QLineEdit* rectificationEdit() const { return m_rectification; }
    QLineEdit* noteEdit() const { return m_note; }
    QPushButton* drawButton() const { return m_draw; }
    QPushButton* findingButton() const { return m_record; }
    QPushButton* closeButton() const { return m_close; }
    QLabel* message() const { return m_message; }

signals:
    void drawRequested(const QDate& from, const QDate& to, int count);
    void findingRequested(const QString& drawId, const QString& caseNumber, const QString& finding,
                          const QString& rectification);
    void closeRequested(const QString& drawId, const QString& caseNumber, const QString& note);

private:
    QDateEdit* m_from;
    QDateEdit* m_to;
    QSpinBox* m_count;
    QPushButton* m_draw;
    QLabel* m_message;
    QTableWidget* m_table;
    QLineEdit* m_finding;
    QLineEdit* m_rectification;
    QPushButton* m_record;
    QLineEdit* m_note;
    QPushButton* m_close;
};

} // namespace ow::ui
