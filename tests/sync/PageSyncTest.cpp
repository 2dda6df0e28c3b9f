// Page images at the centre: after their case, in resumable chunks, kept
// once by hash, each site reaching only its own; the back office reads them.
#include "SyncTestSupport.h"
#include "cases/CaseRepository.h"
#include "pages/MaterialPages.h"
#include "store/DataDir.h"
#include "sync/PageUpload.h"

#include <QDir>
#include <QImage>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using namespace ow;
using namespace ow::test;

namespace {

// A frame of noise: a JPEG of a megabyte or more, several chunks.
QImage noisyFrame(quint32 seed, int w = 1400, int h = 1400)
{
    QImage image(w, h, QImage::Format_RGB32);
    QRandomGenerator g(seed);
    for (int y = 0; y < h; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < w; ++x)
            line[x] = 0xFF000000u | (g.generate() & 0xFFFFFFu);
    }
    return image;
}

QString caseNumberOf(SyncCounter& c, const QString& caseId)
{
    auto found = CaseRepository(*c.intake.store.db).findById(caseId);
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    return (*found)->caseNumber;
}

} // namespace

TEST_CASE("pages reach the centre after their case, are kept once and listed with their hashes")
{
    CentralFixture central;
    SyncCounter a(central.addSite(QStringLiteral("PGA")));
    const QString caseId = a.acceptPromised(1);
    MaterialPages pages(*a.intake.store.db, a.intake.clock);
    const PageOwner owner = PageOwner::ofCase(caseId);
    const QImage p1 = noisyFrame(1, 600, 800), p2 = noisyFrame(2, 600, 800);
    REQUIRE(pages.add(owner, QStringLiteral("id-card"), {p1, p2}, PageSettings()).ok());
    // The same page for another material: one page at the centre.
    REQUIRE(pages.add(owner, QStringLiteral("other"), {p1}, PageSettings()).ok());
    auto waiting = PageUploader::waiting(*a.intake.store.db);
    REQUIRE(waiting.ok());
    CHECK(waiting->pages == 2);
    CHECK(waiting->cases == 1);

    const SyncPassReport report = a.sync();
    CHECK(report.pagesSent == 2);
    CHECK(report.casePageLists == 1);
    CentralConnection& admin = central.admin();
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM ow.page_blobs")).toInt() == 2);
    const QString number = caseNumberOf(a, caseId);
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM ow.case_material_pages('%1') WHERE "
                                       "sha256 IS NOT NULL")
                            .arg(number))
              .toInt() == 3);
    auto local = pages.pages(owner, QStringLiteral("id-card"));
    REQUIRE(local.ok());
    CHECK(scalar(admin, QStringLiteral("SELECT sha256 FROM ow.case_material_pages('%1') WHERE "
                                       "material_id = 'id-card' AND page_no = 2")
                            .arg(number))
              .toString() == local->at(1).sha256);
    for (const MaterialPage& p : local.value())
        CHECK(p.atCentre);
    waiting = PageUploader::waiting(*a.intake.store.db);
    CHECK(waiting->pages == 0);
    CHECK(waiting->cases == 0);

    // Another site sends the same page: still kept once, now held by both.
    SyncCounter b(central.addSite(QStringLiteral("PGB")));
    const QString otherCase = b.acceptPromised(2);
    MaterialPages bPages(*b.intake.store.db, b.intake.clock);
    REQUIRE(
        bPages.add(PageOwner::ofCase(otherCase), QStringLiteral("id-card"), {p1}, PageSettings())
            .ok());
    const SyncPassReport bReport = b.sync();
    CHECK(bReport.pagesSent == 1);
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM ow.page_blobs")).toInt() == 2);
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM ow.page_holders")).toInt() == 3);

    // The back office writes the pages and the electronic file.
    QTemporaryDir out;
    const ProcessResult r =
        runAdmin({QStringLiteral("central"), QStringLiteral("case-materials"), number,
                  QStringLiteral("--out"), out.path(), QStringLiteral("--central"),
                  central.adminUrl(), QStringLiteral("--lang"), QStringLiteral("en")});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QStringList files = QDir(out.path()).entryList(QDir::Files, QDir::Name);
    CHECK(files.filter(QStringLiteral(".jpg")).size() == 3);
    CHECK(files.contains(number + QStringLiteral(".pdf")));
    QFile first(QDir(out.path()).filePath(QStringLiteral("id-card-001.jpg")));
    REQUIRE(first.open(QIODevice::ReadOnly));
    CHECK(PageImage::sha256Hex(first.readAll()) == local->at(0).sha256);
}

