//===- Scan.cpp - `medsec scan` -------------------------------------------===//
//
// The stages of a scan: the compile database and the catalogues, loaded and
// validated once; the units through the worker pool (WorkerPool.h: a unit
// that crashes or hangs is reported while every other unit's findings
// survive) and the cross-TU rounds (CrossTu.h); the gate; the writers.
//
//===----------------------------------------------------------------------===//
#include "Scan.h"
#include "ResultCache.h"
#include "Shard.h"
#include "WorkerPool.h"
#include "writers/Console.h"
#include "writers/Writers.h"

#include "../../checks/support/CatalogueAccess.h"
#include "CompileDb.h"
#include "CompilerDiagnostics.h"
#include "Changes.h"
#include "CrossTu.h"
#include "medsec/Version.h"

#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include <string.h>
#include <sys/utsname.h>

namespace medsec {
namespace {

std::string dbFilePath(const std::string &BuildPath) {
  if (llvm::sys::fs::is_directory(BuildPath)) {
    llvm::SmallString<256> P(BuildPath);
    llvm::sys::path::append(P, "compile_commands.json");
    return P.str().str();
  }
  return BuildPath;
}

std::unique_ptr<clang::tooling::CompilationDatabase> loadDb(const std::string &DbFile,
                                                            std::string &Error) {
  if (!llvm::sys::fs::exists(DbFile)) {
    Error = "compile database '" + DbFile +
            "' does not exist (generate it with CMAKE_EXPORT_COMPILE_COMMANDS=ON or bear)";
    return nullptr;
  }
  return clang::tooling::JSONCompilationDatabase::loadFromFile(
      DbFile, Error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
}

/// The deepest directory that holds every file.
std::string commonDirectory(const std::vector<std::string> &Files) {
  if (Files.empty())
    return "";
  std::string Common = llvm::sys::path::parent_path(Files.front()).str();
  for (const std::string &F : Files)
    while (!Common.empty() && !(llvm::StringRef(F).starts_with(Common + "/")))
      Common = llvm::sys::path::parent_path(Common).str();
  return Common.empty() ? "/" : Common;
}

} // namespace

int runAnalyseWorker(const std::string &DbPath, const std::string &File, const std::string &OutPath,
                     const AnalyseOptions &Opts) {
  runTestHooks(File);
  std::string Error;
  auto Db = loadDb(DbPath, Error);
  if (!Db) {
    llvm::errs() << "medsec: error: " << Error << "\n";
    return ExitUsage;
  }
  UnitResult U = analyseUnit(*Db, File, Opts);
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << unitToJson(U, /*WithFindings=*/true);
  if (llvm::Error E = writeFileAtomically(OutPath, Text)) {
    llvm::errs() << "medsec: error: " << llvm::toString(std::move(E)) << "\n";
    return ExitUsage;
  }
  return ExitClean;
}

namespace {

/// Reads the deviation records and the baseline named on the command line.
/// Returns an exit code on failure, 0 on success.
int loadGateInputs(const ScanOptions &Opts, GateOptions &Gate) {
  if (Gate.Today.empty())
    Gate.Today = todayUtc();
  if (!Opts.DeviationsPath.empty()) {
    auto Buf = llvm::MemoryBuffer::getFile(Opts.DeviationsPath);
    if (!Buf) {
      llvm::errs() << "medsec: error: cannot read deviations '" << Opts.DeviationsPath
                   << "': " << Buf.getError().message() << "\n";
      return ExitUsage;
    }
    std::vector<rules::Problem> Problems;
    rules::loadDeviationsText((*Buf)->getBuffer().str(), Opts.DeviationsPath, Gate.Deviations,
                              Problems);
    for (const rules::Problem &P : Problems)
      llvm::errs() << P.str() << "\n";
    if (!Problems.empty())
      return ExitUsage;
  }
  if (!Opts.BaselinePath.empty()) {
    auto Base = loadBaseline(Opts.BaselinePath);
    if (!Base) {
      llvm::errs() << "medsec: error: " << llvm::toString(Base.takeError()) << "\n";
      return ExitUsage;
    }
    Gate.Baseline = std::move(*Base);
  }
  return 0;
}

HostInfo scanHost() {
  HostInfo H;
  H.Triple = llvm::sys::getProcessTriple();
  struct utsname U;
  if (uname(&U) == 0) {
    H.Os = U.sysname;
    H.OsRelease = U.release;
  }
  return H;
}

/// The documentation of the checks beside the catalogue, as a file URI prefix.
std::string defaultHelpBase(llvm::StringRef CatalogueDir) {
  for (const char *Rel : {"../docs/checks", "../../doc/medsec/checks"}) {
    llvm::SmallString<256> P(CatalogueDir);
    llvm::sys::path::append(P, Rel);
    llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
    if (llvm::sys::fs::is_directory(P))
      return "file://" + P.str().str() + "/";
  }
  return "";
}

bool writeOutputs(const ScanOptions &Opts, const ScanResults &R, const rules::Catalogue &Cat,
                  llvm::StringRef CatalogueDir) {
  SarifOptions S;
  S.HelpBaseUri = Opts.HelpBaseUri.empty() ? defaultHelpBase(CatalogueDir) : Opts.HelpBaseUri;
  const std::pair<const std::string *, std::function<std::string()>> Outputs[] = {
      {&Opts.ResultsPath, [&] { return resultsToJson(R); }},
      {&Opts.SarifPath, [&] { return writeSarif(R, Cat, S); }},
      {&Opts.JunitPath, [&] { return writeJunit(R, Cat); }},
      {&Opts.GitLabPath, [&] { return writeGitLabCodeQuality(R); }}};
  for (const auto &[Path, Write] : Outputs) {
    if (Path->empty())
      continue;
    if (llvm::Error E = writeFileAtomically(*Path, Write())) {
      llvm::errs() << "medsec: error: " << llvm::toString(std::move(E)) << "\n";
      return false;
    }
  }
  return true;
}

} // namespace

namespace {

/// Loads and validates, once in the driver, every catalogue the units will be
/// analysed with (each may find its own .medsec.yaml), so the forked workers
/// inherit them parsed. Prints the problems; false when there are any.
bool loadCatalogues(const std::vector<std::string> &Files, const AnalyseOptions &A) {
  const std::string Project = A.ProjectRules.empty() ? "" : A.ProjectRules.front();
  std::set<std::vector<std::string>> Seen;
  size_t Count = 0;
  for (const std::string &File : Files) {
    const CatalogueSource Source =
        catalogueSourceFor(A.CatalogueDir, Project, A.DerivedRules, File);
    if (!Seen.insert(Source.ProjectFiles).second)
      continue;
    std::vector<rules::Problem> Problems;
    bool FirstTime = false;
    cachedCatalogue(Source, Problems, FirstTime);
    for (const rules::Problem &P : Problems)
      llvm::errs() << P.str() << "\n";
    Count += Problems.size();
  }
  if (Count)
    llvm::errs() << "medsec: error: the rule catalogue has " << Count
                 << " problem(s); fix them or check with 'medsec rules validate'\n";
  return Count == 0;
}

/// The root findings are relative to: --source-root, else the current
/// directory when every file lies below it, else the files' common directory.
std::string sourceRootFor(const std::string &Given, const std::vector<std::string> &Files) {
  llvm::SmallString<256> Root(Given);
  if (Given.empty()) {
    llvm::sys::fs::current_path(Root);
    const bool AllBelow = std::all_of(Files.begin(), Files.end(), [&](const std::string &F) {
      return llvm::StringRef(F).starts_with((Root + "/").str());
    });
    return AllBelow ? Root.str().str() : commonDirectory(Files);
  }
  llvm::sys::fs::make_absolute(Root);
  llvm::sys::path::remove_dots(Root, true);
  return Root.str().str();
}

/// What the results say about the scan itself: tool, inputs, host, the
/// checks run and the configuration.
void describeScan(ScanResults &R, const ScanOptions &Opts, const AnalyseOptions &A,
                  const std::string &DbFile, const rules::Catalogue &Cat) {
  R.ToolVersion = MEDSEC_VERSION;
  R.BuildId = MEDSEC_BUILD_ID;
  R.LlvmVersion = MEDSEC_LLVM_VERSION;
  R.SourceRoot = A.SourceRoot;
  R.CompileDatabase = relativeToRoot(DbFile, A.SourceRoot);
  if (auto Buf = llvm::MemoryBuffer::getFile(DbFile))
    R.CompileDatabaseSha256 = rules::sha256Hex((*Buf)->getBuffer().str());
  for (const rules::CatalogueFile &F : Cat.Files)
    R.CatalogueFiles.push_back({relativeToRoot(F.Path, A.SourceRoot), F.Role, F.Sha256});
  R.Host = scanHost();
  // Only checks the --checks filter let run: a report must not claim
  // evidence from a check that was filtered out.
  std::vector<std::string> Enabled = enabledChecks(A);
  Enabled.insert(Enabled.end(), A.CompilerDiagnostics.begin(), A.CompilerDiagnostics.end());
  for (const rules::CheckEntry &C : Cat.Checks)
    if (C.Status != "planned" && std::count(Enabled.begin(), Enabled.end(), C.Id))
      R.Checks.push_back(C.Id);
  R.Configuration.Set = true;
  R.Configuration.CheckFilter = A.Checks;
  R.Configuration.CheckOptions = effectiveCheckOptions(A);
  R.Configuration.ExtraArgs = A.ExtraArgs;
  R.Configuration.Include = Opts.Include;
  R.Configuration.Exclude = Opts.Exclude;
  R.Configuration.TimeoutSeconds = Opts.TimeoutSeconds;
}

/// The scan's temporary directory, removed however the scan ends.
class ScratchDir {
public:
  std::error_code create() { return llvm::sys::fs::createUniqueDirectory("medsec-scan", Path); }
  ~ScratchDir() { remove(); }
  std::string str() const { return Path.str().str(); }
  void remove() {
    if (!Path.empty())
      llvm::sys::fs::remove_directories(Path);
    Path.clear();
  }

private:
  llvm::SmallString<128> Path;
};

/// The directory that keeps the whole logs of the units a scan could not
/// analyse. It is the scan's own: a marker file says medsec made it, and only
/// a directory with the marker is emptied by the next scan; one left empty is
/// removed at the end.
class FailureLogs {
public:
  explicit FailureLogs(std::string Dir) : Dir(std::move(Dir)) {}
  /// Empties the logs of an earlier scan; an error when Dir is not medsec's.
  llvm::Error prepare() {
    if (llvm::sys::fs::exists(Dir)) {
      if (!llvm::sys::fs::is_directory(Dir) || (!isEmpty() && !llvm::sys::fs::exists(marker())))
        return llvm::createStringError(
            std::errc::file_exists,
            "'%s' exists and was not made by medsec for failure logs; choose another "
            "--failure-logs DIR or remove it",
            Dir.c_str());
      if (std::error_code RC = llvm::sys::fs::remove_directories(Dir))
        return llvm::createStringError(RC, "cannot empty '%s': %s", Dir.c_str(),
                                       RC.message().c_str());
    }
    if (std::error_code EC = llvm::sys::fs::create_directories(Dir))
      return llvm::createStringError(EC, "cannot create '%s': %s", Dir.c_str(),
                                     EC.message().c_str());
    return prepareMarker();
  }
  /// Removes the directory when no unit left a log in it.
  void finish() {
    llvm::sys::fs::remove(marker());
    if (isEmpty()) {
      llvm::sys::fs::remove_directories(Dir);
    } else if (llvm::Error E = prepareMarker()) {
      // The logs are written; without the marker the next scan refuses to
      // empty the directory, which it says then.
      llvm::errs() << "medsec: warning: " << llvm::toString(std::move(E)) << "\n";
    }
  }
  const std::string &dir() const { return Dir; }

private:
  std::string marker() const { return Dir + "/.medsec-failure-logs"; }
  bool isEmpty() const {
    std::error_code EC;
    return llvm::sys::fs::directory_iterator(Dir, EC) == llvm::sys::fs::directory_iterator();
  }
  llvm::Error prepareMarker() const {
    return writeFileAtomically(marker(), "The whole logs of the units the last `medsec scan` "
                                         "writing here could not analyse; its next run empties "
                                         "this directory.\n");
  }
  std::string Dir;
};

/// A unit the changes cannot affect: listed, with why it was not analysed.
UnitResult notAffected(const std::string &File, const std::string &Root, const ChangeSet &C) {
  UnitResult U;
  U.File = relativeToRoot(File, Root);
  U.Status = UnitStatus::Excluded;
  U.Reason = "not affected by " + C.Origin +
             " (neither it nor a file it reads changed): not analysed in this scan";
  return U;
}

/// Every unit through the worker pool, then the cross-TU rounds when asked.
/// Empty when a signal interrupted the scan.
std::vector<UnitResult> analyseUnits(const std::vector<std::string> &Files,
                                     const FirmwareDatabase &Db, AnalyseOptions A,
                                     const ScanOptions &Opts, const std::string &TempDir,
                                     const std::string &FailureLogDir) {
  PoolOptions Pool;
  Pool.FailureLogDir = FailureLogDir;
  Pool.Jobs = Opts.Jobs ? Opts.Jobs : std::max(1u, std::thread::hardware_concurrency());
  Pool.TimeoutSeconds = Opts.TimeoutSeconds;
  Pool.TempDir = TempDir;
  Pool.SourceRoot = A.SourceRoot;
  Pool.Verbose = Opts.Verbose;
  A.CrossTuFacts = Opts.CrossTu;
  std::optional<ResultCache> Cache;
  if (Opts.Cache.Enabled) {
    Cache.emplace(Opts.Cache.Dir, Opts.Cache.MaxBytes, A);
    if (!Opts.Cache.Remote.Url.empty())
      Cache->setRemote(std::make_unique<RemoteCache>(Opts.Cache.Remote));
  }
  // The units the cache has, then the others through the pool, stored. With
  // a change set (round 0 only), a unit the changes cannot affect is not
  // analysed: its main file and every file it read (as the cache recorded,
  // else as preprocessing it shows) are unchanged.
  auto Round = [&](const std::vector<std::string> &Units, const AnalyseOptions &With,
                   const std::string &Tag, const ChangeSet *Changes) {
    std::vector<UnitResult> Results(Units.size());
    std::vector<std::string> Keys(Units.size()), Missed, Unknown;
    std::vector<size_t> MissedAt, UnknownAt, HitAt;
    for (size_t I = 0; I < Units.size(); ++I) {
      if (Cache) {
        Keys[I] = Cache->keyFor(Units[I], Db, With);
        if (std::optional<UnitResult> Hit = Cache->lookup(Keys[I])) {
          Results[I] = std::move(*Hit);
          HitAt.push_back(I);
          continue;
        }
      }
      if (Changes && !Changes->contains(Units[I])) {
        auto Read = Cache ? Cache->recordedInputs(Keys[I]) : std::nullopt;
        if (!Read) {
          Unknown.push_back(Units[I]);
          UnknownAt.push_back(I);
          continue;
        }
        if (!Changes->touches(*Read)) {
          Results[I] = notAffected(Units[I], A.SourceRoot, *Changes);
          continue;
        }
      }
      Missed.push_back(Units[I]);
      MissedAt.push_back(I);
    }
    if (!Unknown.empty()) {
      if (!Opts.Quiet)
        llvm::errs() << "medsec: " << Changes->Origin << ": preprocessing " << Unknown.size()
                     << " unit(s) the result cache has no include list of\n";
      std::vector<UnitResult> Deps = analyseInWorkers(
          Unknown, [&](const std::string &File) { return preprocessUnit(Db, File, With); }, Pool,
          Tag + ".includes", [](const UnitResult &) {});
      for (size_t J = 0; J < Deps.size() && !scanInterrupted(); ++J) {
        // A unit whose includes are not known for sure is analysed.
        if (Deps[J].Status == UnitStatus::Analysed && !Changes->touches(Deps[J].Inputs)) {
          Results[UnknownAt[J]] = notAffected(Unknown[J], A.SourceRoot, *Changes);
          continue;
        }
        Missed.push_back(Unknown[J]);
        MissedAt.push_back(UnknownAt[J]);
      }
    }
    Progress Prog(HitAt.size() + Missed.size(), Opts.Quiet);
    for (size_t I : HitAt)
      Prog.done(Results[I]);
    std::vector<UnitResult> Fresh = analyseInWorkers(
        Missed, [&](const std::string &File) { return analyseUnit(Db, File, With); }, Pool, Tag,
        [&](const UnitResult &U) { Prog.done(U); });
    for (size_t J = 0; J < Fresh.size() && !scanInterrupted(); ++J) {
      if (Cache && ResultCache::cacheable(Fresh[J]))
        Cache->store(Keys[MissedAt[J]], Fresh[J]);
      Fresh[J].Inputs.clear();
      Results[MissedAt[J]] = std::move(Fresh[J]);
    }
    return Results;
  };
  std::vector<UnitResult> Results = Round(Files, A, "0", Opts.Changed ? &*Opts.Changed : nullptr);
  if (Opts.CrossTu && !scanInterrupted())
    runCrossTuRounds(
        Files, Results, TempDir, Opts.Quiet,
        [&](const std::vector<std::string> &Units, const std::string &Derived, unsigned N) {
          AnalyseOptions With = A;
          With.DerivedRules = Derived;
          if (!loadCatalogues(Units, With))
            return std::vector<UnitResult>();
          std::vector<UnitResult> Again = Round(Units, With, std::to_string(N), nullptr);
          return scanInterrupted() ? std::vector<UnitResult>() : Again;
        });
  if (scanInterrupted())
    return {};
  if (Cache) {
    Cache->trim();
    if (Cache->remote())
      Cache->remote()->summarise(llvm::errs());
  }
  return Results;
}

/// The scan's own catalogue (the one without a project file found beside a
/// source), or null after printing its problems.
std::shared_ptr<const rules::Catalogue> loadScanCatalogue(const AnalyseOptions &A,
                                                          CatalogueSource &Source) {
  Source = catalogueSourceFor(A.CatalogueDir, A.ProjectRules.empty() ? "" : A.ProjectRules.front(),
                              "", "");
  std::vector<rules::Problem> Problems;
  bool FirstTime = false;
  auto Cat = cachedCatalogue(Source, Problems, FirstTime);
  for (const rules::Problem &P : Problems)
    llvm::errs() << P.str() << "\n";
  if (!Problems.empty() || !Cat) {
    llvm::errs() << "medsec: error: the rule catalogue has " << Problems.size()
                 << " problem(s); fix them or check with 'medsec rules validate'\n";
    return nullptr;
  }
  return Cat;
}

/// The stages after the analysis, the same for a scan and a merge: the
/// units' findings, inputs and components into the results in canonical
/// order, the gate, the outputs and the console.
int finishScan(const ScanOptions &Opts, ScanResults R, std::vector<UnitResult> Analysed,
               const GateOptions &Gate, const rules::Catalogue &Cat,
               const std::string &BuiltinDir) {
  for (UnitResult &U : Analysed) {
    U.CrossTu.reset();
    for (Finding &F : U.Findings)
      R.Findings.push_back(std::move(F));
    U.Findings.clear();
    R.Units.push_back(std::move(U));
  }
  canonicalize(R);
  recordComponents(R, BuiltinDir);
  applyGate(R, Gate);
  if (!writeOutputs(Opts, R, Cat, BuiltinDir))
    return ExitUsage;

  printFindings(llvm::outs(), R);
  llvm::outs().flush();
  printAttackSurface(llvm::errs(), R);
  if (!Opts.Quiet)
    printComponentSummary(llvm::errs(), R);
  printSummary(llvm::errs(), R, Gate.Baseline.has_value(), Opts.ResultsPath);
  return R.Policy.ExitCode;
}

/// A shard's part: its units as the driver has them before the stages that
/// need every unit, which `medsec merge` runs. Exit 0 once written: the
/// gate, and with it a unit that was not analysed, is the merge's.
int writeShard(const ScanOptions &Opts, ScanResults R, std::vector<UnitResult> Analysed,
               size_t UnitsTotal, const std::string &Partition) {
  ShardFile S;
  S.Spec = Opts.Shard;
  S.Partition = Partition;
  S.UnitsTotal = UnitsTotal;
  S.Units = std::move(Analysed);
  S.Scan = std::move(R);
  S.Scan.InventoryRecorded = false; // the merge makes the inventory
  if (llvm::Error E = writeFileAtomically(Opts.ResultsPath, shardToJson(S))) {
    llvm::errs() << "medsec: error: " << llvm::toString(std::move(E)) << "\n";
    return ExitUsage;
  }
  size_t Findings = 0, NotAnalysed = 0;
  for (const UnitResult &U : S.Units) {
    Findings += U.Findings.size();
    NotAnalysed += U.Status != UnitStatus::Analysed;
  }
  llvm::errs() << "medsec: shard " << S.Spec.Index << "/" << S.Spec.Count << ": "
               << S.Units.size() << " of " << UnitsTotal << " units analysed";
  if (NotAnalysed)
    llvm::errs() << " (" << NotAnalysed << " not analysed)";
  llvm::errs() << ", " << Findings << " finding(s) before deduplication, written to "
               << Opts.ResultsPath << "; 'medsec merge' of all " << S.Spec.Count
               << " shards writes the results, applies the gate\n";
  return ExitClean;
}

} // namespace

std::string failureLogDirFor(const std::string &Given, const std::string &ResultsPath) {
  if (!Given.empty())
    return Given;
  llvm::SmallString<256> Dir(ResultsPath);
  llvm::sys::path::replace_extension(Dir, ".failure-logs");
  return Dir.str().str();
}

int runScan(const ScanOptions &Opts, const std::string & /*Self*/) {
  InterruptScope Interrupts;
  const std::string DbFile = dbFilePath(Opts.BuildPath);
  std::string Error;
  std::vector<std::string> DbLog;
  DbOptions Load;
  Load.QueryDriverGlobs = Opts.QueryDrivers;
  auto Db = loadFirmwareDatabase(DbFile, Load, DbLog, Error);
  if (!Db) {
    llvm::errs() << "medsec: error: " << Error << "\n";
    return ExitUsage;
  }
  // Said whatever the verbosity: it changes which headers the units see.
  for (const std::string &Gcc : Db->notQueried())
    llvm::errs() << "medsec: note: " << printable(Gcc)
                 << " named by the compile database was not run for its include directories "
                    "(allow it with --query-driver GLOB); its C library headers are missing, "
                    "clang's freestanding headers are used\n";
  std::vector<std::string> Files = Db->getAllFiles();
  if (Files.empty()) {
    llvm::errs() << "medsec: error: compile database '" << DbFile << "' lists no file\n";
    return ExitUsage;
  }
  AnalyseOptions A = Opts.Analyse;
  A.SourceRoot = sourceRootFor(A.SourceRoot, Files);
  DbOptions Globs;
  Globs.Include = Opts.Include;
  Globs.Exclude = Opts.Exclude;
  Globs.GlobRoot = A.SourceRoot;
  Db->applyPathFilters(Globs, DbLog);
  Files = Db->getAllFiles();
  const size_t UnitsTotal = Files.size();
  std::string Partition;
  if (Opts.Shard.active())
    Files = selectShard(Files, Opts.Shard, Partition);
  if (Opts.Verbose)
    for (const std::string &L : DbLog)
      llvm::errs() << "medsec: " << printable(L) << "\n";

  // Every catalogue must load cleanly before any work starts.
  CatalogueSource Source;
  auto Cat = loadScanCatalogue(A, Source);
  if (!Cat)
    return ExitUsage;
  if (!loadCatalogues(Files, A))
    return ExitUsage;
  A.CompilerDiagnostics = enabledCompilerDiagnostics(A.Checks, *Cat);
  GateOptions Gate = Opts.Gate;
  if (int Rc = loadGateInputs(Opts, Gate))
    return Rc;

  ScanResults R;
  describeScan(R, Opts, A, DbFile, *Cat);
  for (const ExcludedFile &E : Db->excludedFiles())
    R.Units.push_back({relativeToRoot(E.File, A.SourceRoot), UnitStatus::Excluded, E.Reason, {}});

  ScratchDir Temp;
  if (std::error_code EC = Temp.create()) {
    llvm::errs() << "medsec: error: cannot create a temporary directory: " << EC.message() << "\n";
    return ExitUsage;
  }
  FailureLogs Logs(failureLogDirFor(Opts.FailureLogDir, Opts.ResultsPath));
  if (llvm::Error E = Logs.prepare()) {
    llvm::errs() << "medsec: error: failure logs: " << llvm::toString(std::move(E)) << "\n";
    return ExitUsage;
  }
  std::vector<UnitResult> Analysed = analyseUnits(Files, *Db, A, Opts, Temp.str(), Logs.dir());
  Logs.finish();
  if (const int Signal = scanInterrupted()) {
    llvm::errs() << "\nmedsec: interrupted (" << strsignal(Signal) << "); " << Opts.ResultsPath
                 << " and the other outputs were not written\n";
    Temp.remove();
    dieOfInterrupt(Signal);
  }
  if (Opts.Changed) {
    // Of the units analyseUnits returns, only those a change set left out are excluded.
    size_t FromCache = 0, NotAffected = 0;
    for (const UnitResult &U : Analysed) {
      FromCache += U.FromCache;
      NotAffected += U.Status == UnitStatus::Excluded;
    }
    llvm::errs() << "medsec: " << Opts.Changed->Origin << ": "
                 << Analysed.size() - FromCache - NotAffected << " of " << Files.size()
                 << " unit(s) analysed, " << FromCache << " from the result cache, "
                 << NotAffected << " not affected by the change (listed as excluded, not analysed)\n";
    // A baseline finding of a unit not analysed is not fixed.
    Gate.ListFixed = NotAffected == 0;
  }
  if (Opts.Shard.active())
    return writeShard(Opts, std::move(R), std::move(Analysed), UnitsTotal, Partition);
  return finishScan(Opts, std::move(R), std::move(Analysed), Gate, *Cat, Source.BuiltinDir);
}

int runMerge(const ScanOptions &Opts, const std::vector<std::string> &ShardPaths) {
  std::vector<ShardFile> Shards;
  for (const std::string &Path : ShardPaths) {
    auto Buf = llvm::MemoryBuffer::getFile(Path);
    if (!Buf) {
      llvm::errs() << "medsec: error: cannot read shard '" << Path
                   << "': " << Buf.getError().message() << "\n";
      return ExitUsage;
    }
    auto S = shardFromJson((*Buf)->getBuffer(), Path);
    if (!S) {
      llvm::errs() << "medsec: error: " << llvm::toString(S.takeError()) << "\n";
      return ExitUsage;
    }
    Shards.push_back(std::move(*S));
  }
  auto Combined = combineShards(std::move(Shards), ShardPaths);
  if (!Combined) {
    llvm::errs() << "medsec: error: " << llvm::toString(Combined.takeError()) << "\n";
    return ExitUsage;
  }
  auto &[R, Units] = *Combined;
  // The catalogue the shards used, checked against the hashes they recorded:
  // the SARIF rules and the inventory come from it.
  CatalogueSource Source;
  auto Cat = loadScanCatalogue(Opts.Analyse, Source);
  if (!Cat)
    return ExitUsage;
  const std::set<std::string> Recorded = [&] {
    std::set<std::string> S;
    for (const CatalogueFileRef &F : R.CatalogueFiles)
      S.insert(F.Sha256);
    return S;
  }();
  for (const rules::CatalogueFile &F : Cat->Files)
    if (!Recorded.count(F.Sha256)) {
      llvm::errs() << "medsec: error: rule file '" << F.Path
                   << "' is not the one the shards were analysed with (changed since, or "
                      "another --catalogue/--rules): give merge the shards' catalogue\n";
      return ExitUsage;
    }
  GateOptions Gate = Opts.Gate;
  if (int Rc = loadGateInputs(Opts, Gate))
    return Rc;
  return finishScan(Opts, std::move(R), std::move(Units), Gate, *Cat, Source.BuiltinDir);
}

} // namespace medsec
