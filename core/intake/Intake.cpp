#include "intake/Intake.h"

#include "catalogue/Condition.h"

#include <QCoreApplication>
#include <algorithm>

namespace ow {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::Intake", s);
}

Error itemProblem(const QString& code, const QString& msg)
{
    return Error::invalid(msg, {{QStringLiteral("items"), code, msg}});
}

} // namespace

Intake::Intake(const ItemLookup& items, const QDate& today) : m_lookup(&items), m_today(today) {}

Intake::Intake(const Catalogue& catalogue, const QDate& today)
    : m_lookup(nullptr), m_ownLookup(std::make_shared<CatalogueInMemory>(catalogue)), m_today(today)
{
    m_lookup = m_ownLookup.get();
}

void Intake::setApplicant(const Applicant& applicant, const QList<ReusableMaterial>& onFile)
{
    m_applicant = applicant;
    m_applicant.completeFromIdNumber();
    m_onFile = onFile;
    rederive();
}

void Intake::setAgent(const std::optional<Agent>& agent)
{
    m_agent = agent;
    rederive();
}

std::shared_ptr<const Item> Intake::findItem(const QString& code) const
{
    return m_lookup->item(code);
}

std::shared_ptr<const JointItem> Intake::findJoint(const QString& code) const
{
    return m_lookup->jointItem(code);
}

bool Intake::effective(const Item& item) const
{
    if (!item.active)
        return false;
    if (item.effectiveFrom.isValid() && m_today < item.effectiveFrom)
        return false;
    if (item.effectiveTo.isValid() && m_today > item.effectiveTo)
        return false;
    return true;
}

Status Intake::addItem(const QString& code)
{
    const QString c = code.trimmed();
    if (m_chosen.contains(c) || m_jointOf.contains(c))
        return itemProblem(c, tr("The item %1 is already part of this intake.").arg(c));
    if (const auto joint = findJoint(c)) {
        if (!joint->active)
            return itemProblem(c, tr("The joint item %1 is retired.").arg(c));
        for (const QString& member : joint->members) {
            const auto item = findItem(member);
            if (!item || !effective(*item))
                return itemProblem(c, tr("The joint item %1 has a member %2 that cannot be "
                                         "accepted now.")
                                          .arg(c, member));
            if (itemCodes().contains(member))
                return itemProblem(c, tr("The item %1 of the joint item %2 is already part of "
                                         "this intake.")
                                          .arg(member, c));
        }
    } else if (const auto item = findItem(c)) {
        if (!effective(*item))
            return itemProblem(c, tr("The item %1 is retired or not in effect on %2.")
                                      .arg(c, m_today.toString(Qt::ISODate)));
    } else {
        return itemProblem(c, tr("There is no item with the code %1 in the catalogue.").arg(c));
    }
    m_chosen.append(c);
    rebuildItems();
    return {};
}

Status Intake::removeItem(const QString& code)
{
    if (!m_chosen.removeOne(code.trimmed()))
        return itemProblem(code, tr("The item %1 is not part of this intake.").arg(code));
    rebuildItems();
    return {};
}

void Intake::rebuildItems()
{
    m_items.clear();
    m_joints.clear();
    m_jointOf.clear();
    for (const QString& code : std::as_const(m_chosen)) {
        if (const auto joint = findJoint(code)) {
            m_joints.append(*joint);
            for (const QString& member : joint->members) {
                const auto item = findItem(member);
                if (!item || std::any_of(m_items.cbegin(), m_items.cend(),
                                         [&](const Item& i) { return i.code == member; }))
                    continue;
                m_items.append(*item);
                m_jointOf.insert(member, code);
            }
        } else if (const auto item = findItem(code)) {
            m_items.append(*item);
        }
    }
    m_form.remerge(m_items);
    rederive();
}

QStringList Intake::itemCodes() const
{
    QStringList out;
    for (const Item& i : m_items)
        out << i.code;
    return out;
}

QString Intake::jointCodeOf(const QString& itemCode) const
{
    return m_jointOf.value(itemCode);
}