TEST_CASE("another site's login can neither read a site's pages nor learn that a hash exists")
{
    CentralFixture central;
    SyncCounter a(central.addSite(QStringLiteral("PRA")));
    const QString caseId = a.acceptPromised(1);
    MaterialPages pages(*a.intake.store.db, a.intake.clock);
    auto added = pages.add(PageOwner::ofCase(caseId), QStringLiteral("id-card"),
                           {noisyFrame(7, 500, 500)}, PageSettings());
    REQUIRE(added.ok());
    a.sync();
    const QString sha = added->first().sha256;
    const qint64 size = added->first().bytes;

    const NewSite otherSite = central.addSite(QStringLiteral("PRB"));
    auto other = central.siteConnection(otherSite, newUuid());
    // No table is open to a site's login.
    CHECK(failureOf(*other, QStringLiteral("SELECT count(*) FROM ow.page_blobs")) == "42501");
    CHECK(failureOf(*other, QStringLiteral("SELECT count(*) FROM ow.case_pages")) == "42501");
    CHECK(failureOf(*other, QStringLiteral("SELECT ow.page_bytes('%1', 0, 10)").arg(sha)) ==
          "42501");
    // The upload of a page the centre has is answered as of one it has not.
    const auto begun = [&](const QString& hash) {
        return scalar(*other,
                      QStringLiteral("SELECT ow_api.page_upload_begin('%1', 'jpeg', %2)::text")
                          .arg(hash)
                          .arg(size))
            .toString();
    };
    const QString unknown = QString(64, QLatin1Char('e'));
    CHECK(begun(sha) == begun(unknown));
    CHECK(begun(sha).contains(QLatin1String("\"received\": 0")));
    // Nor can it name the page in a case of its own without sending it.
    SyncCounter b(otherSite);
    const QString bCase = b.acceptPromised(3);
    b.sync();
    CHECK(failureOf(*other, QStringLiteral("SELECT ow_api.put_case_pages('%1'::uuid, "
                                           "'[{\"material\": \"x\", \"position\": 1, "
                                           "\"sha256\": \"%2\"}]')")
                                .arg(bCase, sha)) == "OW400");
    // Nor claim it with other bytes.
    execOk(*other, QStringLiteral("SELECT ow_api.page_upload_begin('%1', 'jpeg', 4)").arg(sha));
    execOk(*other,
           QStringLiteral("SELECT ow_api.page_upload_chunk('%1', 0, '\\x01020304')").arg(sha));
    CHECK(scalar(*other, QStringLiteral("SELECT ow_api.page_upload_finish('%1')::text").arg(sha))
              .toString()
              .contains(QLatin1String("mismatch")));
    CHECK(
        scalar(central.admin(),
               QStringLiteral("SELECT count(*) FROM ow.page_holders WHERE sha256 = '%1'").arg(sha))
            .toInt() == 1);
}

TEST_CASE("a connection cut mid-page resumes from the last chunk stored")
{
    CentralFixture central;
    SyncCounter a(central.addSite(QStringLiteral("PCU")));
    const QString caseId = a.acceptPromised(1);
    MaterialPages pages(*a.intake.store.db, a.intake.clock);
    auto added = pages.add(PageOwner::ofCase(caseId), QStringLiteral("id-card"),
                           {noisyFrame(11, 2400, 2400)}, PageSettings());
    REQUIRE(added.ok());
    const qint64 size = added->first().bytes;
    constexpr qint64 chunk = 1024 * 1024; // the uploader's chunk
    REQUIRE(size > 3 * chunk);

    int chunks = 0;
    a.engine.setPageChunkHook([&](const QString&, qint64) -> Status {
        if (++chunks == 2) {
            a.gateway.disconnect(); // the line drops
            return Error{Error::Kind::Network, QStringLiteral("cut"), {}};
        }
        return {};
    });
    auto cut = a.engine.runOnce();
    REQUIRE_FALSE(cut.ok());
    CentralConnection& admin = central.admin();
    const qint64 stored =
        scalar(admin, QStringLiteral("SELECT received FROM ow.page_uploads")).toLongLong();
    CHECK(stored == 2 * chunk);
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM ow.page_blobs")).toInt() == 0);

    a.engine.setPageChunkHook({});
    const SyncPassReport resumed = a.sync();
    CHECK(resumed.pagesSent == 1);
    CHECK(resumed.pageBytes == size - stored); // not from the start
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM ow.page_blobs")).toInt() == 1);
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM ow.page_uploads")).toInt() == 0);
    CHECK(scalar(admin, QStringLiteral("SELECT encode(sha256(data), 'hex') FROM ow.page_blobs"))
              .toString() == added->first().sha256);
}

