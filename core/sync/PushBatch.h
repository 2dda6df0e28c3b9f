#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringView>
#include <QtGlobal>

namespace ow {

// One array in PostgreSQL's binary format (what array_send writes): a
// parameter the server reads without parsing text. One dimension, lower
// bound 1; elements of one built-in type.
class PgBinaryArray
{
public:
    enum Type : quint32 { Bool = 16, Int4 = 23, Text = 25, Uuid = 2950, Jsonb = 3802 };

    explicit PgBinaryArray(Type type) : m_type(type) {}

    void appendNull();
    void appendInt(qint32 value);
    void appendBool(bool value);
    void appendText(QStringView value);
    // `text` is the 36-character form; false (nothing appended) if it is not a UUID.
    bool appendUuid(QStringView text);
    // A JSON text, as it is.
    void appendJsonb(const QByteArray& json);

    qsizetype size() const { return m_count; }
    // The whole array: header and elements.
    QByteArray bytes() const;

private:
    void appendLength(qint32 length);

    Type m_type;
    QByteArray m_elements;
    qsizetype m_count = 0;
    bool m_nulls = false;
};

// A batch of operations for the centre (db/central/README.md, "Pushing"):
// the new cases as the columns of ow.case_columns, every other operation as
// JSON. `operations` is the JSON array of the whole batch, with null where
// an operation went into the columns.
struct PushBatch
{
    QByteArray operations;
    QList<QByteArray> columns; // the arrays of ow.case_columns, in its order; empty: none
    qsizetype count = 0;       // operations in the batch
    qsizetype columnCases = 0; // of them, cases in the columns
};

// The case.upsert operation of a case as the counter stores it (caseToJson),
// in the centre's format (db/central/README.md): the applicant whole,
// materials with id and name, the status history numbered from 1. The
// JSON form of what PushBatchBuilder::addCase puts into the columns.
QJsonObject caseOperation(const QString& opId, const QJsonObject& storedCase,
                          const QJsonObject& applicant);

// The first central schema version that takes the column form
// (ow_api.push_columns, db/central/009_push_columns.sql).
inline constexpr int kPushColumnsSchema = 9;

// Builds a PushBatch one operation at a time, in batch order.
class PushBatchBuilder
{
public:
    // `columns` false: every operation as JSON (a centre older than
    // kPushColumnsSchema).
    explicit PushBatchBuilder(bool columns = true);

    // Adds an operation as JSON.
    void add(const QJsonObject& op);
    // Adds the case.upsert of a stored case (as caseOperation() makes it):
    // into the columns when every field has the shape they hold, else as
    // JSON, whole.
    void addCase(const QString& opId, const QJsonObject& storedCase, const QJsonObject& applicant);
    PushBatch finish();

private:
    bool addColumns(qsizetype position, const QString& opId, const QJsonObject& c,
                    const QJsonObject& applicant);

    bool m_columns;
    QByteArray m_json;
    qsizetype m_count = 0;
    qsizetype m_cases = 0;
    // The case arrays, then the materials', then the history's.
    PgBinaryArray m_pos{PgBinaryArray::Int4}, m_opId{PgBinaryArray::Uuid},
        m_caseUuid{PgBinaryArray::Uuid}, m_caseNumber{PgBinaryArray::Text},
        m_site{PgBinaryArray::Text}, m_receivedAt{PgBinaryArray::Text},
        m_status{PgBinaryArray::Text}, m_statusVersion{PgBinaryArray::Int4},
        m_applicant{PgBinaryArray::Jsonb}, m_items{PgBinaryArray::Jsonb},
        m_payload{PgBinaryArray::Jsonb};
    PgBinaryArray m_mCase{PgBinaryArray::Int4}, m_mId{PgBinaryArray::Text},
        m_mName{PgBinaryArray::Text}, m_mForm{PgBinaryArray::Text}, m_mCopies{PgBinaryArray::Int4},
        m_mReceived{PgBinaryArray::Bool}, m_mReusedFrom{PgBinaryArray::Text},
        m_mDetail{PgBinaryArray::Int4};
    QByteArray m_details;                    // the details, a JSON array as text
    QHash<QByteArray, qint32> m_detailIndex; // a detail's text -> its place in m_details, from 1
    PgBinaryArray m_hCase{PgBinaryArray::Int4}, m_hVersion{PgBinaryArray::Int4},
        m_hFrom{PgBinaryArray::Text}, m_hTo{PgBinaryArray::Text}, m_hAt{PgBinaryArray::Text},
        m_hBy{PgBinaryArray::Text}, m_hNote{PgBinaryArray::Text};
};

} // namespace ow
