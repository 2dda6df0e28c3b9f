// Nothing wrong reaches a case from the screen: the applicant corrected
// after the items reaches the form and the delivery (a field edited by hand
// is kept and marked), Enter in the applicant's details goes on to the
// next field and confirms only a complete applicant, a correction taken up
// again brings back what was filled in and brought, the checklist's marks
// can be undone, and a decision key pressed twice or held makes one case.
#include "IntakeCounter.h"
#include "applicants/ApplicantRepository.h"
#include "cases/CaseListModel.h"
#include "cases/CasesController.h"
#include "cases/CasesPage.h"

#include <QTableView>

using namespace ow::uitest;

namespace {

// The card read into the search box (or the ID entry), ended with Enter.
void readCard(Counter& c, const QString& id)
{
    REQUIRE((Counter::focus() == c.search() || Counter::focus() == c.entry()->idEdit()));
    Counter::type(id);
    Counter::key(Qt::Key_Return);
}

// Replaces what the focused line holds, as a clerk does: select all, type.
void retype(const QString& text)
{
    Counter::key(Qt::Key_A, Qt::ControlModifier);
    Counter::key(Qt::Key_Backspace);
    Counter::commit(text);
}

int casesInStore(Counter& c)
{
    const auto n = CaseRepository(*c.store.db).count();
    REQUIRE(n);
    return int(*n);
}

} // namespace

TEST_CASE("the applicant corrected after the items reaches the form, the delivery, the case and "
          "the receipt, and a field edited by hand is kept and marked")
{
    Counter c;
    readCard(c, kLiId);
    // The name typed short and the address cut off, as seen at a window.
    Counter::commit(QStringLiteral("芳"));
    Counter::key(Qt::Key_Return);
    Counter::type(QStringLiteral("13773200011"));
    Counter::key(Qt::Key_Return);
    Counter::commit(QStringLiteral("江省常熟市虞山街道虞山北路100号"));
    Counter::key(Qt::Key_Return);
    REQUIRE(Counter::focus() == c.search());
    c.addDrainage();
    const Form& form = c.controller()->intake().form();
    CHECK(form.value(QStringLiteral("applicant_name")) == QStringLiteral("芳"));

    // The form's phone is another number, typed by hand; EMS is chosen.
    FormView* formView = c.view()->form();
    Counter::key(Qt::Key_F6);
    formView->editor(QStringLiteral("phone"))->setFocus();
    retype(QStringLiteral("051252001234"));
    Counter::key(Qt::Key_Tab);
    CHECK(form.value(QStringLiteral("phone")) == QStringLiteral("051252001234"));
    CHECK(formView->isMarkedEditedByHand(QStringLiteral("phone")));
    CHECK_FALSE(formView->isMarkedEditedByHand(QStringLiteral("applicant_name")));
    DeliveryView* delivery = c.view()->delivery();
    delivery->methodCombo()->setFocus();
    Counter::key(Qt::Key_2); // EMS
    REQUIRE(delivery->choice().method == Delivery::Ems);
    CHECK(delivery->field(QStringLiteral("recipient"))->text() == QStringLiteral("芳"));

    // The clerk sees it and corrects the name and the address: F2, Tab.
    Counter::key(Qt::Key_F2);
    Counter::key(Qt::Key_Tab);
    REQUIRE(Counter::focus() == c.entry()->field(QStringLiteral("name")));
    retype(QStringLiteral("王芳"));
    Counter::key(Qt::Key_Tab);
    Counter::key(Qt::Key_Tab);
    REQUIRE(Counter::focus() == c.entry()->field(QStringLiteral("address")));
    retype(QStringLiteral("江苏省常熟市虞山街道虞山北路100号"));
    Counter::key(Qt::Key_Return); // complete: confirmed again
    CHECK(Counter::focus() == c.search());

    // Every prefilled field follows; the phone typed by hand stays, marked.
    CHECK(form.value(QStringLiteral("applicant_name")) == QStringLiteral("王芳"));
    CHECK(qobject_cast<QLineEdit*>(formView->editor(QStringLiteral("applicant_name")))->text() ==
          QStringLiteral("王芳"));
    CHECK(form.value(QStringLiteral("address")) ==
          QStringLiteral("江苏省常熟市虞山街道虞山北路100号"));
    CHECK(form.value(QStringLiteral("phone")) == QStringLiteral("051252001234"));
    CHECK(formView->isMarkedEditedByHand(QStringLiteral("phone")));
    CHECK(delivery->field(QStringLiteral("recipient"))->text() == QStringLiteral("王芳"));
    CHECK(delivery->field(QStringLiteral("address"))->text() ==
          QStringLiteral("江苏省常熟市虞山街道虞山北路100号"));

    // The rest of the form, the checklist, F8.
    Counter::key(Qt::Key_F6);
    CHECK(Counter::focusName() == QStringLiteral("form_postcode"));
    Counter::type(QStringLiteral("215500"));
    Counter::key(Qt::Key_Return);
    Counter::key(Qt::Key_Return); // no shop name
    Counter::commit(QStringLiteral("常熟市虞山街道虞山北路100号"));
    Counter::key(Qt::Key_Return);
    Counter::key(Qt::Key_1);
    Counter::type(QStringLiteral("3.5"));
    Counter::key(Qt::Key_Return);
    Counter::key(Qt::Key_N);
    Counter::key(Qt::Key_F4);
    Counter::key(Qt::Key_A);
    Counter::key(Qt::Key_F8);
    REQUIRE(c.controller()->decision().has_value());
    const QString number = c.controller()->decision()->caseNumber;

    const auto stored = c.storedCase(number);
    REQUIRE(stored);
    auto applicant = ApplicantRepository(*c.store.db).findById(stored->applicantId);
    REQUIRE(applicant);
    REQUIRE(applicant->has_value());
    CHECK((*applicant)->name == QStringLiteral("王芳"));
    CHECK(stored->form.value(QStringLiteral("applicant_name")).toString() ==
          QStringLiteral("王芳"));
    CHECK(stored->form.value(QStringLiteral("phone")).toString() == QStringLiteral("051252001234"));
    CHECK(stored->delivery.recipient == QStringLiteral("王芳"));
    CHECK(stored->delivery.address == QStringLiteral("江苏省常熟市虞山街道虞山北路100号"));
    REQUIRE(c.presenter.last);
    const QString receipt = c.presenter.last->canonicalText();
    CHECK(receipt.contains(QStringLiteral("王芳")));
    CHECK_FALSE(receipt.contains(QStringLiteral("江省常熟市")));
}

