//===- CatalogueBinary.cpp - the parsed catalogue in a compact binary form ===//
//
// Parsing the YAML catalogue costs more than a small translation unit's
// analysis; a process that runs the checks on one file (clang-tidy per file,
// as run-clang-tidy and CMAKE_C_CLANG_TIDY run it) reads this form instead.
// It is keyed by a hash (BLAKE3) of every rule file's path, role and bytes and
// the loader's identity, and holds the problems validation found: a cached
// catalogue is a validated one. Any damage (short, foreign, wrong checksum)
// is a miss: the YAML is parsed again and the entry rewritten.
//
//===----------------------------------------------------------------------===//
#include "CatalogueBinary.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>
#include <chrono>
#include <cstring>

namespace medsec {
namespace rules {
namespace {

constexpr char Magic[] = "medsec-catalogue-bin/5\n";
constexpr const char *EntryDir = "catalogue-v1";

// A field added to one of these structs must be written and read below; the
// sizes make the compiler say so.
// (CheckEntry's ActiveDataLists is a memo of its data, not written.)
static_assert(sizeof(CheckEntry) == 400 + sizeof(ActiveDataLists),
              "CheckEntry changed: update CatalogueBinary.cpp");
static_assert(sizeof(ComponentEntry) == 456, "ComponentEntry changed: update CatalogueBinary.cpp");
static_assert(sizeof(Clause) == 344, "Clause changed: update CatalogueBinary.cpp");
static_assert(sizeof(Guideline) == 304, "Guideline changed: update CatalogueBinary.cpp");
static_assert(sizeof(DataEntry) == 168, "DataEntry changed: update CatalogueBinary.cpp");
static_assert(sizeof(Catalogue) == 120, "Catalogue changed: update CatalogueBinary.cpp");

class Writer {
public:
  std::string Out;
  void u32(uint32_t V) { Out.append(reinterpret_cast<const char *>(&V), sizeof V); }
  void str(const std::string &S) {
    u32(static_cast<uint32_t>(S.size()));
    Out += S;
  }
  void mark(const SourceMark &M) {
    str(M.File);
    u32(M.Line);
    u32(M.Column);
  }
  void strs(const std::vector<std::string> &V) {
    u32(static_cast<uint32_t>(V.size()));
    for (const std::string &S : V)
      str(S);
  }
  template <typename T, typename F> void list(const std::vector<T> &V, F Each) {
    u32(static_cast<uint32_t>(V.size()));
    for (const T &X : V)
      Each(X);
  }
  template <typename V, typename F> void map(const std::map<std::string, V> &M, F Each) {
    u32(static_cast<uint32_t>(M.size()));
    for (const auto &[K, X] : M) {
      str(K);
      Each(X);
    }
  }
};

class Reader {
public:
  explicit Reader(llvm::StringRef In) : In(In) {}
  bool Ok = true;
  uint32_t u32() {
    uint32_t V = 0;
    if (In.size() < sizeof V) {
      Ok = false;
      return 0;
    }
    std::memcpy(&V, In.data(), sizeof V);
    In = In.drop_front(sizeof V);
    return V;
  }
  /// A count of items, each at least 4 bytes: a damaged count cannot make it
  /// allocate more than the input holds.
  uint32_t count() {
    const uint32_t N = u32();
    if (N > In.size() / 4)
      Ok = false;
    return Ok ? N : 0;
  }
  std::string str() {
    const uint32_t N = u32();
    if (N > In.size()) {
      Ok = false;
      return "";
    }
    std::string S = In.take_front(N).str();
    In = In.drop_front(N);
    return S;
  }
  SourceMark mark() {
    SourceMark M;
    M.File = str();
    M.Line = u32();
    M.Column = u32();
    return M;
  }
  std::vector<std::string> strs() {
    std::vector<std::string> V(count());
    for (std::string &S : V)
      S = str();
    return V;
  }
  template <typename T, typename F> std::vector<T> list(F Each) {
    std::vector<T> V(count());
    for (T &X : V)
      Each(X);
    return V;
  }
  template <typename V, typename F> std::map<std::string, V> map(F Each) {
    std::map<std::string, V> M;
    for (uint32_t I = 0, N = count(); I < N && Ok; ++I) {
      std::string K = str();
      Each(M[K]);
    }
    return M;
  }
  bool atEnd() const { return In.empty(); }

private:
  llvm::StringRef In;
};

void writeEntry(Writer &W, const DataEntry &D) {
  W.str(D.Key);
  W.map(D.Scalars, [&](const std::string &V) { W.str(V); });
  W.map(D.Lists, [&](const std::vector<std::string> &V) { W.strs(V); });
  W.mark(D.Origin);
}

void readEntry(Reader &R, DataEntry &D) {
  D.Key = R.str();
  D.Scalars = R.map<std::string>([&](std::string &V) { V = R.str(); });
  D.Lists = R.map<std::vector<std::string>>([&](std::vector<std::string> &V) { V = R.strs(); });
  D.Origin = R.mark();
}

using Translations = std::map<std::string, std::map<std::string, std::string>>;

void writeTranslations(Writer &W, const Translations &T) {
  W.map(T, [&](const std::map<std::string, std::string> &Fields) {
    W.map(Fields, [&](const std::string &V) { W.str(V); });
  });
}

Translations readTranslations(Reader &R) {
  return R.map<std::map<std::string, std::string>>([&](std::map<std::string, std::string> &F) {
    F = R.map<std::string>([&](std::string &V) { V = R.str(); });
  });
}

void write(Writer &W, const Catalogue &Cat, const std::vector<Problem> &Problems) {
  W.list(Problems, [&](const Problem &P) {
    W.mark(P.Where);
    W.str(P.Message);
  });
  W.list(Cat.Guidelines, [&](const Guideline &G) {
    for (const std::string *S : {&G.Id, &G.Title, &G.Publisher, &G.Edition, &G.Url, &G.Basis})
      W.str(*S);
    W.list(G.Clauses, [&](const Clause &C) {
      for (const std::string *S : {&C.Id, &C.Guideline, &C.Phase, &C.Title, &C.Basis, &C.Locator,
                                   &C.Checkable, &C.Complementary})
        W.str(*S);
      writeTranslations(W, C.Translations);
      W.mark(C.Origin);
    });
    writeTranslations(W, G.Translations);
    W.mark(G.Origin);
  });
  W.list(Cat.Checks, [&](const CheckEntry &C) {
    for (const std::string *S : {&C.Id, &C.Title, &C.Summary, &C.Status, &C.Help})
      W.str(*S);
    W.u32(static_cast<uint32_t>(C.DefaultSeverity));
    W.strs(C.Cwe);
    W.strs(C.Cert);
    W.list(C.Clauses, [&](const ClauseRef &R) {
      W.str(R.Id);
      W.str(R.Relation);
      W.mark(R.Origin);
    });
    W.strs(C.Limitations);
    W.map(C.DataSchema, [&](const DataListSchema &S) {
      W.str(S.Key);
      W.map(S.Fields, [&](const FieldType &F) {
        W.str(F.Kind);
        W.strs(F.EnumValues);
        W.str(F.Of);
      });
      W.strs(S.Required);
      W.map(S.RequiredWhen, [&](const std::pair<std::string, std::string> &When) {
        W.str(When.first);
        W.str(When.second);
      });
    });
    W.map(C.Data, [&](const std::vector<DataEntry> &L) {
      W.list(L, [&](const DataEntry &D) { writeEntry(W, D); });
    });
    W.mark(C.Origin);
  });
  W.list(Cat.Components, [&](const ComponentEntry &C) {
    for (const std::string *S : {&C.Id, &C.Name, &C.Supplier, &C.Licence, &C.Version,
                                 &C.DeclaredVersion, &C.Purl, &C.Cpe, &C.Support, &C.EndOfSupport})
      W.str(*S);
    for (const std::vector<std::string> *V : {&C.Paths, &C.Files, &C.StripPrefix, &C.DevSuffixes})
      W.strs(*V);
    W.mark(C.Origin);
  });
  W.list(Cat.TestPaths, [&](const DataEntry &D) { writeEntry(W, D); });
  W.list(Cat.Files, [&](const CatalogueFile &F) {
    W.str(F.Path);
    W.str(F.Role);
    W.str(F.Sha256);
  });
}

void read(Reader &R, Catalogue &Cat, std::vector<Problem> &Problems) {
  Problems = R.list<Problem>([&](Problem &P) {
    P.Where = R.mark();
    P.Message = R.str();
  });
  Cat.Guidelines = R.list<Guideline>([&](Guideline &G) {
    for (std::string *S : {&G.Id, &G.Title, &G.Publisher, &G.Edition, &G.Url, &G.Basis})
      *S = R.str();
    G.Clauses = R.list<Clause>([&](Clause &C) {
      for (std::string *S : {&C.Id, &C.Guideline, &C.Phase, &C.Title, &C.Basis, &C.Locator,
                             &C.Checkable, &C.Complementary})
        *S = R.str();
      C.Translations = readTranslations(R);
      C.Origin = R.mark();
    });
    G.Translations = readTranslations(R);
    G.Origin = R.mark();
  });
  Cat.Checks = R.list<CheckEntry>([&](CheckEntry &C) {
    for (std::string *S : {&C.Id, &C.Title, &C.Summary, &C.Status, &C.Help})
      *S = R.str();
    const uint32_t Sev = R.u32();
    if (Sev > static_cast<uint32_t>(Severity::Critical))
      R.Ok = false;
    C.DefaultSeverity = static_cast<Severity>(std::min<uint32_t>(Sev, 4));
    C.Cwe = R.strs();
    C.Cert = R.strs();
    C.Clauses = R.list<ClauseRef>([&](ClauseRef &X) {
      X.Id = R.str();
      X.Relation = R.str();
      X.Origin = R.mark();
    });
    C.Limitations = R.strs();
    C.DataSchema = R.map<DataListSchema>([&](DataListSchema &S) {
      S.Key = R.str();
      S.Fields = R.map<FieldType>([&](FieldType &F) {
        F.Kind = R.str();
        F.EnumValues = R.strs();
        F.Of = R.str();
      });
      S.Required = R.strs();
      S.RequiredWhen = R.map<std::pair<std::string, std::string>>(
          [&](std::pair<std::string, std::string> &When) {
            When.first = R.str();
            When.second = R.str();
          });
    });
    C.Data = R.map<std::vector<DataEntry>>([&](std::vector<DataEntry> &L) {
      L = R.list<DataEntry>([&](DataEntry &D) { readEntry(R, D); });
    });
    C.Origin = R.mark();
  });
  Cat.Components = R.list<ComponentEntry>([&](ComponentEntry &C) {
    for (std::string *S : {&C.Id, &C.Name, &C.Supplier, &C.Licence, &C.Version, &C.DeclaredVersion,
                           &C.Purl, &C.Cpe, &C.Support, &C.EndOfSupport})
      *S = R.str();
    for (std::vector<std::string> *V : {&C.Paths, &C.Files, &C.StripPrefix, &C.DevSuffixes})
      *V = R.strs();
    C.Origin = R.mark();
  });
  Cat.TestPaths = R.list<DataEntry>([&](DataEntry &D) { readEntry(R, D); });
  Cat.Files = R.list<CatalogueFile>([&](CatalogueFile &F) {
    F.Path = R.str();
    F.Role = R.str();
    F.Sha256 = R.str();
  });
}

/// Damage detection for an entry's payload (the key already names its
/// inputs): fast, not cryptographic.
std::string checksum(llvm::StringRef Bytes) { return llvm::utohexstr(llvm::xxh3_64bits(Bytes)); }

/// The hash that keys an entry by the rule files' bytes: BLAKE3, a
/// cryptographic hash ten times faster than LLVM's SHA-256, which would cost
/// a third of the plugin's start-up budget on the catalogue's 400 KB.
std::string contentHash(llvm::StringRef Bytes) {
  const auto Digest = llvm::BLAKE3::hash(llvm::arrayRefFromStringRef(Bytes));
  return llvm::toHex(Digest, /*LowerCase=*/true);
}

/// Entries kept: one per catalogue version in use (a rule edit, another
/// project's .medsec.yaml, a scan's derived rules each make one).
constexpr size_t MaxEntries = 16;

/// A hit marks its entry used (at most once an hour: a hit should not write).
void markUsed(llvm::StringRef Path) {
  llvm::sys::fs::file_status St;
  const auto Now = std::chrono::system_clock::now();
  if (!llvm::sys::fs::status(Path, St) &&
      Now - St.getLastModificationTime() > std::chrono::hours(1))
    if (int FD; !llvm::sys::fs::openFileForWrite(Path, FD, llvm::sys::fs::CD_OpenExisting,
                                                 llvm::sys::fs::OF_Append)) {
      (void)llvm::sys::fs::setLastAccessAndModificationTime(FD, Now);
      llvm::sys::Process::SafelyCloseFileDescriptor(FD);
    }
}

/// Removes the least recently used entries beyond MaxEntries.
void prune(llvm::StringRef Dir) {
  std::vector<std::pair<llvm::sys::TimePoint<>, std::string>> Entries;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC)) {
    llvm::sys::fs::file_status St;
    if (llvm::StringRef(It->path()).ends_with(".bin") && !llvm::sys::fs::status(It->path(), St))
      Entries.push_back({St.getLastModificationTime(), It->path()});
  }
  if (Entries.size() <= MaxEntries)
    return;
  std::sort(Entries.begin(), Entries.end());
  for (size_t I = 0; I + MaxEntries < Entries.size(); ++I)
    llvm::sys::fs::remove(Entries[I].second);
}

} // namespace

