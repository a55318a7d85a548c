//===- CompileDb.cpp - compile databases as firmware teams have them ------===//
//
// clang's JSONCompilationDatabase takes an entry as it is. Firmware
// databases come from IAR and Keil project exporters, bear around a vendor
// make, and CMake with cross toolchain files; this loader normalises each
// entry first so that every unit can be parsed by clang, and says what it did.
//
//===----------------------------------------------------------------------===//
#include "CompileDb.h"
#include "BoundedJson.h"

#include "CompilerAdjust.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/StringSaver.h"

#include <cstdlib>
#include <cstring>

#ifndef MEDSEC_SOURCE_COMPAT_DIR
#define MEDSEC_SOURCE_COMPAT_DIR ""
#endif

namespace medsec {

using clang::tooling::CompileCommand;

namespace {

std::string normalPath(llvm::StringRef Path, llvm::StringRef Base) {
  llvm::SmallString<256> P(Path);
  if (!llvm::sys::path::is_absolute(P)) {
    P = Base;
    llvm::sys::path::append(P, Path);
  }
  llvm::sys::fs::make_absolute(P);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return P.str().str();
}

} // namespace

std::string globToRegex(llvm::StringRef G) {
  G = G.rtrim('/');
  std::string R = "^";
  for (size_t I = 0; I < G.size(); ++I) {
    const char C = G[I];
    if (C == '*' && G.substr(I).starts_with("**/")) {
      R += "(.*/)?";
      I += 2;
    } else if (C == '*' && G.substr(I).starts_with("**")) {
      R += ".*";
      ++I;
    } else if (C == '*') {
      R += "[^/]*";
    } else if (C == '?') {
      R += "[^/]";
    } else if (C == '[' && G.find(']', I + 1) != llvm::StringRef::npos) {
      const size_t End = G.find(']', I + 1);
      llvm::StringRef Class = G.slice(I + 1, End);
      R += Class.consume_front("!") ? "[^" : "[";
      R += Class.str() + "]";
      I = End;
    } else {
      if (std::strchr("\\.^$|()+{}[]", C))
        R += '\\';
      R += C;
    }
  }
  return R + "(/.*)?$";
}

namespace {

/// Both command forms, as one argument vector.
std::vector<std::string> entryArguments(const llvm::json::Object &E, std::string &Error) {
  std::vector<std::string> Args;
  if (const llvm::json::Array *A = E.getArray("arguments")) {
    for (const llvm::json::Value &V : *A) {
      auto S = V.getAsString();
      if (!S) {
        Error = "an 'arguments' item is not a string";
        return {};
      }
      Args.push_back(S->str());
    }
  } else if (auto Cmd = E.getString("command")) {
    llvm::BumpPtrAllocator Alloc;
    llvm::StringSaver Saver(Alloc);
    llvm::SmallVector<const char *, 64> Tokens;
    // Commands exported on Windows (IAR, Keil) keep their backslashes.
    static const llvm::Regex Windows("^\"?[A-Za-z]:\\\\|\\.exe[\" ]");
    if (Windows.match(*Cmd))
      llvm::cl::TokenizeWindowsCommandLine(*Cmd, Saver, Tokens);
    else
      llvm::cl::TokenizeGNUCommandLine(*Cmd, Saver, Tokens);
    Args.assign(Tokens.begin(), Tokens.end());
  } else {
    Error = "has neither 'arguments' nor 'command'";
    return {};
  }
  if (Args.empty())
    Error = "has an empty command";
  return Args;
}

/// Launchers in front of the compiler: the compiler is the next word.
bool isLauncher(llvm::StringRef Argv0) {
  llvm::StringRef Name = llvm::sys::path::filename(Argv0);
  return Name == "ccache" || Name == "sccache" || Name == "distcc" || Name == "icecc";
}

/// Expands @file (and IAR's `-f file`, Keil's `--via file`), relative to
/// the entry's directory, as the compiler would have.
void expandResponseFiles(std::vector<std::string> &Args, llvm::StringRef Directory,
                         llvm::StringRef File, std::vector<std::string> &Log) {
  const CompilerFamily Family = identifyCompiler(Args[0]).Family;
  for (size_t I = 1; I < Args.size(); ++I) {
    llvm::StringRef S = Args[I];
    const bool Separate = (Family == CompilerFamily::Iar && S == "-f") ||
                          (Family == CompilerFamily::KeilArmcc && S == "--via");
    if (Separate && I + 1 < Args.size()) {
      Args[I] = "@" + Args[I + 1];
      Args.erase(Args.begin() + I + 1);
    } else if (Family == CompilerFamily::KeilArmcc && S.consume_front("--via=")) {
      Args[I] = "@" + S.str();
    }
  }
  if (std::none_of(Args.begin() + 1, Args.end(),
                   [](const std::string &A) { return llvm::StringRef(A).starts_with("@"); }))
    return;
  llvm::BumpPtrAllocator Alloc;
  llvm::StringSaver Saver(Alloc);
  llvm::SmallVector<const char *, 64> Argv;
  for (const std::string &A : Args)
    Argv.push_back(Saver.save(A).data());
  llvm::cl::ExpansionContext Ctx(Alloc, llvm::cl::TokenizeGNUCommandLine);
  Ctx.setCurrentDir(Directory);
  if (llvm::Error E = Ctx.expandResponseFiles(Argv)) {
    Log.push_back(File.str() + ": response file not expanded: " + llvm::toString(std::move(E)));
    return;
  }
  Log.push_back(File.str() + ": expanded response file(s) to " + std::to_string(Argv.size() - 1) +
                " argument(s)");
  Args.assign(Argv.begin(), Argv.end());
}

/// One entry, normalised; false with Error on a malformed entry.
bool readEntry(const llvm::json::Value &V, llvm::StringRef DbDir, AdjustContext &Ctx,
               CompileCommand &Out, std::vector<std::string> &Log, std::string &Error) {
  const llvm::json::Object *E = V.getAsObject();
  if (!E) {
    Error = "is not an object";
    return false;
  }
  auto Dir = E->getString("directory");
  auto File = E->getString("file");
  if (!Dir || !File) {
    Error = Dir ? "has no 'file'" : "has no 'directory'";
    return false;
  }
  Out.Directory = normalPath(*Dir, DbDir);
  Out.Filename = normalPath(*File, Out.Directory);
  if (!llvm::sys::path::is_absolute(*Dir))
    Log.push_back(Out.Filename + ": relative directory '" + Dir->str() +
                  "' taken relative to the database's directory");
  if (auto O = E->getString("output"))
    Out.Output = O->str();
  std::vector<std::string> Args = entryArguments(*E, Error);
  if (Args.empty())
    return false;
  if (isLauncher(Args[0]) && Args.size() > 1) {
    Log.push_back(Out.Filename + ": dropped the launcher " + Args[0]);
    Args.erase(Args.begin());
  }
  expandResponseFiles(Args, Out.Directory, Out.Filename, Log);
  // The input as the command names it, so that the adjusters keep it.
  for (std::string &A : Args)
    if (A == File->str() ||
        (!A.empty() && A[0] != '-' && normalPath(A, Out.Directory) == Out.Filename))
      A = Out.Filename;
  Out.CommandLine = adjustCommand(Args, Out.Directory, Out.Filename, Ctx, Log);
  return true;
}

/// Keeps, per file, the first entry or each distinct configuration.
void addDeduplicated(FirmwareDatabase &Db, std::vector<CompileCommand> Commands, bool FirstOnly,
                     std::vector<std::string> &Log) {
  std::map<std::string, std::vector<std::string>> Keys; // file -> kept configuration keys
  for (CompileCommand &C : Commands) {
    std::vector<std::string> &Kept = Keys[C.Filename];
    const std::string Key = configurationKey(C.CommandLine);
    if (!Kept.empty() && (FirstOnly || llvm::is_contained(Kept, Key))) {
      Log.push_back(C.Filename + ": another entry for this file " +
                    (FirstOnly ? std::string("ignored (only the first is analysed)")
                               : std::string("repeats a configuration; analysed once")));
      continue;
    }
    if (!Kept.empty())
      Log.push_back(C.Filename + ": another entry with a different configuration; each is "
                                 "analysed");
    Kept.push_back(Key);
    Db.add(std::move(C));
  }
}

} // namespace

bool matchPathGlob(llvm::StringRef Glob, llvm::StringRef Path) {
  return llvm::Regex(globToRegex(Glob)).match(Path);
}

std::string shippedDirectory(const char *EnvVar, llvm::StringRef Name, llvm::StringRef SourceDir) {
  if (const char *Env = std::getenv(EnvVar))
    if (*Env)
      return Env;
  static int Anchor;
  const std::string Exe = llvm::sys::fs::getMainExecutable(nullptr, &Anchor);
  if (!Exe.empty()) {
    llvm::SmallString<256> Installed(llvm::sys::path::parent_path(Exe));
    llvm::sys::path::append(Installed, "..", "share", "medsec", Name);
    llvm::sys::path::remove_dots(Installed, /*remove_dot_dot=*/true);
    if (llvm::sys::fs::is_directory(Installed))
      return Installed.str().str();
  }
  return SourceDir.str();
}

std::string compatDirectory() {
  return shippedDirectory("MEDSEC_COMPAT_DIR", "compat", MEDSEC_SOURCE_COMPAT_DIR);
}

std::vector<CompileCommand> FirmwareDatabase::getCompileCommands(llvm::StringRef FilePath) const {
  auto It = ByFile.find(normalPath(FilePath, ""));
  return It == ByFile.end() ? std::vector<CompileCommand>() : It->second;
}

std::vector<std::string> FirmwareDatabase::getAllFiles() const {
  std::vector<std::string> Files;
  for (const auto &F : ByFile)
    Files.push_back(F.first);
  return Files;
}

std::vector<CompileCommand> FirmwareDatabase::getAllCompileCommands() const {
  std::vector<CompileCommand> All;
  for (const auto &F : ByFile)
    All.insert(All.end(), F.second.begin(), F.second.end());
  return All;
}

void FirmwareDatabase::applyPathFilters(const DbOptions &Opts, std::vector<std::string> &Log) {
  llvm::SmallString<256> Root(Opts.GlobRoot);
  llvm::sys::fs::make_absolute(Root);
  llvm::sys::path::remove_dots(Root, true);
  auto Matches = [&](const std::string &Glob, const std::string &File) {
    if (llvm::sys::path::is_absolute(Glob))
      return matchPathGlob(Glob, File);
    llvm::StringRef Rel(File);
    return Rel.consume_front(Root) && (Root.ends_with("/") || Rel.consume_front("/")) &&
           matchPathGlob(Glob, Rel);
  };
  for (auto It = ByFile.begin(); It != ByFile.end();) {
    const std::string &File = It->first;
    std::string Reason;
    for (const std::string &G : Opts.Exclude)
      if (Reason.empty() && Matches(G, File))
        Reason = "excluded by --exclude '" + G + "'";
    if (Reason.empty() && !Opts.Include.empty() &&
        std::none_of(Opts.Include.begin(), Opts.Include.end(),
                     [&](const std::string &G) { return Matches(G, File); }))
      Reason = "matches no --include glob";
    if (Reason.empty()) {
      ++It;
      continue;
    }
    Log.push_back(File + ": " + Reason);
    Excluded.push_back({File, Reason});
    It = ByFile.erase(It);
  }
}

std::string FirmwareDatabase::commandsJson(llvm::StringRef File) const {
  llvm::json::Array Entries;
  for (const CompileCommand &C : getCompileCommands(File)) {
    llvm::json::Array Args;
    for (const std::string &A : C.CommandLine)
      Args.push_back(A);
    Entries.push_back(llvm::json::Object{
        {"directory", C.Directory}, {"file", C.Filename}, {"arguments", std::move(Args)}});
  }
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << llvm::json::Value(std::move(Entries));
  return Text;
}

std::unique_ptr<FirmwareDatabase> loadFirmwareDatabase(const std::string &DbFile,
                                                       const DbOptions &Opts,
                                                       std::vector<std::string> &Log,
                                                       std::string &Error) {
  auto Buf = llvm::MemoryBuffer::getFile(DbFile);
  if (!Buf) {
    Error = "compile database '" + DbFile + "' " +
            (llvm::sys::fs::exists(DbFile)
                 ? "cannot be read: " + Buf.getError().message()
                 : "does not exist (generate it with CMAKE_EXPORT_COMPILE_COMMANDS=ON or bear)");
    return nullptr;
  }
  auto Json = parseBoundedJson((*Buf)->getBuffer());
  if (!Json) {
    Error = "compile database '" + DbFile + "' is not JSON: " + llvm::toString(Json.takeError());
    return nullptr;
  }
  const llvm::json::Array *Entries = Json->getAsArray();
  if (!Entries) {
    Error = "compile database '" + DbFile + "' is not a JSON array of entries";
    return nullptr;
  }
  const std::string DbDir = llvm::sys::path::parent_path(normalPath(DbFile, "")).str();
  AdjustContext Ctx;
  Ctx.CompatDir = Opts.CompatDir.empty() ? compatDirectory() : Opts.CompatDir;
  Ctx.QueryDriverGlobs = Opts.QueryDriverGlobs;
  std::vector<CompileCommand> Commands;
  for (size_t I = 0; I < Entries->size(); ++I) {
    CompileCommand C;
    if (!readEntry((*Entries)[I], DbDir, Ctx, C, Log, Error)) {
      Error = "compile database '" + DbFile + "': entry " + std::to_string(I + 1) + " " + Error;
      return nullptr;
    }
    Commands.push_back(std::move(C));
  }
  auto Db = std::make_unique<FirmwareDatabase>();
  addDeduplicated(*Db, std::move(Commands), Opts.FirstConfigurationOnly, Log);
  Db->setNotQueried(std::move(Ctx.NotQueried));
  Db->applyPathFilters(Opts, Log);
  return Db;
}

} // namespace medsec
