//===- Components.cpp - attribute files to components, merge the units ----===//
#include "Components.h"

#include "../../checks/support/CatalogueAccess.h"
#include "Analyse.h"
#include "CompileDb.h"
#include "Results.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SHA1.h"

#include <algorithm>
#include <cstring>
#include <tuple>

namespace medsec {

namespace json = llvm::json;

bool VersionEvidence::operator<(const VersionEvidence &O) const {
  return std::tie(Macro, Value, File, Line) < std::tie(O.Macro, O.Value, O.File, O.Line);
}

struct ComponentMatcher::Compiled {
  std::string Id;
  std::vector<llvm::Regex> Globs;
  std::vector<std::string> Suffixes;
  std::vector<std::string> Macros;
};

ComponentMatcher::ComponentMatcher(const std::vector<rules::ComponentEntry> &Components) {
  for (const rules::ComponentEntry &C : Components) {
    auto E = std::make_shared<Compiled>();
    E->Id = C.Id;
    // Vendored trees are spelt as their makers like: LwIP, FreeRTOS, freertos.
    for (const std::string &G : C.Paths)
      E->Globs.emplace_back(globToRegex(G), llvm::Regex::IgnoreCase);
    E->Suffixes = C.Files;
    E->Macros = C.versionMacros();
    Entries.push_back(std::move(E));
  }
}

namespace {

/// Length of the shortest directory prefix of Path that Glob names as a tree
/// (the component's root there), or 0 when Glob does not match Path.
size_t rootLength(const llvm::Regex &Glob, llvm::StringRef Path) {
  if (!Glob.match(Path))
    return 0;
  for (size_t Slash = Path.find('/', 1); Slash != llvm::StringRef::npos;
       Slash = Path.find('/', Slash + 1))
    if (Glob.match((Path.take_front(Slash) + "/\x01").str()))
      return Slash;
  return Path.size();
}

bool endsWithPathSuffix(llvm::StringRef Path, llvm::StringRef Suffix) {
  return Path == Suffix || (Path.ends_with(Suffix) && Path.drop_back(Suffix.size()).ends_with("/"));
}

} // namespace

std::string ComponentMatcher::match(const std::string &Path,
                                    const std::map<std::string, MacroValue> &Macros) const {
  std::string Best;
  size_t BestRoot = 0;
  for (const auto &E : Entries)
    for (const llvm::Regex &G : E->Globs) {
      const size_t Root = rootLength(G, Path);
      if (Root > BestRoot)
        Best = E->Id, BestRoot = Root;
    }
  if (!Best.empty())
    return Best;
  // A file named like a component's own (task.h, pb.h) is only its own when
  // it defines the component's version macro: projects have a task.h too.
  for (const auto &E : Entries)
    for (const std::string &S : E->Suffixes)
      if (endsWithPathSuffix(Path, S) &&
          (E->Macros.empty() || llvm::any_of(E->Macros, [&](const std::string &M) {
             auto It = Macros.find(M);
             return It != Macros.end() && It->second.File == Path;
           })))
        return E->Id;
  return "";
}

bool componentVersion(const rules::ComponentEntry &C,
                      const std::map<std::string, MacroValue> &Macros, std::string &Version,
                      std::vector<VersionEvidence> &Evidence) {
  const std::vector<std::string> Names = C.versionMacros();
  if (Names.empty())
    return false;
  std::string V = C.Version;
  std::vector<VersionEvidence> Used;
  for (const std::string &M : Names) {
    auto It = Macros.find(M);
    if (It == Macros.end() || It->second.Value.empty())
      return false;
    const std::string Placeholder = "{" + M + "}";
    for (size_t At = V.find(Placeholder); At != std::string::npos; At = V.find(Placeholder))
      V.replace(At, Placeholder.size(), It->second.Value);
    Used.push_back({M, It->second.Value, It->second.File, It->second.Line});
  }
  for (const std::string &P : C.StripPrefix)
    if (llvm::StringRef(V).starts_with(P)) {
      V = V.substr(P.size());
      break;
    }
  Version = V;
  Evidence = std::move(Used);
  return true;
}

namespace {

bool isVendorDirName(llvm::StringRef Name) {
  static const char *Names[] = {"third_party", "third-party", "thirdparty", "3rdparty",
                                "3rd_party",   "vendor",      "vendors",    "vendored",
                                "lib",         "libs",        "drivers",    "middlewares",
                                "external",    "externals",   "extern",     "ext",
                                "deps",        "contrib",     "submodules"};
  for (const char *N : Names)
    if (Name.equals_insensitive(N))
      return true;
  return false;
}

/// The tree a vendored-looking file belongs to: the directory just below the
/// (last of consecutive) vendor directories, or that directory itself for a
/// file lying directly in it. Empty when the path has no vendor directory.
std::string vendorTreeRoot(llvm::StringRef RelPath) {
  llvm::SmallVector<llvm::StringRef, 16> Parts;
  RelPath.split(Parts, '/');
  if (Parts.size() < 2 || llvm::sys::path::is_absolute(RelPath))
    return "";
  size_t I = 0;
  while (I + 1 < Parts.size() && !isVendorDirName(Parts[I]))
    ++I;
  if (I + 1 >= Parts.size())
    return "";
  while (I + 2 < Parts.size() && isVendorDirName(Parts[I + 1]))
    ++I;
  const size_t End = I + 2 < Parts.size() ? I + 2 : I + 1;
  return llvm::join(llvm::ArrayRef<llvm::StringRef>(Parts).take_front(End), "/");
}

/// The licence, notice and README files a directory carries, sorted.
std::vector<std::string> ownershipFiles(const std::string &Dir) {
  std::vector<std::string> Found;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC)) {
    const std::string Name = llvm::sys::path::filename(It->path()).str();
    const std::string Lower = llvm::StringRef(Name).lower();
    for (const char *P :
         {"license", "licence", "copying", "copyright", "notice", "readme", "release_notes"})
      if (llvm::StringRef(Lower).starts_with(P) && !llvm::sys::fs::is_directory(It->path())) {
        Found.push_back(Name);
        break;
      }
  }
  std::sort(Found.begin(), Found.end());
  return Found;
}

