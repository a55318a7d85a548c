//===- Scan.cpp - `medsec scan` -------------------------------------------===//
//
// Each translation unit is analysed by a worker process (this binary with the
// hidden `__analyze` command), so that a unit which crashes the analyser or
// hangs is reported as such while every other unit's findings survive.
//
//===----------------------------------------------------------------------===//
#include "Scan.h"
#include "writers/Writers.h"

#include "../../checks/support/CatalogueAccess.h"
#include "CompileDb.h"
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
#include <set>
#include <thread>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

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

std::string lastLines(const std::string &Path, size_t MaxChars) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return "";
  llvm::StringRef T = (*Buf)->getBuffer().rtrim();
  if (T.size() > MaxChars)
    T = T.take_back(MaxChars);
  const size_t Nl = T.rfind('\n');
  return (Nl == llvm::StringRef::npos ? T : T.substr(Nl + 1)).str();
}

struct Job {
  size_t Index;
  std::string File;
  std::string OutPath, LogPath;
  pid_t Pid = 0;
  std::chrono::steady_clock::time_point Start;
};

pid_t spawnWorker(const std::string &Self, const std::vector<std::string> &Args,
                  const std::string &LogPath) {
  std::vector<char *> Argv;
  Argv.push_back(const_cast<char *>(Self.c_str()));
  for (const std::string &A : Args)
    Argv.push_back(const_cast<char *>(A.c_str()));
  Argv.push_back(nullptr);
  posix_spawn_file_actions_t Actions;
  posix_spawn_file_actions_init(&Actions);
  posix_spawn_file_actions_addopen(&Actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&Actions, 1, LogPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_adddup2(&Actions, 1, 2);
  // A crashing worker must die at once: symbolizing its stack trace can take
  // longer than the per-unit timeout on a loaded machine.
  std::vector<std::string> EnvStore;
  for (char **E = environ; *E; ++E)
    if (llvm::StringRef(*E).starts_with("LLVM_DISABLE_SYMBOLIZATION=") == false)
      EnvStore.push_back(*E);
  EnvStore.push_back("LLVM_DISABLE_SYMBOLIZATION=1");
  std::vector<char *> Envp;
  for (std::string &E : EnvStore)
    Envp.push_back(E.data());
  Envp.push_back(nullptr);
  pid_t Pid = 0;
  const int Rc = posix_spawn(&Pid, Self.c_str(), &Actions, nullptr, Argv.data(), Envp.data());
  posix_spawn_file_actions_destroy(&Actions);
  return Rc == 0 ? Pid : -1;
}

UnitResult collect(const Job &J, int Status, bool TimedOut, const AnalyzeOptions &Opts,
                   unsigned Timeout) {
  UnitResult U;
  U.File = relativeToRoot(J.File, Opts.SourceRoot);
  if (TimedOut) {
    U.Status = UnitStatus::TimedOut;
    U.Reason = "analysis did not finish within " + std::to_string(Timeout) + " s";
    return U;
  }
  if (WIFSIGNALED(Status)) {
    U.Status = UnitStatus::Crashed;
    U.Reason = std::string("analyser crashed (signal ") + std::to_string(WTERMSIG(Status)) + ", " +
               strsignal(WTERMSIG(Status)) + ")";
    const std::string Tail = lastLines(J.LogPath, 300);
    if (!Tail.empty())
      U.Reason += ": " + Tail;
    return U;
  }
  auto Buf = llvm::MemoryBuffer::getFile(J.OutPath);
  if (!WIFEXITED(Status) || WEXITSTATUS(Status) != 0 || !Buf) {
    U.Status = UnitStatus::Failed;
    U.Reason = "analyser exited with status " +
               std::to_string(WIFEXITED(Status) ? WEXITSTATUS(Status) : -1);
    const std::string Tail = lastLines(J.LogPath, 300);
    if (!Tail.empty())
      U.Reason += ": " + Tail;
    return U;
  }
  auto Parsed = llvm::json::parse((*Buf)->getBuffer());
  if (!Parsed) {
    U.Status = UnitStatus::Failed;
    U.Reason = "unreadable worker output: " + llvm::toString(Parsed.takeError());
    return U;
  }
  auto Unit = unitFromJson(*Parsed);
  if (!Unit) {
    U.Status = UnitStatus::Failed;
    U.Reason = "unreadable worker output: " + llvm::toString(Unit.takeError());
    return U;
  }
  return std::move(*Unit);
}

std::vector<std::string> workerArgs(const std::string &DbFile, const Job &J,
                                    const AnalyzeOptions &A) {
  std::vector<std::string> Args = {"__analyze", "--db",          DbFile,      "--file",
                                   J.File,      "--out",         J.OutPath,   "--checks",
                                   A.Checks,    "--source-root", A.SourceRoot};
  if (!A.CatalogueDir.empty())
    Args.insert(Args.end(), {"--catalogue", A.CatalogueDir});
  for (const std::string &R : A.ProjectRules)
    Args.insert(Args.end(), {"--rules", R});
  for (const std::string &E : A.ExtraArgs)
    Args.insert(Args.end(), {"--extra-arg", E});
  if (!A.DerivedRules.empty())
    Args.insert(Args.end(), {"--derived-rules", A.DerivedRules});
  if (A.CrossTuFacts)
    Args.push_back("--cross-tu");
  return Args;
}

class Progress {
public:
  Progress(size_t Total, bool Quiet)
      : Total(Total), Quiet(Quiet), Tty(llvm::sys::Process::StandardErrIsDisplayed()),
        Begin(std::chrono::steady_clock::now()) {}
  void done(const UnitResult &U) {
    ++Done;
    if (Quiet)
      return;
    const double Elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - Begin).count();
    const double Eta = Done ? Elapsed / Done * (Total - Done) : 0;
    std::string Line = "[" + std::to_string(Done) + "/" + std::to_string(Total) + "] " +
                       unitStatusName(U.Status) + " " + U.File;
    if (U.Status == UnitStatus::Analysed)
      Line += " (" + std::to_string(U.Findings.size()) + " findings)";
    else
      Line += ": " + U.Reason;
    if (Tty) {
      llvm::errs() << "\r\033[K" << Line << " ETA " << static_cast<int>(Eta + 0.5) << " s";
      if (U.Status != UnitStatus::Analysed || Done == Total)
        llvm::errs() << "\n";
    } else {
      llvm::errs() << "medsec: " << Line << "\n";
    }
  }

private:
  size_t Total, Done = 0;
  bool Quiet, Tty;
  std::chrono::steady_clock::time_point Begin;
};

