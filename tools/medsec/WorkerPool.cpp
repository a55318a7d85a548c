//===- WorkerPool.cpp - units analysed in forked, isolated children -------===//
#include "WorkerPool.h"
#include "writers/Console.h"

#include "Analyse.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstdlib>
#include <map>
#include <thread>

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

namespace medsec {
namespace {

volatile sig_atomic_t Interrupted = 0;
constexpr int InterruptSignals[] = {SIGINT, SIGTERM, SIGHUP};

void onInterrupt(int Signal) { Interrupted = Signal; }

std::string lastLines(const std::string &Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  return Buf ? crashLogSummary((*Buf)->getBuffer()) : "";
}

struct Child {
  size_t Index;
  std::string File, OutPath, LogPath;
  std::chrono::steady_clock::time_point Start;
};

/// Keeps the child's whole log for a unit that was not analysed, headed by
/// what the results say of it; U.Log names the copy. A log that cannot be
/// kept is said once on stderr and the unit's reason stays as it is.
void keepLog(const Child &C, UnitResult &U, const PoolOptions &Opts, const std::string &Tag) {
  if (Opts.FailureLogDir.empty())
    return;
  const std::string Path = failureLogPath(Opts.FailureLogDir, U.File, Tag);
  std::string Text = "unit: " + U.File + "\nstatus: " + std::string(unitStatusName(U.Status)) +
                     "\nreason: " + U.Reason + "\n\n";
  if (auto Buf = llvm::MemoryBuffer::getFile(C.LogPath))
    Text += (*Buf)->getBuffer();
  else
    Text += "(the worker wrote no log)\n";
  std::error_code EC = llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path));
  llvm::Error E = EC ? llvm::createStringError(EC, "cannot create the directory of '%s': %s",
                                               Path.c_str(), EC.message().c_str())
                     : writeFileAtomically(Path, Text);
  if (E) {
    llvm::errs() << "medsec: warning: the log of " << printable(U.File)
                 << " was not kept: " << llvm::toString(std::move(E)) << "\n";
    return;
  }
  U.Log = Path;
}

