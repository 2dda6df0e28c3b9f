// The workbench in the real main window, on a real store with the sample
// catalogue: find an item in a keystroke or two.
#include "MainWindow.h"
#include "TestSupport.h"
#include "catalogue/CatalogueService.h"
#include "catalogue/SampleCatalogue.h"
#include "workbench/CatalogueSearchController.h"
#include "workbench/CatalogueSearchView.h"
#include "workbench/ItemDetailView.h"
#include "workbench/MaterialTableModel.h"
#include "workbench/SearchResultModel.h"
#include "workbench/WorkbenchPage.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>

using namespace ow;
using namespace ow::ui;

namespace {

const QString kDrainage = QStringLiteral("SWJ-XK-001");   // 排水许可证核发
const QString kRestaurant = QStringLiteral("YJS-CY-001"); // 开办餐饮店“一件事”

// A store with the sample catalogue, its service and the main window,
// shown; F3 puts the focus in the search box unless `toSearch` is false.
struct Workbench
{
    explicit Workbench(bool toSearch = true)
    {
        if (Status s = seedSampleCatalogueIfEmpty(*store.db); !s)
            FAIL(s.error().fullText().toStdString());
        if (Status s = catalogue.load(); !s)
            FAIL(s.error().fullText().toStdString());
        window = std::make_unique<MainWindow>(*store.db, catalogue);
        window->show();
        window->activateWindow();
        REQUIRE(QTest::qWaitForWindowActive(window.get()));
        if (toSearch)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_F3);
    }

    CatalogueSearchView* view() const { return window->workbench()->searchView(); }
    ItemDetailView* detail() const { return window->workbench()->detailView(); }
    QLineEdit* search() const { return view()->searchEdit(); }
    SearchResultModel* results() const { return window->workbench()->controller()->model(); }
    QString currentCode() const { return window->workbench()->controller()->currentCode(); }
    QString detailText(const char* name) const
    {
        auto* label = detail()->findChild<QLabel*>(QString::fromLatin1(name));
        REQUIRE(label);
        return label->text();
    }
    QStringList materialColumn(int column) const
    {
        QStringList out;
        const MaterialTableModel* m = detail()->materialsModel();
        for (int r = 0; r < m->rowCount(); ++r)
            out << m->index(r, column).data().toString();
        return out;
    }
    QStringList resultCodes() const
    {
        QStringList out;
        for (const SearchResultRow& row : results()->rows())
            out << row.code;
        return out;
    }
    // Chinese text arrives from the input method as one committed string.
    void commit(const QString& text) const
    {
        QInputMethodEvent event;
        event.setCommitString(text);
        QApplication::sendEvent(search(), &event);
    }
    void type(const QString& text) const
    {
        search()->clear();
        commit(text);
    }

    test::TempStore store;
    CatalogueService catalogue{*store.db};
    std::unique_ptr<MainWindow> window;
};

} // namespace

TEST_CASE("the window opens on the search box, and F3 comes back to it from the ID entry")
{
    Workbench w(false);
    auto* id = w.window->findChild<QLineEdit*>(QStringLiteral("idEntry"));
    REQUIRE(id);
    CHECK(QApplication::focusWidget() == w.search());
    id->setFocus(Qt::MouseFocusReason);
    REQUIRE(QApplication::focusWidget() == id);
    QTest::keyClick(id, Qt::Key_F3);
    CHECK(QApplication::focusWidget() == w.search());
    CHECK(w.search()->hasFocus());
    CHECK_FALSE(w.search()->placeholderText().isEmpty());
    // Before anything is typed, the catalogue to browse, nothing chosen yet.
    CHECK(w.results()->rowCount() > 0);
    CHECK(w.detail()->shownCode().isEmpty());
    auto* count = w.window->statusBar()->findChild<QLabel*>(QStringLiteral("statusItemCount"));
    REQUIRE(count);
    CHECK(count->text().contains(QStringLiteral("79")));
    auto* storeLabel = w.window->statusBar()->findChild<QLabel*>(QStringLiteral("statusStore"));
    REQUIRE(storeLabel);
    CHECK(storeLabel->toolTip().endsWith(QStringLiteral("onewindow.sqlite")));
}

