#include "intake/Checklist.h"

#include "catalogue/Condition.h"
#include "catalogue/Merge.h"

#include <QCoreApplication>

namespace ow {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::Checklist", s);
}

// Spelled out, so that lupdate files the words under "ow::Checklist", the
// context asked at run time (a free function's tr() is filed under "ow").
QString formText(MaterialForm form)
{
    switch (form) {
    case MaterialForm::Original:
        return QCoreApplication::translate("ow::Checklist", "original");
    case MaterialForm::Copy:
        return QCoreApplication::translate("ow::Checklist", "copy");
    case MaterialForm::Electronic:
        return QCoreApplication::translate("ow::Checklist", "electronic");
    case MaterialForm::OriginalAndCopy:
        return QCoreApplication::translate("ow::Checklist", "original and copy");
    }
    return {};
}

// A material marked conditional applies when its condition holds. A
// condition that cannot be read asks for the material: asking for too much
// is corrected at the window, asking for too little costs the applicant a visit.
bool conditionHolds(const QString& text, const QHash<QString, QVariant>& facts)
{
    if (text.trimmed().isEmpty())
        return true;
    auto parsed = Condition::parse(text);
    if (!parsed)
        return true;
    return parsed->evaluate(facts);
}

} // namespace

bool formServes(MaterialForm presented, MaterialForm wanted)
{
    switch (wanted) {
    case MaterialForm::OriginalAndCopy:
        return presented == MaterialForm::OriginalAndCopy;
    case MaterialForm::Original:
        return presented == MaterialForm::Original || presented == MaterialForm::OriginalAndCopy;
    case MaterialForm::Copy:
        return presented != MaterialForm::Electronic;
    case MaterialForm::Electronic:
        return true;
    }
    return false;
}

bool ChecklistLine::required() const
{
    return applies && material.requirement != Requirement::Optional;
}

bool ChecklistLine::satisfied() const
{
    if (state == MaterialState::Reused)
        return !reusedFrom.isEmpty();
    if (state != MaterialState::Received || !presented)
        return false;
    return formServes(*presented, material.form) && count >= std::max(1, material.copies);
}

QString ChecklistLine::whatToBringText() const
{
    if (!whatToBring.trimmed().isEmpty())
        return whatToBring.trimmed();
    // Spelled out for lupdate, as formText() (a member of ChecklistLine
    // would be filed under "ow::ChecklistLine").
    QString text = QCoreApplication::translate("ow::Checklist", "%1: %2, %3 copies")
                       .arg(material.name, formText(material.form))
                       .arg(std::max(1, material.copies));
    if (!material.note.trimmed().isEmpty())
        text += QCoreApplication::translate("ow::Checklist", "; %1").arg(material.note.trimmed());
    return text;
}

Checklist Checklist::derive(const QList<Item>& items, const QHash<QString, QVariant>& facts,
                            const QList<ReusableMaterial>& onFile)
{
    // Each item's materials that apply for these facts, then merged: the
    // same material asked conditionally by one item and plainly by another
    // is asked once, plainly. The materials that do not apply are merged
    // apart, to be shown struck out.
    QList<Item> applying;
    QList<Item> notApplying;
    for (const Item& item : items) {
        Item yes = item;
        Item no = item;
        yes.materials.clear();
        no.materials.clear();
        for (const Material& m : item.materials) {
            if (m.requirement != Requirement::Conditional) {
                yes.materials.append(m);
            } else if (conditionHolds(m.condition, facts)) {
                Material plain = m;
                plain.requirement = Requirement::Required;
                yes.materials.append(plain);
            } else {
                no.materials.append(m);
            }
        }
        applying.append(yes);
        notApplying.append(no);
    }
    Checklist out;
    for (const MergedMaterial& mm : mergeMaterials(applying)) {
        ChecklistLine line;
        line.material = mm.material;
        line.itemCodes = mm.itemCodes;
        out.m_lines.append(line);
    }
    for (const MergedMaterial& mm : mergeMaterials(notApplying)) {
        if (out.line(mm.material.id))
            continue; // asked for by another item
        ChecklistLine line;
        line.material = mm.material;
        line.itemCodes = mm.itemCodes;
        line.applies = false;
        out.m_lines.append(line);
    }
    for (ChecklistLine& line : out.m_lines) {
        const bool reusable =
            line.material.reusable || line.material.source == MaterialSource::Government;
        if (!reusable)
            continue;
        for (const ReusableMaterial& r : onFile) {
            if (r.materialId != line.material.id)
                continue;
            line.onFile = r;
            if (line.applies) {
                line.state = MaterialState::Reused;
                line.reusedFrom = r.sourceLabel();
            }
            break;
        }
    }
    return out;
}

