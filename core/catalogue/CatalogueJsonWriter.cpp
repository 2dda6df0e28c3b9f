// CatalogueJson: the writing half (the reading half is CatalogueJson.cpp).
#include "catalogue/CatalogueJson.h"

#include "catalogue/CatalogueNames.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>

namespace ow {

namespace {

enum class Kind { Top, Item, Material, Field, Joint, Rule, Other };

// Field order in written files: the order of docs/catalogue-format.md.
const QStringList& orderOf(Kind k)
{
    static const QStringList top{QStringLiteral("format"), QStringLiteral("formatVersion"),
                                 QStringLiteral("items"), QStringLiteral("jointItems"),
                                 QStringLiteral("relatedRules")};
    static const QStringList item = QStringLiteral(
        "code name shortName keywords category theme department itemType handling legalLimitDays "
        "promisedLimitDays visits feeYuan feeNote levels universal acceptanceConditions legalBasis "
        "result delivery materials form related version effectiveFrom effectiveTo active")
                                        .split(QLatin1Char(' '));
    static const QStringList material =
        QStringLiteral("id name form copies requirement condition source reusable note")
            .split(QLatin1Char(' '));
    static const QStringList field =
        QStringLiteral("key label type required pattern options prefill").split(QLatin1Char(' '));
    static const QStringList joint = QStringLiteral("code name shortName keywords category theme "
                                                    "members promisedLimitDays version active")
                                         .split(QLatin1Char(' '));
    static const QStringList rule =
        QStringLiteral("whenItem condition suggest reason").split(QLatin1Char(' '));
    static const QStringList none;
    switch (k) {
    case Kind::Top:
        return top;
    case Kind::Item:
        return item;
    case Kind::Material:
        return material;
    case Kind::Field:
        return field;
    case Kind::Joint:
        return joint;
    case Kind::Rule:
        return rule;
    case Kind::Other:
        break;
    }
    return none;
}

Kind childKind(Kind parent, const QString& key)
{
    if (parent == Kind::Top) {
        if (key == QLatin1String("items"))
            return Kind::Item;
        if (key == QLatin1String("jointItems"))
            return Kind::Joint;
        if (key == QLatin1String("relatedRules"))
            return Kind::Rule;
    } else if (parent == Kind::Item) {
        if (key == QLatin1String("materials"))
            return Kind::Material;
        if (key == QLatin1String("form"))
            return Kind::Field;
    }
    return Kind::Other;
}

QByteArray scalar(const QJsonValue& v)
{
    const QByteArray a = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return a.mid(1, a.size() - 2);
}

void write(QByteArray& out, const QJsonValue& v, Kind kind, int indent)
{
    const QByteArray pad(indent + 2, ' ');
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        QStringList keys = o.keys();
        const QStringList& order = orderOf(kind);
        std::stable_sort(keys.begin(), keys.end(), [&](const QString& a, const QString& b) {
            return order.indexOf(a) < order.indexOf(b);
        });
        out += "{\n";
        for (qsizetype i = 0; i < keys.size(); ++i) {
            out += pad + scalar(keys[i]) + ": ";
            write(out, o.value(keys[i]), childKind(kind, keys[i]), indent + 2);
            out += i + 1 < keys.size() ? ",\n" : "\n";
        }
        out += QByteArray(indent, ' ') + '}';
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        const bool flat = std::none_of(a.begin(), a.end(), [](const QJsonValue& e) {
            return e.isObject() || e.isArray();
        });
        if (flat) {
            out += '[';
            for (qsizetype i = 0; i < a.size(); ++i)
                out += (i ? ", " : "") + scalar(a[i]);
            out += ']';
            return;
        }
        out += "[\n";
        for (qsizetype i = 0; i < a.size(); ++i) {
            out += pad;
            write(out, a[i], kind, indent + 2);
            out += i + 1 < a.size() ? ",\n" : "\n";
        }
        out += QByteArray(indent, ' ') + ']';
    } else {
        out += scalar(v);
    }
}

void putText(QJsonObject& o, const char* key, const QString& value)
{
    if (!value.isEmpty())
        o.insert(QLatin1String(key), value);
}

void putList(QJsonObject& o, const char* key, const QStringList& value)
{
    if (!value.isEmpty())
        o.insert(QLatin1String(key), QJsonArray::fromStringList(value));
}

} // namespace

