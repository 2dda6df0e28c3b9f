// The page store: pages of received materials kept once under their
// SHA-256 in the data folder, written durably before any row names them.
#include "pages/MaterialPages.h"

#include "../core/IntakeFixture.h"
#include "PagesTestSupport.h"
#include "cases/CaseRepository.h"

#include <QDir>
#include <QDirIterator>
#include <QImageReader>
#include <QPdfWriter>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QThread>
#include <catch2/catch.hpp>
#include <csignal>
#include <unistd.h>

using namespace ow;
using namespace ow::test;

namespace {

QStringList filesUnder(const QString& folder)
{
    QStringList out;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << it.next();
    out.sort();
    return out;
}

int rows(Database& db, const QString& sql)
{
    QSqlQuery q = db.query();
    REQUIRE(q.exec(sql));
    REQUIRE(q.next());
    return q.value(0).toInt();
}

QString acceptCase(IntakeFixture& f, const QString& draft = {})
{
    Intake intake = f.service->begin();
    REQUIRE(f.service
                ->setApplicant(intake, naturalPerson(QStringLiteral("王𠀾华"),
                                                     QStringLiteral("320581196503151239")))
                .ok());
    REQUIRE(intake.addItem(QStringLiteral("BDC-GG-001")).ok());
    intake.prefillForm();
    setForm(intake, {{QStringLiteral("query_purpose"), QStringLiteral("其他")}});
    receiveEverything(intake);
    intake.setPageDraft(draft);
    auto d = f.service->accept(intake);
    if (!d)
        FAIL(d.error().fullText().toStdString());
    return d->caseId;
}

} // namespace

TEST_CASE("pages: a captured frame is kept once under its hash, as a JPEG", "[pages]")
{
    IntakeFixture f;
    const QString caseId = acceptCase(f);
    MaterialPages pages(*f.store.db, f.clock);
    const PageOwner owner = PageOwner::ofCase(caseId);
    const QImage frame = pageFrame(1);

    auto added = pages.add(owner, QStringLiteral("id-card"), {frame}, PageSettings());
    REQUIRE(added.ok());
    REQUIRE(added->size() == 1);
    const MaterialPage page = added->first();
    CHECK(page.position == 1);
    CHECK(page.format == PageFormat::Jpeg);
    CHECK(page.width == frame.width());
    CHECK(page.height == frame.height());
    CHECK_FALSE(page.atCentre);
    // pages/ab/abcdef….jpg
    const QString path = pages.filePath(page);
    CHECK(path == PageStore::folderBeside(*f.store.db) + QLatin1Char('/') + page.sha256.left(2) +
                      QLatin1Char('/') + page.sha256 + QStringLiteral(".jpg"));
    auto bytes = pages.read(page);
    REQUIRE(bytes.ok());
    CHECK(bytes->startsWith("\xFF\xD8\xFF"));
    CHECK(PageImage::sha256Hex(bytes.value()) == page.sha256);

    // The same frame again, for another material and as a second page: one file, one row.
    REQUIRE(pages.add(owner, QStringLiteral("property-certificate"), {frame}, PageSettings()).ok());
    REQUIRE(pages.add(owner, QStringLiteral("id-card"), {frame}, PageSettings()).ok());
    CHECK(rows(*f.store.db, QStringLiteral("SELECT count(*) FROM page_blob")) == 1);
    CHECK(rows(*f.store.db, QStringLiteral("SELECT count(*) FROM case_page")) == 3);
    CHECK(filesUnder(pages.store().folder()).size() == 1);
    auto counts = pages.pageCounts(owner);
    REQUIRE(counts.ok());
    CHECK(counts->value(QStringLiteral("id-card")) == 2);
    CHECK(counts->value(QStringLiteral("property-certificate")) == 1);
    // The centre has the case's new page list to fetch.
    CHECK(rows(*f.store.db, QStringLiteral("SELECT version FROM case_page_sync")) == 3);
}

