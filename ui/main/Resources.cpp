#include "ui/main/Resources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initBundledResources()
{
    Q_INIT_RESOURCE(icons);
    Q_INIT_RESOURCE(experiments);
}

namespace sb::ui {

void initResources() { initBundledResources(); }

}  // namespace sb::ui
