// The case pages (办件): the lists hold the cases decided at the counter,
// due soon and overdue counted on working days, the search finds a case by
// number, ID number or name (a name with an Extension B character
// included), and a case opened shows its history and its documents, with a
// reprint that the journal records as a copy, and its next legal moves as
// buttons a signed-in clerk presses from the keyboard.
#include "cases/CasesPage.h"

#include "../core/DocumentFixtures.h"
#include "IntakeCounter.h"
#include "auth/AuthService.h"
#include "cases/CaseActionDialog.h"
#include "cases/CaseLife.h"
#include "cases/CaseListModel.h"
#include "cases/CaseQuery.h"
#include "cases/CasesController.h"
#include "documents/Masking.h"
#include "service/MailingLedgerPage.h"

#include <QListWidget>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>

using namespace ow::uitest;
using namespace ow::doctest;

namespace {

// With OW_SCREENSHOT_DIR set, the window as the clerk sees it, saved there.
void saveScreenshot(QWidget& window, const QString& name)
{
    const QString shots = qEnvironmentVariable("OW_SCREENSHOT_DIR");
    if (shots.isEmpty())
        return;
    for (int i = 0; i < 5; ++i)
        QApplication::processEvents();
    CHECK(window.grab().save(shots + QLatin1Char('/') + name));
}

// A resident ID number with its GB 11643 check character.
QString residentId(const QString& first17)
{
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; ++i)
        sum += first17.at(i).digitValue() * weights[i];
    return first17 + QStringLiteral("10X98765432").at(sum % 11);
}

// The intake request `json` decided at the counter at `when`.
Decision decide(Counter& c, const QJsonObject& json, const QDateTime& when)
{
    auto request = IntakeRequest::fromJson(json);
    if (!request)
        FAIL(request.error().fullText().toStdString());
    FixedClock clock(when);
    IntakeContext context = c.context;
    context.clock = &clock;
    IntakeService service(*c.store.db, c.catalogue, WorkCalendar::builtIn(),
                          request->context(context));
    auto decided = request->run(service);
    if (!decided)
        FAIL(decided.error().fullText().toStdString());
    return *decided;
}

// Scenario 3 (the drainage permit, by EMS) for another applicant, decided
// by `clerk` at `when`: accepted, or a correction when `missing` names a
// material not brought.
Decision drainage(Counter& c, const QString& name, const QString& id, const QString& clerk,
                  const QDateTime& when, const QString& missing = {}, bool pickup = false)
{
    QJsonObject json = scenario(QStringLiteral("scenario-3-drainage-permit-ems.json"));
    QJsonObject applicant = json.value(QStringLiteral("applicant")).toObject();
    applicant.insert(QStringLiteral("name"), name);
    applicant.insert(QStringLiteral("idNumber"), id);
    json.insert(QStringLiteral("applicant"), applicant);
    QJsonObject delivery = json.value(QStringLiteral("delivery")).toObject();
    delivery.insert(QStringLiteral("recipient"), name);
    json.insert(QStringLiteral("delivery"), delivery);
    if (pickup)
        json.insert(QStringLiteral("delivery"),
                    QJsonObject{{QStringLiteral("method"), QStringLiteral("pickup")}});
    json.insert(QStringLiteral("clerk"), clerk);
    if (!missing.isEmpty()) {
        QJsonArray materials = json.value(QStringLiteral("materials")).toArray();
        for (int i = 0; i < materials.size(); ++i) {
            QJsonObject m = materials.at(i).toObject();
            if (m.value(QStringLiteral("id")).toString() == missing)
                materials.replace(
                    i, QJsonObject{{QStringLiteral("id"), missing},
                                   {QStringLiteral("state"), QStringLiteral("missing")}});
        }
        json.insert(QStringLiteral("materials"), materials);
        json.insert(QStringLiteral("decision"),
                    QJsonObject{{QStringLiteral("kind"), QStringLiteral("correct")}});
    }
    return decide(c, json, when);
}

QDateTime beijing(int y, int m, int d, int h = 10)
{
    return QDateTime(QDate(y, m, d), QTime(h, 0), QTimeZone(8 * 3600));
}

// The counter's cases: decided on Friday 14 March 2025 and before.
struct CaseCounter
{
    CaseCounter()
    {
        // Today, by this clerk: promised Friday the 21st, five working days on.
        today = drainage(c, QStringLiteral("李明"), kLiId, QStringLiteral("周文"),
                         beijing(2025, 3, 14, 9));
        // A week ago, by this clerk, for 王𠮷 (𠮷: U+20BB7, Extension B):
        // promised today, so due soon.
        dueToday =
            drainage(c, QStringLiteral("王𠮷"), residentId(QStringLiteral("32058119800101123")),
                     QStringLiteral("周文"), beijing(2025, 3, 7));
        // By a colleague on Monday the 3rd: promised the 10th, overdue.
        overdue =
            drainage(c, QStringLiteral("陈小红"), residentId(QStringLiteral("32058119851212204")),
                     QStringLiteral("孙磊"), beijing(2025, 3, 3));
        // Today, by a colleague: the drawings are missing, a correction.
        correction = drainage(
            c, QStringLiteral("赵强"), residentId(QStringLiteral("32058119900505301")),
            QStringLiteral("孙磊"), beijing(2025, 3, 14, 8), QStringLiteral("drainage-drawings"));
        REQUIRE(today.promisedDate == QDate(2025, 3, 21));
        REQUIRE(dueToday.promisedDate == QDate(2025, 3, 14));
        REQUIRE(overdue.promisedDate == QDate(2025, 3, 10));
        REQUIRE(correction.kind == DecisionKind::Correct);
        c.window->showPageAt(1);
        REQUIRE(c.window->cases()->isVisible());
    }