TEST_CASE("pages: grey is a one-channel JPEG, black and white a lossless one-bit PNG", "[pages]")
{
    IntakeFixture f;
    const QString caseId = acceptCase(f);
    MaterialPages pages(*f.store.db, f.clock);
    const PageOwner owner = PageOwner::ofCase(caseId);

    PageSettings grey;
    grey.colour = PageColour::Grey;
    auto g = pages.add(owner, QStringLiteral("id-card"), {pageFrame(2)}, grey);
    REQUIRE(g.ok());
    CHECK(g->first().format == PageFormat::Jpeg);
    CHECK(QImageReader(pages.filePath(g->first())).imageFormat() == QImage::Format_Grayscale8);

    PageSettings bw;
    bw.colour = PageColour::BlackWhite;
    const QImage frame = pageFrame(3, 800, 1100, false);
    auto b = pages.add(owner, QStringLiteral("id-card"), {frame}, bw);
    REQUIRE(b.ok());
    const MaterialPage page = b->last();
    CHECK(page.format == PageFormat::Png);
    CHECK(pages.filePath(page).endsWith(QLatin1String(".png")));
    const QImage back(pages.filePath(page));
    REQUIRE(back.width() == frame.width());
    // Lossless: every pixel of the black-and-white page comes back as it was.
    const QImage expected =
        frame.convertToFormat(QImage::Format_Grayscale8)
            .convertToFormat(QImage::Format_Mono, Qt::ThresholdDither | Qt::MonoOnly)
            .convertToFormat(QImage::Format_RGB32);
    CHECK(back.convertToFormat(QImage::Format_RGB32) == expected);
}

TEST_CASE("pages: files: a JPEG as it is, a PNG, every page of a PDF, and a bad file changes "
          "nothing",
          "[pages]")
{
    IntakeFixture f;
    const QString caseId = acceptCase(f);
    MaterialPages pages(*f.store.db, f.clock);
    const PageOwner owner = PageOwner::ofCase(caseId);
    QTemporaryDir tmp;
    const QString jpeg =
        writeImageFile(tmp.filePath(QStringLiteral("申请书.jpg")), pageFrame(4), "JPEG", 80);
    const QString png =
        writeImageFile(tmp.filePath(QStringLiteral("scan.png")), pageFrame(5), "PNG");
    const QString bwPng =
        writeImageFile(tmp.filePath(QStringLiteral("bw.png")),
                       pageFrame(6, 600, 800, false).convertToFormat(QImage::Format_Mono), "PNG");
    // A PDF of two A4 pages.
    const QString pdf = tmp.filePath(QStringLiteral("合同.pdf"));
    {
        QPdfWriter writer(pdf);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setResolution(150);
        QPainter p(&writer);
        p.drawImage(QRect(0, 0, 1000, 1400), pageFrame(7, 500, 700));
        writer.newPage();
        p.drawImage(QRect(0, 0, 1000, 1400), pageFrame(8, 500, 700));
    }

    PageSettings settings;
    settings.pdfDpi = 100;
    auto added =
        pages.addFiles(owner, QStringLiteral("land-contract"), {jpeg, png, bwPng, pdf}, settings);
    if (!added)
        FAIL(added.error().fullText().toStdString());
    REQUIRE(added->size() == 5);
    QFile original(jpeg);
    REQUIRE(original.open(QIODevice::ReadOnly));
    CHECK(pages.read(added->at(0)).value() == original.readAll()); // not encoded again
    CHECK(added->at(1).format == PageFormat::Jpeg);
    CHECK(added->at(2).format == PageFormat::Png);
    CHECK(added->at(3).format == PageFormat::Jpeg);
    CHECK(added->at(3).width ==
          qRound(QPageSize(QPageSize::A4).size(QPageSize::Point).width() * 100 / 72.0));
    CHECK(added->at(3).sha256 != added->at(4).sha256);

    // Not an image: refused, naming the file; the material keeps its pages, no file added.
    const QString text = tmp.filePath(QStringLiteral("说明.txt"));
    {
        QFile t(text);
        REQUIRE(t.open(QIODevice::WriteOnly));
        t.write("not a page");
    }
    const QStringList before = filesUnder(pages.store().folder());
    const QString fresh =
        writeImageFile(tmp.filePath(QStringLiteral("new.jpg")), pageFrame(9), "JPEG");
    auto refused =
        pages.addFiles(owner, QStringLiteral("land-contract"), {fresh, text}, PageSettings());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.contains(text));
    CHECK(pages.pages(owner, QStringLiteral("land-contract"))->size() == 5);
    CHECK(filesUnder(pages.store().folder()) == before);
    // A damaged JPEG is said damaged.
    const QString broken = tmp.filePath(QStringLiteral("broken.jpg"));
    {
        QFile b(broken);
        REQUIRE(b.open(QIODevice::WriteOnly));
        b.write(QByteArray("\xFF\xD8\xFF\xE0", 4) + QByteArray(100, 'x'));
    }
    auto damaged = pages.addFiles(owner, QStringLiteral("land-contract"), {broken}, PageSettings());
    REQUIRE_FALSE(damaged.ok());
    CHECK(damaged.error().message.contains(broken));
}

