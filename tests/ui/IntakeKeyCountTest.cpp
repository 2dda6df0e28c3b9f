// The intake scenarios at clerk speed: each is driven through the real main
// window by keys alone, every key press reaching the application counted
// (InputCount), from the workbench with an empty intake to the document
// printed; the stored case is checked, and each scenario fails above its
// figure (README, "Keys per scenario").
#include "InputCount.h"
#include "IntakeCounter.h"
#include "applicants/ApplicantRepository.h"

#include <QDir>

using namespace ow::uitest;

namespace {

// The most a scenario may take (the targets): one item, two items
// or a joint item, a correction's second visit. Each scenario also fails
// above its own figure in the README's table, so that a key added anywhere
// on the path is seen.
constexpr int kOneItem = 20;

// The preview the decision opened, once it has the keyboard.
DocumentPreviewDialog* openPreview()
{
    DocumentPreviewDialog* preview = nullptr;
    REQUIRE(QTest::qWaitFor([&] {
        for (QWidget* w : QApplication::topLevelWidgets())
            if (auto* d = qobject_cast<DocumentPreviewDialog*>(w); d && d->isVisible())
                preview = d;
        return preview && QApplication::activeWindow() == preview;
    }));
    return preview;
}

// Ctrl+P on the preview prints on the printer the counter remembers: here
// a PDF file, so that the paper can be read back.
QString printFromPreview(InputCount& count, DocumentPreviewDialog* preview, const QString& pdf)
{
    preview->printer()->setOutputFormat(QPrinter::PdfFormat);
    preview->printer()->setOutputFileName(pdf);
    // The preview closes itself once printed: its signal says it printed.
    QSignalSpy printed(preview, &DocumentPreviewDialog::printed);
    count.key(Qt::Key_P, Qt::ControlModifier);
    REQUIRE(printed.size() == 1);
    QProcess text;
    text.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    REQUIRE(text.waitForFinished(30000));
    return QString::fromUtf8(text.readAllStandardOutput());
}

void report(const char* scenario, const InputCount& count)
{
    WARN(scenario << ": " << count.presses()
                  << " presses: " << count.log().join(QStringLiteral(" ")).toStdString());
}

} // namespace