    CasesPage* page() const { return c.window->cases(); }
    // The numbers listed by `list` with the search `text`.
    QStringList listed(CaseList list, const QString& text = {}) const
    {
        page()->setCurrentList(list);
        page()->searchEdit()->setText(text);
        QStringList out;
        for (const CaseRow& r : page()->model()->rows())
            out << r.number();
        return out;
    }

    Counter c;
    Decision today, dueToday, overdue, correction;
};

} // namespace

TEST_CASE("the case lists hold the right cases, due soon and overdue on working days")
{
    CaseCounter cc;
    const QString a = cc.today.caseNumber;
    const QString b = cc.dueToday.caseNumber;
    const QString o = cc.overdue.caseNumber;
    const QString k = cc.correction.noticeNumber;

    CHECK(cc.listed(CaseList::Today) == QStringList{a, k}); // newest first
    CHECK(cc.listed(CaseList::Mine) == QStringList{a, b});
    CHECK(cc.listed(CaseList::AwaitingCorrection) == QStringList{k});
    CHECK(cc.listed(CaseList::InProgress) == QStringList{a, b, o});
    CHECK(cc.listed(CaseList::DueSoon) == QStringList{b});
    CHECK(cc.listed(CaseList::Overdue) == QStringList{o});
    CHECK(cc.listed(CaseList::AwaitingPickup).isEmpty());
    CHECK(cc.listed(CaseList::All).size() == 4);

    // The rows carry the legal clock: today's case is yellow, the overdue red.
    cc.listed(CaseList::InProgress);
    const CaseListModel* model = cc.page()->model();
    const auto rowOf = [&](const QString& number) {
        for (int i = 0; i < model->rowCount(); ++i)
            if (model->rowAt(i)->number() == number)
                return i;
        return -1;
    };
    REQUIRE(rowOf(o) >= 0);
    CHECK(model->rowAt(rowOf(o))->urgency == Urgency::Overdue);
    CHECK(model->rowAt(rowOf(o))->workingDaysLeft == -4); // the 10th to the 14th
    CHECK(model->rowAt(rowOf(b))->urgency == Urgency::DueSoon);
    CHECK(model->index(rowOf(b), CaseListModel::DaysLeft).data().toString() ==
          QStringLiteral("今日到期"));
    CHECK(model->rowAt(rowOf(a))->urgency == Urgency::None);
    CHECK(model->rowAt(rowOf(a))->workingDaysLeft == 5);
    CHECK(model->index(rowOf(o), CaseListModel::DaysLeft)
              .data()
              .toString()
              .contains(QStringLiteral("超期")));
    CHECK(model->index(rowOf(b), 0).data(Qt::BackgroundRole).isValid());
    CHECK_FALSE(model->index(rowOf(a), 0).data(Qt::BackgroundRole).isValid());
    // The list counts are on the left; the status bar warns of both.
    CHECK(cc.page()->lists()->item(5)->text().contains(QStringLiteral("(1)")));
    const auto* deadlines = cc.c.window->findChild<QLabel*>(QStringLiteral("statusDeadlines"));
    REQUIRE(deadlines);
    CHECK(deadlines->text().contains(QStringLiteral("已超期 1")));
    CHECK(deadlines->text().contains(QStringLiteral("即将到期 1")));

    // The yellow threshold: at 5 working days today's case is due soon too;
    // the setting is kept for the next start.
    cc.page()->dueSoonDays()->setValue(5);
    CHECK(cc.listed(CaseList::DueSoon) == QStringList{b, a});
    CHECK(QSettings().value(QStringLiteral("cases/dueSoonWorkingDays")).toInt() == 5);
    cc.page()->dueSoonDays()->setValue(2);
    CHECK(cc.listed(CaseList::DueSoon) == QStringList{b});

    // The status filter narrows the list.
    QComboBox* status = cc.page()->statusFilter();
    status->setCurrentIndex(status->findData(QStringLiteral("correction_requested")));
    CHECK(cc.listed(CaseList::All) == QStringList{k});
    status->setCurrentIndex(0);

    if (const QString shots = qEnvironmentVariable("OW_SCREENSHOT_DIR"); !shots.isEmpty()) {
        cc.listed(CaseList::InProgress);
        cc.page()->table()->selectRow(rowOf(b));
        for (int i = 0; i < 5; ++i)
            QApplication::processEvents();
        CHECK(cc.c.window->grab().save(shots + QStringLiteral("/cases.png")));
    }
}

