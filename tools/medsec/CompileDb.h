//===- CompileDb.h - compile databases as firmware teams have them -*- C++ -*-===//
//
// Reads compile_commands.json itself (both forms, relative paths, response
// files, duplicates), adjusts each command for clang (CompilerAdjust.h) and
// applies the scan's include/exclude path globs. What it changed is logged;
// what it excluded is kept, with the reason, for the results.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_TOOLS_COMPILEDB_H
#define MEDSEC_TOOLS_COMPILEDB_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace medsec {

struct DbOptions {
  /// Path globs; when any is given, a file must match one to be analysed.
  std::vector<std::string> Include;
  /// Path globs; a matching file is not analysed (listed as excluded).
  std::vector<std::string> Exclude;
  /// Relative globs match paths relative to it (default: current directory).
  std::string GlobRoot;
  /// The compatibility headers (default: compatDirectory()).
  std::string CompatDir;
  /// Globs naming the cross compilers that may be run for their include
  /// directories (AdjustContext::QueryDriverGlobs); none by default.
  std::vector<std::string> QueryDriverGlobs;
  /// Several entries for one file: analyse each distinct configuration
  /// (default), or only the first entry.
  bool FirstConfigurationOnly = false;
};

struct ExcludedFile {
  std::string File; // absolute
  std::string Reason;
};

/// A loaded, normalised database: absolute paths, clang-ready arguments,
/// files in path order, entries of one file in database order.
class FirmwareDatabase : public clang::tooling::CompilationDatabase {
public:
  std::vector<clang::tooling::CompileCommand>
  getCompileCommands(llvm::StringRef FilePath) const override;
  std::vector<std::string> getAllFiles() const override;
  std::vector<clang::tooling::CompileCommand> getAllCompileCommands() const override;

  /// The compilers the database named that were not run for their include
  /// directories because no --query-driver glob allowed it.
  const std::set<std::string> &notQueried() const { return NotQueried; }
  void setNotQueried(std::set<std::string> S) { NotQueried = std::move(S); }

  /// Files the globs took out of the analysis, in path order.
  const std::vector<ExcludedFile> &excludedFiles() const { return Excluded; }

  /// Moves the files the globs reject to excludedFiles().
  void applyPathFilters(const DbOptions &Opts, std::vector<std::string> &Log);

  /// compile_commands.json text ("arguments" form) holding only File's
  /// commands: what a worker process needs, without re-adjusting anything.
  std::string commandsJson(llvm::StringRef File) const;

  void add(clang::tooling::CompileCommand C) { ByFile[C.Filename].push_back(std::move(C)); }

private:
  std::map<std::string, std::vector<clang::tooling::CompileCommand>> ByFile;
  std::vector<ExcludedFile> Excluded;
  std::set<std::string> NotQueried;
};

/// Loads DbFile (compile_commands.json). On a missing or malformed file
/// returns null with Error set; otherwise every adjustment is in Log.
std::unique_ptr<FirmwareDatabase> loadFirmwareDatabase(const std::string &DbFile,
                                                       const DbOptions &Opts,
                                                       std::vector<std::string> &Log,
                                                       std::string &Error);

/// The shipped compatibility headers: MEDSEC_COMPAT_DIR, else installed
/// share/medsec/compat beside the executable, else the source tree's.
std::string compatDirectory();

/// A data directory medsec ships: $EnvVar when set, else <prefix>/share/medsec/Name
/// beside the executable when installed, else SourceDir (the source tree).
std::string shippedDirectory(const char *EnvVar, llvm::StringRef Name, llvm::StringRef SourceDir);

/// Whether Path matches the glob: `*` and `?` stay within a path component,
/// `**` spans components, `[...]` is a class; a glob naming a directory
/// matches every file below it.
bool matchPathGlob(llvm::StringRef Glob, llvm::StringRef Path);

/// The anchored regular expression matchPathGlob uses for Glob.
std::string globToRegex(llvm::StringRef Glob);

} // namespace medsec

#endif