TEST_CASE("keys: scenario 3, the drainage permit by EMS, new applicant, receipt printed", "[keys]")
{
    Counter c;
    c.controller()->setPresenter(nullptr); // the program's own preview and printing
    InputCount count;
    REQUIRE(Counter::focus() == c.search());

    // The card reader types the ID and its Enter into the search box.
    count.data(kLiId);
    count.dataKey(Qt::Key_Return); // the reader's Enter
    REQUIRE(Counter::focus() == c.entry()->field(QStringLiteral("name")));
    const int start = count.presses();
    CHECK(start == 0);
    InputCount::commit(QStringLiteral("李明"));
    count.key(Qt::Key_Return);
    CHECK(Counter::focus() == c.entry()->field(QStringLiteral("phone")));
    count.data(QStringLiteral("13773200011"));
    count.key(Qt::Key_Return);
    CHECK(Counter::focus() == c.entry()->field(QStringLiteral("address")));
    InputCount::commit(QStringLiteral("江苏省常熟市虞山街道虞山北路100号"));
    count.key(Qt::Key_Return);
    REQUIRE(Counter::focus() == c.search()); // confirmed: on to the items
    const int applicant = count.presses();

    // Two letters of the item's pinyin initials, Enter takes the first hit.
    count.query(QStringLiteral("ps"));
    count.key(Qt::Key_Return);
    REQUIRE(c.controller()->intake().itemCodes() == QStringList{kDrainage});
    const int search = count.presses() - applicant;

    // F6: the first empty field; Enter skips what is filled or does not apply.
    count.key(Qt::Key_F6);
    CHECK(Counter::focusName() == QStringLiteral("form_postcode"));
    count.data(QStringLiteral("215500"));
    count.key(Qt::Key_Return);
    CHECK(Counter::focusName() == QStringLiteral("form_shop_name"));
    InputCount::commit(QStringLiteral("李记面馆"));
    count.key(Qt::Key_Return);
    CHECK(Counter::focusName() == QStringLiteral("form_business_address"));
    InputCount::commit(QStringLiteral("常熟市虞山街道虞山北路100号"));
    count.key(Qt::Key_Return);
    CHECK(Counter::focusName() == QStringLiteral("form_drainage_type"));
    count.key(Qt::Key_1); // 1 餐饮, and on
    CHECK(Counter::focusName() == QStringLiteral("form_daily_discharge"));
    count.data(QStringLiteral("3.5"));
    count.key(Qt::Key_Return);
    CHECK(Counter::focusName() == QStringLiteral("form_key_polluter"));
    count.key(Qt::Key_N); // 否, and on to the delivery
    CHECK(Counter::focusName() == QStringLiteral("delivery_method"));
    count.key(Qt::Key_2); // 2 EMS: everything it needs is prefilled, on to the checklist
    CHECK(c.view()->delivery()->choice().method == Delivery::Ems);
    CHECK(c.view()->delivery()->field(QStringLiteral("postcode"))->text() ==
          QStringLiteral("215500"));
    REQUIRE(Counter::focus() == c.checklist());
    const int form = count.presses() - applicant - search;

    // A: every material still to check received as asked.
    count.key(Qt::Key_A);
    CHECK(c.controller()->intake().checklist().isComplete());
    CHECK(c.view()->banner()->text().contains(QStringLiteral("5")));

    // F8 accepts; the receipt's preview has the keyboard; Ctrl+P prints it.
    count.key(Qt::Key_F8);
    REQUIRE(c.controller()->decision().has_value());
    const QString number = c.controller()->decision()->caseNumber;
    DocumentPreviewDialog* preview = openPreview();
    const QString paper =
        printFromPreview(count, preview, c.store.dir.filePath(QStringLiteral("receipt.pdf")));
    CHECK(paper.contains(number));
    CHECK(paper.contains(QStringLiteral("李明")));

    report("scenario 3", count);
    INFO("applicant " << applicant << ", search " << search << ", form and delivery " << form);
    CHECK(count.presses() <= kOneItem);
    CHECK(count.presses() <= 17);

    const auto stored = c.storedCase(number);
    REQUIRE(stored);
    CHECK(stored->status == CaseStatus::Accepted);
    CHECK(stored->delivery.method == Delivery::Ems);
    CHECK(stored->delivery.postcode == QStringLiteral("215500"));
    CHECK(stored->delivery.recipient == QStringLiteral("李明"));
    CHECK(stored->form.value(QStringLiteral("drainage_type")).toString() == QStringLiteral("餐饮"));
    CHECK(stored->form.value(QStringLiteral("key_polluter")).toBool() == false);
    CHECK(stored->form.value(QStringLiteral("daily_discharge")).toDouble() == 3.5);
    CHECK(stored->form.value(QStringLiteral("shop_name")).toString() == QStringLiteral("李记面馆"));
    CHECK_FALSE(stored->form.contains(QStringLiteral("credit_code")));
    CHECK(stored->materials.size() == 5);
    for (const CaseMaterial& m : stored->materials)
        CHECK(m.state == MaterialState::Received);
}

namespace {

constexpr int kTwoItems = 25;
constexpr int kSecondVisit = 12;

// What a value from a scenario file looks like typed.
QString typed(const QJsonValue& v)
{
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return v.toString();
}

// Types `text` as the clerk would: Latin and digits key by key, Chinese
// through the input method; neither is counted.
void enter(InputCount& count, const QString& text)
{
    const bool ascii =
        std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 128; });
    if (ascii)
        count.data(text);
    else
        InputCount::commit(text);
}

QString focusKey(const QString& prefix)
{
    const QString name = Counter::focusName();
    return name.startsWith(prefix) ? name.mid(prefix.size()) : QString();
}

