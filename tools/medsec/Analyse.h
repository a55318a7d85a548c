//===- Analyse.h - analyse one translation unit in this process -*- C++ -*-===//
#ifndef MEDSEC_TOOLS_ANALYSE_H
#define MEDSEC_TOOLS_ANALYSE_H

#include "Results.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <map>
#include <string>
#include <vector>

namespace medsec {

struct AnalyseOptions {
  // The medsec checks and the catalogued compiler diagnostics (CompilerDiagnostics.h).
  std::string Checks = "-*,medsec-*,clang-diagnostic-*";
  std::string CatalogueDir;              // empty: found as the checks find it
  std::vector<std::string> ProjectRules; // explicit override files
  std::string SourceRoot;                // findings are made relative to it
  std::vector<std::string> ExtraArgs;    // appended to every compile command
  std::string DerivedRules;              // rules the scan derived from other units (CrossTu.h)
  bool CrossTuFacts = false;             // record what this unit tells other units
  /// The catalogued clang-diagnostic-* ids Checks enables: their -W options
  /// follow the command's own, and what clang reports under them are findings.
  std::vector<std::string> CompilerDiagnostics;
};

/// Runs the medsec checks over File with the commands Db has for it. The
/// result's findings carry severities, clauses and line contexts; paths are
/// relative to Opts.SourceRoot where they lie below it.
UnitResult analyseUnit(const clang::tooling::CompilationDatabase &Db, const std::string &File,
                       const AnalyseOptions &Opts);

/// Every file File's compile commands read when only preprocessed (the main
/// file and each header, absolute): what a unit depends on, at a fraction
/// of an analysis. The unit's Status says whether the preprocessor ran.
UnitResult preprocessUnit(const clang::tooling::CompilationDatabase &Db, const std::string &File,
                          const AnalyseOptions &Opts);

/// The medsec checks the clang-tidy filter Opts.Checks enables.
std::vector<std::string> enabledChecks(const AnalyseOptions &Opts);

/// The clang-tidy CheckOptions every unit is analysed with: the global
/// medsec.* options and each enabled check's options with their values.
std::map<std::string, std::string> effectiveCheckOptions(const AnalyseOptions &Opts);

/// Path of P relative to Root when P lies below it, else P made absolute.
std::string relativeToRoot(llvm::StringRef P, llvm::StringRef Root);

} // namespace medsec

#endif
