#include "MainWindow.h"

#include <QLabel>

namespace ow::ui {

MainWindow::MainWindow(Database&, QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("OneWindow"));
    setCentralWidget(new QLabel(tr("Workbench"), this));
    resize(1280, 800);
}

} // namespace ow::ui
