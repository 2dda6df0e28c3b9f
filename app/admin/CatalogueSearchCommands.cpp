// `catalogue search QUERY`: the counter's search from the command line, one
// `CODE<TAB>NAME` per line, best first. `catalogue generate`: a synthetic
// provincial catalogue file, for trials and benchmarks.
#include "AdminCommand.h"
#include "catalogue/CatalogueGenerator.h"
#include "catalogue/CatalogueJson.h"
#include "catalogue/CatalogueService.h"

#include <QCoreApplication>

namespace ow::admin {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::admin", s); // the context lupdate files them under
}

const QString searchUsage = QStringLiteral(
    "catalogue search QUERY [--limit N] [--category C] [--department D] "
    "[--level city|town|village] [--include-retired]");
const QString generateUsage =
    QStringLiteral("catalogue generate --items N --out FILE [--seed S]");

int usageError(AdminContext& ctx, const QString& usage)
{
    ctx.err << tr("Usage: %1").arg(QStringLiteral("onewindow-admin ") + usage) << Qt::endl;
    return 2;
}

// A whole number of at least `min`, or nothing.
std::optional<int> number(const QString& text, int min)
{
    bool ok = false;
    const int n = text.toInt(&ok);
    return ok && n >= min ? std::optional<int>(n) : std::nullopt;
}

int runSearch(AdminContext& ctx, QStringList args)
{
    const QString limitText = takeOption(args, QStringLiteral("--limit"), QStringLiteral("20"));
    SearchFilter filter;
    filter.category = takeOption(args, QStringLiteral("--category"));
    filter.department = takeOption(args, QStringLiteral("--department"));
    const QString level = takeOption(args, QStringLiteral("--level"));
    filter.includeRetired = takeFlag(args, QStringLiteral("--include-retired"));
    const auto limit = number(limitText, 1);
    if (args.size() != 1 || !limit)
        return usageError(ctx, searchUsage);
    if (level == QLatin1String("city"))
        filter.levels = int(Level::City);
    else if (level == QLatin1String("town"))
        filter.levels = int(Level::Town);
    else if (level == QLatin1String("village"))
        filter.levels = int(Level::Village);
    else if (!level.isEmpty())
        return usageError(ctx, searchUsage);

    Database* store = ctx.store();
    if (!store)
        return 1;
    CatalogueService catalogue(*store);
    if (Status s = catalogue.load(); !s) {
        ctx.err << s.error().fullText() << Qt::endl;
        return 1;
    }
    for (const SearchHit& hit : catalogue.search(args.first(), *limit, filter))
        ctx.out << hit.code << '\t' << hit.name << '\n';
    ctx.out.flush();
    return 0;
}

int runGenerate(AdminContext& ctx, QStringList args)
{
    const auto items = number(takeOption(args, QStringLiteral("--items")), 1);
    const QString out = takeOption(args, QStringLiteral("--out"));
    const QString seedText = takeOption(args, QStringLiteral("--seed"), QStringLiteral("1"));
    bool seedOk = false;
    const quint32 seed = seedText.toUInt(&seedOk);
    if (!args.isEmpty() || !items || out.isEmpty() || !seedOk)
        return usageError(ctx, generateUsage);
    const Catalogue catalogue = generateCatalogue(*items, seed);
    if (Status s = CatalogueJson::writeFile(catalogue, out); !s) {
        ctx.err << s.error().fullText() << Qt::endl;
        return 1;
    }
    ctx.out << tr("%1 items and %2 joint items written to %3")
                   .arg(catalogue.items.size())
                   .arg(catalogue.jointItems.size())
                   .arg(out)
            << Qt::endl;
    return 0;
}

const bool registered = registerCommand({QStringLiteral("catalogue search"), searchUsage,
                                         runSearch}) &&
                        registerCommand({QStringLiteral("catalogue generate"), generateUsage,
                                         runGenerate});

} // namespace

} // namespace ow::admin
