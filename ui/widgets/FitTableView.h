#pragma once

#include <QHash>
#include <QTableView>

namespace ow::ui {

// A table as tall as its rows (wrapped text included), for a page that
// scrolls as a whole: no scroll bar of its own, rows fitted to their text.
class FitTableView : public QTableView
{
    Q_OBJECT
public:
    explicit FitTableView(QWidget* parent = nullptr);

    void setModel(QAbstractItemModel* model) override;
    // Columns with a weight share the width the others leave, in proportion;
    // the others keep the width they are given.
    void setColumnWeights(const QHash<int, int>& weights);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void scheduleFit();
    void fit();

    void shareWidth();

    QHash<int, int> m_weights;
    bool m_fitPending = false;
};

} // namespace ow::ui
