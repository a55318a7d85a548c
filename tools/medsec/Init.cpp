//===- Init.cpp - medsec init: editor and clang-tidy set-up files ---------===//
//
// A project needs two small files before an editor shows medsec findings:
// .clangd, because clangd 19 only runs checks it knows to be fast unless
// FastCheckFilter is None, and .clang-tidy for clang-tidy-19 with the plugin.
//
//===----------------------------------------------------------------------===//
#include "Init.h"

#include "CompilerDiagnostics.h"
#include "Scan.h"

#include "../../checks/support/CatalogueAccess.h"

#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/GlobList.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <unistd.h>

namespace medsec {
namespace {

// An earlier run's .clangd fragment lies between these lines, so a second
// `init --force` replaces it instead of stacking another one.
const char *const FragmentStart = "# medsec init:";
const char *const FragmentEnd = "# end of medsec init";

/// The -W options of the catalogued compiler diagnostics, as a YAML flow list.
std::string warningList(const std::vector<std::string> &Flags) {
  std::string L;
  for (const std::string &F : Flags)
    L += (L.empty() ? "'" : ", '") + F + "'";
  return "[" + L + "]";
}

std::string freshClangTidy(const std::vector<std::string> &Flags) {
  std::string F =
      R"(# medsec init: the medsec-* checks, for clang-tidy-19 --load=<prefix>/lib/medsec/MedSecTidy.so
# and for medsec-clangd (see docs/ide.md and docs/clang-tidy.md of MedSec Tidy), and the
# compiler warnings medsec reports as findings (docs/checks/compiler-diagnostics.md).
Checks: '-*,medsec-*,clang-diagnostic-*'
WarningsAsErrors: ''
# Findings in the project's own headers too (system headers stay quiet).
HeaderFilterRegex: '.*'
)";
  if (!Flags.empty())
    F += "# After the build's own options, so its -Wno-* cannot turn them off.\nExtraArgs: " +
         warningList(Flags) + "\n";
  return F + R"(# CheckOptions:
#   medsec.ProjectRules: tools/medsec-project.yaml   # default: the nearest .medsec.yaml
#   medsec.Catalogue: /opt/medsec/share/medsec/rules # default: beside the tool
)";
}

std::string yamlQuoted(llvm::StringRef S) {
  std::string Out = "'";
  for (char C : S)
    Out += C == '\'' ? std::string("''") : std::string(1, C);
  return Out + "'";
}

std::string clangdFragment(const std::string &Database, const std::vector<std::string> &Flags) {
  std::string F = std::string(FragmentStart) +
                  " medsec-clangd runs the medsec-* checks while you type (docs/ide.md).\n"
                  "# clangd 19 skips checks it does not know to be fast unless FastCheckFilter "
                  "is None.\n";
  if (!Flags.empty())
    F += "# The compiler warnings medsec reports as findings, after the build's own options\n"
         "# (docs/checks/compiler-diagnostics.md); -w would hide them.\n";
  if (!Database.empty() || !Flags.empty())
    F += "CompileFlags:\n";
  if (!Database.empty())
    F += "  CompilationDatabase: " + yamlQuoted(Database) + "\n";
  if (!Flags.empty())
    F += "  Add: " + warningList(Flags) + "\n  Remove: ['-w']\n";
  F += "Diagnostics:\n  ClangTidy:\n    Add: ['medsec-*']\n    FastCheckFilter: None\n";
  return F + FragmentEnd + "\n";
}

/// Text without an earlier medsec fragment (and the '---' that opened it).
std::string withoutOurFragment(llvm::StringRef Text) {
  const size_t Start = Text.find(FragmentStart);
  if (Start == llvm::StringRef::npos)
    return Text.str();
  size_t End = Text.find(FragmentEnd, Start);
  End = End == llvm::StringRef::npos ? Text.size() : Text.find('\n', End);
  End = End == llvm::StringRef::npos ? Text.size() : End + 1;
  llvm::StringRef Before = Text.take_front(Start).rtrim();
  if (Before.ends_with("---"))
    Before = Before.drop_back(3).rtrim();
  std::string Out = Before.str();
  if (!Out.empty())
    Out += "\n";
  return Out + Text.drop_front(End).str();
}

/// clangd applies the fragments of a file in order: a new document at the end
/// adds our checks to the user's and overrides their fast-check filter, and
/// leaves every other setting (and its comments) as it was.
std::string mergedClangd(llvm::StringRef Existing, const std::string &Database,
                         const std::vector<std::string> &Flags) {
  std::string Kept = withoutOurFragment(Existing);
  if (llvm::StringRef(Kept).trim().empty())
    return clangdFragment(Database, Flags);
  if (Kept.back() != '\n')
    Kept += "\n";
  return Kept + "---\n" + clangdFragment(Database, Flags);
}

