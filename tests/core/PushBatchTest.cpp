// A batch for the centre as columns: PostgreSQL's binary array format
// written byte for byte, names in UTF-8 whatever their plane, and a case the
// columns cannot hold whole sent as JSON instead.
#include "sync/PushBatch.h"

#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtEndian>

using namespace ow;

namespace {

qint32 int32At(const QByteArray& b, qsizetype at)
{
    return qFromBigEndian<qint32>(b.constData() + at);
}

// The elements of a one-dimensional text array, as the server reads them.
QList<QByteArray> textElements(const QByteArray& b)
{
    QList<QByteArray> out;
    if (int32At(b, 0) == 0)
        return out;
    const qint32 n = int32At(b, 12);
    qsizetype at = 20;
    for (qint32 i = 0; i < n; ++i) {
        const qint32 length = int32At(b, at);
        at += 4;
        out.append(length < 0 ? QByteArray() : b.mid(at, length));
        at += qMax(0, length);
    }
    REQUIRE(at == b.size());
    return out;
}

QJsonObject storedCase(const QJsonArray& materials)
{
    return {
        {QStringLiteral("id"), QStringLiteral("5a1c6c55-5d0b-4a33-9d3e-2f1c8c1b7a10")},
        {QStringLiteral("caseNumber"), QStringLiteral("SITE1-20250314-00001")},
        {QStringLiteral("status"), QStringLiteral("accepted")},
        {QStringLiteral("createdAt"), QStringLiteral("2025-03-14T09:30:00+08:00")},
        {QStringLiteral("place"), QJsonObject{{QStringLiteral("site"), QStringLiteral("SITE1")},
                                              {QStringLiteral("clerk"), QStringLiteral("张敏")}}},
        {QStringLiteral("items"),
         QJsonArray{QJsonObject{{QStringLiteral("code"), QStringLiteral("X-1")},
                                {QStringLiteral("version"), 1}}}},
        {QStringLiteral("materials"), materials}};
}

const QString kOp = QStringLiteral("0b8f1d6e-3c2a-4f7e-8a55-9e0c4d2b1a77");

} // namespace

TEST_CASE("a text array is PostgreSQL's binary format with every string in UTF-8")
{
    const QList<QString> texts{QString(), QStringLiteral("abc"), QStringLiteral("申请人\"甲\"\n"),
                               QStringLiteral("𠀀𠀾 (beyond the BMP)"),
                               QString(QChar(0xd800)) + QStringLiteral("lone")};
    PgBinaryArray a(PgBinaryArray::Text);
    for (const QString& t : texts)
        a.appendText(t);
    a.appendNull();
    const QByteArray b = a.bytes();
    CHECK(int32At(b, 0) == 1);  // one dimension
    CHECK(int32At(b, 4) == 1);  // it holds a null
    CHECK(int32At(b, 8) == 25); // of text
    CHECK(int32At(b, 12) == 6);
    CHECK(int32At(b, 16) == 1); // from 1
    const QList<QByteArray> elements = textElements(b);
    REQUIRE(elements.size() == 6);
    for (qsizetype i = 0; i < texts.size(); ++i)
        CHECK(elements[i] == texts[i].toUtf8());
    CHECK(elements[3] == QByteArray("\xf0\xa0\x80\x80\xf0\xa0\x80\xbe (beyond the BMP)"));

    const QByteArray empty = PgBinaryArray(PgBinaryArray::Int4).bytes();
    CHECK(empty.size() == 12);
    CHECK(int32At(empty, 0) == 0);
    CHECK(int32At(empty, 8) == 23);
}

TEST_CASE("a case goes into the columns only when they hold it whole")
{
    const QJsonObject applicant{{QStringLiteral("kind"), QStringLiteral("natural")},
                                {QStringLiteral("name"), QStringLiteral("王建国")}};
    const QJsonObject idCard{{QStringLiteral("id"), QStringLiteral("id-card")},
                             {QStringLiteral("name"), QStringLiteral("居民身份证")},
                             {QStringLiteral("state"), QStringLiteral("received")}};

    PushBatchBuilder fits;
    fits.addCase(kOp, storedCase({idCard, idCard}), applicant);
    fits.add(
        QJsonObject{{QStringLiteral("op_id"), kOp}, {QStringLiteral("kind"), QStringLiteral("x")}});
    const PushBatch b = fits.finish();
    CHECK(b.count == 2);
    CHECK(b.columnCases == 1);
    CHECK(b.operations.startsWith("[null,{"));
    REQUIRE(b.columns.size() == 27);
    // The two materials share one detail, sent once.
    CHECK(b.columns[19] == QByteArray("\1[{\"state\":\"received\"}]"));

    // A material without a name, an op id the columns would not keep as it
    // is, an item list that is not a list: JSON, whole, as caseOperation() writes it.
    const QList<std::pair<QString, QJsonObject>> unfit{
        {kOp, storedCase({QJsonObject{{QStringLiteral("id"), QStringLiteral("x")}}})},
        {kOp.toUpper(), storedCase({idCard})},
        {kOp, [] {
             QJsonObject c = storedCase({});
             c.insert(QStringLiteral("items"), QStringLiteral("X-1"));
             return c;
         }()}};
    for (const auto& [opId, c] : unfit) {
        PushBatchBuilder builder;
        builder.addCase(opId, c, applicant);
        const PushBatch batch = builder.finish();
        CHECK(batch.columnCases == 0);
        CHECK(batch.columns.isEmpty());
        CHECK(QJsonDocument::fromJson(batch.operations).array() ==
              QJsonArray{caseOperation(opId, c, applicant)});
    }
}
