#include "ui/main/MainWindow.h"

#include <QLabel>
#include <QStatusBar>

namespace sb::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(QStringLiteral("SceneBench"));
    auto* welcome = new QLabel(QStringLiteral("SceneBench: data-efficient acoustic scene classification"), this);
    welcome->setAlignment(Qt::AlignCenter);
    setCentralWidget(welcome);
    statusBar()->showMessage(QStringLiteral("Ready"));
    resize(1200, 800);
}

}  // namespace sb::ui