bool clangdHasMedsec(llvm::StringRef Text) {
  return Text.contains(FragmentStart) ||
         (Text.contains("medsec-") && Text.contains("FastCheckFilter: None"));
}

bool enablesEveryMedsecCheck(llvm::StringRef Checks) {
  const clang::tidy::GlobList Globs(Checks);
  // A name no check has: true only when a glob covers checks added later.
  return Globs.contains("medsec-banned-functions") && Globs.contains("medsec-zz-future-check");
}

bool clangTidyHasMedsec(llvm::StringRef Text) {
  auto Opts = clang::tidy::parseConfiguration(llvm::MemoryBufferRef(Text, ".clang-tidy"));
  return Opts && Opts->Checks && enablesEveryMedsecCheck(*Opts->Checks);
}

/// The user's options with ',medsec-*' (and the compiler diagnostics) after
/// their checks and the missing -W options after their extra arguments.
/// Comments are not kept by clang-tidy's writer; the backup has them.
std::optional<std::string> mergedClangTidy(llvm::StringRef Existing,
                                           const std::vector<std::string> &Flags,
                                           std::string &Error) {
  auto Opts = clang::tidy::parseConfiguration(llvm::MemoryBufferRef(Existing, ".clang-tidy"));
  if (!Opts) {
    Error = "cannot be parsed (" + Opts.getError().message() + ")";
    return std::nullopt;
  }
  if (!Opts->Checks || llvm::StringRef(*Opts->Checks).trim().empty())
    Opts->Checks = "-*,medsec-*";
  else if (!enablesEveryMedsecCheck(*Opts->Checks))
    Opts->Checks = llvm::StringRef(*Opts->Checks).trim().rtrim(',').str() + ",medsec-*";
  if (!Flags.empty() &&
      !clang::tidy::GlobList(*Opts->Checks).contains("clang-diagnostic-" + Flags.front().substr(2)))
    *Opts->Checks += ",clang-diagnostic-*";
  if (!Flags.empty() && !Opts->ExtraArgs)
    Opts->ExtraArgs.emplace();
  for (const std::string &F : Flags)
    if (!llvm::is_contained(*Opts->ExtraArgs, F))
      Opts->ExtraArgs->push_back(F);
  return clang::tidy::configurationAsText(*Opts);
}

bool writeAtomically(const std::string &Path, const std::string &Text, std::string &Error) {
  const std::string Tmp = Path + ".tmp-" + std::to_string(::getpid());
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Tmp, EC, llvm::sys::fs::OF_Text);
    if (EC) {
      Error = EC.message();
      return false;
    }
    OS << Text;
    OS.close();
    if (OS.has_error()) {
      Error = OS.error().message();
      OS.clear_error();
      llvm::sys::fs::remove(Tmp);
      return false;
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(Tmp, Path)) {
    Error = EC.message();
    llvm::sys::fs::remove(Tmp);
    return false;
  }
  return true;
}

/// Copies Path to the first free Path.bak, Path.bak.1, ...; empty on failure.
std::string backUp(const std::string &Path) {
  std::string Target = Path + ".bak";
  for (int N = 1; llvm::sys::fs::exists(Target); ++N)
    Target = Path + ".bak." + std::to_string(N);
  return llvm::sys::fs::copy_file(Path, Target) ? std::string() : Target;
}

struct FileRecipe {
  std::string Path;
  std::string Fresh;
  std::function<bool(llvm::StringRef)> HasMedsec;
  std::function<std::optional<std::string>(llvm::StringRef, std::string &)> Merge;
};

/// Writes one file; false when it is left without the medsec settings.
bool setUp(const FileRecipe &R, bool Force) {
  std::string Error;
  auto Buf = llvm::MemoryBuffer::getFile(R.Path, /*IsText=*/true);
  if (!Buf) {
    if (!writeAtomically(R.Path, R.Fresh, Error)) {
      llvm::errs() << "medsec: error: cannot write " << R.Path << ": " << Error << "\n";
      return false;
    }
    llvm::outs() << "medsec: wrote " << R.Path << "\n";
    return true;
  }
  const llvm::StringRef Old = (*Buf)->getBuffer();
  if (!Force) {
    if (R.HasMedsec(Old)) {
      llvm::outs() << "medsec: " << R.Path << " already enables the medsec checks; unchanged\n";
      return true;
    }
    llvm::errs() << "medsec: " << R.Path
                 << " exists and does not enable the medsec checks; left unchanged (run "
                    "'medsec init --force' to back it up and merge them in)\n";
    return false;
  }
  std::optional<std::string> New = R.Merge(Old, Error);
  if (!New) {
    llvm::errs() << "medsec: error: " << R.Path << " " << Error << "; left unchanged\n";
    return false;
  }
  if (*New == Old) {
    llvm::outs() << "medsec: " << R.Path << " already up to date\n";
    return true;
  }
  const std::string Backup = backUp(R.Path);
  if (Backup.empty() || !writeAtomically(R.Path, *New, Error)) {
    llvm::errs() << "medsec: error: cannot update " << R.Path
                 << (Backup.empty() ? ": the backup failed" : ": " + Error) << "\n";
    return false;
  }
  llvm::outs() << "medsec: merged the medsec settings into " << R.Path
               << " (previous file: " << Backup << ")\n";
  return true;
}

