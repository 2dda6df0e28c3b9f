#pragma once

#include "documents/Document.h"
#include "pages/PageImage.h"

namespace ow {

// One page image of the file: where it is kept and what it is.
struct ArchivePage
{
    QString path; // the page file
    QString sha256;
    PageFormat format = PageFormat::Jpeg;
    int width = 0;
    int height = 0;
};

struct ArchiveMaterial
{
    QString name;
    MaterialForm form = MaterialForm::Original;
    int count = 0;
    bool reused = false;
    QString source; // where a reused material came from
    QList<ArchivePage> pages;
};

struct CaseArchiveData
{
    QString caseNumber;
    QString status; // as a clerk reads it
    PartyLine applicant;
    PartyLine agent;
    QString jointItem;
    QStringList items;
    QList<ArchiveMaterial> materials; // in checklist order
    QDateTime acceptedAt;
    QString clerk;
    QString window;
    QString site;
};

// 电子档案: the case's electronic file, one PDF/A-1b: a cover with the case
// number, the items, the applicant (masked as on the receipt), the
// materials with their page counts, who accepted it and when; then every
// page of every material in checklist order, one page image a sheet. In the
// PDF each JPEG page is the stored file itself (DCT), not encoded again.
class CaseArchive final : public Document
{
public:
    explicit CaseArchive(CaseArchiveData data, CentreSettings centre = {});

    QString kind() const override { return QStringLiteral("case-archive"); }
    const CaseArchiveData& data() const { return m_data; }
    int imagePages() const;

protected:
    Result<PageLayout> compose() const override;
    void describe(CanonicalText& out) const override;
    void preparePdf(QPdfWriter& writer) const override;
    Result<QByteArray> finishPdf(const QByteArray& pdf) const override;
    void pdfEnded() const override { m_placeholders = false; }

private:
    CaseArchiveData m_data;
    // While a PDF is written, JPEG pages are drawn as small stand-ins that
    // finishPdf() replaces by the stored files.
    mutable bool m_placeholders = false;
};

} // namespace ow
