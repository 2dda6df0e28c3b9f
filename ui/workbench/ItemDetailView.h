#pragma once

#include "catalogue/Item.h"
#include "catalogue/Merge.h"

#include <QHash>
#include <QWidget>

class QGridLayout;
class QLabel;
class QStackedLayout;

namespace ow::ui {

class FitTableView;
class MaterialTableModel;

// Everything the clerk tells an applicant about one item (一口说清): the
// facts, the materials as a table, the conditions and the legal basis; for
// a joint item its members and their merged materials.
class ItemDetailView : public QWidget
{
    Q_OBJECT
public:
    // The facts shown in the grid; each value label is named "fact_<key>".
    enum class Fact {
        Category,
        ItemType,
        Handling,
        TimeLimit,
        Visits,
        Fee,
        Levels,
        Universal,
        Delivery,
        Result,
    };

    explicit ItemDetailView(QWidget* parent = nullptr);

    void showItem(const Item& item);
    // `merged`: the members' materials, each once; `fields`: their merged form
    // (to name the conditions); `promisedDays`: the combined promise.
    void showJoint(const JointItem& joint, const QList<const Item*>& members,
                   const QList<MergedMaterial>& merged, const QList<FormField>& fields,
                   int promisedDays);
    void clear();

    QString shownCode() const { return m_code; }
    QString factText(Fact fact) const;
    MaterialTableModel* materialsModel() const { return m_materialsModel; }

private:
    void addFact(Fact fact, const QString& key, const QString& caption);
    void setFact(Fact fact, const QString& value);
    // Lays the facts that have a value out two by two, without holes.
    void layoutFacts();
    void setSection(QLabel* heading, QLabel* body, const QString& text);
    void setHeader(const QString& name, const QString& subtitle, bool joint);
    void fitMaterialColumns(bool showItems);

    QString m_code;
    QStackedLayout* m_stack;
    QLabel* m_empty;
    QLabel* m_name;
    QLabel* m_badge;
    QLabel* m_subtitle;
    QGridLayout* m_factGrid;
    QHash<Fact, QPair<QLabel*, QLabel*>> m_facts; // caption, value
    QList<Fact> m_factOrder;
    QLabel* m_membersHeading;
    QLabel* m_members;
    QLabel* m_materialsHeading;
    FitTableView* m_materials;
    MaterialTableModel* m_materialsModel;
    QLabel* m_conditionsHeading;
    QLabel* m_conditions;
    QLabel* m_basisHeading;
    QLabel* m_basis;
};

} // namespace ow::ui
