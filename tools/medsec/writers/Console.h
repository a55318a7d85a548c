//===- Console.h - what `medsec scan` prints on the terminal ----*- C++ -*-===//
#ifndef MEDSEC_TOOLS_WRITERS_CONSOLE_H
#define MEDSEC_TOOLS_WRITERS_CONSOLE_H

#include "../Results.h"

#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <string>

namespace medsec {

/// S with each control character written as an escape (\n, \t, \r, \x1b...),
/// for every path and text from the sources or the build the console prints:
/// a newline in a file name must not forge a finding line, an escape
/// sequence must not reach the terminal.
std::string printable(llvm::StringRef S);

/// One line per finished unit on stderr: overwritten in place on a terminal,
/// `medsec: ` lines otherwise.
class Progress {
public:
  Progress(size_t Total, bool Quiet);
  void done(const UnitResult &U);

private:
  size_t Total, Done = 0;
  bool Quiet, Tty;
  std::chrono::steady_clock::time_point Begin;
};

/// Prints findings in the compiler's familiar form, one note line with
/// severity, CWE and clauses after each.
void printFindings(llvm::raw_ostream &OS, const ScanResults &R);

/// The units not analysed, what the baseline says was fixed, and the one-line
/// summary with the gate's verdict.
void printSummary(llvm::raw_ostream &OS, const ScanResults &R, bool WithBaseline,
                  const std::string &ResultsPath);

/// Says how many external inputs the scan recognised, and warns when a taint
/// check ran and recognised none (docs/results-format.md, `attack_surface`).
void printAttackSurface(llvm::raw_ostream &OS, const ScanResults &R);

} // namespace medsec

#endif
