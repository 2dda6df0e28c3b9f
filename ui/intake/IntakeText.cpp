#include "IntakeText.h"

#include "cases/CaseStatus.h"

namespace ow::ui {

QString IntakeText::state(MaterialState state)
{
    switch (state) {
    case MaterialState::Pending:
        return tr("To check");
    case MaterialState::Received:
        return tr("Received");
    case MaterialState::Reused:
        return tr("Reused");
    case MaterialState::Missing:
        return tr("Missing");
    case MaterialState::Defective:
        return tr("Defective");
    }
    return {};
}

QString IntakeText::reuseSource(const QString& label)
{
    const qsizetype colon = label.indexOf(QLatin1Char(':'));
    if (colon < 0)
        return label;
    const QString kind = label.left(colon);
    const QString ref = label.mid(colon + 1);
    if (kind == QLatin1String("case"))
        return tr("from case %1").arg(ref);
    if (kind == QLatin1String("elicence"))
        return tr("from e-licence %1").arg(ref);
    return label;
}

QString IntakeText::reuseSource(const ReusableMaterial& material)
{
    return reuseSource(material.sourceLabel());
}

QString IntakeText::creditGrade(CreditGrade grade)
{
    switch (grade) {
    case CreditGrade::None:
        return tr("No grade");
    case CreditGrade::A:
        return tr("Grade A");
    case CreditGrade::B:
        return tr("Grade B");
    case CreditGrade::C:
        return tr("Grade C");
    case CreditGrade::Blacklist:
        return tr("Blacklist");
    }
    return {};
}

QString IntakeText::delivery(Delivery method)
{
    switch (method) {
    case Delivery::Pickup:
        return tr("Pick-up at the window");
    case Delivery::Ems:
        return tr("EMS mail (free)");
    case Delivery::Locker:
        return tr("Self-service locker");
    }
    return {};
}

QString IntakeText::caseStatus(const QString& storedStatus)
{
    if (auto s = caseStatusFromString(storedStatus))
        return displayName(*s);
    return storedStatus;
}

QString IntakeText::applicantField(const QString& name)
{
    if (name == QLatin1String("name"))
        return tr("Name");
    if (name == QLatin1String("phone"))
        return tr("Phone");
    if (name == QLatin1String("address"))
        return tr("Address");
    if (name == QLatin1String("legalRepresentative"))
        return tr("Legal representative");
    if (name == QLatin1String("contactName"))
        return tr("Contact");
    if (name == QLatin1String("contactPhone"))
        return tr("Contact phone");
    if (name == QLatin1String("agent.name"))
        return tr("Agent's name");
    if (name == QLatin1String("agent.idNumber"))
        return tr("Agent's ID number");
    if (name == QLatin1String("agent.phone"))
        return tr("Agent's phone");
    return tr("Applicant's details");
}

} // namespace ow::ui
