// The pages of the service around a case on the real main window: the
// waybill of a completed EMS case scanned on the mailing ledger (邮寄台账)
// moves the case to mailed and shows in the ledger, a mistyped one is
// refused in the banner and kept; a consultation (咨询登记) entered from the
// keyboard alone; a bad rating with its reason makes a call-back on the
// call-back page (回访), marked done there.
#include "IntakeCounter.h"
#include "cases/CaseLife.h"
#include "service/CallbackPage.h"
#include "service/ConsultationPage.h"
#include "service/MailingLedgerPage.h"
#include "service/RatingDialog.h"
#include "service/ServiceController.h"

#include <QDateEdit>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTableView>
#include <QTableWidget>

using namespace ow::uitest;

namespace {

// Scenario 3's drainage permit by EMS, accepted and completed.
QString completedEmsCase(Counter& c)
{
    auto request =
        IntakeRequest::fromJson(scenario(QStringLiteral("scenario-3-drainage-permit-ems.json")));
    REQUIRE(request.ok());
    IntakeService service(*c.store.db, c.catalogue, WorkCalendar::builtIn(),
                          request->context(c.context));
    auto decided = request->run(service);
    if (!decided)
        FAIL(decided.error().fullText().toStdString());
    CaseLifeService life(*c.store.db, Session::system(), c.context.place(), c.clock);
    REQUIRE(life.forward(decided->caseNumber, QStringLiteral("市水务局")).ok());
    REQUIRE(life.approve(decided->caseNumber).ok());
    REQUIRE(life.complete(decided->caseNumber).ok());
    return decided->caseNumber;
}

int pageIndex(QWidget* page)
{
    auto* stack = qobject_cast<QStackedWidget*>(page->parentWidget());
    REQUIRE(stack != nullptr);
    return stack->indexOf(page);
}

QString s10(const QString& serial)
{
    static const int w[] = {8, 6, 4, 2, 3, 5, 9, 7};
    int sum = 0;
    for (int i = 0; i < 8; ++i)
        sum += (serial[i].unicode() - u'0') * w[i];
    const int check = 11 - sum % 11;
    return QStringLiteral("EA") + serial +
           QString::number(check == 10   ? 0
                           : check == 11 ? 5
                                         : check) +
           QStringLiteral("CN");
}

// Chinese text arrives from the input method as one committed string.
void commitTo(QWidget* w, const QString& text)
{
    REQUIRE(w != nullptr);
    QInputMethodEvent event;
    event.setCommitString(text);
    QApplication::sendEvent(w, &event);
}

} // namespace

