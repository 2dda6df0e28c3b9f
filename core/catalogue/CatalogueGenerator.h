#pragma once

#include "catalogue/Item.h"

#include <QStringList>

namespace ow {

// A synthetic catalogue of `items` service items with the shape of a real
// provincial implementation list: real departments of real counties, item
// names built from real licences, registrations, benefits and services with
// the actions of the list (核发, 变更, 延续, 注销, 备案, 登记, 审批, 确认, ...),
// materials, forms, limits, levels, a few joint items and related rules.
// The same seed gives the same catalogue. Valid per docs/catalogue-format.md.
// Used by `onewindow-admin catalogue generate`, the benchmarks and tests.
Catalogue generateCatalogue(int items, quint32 seed);

// `count` search queries as a clerk types them for items of `catalogue`:
// prefixes of names (汉字), substrings, code prefixes, full pinyin, pinyin
// initials, and mixtures of the two (paishuixk), each cut after a keystroke.
QStringList generateQueries(const Catalogue& catalogue, int count, quint32 seed);

} // namespace ow
