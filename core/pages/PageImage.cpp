#include "pages/PageImage.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QImageWriter>
#include <QPainter>
#include <QtPdf/QPdfDocument>
#include <algorithm>

namespace ow {

QString toString(PageFormat format)
{
    return format == PageFormat::Png ? QStringLiteral("png") : QStringLiteral("jpeg");
}

QString fileSuffix(PageFormat format)
{
    return format == PageFormat::Png ? QStringLiteral("png") : QStringLiteral("jpg");
}

std::optional<PageFormat> pageFormatFromString(const QString& s)
{
    if (s == QLatin1String("jpeg"))
        return PageFormat::Jpeg;
    if (s == QLatin1String("png"))
        return PageFormat::Png;
    return std::nullopt;
}

QString toString(PageColour colour)
{
    switch (colour) {
    case PageColour::Colour:
        return QStringLiteral("colour");
    case PageColour::Grey:
        return QStringLiteral("grey");
    case PageColour::BlackWhite:
        return QStringLiteral("bw");
    }
    return {};
}

std::optional<PageColour> pageColourFromString(const QString& s)
{
    for (PageColour c : {PageColour::Colour, PageColour::Grey, PageColour::BlackWhite})
        if (toString(c) == s)
            return c;
    return std::nullopt;
}

QString PageImage::sha256Hex(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

namespace {

struct JpegHeader
{
    int width = 0;
    int height = 0;
    int components = 0;
};

// The frame header (SOFn) of a JPEG: its size and number of components.
std::optional<JpegHeader> jpegHeader(const QByteArray& b)
{
    const auto byte = [&](qsizetype i) { return uchar(b.at(i)); };
    qsizetype i = 2;
    while (i + 4 <= b.size()) {
        if (byte(i) != 0xFF)
            return std::nullopt;
        const uchar marker = byte(i + 1);
        if (marker == 0xFF) { // fill byte
            ++i;
            continue;
        }
        if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
            i += 2;
            continue;
        }
        const int length = (byte(i + 2) << 8) | byte(i + 3);
        if (length < 2)
            return std::nullopt;
        const bool sof =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof) {
            if (i + 10 > b.size())
                return std::nullopt;
            JpegHeader h;
            h.height = (byte(i + 5) << 8) | byte(i + 6);
            h.width = (byte(i + 7) << 8) | byte(i + 8);
            h.components = byte(i + 9);
            return h;
        }
        if (marker == 0xDA || marker == 0xD9)
            return std::nullopt;
        i += 2 + length;
    }
    return std::nullopt;
}

bool isBiLevel(const QImage& image)
{
    if (image.depth() == 1)
        return true;
    if (image.format() != QImage::Format_Grayscale8 && image.format() != QImage::Format_Indexed8)
        return false;
    const QImage grey = image.format() == QImage::Format_Grayscale8
                            ? image
                            : image.convertToFormat(QImage::Format_Grayscale8);
    for (int y = 0; y < grey.height(); ++y) {
        const uchar* line = grey.constScanLine(y);
        for (int x = 0; x < grey.width(); ++x)
            if (line[x] != 0 && line[x] != 255)
                return false;
    }
    return true;
}

QByteArray writeImage(const QImage& image, const char* format, int quality)
{
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    if (quality >= 0)
        writer.setQuality(quality);
    if (!writer.write(image))
        return {};
    return out;
}

} // namespace

Result<EncodedPage> PageImage::encode(const QImage& image, const PageSettings& settings)
{
    if (image.isNull() || image.width() <= 0 || image.height() <= 0)
        return Error::invalid(tr("The captured page is empty: no image came from the device."));
    if (qint64(image.width()) * image.height() > kMaxPixels)
        return Error::invalid(tr("The page of %1 × %2 pixels is larger than a page may be.")
                                  .arg(image.width())
                                  .arg(image.height()));
    EncodedPage page;
    page.width = image.width();
    page.height = image.height();
    if (settings.colour == PageColour::BlackWhite) {
        const QImage mono =
            image.depth() == 1
                ? image
                : image.convertToFormat(QImage::Format_Grayscale8)
                      .convertToFormat(QImage::Format_Mono, Qt::ThresholdDither | Qt::MonoOnly);
        page.bytes = writeImage(mono, "png", -1);
        page.format = PageFormat::Png;
    } else {
        QImage frame = image;
        if (settings.colour == PageColour::Grey)
            frame = image.convertToFormat(QImage::Format_Grayscale8);
        else if (frame.hasAlphaChannel()) {
            QImage flat(frame.size(), QImage::Format_RGB32);
            flat.fill(Qt::white);
            QPainter p(&flat);
            p.drawImage(0, 0, frame);
            p.end();
            frame = flat;
        }
        page.bytes = writeImage(frame, "jpeg", std::clamp(settings.jpegQuality, 1, 100));
        page.format = PageFormat::Jpeg;
    }
    if (page.bytes.isEmpty())
        return Error::invalid(
            tr("The page could not be encoded as %1.").arg(toString(page.format).toUpper()));
    page.sha256 = sha256Hex(page.bytes);
    return page;
}