TEST_CASE("pswxk finds the drainage permit with its materials")
{
    Workbench w;
    QTest::keyClicks(w.search(), QStringLiteral("pswxk"));
    REQUIRE(w.results()->rowCount() > 0);
    CHECK(w.view()->currentRow() == 0);
    CHECK(w.currentCode() == kDrainage);
    CHECK(w.results()->row(0)->name == QStringLiteral("排水许可证核发"));
    CHECK(w.search()->hasFocus());

    // The detail shows the selected item: name, code, department, facts.
    CHECK(w.detail()->shownCode() == kDrainage);
    CHECK(w.detailText("detailName") == QStringLiteral("排水许可证核发"));
    CHECK(w.detailText("detailSubtitle").contains(kDrainage));
    CHECK(w.detailText("detailSubtitle").contains(QStringLiteral("水务")));
    CHECK(w.detailText("fact_category") == QStringLiteral("规划建设"));
    CHECK(w.detailText("fact_itemType") == QStringLiteral("行政许可"));
    CHECK(w.detailText("fact_result").contains(QStringLiteral("排水管网许可证")));
    CHECK_FALSE(w.detailText("detailConditions").isEmpty());
    CHECK(w.detailText("detailLegalBasis").contains(QStringLiteral("城镇排水与污水处理条例")));

    // The materials, as the catalogue lists them, in a table.
    const auto item = w.catalogue.item(kDrainage);
    REQUIRE(item);
    const MaterialTableModel* materials = w.detail()->materialsModel();
    REQUIRE(materials->rowCount() == item->materials.size());
    const QStringList names = w.materialColumn(MaterialTableModel::Name);
    CHECK(names.contains(QStringLiteral("营业执照")));
    CHECK(names.contains(
        QStringLiteral("排水户内部排水管网、专用检测井、雨污水排放口位置和口径的图纸及说明")));
    const int drawings = int(names.indexOf(
        QStringLiteral("排水户内部排水管网、专用检测井、雨污水排放口位置和口径的图纸及说明")));
    CHECK(materials->index(drawings, MaterialTableModel::Copies).data().toString() ==
          QStringLiteral("2"));
    CHECK(w.materialColumn(MaterialTableModel::Number).first() == QStringLiteral("1"));
    // Every conditional material says its condition in words, not as an expression.
    for (int r = 0; r < item->materials.size(); ++r) {
        if (item->materials[r].requirement != Requirement::Conditional)
            continue;
        const QString text = materials->index(r, MaterialTableModel::Requirement).data().toString();
        CHECK(text.contains(QLatin1Char('\n')));
        CHECK_FALSE(text.contains(QStringLiteral("form.")));
        CHECK_FALSE(text.contains(QStringLiteral("==")));
    }
}

TEST_CASE("Up and Down move the selection from the search box, Enter picks, Esc clears")
{
    Workbench w;
    w.commit(QStringLiteral("登记"));
    REQUIRE(w.results()->rowCount() >= 3);
    const QStringList codes = w.resultCodes();
    CHECK(w.currentCode() == codes[0]);

    QTest::keyClick(w.search(), Qt::Key_Down);
    CHECK(w.search()->hasFocus());
    CHECK(w.view()->currentRow() == 1);
    CHECK(w.detail()->shownCode() == codes[1]);
    QTest::keyClick(w.search(), Qt::Key_Down);
    CHECK(w.detail()->shownCode() == codes[2]);
    QTest::keyClick(w.search(), Qt::Key_Up);
    CHECK(w.detail()->shownCode() == codes[1]);
    QTest::keyClick(w.search(), Qt::Key_Up);
    QTest::keyClick(w.search(), Qt::Key_Up); // stays on the first
    CHECK(w.view()->currentRow() == 0);
    CHECK(w.search()->text() == QStringLiteral("登记")); // the text is untouched

    QTest::keyClick(w.search(), Qt::Key_Down);
    QSignalSpy chosen(w.window->workbench()->controller(), &CatalogueSearchController::itemChosen);
    QTest::keyClick(w.search(), Qt::Key_Return);
    REQUIRE(chosen.count() == 1);
    CHECK(chosen.at(0).at(0).toString() == codes[1]);
    CHECK(w.search()->hasFocus());
    CHECK(w.search()->selectedText() == QStringLiteral("登记")); // ready for the next query
    CHECK(w.window->statusBar()->currentMessage().contains(codes[1]));

    QTest::keyClick(w.search(), Qt::Key_Escape);
    CHECK(w.search()->text().isEmpty());
    CHECK(w.detail()->shownCode().isEmpty());
}

