#include "pages/MaterialPages.h"

#include <QSqlQuery>
#include <QVariant>
#include <functional>

namespace ow {

namespace {

QString tableOf(const PageOwner& owner)
{
    return owner.kind == PageOwner::Kind::Case ? QStringLiteral("case_page")
                                               : QStringLiteral("draft_page");
}

QString ownerColumn(const PageOwner& owner)
{
    return owner.kind == PageOwner::Kind::Case ? QStringLiteral("case_id")
                                               : QStringLiteral("draft_id");
}

QString timeText(const QDateTime& t)
{
    return t.toString(Qt::ISODateWithMs);
}

} // namespace

MaterialPages::MaterialPages(Database& db, const Clock& clock)
    : MaterialPages(db, PageStore::folderBeside(db), clock)
{
}

MaterialPages::MaterialPages(Database& db, QString folder, const Clock& clock)
    : m_db(db), m_store(std::move(folder)), m_clock(clock)
{
}

Result<QList<MaterialPage>> MaterialPages::add(const PageOwner& owner, const QString& materialId,
                                               const QList<QImage>& images,
                                               const PageSettings& settings, int before)
{
    QList<EncodedPage> encoded;
    for (const QImage& image : images) {
        auto page = PageImage::encode(image, settings);
        if (!page)
            return page.error();
        encoded.append(std::move(page).value());
    }
    return addEncoded(owner, materialId, encoded, before);
}

Result<QList<MaterialPage>> MaterialPages::addFiles(const PageOwner& owner,
                                                    const QString& materialId,
                                                    const QStringList& paths,
                                                    const PageSettings& settings, int before)
{
    QList<EncodedPage> encoded;
    for (const QString& path : paths) {
        auto pages = PageImage::fromFile(path, settings);
        if (!pages)
            return pages.error();
        encoded.append(pages.value());
    }
    return addEncoded(owner, materialId, encoded, before);
}

Result<QList<MaterialPage>> MaterialPages::addEncoded(const PageOwner& owner,
                                                      const QString& materialId,
                                                      const QList<EncodedPage>& pages, int before)
{
    if (pages.isEmpty())
        return this->pages(owner, materialId);
    const QDateTime now = m_clock.now();
    return rewrite(
        owner, materialId,
        [&](Order& order) -> Status {
            qsizetype at = before >= 1 && before <= order.size() ? before - 1 : order.size();
            for (const EncodedPage& p : pages)
                order.insert(at++, {p.sha256, now});
            return {};
        },
        pages);
}

Result<QList<MaterialPage>> MaterialPages::rewrite(const PageOwner& owner,
                                                   const QString& materialId,
                                                   const std::function<Status(Order&)>& change,
                                                   const QList<EncodedPage>& newPages)
{
    if (owner.id.isEmpty() || materialId.isEmpty())
        return Error::invalid(tr("A page belongs to a material of a case or of an intake: "
                                 "name both."));
    // The files first, each durable before any row names it.
    QList<QPair<QString, PageFormat>> written;
    for (const EncodedPage& p : newPages)
        written.append({p.sha256, p.format});
    for (const EncodedPage& p : newPages) {
        if (Status s = m_store.put(p); !s) {
            dropUnnamed(written);
            return s.error();
        }
    }
    auto changed = [&]() -> Result<QList<QPair<QString, PageFormat>>> {
        Transaction tx(m_db);
        if (!tx.begun())
            return tx.begun().error();
        const QDateTime now = m_clock.now();
        for (const EncodedPage& p : newPages) {
            // A clean-up in another process may have taken a file no row
            // named yet: under this transaction's lock it cannot any more.
            if (!m_store.has(p.sha256, p.format)) {
                if (Status s = m_store.put(p); !s)
                    return s.error();
            }
            if (Status s = insertBlob(p, now); !s)
                return s.error();
        }
        auto order = orderOf(owner, materialId);
        if (!order)
            return order.error();
        if (Status s = change(order.value()); !s)
            return s.error();
        if (Status s = writeOrder(owner, materialId, order.value()); !s)
            return s.error();
        if (Status s = touchCase(owner, now); !s)
            return s.error();
        auto garbage = collectGarbage();
        if (!garbage)
            return garbage.error();
        if (Status s = tx.commit(); !s)
            return s.error();
        return garbage.value();
    }();
    if (!changed) {
        dropUnnamed(written);
        return changed.error();
    }
    dropUnnamed(changed.value());
    return pages(owner, materialId);
}

void MaterialPages::dropUnnamed(const QList<QPair<QString, PageFormat>>& files)
{
    if (files.isEmpty())
        return;
    // Under the store's write lock: a page added meanwhile in another
    // process names its file before this looks, or checks it after.
    Transaction tx(m_db);
    if (!tx.begun())
        return; // left for the clean-up at the next start
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT 1 FROM page_blob WHERE sha256 = ?"));
    for (const auto& [sha, format] : files) {
        q.addBindValue(sha);
        if (!q.exec())
            return;
        const bool named = q.next();
        q.finish();
        if (!named)
            m_store.remove(sha, format);
    }
}

Status MaterialPages::insertBlob(const EncodedPage& page, const QDateTime& now)
{
    QSqlQuery q = m_db.query();
    q.prepare(
        QStringLiteral("INSERT INTO page_blob (sha256, format, bytes, width, height, "
                       "stored_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING"));
    q.addBindValue(page.sha256);
    q.addBindValue(toString(page.format));
    q.addBindValue(qint64(page.bytes.size()));
    q.addBindValue(page.width);
    q.addBindValue(page.height);
    q.addBindValue(timeText(now));
    return m_db.run(q);
}

Status MaterialPages::touchCase(const PageOwner& owner, const QDateTime& now)
{
    if (owner.kind != PageOwner::Kind::Case)
        return {};
    QSqlQuery q = m_db.query();
    q.prepare(
        QStringLiteral("INSERT INTO case_page_sync (case_id, version, changed_at) VALUES (?, 1, ?) "
                       "ON CONFLICT (case_id) DO UPDATE SET version = version + 1, changed_at = "
                       "excluded.changed_at"));
    q.addBindValue(owner.id);
    q.addBindValue(timeText(now));
    return m_db.run(q);
}

Result<MaterialPages::Order> MaterialPages::orderOf(const PageOwner& owner,
                                                    const QString& materialId) const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT sha256, added_at FROM %1 WHERE %2 = ? AND material_id = ? "
                             "ORDER BY position")
                  .arg(tableOf(owner), ownerColumn(owner)));
    q.addBindValue(owner.id);
    q.addBindValue(materialId);
    if (Status s = m_db.run(q); !s)
        return s.error();
    Order order;
    while (q.next())
        order.append({q.value(0).toString(),
                      QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs)});
    return order;
}