Status Intake::setFormValue(const QString& key, const QString& value)
{
    if (Status s = m_form.setValue(key, value); !s)
        return s;
    rederive();
    return {};
}

QStringList Intake::prefillForm()
{
    const QStringList filled = m_form.prefill(m_applicant, m_agent);
    if (!filled.isEmpty())
        rederive();
    return filled;
}

bool Intake::fieldApplies(const QString& key) const
{
    const FormField* f = m_form.field(key);
    return f && Form::applies(*f, m_applicant, m_agent);
}

QStringList Intake::unansweredFieldsFor(const ChecklistLine& line) const
{
    if (line.applies || line.material.condition.isEmpty())
        return {};
    const auto condition = Condition::parse(line.material.condition);
    if (!condition)
        return {};
    QStringList labels;
    for (const QString& name : condition->names()) {
        if (!name.startsWith(QLatin1String("form.")))
            continue;
        const QString key = name.mid(5);
        const FormField* f = m_form.field(key);
        if (f && m_form.value(key).trimmed().isEmpty())
            labels << (f->label.isEmpty() ? key : f->label);
    }
    return labels;
}

QHash<QString, QVariant> Intake::facts() const
{
    QHash<QString, QVariant> f = m_form.facts();
    if (hasApplicant()) {
        f.insert(QStringLiteral("applicant.kind"), toString(m_applicant.kind));
        if (auto age = m_applicant.age(m_today))
            f.insert(QStringLiteral("applicant.age"), *age);
        if (!m_applicant.sex.isEmpty())
            f.insert(QStringLiteral("applicant.sex"), m_applicant.sex);
        if (m_applicant.creditGrade != CreditGrade::None)
            f.insert(QStringLiteral("applicant.creditGrade"), toString(m_applicant.creditGrade));
    }
    f.insert(QStringLiteral("agent"), m_agent.has_value());
    for (const Item& i : m_items)
        f.insert(QStringLiteral("item.") + i.code, true);
    for (const JointItem& j : m_joints)
        f.insert(QStringLiteral("item.") + j.code, true);
    return f;
}

void Intake::rederive()
{
    m_checklist.rederive(m_items, facts(), m_onFile);
}

QList<Suggestion> Intake::suggestions() const
{
    QList<Suggestion> out;
    const QStringList chosen = itemCodes();
    auto wanted = [&](const QString& code) {
        if (chosen.contains(code) || m_chosen.contains(code))
            return false;
        return std::none_of(out.cbegin(), out.cend(),
                            [&](const Suggestion& s) { return s.code == code; });
    };
    const QHash<QString, QVariant> f = facts();
    const QList<RelatedRule> rules = m_lookup->relatedRules();
    for (const RelatedRule& rule : rules) {
        if (!chosen.contains(rule.whenItem) || !wanted(rule.suggest))
            continue;
        const auto item = findItem(rule.suggest);
        if (!item || !effective(*item))
            continue;
        auto cond = Condition::parse(rule.condition);
        if (!cond || !cond->evaluate(f))
            continue;
        out.append({item->code, item->name, rule.reason, rule.whenItem, true});
    }
    for (const Item& chosenItem : m_items) {
        for (const QString& code : chosenItem.related) {
            if (!wanted(code))
                continue;
            const auto item = findItem(code);
            if (!item || !effective(*item))
                continue;
            out.append({item->code, item->name, tr("Related to %1.").arg(chosenItem.name),
                        chosenItem.code, false});
        }
    }
    return out;
}

int Intake::promisedLimitDays() const
{
    int days = 0;
    for (const JointItem& j : m_joints)
        days = std::max(days, j.promisedLimitDays);
    for (const Item& i : m_items) {
        if (!m_jointOf.contains(i.code) && i.handling == HandlingType::Promised)
            days = std::max(days, i.promisedLimitDays);
    }
    return days;
}

bool Intake::allImmediate() const
{
    if (m_items.isEmpty())
        return false;
    return std::all_of(m_items.cbegin(), m_items.cend(),
                       [](const Item& i) { return i.handling == HandlingType::Immediate; });
}

} // namespace ow