TEST_CASE("the case search finds a case by number, ID number and a name with a rare character")
{
    CaseCounter cc;
    const QString b = cc.dueToday.caseNumber;
    // 𠮷 is one character of two UTF-16 units: the whole name and the
    // rare character alone both find 王𠮷's case.
    CHECK(cc.listed(CaseList::All, QStringLiteral("王𠮷")) == QStringList{b});
    CHECK(cc.listed(CaseList::All, QStringLiteral("𠮷")) == QStringList{b});
    CHECK(cc.listed(CaseList::All, QStringLiteral("王吉")).isEmpty());
    cc.listed(CaseList::All, QStringLiteral("𠮷"));
    CHECK(cc.page()
              ->model()
              ->index(0, CaseListModel::Applicant)
              .data()
              .toString()
              .startsWith(QStringLiteral("王𠮷")));
    // By ID number, whole; by case number, whole or its start.
    CHECK(cc.listed(CaseList::All, kLiId) == QStringList{cc.today.caseNumber});
    CHECK(cc.listed(CaseList::All, b) == QStringList{b});
    CHECK(cc.listed(CaseList::All, QStringLiteral("320581001-20250307")) == QStringList{b});
    // By the correction notice's number.
    CHECK(cc.listed(CaseList::All, cc.correction.noticeNumber) ==
          QStringList{cc.correction.noticeNumber});
    // A search within a list stays within it; wildcards are plain text.
    CHECK(cc.listed(CaseList::Overdue, QStringLiteral("王𠮷")).isEmpty());
    CHECK(cc.listed(CaseList::All, QStringLiteral("%")).isEmpty());
}

TEST_CASE("a case opened shows its history and documents, and a reprint is a copy in the journal")
{
    CaseCounter cc;
    const QString number = cc.dueToday.caseNumber;
    DocumentPrinting& printing = cc.c.window->printing();
    // The receipt was printed at the decision (through the journal).
    auto receipt = printing.documents().forCase(DocumentKind::AcceptanceReceipt, number);
    REQUIRE(receipt);
    const QString first = cc.c.store.dir.filePath(QStringLiteral("receipt.pdf"));
    REQUIRE(printing.exportPdf(*receipt, first));

    REQUIRE(cc.listed(CaseList::All, number) == QStringList{number});
    cc.page()->table()->selectRow(0);
    CaseDetailView* detail = cc.page()->detail();
    CHECK(detail->header()->text().contains(number));
    CHECK(detail->header()->text().contains(QStringLiteral("王𠮷")));
    REQUIRE(detail->history()->rowCount() == 1);
    CHECK(detail->history()->item(0, 2)->text() == displayName(CaseStatus::Accepted));
    CHECK(detail->history()->item(0, 3)->text().contains(QStringLiteral("周文")));
    REQUIRE(detail->documents()->rowCount() == 1);
    CHECK(detail->documents()->item(0, 1)->text() == displayName(DocumentKind::AcceptanceReceipt));
    CHECK(detail->documents()->item(0, 3)->text() == QStringLiteral("原件"));

    // Reprint: the program's own preview shows the copy mark; Ctrl+P prints it.
    cc.c.window->casesController()->setPresenter(nullptr);
    detail->documents()->selectRow(0);
    REQUIRE(detail->reprintButton()->isEnabled());
    QTest::mouseClick(detail->reprintButton(), Qt::LeftButton);
    DocumentPreviewDialog* preview = nullptr;
    for (QWidget* w : QApplication::topLevelWidgets())
        if (auto* d = qobject_cast<DocumentPreviewDialog*>(w); d && d->isVisible())
            preview = d;
    REQUIRE(preview);
    CHECK(preview->ref().subject == number);
    CHECK(preview->copyNumber() == 1);
    const QString copyPdf = cc.c.store.dir.filePath(QStringLiteral("copy.pdf"));
    preview->printer()->setOutputFileName(copyPdf);
    REQUIRE(QTest::qWaitFor([&] { return QApplication::activeWindow() == preview; }));
    QTest::keyClick(preview, Qt::Key_P, Qt::ControlModifier);
    CHECK(QApplication::activeModalWidget() == nullptr);

    auto entries = printing.journal().entriesOf(number);
    REQUIRE(entries);
    REQUIRE(entries->size() == 2);
    CHECK(entries->at(1).copyNo == 1);
    CHECK(entries->at(1).kind == DocumentKind::AcceptanceReceipt);
    CHECK(entries->at(1).place.clerk == QStringLiteral("周文"));
    CHECK(squeezed(pdfText(copyPdf)).contains(squeezed(Document::copyMark())));
    // The case page shows the copy once it is read again.
    cc.c.window->casesController()->refresh();
    REQUIRE(detail->documents()->rowCount() == 2);
    CHECK(detail->documents()->item(1, 3)->text() == QStringLiteral("副本 1"));
}

TEST_CASE("Ctrl+R reprints the chosen document as a copy, from the case list too, and after "
          "the page was shown again")
{
    CaseCounter cc;
    const QString number = cc.today.caseNumber;
    DocumentPrinting& printing = cc.c.window->printing();
    auto receipt = printing.documents().forCase(DocumentKind::AcceptanceReceipt, number);
    REQUIRE(receipt);
    REQUIRE(printing.exportPdf(*receipt, cc.c.store.dir.filePath(QStringLiteral("receipt.pdf"))));
    RecordingPresenter presenter;
    cc.c.window->casesController()->setPresenter(&presenter);

    // The case found and chosen from the keyboard; its receipt is chosen.
    cc.page()->setCurrentList(CaseList::All);
    cc.page()->searchEdit()->setFocus();
    QTest::keyClicks(cc.page()->searchEdit(), number);
    REQUIRE(cc.page()->model()->rowCount() == 1);
    cc.page()->table()->setFocus();
    Counter::key(Qt::Key_Down);
    CaseDetailView* detail = cc.page()->detail();
    REQUIRE(detail->header()->text().contains(number));
    REQUIRE(detail->documents()->rowCount() == 1);
    CHECK(detail->reprintButton()->isEnabled());

    // Another page and back: the case is read again, the receipt still chosen.
    Counter::key(Qt::Key_1, Qt::ControlModifier);
    Counter::key(Qt::Key_2, Qt::ControlModifier);
    REQUIRE(cc.page()->isVisible());
    REQUIRE(detail->header()->text().contains(number));
    CHECK(detail->reprintButton()->isEnabled());

    // Ctrl+R with the keyboard in the case list.
    cc.page()->table()->setFocus();
    Counter::key(Qt::Key_R, Qt::ControlModifier);
    REQUIRE(presenter.kinds.size() == 1);
    CHECK(presenter.kinds.first() == QStringLiteral("acceptance-receipt"));
    CHECK(presenter.lastRef.subject == number);
    // And from the documents.
    detail->documents()->setFocus();
    Counter::key(Qt::Key_R, Qt::ControlModifier);
    CHECK(presenter.kinds.size() == 2);
}

