#pragma once
// The workbench's main window: hosts the docked views and the menus.
#include <QMainWindow>

namespace sb::ui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

}  // namespace sb::ui
