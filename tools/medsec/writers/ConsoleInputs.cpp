//===- ConsoleInputs.cpp - the console line about recognised inputs -----===//
#include "Console.h"

#include <map>

namespace medsec {

void printAttackSurface(llvm::raw_ostream &OS, const ScanResults &R) {
  bool TaintRan = false;
  for (const std::string &C : R.Checks)
    TaintRan |= llvm::StringRef(C).starts_with("medsec-tainted-");
  if (!TaintRan)
    return; // no check followed external data: nothing to recognise
  if (R.AttackSurface.empty()) {
    // Findings of the input checks need a source: without one the scan is
    // silent for a reason a reviewer must know.
    const size_t Excluded = R.excludedUnits();
    OS << "medsec: warning: no external input recognised";
    if (Excluded)
      OS << " in the " << R.Units.size() - Excluded << " unit(s) analysed (" << Excluded
         << " excluded were not looked at)";
    OS << ": no receive function, callback, "
          "peripheral register or interrupt-filled buffer was found, so the input-validation "
          "checks had no data to follow; declare the project's receive functions in "
          ".medsec.yaml (data.sources, data.callbacks or data.globals of "
          "medsec-tainted-array-index, see docs/taint-analysis.md)\n";
    return;
  }
  unsigned Inferred = 0, Feeding = 0;
  std::map<std::string, unsigned> Channels;
  for (const ExternalInput &I : R.AttackSurface) {
    Inferred += I.Inferred;
    Feeding += I.Findings > 0;
    ++Channels[I.Channel];
  }
  OS << "medsec: " << R.AttackSurface.size() << " external input(s) recognised ("
     << R.AttackSurface.size() - Inferred << " catalogued, " << Inferred << " inferred; ";
  bool First = true;
  for (const auto &[Channel, N] : Channels) {
    OS << (First ? "" : ", ") << Channel << " " << N;
    First = false;
  }
  OS << "), " << Feeding << " of them feeding findings; list in attack_surface of the results\n";
}

} // namespace medsec
