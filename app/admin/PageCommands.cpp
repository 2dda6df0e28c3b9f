// `pages add CASE MATERIAL FILE...`, `pages list CASE`, `pages reuse CASE
// MATERIAL FROM_CASE [FROM_MATERIAL]` and `pages clean`: the page images of a
// case's materials (材料电子化), kept in the data folder by their hash.
#include "AdminCommand.h"
#include "cases/CaseRepository.h"
#include "pages/MaterialPages.h"

#include <QCoreApplication>

namespace ow::admin {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::admin", s); // the context lupdate files them under
}

const QString kPagesUsage = QStringLiteral(
    "onewindow-admin pages add CASE MATERIAL FILE... [--colour colour|grey|bw] [--quality 1-100] "
    "[--dpi N] [--before POSITION]\n"
    "onewindow-admin pages list CASE\n"
    "onewindow-admin pages move|delete CASE MATERIAL POSITION [TO]\n"
    "onewindow-admin pages reuse CASE MATERIAL FROM_CASE [FROM_MATERIAL]\n"
    "onewindow-admin pages clean");

int usage(AdminContext& ctx)
{
    ctx.err << tr("Usage: %1").arg(kPagesUsage) << '\n';
    return 2;
}

std::optional<CaseRecord> caseOf(AdminContext& ctx, Database& db, const QString& number)
{
    auto found = CaseRepository(db).findByNumber(number.trimmed());
    if (!found) {
        ctx.err << found.error().fullText() << '\n';
        return std::nullopt;
    }
    if (!found->has_value()) {
        ctx.err << tr("No case has the number %1.").arg(number) << '\n';
        return std::nullopt;
    }
    return **found;
}

void printPages(QTextStream& out, const QList<MaterialPage>& pages)
{
    for (const MaterialPage& p : pages)
        out << p.materialId << ' ' << p.position << ' ' << p.sha256 << ' ' << toString(p.format)
            << ' ' << p.width << 'x' << p.height << ' ' << p.bytes << ' '
            << (p.atCentre ? QStringLiteral("centre") : QStringLiteral("local")) << '\n';
}

int pagesCommand(AdminContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    if (args.isEmpty())
        return usage(ctx);
    const QString verb = args.takeFirst();
    PageSettings settings;
    const QString colour = takeOption(args, QStringLiteral("--colour"), QStringLiteral("colour"));
    const QString quality = takeOption(args, QStringLiteral("--quality"));
    const QString dpi = takeOption(args, QStringLiteral("--dpi"));
    const QString before = takeOption(args, QStringLiteral("--before"), QStringLiteral("0"));
    if (const auto c = pageColourFromString(colour)) {
        settings.colour = *c;
    } else {
        ctx.err << tr("--colour takes colour, grey or bw, not %1.").arg(colour) << '\n';
        return 2;
    }
    bool ok = true;
    if (!quality.isEmpty()) {
        settings.jpegQuality = quality.toInt(&ok);
        if (!ok || settings.jpegQuality < 1 || settings.jpegQuality > 100) {
            ctx.err << tr("--quality takes a number from 1 to 100, not %1.").arg(quality) << '\n';
            return 2;
        }
    }
    if (!dpi.isEmpty()) {
        settings.pdfDpi = dpi.toInt(&ok);
        if (!ok || settings.pdfDpi < 72 || settings.pdfDpi > 600) {
            ctx.err << tr("--dpi takes a number from 72 to 600, not %1.").arg(dpi) << '\n';
            return 2;
        }
    }
    const int beforePosition = before.toInt(&ok);
    if (!ok || beforePosition < 0) {
        ctx.err << tr("--before takes a page position, not %1.").arg(before) << '\n';
        return 2;
    }
    Database* db = ctx.store();
    if (!db)
        return 1;
    MaterialPages pages(*db);
    if (verb == u"clean" && args.isEmpty()) {
        auto done = pages.cleanUp();
        if (!done) {
            ctx.err << done.error().fullText() << '\n';
            return 1;
        }
        ctx.out << tr("Removed %1 unnamed page file(s), %2 abandoned draft page(s), %3 unused "
                      "page record(s).")
                       .arg(done->files)
                       .arg(done->drafts)
                       .arg(done->blobs)
                << '\n';
        return 0;
    }
    if (args.isEmpty())
        return usage(ctx);
    const auto c = caseOf(ctx, *db, args.takeFirst());
    if (!c)
        return 1;
    const PageOwner owner = PageOwner::ofCase(c->id);
    Result<QList<MaterialPage>> result = QList<MaterialPage>();
    if (verb == u"list" && args.isEmpty()) {
        result = pages.pages(owner);
    } else if (verb == u"add" && args.size() >= 2) {
        const QString material = args.takeFirst();
        result = pages.addFiles(owner, material, args, settings, beforePosition);
    } else if (verb == u"reuse" && (args.size() == 2 || args.size() == 3)) {
        const auto from = caseOf(ctx, *db, args[1]);
        if (!from)
            return 1;
        result = pages.reuse(owner, args[0], from->id, args.value(2, args[0]));
    } else if (verb == u"move" && args.size() == 3) {
        result = pages.move(owner, args[0], args[1].toInt(), args[2].toInt());
    } else if (verb == u"delete" && args.size() == 2) {
        result = pages.remove(owner, args[0], args[1].toInt());
    } else {
        return usage(ctx);
    }
    if (!result) {
        ctx.err << result.error().fullText() << '\n';
        return 1;
    }
    printPages(ctx.out, result.value());
    return 0;
}

const bool registered = registerCommand({QStringLiteral("pages"), kPagesUsage, pagesCommand});

} // namespace

} // namespace ow::admin
