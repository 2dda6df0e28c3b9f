#include "catalogue/CatalogueJson.h"

#include "catalogue/CatalogueNames.h"
#include "catalogue/JsonLineMap.h"
#include "text/TextRules.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>

namespace ow {

namespace {

QString tr(const char* s, int n = -1)
{
    return QCoreApplication::translate("ow::CatalogueJson", s, nullptr, n);
}

using Names = std::initializer_list<const char*>;

// Converts JSON objects into catalogue entries, noting every type error,
// unknown field, missing field and unknown word as an issue at its path.
class Reader
{
public:
    QList<CatalogueIssue> issues;

    void add(const QString& path, const QString& message)
    {
        issues.append({path, CatalogueValidator::fieldOf(path), message});
    }

    static QString at(const QString& base, const QString& key)
    {
        return base.isEmpty() ? key : base + QLatin1Char('.') + key;
    }
    static QString at(const QString& base, qsizetype index)
    {
        return base + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
    }

    // Unknown fields and missing required ones.
    void fields(const QJsonObject& o, const QString& path, Names allowed, Names required)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString& key = it.key();
            const bool known = std::any_of(allowed.begin(), allowed.end(),
                                           [&](const char* a) { return key == QLatin1String(a); });
            if (!known)
                add(at(path, visibleText(key)),
                    QCoreApplication::translate(
                        "ow::CatalogueJson",
                        "Unknown field %1 (a misspelt field would silently drop a rule).")
                        .arg(CatalogueNames::quoted(key)));
        }
        for (const char* r : required)
            if (!o.contains(QLatin1String(r)))
                add(at(path, QLatin1String(r)),
                    QCoreApplication::translate("ow::CatalogueJson",
                                                "The required field %1 is missing.")
                        .arg(QLatin1String(r)));
    }

    void wrongType(const QString& path, const QString& what)
    {
        add(path, QCoreApplication::translate("ow::CatalogueJson", "%1 must be %2.")
                      .arg(CatalogueValidator::fieldOf(path), what));
    }

