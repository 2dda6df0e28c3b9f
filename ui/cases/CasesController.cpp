#include "CasesController.h"

#include "CaseListModel.h"
#include "CasesPage.h"
#include "cases/CaseRepository.h"
#include "documents/DocumentPreview.h"
#include "documents/DocumentPrinting.h"

#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <algorithm>

namespace ow::ui {

namespace {

const QString kDueSoonKey = QStringLiteral("cases/dueSoonWorkingDays");

} // namespace

CasesController::CasesController(Database& db, const WorkCalendar& calendar,
                                 DocumentPrinting& printing, CasesPage* page, const Clock& clock,
                                 QObject* parent)
    : QObject(parent), m_db(db), m_printing(printing), m_page(page),
      m_query(db, calendar, printing.place(), clock),
      m_ownPresenter(std::make_unique<PreviewDialogPresenter>(printing)),
      m_presenter(m_ownPresenter.get())
{
    m_query.setDueSoonDays(QSettings().value(kDueSoonKey, 2).toInt());
    {
        const QSignalBlocker block(m_page->dueSoonDays());
        m_page->dueSoonDays()->setValue(m_query.dueSoonDays());
    }
    connect(m_page, &CasesPage::filterChanged, this, &CasesController::refresh);
    connect(m_page, &CasesPage::searchChanged, this, &CasesController::refreshList);
    connect(m_page, &CasesPage::caseOpened, this, &CasesController::open);
    connect(m_page, &CasesPage::dueSoonDaysChanged, this, [this](int days) {
        m_query.setDueSoonDays(days);
        QSettings().setValue(kDueSoonKey, days);
        refresh();
    });
    connect(m_page->detail(), &CaseDetailView::reprintRequested, this, &CasesController::reprint);
    refresh();
}

CasesController::~CasesController() = default;

void CasesController::setPresenter(DocumentPresenter* presenter)
{
    m_presenter = presenter ? presenter : m_ownPresenter.get();
}

void CasesController::refreshCounts()
{
    int dueSoon = 0;
    int overdue = 0;
    for (CaseList list : CasesPage::allLists()) {
        if (list == CaseList::All)
            continue;
        auto n = m_query.count(list);
        m_page->setListCount(list, n ? *n : -1);
        if (n && list == CaseList::DueSoon)
            dueSoon = *n;
        if (n && list == CaseList::Overdue)
            overdue = *n;
    }
    emit deadlinesCounted(dueSoon, overdue);
}

void CasesController::refresh()
{
    refreshCounts();
    refreshList();
}

void CasesController::refreshList()
{
    CaseFilter filter;
    filter.list = m_page->currentList();
    filter.text = m_page->searchEdit()->text();
    filter.status = m_page->statusChosen();
    auto rows = m_query.list(filter);
    if (!rows) {
        m_page->model()->setRows({});
        m_page->summary()->setText(rows.error().message);
        return;
    }
    const int n = int(rows->size());
    m_page->model()->setRows(std::move(*rows));
    m_page->table()->resizeColumnsToContents();
    m_page->summary()->setText(
        n >= 500 ? tr("The first %1 cases; narrow the search to see the rest.").arg(n)
                 : tr("%n case(s)", nullptr, n));
    // The case open stays open when it is still listed.
    const int row = m_openId.isEmpty() ? -1 : m_page->model()->rowOf(m_openId);
    if (row >= 0) {
        m_page->table()->selectRow(row);
        open(m_openId);
    } else {
        m_openId.clear();
        m_page->detail()->clear();
    }
}

void CasesController::open(const QString& caseId)
{
    auto found = CaseRepository(m_db).findById(caseId);
    if (!found || !found->has_value()) {
        m_page->detail()->clear();
        if (!found)
            emit message(found.error().message);
        return;
    }
    const CaseRecord& c = **found;
    m_openId = caseId;
    // Every print of the case: of its number and of its notices.
    QStringList subjects;
    if (!c.caseNumber.isEmpty())
        subjects << c.caseNumber;
    for (const CorrectionRecord& r : c.corrections)
        subjects << r.number;
    for (const RefusalRecord& r : c.refusals)
        subjects << r.number;
    QList<JournalEntry> prints;
    QSet<QString> seen;
    for (const QString& subject : subjects) {
        auto entries = m_printing.journal().entriesOf(subject);
        if (!entries) {
            emit message(entries.error().message);
            continue;
        }
        for (const JournalEntry& e : *entries)
            if (!seen.contains(e.id)) {
                seen.insert(e.id);
                prints << e;
            }
    }
    std::stable_sort(
        prints.begin(), prints.end(),
        [](const JournalEntry& a, const JournalEntry& b) { return a.printedAt < b.printedAt; });
    QString applicant;
    if (const int row = m_page->model()->rowOf(caseId); row >= 0)
        applicant = m_page->model()->rowAt(row)->applicantName;
    m_page->detail()->showCase(c, applicant, prints);
}

void CasesController::reprint(const JournalEntry& entry)
{
    auto prepared = m_printing.documents().rebuild(entry.kind, entry.subject, entry.caseNumber,
                                                   entry.place.clerk);
    if (!prepared) {
        emit message(prepared.error().message);
        return;
    }
    if (m_presenter)
        m_presenter->present(*prepared, m_page);
}

} // namespace ow::ui
