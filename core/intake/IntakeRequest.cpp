#include "intake/IntakeRequest.h"

#include "applicants/Validators.h"
#include "text/TextRules.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>

namespace ow {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::IntakeRequest", s);
}

QString join(const QString& path, const QString& key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

QString indexed(const QString& path, qsizetype i)
{
    return path + QStringLiteral("[%1]").arg(i);
}

// Reads fields of JSON objects, collecting every problem with its path.
class Reader
{
public:
    QList<Problem> problems;

    void problem(const QString& where, const QString& message)
    {
        problems.append({where, where.section(QLatin1Char('.'), -1), message});
    }

    // Unknown fields are errors: a typo must not silently drop a fact.
    void onlyKeys(const QJsonObject& o, const QString& path, const QStringList& allowed)
    {
        for (auto it = o.begin(); it != o.end(); ++it)
            if (!allowed.contains(it.key()))
                problem(join(path, visibleText(it.key())),
                        QCoreApplication::translate("ow::IntakeRequest", "Unknown field \"%1\".")
                            .arg(visibleText(it.key())));
    }

    // A string, trimmed; it must hold no control character (textProblem()).
    QString text(const QJsonObject& o, const QString& path, const char* key, bool required = false,
                 int maxCodePoints = 500, TextLines lines = TextLines::One)
    {
        const QString k = QLatin1String(key);
        const QJsonValue v = o.value(k);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                problem(
                    join(path, k),
                    QCoreApplication::translate("ow::IntakeRequest", "\"%1\" is required.").arg(k));
            return {};
        }
        if (!v.isString()) {
            problem(join(path, k),
                    QCoreApplication::translate("ow::IntakeRequest", "\"%1\" must be a string.")
                        .arg(k));
            return {};
        }
        const QString s = v.toString().trimmed();
        if (const QString why = textProblem(s, lines); !why.isEmpty()) {
            problem(join(path, k), why);
            return {};
        }
        if (required && s.isEmpty())
            problem(join(path, k),
                    QCoreApplication::translate("ow::IntakeRequest", "\"%1\" must not be empty.")
                        .arg(k));
        if (s.toUcs4().size() > maxCodePoints)
            problem(join(path, k), QCoreApplication::translate(
                                       "ow::IntakeRequest", "\"%1\" is longer than %2 characters.")
                                       .arg(k)
                                       .arg(maxCodePoints));
        return s;
    }

    bool flag(const QJsonObject& o, const QString& path, const char* key)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return false;
        if (!v.isBool())
            problem(
                join(path, QLatin1String(key)),
                QCoreApplication::translate("ow::IntakeRequest", "\"%1\" must be true or false.")
                    .arg(QLatin1String(key)));
        return v.toBool();
    }

    int integer(const QJsonObject& o, const QString& path, const char* key, int fallback, int lo,
                int hi)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return fallback;
        const double d = v.toDouble(-1e18);
        // In range before whole: a number too large for an integer must
        // not be converted to see whether it is whole.
        if (!v.isDouble() || !(d >= lo && d <= hi) || d != std::trunc(d)) {
            problem(join(path, QLatin1String(key)),
                    QCoreApplication::translate("ow::IntakeRequest",
                                                "\"%1\" must be a whole number from %2 to %3.")
                        .arg(QLatin1String(key))
                        .arg(lo)
                        .arg(hi));
            return fallback;
        }
        return int(d);
    }

    template <typename T, typename F>
    std::optional<T> choice(const QJsonObject& o, const QString& path, const char* key,
                            F fromString, const QStringList& words, bool required = false)
    {
        const QString s = text(o, path, key, required);
        if (s.isEmpty())
            return std::nullopt;
        std::optional<T> v = fromString(s);
        if (!v)
            problem(join(path, QLatin1String(key)),
                    QCoreApplication::translate("ow::IntakeRequest", "\"%1\" is not one of: %2.")
                        .arg(s, words.join(QStringLiteral(", "))));
        return v;
    }

    QJsonObject object(const QJsonObject& o, const QString& path, const char* key,
                       bool required = false)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                problem(join(path, QLatin1String(key)),
                        QCoreApplication::translate("ow::IntakeRequest", "\"%1\" is required.")
                            .arg(QLatin1String(key)));
            return {};
        }
        if (!v.isObject())
            problem(join(path, QLatin1String(key)),
                    QCoreApplication::translate("ow::IntakeRequest", "\"%1\" must be an object.")
                        .arg(QLatin1String(key)));
        return v.toObject();
    }
};

