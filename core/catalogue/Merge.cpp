#include "catalogue/Merge.h"

#include <QHash>

#include <algorithm>

namespace ow {

namespace {

int strictness(MaterialForm f)
{
    switch (f) {
    case MaterialForm::OriginalAndCopy:
        return 3;
    case MaterialForm::Original:
        return 2;
    case MaterialForm::Copy:
        return 1;
    case MaterialForm::Electronic:
        return 0;
    }
    return 0;
}

int strictness(Requirement r)
{
    switch (r) {
    case Requirement::Required:
        return 2;
    case Requirement::Conditional:
        return 1;
    case Requirement::Optional:
        return 0;
    }
    return 0;
}

void appendOnce(QStringList& list, const QString& s)
{
    if (!list.contains(s))
        list << s;
}

// One merged material under construction: the conditions of the items that
// ask for it conditionally, kept apart until the end.
struct Pending
{
    MergedMaterial merged;
    QStringList conditions;
    QStringList notes;
};

void fold(Pending& p, const Material& m)
{
    Material& out = p.merged.material;
    if (strictness(m.requirement) > strictness(out.requirement))
        out.requirement = m.requirement;
    if (m.requirement == Requirement::Conditional && !m.condition.trimmed().isEmpty())
        appendOnce(p.conditions, m.condition.trimmed());
    out.form = stricterForm(out.form, m.form);
    out.copies = std::max(out.copies, m.copies);
    if (m.source == MaterialSource::Government)
        out.source = MaterialSource::Government;
    out.reusable = out.reusable || m.reusable;
    if (!m.note.isEmpty())
        appendOnce(p.notes, m.note);
}

QList<MergedMaterial> mergeMaterialsOf(const QList<const Item*>& items)
{
    QList<Pending> pending;
    QHash<QString, qsizetype> byId;
    for (const Item* entry : items) {
        if (!entry)
            continue;
        const Item& item = *entry;
        for (const Material& m : item.materials) {
            auto it = byId.constFind(m.id);
            if (it == byId.constEnd()) {
                Pending p;
                p.merged.material = m;
                p.merged.material.condition.clear();
                p.merged.material.note.clear();
                byId.insert(m.id, pending.size());
                pending.append(p);
                it = byId.constFind(m.id);
            }
            Pending& p = pending[it.value()];
            fold(p, m);
            appendOnce(p.merged.itemCodes, item.code);
        }
    }
    QList<MergedMaterial> out;
    out.reserve(pending.size());
    for (Pending& p : pending) {
        Material& m = p.merged.material;
        if (m.requirement == Requirement::Conditional) {
            if (p.conditions.size() == 1) {
                m.condition = p.conditions.first();
            } else {
                QStringList wrapped;
                for (const QString& c : p.conditions)
                    wrapped << QLatin1Char('(') + c + QLatin1Char(')');
                m.condition = wrapped.join(QStringLiteral(" || "));
            }
        }
        m.note = p.notes.join(QStringLiteral("；"));
        out.append(p.merged);
    }
    return out;
}

QList<MergedField> mergeFormFieldsOf(const QList<const Item*>& items)
{
    QList<MergedField> out;
    QHash<QString, qsizetype> byKey;
    for (const Item* entry : items) {
        if (!entry)
            continue;
        const Item& item = *entry;
        for (const FormField& f : item.form) {
            const auto it = byKey.constFind(f.key);
            if (it == byKey.constEnd()) {
                byKey.insert(f.key, out.size());
                out.append({f, {item.code}});
                continue;
            }
            MergedField& m = out[it.value()];
            m.field.required = m.field.required || f.required;
            if (m.field.type == FieldType::Choice && f.type == FieldType::Choice)
                for (const QString& o : f.options)
                    appendOnce(m.field.options, o);
            if (m.field.prefill.isEmpty())
                m.field.prefill = f.prefill;
            appendOnce(m.itemCodes, item.code);
        }
    }
    return out;
}

// The items as pointers, for the functions above.
QList<const Item*> pointers(const QList<Item>& items)
{
    QList<const Item*> out;
    out.reserve(items.size());
    for (const Item& i : items)
        out << &i;
    return out;
}

} // namespace

MaterialForm stricterForm(MaterialForm a, MaterialForm b)
{
    return strictness(b) > strictness(a) ? b : a;
}

QList<MergedMaterial> mergeMaterials(const QList<Item>& items)
{
    return mergeMaterialsOf(pointers(items));
}

QList<MergedMaterial> mergeMaterials(const QList<const Item*>& items)
{
    return mergeMaterialsOf(items);
}

QList<MergedField> mergeFormFields(const QList<Item>& items)
{
    return mergeFormFieldsOf(pointers(items));
}

QList<MergedField> mergeFormFields(const QList<const Item*>& items)
{
    return mergeFormFieldsOf(items);
}

int combinedPromisedLimit(const QList<Item>& items, const JointItem* joint)
{
    if (joint)
        return joint->promisedLimitDays;
    int days = 0;
    for (const Item& i : items)
        if (i.handling == HandlingType::Promised)
            days = std::max(days, i.promisedLimitDays);
    return days;
}

} // namespace ow