Status MaterialPages::writeOrder(const PageOwner& owner, const QString& materialId,
                                 const Order& order)
{
    QSqlQuery d = m_db.query();
    d.prepare(QStringLiteral("DELETE FROM %1 WHERE %2 = ? AND material_id = ?")
                  .arg(tableOf(owner), ownerColumn(owner)));
    d.addBindValue(owner.id);
    d.addBindValue(materialId);
    if (Status s = m_db.run(d); !s)
        return s;
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("INSERT INTO %1 (%2, material_id, position, sha256, added_at) "
                             "VALUES (?, ?, ?, ?, ?)")
                  .arg(tableOf(owner), ownerColumn(owner)));
    for (qsizetype i = 0; i < order.size(); ++i) {
        q.addBindValue(owner.id);
        q.addBindValue(materialId);
        q.addBindValue(int(i + 1));
        q.addBindValue(order[i].first);
        q.addBindValue(timeText(order[i].second));
        if (Status s = m_db.run(q); !s)
            return s;
    }
    return {};
}

Result<QList<QPair<QString, PageFormat>>> MaterialPages::collectGarbage()
{
    QSqlQuery q = m_db.query();
    if (!q.exec(QStringLiteral(
            "SELECT sha256, format FROM page_blob b WHERE NOT EXISTS (SELECT 1 FROM case_page c "
            "WHERE c.sha256 = b.sha256) AND NOT EXISTS (SELECT 1 FROM draft_page d WHERE "
            "d.sha256 = b.sha256)")))
        return m_db.errorFrom(q);
    QList<QPair<QString, PageFormat>> gone;
    while (q.next())
        gone.append({q.value(0).toString(),
                     pageFormatFromString(q.value(1).toString()).value_or(PageFormat::Jpeg)});
    q.finish();
    QSqlQuery d = m_db.query();
    d.prepare(QStringLiteral("DELETE FROM page_blob WHERE sha256 = ?"));
    for (const auto& g : gone) {
        d.addBindValue(g.first);
        if (Status s = m_db.run(d); !s)
            return s.error();
    }
    return gone;
}

