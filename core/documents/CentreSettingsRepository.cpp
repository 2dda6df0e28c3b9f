#include "documents/CentreSettingsRepository.h"

#include "applicants/Validators.h"
#include "cases/CaseRecord.h"
#include "cases/SqlValue.h"
#include "text/TextRules.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>
#include <optional>

namespace ow {

namespace {

// A field of CentreSettings by its key: text or a whole number.
struct Field
{
    const char* key;
    QString CentreSettings::*text = nullptr;
    int CentreSettings::*number = nullptr;
    bool mayBeEmpty = false;
    int min = 0, max = 0;
};

const QList<Field>& fields()
{
    static const QList<Field> list = {
        {"name", &CentreSettings::name},
        {"address", &CentreSettings::address},
        {"postcode", &CentreSettings::postcode},
        {"phone", &CentreSettings::phone},
        {"queryPhone", &CentreSettings::queryPhone},
        {"openingHours", &CentreSettings::openingHours},
        {"sealText", &CentreSettings::sealText},
        {"queryUrl", &CentreSettings::queryUrl, nullptr, true},
        {"reviewBody", &CentreSettings::reviewBody},
        {"court", &CentreSettings::court},
        {"pickupPlace", &CentreSettings::pickupPlace},
        {"documentPrefix", &CentreSettings::documentPrefix, nullptr, true},
        {"correctionWorkingDays", nullptr, &CentreSettings::correctionWorkingDays, false, 1, 60},
        {"collectionDays", nullptr, &CentreSettings::collectionDays, false, 1, 365},
    };
    return list;
}

const Field* fieldOf(const QString& key)
{
    for (const Field& f : fields())
        if (key == QLatin1String(f.key))
            return &f;
    return nullptr;
}

Error unknownKey(const QString& key)
{
    QStringList names;
    for (const Field& f : fields())
        names << QLatin1String(f.key);
    const QString msg =
        QCoreApplication::translate("ow::CentreSettings",
                                    "There is no centre setting %1. The settings are: %2.")
            .arg(visibleText(key), names.join(QStringLiteral(", ")));
    return Error::invalid(msg, {{visibleText(key), visibleText(key), msg}});
}

// Applies `value` to `settings`; an error names the key.
Status apply(CentreSettings& settings, const Field& f, const QString& value)
{
    const QString key = QLatin1String(f.key);
    auto bad = [&](const QString& msg) { return Error::invalid(msg, {{key, key, msg}}); };
    // Every setting is printed on one line of a document.
    if (const QString why = textProblem(value.trimmed()); !why.isEmpty())
        return bad(
            QCoreApplication::translate("ow::CentreSettings", "The setting %1: %2").arg(key, why));
    if (f.number) {
        bool ok = false;
        const int n = value.trimmed().toInt(&ok);
        if (!ok || n < f.min || n > f.max)
            return bad(QCoreApplication::translate(
                           "ow::CentreSettings",
                           "The setting %1 is a whole number from %2 to %3; \"%4\" is not.")
                           .arg(key)
                           .arg(f.min)
                           .arg(f.max)
                           .arg(value));
        settings.*f.number = n;
        return {};
    }
    const QString v = value.trimmed();
    if (v.isEmpty() && !f.mayBeEmpty)
        return bad(
            QCoreApplication::translate(
                "ow::CentreSettings", "The setting %1 may not be empty: every document prints it.")
                .arg(key));
    if (key == QLatin1String("postcode")) {
        auto pc = validatePostcode(v, key);
        if (!pc)
            return pc.error();
    } else if (key == QLatin1String("phone") || key == QLatin1String("queryPhone")) {
        // 12345 and other service numbers of 3 to 6 digits are allowed too
        static const QRegularExpression shortNumber(QStringLiteral("^\\d{3,6}$"));
        if (!shortNumber.match(v).hasMatch()) {
            auto phone = validatePhone(v, key);
            if (!phone)
                return phone.error();
        }
    } else if (key == QLatin1String("queryUrl") && !v.isEmpty()) {
        const QUrl url(QString(v).replace(QStringLiteral("{case}"), QStringLiteral("X")),
                       QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http") ||
            url.host().isEmpty() || !v.contains(QStringLiteral("{case}")))
            return bad(QCoreApplication::translate(
                           "ow::CentreSettings",
                           "The setting queryUrl is an http or https address holding {case} "
                           "where the case number goes, e.g. "
                           "https://zwfw.example.gov.cn/query?case={case}; \"%1\" is not.")
                           .arg(v));
    }
    settings.*f.text = v;
    return {};
}

} // namespace

QList<CentreSettingsRepository::Key> CentreSettingsRepository::keys()
{
    return {
        {QStringLiteral("name"),
         QCoreApplication::translate("ow::CentreSettings",
                                     "the centre's name, printed as the issuer")},
        {QStringLiteral("address"),
         QCoreApplication::translate("ow::CentreSettings", "the centre's address")},
        {QStringLiteral("postcode"),
         QCoreApplication::translate("ow::CentreSettings",
                                     "the centre's postcode (sender of EMS slips)")},
        {QStringLiteral("phone"),
         QCoreApplication::translate("ow::CentreSettings", "the centre's phone")},
        {QStringLiteral("queryPhone"),
         QCoreApplication::translate("ow::CentreSettings", "the phone for questions about a case")},
        {QStringLiteral("openingHours"),
         QCoreApplication::translate("ow::CentreSettings", "opening hours")},
        {QStringLiteral("sealText"),
         QCoreApplication::translate("ow::CentreSettings", "the text of the centre's seal")},
        {QStringLiteral("queryUrl"),
         QCoreApplication::translate(
             "ow::CentreSettings",
             "the progress query page, {case} for the case number; empty: the QR code holds the "
             "case number")},
        {QStringLiteral("reviewBody"),
         QCoreApplication::translate("ow::CentreSettings",
                                     "where an applicant may seek administrative review")},
        {QStringLiteral("court"),
         QCoreApplication::translate("ow::CentreSettings",
                                     "the court for administrative litigation")},
        {QStringLiteral("pickupPlace"),
         QCoreApplication::translate("ow::CentreSettings", "where results are collected")},
        {QStringLiteral("documentPrefix"),
         QCoreApplication::translate("ow::CentreSettings",
                                     "the issuer's abbreviation in document numbers")},
        {QStringLiteral("correctionWorkingDays"),
         QCoreApplication::translate("ow::CentreSettings",
                                     "working days to bring what a one-time notice lists")},
        {QStringLiteral("collectionDays"),
         QCoreApplication::translate("ow::CentreSettings", "days a result waits for collection")},
    };
}

QString CentreSettingsRepository::valueOf(const CentreSettings& settings, const QString& key)
{
    const Field* f = fieldOf(key);
    if (!f)
        return {};
    return f->number ? QString::number(settings.*f->number) : settings.*f->text;
}

CentreSettingsRepository::CentreSettingsRepository(Database& db) : m_db(db) {}

Result<CentreSettings> CentreSettingsRepository::load() const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT key, value FROM centre_setting ORDER BY key"));
    if (Status s = m_db.run(q); !s)
        return s.error();
    CentreSettings settings;
    while (q.next()) {
        const Field* f = fieldOf(q.value(0).toString());
        if (!f) // a key a newer build wrote: not ours to print
            continue;
        if (Status s = apply(settings, *f, q.value(1).toString()); !s)
            return Error::storage(
                QCoreApplication::translate("ow::CentreSettings",
                                            "The stored centre setting %1 is not valid: %2")
                    .arg(q.value(0).toString(), s.error().message));
    }
    return settings;
}