namespace {

// 周文 (zhouwen) signed in as a clerk: no supervisor, no item to decide at the window.
Session clerkSignedIn(Database& db, const Clock& clock)
{
    AuthService auth(db, clock);
    NewUser admin{
        QStringLiteral("admin"), QStringLiteral("陈管理"), Role::Administrator, {}, {}, {}};
    REQUIRE(auth.createFirstAdministrator(admin, QStringLiteral("Admin-pass-2025")).ok());
    const auto as = auth.signIn(QStringLiteral("admin"), QStringLiteral("Admin-pass-2025"));
    REQUIRE(as.ok());
    NewUser clerk{QStringLiteral("zhouwen"), QStringLiteral("周文"), Role::Clerk, {}, {}, {}};
    REQUIRE(auth.addUser(*as, clerk, QStringLiteral("Clerk-pass-2025")).ok());
    const auto session = auth.signIn(QStringLiteral("zhouwen"), QStringLiteral("Clerk-pass-2025"));
    REQUIRE(session.ok());
    return *session;
}

const QString kWangId = residentId(QStringLiteral("32058119800101123"));

// The counter with the clerk signed in, and two drainage permits accepted
// this morning: 李明's by EMS, 王芳's to be picked up at the window.
struct ActionCounter
{
    ActionCounter()
    {
        ems = drainage(c, QStringLiteral("李明"), kLiId, QStringLiteral("周文"),
                       beijing(2025, 3, 14, 9));
        pickup = drainage(c, QStringLiteral("王芳"), kWangId, QStringLiteral("周文"),
                          beijing(2025, 3, 14, 9), {}, true);
        REQUIRE(ems.kind == DecisionKind::Accept);
        REQUIRE(pickup.kind == DecisionKind::Accept);
        c.window->showPageAt(1);
        controller()->refresh();
    }

    CasesPage* page() const { return c.window->cases(); }
    CasesController* controller() const { return c.window->casesController(); }
    CaseDetailView* detail() const { return page()->detail(); }
    // The case found by its number and chosen in the list; the focus in the list.
    void open(const QString& number) const
    {
        page()->setCurrentList(CaseList::All);
        page()->searchEdit()->setText(number);
        REQUIRE(page()->model()->rowCount() == 1);
        page()->table()->setFocus();
        page()->table()->selectRow(0);
        REQUIRE(detail()->header()->text().contains(number));
    }
    // Alt+<key>: the mnemonic of the action's button (a button clicks
    // itself a moment after its mnemonic); the dialog it opens, if any.
    CaseActionDialog* press(CaseAction action, Qt::Key key) const
    {
        QPushButton* b = detail()->actionButton(action);
        REQUIRE(b);
        Counter::key(key, Qt::AltModifier);
        if (b->isDown())
            REQUIRE(QTest::qWaitFor([b] { return !b->isDown(); }));
        CaseActionDialog* d = controller()->dialog();
        if (d) {
            REQUIRE(QTest::qWaitForWindowActive(d));
            REQUIRE(d->isVisible());
        }
        return d;
    }
    // Waits for the dialog to close (it deletes itself) and the window to
    // have the keyboard again.
    void closed(const QPointer<CaseActionDialog>& d) const
    {
        REQUIRE(QTest::qWaitFor([&] { return d.isNull() || !d->isVisible(); }));
        c.window->activateWindow();
        REQUIRE(QTest::qWaitForWindowActive(c.window.get()));
    }
    CaseStatus status(const QString& number) const { return c.storedCase(number)->status; }
    QString listText(CaseList list) const
    {
        return page()->lists()->item(int(CasesPage::allLists().indexOf(list)))->text();
    }

    Counter c{QDateTime(QDate(2025, 3, 14), QTime(9, 30), QTimeZone(8 * 3600)), clerkSignedIn};
    Decision ems, pickup;
};

} // namespace

