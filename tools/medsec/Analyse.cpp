//===- Analyse.cpp - analyse one translation unit in this process ---------===//
#include "Analyse.h"
#include "Suppressions.h"

#include "../../checks/support/AttackSurface.h"
#include "../../checks/support/CatalogueAccess.h"
#include "../../checks/support/FindingAnnotations.h"
#include "CompilerDiagnostics.h"
#include "CrossTu.h"
#include "Inventory.h"
#include "medsec/Version.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <set>
#include <tuple>

namespace medsec {

std::string relativeToRoot(llvm::StringRef P, llvm::StringRef Root) {
  llvm::SmallString<256> Abs(P);
  llvm::sys::fs::make_absolute(Abs);
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  if (Root.empty())
    return Abs.str().str();
  llvm::SmallString<256> R(Root);
  llvm::sys::fs::make_absolute(R);
  llvm::sys::path::remove_dots(R, true);
  llvm::StringRef A = Abs;
  if (A.consume_front(R) && (A.empty() || A.starts_with("/"))) {
    A.consume_front("/");
    return A.str();
  }
  return Abs.str().str();
}

namespace {

/// Line and column from byte offsets, with each file read once.
class LineTable {
public:
  struct Pos {
    unsigned Line = 0, Column = 0;
    std::string Context; // the line without white space
  };
  Pos at(const std::string &File, unsigned Offset) {
    auto &Buf = Buffers[File];
    if (!Buf) {
      auto B = llvm::MemoryBuffer::getFile(File, /*IsText=*/false);
      if (!B)
        return {};
      Buf = std::move(*B);
    }
    llvm::StringRef Text = Buf->getBuffer();
    if (Offset > Text.size())
      return {};
    Pos P;
    // The last newline before Offset (rfind looks below its start): a
    // location in column 1 is on the line after that newline.
    const size_t LineStart = Text.rfind('\n', Offset);
    const size_t Begin = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
    P.Line = 1 + static_cast<unsigned>(Text.take_front(Begin).count('\n'));
    P.Column = 1 + Offset - static_cast<unsigned>(Begin);
    const size_t End = Text.find('\n', Begin);
    for (char C : Text.slice(Begin, End == llvm::StringRef::npos ? Text.size() : End))
      if (!std::isspace(static_cast<unsigned char>(C)))
        P.Context.push_back(C);
    return P;
  }

  llvm::StringRef text(const std::string &File) {
    at(File, 0);
    auto It = Buffers.find(File);
    return (It == Buffers.end() || !It->second) ? llvm::StringRef() : It->second->getBuffer();
  }

private:
  llvm::StringMap<std::unique_ptr<llvm::MemoryBuffer>> Buffers;
};

std::string absolutePath(llvm::StringRef Path, llvm::StringRef BuildDir) {
  llvm::SmallString<256> P(Path);
  if (!llvm::sys::path::is_absolute(P) && !BuildDir.empty()) {
    P = BuildDir;
    llvm::sys::path::append(P, Path);
  }
  llvm::sys::fs::make_absolute(P);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return P.str().str();
}

/// Every file the analysis opens for reading: the main file and each header
/// it included, which the result cache keys the next analysis on.
class RecordingFileSystem : public llvm::vfs::ProxyFileSystem {
public:
  explicit RecordingFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS)
      : ProxyFileSystem(std::move(FS)) {}
  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Path) override {
    auto F = ProxyFileSystem::openFileForRead(Path);
    if (F) {
      llvm::SmallString<256> P;
      Path.toVector(P);
      if (!llvm::sys::path::is_absolute(P))
        if (auto Cwd = getCurrentWorkingDirectory())
          llvm::sys::fs::make_absolute(*Cwd, P);
      llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
      Read.insert(P.str().str());
    }
    return F;
  }
  std::set<std::string> Read;
};

/// The clang-tidy options of every unit of a scan: the same for all, so the
/// scan can describe them once (docs/results-format.md, `configuration`).
clang::tidy::ClangTidyOptions tidyOptions(const AnalyseOptions &Opts) {
  using clang::tidy::ClangTidyOptions;
  ClangTidyOptions Options = ClangTidyOptions::getDefaults();
  Options.Checks = Opts.Checks;
  Options.HeaderFilterRegex = ".*";
  Options.SystemHeaders = false;
  Options.WarningsAsErrors = "";
  // Our binary does not live beside clang's headers; name them.
  Options.ExtraArgsBefore = std::vector<std::string>{"-resource-dir=" MEDSEC_CLANG_RESOURCE_DIR};
  Options.ExtraArgs = Opts.ExtraArgs;
  for (std::string &W : compilerDiagnosticArgs(Opts.CompilerDiagnostics))
    Options.ExtraArgs->push_back(std::move(W));
  Options.CheckOptions["medsec.Catalogue"] =
      ClangTidyOptions::ClangTidyValue(defaultCatalogueDir(Opts.CatalogueDir));
  if (!Opts.ProjectRules.empty())
    Options.CheckOptions["medsec.ProjectRules"] =
        ClangTidyOptions::ClangTidyValue(Opts.ProjectRules.front());
  if (!Opts.DerivedRules.empty())
    Options.CheckOptions["medsec.DerivedRules"] =
        ClangTidyOptions::ClangTidyValue(Opts.DerivedRules);
  return Options;
}