TEST_CASE("Enter in the applicant's details goes to the next field, and only a complete applicant "
          "is confirmed, or with Ctrl+Enter saying what is missing")
{
    Counter c;
    QSignalSpy confirmed(c.controller(), &IntakeController::applicantConfirmed);
    readCard(c, kLiId);
    REQUIRE(Counter::focus() == c.entry()->field(QStringLiteral("name")));
    Counter::commit(QStringLiteral("李明"));
    Counter::key(Qt::Key_Return);
    CHECK(Counter::focus() == c.entry()->field(QStringLiteral("phone")));
    CHECK(confirmed.isEmpty());
    // Enter on the empty phone: on to the address, still nothing confirmed.
    Counter::key(Qt::Key_Return);
    CHECK(Counter::focus() == c.entry()->field(QStringLiteral("address")));
    // Enter on the last field with phone and address empty: what is missing is said.
    Counter::key(Qt::Key_Return);
    CHECK(confirmed.isEmpty());
    CHECK(Counter::focus() == c.entry()->field(QStringLiteral("phone")));
    const QString banner = c.view()->banner()->text();
    CHECK(banner.contains(QStringLiteral("电话")));
    CHECK(banner.contains(QStringLiteral("地址")));
    CHECK(c.view()->findChild<QLabel*>(QStringLiteral("applicantError_phone"))->isVisible());
    // What is typed next goes where the focus is, not into the item search.
    Counter::type(QStringLiteral("13773200011"));
    CHECK(c.entry()->field(QStringLiteral("phone"))->text() == QStringLiteral("13773200011"));
    CHECK(c.search()->text().isEmpty());
    // Ctrl+Enter: confirmed without the address, and the clerk is told.
    Counter::key(Qt::Key_Return, Qt::ControlModifier);
    CHECK(confirmed.size() == 1);
    CHECK(Counter::focus() == c.search());
    CHECK(c.entry()
              ->findChild<QLabel*>(QStringLiteral("applicantStatus"))
              ->text()
              .contains(QStringLiteral("地址")));
    CHECK(c.controller()->intake().applicant().phone == QStringLiteral("13773200011"));
}

