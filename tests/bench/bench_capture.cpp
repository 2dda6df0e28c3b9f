// Capture to stored page: an 8-megapixel frame of the document camera
// (3264 x 2448) encoded as JPEG, hashed and written durably (temporary file,
// fsync, rename, fsync of the folder) and its rows committed, through
// MaterialPages::add: median and worst of RUNS frames, next to a bare JPEG
// encode of the same frames in the same run (the floor). Target: <= 300 ms.
//
//   bench_capture [RUNS] [QUALITY]      (defaults 20, 85)
#include "pages/MaterialPages.h"
#include "store/Database.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImageWriter>
#include <QPainter>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace ow;

namespace {

// A page photographed: paper, lines of text, a red seal, sensor noise.
QImage frame(int n)
{
    QImage image(3264, 2448, QImage::Format_RGB32);
    image.fill(QColor(238, 236, 230));
    QPainter p(&image);
    QRandomGenerator g(quint32(n) + 1);
    for (int y = 200; y < 2300; y += 46) {
        int x = 300;
        while (x < 2900) {
            const int w = 20 + int(g.bounded(40));
            p.fillRect(x, y, w, 30, QColor(40, 40, 45));
            x += w + 12;
        }
    }
    p.setPen(QPen(QColor(200, 30, 30), 10));
    p.drawEllipse(QPoint(2400, 1900), 260, 260);
    p.end();
    for (int y = 0; y < image.height(); y += 2) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < image.width(); x += 3) {
            const int d = int(g.bounded(9)) - 4;
            const QRgb c = line[x];
            line[x] = qRgb(std::clamp(qRed(c) + d, 0, 255), std::clamp(qGreen(c) + d, 0, 255),
                           std::clamp(qBlue(c) + d, 0, 255));
        }
    }
    return image;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, atoi(argv[1])) : 20;
    const int quality = argc > 2 ? atoi(argv[2]) : 85;
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("onewindow.sqlite")));
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().fullText()));
        return 1;
    }
    MaterialPages pages(*db.value());
    PageSettings settings;
    settings.jpegQuality = quality;
    std::vector<QImage> frames;
    for (int i = 0; i < runs; ++i)
        frames.push_back(frame(i));

    std::vector<double> bare, stored;
    qint64 bytes = 0;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        QByteArray out;
        QBuffer buffer(&out);
        buffer.open(QIODevice::WriteOnly);
        QImageWriter writer(&buffer, "jpeg");
        writer.setQuality(quality);
        writer.write(frames[size_t(i)]);
        bare.push_back(t.nsecsElapsed() / 1e6);
        bytes += out.size();

        t.restart();
        auto added = pages.add(PageOwner::ofDraft(QStringLiteral("bench")),
                               QStringLiteral("material"), {frames[size_t(i)]}, settings);
        stored.push_back(t.nsecsElapsed() / 1e6);
        if (!added) {
            std::fprintf(stderr, "%s\n", qPrintable(added.error().fullText()));
            return 1;
        }
    }
    std::printf("capture to stored page, %d frames of 3264x2448 (8 MP), JPEG quality %d, "
                "%.0f KB a page\n",
                runs, quality, double(bytes) / runs / 1024);
    std::printf("  bare JPEG encode (floor):                 median %7.1f ms  worst %7.1f ms\n",
                median(bare), *std::max_element(bare.begin(), bare.end()));
    std::printf("  encode + SHA-256 + durable write + rows:  median %7.1f ms  worst %7.1f ms\n",
                median(stored), *std::max_element(stored.begin(), stored.end()));
    std::printf("  stored / bare = %.2fx; target <= 300 ms: %s\n", median(stored) / median(bare),
                median(stored) <= 300 ? "met" : "MISSED");
    return 0;
}
