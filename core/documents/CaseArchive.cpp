#include "documents/CaseArchive.h"

#include "documents/CanonicalText.h"
#include "documents/Masking.h"
#include "documents/PdfUpdate.h"

#include <QCoreApplication>
#include <QFile>
#include <QImageReader>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>

namespace ow {

namespace {

// The stand-in of the n-th JPEG page: a size no other image in the file has.
constexpr int kStandInHeight = 7;
QSize standInSize(int n)
{
    return {8 + n, kStandInHeight};
}

// A black-and-white page as a PDF image: one bit a pixel, 0 black, Flate.
Result<QByteArray> bilevelBody(const ArchivePage& p)
{
    QImage image(p.path);
    if (image.isNull())
        return Error::storage(
            QCoreApplication::translate("ow::CaseArchive", "The page file %1 cannot be read.")
                .arg(p.path));
    if (image.format() != QImage::Format_Mono)
        image = image.convertToFormat(QImage::Format_Mono, Qt::ThresholdDither | Qt::MonoOnly);
    const bool zeroIsWhite = image.colorTable().value(0, qRgb(0, 0, 0)) == qRgb(255, 255, 255) ||
                             qGray(image.colorTable().value(0)) > 127;
    const int rowBytes = (image.width() + 7) / 8;
    QByteArray rows;
    rows.reserve(qsizetype(rowBytes) * image.height());
    for (int y = 0; y < image.height(); ++y) {
        const char* line = reinterpret_cast<const char*>(image.constScanLine(y));
        if (zeroIsWhite) {
            for (int x = 0; x < rowBytes; ++x)
                rows.append(char(~line[x]));
        } else {
            rows.append(line, rowBytes);
        }
    }
    const QByteArray flate = qCompress(rows, 6).mid(4); // zlib stream, without Qt's length
    return "<<\n/Type /XObject\n/Subtype /Image\n/Width " + QByteArray::number(image.width()) +
           "\n/Height " + QByteArray::number(image.height()) +
           "\n/BitsPerComponent 1\n/ColorSpace /DeviceGray\n/Filter /FlateDecode\n/Length " +
           QByteArray::number(flate.size()) + "\n>>\nstream\n" + flate + "\nendstream\n";
}

} // namespace

CaseArchive::CaseArchive(CaseArchiveData data, CentreSettings centre)
    : Document(std::move(centre)), m_data(std::move(data))
{
}

int CaseArchive::imagePages() const
{
    int n = 0;
    for (const ArchiveMaterial& m : m_data.materials)
        n += int(m.pages.size());
    return n;
}

Result<PageLayout> CaseArchive::compose() const
{
    const CaseArchiveData& d = m_data;
    PageLayout layout;
    const QString title = QCoreApplication::translate("ow::CaseArchive", "Electronic Case File");
    layout.setRunningHeader(m_centre.name, title + QStringLiteral("  ") + d.caseNumber);
    layout.addTitle(m_centre.name, title,
                    QCoreApplication::translate("ow::CaseArchive", "Case %1").arg(d.caseNumber));

    QList<PageLayout::Field> fields;
    fields << PageLayout::Field{QCoreApplication::translate("ow::CaseArchive", "Case number"),
                                d.caseNumber}
           << PageLayout::Field{QCoreApplication::translate("ow::CaseArchive", "Status"), d.status}
           << PageLayout::Field{QCoreApplication::translate("ow::CaseArchive", "Applicant"),
                                d.applicant.name}
           << PageLayout::Field{QCoreApplication::translate("ow::CaseArchive", "Phone"),
                                maskPhone(d.applicant.phone)}
           << PageLayout::Field{
                  QCoreApplication::translate("ow::CaseArchive", "ID document"),
                  d.applicant.idType + QLatin1Char(' ') + maskIdNumber(d.applicant.idNumber), 2};
    if (!d.agent.isEmpty())
        fields << PageLayout::Field{QCoreApplication::translate("ow::CaseArchive", "Agent"),
                                    d.agent.name}
               << PageLayout::Field{
                      QCoreApplication::translate("ow::CaseArchive", "Agent's ID document"),
                      d.agent.idType + QLatin1Char(' ') + maskIdNumber(d.agent.idNumber)};
    QString items;
    if (!d.jointItem.isEmpty())
        items = QCoreApplication::translate("ow::CaseArchive", "Joint application: %1")
                    .arg(d.jointItem) +
                QLatin1Char('\n');
    for (qsizetype i = 0; i < d.items.size(); ++i)
        items += (i ? QStringLiteral("\n") : QString()) + QString::number(i + 1) +
                 QStringLiteral(". ") + d.items[i];
    fields << PageLayout::Field{QCoreApplication::translate("ow::CaseArchive", "Items applied for"),
                                items, 2}
           << PageLayout::Field{QCoreApplication::translate("ow::CaseArchive", "Accepted at"),
                                formatDateTime(d.acceptedAt)}
           << PageLayout::Field{QCoreApplication::translate("ow::CaseArchive", "Clerk"), d.clerk}
           << PageLayout::Field{QCoreApplication::translate("ow::CaseArchive", "Window"), d.window}
           << PageLayout::Field{QCoreApplication::translate("ow::CaseArchive", "Service site"),
                                d.site.isEmpty() ? m_centre.name : d.site};
    layout.addFields(fields);

    layout.addHeading(QCoreApplication::translate(
        "ow::CaseArchive", "Materials (%n page(s) in this file)", nullptr, imagePages()));
    QList<PageLayout::Column> columns{
        {QCoreApplication::translate("ow::CaseArchive", "No."), 0.5, Qt::AlignHCenter},
        {QCoreApplication::translate("ow::CaseArchive", "Material"), 4.2},
        {QCoreApplication::translate("ow::CaseArchive", "Form"), 1.3, Qt::AlignHCenter},
        {QCoreApplication::translate("ow::CaseArchive", "Copies"), 0.8, Qt::AlignHCenter},
        {QCoreApplication::translate("ow::CaseArchive", "Pages"), 0.8, Qt::AlignHCenter}};
    QList<QStringList> rows;
    for (qsizetype i = 0; i < d.materials.size(); ++i) {
        const ArchiveMaterial& m = d.materials[i];
        QString name = m.name;
        if (m.reused)
            name += QLatin1Char('\n') +
                    QCoreApplication::translate("ow::CaseArchive", "Reused: %1").arg(m.source);
        rows << QStringList{QString::number(i + 1), name, formName(m.form),
                            QString::number(m.count), QString::number(m.pages.size())};
    }
    layout.addTable(columns, rows);
    if (imagePages() == 0)
        layout.addParagraph(QCoreApplication::translate(
            "ow::CaseArchive", "No material of this case was captured as pages."));

    // Every page on a sheet of its own, under a line naming it.
    const qreal height = layout.contentRect().height() - 2;
    const TextStyle caption{9, false};
    int jpeg = 0;
    for (const ArchiveMaterial& m : d.materials) {
        for (qsizetype p = 0; p < m.pages.size(); ++p) {
            const ArchivePage page = m.pages[p];
            const QString label =
                QCoreApplication::translate("ow::CaseArchive", "%1 — page %2 of %3")
                    .arg(m.name)
                    .arg(p + 1)
                    .arg(m.pages.size());
            const int standIn = jpeg++;
            layout.addBlock(
                height,
                [this, page, label, standIn, caption](QPainter& painter, const TextFlow& f,
                                                      const QRectF& r) {
                    const qreal top = f.lineHeight(caption) + 4;
                    f.drawIn(painter, QRectF(r.left(), r.top(), r.width(), top), label, caption);
                    const QRectF box(r.left(), r.top() + top, r.width(), r.height() - top);
                    QSizeF size(page.width, page.height);
                    size.scale(box.size(), Qt::KeepAspectRatio);
                    const QRectF target(box.left() + (box.width() - size.width()) / 2, box.top(),
                                        size.width(), size.height());
                    if (m_placeholders) {
                        QImage stand(standInSize(standIn), QImage::Format_RGB32);
                        stand.fill(QColor(0xF0, 0xF0, 0xF0 - standIn % 16));
                        painter.drawImage(target, stand);
                        return;
                    }
                    QImageReader reader(page.path);
                    reader.setAutoTransform(false);
                    const QImage image = reader.read();
                    if (!image.isNull())
                        painter.drawImage(target, image);
                },
                false, 0);
        }
    }
    return layout;
}

void CaseArchive::describe(CanonicalText& out) const
{
    const CaseArchiveData& d = m_data;
    out.add("caseNumber", d.caseNumber);
    out.add("status", d.status);
    describeParty(out, "applicant", d.applicant);
    describeParty(out, "agent", d.agent);
    out.add("jointItem", d.jointItem);
    for (const QString& item : d.items)
        out.add("item", item);
    for (const ArchiveMaterial& m : d.materials) {
        out.add("material", m.name + QLatin1Char('|') + QString::number(int(m.form)) +
                                QLatin1Char('|') + QString::number(m.count) + QLatin1Char('|') +
                                (m.reused ? m.source : QString()));
        for (const ArchivePage& p : m.pages)
            out.add("page", p.sha256);
    }
    out.add("acceptedAt", d.acceptedAt);
    out.add("clerk", d.clerk);
    out.add("window", d.window);
    out.add("site", d.site);
}

void CaseArchive::preparePdf(QPdfWriter& writer) const
{
    writer.setPdfVersion(QPagedPaintDevice::PdfVersion_A1b);
    writer.setTitle(QCoreApplication::translate("ow::CaseArchive", "Electronic Case File %1")
                        .arg(m_data.caseNumber));
    m_placeholders = true;
}

Result<QByteArray> CaseArchive::finishPdf(const QByteArray& pdf) const
{
    QList<const ArchivePage*> jpegs; // every page, JPEG or PNG, in the order drawn
    for (const ArchiveMaterial& m : m_data.materials)
        for (const ArchivePage& p : m.pages)
            jpegs << &p;
    if (jpegs.isEmpty())
        return pdf;
    auto update = PdfUpdate::parse(pdf);
    if (!update)
        return update.error();
    static const QRegularExpression width(QStringLiteral("/Width\\s+(\\d+)"));
    static const QRegularExpression height(QStringLiteral("/Height\\s+(\\d+)"));
    QList<int> found(jpegs.size(), -1);
    for (int object : update->objects()) {
        const QByteArray dict = update->dictionary(object);
        if (!dict.contains("/Subtype /Image"))
            continue;
        const auto w = width.match(QString::fromLatin1(dict));
        const auto h = height.match(QString::fromLatin1(dict));
        if (!w.hasMatch() || !h.hasMatch() || h.captured(1).toInt() != kStandInHeight)
            continue;
        const int n = w.captured(1).toInt() - 8;
        if (n >= 0 && n < jpegs.size())
            found[n] = object;
    }
    for (qsizetype n = 0; n < jpegs.size(); ++n) {
        const ArchivePage& p = *jpegs[n];
        if (found[n] < 0)
            return Error{Error::Kind::Internal,
                         QCoreApplication::translate("ow::CaseArchive",
                                                     "The page %1 is missing from the PDF written.")
                             .arg(p.sha256),
                         {}};
        if (p.format == PageFormat::Png) {
            auto body = bilevelBody(p);
            if (!body)
                return body.error();
            update->replace(found[n], body.value());
            continue;
        }
        QFile file(p.path);
        if (!file.open(QIODevice::ReadOnly))
            return Error::storage(QCoreApplication::translate("ow::CaseArchive",
                                                              "The page file %1 cannot be read: %2")
                                      .arg(p.path, file.errorString()));
        const QByteArray jpeg = file.readAll();
        QImageReader reader(p.path);
        const bool grey = reader.imageFormat() == QImage::Format_Grayscale8;
        update->replace(found[n],
                        "<<\n/Type /XObject\n/Subtype /Image\n/Width " +
                            QByteArray::number(p.width) + "\n/Height " +
                            QByteArray::number(p.height) + "\n/BitsPerComponent 8\n/ColorSpace " +
                            (grey ? QByteArray("/DeviceGray") : QByteArray("/DeviceRGB")) +
                            "\n/Filter /DCTDecode\n/Length " + QByteArray::number(jpeg.size()) +
                            "\n>>\nstream\n" + jpeg + "\nendstream\n");
    }
    return update->result();
}

} // namespace ow