/// The unit's inputs with their locations; each finding whose flow (first
/// note) starts where an input's data does names that input (Finding::Inputs,
/// which the scan's attack surface counts).
std::vector<ExternalInput> attackSurface(const std::vector<RecordedInput> &Recorded,
                                         std::vector<Finding> &Findings,
                                         const std::string &CompileDir,
                                         const std::string &SourceRoot, LineTable &Lines) {
  auto Where = [&](const std::string &File, unsigned Offset) {
    const std::string Path = absolutePath(File, CompileDir);
    LineTable::Pos P = Lines.at(Path, Offset);
    return Location{relativeToRoot(Path, SourceRoot), P.Line, P.Column};
  };
  std::vector<ExternalInput> Out;
  for (const RecordedInput &R : Recorded) {
    ExternalInput I;
    I.Where = Where(R.File, R.Offset);
    I.Name = R.Name;
    I.Kind = R.Kind;
    I.Channel = R.Channel;
    I.Inferred = R.Inferred;
    std::set<Location> Roots;
    for (const auto &[File, Offset] : R.Roots)
      Roots.insert(Where(File, Offset));
    for (Finding &F : Findings)
      if (!F.Notes.empty() && Roots.count(F.Notes.front().Where))
        F.Inputs.push_back({I.Where, I.Name});
    Out.push_back(std::move(I));
  }
  for (Finding &F : Findings) {
    std::sort(F.Inputs.begin(), F.Inputs.end());
    F.Inputs.erase(std::unique(F.Inputs.begin(), F.Inputs.end()), F.Inputs.end());
  }
  return Out;
}

} // namespace

std::vector<std::string> enabledChecks(const AnalyseOptions &Opts) {
  std::vector<std::string> Checks;
  for (std::string &Name : clang::tidy::getCheckNames(tidyOptions(Opts), false))
    if (llvm::StringRef(Name).starts_with("medsec-"))
      Checks.push_back(std::move(Name));
  return Checks;
}

std::map<std::string, std::string> effectiveCheckOptions(const AnalyseOptions &Opts) {
  const clang::tidy::ClangTidyOptions Options = tidyOptions(Opts);
  const std::vector<std::string> Checks = enabledChecks(Opts);
  // What the scan set, then what each enabled check says it uses (its
  // storeOptions, defaults included), as `clang-tidy --dump-config` shows.
  auto Relevant = [&](llvm::StringRef Key) {
    return Key.starts_with("medsec.") ||
           std::any_of(Checks.begin(), Checks.end(),
                       [&](const std::string &C) { return Key.starts_with(C + "."); });
  };
  std::map<std::string, std::string> Effective;
  for (const auto &E : Options.CheckOptions)
    if (Relevant(E.getKey()))
      Effective[E.getKey().str()] = E.getValue().Value;
  for (const auto &E : clang::tidy::getCheckOptions(Options, false))
    if (Relevant(E.getKey()))
      Effective[E.getKey().str()] = E.getValue().Value;
  return Effective;
}

UnitResult preprocessUnit(const clang::tooling::CompilationDatabase &Db, const std::string &File,
                          const AnalyseOptions &Opts) {
  UnitResult Unit;
  Unit.File = relativeToRoot(File, Opts.SourceRoot);
  for (const clang::tooling::CompileCommand &C : Db.getCompileCommands(File))
    if (!llvm::sys::fs::is_directory(C.Directory)) {
      Unit.Status = UnitStatus::Failed;
      Unit.Reason = "Cannot chdir into '" + C.Directory + "'";
      return Unit;
    }
  auto Recording = llvm::makeIntrusiveRefCnt<RecordingFileSystem>(llvm::vfs::getRealFileSystem());
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> BaseFS(
      new llvm::vfs::OverlayFileSystem(Recording));
  clang::tooling::ClangTool Tool(Db, {File},
                                 std::make_shared<clang::PCHContainerOperations>(), BaseFS);
  const clang::tidy::ClangTidyOptions Tidy = tidyOptions(Opts);
  // The arguments the analysis adds, so the same headers are found.
  Tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
      *Tidy.ExtraArgsBefore, clang::tooling::ArgumentInsertPosition::BEGIN));
  if (Tidy.ExtraArgs)
    Tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
        *Tidy.ExtraArgs, clang::tooling::ArgumentInsertPosition::END));
  Tool.appendArgumentsAdjuster(clang::tooling::getStripPluginsAdjuster());
  clang::IgnoringDiagConsumer Quiet;
  Tool.setDiagnosticConsumer(&Quiet);
  auto Factory = clang::tooling::newFrontendActionFactory<clang::PreprocessOnlyAction>();
  if (Tool.run(Factory.get()) == 1 && Recording->Read.empty()) {
    Unit.Status = UnitStatus::ParseError;
    Unit.Reason = "the preprocessor could not run";
  }
  Unit.Inputs.assign(Recording->Read.begin(), Recording->Read.end());
  return Unit;
}

