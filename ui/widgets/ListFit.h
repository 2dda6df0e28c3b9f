#pragma once

#include <QListWidget>
#include <algorithm>

namespace ow::ui {

// Makes a short list as tall as its rows, up to `maxRows` (then it scrolls),
// and never shorter than one row.
inline void fitListHeight(QListWidget* list, int maxRows)
{
    int height = 2 * list->frameWidth();
    const int rows = std::clamp(list->count(), 1, maxRows);
    for (int r = 0; r < rows; ++r)
        height += r < list->count() ? list->sizeHintForRow(r) : list->fontMetrics().height() + 6;
    list->setFixedHeight(height + 2);
}

} // namespace ow::ui
