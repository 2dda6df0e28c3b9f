#include "catalogue/CatalogueCsv.h"

#include "catalogue/CatalogueJson.h"
#include "catalogue/CatalogueNames.h"
#include "text/TextRules.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLocale>
#include <QRegularExpression>
#include <QSaveFile>
#include <algorithm>
#include <limits>
#include <optional>

namespace ow {

namespace {

QString tr(const char* s, int n = -1)
{
    return QCoreApplication::translate("ow::CatalogueCsv", s, nullptr, n);
}

Problem problemAt(const QString& file, int line, const QString& column, const QString& message)
{
    QString where = file + QLatin1Char(':') + QString::number(line);
    if (!column.isEmpty())
        where += QStringLiteral(": ") + column;
    return Problem{where, column, message};
}

// One CSV file with its header: values by column name.
struct Table
{
    QString file;
    QList<CatalogueCsv::Record> rows;
    QHash<QString, qsizetype> columns;

    QString value(qsizetype row, const char* column) const
    {
        const auto it = columns.constFind(QLatin1String(column));
        if (it == columns.constEnd())
            return {};
        const QStringList& f = rows[row].fields;
        return it.value() < f.size() ? f[it.value()] : QString();
    }
};

// Checks the header, the field counts, and fills `table`.
void load(Table& table, const QList<CatalogueCsv::Record>& records, const QStringList& known,
          const QStringList& required, QList<Problem>& problems)
{
    if (records.isEmpty()) {
        problems << problemAt(
            table.file, 1, QString(),
            QCoreApplication::translate("ow::CatalogueCsv", "The file has no header row."));
        return;
    }
    const CatalogueCsv::Record& header = records.first();
    for (qsizetype i = 0; i < header.fields.size(); ++i) {
        const QString name = header.fields[i].trimmed();
        if (!known.contains(name))
            problems << problemAt(
                table.file, header.line, visibleText(name),
                QCoreApplication::translate("ow::CatalogueCsv",
                                            "Unknown column %1; the columns are: %2.")
                    .arg(CatalogueNames::quoted(name), known.join(QStringLiteral(", "))));
        else if (table.columns.contains(name))
            problems << problemAt(
                table.file, header.line, name,
                QCoreApplication::translate("ow::CatalogueCsv", "The column is given twice."));
        else
            table.columns.insert(name, i);
    }
    for (const QString& r : required)
        if (!table.columns.contains(r))
            problems << problemAt(table.file, header.line, r,
                                  QCoreApplication::translate("ow::CatalogueCsv",
                                                              "The required column %1 is missing.")
                                      .arg(r));
    for (qsizetype i = 1; i < records.size(); ++i) {
        if (records[i].fields.size() != header.fields.size()) {
            problems << problemAt(
                table.file, records[i].line, QString(),
                QCoreApplication::translate("ow::CatalogueCsv",
                                            "The row has %1 fields; the header has %2.")
                    .arg(records[i].fields.size())
                    .arg(header.fields.size()));
            continue;
        }
        table.rows << records[i];
    }
}

// Converts cells to values, noting problems as issues at catalogue paths.
struct Converter
{
    QList<CatalogueIssue> issues;

    void add(const QString& path, const QString& message)
    {
        issues.append({path, CatalogueValidator::fieldOf(path), message});
    }

    static QString at(const QString& base, const char* field)
    {
        return base + QLatin1Char('.') + QLatin1String(field);
    }

    void integer(const QString& base, const char* field, const QString& cell, int& out,
                 bool required)
    {
        const QString s = cell.trimmed();
        if (s.isEmpty()) {
            if (required)
                add(at(base, field),
                    QCoreApplication::translate("ow::CatalogueCsv", "%1 is required.")
                        .arg(QLatin1String(field)));
            return;
        }
        bool ok = false;
        const qlonglong v = s.toLongLong(&ok);
        if (!ok) {
            add(at(base, field),
                QCoreApplication::translate("ow::CatalogueCsv", "%1 must be an integer; it is %2.")
                    .arg(QLatin1String(field), CatalogueNames::quoted(s)));
            return;
        }
        out = int(std::clamp<qlonglong>(v, std::numeric_limits<int>::min(),
                                        std::numeric_limits<int>::max()));
    }