// One scenario file at the window, by keys alone: the card read, a new
// applicant's details (and agent), the items found by `queries` (each with
// Enter), the form as the scenario fills it, the delivery, the checklist
// (A: every material received as asked), the decision and the print.
// Returns the case number.
QString drive(Counter& c, InputCount& count, const QJsonObject& s, const QStringList& queries,
              const QString& pdf)
{
    const QJsonObject applicant = s.value(QStringLiteral("applicant")).toObject();
    const QJsonObject agent = s.value(QStringLiteral("agent")).toObject();
    const QString key = applicant.value(QStringLiteral("idNumber")).toString().isEmpty()
                            ? applicant.value(QStringLiteral("creditCode")).toString()
                            : applicant.value(QStringLiteral("idNumber")).toString();
    count.data(key);
    count.dataKey(Qt::Key_Return);

    // A new applicant: each empty field gets its value, Enter goes on.
    bool agentDone = agent.isEmpty() || c.entry()->agentCheck()->isChecked();
    for (int guard = 0; guard < 20 && Counter::focus() != c.search(); ++guard) {
        const QString field = focusKey(QStringLiteral("applicant_"));
        REQUIRE_FALSE(field.isEmpty());
        const QString value = field.startsWith(QLatin1String("agent."))
                                  ? typed(agent.value(field.mid(6)))
                                  : typed(applicant.value(field));
        auto* edit = qobject_cast<QLineEdit*>(Counter::focus());
        if (edit->text().isEmpty())
            enter(count, value);
        if (!agentDone && field == QLatin1String("address")) {
            count.key(Qt::Key_Tab); // to "an agent applies"
            count.key(Qt::Key_Space);
            agentDone = true;
            continue;
        }
        count.key(Qt::Key_Return);
    }
    REQUIRE(Counter::focus() == c.search());

    for (const QString& q : queries) {
        const qsizetype before = c.controller()->intake().chosenCodes().size();
        if (q == QLatin1String("F7")) // the related item the window suggests
            count.key(Qt::Key_F7);
        else
            count.query(q);
        count.key(Qt::Key_Return);
        REQUIRE(c.controller()->intake().chosenCodes().size() == before + 1);
    }
    const QJsonArray items = s.value(QStringLiteral("items")).toArray();
    for (const QJsonValue& code : items)
        REQUIRE(c.controller()->intake().chosenCodes().contains(code.toString()));

    // The form: a list by the digit of the answer, a line typed, Enter on.
    const QJsonObject form = s.value(QStringLiteral("form")).toObject();
    if (!c.view()->form()->isEmpty()) {
        count.key(Qt::Key_F6);
        for (int guard = 0; guard < 40; ++guard) {
            const QString field = focusKey(QStringLiteral("form_"));
            if (field.isEmpty())
                break;
            const QString value = typed(form.value(field));
            if (auto* combo = qobject_cast<QComboBox*>(Counter::focus())) {
                const int index = combo->findData(value);
                if (index > 0 && index <= 9)
                    count.key(Qt::Key(Qt::Key_0 + index));
                else
                    count.key(Qt::Key_Return);
                continue;
            }
            if (!value.isEmpty())
                enter(count, value);
            count.key(Qt::Key_Return);
        }
    }

    // The delivery: pick-up by Enter, EMS by its digit; empty fields typed.
    const QJsonObject delivery = s.value(QStringLiteral("delivery")).toObject();
    if (Counter::focusName() == QStringLiteral("delivery_method")) {
        const QString method = delivery.value(QStringLiteral("method")).toString();
        if (method == QLatin1String("ems"))
            count.key(Qt::Key_2);
        else
            count.key(Qt::Key_Return);
        for (int guard = 0; guard < 6; ++guard) {
            const QString field = focusKey(QStringLiteral("delivery_"));
            if (field.isEmpty())
                break;
            enter(count, typed(delivery.value(field)));
            count.key(Qt::Key_Return);
        }
    }

    // The checklist: every material still to check received as asked.
    if (Counter::focus() != c.checklist())
        count.key(Qt::Key_F4);
    count.key(Qt::Key_A);
    REQUIRE(c.controller()->intake().checklist().isComplete());

    // A credit warning is told (Alt+K) before the decision.
    if (!c.view()->applicantPanel()->acknowledgeCheck()->isHidden())
        count.key(Qt::Key_K, Qt::AltModifier);

    count.key(Qt::Key_F8);
    INFO(c.view()->banner()->text().toStdString());
    REQUIRE(c.controller()->decision().has_value());
    const QString number = c.controller()->decision()->number();
    // Each document of the decision comes up in turn and is printed with Ctrl+P.
    const auto documents = CaseDocuments::afterDecision(*c.controller()->decision());
    for (qsizetype i = 0; i < documents.size(); ++i) {
        QPointer<DocumentPreviewDialog> preview = openPreview();
        CHECK(preview->ref().kind == documents.at(i).kind);
        CHECK(printFromPreview(count, preview, pdf + QString::number(i)).contains(number));
        REQUIRE(QTest::qWaitFor([&] { return !preview || !preview->isVisible(); }));
    }
    return number;
}

