//===- CrossTuFacts.h - what a TU's taint analysis tells other TUs -*- C++ -*-===//
//
// The taint analysis runs per translation unit. `medsec scan` joins the units:
// each unit reports the external data it hands to, returns to or stores for
// code of other units, and the names it defines and uses; the driver turns
// them into derived rules (callback entries, sources, tainted globals) and
// re-runs the units concerned (docs/taint-analysis.md, "Across translation
// units"). Recording is off unless the driver turns it on, so the plugin and
// medsec-clangd keep nothing.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_SUPPORT_CROSSTUFACTS_H
#define MEDSEC_CHECKS_SUPPORT_CROSSTUFACTS_H

#include <string>
#include <vector>

namespace medsec {

struct CrossTuFact {
  enum Kind { ParamFact, ReturnFact, GlobalFact } K = ParamFact;
  std::string Name;       // the callee, the function returning, the global
  unsigned Param = 0;     // Param: the 0-based parameter
  std::string ParamName;  // Param: the parameter's name at the call's declaration
  std::string Origin;     // "received data"
  std::string SourceName; // the source function the data came from
  std::string File;       // the call, return or store, as the compiler names the file
  unsigned Line = 0, Column = 0;
};

struct CrossTuFacts {
  std::vector<CrossTuFact> Facts;
  std::vector<std::string> Defines; // externally visible functions and globals
  std::vector<std::string> Uses;    // functions and globals used but defined elsewhere
};

void enableCrossTuFacts(bool On);
bool crossTuFactsEnabled();
void recordCrossTuFacts(CrossTuFacts F);
/// The facts of the last analysed TU (empty when none were recorded).
CrossTuFacts takeCrossTuFacts();

} // namespace medsec

#endif
