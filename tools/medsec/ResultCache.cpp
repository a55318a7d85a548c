//===- ResultCache.cpp - a unit's results again when nothing it read changed ===//
#include "ResultCache.h"

#include "../../checks/support/CatalogueAccess.h"
#include "medsec/Version.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <tuple>

#include <sys/time.h>

namespace medsec {
namespace json = llvm::json;

namespace {

/// Bump when the entry format or what a key covers changes.
constexpr int FormatVersion = 3; // 2: findings name their inputs, cross-TU facts their roots;
                                 // 3: parameter facts carry the interval of the number passed
constexpr const char *EntryDir = "results-v1";

/// The bytes of the running executable: a rebuild is another tool, whatever
/// its build id says.
std::string toolIdentity() {
  static const std::string Id = [] {
    static int Anchor;
    const std::string Exe = llvm::sys::fs::getMainExecutable("medsec", &Anchor);
    auto Buf = llvm::MemoryBuffer::getFile(Exe, /*IsText=*/false);
    const std::string Bytes = Buf ? rules::sha256Hex((*Buf)->getBuffer().str()) : "unknown";
    return Bytes + " " MEDSEC_BUILD_ID " " MEDSEC_LLVM_VERSION;
  }();
  return Id;
}

/// Whether the compile argument at I is the output file or names it.
bool isOutputArgument(const std::vector<std::string> &Args, size_t I) {
  return Args[I] == "-o" || (I > 0 && Args[I - 1] == "-o") ||
         (llvm::StringRef(Args[I]).starts_with("-o") && Args[I].size() > 2);
}

void forEachEntry(
    const std::string &Dir,
    const std::function<void(const std::string &, const llvm::sys::fs::file_status &)> &Fn) {
  llvm::SmallString<256> Top(Dir);
  llvm::sys::path::append(Top, EntryDir);
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Top, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::sys::fs::file_status St;
    if (!llvm::sys::fs::status(It->path(), St) &&
        St.type() == llvm::sys::fs::file_type::regular_file)
      Fn(It->path(), St);
  }
}

} // namespace

bool parseSize(llvm::StringRef S, uint64_t &Out) {
  uint64_t Scale = 1;
  if (!S.empty()) {
    const char Last = static_cast<char>(std::toupper(static_cast<unsigned char>(S.back())));
    const size_t Shift = Last == 'K' ? 10 : Last == 'M' ? 20 : Last == 'G' ? 30 : 0;
    if (Shift) {
      Scale = uint64_t(1) << Shift;
      S = S.drop_back();
    }
  }
  uint64_t V = 0;
  if (S.empty() || S.getAsInteger(10, V) || V > (UINT64_MAX >> 30))
    return false;
  Out = V * Scale;
  return true;
}

ResultCache::ResultCache(std::string Dir, uint64_t MaxBytes, const AnalyseOptions &A)
    : Dir(std::move(Dir)), Root(A.SourceRoot == "/" ? "" : A.SourceRoot), MaxBytes(MaxBytes) {
  std::string K = "medsec result cache " + std::to_string(FormatVersion) + "\n";
  K += "tool " + toolIdentity() + "\n";
  K += "checks " + A.Checks + "\n";
  for (const std::string &D : A.CompilerDiagnostics)
    K += "compiler-diagnostic " + D + "\n";
  for (const auto &[Key, Value] : effectiveCheckOptions(A))
    K += "option " + Key + "=" + portable(Value) + "\n";
  for (const std::string &E : A.ExtraArgs)
    K += "extra-arg " + portable(E) + "\n";
  K += std::string("cross-tu ") + (A.CrossTuFacts ? "1" : "0") + "\n";
  // Findings' paths are relative to the root: a hit must have been made
  // against the same one (where the checkout lies does not matter).
  K += "root-relative " + std::string(Root.empty() ? "no" : "yes") + "\n";
  for (const char *Var : {"CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH"})
    if (const char *V = std::getenv(Var))
      K += std::string("env ") + Var + "=" + portable(V) + "\n";
  ScanKey = K;
}