// The case as stored says what the scenario file says.
void checkStored(Counter& c, const QString& number, const QJsonObject& s)
{
    const auto stored = c.storedCase(number);
    REQUIRE(stored);
    QStringList codes;
    for (const QJsonValue& v : s.value(QStringLiteral("items")).toArray())
        codes << v.toString();
    for (const QString& code : codes) {
        const QStringList stored_ = stored->itemCodes();
        const bool joint = std::none_of(stored_.cbegin(), stored_.cend(),
                                        [&](const QString& x) { return x == code; });
        if (joint) // a joint item is stored as its members
            CHECK(std::any_of(stored->items.cbegin(), stored->items.cend(),
                              [&](const CaseItem& i) { return i.jointCode == code; }));
    }
    const QJsonObject form = s.value(QStringLiteral("form")).toObject();
    for (auto it = form.constBegin(); it != form.constEnd(); ++it) {
        INFO(it.key().toStdString());
        CHECK(typed(stored->form.value(it.key())) == typed(it.value()));
    }
    const QString method =
        s.value(QStringLiteral("delivery")).toObject().value(QStringLiteral("method")).toString();
    CHECK(stored->delivery.method ==
          (method == QLatin1String("ems") ? Delivery::Ems : Delivery::Pickup));
    for (const CaseMaterial& m : stored->materials)
        if (m.state != MaterialState::Pending)
            CHECK((m.state == MaterialState::Received || m.state == MaterialState::Reused));
}

// Runs scenario `file` (its entry `index` when the file is a batch).
void scenarioByKeys(const QString& file, int index, const QStringList& queries, int target,
                    int figure, Level level = Level::City,
                    const std::function<void(Counter&)>& before = {})
{
    Counter c(QDateTime(QDate(2025, 3, 14), QTime(9, 30), QTimeZone(8 * 3600)), {}, level);
    if (before)
        before(c);
    c.controller()->setPresenter(nullptr);
    QFile f(test::sourcePath(QStringLiteral("resources/examples/intake/") + file));
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
    const QJsonObject s = doc.isArray() ? doc.array().at(index).toObject() : doc.object();
    InputCount count;
    REQUIRE(Counter::focus() == c.search());
    const QString number =
        drive(c, count, s, queries, c.store.dir.filePath(QStringLiteral("paper.pdf")));
    report(file.toUtf8().constData(), count);
    CHECK(count.presses() <= target);
    CHECK(count.presses() <= figure);
    checkStored(c, number, s);
}

} // namespace

TEST_CASE("keys: scenario 1, two unrelated items in one visit", "[keys]")
{
    scenarioByKeys(QStringLiteral("scenario-1-two-unrelated-items.json"), 0,
                   {QStringLiteral("cq"), QStringLiteral("gcgh")}, kTwoItems, 24);
}

TEST_CASE("keys: scenario 2, medical aid and the hardship subsidy it suggests", "[keys]")
{
    scenarioByKeys(QStringLiteral("scenario-2-medical-aid-and-hardship-subsidy.json"), 0,
                   {QStringLiteral("yljz"), QStringLiteral("F7")}, kTwoItems, 25);
}