    void boolean(const QString& base, const char* field, const QString& cell, bool& out)
    {
        const QString s = cell.trimmed();
        if (s.isEmpty())
            return;
        if (s == QLatin1String("0") || s == QLatin1String("1"))
            out = s == QLatin1String("1");
        else
            add(at(base, field),
                QCoreApplication::translate("ow::CatalogueCsv", "%1 must be 0 or 1; it is %2.")
                    .arg(QLatin1String(field), CatalogueNames::quoted(s)));
    }

    template <typename E>
    bool word(const QString& base, const char* field, const QString& cell,
              std::optional<E> (*parse)(const QString&), const QStringList& allowed, E& out,
              bool required)
    {
        const QString s = cell.trimmed();
        if (s.isEmpty()) {
            if (required)
                add(at(base, field),
                    QCoreApplication::translate("ow::CatalogueCsv", "%1 is required.")
                        .arg(QLatin1String(field)));
            return false;
        }
        const auto v = parse(s);
        if (!v) {
            add(at(base, field), CatalogueNames::notOneOf(s, allowed));
            return false;
        }
        out = *v;
        return true;
    }

    // A ';'-separated list: "\;" is a ';' of an entry, "\\" a '\'.
    static QStringList list(const QString& cell)
    {
        QStringList out;
        QString entry;
        const auto end = [&]() {
            const QString t = entry.trimmed();
            if (!t.isEmpty())
                out << t;
            entry.clear();
        };
        for (qsizetype i = 0; i < cell.size(); ++i) {
            const QChar c = cell[i];
            if (c == QLatin1Char('\\') && i + 1 < cell.size() &&
                (cell[i + 1] == QLatin1Char(';') || cell[i + 1] == QLatin1Char('\\')))
                entry += cell[++i];
            else if (c == QLatin1Char(';'))
                end();
            else
                entry += c;
        }
        end();
        return out;
    }

    template <typename E>
    void flags(const QString& base, const char* field, const QString& cell,
               std::optional<E> (*parse)(const QString&), const QStringList& allowed, int& out)
    {
        if (cell.trimmed().isEmpty())
            return;
        out = 0;
        const QStringList words = list(cell);
        for (qsizetype i = 0; i < words.size(); ++i) {
            const auto v = parse(words[i]);
            if (v)
                out |= int(*v);
            else
                add(at(base, field) + QStringLiteral("[%1]").arg(i),
                    CatalogueNames::notOneOf(words[i], allowed));
        }
    }

    void date(const QString& base, const char* field, const QString& cell, QDate& out)
    {
        const QString s = cell.trimmed();
        if (s.isEmpty())
            return;
        const auto d = CatalogueNames::date(s);
        if (d)
            out = *d;
        else
            add(at(base, field), QCoreApplication::translate(
                                     "ow::CatalogueCsv", "%1 must be a date written YYYY-MM-DD.")
                                     .arg(CatalogueNames::quoted(s)));
    }

    Item item(const Table& t, qsizetype r, const QString& p)
    {
        Item it;
        it.code = t.value(r, "code").trimmed();
        it.name = t.value(r, "name");
        it.shortName = t.value(r, "shortName");
        it.keywords = list(t.value(r, "keywords"));
        it.category = t.value(r, "category");
        it.theme = t.value(r, "theme");
        it.department = t.value(r, "department");
        it.itemType = t.value(r, "itemType").trimmed();
        word(p, "handling", t.value(r, "handling"), CatalogueNames::handling,
             CatalogueNames::handlings(), it.handling, true);
        integer(p, "legalLimitDays", t.value(r, "legalLimitDays"), it.legalLimitDays, true);
        integer(p, "promisedLimitDays", t.value(r, "promisedLimitDays"), it.promisedLimitDays,
                true);
        integer(p, "visits", t.value(r, "visits"), it.visits, true);
        const QString fee = t.value(r, "feeYuan").trimmed();
        if (!fee.isEmpty()) {
            bool ok = false;
            it.feeYuan = fee.toDouble(&ok);
            if (!ok)
                add(at(p, "feeYuan"), QCoreApplication::translate(
                                          "ow::CatalogueCsv", "feeYuan must be a number; it is %1.")
                                          .arg(CatalogueNames::quoted(fee)));
        }
        it.feeNote = t.value(r, "feeNote");
        it.levels = 0;
        flags(p, "levels", t.value(r, "levels"), CatalogueNames::level,
              CatalogueNames::levelNames(), it.levels);
        boolean(p, "universal", t.value(r, "universal"), it.universal);
        it.acceptanceConditions = t.value(r, "acceptanceConditions");
        it.legalBasis = t.value(r, "legalBasis");
        it.result = t.value(r, "result");
        flags(p, "delivery", t.value(r, "delivery"), CatalogueNames::delivery,
              CatalogueNames::deliveryNames(), it.delivery);
        it.related = list(t.value(r, "related"));
        integer(p, "version", t.value(r, "version"), it.version, false);
        date(p, "effectiveFrom", t.value(r, "effectiveFrom"), it.effectiveFrom);
        date(p, "effectiveTo", t.value(r, "effectiveTo"), it.effectiveTo);
        boolean(p, "active", t.value(r, "active"), it.active);
        return it;
    }