Result<bool> CentreSettingsRepository::isSet(const QString& key) const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT 1 FROM centre_setting WHERE key = ?"));
    q.addBindValue(sqlValue(key));
    if (Status s = m_db.run(q); !s)
        return s.error();
    return q.next();
}

Status CentreSettingsRepository::set(const QString& key, const QString& value, const QDateTime& at)
{
    const Field* f = fieldOf(key);
    if (!f)
        return unknownKey(key);
    CentreSettings check;
    if (Status s = apply(check, *f, value); !s)
        return s;
    // Joins the caller's transaction (CentreSettingsService's, with its
    // audit entry), or opens its own.
    std::optional<Transaction> tx;
    if (!m_db.inTransaction()) {
        tx.emplace(m_db);
        if (!tx->begun())
            return tx->begun();
    }
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("INSERT INTO centre_setting (key, value, updated_at) VALUES (?, ?, ?) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                             "updated_at = excluded.updated_at"));
    q.addBindValue(sqlValue(key));
    q.addBindValue(sqlValue(valueOf(check, key)));
    q.addBindValue(sqlValue(storedTime(at)));
    if (Status s = m_db.run(q); !s)
        return s;
    return tx ? tx->commit() : Status{};
}

Status CentreSettingsRepository::reset(const QString& key)
{
    if (!fieldOf(key))
        return unknownKey(key);
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("DELETE FROM centre_setting WHERE key = ?"));
    q.addBindValue(sqlValue(key));
    return m_db.run(q);
}

} // namespace ow
