#include "ui/main/Resources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initIconResources() { Q_INIT_RESOURCE(icons); }

namespace sb::ui {

void initResources() { initIconResources(); }

}  // namespace sb::ui
