// scenebench: the desktop workbench.
#include "ui/main/MainWindow.h"

#include <QApplication>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("SceneBench"));
    QApplication::setOrganizationName(QStringLiteral("SceneBench"));
    sb::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