TEST_CASE("pages: move, reorder, delete and retake, and a page no material names leaves the disk",
          "[pages]")
{
    IntakeFixture f;
    const QString caseId = acceptCase(f);
    MaterialPages pages(*f.store.db, f.clock);
    const PageOwner owner = PageOwner::ofCase(caseId);
    const QString m = QStringLiteral("id-card");
    auto added = pages.add(owner, m, {pageFrame(10), pageFrame(11), pageFrame(12)}, PageSettings());
    REQUIRE(added.ok());
    const QString a = added->at(0).sha256, b = added->at(1).sha256, c = added->at(2).sha256;
    auto order = [&]() {
        QStringList out;
        const auto listed = pages.pages(owner, m);
        REQUIRE(listed.ok());
        for (const MaterialPage& p : listed.value())
            out << p.sha256;
        return out;
    };
    REQUIRE(pages.move(owner, m, 3, 1).ok());
    CHECK(order() == QStringList{c, a, b});
    REQUIRE(pages.reorder(owner, m, {2, 3, 1}).ok());
    CHECK(order() == QStringList{a, b, c});
    auto bad = pages.reorder(owner, m, {1, 1, 2});
    REQUIRE_FALSE(bad.ok());
    CHECK(order() == QStringList{a, b, c});
    CHECK_FALSE(pages.move(owner, m, 4, 1).ok());

    const QString bPath = pages.filePath(added->at(1));
    REQUIRE(QFile::exists(bPath));
    REQUIRE(pages.remove(owner, m, 2).ok());
    CHECK(order() == QStringList{a, c});
    CHECK_FALSE(QFile::exists(bPath));

    auto retaken = pages.retake(owner, m, 1, pageFrame(13), PageSettings());
    REQUIRE(retaken.ok());
    CHECK(retaken->at(0).sha256 != a);
    CHECK(retaken->at(1).sha256 == c);
    CHECK_FALSE(QFile::exists(pages.filePath(added->at(0))));
    CHECK(rows(*f.store.db, QStringLiteral("SELECT count(*) FROM page_blob")) == 2);
    // A page added before position 1.
    auto front = pages.add(owner, m, {pageFrame(14)}, PageSettings(), 1);
    REQUIRE(front.ok());
    CHECK(front->size() == 3);
    CHECK(front->at(2).sha256 == c);
}