TEST_CASE("before anything is typed the clerk browses the catalogue by its filters")
{
    Workbench w;
    REQUIRE(w.search()->text().isEmpty());
    const int all = w.results()->rowCount();
    CHECK(all > 0);
    CHECK(w.detail()->shownCode().isEmpty());
    QComboBox* combo = w.view()->categoryCombo();
    combo->setCurrentIndex(combo->findText(QStringLiteral("不动产登记")));
    REQUIRE(combo->currentIndex() > 0);
    const int narrowed = w.results()->rowCount();
    CHECK(narrowed > 0);
    CHECK(narrowed < all);
    for (int r = 0; r < narrowed; ++r) {
        const auto item = w.catalogue.item(w.results()->row(r)->code);
        if (item)
            CHECK(item->category == QStringLiteral("不动产登记"));
    }
    // Down from the search box chooses the first of them.
    QTest::keyClick(w.search(), Qt::Key_Down);
    CHECK(w.detail()->shownCode() == w.results()->row(0)->code);
}

TEST_CASE("filters narrow the results")
{
    Workbench w;
    w.commit(QStringLiteral("登记"));
    const int all = w.results()->rowCount();
    REQUIRE(all >= 3);

    SECTION("category")
    {
        QComboBox* combo = w.view()->categoryCombo();
        combo->setCurrentIndex(combo->findText(QStringLiteral("不动产登记")));
        REQUIRE(combo->currentIndex() > 0);
        const int narrowed = w.results()->rowCount();
        CHECK(narrowed > 0);
        CHECK(narrowed < all);
        for (const SearchResultRow& row : w.results()->rows())
            CHECK(row.category == QStringLiteral("不动产登记"));
        CHECK(w.currentCode() == w.results()->row(0)->code); // the first stays selected
        CHECK(w.detail()->shownCode() == w.currentCode());

        // Esc on an empty box clears the filters too.
        QTest::keyClick(w.search(), Qt::Key_Escape);
        CHECK(combo->currentIndex() > 0);
        QTest::keyClick(w.search(), Qt::Key_Escape);
        CHECK(combo->currentIndex() == 0);
    }
    SECTION("level: village")
    {
        QComboBox* combo = w.view()->levelCombo();
        combo->setCurrentIndex(combo->findData(int(Level::Village)));
        const int narrowed = w.results()->rowCount();
        CHECK(narrowed < all);
        for (const QString& code : w.resultCodes()) {
            const auto item = w.catalogue.item(code);
            if (item)
                CHECK((item->levels & int(Level::Village)) != 0);
        }
    }
    SECTION("handling type and universal")
    {
        QComboBox* combo = w.view()->handlingCombo();
        combo->setCurrentIndex(combo->findData(int(HandlingType::Immediate)));
        for (const QString& code : w.resultCodes()) {
            const auto item = w.catalogue.item(code);
            REQUIRE(item);
            CHECK(item->handling == HandlingType::Immediate);
        }
        combo->setCurrentIndex(0);
        w.view()->universalCheck()->setChecked(true);
        CHECK(w.results()->rowCount() < all);
        for (const QString& code : w.resultCodes()) {
            const auto item = w.catalogue.item(code);
            REQUIRE(item);
            CHECK(item->universal);
        }
    }
}