    bool string(const QJsonObject& o, const QString& base, const char* key, QString& out)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return false;
        if (!v.isString()) {
            wrongType(at(base, QLatin1String(key)),
                      QCoreApplication::translate("ow::CatalogueJson", "a string"));
            return false;
        }
        out = v.toString();
        return true;
    }

    bool integer(const QJsonObject& o, const QString& base, const char* key, int& out)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return false;
        const double d = v.toDouble();
        if (!v.isDouble() || !std::isfinite(d) || std::floor(d) != d) {
            wrongType(at(base, QLatin1String(key)),
                      QCoreApplication::translate("ow::CatalogueJson", "an integer"));
            return false;
        }
        // Out of range values stay out of range for the validator to name.
        constexpr double lo = std::numeric_limits<int>::min();
        constexpr double hi = std::numeric_limits<int>::max();
        out = d < lo ? std::numeric_limits<int>::min()
                     : (d > hi ? std::numeric_limits<int>::max() : int(d));
        return true;
    }

    bool number(const QJsonObject& o, const QString& base, const char* key, double& out)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return false;
        if (!v.isDouble()) {
            wrongType(at(base, QLatin1String(key)),
                      QCoreApplication::translate("ow::CatalogueJson", "a number"));
            return false;
        }
        out = v.toDouble();
        return true;
    }

    bool boolean(const QJsonObject& o, const QString& base, const char* key, bool& out)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return false;
        if (!v.isBool()) {
            wrongType(at(base, QLatin1String(key)),
                      QCoreApplication::translate("ow::CatalogueJson", "true or false"));
            return false;
        }
        out = v.toBool();
        return true;
    }

    bool array(const QJsonObject& o, const QString& base, const char* key, QJsonArray& out)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return false;
        if (!v.isArray()) {
            wrongType(at(base, QLatin1String(key)),
                      QCoreApplication::translate("ow::CatalogueJson", "an array"));
            return false;
        }
        out = v.toArray();
        return true;
    }

    bool strings(const QJsonObject& o, const QString& base, const char* key, QStringList& out)
    {
        QJsonArray a;
        if (!array(o, base, key, a))
            return false;
        out.clear();
        const QString path = at(base, QLatin1String(key));
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (a[i].isString())
                out << a[i].toString();
            else
                wrongType(at(path, i),
                          QCoreApplication::translate("ow::CatalogueJson", "a string"));
        }
        return true;
    }

    template <typename E>
    bool word(const QJsonObject& o, const QString& base, const char* key,
              std::optional<E> (*parse)(const QString&), const QStringList& allowed, E& out)
    {
        QString s;
        if (!string(o, base, key, s))
            return false;
        const auto v = parse(s);
        if (!v) {
            add(at(base, QLatin1String(key)), CatalogueNames::notOneOf(s, allowed));
            return false;
        }
        out = *v;
        return true;
    }

    // An array of words naming flags; absent leaves `out` unchanged.
    template <typename E>
    void flags(const QJsonObject& o, const QString& base, const char* key,
               std::optional<E> (*parse)(const QString&), const QStringList& allowed, int& out)
    {
        QStringList list;
        if (!strings(o, base, key, list))
            return;
        out = 0;
        for (qsizetype i = 0; i < list.size(); ++i) {
            const auto v = parse(list[i]);
            if (v)
                out |= int(*v);
            else
                add(at(at(base, QLatin1String(key)), i),
                    CatalogueNames::notOneOf(list[i], allowed));
        }
    }

    void date(const QJsonObject& o, const QString& base, const char* key, QDate& out)
    {
        QString s;
        if (!string(o, base, key, s))
            return;
        const auto d = CatalogueNames::date(s);
        if (d)
            out = *d;
        else
            add(at(base, QLatin1String(key)),
                QCoreApplication::translate("ow::CatalogueJson",
                                            "%1 must be a date written YYYY-MM-DD.")
                    .arg(CatalogueNames::quoted(s)));
    }

    // Each element of an array of objects, read by `read`.
    template <typename T, typename F>
    QList<T> objects(const QJsonObject& o, const QString& base, const char* key, F read)
    {
        QList<T> out;
        QJsonArray a;
        if (!array(o, base, key, a))
            return out;
        const QString path = at(base, QLatin1String(key));
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a[i].isObject()) {
                wrongType(at(path, i),
                          QCoreApplication::translate("ow::CatalogueJson", "an object"));
                continue;
            }
            out << read(a[i].toObject(), at(path, i));
        }
        return out;
    }

    Material material(const QJsonObject& o, const QString& p)
    {
        fields(o, p,
               {"id", "name", "form", "copies", "requirement", "condition", "source", "reusable",
                "note"},
               {"id", "name", "form", "requirement"});
        Material m;
        string(o, p, "id", m.id);
        string(o, p, "name", m.name);
        word(o, p, "form", CatalogueNames::materialForm, CatalogueNames::materialForms(), m.form);
        integer(o, p, "copies", m.copies);
        string(o, p, "condition", m.condition);
        if (!word(o, p, "requirement", CatalogueNames::requirement, CatalogueNames::requirements(),
                  m.requirement))
            // Unreadable: assume what the condition says, so it is not also reported.
            m.requirement =
                m.condition.isEmpty() ? Requirement::Required : Requirement::Conditional;
        word(o, p, "source", CatalogueNames::materialSource, CatalogueNames::materialSources(),
             m.source);
        boolean(o, p, "reusable", m.reusable);
        string(o, p, "note", m.note);
        return m;
    }

    FormField formField(const QJsonObject& o, const QString& p)
    {
        fields(o, p, {"key", "label", "type", "required", "pattern", "options", "prefill"},
               {"key", "label", "type"});
        FormField f;
        string(o, p, "key", f.key);
        string(o, p, "label", f.label);
        if (!word(o, p, "type", CatalogueNames::fieldType, CatalogueNames::fieldTypes(), f.type) &&
            o.contains(QLatin1String("options")))
            f.type = FieldType::Choice; // not also "options on a non-choice field"
        boolean(o, p, "required", f.required);
        string(o, p, "pattern", f.pattern);
        strings(o, p, "options", f.options);
        string(o, p, "prefill", f.prefill);
        return f;
    }

    Item item(const QJsonObject& o, const QString& p)
    {
        fields(o, p,
               {"code",
                "name",
                "shortName",
                "keywords",
                "category",
                "theme",
                "department",
                "itemType",
                "handling",
                "legalLimitDays",
                "promisedLimitDays",
                "visits",
                "feeYuan",
                "feeNote",
                "levels",
                "universal",
                "acceptanceConditions",
                "legalBasis",
                "result",
                "delivery",
                "materials",
                "form",
                "related",
                "version",
                "effectiveFrom",
                "effectiveTo",
                "active"},
               {"code", "name", "category", "department", "itemType", "handling", "legalLimitDays",
                "promisedLimitDays", "visits", "levels", "materials"});
        Item it;
        string(o, p, "code", it.code);
        string(o, p, "name", it.name);
        string(o, p, "shortName", it.shortName);
        strings(o, p, "keywords", it.keywords);
        string(o, p, "category", it.category);
        string(o, p, "theme", it.theme);
        string(o, p, "department", it.department);
        string(o, p, "itemType", it.itemType);
        word(o, p, "handling", CatalogueNames::handling, CatalogueNames::handlings(), it.handling);
        integer(o, p, "legalLimitDays", it.legalLimitDays);
        integer(o, p, "promisedLimitDays", it.promisedLimitDays);
        integer(o, p, "visits", it.visits);
        number(o, p, "feeYuan", it.feeYuan);
        string(o, p, "feeNote", it.feeNote);
        it.levels = int(Level::City); // only when "levels" is missing, reported above
        flags(o, p, "levels", CatalogueNames::level, CatalogueNames::levelNames(), it.levels);
        boolean(o, p, "universal", it.universal);
        string(o, p, "acceptanceConditions", it.acceptanceConditions);
        string(o, p, "legalBasis", it.legalBasis);
        string(o, p, "result", it.result);
        flags(o, p, "delivery", CatalogueNames::delivery, CatalogueNames::deliveryNames(),
              it.delivery);
        it.materials =
            objects<Material>(o, p, "materials", [this](const QJsonObject& m, const QString& mp) {
                return material(m, mp);
            });
        it.form = objects<FormField>(o, p, "form", [this](const QJsonObject& f, const QString& fp) {
            return formField(f, fp);
        });
        strings(o, p, "related", it.related);
        integer(o, p, "version", it.version);
        date(o, p, "effectiveFrom", it.effectiveFrom);
        date(o, p, "effectiveTo", it.effectiveTo);
        boolean(o, p, "active", it.active);
        return it;
    }

    JointItem joint(const QJsonObject& o, const QString& p)
    {
        fields(o, p,
               {"code", "name", "shortName", "keywords", "category", "theme", "members",
                "promisedLimitDays", "version", "active"},
               {"code", "name", "category", "members", "promisedLimitDays"});
        JointItem j;
        string(o, p, "code", j.code);
        string(o, p, "name", j.name);
        string(o, p, "shortName", j.shortName);
        strings(o, p, "keywords", j.keywords);
        string(o, p, "category", j.category);
        string(o, p, "theme", j.theme);
        strings(o, p, "members", j.members);
        integer(o, p, "promisedLimitDays", j.promisedLimitDays);
        integer(o, p, "version", j.version);
        boolean(o, p, "active", j.active);
        return j;
    }

    RelatedRule rule(const QJsonObject& o, const QString& p)
    {
        fields(o, p, {"whenItem", "condition", "suggest", "reason"},
               {"whenItem", "condition", "suggest", "reason"});
        RelatedRule r;
        string(o, p, "whenItem", r.whenItem);
        string(o, p, "condition", r.condition);
        string(o, p, "suggest", r.suggest);
        string(o, p, "reason", r.reason);
        return r;
    }

    Catalogue catalogue(const QJsonObject& o)
    {
        fields(o, QString(), {"format", "formatVersion", "items", "jointItems", "relatedRules"},
               {"format", "formatVersion", "items"});
        QString format;
        if (string(o, QString(), "format", format) &&
            format != QLatin1String("onewindow-catalogue"))
            add(QStringLiteral("format"),
                QCoreApplication::translate("ow::CatalogueJson",
                                            "format must be \"onewindow-catalogue\"; it is %1.")
                    .arg(CatalogueNames::quoted(format)));
        int version = 1;
        if (integer(o, QString(), "formatVersion", version) && version != 1)
            add(QStringLiteral("formatVersion"),
                QCoreApplication::translate(
                    "ow::CatalogueJson",
                    "formatVersion %1 is not supported; this program reads version 1.")
                    .arg(version));
        Catalogue c;
        c.items =
            objects<Item>(o, QString(), "items",
                          [this](const QJsonObject& x, const QString& p) { return item(x, p); });
        c.jointItems = objects<JointItem>(
            o, QString(), "jointItems",
            [this](const QJsonObject& x, const QString& p) { return joint(x, p); });
        c.rules = objects<RelatedRule>(
            o, QString(), "relatedRules",
            [this](const QJsonObject& x, const QString& p) { return rule(x, p); });
        return c;
    }
};

