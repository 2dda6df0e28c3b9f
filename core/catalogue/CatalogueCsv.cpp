#include "catalogue/CatalogueCsv.h"

#include "catalogue/CatalogueJson.h"
#include "catalogue/CatalogueNames.h"
#include "text/TextRules.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
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

    static QStringList list(const QString& cell)
    {
        QStringList out;
        for (const QString& part : cell.split(QLatin1Char(';'))) {
            const QString t = part.trimmed();
            if (!t.isEmpty())
                out << t;
        }
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
        m.condition = t.value(r, "condition").trimmed();
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

const QStringList& CatalogueCsv::itemColumns()
{
    static const QStringList cols =
        QStringLiteral("code name shortName keywords category theme department itemType handling "
                       "legalLimitDays "
                       "promisedLimitDays visits feeYuan feeNote levels universal "
                       "acceptanceConditions legalBasis "
                       "result delivery related version effectiveFrom effectiveTo active")
            .split(QLatin1Char(' '));
    return cols;
}

const QStringList& CatalogueCsv::materialColumns()
{
    static const QStringList cols =
        QStringLiteral("itemCode id name form copies requirement condition source reusable note")
            .split(QLatin1Char(' '));
    return cols;
}

Result<QList<CatalogueCsv::Record>> CatalogueCsv::records(const QByteArray& data,
                                                          const QString& fileName)
{
    QString text = QString::fromUtf8(data);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    QList<Record> out;
    Record current;
    QString field;
    int line = 1;
    bool inQuotes = false;
    bool quoted = false; // the current field was quoted
    bool any = false;    // the current record has content
    current.line = 1;
    auto endField = [&]() {
        current.fields << field;
        field.clear();
        quoted = false;
    };
    auto endRecord = [&]() {
        endField();
        if (any)
            out << current;
        current = Record();
        current.line = line;
        any = false;
    };
    const qsizetype n = text.size();
    int quoteLine = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text[i];
        if (inQuotes) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < n && text[i + 1] == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    inQuotes = false;
                    const QChar next = i + 1 < n ? text[i + 1] : QLatin1Char('\n');
                    if (next != QLatin1Char(',') && next != QLatin1Char('\n') &&
                        next != QLatin1Char('\r'))
                        return Error::invalid(tr("The CSV file is malformed."),
                                              {problemAt(fileName, line, QString(),
                                                         tr("Text after a closing quote; a quote "
                                                            "inside a quoted field is written "
                                                            "\"\"."))});
                }
            } else if (c == QLatin1Char('\r') && i + 1 < n && text[i + 1] == QLatin1Char('\n')) {
                continue; // a line break in a field is LF, whatever the file's line ends
            } else {
                if (c == QLatin1Char('\n'))
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char(',')) {
            endField();
            any = true;
        } else if (c == QLatin1Char('\r') && i + 1 < n && text[i + 1] == QLatin1Char('\n')) {
            continue;
        } else if (c == QLatin1Char('\n')) {
            ++line;
            endRecord();
        } else if (c == QLatin1Char('"')) {
            if (!field.isEmpty() || quoted)
                return Error::invalid(tr("The CSV file is malformed."),
                                      {problemAt(fileName, line, QString(),
                                                 tr("A quote inside an unquoted field; quote the "
                                                    "whole field and double the quote."))});
            inQuotes = true;
            quoted = true;
            any = true;
            quoteLine = line;
        } else {
            field += c;
            any = true;
        }
    }
    if (inQuotes)
        return Error::invalid(
            tr("The CSV file is malformed."),
            {problemAt(fileName, quoteLine, QString(), tr("A quoted field is not closed."))});
    endRecord();
    return out;
}

Result<Catalogue> CatalogueCsv::readFile(const QString& itemsCsvPath,
                                         const CatalogueValidator::Known& known)
{
    const QFileInfo fi(itemsCsvPath);
    const QString materialsPath = fi.dir().filePath(QStringLiteral("materials.csv"));
    QList<Problem> problems;
    const QByteArray items = readAll(itemsCsvPath, problems);
    const QByteArray materials = readAll(materialsPath, problems);
    if (!problems.isEmpty())
        return errorOf(problems);
    return parse(items, materials, known, fi.fileName(), QStringLiteral("materials.csv"));
}

Result<Catalogue> CatalogueCsv::parse(const QByteArray& itemsCsv, const QByteArray& materialsCsv,
                                      const CatalogueValidator::Known& known,
                                      const QString& itemsName, const QString& materialsName)
{
    QList<Problem> problems;
    auto itemRecords = records(itemsCsv, itemsName);
    auto materialRecords = records(materialsCsv, materialsName);
    for (const auto* r : {&itemRecords, &materialRecords})
        if (!*r)
            problems << r->error().problems;
    if (!problems.isEmpty())
        return errorOf(problems);

    Table items{itemsName, {}, {}};
    Table materials{materialsName, {}, {}};
    load(items, itemRecords.value(), itemColumns(),
         QStringLiteral("code name category department itemType handling legalLimitDays "
                        "promisedLimitDays visits levels")
             .split(QLatin1Char(' ')),
         problems);
    load(materials, materialRecords.value(), materialColumns(),
         QStringLiteral("itemCode id name form requirement").split(QLatin1Char(' ')), problems);
    if (!problems.isEmpty())
        return errorOf(problems);

    Converter conv;
    Catalogue c;
    QHash<QString, qsizetype> byCode;
    QList<QList<int>> materialLines; // [item][material] -> line in materials.csv
    for (qsizetype r = 0; r < items.rows.size(); ++r) {
        c.items << conv.item(items, r, QStringLiteral("items[%1]").arg(r));
        materialLines << QList<int>();
        byCode.insert(c.items.last().code, r); // a duplicate is reported by the validator
    }
    for (qsizetype r = 0; r < materials.rows.size(); ++r) {
        const QString code = materials.value(r, "itemCode").trimmed();
        const auto it = byCode.constFind(code);
        if (it == byCode.constEnd()) {
            problems << problemAt(
                materialsName, materials.rows[r].line, QStringLiteral("itemCode"),
                tr("The item %1 is not in %2.").arg(CatalogueNames::quoted(code), itemsName));
            continue;
        }
        Item& item = c.items[it.value()];
        const QString path =
            QStringLiteral("items[%1].materials[%2]").arg(it.value()).arg(item.materials.size());
        item.materials << conv.material(materials, r, path);
        materialLines[it.value()] << materials.rows[r].line;
    }
    CatalogueValidator::merge(conv.issues, CatalogueValidator::validate(c, known));

    // items[i](.materials[j])?.field([k])? -> file:line: column
    static const QRegularExpression re(
        QStringLiteral("^items\\[(\\d+)\\](?:\\.materials\\[(\\d+)\\])?(?:\\.(\\w+))?"));
    for (const CatalogueIssue& issue : conv.issues) {
        const auto m = re.match(issue.path);
        if (!m.hasMatch()) {
            problems << Problem{itemsName, issue.field, issue.message};
            continue;
        }
        const qsizetype i = m.captured(1).toLongLong();
        QString column = m.captured(3);
        if (m.capturedLength(2) > 0) {
            const qsizetype j = m.captured(2).toLongLong();
            problems << problemAt(materialsName, materialLines.value(i).value(j), column,
                                  issue.message);
        } else {
            if (column == QLatin1String("materials"))
                column.clear();
            problems << problemAt(itemsName, items.rows.value(i).line, column, issue.message);
        }
    }
    if (!problems.isEmpty())
        return errorOf(problems);
    return c;
}

} // namespace ow
