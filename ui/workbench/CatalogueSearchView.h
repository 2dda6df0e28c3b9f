#pragma once

#include "catalogue/SearchIndex.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QAbstractItemModel;

namespace ow::ui {

// The search box, the filters and the result list. The keyboard stays in
// the search box: Up/Down/PageUp/PageDown move the selection, Enter picks,
// Esc clears the text (and, when it is already empty, the filters).
// When identifiers are routed (the workbench with an intake), an ID number
// or a credit code typed here (or read by a card reader) and ended with
// Enter is handed on as identifierEntered instead of searched.
class CatalogueSearchView : public QWidget
{
    Q_OBJECT
public:
    explicit CatalogueSearchView(QWidget* parent = nullptr);

    void setModel(QAbstractItemModel* model);
    void setCategories(const QStringList& categories);
    void setDepartments(const QStringList& departments);

    QString query() const;
    SearchFilter filter() const;
    bool hasFilter() const;
    void clearFilters();

    int currentRow() const;
    void setCurrentRow(int row);
    void setStatusText(const QString& text);

    QLineEdit* searchEdit() const { return m_search; }
    QListView* resultList() const { return m_results; }
    QComboBox* categoryCombo() const { return m_category; }
    QComboBox* departmentCombo() const { return m_department; }
    QComboBox* levelCombo() const { return m_level; }
    QComboBox* handlingCombo() const { return m_handling; }
    QCheckBox* universalCheck() const { return m_universal; }

    // Focuses the search box with its text selected, ready for a new query.
    void focusSearch();

    void setRoutesIdentifiers(bool routes) { m_routesIdentifiers = routes; }
    // An 18-character resident ID or credit code, or a 15-digit ID of the
    // first generation: what the clerk means as a person, not as an item.
    static bool looksLikeIdentifier(const QString& text);

signals:
    void queryChanged(const QString& query);
    void filterChanged();
    void currentRowChanged(int row);
    void picked(int row);
    void identifierEntered(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void moveCurrent(int delta);
    static void setChoices(QComboBox* combo, const QString& anyText, const QStringList& values);

    QLineEdit* m_search;
    QComboBox* m_category;
    QComboBox* m_department;
    QComboBox* m_level;
    QComboBox* m_handling;
    QCheckBox* m_universal;
    QLabel* m_status;
    QListView* m_results;
    bool m_routesIdentifiers = false;
};

} // namespace ow::ui
