//===- WorkerPool.h - units analysed in forked, isolated children -*- C++ -*-===//
//
// A fork server: the driver loads and validates the rule catalogue once, then
// analyses each unit in a child forked from itself, so the child inherits the
// parsed catalogue (no unit parses YAML) and a unit that crashes or hangs dies
// alone and is reported. Children run in their own process group; on any exit
// of the pool, a signal included, every child still running is killed and
// reaped. docs/benchmarks.md measures this against one spawned worker per unit.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_TOOLS_WORKERPOOL_H
#define MEDSEC_TOOLS_WORKERPOOL_H

#include "Results.h"

#include <functional>
#include <string>
#include <vector>

namespace medsec {

struct PoolOptions {
  unsigned Jobs = 1;
  unsigned TimeoutSeconds = 300;
  std::string TempDir;    // the children's result and log files
  std::string SourceRoot; // names units that did not finish
  /// Where the whole log of a unit that was not analysed is kept (its crash
  /// trace, the compiler's output), one file per unit mirroring its path;
  /// empty: only the one-line reason survives.
  std::string FailureLogDir;
  bool Verbose = false;
};

/// What a child does with one file (in the child: it may crash).
using AnalyseFn = std::function<UnitResult(const std::string &File)>;
/// Told of each unit as it finishes (in the parent).
using DoneFn = std::function<void(const UnitResult &)>;

/// Analyses Files with at most Opts.Jobs children at once; the results are in
/// the order of Files. Tag keeps the temporary files of rounds apart. When a
/// signal interrupted the scan (scanInterrupted()), returns at once with the
/// units not finished left empty.
std::vector<UnitResult> analyseInWorkers(const std::vector<std::string> &Files,
                                         const AnalyseFn &Analyse, const PoolOptions &Opts,
                                         const std::string &Tag, const DoneFn &Done);

/// While alive, SIGINT, SIGTERM and SIGHUP interrupt the scan instead of
/// killing the driver outright, so that the pool can kill its children and
/// the scan remove its temporary files and leave earlier results alone.
class InterruptScope {
public:
  InterruptScope();
  ~InterruptScope();
  InterruptScope(const InterruptScope &) = delete;
  InterruptScope &operator=(const InterruptScope &) = delete;
};

/// The signal that interrupted the scan, or 0.
int scanInterrupted();

/// Ends the process as the interrupting signal would have (exit status by
/// signal, as shells expect), with the default handler restored.
[[noreturn]] void dieOfInterrupt(int Signal);

/// The first line of a dead child's log that says why (LLVM's "LLVM ERROR: "
/// dropped), without the crash banner, the stack dump and its frames, and with
/// addresses blanked (0x?), so that two runs report one reason.
std::string crashLogSummary(llvm::StringRef Log);

/// The file under Dir that keeps the log of the unit File (a path relative to
/// the source root) from the round Tag: the unit's path with every character
/// outside [A-Za-z0-9._-] and every ".." component made safe, ".log" added,
/// and the round before it when it is not the first ("x.c.round-2.log").
std::string failureLogPath(llvm::StringRef Dir, llvm::StringRef File, llvm::StringRef Tag);

/// Test-only hooks (tests/e2e) that prove a unit crashing or hanging its
/// worker cannot take the scan down: MEDSEC_TEST_CRASH_ON / _HANG_ON.
void runTestHooks(const std::string &File);

} // namespace medsec

#endif
