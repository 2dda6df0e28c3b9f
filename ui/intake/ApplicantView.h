#pragma once

#include "applicants/Applicant.h"
#include "intake/Decision.h"
#include "store/Result.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;

namespace ow::ui {

// Who is at the window. The ID field takes what a card reader types (it
// ends with Enter) or the clerk keys in: a resident ID number or a unified
// social credit code. A new applicant's details are typed below it, with an
// optional agent; Enter moves to the next empty field and, on the last,
// asks to confirm them (the controller confirms only a complete applicant);
// Ctrl+Enter confirms them as they are. Each field has its own message line
// ("applicantError_<field>").
class ApplicantEntryView : public QWidget
{
    Q_OBJECT
public:
    // The fields, by the names the problems use.
    static inline const QStringList kApplicantFields{
        QStringLiteral("name"),        QStringLiteral("phone"),
        QStringLiteral("address"),     QStringLiteral("legalRepresentative"),
        QStringLiteral("contactName"), QStringLiteral("contactPhone")};
    static inline const QStringList kAgentFields{QStringLiteral("agent.name"),
                                                 QStringLiteral("agent.idNumber"),
                                                 QStringLiteral("agent.phone")};

    explicit ApplicantEntryView(QWidget* parent = nullptr);

    QLineEdit* idEdit() const { return m_id; }
    QLineEdit* field(const QString& name) const { return m_fields.value(name); }
    QCheckBox* agentCheck() const { return m_agent; }
    QString idText() const;

    // Shows the details of `applicant` (kind, stored values) for checking
    // or completing; `known`: the store has them.
    void showApplicant(const Applicant& applicant, bool known);
    void setIdProblem(const QString& message);
    void setStatus(const QString& text);
    // The applicant as typed (kind and key from showApplicant()).
    Applicant applicant() const;
    std::optional<Agent> agent() const;
    // The agent's box ticked and filled, as for the applicant before (the
    // next applicant brought by the same agent).
    void setAgent(const Agent& agent);
    // Messages by field name ("name", "agent.idNumber"); the others are cleared.
    void setProblems(const QHash<QString, QString>& problems);
    // The first field with a message, or nullptr.
    QLineEdit* firstProblemField() const;
    // The first shown field of `names` (applicant or agent field names), in
    // the order of the screen, or nullptr.
    QLineEdit* firstShownOf(const QStringList& names) const;
    // Focuses the next shown field after `field` among `names` (those still
    // missing); false when none is left.
    bool focusNextAfter(const QString& field, const QStringList& names);
    void clear();
    void focusId();
    void focusDetails();
    void setDetailsEnabled(bool enabled);

signals:
    void idEntered(const QString& text);
    // Enter in the details field `field` ("name", "agent.idNumber"): the
    // controller checks it, then focusNextEmptyAfter() or confirms.
    void enterPressed(const QString& field);
    void confirmed();
    // Ctrl+Enter: confirm what is there, saying what is missing.
    void confirmedAsIs();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QLineEdit* addField(QFormLayout* form, const QString& name, const QString& label);
    void updateVisibility();
    // The fields in the order of the screen, those shown only.
    QList<QLineEdit*> shownFields() const;

    QLineEdit* m_id;
    QLabel* m_idProblem;
    QLabel* m_status;
    QWidget* m_details;
    QFormLayout* m_form;
    QCheckBox* m_agent;
    QWidget* m_agentBox;
    QFormLayout* m_agentForm;
    QHash<QString, QLineEdit*> m_fields;
    QHash<QString, QLabel*> m_errors;
    QHash<QString, QLabel*> m_labels;
    Applicant m_base;
    bool m_shown = false;
};

// What the counter knows of the applicant: the credit flags (A green
// channel, B, C and blacklist to acknowledge before acceptance), the
// earlier cases and the materials on file that need not be brought again.
class ApplicantPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ApplicantPanel(QWidget* parent = nullptr);

    void showFile(const Applicant& applicant, const QList<CaseSummary>& cases,
                  const QList<ReusableMaterial>& onFile, const QList<CreditFlag>& flags);
    void clear();

    QStringList flagTexts() const;
    QStringList caseTexts() const;
    QStringList onFileTexts() const;
    QCheckBox* acknowledgeCheck() const { return m_acknowledge; }
    bool acknowledged() const;
    // A supervisor's override of a failing credit code, when asked for.
    std::optional<SupervisorOverride> creditCodeOverride() const;
    // What the supervisor typed to sign in for the override.
    QString supervisorPassword() const;
    // The supervisor's name, shown when a credit code fails its check; else nullptr.
    QLineEdit* overrideSupervisorEdit() const;

private:
    QLabel* m_summary;
    QWidget* m_flagBox;
    QList<QLabel*> m_flags;
    QCheckBox* m_acknowledge;
    QWidget* m_overrideBox;
    QLineEdit* m_supervisor;
    QLineEdit* m_supervisorPassword;
    QLineEdit* m_overrideReason;
    QLabel* m_casesHeading;
    QListWidget* m_cases;
    QLabel* m_onFileHeading;
    QListWidget* m_onFile;
};

} // namespace ow::ui
