// `central case-materials NUMBER --out DIR`: the back office takes a case's
// pages from the centre, one file a page, and its electronic file (电子档案).
#include "AdminCommand.h"
#include "documents/CaseArchive.h"
#include "documents/Masking.h"
#include "sync/CentralPages.h"

#include <QCoreApplication>
#include <QDir>
#include <QImageReader>

namespace ow::admin {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::admin", s); // the context lupdate files them under
}

const QString kUsage = QStringLiteral("central case-materials NUMBER --out DIR [--central URL]");

QString safeName(QString s)
{
    static const QString bad = QStringLiteral("/\\:*?\"<>|");
    for (QChar& c : s)
        if (bad.contains(c) || c.unicode() < 32)
            c = QLatin1Char('_');
    return s;
}

int runCaseMaterials(AdminContext& ctx, QStringList args)
{
    const QString out = takeOption(args, QStringLiteral("--out"));
    const QString url = centralUrlFrom(takeOption(args, QStringLiteral("--central")));
    if (args.size() != 1 || out.isEmpty()) {
        ctx.err << tr("Usage: %1").arg(kUsage) << Qt::endl;
        return 2;
    }
    if (!QDir().mkpath(out)) {
        ctx.err << tr("The folder %1 cannot be created.").arg(out) << Qt::endl;
        return 1;
    }
    auto c = CentralConnection::open(url);
    if (!c) {
        ctx.err << c.error().fullText() << Qt::endl;
        return 1;
    }
    CentralPages centre(*c.value());
    auto found = centre.caseMaterials(args[0]);
    if (!found) {
        ctx.err << found.error().fullText() << Qt::endl;
        return 1;
    }
    const CentralCaseMaterials& m = found.value();
    CaseArchiveData d;
    d.caseNumber = m.caseNumber;
    d.status = m.status;
    d.applicant.name = m.applicant.value(QStringLiteral("name")).toString();
    d.applicant.idNumber = m.applicant.value(QStringLiteral("idNumber")).toString();
    if (d.applicant.idNumber.isEmpty())
        d.applicant.idNumber = m.applicant.value(QStringLiteral("creditCode")).toString();
    d.applicant.phone = m.applicant.value(QStringLiteral("phone")).toString();
    d.items = m.items;
    d.clerk = m.payload.value(QStringLiteral("clerk")).toString();
    d.window = m.payload.value(QStringLiteral("window")).toString();
    d.site = m.siteCode;
    d.acceptedAt = QDateTime::fromString(m.receivedAt.left(19), Qt::ISODate);
    QDir dir(out);
    QHash<QString, qsizetype> index;
    for (const QJsonObject& mat : m.materials) {
        ArchiveMaterial am;
        am.name = mat.value(QStringLiteral("name")).toString();
        am.count = mat.value(QStringLiteral("copies")).toInt();
        index.insert(mat.value(QStringLiteral("material_id")).toString(), d.materials.size());
        d.materials << am;
    }
    int written = 0;
    for (const CentralCasePage& p : m.pages) {
        if (p.sha256.isEmpty())
            continue;
        if (!index.contains(p.materialId)) {
            index.insert(p.materialId, d.materials.size());
            d.materials << ArchiveMaterial{p.materialName.isEmpty() ? p.materialId : p.materialName,
                                           MaterialForm::Original,
                                           1,
                                           false,
                                           {},
                                           {}};
        }
        const auto format = pageFormatFromString(p.format).value_or(PageFormat::Jpeg);
        const QString file = dir.filePath(safeName(QStringLiteral("%1-%2.%3")
                                                       .arg(p.materialId)
                                                       .arg(p.position, 3, 10, QLatin1Char('0'))
                                                       .arg(fileSuffix(format))));
        if (Status s = centre.writePage(p, file); !s) {
            ctx.err << s.error().fullText() << Qt::endl;
            return 1;
        }
        QImageReader reader(file);
        const QSize size = reader.size();
        d.materials[index.value(p.materialId)].pages
            << ArchivePage{file, p.sha256, format, size.width(), size.height()};
        ctx.out << file << Qt::endl;
        ++written;
    }
    const QString pdf = dir.filePath(safeName(m.caseNumber) + QStringLiteral(".pdf"));
    CaseArchive archive(std::move(d));
    auto rendered = archive.renderPdf(pdf);
    if (!rendered) {
        ctx.err << rendered.error().fullText() << Qt::endl;
        return 1;
    }
    ctx.out << pdf << Qt::endl;
    ctx.err << tr("Case %1: %2 page(s) and its electronic file written to %3.")
                   .arg(m.caseNumber)
                   .arg(written)
                   .arg(QDir::toNativeSeparators(dir.absolutePath()))
            << Qt::endl;
    return 0;
}

const bool registered =
    registerCommand({QStringLiteral("central case-materials"), kUsage, runCaseMaterials});

} // namespace

} // namespace ow::admin