/// Analyses Files with at most Jobs workers at once; the results are in the
/// order of Files. Tag keeps the temporary files of rounds apart.
std::vector<UnitResult> analyseFiles(const std::vector<std::string> &Files,
                                     const FirmwareDatabase &Db, const AnalyzeOptions &A,
                                     const std::string &Self, const std::string &TempDir,
                                     const std::string &Tag, unsigned Jobs, const ScanOptions &Opts,
                                     Progress &Prog) {
  std::vector<UnitResult> Results(Files.size());
  std::map<pid_t, Job> Running;
  size_t Next = 0;
  while (Next < Files.size() || !Running.empty()) {
    while (Next < Files.size() && Running.size() < Jobs) {
      Job J;
      J.Index = Next;
      J.File = Files[Next++];
      const std::string Stem = TempDir + "/unit-" + Tag + "-" + std::to_string(J.Index);
      J.OutPath = Stem + ".json";
      J.LogPath = Stem + ".log";
      // The worker gets this file's adjusted commands, not the whole database.
      const std::string UnitDb = Stem + ".db.json";
      J.Start = std::chrono::steady_clock::now();
      if (llvm::Error E = writeFileAtomically(UnitDb, Db.commandsJson(J.File))) {
        llvm::consumeError(std::move(E));
        J.Pid = -1;
      } else {
        J.Pid = spawnWorker(Self, workerArgs(UnitDb, J, A), J.LogPath);
      }
      if (J.Pid <= 0) {
        UnitResult U{relativeToRoot(J.File, A.SourceRoot),
                     UnitStatus::Failed,
                     "cannot start a worker process",
                     {}};
        Prog.done(U);
        Results[J.Index] = std::move(U);
        continue;
      }
      if (Opts.Verbose)
        llvm::errs() << "medsec: analysing " << J.File << "\n";
      Running.emplace(J.Pid, J);
    }
    int Status = 0;
    const pid_t Pid = waitpid(-1, &Status, WNOHANG);
    if (Pid > 0 && Running.count(Pid)) {
      Job J = Running[Pid];
      Running.erase(Pid);
      UnitResult U = collect(J, Status, /*TimedOut=*/false, A, Opts.TimeoutSeconds);
      Prog.done(U);
      Results[J.Index] = std::move(U);
      continue;
    }
    const auto Now = std::chrono::steady_clock::now();
    for (auto It = Running.begin(); It != Running.end();) {
      if (Now - It->second.Start < std::chrono::seconds(Opts.TimeoutSeconds)) {
        ++It;
        continue;
      }
      kill(It->first, SIGKILL);
      waitpid(It->first, &Status, 0);
      UnitResult U = collect(It->second, Status, /*TimedOut=*/true, A, Opts.TimeoutSeconds);
      Prog.done(U);
      Results[It->second.Index] = std::move(U);
      It = Running.erase(It);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return Results;
}

/// Rounds of the cross-TU join (CrossTu.h): each re-analyses the units that
/// define or use a name with a new fact, with the derived rules layered on
/// their project rules; a re-analysed unit's results replace its earlier ones.
void joinUnits(const std::vector<std::string> &Files, std::vector<UnitResult> &Results,
               const FirmwareDatabase &Db, AnalyzeOptions A, const std::string &Self,
               const std::string &TempDir, unsigned Jobs, const ScanOptions &Opts) {
  constexpr unsigned MaxRounds = 4; // a chain of five units through parameters
  CrossTuJoin Join;
  std::map<std::string, size_t> IndexOf;
  for (size_t I = 0; I < Files.size(); ++I) {
    IndexOf[Files[I]] = I;
    if (Results[I].CrossTu)
      Join.addUnit(Files[I], *Results[I].CrossTu);
  }
  for (unsigned Round = 1; Round <= MaxRounds; ++Round) {
    std::vector<std::string> Rerun = Join.advance();
    if (Rerun.empty())
      return;
    // A file per round, so a unit's log names the rules it saw.
    A.DerivedRules = TempDir + "/derived-rules-" + std::to_string(Round) + ".yaml";
    if (llvm::Error E = writeFileAtomically(A.DerivedRules, Join.overlayYaml())) {
      llvm::errs() << "medsec: warning: cross-TU analysis stopped: " << llvm::toString(std::move(E))
                   << "\n";
      return;
    }
    if (!Opts.Quiet)
      llvm::errs() << "medsec: cross-TU round " << Round << ": analysing " << Rerun.size()
                   << " unit(s) again\n";
    Progress Prog(Rerun.size(), Opts.Quiet);
    std::vector<UnitResult> Again =
        analyseFiles(Rerun, Db, A, Self, TempDir, std::to_string(Round), Jobs, Opts, Prog);
    for (size_t I = 0; I < Rerun.size(); ++I) {
      // A unit that analysed once but not again keeps its first results.
      if (Again[I].Status != UnitStatus::Analysed) {
        llvm::errs() << "medsec: warning: cross-TU round " << Round << ": " << Again[I].File << " "
                     << unitStatusName(Again[I].Status) << ": " << Again[I].Reason
                     << "; its earlier results are kept\n";
        continue;
      }
      if (Again[I].CrossTu)
        Join.addUnit(Rerun[I], *Again[I].CrossTu);
      Results[IndexOf[Rerun[I]]] = std::move(Again[I]);
    }
  }
}
} // namespace

int runAnalyzeWorker(const std::string &DbPath, const std::string &File, const std::string &OutPath,
                     const AnalyzeOptions &Opts) {
  // Test-only hooks that prove a crashing or hanging unit cannot take the
  // scan down with it (tests/e2e).
  if (const char *Crash = std::getenv("MEDSEC_TEST_CRASH_ON"))
    if (*Crash && File.find(Crash) != std::string::npos)
      abort();
  if (const char *Hang = std::getenv("MEDSEC_TEST_HANG_ON"))
    if (*Hang && File.find(Hang) != std::string::npos)
      for (;;)
        std::this_thread::sleep_for(std::chrono::seconds(1));
  std::string Error;
  auto Db = loadDb(DbPath, Error);
  if (!Db) {
    llvm::errs() << "medsec: error: " << Error << "\n";
    return ExitUsage;
  }
  UnitResult U = analyzeUnit(*Db, File, Opts);
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << unitToJson(U, /*WithFindings=*/true);
  if (llvm::Error E = writeFileAtomically(OutPath, Text)) {
    llvm::errs() << "medsec: error: " << llvm::toString(std::move(E)) << "\n";
    return ExitUsage;
  }
  return ExitClean;
}

void printFindings(llvm::raw_ostream &OS, const ScanResults &R) {
  for (const Finding &F : R.Findings) {
    if (F.Status != "open")
      continue; // accepted by a justified suppression or a deviation record
    OS << F.Where.File << ":" << F.Where.Line << ":" << F.Where.Column << ": warning: " << F.Message
       << " [" << F.Check << "]\n";
    for (const Note &N : F.Notes)
      OS << N.Where.File << ":" << N.Where.Line << ":" << N.Where.Column << ": note: " << N.Message
         << "\n";
    OS << F.Where.File << ":" << F.Where.Line << ":" << F.Where.Column << ": note: severity "
       << F.Severity;
    for (const std::string &C : F.Cwe)
      OS << "; " << C;
    if (!F.Clauses.empty()) {
      OS << "; clauses ";
      for (size_t I = 0; I < F.Clauses.size(); ++I)
        OS << (I ? ", " : "") << F.Clauses[I];
    }
    if (F.Baseline == "new")
      OS << "; new since the baseline";
    OS << "\n";
    if (F.Supp && F.Supp->Status == "rejected")
      OS << F.Where.File << ":" << F.Where.Line << ":" << F.Where.Column << ": note: "
         << (F.Supp->Kind == "inSource" ? "suppression at " + F.Supp->Source
                                        : "deviation " + F.Supp->Id)
         << " does not apply: " << F.Supp->Problem << "\n";
  }
}

namespace {

/// The catalogue of Source, and the problems of it layered with each project
/// file a unit of Files finds for itself (the nearest .medsec.yaml).
std::shared_ptr<const rules::Catalogue> loadScanCatalogue(const CatalogueSource &Source,
                                                          const std::vector<std::string> &Files,
                                                          std::vector<rules::Problem> &Problems) {
  bool FirstTime = false;
  auto Cat = cachedCatalogue(Source, Problems, FirstTime);
  if (!Source.ProjectFiles.empty())
    return Cat;
  std::set<std::string> Found;
  for (const std::string &F : Files)
    if (std::string P = findProjectRules("", F); !P.empty())
      Found.insert(P);
  for (const std::string &P : Found) {
    CatalogueSource WithProject = Source;
    WithProject.ProjectFiles = {P};
    std::vector<rules::Problem> More;
    cachedCatalogue(WithProject, More, FirstTime);
    for (rules::Problem &M : More)
      if (std::none_of(Problems.begin(), Problems.end(),
                       [&](const rules::Problem &Q) { return Q.str() == M.str(); }))
        Problems.push_back(std::move(M));
  }
  return Cat;
}

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

int runScan(const ScanOptions &Opts, const std::string &Self) {
  const std::string DbFile = dbFilePath(Opts.BuildPath);
  std::string Error;
  std::vector<std::string> DbLog;
  auto Db = loadFirmwareDatabase(DbFile, DbOptions(), DbLog, Error);
  if (!Db) {
    llvm::errs() << "medsec: error: " << Error << "\n";
    return ExitUsage;
  }
  std::vector<std::string> Files = Db->getAllFiles();
  if (Files.empty()) {
    llvm::errs() << "medsec: error: compile database '" << DbFile << "' lists no file\n";
    return ExitUsage;
  }

  // The catalogue must load cleanly before any work starts, with every
  // project file a unit will find beside its sources.
  CatalogueSource Source;
  Source.BuiltinDir = defaultCatalogueDir(Opts.Analyze.CatalogueDir);
  Source.ProjectFiles = Opts.Analyze.ProjectRules;
  std::vector<rules::Problem> Problems;
  auto Cat = loadScanCatalogue(Source, Files, Problems);
  if (!Problems.empty()) {
    for (const rules::Problem &P : Problems)
      llvm::errs() << P.str() << "\n";
    llvm::errs() << "medsec: error: the rule catalogue has " << Problems.size()
                 << " problem(s); fix them or check with 'medsec rules validate'\n";
    return ExitUsage;
  }

  GateOptions Gate = Opts.Gate;
  if (int Rc = loadGateInputs(Opts, Gate))
    return Rc;

  AnalyzeOptions A = Opts.Analyze;
  if (A.SourceRoot.empty()) {
    llvm::SmallString<256> Cwd;
    llvm::sys::fs::current_path(Cwd);
    const bool AllBelowCwd = std::all_of(Files.begin(), Files.end(), [&](const std::string &F) {
      return llvm::StringRef(F).starts_with((Cwd + "/").str());
    });
    A.SourceRoot = AllBelowCwd ? Cwd.str().str() : commonDirectory(Files);
  } else {
    llvm::SmallString<256> Root(A.SourceRoot);
    llvm::sys::fs::make_absolute(Root);
    llvm::sys::path::remove_dots(Root, true);
    A.SourceRoot = Root.str().str();
  }
  DbOptions Globs;
  Globs.Include = Opts.Include;
  Globs.Exclude = Opts.Exclude;
  Globs.GlobRoot = A.SourceRoot;
  Db->applyPathFilters(Globs, DbLog);
  Files = Db->getAllFiles();
  if (Opts.Verbose)
    for (const std::string &L : DbLog)
      llvm::errs() << "medsec: " << L << "\n";

  llvm::SmallString<128> TempDir;
  if (std::error_code EC = llvm::sys::fs::createUniqueDirectory("medsec-scan", TempDir)) {
    llvm::errs() << "medsec: error: cannot create a temporary directory: " << EC.message() << "\n";
    return ExitUsage;
  }

  ScanResults R;
  R.ToolVersion = MEDSEC_VERSION;
  R.BuildId = MEDSEC_BUILD_ID;
  R.LlvmVersion = MEDSEC_LLVM_VERSION;
  R.SourceRoot = A.SourceRoot;
  R.CompileDatabase = relativeToRoot(DbFile, A.SourceRoot);
  if (auto Buf = llvm::MemoryBuffer::getFile(DbFile))
    R.CompileDatabaseSha256 = rules::sha256Hex((*Buf)->getBuffer().str());
  for (const rules::CatalogueFile &F : Cat->Files)
    R.CatalogueFiles.push_back({relativeToRoot(F.Path, A.SourceRoot), F.Role, F.Sha256});
  R.Host = scanHost();
  // Only checks the --checks filter let run: a report must not claim
  // evidence from a check that was filtered out.
  const std::vector<std::string> Enabled = enabledChecks(A);
  for (const rules::CheckEntry &C : Cat->Checks)
    if (C.Status != "planned" && std::count(Enabled.begin(), Enabled.end(), C.Id))
      R.Checks.push_back(C.Id);
  R.Configuration.Set = true;
  R.Configuration.CheckFilter = A.Checks;
  R.Configuration.CheckOptions = effectiveCheckOptions(A);
  R.Configuration.ExtraArgs = A.ExtraArgs;
  R.Configuration.Include = Opts.Include;
  R.Configuration.Exclude = Opts.Exclude;
  R.Configuration.TimeoutSeconds = Opts.TimeoutSeconds;

  for (const ExcludedFile &E : Db->excludedFiles())
    R.Units.push_back({relativeToRoot(E.File, A.SourceRoot), UnitStatus::Excluded, E.Reason, {}});

  const unsigned Jobs = Opts.Jobs ? Opts.Jobs : std::max(1u, std::thread::hardware_concurrency());
  A.CrossTuFacts = Opts.CrossTu;
  Progress Prog(Files.size(), Opts.Quiet);
  std::vector<UnitResult> Analysed =
      analyseFiles(Files, *Db, A, Self, TempDir.str().str(), "0", Jobs, Opts, Prog);
  if (Opts.CrossTu)
    joinUnits(Files, Analysed, *Db, A, Self, TempDir.str().str(), Jobs, Opts);
  for (UnitResult &U : Analysed) {
    U.CrossTu.reset();
    R.Units.push_back(std::move(U));
  }
  llvm::sys::fs::remove_directories(TempDir);

  for (UnitResult &U : R.Units) {
    for (Finding &F : U.Findings)
      R.Findings.push_back(std::move(F));
    U.Findings.clear();
  }
  canonicalize(R);
  applyGate(R, Gate);
  if (!writeOutputs(Opts, R, *Cat, Source.BuiltinDir))
    return ExitUsage;

  printFindings(llvm::outs(), R);
  llvm::outs().flush();
  size_t NotAnalysed = 0, Open = 0, New = 0;
  for (const UnitResult &U : R.Units)
    if (U.Status != UnitStatus::Analysed && U.Status != UnitStatus::Excluded) {
      ++NotAnalysed;
      llvm::errs() << "medsec: not analysed: " << U.File << " (" << unitStatusName(U.Status)
                   << "): " << U.Reason << "\n";
    }
  for (const Finding &F : R.Findings) {
    Open += F.Status == "open";
    New += F.Status == "open" && F.Baseline == "new";
  }
  for (const auto &X : R.Fixed)
    llvm::errs() << "medsec: fixed since the baseline: " << X.File << ": " << X.Message << " ["
                 << X.Check << "]\n";
  llvm::errs() << "medsec: " << R.Findings.size() << " finding(s), " << Open << " open";
  if (Gate.Baseline)
    llvm::errs() << " (" << New << " new, " << R.Fixed.size() << " fixed)";
  llvm::errs() << ", in " << R.Units.size() << " translation unit(s), " << NotAnalysed
               << " not analysed; gate " << R.Policy.Verdict << "; results in " << Opts.ResultsPath
               << "\n";
  return R.Policy.ExitCode;
}

} // namespace medsec
