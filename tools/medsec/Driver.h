//===- Driver.h - medsec command line ---------------------------*- C++ -*-===//
#ifndef MEDSEC_TOOLS_DRIVER_H
#define MEDSEC_TOOLS_DRIVER_H

namespace medsec {
int driverMain(int Argc, char **Argv);
} // namespace medsec

#endif
