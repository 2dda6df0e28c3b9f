// The intake at the window, in the real main window on a real store with
// the sample catalogue, driven by the keyboard as a clerk does: the ID from
// the card reader, the details, the item from the search, the checklist by
// keys, the form, the delivery and the decision. Documents go to a
// presenter standing in for the print preview.
#include "MainWindow.h"
#include "TestSupport.h"
#include "calendar/WorkCalendar.h"
#include "cases/CaseRepository.h"
#include "catalogue/CatalogueService.h"
#include "catalogue/SampleCatalogue.h"
#include "documents/AcceptanceReceipt.h"
#include "documents/DocumentPreview.h"
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
#include <QPrintPreviewWidget>
#include <QPrinter>
#include <QProcess>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTimeZone>

using namespace ow;
using namespace ow::ui;

namespace {

const QString kDrainage = QStringLiteral("SWJ-XK-001"); // 排水许可证核发
const QString kLiId = QStringLiteral("320581197003144512");

// Stands in for the print preview: keeps what it was asked to show.
struct RecordingPresenter final : DocumentPresenter
{
    void present(std::shared_ptr<const Document> document, QWidget*) override
    {
        kinds << document->kind();
        last = std::move(document);
    }
    QStringList kinds;
    std::shared_ptr<const Document> last;
};

QJsonObject scenario(const QString& name)
{
    QFile f(test::sourcePath(QStringLiteral("resources/examples/intake/") + name));
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
    REQUIRE(doc.isObject());
    return doc.object();
}

// The main window at site 320581001, window C02, clerk 周文, on Friday
// 14 March 2025 at 09:30 in Beijing.
struct Counter
{
    explicit Counter(const QDateTime& now = QDateTime(QDate(2025, 3, 14), QTime(9, 30),
                                                      QTimeZone(8 * 3600)))
        : clock(now)
    {
        if (Status s = seedSampleCatalogueIfEmpty(*store.db); !s)
            FAIL(s.error().fullText().toStdString());
        if (Status s = catalogue.load(); !s)
            FAIL(s.error().fullText().toStdString());
        context.siteCode = QStringLiteral("320581001");
        context.window = QStringLiteral("C02");
        context.clerk = QStringLiteral("周文");
        context.clock = &clock;
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

    // Mr Li at the window: ID read, details typed, confirmed; the focus
    // ends in the search box.
    void newApplicantLi()
    {
        REQUIRE(focus() == entry()->idEdit());
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

    // Scenario 3's form, field by field with Enter (F6 goes to the form).
    void fillDrainageForm()
    {
        key(Qt::Key_F6);
        CHECK(focusName() == QStringLiteral("form_applicant_name"));
        CHECK(qobject_cast<QLineEdit*>(focus())->text() == QStringLiteral("李明")); // prefilled
        for (const char* next : {"form_id_number", "form_credit_code", "form_legal_rep",
                                 "form_phone", "form_address", "form_postcode"}) {
            key(Qt::Key_Return);
            CHECK(focusName() == QLatin1String(next));
        }
        type(QStringLiteral("215500"));
        key(Qt::Key_Return);
        key(Qt::Key_Return); // agent_name
        key(Qt::Key_Return); // agent_id_number
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

} // namespace

TEST_CASE("scenario 3: the drainage permit accepted for EMS delivery by keyboard alone")
{
    Counter c;
    QAbstractItemModelTester tester(c.checklistModel(),
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    // The window opens ready for the card reader.
    CHECK(Counter::focus() == c.entry()->idEdit());
    c.newApplicantLi();
    CHECK(c.view()->applicantPanel()->caseTexts().contains(QStringLiteral("无")));
    c.addDrainage();

    // Related items are suggested (the water supply connection).
    REQUIRE(c.view()->suggestions()->count() >= 1);
    CHECK(c.view()->suggestions()->item(0)->text().contains(QStringLiteral("SJJ-XK-003")));

    // Before the form says "餐饮", the pre-treatment proof is not asked for.
    CHECK(c.checklistModel()
              ->index(c.checklistModel()->rowOf(QStringLiteral("pretreatment-proof")),
                      ChecklistModel::State)
              .data()
              .toString() == QStringLiteral("不需要"));
    c.fillDrainageForm();
    CHECK(c.materialState(QStringLiteral("pretreatment-proof")) == QStringLiteral("待核"));
    CHECK(c.materialState(QStringLiteral("legal-rep-id")) == QStringLiteral("不需要"));

    // Tab leads on to the delivery: EMS, prefilled from the applicant and the form.
    Counter::key(Qt::Key_Tab);
    CHECK(Counter::focusName() == QStringLiteral("delivery_method"));
    Counter::key(Qt::Key_Down);
    DeliveryView* delivery = c.view()->delivery();
    CHECK(delivery->choice().method == Delivery::Ems);
    CHECK(delivery->field(QStringLiteral("recipient"))->text() == QStringLiteral("李明"));
    CHECK(delivery->field(QStringLiteral("phone"))->text() == QStringLiteral("13773200011"));
    CHECK(delivery->field(QStringLiteral("postcode"))->text() == QStringLiteral("215500"));
    CHECK(delivery->field(QStringLiteral("address"))->text() ==
          QStringLiteral("江苏省常熟市虞山街道虞山北路100号"));

    // The checklist by keys: F4, then Space on each of the five materials.
    Counter::key(Qt::Key_F4);
    CHECK(Counter::focus() == c.checklist());
    CHECK(c.view()->checklist()->completionLabel()->text().contains(QStringLiteral("5")));
    const QStringList five{QStringLiteral("business-licence"), QStringLiteral("drainage-drawings"),
                           QStringLiteral("pretreatment-proof"),
                           QStringLiteral("concealed-works-report"),
                           QStringLiteral("water-quality-report")};
    for (const QString& id : five) {
        CHECK(c.checklist()->currentMaterialId() == id);
        Counter::key(Qt::Key_Space);
        CHECK(c.materialState(id) == QStringLiteral("已收"));
        Counter::key(Qt::Key_Down);
    }
    CHECK(c.controller()->intake().checklist().isComplete());
    CHECK(c.view()->checklist()->completionLabel()->text().contains(QStringLiteral("齐全")));

    // A picture of the page as the clerk sees it, when asked for.
    const QString shots = qEnvironmentVariable("OW_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        for (int i = 0; i < 5; ++i) // the tables fit their rows, then the layout follows
            QApplication::processEvents();
        CHECK(c.window->grab().save(shots + QStringLiteral("/intake.png")));
    }

    // F8: accepted.
    Counter::key(Qt::Key_F8);
    REQUIRE(c.controller()->decision().has_value());
    const Decision d = *c.controller()->decision();
    CHECK(d.kind == DecisionKind::Accept);
    CHECK(d.caseNumber == QStringLiteral("320581001-20250314-0001"));
    CHECK(d.promisedDate == QDate(2025, 3, 21)); // 5 working days after Friday the 14th
    const QString result = c.view()->result()->text();
    CHECK(result.contains(d.caseNumber));
    CHECK(result.contains(QStringLiteral("2025-03-21")));
    CHECK_FALSE(result.contains(QStringLiteral("暂定")));
    // The receipt is shown, and the focus is back for the next card.
    REQUIRE(c.presenter.kinds == QStringList{QStringLiteral("acceptance-receipt")});
    const QString receipt = c.presenter.last->canonicalText();
    CHECK(receipt.contains(d.caseNumber));
    CHECK(receipt.contains(QStringLiteral("排水许可证核发")));
    CHECK(Counter::focus() == c.entry()->idEdit());
    CHECK_FALSE(c.view()->acceptButton()->isEnabled());

    // In the store: accepted, with the five materials as received.
    const auto stored = c.storedCase(d.caseNumber);
    REQUIRE(stored);
    CHECK(stored->status == CaseStatus::Accepted);
    CHECK(stored->itemCodes() == QStringList{kDrainage});
    CHECK(stored->place.window == QStringLiteral("C02"));
    CHECK(stored->delivery.method == Delivery::Ems);
    CHECK(stored->delivery.postcode == QStringLiteral("215500"));
    CHECK(stored->form.value(QStringLiteral("shop_name")).toString() == QStringLiteral("李记面馆"));
    CHECK(stored->form.value(QStringLiteral("daily_discharge")).toDouble() == 3.5);
    QHash<QString, CaseMaterial> materials;
    for (const CaseMaterial& m : stored->materials)
        materials.insert(m.materialId, m);
    for (const QString& id : five) {
        REQUIRE(materials.contains(id));
        CHECK(materials[id].state == MaterialState::Received);
    }
    CHECK(materials[QStringLiteral("business-licence")].presented == MaterialForm::OriginalAndCopy);
    CHECK(materials[QStringLiteral("drainage-drawings")].presented == MaterialForm::Original);
    CHECK(materials[QStringLiteral("drainage-drawings")].count == 2);
    CHECK_FALSE(materials.contains(QStringLiteral("legal-rep-id")));

    if (!shots.isEmpty()) {
        for (int i = 0; i < 5; ++i) // the tables fit their rows, then the layout follows
            QApplication::processEvents();
        CHECK(c.window->grab().save(shots + QStringLiteral("/intake-accepted.png")));
    }

    // Ctrl+N: the next applicant, on a clean intake.
    Counter::key(Qt::Key_N, Qt::ControlModifier);
    CHECK(Counter::focus() == c.entry()->idEdit());
    CHECK(c.entry()->idEdit()->text().isEmpty());
    CHECK(c.controller()->intake().items().isEmpty());
    CHECK(c.view()->acceptButton()->isEnabled());
}

TEST_CASE("a promise in a year whose holidays are not published is shown as provisional")
{
    // Monday 28 December 2026: five working days reach into 2027.
    Counter c(QDateTime(QDate(2026, 12, 28), QTime(10, 0), QTimeZone(8 * 3600)));
    c.newApplicantLi();
    c.addDrainage();
    c.fillDrainageForm();
    Counter::key(Qt::Key_F4);
    for (int i = 0; i < 5; ++i) {
        Counter::key(Qt::Key_Space);
        Counter::key(Qt::Key_Down);
    }
    Counter::key(Qt::Key_F8);
    REQUIRE(c.controller()->decision().has_value());
    CHECK(c.controller()->decision()->promisedProvisional);
    CHECK(c.controller()->decision()->promisedDate.year() == 2027);
    CHECK(c.view()->result()->text().contains(QStringLiteral("暂定")));
    REQUIRE(c.presenter.kinds == QStringList{QStringLiteral("acceptance-receipt")});
    const auto* receipt = dynamic_cast<const AcceptanceReceipt*>(c.presenter.last.get());
    REQUIRE(receipt);
    CHECK(receipt->data().promisedProvisional);
}

TEST_CASE("an immediate item (即办件) is accepted and completed on the spot")
{
    Counter c;
    c.newApplicantLi();
    Counter::type(QStringLiteral("YBJ-GG-001")); // 城乡居民基本医疗保险参保登记, by its code
    Counter::key(Qt::Key_Return);
    REQUIRE(c.controller()->intake().itemCodes() == QStringList{QStringLiteral("YBJ-GG-001")});
    REQUIRE(c.controller()->intake().allImmediate());
    Counter::key(Qt::Key_F4);
    CHECK(c.checklist()->currentMaterialId() == QStringLiteral("id-card"));
    Counter::key(Qt::Key_Space);
    REQUIRE(c.controller()->intake().checklist().isComplete());
    Counter::key(Qt::Key_F8);
    REQUIRE(c.controller()->decision().has_value());
    const Decision d = *c.controller()->decision();
    CHECK(d.status == CaseStatus::Completed);
    CHECK(c.view()->result()->text().contains(QStringLiteral("当场办结")));
    CHECK(c.view()->result()->text().contains(d.caseNumber));
    const auto stored = c.storedCase(d.caseNumber);
    REQUIRE(stored);
    CHECK(stored->status == CaseStatus::Completed);
}

TEST_CASE("the checklist keys: copies, form, missing, defective with a reason, undo")
{
    Counter c;
    c.newApplicantLi();
    c.addDrainage();
    Counter::key(Qt::Key_F4);
    REQUIRE(c.checklist()->currentMaterialId() == QStringLiteral("business-licence"));
    Counter::key(Qt::Key_C); // a copy only: not enough for "original and copy"
    const Checklist& list = c.controller()->intake().checklist();
    CHECK(list.line(QStringLiteral("business-licence"))->presented == MaterialForm::Copy);
    CHECK(c.materialState(QStringLiteral("business-licence")) == QStringLiteral("已收，不足"));
    Counter::key(Qt::Key_B);
    CHECK(c.materialState(QStringLiteral("business-licence")) == QStringLiteral("已收"));

    Counter::key(Qt::Key_Down);
    REQUIRE(c.checklist()->currentMaterialId() == QStringLiteral("drainage-drawings"));
    Counter::key(Qt::Key_1); // one of the two drawings
    CHECK(list.line(QStringLiteral("drainage-drawings"))->count == 1);
    CHECK_FALSE(list.line(QStringLiteral("drainage-drawings"))->satisfied());
    Counter::key(Qt::Key_Plus);
    CHECK(list.line(QStringLiteral("drainage-drawings"))->count == 2);
    CHECK(list.line(QStringLiteral("drainage-drawings"))->satisfied());

    Counter::key(Qt::Key_Down);
    Counter::key(Qt::Key_M);
    const QString third = c.checklist()->currentMaterialId();
    CHECK(list.line(third)->state == MaterialState::Missing);
    Counter::key(Qt::Key_Delete);
    CHECK(list.line(third)->state == MaterialState::Pending);

    Counter::key(Qt::Key_D);
    CHECK(Counter::focus() == c.view()->checklist()->defectEdit());
    Counter::key(Qt::Key_Return); // a defect states its reason: nothing recorded yet
    CHECK(Counter::focus() == c.view()->checklist()->defectEdit());
    Counter::commit(QStringLiteral("未加盖公章"));
    Counter::key(Qt::Key_Return);
    CHECK(Counter::focus() == c.checklist());
    CHECK(list.line(third)->state == MaterialState::Defective);
    CHECK(list.line(third)->defectReason == QStringLiteral("未加盖公章"));

    // R on a material that is not on file says so and changes nothing.
    Counter::key(Qt::Key_R);
    CHECK(list.line(third)->state == MaterialState::Defective);
    CHECK(c.view()->banner()->isVisible());
    CHECK_FALSE(c.view()->banner()->text().isEmpty());
}

TEST_CASE("corrections through the UI: the one-time notice, then the second visit accepted")
{
    Counter c;
    c.newApplicantLi();
    c.addDrainage();
    c.fillDrainageForm();
    Counter::key(Qt::Key_F4);
    Counter::key(Qt::Key_M); // the business licence is missing
    Counter::key(Qt::Key_Down);
    Counter::key(Qt::Key_D); // the drawings are defective
    Counter::commit(QStringLiteral("未标明专用检测井位置"));
    Counter::key(Qt::Key_Return);
    Counter::key(Qt::Key_Down);
    for (int i = 0; i < 3; ++i) {
        Counter::key(Qt::Key_Space);
        Counter::key(Qt::Key_Down);
    }
    CHECK(c.view()->checklist()->completionLabel()->text().contains(QStringLiteral("2")));

    // F8 refuses to accept an incomplete intake and names the materials.
    Counter::key(Qt::Key_F8);
    CHECK_FALSE(c.controller()->decision().has_value());
    CHECK(c.view()->banner()->text().contains(QStringLiteral("营业执照")));
    CHECK(c.presenter.kinds.isEmpty());

    Counter::key(Qt::Key_F9);
    REQUIRE(c.controller()->decision().has_value());
    const Decision d = *c.controller()->decision();
    CHECK(d.kind == DecisionKind::Correct);
    REQUIRE(d.correctionLines.size() == 2);
    CHECK(c.view()->result()->text().contains(d.noticeNumber));
    REQUIRE(c.presenter.kinds == QStringList{QStringLiteral("one-time-notice")});
    const QString notice = c.presenter.last->canonicalText();
    CHECK(notice.contains(
        QStringLiteral("营业执照：原件及复印件，1份"))); // what to bring, in Chinese
    CHECK(notice.contains(QStringLiteral("未标明专用检测井位置")));
    const auto first = c.storedCase(d.noticeNumber);
    REQUIRE(first);
    CHECK(first->status == CaseStatus::CorrectionRequested);
    REQUIRE(first->corrections.size() == 1);
    CHECK(first->corrections[0].lines.size() == 2);

    // The next visit: the same card; the store knows Mr Li now.
    CHECK(Counter::focus() == c.entry()->idEdit());
    Counter::type(kLiId);
    Counter::key(Qt::Key_Return);
    CHECK(Counter::focus() == c.search()); // known: straight on to the items
    CHECK(c.entry()->field(QStringLiteral("phone"))->text() == QStringLiteral("13773200011"));
    const QStringList cases = c.view()->applicantPanel()->caseTexts();
    REQUIRE(cases.size() == 1);
    CHECK(cases[0].contains(QStringLiteral("补正")));
    c.addDrainage();
    // The matter resumes: what was received last time is marked again.
    CHECK(c.view()->banner()->text().contains(d.noticeNumber));
    CHECK(c.materialState(QStringLiteral("concealed-works-report")) == QStringLiteral("已收"));
    CHECK(c.materialState(QStringLiteral("business-licence")) == QStringLiteral("待核"));
    c.fillDrainageForm();
    Counter::key(Qt::Key_F4);
    Counter::key(Qt::Key_Space); // the licence, brought now
    Counter::key(Qt::Key_Down);
    Counter::key(Qt::Key_Space); // the corrected drawings
    CHECK(c.controller()->intake().checklist().isComplete());
    Counter::key(Qt::Key_F8);
    REQUIRE(c.controller()->decision().has_value());
    CHECK(c.controller()->decision()->kind == DecisionKind::Accept);
    CHECK(c.controller()->decision()->visit == 2);
    CHECK(c.view()->result()->text().contains(QStringLiteral("第2次")));
    CHECK(c.presenter.kinds.last() == QStringLiteral("acceptance-receipt"));
}

TEST_CASE("refusal through the UI states reason, legal basis and competent body")
{
    Counter c;
    c.newApplicantLi();
    c.addDrainage();
    Counter::key(Qt::Key_F10);
    CHECK(Counter::focusName() == QStringLiteral("refusal_reason"));
    // Without a reason and a basis nothing is recorded.
    Counter::key(Qt::Key_Return);
    Counter::key(Qt::Key_Return);
    CHECK(Counter::focusName() == QStringLiteral("refusal_competentBody"));
    Counter::key(Qt::Key_Return);
    CHECK_FALSE(c.controller()->decision().has_value());
    CHECK(Counter::focusName() == QStringLiteral("refusal_reason"));
    CHECK(c.view()->banner()->text().contains(QStringLiteral("理由")));

    Counter::commit(QStringLiteral("申请人排放的是居民生活污水，无需申领排水许可证"));
    Counter::key(Qt::Key_Return);
    Counter::commit(QStringLiteral("《城镇污水排入排水管网许可管理办法》第二条"));
    Counter::key(Qt::Key_Return);
    Counter::commit(QStringLiteral("常熟市水务局"));
    Counter::key(Qt::Key_Return);
    REQUIRE(c.controller()->decision().has_value());
    const Decision d = *c.controller()->decision();
    CHECK(d.kind == DecisionKind::Refuse);
    CHECK(c.view()->result()->text().contains(d.noticeNumber));
    REQUIRE(c.presenter.kinds == QStringList{QStringLiteral("non-acceptance-notice")});
    const QString notice = c.presenter.last->canonicalText();
    CHECK(notice.contains(QStringLiteral("居民生活污水")));
    CHECK(notice.contains(QStringLiteral("第二条")));
    CHECK(notice.contains(QStringLiteral("常熟市水务局")));

    const auto stored = c.storedCase(d.noticeNumber);
    REQUIRE(stored);
    CHECK(stored->status == CaseStatus::NotAccepted);
    REQUIRE(stored->refusals.size() == 1);
    CHECK(stored->refusals[0].legalBasis ==
          QStringLiteral("《城镇污水排入排水管网许可管理办法》第二条"));
    CHECK(stored->refusals[0].competentBody == QStringLiteral("常熟市水务局"));
}

TEST_CASE("a new applicant's details are checked field by field with the validators")
{
    Counter c;
    // A mistyped ID: the check character is named.
    Counter::type(QStringLiteral("320581197003144513"));
    Counter::key(Qt::Key_Return);
    auto* idError = c.entry()->findChild<QLabel*>(QStringLiteral("applicantError_id"));
    REQUIRE(idError);
    CHECK(idError->text().contains(QStringLiteral("第18位")));
    CHECK(Counter::focus() == c.entry()->idEdit());

    c.entry()->idEdit()->clear();
    Counter::type(kLiId);
    Counter::key(Qt::Key_Return);
    CHECK(Counter::focus() == c.entry()->field(QStringLiteral("name")));
    Counter::key(Qt::Key_Tab);
    Counter::type(QStringLiteral("1377320001")); // one digit short
    Counter::key(Qt::Key_Return);
    auto* nameError = c.entry()->findChild<QLabel*>(QStringLiteral("applicantError_name"));
    auto* phoneError = c.entry()->findChild<QLabel*>(QStringLiteral("applicantError_phone"));
    REQUIRE(nameError);
    REQUIRE(phoneError);
    CHECK_FALSE(nameError->text().isEmpty());
    CHECK_FALSE(phoneError->text().isEmpty());
    CHECK(Counter::focus() == c.entry()->field(QStringLiteral("name"))); // the first to correct
    CHECK(c.controller()->intake().applicant().name.isEmpty());

    // An agent with a bad ID number is refused too.
    Counter::commit(QStringLiteral("李明"));
    c.entry()->field(QStringLiteral("phone"))->setFocus();
    c.entry()->field(QStringLiteral("phone"))->clear();
    Counter::type(QStringLiteral("13773200011"));
    c.entry()->agentCheck()->setFocus();
    Counter::key(Qt::Key_Space);
    CHECK(Counter::focus() == c.entry()->field(QStringLiteral("agent.name")));
    Counter::commit(QStringLiteral("王秀兰"));
    Counter::key(Qt::Key_Tab);
    Counter::type(QStringLiteral("32058119900304462"));
    Counter::key(Qt::Key_Return);
    auto* agentError =
        c.entry()->findChild<QLabel*>(QStringLiteral("applicantError_agent.idNumber"));
    REQUIRE(agentError);
    CHECK_FALSE(agentError->text().isEmpty());
    CHECK(nameError->text().isEmpty());
    CHECK(phoneError->text().isEmpty());
    CHECK(Counter::focus() == c.entry()->field(QStringLiteral("agent.idNumber")));

    c.entry()->field(QStringLiteral("agent.idNumber"))->clear();
    Counter::type(QStringLiteral("320581199003044625"));
    Counter::key(Qt::Key_Return);
    CHECK(Counter::focus() == c.search());
    REQUIRE(c.controller()->intake().agent().has_value());
    CHECK(c.controller()->intake().agent()->name == QStringLiteral("王秀兰"));
    c.addDrainage();
    // An agent brings the power of attorney and their own ID card.
    CHECK(c.materialState(QStringLiteral("power-of-attorney")) == QStringLiteral("待核"));
    CHECK(c.materialState(QStringLiteral("agent-id-card")) == QStringLiteral("待核"));
}

TEST_CASE("the applicant panel shows earlier cases, materials on file and credit flags")
{
    Counter c;
    // An earlier visit of two enterprises, through the same service (scenario 9).
    QFile f(test::sourcePath(
        QStringLiteral("resources/examples/intake/scenario-9-credit-grades.json")));
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QJsonArray batch = QJsonDocument::fromJson(f.readAll()).array();
    REQUIRE(batch.size() == 2);
    QStringList numbers;
    QStringList codes;
    for (const QJsonValue& v : batch) {
        auto request = IntakeRequest::fromJson(v.toObject());
        REQUIRE(request);
        IntakeService service(*c.store.db, c.catalogue, WorkCalendar::builtIn(),
                              request->context(c.context));
        auto decided = request->run(service);
        if (!decided)
            FAIL(decided.error().fullText().toStdString());
        numbers << decided->number();
        codes << request->applicant.creditCode;
    }

    SECTION("grade A: the green channel, history and the licence on file")
    {
        Counter::type(codes[0]);
        Counter::key(Qt::Key_Return);
        CHECK(Counter::focus() == c.search());
        ApplicantPanel* panel = c.view()->applicantPanel();
        const QStringList flags = panel->flagTexts();
        REQUIRE(flags.size() == 1);
        CHECK(flags[0].contains(QStringLiteral("绿色通道")));
        CHECK(panel->acknowledgeCheck()->isHidden());
        const QStringList cases = panel->caseTexts();
        REQUIRE(cases.size() == 1);
        CHECK(cases[0].contains(numbers[0]));
        const QStringList onFile = panel->onFileTexts();
        REQUIRE_FALSE(onFile.isEmpty());
        CHECK(onFile.join(QLatin1Char('\n')).contains(QStringLiteral("营业执照")));
        CHECK(onFile.join(QLatin1Char('\n')).contains(numbers[0]));

        // Reused without being brought: pre-marked with where it comes from.
        c.addDrainage();
        CHECK(c.materialState(QStringLiteral("business-licence")) == QStringLiteral("复用"));
        const int row = c.checklistModel()->rowOf(QStringLiteral("business-licence"));
        CHECK(c.checklistModel()
                  ->index(row, ChecklistModel::Detail)
                  .data()
                  .toString()
                  .contains(numbers[0]));
        CHECK(c.materialState(QStringLiteral("legal-rep-id")) == QStringLiteral("待核"));
    }
    SECTION("grade C or blacklist: flagged, acceptance waits for Alt+K")
    {
        Counter::type(codes[1]);
        Counter::key(Qt::Key_Return);
        ApplicantPanel* panel = c.view()->applicantPanel();
        const QStringList flags = panel->flagTexts();
        REQUIRE(flags.size() == 1);
        CHECK_FALSE(panel->acknowledgeCheck()->isHidden());
        CHECK_FALSE(panel->acknowledged());
        Counter::key(Qt::Key_F8);
        CHECK_FALSE(c.controller()->decision().has_value());
        CHECK(c.view()->banner()->text().contains(flags[0].toHtmlEscaped()));
        CHECK(Counter::focus() == panel->acknowledgeCheck());
        Counter::key(Qt::Key_K, Qt::AltModifier);
        CHECK(panel->acknowledged());
        Counter::key(Qt::Key_F8); // still not complete, but the credit no longer stops it
        CHECK_FALSE(c.view()->banner()->text().contains(flags[0].toHtmlEscaped()));
    }
}

TEST_CASE("a suggestion goes into the basket in one step, Delete takes an item out")
{
    Counter c;
    c.newApplicantLi();
    c.addDrainage();
    Counter::key(Qt::Key_F7);
    CHECK(Counter::focus() == c.view()->suggestions());
    const QString suggested = c.view()->suggestions()->currentItem()->data(Qt::UserRole).toString();
    Counter::key(Qt::Key_Return);
    CHECK(c.controller()->intake().itemCodes() == QStringList({kDrainage, suggested}));
    CHECK(c.view()->basket()->count() == 2);
    // Both items ask for the business licence: it is on the checklist once.
    int licences = 0;
    for (const ChecklistLine& l : c.controller()->intake().checklist().lines())
        licences += l.material.id == QStringLiteral("business-licence") ? 1 : 0;
    CHECK(licences == 1);

    // Delete in the basket takes the item out again.
    c.view()->basket()->setFocus();
    c.view()->basket()->setCurrentRow(1);
    Counter::key(Qt::Key_Delete);
    CHECK(c.controller()->intake().itemCodes() == QStringList{kDrainage});
}

TEST_CASE("a joint item from the search brings its members and one merged checklist")
{
    Counter c;
    c.newApplicantLi();
    Counter::commit(QStringLiteral("开办餐饮店"));
    const int row = c.page()->controller()->model()->indexOf(QStringLiteral("YJS-CY-001"));
    REQUIRE(row >= 0);
    for (int i = 0; i < row; ++i)
        Counter::key(Qt::Key_Down);
    Counter::key(Qt::Key_Return);
    const Intake& intake = c.controller()->intake();
    CHECK(intake.chosenCodes() == QStringList{QStringLiteral("YJS-CY-001")});
    REQUIRE(intake.items().size() == 5);
    CHECK(c.view()->basket()->count() == 5);
    CHECK(c.view()->basket()->item(0)->text().contains(QStringLiteral("联办事项")));
    // Each material once; the items column numbers the members asking for it.
    QSet<QString> ids;
    for (int r = 0; r < c.checklistModel()->rowCount(); ++r)
        ids.insert(c.checklistModel()->index(r, 0).data(ChecklistModel::MaterialIdRole).toString());
    CHECK(ids.size() == c.checklistModel()->rowCount());
    CHECK_FALSE(c.checklist()->isColumnHidden(ChecklistModel::Items));
    const int licence = c.checklistModel()->rowOf(QStringLiteral("business-licence"));
    REQUIRE(licence >= 0);
    CHECK(c.checklistModel()
              ->index(licence, ChecklistModel::Items)
              .data()
              .toString()
              .contains(QLatin1Char(',')));
    // Delete on any member takes the whole joint item out.
    c.view()->basket()->setFocus();
    c.view()->basket()->setCurrentRow(2);
    Counter::key(Qt::Key_Delete);
    CHECK(intake.items().isEmpty());
}

TEST_CASE("the form says what is wrong field by field")
{
    Counter c;
    c.newApplicantLi();
    c.addDrainage();
    Counter::key(Qt::Key_F6);
    for (int i = 0; i < 6; ++i)
        Counter::key(Qt::Key_Return);
    REQUIRE(Counter::focusName() == QStringLiteral("form_postcode"));
    Counter::type(QStringLiteral("21550")); // five digits
    Counter::key(Qt::Key_Tab);
    auto* postcode = c.view()->form()->findChild<QLabel*>(QStringLiteral("formError_postcode"));
    REQUIRE(postcode);
    CHECK(postcode->text().contains(QStringLiteral("邮政编码")));
    auto* address =
        c.view()->form()->findChild<QLabel*>(QStringLiteral("formError_business_address"));
    REQUIRE(address);
    CHECK(address->text().isEmpty()); // not yet: the clerk has not been there

    // F8 reports every problem; each field shows its own.
    Counter::key(Qt::Key_F8);
    CHECK_FALSE(c.controller()->decision().has_value());
    CHECK(address->text().contains(QStringLiteral("经营场所")));
    CHECK_FALSE(postcode->text().isEmpty());
    CHECK(c.view()->banner()->text().contains(QStringLiteral("经营场所")));
    CHECK(c.store.db != nullptr);
    CHECK(CaseRepository(*c.store.db).count().value() == 0); // nothing written
}

TEST_CASE("the print preview shows the receipt and prints it with one key")
{
    Counter c;
    auto request =
        IntakeRequest::fromJson(scenario(QStringLiteral("scenario-3-drainage-permit-ems.json")));
    REQUIRE(request);
    IntakeService service(*c.store.db, c.catalogue, WorkCalendar::builtIn(),
                          request->context(c.context));
    auto decided = request->run(service);
    REQUIRE(decided);
    AcceptanceReceiptData data;
    data.caseNumber = decided->caseNumber;
    data.documentNumber = decided->caseNumber;
    data.applicant.name = QStringLiteral("李明");
    data.applicant.idNumber = kLiId;
    data.items = {QStringLiteral("排水许可证核发")};
    data.acceptedAt = c.clock.now();
    data.promisedDate = decided->promisedDate;
    data.promisedWorkingDays = decided->promisedDays;
    auto receipt = std::make_shared<AcceptanceReceipt>(data);

    DocumentPreviewDialog preview(receipt, c.window.get());
    CHECK_FALSE(preview.isModal());
    preview.show();
    REQUIRE(QTest::qWaitForWindowExposed(&preview));
    CHECK(preview.pageCount() >= 1);
    const QString pdf = c.store.dir.filePath(QStringLiteral("printed.pdf"));
    preview.printer()->setOutputFormat(QPrinter::PdfFormat);
    preview.printer()->setOutputFileName(pdf);
    QSignalSpy printed(&preview, &DocumentPreviewDialog::printed);
    QTest::keyClick(&preview, Qt::Key_P, Qt::ControlModifier);
    REQUIRE(printed.count() == 1);
    CHECK(printed.at(0).at(0).toInt() >= 1);
    CHECK_FALSE(preview.isVisible());
    QProcess text;
    text.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
    REQUIRE(text.waitForFinished(30000));
    const QString printedText = QString::fromUtf8(text.readAllStandardOutput());
    CHECK(printedText.contains(decided->caseNumber));
}