std::optional<Level> levelFromString(const QString& s)
{
    if (s == QLatin1String("city"))
        return Level::City;
    if (s == QLatin1String("town"))
        return Level::Town;
    if (s == QLatin1String("village"))
        return Level::Village;
    return std::nullopt;
}

Applicant readApplicant(Reader& r, const QJsonObject& o, const QString& p)
{
    r.onlyKeys(o, p,
               {QStringLiteral("kind"), QStringLiteral("idType"), QStringLiteral("idNumber"),
                QStringLiteral("name"), QStringLiteral("sex"), QStringLiteral("birthDate"),
                QStringLiteral("phone"), QStringLiteral("address"), QStringLiteral("creditCode"),
                QStringLiteral("legalRepresentative"), QStringLiteral("legalRepIdNumber"),
                QStringLiteral("contactName"), QStringLiteral("contactPhone"),
                QStringLiteral("creditGrade")});
    Applicant a;
    a.kind = r.choice<ApplicantKind>(o, p, "kind", applicantKindFromString,
                                     {QStringLiteral("natural"), QStringLiteral("legal")})
                 .value_or(ApplicantKind::Natural);
    const QStringList idTypes{QStringLiteral("resident-id"),       QStringLiteral("passport"),
                              QStringLiteral("hk-macao-permit"),   QStringLiteral("taiwan-permit"),
                              QStringLiteral("foreign-permanent"), QStringLiteral("other")};
    a.idType =
        r.choice<IdType>(o, p, "idType", idTypeFromString, idTypes).value_or(IdType::ResidentId);
    a.name = r.text(o, p, "name", true, kMaxPersonNameLength);
    a.idNumber = r.text(o, p, "idNumber", !a.isLegal(), 64).toUpper();
    // Given, sex and birth date must say something: an empty or misspelt
    // value is refused, not dropped.
    const bool sexGiven = o.value(QStringLiteral("sex")).isString();
    qsizetype before = r.problems.size();
    a.sex = r.text(o, p, "sex");
    if (sexGiven && r.problems.size() == before && a.sex != QLatin1String("male") &&
        a.sex != QLatin1String("female")) {
        r.problem(
            join(p, QStringLiteral("sex")),
            QCoreApplication::translate("ow::IntakeRequest", "\"sex\" is \"male\" or \"female\"."));
        a.sex.clear();
    }
    const bool birthGiven = o.value(QStringLiteral("birthDate")).isString();
    before = r.problems.size();
    const QString birth = r.text(o, p, "birthDate");
    if (birthGiven && r.problems.size() == before) {
        if (const auto d = parseIsoDate(birth))
            a.birthDate = *d;
        else
            r.problem(join(p, QStringLiteral("birthDate")),
                      QCoreApplication::translate("ow::IntakeRequest",
                                                  "\"birthDate\" must be a real date written "
                                                  "YYYY-MM-DD (1970-03-14)."));
    }
    a.phone = r.text(o, p, "phone", false, 32);
    a.address = r.text(o, p, "address");
    a.creditCode = r.text(o, p, "creditCode", a.isLegal(), 18).toUpper();
    a.legalRepresentative = r.text(o, p, "legalRepresentative", false, kMaxPersonNameLength);
    a.legalRepIdNumber = r.text(o, p, "legalRepIdNumber", false, 64).toUpper();
    a.contactName = r.text(o, p, "contactName", false, kMaxPersonNameLength);
    a.contactPhone = r.text(o, p, "contactPhone", false, 32);
    a.creditGrade = r.choice<CreditGrade>(o, p, "creditGrade", creditGradeFromString,
                                          {QStringLiteral("A"), QStringLiteral("B"),
                                           QStringLiteral("C"), QStringLiteral("blacklist")})
                        .value_or(CreditGrade::None);
    if (!a.isLegal() && !a.creditCode.isEmpty())
        r.problem(join(p, QStringLiteral("creditCode")),
                  QCoreApplication::translate(
                      "ow::IntakeRequest",
                      "A natural person has no credit code: set \"kind\" to \"legal\"."));
    return a;
}

