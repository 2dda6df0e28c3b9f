// What the intake says to the clerk names each material and each form field
// by the name the clerk reads (合法稳定住所证明, 户籍地址), never by the id or
// key the catalogue gives it (residence-proof, hukou_address); the problems
// keep those ids for the screen to find the line or the field.
#include "IntakeFixture.h"

#include <catch2/catch.hpp>

using namespace ow;
using namespace ow::test;

namespace {

const QString kResidenceProof = QStringLiteral("residence-proof");
const QString kResidenceProofName =
    QStringLiteral("合法稳定住所证明（房屋产权证明、租赁合同或单位宿舍证明）");

} // namespace

TEST_CASE("the residence permit refused for want of a material and a field names both as the "
          "clerk reads them",
          "[intake]")
{
    IntakeFixture f;
    Intake intake = f.service->begin();
    REQUIRE(f.service
                ->setApplicant(intake, naturalPerson(QStringLiteral("王建华"),
                                                     QStringLiteral("320581196503151239")))
                .ok());
    REQUIRE(intake.addItem(QStringLiteral("GAJ-QR-002")).ok());
    REQUIRE(intake.checklist().line(kResidenceProof) != nullptr);
    REQUIRE(intake.checklist().markMissing(kResidenceProof, QStringLiteral("租赁合同复印件")).ok());

    const QList<Problem> problems = f.service->acceptProblems(intake, {});
    QStringList messages;
    bool materialNamed = false, fieldNamed = false;
    for (const Problem& p : problems) {
        messages << p.message;
        if (p.field == kResidenceProof) {
            materialNamed = true;
            CHECK(p.message.contains(kResidenceProofName));
            CHECK(p.message.contains(QStringLiteral("租赁合同复印件")));
        }
        if (p.where == QLatin1String("form.hukou_address")) {
            fieldNamed = true;
            CHECK(p.message.contains(QStringLiteral("户籍地址")));
        }
    }
    INFO(messages.join(QLatin1Char('\n')).toStdString());
    CHECK(materialNamed);
    CHECK(fieldNamed);
    for (const QString& m : messages) {
        CHECK_FALSE(m.contains(kResidenceProof));
        CHECK_FALSE(m.contains(QLatin1String("hukou_address")));
    }

    // Marking the checklist: the material by its name in each refusal.
    Checklist& checklist = intake.checklist();
    const Status defect = checklist.markDefective(kResidenceProof, QStringLiteral("  "));
    REQUIRE_FALSE(defect.ok());
    CHECK(defect.error().message.contains(kResidenceProofName));
    CHECK_FALSE(defect.error().message.contains(kResidenceProof));
    const Status copies = checklist.markReceived(kResidenceProof, MaterialForm::Copy, 0);
    REQUIRE_FALSE(copies.ok());
    CHECK(copies.error().message.contains(kResidenceProofName));
    const Status reused = checklist.markReused(kResidenceProof, {});
    REQUIRE_FALSE(reused.ok());
    CHECK(reused.error().message.contains(kResidenceProofName));
    CHECK_FALSE(reused.error().message.contains(kResidenceProof));
}
