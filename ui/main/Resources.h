#pragma once
// Registers the workbench's compiled-in resources (the SVG icons, the demo experiment
// a new editor starts from). A static library's resources are not linked in unless
// someone references them; call this once before the first QIcon(":/icons/...") or
// ExperimentDocument (MainWindow's constructor does).
namespace sb::ui {

void initResources();

}  // namespace sb::ui