TEST_CASE("keys: scenario 3 from its file, the drainage permit by EMS", "[keys]")
{
    scenarioByKeys(QStringLiteral("scenario-3-drainage-permit-ems.json"), 0, {QStringLiteral("ps")},
                   kOneItem, 17);
}

TEST_CASE("keys: scenario 5 at the window, a retiree's certification brought by an agent", "[keys]")
{
    scenarioByKeys(QStringLiteral("scenario-5-agent-batch-certification.json"), 0,
                   {QStringLiteral("sc")}, kOneItem, 17, Level::Village);
}

TEST_CASE("keys: scenario 6, opening a restaurant as a joint item", "[keys]")
{
    scenarioByKeys(QStringLiteral("scenario-6-restaurant-joint-item.json"), 0,
                   {QStringLiteral("kc")}, kTwoItems, 25);
}

TEST_CASE("keys: scenario 7, a universal item at a town site", "[keys]")
{
    scenarioByKeys(QStringLiteral("scenario-7-universal-item-town-site.json"), 0,
                   {QStringLiteral("gt")}, kOneItem, 18, Level::Town);
}

TEST_CASE("keys: scenario 9, a C-grade enterprise flagged and told before acceptance", "[keys]")
{
    // The enterprise is known from an earlier visit, with its grade.
    const auto earlier = [](Counter& c) {
        QFile f(test::sourcePath(
            QStringLiteral("resources/examples/intake/scenario-9-credit-grades.json")));
        REQUIRE(f.open(QIODevice::ReadOnly));
        const QJsonObject first = QJsonDocument::fromJson(f.readAll()).array().at(1).toObject();
        QJsonObject other = first;
        other.insert(QStringLiteral("items"), QJsonArray{QStringLiteral("BDC-GG-001")});
        other.insert(QStringLiteral("form"),
                     QJsonObject{{QStringLiteral("query_purpose"), QStringLiteral("其他")}});
        other.remove(QStringLiteral("materials"));
        other.insert(QStringLiteral("decision"),
                     QJsonObject{{QStringLiteral("kind"), QStringLiteral("correct")}});
        auto request = IntakeRequest::fromJson(other);
        REQUIRE(request);
        IntakeService service(*c.store.db, c.catalogue, WorkCalendar::builtIn(),
                              request->context(c.context));
        auto decided = request->run(service);
        if (!decided)
            FAIL(decided.error().fullText().toStdString());
    };
    scenarioByKeys(QStringLiteral("scenario-9-credit-grades.json"), 1, {QStringLiteral("sjdx")},
                   kOneItem, 13, Level::City, earlier);
}

namespace {

// Scenario 3's first visit, scripted: everything but the drawings, so a
// one-time notice; the form filled and EMS chosen. Its notice number.
QString firstVisitWithoutDrawings(Counter& c)
{
    QJsonObject json = scenario(QStringLiteral("scenario-3-drainage-permit-ems.json"));
    QJsonArray materials = json.value(QStringLiteral("materials")).toArray();
    materials.removeAt(1); // the drawings stay "to check"
    json.insert(QStringLiteral("materials"), materials);
    json.insert(QStringLiteral("decision"),
                QJsonObject{{QStringLiteral("kind"), QStringLiteral("correct")}});
    auto request = IntakeRequest::fromJson(json);
    REQUIRE(request);
    IntakeService service(*c.store.db, c.catalogue, WorkCalendar::builtIn(),
                          request->context(c.context));
    auto decided = request->run(service);
    if (!decided)
        FAIL(decided.error().fullText().toStdString());
    REQUIRE(decided->kind == DecisionKind::Correct);
    return decided->noticeNumber;
}

} // namespace