UnitResult analyseUnit(const clang::tooling::CompilationDatabase &Db, const std::string &File,
                       const AnalyseOptions &Opts) {
  using namespace clang::tidy;
  UnitResult Unit;
  Unit.File = relativeToRoot(File, Opts.SourceRoot);
  // clang's tooling aborts the process on a directory it cannot enter: say
  // so as the unit's reason instead of a crash.
  for (const clang::tooling::CompileCommand &C : Db.getCompileCommands(File))
    if (!llvm::sys::fs::is_directory(C.Directory)) {
      Unit.Status = UnitStatus::Failed;
      Unit.Reason = "Cannot chdir into '" + C.Directory +
                    "' (the entry's 'directory' in the "
                    "compile database): " +
                    (llvm::sys::fs::exists(C.Directory) ? "not a directory" : "it does not exist");
      return Unit;
    }

  ClangTidyContext Context(
      std::make_unique<DefaultOptionsProvider>(ClangTidyGlobalOptions(), tidyOptions(Opts)));
  enableFindingAnnotations(true);
  clearFindingAnnotations();
  enableCrossTuFacts(Opts.CrossTuFacts);
  takeCrossTuFacts();
  auto Recording = llvm::makeIntrusiveRefCnt<RecordingFileSystem>(llvm::vfs::getRealFileSystem());
  enableAttackSurface(true);
  takeInputs();
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> BaseFS(
      new llvm::vfs::OverlayFileSystem(Recording));

  // The catalogue the checks use, to add clauses and CWE ids to findings.
  const CatalogueSource Source = catalogueSourceFor(
      Opts.CatalogueDir, Opts.ProjectRules.empty() ? "" : Opts.ProjectRules.front(),
      Opts.DerivedRules, File);
  std::vector<rules::Problem> Problems;
  bool FirstTime = false;
  // Loaded once the checks have (the first loader reports its problems).
  auto VersionMacros = [&] {
    std::vector<std::string> Names;
    if (auto C = cachedCatalogue(Source, Problems, FirstTime))
      for (const rules::ComponentEntry &E : C->Components)
        for (std::string &M : E.versionMacros())
          Names.push_back(std::move(M));
    return Names;
  };
  UnitInventory Inventory;
  std::vector<ClangTidyError> Errors =
      runClangTidyWithInventory(Context, Db, File, BaseFS, VersionMacros, Inventory);
  Unit.Inputs.assign(Recording->Read.begin(), Recording->Read.end());
  auto Cat = cachedCatalogue(Source, Problems, FirstTime);
  if (Cat)
    Unit.Components = attributeUnit(Inventory, *Cat, Opts.SourceRoot, Unit.VendorFiles);
  // The project files behind this unit's findings, for the results' list of
  // rule files: each unit may find a different .medsec.yaml.
  // The cross-TU overlay is the scan's own temporary file, derived from the
  // sources: not an input to record (its path changes with every scan).
  if (Cat)
    for (const rules::CatalogueFile &F : Cat->Files)
      if (F.Role == "project" && F.Path != Opts.DerivedRules)
        Unit.RuleFiles.push_back({relativeToRoot(F.Path, Opts.SourceRoot), F.Role, F.Sha256});

  LineTable Lines;
  const std::optional<rules::TestCodeRule> TestCode =
      Cat ? std::optional<rules::TestCodeRule>(rules::TestCodeRule(*Cat)) : std::nullopt;
  // Severity, clauses and CWE of a finding, from what the check recorded and
  // the catalogue; whether it is in test code.
  auto MakeFinding = [&](const std::string &Check, const std::string &Path, unsigned Offset,
                         const std::string &Message, const std::string &DiagFile) {
    Finding F;
    F.Check = Check;
    F.Message = Message;
    LineTable::Pos P = Lines.at(Path, Offset);
    F.Where = {relativeToRoot(Path, Opts.SourceRoot), P.Line, P.Column};
    F.LineContext = P.Context;
    F.TestCode = TestCode && TestCode->matches(F.Where.File);
    const rules::CheckEntry *Entry = Cat ? Cat->findCheck(F.Check) : nullptr;
    F.Sev = Entry ? Entry->DefaultSeverity : Severity::Medium;
    if (auto A = lookupFindingAnnotation(F.Check, DiagFile, Offset)) {
      F.Sev = rules::parseSeverity(A->Severity).value_or(F.Sev);
      F.DataKey = A->DataKey;
    }
    if (Entry) {
      F.Cwe = Entry->Cwe;
      for (const rules::ClauseRef &R : Entry->Clauses)
        F.Clauses.push_back(R.Id);
      // A data entry may name the one CWE that fits this finding best.
      if (!F.DataKey.empty())
        for (const auto &List : Entry->Data)
          for (const rules::DataEntry &D : List.second)
            if (D.Key == F.DataKey && !D.get("cwe").empty())
              F.Cwe = {D.get("cwe")};
    }
    return F;
  };

  std::set<std::tuple<std::string, std::string, unsigned>> Reported;
  for (const ClangTidyError &E : Errors) {
    const std::string Path = absolutePath(E.Message.FilePath, E.BuildDirectory);
    if (E.DiagLevel == ClangTidyError::Error &&
        (E.DiagnosticName.empty() ||
         llvm::StringRef(E.DiagnosticName).starts_with("clang-diagnostic-"))) {
      if (Unit.Status == UnitStatus::Analysed) {
        Unit.Status = UnitStatus::ParseError;
        LineTable::Pos P = Lines.at(Path, E.Message.FileOffset);
        Unit.Reason = E.Message.FilePath.empty()
                          ? E.Message.Message
                          : relativeToRoot(Path, Opts.SourceRoot) + ":" + std::to_string(P.Line) +
                                ":" + std::to_string(P.Column) + ": " + E.Message.Message;
      }
      continue;
    }
    // Compiler warnings the scan did not ask for (the command's own -Wall)
    // are not findings: only catalogued ones carry a severity and clauses.
    if (!llvm::StringRef(E.DiagnosticName).starts_with("medsec-") &&
        !std::count(Opts.CompilerDiagnostics.begin(), Opts.CompilerDiagnostics.end(),
                    E.DiagnosticName))
      continue;
    Reported.insert({E.DiagnosticName, E.Message.FilePath, E.Message.FileOffset});
    Finding F = MakeFinding(E.DiagnosticName, Path, E.Message.FileOffset, E.Message.Message,
                            E.Message.FilePath);
    for (const auto &N : E.Notes) {
      const std::string NPath = absolutePath(N.FilePath, E.BuildDirectory);
      LineTable::Pos NP = Lines.at(NPath, N.FileOffset);
      F.Notes.push_back({{relativeToRoot(NPath, Opts.SourceRoot), NP.Line, NP.Column}, N.Message});
    }
    for (const auto &FileFix : E.Message.Fix)
      for (const auto &R : FileFix.second)
        F.Fixes.push_back(
            {relativeToRoot(absolutePath(R.getFilePath(), E.BuildDirectory), Opts.SourceRoot),
             R.getOffset(), R.getLength(), R.getReplacementText().str()});
    Unit.Findings.push_back(std::move(F));
  }

  // clang-tidy drops what a NOLINT comment covers; a submission must still
  // list it with its justification, so findings the checks recorded but
  // clang-tidy did not report are looked up in the source.
  const std::vector<clang::tooling::CompileCommand> Commands = Db.getCompileCommands(File);
  const std::string CompileDir = Commands.empty() ? std::string() : Commands.front().Directory;
  for (const AnnotatedFinding &A : allFindingAnnotations()) {
    if (Reported.count({A.Check, A.File, A.Offset}))
      continue;
    const std::string Path = absolutePath(A.File, CompileDir);
    LineTable::Pos P = Lines.at(Path, A.Offset);
    std::optional<NolintComment> Nolint = findNolint(Lines.text(Path), P.Line, A.Check);
    if (!Nolint)
      continue; // filtered for another reason (a system header)
    Finding F = MakeFinding(A.Check, Path, A.Offset, A.Annotation.Message, A.File);
    Suppression S;
    S.Kind = SuppressionKind::InSource;
    S.Status = SuppressionStatus::Accepted;
    S.Justification = Nolint->Justification;
    S.Source = F.Where.File + ":" + std::to_string(Nolint->Line);
    F.Supp = S;
    F.Status = FindingStatus::Accepted;
    Unit.Findings.push_back(std::move(F));
  }
  enableFindingAnnotations(false);
  Unit.ExternalInputs =
      attackSurface(takeInputs(), Unit.Findings, CompileDir, Opts.SourceRoot, Lines);
  enableAttackSurface(false);
  if (Opts.CrossTuFacts) {
    Unit.CrossTu = crossTuFactsToJson(takeCrossTuFacts(), CompileDir, Opts.SourceRoot);
    enableCrossTuFacts(false);
  }
  return Unit;
}

} // namespace medsec