MaterialMark readMaterial(Reader& r, const QJsonObject& o, const QString& p)
{
    r.onlyKeys(o, p,
               {QStringLiteral("id"), QStringLiteral("state"), QStringLiteral("form"),
                QStringLiteral("count"), QStringLiteral("from"), QStringLiteral("reason"),
                QStringLiteral("whatToBring")});
    MaterialMark m;
    m.id = r.text(o, p, "id", true, 64);
    m.state = r.choice<MaterialState>(o, p, "state", materialStateFromString,
                                      {QStringLiteral("received"), QStringLiteral("reused"),
                                       QStringLiteral("missing"), QStringLiteral("defective"),
                                       QStringLiteral("pending")},
                                      true)
                  .value_or(MaterialState::Pending);
    m.form = r.choice<MaterialForm>(o, p, "form", materialFormFromName,
                                    {QStringLiteral("original"), QStringLiteral("copy"),
                                     QStringLiteral("electronic"), QStringLiteral("original+copy")})
                 .value_or(MaterialForm::Original);
    m.count = r.integer(o, p, "count", 1, 1, 999);
    m.from = r.text(o, p, "from", false, 200);
    m.reason = r.text(o, p, "reason");
    m.whatToBring = r.text(o, p, "whatToBring");
    if (m.state == MaterialState::Defective && m.reason.isEmpty())
        r.problem(
            join(p, QStringLiteral("reason")),
            QCoreApplication::translate("ow::IntakeRequest",
                                        "A defective material says what is wrong in \"reason\"."));
    return m;
}

} // namespace

