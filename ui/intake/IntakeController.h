#pragma once

#include "intake/Decision.h"
#include "intake/Intake.h"

#include <QObject>
#include <memory>
#include <optional>

namespace ow {
class CatalogueService;
class IntakeService;
} // namespace ow

namespace ow::ui {

class DocumentPresenter;
class DocumentPrinting;
class IntakeView;

// Runs one intake at a time on the IntakeView: looks the applicant up when
// an ID is entered, checks a new applicant's details with the core
// validators, adds items (from the search or the suggestions), marks the
// checklist, passes form answers on (the checklist follows its
// conditions), takes the decision through IntakeService and hands the
// applicant's document to the presenter. Holds no rule of its own.
class IntakeController : public QObject
{
    Q_OBJECT
public:
    // `printing`: the documents a decision hands over are built from the
    // stored case and printed through its journal.
    IntakeController(IntakeService& service, const CatalogueService& catalogue, IntakeView* view,
                     DocumentPrinting& printing, QObject* parent = nullptr);
    ~IntakeController() override;

    // Where documents go after a decision (not owned; nullptr: the preview dialog).
    void setPresenter(DocumentPresenter* presenter);

    const Intake& intake() const { return m_intake; }
    const std::optional<Decision>& decision() const { return m_decision; }

    // The applicant's ID number or credit code, as read or typed.
    void enterId(const QString& text);
    // Checks the details typed and puts the applicant (and agent) on the
    // intake: only a complete applicant (missingDetails), unless `asIs`
    // (Ctrl+Enter), which says what is missing.
    bool confirmApplicant(bool asIs = false);
    void addItem(const QString& code);
    void removeItem(const QString& code);
    void accept();
    void requestCorrection();
    void refuse(const QString& reason, const QString& legalBasis, const QString& competentBody);
    // A fresh intake for the next applicant; `sameAgent`: brought by the
    // agent of this intake, whose details are kept for it.
    void startNext(bool sameAgent = false);
    // The applicant came back with what the one-time notice `noticeNumber`
    // asked for: a fresh intake for the same applicant and items, the
    // correction resumed (what was brought before marked), the focus on the
    // checklist. Refused with a banner while another intake is in progress.
    bool resumeCorrection(const QString& noticeNumber);

signals:
    // The applicant is on the intake: time to choose items.
    void applicantConfirmed();
    void decided(const ow::Decision& decision);
    // A fresh intake began (Ctrl+N, the next card after a decision).
    void nextStarted();
    // Something the clerk should see in the status bar.
    void message(const QString& text);

private:
    const ChecklistLine* line(const QString& materialId) const;
    void mark(const QString& materialId, const Status& status);
    void afterItemsChanged();
    void resumeOpenCorrection();
    bool syncApplicant(bool showProblems);
    // What is wrong with the details typed, by field ("name", "agent.idNumber").
    QHash<QString, QString> detailProblems(const Applicant& a,
                                           const std::optional<Agent>& agent) const;
    // Enter in the details field `field`: checked, then on or confirmed.
    void enterInDetails(const QString& field);
    void showApplicantFile();
    void refresh();
    void refreshBasket();
    void refreshChecklist();
    void refreshForm();
    void refreshSuggestions();
    void refreshDelivery();
    void showProblems(const Error& error);
    void finish(const Decision& decision);
    // The next place to fill after the form and the delivery: the first
    // material still to check, else the decision.
    void focusNextStop();
    // Keeps the lines `ids` as they are now, for Ctrl+Z and Del.
    void remember(const QStringList& ids);
    void undoMarks();
    void resetLine(const QString& id);
    void refreshFormMarks();

    IntakeService& m_service;
    const CatalogueService& m_catalogue;
    IntakeView* m_view;
    DocumentPrinting& m_printing;
    Intake m_intake;
    std::optional<Decision> m_decision;
    QList<CaseSummary> m_cases;
    QList<Suggestion> m_suggestions;
    // The checklist's undo history: each entry the lines one change touched, as they were.
    QList<QList<ChecklistLine>> m_undo;
    std::unique_ptr<DocumentPresenter> m_ownPresenter;
    DocumentPresenter* m_presenter;
};

} // namespace ow::ui
