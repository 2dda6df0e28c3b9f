// The JSON text written directly (cases for the outbox and the audit log,
// the audit log's canonical entries) is byte for byte what QJsonDocument
// writes for the same values: the centre and the audit chain see no change.
#include "TestSupport.h"
#include "applicants/ApplicantJson.h"
#include "audit/AuditLog.h"
#include "cases/CaseJson.h"
#include "store/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTimeZone>
#include <catch2/catch.hpp>
#include <iterator>
#include <limits>

using namespace ow;

namespace {

QByteArray qtCompact(const QJsonValue& v)
{
    const QByteArray a = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return a.mid(1, a.size() - 2);
}

// Text with what escaping and UTF-8 must get right: quotes, backslashes,
// every control character, DEL, Latin, CJK, characters outside the BMP
// (surrogate pairs) and lone or misordered surrogates.
QString awkwardText(QRandomGenerator& rng, int maxLength = 24)
{
    static const char16_t pieces[] = {u'"',   u'\\',  u'/',   0x7f,   0x80,   0xe9,   0x7ff,
                                      0x800,  0x4e00, 0x7a97, 0xfffd, 0xffff, 0xd800, 0xdbff,
                                      0xdc00, 0xdfff, u'a',   u'Z',   u' ',   u'0',   0x3000};
    QString s;
    const int n = int(rng.bounded(maxLength + 1));
    for (int i = 0; i < n; ++i) {
        switch (rng.bounded(6)) {
        case 0:
            s += QChar(char16_t(rng.bounded(0x20))); // a control character
            break;
        case 1:
            s += QChar(pieces[rng.bounded(int(std::size(pieces)))]);
            break;
        case 2: { // a character outside the BMP: 𠀀 (CJK Ext. B), an emoji, ...
            const char32_t c = 0x10000 + rng.bounded(0x100000);
            s += QString::fromUcs4(&c, 1);
            break;
        }
        case 3:
            s += QChar(char16_t(0x20 + rng.bounded(0x5f)));
            break;
        default:
            s += QChar(char16_t(0x4e00 + rng.bounded(0x5000)));
        }
    }
    return s;
}

QString maybe(QRandomGenerator& rng, const QString& s)
{
    return rng.bounded(2) ? s : QString();
}

QDateTime someTime(QRandomGenerator& rng)
{
    if (rng.bounded(10) == 0)
        return {};
    return QDateTime::fromSecsSinceEpoch(1700000000 + rng.bounded(100000000),
                                         QTimeZone(int(rng.bounded(3)) * 3600 * 4));
}

Place somePlace(QRandomGenerator& rng)
{
    return {awkwardText(rng, 6), awkwardText(rng, 6), awkwardText(rng, 6)};
}

CaseRecord someCase(QRandomGenerator& rng)
{
    CaseRecord c;
    c.id = awkwardText(rng);
    c.caseNumber = maybe(rng, awkwardText(rng));
    c.matterId = awkwardText(rng);
    c.applicantId = awkwardText(rng);
    c.agentId = maybe(rng, awkwardText(rng));
    c.channel = Channel(rng.bounded(5));
    c.decision = DecisionKind(rng.bounded(3));
    c.status = CaseStatus(rng.bounded(4));
    if (rng.bounded(2))
        c.promisedDate = QDate(2026, 1, 1).addDays(rng.bounded(400));
    c.promisedProvisional = rng.bounded(2);
    c.promisedDays = int(rng.bounded(100));
    c.place = somePlace(rng);
    c.delivery.method = Delivery(1 << rng.bounded(3));
    c.delivery.recipient = maybe(rng, awkwardText(rng));
    c.delivery.phone = maybe(rng, awkwardText(rng));
    c.delivery.address = maybe(rng, awkwardText(rng));
    c.delivery.postcode = maybe(rng, awkwardText(rng));
    c.delivery.locker = maybe(rng, awkwardText(rng));
    c.visits = int(rng.bounded(5));
    c.creditGrade = maybe(rng, awkwardText(rng, 2));
    c.creditAcknowledged = rng.bounded(2);
    c.createdAt = someTime(rng);
    c.decidedAt = someTime(rng);
    for (int i = 0, n = int(rng.bounded(4)); i < n; ++i)
        c.form.insert(awkwardText(rng, 8), rng.bounded(3) == 0 ? QJsonValue(int(rng.bounded(1000)))
                                                               : QJsonValue(awkwardText(rng)));
    for (int i = 0, n = int(rng.bounded(4)); i < n; ++i)
        c.items.append({awkwardText(rng), awkwardText(rng), int(rng.bounded(9)) - 1,
                        maybe(rng, awkwardText(rng)), int(rng.bounded(60))});
    for (int i = 0, n = int(rng.bounded(20)); i < n; ++i) {
        CaseMaterial m;
        m.materialId = awkwardText(rng);
        m.name = awkwardText(rng);
        m.required = rng.bounded(2);
        m.state = MaterialState(rng.bounded(5));
        if (rng.bounded(2))
            m.presented = MaterialForm(rng.bounded(4));
        m.count = int(rng.bounded(4)) - 1;
        m.reusedFrom = maybe(rng, awkwardText(rng));
        m.defectReason = maybe(rng, awkwardText(rng));
        m.whatToBring = maybe(rng, awkwardText(rng));
        c.materials.append(m);
    }
    for (int i = 0, n = int(rng.bounded(4)); i < n; ++i)
        c.history.append({awkwardText(rng, 4), awkwardText(rng, 4), someTime(rng), somePlace(rng),
                          maybe(rng, awkwardText(rng))});
    for (int i = 0, n = int(rng.bounded(3)); i < n; ++i) {
        CorrectionRecord cr;
        cr.id = awkwardText(rng);
        cr.number = awkwardText(rng);
        cr.state = awkwardText(rng, 4);
        cr.createdAt = someTime(rng);
        cr.place = somePlace(rng);
        cr.resolvedAt = someTime(rng);
        for (int l = 0, m = int(rng.bounded(3)); l < m; ++l)
            cr.lines.append({awkwardText(rng), awkwardText(rng), MaterialState(rng.bounded(5)),
                             awkwardText(rng), awkwardText(rng)});
        c.corrections.append(cr);
    }
    for (int i = 0, n = int(rng.bounded(2)); i < n; ++i)
        c.refusals.append({awkwardText(rng), awkwardText(rng), awkwardText(rng), awkwardText(rng),
                           awkwardText(rng), maybe(rng, awkwardText(rng)), someTime(rng),
                           somePlace(rng)});
    return c;
}

} // namespace

