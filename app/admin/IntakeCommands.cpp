// onewindow-admin intake --json FILE   and   case show NUMBER [--json]
#include "AdminCommand.h"
#include "applicants/ApplicantJson.h"
#include "applicants/ApplicantRepository.h"
#include "calendar/WorkCalendar.h"
#include "cases/CaseJson.h"
#include "cases/CaseRepository.h"
#include "catalogue/CatalogueService.h"
#include "intake/IntakeRequest.h"
#include "intake/IntakeService.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace ow::admin {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::admin", s); // the context lupdate files them under
}

Result<QByteArray> readInput(const QString& file)
{
    QFile f;
    if (file == QLatin1String("-")) {
        if (!f.open(stdin, QIODevice::ReadOnly))
            return Error::invalid(tr("Cannot read the standard input."));
    } else {
        f.setFileName(file);
        if (!f.open(QIODevice::ReadOnly))
            return Error::invalid(tr("Cannot read %1: %2").arg(file, f.errorString()));
    }
    return f.readAll();
}

// A refused intake, every problem on its line with its path in the request:
// a material by its id (materials[water-quality-report]), for the operator
// who fixes the file.
QString refusalText(const Error& e)
{
    QStringList lines{e.message};
    for (const Problem& p : e.problems) {
        QString where = p.where;
        if (where == QLatin1String("materials") && !p.field.isEmpty())
            where += QLatin1Char('[') + p.field + QLatin1Char(']');
        lines << QStringLiteral("  ") +
                     (where.isEmpty() ? p.message : where + QStringLiteral(": ") + p.message);
    }
    return lines.join(QLatin1Char('\n'));
}