TEST_CASE("the checklist's marks are undone with Ctrl+Z, several deep, and Del puts a line back "
          "as it was before its last change")
{
    Counter c;
    c.newApplicantLi();
    c.addDrainage();
    Counter::key(Qt::Key_F4);
    REQUIRE(c.checklist()->currentMaterialId() == QStringLiteral("business-licence"));
    Counter::key(Qt::Key_Space); // received, on to the drawings
    CHECK(c.materialState(QStringLiteral("business-licence")) == QStringLiteral("已收"));
    REQUIRE(c.checklist()->currentMaterialId() == QStringLiteral("drainage-drawings"));
    Counter::key(Qt::Key_3); // three copies
    Counter::key(Qt::Key_M); // then: missing after all
    CHECK(c.materialState(QStringLiteral("drainage-drawings")) == QStringLiteral("缺少"));

    // Del: the drawings back to three copies received, not to "to check".
    Counter::key(Qt::Key_Delete);
    const ChecklistLine* drawings =
        c.controller()->intake().checklist().line(QStringLiteral("drainage-drawings"));
    CHECK(drawings->state == MaterialState::Received);
    CHECK(drawings->count == 3);

    // A: the rest received; Ctrl+Z undoes that, then the copies, then the licence.
    Counter::key(Qt::Key_A);
    CHECK(c.controller()->intake().checklist().isComplete());
    Counter::key(Qt::Key_Z, Qt::ControlModifier);
    CHECK(c.materialState(QStringLiteral("concealed-works-report")) == QStringLiteral("待核"));
    CHECK(c.materialState(QStringLiteral("water-quality-report")) == QStringLiteral("待核"));
    CHECK(c.materialState(QStringLiteral("drainage-drawings")) == QStringLiteral("已收"));
    Counter::key(Qt::Key_Z, Qt::ControlModifier);
    CHECK(c.materialState(QStringLiteral("drainage-drawings")) == QStringLiteral("待核"));
    CHECK(c.materialState(QStringLiteral("business-licence")) == QStringLiteral("已收"));
    Counter::key(Qt::Key_Z, Qt::ControlModifier);
    CHECK(c.materialState(QStringLiteral("business-licence")) == QStringLiteral("待核"));
    CHECK(Counter::focus() == c.checklist());
}

TEST_CASE("F8 pressed twice, or held down, makes one case")
{
    Counter c;
    c.newApplicantLi();
    c.addDrainage();
    c.fillDrainageForm();
    Counter::key(Qt::Key_F4);
    Counter::key(Qt::Key_A);
    REQUIRE(c.controller()->intake().checklist().isComplete());
    REQUIRE(casesInStore(c) == 0);

    // Held down: the key repeats before the first press is handled.
    QWindow* window = c.window->windowHandle();
    qt_handleKeyEvent(window, QEvent::KeyPress, Qt::Key_F8, Qt::NoModifier);
    for (int i = 0; i < 5; ++i)
        qt_handleKeyEvent(window, QEvent::KeyPress, Qt::Key_F8, Qt::NoModifier, QString(), true);
    qt_handleKeyEvent(window, QEvent::KeyRelease, Qt::Key_F8, Qt::NoModifier);
    QApplication::processEvents();
    REQUIRE(c.controller()->decision().has_value());
    // And pressed again at once.
    QTest::keyClick(window, Qt::Key_F8);
    QTest::keyClick(window, Qt::Key_F8);
    CHECK(casesInStore(c) == 1);
    CHECK(c.presenter.kinds == QStringList{QStringLiteral("acceptance-receipt")});
}

