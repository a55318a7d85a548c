//===- Shard.h - one scan split over several CI runners -------*- C++ -*-===//
//
// `medsec scan --shard K/N` analyses a deterministic 1/N of the units and
// writes a shard file: the scan's description and, per unit, everything the
// driver would have kept of its analysis (findings, rule files, components,
// attack-surface entries). `medsec merge` reads the N shard files, checks
// they are the N parts of one scan, and runs the stages a scan runs after
// the analysis (canonical order, inventory, gate, writers), so the merged
// outputs are byte for byte those of one scan. docs/ci.md shows the jobs.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_TOOLS_SHARD_H
#define MEDSEC_TOOLS_SHARD_H

#include "Results.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace medsec {

/// K/N, 1 <= K <= N; Count 0 when the scan is not sharded.
struct ShardSpec {
  unsigned Index = 0, Count = 0;
  bool active() const { return Count != 0; }
};

/// Parses "K/N"; false with Error saying why.
bool parseShard(llvm::StringRef Text, ShardSpec &Out, std::string &Error);

/// The units of shard S, in the order of Files. Units are dealt longest
/// first (by the size of the main file, which every runner's checkout has
/// alike) to the shard with the least work so far. Partition receives the
/// SHA-256 of the whole assignment: every shard of one scan has the same.
std::vector<std::string> selectShard(const std::vector<std::string> &Files, ShardSpec S,
                                     std::string &Partition);

/// One shard's part of a scan.
struct ShardFile {
  ShardSpec Spec;
  std::string Partition;
  size_t UnitsTotal = 0;         // units of the whole scan, every shard's together
  ScanResults Scan;              // the description, and the excluded units
  std::vector<UnitResult> Units; // this shard's units with their worker data
};

std::string shardToJson(const ShardFile &S);
/// Path names the file in errors.
llvm::Expected<ShardFile> shardFromJson(llvm::StringRef Text, llvm::StringRef Path);

/// Checks Shards are the N parts of one scan (same tool, database,
/// catalogue, checks, configuration and partition; every index once; every
/// unit once), and returns the scan's description with every shard's units.
llvm::Expected<std::pair<ScanResults, std::vector<UnitResult>>>
combineShards(std::vector<ShardFile> Shards, const std::vector<std::string> &Paths);

} // namespace medsec

#endif