Result<QList<MaterialPage>> MaterialPages::pages(const PageOwner& owner,
                                                 const QString& materialId) const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT p.material_id, p.position, p.sha256, b.format, b.bytes, "
                             "b.width, b.height, p.added_at, b.centre_at FROM %1 p JOIN page_blob "
                             "b ON b.sha256 = p.sha256 WHERE p.%2 = ? %3 ORDER BY p.material_id, "
                             "p.position")
                  .arg(tableOf(owner), ownerColumn(owner),
                       materialId.isEmpty() ? QString() : QStringLiteral("AND p.material_id = ?")));
    q.addBindValue(owner.id);
    if (!materialId.isEmpty())
        q.addBindValue(materialId);
    if (Status s = m_db.run(q); !s)
        return s.error();
    QList<MaterialPage> out;
    while (q.next()) {
        MaterialPage p;
        p.materialId = q.value(0).toString();
        p.position = q.value(1).toInt();
        p.sha256 = q.value(2).toString();
        p.format = pageFormatFromString(q.value(3).toString()).value_or(PageFormat::Jpeg);
        p.bytes = q.value(4).toLongLong();
        p.width = q.value(5).toInt();
        p.height = q.value(6).toInt();
        p.addedAt = QDateTime::fromString(q.value(7).toString(), Qt::ISODateWithMs);
        p.atCentre = !q.value(8).toString().isEmpty();
        out.append(p);
    }
    return out;
}

Result<QHash<QString, int>> MaterialPages::pageCounts(const PageOwner& owner) const
{
    QSqlQuery q = m_db.query();
    q.prepare(
        QStringLiteral("SELECT material_id, count(*) FROM %1 WHERE %2 = ? GROUP BY material_id")
            .arg(tableOf(owner), ownerColumn(owner)));
    q.addBindValue(owner.id);
    if (Status s = m_db.run(q); !s)
        return s.error();
    QHash<QString, int> counts;
    while (q.next())
        counts.insert(q.value(0).toString(), q.value(1).toInt());
    return counts;
}

Result<QList<MaterialPage>> MaterialPages::move(const PageOwner& owner, const QString& materialId,
                                                int from, int to)
{
    return rewrite(owner, materialId, [&](Order& order) -> Status {
        if (from < 1 || from > order.size() || to < 1 || to > order.size())
            return Error::invalid(tr("The material has %1 pages: there is no page %2 to move "
                                     "to place %3.")
                                      .arg(order.size())
                                      .arg(from)
                                      .arg(to));
        order.move(from - 1, to - 1);
        return {};
    });
}

Result<QList<MaterialPage>> MaterialPages::reorder(const PageOwner& owner,
                                                   const QString& materialId,
                                                   const QList<int>& newOrder)
{
    return rewrite(owner, materialId, [&](Order& order) -> Status {
        QList<bool> seen(order.size(), false);
        bool whole = newOrder.size() == order.size();
        for (int p : newOrder) {
            if (p < 1 || p > order.size() || seen[p - 1]) {
                whole = false;
                break;
            }
            seen[p - 1] = true;
        }
        if (!whole)
            return Error::invalid(tr("The new order must name each of the material's %1 pages "
                                     "once.")
                                      .arg(order.size()));
        Order next;
        for (int p : newOrder)
            next.append(order[p - 1]);
        order = next;
        return {};
    });
}

Result<QList<MaterialPage>> MaterialPages::remove(const PageOwner& owner, const QString& materialId,
                                                  int position)
{
    return rewrite(owner, materialId, [&](Order& order) -> Status {
        if (position < 1 || position > order.size())
            return Error::invalid(tr("The material has %1 pages: there is no page %2.")
                                      .arg(order.size())
                                      .arg(position));
        order.removeAt(position - 1);
        return {};
    });
}

