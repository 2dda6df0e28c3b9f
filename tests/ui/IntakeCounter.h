#pragma once

#include <functional>
// The counter for the intake tests: the real main window on a real store
// with the sample catalogue, at site 320581001, window C02, clerk 周文, with
// a fixed clock, driven by the keyboard as a clerk does. Documents go to a
// presenter standing in for the print preview.
#include "MainWindow.h"
#include "TestSupport.h"
#include "calendar/WorkCalendar.h"
#include "cases/CaseRepository.h"
#include "catalogue/CatalogueService.h"
#include "catalogue/SampleCatalogue.h"
#include "documents/AcceptanceReceipt.h"
#include "documents/DocumentPreview.h"
#include "documents/DocumentPrinting.h"
#include "intake/ApplicantView.h"
#include "intake/ChecklistModel.h"
#include "intake/ChecklistView.h"
#include "intake/DeliveryView.h"
#include "intake/FormView.h"
#include "intake/IntakeController.h"
#include "intake/IntakeRequest.h"
#include "intake/IntakeService.h"
#include "intake/IntakeView.h"
#include "store/Clock.h"
#include "workbench/CatalogueSearchController.h"
#include "workbench/CatalogueSearchView.h"
#include "workbench/ItemDetailView.h"
#include "workbench/SearchResultModel.h"
#include "workbench/WorkbenchPage.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QInputMethodEvent>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPrintPreviewWidget>
#include <QPrinter>
#include <QProcess>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTest>
#include <QTimeZone>

namespace ow::uitest {

using namespace ow;
using namespace ow::ui;

inline const QString kDrainage = QStringLiteral("SWJ-XK-001"); // 排水许可证核发
inline const QString kLiId = QStringLiteral("320581197003144512");

// Stands in for the print preview: keeps what it was asked to show.
struct RecordingPresenter final : DocumentPresenter
{
    void present(const PreparedDocument& document, QWidget*) override
    {
        kinds << document.document->kind();
        last = document.document;
        lastRef = document.ref;
    }
    QStringList kinds;
    std::shared_ptr<const Document> last;
    DocumentRef lastRef;
};

// A scenario example without its request id: each changed copy is a
// request of its own.
inline QJsonObject scenario(const QString& name)
{
    QFile f(test::sourcePath(QStringLiteral("resources/examples/intake/") + name));
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
    REQUIRE(doc.isObject());
    QJsonObject o = doc.object();
    o.remove(QStringLiteral("requestId"));
    return o;
}

// The main window at site 320581001, window C02, clerk 周文, on Friday
// 14 March 2025 at 09:30 in Beijing.
struct Counter
{
    // `signIn`, when given, makes the users and signs the clerk in: the
    // window then works under that session instead of the machine's.
    explicit Counter(const QDateTime& now = QDateTime(QDate(2025, 3, 14), QTime(9, 30),
                                                      QTimeZone(8 * 3600)),
                     const std::function<Session(Database&, const Clock&)>& signIn = {},
                     Level level = Level::City)
        : clock(now)
    {
        if (Status s = seedSampleCatalogueIfEmpty(*store.db); !s)
            FAIL(s.error().fullText().toStdString());
        if (Status s = catalogue.load(); !s)
            FAIL(s.error().fullText().toStdString());
        context.siteCode = QStringLiteral("320581001");
        context.siteLevel = level;
        context.window = QStringLiteral("C02");
        context.clerk = QStringLiteral("周文");
        context.clock = &clock;
        if (signIn)
            context.session = signIn(*store.db, clock);
        if (!qEnvironmentVariableIsEmpty("OW_SCREENSHOT_DIR")) {
            // Pictures in the program's own font size (app/gui/main.cpp).
            QFont font = QApplication::font();
            font.setPointSizeF(std::max(11.0, font.pointSizeF()));
            QApplication::setFont(font);
        }
        window = std::make_unique<MainWindow>(*store.db, catalogue, context);
        controller()->setPresenter(&presenter);
        window->show();
        window->activateWindow();
        REQUIRE(QTest::qWaitForWindowActive(window.get()));
    }

    WorkbenchPage* page() const { return window->workbench(); }
    IntakeView* view() const { return page()->intakeView(); }
    IntakeController* controller() const { return page()->intakeController(); }
    ApplicantEntryView* entry() const { return view()->entry(); }
    QLineEdit* search() const { return page()->searchView()->searchEdit(); }
    ChecklistTable* checklist() const { return view()->checklist()->table(); }
    ChecklistModel* checklistModel() const { return view()->checklist()->model(); }
    static QWidget* focus() { return QApplication::focusWidget(); }
    static QString focusName() { return focus() ? focus()->objectName() : QString(); }