TEST_CASE("an accepted case offers exactly its legal next moves, those the clerk may not do "
          "disabled with the reason")
{
    ActionCounter ac;
    ac.open(ac.pickup.caseNumber);
    // Accepted, promised in 5 working days: forwarded, approved or refused,
    // withdrawn (nextStatuses), and the legal clock may be paused.
    CHECK(nextStatuses(CaseStatus::Accepted, false) ==
          QList<CaseStatus>{CaseStatus::Forwarded, CaseStatus::Approved, CaseStatus::Refused,
                            CaseStatus::Withdrawn});
    CHECK(ac.detail()->shownActions() == QList<CaseAction>{CaseAction::Forward, CaseAction::Approve,
                                                           CaseAction::Refuse, CaseAction::Withdraw,
                                                           CaseAction::PauseCorrection,
                                                           CaseAction::PauseSpecial});
    for (CaseAction a : {CaseAction::Complete, CaseAction::AwaitPickup, CaseAction::HandOver,
                         CaseAction::Mailing, CaseAction::ResumeClock})
        CHECK(ac.detail()->actionButton(a)->isHidden());
    CHECK(ac.detail()->actionButton(CaseAction::Forward)->isEnabled());
    CHECK(ac.detail()->actionButton(CaseAction::Withdraw)->isEnabled());
    CHECK(ac.detail()->actionButton(CaseAction::PauseCorrection)->isEnabled());

    // A special procedure takes the supervisor: shown, disabled, and why.
    QPushButton* special = ac.detail()->actionButton(CaseAction::PauseSpecial);
    CHECK_FALSE(special->isEnabled());
    CHECK(special->toolTip().contains(QStringLiteral("周文")));
    CHECK(special->toolTip().contains(displayName(Role::Supervisor)));
    // Deciding at the window takes the authority for the item.
    QPushButton* approve = ac.detail()->actionButton(CaseAction::Approve);
    CHECK_FALSE(approve->isEnabled());
    CHECK(approve->toolTip().contains(kDrainage));
    CHECK_FALSE(ac.detail()->actionButton(CaseAction::Refuse)->isEnabled());

    saveScreenshot(*ac.c.window, QStringLiteral("case-actions.png"));

    // Its mnemonic does nothing while disabled; the core refuses it anyway.
    CHECK(ac.press(CaseAction::PauseSpecial, Qt::Key_S) == nullptr);
    auto refused = ac.controller()->perform(ac.pickup.caseNumber, CaseAction::PauseSpecial,
                                            {{}, QStringLiteral("专家评审"), {}, {}, {}});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == Error::Kind::Forbidden);
    auto progress = CaseLifeService(*ac.c.store.db, Session::system(), {})
                        .progress(ac.c.storedCase(ac.pickup.caseNumber)->id);
    REQUIRE(progress.ok());
    CHECK(progress->pauses.isEmpty());
}

TEST_CASE("forwarding by the keyboard moves the case and its history shows the new row")
{
    ActionCounter ac;
    const QString number = ac.ems.caseNumber;
    ac.open(number);
    REQUIRE(ac.detail()->history()->rowCount() == 1);

    // Alt+F: the department asked for, the item's own suggested and
    // selected; an empty one is refused, naming the field.
    QPointer<CaseActionDialog> d = ac.press(CaseAction::Forward, Qt::Key_F);
    REQUIRE(d);
    CHECK(d->action() == CaseAction::Forward);
    CHECK(Counter::focus() == d->departmentEdit());
    CHECK(d->departmentEdit()->selectedText() == QStringLiteral("市水务局"));
    Counter::key(Qt::Key_Backspace);
    CHECK(d->departmentEdit()->text().isEmpty());
    Counter::key(Qt::Key_Return);
    REQUIRE(d->isVisible());
    CHECK(d->banner()->isVisible());
    CHECK(d->banner()->text().contains(QStringLiteral("部门")));
    CHECK(ac.status(number) == CaseStatus::Accepted);

    Counter::commit(QStringLiteral("市水务局排水管理处"));
    Counter::key(Qt::Key_Return);
    ac.closed(d);
    CHECK(ac.status(number) == CaseStatus::Forwarded);
    QTableWidget* history = ac.detail()->history();
    REQUIRE(history->rowCount() == 2);
    CHECK(history->item(1, 1)->text() == displayName(CaseStatus::Accepted));
    CHECK(history->item(1, 2)->text() == displayName(CaseStatus::Forwarded));
    CHECK(history->item(1, 3)->text().contains(QStringLiteral("周文")));
    CHECK(history->item(1, 4)->text().contains(QStringLiteral("市水务局排水管理处")));
    CHECK(ac.detail()->outcome()->text().contains(number));
    // The list shows the new status; the moves are those of a forwarded case.
    const int row = ac.page()->model()->rowOf(ac.c.storedCase(number)->id);
    REQUIRE(row >= 0);
    CHECK(ac.page()->model()->rowAt(row)->status == CaseStatus::Forwarded);
    CHECK(ac.detail()->shownActions() ==
          QList<CaseAction>{CaseAction::Approve, CaseAction::Refuse, CaseAction::Withdraw,
                            CaseAction::PauseCorrection, CaseAction::PauseSpecial});
    // The department's result is the clerk's to record.
    CHECK(ac.detail()->actionButton(CaseAction::Approve)->isEnabled());
}

