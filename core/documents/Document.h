#pragma once

#include "documents/CentreSettings.h"
#include "documents/DocumentData.h"
#include "documents/PageLayout.h"
#include "store/Result.h"

#include <QByteArray>
#include <QString>

class QIODevice;
class QPagedPaintDevice;
class QPdfWriter;

namespace ow {

class CanonicalText;
class PdfTextLayer;

struct RenderOptions
{
    bool copy = false;     // a reprint: every page is marked as a copy
    bool checkCode = true; // the content hash's check code at the foot of every page
};

// What a rendering produced, for the print journal.
struct RenderResult
{
    int pages = 0;
    QByteArray sha256; // of the canonical text: kind, copy flag, centre and document data
};

// A document the counter prints. Subclasses lay their data out on a
// PageLayout and describe it canonically; rendering, PDF output and the
// content hash are shared.
class Document
{
public:
    explicit Document(CentreSettings centre) : m_centre(std::move(centre)) {}
    virtual ~Document() = default;

    // A stable name of the document kind ("acceptance-receipt", ...).
    virtual QString kind() const = 0;

    // Paints onto a printer or any paged device.
    Result<RenderResult> render(QPagedPaintDevice& device, const RenderOptions& options = {}) const;
    // Writes a PDF whose text layer holds every character, rare ones included.
    Result<RenderResult> renderPdf(QIODevice& out, const RenderOptions& options = {}) const;
    Result<RenderResult> renderPdf(const QString& path, const RenderOptions& options = {}) const;

    QString canonicalText(const RenderOptions& options = {}) const;
    QByteArray contentHash(const RenderOptions& options = {}) const;

    const CentreSettings& centre() const { return m_centre; }

    // Shared wording, translated.
    static QString formatDate(const QDate& date);
    static QString formatDateTime(const QDateTime& time);
    static QString formName(MaterialForm form);
    static QString deliveryName(Delivery method);
    static QString feeText(qint64 fen);
    static QString copyMark();
    // The check code of a content hash: its first 16 hex digits in groups of
    // four ("3f2a-09bc-77d1-e540"), printed at the foot of each page so the
    // paper can be looked up in the print journal.
    static QString checkCode(const QByteArray& sha256);

protected:
    virtual Result<PageLayout> compose() const = 0;
    // A PDF on its way: the writer before the first page (a PDF/A version,
    // say), then the written file, which may be changed by an incremental
    // update before it is kept. pdfEnded() follows every rendering begun.
    virtual void preparePdf(QPdfWriter& writer) const { Q_UNUSED(writer) }
    virtual Result<QByteArray> finishPdf(const QByteArray& pdf) const { return pdf; }
    virtual void pdfEnded() const {}
    virtual void describe(CanonicalText& out) const = 0;

    // The text flow documents are measured and drawn with (one per thread).
    static const TextFlow& textFlow();

    // The delivery as a receipt prints it (EMS address masked).
    static QString deliveryText(const DeliveryLine& d, bool maskAddressDetail);
    static void describeParty(CanonicalText& out, const char* key, const PartyLine& p);
    static void describeDelivery(CanonicalText& out, const DeliveryLine& d);

    CentreSettings m_centre;

private:
    Result<RenderResult> renderOn(QPagedPaintDevice& device, const RenderOptions& options,
                                  PdfTextLayer* layer, QSizeF* pagePoints) const;
};

} // namespace ow
