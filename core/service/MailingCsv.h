#pragma once

#include "service/ServiceRecords.h"
#include "store/Result.h"

#include <QByteArray>
#include <QList>

namespace ow {

// The ledger as CSV for a spreadsheet: UTF-8 with a byte-order mark (so
// Excel reads the Chinese right), CRLF line ends, a header row, fields with
// a comma, quote or line break quoted (RFC 4180). Dates yyyy-MM-dd.
QByteArray mailingLedgerCsv(const QList<MailingRecord>& mailings);

// Reads CSV text as mailingLedgerCsv writes it (a BOM skipped, quoted
// fields, CRLF or LF): the rows, header included.
QList<QStringList> parseCsv(const QByteArray& data);

} // namespace ow