    Material material(const Table& t, qsizetype r, const QString& p)
    {
        Material m;
        m.id = t.value(r, "id").trimmed();
        m.name = t.value(r, "name");
        word(p, "form", t.value(r, "form"), CatalogueNames::materialForm,
             CatalogueNames::materialForms(), m.form, true);
        integer(p, "copies", t.value(r, "copies"), m.copies, false);
        m.condition = t.value(r, "condition");
        if (m.condition.trimmed().isEmpty())
            m.condition.clear();
        if (!word(p, "requirement", t.value(r, "requirement"), CatalogueNames::requirement,
                  CatalogueNames::requirements(), m.requirement, true))
            m.requirement =
                m.condition.isEmpty() ? Requirement::Required : Requirement::Conditional;
        word(p, "source", t.value(r, "source"), CatalogueNames::materialSource,
             CatalogueNames::materialSources(), m.source, false);
        boolean(p, "reusable", t.value(r, "reusable"), m.reusable);
        m.note = t.value(r, "note");
        return m;
    }

    FormField field(const Table& t, qsizetype r, const QString& p)
    {
        FormField f;
        f.key = t.value(r, "key").trimmed();
        f.label = t.value(r, "label");
        word(p, "type", t.value(r, "type"), CatalogueNames::fieldType, CatalogueNames::fieldTypes(),
             f.type, true);
        boolean(p, "required", t.value(r, "required"), f.required);
        f.pattern = t.value(r, "pattern");
        f.options = list(t.value(r, "options"));
        f.prefill = t.value(r, "prefill").trimmed();
        return f;
    }

    JointItem joint(const Table& t, qsizetype r, const QString& p)
    {
        JointItem j;
        j.code = t.value(r, "code").trimmed();
        j.name = t.value(r, "name");
        j.shortName = t.value(r, "shortName");
        j.keywords = list(t.value(r, "keywords"));
        j.category = t.value(r, "category");
        j.theme = t.value(r, "theme");
        j.members = list(t.value(r, "members"));
        integer(p, "promisedLimitDays", t.value(r, "promisedLimitDays"), j.promisedLimitDays, true);
        integer(p, "version", t.value(r, "version"), j.version, false);
        boolean(p, "active", t.value(r, "active"), j.active);
        return j;
    }

