#pragma once

#include "applicants/Applicant.h"
#include "cases/CaseRecord.h"

#include <QCoreApplication>
#include <QString>

namespace ow::ui {

// The intake's states and sources in the clerk's words (translated).
class IntakeText
{
    Q_DECLARE_TR_FUNCTIONS(IntakeText)
public:
    static QString state(MaterialState state);
    // "case:<number>" / "elicence:<number>" in words.
    static QString reuseSource(const QString& label);
    static QString reuseSource(const ReusableMaterial& material);
    static QString creditGrade(CreditGrade grade);
    static QString delivery(Delivery method);
    // An applicant's or agent's field by the name the problems use ("name",
    // "phone", "address", "agent.name", "agent.idNumber", ...).
    static QString applicantField(const QString& name);
    static QString caseStatus(const QString& storedStatus);
};

} // namespace ow::ui