TEST_CASE("a hand-over to a wrong ID is refused naming the ID and changes nothing")
{
    ActionCounter ac;
    const QString number = ac.pickup.caseNumber;
    ac.open(number);
    CHECK(ac.listText(CaseList::InProgress).contains(QStringLiteral("(2)")));

    // Forwarded, the department's approval recorded, completed, put out for
    // pick-up: each from the keyboard, the counts read again after each.
    QPointer<CaseActionDialog> d = ac.press(CaseAction::Forward, Qt::Key_F);
    REQUIRE(d);
    Counter::commit(QStringLiteral("市水务局"));
    Counter::key(Qt::Key_Return);
    ac.closed(d);
    d = ac.press(CaseAction::Approve, Qt::Key_A);
    REQUIRE(d);
    Counter::key(Qt::Key_Return);
    ac.closed(d);
    CHECK(ac.status(number) == CaseStatus::Approved);
    // Until completed the legal clock runs, and may be paused.
    CHECK(ac.detail()->shownActions() == QList<CaseAction>{CaseAction::Complete,
                                                           CaseAction::PauseCorrection,
                                                           CaseAction::PauseSpecial});
    CHECK(ac.press(CaseAction::Complete, Qt::Key_C) == nullptr);
    CHECK(ac.status(number) == CaseStatus::Completed);
    CHECK(ac.listText(CaseList::InProgress).contains(QStringLiteral("(1)")));
    CHECK(ac.detail()->shownActions() ==
          QList<CaseAction>{CaseAction::AwaitPickup, CaseAction::HandOver});
    CHECK(ac.press(CaseAction::AwaitPickup, Qt::Key_P) == nullptr);
    CHECK(ac.status(number) == CaseStatus::AwaitingPickup);
    CHECK(ac.listText(CaseList::AwaitingPickup).contains(QStringLiteral("(1)")));
    CHECK(ac.detail()->shownActions() == QList<CaseAction>{CaseAction::HandOver});
    const int rows = ac.detail()->history()->rowCount();
    CHECK(rows == 5);

    // Someone else's valid ID, not recorded as authorised.
    const QString other = residentId(QStringLiteral("32058119851212204"));
    d = ac.press(CaseAction::HandOver, Qt::Key_H);
    REQUIRE(d);
    CHECK(Counter::focus() == d->collectorNameEdit());
    Counter::commit(QStringLiteral("李四"));
    Counter::key(Qt::Key_Tab);
    CHECK(Counter::focus() == d->collectorIdEdit());
    Counter::type(other);
    Counter::key(Qt::Key_Return);
    REQUIRE(d->isVisible());
    const QString said = d->banner()->text();
    CHECK(said.contains(maskIdNumber(other)));
    CHECK(said.contains(number));
    CHECK(said.startsWith(QStringLiteral("身份证号")));
    CHECK(Counter::focus() == d->collectorIdEdit());
    // Nothing changed: the status, the history, no hand-over recorded.
    CHECK(ac.status(number) == CaseStatus::AwaitingPickup);
    CHECK(ac.c.storedCase(number)->history.size() == rows);
    auto progress = CaseLifeService(*ac.c.store.db, Session::system(), {})
                        .progress(ac.c.storedCase(number)->id);
    REQUIRE(progress.ok());
    CHECK_FALSE(progress->handover.has_value());

    // The applicant herself: handed over.
    d->collectorNameEdit()->setText(QStringLiteral("王芳"));
    d->collectorIdEdit()->setText(kWangId);
    Counter::key(Qt::Key_Return);
    ac.closed(d);
    CHECK(ac.status(number) == CaseStatus::Delivered);
    CHECK(ac.detail()->history()->rowCount() == rows + 1);
    CHECK(ac.detail()->shownActions().isEmpty());
    CHECK(ac.listText(CaseList::AwaitingPickup) ==
          CasesPage::listName(CaseList::AwaitingPickup) + QStringLiteral(" (0)"));
}

TEST_CASE("a completed EMS case points to the mailing ledger instead of a hand-over")
{
    ActionCounter ac;
    const QString number = ac.ems.caseNumber;
    CaseLifeService life(*ac.c.store.db, Session::system(), ac.c.context.place(), ac.c.clock);
    REQUIRE(life.forward(number, QStringLiteral("市水务局")).ok());
    REQUIRE(life.approve(number).ok());
    REQUIRE(life.complete(number).ok());
    ac.controller()->refresh();
    ac.open(number);
    CHECK(ac.detail()->shownActions() == QList<CaseAction>{CaseAction::Mailing});
    CHECK(ac.detail()->actionButton(CaseAction::Mailing)->isEnabled());

    // Alt+M: the mailing ledger, the case chosen for its waybill.
    CHECK(ac.press(CaseAction::Mailing, Qt::Key_M) == nullptr);
    auto* ledger = ac.c.window->findChild<MailingLedgerPage*>();
    REQUIRE(ledger);
    REQUIRE(ledger->isVisible());
    CHECK_FALSE(ac.page()->isVisible());
    CHECK(ledger->findChild<QComboBox*>(QStringLiteral("mailingCase"))->currentText() == number);
    CHECK(Counter::focusName() == QStringLiteral("waybillEdit"));
}