std::string ResultCache::portable(llvm::StringRef Path) const {
  if (Root.empty())
    return Path.str();
  std::string Out;
  for (size_t I = 0; I < Path.size();) {
    const size_t At = Path.find(Root, I);
    if (At == llvm::StringRef::npos) {
      Out += Path.substr(I);
      break;
    }
    const size_t After = At + Root.size();
    Out += Path.slice(I, At);
    Out += (After == Path.size() || Path[After] == '/') ? "<root>" : Root;
    I = After;
  }
  return Out;
}

std::string ResultCache::local(llvm::StringRef Path) const {
  return Path.starts_with("<root>") ? Root + Path.drop_front(6).str() : Path.str();
}

std::string ResultCache::keyFor(const std::string &File, const FirmwareDatabase &Db,
                                const AnalyseOptions &With) const {
  std::string K = ScanKey + "file " + portable(File) + "\n";
  const CatalogueSource Source = catalogueSourceFor(
      With.CatalogueDir, With.ProjectRules.empty() ? "" : With.ProjectRules.front(),
      With.DerivedRules, File);
  std::vector<rules::Problem> Problems;
  bool FirstTime = false;
  if (auto Cat = cachedCatalogue(Source, Problems, FirstTime))
    for (const rules::CatalogueFile &F : Cat->Files)
      // Derived rules live in a scan's temporary folder: their bytes count.
      K += "rules " + F.Role + " " + (F.Path == With.DerivedRules ? "" : portable(F.Path)) + " " +
           F.Sha256 + "\n";
  for (const clang::tooling::CompileCommand &C : Db.getCompileCommands(File)) {
    K += "command " + portable(C.Directory) + "\n";
    for (size_t I = 0; I < C.CommandLine.size(); ++I)
      if (!isOutputArgument(C.CommandLine, I))
        K += " " + portable(C.CommandLine[I]) + "\n";
  }
  return rules::sha256Hex(K);
}

std::string ResultCache::entryPath(const std::string &Key) const {
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, EntryDir, Key.substr(0, 2), Key + ".json");
  return P.str().str();
}

std::string ResultCache::fileHash(const std::string &Path) {
  auto It = Hashes.find(Path);
  if (It != Hashes.end())
    return It->second;
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  return Hashes[Path] = Buf ? rules::sha256Hex((*Buf)->getBuffer().str()) : "missing";
}

bool ResultCache::cacheable(const UnitResult &U) {
  return U.Status == UnitStatus::Analysed || U.Status == UnitStatus::ParseError;
}

/// Text as an entry for Key, when it is one of this format with its inputs;
/// a corrupt or foreign entry is none.
static std::optional<json::Value> parseEntry(llvm::StringRef Text, const std::string &Key) {
  auto V = json::parse(Text);
  if (!V) {
    llvm::consumeError(V.takeError());
    return std::nullopt;
  }
  const json::Object *O = V->getAsObject();
  if (!O || O->getInteger("format") != FormatVersion || O->getString("key") != Key ||
      !O->getArray("inputs"))
    return std::nullopt;
  for (const json::Value &I : *O->getArray("inputs")) {
    const json::Object *IO = I.getAsObject();
    if (!IO || !IO->getString("path") || !IO->getString("sha256"))
      return std::nullopt;
  }
  return std::move(*V);
}

std::optional<json::Value> ResultCache::readEntry(const std::string &Key) const {
  auto Buf = llvm::MemoryBuffer::getFile(entryPath(Key));
  if (!Buf)
    return std::nullopt;
  return parseEntry((*Buf)->getBuffer(), Key);
}

std::optional<std::vector<std::string>>
ResultCache::recordedInputs(const std::string &Key) const {
  std::optional<json::Value> V = readEntry(Key);
  if (!V)
    return std::nullopt;
  std::vector<std::string> Read;
  for (const json::Value &I : *V->getAsObject()->getArray("inputs"))
    Read.push_back(local(*I.getAsObject()->getString("path")));
  return Read;
}

