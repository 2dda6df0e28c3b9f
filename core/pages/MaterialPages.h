#pragma once

#include "pages/PageImage.h"
#include "pages/PageStore.h"
#include "store/Clock.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QImage>
#include <QList>
#include <QString>
#include <functional>

namespace ow {

// Whose pages: a case's, or an intake's not yet decided (a draft, under an
// id the intake keeps; the decision moves them to its case).
struct PageOwner
{
    enum class Kind { Case, Draft };
    Kind kind = Kind::Case;
    QString id;

    static PageOwner ofCase(const QString& caseId) { return {Kind::Case, caseId}; }
    static PageOwner ofDraft(const QString& draftId) { return {Kind::Draft, draftId}; }
};

// One page of a material, in its place.
struct MaterialPage
{
    QString materialId;
    int position = 0; // 1, 2, ... within the material
    QString sha256;
    PageFormat format = PageFormat::Jpeg;
    qint64 bytes = 0;
    int width = 0;
    int height = 0;
    QDateTime addedAt;
    bool atCentre = false; // the centre confirmed it holds the page
};

// What a start-up clean-up removed.
struct PageCleanup
{
    int files = 0;  // page files no row named (a process killed between file and rows)
    int drafts = 0; // pages of intakes abandoned longer than the days given
    int blobs = 0;  // page rows no material named any more
};

// The pages of received materials: the only SQL on page_blob, case_page and
// draft_page. Each change writes the files first (PageStore, durable) and
// then the rows naming them in one transaction, so a case never names a
// page that is not on the disk, and a failure (a full disk) leaves the
// material's pages as they were. A page kept once serves every material,
// capture and case that has the same bytes; reused materials name the pages
// of the earlier case. Positions count from 1.
//
// A capture controller calls add() with the frame of the document camera or
// the scanner, or addFiles() with files chosen or dropped, for the material
// of the checklist row; pages() lists them; move(), remove() and retake()
// act on one page.
class MaterialPages
{
    Q_DECLARE_TR_FUNCTIONS(ow::MaterialPages)

public:
    // The pages are kept in `folder`; by default beside the store.
    explicit MaterialPages(Database& db, const Clock& clock = Clock::system());
    MaterialPages(Database& db, QString folder, const Clock& clock = Clock::system());

    const PageStore& store() const { return m_store; }

    // Adds pages to the material, at `before` (a position: they go before
    // the page there) or at the end (0). Returns the material's pages.
    Result<QList<MaterialPage>> add(const PageOwner& owner, const QString& materialId,
                                    const QList<QImage>& images, const PageSettings& settings,
                                    int before = 0);
    Result<QList<MaterialPage>> addFiles(const PageOwner& owner, const QString& materialId,
                                         const QStringList& paths, const PageSettings& settings,
                                         int before = 0);
    Result<QList<MaterialPage>> addEncoded(const PageOwner& owner, const QString& materialId,
                                           const QList<EncodedPage>& pages, int before = 0);

    // The pages of one material, or of every material (by material, then
    // position) when `materialId` is empty.
    Result<QList<MaterialPage>> pages(const PageOwner& owner, const QString& materialId = {}) const;
    // The number of pages per material.
    Result<QHash<QString, int>> pageCounts(const PageOwner& owner) const;

    // Moves the page at `from` to `to`.
    Result<QList<MaterialPage>> move(const PageOwner& owner, const QString& materialId, int from,
                                     int to);
    // Puts the pages in the order given: `order` lists every current position once.
    Result<QList<MaterialPage>> reorder(const PageOwner& owner, const QString& materialId,
                                        const QList<int>& order);
    Result<QList<MaterialPage>> remove(const PageOwner& owner, const QString& materialId,
                                       int position);
    // Replaces the page at `position` by a new capture.
    Result<QList<MaterialPage>> retake(const PageOwner& owner, const QString& materialId,
                                       int position, const QImage& image,
                                       const PageSettings& settings);

    // A material reused from an earlier case brings that case's pages of
    // `sourceMaterialId` along: named, not copied. Returns the material's pages.
    Result<QList<MaterialPage>> reuse(const PageOwner& owner, const QString& materialId,
                                      const QString& sourceCaseId, const QString& sourceMaterialId);

    // Moves a draft's pages to the case `caseId`, after any pages the case
    // has (a correction resumed). Runs in the caller's transaction: the decision's.
    Status adoptDraft(const QString& draftId, const QString& caseId);
    // Drops a draft's pages (the intake was abandoned).
    Status discardDraft(const QString& draftId);

    // At start: removes the files no row names, the pages of drafts older
    // than `draftDays`, and the rows no material names.
    Result<PageCleanup> cleanUp(int draftDays = 2);

    // The bytes of a page, checked against its hash.
    Result<QByteArray> read(const MaterialPage& page) const;
    QString filePath(const MaterialPage& page) const;

private:
    using Order = QList<QPair<QString, QDateTime>>; // sha256, added at
    Result<QList<MaterialPage>> rewrite(const PageOwner& owner, const QString& materialId,
                                        const std::function<Status(Order&)>& change,
                                        const QList<EncodedPage>& newPages = {});
    Result<Order> orderOf(const PageOwner& owner, const QString& materialId) const;
    Status writeOrder(const PageOwner& owner, const QString& materialId, const Order& order);
    Status insertBlob(const EncodedPage& page, const QDateTime& now);
    Status touchCase(const PageOwner& owner, const QDateTime& now);
    // Deletes the rows of pages no material names; returns their files.
    Result<QList<QPair<QString, PageFormat>>> collectGarbage();
    // Removes the files among `files` that no row names.
    void dropUnnamed(const QList<QPair<QString, PageFormat>>& files);

    Database& m_db;
    PageStore m_store;
    const Clock& m_clock;
};

} // namespace ow
