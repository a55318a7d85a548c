//===- Gate.h - pull-request gate: suppressions, deviations, baseline -*- C++ -*-===//
#ifndef MEDSEC_TOOLS_GATE_H
#define MEDSEC_TOOLS_GATE_H

#include "Results.h"

#include "../../rules/loader/Deviations.h"

#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace medsec {

struct BaselineEntry {
  std::string Fingerprint, Check, File, Message;
  std::string Justification, Approver, Date; // filled in by the team, kept on re-creation
};

/// Reads a baseline file (format medsec-baseline/1, docs/ci.md).
llvm::Expected<std::vector<BaselineEntry>> loadBaseline(llvm::StringRef Path);
/// The baseline of R: every finding still open, sorted; the justification
/// fields of Previous entries with the same fingerprint are carried over.
std::string baselineToJson(const ScanResults &R, const std::vector<BaselineEntry> &Previous);

struct GateOptions {
  Severity FailOn = Severity::Info; // lowest severity that fails the gate
  bool NewOnly = false;             // only findings not in the baseline fail
  bool FailOnIncomplete = true;
  bool FailOnTestCode = false;      // findings in test code count too
  bool RequireJustification = true; // a NOLINT without a reason does not apply
  std::string Today;                // YYYY-MM-DD, for deviation expiry
  std::vector<rules::Deviation> Deviations;
  std::optional<std::vector<BaselineEntry>> Baseline;
  // Baseline entries no longer found are fixed: false when some units were
  // not analysed (a scan restricted to a change set), whose entries are not.
  bool ListFixed = true;
};

/// Today's date in UTC as YYYY-MM-DD.
std::string todayUtc();

/// Sets every finding's status, suppression and baseline state, the list of
/// fixed baseline entries, and the policy verdict with its exit code.
void applyGate(ScanResults &R, const GateOptions &O);

/// Does this finding fail the gate under O?
bool failsGate(const Finding &F, const GateOptions &O);

} // namespace medsec

#endif