std::string catalogueToBinary(const Catalogue &Cat, const std::vector<Problem> &Problems,
                              const std::string &Key) {
  Writer W;
  write(W, Cat, Problems);
  return std::string(Magic) + Key + "\n" + checksum(W.Out) + "\n" + W.Out;
}

bool catalogueFromBinary(llvm::StringRef Bytes, const std::string &Key, Catalogue &Cat,
                         std::vector<Problem> &Problems) {
  if (!Bytes.consume_front(Magic) || !Bytes.consume_front(Key + "\n"))
    return false;
  const size_t Nl = Bytes.find('\n');
  if (Nl == llvm::StringRef::npos)
    return false;
  const llvm::StringRef Sum = Bytes.take_front(Nl), Payload = Bytes.drop_front(Nl + 1);
  if (Sum != checksum(Payload))
    return false;
  Reader R(Payload);
  Catalogue Out;
  std::vector<Problem> OutProblems;
  read(R, Out, OutProblems);
  if (!R.Ok || !R.atEnd())
    return false;
  Cat = std::move(Out);
  Problems.insert(Problems.end(), std::make_move_iterator(OutProblems.begin()),
                  std::make_move_iterator(OutProblems.end()));
  return true;
}

std::shared_ptr<Catalogue>
loadCatalogueCached(const std::string &BuiltinDir, const std::vector<std::string> &ProjectFiles,
                    std::vector<Problem> &Problems, const std::string &CacheDir,
                    const std::string &LoaderIdentity, bool *FromBinary) {
  if (FromBinary)
    *FromBinary = false;
  // The key: the loader, then every file in load order with its bytes' hash.
  std::vector<std::pair<std::string, std::string>> Files; // path, role
  // The same listing loadCatalogue reads; one it cannot make is its to report.
  std::vector<Problem> Listing;
  if (llvm::sys::fs::is_directory(BuiltinDir))
    for (std::string &F : yamlFilesBelow(BuiltinDir, Listing))
      Files.push_back({std::move(F), "builtin"});
  for (const std::string &F : ProjectFiles)
    Files.push_back({F, "project"});
  std::string KeyText = std::string(Magic) + LoaderIdentity + "\n" + BuiltinDir + "\n";
  bool Usable = Listing.empty() && !CacheDir.empty() && llvm::sys::fs::is_directory(BuiltinDir);
  for (const auto &[Path, Role] : Files) {
    // What the loader would refuse (a device, a directory, an oversized
    // file) or cannot read, it names: leave those to it.
    llvm::sys::fs::file_status St;
    if (!Usable || llvm::sys::fs::status(Path, St) || !llvm::sys::fs::is_regular_file(St) ||
        St.getSize() > MaxRuleFileBytes) {
      Usable = false;
      break;
    }
    auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
    if (!Buf) {
      Usable = false;
      break;
    }
    KeyText += Role + " " + Path + " " + contentHash((*Buf)->getBuffer()) + "\n";
  }
  if (!Usable)
    return loadCatalogue(BuiltinDir, ProjectFiles, Problems);
  const std::string Key = contentHash(KeyText);
  llvm::SmallString<256> Dir(CacheDir);
  llvm::sys::path::append(Dir, EntryDir);
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, Key + ".bin");
  auto Cat = std::make_shared<Catalogue>();
  if (auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false))
    if (catalogueFromBinary((*Buf)->getBuffer(), Key, *Cat, Problems)) {
      if (FromBinary)
        *FromBinary = true;
      markUsed(Path);
      return Cat;
    }
  // A miss, or an entry that is damaged or not ours: parse, validate, and
  // (re)write the entry.
  std::vector<Problem> Found;
  Cat = loadCatalogue(BuiltinDir, ProjectFiles, Found);
  if (!llvm::sys::fs::create_directories(Dir)) {
    const std::string Bytes = catalogueToBinary(*Cat, Found, Key);
    // Through a temporary file and a rename: a reader never sees half of it.
    if (llvm::Error E = llvm::writeToOutput(Path, [&](llvm::raw_ostream &OS) {
          OS << Bytes;
          return llvm::Error::success();
        }))
      llvm::consumeError(std::move(E));
    else
      prune(Dir);
  }
  Problems.insert(Problems.end(), Found.begin(), Found.end());
  return Cat;
}

} // namespace rules
} // namespace medsec
