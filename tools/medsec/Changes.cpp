//===- Changes.cpp - the files a pull request changed ---------------------===//
#include "Changes.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

namespace medsec {
namespace {

std::string absolute(llvm::StringRef Path, llvm::StringRef Dir) {
  llvm::SmallString<256> P(Path);
  if (!llvm::sys::path::is_absolute(P)) {
    P = Dir;
    llvm::sys::path::append(P, Path);
  }
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return P.str().str();
}

/// Runs git with Args in Dir; its stdout, or an error with its stderr.
llvm::Expected<std::string> git(const std::vector<std::string> &Args, const std::string &Dir) {
  auto Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return llvm::createStringError(Git.getError(),
                                   "--changed-since needs git on PATH (or use --changed FILE)");
  llvm::SmallString<128> Out, Err;
  llvm::sys::fs::createTemporaryFile("medsec-git", "out", Out);
  llvm::sys::fs::createTemporaryFile("medsec-git", "err", Err);
  std::vector<llvm::StringRef> Argv{*Git, "-C", Dir};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), Out.str(), Err.str()};
  std::string ExecError;
  const int Rc = llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt, Redirects, 60, 0, &ExecError);
  auto Read = [](llvm::StringRef P) {
    auto B = llvm::MemoryBuffer::getFile(P);
    return B ? (*B)->getBuffer().str() : std::string();
  };
  std::string Stdout = Read(Out), Stderr = Read(Err);
  llvm::sys::fs::remove(Out);
  llvm::sys::fs::remove(Err);
  if (Rc != 0) {
    std::string Command = "git";
    for (const std::string &A : Args)
      Command += " " + A;
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "'%s' in '%s' failed: %s", Command.c_str(), Dir.c_str(),
                                   (ExecError.empty() ? llvm::StringRef(Stderr).trim().str()
                                                      : ExecError)
                                       .c_str());
  }
  return Stdout;
}

} // namespace

/// Adds P and, when it differs, its real path: the compile database may name
/// files either way.
void insertPath(ChangeSet &C, const std::string &P) {
  C.Files.insert(P);
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(P, Real))
    C.Files.insert(Real.str().str());
}

bool ChangeSet::touches(const std::vector<std::string> &Read) const {
  for (const std::string &F : Read)
    if (Files.count(F))
      return true;
  return false;
}

llvm::Expected<ChangeSet> changedSince(const std::string &Rev, const std::string &Dir) {
  if (Rev.empty() || Rev[0] == '-')
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "--changed-since takes a git revision, not '%s'", Rev.c_str());
  auto Top = git({"rev-parse", "--show-toplevel"}, Dir);
  if (!Top)
    return Top.takeError();
  const std::string Root = llvm::StringRef(*Top).trim().str();
  // Against the merge base, as a pull request's diff is, and including what
  // is not committed yet.
  auto Diff = git({"diff", "--name-only", "--no-renames", "-z", "--merge-base", Rev, "--"}, Root);
  if (!Diff)
    return Diff.takeError();
  auto New = git({"ls-files", "--others", "--exclude-standard", "-z"}, Root);
  if (!New)
    return New.takeError();
  ChangeSet C;
  C.Origin = "--changed-since " + Rev;
  llvm::SmallVector<llvm::StringRef> Paths;
  llvm::StringRef(*Diff).split(Paths, '\0', -1, /*KeepEmpty=*/false);
  llvm::StringRef(*New).split(Paths, '\0', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef P : Paths)
    insertPath(C, absolute(P, Root));
  return C;
}

ChangeSet changedFiles(const std::vector<std::string> &Files, const std::string &Dir) {
  ChangeSet C;
  C.Origin = "--changed";
  for (const std::string &F : Files)
    insertPath(C, absolute(F, Dir));
  return C;
}

} // namespace medsec