std::string onDisk(const std::string &Path, const std::string &SourceRoot) {
  if (llvm::sys::path::is_absolute(Path))
    return Path;
  llvm::SmallString<256> P(SourceRoot);
  llvm::sys::path::append(P, Path);
  return P.str().str();
}

/// The file's SHA-256 and SHA-1 (both empty when it cannot be read).
ComponentFile hashedFile(const std::string &Path, const std::string &Role,
                         const std::string &OnDisk) {
  auto Buf = llvm::MemoryBuffer::getFile(OnDisk, /*IsText=*/false);
  if (!Buf)
    return {Path, Role, "", ""};
  const llvm::StringRef Bytes = (*Buf)->getBuffer();
  const std::array<uint8_t, 20> Sha1 = llvm::SHA1::hash(llvm::arrayRefFromStringRef(Bytes));
  return {Path, Role, rules::sha256Hex(Bytes.str()),
          llvm::toHex(llvm::ArrayRef<uint8_t>(Sha1.data(), Sha1.size()), /*LowerCase=*/true)};
}

/// A purl or CPE template with the version; without one, a purl names the
/// package alone and a CPE is not given (its "*" would claim every version).
std::string instantiate(const std::string &Template, const std::string &Version, bool IsPurl) {
  const size_t At = Template.find("{version}");
  if (At == std::string::npos)
    return Template;
  if (Version.empty()) {
    if (!IsPurl)
      return "";
    const size_t Sep = Template.rfind('@', At);
    return Template.substr(0, Sep == std::string::npos ? At : Sep);
  }
  std::string Out = Template;
  Out.replace(At, std::strlen("{version}"), Version);
  return Out;
}

} // namespace

bool looksVendored(const std::string &RelPath) { return !vendorTreeRoot(RelPath).empty(); }

