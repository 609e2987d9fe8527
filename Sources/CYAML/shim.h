#ifndef GOVCTL_CYAML_SHIM_H
#define GOVCTL_CYAML_SHIM_H
#include <yaml.h>
#endif
