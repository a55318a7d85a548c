//===- AttackSurface.h - where external data enters, for the driver -*- C++ -*-===//
//
// The taint analysis knows every place external data enters a unit: a call of
// a catalogued receive function, a callback's parameters, a declared global,
// and the inputs it infers (peripheral data registers, buffers an interrupt
// handler fills, receive methods of HAL classes). `medsec scan` lists them as
// the scan's attack surface (docs/results-format.md, `attack_surface`), so a
// reviewer sees which interfaces the analysis covered. Recording is off unless
// the driver turns it on, so the plugin and medsec-clangd keep nothing.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_SUPPORT_ATTACKSURFACE_H
#define MEDSEC_CHECKS_SUPPORT_ATTACKSURFACE_H

#include <string>
#include <utility>
#include <vector>

namespace medsec {

struct RecordedInput {
  std::string File;    // as the compiler names it
  unsigned Offset = 0; // where the data enters (call, callback, register access)
  std::string Name;    // the API, register, callback, global or method
  std::string Kind;    // call | callback | global | register | isr-buffer | method
  std::string Channel; // uart, usb, ble, radio, network, can, spi, i2c, file, env, ...
  bool Inferred = false;
  /// Where the flows of the findings it feeds start (their first note).
  std::vector<std::pair<std::string, unsigned>> Roots;
};

void enableAttackSurface(bool On);
bool attackSurfaceEnabled();
void recordInputs(std::vector<RecordedInput> Inputs);
/// The inputs of the last analysed TU (empty when none were recorded).
std::vector<RecordedInput> takeInputs();

} // namespace medsec

#endif