Result<EncodedPage> PageImage::fromBytes(const QByteArray& bytes, const QString& name,
                                         const PageSettings& settings)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    const QByteArray format = reader.format();
    if (format != "jpeg" && format != "png")
        return Error::invalid(
            tr("%1 is not a JPEG, PNG or PDF file: it cannot be taken as a page.").arg(name));
    const QSize size = reader.size();
    if (size.isValid() && qint64(size.width()) * size.height() > kMaxPixels)
        return Error::invalid(tr("%1: the image of %2 × %3 pixels is larger than a page may be.")
                                  .arg(name)
                                  .arg(size.width())
                                  .arg(size.height()));
    const QImageIOHandler::Transformations turn = reader.transformation();
    const QImage image = reader.read();
    if (image.isNull())
        return Error::invalid(
            tr("%1 is damaged and cannot be read as an image: %2").arg(name, reader.errorString()));
    if (format == "jpeg") {
        const auto header = jpegHeader(bytes);
        const bool keep = header && (header->components == 1 || header->components == 3) &&
                          turn == QImageIOHandler::TransformationNone &&
                          header->width == image.width() && header->height == image.height();
        if (keep) {
            EncodedPage page;
            page.bytes = bytes;
            page.sha256 = sha256Hex(bytes);
            page.format = PageFormat::Jpeg;
            page.width = image.width();
            page.height = image.height();
            return page;
        }
        PageSettings s = settings;
        if (s.colour == PageColour::BlackWhite)
            s.colour = PageColour::Colour;
        return encode(image, s);
    }
    // A PNG: lossless when it is black and white, a JPEG otherwise.
    PageSettings s = settings;
    if (isBiLevel(image))
        s.colour = PageColour::BlackWhite;
    else if (s.colour == PageColour::BlackWhite)
        s.colour = image.allGray() ? PageColour::Grey : PageColour::Colour;
    return encode(image, s);
}

Result<QList<EncodedPage>> PageImage::fromFile(const QString& path, const PageSettings& settings)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::invalid(tr("Cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() == 0)
        return Error::invalid(tr("%1 is empty: there is no page in it.").arg(path));
    if (file.size() > kMaxFileBytes)
        return Error::invalid(tr("%1 is larger than %2 MB: it cannot be taken as pages.")
                                  .arg(path)
                                  .arg(kMaxFileBytes / (1024 * 1024)));
    const QByteArray bytes = file.readAll();
    if (bytes.size() != file.size())
        return Error::invalid(tr("Cannot read %1: %2").arg(path, file.errorString()));
    if (bytes.startsWith("%PDF-"))
        return fromPdf(path, bytes, settings);
    auto page = fromBytes(bytes, path, settings);
    if (!page)
        return page.error();
    return QList<EncodedPage>{std::move(page).value()};
}

Result<QList<EncodedPage>> PageImage::fromPdf(const QString& path, const QByteArray& bytes,
                                              const PageSettings& settings)
{
    Q_UNUSED(bytes)
    QPdfDocument pdf;
    const QPdfDocument::Error loaded = pdf.load(path);
    if (loaded == QPdfDocument::Error::IncorrectPassword ||
        loaded == QPdfDocument::Error::UnsupportedSecurityScheme)
        return Error::invalid(
            tr("%1 is a protected PDF: open it without its password and save it again.").arg(path));
    if (loaded != QPdfDocument::Error::None || pdf.pageCount() <= 0)
        return Error::invalid(tr("%1 is damaged and cannot be read as a PDF.").arg(path));
    const int dpi = std::clamp(settings.pdfDpi, 72, 600);
    QList<EncodedPage> pages;
    for (int i = 0; i < pdf.pageCount(); ++i) {
        const QSizeF points = pdf.pagePointSize(i);
        const QSize pixels(qMax(1, qRound(points.width() * dpi / 72.0)),
                           qMax(1, qRound(points.height() * dpi / 72.0)));
        if (qint64(pixels.width()) * pixels.height() > kMaxPixels)
            return Error::invalid(
                tr("%1, page %2: the page is larger than a page may be at %3 dpi.")
                    .arg(path)
                    .arg(i + 1)
                    .arg(dpi));
        const QImage rendered = pdf.render(i, pixels);
        if (rendered.isNull())
            return Error::invalid(tr("%1, page %2 cannot be rendered.").arg(path).arg(i + 1));
        QImage page(rendered.size(), QImage::Format_RGB32);
        page.fill(Qt::white);
        {
            QPainter p(&page);
            p.drawImage(0, 0, rendered);
        }
        PageSettings s = settings;
        if (s.colour == PageColour::Colour && page.allGray())
            s.colour = PageColour::Grey;
        auto encoded = encode(page, s);
        if (!encoded)
            return Error::invalid(QStringLiteral("%1, %2").arg(path, encoded.error().message));
        pages.append(std::move(encoded).value());
    }
    return pages;
}

} // namespace ow
