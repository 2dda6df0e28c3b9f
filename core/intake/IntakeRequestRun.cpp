// IntakeRequest::run: a parsed intake document taken through IntakeService.
#include "intake/DecisionWriter.h"
#include "intake/IntakeRequest.h"
#include "intake/IntakeService.h"

#include <QCoreApplication>

namespace ow {

namespace {

QString prefixed(const QString& path, const QString& where)
{
    if (path.isEmpty())
        return where;
    return where.isEmpty() ? path : path + QLatin1Char('.') + where;
}

} // namespace

Result<Decision> IntakeRequest::run(IntakeService& service) const
{
    QList<Problem> problems;
    // Service problems name a field ("materials" + id, "items" + code);
    // the document names an element: point at it when there is one.
    auto locate = [&](Problem pr) {
        if (pr.where == QLatin1String("materials")) {
            for (qsizetype i = 0; i < materials.size(); ++i)
                if (materials[i].id == pr.field)
                    pr.where = QStringLiteral("materials[%1]").arg(i);
        } else if (pr.where == QLatin1String("items")) {
            const qsizetype i = items.indexOf(pr.field);
            if (i >= 0)
                pr.where = QStringLiteral("items[%1]").arg(i);
        }
        pr.where = prefixed(path, pr.where);
        return pr;
    };
    auto collect = [&](const Error& e) {
        if (e.problems.isEmpty())
            problems.append(locate({QString(), QString(), e.message}));
        for (const Problem& pr : e.problems)
            problems.append(locate(pr));
    };

    // Decided already (the batch runs again): the same answer, nothing built.
    if (const QString& id = service.context().requestId; !id.isEmpty()) {
        auto done = DecisionWriter::decided(service.database(), id);
        if (!done)
            return done.error();
        if (done->has_value())
            return **done;
    }

    Intake intake = service.begin();
    if (Status s = service.setApplicant(intake, applicant); !s)
        return s.error();
    intake.setAgent(agent);
    for (const QString& code : items)
        if (Status s = intake.addItem(code); !s)
            collect(s.error());
    intake.prefillForm();
    for (const auto& [key, value] : form)
        if (Status s = intake.setFormValue(key, value); !s)
            collect(s.error());
    if (Status s = service.resume(intake); !s)
        return s.error();
    for (qsizetype i = 0; i < materials.size(); ++i) {
        const MaterialMark& m = materials[i];
        Status s;
        switch (m.state) {
        case MaterialState::Received:
            s = intake.checklist().markReceived(m.id, m.form, m.count);
            break;
        case MaterialState::Reused:
            s = intake.checklist().markReused(m.id, m.from);
            break;
        case MaterialState::Missing:
            s = intake.checklist().markMissing(m.id, m.whatToBring);
            break;
        case MaterialState::Defective:
            s = intake.checklist().markDefective(m.id, m.reason, m.whatToBring);
            break;
        case MaterialState::Pending:
            s = intake.checklist().markPending(m.id);
            break;
        }
        if (!s) {
            for (Problem pr : s.error().problems) {
                pr.where = prefixed(path, QStringLiteral("materials[%1]").arg(i));
                problems.append(pr);
            }
        }
    }
    AcceptOptions accept;
    accept.channel = channel;
    accept.delivery = delivery;
    accept.creditWarningAcknowledged = acknowledgeCredit;
    accept.creditCodeOverride = override_;
    if (!problems.isEmpty()) {
        // Say everything at once: what the acceptance would refuse as well.
        if (decision == DecisionKind::Accept)
            for (const Problem& pr : service.acceptProblems(intake, accept))
                problems.append(locate(pr));
        return Error::invalid(QCoreApplication::translate("ow::IntakeRequest",
                                                          "The intake cannot be built as given."),
                              problems);
    }

    Result<Decision> decided = Error::invalid(QString());
    switch (decision) {
    case DecisionKind::Accept:
        decided = service.accept(intake, accept);
        break;
    case DecisionKind::Correct:
        decided = service.requestCorrection(intake, {channel, delivery});
        break;
    case DecisionKind::Refuse:
        decided = service.refuse(intake, {channel, reason, legalBasis, competentBody});
        break;
    }
    if (decided)
        return decided;
    collect(decided.error());
    Error e = decided.error();
    e.problems = problems;
    return e;
}

} // namespace ow