TEST_CASE("a joint item shows its members and their merged materials")
{
    Workbench w;
    w.commit(QStringLiteral("开办餐饮店"));
    const int row = w.results()->indexOf(kRestaurant);
    REQUIRE(row >= 0);
    CHECK(w.results()->row(row)->joint);
    CHECK_FALSE(w.results()->index(row).data(SearchResultModel::BadgeRole).toString().isEmpty());
    w.view()->setCurrentRow(row);
    REQUIRE(w.detail()->shownCode() == kRestaurant);

    const QList<std::shared_ptr<const Item>> members = w.catalogue.itemsOf(kRestaurant);
    REQUIRE(members.size() == 5);
    const QString membersText = w.detailText("detailMembers");
    for (const auto& item : members)
        CHECK(membersText.contains(item->name.toHtmlEscaped()));
    CHECK(w.detailText("fact_timeLimit").contains(QStringLiteral("10")));

    // Each material once, fewer lines than the members ask for in all.
    const QStringList names = w.materialColumn(MaterialTableModel::Name);
    qsizetype asked = 0;
    for (const auto& item : members)
        asked += item->materials.size();
    CHECK(names.size() < asked);
    CHECK(QSet<QString>(names.cbegin(), names.cend()).size() == names.size());
    CHECK(names.contains(QStringLiteral("营业执照")));
    const MaterialTableModel* model = w.detail()->materialsModel();
    CHECK(model->columnCount() == MaterialTableModel::ColumnCount);
    // "For items" numbers the members asking for a material.
    const int licence = int(names.indexOf(QStringLiteral("营业执照")));
    const QString forItems = model->index(licence, MaterialTableModel::Items).data().toString();
    CHECK_FALSE(forItems.isEmpty());
    CHECK_FALSE(forItems.contains(QStringLiteral("1"))); // 个体工商户设立 issues the licence
}

TEST_CASE("the result model passes QAbstractItemModelTester while the clerk types and filters")
{
    Workbench w;
    QAbstractItemModelTester tester(w.results(),
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester materials(w.detail()->materialsModel(),
                                       QAbstractItemModelTester::FailureReportingMode::Fatal);
    for (const QString& query : {QStringLiteral("pswxk"), QStringLiteral("证"),
                                 QStringLiteral("开办餐饮店"), QStringLiteral("zzz-nothing")}) {
        w.type(query);
        w.view()->categoryCombo()->setCurrentIndex(1);
        w.view()->categoryCombo()->setCurrentIndex(0);
    }
    CHECK(w.results()->rowCount() == 0);
    CHECK(w.detail()->shownCode().isEmpty());
}

TEST_CASE("the results refresh when the catalogue changes")
{
    Workbench w;
    w.commit(QStringLiteral("咸鱼晒场"));
    CHECK(w.results()->rowCount() == 0);

    QFile in(test::sourcePath(QStringLiteral("resources/catalogue/sample-catalogue.json")));
    REQUIRE(in.open(QIODevice::ReadOnly));
    QString json = QString::fromUtf8(in.readAll());
    json.replace(QStringLiteral("\"排水许可证核发\""),
                 QStringLiteral("\"咸鱼晒场排水许可证核发\""));
    const QString path = w.store.dir.filePath(QStringLiteral("changed.json"));
    QFile out(path);
    REQUIRE(out.open(QIODevice::WriteOnly));
    out.write(json.toUtf8());
    out.close();

    QSignalSpy changed(&w.catalogue, &CatalogueService::changed);
    auto report = w.catalogue.importFile(path);
    if (!report)
        FAIL(report.error().fullText().toStdString());
    CHECK(changed.count() == 1);
    REQUIRE(w.results()->rowCount() > 0);
    CHECK(w.currentCode() == kDrainage);
    CHECK(w.detailText("detailName") == QStringLiteral("咸鱼晒场排水许可证核发"));
}
