// `catalogue import FILE` and `catalogue export FILE`: the catalogue of this
// counter's store in and out, in the documented format
// (docs/catalogue-format.md), JSON or the CSV files (`export --csv DIR`).
// Exit 0 on success with a summary; 1 with every problem on standard error
// (nothing is changed); 2 on a usage error.
#include "AdminCommand.h"

#include "catalogue/CatalogueCsv.h"
#include "catalogue/CatalogueJson.h"
#include "catalogue/CatalogueRepository.h"
#include "catalogue/CatalogueService.h"

#include <QCoreApplication>
#include <QFile>

namespace ow::admin {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::admin", s); // the context lupdate files them under
}

int fail(AdminContext& ctx, const Error& e)
{
    ctx.err << e.fullText() << Qt::endl;
    return 1;
}

int usage(AdminContext& ctx, const QString& text)
{
    ctx.err << tr("Usage: %1").arg(text) << Qt::endl;
    return 2;
}

const QString importUsage =
    QStringLiteral("catalogue import FILE.json|items.csv [--encoding utf-8|gb18030]");
const QString exportUsage = QStringLiteral("catalogue export FILE.json|-|--csv DIR");

int importCatalogue(AdminContext& ctx, QStringList args)
{
    const QString encodingName = takeOption(args, QStringLiteral("--encoding")).toLower();
    TextEncoding encoding = TextEncoding::Utf8;
    if (encodingName == QLatin1String("gb18030") || encodingName == QLatin1String("gbk"))
        encoding = TextEncoding::Gb18030;
    else if (!encodingName.isEmpty() && encodingName != QLatin1String("utf-8") &&
             encodingName != QLatin1String("utf8"))
        return usage(ctx, importUsage);
    if (args.size() != 1)
        return usage(ctx, importUsage);
    Database* db = ctx.store();
    if (!db)
        return 1;
    CatalogueService service(*db);
    auto report = service.importFile(args.first(), encoding);
    if (!report)
        return fail(ctx, report.error());
    ctx.out << tr("Imported %1: %2 items added, %3 updated, %4 joint items and %5 rules added "
                  "or changed; %6 items in the catalogue.")
                   .arg(args.first())
                   .arg(report->itemsAdded)
                   .arg(report->itemsUpdated)
                   .arg(report->jointItems)
                   .arg(report->rules)
                   .arg(service.itemCount())
            << Qt::endl;
    return 0;
}

int exportCatalogue(AdminContext& ctx, QStringList args)
{
    const QString csvDir = takeOption(args, QStringLiteral("--csv"));
    if (args.size() != (csvDir.isEmpty() ? 1 : 0) || args.contains(QStringLiteral("--csv")))
        return usage(ctx, exportUsage);
    Database* db = ctx.store();
    if (!db)
        return 1;
    auto catalogue = CatalogueRepository(*db).loadAll();
    if (!catalogue)
        return fail(ctx, catalogue.error());
    if (!csvDir.isEmpty()) {
        if (Status s = CatalogueCsv::writeFiles(catalogue.value(), csvDir); !s)
            return fail(ctx, s.error());
        ctx.out << tr("Exported %1 items, %2 joint items and %3 rules to the CSV files of %4.")
                       .arg(catalogue->items.size())
                       .arg(catalogue->jointItems.size())
                       .arg(catalogue->rules.size())
                       .arg(csvDir)
                << Qt::endl;
        return 0;
    }
    if (args.first() == QLatin1String("-")) {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly))
            return fail(ctx, Error::storage(tr("Cannot write to standard output.")));
        ctx.out.flush();
        out.write(CatalogueJson::serialize(catalogue.value()));
        return 0;
    }
    if (Status s = CatalogueJson::writeFile(catalogue.value(), args.first()); !s)
        return fail(ctx, s.error());
    ctx.out << tr("Exported %1 items, %2 joint items and %3 rules to %4.")
                   .arg(catalogue->items.size())
                   .arg(catalogue->jointItems.size())
                   .arg(catalogue->rules.size())
                   .arg(args.first())
            << Qt::endl;
    return 0;
}

const bool registeredImport = registerCommand(
    {QStringLiteral("catalogue import"), importUsage, &importCatalogue});
const bool registeredExport = registerCommand(
    {QStringLiteral("catalogue export"), exportUsage, &exportCatalogue});

} // namespace

} // namespace ow::admin