TEST_CASE("keys: the second visit of a correction, the missing drawings brought", "[keys]")
{
    Counter c;
    const QString notice = firstVisitWithoutDrawings(c);
    c.controller()->setPresenter(nullptr);
    InputCount count;
    count.data(kLiId); // the same card: known now, on to the items
    count.dataKey(Qt::Key_Return);
    REQUIRE(Counter::focus() == c.search());
    count.query(QStringLiteral("ps"));
    count.key(Qt::Key_Return);
    // Resumed: the form, the delivery and what was brought are back.
    CHECK(c.view()->banner()->text().contains(notice));
    const Form& form = c.controller()->intake().form();
    CHECK(form.value(QStringLiteral("business_address")) ==
          QStringLiteral("常熟市虞山街道虞山北路100号"));
    CHECK(form.value(QStringLiteral("drainage_type")) == QStringLiteral("餐饮"));
    CHECK(form.value(QStringLiteral("daily_discharge")) == QStringLiteral("3.5"));
    CHECK(c.view()->delivery()->choice().method == Delivery::Ems);
    CHECK(c.view()->delivery()->choice().postcode == QStringLiteral("215500"));
    CHECK(c.materialState(QStringLiteral("business-licence")) == QStringLiteral("已收"));
    CHECK(c.materialState(QStringLiteral("drainage-drawings")) == QStringLiteral("待核"));

    count.key(Qt::Key_F4); // on the drawings, the one line still to check
    CHECK(c.checklist()->currentMaterialId() == QStringLiteral("drainage-drawings"));
    count.key(Qt::Key_Space);
    REQUIRE(c.controller()->intake().checklist().isComplete());
    count.key(Qt::Key_F8);
    REQUIRE(c.controller()->decision().has_value());
    CHECK(c.controller()->decision()->visit == 2);
    const QString number = c.controller()->decision()->caseNumber;
    DocumentPreviewDialog* preview = openPreview();
    CHECK(printFromPreview(count, preview, c.store.dir.filePath(QStringLiteral("receipt.pdf")))
              .contains(number));
    report("second visit", count);
    CHECK(count.presses() <= kSecondVisit);
    CHECK(count.presses() <= 7);
    const auto stored = c.storedCase(number);
    REQUIRE(stored);
    CHECK(stored->delivery.method == Delivery::Ems);
    CHECK(stored->form.value(QStringLiteral("shop_name")).toString() == QStringLiteral("李记面馆"));
}

TEST_CASE("keys: scenario 5's next retiree brought by the same agent (Ctrl+Shift+N)", "[keys]")
{
    Counter c(QDateTime(QDate(2025, 3, 14), QTime(9, 30), QTimeZone(8 * 3600)), {}, Level::Village);
    c.controller()->setPresenter(nullptr);
    QFile f(test::sourcePath(
        QStringLiteral("resources/examples/intake/scenario-5-agent-batch-certification.json")));
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QJsonArray batch = QJsonDocument::fromJson(f.readAll()).array();
    REQUIRE(batch.size() >= 2);
    {
        InputCount first;
        drive(c, first, batch.at(0).toObject(), {QStringLiteral("sc")},
              c.store.dir.filePath(QStringLiteral("first.pdf")));
    }
    // The window has the keyboard again once the previews are closed.
    c.window->activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(c.window.get()));
    InputCount count;
    count.key(Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    // The agent is kept: ticked and filled for the next retiree.
    CHECK(Counter::focus() == c.entry()->idEdit());
    CHECK(c.entry()->agentCheck()->isChecked());
    CHECK(c.entry()->field(QStringLiteral("agent.name"))->text() == QStringLiteral("陈卫东"));
    const QJsonObject second = batch.at(1).toObject();
    const QString number = drive(c, count, second, {QStringLiteral("sc")},
                                 c.store.dir.filePath(QStringLiteral("second.pdf")));
    report("scenario 5, the next retiree", count);
    CHECK(count.presses() <= kOneItem);
    CHECK(count.presses() <= 15);
    const auto stored = c.storedCase(number);
    REQUIRE(stored);
    CHECK_FALSE(stored->agentId.isEmpty());
    auto agent = ApplicantRepository(*c.store.db).findAgentById(stored->agentId);
    REQUIRE(agent);
    REQUIRE(agent->has_value());
    CHECK((*agent)->name == QStringLiteral("陈卫东"));
}
