#include "catalogue/CatalogueValidator.h"

#include "catalogue/CatalogueNames.h"
#include "catalogue/Condition.h"
#include "text/TextRules.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>
#include <cmath>

namespace ow {

namespace {

QString at(const QString& base, const char* name)
{
    return base + QLatin1Char('.') + QLatin1String(name);
}

QString at(const QString& base, const char* name, qsizetype index)
{
    return at(base, name) + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

class Checker
{
    Q_DECLARE_TR_FUNCTIONS(ow::CatalogueValidator)

public:
    Checker(const Catalogue& c, const CatalogueValidator::Known& known) : m_c(c), m_known(known)
    {
        for (const Item& i : c.items)
            m_items.insert(i.code);
        for (const JointItem& j : c.jointItems)
            m_joints.insert(j.code);
    }

    QList<CatalogueIssue> run()
    {
        // A text holding a control character is reported for that alone:
        // whatever else is said of it would print the character.
        for (qsizetype i = 0; i < m_c.items.size(); ++i)
            textsOf(m_c.items[i], QStringLiteral("items[%1]").arg(i));
        for (qsizetype i = 0; i < m_c.jointItems.size(); ++i)
            textsOf(m_c.jointItems[i], QStringLiteral("jointItems[%1]").arg(i));
        for (qsizetype i = 0; i < m_c.rules.size(); ++i)
            textsOf(m_c.rules[i], QStringLiteral("relatedRules[%1]").arg(i));
        QList<CatalogueIssue> texts;
        texts.swap(m_issues);

        checkCodes();
        for (qsizetype i = 0; i < m_c.items.size(); ++i)
            checkItem(m_c.items[i], QStringLiteral("items[%1]").arg(i));
        for (qsizetype i = 0; i < m_c.jointItems.size(); ++i)
            checkJoint(m_c.jointItems[i], QStringLiteral("jointItems[%1]").arg(i));
        for (qsizetype i = 0; i < m_c.rules.size(); ++i)
            checkRule(m_c.rules[i], QStringLiteral("relatedRules[%1]").arg(i));
        CatalogueValidator::merge(texts, m_issues);
        return texts;
    }

private:
    void add(const QString& path, const QString& message)
    {
        m_issues.append({path, CatalogueValidator::fieldOf(path), message});
    }

    bool itemExists(const QString& code) const
    {
        return m_items.contains(code) || m_known.items.contains(code);
    }

    // The rule of every imported text (text/TextRules.h). Only the long
    // texts and the notes (acceptanceConditions, legalBasis, feeNote, a
    // material's note) may hold several lines.
    void plain(const QString& path, const QString& value, TextLines lines = TextLines::One)
    {
        if (const QString why = textProblem(value, lines); !why.isEmpty())
            add(path, why);
    }

    void plain(const QString& base, const char* name, const QStringList& list)
    {
        for (qsizetype i = 0; i < list.size(); ++i)
            plain(at(base, name, i), list[i]);
    }

    void textsOf(const Item& it, const QString& p)
    {
        plain(at(p, "code"), it.code);
        plain(at(p, "name"), it.name);
        plain(at(p, "shortName"), it.shortName);
        plain(p, "keywords", it.keywords);
        plain(at(p, "category"), it.category);
        plain(at(p, "theme"), it.theme);
        plain(at(p, "department"), it.department);
        plain(at(p, "itemType"), it.itemType);
        plain(at(p, "feeNote"), it.feeNote, TextLines::Many);
        plain(at(p, "acceptanceConditions"), it.acceptanceConditions, TextLines::Many);
        plain(at(p, "legalBasis"), it.legalBasis, TextLines::Many);
        plain(at(p, "result"), it.result);
        plain(p, "related", it.related);
        for (qsizetype i = 0; i < it.materials.size(); ++i) {
            const Material& m = it.materials[i];
            const QString mp = at(p, "materials", i);
            plain(at(mp, "id"), m.id);
            plain(at(mp, "name"), m.name);
            plain(at(mp, "condition"), m.condition);
            plain(at(mp, "note"), m.note, TextLines::Many);
        }
        for (qsizetype i = 0; i < it.form.size(); ++i) {
            const FormField& f = it.form[i];
            const QString fp = at(p, "form", i);
            plain(at(fp, "key"), f.key);
            plain(at(fp, "label"), f.label);
            plain(at(fp, "pattern"), f.pattern);
            plain(fp, "options", f.options);
            plain(at(fp, "prefill"), f.prefill);
        }
    }

    void textsOf(const JointItem& j, const QString& p)
    {
        plain(at(p, "code"), j.code);
        plain(at(p, "name"), j.name);
        plain(at(p, "shortName"), j.shortName);
        plain(p, "keywords", j.keywords);
        plain(at(p, "category"), j.category);
        plain(at(p, "theme"), j.theme);
        plain(p, "members", j.members);
    }

    void textsOf(const RelatedRule& r, const QString& p)
    {
        plain(at(p, "whenItem"), r.whenItem);
        plain(at(p, "condition"), r.condition);
        plain(at(p, "suggest"), r.suggest);
        plain(at(p, "reason"), r.reason);
    }

    // Length in code points between min and max; the message names the field.
    void text(const QString& path, const QString& value, int min, int max)
    {
        const qsizetype n = CatalogueNames::codePoints(value);
        const QString field = CatalogueValidator::fieldOf(path);
        if (n < min && min == 1)
            add(path, tr("%1 must not be empty.").arg(field));
        else if (n < min || n > max)
            add(path, tr("%1 must be %2 to %3 characters long; it has %4.")
                          .arg(field)
                          .arg(min)
                          .arg(max)
                          .arg(n));
    }

    void range(const QString& path, qint64 value, qint64 min, qint64 max)
    {
        if (value < min || value > max)
            add(path, tr("%1 must be between %2 and %3; it is %4.")
                          .arg(CatalogueValidator::fieldOf(path))
                          .arg(min)
                          .arg(max)
                          .arg(value));
    }

    void code(const QString& path, const QString& value)
    {
        static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
        if (!re.match(value).hasMatch())
            add(path, tr("The code %1 must be 1 to 64 of the characters A-Z a-z 0-9 - _ .")
                          .arg(CatalogueNames::quoted(value)));
    }

    void condition(const QString& path, const QString& text)
    {
        if (CatalogueNames::codePoints(text) > CatalogueValidator::kMaxCondition) {
            add(path, tr("The condition is longer than %1 characters.")
                          .arg(CatalogueValidator::kMaxCondition));
            return;
        }
        auto parsed = Condition::parse(text);
        if (!parsed)
            add(path, tr("The condition %1 does not parse: %2")
                          .arg(CatalogueNames::quoted(text), parsed.error().message));
    }

    void words(const QString& base, const char* name, const QStringList& list, int maxLength)
    {
        if (list.size() > CatalogueValidator::kMaxListEntries) {
            add(at(base, name), tr("%1 has more than %2 entries.")
                                    .arg(QLatin1String(name))
                                    .arg(CatalogueValidator::kMaxListEntries));
            return;
        }
        for (qsizetype i = 0; i < list.size(); ++i)
            text(at(base, name, i), list[i], 1, maxLength);
    }

    void checkCodes()
    {
        QHash<QString, QString> seen; // code -> path of its first use
        auto visit = [&](const QString& c, const QString& path) {
            const auto it = seen.constFind(c);
            if (it != seen.constEnd())
                add(path, tr("The code %1 is used twice (also at %2).")
                              .arg(CatalogueNames::quoted(c), it.value()));
            else
                seen.insert(c, path);
        };
        for (qsizetype i = 0; i < m_c.items.size(); ++i)
            visit(m_c.items[i].code, QStringLiteral("items[%1].code").arg(i));
        for (qsizetype i = 0; i < m_c.jointItems.size(); ++i) {
            const QString& c = m_c.jointItems[i].code;
            const QString path = QStringLiteral("jointItems[%1].code").arg(i);
            visit(c, path);
            if (m_known.items.contains(c) && !m_items.contains(c))
                add(path,
                    tr("The code %1 is already an item's code.").arg(CatalogueNames::quoted(c)));
        }
        for (qsizetype i = 0; i < m_c.items.size(); ++i) {
            const QString& c = m_c.items[i].code;
            if (m_known.jointItems.contains(c) && !m_joints.contains(c))
                add(QStringLiteral("items[%1].code").arg(i),
                    tr("The code %1 is already a joint item's code.")
                        .arg(CatalogueNames::quoted(c)));
        }
    }

    void checkItem(const Item& it, const QString& p)
    {
        code(at(p, "code"), it.code);
        text(at(p, "name"), it.name, 1, 200);
        text(at(p, "shortName"), it.shortName, 0, 50);
        words(p, "keywords", it.keywords, 50);
        text(at(p, "category"), it.category, 1, 50);
        text(at(p, "theme"), it.theme, 0, 50);
        text(at(p, "department"), it.department, 1, 100);
        if (!CatalogueNames::itemTypes().contains(it.itemType))
            add(at(p, "itemType"),
                CatalogueNames::notOneOf(it.itemType, CatalogueNames::itemTypes()));
        range(at(p, "legalLimitDays"), it.legalLimitDays, 0, 3650);
        range(at(p, "promisedLimitDays"), it.promisedLimitDays, 0, 3650);
        if (it.legalLimitDays > 0 && it.promisedLimitDays > it.legalLimitDays)
            add(at(p, "promisedLimitDays"),
                tr("promisedLimitDays (%1) must not exceed legalLimitDays (%2).")
                    .arg(it.promisedLimitDays)
                    .arg(it.legalLimitDays));
        range(at(p, "visits"), it.visits, 0, 10);
        if (!std::isfinite(it.feeYuan) || it.feeYuan < 0)
            add(at(p, "feeYuan"), tr("feeYuan must be a number of at least 0."));
        text(at(p, "feeNote"), it.feeNote, 0, CatalogueValidator::kMaxNote);
        if (it.levels == 0)
            add(at(p, "levels"), tr("levels must name at least one of: %1.")
                                     .arg(CatalogueNames::levelNames().join(QStringLiteral(", "))));
        text(at(p, "acceptanceConditions"), it.acceptanceConditions, 0,
             CatalogueValidator::kMaxText);
        text(at(p, "legalBasis"), it.legalBasis, 0, CatalogueValidator::kMaxText);
        text(at(p, "result"), it.result, 0, 200);
        if (it.delivery == 0)
            add(at(p, "delivery"),
                tr("delivery must name at least one of: %1.")
                    .arg(CatalogueNames::deliveryNames().join(QStringLiteral(", "))));
        if (it.materials.size() > CatalogueValidator::kMaxListEntries)
            add(at(p, "materials"),
                tr("materials has more than %1 entries.").arg(CatalogueValidator::kMaxListEntries));
        else
            checkMaterials(it, p);
        if (it.form.size() > CatalogueValidator::kMaxListEntries)
            add(at(p, "form"),
                tr("form has more than %1 entries.").arg(CatalogueValidator::kMaxListEntries));
        else
            checkForm(it, p);
        for (qsizetype i = 0; i < it.related.size() && i < CatalogueValidator::kMaxListEntries;
             ++i) {
            const QString& r = it.related[i];
            if (r == it.code)
                add(at(p, "related", i), tr("An item cannot be related to itself."));
            else if (!itemExists(r))
                add(at(p, "related", i),
                    tr("The related item %1 does not exist.").arg(CatalogueNames::quoted(r)));
        }
        range(at(p, "version"), it.version, 1, 1000000);
        if (it.effectiveFrom.isValid() && it.effectiveTo.isValid() &&
            it.effectiveTo < it.effectiveFrom)
            add(at(p, "effectiveTo"), tr("effectiveTo (%1) is before effectiveFrom (%2).")
                                          .arg(CatalogueNames::text(it.effectiveTo),
                                               CatalogueNames::text(it.effectiveFrom)));
    }

    void checkMaterials(const Item& it, const QString& p)
    {
        static const QRegularExpression idRe(QStringLiteral("^[a-z0-9-]{1,64}$"));
        QHash<QString, qsizetype> ids;
        for (qsizetype i = 0; i < it.materials.size(); ++i) {
            const Material& m = it.materials[i];
            const QString mp = at(p, "materials", i);
            if (!idRe.match(m.id).hasMatch())
                add(at(mp, "id"), tr("The material id %1 must be 1 to 64 of a-z 0-9 -.")
                                      .arg(CatalogueNames::quoted(m.id)));
            else if (ids.contains(m.id))
                add(at(mp, "id"), tr("The material id %1 is used twice in this item (also at "
                                     "materials[%2]).")
                                      .arg(CatalogueNames::quoted(m.id))
                                      .arg(ids.value(m.id)));
            else
                ids.insert(m.id, i);
            text(at(mp, "name"), m.name, 1, 200);
            range(at(mp, "copies"), m.copies, 1, 99);
            if (m.requirement == Requirement::Conditional) {
                if (m.condition.trimmed().isEmpty())
                    add(at(mp, "condition"), tr("A conditional material needs a condition."));
                else
                    condition(at(mp, "condition"), m.condition);
            } else if (!m.condition.isEmpty()) {
                add(at(mp, "condition"),
                    tr("Only a conditional material has a condition; this one is %1.")
                        .arg(CatalogueNames::text(m.requirement)));
            }
            text(at(mp, "note"), m.note, 0, CatalogueValidator::kMaxNote);
        }
    }

    void checkForm(const Item& it, const QString& p)
    {
        static const QRegularExpression keyRe(QStringLiteral("^[a-z][a-z0-9_]{0,63}$"));
        QHash<QString, qsizetype> keys;
        for (qsizetype i = 0; i < it.form.size(); ++i) {
            const FormField& f = it.form[i];
            const QString fp = at(p, "form", i);
            if (!keyRe.match(f.key).hasMatch())
                add(at(fp, "key"), tr("The field key %1 must be a-z followed by up to 63 of "
                                      "a-z 0-9 _.")
                                       .arg(CatalogueNames::quoted(f.key)));
            else if (keys.contains(f.key))
                add(at(fp, "key"), tr("The field key %1 is used twice in this item (also at "
                                      "form[%2]).")
                                       .arg(CatalogueNames::quoted(f.key))
                                       .arg(keys.value(f.key)));
            else
                keys.insert(f.key, i);
            text(at(fp, "label"), f.label, 1, 100);
            if (!f.pattern.isEmpty()) {
                if (CatalogueNames::codePoints(f.pattern) > 500) {
                    add(at(fp, "pattern"), tr("The pattern is longer than 500 characters."));
                } else {
                    const QRegularExpression re(f.pattern);
                    if (!re.isValid())
                        add(at(fp, "pattern"),
                            tr("The pattern %1 does not compile: %2 (at offset %3).")
                                .arg(CatalogueNames::quoted(f.pattern), re.errorString())
                                .arg(re.patternErrorOffset()));
                }
            }
            if (f.type == FieldType::Choice && f.options.isEmpty())
                add(at(fp, "options"), tr("A choice field needs options."));
            else if (f.type != FieldType::Choice && !f.options.isEmpty())
                add(at(fp, "options"), tr("Only a choice field has options."));
            else
                words(fp, "options", f.options, 200);
            if (!f.prefill.isEmpty() && !CatalogueNames::prefills().contains(f.prefill))
                add(at(fp, "prefill"),
                    CatalogueNames::notOneOf(f.prefill, CatalogueNames::prefills()));
        }
    }

    void checkJoint(const JointItem& j, const QString& p)
    {
        code(at(p, "code"), j.code);
        text(at(p, "name"), j.name, 1, 200);
        text(at(p, "shortName"), j.shortName, 0, 50);
        words(p, "keywords", j.keywords, 50);
        text(at(p, "category"), j.category, 1, 50);
        text(at(p, "theme"), j.theme, 0, 50);
        if (j.members.size() < 2)
            add(at(p, "members"), tr("A joint item needs at least 2 members."));
        QSet<QString> seen;
        for (qsizetype i = 0; i < j.members.size() && i < CatalogueValidator::kMaxListEntries;
             ++i) {
            const QString& m = j.members[i];
            if (!itemExists(m))
                add(at(p, "members", i),
                    tr("The member item %1 does not exist.").arg(CatalogueNames::quoted(m)));
            else if (seen.contains(m))
                add(at(p, "members", i),
                    tr("The member item %1 is listed twice.").arg(CatalogueNames::quoted(m)));
            seen.insert(m);
        }
        range(at(p, "promisedLimitDays"), j.promisedLimitDays, 0, 3650);
        range(at(p, "version"), j.version, 1, 1000000);
    }

    void checkRule(const RelatedRule& r, const QString& p)
    {
        if (!itemExists(r.whenItem))
            add(at(p, "whenItem"),
                tr("The item %1 does not exist.").arg(CatalogueNames::quoted(r.whenItem)));
        if (!itemExists(r.suggest))
            add(at(p, "suggest"),
                tr("The item %1 does not exist.").arg(CatalogueNames::quoted(r.suggest)));
        if (r.condition.trimmed().isEmpty())
            add(at(p, "condition"), tr("A rule needs a condition (\"true\" for always)."));
        else
            condition(at(p, "condition"), r.condition);
        text(at(p, "reason"), r.reason, 1, 500);
    }

    const Catalogue& m_c;
    const CatalogueValidator::Known& m_known;
    QSet<QString> m_items;
    QSet<QString> m_joints;
    QList<CatalogueIssue> m_issues;
};

bool covers(const QString& reported, const QString& path)
{
    if (!path.startsWith(reported))
        return false;
    if (path.size() == reported.size())
        return true;
    const QChar next = path[reported.size()];
    return next == QLatin1Char('.') || next == QLatin1Char('[');
}

} // namespace

QList<CatalogueIssue> CatalogueValidator::validate(const Catalogue& catalogue, const Known& known)
{
    return Checker(catalogue, known).run();
}

void CatalogueValidator::merge(QList<CatalogueIssue>& issues, const QList<CatalogueIssue>& more)
{
    const qsizetype before = issues.size();
    for (const CatalogueIssue& m : more) {
        bool covered = false;
        for (qsizetype i = 0; i < before && !covered; ++i)
            covered = covers(issues[i].path, m.path);
        if (!covered)
            issues.append(m);
    }
}

QString CatalogueValidator::fieldOf(const QString& path)
{
    QString last = path.section(QLatin1Char('.'), -1);
    const qsizetype bracket = last.indexOf(QLatin1Char('['));
    if (bracket >= 0)
        last.truncate(bracket);
    return last;
}

} // namespace ow