namespace {

QString u8(const char* text)
{
    return QString::fromUtf8(text);
}

const QString kZhaoId = residentId(QStringLiteral("32058119900505301"));
const QString kQianId = residentId(QStringLiteral("32058119750707151"));
const QString kLocker = QStringLiteral("虞山街道便民服务中心1号智能柜");

QJsonObject received(const char* id, const char* form)
{
    return {{u8("id"), u8(id)}, {u8("state"), u8("received")}, {u8("form"), u8(form)}};
}

// 钱进's first mortgage registration (抵押权首次登记), its result to the
// locker: accepted this morning, then forwarded, approved and completed.
QString completedLockerCase(ActionCounter& ac)
{
    const QJsonObject json{
        {u8("format"), u8("onewindow-intake")},
        {u8("site"), u8("320581001")},
        {u8("siteLevel"), u8("city")},
        {u8("window"), u8("C02")},
        {u8("clerk"), u8("周文")},
        {u8("channel"), u8("counter")},
        {u8("applicant"), QJsonObject{{u8("kind"), u8("natural")},
                                      {u8("idNumber"), kQianId},
                                      {u8("name"), u8("钱进")},
                                      {u8("phone"), u8("13773200012")},
                                      {u8("address"), u8("江苏省常熟市虞山街道书院街88号")}}},
        {u8("items"), QJsonArray{u8("BDC-QR-003")}},
        {u8("materials"), QJsonArray{received("id-card", "original+copy"),
                                     received("property-certificate", "original"),
                                     received("mortgage-contract", "original")}},
        {u8("form"), QJsonObject{{u8("property_address"), u8("常熟市虞山街道书院街88号")},
                                 {u8("loan_amount"), 50}}},
        {u8("delivery"), QJsonObject{{u8("method"), u8("locker")}, {u8("locker"), kLocker}}},
        {u8("decision"), QJsonObject{{u8("kind"), u8("accept")}}}};
    const Decision d = decide(ac.c, json, beijing(2025, 3, 14, 9));
    REQUIRE(d.kind == DecisionKind::Accept);
    CaseLifeService life(*ac.c.store.db, Session::system(), ac.c.context.place(), ac.c.clock);
    REQUIRE(life.forward(d.caseNumber, QStringLiteral("市不动产登记中心")).ok());
    REQUIRE(life.approve(d.caseNumber).ok());
    REQUIRE(life.complete(d.caseNumber).ok());
    ac.controller()->refresh();
    return d.caseNumber;
}

} // namespace

TEST_CASE("a case awaiting a correction is taken up at the workbench or withdrawn, from the "
          "keyboard")
{
    ActionCounter ac;
    const Decision k = drainage(ac.c, QStringLiteral("赵强"), kZhaoId, QStringLiteral("周文"),
                                beijing(2025, 3, 14, 8), QStringLiteral("drainage-drawings"), true);
    REQUIRE(k.kind == DecisionKind::Correct);
    const QString notice = k.noticeNumber;
    ac.controller()->refresh();
    ac.open(notice);
    // No case number yet: the materials brought, or the applicant gives up.
    CHECK(ac.detail()->shownActions() ==
          QList<CaseAction>{CaseAction::ResumeCorrection, CaseAction::Withdraw});
    CHECK(ac.detail()->actionButton(CaseAction::ResumeCorrection)->isEnabled());
    CHECK(ac.detail()->actionButton(CaseAction::Withdraw)->isEnabled());

    // Alt+T: the intake at the workbench for the same applicant and item,
    // the correction resumed, what was brought before marked.
    CHECK(ac.press(CaseAction::ResumeCorrection, Qt::Key_T) == nullptr);
    CHECK(ac.c.page()->isVisible());
    CHECK_FALSE(ac.page()->isVisible());
    const Intake& intake = ac.c.controller()->intake();
    CHECK(intake.applicant().idNumber == kZhaoId);
    CHECK(intake.itemCodes() == QStringList{kDrainage});
    const QString resumed = ac.c.view()->banner()->text();
    CHECK(resumed.contains(notice));
    CHECK(intake.checklist().line(QStringLiteral("business-licence"))->state ==
          MaterialState::Received);
    CHECK(intake.checklist().line(QStringLiteral("drainage-drawings"))->state ==
          MaterialState::Pending);
    CHECK(
        (Counter::focus() == ac.c.checklist() || ac.c.checklist()->isAncestorOf(Counter::focus())));

    // While that intake is open, asking again replaces nothing.
    ac.c.window->showPageAt(1);
    ac.open(notice);
    CHECK(ac.press(CaseAction::ResumeCorrection, Qt::Key_T) == nullptr);
    CHECK(ac.c.page()->isVisible());
    CHECK(ac.c.view()->banner()->text() != resumed);
    CHECK(ac.c.view()->banner()->text().contains(notice));
    CHECK(ac.c.controller()->intake().applicant().idNumber == kZhaoId);

    // The applicant gives up instead: withdrawn by the notice's number.
    ac.c.window->showPageAt(1);
    ac.open(notice);
    QPointer<CaseActionDialog> d = ac.press(CaseAction::Withdraw, Qt::Key_W);
    REQUIRE(d);
    CHECK(d->windowTitle().contains(notice));
    CHECK(Counter::focus() == d->reasonEdit());
    Counter::commit(QStringLiteral("申请人放弃申请"));
    Counter::key(Qt::Key_Return);
    ac.closed(d);
    CHECK(ac.status(notice) == CaseStatus::Withdrawn);
    QTableWidget* history = ac.detail()->history();
    REQUIRE(history->rowCount() == 2);
    CHECK(history->item(1, 1)->text() == displayName(CaseStatus::CorrectionRequested));
    CHECK(history->item(1, 2)->text() == displayName(CaseStatus::Withdrawn));
    CHECK(history->item(1, 3)->text().contains(QStringLiteral("周文")));
    CHECK(history->item(1, 4)->text() == QStringLiteral("申请人放弃申请"));
    CHECK(ac.detail()->shownActions().isEmpty());
    CHECK(ac.listText(CaseList::AwaitingCorrection).contains(QStringLiteral("(0)")));
}