QJsonObject CatalogueJson::toJson(const Item& it)
{
    QJsonObject o;
    o.insert(QStringLiteral("code"), it.code);
    o.insert(QStringLiteral("name"), it.name);
    putText(o, "shortName", it.shortName);
    putList(o, "keywords", it.keywords);
    o.insert(QStringLiteral("category"), it.category);
    putText(o, "theme", it.theme);
    o.insert(QStringLiteral("department"), it.department);
    o.insert(QStringLiteral("itemType"), it.itemType);
    o.insert(QStringLiteral("handling"), CatalogueNames::text(it.handling));
    o.insert(QStringLiteral("legalLimitDays"), it.legalLimitDays);
    o.insert(QStringLiteral("promisedLimitDays"), it.promisedLimitDays);
    o.insert(QStringLiteral("visits"), it.visits);
    o.insert(QStringLiteral("feeYuan"), it.feeYuan);
    putText(o, "feeNote", it.feeNote);
    o.insert(QStringLiteral("levels"), QJsonArray::fromStringList(CatalogueNames::levels(it.levels)));
    o.insert(QStringLiteral("universal"), it.universal);
    putText(o, "acceptanceConditions", it.acceptanceConditions);
    putText(o, "legalBasis", it.legalBasis);
    putText(o, "result", it.result);
    o.insert(QStringLiteral("delivery"),
             QJsonArray::fromStringList(CatalogueNames::deliveries(it.delivery)));
    QJsonArray materials;
    for (const Material& m : it.materials) {
        QJsonObject mo;
        mo.insert(QStringLiteral("id"), m.id);
        mo.insert(QStringLiteral("name"), m.name);
        mo.insert(QStringLiteral("form"), CatalogueNames::text(m.form));
        if (m.copies != 1)
            mo.insert(QStringLiteral("copies"), m.copies);
        mo.insert(QStringLiteral("requirement"), CatalogueNames::text(m.requirement));
        putText(mo, "condition", m.condition);
        if (m.source != MaterialSource::Applicant)
            mo.insert(QStringLiteral("source"), CatalogueNames::text(m.source));
        if (m.reusable)
            mo.insert(QStringLiteral("reusable"), true);
        putText(mo, "note", m.note);
        materials.append(mo);
    }
    o.insert(QStringLiteral("materials"), materials);
    QJsonArray form;
    for (const FormField& f : it.form) {
        QJsonObject fo;
        fo.insert(QStringLiteral("key"), f.key);
        fo.insert(QStringLiteral("label"), f.label);
        fo.insert(QStringLiteral("type"), CatalogueNames::text(f.type));
        if (f.required)
            fo.insert(QStringLiteral("required"), true);
        putText(fo, "pattern", f.pattern);
        putList(fo, "options", f.options);
        putText(fo, "prefill", f.prefill);
        form.append(fo);
    }
    if (!form.isEmpty())
        o.insert(QStringLiteral("form"), form);
    putList(o, "related", it.related);
    o.insert(QStringLiteral("version"), it.version);
    putText(o, "effectiveFrom", CatalogueNames::text(it.effectiveFrom));
    putText(o, "effectiveTo", CatalogueNames::text(it.effectiveTo));
    o.insert(QStringLiteral("active"), it.active);
    return o;
}

QJsonObject CatalogueJson::toJson(const JointItem& j)
{
    QJsonObject o;
    o.insert(QStringLiteral("code"), j.code);
    o.insert(QStringLiteral("name"), j.name);
    putText(o, "shortName", j.shortName);
    putList(o, "keywords", j.keywords);
    o.insert(QStringLiteral("category"), j.category);
    putText(o, "theme", j.theme);
    o.insert(QStringLiteral("members"), QJsonArray::fromStringList(j.members));
    o.insert(QStringLiteral("promisedLimitDays"), j.promisedLimitDays);
    o.insert(QStringLiteral("version"), j.version);
    o.insert(QStringLiteral("active"), j.active);
    return o;
}

QJsonObject CatalogueJson::toJson(const RelatedRule& r)
{
    QJsonObject o;
    o.insert(QStringLiteral("whenItem"), r.whenItem);
    o.insert(QStringLiteral("condition"), r.condition);
    o.insert(QStringLiteral("suggest"), r.suggest);
    o.insert(QStringLiteral("reason"), r.reason);
    return o;
}

QByteArray CatalogueJson::serialize(const Catalogue& c)
{
    QJsonObject top;
    top.insert(QStringLiteral("format"), QStringLiteral("onewindow-catalogue"));
    top.insert(QStringLiteral("formatVersion"), 1);
    QJsonArray items, joints, rules;
    for (const Item& it : c.items)
        items.append(toJson(it));
    for (const JointItem& j : c.jointItems)
        joints.append(toJson(j));
    for (const RelatedRule& r : c.rules)
        rules.append(toJson(r));
    top.insert(QStringLiteral("items"), items);
    top.insert(QStringLiteral("jointItems"), joints);
    top.insert(QStringLiteral("relatedRules"), rules);
    QByteArray out;
    write(out, top, Kind::Top, 0);
    out += '\n';
    return out;
}

Status CatalogueJson::writeFile(const Catalogue& catalogue, const QString& path)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return Error::storage(QCoreApplication::translate("ow::CatalogueJson",
                                                          "Cannot write %1: %2")
                                  .arg(path, f.errorString()));
    f.write(serialize(catalogue));
    if (!f.commit())
        return Error::storage(QCoreApplication::translate("ow::CatalogueJson",
                                                          "Cannot write %1: %2")
                                  .arg(path, f.errorString()));
    return {};
}

} // namespace ow
