// The intake at the window by keyboard alone: scenario 3 accepted, the
// provisional promise, the immediate item, corrections with the second
// visit, the refusal, and the print preview.
#include "IntakeCounter.h"

using namespace ow::uitest;

TEST_CASE("an ID card read into the search box goes to the ID entry, an item code does not")
{
    SECTION("a new applicant's ID")
    {
        Counter c;
        REQUIRE(Counter::focus() == c.search());
        Counter::type(kLiId);
        Counter::key(Qt::Key_Return);
        CHECK(c.search()->text().isEmpty());
        CHECK(c.entry()->idEdit()->text() == kLiId);
        CHECK(c.page()->tabs()->currentWidget() == static_cast<QWidget*>(c.view()));
        CHECK(Counter::focus() == c.entry()->field(QStringLiteral("name")));
    }
    SECTION("a mistyped ID is named as the ID's problem, in the ID entry")
    {
        Counter c;
        REQUIRE(Counter::focus() == c.search());
        Counter::type(QStringLiteral("320581197003144513"));
        Counter::key(Qt::Key_Return);
        auto* idError = c.entry()->findChild<QLabel*>(QStringLiteral("applicantError_id"));
        REQUIRE(idError);
        CHECK(idError->text().contains(QStringLiteral("第18位")));
        CHECK(Counter::focus() == c.entry()->idEdit());
    }
    SECTION("an item code stays a search: Enter picks the item")
    {
        Counter c;
        REQUIRE(Counter::focus() == c.search());
        Counter::type(QStringLiteral("SWJ-XK-001"));
        Counter::key(Qt::Key_Return);
        CHECK(c.controller()->intake().itemCodes() == QStringList{kDrainage});
        CHECK(c.entry()->idEdit()->text().isEmpty());
    }
}

TEST_CASE("scenario 3: the drainage permit accepted for EMS delivery by keyboard alone")
{
    Counter c;
    QAbstractItemModelTester tester(c.checklistModel(),
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    // The window opens on the search box, where a card read also serves.
    CHECK(Counter::focus() == c.search());
    c.newApplicantLi();
    CHECK(c.view()->applicantPanel()->caseTexts().contains(QStringLiteral("无")));
    c.addDrainage();

    // Related items are suggested (the water supply connection).
    REQUIRE(c.view()->suggestions()->count() >= 1);
    CHECK(c.view()->suggestions()->item(0)->text().contains(QStringLiteral("SJJ-XK-003")));

    // Before the form says "餐饮", the pre-treatment proof waits on the answer.
    CHECK(c.materialState(QStringLiteral("pretreatment-proof")) ==
          QStringLiteral("取决于排水类别"));
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

    // The checklist by keys: F4, then Space on each of the five materials
    // (Space marks and moves on).
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
        CHECK(c.presenter.last->renderPdf(shots + QStringLiteral("/receipt.pdf")).ok());
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
    for (int i = 0; i < 5; ++i)
        Counter::key(Qt::Key_Space);
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
    for (int i = 0; i < 3; ++i)
        Counter::key(Qt::Key_Space);
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
    // The form as filled at the first visit: nothing to type again.
    CHECK(c.controller()->intake().form().value(QStringLiteral("shop_name")) ==
          QStringLiteral("李记面馆"));
    CHECK(c.controller()->intake().form().validate(QDate(2025, 3, 14)).isEmpty());
    Counter::key(Qt::Key_F4);
    Counter::key(Qt::Key_Space); // the licence, brought now
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
    auto receipt = c.window->printing().documents().forCase(DocumentKind::AcceptanceReceipt,
                                                            decided->caseNumber);
    REQUIRE(receipt);

    DocumentPreviewDialog preview(*receipt, c.window->printing(), c.window.get());
    CHECK_FALSE(preview.isModal());
    preview.show();
    REQUIRE(QTest::qWaitForWindowExposed(&preview));
    CHECK(preview.pageCount() >= 1);
    if (const QString shots = qEnvironmentVariable("OW_SCREENSHOT_DIR"); !shots.isEmpty()) {
        for (int i = 0; i < 5; ++i)
            QApplication::processEvents();
        CHECK(preview.grab().save(shots + QStringLiteral("/preview.png")));
    }
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

TEST_CASE("without a stand-in, the decision opens the preview dialog, not modal")
{
    Counter c;
    c.controller()->setPresenter(nullptr); // the program's own: the preview dialog
    c.newApplicantLi();
    c.addDrainage();
    Counter::key(Qt::Key_F10);
    Counter::commit(QStringLiteral("申请人排放的是居民生活污水，无需申领排水许可证"));
    Counter::key(Qt::Key_Return);
    Counter::commit(QStringLiteral("《城镇污水排入排水管网许可管理办法》第二条"));
    Counter::key(Qt::Key_Return);
    Counter::key(Qt::Key_Return);
    REQUIRE(c.controller()->decision().has_value());

    DocumentPreviewDialog* preview = nullptr;
    for (QWidget* w : QApplication::topLevelWidgets())
        if (auto* d = qobject_cast<DocumentPreviewDialog*>(w); d && d->isVisible())
            preview = d;
    REQUIRE(preview);
    CHECK_FALSE(preview->isModal());
    CHECK(QApplication::activeModalWidget() == nullptr);
    CHECK(preview->document().kind() == QStringLiteral("non-acceptance-notice"));
    CHECK(preview->pageCount() >= 1);
    REQUIRE(QTest::qWaitForWindowActive(preview));
    QPointer<DocumentPreviewDialog> alive(preview);
    QTest::keyClick(preview, Qt::Key_Escape); // closes, and is deleted
    CHECK(QTest::qWaitFor([&] { return alive.isNull(); }));
    CHECK(c.view()->result()->text().contains(c.controller()->decision()->noticeNumber));
}
