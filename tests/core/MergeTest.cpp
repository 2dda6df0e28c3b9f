#include "TestSupport.h"

#include "catalogue/Condition.h"
#include "catalogue/Merge.h"

using namespace ow;

namespace {

Material material(const QString& id, MaterialForm form, Requirement req,
                  const QString& condition = {}, int copies = 1)
{
    Material m;
    m.id = id;
    m.name = id;
    m.form = form;
    m.requirement = req;
    m.condition = condition;
    m.copies = copies;
    return m;
}

Item item(const QString& code, QList<Material> materials, QList<FormField> form = {},
          int promised = 5)
{
    Item i;
    i.code = code;
    i.name = code;
    i.materials = std::move(materials);
    i.form = std::move(form);
    i.promisedLimitDays = promised;
    i.legalLimitDays = 20;
    return i;
}

FormField field(const QString& key, bool required, FieldType type = FieldType::Text,
                QStringList options = {})
{
    FormField f;
    f.key = key;
    f.label = key;
    f.required = required;
    f.type = type;
    f.options = std::move(options);
    return f;
}

const MergedMaterial* find(const QList<MergedMaterial>& list, const QString& id)
{
    for (const MergedMaterial& m : list)
        if (m.material.id == id)
            return &m;
    return nullptr;
}

} // namespace

TEST_CASE("Merge: each material once, in order of first appearance, with its items")
{
    const QList<Item> items{
        item(QStringLiteral("A"), {material(QStringLiteral("id-card"), MaterialForm::Copy,
                                            Requirement::Required),
                                   material(QStringLiteral("lease"), MaterialForm::Original,
                                            Requirement::Required)}),
        item(QStringLiteral("B"), {material(QStringLiteral("plan"), MaterialForm::Original,
                                            Requirement::Required),
                                   material(QStringLiteral("id-card"), MaterialForm::Original,
                                            Requirement::Required)})};
    const auto merged = mergeMaterials(items);
    REQUIRE(merged.size() == 3);
    CHECK(merged[0].material.id == QStringLiteral("id-card"));
    CHECK(merged[1].material.id == QStringLiteral("lease"));
    CHECK(merged[2].material.id == QStringLiteral("plan"));
    CHECK(merged[0].itemCodes == QStringList{QStringLiteral("A"), QStringLiteral("B")});
    CHECK(merged[1].itemCodes == QStringList{QStringLiteral("A")});
    // Pointers work the same.
    CHECK(mergeMaterials(QList<const Item*>{&items[0], &items[1]}).size() == 3);
}

TEST_CASE("Merge: required beats conditional beats optional, conditions are OR-ed")
{
    const QList<Item> items{
        item(QStringLiteral("A"),
             {material(QStringLiteral("poa"), MaterialForm::Original, Requirement::Conditional,
                       QStringLiteral("agent")),
              material(QStringLiteral("licence"), MaterialForm::Copy, Requirement::Optional),
              material(QStringLiteral("photo"), MaterialForm::Original, Requirement::Optional)}),
        item(QStringLiteral("B"),
             {material(QStringLiteral("poa"), MaterialForm::Original, Requirement::Required),
              material(QStringLiteral("licence"), MaterialForm::Copy, Requirement::Conditional,
                       QStringLiteral("applicant.kind == \"legal\"")),
              material(QStringLiteral("photo"), MaterialForm::Original, Requirement::Optional)}),
        item(QStringLiteral("C"),
             {material(QStringLiteral("licence"), MaterialForm::Copy, Requirement::Conditional,
                       QStringLiteral("form.shop || agent"))})};
    const auto merged = mergeMaterials(items);
    const MergedMaterial* poa = find(merged, QStringLiteral("poa"));
    REQUIRE(poa);
    CHECK(poa->material.requirement == Requirement::Required);
    CHECK(poa->material.condition.isEmpty());

    const MergedMaterial* licence = find(merged, QStringLiteral("licence"));
    REQUIRE(licence);
    CHECK(licence->material.requirement == Requirement::Conditional);
    auto cond = Condition::parse(licence->material.condition);
    REQUIRE(cond.ok());
    CHECK(cond->evaluate({{QStringLiteral("applicant.kind"), QStringLiteral("legal")}}));
    CHECK(cond->evaluate({{QStringLiteral("agent"), true}}));
    CHECK_FALSE(cond->evaluate({{QStringLiteral("applicant.kind"), QStringLiteral("natural")}}));
    CHECK(licence->itemCodes.size() == 3);

    CHECK(find(merged, QStringLiteral("photo"))->material.requirement == Requirement::Optional);
}

