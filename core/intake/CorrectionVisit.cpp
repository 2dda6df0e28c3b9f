#include "applicants/ApplicantRepository.h"
#include "cases/CaseRepository.h"
#include "intake/IntakeService.h"

#include <QCoreApplication>

// A correction taken up again by its notice number (IntakeService::correctionVisit).
namespace ow {

namespace {

const CorrectionRecord* noticeOf(const CaseRecord& c, const QString& number)
{
    for (const CorrectionRecord& r : c.corrections)
        if (r.number == number)
            return &r;
    return nullptr;
}

// The items as the clerk chose them: a joint item once, by its own code.
QStringList chosenCodes(const CaseRecord& c)
{
    QStringList out;
    for (const CaseItem& i : c.items) {
        const QString code = i.jointCode.isEmpty() ? i.code : i.jointCode;
        if (!out.contains(code))
            out << code;
    }
    return out;
}

} // namespace

Result<CorrectionVisit> IntakeService::correctionVisit(const QString& noticeNumber) const
{
    const QString number = noticeNumber.trimmed();
    auto found = CaseRepository(m_db).findByNumber(number);
    if (!found)
        return found.error();
    const CorrectionRecord* notice = found->has_value() ? noticeOf(**found, number) : nullptr;
    if (!notice)
        return Error::notFound(
            QCoreApplication::translate("ow::IntakeService",
                                        "There is no correction notice with the number %1.")
                .arg(number));
    const CaseRecord& c = **found;
    if (notice->state != QLatin1String("open") || c.status != CaseStatus::CorrectionRequested)
        return Error::conflict(
            QCoreApplication::translate("ow::IntakeService",
                                        "The correction %1 is no longer open: its case is %2.")
                .arg(number, displayName(c.status)));
    auto applicant = ApplicantRepository(m_db).findById(c.applicantId);
    if (!applicant)
        return applicant.error();
    if (!applicant->has_value())
        return Error::notFound(
            QCoreApplication::translate("ow::IntakeService",
                                        "The applicant of the correction %1 is not in this store.")
                .arg(number));
    return CorrectionVisit{*notice, (*applicant)->key(), chosenCodes(c)};
}

} // namespace ow
