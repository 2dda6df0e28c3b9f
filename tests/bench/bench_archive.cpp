// The case's electronic file (电子档案): a 40-page case rendered as one
// PDF/A-1b (cover, then every page at 200 dpi A4, the stored JPEGs embedded
// as they are), next to a baseline in the same run: a bare QPdfWriter
// drawing the same 40 images decoded (what Qt does without our embedding).
// Target: <= 2 s for the file.
//
//   bench_archive [PAGES] [RUNS]      (defaults 40, 5; the median is the figure)
#include "documents/CaseArchive.h"
#include "pages/PageImage.h"

#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QPainter>
#include <QPdfWriter>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace ow;

namespace {

// An A4 page at 200 dpi (1654 x 2339) with text lines and a seal.
QImage page(int n)
{
    QImage image(1654, 2339, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    QRandomGenerator g(quint32(n) + 7);
    for (int y = 180; y < 2200; y += 40) {
        int x = 160;
        while (x < 1480) {
            const int w = 12 + int(g.bounded(30));
            p.fillRect(x, y, w, 24, QColor(30, 30, 30));
            x += w + 9;
        }
    }
    p.setPen(QPen(QColor(200, 20, 20), 8));
    p.drawEllipse(QPoint(1200, 1900), 180, 180);
    return image;
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const int count = argc > 1 ? std::max(1, atoi(argv[1])) : 40;
    const int runs = argc > 2 ? std::max(1, atoi(argv[2])) : 5;
    QTemporaryDir dir;
    CaseArchiveData d;
    d.caseNumber = QStringLiteral("320581001-20250314-0001");
    d.status = QStringLiteral("已受理");
    d.applicant = {QStringLiteral("李建国"), QStringLiteral("居民身份证"),
                   QStringLiteral("420102198507153210"), QStringLiteral("13907145566")};
    d.items = {QStringLiteral("城镇污水排入排水管网许可证核发")};
    d.clerk = QStringLiteral("周敏");
    d.window = QStringLiteral("A03");
    d.acceptedAt = QDateTime(QDate(2025, 3, 14), QTime(10, 25));
    QList<QImage> images;
    qint64 bytes = 0;
    for (int m = 0; m < 8; ++m)
        d.materials << ArchiveMaterial{
            QStringLiteral("申请材料%1").arg(m + 1), MaterialForm::Original, 1, false, {}, {}};
    for (int i = 0; i < count; ++i) {
        PageSettings s;
        auto encoded = PageImage::encode(page(i), s);
        const QString path = dir.filePath(encoded->sha256 + QStringLiteral(".jpg"));
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(encoded->bytes);
        bytes += encoded->bytes.size();
        d.materials[i % 8].pages << ArchivePage{path, encoded->sha256, PageFormat::Jpeg,
                                                encoded->width, encoded->height};
    }
    const CaseArchive archive(d);
    std::vector<double> times;
    qint64 size = 0;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        auto rendered = archive.renderPdf(out);
        const double ms = t.nsecsElapsed() / 1e6;
        if (!rendered) {
            std::fprintf(stderr, "%s\n", qPrintable(rendered.error().fullText()));
            return 1;
        }
        size = out.size();
        times.push_back(ms);
        if (r == 0) {
            QFile keep(QDir::temp().filePath(QStringLiteral("bench_archive.pdf")));
            if (keep.open(QIODevice::WriteOnly))
                keep.write(out.data());
        }
    }
    // Baseline: the same images decoded and drawn by a bare QPdfWriter.
    QElapsedTimer t;
    t.start();
    {
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        QPdfWriter writer(&out);
        writer.setPdfVersion(QPagedPaintDevice::PdfVersion_A1b);
        writer.setResolution(200);
        QPainter p(&writer);
        bool first = true;
        for (const ArchiveMaterial& m : d.materials)
            for (const ArchivePage& pg : m.pages) {
                if (!first)
                    writer.newPage();
                first = false;
                p.drawImage(QPointF(0, 0), QImage(pg.path));
            }
    }
    const double bare = t.nsecsElapsed() / 1e6;
    std::printf("electronic case file: %d pages of A4 at 200 dpi (%.0f KB of JPEG), %d runs\n",
                count, double(bytes) / 1024, runs);
    std::printf("  bare QPdfWriter, images decoded and drawn (baseline): %8.1f ms\n", bare);
    std::sort(times.begin(), times.end());
    const double median = times[times.size() / 2];
    std::printf("  CaseArchive PDF/A-1b, cover + pages:   median %8.1f ms  worst %8.1f ms  "
                "(%.0f KB)\n",
                median, times.back(), double(size) / 1024);
    std::printf("  archive / baseline = %.2fx; target <= 2000 ms: %s\n", median / bare,
                median <= 2000 ? "met" : "MISSED");
    return 0;
}
