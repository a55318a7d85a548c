//===- CatalogueAccess.cpp - find and cache the rule catalogue ------------===//
#include "CatalogueAccess.h"

#include "SharedTables.h"

#include "../../rules/loader/CatalogueBinary.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <dlfcn.h>
#include <errno.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>

#ifndef MEDSEC_SOURCE_RULES_DIR
#define MEDSEC_SOURCE_RULES_DIR ""
#endif

namespace medsec {
namespace {

const char *envOrNull(const char *Name) {
  const char *V = std::getenv(Name);
  return (V && *V) ? V : nullptr;
}

/// The binary or shared object this code was loaded from.
std::string findOwnFile() {
  Dl_info Info;
  if (!dladdr(reinterpret_cast<void *>(&findOwnFile), &Info) || !Info.dli_fname)
    return "";
  // For code in the executable itself glibc answers argv[0], which is a bare
  // name when an editor starts medsec-clangd through PATH: ask the kernel.
  if (program_invocation_name && std::strcmp(Info.dli_fname, program_invocation_name) == 0)
    return llvm::sys::fs::getMainExecutable(program_invocation_name,
                                            reinterpret_cast<void *>(&findOwnFile));
  llvm::SmallString<256> Path;
  if (llvm::sys::fs::real_path(Info.dli_fname, Path))
    Path = Info.dli_fname;
  return Path.str().str();
}

/// findOwnFile() once per process: dladdr walks the loaded objects' symbol
/// tables, and the code does not move while it runs.
const std::string &ownFile() {
  static const std::string Own = findOwnFile();
  return Own;
}

std::string ownDirectory() { return llvm::sys::path::parent_path(ownFile()).str(); }

/// Which loader parsed a cached binary catalogue: this binary, by path, size
/// and modification time (a rebuild is another loader; hashing it would cost
/// what the cache saves).
std::string loaderIdentity() {
  const std::string &Own = ownFile();
  llvm::sys::fs::file_status St;
  if (Own.empty() || llvm::sys::fs::status(Own, St))
    return "";
  return Own + " " + std::to_string(St.getSize()) + " " +
         std::to_string(St.getLastModificationTime().time_since_epoch().count());
}

/// Whether $MEDSEC_TRACE (comma-separated) names What: a line on stderr for
/// each such event, for tests and for seeing what an editor reloads.
bool tracing(llvm::StringRef What) {
  const char *Env = envOrNull("MEDSEC_TRACE");
  if (!Env)
    return false;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  llvm::StringRef(Env).split(Parts, ',');
  return llvm::is_contained(Parts, What);
}

struct CacheEntry {
  std::string Stamp;
  std::shared_ptr<const rules::Catalogue> Cat;
  std::vector<rules::Problem> Problems;
};

std::mutex CacheMutex;
std::map<std::string, CacheEntry> Cache;

/// Names and modification times of every file that makes up Source.
std::string stampOf(const CatalogueSource &Source) {
  std::vector<std::string> Parts;
  auto Add = [&](const std::string &P) {
    llvm::sys::fs::file_status St;
    if (llvm::sys::fs::status(P, St))
      Parts.push_back(P + "@missing");
    else
      Parts.push_back(P + "@" +
                      std::to_string(St.getLastModificationTime().time_since_epoch().count()) +
                      "/" + std::to_string(St.getSize()));
  };
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Source.BuiltinDir, EC), End; It != End && !EC;
       It.increment(EC))
    if (llvm::StringRef(It->path()).ends_with(".yaml"))
      Add(It->path());
  std::sort(Parts.begin(), Parts.end());
  for (const std::string &P : Source.ProjectFiles)
    Add(P);
  std::string S;
  for (const std::string &P : Parts)
    S += P + "\n";
  return S;
}

} // namespace

std::string defaultCatalogueDir(llvm::StringRef Explicit) {
  if (!Explicit.empty())
    return Explicit.str();
  if (const char *Env = envOrNull("MEDSEC_CATALOGUE"))
    return Env;
  const std::string Own = ownDirectory();
  // Executables install to <prefix>/bin, the plugin to <prefix>/lib/medsec.
  for (const char *Up : {"..", "../.."}) {
    if (Own.empty() || (Up[2] && llvm::sys::path::filename(Own) != "medsec"))
      break;
    llvm::SmallString<256> Installed(Own);
    llvm::sys::path::append(Installed, Up, "share", "medsec", "rules");
    llvm::sys::path::remove_dots(Installed, /*remove_dot_dot=*/true);
    if (llvm::sys::fs::is_directory(Installed))
      return Installed.str().str();
  }
  return MEDSEC_SOURCE_RULES_DIR;
}