void Checklist::rederive(const QList<Item>& items, const QHash<QString, QVariant>& facts,
                         const QList<ReusableMaterial>& onFile)
{
    Checklist fresh = derive(items, facts, onFile);
    for (ChecklistLine& next : fresh.m_lines) {
        const ChecklistLine* old = line(next.material.id);
        if (!old || old->state == MaterialState::Pending)
            continue;
        next.state = old->state;
        next.presented = old->presented;
        next.count = old->count;
        next.reusedFrom = old->reusedFrom;
        next.defectReason = old->defectReason;
        next.whatToBring = old->whatToBring;
    }
    m_lines = fresh.m_lines;
}

QList<ChecklistLine> Checklist::applicableLines() const
{
    QList<ChecklistLine> out;
    for (const ChecklistLine& l : m_lines)
        if (l.applies)
            out.append(l);
    return out;
}

const ChecklistLine* Checklist::line(const QString& materialId) const
{
    for (const ChecklistLine& l : m_lines)
        if (l.material.id == materialId)
            return &l;
    return nullptr;
}

ChecklistLine* Checklist::find(const QString& materialId)
{
    for (ChecklistLine& l : m_lines)
        if (l.material.id == materialId)
            return &l;
    return nullptr;
}

Error Checklist::unknownMaterial(const QString& materialId) const
{
    const QString msg =
        tr("The material \"%1\" is not on the checklist of the chosen items.").arg(materialId);
    return Error::invalid(msg, {{materialId, QStringLiteral("material"), msg}});
}

Status Checklist::markReceived(const QString& materialId, MaterialForm presented, int count)
{
    ChecklistLine* l = find(materialId);
    if (!l)
        return unknownMaterial(materialId);
    if (count < 1 || count > 999) {
        const QString msg = tr("The number of copies of \"%1\" must be 1 to 999.").arg(l->material.name);
        return Error::invalid(msg, {{materialId, QStringLiteral("count"), msg}});
    }
    l->state = MaterialState::Received;
    l->presented = presented;
    l->count = count;
    l->reusedFrom.clear();
    l->defectReason.clear();
    return {};
}

Status Checklist::markReused(const QString& materialId, const QString& source)
{
    ChecklistLine* l = find(materialId);
    if (!l)
        return unknownMaterial(materialId);
    QString from = source.trimmed();
    if (from.isEmpty() && l->onFile)
        from = l->onFile->sourceLabel();
    if (from.isEmpty()) {
        const QString msg =
            tr("The material \"%1\" is not on file: say where it is reused from.")
                .arg(l->material.name);
        return Error::invalid(msg, {{materialId, QStringLiteral("reusedFrom"), msg}});
    }
    l->state = MaterialState::Reused;
    l->reusedFrom = from;
    l->presented.reset();
    l->count = 0;
    l->defectReason.clear();
    return {};
}

Status Checklist::markMissing(const QString& materialId, const QString& whatToBring)
{
    ChecklistLine* l = find(materialId);
    if (!l)
        return unknownMaterial(materialId);
    l->state = MaterialState::Missing;
    l->presented.reset();
    l->count = 0;
    l->reusedFrom.clear();
    l->defectReason.clear();
    l->whatToBring = whatToBring.trimmed();
    return {};
}

