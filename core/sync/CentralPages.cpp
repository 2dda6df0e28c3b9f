#include "sync/CentralPages.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSqlQuery>
#include <QVariant>

namespace ow {

Result<CentralCaseMaterials> CentralPages::caseMaterials(const QString& caseNumber)
{
    CentralCaseMaterials out;
    QSqlQuery c = m_c.query();
    c.prepare(QStringLiteral("SELECT case_uuid::text, case_number, site_code, status, "
                             "applicant::text, payload::text, items::text, received_at::text "
                             "FROM ow.cases WHERE case_number = ?"));
    c.addBindValue(caseNumber);
    if (Status s = m_c.run(c); !s)
        return s.error();
    if (!c.next())
        return Error::notFound(tr("There is no case %1 in the central database.").arg(caseNumber));
    out.caseUuid = c.value(0).toString();
    out.caseNumber = c.value(1).toString();
    out.siteCode = c.value(2).toString();
    out.status = c.value(3).toString();
    out.applicant = QJsonDocument::fromJson(c.value(4).toString().toUtf8()).object();
    out.payload = QJsonDocument::fromJson(c.value(5).toString().toUtf8()).object();
    for (const QJsonValue& i : QJsonDocument::fromJson(c.value(6).toString().toUtf8()).array())
        out.items << i.toObject().value(QStringLiteral("code")).toString();
    out.receivedAt = c.value(7).toString();
    c.finish();

    QSqlQuery m = m_c.query();
    m.prepare(QStringLiteral("SELECT material_id, name, form, copies FROM ow.case_materials "
                             "WHERE case_uuid = ?::uuid"));
    m.addBindValue(out.caseUuid);
    if (Status s = m_c.run(m); !s)
        return s.error();
    while (m.next())
        out.materials << QJsonObject{{QStringLiteral("material_id"), m.value(0).toString()},
                                     {QStringLiteral("name"), m.value(1).toString()},
                                     {QStringLiteral("form"), m.value(2).toString()},
                                     {QStringLiteral("copies"), m.value(3).toInt()}};
    m.finish();

    QSqlQuery p = m_c.query();
    p.prepare(QStringLiteral("SELECT material_id, material_name, page_no, sha256, format, bytes "
                             "FROM ow.case_material_pages(?)"));
    p.addBindValue(caseNumber);
    if (Status s = m_c.run(p); !s)
        return s.error();
    while (p.next()) {
        CentralCasePage page;
        page.materialId = p.value(0).toString();
        page.materialName = p.value(1).toString();
        page.position = p.value(2).isNull() ? 0 : p.value(2).toInt();
        page.sha256 = p.value(3).toString();
        page.format = p.value(4).toString();
        page.bytes = p.value(5).toLongLong();
        out.pages << page;
    }
    return out;
}

Status CentralPages::writePage(const CentralCasePage& page, const QString& path, int pieceBytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::storage(tr("Cannot write %1: %2").arg(path, file.errorString()));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QSqlQuery q = m_c.query();
    q.prepare(QStringLiteral("SELECT ow.page_bytes(?, ?, ?)"));
    for (qint64 at = 0; at < page.bytes; at += pieceBytes) {
        q.addBindValue(page.sha256);
        q.addBindValue(at);
        q.addBindValue(pieceBytes);
        if (Status s = m_c.run(q); !s)
            return s;
        if (!q.next() || q.isNull(0))
            return Error::notFound(tr("The centre has no page %1.").arg(page.sha256));
        const QByteArray piece = q.value(0).toByteArray();
        q.finish();
        if (piece.isEmpty())
            break;
        hash.addData(piece);
        if (file.write(piece) != piece.size())
            return Error::storage(tr("Cannot write %1: %2").arg(path, file.errorString()));
    }
    if (QString::fromLatin1(hash.result().toHex()) != page.sha256)
        return Error::storage(
            tr("The page %1 read from the centre does not match its hash.").arg(page.sha256));
    if (!file.commit())
        return Error::storage(tr("Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace ow
