#pragma once

// Page images for the page tests: deterministic frames that look like a
// page (text lines, a red seal), and a data folder with an accepted case.
#include "TestSupport.h"

#include <QColor>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>

namespace ow::test {

// A page-like frame: white paper, dark lines of "text" placed by `seed`, a red seal.
inline QImage pageFrame(int seed, int width = 1240, int height = 1754, bool colour = true)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    quint32 x = quint32(seed) * 2654435761u + 12345u;
    const int lineHeight = std::max(8, height / 40);
    for (int y = lineHeight * 2; y < height - lineHeight * 2; y += lineHeight) {
        x = x * 1103515245u + 12345u;
        const int len = width / 3 + int(x % quint32(width / 2));
        p.fillRect(width / 10, y, len, lineHeight / 3, QColor(30, 30, 30));
    }
    if (colour) {
        p.setPen(QPen(QColor(200, 20, 20), std::max(2, width / 150)));
        p.drawEllipse(QPoint(width * 3 / 4, height * 4 / 5), width / 8, width / 8);
    }
    p.end();
    return image;
}

inline QString writeImageFile(const QString& path, const QImage& image, const char* format,
                              int quality = 90)
{
    REQUIRE(image.save(path, format, quality));
    return path;
}

// A CLI run on its own data folder (English messages).
struct PagesCli
{
    QTemporaryDir dir;
    ProcessResult run(QStringList args) const
    {
        args.prepend(dir.path());
        args.prepend(QStringLiteral("--data-dir"));
        args << QStringLiteral("--lang") << QStringLiteral("en");
        return runAdmin(args);
    }
    QString accept() const
    {
        const auto r = run({QStringLiteral("intake"), QStringLiteral("--json"),
                            sourcePath(QStringLiteral(
                                "resources/examples/intake/scenario-1-two-unrelated-items.json"))});
        INFO(r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        return r.out.trimmed();
    }
    QString store() const { return dir.filePath(QStringLiteral("onewindow.sqlite")); }
    QString pagesFolder() const { return dir.filePath(QStringLiteral("pages")); }
};

} // namespace ow::test