TEST_CASE("pages: a reused material names the earlier case's pages, and an intake's pages go with "
          "its case",
          "[pages]")
{
    IntakeFixture f;
    const QString earlier = acceptCase(f);
    MaterialPages pages(*f.store.db, f.clock);
    REQUIRE(pages
                .add(PageOwner::ofCase(earlier), QStringLiteral("id-card"),
                     {pageFrame(20), pageFrame(21)}, PageSettings())
                .ok());
    const int blobs = rows(*f.store.db, QStringLiteral("SELECT count(*) FROM page_blob"));

    // Captured during the next intake, before its decision, under its draft id.
    const QString draft = QStringLiteral("draft-1");
    const PageOwner d = PageOwner::ofDraft(draft);
    REQUIRE(
        pages.add(d, QStringLiteral("property-certificate"), {pageFrame(22)}, PageSettings()).ok());
    auto reused = pages.reuse(d, QStringLiteral("id-card"), earlier, QStringLiteral("id-card"));
    REQUIRE(reused.ok());
    CHECK(reused->size() == 2);
    CHECK(rows(*f.store.db, QStringLiteral("SELECT count(*) FROM page_blob")) == blobs + 1);

    f.clock.advanceSecs(600);
    const QString later = acceptCase(f, draft);
    auto counts = pages.pageCounts(PageOwner::ofCase(later));
    REQUIRE(counts.ok());
    CHECK(counts->value(QStringLiteral("id-card")) == 2);
    CHECK(counts->value(QStringLiteral("property-certificate")) == 1);
    CHECK(rows(*f.store.db, QStringLiteral("SELECT count(*) FROM draft_page")) == 0);
    // The earlier case's pages are the same files, named twice.
    CHECK(rows(*f.store.db, QStringLiteral("SELECT count(*) FROM page_blob")) == blobs + 1);
    CHECK(rows(*f.store.db, QStringLiteral("SELECT count(DISTINCT case_id) FROM case_page")) == 2);

    // An abandoned draft is dropped, and the files only it named with it.
    const PageOwner gone = PageOwner::ofDraft(QStringLiteral("draft-2"));
    auto g = pages.add(gone, QStringLiteral("id-card"), {pageFrame(23)}, PageSettings());
    REQUIRE(g.ok());
    REQUIRE(pages.discardDraft(QStringLiteral("draft-2")).ok());
    CHECK_FALSE(QFile::exists(pages.filePath(g->first())));
}

TEST_CASE("pages: at start, files no row names are removed and every named page is there",
          "[pages]")
{
    IntakeFixture f;
    const QString caseId = acceptCase(f);
    MaterialPages pages(*f.store.db, f.clock);
    auto kept = pages.add(PageOwner::ofCase(caseId), QStringLiteral("id-card"), {pageFrame(30)},
                          PageSettings());
    REQUIRE(kept.ok());
    // A process killed after its file and before its rows: a file no row names.
    auto orphan = PageImage::encode(pageFrame(31), PageSettings());
    REQUIRE(orphan.ok());
    REQUIRE(pages.store().put(orphan.value()).ok());
    // And one killed while writing: an old temporary file.
    const QString temp = pages.store().folder() + QStringLiteral("/ab/.tmp-abandoned");
    QDir().mkpath(QFileInfo(temp).path());
    {
        QFile t(temp);
        REQUIRE(t.open(QIODevice::WriteOnly));
        t.write("half");
        t.close();
        REQUIRE(t.open(QIODevice::ReadWrite));
        REQUIRE(t.setFileTime(QDateTime::currentDateTime().addSecs(-7200),
                              QFileDevice::FileModificationTime));
    }
    // Drafts older than two days are abandoned.
    REQUIRE(pages
                .add(PageOwner::ofDraft(QStringLiteral("old")), QStringLiteral("id-card"),
                     {pageFrame(32)}, PageSettings())
                .ok());
    f.clock.advanceSecs(3 * 86400);
    auto done = pages.cleanUp();
    REQUIRE(done.ok());
    CHECK(done->files == 3); // the orphan, the temporary file, the abandoned draft's page
    CHECK(done->drafts == 1);
    CHECK(done->blobs == 1);
    const QStringList left = filesUnder(pages.store().folder());
    CHECK(left == QStringList{pages.filePath(kept->first())});
}

