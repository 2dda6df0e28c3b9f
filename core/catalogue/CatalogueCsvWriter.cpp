// Writing the CSV form of a catalogue (reading it: CatalogueCsv.cpp).
#include "catalogue/CatalogueCsv.h"
#include "catalogue/CatalogueNames.h"

#include <QCoreApplication>
#include <QDir>
#include <QLocale>
#include <QSaveFile>

namespace ow {

namespace {

QString tr(const char* s, int n = -1)
{
    return QCoreApplication::translate("ow::CatalogueCsv", s, nullptr, n);
}

// One cell as written: quoted when it holds a comma, a quote, a line break
// or a space at either end.
QString cell(const QString& s)
{
    const bool quote = s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) ||
                       s.contains(QLatin1Char('\n')) || s.contains(QLatin1Char('\r')) ||
                       (!s.isEmpty() && (s.front().isSpace() || s.back().isSpace()));
    if (!quote)
        return s;
    QString out = s;
    out.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + out + QLatin1Char('"');
}

// Writes the rows of one file.
class Writer
{
public:
    explicit Writer(const QStringList& columns) { row(columns); }

    void row(const QStringList& cells)
    {
        QStringList quoted;
        quoted.reserve(cells.size());
        for (const QString& c : cells)
            quoted << cell(c);
        m_text += quoted.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }

    QByteArray bytes() const { return QByteArray("\xEF\xBB\xBF") + m_text.toUtf8(); }

private:
    QString m_text;
};

QString flag(bool b)
{
    return b ? QStringLiteral("1") : QStringLiteral("0");
}

// A list cell; an entry CSV cannot hold (blank at either end) is a problem.
QString listCell(const QStringList& list, const QString& where, QList<Problem>& problems)
{
    QStringList out;
    for (const QString& e : list) {
        if (e.isEmpty() || e.front().isSpace() || e.back().isSpace())
            problems << Problem{where, QString(),
                                QCoreApplication::translate(
                                    "ow::CatalogueCsv",
                                    "The entry %1 begins or ends with a space, which CSV lists "
                                    "do not keep.")
                                    .arg(CatalogueNames::quoted(e))};
        QString escaped = e;
        escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        escaped.replace(QLatin1Char(';'), QStringLiteral("\\;"));
        out << escaped;
    }
    return out.join(QLatin1Char(';'));
}

} // namespace

Result<QMap<QString, QByteArray>> CatalogueCsv::write(const Catalogue& c)
{
    QList<Problem> problems;
    Writer items(itemColumns());
    Writer materials(materialColumns());
    Writer forms(formColumns());
    Writer joints(jointItemColumns());
    Writer rules(ruleColumns());
    for (qsizetype i = 0; i < c.items.size(); ++i) {
        const Item& it = c.items[i];
        const QString p = QStringLiteral("items[%1].").arg(i);
        items.row({it.code,
                   it.name,
                   it.shortName,
                   listCell(it.keywords, p + QStringLiteral("keywords"), problems),
                   it.category,
                   it.theme,
                   it.department,
                   it.itemType,
                   CatalogueNames::text(it.handling),
                   QString::number(it.legalLimitDays),
                   QString::number(it.promisedLimitDays),
                   QString::number(it.visits),
                   QString::number(it.feeYuan, 'g', QLocale::FloatingPointShortest),
                   it.feeNote,
                   CatalogueNames::levels(it.levels).join(QLatin1Char(';')),
                   flag(it.universal),
                   it.acceptanceConditions,
                   it.legalBasis,
                   it.result,
                   CatalogueNames::deliveries(it.delivery).join(QLatin1Char(';')),
                   listCell(it.related, p + QStringLiteral("related"), problems),
                   QString::number(it.version),
                   CatalogueNames::text(it.effectiveFrom),
                   CatalogueNames::text(it.effectiveTo),
                   flag(it.active),
                   flag(it.materials.isEmpty())});
        for (const Material& m : it.materials)
            materials.row({it.code, m.id, m.name, CatalogueNames::text(m.form),
                           QString::number(m.copies), CatalogueNames::text(m.requirement),
                           m.condition, CatalogueNames::text(m.source), flag(m.reusable), m.note});
        for (qsizetype k = 0; k < it.form.size(); ++k) {
            const FormField& f = it.form[k];
            forms.row({it.code, f.key, f.label, CatalogueNames::text(f.type), flag(f.required),
                       f.pattern,
                       listCell(f.options, p + QStringLiteral("form[%1].options").arg(k), problems),
                       f.prefill});
        }
    }
    for (qsizetype i = 0; i < c.jointItems.size(); ++i) {
        const JointItem& j = c.jointItems[i];
        const QString p = QStringLiteral("jointItems[%1].").arg(i);
        joints.row({j.code, j.name, j.shortName,
                    listCell(j.keywords, p + QStringLiteral("keywords"), problems), j.category,
                    j.theme, listCell(j.members, p + QStringLiteral("members"), problems),
                    QString::number(j.promisedLimitDays), QString::number(j.version),
                    flag(j.active)});
    }
    for (const RelatedRule& r : c.rules)
        rules.row({r.whenItem, r.condition, r.suggest, r.reason});
    if (!problems.isEmpty())
        return Error::invalid(tr("The catalogue cannot be written as CSV."), problems);
    return QMap<QString, QByteArray>{{kItems, items.bytes()},
                                     {kMaterials, materials.bytes()},
                                     {kForms, forms.bytes()},
                                     {kJointItems, joints.bytes()},
                                     {kRules, rules.bytes()}};
}

Status CatalogueCsv::writeFiles(const Catalogue& catalogue, const QString& dir)
{
    auto files = write(catalogue);
    if (!files)
        return files.error();
    if (!QDir().mkpath(dir))
        return Error::storage(tr("The folder %1 cannot be made.").arg(dir));
    for (auto it = files->constBegin(); it != files->constEnd(); ++it) {
        QSaveFile f(QDir(dir).filePath(it.key()));
        if (!f.open(QIODevice::WriteOnly) || f.write(it.value()) != it.value().size() ||
            !f.commit())
            return Error::storage(
                tr("%1 cannot be written: %2").arg(f.fileName(), f.errorString()));
    }
    return {};
}

} // namespace ow
