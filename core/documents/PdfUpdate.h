#pragma once

#include "store/Result.h"

#include <QByteArray>
#include <QList>
#include <QMap>

namespace ow {

// An incremental update of a PDF file (ISO 32000-1 §7.5.6), as written by
// QPdfWriter: new versions of some objects and a new cross-reference section
// are appended; the original bytes are left untouched.
class PdfUpdate
{
public:
    // Reads the cross-reference table and trailer of `pdf`.
    static Result<PdfUpdate> parse(const QByteArray& pdf);

    // Numbers of the objects in use.
    QList<int> objects() const { return m_offsets.keys(); }
    // The dictionary of an object (up to its stream or its end), empty when absent.
    QByteArray dictionary(int object) const;
    // The data of a stream object, unfiltered as stored.
    QByteArray streamData(int object) const;

    // Replaces object `object` by `body` (everything between "obj" and "endobj").
    void replace(int object, const QByteArray& body);
    static QByteArray streamBody(const QByteArray& data);

    // The file with the update appended (the original when nothing was replaced).
    QByteArray result() const;

private:
    explicit PdfUpdate(const QByteArray& pdf) : m_pdf(pdf) {}
    int objectStart(int object) const;
    static int directInt(const QByteArray& dict, const QByteArray& key, int* indirect);

    QByteArray m_pdf;
    QMap<int, qsizetype> m_offsets;
    QMap<int, QByteArray> m_replaced;
    qsizetype m_startXref = 0;
    int m_size = 0;
    QByteArray m_root, m_info;
};

} // namespace ow