    static RelatedRule rule(const Table& t, qsizetype r)
    {
        return {t.value(r, "whenItem").trimmed(), t.value(r, "condition"),
                t.value(r, "suggest").trimmed(), t.value(r, "reason")};
    }
};

QByteArray readAll(const QString& path, QList<Problem>& problems)
{
    const QFileInfo fi(path);
    if (!fi.exists() || fi.isDir()) {
        problems << Problem{
            fi.fileName(), QString(),
            QCoreApplication::translate("ow::CatalogueCsv", "The file %1 does not exist.")
                .arg(path)};
        return {};
    }
    if (fi.size() > CatalogueJson::kMaxFileBytes) {
        problems << Problem{
            fi.fileName(), QString(),
            QCoreApplication::translate("ow::CatalogueCsv",
                                        "The file is larger than %1 MB and was not read.")
                .arg(CatalogueJson::kMaxFileBytes / (1024 * 1024))};
        return {};
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        problems << Problem{
            fi.fileName(), QString(),
            QCoreApplication::translate("ow::CatalogueCsv", "The file cannot be read: %1")
                .arg(f.errorString())};
        return {};
    }
    return f.readAll();
}

Error errorOf(const QList<Problem>& problems)
{
    return Error::invalid(QCoreApplication::translate("ow::CatalogueCsv",
                                                      "The catalogue has %n problem(s).", nullptr,
                                                      int(problems.size())),
                          problems);
}

} // namespace

Result<Catalogue> CatalogueCsv::readFile(const QString& itemsCsvPath,
                                         const CatalogueValidator::Known& known,
                                         TextEncoding encoding)
{
    const QFileInfo fi(itemsCsvPath);
    QList<Problem> problems;
    QMap<QString, QByteArray> files;
    files.insert(kItems, readAll(itemsCsvPath, problems));
    files.insert(kMaterials, readAll(fi.dir().filePath(kMaterials), problems));
    if (!QFileInfo::exists(fi.dir().filePath(kForms)))
        problems << Problem{kForms, QString(),
                            tr("The file %1 does not exist. The forms of the items are in "
                               "forms.csv beside %2: write its header row alone when no item "
                               "has a form.")
                                .arg(fi.dir().filePath(kForms), fi.fileName())};
    else
        files.insert(kForms, readAll(fi.dir().filePath(kForms), problems));
    for (const QString& name : {kJointItems, kRules})
        if (QFileInfo::exists(fi.dir().filePath(name)))
            files.insert(name, readAll(fi.dir().filePath(name), problems));
    if (!problems.isEmpty())
        return errorOf(problems);
    return parse(files, known, encoding, fi.fileName());
}

Result<Catalogue> CatalogueCsv::parse(const QByteArray& itemsCsv, const QByteArray& materialsCsv,
                                      const CatalogueValidator::Known& known, TextEncoding encoding)
{
    return parse({{kItems, itemsCsv}, {kMaterials, materialsCsv}}, known, encoding);
}

Result<Catalogue> CatalogueCsv::parse(const QMap<QString, QByteArray>& files,
                                      const CatalogueValidator::Known& known, TextEncoding encoding,
                                      const QString& itemsName)
{
    struct Spec
    {
        QString key;
        QString name;
        const QStringList& columns;
        QString required;
        Table table;
    };
    Spec specs[] = {
        {kItems,
         itemsName,
         itemColumns(),
         QStringLiteral("code name category department itemType handling legalLimitDays "
                        "promisedLimitDays visits levels"),
         {}},
        {kMaterials,
         kMaterials,
         materialColumns(),
         QStringLiteral("itemCode id name form requirement"),
         {}},
        {kForms, kForms, formColumns(), QStringLiteral("itemCode key label type"), {}},
        {kJointItems,
         kJointItems,
         jointItemColumns(),
         QStringLiteral("code name category members promisedLimitDays"),
         {}},
        {kRules, kRules, ruleColumns(), QStringLiteral("whenItem condition suggest reason"), {}},
    };
    QList<Problem> problems;
    for (Spec& s : specs) {
        s.table.file = s.name;
        const auto it = files.constFind(s.key);
        if (it == files.constEnd())
            continue; // no rows
        auto recs = records(it.value(), s.name, encoding);
        if (!recs) {
            problems << recs.error().problems;
            continue;
        }
        load(s.table, recs.value(), s.columns, s.required.split(QLatin1Char(' ')), problems);
    }
    if (!problems.isEmpty())
        return errorOf(problems);
    const Table& items = specs[0].table;
    const Table& materials = specs[1].table;
    const Table& forms = specs[2].table;
    const Table& joints = specs[3].table;
    const Table& rules = specs[4].table;

    Converter conv;
    Catalogue c;
    QHash<QString, qsizetype> byCode;
    QList<QList<int>> materialLines; // [item][material] -> line in materials.csv
    QList<QList<int>> fieldLines;    // [item][field] -> line in forms.csv
    QList<bool> noMaterials;
    for (qsizetype r = 0; r < items.rows.size(); ++r) {
        const QString p = QStringLiteral("items[%1]").arg(r);
        c.items << conv.item(items, r, p);
        materialLines << QList<int>();
        fieldLines << QList<int>();
        bool none = false;
        conv.boolean(p, "noMaterials", items.value(r, "noMaterials"), none);
        noMaterials << none;
        byCode.insert(c.items.last().code, r); // a duplicate is reported by the validator
    }
    // The item of a row of materials.csv or forms.csv, or a problem.
    const auto itemOf = [&](const Table& t, qsizetype r) -> qsizetype {
        const QString code = t.value(r, "itemCode").trimmed();
        const auto it = byCode.constFind(code);
        if (it != byCode.constEnd())
            return it.value();
        problems << problemAt(
            t.file, t.rows[r].line, QStringLiteral("itemCode"),
            tr("The item %1 is not in %2.").arg(CatalogueNames::quoted(code), itemsName));
        return -1;
    };
    for (qsizetype r = 0; r < materials.rows.size(); ++r) {
        const qsizetype i = itemOf(materials, r);
        if (i < 0)
            continue;
        Item& item = c.items[i];
        const QString path =
            QStringLiteral("items[%1].materials[%2]").arg(i).arg(item.materials.size());
        item.materials << conv.material(materials, r, path);
        materialLines[i] << materials.rows[r].line;
    }
    for (qsizetype r = 0; r < forms.rows.size(); ++r) {
        const qsizetype i = itemOf(forms, r);
        if (i < 0)
            continue;
        Item& item = c.items[i];
        const QString path = QStringLiteral("items[%1].form[%2]").arg(i).arg(item.form.size());
        item.form << conv.field(forms, r, path);
        fieldLines[i] << forms.rows[r].line;
    }
    // A checklist is never emptied by rows missing from materials.csv.
    for (qsizetype i = 0; i < c.items.size(); ++i) {
        const QString code = CatalogueNames::quoted(c.items[i].code);
        if (c.items[i].materials.isEmpty() && !noMaterials[i])
            problems << problemAt(
                itemsName, items.rows[i].line, QStringLiteral("code"),
                tr("The item %1 has no row in %2. If it asks for no material, write 1 in its "
                   "noMaterials column; otherwise %2 is incomplete.")
                    .arg(code, kMaterials));
        else if (!c.items[i].materials.isEmpty() && noMaterials[i])
            problems << problemAt(kMaterials, materialLines[i].first(), QStringLiteral("itemCode"),
                                  tr("The item %1 has materials here, but noMaterials = 1 in %2.")
                                      .arg(code, itemsName));
    }
    for (qsizetype r = 0; r < joints.rows.size(); ++r)
        c.jointItems << conv.joint(joints, r, QStringLiteral("jointItems[%1]").arg(r));
    for (qsizetype r = 0; r < rules.rows.size(); ++r)
        c.rules << Converter::rule(rules, r);
    CatalogueValidator::merge(conv.issues, CatalogueValidator::validate(c, known));

    // items[i](.materials[j]|.form[j])?.field([k])? -> file:line: column
    static const QRegularExpression itemPath(
        QStringLiteral("^items\\[(\\d+)\\](?:\\.(materials|form)\\[(\\d+)\\])?(?:\\.(\\w+))?"));
    static const QRegularExpression otherPath(
        QStringLiteral("^(jointItems|relatedRules)\\[(\\d+)\\](?:\\.(\\w+))?"));
    for (const CatalogueIssue& issue : conv.issues) {
        if (const auto m = otherPath.match(issue.path); m.hasMatch()) {
            const Table& t = m.captured(1) == QLatin1String("jointItems") ? joints : rules;
            problems << problemAt(t.file, t.rows.value(m.captured(2).toLongLong()).line,
                                  m.captured(3), issue.message);
            continue;
        }
        const auto m = itemPath.match(issue.path);
        if (!m.hasMatch()) {
            problems << Problem{itemsName, issue.field, issue.message};
            continue;
        }
        const qsizetype i = m.captured(1).toLongLong();
        QString column = m.captured(4);
        if (m.capturedLength(3) > 0) {
            const qsizetype j = m.captured(3).toLongLong();
            const bool material = m.captured(2) == QLatin1String("materials");
            problems << problemAt(material ? kMaterials : kForms,
                                  (material ? materialLines : fieldLines).value(i).value(j), column,
                                  issue.message);
        } else {
            if (column == QLatin1String("materials") || column == QLatin1String("form"))
                column.clear();
            problems << problemAt(itemsName, items.rows.value(i).line, column, issue.message);
        }
    }
    if (!problems.isEmpty())
        return errorOf(problems);
    return c;
}

} // namespace ow
