#pragma once

#include <QWidget>
#include <functional>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QScrollArea;

namespace ow::ui {

class ApplicantEntryView;
class ApplicantPanel;
class ChecklistView;
class DeliveryView;
class FormView;

// The matter at the window, top to bottom: who (ID entry, details, what the
// counter knows of them), the items basket and the related items suggested,
// the checklist, the form and the delivery; at the bottom, always in view,
// the message banner, the decision buttons and the decision taken.
//
// Keys: F2 ID · F4 checklist · F6 form · F7 suggestions · Alt+K credit
// warning told · F8 accept (受理) · F9 corrections (补正) · F10 refuse
// (不予受理) · Ctrl+N next applicant. Delete in the basket removes an item,
// Enter on a suggestion adds it.
class IntakeView : public QWidget
{
    Q_OBJECT
public:
    explicit IntakeView(QWidget* parent = nullptr);

    ApplicantEntryView* entry() const { return m_entry; }
    ApplicantPanel* applicantPanel() const { return m_panel; }
    QListWidget* basket() const { return m_basket; }
    QListWidget* suggestions() const { return m_suggestions; }
    ChecklistView* checklist() const { return m_checklist; }
    FormView* form() const { return m_form; }
    DeliveryView* delivery() const { return m_delivery; }
    QPushButton* acceptButton() const { return m_accept; }
    QPushButton* correctionButton() const { return m_correct; }
    QPushButton* refuseButton() const { return m_refuse; }
    QPushButton* nextButton() const { return m_next; }
    QLabel* banner() const { return m_banner; }
    QLabel* result() const { return m_result; }
    QWidget* refusalPanel() const { return m_refusal; }
    QLineEdit* refusalField(const QString& name) const;

    enum class BannerKind { Info, Warning, Error, Success };
    void showBanner(BannerKind kind, const QString& text);
    void clearBanner();
    void showResult(const QString& html);
    // Opens the refusal fields with the reason focused.
    void openRefusal();
    void closeRefusal();
    // Locks what the decision was taken on (until the next applicant).
    void setDecided(bool decided);
    // Focuses `w` and scrolls it into view.
    void focusWidget(QWidget* w);
    void focusChecklist();
    void focusForm();
    void focusSuggestions();
    // Tab order after the form's editors changed: the form, the delivery,
    // then the decision buttons.
    void updateTabOrder();
    // Binds the keys above on `host` (the page holding this view); `reveal`
    // brings this view into sight first.
    void installShortcuts(QWidget* host, const std::function<void()>& reveal);

signals:
    void acceptRequested();
    void correctionRequested();
    void refusalConfirmed(const QString& reason, const QString& legalBasis,
                          const QString& competentBody);
    void nextRequested();
    // Ctrl+Shift+N: the next applicant, brought by the same agent.
    void nextSameAgentRequested();
    void removeItemRequested(int row);
    void suggestionPicked(int row);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QScrollArea* m_scroll;
    ApplicantEntryView* m_entry;
    ApplicantPanel* m_panel;
    QListWidget* m_basket;
    QListWidget* m_suggestions;
    ChecklistView* m_checklist;
    FormView* m_form;
    DeliveryView* m_delivery;
    QLabel* m_banner;
    QLabel* m_result;
    QWidget* m_refusal;
    QLineEdit* m_reason;
    QLineEdit* m_basis;
    QLineEdit* m_body;
    QPushButton* m_accept;
    QPushButton* m_correct;
    QPushButton* m_refuse;
    QPushButton* m_next;
};

} // namespace ow::ui