TEST_CASE("pages: processes killed (-9) while adding pages leave every named page whole",
          "[pages][cli]")
{
    PagesCli cli;
    const QString number = cli.accept();
    QTemporaryDir tmp;
    QStringList files;
    for (int i = 0; i < 6; ++i)
        files << writeImageFile(tmp.filePath(QStringLiteral("p%1.png").arg(i)),
                                pageFrame(40 + i, 2000, 2800), "PNG");
    int killed = 0;
    for (int round = 0; round < 8; ++round) {
        QProcess p;
        p.setProgram(QStringLiteral(OW_ADMIN_EXE));
        p.setArguments(QStringList{QStringLiteral("--data-dir"), cli.dir.path(),
                                   QStringLiteral("pages"), QStringLiteral("add"), number,
                                   QStringLiteral("m%1").arg(round)} +
                       files);
        p.start();
        REQUIRE(p.waitForStarted());
        QThread::msleep(150 + 90 * round);
        if (p.state() == QProcess::Running) {
            ::kill(pid_t(p.processId()), SIGKILL);
            ++killed;
        }
        p.waitForFinished();
    }
    INFO("killed " << killed);
    // Every page a row names is on the disk, whole.
    {
        auto db = Database::open(cli.store());
        REQUIRE(db.ok());
        MaterialPages pages(*db.value());
        QSqlQuery q = db.value()->query();
        REQUIRE(q.exec(QStringLiteral("SELECT sha256, format FROM page_blob")));
        while (q.next()) {
            MaterialPage page;
            page.sha256 = q.value(0).toString();
            page.format = pageFormatFromString(q.value(1).toString()).value();
            auto bytes = pages.read(page);
            INFO(page.sha256.toStdString());
            CHECK(bytes.ok());
        }
    }
    // The next start removes what no row names.
    const auto r = cli.run({QStringLiteral("pages"), QStringLiteral("clean")});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    auto db = Database::open(cli.store());
    REQUIRE(db.ok());
    const int named = rows(*db.value(), QStringLiteral("SELECT count(*) FROM page_blob"));
    int onDisk = 0;
    for (const QString& path : filesUnder(cli.pagesFolder()))
        if (!QFileInfo(path).fileName().startsWith(QLatin1String(".tmp-")))
            ++onDisk;
    CHECK(onDisk == named);
}

TEST_CASE("pages: a full disk says so and leaves the material as it was", "[pages]")
{
    QTemporaryDir mountPoint;
    REQUIRE(mountPoint.isValid());
    const QString dir = mountPoint.path();
    if (geteuid() != 0 ||
        QProcess::execute(QStringLiteral("mount"),
                          {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                           QStringLiteral("size=1m"), QStringLiteral("tmpfs"), dir}) != 0) {
        WARN("A small file system cannot be mounted here: the full disk is not tested.");
        return;
    }
    struct Unmount
    {
        QString dir;
        ~Unmount() { QProcess::execute(QStringLiteral("umount"), {dir}); }
    } unmount{dir};

    IntakeFixture f;
    const QString caseId = acceptCase(f);
    MaterialPages pages(*f.store.db, dir + QStringLiteral("/pages"), f.clock);
    const PageOwner owner = PageOwner::ofCase(caseId);
    REQUIRE(pages.add(owner, QStringLiteral("id-card"), {pageFrame(50, 400, 560)}, PageSettings())
                .ok());
    {
        QFile filler(QDir(dir).filePath(QStringLiteral("filler")));
        REQUIRE(filler.open(QIODevice::WriteOnly));
        const QByteArray block(4096, 'x');
        while (filler.write(block) == block.size() && filler.flush()) {
        }
    }
    const QStringList before = filesUnder(dir + QStringLiteral("/pages"));
    auto full =
        pages.add(owner, QStringLiteral("id-card"), {pageFrame(51), pageFrame(52)}, PageSettings());
    REQUIRE_FALSE(full.ok());
    CHECK(full.error().kind == Error::Kind::Storage);
    const QString message = full.error().message;
    INFO(message.toStdString());
    CHECK(message.contains(QCoreApplication::translate(
        "ow::PageStore", " The disk holding the data folder is full: free space and capture the "
                         "page again.")));
    CHECK(message.contains(dir));
    CHECK(pages.pages(owner, QStringLiteral("id-card"))->size() == 1);
    CHECK(filesUnder(dir + QStringLiteral("/pages")) == before);
}