std::vector<UnitComponent> attributeUnit(const UnitInventory &Inv, const rules::Catalogue &Cat,
                                         const std::string &SourceRoot,
                                         std::vector<std::string> &VendorFiles) {
  auto Rel = [&](const std::string &P) { return relativeToRoot(P, SourceRoot); };
  std::map<std::string, MacroValue> Macros;
  for (const auto &[Name, V] : Inv.Macros) {
    MacroValue R = V;
    R.File = Rel(V.File);
    Macros[Name] = R;
  }
  const ComponentMatcher Matcher(Cat.Components);
  std::map<std::string, UnitComponent> ById;
  auto Add = [&](const std::string &Abs, bool Compiled) {
    const std::string Path = Rel(Abs);
    const std::string Id = Matcher.match(Path, Macros);
    if (Id.empty()) {
      if (looksVendored(Path))
        VendorFiles.push_back(Path);
      return;
    }
    UnitComponent &C = ById[Id];
    C.Id = Id;
    (Compiled ? C.Compiled : C.Included).push_back(Path);
  };
  for (const std::string &F : Inv.Compiled)
    Add(F, true);
  for (const std::string &F : Inv.Included)
    if (!Inv.Compiled.count(F))
      Add(F, false);
  std::vector<UnitComponent> Out;
  for (auto &[Id, C] : ById) {
    const rules::ComponentEntry *E = Cat.findComponent(Id);
    // Only the component's own definition of its macro counts: a project
    // may define MBEDTLS_VERSION_STRING for its own reasons.
    std::map<std::string, MacroValue> Own;
    for (const auto &[Name, V] : Macros)
      if (Matcher.match(V.File, Macros) == Id)
        Own[Name] = V;
    if (E)
      componentVersion(*E, Own, C.Version, C.Evidence);
    std::sort(C.Compiled.begin(), C.Compiled.end());
    std::sort(C.Included.begin(), C.Included.end());
    Out.push_back(std::move(C));
  }
  std::sort(VendorFiles.begin(), VendorFiles.end());
  return Out;
}

void mergeComponents(const std::vector<UnitComponents> &Units, const rules::Catalogue &Cat,
                     const std::string &SourceRoot, std::vector<ComponentResult> &Components,
                     std::vector<UnidentifiedTree> &Unidentified) {
  struct Acc {
    std::map<std::string, std::string> Files; // path -> role
    std::set<std::string> Units, Versions;
    std::set<VersionEvidence> Evidence;
  };
  std::map<std::string, Acc> ById;
  std::set<std::string> VendorFiles;
  for (const UnitComponents &U : Units) {
    for (const UnitComponent &C : U.Components) {
      Acc &A = ById[C.Id];
      A.Units.insert(U.Unit);
      for (const std::string &F : C.Compiled)
        A.Files[F] = "compiled";
      for (const std::string &F : C.Included)
        A.Files.emplace(F, "included"); // a file compiled elsewhere stays compiled
      if (!C.Version.empty()) {
        A.Versions.insert(C.Version);
        A.Evidence.insert(C.Evidence.begin(), C.Evidence.end());
      }
    }
    VendorFiles.insert(U.VendorFiles.begin(), U.VendorFiles.end());
  }
  Components.clear();
  for (auto &[Id, A] : ById) {
    ComponentResult R;
    R.Id = Id;
    const rules::ComponentEntry *E = Cat.findComponent(Id);
    if (E) {
      R.Name = E->Name;
      R.Supplier = E->Supplier;
      R.Licence = E->Licence;
      R.Support = E->Support.empty() ? "unknown" : E->Support;
      R.EndOfSupport = E->EndOfSupport;
    }
    R.Evidence.assign(A.Evidence.begin(), A.Evidence.end());
    if (A.Versions.size() == 1) {
      R.Version = *A.Versions.begin();
      R.VersionBasis = "macro";
    } else if (A.Versions.size() > 1) {
      R.VersionBasis = "conflicting";
      R.Versions.assign(A.Versions.begin(), A.Versions.end());
    } else if (E && !E->DeclaredVersion.empty()) {
      R.Version = E->DeclaredVersion;
      R.VersionBasis = "declared";
      R.Evidence.push_back(
          {"", E->DeclaredVersion, relativeToRoot(E->Origin.File, SourceRoot), E->Origin.Line});
    } else {
      R.VersionBasis = "unknown";
    }
    if (E) {
      for (const std::string &S : E->DevSuffixes)
        R.Development =
            R.Development || (!R.Version.empty() && llvm::StringRef(R.Version).ends_with(S));
      R.Purl = instantiate(E->Purl, R.Version, /*IsPurl=*/true);
      R.Cpe = instantiate(E->Cpe, R.Version, /*IsPurl=*/false);
    }
    std::string Manifest;
    for (const auto &[Path, Role] : A.Files) {
      R.Files.push_back(hashedFile(Path, Role, onDisk(Path, SourceRoot)));
      Manifest += Path + '\0' + R.Files.back().Sha256 + '\n';
    }
    R.Sha256 = rules::sha256Hex(Manifest);
    R.Units.assign(A.Units.begin(), A.Units.end());
    Components.push_back(std::move(R));
  }
  std::map<std::string, std::vector<std::string>> Trees;
  for (const std::string &F : VendorFiles)
    Trees[vendorTreeRoot(F)].push_back(F);
  Unidentified.clear();
  for (auto &[Root, Files] : Trees) {
    std::vector<std::string> Evidence = ownershipFiles(onDisk(Root, SourceRoot));
    if (Evidence.empty())
      continue; // no licence or README of its own: the project's code, most likely
    Unidentified.push_back({Root, std::move(Evidence), std::move(Files)});
  }
}

