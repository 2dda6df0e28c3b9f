#pragma once

#include "stats/Statistics.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace ow {

// A statistics table written out. Rates and shares are fractions (0.9912)
// rounded to four places, averages to two; a rate whose denominator is 0
// is empty in CSV and null in JSON.

// A header line ("group,label,consultations,accepted,...") and one line per
// row, the total last with an empty group. UTF-8, RFC 4180 quoting.
QByteArray statsCsv(const StatsTable& table);
// {"from", "to", "by", "rows": [...], "total": {...}, "definitions": {...}}.
QJsonObject statsJson(const StatsTable& table);
// For a terminal: per row its label and each column's title and value.
QString statsText(const StatsTable& table);

} // namespace ow
