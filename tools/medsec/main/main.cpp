// The medsec command-line driver; everything lives in the medsec_driver library.
#include "Driver.h"

int main(int argc, char **argv) { return medsec::driverMain(argc, argv); }