Error errorFrom(const QList<CatalogueIssue>& issues, const JsonLineMap* lines)
{
    struct Located
    {
        int line;
        Problem problem;
    };
    QList<Located> located;
    for (const CatalogueIssue& i : issues) {
        const int line = i.line > 0 ? i.line : lines ? lines->line(i.path) : 0;
        QString where = i.path;
        if (line > 0)
            where = QCoreApplication::translate("ow::CatalogueJson", "%1 (line %2)")
                        .arg(i.path.isEmpty()
                                 ? QCoreApplication::translate("ow::CatalogueJson", "the document")
                                 : i.path)
                        .arg(line);
        located.append({line, Problem{where, i.field, i.message}});
    }
    std::stable_sort(located.begin(), located.end(),
                     [](const Located& a, const Located& b) { return a.line < b.line; });
    QList<Problem> problems;
    for (const Located& l : located)
        problems.append(l.problem);
    return Error::invalid(QCoreApplication::translate("ow::CatalogueJson",
                                                      "The catalogue has %n problem(s).", nullptr,
                                                      int(problems.size())),
                          problems);
}

template <typename T, typename F> Result<T> readOne(const QJsonObject& o, F read)
{
    Reader r;
    T value = read(r, o);
    if (!r.issues.isEmpty())
        return errorFrom(r.issues, nullptr);
    return value;
}

} // namespace

