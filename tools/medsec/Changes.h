//===- Changes.h - the files a pull request changed ------------*- C++ -*-===//
//
// `medsec scan --changed-since REV` / `--changed FILE`: the scan analyses only
// the units a change can affect (its main file changed, or a file it read:
// from the include list the result cache recorded, else by preprocessing the
// unit). docs/cli.md (pull-request scans).
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_TOOLS_CHANGES_H
#define MEDSEC_TOOLS_CHANGES_H

#include "llvm/Support/Error.h"

#include <set>
#include <string>
#include <vector>

namespace medsec {

struct ChangeSet {
  std::string Origin;          // "--changed-since origin/main", "--changed"
  std::set<std::string> Files; // absolute, without . and .. components
  bool contains(const std::string &File) const { return Files.count(File) != 0; }
  /// Whether any of Read (absolute paths) changed.
  bool touches(const std::vector<std::string> &Read) const;
};

/// The files changed between the merge base of Rev and HEAD and the working
/// tree (committed, staged, unstaged), and the untracked ones, of the git
/// checkout holding Dir. An error names the git command and what it said.
llvm::Expected<ChangeSet> changedSince(const std::string &Rev, const std::string &Dir);

/// Files named on the command line, made absolute against Dir.
ChangeSet changedFiles(const std::vector<std::string> &Files, const std::string &Dir);

} // namespace medsec

#endif
