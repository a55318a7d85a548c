//===- Scan.h - `medsec scan`: a compile database in parallel workers -*- C++ -*-===//
#ifndef MEDSEC_TOOLS_SCAN_H
#define MEDSEC_TOOLS_SCAN_H

#include "Analyse.h"
#include "Changes.h"
#include "Gate.h"
#include "ResultCache.h"
#include "Shard.h"

#include <optional>
#include <string>
#include <vector>

namespace medsec {

/// Exit codes of medsec, documented in docs/cli.md.
enum ExitCode {
  ExitClean = 0,      // analysed everything, no finding
  ExitFindings = 1,   // findings reported
  ExitUsage = 2,      // bad command line, compile database or catalogue
  ExitIncomplete = 3, // some translation unit was not analysed
};

struct ScanOptions {
  std::string BuildPath; // directory holding compile_commands.json, or the file
  unsigned Jobs = 0;     // 0: one per core
  unsigned TimeoutSeconds = 300;
  std::string ResultsPath = "medsec-results.json";
  std::string SarifPath, JunitPath, GitLabPath; // extra outputs, when set
  // Where the whole logs of units not analysed are kept (failureLogDirFor).
  std::string FailureLogDir;
  std::string BaselinePath, DeviationsPath;
  std::string HelpBaseUri; // SARIF helpUri prefix; default: the docs beside the catalogue
  bool Quiet = false;
  bool Verbose = false;
  GateOptions Gate;
  std::vector<std::string> Include, Exclude; // path globs (docs/cli.md)
  // Follow taint between translation units (CrossTu.h). Opt-in: on third-party
  // code it multiplies findings (docs/benchmarks.md, cross-TU rounds).
  bool CrossTu = false;
  // Globs of the compilers that may be run for their include directories
  // (clangd's --query-driver); none by default (docs/cli.md, security notes).
  std::vector<std::string> QueryDrivers;
  AnalyseOptions Analyse;
  CacheOptions Cache; // the result cache (ResultCache.h), on by default
  // --shard K/N: analyse the shard's units, write a shard file (Shard.h).
  ShardSpec Shard;
  // --changed-since REV / --changed FILE: analyse only the units these
  // changes can affect (Changes.h).
  std::optional<ChangeSet> Changed;
};

int runScan(const ScanOptions &Opts, const std::string &Self);

/// `medsec merge`: the shard files of one scan into the outputs that scan
/// would have written (results, SARIF, JUnit, GitLab), gated by Opts.Gate.
int runMerge(const ScanOptions &Opts, const std::vector<std::string> &ShardPaths);

/// The failure-log directory of a scan: Given when set, else the results
/// file's path with its extension replaced by ".failure-logs".
std::string failureLogDirFor(const std::string &Given, const std::string &ResultsPath);

/// The hidden worker command: analyses one file, writes its UnitResult JSON.
int runAnalyseWorker(const std::string &DbPath, const std::string &File, const std::string &OutPath,
                     const AnalyseOptions &Opts);

} // namespace medsec

#endif