TEST_CASE("Merge: the strictest form and the most copies win")
{
    CHECK(stricterForm(MaterialForm::Copy, MaterialForm::Original) == MaterialForm::Original);
    CHECK(stricterForm(MaterialForm::OriginalAndCopy, MaterialForm::Original) ==
          MaterialForm::OriginalAndCopy);
    CHECK(stricterForm(MaterialForm::Electronic, MaterialForm::Copy) == MaterialForm::Copy);
    CHECK(stricterForm(MaterialForm::Electronic, MaterialForm::Electronic) ==
          MaterialForm::Electronic);

    Material a = material(QStringLiteral("id"), MaterialForm::Electronic, Requirement::Required,
                          {}, 3);
    a.note = QStringLiteral("扫描件");
    Material b = material(QStringLiteral("id"), MaterialForm::Original, Requirement::Required, {}, 1);
    b.source = MaterialSource::Government;
    b.reusable = true;
    b.note = QStringLiteral("核验原件");
    Material c = material(QStringLiteral("id"), MaterialForm::Copy, Requirement::Required, {}, 2);
    c.note = QStringLiteral("扫描件");
    const auto merged = mergeMaterials(QList<Item>{item(QStringLiteral("A"), {a}),
                                                   item(QStringLiteral("B"), {b}),
                                                   item(QStringLiteral("C"), {c})});
    REQUIRE(merged.size() == 1);
    CHECK(merged[0].material.form == MaterialForm::Original);
    CHECK(merged[0].material.copies == 3);
    CHECK(merged[0].material.source == MaterialSource::Government);
    CHECK(merged[0].material.reusable);
    CHECK(merged[0].material.note == QStringLiteral("扫描件；核验原件"));
}

TEST_CASE("Merge: form fields by key, required if any requires")
{
    const QList<Item> items{
        item(QStringLiteral("A"), {},
             {field(QStringLiteral("phone"), false),
              field(QStringLiteral("kind"), false, FieldType::Choice, {QStringLiteral("x")})}),
        item(QStringLiteral("B"), {},
             {field(QStringLiteral("area"), false), field(QStringLiteral("phone"), true),
              field(QStringLiteral("kind"), false, FieldType::Choice,
                    {QStringLiteral("x"), QStringLiteral("y")})})};
    const auto merged = mergeFormFields(items);
    REQUIRE(merged.size() == 3);
    CHECK(merged[0].field.key == QStringLiteral("phone"));
    CHECK(merged[0].field.required);
    CHECK(merged[0].itemCodes == QStringList{QStringLiteral("A"), QStringLiteral("B")});
    CHECK(merged[1].field.options == QStringList{QStringLiteral("x"), QStringLiteral("y")});
    CHECK(merged[2].field.key == QStringLiteral("area"));
    CHECK_FALSE(merged[2].field.required);
}

TEST_CASE("Merge: the combined promised limit")
{
    QList<Item> items{item(QStringLiteral("A"), {}, {}, 5), item(QStringLiteral("B"), {}, {}, 12)};
    CHECK(combinedPromisedLimit(items) == 12);
    JointItem joint;
    joint.promisedLimitDays = 10;
    CHECK(combinedPromisedLimit(items, &joint) == 10);
    items[1].handling = HandlingType::Immediate;
    CHECK(combinedPromisedLimit(items) == 5);
    CHECK(combinedPromisedLimit({}) == 0);
}
