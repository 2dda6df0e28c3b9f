#pragma once

#include "applicants/Applicant.h"
#include "cases/CaseRecord.h"
#include "catalogue/Item.h"
#include "catalogue/ItemLookup.h"
#include "intake/Checklist.h"
#include "intake/Form.h"
#include "store/Result.h"

#include <QDate>
#include <QHash>
#include <QVariant>
#include <memory>
#include <optional>

namespace ow {

// An item the clerk is prompted about while serving this matter (并联服务).
struct Suggestion
{
    QString code;
    QString name;
    QString reason;        // what the clerk is told
    QString fromItem;      // the chosen item that led to it
    bool fromRule = false; // a related rule whose condition holds (else a `related` link)
};

// The matter being built at the window: the applicant (and agent), the items
// chosen (unrelated items side by side, or a joint item expanded to its
// members), the one checklist and the one form derived from them. The
// checklist is derived again whenever what its conditions read changes
// (the applicant, the agent, the items, a form answer), keeping the marks.
// Nothing here touches the store: IntakeService decides and writes.
class Intake
{
public:
    // The items are found in `items` (the counter's CatalogueService),
    // which must outlive the intake.
    Intake(const ItemLookup& items, const QDate& today);
    // The items are found in `catalogue`, which must outlive the intake.
    Intake(const Catalogue& catalogue, const QDate& today);

    const QDate& today() const { return m_today; }

    void setApplicant(const Applicant& applicant, const QList<ReusableMaterial>& onFile = {});
    const Applicant& applicant() const { return m_applicant; }
    const QList<ReusableMaterial>& onFile() const { return m_onFile; }
    bool hasApplicant() const
    {
        return !m_applicant.key().isEmpty() || !m_applicant.name.isEmpty();
    }

    void setAgent(const std::optional<Agent>& agent);
    const std::optional<Agent>& agent() const { return m_agent; }

    // Adds an item or a joint item (expanded to its members) by code. Fails
    // for an unknown, retired or not yet / no longer effective code, or one
    // already chosen.
    Status addItem(const QString& code);
    Status removeItem(const QString& code);
    // The codes as chosen (a joint item by its own code).
    const QStringList& chosenCodes() const { return m_chosen; }
    // The items, joint items expanded, each once, in the order chosen.
    const QList<Item>& items() const { return m_items; }
    QStringList itemCodes() const;
    const QList<JointItem>& jointItems() const { return m_joints; }
    // The joint item an item came in with, or empty.
    QString jointCodeOf(const QString& itemCode) const;

    const Checklist& checklist() const { return m_checklist; }
    Checklist& checklist() { return m_checklist; }
    const Form& form() const { return m_form; }
    // Sets a form answer and derives the checklist again.
    Status setFormValue(const QString& key, const QString& value);
    // Prefills the form from the applicant and agent (see Form::prefill).
    QStringList prefillForm();
    // Whether the form field `key` applies to this applicant and agent (Form::applies).
    bool fieldApplies(const QString& key) const;
    // For a line left out by its condition: the labels of the form fields
    // its condition reads that are not answered yet (it may still be asked).
    QStringList unansweredFieldsFor(const ChecklistLine& line) const;

    // The delivery chosen at the earlier visit of a correction taken up
    // again (IntakeService::resume), to offer again; empty otherwise.
    const std::optional<DeliveryChoice>& earlierDelivery() const { return m_earlierDelivery; }
    void setEarlierDelivery(const std::optional<DeliveryChoice>& d) { m_earlierDelivery = d; }

    // The facts conditions read: applicant.kind, applicant.age,
    // applicant.sex, applicant.creditGrade, agent, form.<key>, item.<code>.
    QHash<QString, QVariant> facts() const;

    // Related items not chosen yet: the items' `related` links and every
    // related rule whose condition holds; each addable with addSuggestion().
    QList<Suggestion> suggestions() const;
    Status addSuggestion(const Suggestion& suggestion) { return addItem(suggestion.code); }

    // Working days promised: a joint item's combined limit, the longest of
    // several; 0 when every item is done on the spot.
    int promisedLimitDays() const;
    // Every item is an immediate item (即办件).
    bool allImmediate() const;

    // The pages captured for this intake's materials are kept under this id
    // (MaterialPages, PageOwner::ofDraft) until the decision moves them to
    // its case. Set by the capture controller when it captures the first page.
    void setPageDraft(const QString& draftId) { m_pageDraft = draftId; }
    const QString& pageDraft() const { return m_pageDraft; }

private:
    std::shared_ptr<const Item> findItem(const QString& code) const;
    std::shared_ptr<const JointItem> findJoint(const QString& code) const;
    bool effective(const Item& item) const;
    void rebuildItems();
    void rederive();

    const ItemLookup* m_lookup;
    std::shared_ptr<const ItemLookup> m_ownLookup; // for a Catalogue
    QDate m_today;
    Applicant m_applicant;
    QList<ReusableMaterial> m_onFile;
    std::optional<Agent> m_agent;
    QStringList m_chosen;
    QList<Item> m_items;
    QList<JointItem> m_joints;
    QHash<QString, QString> m_jointOf;
    Checklist m_checklist;
    Form m_form;
    std::optional<DeliveryChoice> m_earlierDelivery;
    QString m_pageDraft;
};

} // namespace ow