std::string absolute(llvm::StringRef P) {
  llvm::SmallString<256> A(P);
  llvm::sys::fs::make_absolute(A);
  llvm::sys::path::remove_dots(A, /*remove_dot_dot=*/true);
  return A.str().str();
}

/// BuildDir as .clangd names it: relative to the project when inside it.
std::string databaseEntry(const std::string &Dir, std::string BuildDir) {
  if (llvm::sys::path::filename(BuildDir) == "compile_commands.json")
    BuildDir = llvm::sys::path::parent_path(BuildDir).str();
  const std::string AbsDir = absolute(Dir), AbsBuild = absolute(BuildDir);
  llvm::SmallString<256> Db(AbsBuild);
  llvm::sys::path::append(Db, "compile_commands.json");
  if (!llvm::sys::fs::exists(Db))
    llvm::errs() << "medsec: warning: no compile_commands.json in " << AbsBuild
                 << " yet (configure with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON)\n";
  llvm::StringRef Rel(AbsBuild);
  if (AbsBuild == AbsDir)
    return ".";
  if (Rel.consume_front(AbsDir) && Rel.consume_front("/"))
    return Rel.str();
  return AbsBuild;
}

/// The -W options of the built-in catalogue's compiler diagnostics; none
/// (and a warning) when it does not load.
std::vector<std::string> catalogueWarningFlags() {
  std::vector<rules::Problem> Problems;
  bool FirstTime = false;
  auto Cat = cachedCatalogue(catalogueSourceFor("", "", "", ""), Problems, FirstTime);
  if (!Cat || !Problems.empty()) {
    llvm::errs() << "medsec: warning: the rule catalogue does not load ("
                 << (Problems.empty() ? std::string("not found") : Problems.front().str())
                 << "); the compiler warnings it lists are not turned on\n";
    return {};
  }
  return compilerDiagnosticArgs(catalogueCompilerDiagnostics(*Cat));
}

} // namespace

int initCommand(int Argc, char **Argv) {
  std::string Dir, BuildDir;
  bool Force = false;
  for (int I = 2; I < Argc; ++I) {
    const llvm::StringRef A = Argv[I];
    if (A == "--force" || A == "-f") {
      Force = true;
    } else if ((A == "-p" || A == "--build-dir") && I + 1 < Argc) {
      BuildDir = Argv[++I];
    } else if (A.starts_with("--build-dir=")) {
      BuildDir = A.drop_front(strlen("--build-dir=")).str();
    } else if (A.starts_with("-p") && A.size() > 2) {
      BuildDir = A.drop_front(2).str();
    } else if (A.starts_with("-") || !Dir.empty()) {
      llvm::errs() << "medsec: error: "
                   << (A.starts_with("-") ? "unknown or incomplete option '"
                                          : "unexpected argument '")
                   << A << "'\nusage: medsec init [DIR] [-p BUILD_DIR] [--force]\n";
      return ExitUsage;
    } else {
      Dir = A.str();
    }
  }
  if (Dir.empty())
    Dir = ".";
  if (!llvm::sys::fs::is_directory(Dir)) {
    llvm::errs() << "medsec: error: '" << Dir << "' is not a directory\n";
    return ExitUsage;
  }
  const std::string Database = BuildDir.empty() ? "" : databaseEntry(Dir, BuildDir);
  auto PathIn = [&](const char *Name) {
    llvm::SmallString<256> P(Dir);
    llvm::sys::path::append(P, Name);
    return P.str().str();
  };
  const std::vector<std::string> Flags = catalogueWarningFlags();
  const FileRecipe Clangd{PathIn(".clangd"), clangdFragment(Database, Flags), clangdHasMedsec,
                          [&](llvm::StringRef Old, std::string &) -> std::optional<std::string> {
                            return mergedClangd(Old, Database, Flags);
                          }};
  const FileRecipe Tidy{
      PathIn(".clang-tidy"), freshClangTidy(Flags), clangTidyHasMedsec,
      [&](llvm::StringRef Old, std::string &Error) { return mergedClangTidy(Old, Flags, Error); }};
  const bool ClangdOk = setUp(Clangd, Force);
  const bool TidyOk = setUp(Tidy, Force);
  return ClangdOk && TidyOk ? ExitClean : ExitUsage;
}

} // namespace medsec
