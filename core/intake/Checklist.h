#pragma once

#include "applicants/Applicant.h"
#include "cases/CaseRecord.h"
#include "catalogue/Item.h"
#include "store/Result.h"

#include <QHash>
#include <QVariant>
#include <optional>

namespace ow {

// One line of the merged checklist: a material asked for by one or more of
// the chosen items, and what the clerk found.
struct ChecklistLine
{
    Material material;     // merged over the items asking for it
    QStringList itemCodes; // the items asking for it
    // False for a conditional material whose condition does not hold for
    // these facts: shown struck out, never asked for.
    bool applies = true;
    // The applicant has it on file (an earlier case, the e-licence library).
    std::optional<ReusableMaterial> onFile;

    MaterialState state = MaterialState::Pending;
    std::optional<MaterialForm> presented; // when received
    int count = 0;                         // copies received
    QString reusedFrom;                    // "case:<number>" / "elicence:<number>"
    QString defectReason;
    QString whatToBring; // set by the clerk, or derived from the material

    // Asked for: applies, and not optional.
    bool required() const;
    // Received in a sufficient form and number, or reused.
    bool satisfied() const;
    // What exactly to bring: the clerk's words, or the name, form, copies and note.
    QString whatToBringText() const;
};

// The one checklist of an intake: the materials of every chosen item merged
// by material id (each once; the strictest form and the larger number of
// copies win; required by any item means required), conditional materials
// included or excluded by their condition over the facts, materials on file
// pre-marked as reused with their source.
class Checklist
{
public:
    // Facts: applicant.kind, applicant.age, applicant.sex, agent, form.<key>,
    // item.<code> (see docs/catalogue-format.md, CONDITION).
    static Checklist derive(const QList<Item>& items, const QHash<QString, QVariant>& facts,
                            const QList<ReusableMaterial>& onFile = {});
    // Derives again for changed facts (a form answer, the agent), keeping the
    // marks of every line that is still there.
    void rederive(const QList<Item>& items, const QHash<QString, QVariant>& facts,
                  const QList<ReusableMaterial>& onFile = {});

    // Every line, those that do not apply included, in the items' order.
    const QList<ChecklistLine>& lines() const { return m_lines; }
    QList<ChecklistLine> applicableLines() const;
    const ChecklistLine* line(const QString& materialId) const;
    bool isEmpty() const { return m_lines.isEmpty(); }

    // Marks; each fails (Invalid, naming the material id) for an unknown id
    // or a bad value.
    Status markReceived(const QString& materialId, MaterialForm presented, int count = 1);
    // Reused from `source` ("case:<number>", "elicence:<number>"); empty: from the file.
    Status markReused(const QString& materialId, const QString& source = {});
    Status markMissing(const QString& materialId, const QString& whatToBring = {});
    Status markDefective(const QString& materialId, const QString& reason,
                         const QString& whatToBring = {});
    Status markPending(const QString& materialId);
    // Every applicable line still to check marked received as asked (its
    // form and copies); returns the ids marked, in checklist order.
    QStringList markAllPendingReceived();
    // Puts back the marks a line had (state, form, copies, source, defect,
    // what to bring), as kept from an earlier copy of the same line: the
    // clerk's undo.
    Status restoreMarks(const ChecklistLine& earlier);

    // Every required line is satisfied.
    bool isComplete() const;
    // Every required line not satisfied, with the problem and what to bring:
    // the content of a one-time notice (一次性告知). Nothing is left out.
    QList<CorrectionLine> outstanding() const;
    // The lines as a case stores them (applicable lines and any line marked).
    QList<CaseMaterial> toCaseMaterials() const;

private:
    ChecklistLine* find(const QString& materialId);
    Error unknownMaterial(const QString& materialId) const;

    QList<ChecklistLine> m_lines;
};

// True when a material presented in form `presented` serves for `wanted`
// (an original serves for a copy; original+copy serves for everything).
bool formServes(MaterialForm presented, MaterialForm wanted);

} // namespace ow
