#include "ItemDetailView.h"

#include "CatalogueText.h"
#include "MaterialTableModel.h"
#include "widgets/FitTableView.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QStackedLayout>
#include <QVBoxLayout>

namespace ow::ui {

namespace {

QLabel* makeHeading(QWidget* parent)
{
    auto* label = new QLabel(parent);
    QFont f = label->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.1);
    label->setFont(f);
    label->setContentsMargins(0, 10, 0, 2);
    return label;
}

QLabel* makeBody(QWidget* parent, const QString& name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return label;
}

} // namespace

ItemDetailView::ItemDetailView(QWidget* parent)
    : QWidget(parent), m_stack(new QStackedLayout(this)), m_empty(new QLabel(this)),
      m_materialsModel(new MaterialTableModel(this))
{
    m_empty->setObjectName(QStringLiteral("detailEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setText(tr("Search for an item to see its materials and conditions."));

    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("detailScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* content = new QWidget(scroll);
    content->setBackgroundRole(QPalette::Base);
    content->setAutoFillBackground(true);
    scroll->setWidget(content);

    m_name = makeBody(content, QStringLiteral("detailName"));
    QFont title = m_name->font();
    title.setBold(true);
    title.setPointSizeF(title.pointSizeF() * 1.5);
    m_name->setFont(title);
    m_badge = new QLabel(tr("Joint"), content);
    m_badge->setObjectName(QStringLiteral("detailBadge"));
    m_badge->setStyleSheet(QStringLiteral("QLabel { background: #E86A17; color: white; "
                                          "border-radius: 4px; padding: 2px 8px; }"));
    m_subtitle = makeBody(content, QStringLiteral("detailSubtitle"));
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);

    auto* header = new QHBoxLayout;
    header->setSpacing(10);
    header->addWidget(m_name);
    header->addWidget(m_badge, 0, Qt::AlignVCenter);
    header->addStretch(1);

    m_factGrid = new QGridLayout;
    m_factGrid->setHorizontalSpacing(12);
    m_factGrid->setVerticalSpacing(6);
    m_factGrid->setColumnStretch(1, 1);
    m_factGrid->setColumnStretch(3, 1);
    addFact(Fact::Category, QStringLiteral("category"), tr("Category"));
    addFact(Fact::ItemType, QStringLiteral("itemType"), tr("Item type"));
    addFact(Fact::Handling, QStringLiteral("handling"), tr("Handling"));
    addFact(Fact::TimeLimit, QStringLiteral("timeLimit"), tr("Time limit"));
    addFact(Fact::Visits, QStringLiteral("visits"), tr("Visits"));
    addFact(Fact::Fee, QStringLiteral("fee"), tr("Fee"));
    addFact(Fact::Levels, QStringLiteral("levels"), tr("Levels"));
    addFact(Fact::Universal, QStringLiteral("universal"), tr("Universal"));
    addFact(Fact::Delivery, QStringLiteral("delivery"), tr("Delivery"));
    addFact(Fact::Result, QStringLiteral("result"), tr("Result issued"));
    m_facts[Fact::Universal].first->setToolTip(tr("Any window at any site may accept it"));

    m_membersHeading = makeHeading(content);
    m_members = makeBody(content, QStringLiteral("detailMembers"));
    m_members->setTextFormat(Qt::RichText);

    m_materialsHeading = makeHeading(content);
    m_materialsHeading->setObjectName(QStringLiteral("detailMaterialsHeading"));
    m_materials = new FitTableView(content);
    m_materials->setObjectName(QStringLiteral("detailMaterials"));
    m_materials->setModel(m_materialsModel);
    m_materials->setSelectionMode(QAbstractItemView::NoSelection);
    m_materials->setFocusPolicy(Qt::NoFocus);
    m_materials->setAlternatingRowColors(true);
    m_materials->setStyleSheet(QStringLiteral("QTableView::item { padding: 3px 4px; }"));
    m_materials->horizontalHeader()->setHighlightSections(false);
    m_materials->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    m_conditionsHeading = makeHeading(content);
    m_conditionsHeading->setText(tr("Acceptance conditions"));
    m_conditions = makeBody(content, QStringLiteral("detailConditions"));
    m_basisHeading = makeHeading(content);
    m_basisHeading->setText(tr("Legal basis"));
    m_basis = makeBody(content, QStringLiteral("detailLegalBasis"));

    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(20, 16, 20, 20);
    layout->setSpacing(4);
    layout->addLayout(header);
    layout->addWidget(m_subtitle);
    layout->addSpacing(10);
    layout->addLayout(m_factGrid);
    layout->addWidget(m_membersHeading);
    layout->addWidget(m_members);
    layout->addWidget(m_materialsHeading);
    layout->addWidget(m_materials);
    layout->addWidget(m_conditionsHeading);
    layout->addWidget(m_conditions);
    layout->addWidget(m_basisHeading);
    layout->addWidget(m_basis);
    layout->addStretch(1);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(scroll);
    clear();
}

void ItemDetailView::addFact(Fact fact, const QString& key, const QString& caption)
{
    auto* name = new QLabel(caption, this);
    name->setForegroundRole(QPalette::PlaceholderText);
    name->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    auto* value = makeBody(this, QStringLiteral("fact_") + key);
    m_facts.insert(fact, {name, value});
    m_factOrder.append(fact);
}

void ItemDetailView::setFact(Fact fact, const QString& value)
{
    const auto& [name, label] = m_facts[fact];
    label->setText(value);
    name->setVisible(!value.isEmpty());
    label->setVisible(!value.isEmpty());
}

void ItemDetailView::layoutFacts()
{
    int index = 0;
    for (Fact fact : m_factOrder) {
        const auto& [name, value] = m_facts[fact];
        m_factGrid->removeWidget(name);
        m_factGrid->removeWidget(value);
        if (value->text().isEmpty())
            continue;
        m_factGrid->addWidget(name, index / 2, (index % 2) * 2);
        m_factGrid->addWidget(value, index / 2, (index % 2) * 2 + 1);
        ++index;
    }
}

QString ItemDetailView::factText(Fact fact) const
{
    return m_facts.value(fact).second ? m_facts.value(fact).second->text() : QString();
}

void ItemDetailView::setSection(QLabel* heading, QLabel* body, const QString& text)
{
    body->setText(text);
    heading->setVisible(!text.isEmpty());
    body->setVisible(!text.isEmpty());
}

void ItemDetailView::setHeader(const QString& name, const QString& subtitle, bool joint)
{
    m_name->setText(name);
    m_subtitle->setText(subtitle);
    m_badge->setVisible(joint);
    m_stack->setCurrentIndex(1);
}

void ItemDetailView::fitMaterialColumns(bool showItems)
{
    // Short columns at fixed widths (their text wraps); the name and the note
    // share the rest, so the table never scrolls sideways.
    const int em = m_materials->fontMetrics().horizontalAdvance(QChar(0x4E2D)); // 中
    QHeaderView* h = m_materials->horizontalHeader();
    h->setStretchLastSection(false);
    h->setMinimumSectionSize(em * 2);
    const auto fixed = [h](int column, int width) {
        h->setSectionResizeMode(column, QHeaderView::Fixed);
        h->resizeSection(column, width);
    };
    h->setSectionResizeMode(MaterialTableModel::Number, QHeaderView::ResizeToContents);
    h->setSectionResizeMode(MaterialTableModel::Copies, QHeaderView::ResizeToContents);
    fixed(MaterialTableModel::Form, em * 5);
    fixed(MaterialTableModel::Requirement, em * 7);
    fixed(MaterialTableModel::Source, em * 7);
    if (showItems)
        fixed(MaterialTableModel::Items, em * 5);
    m_materials->setColumnWeights({{MaterialTableModel::Name, 2}, {MaterialTableModel::Note, 3}});
}

void ItemDetailView::showItem(const Item& item)
{
    m_code = item.code;
    setHeader(item.name, item.code + QStringLiteral("  ·  ") + item.department, false);
    setFact(Fact::Category, item.category);
    setFact(Fact::ItemType, item.itemType);
    setFact(Fact::Handling, CatalogueText::handling(item.handling));
    setFact(Fact::TimeLimit, CatalogueText::limits(item.legalLimitDays, item.promisedLimitDays));
    setFact(Fact::Visits, CatalogueText::visits(item.visits));
    setFact(Fact::Fee, CatalogueText::fee(item.feeYuan, item.feeNote));
    setFact(Fact::Levels, CatalogueText::levels(item.levels));
    setFact(Fact::Universal, CatalogueText::yesNo(item.universal));
    setFact(Fact::Delivery, CatalogueText::delivery(item.delivery));
    setFact(Fact::Result, item.result);
    layoutFacts();
    setSection(m_membersHeading, m_members, {});

    QList<MaterialRow> rows;
    for (const Material& m : item.materials) {
        const QString condition = m.requirement == Requirement::Conditional
                                      ? CatalogueText::condition(m.condition, item.form)
                                      : QString();
        rows.append({m, condition, {}});
    }
    m_materialsModel->setRows(std::move(rows), false);
    fitMaterialColumns(false);
    m_materialsHeading->setText(tr("Materials (%1)").arg(item.materials.size()));
    setSection(m_conditionsHeading, m_conditions, item.acceptanceConditions);
    setSection(m_basisHeading, m_basis, item.legalBasis);
}

void ItemDetailView::showJoint(const JointItem& joint, const QList<const Item*>& members,
                               const QList<MergedMaterial>& merged, const QList<FormField>& fields,
                               int promisedDays)
{
    m_code = joint.code;
    setHeader(joint.name, joint.code, true);
    for (Fact f : {Fact::ItemType, Fact::Handling, Fact::Visits, Fact::Fee, Fact::Levels,
                   Fact::Universal, Fact::Delivery, Fact::Result})
        setFact(f, {});
    setFact(Fact::Category, joint.category);
    setFact(Fact::TimeLimit,
            tr("Promised %1 in all").arg(CatalogueText::workingDays(promisedDays)));
    layoutFacts();

    QStringList lines;
    QHash<QString, int> numbers; // code -> its number in the list of members
    for (const Item* item : members) {
        numbers.insert(item->code, int(lines.size()) + 1);
        lines << tr("%1. <b>%2</b> (%3), %4, %5")
                     .arg(lines.size() + 1)
                     .arg(item->name.toHtmlEscaped(), item->code.toHtmlEscaped(),
                          item->department.toHtmlEscaped(),
                          CatalogueText::limits(item->legalLimitDays, item->promisedLimitDays));
    }
    setSection(m_membersHeading, m_members, lines.join(QStringLiteral("<br>")));
    m_membersHeading->setText(tr("Member items (%1)").arg(members.size()));

    QList<MaterialRow> rows;
    for (const MergedMaterial& line : merged) {
        QStringList asking; // the members' numbers, or "All"
        for (const QString& code : line.itemCodes)
            asking << QString::number(numbers.value(code));
        if (asking.size() == members.size())
            asking = QStringList{tr("All")};
        const QString condition = line.material.requirement == Requirement::Conditional
                                      ? CatalogueText::condition(line.material.condition, fields)
                                      : QString();
        rows.append({line.material, condition, asking});
    }
    m_materialsModel->setRows(std::move(rows), true);
    fitMaterialColumns(true);
    m_materialsHeading->setText(tr("Merged materials (%1)").arg(merged.size()));
    setSection(m_conditionsHeading, m_conditions, {});
    setSection(m_basisHeading, m_basis, {});
}

void ItemDetailView::clear()
{
    m_code.clear();
    m_materialsModel->setRows({}, false);
    m_stack->setCurrentIndex(0);
}

} // namespace ow::ui
