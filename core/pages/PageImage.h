#pragma once

#include "store/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QImage>
#include <QList>
#include <QString>
#include <optional>

namespace ow {

// How a page is kept: JPEG for colour and grey, PNG (lossless, one bit a
// pixel) for black and white.
enum class PageFormat { Jpeg, Png };
QString toString(PageFormat format);   // "jpeg", "png"
QString fileSuffix(PageFormat format); // "jpg", "png"
std::optional<PageFormat> pageFormatFromString(const QString& s);

enum class PageColour { Colour, Grey, BlackWhite };
QString toString(PageColour colour); // "colour", "grey", "bw"
std::optional<PageColour> pageColourFromString(const QString& s);

// How pages are captured and kept. The defaults keep an A4 page at 200 dpi
// (DA/T 31's floor) in colour, where seals and red headings show.
struct PageSettings
{
    PageColour colour = PageColour::Colour;
    int jpegQuality = 85; // 1-100
    int pdfDpi = 200;     // a PDF's pages are rendered at this resolution
};

// A page ready to be kept: its bytes as they will be stored, their SHA-256
// and what they show.
struct EncodedPage
{
    QByteArray bytes;
    QString sha256; // lower-case hex
    PageFormat format = PageFormat::Jpeg;
    int width = 0;
    int height = 0;
};

// Turns images and files into pages. Reads and encodes only; stores nothing.
class PageImage
{
    Q_DECLARE_TR_FUNCTIONS(ow::PageImage)

public:
    // The largest file taken, and the most pixels a page may have.
    static constexpr qint64 kMaxFileBytes = 200LL * 1024 * 1024;
    static constexpr qint64 kMaxPixels = 120LL * 1000 * 1000;

    // Encodes a captured frame (a document camera's, a scanner's) by the
    // settings: colour or grey as JPEG at their quality, black and white as
    // a one-bit PNG.
    static Result<EncodedPage> encode(const QImage& image, const PageSettings& settings);

    // The pages of a file, told by its content, not its name: a JPEG is kept
    // as it is (re-encoded only when it is CMYK or must be turned upright),
    // a PNG becomes a one-bit PNG when it is black and white and a JPEG
    // otherwise, a PDF gives one page per page rendered at the settings'
    // resolution. Anything else, an empty, damaged or oversized file is
    // refused with a message naming the file.
    static Result<QList<EncodedPage>> fromFile(const QString& path, const PageSettings& settings);

    // The hash and size of bytes already encoded (a JPEG or PNG).
    static Result<EncodedPage> fromBytes(const QByteArray& bytes, const QString& name,
                                         const PageSettings& settings);

    static QString sha256Hex(const QByteArray& bytes);

private:
    static Result<QList<EncodedPage>> fromPdf(const QString& path, const QByteArray& bytes,
                                              const PageSettings& settings);
};

} // namespace ow