TEST_CASE("strings are written as QJsonDocument writes them", "[json]")
{
    QRandomGenerator rng(20261207);
    for (int i = 0; i < 5000; ++i) {
        const QString s = awkwardText(rng);
        const QByteArray expected = qtCompact(s);
        JsonWriter w;
        w.string(s);
        REQUIRE(w.text() == expected);
        // The same text given as UTF-8 (as Qt converts it) when it has
        // no lone surrogate.
        const QString valid = QString::fromUtf8(s.toUtf8());
        if (valid == s) {
            QByteArray fromUtf8;
            JsonWriter::appendStringUtf8(fromUtf8, s.toUtf8());
            REQUIRE(fromUtf8 == expected);
        }
    }
    // The edges by name.
    JsonWriter w;
    w.beginArray();
    for (const QString& s : {QString(), QStringLiteral(""),
                             QStringLiteral("\"\\/\b\f\n\r\t\x01\x1f\x7f"), QString(QChar(0xd800)),
                             QString(QChar(0xdc00)) + QChar(0xd800), QStringLiteral("𠀀𪚥😀一窗通")})
        w.string(s);
    w.integer(0);
    w.integer(-1);
    w.integer(std::numeric_limits<qint64>::max());
    w.boolean(true);
    w.boolean(false);
    w.null();
    w.beginObject();
    w.endObject();
    w.beginArray();
    w.endArray();
    w.endArray();
    const QJsonArray a{QString(),
                       QStringLiteral(""),
                       QStringLiteral("\"\\/\b\f\n\r\t\x01\x1f\x7f"),
                       QString(QChar(0xd800)),
                       QString(QChar(0xdc00)) + QChar(0xd800),
                       QStringLiteral("𠀀𪚥😀一窗通"),
                       0,
                       -1,
                       std::numeric_limits<qint64>::max(),
                       true,
                       false,
                       QJsonValue(),
                       QJsonObject(),
                       QJsonArray()};
    CHECK(w.text() == QJsonDocument(a).toJson(QJsonDocument::Compact));
}

