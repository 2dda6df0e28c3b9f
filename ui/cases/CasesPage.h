#pragma once

#include "cases/CaseActions.h"
#include "cases/CaseQuery.h"
#include "cases/CaseRecord.h"
#include "documents/PrintJournal.h"

#include <QMap>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableView;
class QTableWidget;

namespace ow::ui {

class CaseListModel;

// One case opened: who and what, where a locker case's result waits, its
// whole status history, every document
// printed for it, with a reprint (a copy) of the one chosen, and a button
// for each legal next move (each with its Alt mnemonic), those the session
// may not do disabled with the reason as their tooltip.
class CaseDetailView : public QWidget
{
    Q_OBJECT
public:
    explicit CaseDetailView(QWidget* parent = nullptr);

    void clear();
    // `applicant`: the applicant's name as the list shows it.
    void showCase(const CaseRecord& record, const QString& applicant,
                  const QList<JournalEntry>& prints);

    // The locker a locker case's result was put in, its compartment and
    // pick-up code (hidden without a deposit).
    void showLocker(const std::optional<LockerDeposit>& deposit);

    QLabel* header() const { return m_header; }
    QLabel* locker() const { return m_locker; }
    QTableWidget* history() const { return m_history; }
    QTableWidget* documents() const { return m_documents; }
    QPushButton* reprintButton() const { return m_reprint; }
    // The print chosen in the documents table, if any.
    const JournalEntry* currentPrint() const;

    // The next moves: only those given are shown, in the order of allCaseActions().
    void setActions(const QList<CaseActionState>& actions);
    QPushButton* actionButton(CaseAction action) const { return m_actions.value(action); }
    // The actions whose buttons are shown.
    QList<CaseAction> shownActions() const;
    // What the last move did, or why the service refused it.
    void showOutcome(const QString& text, bool refused);
    QLabel* outcome() const { return m_outcome; }

    static QString actionLabel(CaseAction action);

signals:
    void reprintRequested(const ow::JournalEntry& entry);
    void actionRequested(ow::ui::CaseAction action);

private:
    QLabel* m_header;
    QLabel* m_locker;
    QTableWidget* m_history;
    QTableWidget* m_documents;
    QPushButton* m_reprint;
    QLabel* m_outcome;
    QMap<CaseAction, QPushButton*> m_actions;
    QList<JournalEntry> m_prints;
};

// The case pages (办件): the lists on the left with their counts, the search
// and filters above the list, the case opened below it.
class CasesPage : public QWidget
{
    Q_OBJECT
public:
    explicit CasesPage(QWidget* parent = nullptr);

    QListWidget* lists() const { return m_lists; }
    QLineEdit* searchEdit() const { return m_search; }
    QComboBox* statusFilter() const { return m_status; }
    QSpinBox* dueSoonDays() const { return m_dueSoon; }
    QTableView* table() const { return m_table; }
    CaseListModel* model() const { return m_model; }
    CaseDetailView* detail() const { return m_detail; }
    QLabel* summary() const { return m_summary; }

    // The list chosen on the left.
    CaseList currentList() const;
    void setCurrentList(CaseList list);
    void setListCount(CaseList list, int count);
    // The status chosen in the filter, if any.
    std::optional<CaseStatus> statusChosen() const;

    static QList<CaseList> allLists();
    static QString listName(CaseList list);

signals:
    // The list or the status filter changed (the counts may have too).
    void filterChanged();
    // The search text changed.
    void searchChanged();
    void caseOpened(const QString& caseId);
    void dueSoonDaysChanged(int days);

private:
    QListWidget* m_lists;
    QLineEdit* m_search;
    QComboBox* m_status;
    QSpinBox* m_dueSoon;
    QTableView* m_table;
    CaseListModel* m_model;
    CaseDetailView* m_detail;
    QLabel* m_summary;
};

} // namespace ow::ui