/// In the child: analyse, write the result, never return.
[[noreturn]] void runChild(const Child &C, const AnalyseFn &Analyse) {
  for (int S : InterruptSignals)
    signal(S, SIG_DFL);
  const int In = open("/dev/null", O_RDONLY);
  const int Log = open(C.LogPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (In < 0 || Log < 0 || dup2(In, 0) < 0 || dup2(Log, 1) < 0 || dup2(Log, 2) < 0)
    _exit(125);
  // A crashing child must die at once: symbolizing its stack trace can take
  // longer than the per-unit timeout on a loaded machine. Whoever debugs a
  // crash asks for names (docs/cli.md).
  if (!std::getenv("MEDSEC_SYMBOLIZE_CRASHES"))
    setenv("LLVM_DISABLE_SYMBOLIZATION", "1", 1);
  runTestHooks(C.File);
  const UnitResult U = Analyse(C.File);
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << unitToJson(U, /*WithFindings=*/true);
  int Rc = 0;
  if (llvm::Error E = writeFileAtomically(C.OutPath, Text)) {
    llvm::errs() << "medsec: error: " << llvm::toString(std::move(E)) << "\n";
    Rc = 2;
  }
  llvm::errs().flush();
  // No exit handlers, no static destructors: they belong to the parent.
  _exit(Rc);
}

UnitResult collectResult(const Child &C, int Status, bool TimedOut, const PoolOptions &Opts) {
  UnitResult U;
  U.File = relativeToRoot(C.File, Opts.SourceRoot);
  if (TimedOut) {
    U.Status = UnitStatus::TimedOut;
    U.Reason = "analysis did not finish within " + std::to_string(Opts.TimeoutSeconds) + " s";
    return U;
  }
  if (WIFSIGNALED(Status)) {
    U.Status = UnitStatus::Crashed;
    U.Reason = std::string("analyser crashed (signal ") + std::to_string(WTERMSIG(Status)) + ", " +
               strsignal(WTERMSIG(Status)) + ")";
    const std::string Tail = lastLines(C.LogPath);
    if (!Tail.empty())
      U.Reason += ": " + Tail;
    return U;
  }
  auto Buf = llvm::MemoryBuffer::getFile(C.OutPath);
  if (!WIFEXITED(Status) || WEXITSTATUS(Status) != 0 || !Buf) {
    U.Status = UnitStatus::Failed;
    U.Reason = "analyser exited with status " +
               std::to_string(WIFEXITED(Status) ? WEXITSTATUS(Status) : -1);
    const std::string Tail = lastLines(C.LogPath);
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

UnitResult collect(const Child &C, int Status, bool TimedOut, const PoolOptions &Opts,
                   const std::string &Tag) {
  UnitResult U = collectResult(C, Status, TimedOut, Opts);
  if (U.Status != UnitStatus::Analysed)
    keepLog(C, U, Opts, Tag);
  return U;
}

/// Ends a child that ran out of time. SIGABRT first, to the child alone: its
/// LLVM signal handler then writes the stack it hung in to its log; after a
/// grace period (or at once, when it is gone) the whole group is killed.
void stopTimedOut(pid_t Pid, int &Status) {
  kill(Pid, SIGABRT);
  for (int Waited = 0; Waited < 200; ++Waited) {
    if (waitpid(Pid, &Status, WNOHANG) == Pid) {
      kill(-Pid, SIGKILL);
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(-Pid, SIGKILL);
  waitpid(Pid, &Status, 0);
}

/// The running children; whatever ends the pool, none outlives it.
class Children {
public:
  ~Children() {
    for (auto &[Pid, C] : Running) {
      kill(-Pid, SIGKILL);
      int Status = 0;
      waitpid(Pid, &Status, 0);
    }
  }
  std::map<pid_t, Child> Running;
};

} // namespace

std::string crashLogSummary(llvm::StringRef Log) {
  static const llvm::Regex Address("0x[0-9a-fA-F]+");
  // The crash banner, the program arguments and stack frames in both forms
  // (" #0 0x... f()" symbolized, "0  libLLVM.so 0x... f + 54" not).
  static const llvm::Regex Noise("^(PLEASE submit|Stack dump|[0-9]+\\.[[:space:]]|#[0-9]+ |"
                                 "[0-9]+[[:space:]]+[^[:space:]]+[[:space:]]+0x[0-9a-fA-F]+)");
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  Log.split(Lines, '\n', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef L : Lines) {
    L = L.trim();
    if (L.empty() || Noise.match(L))
      continue;
    L.consume_front("LLVM ERROR: ");
    std::string S = L.take_front(300).str();
    // Addresses change from run to run (ASLR): two runs must give one result.
    while (Address.match(S))
      S = Address.sub("0x?", S);
    return S;
  }
  return "";
}

std::string failureLogPath(llvm::StringRef Dir, llvm::StringRef File, llvm::StringRef Tag) {
  llvm::SmallString<256> Path(Dir);
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  File.split(Parts, '/', -1, /*KeepEmpty=*/false);
  for (size_t I = 0; I < Parts.size(); ++I) {
    std::string Part = Parts[I].str();
    for (char &Ch : Part)
      if (!llvm::isAlnum(Ch) && Ch != '.' && Ch != '_' && Ch != '-')
        Ch = '_';
    // No component may climb out of Dir or hide.
    if (Part.find_first_not_of('.') == std::string::npos)
      Part = std::string(Part.size(), '_');
    if (I + 1 == Parts.size())
      Part += (Tag.empty() || Tag == "0" ? "" : ".round-" + Tag.str()) + ".log";
    llvm::sys::path::append(Path, Part);
  }
  return Path.str().str();
}

void runTestHooks(const std::string &File) {
  if (const char *Crash = std::getenv("MEDSEC_TEST_CRASH_ON"))
    if (*Crash && File.find(Crash) != std::string::npos)
      abort();
  if (const char *Hang = std::getenv("MEDSEC_TEST_HANG_ON"))
    if (*Hang && File.find(Hang) != std::string::npos)
      for (;;)
        std::this_thread::sleep_for(std::chrono::seconds(1));
}

InterruptScope::InterruptScope() {
  Interrupted = 0;
  for (int S : InterruptSignals)
    signal(S, onInterrupt);
}

InterruptScope::~InterruptScope() {
  for (int S : InterruptSignals)
    signal(S, SIG_DFL);
}

int scanInterrupted() { return Interrupted; }

void dieOfInterrupt(int Signal) {
  signal(Signal, SIG_DFL);
  raise(Signal);
  _exit(128 + Signal);
}

std::vector<UnitResult> analyseInWorkers(const std::vector<std::string> &Files,
                                         const AnalyseFn &Analyse, const PoolOptions &Opts,
                                         const std::string &Tag, const DoneFn &Done) {
  std::vector<UnitResult> Results(Files.size());
  Children Pool;
  auto Finish = [&](size_t Index, UnitResult U) {
    Done(U);
    Results[Index] = std::move(U);
  };
  // What the parent has buffered must not be written again by a child.
  llvm::outs().flush();
  llvm::errs().flush();
  size_t Next = 0;
  while ((Next < Files.size() || !Pool.Running.empty()) && !Interrupted) {
    while (Next < Files.size() && Pool.Running.size() < Opts.Jobs && !Interrupted) {
      Child C;
      C.Index = Next;
      C.File = Files[Next++];
      const std::string Stem = Opts.TempDir + "/unit-" + Tag + "-" + std::to_string(C.Index);
      C.OutPath = Stem + ".json";
      C.LogPath = Stem + ".log";
      C.Start = std::chrono::steady_clock::now();
      const pid_t Pid = fork();
      if (Pid == 0)
        runChild(C, Analyse);
      if (Pid < 0) {
        Finish(C.Index, UnitResult{relativeToRoot(C.File, Opts.SourceRoot),
                                   UnitStatus::Failed,
                                   std::string("cannot start a worker process: ") + strerror(errno),
                                   {}});
        continue;
      }
      // Set on both sides, so the group exists before either goes on.
      setpgid(Pid, Pid);
      if (Opts.Verbose)
        llvm::errs() << "medsec: analysing " << printable(C.File) << "\n";
      Pool.Running.emplace(Pid, C);
    }
    int Status = 0;
    const pid_t Pid = waitpid(-1, &Status, WNOHANG);
    if (Pid > 0 && Pool.Running.count(Pid)) {
      Child C = Pool.Running[Pid];
      Pool.Running.erase(Pid);
      Finish(C.Index, collect(C, Status, /*TimedOut=*/false, Opts, Tag));
      continue;
    }
    const auto Now = std::chrono::steady_clock::now();
    for (auto It = Pool.Running.begin(); It != Pool.Running.end();) {
      if (Now - It->second.Start < std::chrono::seconds(Opts.TimeoutSeconds)) {
        ++It;
        continue;
      }
      stopTimedOut(It->first, Status);
      Finish(It->second.Index, collect(It->second, Status, /*TimedOut=*/true, Opts, Tag));
      It = Pool.Running.erase(It);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return Results;
}

} // namespace medsec
