#include "WorkbenchPage.h"

#include "CatalogueSearchController.h"
#include "CatalogueSearchView.h"
#include "ItemDetailView.h"

#include <QHBoxLayout>
#include <QKeySequence>
#include <QShortcut>
#include <QSplitter>
#include <QVBoxLayout>

namespace ow::ui {

WorkbenchPage::WorkbenchPage(CatalogueService& catalogue, QWidget* parent)
    : QWidget(parent), m_search(new CatalogueSearchView), m_detail(new ItemDetailView),
      m_controller(nullptr)
{
    setObjectName(QStringLiteral("workbenchPage"));
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("workbenchSplitter"));
    splitter->setChildrenCollapsible(false);
    auto* left = new QWidget(splitter);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(12, 12, 6, 12);
    leftLayout->addWidget(m_search);
    m_search->setParent(left);
    left->setMinimumWidth(340);
    splitter->addWidget(left);
    splitter->addWidget(m_detail);
    m_detail->setMinimumWidth(480);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({400, 880});

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    setFocusProxy(m_search);

    m_controller = new CatalogueSearchController(catalogue, m_search, m_detail, this);

    // Back to the search box from anywhere on the page.
    for (const QKeySequence& key : {QKeySequence(QKeySequence::Find), QKeySequence(Qt::Key_F3)}) {
        auto* shortcut = new QShortcut(key, this);
        connect(shortcut, &QShortcut::activated, m_search, &CatalogueSearchView::focusSearch);
    }
}

} // namespace ow::ui