TEST_CASE("Ctrl+N clears the item search as well as the intake")
{
    Counter c;
    c.newApplicantLi();
    c.addDrainage();
    Counter::type(QStringLiteral("yyzz"));
    REQUIRE_FALSE(c.search()->text().isEmpty());
    Counter::key(Qt::Key_N, Qt::ControlModifier);
    CHECK(c.search()->text().isEmpty());
    CHECK(c.controller()->intake().items().isEmpty());
    CHECK(Counter::focus() == c.entry()->idEdit());
    CHECK(c.page()->tabs()->currentWidget() == static_cast<QWidget*>(c.view()));
}

TEST_CASE("a correction taken up with Alt+T brings back the first visit's form, delivery and "
          "materials, so only what was missing is asked")
{
    Counter c;
    // The first visit: everything but the drawings, the form filled, EMS.
    QJsonObject json = scenario(QStringLiteral("scenario-3-drainage-permit-ems.json"));
    QJsonArray materials = json.value(QStringLiteral("materials")).toArray();
    materials.removeAt(1);
    json.insert(QStringLiteral("materials"), materials);
    json.insert(QStringLiteral("decision"),
                QJsonObject{{QStringLiteral("kind"), QStringLiteral("correct")}});
    auto request = IntakeRequest::fromJson(json);
    REQUIRE(request);
    IntakeService service(*c.store.db, c.catalogue, WorkCalendar::builtIn(),
                          request->context(c.context));
    auto first = request->run(service);
    REQUIRE(first);
    const QString notice = first->noticeNumber;

    // On the cases page, the notice found and Alt+T.
    c.window->showPageAt(1);
    CasesPage* cases = c.window->cases();
    c.window->casesController()->refresh();
    cases->setCurrentList(CaseList::All);
    cases->searchEdit()->setText(notice);
    REQUIRE(cases->model()->rowCount() == 1);
    cases->table()->setFocus();
    cases->table()->selectRow(0);
    REQUIRE(cases->detail()->header()->text().contains(notice));
    Counter::key(Qt::Key_T, Qt::AltModifier);
    REQUIRE(QTest::qWaitFor([&] { return c.page()->isVisible(); }));

    const Intake& intake = c.controller()->intake();
    CHECK(intake.applicant().idNumber == kLiId);
    // The form as it was left: nothing to type again.
    const QJsonObject answers = json.value(QStringLiteral("form")).toObject();
    for (auto it = answers.constBegin(); it != answers.constEnd(); ++it) {
        INFO(it.key().toStdString());
        const QString expected =
            it.value().isDouble() ? QString::number(it.value().toDouble())
            : it.value().isBool()
                ? (it.value().toBool() ? QStringLiteral("true") : QStringLiteral("false"))
                : it.value().toString();
        CHECK(intake.form().value(it.key()) == expected);
        CHECK(c.view()->form()->value(it.key()) == expected);
    }
    CHECK(intake.form().validate(QDate(2025, 3, 14)).isEmpty());
    // The delivery as chosen.
    const DeliveryChoice delivery = c.view()->delivery()->choice();
    CHECK(delivery.method == Delivery::Ems);
    CHECK(delivery.recipient == QStringLiteral("李明"));
    CHECK(delivery.postcode == QStringLiteral("215500"));
    CHECK(delivery.address == QStringLiteral("江苏省常熟市虞山街道虞山北路100号"));
    // Only the drawings are still to check, and the focus is on them.
    for (const ChecklistLine& l : intake.checklist().applicableLines())
        CHECK((l.state == MaterialState::Pending) ==
              (l.material.id == QStringLiteral("drainage-drawings")));
    CHECK(c.checklist()->currentMaterialId() == QStringLiteral("drainage-drawings"));
    Counter::key(Qt::Key_Space);
    Counter::key(Qt::Key_F8);
    REQUIRE(c.controller()->decision().has_value());
    const auto stored = c.storedCase(c.controller()->decision()->caseNumber);
    REQUIRE(stored);
    CHECK(stored->delivery.method == Delivery::Ems);
    CHECK(stored->form.value(QStringLiteral("drainage_type")).toString() == QStringLiteral("餐饮"));
}