Result<IntakeRequest> IntakeRequest::fromJson(const QJsonObject& json, const QString& path)
{
    Reader r;
    IntakeRequest req;
    req.path = path;
    const QString& p = path;
    r.onlyKeys(json, p,
               {QStringLiteral("format"), QStringLiteral("site"), QStringLiteral("siteLevel"),
                QStringLiteral("window"), QStringLiteral("clerk"), QStringLiteral("channel"),
                QStringLiteral("applicant"), QStringLiteral("agent"), QStringLiteral("items"),
                QStringLiteral("materials"), QStringLiteral("form"), QStringLiteral("delivery"),
                QStringLiteral("decision"), QStringLiteral("note"), QStringLiteral("requestId")});
    req.requestId = r.text(json, p, "requestId", false, 200);
    if (json.contains(QStringLiteral("requestId")) && req.requestId.isEmpty() &&
        json.value(QStringLiteral("requestId")).isString())
        r.problem(join(p, QStringLiteral("requestId")),
                  tr("\"requestId\" must not be empty when given."));
    if (req.requestId.isEmpty())
        req.requestId = contentRequestId(json);
    const QString format = r.text(json, p, "format");
    if (!format.isEmpty() && format != QLatin1String("onewindow-intake"))
        r.problem(join(p, QStringLiteral("format")),
                  tr("\"format\" is \"onewindow-intake\" when given."));
    (void)r.text(json, p, "note", false, 2000, TextLines::Many); // for the reader; ignored
    req.site = r.text(json, p, "site", false, 32);
    req.siteLevel = r.choice<Level>(
        json, p, "siteLevel", levelFromString,
        {QStringLiteral("city"), QStringLiteral("town"), QStringLiteral("village")});
    req.window = r.text(json, p, "window", false, 32);
    req.clerk = r.text(json, p, "clerk", false, 64);
    req.channel = r.choice<Channel>(json, p, "channel", channelFromString,
                                    {QStringLiteral("counter"), QStringLiteral("phone"),
                                     QStringLiteral("proxy"), QStringLiteral("onsite"),
                                     QStringLiteral("appointment")})
                      .value_or(Channel::Counter);

    const QString ap = join(p, QStringLiteral("applicant"));
    const QJsonObject applicant = r.object(json, p, "applicant", true);
    if (!applicant.isEmpty())
        req.applicant = readApplicant(r, applicant, ap);

    const QJsonObject agent = r.object(json, p, "agent");
    if (!agent.isEmpty()) {
        const QString gp = join(p, QStringLiteral("agent"));
        r.onlyKeys(agent, gp,
                   {QStringLiteral("idType"), QStringLiteral("idNumber"), QStringLiteral("name"),
                    QStringLiteral("phone")});
        Agent a;
        a.idType =
            r.choice<IdType>(agent, gp, "idType", idTypeFromString,
                             {QStringLiteral("resident-id"), QStringLiteral("passport"),
                              QStringLiteral("hk-macao-permit"), QStringLiteral("taiwan-permit"),
                              QStringLiteral("foreign-permanent"), QStringLiteral("other")})
                .value_or(IdType::ResidentId);
        a.idNumber = r.text(agent, gp, "idNumber", true, 64).toUpper();
        a.name = r.text(agent, gp, "name", true, kMaxPersonNameLength);
        a.phone = r.text(agent, gp, "phone", false, 32);
        req.agent = a;
    }

    const QString ip = join(p, QStringLiteral("items"));
    const QJsonValue items = json.value(QStringLiteral("items"));
    if (!items.isUndefined() && !items.isArray()) {
        r.problem(ip, tr("\"items\" must be an array of item codes."));
    } else {
        const QJsonArray a = items.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a.at(i).isString() || a.at(i).toString().trimmed().isEmpty())
                r.problem(indexed(ip, i), tr("An item is given by its code (a string)."));
            else if (const QString why = textProblem(a.at(i).toString().trimmed()); !why.isEmpty())
                r.problem(indexed(ip, i), why);
            else
                req.items << a.at(i).toString().trimmed();
        }
    }

    const QString mp = join(p, QStringLiteral("materials"));
    const QJsonValue materials = json.value(QStringLiteral("materials"));
    if (!materials.isUndefined() && !materials.isArray()) {
        r.problem(mp, tr("\"materials\" must be an array."));
    } else {
        const QJsonArray a = materials.toArray();
        QStringList seen;
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a.at(i).isObject()) {
                r.problem(indexed(mp, i), tr("A material is an object."));
                continue;
            }
            MaterialMark m = readMaterial(r, a.at(i).toObject(), indexed(mp, i));
            if (!m.id.isEmpty() && seen.contains(m.id))
                r.problem(indexed(mp, i) + QStringLiteral(".id"),
                          tr("The material \"%1\" is given twice.").arg(m.id));
            seen << m.id;
            req.materials.append(m);
        }
    }

    const QString fp = join(p, QStringLiteral("form"));
    const QJsonObject form = r.object(json, p, "form");
    for (auto it = form.begin(); it != form.end(); ++it) {
        const QJsonValue v = it.value();
        if (const QString why = textProblem(it.key()); !why.isEmpty()) {
            r.problem(join(fp, visibleText(it.key())), tr("A field key: %1").arg(why));
            continue;
        }
        QString text;
        if (v.isString())
            text = v.toString();
        else if (v.isBool())
            text = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        else if (v.isDouble())
            text = QString::number(v.toDouble(), 'g', 15);
        else if (!v.isNull())
            r.problem(join(fp, it.key()), tr("A form value is a string, a number or true/false."));
        if (const QString why = textProblem(text.trimmed()); !why.isEmpty())
            r.problem(join(fp, it.key()), why);
        req.form.append({it.key(), text});
    }

    const QJsonObject delivery = r.object(json, p, "delivery");
    if (!delivery.isEmpty()) {
        const QString dp = join(p, QStringLiteral("delivery"));
        r.onlyKeys(delivery, dp,
                   {QStringLiteral("method"), QStringLiteral("recipient"), QStringLiteral("phone"),
                    QStringLiteral("address"), QStringLiteral("postcode"),
                    QStringLiteral("locker")});
        req.delivery.method =
            r.choice<Delivery>(
                 delivery, dp, "method", deliveryFromName,
                 {QStringLiteral("pickup"), QStringLiteral("ems"), QStringLiteral("locker")}, true)
                .value_or(Delivery::Pickup);
        req.delivery.recipient = r.text(delivery, dp, "recipient", false, kMaxPersonNameLength);
        req.delivery.phone = r.text(delivery, dp, "phone", false, 32);
        req.delivery.address = r.text(delivery, dp, "address");
        req.delivery.postcode = r.text(delivery, dp, "postcode", false, 6);
        req.delivery.locker = r.text(delivery, dp, "locker", false, 64);
    }

    const QString cp = join(p, QStringLiteral("decision"));
    const QJsonObject decision = r.object(json, p, "decision", true);
    if (!decision.isEmpty()) {
        r.onlyKeys(decision, cp,
                   {QStringLiteral("kind"), QStringLiteral("reason"), QStringLiteral("legalBasis"),
                    QStringLiteral("competentBody"), QStringLiteral("acknowledgeCredit"),
                    QStringLiteral("override")});
        const QString kind = r.text(decision, cp, "kind", true);
        if (kind == QLatin1String("accept"))
            req.decision = DecisionKind::Accept;
        else if (kind == QLatin1String("correct"))
            req.decision = DecisionKind::Correct;
        else if (kind == QLatin1String("refuse"))
            req.decision = DecisionKind::Refuse;
        else if (!kind.isEmpty())
            r.problem(join(cp, QStringLiteral("kind")),
                      tr("\"kind\" is \"accept\", \"correct\" or \"refuse\"."));
        req.reason = r.text(decision, cp, "reason", false, 2000);
        req.legalBasis = r.text(decision, cp, "legalBasis", false, 2000);
        req.competentBody = r.text(decision, cp, "competentBody", false, 200);
        req.acknowledgeCredit = r.flag(decision, cp, "acknowledgeCredit");
        const QJsonObject ov = r.object(decision, cp, "override");
        if (!ov.isEmpty()) {
            const QString op = join(cp, QStringLiteral("override"));
            r.onlyKeys(ov, op, {QStringLiteral("supervisor"), QStringLiteral("reason")});
            SupervisorOverride o;
            o.kind = SupervisorOverride::Kind::CreditCode;
            o.supervisor = r.text(ov, op, "supervisor", true, 64);
            o.reason = r.text(ov, op, "reason", true, 2000);
            req.override_ = o;
        }
    }

    if (!r.problems.isEmpty())
        return Error::invalid(QCoreApplication::translate("ow::IntakeRequest",
                                                          "The intake document has %n "
                                                          "problem(s).",
                                                          nullptr, int(r.problems.size())),
                              r.problems);
    return req;
}

QString IntakeRequest::contentRequestId(const QJsonObject& json)
{
    // A QJsonObject keeps its keys sorted: the same content, the same text.
    const QByteArray canonical = QJsonDocument(json).toJson(QJsonDocument::Compact);
    return QStringLiteral("sha256:") +
           QString::fromLatin1(
               QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex());
}

IntakeContext IntakeRequest::context(const IntakeContext& defaults) const
{
    IntakeContext c = defaults;
    c.requestId = requestId;
    if (!site.isEmpty())
        c.siteCode = site;
    if (siteLevel)
        c.siteLevel = *siteLevel;
    if (!window.isEmpty())
        c.window = window;
    if (!clerk.isEmpty())
        c.clerk = clerk;
    return c;
}

} // namespace ow
