#pragma once

#include <QMainWindow>

namespace ow {
class Database;
}

namespace ow::ui {

// Composes the pages; holds no logic of its own.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Database& store, QWidget* parent = nullptr);
};

} // namespace ow::ui
