#pragma once

#include "store/Result.h"
#include "sync/CentralConnection.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace ow {

// One row of ow.case_material_pages: a page of a material, or a material
// without pages (position 0, no hash).
struct CentralCasePage
{
    QString materialId;
    QString materialName;
    int position = 0;
    QString sha256;
    QString format; // "jpeg", "png"
    qint64 bytes = 0;
};

// A case at the centre with its materials and pages, for the back office.
struct CentralCaseMaterials
{
    QString caseUuid;
    QString caseNumber;
    QString siteCode;
    QString status;
    QJsonObject applicant;        // as the counter sent it
    QJsonObject payload;          // window, clerk, ...
    QStringList items;            // item codes
    QList<QJsonObject> materials; // ow.case_materials: material_id, name, form, copies
    QList<CentralCasePage> pages;
    QString receivedAt;
};

// The back office's reading of the pages at the centre (the administrator's
// login): a case's materials with their page hashes, and a page's bytes
// streamed into a file piece by piece.
class CentralPages
{
    Q_DECLARE_TR_FUNCTIONS(ow::CentralPages)

public:
    explicit CentralPages(CentralConnection& c) : m_c(c) {}

    Result<CentralCaseMaterials> caseMaterials(const QString& caseNumber);
    // Writes the page to `path` (replaced only when whole and matching its hash).
    Status writePage(const CentralCasePage& page, const QString& path, int pieceBytes = 1 << 20);

private:
    CentralConnection& m_c;
};

} // namespace ow