void ResultCache::setRemote(std::unique_ptr<RemoteCache> R) { Remote = std::move(R); }

std::optional<UnitResult> ResultCache::lookup(const std::string &Key) {
  const std::string Path = entryPath(Key);
  if (std::optional<json::Value> V = readEntry(Key))
    if (std::optional<UnitResult> U = hit(*V)) {
      // Least recently used is least recently hit.
      utimes(Path.c_str(), nullptr);
      return U;
    }
  if (!Remote)
    return std::nullopt;
  // The server's entry, kept locally even when stale: its include list
  // still tells a pull-request scan which units a change affects.
  std::optional<std::string> Body = Remote->get(Key);
  std::optional<json::Value> V = Body ? parseEntry(*Body, Key) : std::nullopt;
  if (!V)
    return std::nullopt;
  if (!llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path)))
    if (llvm::Error E = writeFileAtomically(Path, *Body))
      llvm::consumeError(std::move(E));
  return hit(*V);
}

std::optional<UnitResult> ResultCache::hit(const json::Value &V) {
  const json::Object *O = V.getAsObject();
  if (!O->get("unit"))
    return std::nullopt;
  for (const json::Value &I : *O->getArray("inputs")) {
    const json::Object *IO = I.getAsObject();
    if (fileHash(local(*IO->getString("path"))) != *IO->getString("sha256"))
      return std::nullopt;
  }
  auto U = unitFromJson(*O->get("unit"));
  if (!U) {
    llvm::consumeError(U.takeError());
    return std::nullopt;
  }
  U->FromCache = true;
  return std::move(*U);
}

void ResultCache::store(const std::string &Key, const UnitResult &U) {
  json::Array Inputs;
  for (const std::string &P : U.Inputs)
    Inputs.push_back(json::Object{{"path", portable(P)}, {"sha256", fileHash(P)}});
  UnitResult Stored = U;
  Stored.Inputs.clear();
  json::Object Entry{{"format", FormatVersion},
                     {"key", Key},
                     {"inputs", std::move(Inputs)},
                     {"unit", unitToJson(Stored, /*WithFindings=*/true)}};
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << json::Value(std::move(Entry));
  const std::string Path = entryPath(Key);
  if (llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path)))
    return;
  if (llvm::Error E = writeFileAtomically(Path, Text))
    llvm::consumeError(std::move(E));
  if (Remote)
    Remote->put(Key, Text);
}

void ResultCache::trim() {
  std::vector<std::tuple<int64_t, uint64_t, std::string>> Entries;
  uint64_t Total = 0;
  forEachEntry(Dir, [&](const std::string &P, const llvm::sys::fs::file_status &St) {
    Entries.emplace_back(St.getLastModificationTime().time_since_epoch().count(), St.getSize(), P);
    Total += St.getSize();
  });
  if (Total <= MaxBytes)
    return;
  std::sort(Entries.begin(), Entries.end());
  // Down to 90 % of the limit, so the next scans do not trim again at once.
  for (const auto &[Time, Size, P] : Entries) {
    if (Total <= MaxBytes / 10 * 9)
      break;
    if (!llvm::sys::fs::remove(P))
      Total -= Size;
  }
}

CacheStats cacheStats(const std::string &Dir) {
  CacheStats S;
  forEachEntry(Dir, [&](const std::string &, const llvm::sys::fs::file_status &St) {
    ++S.Entries;
    S.Bytes += St.getSize();
  });
  return S;
}

llvm::Error clearCache(const std::string &Dir) {
  llvm::SmallString<256> Top(Dir);
  llvm::sys::path::append(Top, EntryDir);
  if (std::error_code EC = llvm::sys::fs::remove_directories(Top))
    return llvm::createStringError(EC, "cannot clear '%s': %s", Top.c_str(), EC.message().c_str());
  return llvm::Error::success();
}

} // namespace medsec
