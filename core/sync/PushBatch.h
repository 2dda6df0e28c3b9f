#pragma once

#include <QByteArray>
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

// Builds a PushBatch one operation at a time, in batch order.
class PushBatchBuilder
{
public:
    PushBatchBuilder();

    // Adds an operation (as SyncEngine::operationFor makes it). A
    // case.upsert whose every field has the shape the columns hold goes
    // into them; anything else goes as JSON, whole.
    void add(const QJsonObject& op);
    PushBatch finish();

private:
    bool addColumns(qsizetype position, const QJsonObject& op);

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
        m_mName{PgBinaryArray::Text}, m_mForm{PgBinaryArray::Text},
        m_mCopies{PgBinaryArray::Int4}, m_mReceived{PgBinaryArray::Bool},
        m_mReusedFrom{PgBinaryArray::Text}, m_mDetail{PgBinaryArray::Jsonb};
    PgBinaryArray m_hCase{PgBinaryArray::Int4}, m_hVersion{PgBinaryArray::Int4},
        m_hFrom{PgBinaryArray::Text}, m_hTo{PgBinaryArray::Text}, m_hAt{PgBinaryArray::Text},
        m_hBy{PgBinaryArray::Text}, m_hNote{PgBinaryArray::Text};
};

} // namespace ow
