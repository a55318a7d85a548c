//===- main.cpp - medsec-clangd: clangd 19 with the medsec-* checks -------===//
//
// clangd cannot load clang-tidy plugins, so the checks are linked in: their
// registration object joins clangd's ClangTidyModuleRegistry and clangd then
// offers every medsec-* check (enabled by a .clangd file, see docs/ide.md).
//
//===----------------------------------------------------------------------===//
#include "medsec/Version.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <string>
#include <vector>

// Debian ships libclangdMain.a without its header.
namespace clang::clangd {
int clangdMain(int argc, char *argv[]);
} // namespace clang::clangd

// Keeps the checks' registration object in the executable.
extern volatile int MedSecTidyModuleAnchorSource;

namespace {

bool namesResourceDir(llvm::StringRef Arg) {
  Arg = Arg.ltrim('-');
  return Arg == "resource-dir" || Arg.starts_with("resource-dir=");
}

/// True when the user already chose a resource directory, on the command line
/// or in $CLANGD_FLAGS (clangd reads both; giving it twice is an error).
bool userChoseResourceDir(int Argc, char **Argv) {
  for (int I = 1; I < Argc; ++I)
    if (namesResourceDir(Argv[I]))
      return true;
  const char *Env = std::getenv("CLANGD_FLAGS");
  if (!Env)
    return false;
  llvm::SmallVector<llvm::StringRef, 8> Words;
  llvm::StringRef(Env).split(Words, ' ', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef W : Words)
    if (namesResourceDir(W))
      return true;
  return false;
}

/// clangd looks for the builtin headers (stddef.h, stdint.h, ...) beside its
/// own executable, in <bin>/../lib/clang/19; installed beside medsec they are
/// not there, and without them every firmware file errors on stdint.h.
bool needsResourceDir(const char *Argv0) {
  const std::string Self =
      llvm::sys::fs::getMainExecutable(Argv0, reinterpret_cast<void *>(&needsResourceDir));
  llvm::SmallString<256> Own(llvm::sys::path::parent_path(Self));
  llvm::sys::path::append(Own, "..", "lib", "clang");
  llvm::sys::path::append(Own, std::to_string(LLVM_VERSION_MAJOR), "include");
  return !llvm::sys::fs::is_directory(Own) &&
         llvm::sys::fs::is_directory(MEDSEC_CLANG_RESOURCE_DIR "/include");
}

} // namespace

int main(int argc, char **argv) {
  (void)MedSecTidyModuleAnchorSource;
  // clangd overrides the version printer, so say who we are before it speaks.
  for (int I = 1; I < argc; ++I)
    if (llvm::StringRef(argv[I]).ltrim('-') == "version")
      llvm::outs() << "medsec-clangd " << MEDSEC_VERSION << " (build " << MEDSEC_BUILD_ID
                   << "): clangd with the medsec-* checks\n";
  std::vector<char *> Args(argv, argv + argc);
  static char ResourceDirArg[] = "--resource-dir=" MEDSEC_CLANG_RESOURCE_DIR;
  if (!userChoseResourceDir(argc, argv) && needsResourceDir(argv[0]))
    Args.insert(Args.begin() + 1, ResourceDirArg);
  Args.push_back(nullptr);
  return clang::clangd::clangdMain(static_cast<int>(Args.size()) - 1, Args.data());
}