TEST_CASE("mailing ledger page: a waybill scanned for a completed EMS case mails it and shows "
          "in the ledger",
          "[ui][service]")
{
    Counter c;
    c.window->service()->setPresenter(&c.presenter);
    const QString number = completedEmsCase(c);
    auto* page = c.window->findChild<MailingLedgerPage*>(QStringLiteral("mailingLedgerPage"));
    REQUIRE(page != nullptr);
    page->refresh();
    c.window->showPageAt(pageIndex(page));
    REQUIRE(page->isVisible());
    auto* table = page->findChild<QTableView*>(QStringLiteral("mailingTable"));
    QAbstractItemModelTester tester(table->model(),
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    CHECK(table->model()->rowCount() == 0);
    auto* cases = page->findChild<QComboBox*>(QStringLiteral("mailingCase"));
    REQUIRE(cases->findText(number) >= 0);
    cases->setCurrentText(number);

    // A misread check digit: refused in the banner, the number kept for correction.
    auto* waybill = page->findChild<QLineEdit*>(QStringLiteral("waybillEdit"));
    auto* banner = page->findChild<QLabel*>(QStringLiteral("mailingBanner"));
    const QString good = s10(QStringLiteral("31415926"));
    QString bad = good;
    bad[10] = QChar(u'0' + (bad[10].digitValue() + 1) % 10);
    waybill->setFocus();
    QTest::keyClicks(waybill, bad);
    QTest::keyClick(waybill, Qt::Key_Return);
    CHECK(banner->isVisible());
    CHECK(banner->text().contains(bad));
    CHECK(waybill->text() == bad);
    CHECK(table->model()->rowCount() == 0);

    // The scanner types the number and Enter.
    waybill->clear();
    QTest::keyClicks(waybill, good.toLower());
    QTest::keyClick(waybill, Qt::Key_Return);
    INFO(banner->text().toStdString());
    CHECK(waybill->text().isEmpty());
    REQUIRE(table->model()->rowCount() == 1);
    CHECK(table->model()->index(0, 0).data().toString() == good);
    CHECK(table->model()->index(0, 1).data().toString() == number);
    CHECK(table->model()->index(0, 5).data().toString() ==
          mailingStateName(QStringLiteral("sent")));
    CHECK(CaseRepository(*c.store.db).findByNumber(number)->value().status == CaseStatus::Mailed);
    CHECK(cases->findText(number) < 0); // no longer waiting for its waybill
    // No slip was printed yet: its preview comes up with the waybill recorded.
    REQUIRE(c.presenter.kinds.size() == 1);
    CHECK(c.presenter.kinds.last() == QStringLiteral("ems-slip"));
    CHECK(c.presenter.lastRef.reference == good);

    // Chosen in the ledger, a follow-up call logged by keyboard.
    table->selectRow(0);
    auto* note = page->findChild<QLineEdit*>(QStringLiteral("mailingNote"));
    note->setFocus();
    commitTo(note, QStringLiteral("已联系收件人，许可证已收到"));
    QTest::keyClick(note, Qt::Key_Return);
    REQUIRE(page->shown().size() == 1);
    CHECK(page->shown().first().followups.size() == 1);
    // The search finds it by the recipient's name.
    auto* search = page->findChild<QLineEdit*>(QStringLiteral("mailingSearch"));
    commitTo(search, QStringLiteral("李明"));
    CHECK(table->model()->rowCount() == 1);
    QTest::keyClicks(search, QStringLiteral("X"));
    CHECK(table->model()->rowCount() == 0);
}

TEST_CASE("consultation page: a phone consultation entered from the keyboard alone",
          "[ui][service]")
{
    Counter c;
    auto* page = c.window->findChild<ConsultationPage*>(QStringLiteral("consultationPage"));
    REQUIRE(page != nullptr);
    c.window->showPageAt(pageIndex(page));
    auto* channel = page->findChild<QComboBox*>(QStringLiteral("consultChannel"));
    REQUIRE(Counter::focus() == channel);
    QTest::keyClick(channel, Qt::Key_Down); // by phone
    CHECK(channel->currentData().toString() == QStringLiteral("phone"));
    QTest::keyClick(Counter::focus(), Qt::Key_Tab);
    commitTo(Counter::focus(), QStringLiteral("周阿姨"));
    QTest::keyClick(Counter::focus(), Qt::Key_Tab);
    QTest::keyClicks(Counter::focus(), QStringLiteral("13912345678"));
    QTest::keyClick(Counter::focus(), Qt::Key_Tab);
    // Ctrl+Enter with the topic still empty: refused, the focus on the topic.
    QTest::keyClick(Counter::focus(), Qt::Key_Return, Qt::ControlModifier);
    auto* topic = page->findChild<QLineEdit*>(QStringLiteral("consultTopic"));
    CHECK(Counter::focus() == topic);
    CHECK(page->findChild<QLabel*>(QStringLiteral("consultBanner"))->isVisible());
    CHECK(page->shownCount() == 0);
    commitTo(topic, QStringLiteral("医疗救助怎么申请"));
    QTest::keyClick(Counter::focus(), Qt::Key_Tab);
    QTest::keyClicks(Counter::focus(), QStringLiteral("YBJ-JF-001"));
    QTest::keyClick(Counter::focus(), Qt::Key_Tab);
    REQUIRE(Counter::focus() == page->findChild<QPlainTextEdit*>(QStringLiteral("consultAnswer")));
    commitTo(Counter::focus(), QStringLiteral("告知所需材料"));
    QTest::keyClick(Counter::focus(), Qt::Key_Tab);
    REQUIRE(Counter::focus() == page->findChild<QCheckBox*>(QStringLiteral("consultNotice")));
    QTest::keyClick(Counter::focus(), Qt::Key_Space);
    QTest::keyClick(Counter::focus(), Qt::Key_Return, Qt::ControlModifier);

    CHECK(page->shownCount() == 1);
    CHECK(Counter::focus() == channel); // ready for the next one
    CHECK(topic->text().isEmpty());
    QSqlQuery q = c.store.db->query();
    REQUIRE(q.exec(QStringLiteral("SELECT channel, asker_name, asker_phone, topic, item_codes, "
                                  "answer, notice_given, clerk, site_code FROM consultation")));
    REQUIRE(q.next());
    CHECK(q.value(0).toString() == QStringLiteral("phone"));
    CHECK(q.value(1).toString() == QStringLiteral("周阿姨"));
    CHECK(q.value(2).toString() == QStringLiteral("13912345678"));
    CHECK(q.value(3).toString() == QStringLiteral("医疗救助怎么申请"));
    CHECK(q.value(4).toString() == QStringLiteral("[\"YBJ-JF-001\"]"));
    CHECK(q.value(5).toString() == QStringLiteral("告知所需材料"));
    CHECK(q.value(6).toInt() == 1);
    CHECK(q.value(7).toString() == QStringLiteral("周文"));
    CHECK(q.value(8).toString() == QStringLiteral("320581001"));
    CHECK_FALSE(q.next());
}

TEST_CASE("call-back page: a bad rating with its reason makes a call-back, marked done there",
          "[ui][service]")
{
    Counter c;
    const QString number = completedEmsCase(c);
    ServiceController* service = c.window->service();
    service->setCurrentCase(number);
    RatingDialog dialog(*service, service->currentCase(), c.window.get());
    dialog.show();
    QTest::keyClick(&dialog, Qt::Key_2);
    CHECK(dialog.grade() == 2);
    CHECK_FALSE(dialog.submit()); // the reason is missing
    CHECK(dialog.findChild<QLabel*>(QStringLiteral("ratingBanner"))->isVisible());
    commitTo(dialog.findChild<QLineEdit*>(QStringLiteral("ratingReason")),
             QStringLiteral("等候时间太长"));
    REQUIRE(dialog.submit());

    auto* page = c.window->findChild<CallbackPage*>(QStringLiteral("callbackPage"));
    REQUIRE(page != nullptr);
    c.window->showPageAt(pageIndex(page));
    REQUIRE(page->shown().size() == 1);
    CHECK(page->shown().first().kind == QStringLiteral("rating"));
    CHECK(page->shown().first().caseNumber == number);
    page->select(0);
    auto* result = page->findChild<QLineEdit*>(QStringLiteral("callbackResult"));
    QTest::keyClick(result, Qt::Key_Return); // without a result: refused
    CHECK(page->shown().size() == 1);
    result->setFocus();
    commitTo(result, QStringLiteral("已致歉，说明高峰时段可预约"));
    QTest::keyClick(result, Qt::Key_Return);
    CHECK(page->shown().isEmpty());
}