Status Checklist::markDefective(const QString& materialId, const QString& reason,
                                const QString& whatToBring)
{
    ChecklistLine* l = find(materialId);
    if (!l)
        return unknownMaterial(materialId);
    if (reason.trimmed().isEmpty()) {
        const QString msg = tr("Say what is wrong with \"%1\".").arg(l->material.name);
        return Error::invalid(msg, {{materialId, QStringLiteral("reason"), msg}});
    }
    l->state = MaterialState::Defective;
    l->reusedFrom.clear();
    l->defectReason = reason.trimmed();
    l->whatToBring = whatToBring.trimmed();
    return {};
}

Status Checklist::markPending(const QString& materialId)
{
    ChecklistLine* l = find(materialId);
    if (!l)
        return unknownMaterial(materialId);
    l->state = MaterialState::Pending;
    l->presented.reset();
    l->count = 0;
    l->reusedFrom.clear();
    l->defectReason.clear();
    return {};
}

QStringList Checklist::markAllPendingReceived()
{
    QStringList marked;
    for (ChecklistLine& l : m_lines) {
        if (!l.applies || l.state != MaterialState::Pending)
            continue;
        l.state = MaterialState::Received;
        l.presented = l.material.form;
        l.count = std::max(1, l.material.copies);
        l.reusedFrom.clear();
        l.defectReason.clear();
        marked << l.material.id;
    }
    return marked;
}

Status Checklist::restoreMarks(const ChecklistLine& earlier)
{
    ChecklistLine* l = find(earlier.material.id);
    if (!l)
        return unknownMaterial(earlier.material.id);
    l->state = earlier.state;
    l->presented = earlier.presented;
    l->count = earlier.count;
    l->reusedFrom = earlier.reusedFrom;
    l->defectReason = earlier.defectReason;
    l->whatToBring = earlier.whatToBring;
    return {};
}

bool Checklist::isComplete() const
{
    for (const ChecklistLine& l : m_lines)
        if (l.required() && !l.satisfied())
            return false;
    return true;
}

QList<CorrectionLine> Checklist::outstanding() const
{
    QList<CorrectionLine> out;
    for (const ChecklistLine& l : m_lines) {
        if (!l.required() || l.satisfied())
            continue;
        CorrectionLine c;
        c.materialId = l.material.id;
        c.name = l.material.name;
        if (l.state == MaterialState::Defective) {
            c.problem = MaterialState::Defective;
            c.reason = l.defectReason;
        } else if (l.state == MaterialState::Received && l.presented) {
            // Brought, but not in the form or number asked for.
            c.problem = MaterialState::Defective;
            c.reason = !formServes(*l.presented, l.material.form)
                           ? tr("brought as %1; %2 is required")
                                 .arg(formText(*l.presented), formText(l.material.form))
                           : tr("%1 of %2 copies brought").arg(l.count).arg(l.material.copies);
        } else {
            c.problem = MaterialState::Missing;
        }
        c.whatToBring = l.whatToBringText();
        out.append(c);
    }
    return out;
}

QList<CaseMaterial> Checklist::toCaseMaterials() const
{
    QList<CaseMaterial> out;
    for (const ChecklistLine& l : m_lines) {
        if (!l.applies && l.state == MaterialState::Pending)
            continue;
        CaseMaterial m;
        m.materialId = l.material.id;
        m.name = l.material.name;
        m.required = l.required();
        m.state = l.state;
        m.presented = l.state == MaterialState::Received ? l.presented : std::nullopt;
        m.count = l.state == MaterialState::Received ? l.count : 0;
        m.reusedFrom = l.state == MaterialState::Reused ? l.reusedFrom : QString();
        m.defectReason = l.state == MaterialState::Defective ? l.defectReason : QString();
        if (l.required() && !l.satisfied())
            m.whatToBring = l.whatToBringText();
        out.append(m);
    }
    return out;
}

} // namespace ow
