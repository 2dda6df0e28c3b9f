// The catalogue loads in the background while the clerk signs in: until it
// is ready the workbench search says it is loading, then it finds.
#include "MainWindow.h"
#include "TestSupport.h"
#include "catalogue/CatalogueService.h"
#include "catalogue/SampleCatalogue.h"
#include "workbench/CatalogueSearchController.h"
#include "workbench/CatalogueSearchView.h"
#include "workbench/SearchResultModel.h"
#include "workbench/WorkbenchPage.h"

#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>

using namespace ow;
using namespace ow::ui;

namespace {
const QString kLoading = QStringLiteral("正在载入…");
} // namespace

TEST_CASE("the search says it is loading until the catalogue loaded in the background is "
          "ready, then finds what was typed meanwhile")
{
    test::TempStore store;
    REQUIRE(seedSampleCatalogueIfEmpty(*store.db).ok());
    CatalogueService catalogue(*store.db);
    QSignalSpy ready(&catalogue, &CatalogueService::ready);
    catalogue.loadInBackground();
    // The loader hands over on this thread, in its event loop: nothing
    // below runs one until the wait.
    REQUIRE_FALSE(catalogue.isReady());
    CHECK(catalogue.itemCount() == 0);

    MainWindow window(*store.db, catalogue);
    CatalogueSearchView* view = window.workbench()->searchView();
    SearchResultModel* results = window.workbench()->controller()->model();
    auto* status = view->findChild<QLabel*>(QStringLiteral("searchStatus"));
    REQUIRE(status);
    CHECK(status->text() == kLoading);
    CHECK(results->rowCount() == 0);
    // The clerk types before it is ready: still loading, nothing found yet.
    view->searchEdit()->setText(QStringLiteral("pswxk"));
    CHECK(status->text() == kLoading);
    CHECK(results->rowCount() == 0);

    if (ready.isEmpty())
        REQUIRE(ready.wait(30000));
    CHECK(ready.count() == 1);
    CHECK(catalogue.isReady());
    CatalogueService loadedHere(*store.db); // the same store, loaded on this thread
    REQUIRE(loadedHere.load().ok());
    CHECK(catalogue.itemCount() == loadedHere.itemCount());
    CHECK(catalogue.itemCount() > 0);
    // The query typed meanwhile is answered as soon as the catalogue is in.
    QStringList found;
    for (const SearchResultRow& row : results->rows())
        found << row.code;
    CHECK(found.contains(QStringLiteral("SWJ-XK-001"))); // 排水许可证核发
    CHECK(window.workbench()->controller()->currentCode() == found.value(0));
    CHECK(status->text() != kLoading);
    auto* count = window.statusBar()->findChild<QLabel*>(QStringLiteral("statusItemCount"));
    REQUIRE(count);
    CHECK(count->text().contains(QStringLiteral("79")));
}