TEST_CASE("kill -9 in the middle of a page leaves nothing broken and the next run finishes it")
{
    CentralFixture central;
    const NewSite site = central.addSite(QStringLiteral("PKL"));
    QTemporaryDir dataDir;
    QString number;
    {
        SyncCounter counter(site);
        const QString id = counter.acceptPromised(1);
        number = caseNumberOf(counter, id);
        counter.sync(); // the case is at the centre
        counter.intake.store.db.reset();
        REQUIRE(QFile::copy(counter.intake.store.path(), storeFile(dataDir.path())));
    }
    QTemporaryDir tmp;
    const QString big = tmp.filePath(QStringLiteral("big.jpg"));
    REQUIRE(noisyFrame(21).save(big, "JPEG", 90));
    const QString small = tmp.filePath(QStringLiteral("small.jpg"));
    REQUIRE(noisyFrame(22, 300, 300).save(small, "JPEG", 90));
    ProcessResult r =
        runAdmin({QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("pages"),
                  QStringLiteral("add"), number, QStringLiteral("id-card"), big, small});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    REQUIRE(runAdmin({QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("sync"),
                      QStringLiteral("configure"), QStringLiteral("--central"), site.url,
                      QStringLiteral("--site"), site.code})
                .exitCode == 0);

    QProcess sync;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ONEWINDOW_SYNC_KILL_AT"), QStringLiteral("mid-page:500000"));
    sync.setProcessEnvironment(env);
    sync.start(QStringLiteral(OW_ADMIN_EXE), {QStringLiteral("--data-dir"), dataDir.path(),
                                              QStringLiteral("sync"), QStringLiteral("--once")});
    REQUIRE(sync.waitForFinished(120000));
    CHECK(sync.exitStatus() == QProcess::CrashExit);
    CentralConnection& admin = central.admin();
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM ow.case_pages")).toInt() == 0);
    const qint64 stored =
        scalar(admin, QStringLiteral("SELECT coalesce(max(received), 0) FROM ow.page_uploads"))
            .toLongLong();
    CHECK(stored >= 500000);

    r = runAdmin({QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("sync"),
                  QStringLiteral("--once"), QStringLiteral("--lang"), QStringLiteral("en")});
    INFO(r.out.toStdString() << r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.contains(QLatin1String("Pages sent: 2")));
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM ow.case_pages")).toInt() == 2);
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM ow.page_blobs WHERE "
                                       "encode(sha256(data), 'hex') = sha256"))
              .toInt() == 2);
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM ow.page_uploads")).toInt() == 0);
    r = runAdmin({QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("sync"),
                  QStringLiteral("status"), QStringLiteral("--lang"), QStringLiteral("en")});
    CHECK(r.out.contains(QLatin1String("Pages waiting for the centre: 0")));
}

TEST_CASE("a case's rows never wait for its pages")
{
    CentralFixture central;
    SyncCounter a(central.addSite(QStringLiteral("POR")));
    const QString first = a.acceptPromised(1);
    MaterialPages pages(*a.intake.store.db, a.intake.clock);
    REQUIRE(pages
                .add(PageOwner::ofCase(first), QStringLiteral("id-card"),
                     {noisyFrame(31), noisyFrame(32)}, PageSettings())
                .ok());
    // A case decided while the pages go up: the upload yields at once, the
    // case goes first in the next pass.
    bool decided = false;
    QString second;
    a.engine.setPageChunkHook([&](const QString&, qint64) -> Status {
        if (!decided) {
            decided = true;
            second = a.acceptPromised(2);
        }
        return {};
    });
    const SyncPassReport one = a.sync();
    CHECK(one.pagesSent == 1); // the page under way finishes, then the upload yields
    CHECK(a.outboxCount() > 0);
    a.engine.setPageChunkHook({});
    const SyncPassReport two = a.sync();
    CHECK(two.applied >= 1);
    CHECK(centralCaseNumbers(central.admin(), a.site.code).size() == 2);
    CHECK(two.pagesSent == 1);
}
