// The parts of the intake at the window: the checklist keys, the new
// applicant's checks, the applicant panel (history, materials on file,
// credit flags), suggestions, joint items and the form's messages.
#include "IntakeCounter.h"
#include "auth/AuthService.h"

using namespace ow::uitest;

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
    // Enter on a wrong phone: said at once, and the focus stays to put it right.
    CHECK_FALSE(phoneError->text().isEmpty());
    CHECK(Counter::focus() == c.entry()->field(QStringLiteral("phone")));
    // Put right, Enter goes on to the address; Enter there checks them all.
    Counter::type(QStringLiteral("1"));
    Counter::key(Qt::Key_Return);
    CHECK(phoneError->text().isEmpty());
    CHECK(Counter::focus() == c.entry()->field(QStringLiteral("address")));
    c.entry()->field(QStringLiteral("phone"))->setText(QStringLiteral("1377320001"));
    Counter::key(Qt::Key_Return);
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
    // The agent's phone may stay empty; the address is still missing: said, focused.
    CHECK(Counter::focus() == c.entry()->field(QStringLiteral("address")));
    Counter::commit(QStringLiteral("江苏省常熟市虞山街道虞山北路100号"));
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
    Counter::key(Qt::Key_F6); // the first empty field
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

namespace {

// A company whose credit code fails its check character, with a complete
// checklist and form for 不动产登记资料查询: only the override is missing.
ApplicantPanel* failingCreditCodeReady(Counter& c)
{
    Counter::type(QStringLiteral("91320581MA1X00001C")); // the check character should be B
    Counter::key(Qt::Key_Return);
    REQUIRE(Counter::focus() == c.entry()->field(QStringLiteral("name")));
    Counter::commit(QStringLiteral("常熟市东南建筑设计院有限公司"));
    Counter::key(Qt::Key_Tab);
    CHECK(Counter::focus() == c.entry()->field(QStringLiteral("legalRepresentative")));
    Counter::commit(QStringLiteral("周建国"));
    Counter::key(Qt::Key_Tab);
    Counter::commit(QStringLiteral("钱晓红"));
    Counter::key(Qt::Key_Tab);
    CHECK(Counter::focus() == c.entry()->field(QStringLiteral("contactPhone")));
    Counter::type(QStringLiteral("13805120001"));
    Counter::key(Qt::Key_Tab);
    Counter::type(QStringLiteral("0512-52001234"));
    Counter::key(Qt::Key_Tab);
    CHECK(Counter::focus() == c.entry()->field(QStringLiteral("address")));
    Counter::commit(QStringLiteral("江苏省常熟市高新区东南大道1号"));
    Counter::key(Qt::Key_Return);
    REQUIRE(Counter::focus() == c.search());
    CHECK(c.controller()->intake().applicant().isLegal());
    ApplicantPanel* panel = c.view()->applicantPanel();
    REQUIRE(panel->flagTexts().size() == 1);
    CHECK(panel->flagTexts()[0].contains(QStringLiteral("91320581MA1X00001C")));
    REQUIRE(panel->overrideSupervisorEdit());

    Counter::type(QStringLiteral("BDC-GG-001")); // 不动产登记资料查询
    Counter::key(Qt::Key_Return);
    Counter::key(Qt::Key_F6);
    for (int i = 0; i < 9 && Counter::focusName() != QStringLiteral("form_query_purpose"); ++i)
        Counter::key(Qt::Key_Return);
    REQUIRE(Counter::focusName() == QStringLiteral("form_query_purpose"));
    Counter::key(Qt::Key_Down);
    Counter::key(Qt::Key_F4);
    CHECK(c.checklist()->currentMaterialId() == QStringLiteral("business-licence"));
    Counter::key(Qt::Key_Space);
    Counter::key(Qt::Key_Space);
    REQUIRE(c.controller()->intake().checklist().isComplete());
    return panel;
}

QList<QPair<QString, QString>> overrides(Database& db)
{
    QList<QPair<QString, QString>> out;
    QSqlQuery q = db.query();
    REQUIRE(q.exec(QStringLiteral("SELECT supervisor, reason FROM supervisor_override")));
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString()});
    return out;
}

} // namespace