TEST_CASE("a locker case is put in its locker and collected from the keyboard, its compartment "
          "and pick-up code shown")
{
    ActionCounter ac;
    const QString number = completedLockerCase(ac);
    ac.open(number);
    // Completed: to the locker, not handed over at the window.
    CHECK(ac.detail()->shownActions() == QList<CaseAction>{CaseAction::LockerDeposit});
    CHECK(ac.detail()->actionButton(CaseAction::LockerDeposit)->isEnabled());
    CHECK_FALSE(ac.detail()->locker()->isVisible());

    // Alt+L: the compartment and the pick-up code asked for, each by name.
    QPointer<CaseActionDialog> d = ac.press(CaseAction::LockerDeposit, Qt::Key_L);
    REQUIRE(d);
    CHECK(Counter::focus() == d->compartmentEdit());
    Counter::key(Qt::Key_Return);
    REQUIRE(d->isVisible());
    CHECK(d->banner()->text().startsWith(QStringLiteral("格口")));
    CHECK(Counter::focus() == d->compartmentEdit());
    CHECK(ac.status(number) == CaseStatus::Completed);
    Counter::type(QStringLiteral("A-12"));
    Counter::key(Qt::Key_Tab);
    CHECK(Counter::focus() == d->pickupCodeEdit());
    Counter::type(QStringLiteral("483920"));
    Counter::key(Qt::Key_Return);
    ac.closed(d);

    // Awaiting pick-up: the locker, compartment and code on the page; the
    // history shows the compartment, not the code (it goes nowhere else).
    CHECK(ac.status(number) == CaseStatus::AwaitingPickup);
    QLabel* locker = ac.detail()->locker();
    REQUIRE(locker->isVisible());
    CHECK(locker->text().contains(kLocker));
    CHECK(locker->text().contains(QStringLiteral("A-12")));
    CHECK(locker->text().contains(QStringLiteral("483920")));
    QTableWidget* history = ac.detail()->history();
    const int last = history->rowCount() - 1;
    CHECK(history->item(last, 2)->text() == displayName(CaseStatus::AwaitingPickup));
    CHECK(history->item(last, 4)->text().contains(QStringLiteral("A-12")));
    CHECK_FALSE(history->item(last, 4)->text().contains(QStringLiteral("483920")));
    CHECK(ac.listText(CaseList::AwaitingPickup).contains(QStringLiteral("(1)")));
    CHECK(ac.detail()->shownActions() == QList<CaseAction>{CaseAction::LockerCollect});
    saveScreenshot(*ac.c.window, QStringLiteral("case-locker.png"));

    // Alt+K, two hours later: collected, no question asked.
    const QString before = locker->text();
    ac.c.clock.advanceSecs(2 * 3600);
    CHECK(ac.press(CaseAction::LockerCollect, Qt::Key_K) == nullptr);
    CHECK(ac.status(number) == CaseStatus::Delivered);
    CHECK(history->rowCount() == last + 2);
    CHECK(history->item(last + 1, 2)->text() == displayName(CaseStatus::Delivered));
    CHECK(locker->text().startsWith(before));
    CHECK(locker->text().contains(QStringLiteral("2025-03-14 11:30")));
    CHECK(ac.detail()->shownActions().isEmpty());
    CHECK(ac.listText(CaseList::AwaitingPickup).contains(QStringLiteral("(0)")));
}

TEST_CASE("the forward is prefilled with the items' department, several offered in an editable "
          "list")
{
    ActionCounter ac;
    // Scenario 1: a records query and a planning permit, of two departments.
    QJsonObject json = scenario(QStringLiteral("scenario-1-two-unrelated-items.json"));
    json.insert(QStringLiteral("window"), QStringLiteral("C02"));
    json.insert(QStringLiteral("clerk"), QStringLiteral("周文"));
    const Decision two = decide(ac.c, json, beijing(2025, 3, 14, 9));
    REQUIRE(two.kind == DecisionKind::Accept);
    ac.controller()->refresh();
    ac.open(two.caseNumber);

    QPointer<CaseActionDialog> d = ac.press(CaseAction::Forward, Qt::Key_F);
    REQUIRE(d);
    QComboBox* box = d->departmentBox();
    REQUIRE(box);
    CHECK(box->isEditable());
    REQUIRE(box->count() == 2);
    CHECK(box->itemText(0) == QStringLiteral("市不动产登记中心"));
    CHECK(box->itemText(1) == QStringLiteral("市自然资源和规划局"));
    CHECK(Counter::focus() == box);
    CHECK(d->departmentEdit()->text() == QStringLiteral("市不动产登记中心"));
    // The other department, by the arrow key; Enter forwards there.
    Counter::key(Qt::Key_Down);
    CHECK(d->departmentEdit()->text() == QStringLiteral("市自然资源和规划局"));
    Counter::key(Qt::Key_Return);
    ac.closed(d);
    CHECK(ac.status(two.caseNumber) == CaseStatus::Forwarded);
    QTableWidget* history = ac.detail()->history();
    CHECK(history->item(history->rowCount() - 1, 4)->text().contains(u8("市自然资源和规划局")));

    // One item, one department: typed over, another is taken.
    ac.open(ac.pickup.caseNumber);
    d = ac.press(CaseAction::Forward, Qt::Key_F);
    REQUIRE(d);
    CHECK(d->departmentBox() == nullptr);
    CHECK(d->departmentEdit()->text() == QStringLiteral("市水务局"));
    Counter::commit(QStringLiteral("市水务局排水管理处"));
    Counter::key(Qt::Key_Return);
    ac.closed(d);
    CHECK(ac.status(ac.pickup.caseNumber) == CaseStatus::Forwarded);
    auto progress = CaseLifeService(*ac.c.store.db, Session::system(), {})
                        .progress(ac.c.storedCase(ac.pickup.caseNumber)->id);
    REQUIRE(progress.ok());
    CHECK(progress->department == QStringLiteral("市水务局排水管理处"));
}