    // Keys and text go where the focus is, as from a keyboard.
    static void key(Qt::Key k, Qt::KeyboardModifiers m = Qt::NoModifier)
    {
        REQUIRE(focus());
        QTest::keyClick(focus(), k, m);
    }
    static void type(const QString& ascii)
    {
        REQUIRE(focus());
        QTest::keyClicks(focus(), ascii);
    }
    // Chinese text arrives from the input method as one committed string.
    static void commit(const QString& text)
    {
        REQUIRE(focus());
        QInputMethodEvent event;
        event.setCommitString(text);
        QApplication::sendEvent(focus(), &event);
    }
    QString materialState(const QString& id) const
    {
        const int row = checklistModel()->rowOf(id);
        REQUIRE(row >= 0);
        return checklistModel()->index(row, ChecklistModel::State).data().toString();
    }
    std::optional<CaseRecord> storedCase(const QString& number) const
    {
        auto found = CaseRepository(*store.db).findByNumber(number);
        REQUIRE(found);
        return *found;
    }

    // Mr Li at the window: ID read (into the search box the window opens
    // on, or the ID entry), details typed, confirmed; the focus ends in the
    // search box.
    void newApplicantLi()
    {
        REQUIRE((focus() == entry()->idEdit() || focus() == search()));
        type(kLiId);
        key(Qt::Key_Return);
        CHECK(focus() == entry()->field(QStringLiteral("name")));
        commit(QStringLiteral("李明"));
        key(Qt::Key_Tab);
        CHECK(focus() == entry()->field(QStringLiteral("phone")));
        type(QStringLiteral("13773200011"));
        key(Qt::Key_Tab);
        CHECK(focus() == entry()->field(QStringLiteral("address")));
        commit(QStringLiteral("江苏省常熟市虞山街道虞山北路100号"));
        key(Qt::Key_Return);
        CHECK(focus() == search());
    }

    // The drainage permit from the search: "pswxk", Enter.
    void addDrainage()
    {
        REQUIRE(focus() == search());
        type(QStringLiteral("pswxk"));
        CHECK(page()->tabs()->currentWidget() == static_cast<QWidget*>(page()->detailView()));
        key(Qt::Key_Return);
        CHECK(page()->tabs()->currentWidget() == static_cast<QWidget*>(view()));
        CHECK(focus() == search());
        REQUIRE(controller()->intake().itemCodes() == QStringList{kDrainage});
    }

    // Scenario 3's form with Enter: F6 goes to the first empty field, Enter
    // to the next, passing over the prefilled fields and those that do not
    // apply to a natural person without an agent.
    void fillDrainageForm()
    {
        key(Qt::Key_F6);
        CHECK(focusName() == QStringLiteral("form_postcode"));
        // Prefilled from the applicant.
        CHECK(qobject_cast<QLineEdit*>(view()->form()->editor(QStringLiteral("applicant_name")))
                  ->text() == QStringLiteral("李明"));
        CHECK_FALSE(view()->form()->editor(QStringLiteral("credit_code"))->isEnabled());
        CHECK_FALSE(view()->form()->editor(QStringLiteral("agent_name"))->isEnabled());
        type(QStringLiteral("215500"));
        key(Qt::Key_Return);
        CHECK(focusName() == QStringLiteral("form_shop_name"));
        commit(QStringLiteral("李记面馆"));
        key(Qt::Key_Return);
        CHECK(focusName() == QStringLiteral("form_business_address"));
        commit(QStringLiteral("常熟市虞山街道虞山北路100号"));
        key(Qt::Key_Return);
        CHECK(focusName() == QStringLiteral("form_drainage_type"));
        key(Qt::Key_Down); // 餐饮, the first choice
        key(Qt::Key_Return);
        CHECK(focusName() == QStringLiteral("form_daily_discharge"));
        type(QStringLiteral("3.5"));
        key(Qt::Key_Return);
        CHECK(focusName() == QStringLiteral("form_key_polluter"));
        key(Qt::Key_Down); // 是
        key(Qt::Key_Down); // 否
        const Form& form = controller()->intake().form();
        CHECK(form.value(QStringLiteral("drainage_type")) == QStringLiteral("餐饮"));
        CHECK(form.value(QStringLiteral("key_polluter")) == QStringLiteral("false"));
        CHECK(form.value(QStringLiteral("id_number")) == kLiId);
        CHECK(form.validate(QDate(2025, 3, 14)).isEmpty());
    }

    test::TempStore store;
    CatalogueService catalogue{*store.db};
    FixedClock clock;
    IntakeContext context;
    RecordingPresenter presenter;
    std::unique_ptr<MainWindow> window;
};

} // namespace ow::uitest
