#include "supervision/SamplingController.h"

#include "supervision/SamplingPage.h"

#include <QLineEdit>

namespace ow::ui {

SamplingController::SamplingController(Database& db, Session session, SamplingPage* page,
                                       const Clock& clock, QObject* parent)
    : QObject(parent), m_service(db, std::move(session), clock), m_page(page)
{
    // The last month by default.
    const QDate today = clock.today();
    const QDate first = QDate(today.year(), today.month(), 1).addMonths(-1);
    m_page->setPeriod(first, first.addMonths(1).addDays(-1));
    connect(m_page, &SamplingPage::drawRequested, this, &SamplingController::draw);
    connect(m_page, &SamplingPage::findingRequested, this, &SamplingController::recordFinding);
    connect(m_page, &SamplingPage::closeRequested, this, &SamplingController::close);
    refresh();
}

void SamplingController::refresh()
{
    auto draws = m_service.draws();
    if (!draws) {
        m_page->showMessage(draws.error().fullText(), true);
        return;
    }
    m_page->showDraws(*draws);
}

void SamplingController::draw(const QDate& from, const QDate& to, int count)
{
    auto d = m_service.draw(from, to, count);
    if (!d) {
        m_page->showMessage(d.error().fullText(), true);
        return;
    }
    m_page->showMessage(
        tr("%1 of %2 cases drawn (seed %3).").arg(d->cases.size()).arg(d->population).arg(d->seed),
        false);
    refresh();
}

bool SamplingController::chosen(const QString& caseNumber)
{
    if (!caseNumber.isEmpty())
        return true;
    m_page->showMessage(tr("Choose a sampled case in the table first."), true);
    return false;
}

void SamplingController::recordFinding(const QString& drawId, const QString& caseNumber,
                                       const QString& finding, const QString& rectification)
{
    if (!chosen(caseNumber))
        return;
    auto c = m_service.recordFinding(caseNumber, finding, rectification, drawId);
    if (!c) {
        m_page->showMessage(c.error().fullText(), true);
        return;
    }
    m_page->findingEdit()->clear();
    m_page->rectificationEdit()->clear();
    m_page->showMessage(tr("Finding recorded for %1.").arg(caseNumber), false);
    refresh();
}

void SamplingController::close(const QString& drawId, const QString& caseNumber,
                               const QString& note)
{
    if (!chosen(caseNumber))
        return;
    auto c = m_service.close(caseNumber, note, drawId);
    if (!c) {
        m_page->showMessage(c.error().fullText(), true);
        return;
    }
    m_page->noteEdit()->clear();
    m_page->showMessage(tr("Case %1 closed.").arg(caseNumber), false);
    refresh();
}

} // namespace ow::ui
