//===- WorkerPool.cpp - units analysed in forked, isolated children -------===//
#include "WorkerPool.h"
#include "writers/Console.h"

#include "Analyse.h"

#include "llvm/Support/MemoryBuffer.h"
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

/// In the child: analyse, write the result, never return.
[[noreturn]] void runChild(const Child &C, const AnalyseFn &Analyse) {
  for (int S : InterruptSignals)
    signal(S, SIG_DFL);
  const int In = open("/dev/null", O_RDONLY);
  const int Log = open(C.LogPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (In < 0 || Log < 0 || dup2(In, 0) < 0 || dup2(Log, 1) < 0 || dup2(Log, 2) < 0)
    _exit(125);
  // A crashing child must die at once: symbolizing its stack trace can take
  // longer than the per-unit timeout on a loaded machine.
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

UnitResult collect(const Child &C, int Status, bool TimedOut, const PoolOptions &Opts) {
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
      Finish(C.Index, collect(C, Status, /*TimedOut=*/false, Opts));
      continue;
    }
    const auto Now = std::chrono::steady_clock::now();
    for (auto It = Pool.Running.begin(); It != Pool.Running.end();) {
      if (Now - It->second.Start < std::chrono::seconds(Opts.TimeoutSeconds)) {
        ++It;
        continue;
      }
      kill(-It->first, SIGKILL);
      waitpid(It->first, &Status, 0);
      Finish(It->second.Index, collect(It->second, Status, /*TimedOut=*/true, Opts));
      It = Pool.Running.erase(It);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return Results;
}

} // namespace medsec
