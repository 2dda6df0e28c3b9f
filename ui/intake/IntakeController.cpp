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
