#include "IntakeController.h"

#include "ApplicantView.h"
#include "ChecklistModel.h"
#include "ChecklistView.h"
#include "DeliveryView.h"
#include "FormView.h"
#include "IntakeText.h"
#include "IntakeView.h"
#include "applicants/Validators.h"
#include "catalogue/CatalogueService.h"
#include "documents/DocumentPreview.h"
#include "intake/FieldCheck.h"
#include "intake/IntakeService.h"
#include "widgets/ListFit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>

namespace ow::ui {

namespace {

// Every sentence of a validator's error.
template <typename T> QString why(const Result<T>& r)
{
    if (r)
        return {};
    QStringList parts;
    for (const Problem& p : r.error().problems)
        parts << p.message;
    return parts.isEmpty() ? r.error().message : parts.join(QLatin1Char(' '));
}

} // namespace

IntakeController::IntakeController(IntakeService& service, const CatalogueService& catalogue,
                                   IntakeView* view, DocumentPrinting& printing, QObject* parent)
    : QObject(parent), m_service(service), m_catalogue(catalogue), m_view(view),
      m_printing(printing), m_intake(service.begin()),
      m_ownPresenter(std::make_unique<PreviewDialogPresenter>(printing)),
      m_presenter(m_ownPresenter.get())
{
    ApplicantEntryView* entry = m_view->entry();
    connect(entry, &ApplicantEntryView::idEntered, this, &IntakeController::enterId);
    connect(entry, &ApplicantEntryView::confirmed, this, [this] { confirmApplicant(); });
    connect(entry, &ApplicantEntryView::enterPressed, this, &IntakeController::enterInDetails);
    connect(entry, &ApplicantEntryView::confirmedAsIs, this, [this] { confirmApplicant(true); });

    ChecklistTable* table = m_view->checklist()->table();
    connect(table, &ChecklistTable::toggleReceived, this, [this](const QString& id) {
        const ChecklistLine* l = line(id);
        if (!l)
            return;
        remember({id});
        if (l->state == MaterialState::Received) {
            mark(id, m_intake.checklist().markPending(id));
            return;
        }
        mark(id, m_intake.checklist().markReceived(id, l->material.form,
                                                   std::max(1, l->material.copies)));
        m_view->checklist()->table()->moveToNextApplicable(); // Space goes on down the list
    });
    connect(table, &ChecklistTable::presentedAs, this, [this](const QString& id, MaterialForm f) {
        const ChecklistLine* l = line(id);
        if (!l)
            return;
        remember({id});
        const int count =
            l->state == MaterialState::Received ? l->count : std::max(1, l->material.copies);
        mark(id, m_intake.checklist().markReceived(id, f, count));
    });
    connect(table, &ChecklistTable::countSet, this, [this](const QString& id, int count) {
        const ChecklistLine* l = line(id);
        if (!l)
            return;
        remember({id});
        const MaterialForm f =
            l->state == MaterialState::Received && l->presented ? *l->presented : l->material.form;
        mark(id, m_intake.checklist().markReceived(id, f, count));
    });
    connect(table, &ChecklistTable::countStep, this, [this](const QString& id, int delta) {
        const ChecklistLine* l = line(id);
        if (!l || l->state != MaterialState::Received || !l->presented)
            return;
        remember({id});
        mark(id,
             m_intake.checklist().markReceived(id, *l->presented, std::max(1, l->count + delta)));
    });
    connect(table, &ChecklistTable::reuseRequested, this, [this](const QString& id) {
        remember({id});
        mark(id, m_intake.checklist().markReused(id));
    });
    connect(table, &ChecklistTable::missingMarked, this, [this](const QString& id) {
        remember({id});
        mark(id, m_intake.checklist().markMissing(id));
    });
    connect(table, &ChecklistTable::resetRequested, this,
            [this](const QString& id) { resetLine(id); });
    connect(table, &ChecklistTable::undoRequested, this, [this] { undoMarks(); });
    connect(table, &ChecklistTable::allReceivedRequested, this, [this] {
        QStringList pending;
        for (const ChecklistLine& l : m_intake.checklist().lines())
            if (l.applies && l.state == MaterialState::Pending)
                pending << l.material.id;
        if (pending.isEmpty()) {
            m_view->showBanner(IntakeView::BannerKind::Info, tr("No material is left to check."));
            return;
        }
        remember(pending);
        const QStringList marked = m_intake.checklist().markAllPendingReceived();
        refreshChecklist();
        m_view->checklist()->table()->setCurrentMaterial(marked.constLast());
        const QString text = tr("%n material(s) marked received as asked (Ctrl+Z undoes).", nullptr,
                                int(marked.size()));
        m_view->showBanner(IntakeView::BannerKind::Info, text);
        emit message(text);
    });
    connect(table, &ChecklistTable::defectRequested, this, [this](const QString& id) {
        if (const ChecklistLine* l = line(id))
            m_view->checklist()->askDefect(id, l->material.name);
    });
    connect(m_view->checklist(), &ChecklistView::defectReported, this,
            [this](const QString& id, const QString& reason) {
                remember({id});
                mark(id, m_intake.checklist().markDefective(id, reason));
            });

    FormView* form = m_view->form();
    connect(form, &FormView::valueChanged, this, [this](const QString& key, const QString& value) {
        if (Status s = m_intake.setFormValue(key, value); !s) {
            m_view->form()->setProblem(key, s.error().message);
            return;
        }
        m_view->form()->setProblem(key, {});
        refreshFormMarks();
        refreshChecklist();
        refreshSuggestions();
        if (key == QLatin1String("postcode"))
            refreshDelivery(); // the mailing's postcode follows the form's
    });
    // Enter after the last field to fill goes on to the delivery, and from there on.
    connect(form, &FormView::finished, this,
            [this] { m_view->focusWidget(m_view->delivery()->methodCombo()); });
    connect(m_view->delivery(), &DeliveryView::finished, this, [this] { focusNextStop(); });
    connect(form, &FormView::fieldLeft, this, [this](const QString& key) {
        if (m_intake.form().value(key).trimmed().isEmpty())
            return; // a required field is reported when the decision is asked for
        QString message;
        for (const Problem& p : m_intake.form().validate(m_intake.today()))
            if (p.where == QStringLiteral("form.") + key)
                message = p.message;
        m_view->form()->setProblem(key, message);
    });

    connect(m_view->delivery()->methodCombo(), &QComboBox::currentIndexChanged, this,
            [this] { refreshDelivery(); });

    connect(m_view, &IntakeView::removeItemRequested, this, [this](int row) {
        const QStringList codes =
            m_view->basket()->item(row)
                ? m_view->basket()->item(row)->data(Qt::UserRole).toStringList()
                : QStringList();
        if (!codes.isEmpty())
            removeItem(codes.constFirst());
    });
    connect(m_view, &IntakeView::suggestionPicked, this, [this](int row) {
        if (row < 0 || row >= m_suggestions.size())
            return;
        const Suggestion s = m_suggestions.at(row);
        if (Status st = m_intake.addSuggestion(s); !st) {
            m_view->showBanner(IntakeView::BannerKind::Error, st.error().message);
            return;
        }
        emit message(tr("Added: %1 (%2)").arg(s.name, s.code));
        afterItemsChanged();
        m_view->focusSuggestions();
    });
    connect(m_view, &IntakeView::acceptRequested, this, &IntakeController::accept);
    connect(m_view, &IntakeView::correctionRequested, this, &IntakeController::requestCorrection);
    connect(m_view, &IntakeView::refusalConfirmed, this, &IntakeController::refuse);
    connect(m_view, &IntakeView::nextRequested, this, [this] { startNext(); });
    connect(m_view, &IntakeView::nextSameAgentRequested, this, [this] { startNext(true); });

    refresh();
}

IntakeController::~IntakeController() = default;

void IntakeController::setPresenter(DocumentPresenter* presenter)
{
    m_presenter = presenter ? presenter : m_ownPresenter.get();
}

const ChecklistLine* IntakeController::line(const QString& materialId) const
{
    return m_intake.checklist().line(materialId);
}

void IntakeController::mark(const QString& materialId, const Status& status)
{
    if (!status)
        m_view->showBanner(IntakeView::BannerKind::Error, status.error().message);
    refreshChecklist();
    m_view->checklist()->table()->setCurrentMaterial(materialId);
}

// ------------------------------------------------------------ the applicant

void IntakeController::enterId(const QString& text)
{
    if (m_decision)
        startNext();
    ApplicantEntryView* entry = m_view->entry();
    const QString typed = text.trimmed();
    entry->idEdit()->setText(typed);
    if (typed.isEmpty()) {
        entry->setIdProblem(tr("Read the ID card or type the ID number or credit code."));
        return;
    }

    Applicant a;
    const auto id = validateResidentId(typed, m_intake.today(), QStringLiteral("idNumber"));
    const CreditCodeCheck code = inspectCreditCode(typed, QStringLiteral("creditCode"));
    // Digits only: an ID number unless it is a credit code passing its check.
    const QString first17 = typed.left(17);
    const bool digits =
        std::all_of(first17.cbegin(), first17.cend(), [](QChar c) { return c.isDigit(); });
    if (id) {
        a.kind = ApplicantKind::Natural;
        a.idType = IdType::ResidentId;
        a.idNumber = id->number;
    } else if (code.valid() || (!digits && code.overridable())) {
        a.kind = ApplicantKind::Legal;
        a.creditCode = code.code;
    } else {
        // Say what is wrong with what it most looks like.
        QString problem;
        if (typed.size() == 15 || digits)
            problem = why(id);
        else if (typed.size() == 18)
            problem = code.error ? code.error->problems.value(0).message : QString();
        if (problem.isEmpty())
            problem = tr("%1 is neither a resident ID number (18 characters) nor a unified social "
                         "credit code (18 characters).")
                          .arg(typed);
        entry->setIdProblem(problem);
        entry->focusId();
        return;
    }
    entry->setIdProblem({});

    auto file = m_service.lookupApplicant(a.key());
    if (!file) {
        m_view->showBanner(IntakeView::BannerKind::Error, file.error().fullText());
        return;
    }
    m_cases.clear();
    const bool known = file->has_value();
    if (known) {
        const ApplicantFile& f = **file;
        m_cases = f.cases;
        Applicant stored = f.applicant;
        stored.idNumber = a.isLegal() ? stored.idNumber : a.idNumber;
        if (stored.kind == a.kind)
            a = stored;
    }
    a.completeFromIdNumber();
    if (Status s = m_service.setApplicant(m_intake, a); !s) {
        m_view->showBanner(IntakeView::BannerKind::Error, s.error().fullText());
        return;
    }
    entry->showApplicant(m_intake.applicant(), known);
    if (const std::optional<Agent> agent = entry->agent()) // kept for the next applicant
        m_intake.setAgent(agent);
    showApplicantFile();
    m_intake.prefillForm();
    resumeOpenCorrection();
    refresh();
    if (known && checkPersonName(m_intake.applicant().name).isEmpty() &&
        missingDetails(m_intake.applicant(), m_intake.agent()).isEmpty()) {
        emit message(tr("Applicant: %1").arg(m_intake.applicant().name));
        emit applicantConfirmed();
    } else if (QLineEdit* missing =
                   entry->firstShownOf(missingDetails(m_intake.applicant(), m_intake.agent()))) {
        missing->setFocus(Qt::OtherFocusReason);
    } else {
        entry->focusDetails();
    }
}

void IntakeController::showApplicantFile()
{
    m_view->applicantPanel()->showFile(m_intake.applicant(), m_cases, m_intake.onFile(),
                                       m_service.creditFlags(m_intake));
}

QHash<QString, QString> IntakeController::detailProblems(const Applicant& a,
                                                         const std::optional<Agent>& agent) const
{
    QHash<QString, QString> problems;
    if (const QString w = checkPersonName(a.name); !w.isEmpty())
        problems.insert(QStringLiteral("name"), w);
    if (!a.phone.isEmpty())
        if (const QString w = checkPhone(a.phone); !w.isEmpty())
            problems.insert(QStringLiteral("phone"), w);
    if (a.isLegal()) {
        if (!a.legalRepresentative.isEmpty())
            if (const QString w = why(validatePersonName(a.legalRepresentative,
                                                         QStringLiteral("legalRepresentative")));
                !w.isEmpty())
                problems.insert(QStringLiteral("legalRepresentative"), w);
        if (!a.contactName.isEmpty())
            if (const QString w = checkPersonName(a.contactName); !w.isEmpty())
                problems.insert(QStringLiteral("contactName"), w);
        if (!a.contactPhone.isEmpty())
            if (const QString w = checkPhone(a.contactPhone); !w.isEmpty())
                problems.insert(QStringLiteral("contactPhone"), w);
    }
    if (agent) {
        if (const QString w = checkPersonName(agent->name); !w.isEmpty())
            problems.insert(QStringLiteral("agent.name"), w);
        if (agent->idNumber.isEmpty())
            problems.insert(QStringLiteral("agent.idNumber"),
                            tr("The agent's ID number is missing."));
        else if (const QString w = checkIdNumber(agent->idNumber, m_intake.today()); !w.isEmpty())
            problems.insert(QStringLiteral("agent.idNumber"), w);
        if (!agent->phone.isEmpty())
            if (const QString w = checkPhone(agent->phone); !w.isEmpty())
                problems.insert(QStringLiteral("agent.phone"), w);
    }
    return problems;
}

void IntakeController::enterInDetails(const QString& field)
{
    ApplicantEntryView* entry = m_view->entry();
    const Applicant a = entry->applicant();
    const std::optional<Agent> agent = entry->agent();
    const QString problem = detailProblems(a, agent).value(field);
    const bool filled = !entry->field(field)->text().trimmed().isEmpty();
    if (filled && !problem.isEmpty()) {
        // A wrong value is put right before going on.
        entry->setProblems({{field, problem}});
        return;
    }
    entry->setProblems({});
    // On to the next detail still missing (optional ones are reached by Tab).
    if (!entry->focusNextAfter(field, missingDetails(a, agent)))
        confirmApplicant();
}

bool IntakeController::syncApplicant(bool showProblems)
{
    ApplicantEntryView* entry = m_view->entry();
    if (m_intake.applicant().key().isEmpty())
        return false;
    Applicant a = entry->applicant();
    const std::optional<Agent> agent = entry->agent();

    const QHash<QString, QString> problems = detailProblems(a, agent);
    if (showProblems)
        entry->setProblems(problems);
    if (!problems.isEmpty())
        return false;

    const bool hadAgent = m_intake.agent().has_value();
    if (Status s = m_service.setApplicant(m_intake, a); !s) {
        m_view->showBanner(IntakeView::BannerKind::Error, s.error().fullText());
        return false;
    }
    std::optional<Agent> normalised = agent;
    if (normalised)
        if (auto id = validateResidentId(normalised->idNumber, m_intake.today()))
            normalised->idNumber = id->number;
    if (normalised.has_value() != hadAgent || normalised)
        m_intake.setAgent(normalised);
    m_intake.prefillForm();
    return true;
}

bool IntakeController::confirmApplicant(bool asIs)
{
    if (m_decision)
        return false;
    if (!syncApplicant(true)) {
        m_view->showBanner(IntakeView::BannerKind::Error,
                           tr("Correct the applicant's details marked in red."));
        m_view->entry()->focusDetails();
        refresh();
        return false;
    }
    const QStringList missing = missingDetails(m_intake.applicant(), m_intake.agent());
    QStringList names;
    for (const QString& field : missing)
        names << IntakeText::applicantField(field);
    if (!missing.isEmpty() && !asIs) {
        QHash<QString, QString> problems;
        for (const QString& field : missing)
            problems.insert(field, tr("%1 is missing.").arg(IntakeText::applicantField(field)));
        m_view->entry()->setProblems(problems);
        m_view->showBanner(IntakeView::BannerKind::Warning,
                           tr("Missing: %1. Type them, or Ctrl+Enter to go on without them.")
                               .arg(names.join(tr(", "))));
        if (QLineEdit* first = m_view->entry()->firstShownOf(missing))
            first->setFocus(Qt::OtherFocusReason);
        refresh();
        return false;
    }
    m_view->clearBanner();
    m_view->entry()->setProblems({});
    showApplicantFile();
    refresh();
    if (missing.isEmpty())
        m_view->entry()->setStatus(tr("Applicant confirmed: %1. Search for the items (F3).")
                                       .arg(m_intake.applicant().name));
    else
        m_view->entry()->setStatus(
            tr("Applicant confirmed without %1: %2. Search for the items (F3).")
                .arg(names.join(tr(", ")), m_intake.applicant().name));
    emit message(tr("Applicant: %1").arg(m_intake.applicant().name));
    emit applicantConfirmed();
    return true;
}

// ------------------------------------------------------------------- items

void IntakeController::addItem(const QString& code)
{
    if (m_decision) {
        m_view->showBanner(IntakeView::BannerKind::Warning,
                           tr("This intake is decided. Ctrl+N starts the next applicant."));
        return;
    }
    if (Status s = m_intake.addItem(code); !s) {
        m_view->showBanner(IntakeView::BannerKind::Error, s.error().message);
        return;
    }
    m_view->clearBanner();
    afterItemsChanged();
}

void IntakeController::removeItem(const QString& code)
{
    const QString chosen = m_intake.jointCodeOf(code).isEmpty() ? code : m_intake.jointCodeOf(code);
    if (Status s = m_intake.removeItem(chosen); !s) {
        m_view->showBanner(IntakeView::BannerKind::Error, s.error().message);
        return;
    }
    afterItemsChanged();
}

void IntakeController::afterItemsChanged()
{
    m_intake.prefillForm();
    resumeOpenCorrection();
    refresh();
}

void IntakeController::resumeOpenCorrection()
{
    if (m_intake.items().isEmpty() || m_intake.applicant().key().isEmpty())
        return;
    auto open = m_service.openCorrection(m_intake);
    if (!open || !open->has_value())
        return;
    if (Status s = m_service.resume(m_intake); !s) {
        m_view->showBanner(IntakeView::BannerKind::Error, s.error().message);
        return;
    }
    if (m_intake.earlierDelivery()) {
        refreshDelivery(); // the methods these items allow, then the earlier choice
        m_view->delivery()->restore(*m_intake.earlierDelivery());
    }
    m_view->showBanner(IntakeView::BannerKind::Info,
                       tr("This matter has an open correction (notice %1): this is a further "
                          "visit, and what was brought and filled in last time is kept.")
                           .arg((*open)->number));
}

bool IntakeController::resumeCorrection(const QString& noticeNumber)
{
    if (!m_decision && (m_intake.hasApplicant() || !m_intake.items().isEmpty())) {
        m_view->showBanner(IntakeView::BannerKind::Warning,
                           tr("An intake is in progress: decide it or start the next applicant "
                              "(Ctrl+N), then take up the correction %1.")
                               .arg(noticeNumber));
        return false;
    }
    auto visit = m_service.correctionVisit(noticeNumber);
    if (!visit) {
        m_view->showBanner(IntakeView::BannerKind::Error, visit.error().message);
        return false;
    }
    startNext();
    enterId(visit->applicantKey);
    if (!m_intake.hasApplicant())
        return false; // the entry says why
    for (const QString& code : visit->codes)
        if (Status s = m_intake.addItem(code); !s) {
            m_view->showBanner(IntakeView::BannerKind::Error, s.error().message);
            refresh();
            return false;
        }
    afterItemsChanged();
    focusNextStop(); // the first material still to check
    return true;
}

// ----------------------------------------------------------------- refresh

void IntakeController::refresh()
{
    refreshBasket();
    refreshForm();
    refreshChecklist();
    refreshSuggestions();
    refreshDelivery();
}

void IntakeController::refreshBasket()
{
    QListWidget* basket = m_view->basket();
    const int keep = basket->currentRow();
    basket->clear();
    int number = 0;
    for (const Item& item : m_intake.items()) {
        const QString joint = m_intake.jointCodeOf(item.code);
        QString text =
            tr("%1. %2 (%3) · %4").arg(++number).arg(item.name, item.code, item.department);
        if (!joint.isEmpty())
            for (const JointItem& j : m_intake.jointItems())
                if (j.code == joint)
                    text += tr(" · joint item %1").arg(j.name);
        auto* row = new QListWidgetItem(text, basket);
        row->setData(Qt::UserRole, QStringList{item.code});
    }
    if (basket->count() == 0) {
        auto* row = new QListWidgetItem(tr("No item yet: search on the left, Enter adds."), basket);
        row->setFlags(Qt::NoItemFlags);
    } else {
        basket->setCurrentRow(std::clamp(keep, 0, basket->count() - 1));
    }
    fitListHeight(basket, 4);
}

void IntakeController::refreshChecklist()
{
    ChecklistView* view = m_view->checklist();
    const QString current = view->table()->currentMaterialId();
    QHash<QString, int> numbers;
    if (m_intake.items().size() > 1)
        for (int i = 0; i < m_intake.items().size(); ++i)
            numbers.insert(m_intake.items()[i].code, i + 1);
    QHash<QString, QStringList> dependsOn;
    for (const ChecklistLine& l : m_intake.checklist().lines())
        if (const QStringList fields = m_intake.unansweredFieldsFor(l); !fields.isEmpty())
            dependsOn.insert(l.material.id, fields);
    view->model()->setChecklist(m_intake.checklist(), numbers, dependsOn);
    view->table()->setColumnHidden(ChecklistModel::Items, numbers.isEmpty());
    if (!current.isEmpty())
        view->table()->setCurrentMaterial(current);
    view->setCompletion(m_intake.items().isEmpty(), int(m_intake.checklist().outstanding().size()));
}

void IntakeController::refreshForm()
{
    m_view->form()->setFields(m_intake.form().fields());
    m_view->form()->setValues(m_intake.form().values());
    refreshFormMarks();
    m_view->updateTabOrder();
}

void IntakeController::refreshFormMarks()
{
    QSet<QString> notApplying;
    QSet<QString> byHand;
    for (const FormField& f : m_intake.form().fields()) {
        if (!m_intake.fieldApplies(f.key))
            notApplying.insert(f.key);
        if (m_intake.form().editedByHand(f.key))
            byHand.insert(f.key);
    }
    m_view->form()->setNotApplying(notApplying);
    m_view->form()->setEditedByHand(byHand);
}

void IntakeController::focusNextStop()
{
    for (const ChecklistLine& l : m_intake.checklist().lines()) {
        if (l.applies && l.state == MaterialState::Pending) {
            m_view->focusChecklist();
            m_view->checklist()->table()->setCurrentMaterial(l.material.id);
            return;
        }
    }
    m_view->focusWidget(m_view->acceptButton());
}

// ----------------------------------------------------------- checklist undo

void IntakeController::remember(const QStringList& ids)
{
    QList<ChecklistLine> before;
    for (const QString& id : ids)
        if (const ChecklistLine* l = line(id))
            before << *l;
    if (before.isEmpty())
        return;
    m_undo.append(before);
    constexpr int kDepth = 100;
    if (m_undo.size() > kDepth)
        m_undo.removeFirst();
}

void IntakeController::undoMarks()
{
    if (m_decision)
        return;
    if (m_undo.isEmpty()) {
        emit message(tr("Nothing to undo on the checklist."));
        return;
    }
    const QList<ChecklistLine> before = m_undo.takeLast();
    for (const ChecklistLine& l : before)
        (void)m_intake.checklist().restoreMarks(l);
    refreshChecklist();
    m_view->checklist()->table()->setCurrentMaterial(before.constFirst().material.id);
    emit message(tr("Undone: %n material(s) as they were.", nullptr, int(before.size())));
}

void IntakeController::resetLine(const QString& id)
{
    // Back to what the line was before its last change; a line never
    // changed goes back to "to check".
    for (qsizetype i = m_undo.size() - 1; i >= 0; --i) {
        QList<ChecklistLine>& entry = m_undo[i];
        for (qsizetype j = 0; j < entry.size(); ++j) {
            if (entry.at(j).material.id != id)
                continue;
            const ChecklistLine earlier = entry.takeAt(j);
            if (entry.isEmpty())
                m_undo.removeAt(i);
            mark(id, m_intake.checklist().restoreMarks(earlier));
            return;
        }
    }
    mark(id, m_intake.checklist().markPending(id));
}

void IntakeController::refreshSuggestions()
{
    m_suggestions = m_intake.suggestions();
    QListWidget* list = m_view->suggestions();
    const int keep = list->currentRow();
    list->clear();
    for (const Suggestion& s : std::as_const(m_suggestions)) {
        auto* row = new QListWidgetItem(tr("%1 (%2) — %3").arg(s.name, s.code, s.reason), list);
        row->setData(Qt::UserRole, s.code);
        row->setToolTip(s.reason);
    }
    if (list->count() > 0)
        list->setCurrentRow(std::clamp(keep, 0, list->count() - 1));
    else
        (new QListWidgetItem(tr("None for these items."), list))->setFlags(Qt::NoItemFlags);
    fitListHeight(list, 4);
}

void IntakeController::refreshDelivery()
{
    DeliveryView* delivery = m_view->delivery();
    int methods = int(Delivery::Pickup) | int(Delivery::Ems) | int(Delivery::Locker);
    for (const Item& item : m_intake.items())
        methods &= item.delivery;
    {
        const QSignalBlocker block(delivery->methodCombo());
        delivery->setMethods(m_intake.items().isEmpty() ? int(Delivery::Pickup) : methods);
    }
    const Applicant& a = m_intake.applicant();
    const QString recipient = a.isLegal() && !a.contactName.isEmpty() ? a.contactName : a.name;
    const QString phone = a.isLegal() && !a.contactPhone.isEmpty() ? a.contactPhone : a.phone;
    delivery->prefill(recipient, phone, a.address,
                      m_intake.form().value(QStringLiteral("postcode")).trimmed());
}

} // namespace ow::ui