json::Array jsonStrings(const std::vector<std::string> &V) {
  json::Array A;
  for (const std::string &S : V)
    A.push_back(S);
  return A;
}

std::vector<std::string> readJsonStrings(const json::Object &O, llvm::StringRef Key) {
  std::vector<std::string> V;
  if (const json::Array *A = O.getArray(Key))
    for (const json::Value &E : *A)
      if (auto S = E.getAsString())
        V.push_back(S->str());
  return V;
}

void recordComponents(ScanResults &R, const std::string &BuiltinDir) {
  CatalogueSource Source;
  Source.BuiltinDir = BuiltinDir;
  for (const CatalogueFileRef &F : R.CatalogueFiles)
    if (F.Role == "project")
      Source.ProjectFiles.push_back(onDisk(F.Path, R.SourceRoot));
  std::vector<rules::Problem> Problems;
  bool FirstTime = false;
  auto Cat = cachedCatalogue(Source, Problems, FirstTime);
  if (!Cat)
    return;
  std::vector<UnitComponents> Units;
  for (UnitResult &U : R.Units) {
    Units.push_back({U.File, std::move(U.Components), std::move(U.VendorFiles)});
    U.Components.clear();
    U.VendorFiles.clear();
  }
  mergeComponents(Units, *Cat, R.SourceRoot, R.Components, R.Unidentified);
}

void printComponentSummary(llvm::raw_ostream &OS, const ScanResults &R) {
  for (const ComponentResult &C : R.Components) {
    OS << "medsec: component: " << C.Id << " "
       << (C.Version.empty() ? "(version " + C.VersionBasis + ")" : C.Version);
    if (C.Development)
      OS << " (development snapshot)";
    unsigned Compiled = 0;
    for (const ComponentFile &F : C.Files)
      Compiled += F.Role == "compiled";
    OS << ": " << Compiled << " file(s) compiled, " << (C.Files.size() - Compiled)
       << " header(s) included, in " << C.Units.size() << " unit(s)\n";
  }
  for (const UnidentifiedTree &T : R.Unidentified)
    OS << "medsec: unidentified third-party tree: " << T.Path << " ("
       << llvm::join(T.Evidence, ", ") << "; " << T.Files.size()
       << " file(s) used): add it to .medsec.yaml 'components'\n";
  if (R.Components.empty() && R.Unidentified.empty())
    OS << "medsec: components: no catalogued component and no unidentified third-party tree in "
          "the files compiled or included\n";
}

namespace {

std::string str(const json::Object &O, llvm::StringRef Key) {
  return O.getString(Key).value_or("").str();
}

json::Array evidenceToJson(const std::vector<VersionEvidence> &E) {
  json::Array A;
  for (const VersionEvidence &V : E)
    A.push_back(
        json::Object{{"macro", V.Macro}, {"value", V.Value}, {"file", V.File}, {"line", V.Line}});
  return A;
}

std::vector<VersionEvidence> evidenceFromJson(const json::Array *A) {
  std::vector<VersionEvidence> E;
  if (A)
    for (const json::Value &V : *A)
      if (const json::Object *O = V.getAsObject())
        E.push_back({str(*O, "macro"), str(*O, "value"), str(*O, "file"),
                     static_cast<unsigned>(O->getInteger("line").value_or(0))});
  return E;
}

} // namespace