Result<QList<MaterialPage>> MaterialPages::retake(const PageOwner& owner, const QString& materialId,
                                                  int position, const QImage& image,
                                                  const PageSettings& settings)
{
    auto page = PageImage::encode(image, settings);
    if (!page)
        return page.error();
    const QDateTime now = m_clock.now();
    return rewrite(owner, materialId,
                   [&](Order& order) -> Status {
                       if (position < 1 || position > order.size())
                           return Error::invalid(
                               tr("The material has %1 pages: there is no page %2.")
                                   .arg(order.size())
                                   .arg(position));
                       order[position - 1] = {page->sha256, now};
                       return {};
                   },
                   {page.value()});
}

Result<QList<MaterialPage>> MaterialPages::reuse(const PageOwner& owner, const QString& materialId,
                                                 const QString& sourceCaseId,
                                                 const QString& sourceMaterialId)
{
    auto source = orderOf(PageOwner::ofCase(sourceCaseId), sourceMaterialId);
    if (!source)
        return source.error();
    const QDateTime now = m_clock.now();
    return rewrite(owner, materialId, [&](Order& order) -> Status {
        for (const auto& s : source.value())
            order.append({s.first, now});
        return {};
    });
}

Status MaterialPages::adoptDraft(const QString& draftId, const QString& caseId)
{
    if (draftId.isEmpty())
        return {};
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT DISTINCT material_id FROM draft_page WHERE draft_id = ?"));
    q.addBindValue(draftId);
    if (Status s = m_db.run(q); !s)
        return s;
    QStringList materials;
    while (q.next())
        materials << q.value(0).toString();
    q.finish();
    if (materials.isEmpty())
        return {};
    const PageOwner draft = PageOwner::ofDraft(draftId);
    const PageOwner target = PageOwner::ofCase(caseId);
    for (const QString& m : materials) {
        auto pages = orderOf(draft, m);
        if (!pages)
            return pages.error();
        auto existing = orderOf(target, m);
        if (!existing)
            return existing.error();
        Order order = existing.value() + pages.value();
        if (Status s = writeOrder(target, m, order); !s)
            return s;
        if (Status s = writeOrder(draft, m, {}); !s)
            return s;
    }
    return touchCase(target, m_clock.now());
}

Status MaterialPages::discardDraft(const QString& draftId)
{
    QList<QPair<QString, PageFormat>> gone;
    {
        Transaction tx(m_db);
        if (!tx.begun())
            return tx.begun();
        QSqlQuery d = m_db.query();
        d.prepare(QStringLiteral("DELETE FROM draft_page WHERE draft_id = ?"));
        d.addBindValue(draftId);
        if (Status s = m_db.run(d); !s)
            return s;
        auto garbage = collectGarbage();
        if (!garbage)
            return garbage.error();
        gone = garbage.value();
        if (Status s = tx.commit(); !s)
            return s;
    }
    dropUnnamed(gone);
    return {};
}

Result<PageCleanup> MaterialPages::cleanUp(int draftDays)
{
    PageCleanup done;
    {
        Transaction tx(m_db);
        if (!tx.begun())
            return tx.begun().error();
        QSqlQuery d = m_db.query();
        d.prepare(QStringLiteral("DELETE FROM draft_page WHERE added_at < ?"));
        d.addBindValue(timeText(m_clock.now().addDays(-draftDays)));
        if (Status s = m_db.run(d); !s)
            return s.error();
        done.drafts = d.numRowsAffected();
        auto garbage = collectGarbage();
        if (!garbage)
            return garbage.error();
        done.blobs = int(garbage->size());
        if (Status s = tx.commit(); !s)
            return s.error();
    }
    // The files go under the store's write lock: a page being added in
    // another process checks its file again under the same lock.
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    QSet<QString> kept;
    QSqlQuery q = m_db.query();
    if (!q.exec(QStringLiteral("SELECT sha256 FROM page_blob")))
        return m_db.errorFrom(q);
    while (q.next())
        kept.insert(q.value(0).toString());
    q.finish();
    done.files = m_store.removeExcept(kept);
    return done;
}

Result<QByteArray> MaterialPages::read(const MaterialPage& page) const
{
    return m_store.read(page.sha256, page.format);
}

QString MaterialPages::filePath(const MaterialPage& page) const
{
    return m_store.pathOf(page.sha256, page.format);
}

} // namespace ow