TEST_CASE("a case written directly is the text of its QJsonObject", "[json][case]")
{
    QRandomGenerator rng(7);
    for (int i = 0; i < 2000; ++i) {
        const CaseRecord c = someCase(rng);
        const QByteArray expected = QJsonDocument(caseToJson(c)).toJson(QJsonDocument::Compact);
        REQUIRE(caseJsonText(c) == expected);
        REQUIRE(caseJsonText(c, formJsonText(c.form)) == expected);
    }
}

TEST_CASE("an audit entry's canonical text is its QJsonArray's text", "[json][audit]")
{
    QRandomGenerator rng(11);
    for (int i = 0; i < 2000; ++i) {
        AuditRecord r;
        r.id = qint64(rng.bounded(1000000)) * (i % 7 == 0 ? 1000000000 : 1);
        r.at = awkwardText(rng);
        r.actor = awkwardText(rng);
        r.actorRole = awkwardText(rng);
        r.siteCode = awkwardText(rng);
        r.window = awkwardText(rng);
        r.action = awkwardText(rng);
        r.subject = awkwardText(rng);
        r.beforeJson = rng.bounded(2) ? QStringLiteral("null") : awkwardText(rng);
        r.afterJson = QString::fromUtf8(caseJsonText(someCase(rng)));
        const QJsonArray a{1,           QString::number(r.id),
                           r.at,        r.actor,
                           r.actorRole, r.siteCode,
                           r.window,    r.action,
                           r.subject,   r.beforeJson,
                           r.afterJson};
        REQUIRE(AuditLog::canonical(r) == QJsonDocument(a).toJson(QJsonDocument::Compact));
    }
}

TEST_CASE("an applicant written directly is the text of its QJsonObject", "[json][applicant]")
{
    QRandomGenerator rng(13);
    for (int i = 0; i < 2000; ++i) {
        Applicant a;
        a.id = awkwardText(rng);
        a.kind = ApplicantKind(rng.bounded(2));
        a.idType = IdType(rng.bounded(6));
        a.idNumber = maybe(rng, awkwardText(rng));
        a.name = maybe(rng, awkwardText(rng));
        a.sex = maybe(rng, awkwardText(rng, 6));
        if (rng.bounded(2))
            a.birthDate = QDate(1930, 1, 1).addDays(rng.bounded(30000));
        a.phone = maybe(rng, awkwardText(rng));
        a.address = maybe(rng, awkwardText(rng));
        a.creditCode = maybe(rng, awkwardText(rng));
        a.legalRepresentative = maybe(rng, awkwardText(rng));
        a.legalRepIdNumber = maybe(rng, awkwardText(rng));
        a.contactName = maybe(rng, awkwardText(rng));
        a.contactPhone = maybe(rng, awkwardText(rng));
        a.creditGrade = CreditGrade(rng.bounded(5));
        REQUIRE(applicantJsonText(a) ==
                QJsonDocument(applicantToJson(a)).toJson(QJsonDocument::Compact));
    }
}

TEST_CASE("text bound directly is stored as QSqlQuery stores it", "[store][json]")
{
    test::TempStore store;
    Database& db = *store.db;
    REQUIRE(db.exec(QStringLiteral("CREATE TABLE t (k INTEGER, v TEXT)")).ok());
    QRandomGenerator rng(17);
    for (int i = 0; i < 500; ++i) {
        const QString s = i == 0 ? QString() : awkwardText(rng, 40);
        QSqlQuery viaQt = db.query();
        viaQt.prepare(QStringLiteral("INSERT INTO t (k, v) VALUES (?, ?)"));
        viaQt.addBindValue(2 * i);
        viaQt.addBindValue(s.isNull() ? QStringLiteral("") : s);
        REQUIRE(viaQt.exec());
        SqlStatement direct = db.direct("INSERT INTO t (k, v) VALUES (?, ?)");
        direct.integer(2 * i + 1).text(s);
        REQUIRE(direct.run().ok());
    }
    QSqlQuery q = db.query();
    REQUIRE(q.exec(QStringLiteral("SELECT a.k, CAST(a.v AS BLOB), CAST(b.v AS BLOB) FROM t a "
                                  "JOIN t b ON b.k = a.k + 1 WHERE a.k % 2 = 0")));
    int compared = 0;
    while (q.next()) {
        INFO("row " << q.value(0).toInt());
        REQUIRE(q.value(2).toByteArray() == q.value(1).toByteArray());
        ++compared;
    }
    CHECK(compared == 500);
}