// The line and column of a byte offset, for JSON syntax errors.
QString lineAndColumn(const QByteArray& data, int offset)
{
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < data.size(); ++i) {
        if (data.at(i) == '\n') {
            ++line;
            column = 1;
        } else if ((data.at(i) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return tr("line %1, column %2").arg(line).arg(column);
}

void printDecision(QTextStream& err, const Decision& d)
{
    if (d.alreadyDecided) {
        err << tr("already decided: %1; nothing was written").arg(d.number()) << '\n';
        return;
    }
    for (const CreditFlag& f : d.creditFlags)
        err << tr("note: %1").arg(f.message) << '\n';
    switch (d.kind) {
    case DecisionKind::Accept:
        err << tr("accepted: case %1, status %2, visit %3")
                   .arg(d.caseNumber, displayName(d.status))
                   .arg(d.visit);
        if (d.promisedDate.isValid())
            err << ", " << tr("promised %1").arg(d.promisedDate.toString(Qt::ISODate));
        if (d.promisedProvisional)
            err << ' ' << tr("(provisional: the holiday calendar of that year is not published)");
        err << '\n';
        break;
    case DecisionKind::Correct:
        err << tr("correction requested: notice %1, visit %2, %3 line(s)")
                   .arg(d.noticeNumber)
                   .arg(d.visit)
                   .arg(d.correctionLines.size())
            << '\n';
        for (const CorrectionLine& l : d.correctionLines)
            err << "  " << l.materialId << ": " << l.whatToBring << '\n';
        break;
    case DecisionKind::Refuse:
        err << tr("not accepted: notice %1").arg(d.noticeNumber) << '\n';
        break;
    }
}

struct IntakeRun
{
    Database& db;
    const CatalogueService& catalogue;
    IntakeContext defaults;
};

// One intake document: its number on success, or every problem.
Result<Decision> runOne(IntakeRun& s, const QJsonValue& doc, const QString& path)
{
    if (!doc.isObject()) {
        const QString msg = tr("An intake document is a JSON object.");
        return Error::invalid(msg, {{path, QString(), msg}});
    }
    auto request = IntakeRequest::fromJson(doc.toObject(), path);
    if (!request)
        return request.error();
    const WorkCalendar calendar = WorkCalendar::published(s.db);
    IntakeService service(s.db, s.catalogue, calendar, request->context(s.defaults));
    return request->run(service);
}

int intakeCommand(AdminContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    const QString file = takeOption(args, QStringLiteral("--json"));
    IntakeContext defaults;
    // The command line runs as the machine's operator (Session::system()),
    // recorded as "system" in the audit log with the document's clerk.
    defaults.session = Session::system();
    defaults.siteCode = takeOption(args, QStringLiteral("--site"));
    defaults.window = takeOption(args, QStringLiteral("--window"));
    defaults.clerk = takeOption(args, QStringLiteral("--clerk"));
    const QString level = takeOption(args, QStringLiteral("--site-level"));
    if (level == QLatin1String("town"))
        defaults.siteLevel = Level::Town;
    else if (level == QLatin1String("village"))
        defaults.siteLevel = Level::Village;
    if (file.isEmpty() || !args.isEmpty()) {
        ctx.err << tr("usage: onewindow-admin intake --json FILE|- [--site CODE] "
                      "[--site-level city|town|village] [--window W] [--clerk NAME]")
                << '\n';
        return 2;
    }
    auto data = readInput(file);
    if (!data) {
        ctx.err << data.error().fullText() << '\n';
        return 1;
    }
    QJsonParseError perr;
    const QJsonDocument json = QJsonDocument::fromJson(*data, &perr);
    if (json.isNull()) {
        ctx.err << tr("%1: not JSON (%2): %3")
                       .arg(file == QLatin1String("-") ? tr("standard input") : file,
                            lineAndColumn(*data, perr.offset), perr.errorString())
                << '\n';
        return 1;
    }
    Database* db = ctx.store();
    if (!db)
        return 1;
    CatalogueService catalogue(*db);
    if (Status s = catalogue.load(); !s) {
        ctx.err << s.error().fullText() << '\n';
        return 1;
    }
    IntakeRun session{*db, catalogue, defaults};

    if (json.isObject()) {
        auto decided = runOne(session, json.object(), QString());
        if (!decided) {
            ctx.err << refusalText(decided.error()) << '\n';
            return 1;
        }
        ctx.out << decided->number() << '\n';
        printDecision(ctx.err, *decided);
        return 0;
    }

    // A batch: each element succeeds or fails on its own, and is said (and
    // flushed) as soon as it is decided, so that a batch cut off shows what
    // was done; run again, what was done is "already decided".
    const QJsonArray batch = json.array();
    QStringList failed;
    int succeeded = 0;
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const QString path = QStringLiteral("[%1]").arg(i);
        auto decided = runOne(session, batch.at(i), path);
        if (decided) {
            ++succeeded;
            ctx.out << path << ' ' << decided->number()
                    << (decided->alreadyDecided ? " already decided" : "") << '\n';
            printDecision(ctx.err, *decided);
        } else {
            failed << path;
            ctx.out << path << " FAILED\n";
            ctx.err << path << ": " << refusalText(decided.error()) << '\n';
        }
        ctx.err.flush();
        ctx.out.flush();
    }
    ctx.out << tr("batch: %1 of %2 succeeded").arg(succeeded).arg(batch.size());
    if (!failed.isEmpty())
        ctx.out << "; " << tr("failed: %1").arg(failed.join(QStringLiteral(", ")));
    ctx.out << '\n';
    return failed.isEmpty() ? 0 : 1;
}

void printCase(QTextStream& out, const CaseRecord& c, const std::optional<Applicant>& applicant,
               const std::optional<Agent>& agent)
{
    out << tr("Case %1").arg(c.caseNumber.isEmpty() ? tr("(no case number yet)") : c.caseNumber)
        << '\n';
    out << "  " << tr("status: %1 (%2)").arg(toString(c.status), displayName(c.status)) << '\n';
    if (applicant)
        out << "  " << tr("applicant: %1 %2").arg(applicant->name, applicant->key()) << '\n';
    if (agent)
        out << "  " << tr("agent: %1 %2").arg(agent->name, agent->idNumber) << '\n';
    out << "  "
        << tr("site %1, window %2, clerk %3, channel %4, visit %5")
               .arg(c.place.siteCode, c.place.window, c.place.clerk, toString(c.channel))
               .arg(c.visits)
        << '\n';
    if (c.promisedDate.isValid())
        out << "  "
            << tr("promised: %1 (%2 working days)%3")
                   .arg(c.promisedDate.toString(Qt::ISODate))
                   .arg(c.promisedDays)
                   .arg(c.promisedProvisional ? tr(", provisional") : QString())
            << '\n';
    out << "  " << tr("delivery: %1 %2").arg(deliveryName(c.delivery.method), c.delivery.address)
        << '\n';
    for (const CaseItem& i : c.items)
        out << "  " << tr("item %1 v%2 %3").arg(i.code).arg(i.version).arg(i.name)
            << (i.jointCode.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(i.jointCode))
            << '\n';
    for (const CaseMaterial& m : c.materials) {
        out << "  " << tr("material %1 %2: %3").arg(m.materialId, m.name, toString(m.state));
        if (m.presented)
            out << ' ' << materialFormName(*m.presented) << " x" << m.count;
        if (!m.reusedFrom.isEmpty())
            out << ' ' << m.reusedFrom;
        if (!m.defectReason.isEmpty())
            out << ' ' << m.defectReason;
        out << '\n';
    }
    for (const StatusChange& h : c.history)
        out << "  "
            << tr("%1 %2 -> %3 by %4 at %5/%6")
                   .arg(storedTime(h.at), h.from.isEmpty() ? QStringLiteral("-") : h.from, h.to,
                        h.place.clerk, h.place.siteCode, h.place.window)
            << '\n';
    for (const CorrectionRecord& cr : c.corrections) {
        out << "  " << tr("correction %1 (%2)").arg(cr.number, cr.state) << '\n';
        for (const CorrectionLine& l : cr.lines)
            out << "    " << l.materialId << ": " << l.whatToBring << '\n';
    }
    for (const RefusalRecord& r : c.refusals)
        out << "  "
            << tr("refusal %1: %2 (%3) %4").arg(r.number, r.reason, r.legalBasis, r.competentBody)
            << '\n';
}

int caseShowCommand(AdminContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    const bool asJson = takeFlag(args, QStringLiteral("--json"));
    if (args.size() != 1) {
        ctx.err << tr("usage: onewindow-admin case show NUMBER [--json]") << '\n';
        return 2;
    }
    Database* db = ctx.store();
    if (!db)
        return 1;
    auto found = CaseRepository(*db).findByNumber(args.first());
    if (!found) {
        ctx.err << found.error().fullText() << '\n';
        return 1;
    }
    if (!found->has_value()) {
        ctx.err << tr("No case or notice has the number %1.").arg(args.first()) << '\n';
        return 1;
    }
    const CaseRecord& c = **found;
    ApplicantRepository applicants(*db);
    auto applicant = applicants.findById(c.applicantId);
    auto agent = c.agentId.isEmpty() ? Result<std::optional<Agent>>(std::optional<Agent>())
                                     : applicants.findAgentById(c.agentId);
    if (!applicant || !agent) {
        ctx.err << (!applicant ? applicant.error() : agent.error()).fullText() << '\n';
        return 1;
    }
    if (asJson) {
        QJsonObject o = caseToJson(c);
        if (applicant->has_value())
            o.insert(QStringLiteral("applicant"), applicantToJson(**applicant));
        if (agent->has_value())
            o.insert(QStringLiteral("agent"), agentToJson(**agent));
        ctx.out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
        return 0;
    }
    printCase(ctx.out, c, *applicant, *agent);
    return 0;
}

[[maybe_unused]] const bool registered =
    registerCommand({QStringLiteral("intake"),
                     QStringLiteral("onewindow-admin intake --json FILE|- [--site CODE] "
                                    "[--site-level city|town|village] [--window W] [--clerk NAME]"),
                     intakeCommand}) &&
    registerCommand({QStringLiteral("case show"),
                     QStringLiteral("onewindow-admin case show NUMBER [--json]"), caseShowCommand});

} // namespace

} // namespace ow::admin