Result<Catalogue> CatalogueJson::parse(const QByteArray& input,
                                       const CatalogueValidator::Known& known)
{
    if (input.size() > kMaxFileBytes)
        return Error::invalid(tr("The catalogue is larger than %1 MB and was not read.")
                                  .arg(kMaxFileBytes / (1024 * 1024)));
    QByteArray json = input;
    if (json.startsWith("\xEF\xBB\xBF"))
        json.remove(0, 3);
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError) {
        const auto [line, column] = JsonLineMap::lineColumn(json, pe.offset);
        const QString where = tr("line %1, column %2").arg(line).arg(column);
        const QString msg = tr("The file is not valid JSON: %1.").arg(pe.errorString());
        return Error::invalid(tr("The file is not valid JSON (line %1, column %2): %3.")
                                  .arg(line)
                                  .arg(column)
                                  .arg(pe.errorString()),
                              {Problem{where, QString(), msg}});
    }
    const JsonLineMap lines(json);
    Reader r;
    for (const JsonLineMap::Duplicate& d : lines.duplicates()) {
        r.add(visibleText(d.path), tr("The field %1 is given twice in the same object.")
                                       .arg(visibleText(CatalogueValidator::fieldOf(d.path))));
        r.issues.last().line = d.line;
    }
    if (!doc.isObject()) {
        r.add(QString(), tr("A catalogue is a JSON object."));
        return errorFrom(r.issues, &lines);
    }
    Catalogue c = r.catalogue(doc.object());
    CatalogueValidator::merge(r.issues, CatalogueValidator::validate(c, known));
    if (!r.issues.isEmpty())
        return errorFrom(r.issues, &lines);
    return c;
}

Result<Catalogue> CatalogueJson::readFile(const QString& path,
                                          const CatalogueValidator::Known& known)
{
    const QFileInfo fi(path);
    if (!fi.exists() || fi.isDir())
        return Error::notFound(tr("The catalogue file %1 does not exist.").arg(path));
    if (fi.size() > kMaxFileBytes)
        return Error::invalid(tr("The catalogue file %1 is larger than %2 MB and was not read.")
                                  .arg(path)
                                  .arg(kMaxFileBytes / (1024 * 1024)));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::invalid(
            tr("The catalogue file %1 cannot be read: %2").arg(path, f.errorString()));
    const QByteArray data = f.read(kMaxFileBytes + 1);
    return parse(data, known);
}

Result<Item> CatalogueJson::itemFromJson(const QJsonObject& object)
{
    return readOne<Item>(
        object, [](Reader& r, const QJsonObject& o) { return r.item(o, QStringLiteral("item")); });
}

Result<JointItem> CatalogueJson::jointItemFromJson(const QJsonObject& object)
{
    return readOne<JointItem>(object, [](Reader& r, const QJsonObject& o) {
        return r.joint(o, QStringLiteral("jointItem"));
    });
}

} // namespace ow