TEST_CASE("a credit code failing its check is accepted only with a supervisor's override")
{
    Counter c;
    ApplicantPanel* panel = failingCreditCodeReady(c);

    // Without the override, F8 stops and the supervisor is asked for.
    Counter::key(Qt::Key_F8);
    CHECK_FALSE(c.controller()->decision().has_value());
    CHECK(Counter::focus() == panel->overrideSupervisorEdit());
    Counter::commit(QStringLiteral("王主任"));
    Counter::key(Qt::Key_F8); // a reason is needed too
    CHECK_FALSE(c.controller()->decision().has_value());
    Counter::key(Qt::Key_Tab);
    CHECK(Counter::focusName() == QStringLiteral("overridePassword"));
    Counter::key(Qt::Key_Tab);
    CHECK(Counter::focusName() == QStringLiteral("overrideReason"));
    Counter::commit(QStringLiteral("2015年以前赋码，经登记机关核实有效"));
    Counter::key(Qt::Key_F8);
    REQUIRE(c.controller()->decision().has_value());
    CHECK(c.controller()->decision()->kind == DecisionKind::Accept);
    const auto stored = overrides(*c.store.db);
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].first == QStringLiteral("王主任"));
    CHECK(stored[0].second == QStringLiteral("2015年以前赋码，经登记机关核实有效"));
}

TEST_CASE("a signed-in clerk's override needs the supervisor to sign in at the window")
{
    auto signIn = [](Database& db, const Clock& clock) {
        AuthService auth(db, clock);
        NewUser admin{
            QStringLiteral("admin"), QStringLiteral("陈管理"), Role::Administrator, {}, {}, {}};
        REQUIRE(auth.createFirstAdministrator(admin, QStringLiteral("Admin-pass-2025")).ok());
        const auto as = auth.signIn(QStringLiteral("admin"), QStringLiteral("Admin-pass-2025"));
        REQUIRE(as.ok());
        NewUser clerk{QStringLiteral("zhouwen"), QStringLiteral("周文"), Role::Clerk, {}, {}, {}};
        NewUser boss{
            QStringLiteral("wangzr"), QStringLiteral("王主任"), Role::Supervisor, {}, {}, {}};
        REQUIRE(auth.addUser(*as, clerk, QStringLiteral("Clerk-pass-2025")).ok());
        REQUIRE(auth.addUser(*as, boss, QStringLiteral("Super-pass-2025")).ok());
        const auto session =
            auth.signIn(QStringLiteral("zhouwen"), QStringLiteral("Clerk-pass-2025"));
        REQUIRE(session.ok());
        return *session;
    };
    Counter c(QDateTime(QDate(2025, 3, 14), QTime(9, 30), QTimeZone(8 * 3600)), signIn);
    REQUIRE_FALSE(c.context.session.isSystem());
    ApplicantPanel* panel = failingCreditCodeReady(c);

    // The clerk cannot approve by typing a name: the supervisor signs in.
    Counter::key(Qt::Key_F8);
    CHECK(Counter::focus() == panel->overrideSupervisorEdit());
    Counter::commit(QStringLiteral("wangzr"));
    Counter::key(Qt::Key_Tab);
    Counter::type(QStringLiteral("wrong-password"));
    Counter::key(Qt::Key_Tab);
    Counter::commit(QStringLiteral("2015年以前赋码，经登记机关核实有效"));
    Counter::key(Qt::Key_F8);
    CHECK_FALSE(c.controller()->decision().has_value());
    CHECK(overrides(*c.store.db).isEmpty());
    CHECK(CaseRepository(*c.store.db).count().value() == 0);

    // A clerk's own login is no supervisor's.
    panel->overrideSupervisorEdit()->setText(QStringLiteral("zhouwen"));
    c.window->findChild<QLineEdit*>(QStringLiteral("overridePassword"))
        ->setText(QStringLiteral("Clerk-pass-2025"));
    Counter::key(Qt::Key_F8);
    CHECK_FALSE(c.controller()->decision().has_value());
    CHECK(CaseRepository(*c.store.db).count().value() == 0);

    panel->overrideSupervisorEdit()->setText(QStringLiteral("wangzr"));
    c.window->findChild<QLineEdit*>(QStringLiteral("overridePassword"))
        ->setText(QStringLiteral("Super-pass-2025"));
    Counter::key(Qt::Key_F8);
    REQUIRE(c.controller()->decision().has_value());
    CHECK(c.controller()->decision()->kind == DecisionKind::Accept);
    const auto stored = overrides(*c.store.db);
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].first == QStringLiteral("wangzr")); // who signed in, not what was typed
}