json::Array unitComponentsToJson(const std::vector<UnitComponent> &C) {
  json::Array A;
  for (const UnitComponent &U : C)
    A.push_back(json::Object{{"id", U.Id},
                             {"compiled", jsonStrings(U.Compiled)},
                             {"included", jsonStrings(U.Included)},
                             {"version", U.Version},
                             {"evidence", evidenceToJson(U.Evidence)}});
  return A;
}

std::vector<UnitComponent> unitComponentsFromJson(const json::Array *A) {
  std::vector<UnitComponent> C;
  if (A)
    for (const json::Value &V : *A)
      if (const json::Object *O = V.getAsObject())
        C.push_back({str(*O, "id"), readJsonStrings(*O, "compiled"),
                     readJsonStrings(*O, "included"), str(*O, "version"),
                     evidenceFromJson(O->getArray("evidence"))});
  return C;
}

json::Array componentsToJson(const std::vector<ComponentResult> &C) {
  json::Array A;
  for (const ComponentResult &R : C) {
    json::Array Files;
    unsigned Compiled = 0;
    for (const ComponentFile &F : R.Files) {
      Files.push_back(
          json::Object{{"path", F.Path}, {"role", F.Role}, {"sha256", F.Sha256}, {"sha1", F.Sha1}});
      Compiled += F.Role == "compiled";
    }
    json::Object O{{"id", R.Id},
                   {"name", R.Name},
                   {"supplier", R.Supplier},
                   {"licence", R.Licence},
                   {"version", R.Version},
                   {"versionBasis", R.VersionBasis},
                   {"development", R.Development},
                   {"evidence", evidenceToJson(R.Evidence)},
                   {"purl", R.Purl},
                   {"cpe", R.Cpe},
                   {"support", R.Support},
                   {"endOfSupport", R.EndOfSupport},
                   {"sha256", R.Sha256},
                   {"compiledFiles", Compiled},
                   {"includedFiles", static_cast<int64_t>(R.Files.size() - Compiled)},
                   {"files", std::move(Files)},
                   {"units", jsonStrings(R.Units)}};
    if (!R.Versions.empty())
      O["versions"] = jsonStrings(R.Versions);
    A.push_back(std::move(O));
  }
  return A;
}

std::vector<ComponentResult> componentsFromJson(const json::Array *A) {
  std::vector<ComponentResult> C;
  if (!A)
    return C;
  for (const json::Value &V : *A) {
    const json::Object *O = V.getAsObject();
    if (!O)
      continue;
    ComponentResult R;
    R.Id = str(*O, "id");
    R.Name = str(*O, "name");
    R.Supplier = str(*O, "supplier");
    R.Licence = str(*O, "licence");
    R.Version = str(*O, "version");
    R.VersionBasis = str(*O, "versionBasis");
    R.Development = O->getBoolean("development").value_or(false);
    R.Versions = readJsonStrings(*O, "versions");
    R.Evidence = evidenceFromJson(O->getArray("evidence"));
    R.Purl = str(*O, "purl");
    R.Cpe = str(*O, "cpe");
    R.Support = str(*O, "support");
    R.EndOfSupport = str(*O, "endOfSupport");
    R.Sha256 = str(*O, "sha256");
    if (const json::Array *Files = O->getArray("files"))
      for (const json::Value &FV : *Files)
        if (const json::Object *F = FV.getAsObject())
          R.Files.push_back({str(*F, "path"), str(*F, "role"), str(*F, "sha256"), str(*F, "sha1")});
    R.Units = readJsonStrings(*O, "units");
    C.push_back(std::move(R));
  }
  return C;
}

json::Array unidentifiedToJson(const std::vector<UnidentifiedTree> &U) {
  json::Array A;
  for (const UnidentifiedTree &T : U)
    A.push_back(json::Object{
        {"path", T.Path}, {"evidence", jsonStrings(T.Evidence)}, {"files", jsonStrings(T.Files)}});
  return A;
}

std::vector<UnidentifiedTree> unidentifiedFromJson(const json::Array *A) {
  std::vector<UnidentifiedTree> U;
  if (A)
    for (const json::Value &V : *A)
      if (const json::Object *O = V.getAsObject())
        U.push_back(
            {str(*O, "path"), readJsonStrings(*O, "evidence"), readJsonStrings(*O, "files")});
  return U;
}

} // namespace medsec