std::string defaultCacheDir() {
  llvm::SmallString<256> P;
  if (const char *X = envOrNull("XDG_CACHE_HOME"); X && llvm::sys::path::is_absolute(X)) {
    P = X;
  } else if (const char *H = envOrNull("HOME")) {
    P = H;
    llvm::sys::path::append(P, ".cache");
  } else {
    return "";
  }
  llvm::sys::path::append(P, "medsec");
  return P.str().str();
}

std::string findProjectRules(llvm::StringRef Explicit, llvm::StringRef File) {
  if (!Explicit.empty())
    return Explicit.str();
  if (const char *Env = envOrNull("MEDSEC_PROJECT_RULES"))
    return Env;
  if (File.empty())
    return "";
  llvm::SmallString<256> Dir(File);
  llvm::sys::fs::make_absolute(Dir);
  llvm::sys::path::remove_filename(Dir);
  for (llvm::StringRef D = Dir; !D.empty(); D = llvm::sys::path::parent_path(D)) {
    llvm::SmallString<256> Candidate(D);
    llvm::sys::path::append(Candidate, ".medsec.yaml");
    // Anything by that name is the project's file: a directory or a dangling
    // link there must fail to load, not be passed over.
    if (llvm::sys::fs::exists(Candidate) || llvm::sys::fs::is_symlink_file(Candidate))
      return Candidate.str().str();
  }
  return "";
}

CatalogueSource catalogueSourceFor(llvm::StringRef CatalogueDir, llvm::StringRef ProjectRules,
                                   llvm::StringRef DerivedRules, llvm::StringRef File) {
  CatalogueSource Source;
  Source.BuiltinDir = defaultCatalogueDir(CatalogueDir);
  const std::string Project = findProjectRules(ProjectRules, File);
  if (!Project.empty())
    Source.ProjectFiles.push_back(Project);
  if (!DerivedRules.empty())
    Source.ProjectFiles.push_back(DerivedRules.str());
  return Source;
}

std::shared_ptr<const rules::Catalogue> cachedCatalogue(const CatalogueSource &Source,
                                                        std::vector<rules::Problem> &Problems,
                                                        bool &FirstTime) {
  std::string Key = Source.BuiltinDir;
  for (const std::string &P : Source.ProjectFiles)
    Key += "\n" + P;
  const std::string Stamp = stampOf(Source);
  std::lock_guard<std::mutex> Lock(CacheMutex);
  CacheEntry &E = Cache[Key];
  FirstTime = false;
  if (!E.Cat || E.Stamp != Stamp) {
    E.Problems.clear();
    // Through the binary form (CatalogueBinary.h): a process that analyses
    // one file must not spend longer parsing YAML than analysing it.
    const std::string Identity = loaderIdentity();
    bool FromBinary = false;
    E.Cat = rules::loadCatalogueCached(Source.BuiltinDir, Source.ProjectFiles, E.Problems,
                                       Identity.empty() ? "" : defaultCacheDir(), Identity,
                                       &FromBinary);
    E.Stamp = Stamp;
    FirstTime = true;
    if (tracing("catalogue"))
      llvm::errs() << "medsec-trace: catalogue " << (FromBinary ? "read" : "parsed") << " "
                   << Source.BuiltinDir << (Source.ProjectFiles.empty() ? "" : " +")
                   << llvm::join(Source.ProjectFiles, " +") << "\n";
  }
  Problems = E.Problems;
  return E.Cat;
}

std::shared_ptr<const rules::Catalogue> owningCatalogue(const rules::Catalogue *Raw) {
  std::lock_guard<std::mutex> Lock(CacheMutex);
  for (const auto &[Key, E] : Cache)
    if (Raw && E.Cat.get() == Raw)
      return E.Cat;
  return nullptr;
}

} // namespace medsec
