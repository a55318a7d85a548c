//===- Catalogue.cpp - load the catalogue from disk and cross-check it ----===//
#include "Catalogue.h"
#include "Deviations.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SHA256.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace medsec {
namespace rules {

std::string sha256Hex(const std::string &Bytes) {
  llvm::SHA256 H;
  H.update(llvm::StringRef(Bytes));
  const auto Digest = H.final();
  return llvm::toHex(llvm::ArrayRef<uint8_t>(Digest.data(), Digest.size()), /*LowerCase=*/true);
}

std::vector<std::string> yamlFilesBelow(const std::string &Dir, std::vector<Problem> &Problems) {
  std::vector<std::string> Files;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef P = It->path();
    if (P.ends_with(".yaml") && It->type() != llvm::sys::fs::file_type::directory_file)
      Files.push_back(P.str());
  }
  if (EC)
    Problems.push_back({SourceMark{Dir, 0, 0}, "cannot list catalogue directory: " + EC.message()});
  std::sort(Files.begin(), Files.end());
  return Files;
}

namespace {

void loadFile(const std::string &Path, const std::string &Role, Catalogue &Cat,
              std::vector<Problem> &Problems) {
  // A device or a FIFO (`--rules /dev/zero`) would be read without end.
  llvm::sys::fs::file_status St;
  if (!llvm::sys::fs::status(Path, St) && llvm::sys::fs::exists(St) &&
      !llvm::sys::fs::is_regular_file(St) && !llvm::sys::fs::is_directory(St)) {
    Problems.push_back({SourceMark{Path, 0, 0}, "cannot read file: not a regular file"});
    return;
  }
  if (llvm::sys::fs::is_regular_file(St) && St.getSize() > MaxRuleFileBytes) {
    Problems.push_back({SourceMark{Path, 0, 0}, "the file is " + std::to_string(St.getSize()) +
                                                    " bytes; a rule file may hold at most " +
                                                    std::to_string(MaxRuleFileBytes)});
    return;
  }
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf) {
    Problems.push_back({SourceMark{Path, 0, 0}, "cannot read file: " + Buf.getError().message()});
    return;
  }
  const std::string Text = (*Buf)->getBuffer().str();
  Cat.Files.push_back({Path, Role, sha256Hex(Text)});
  loadCatalogueText(Text, Path, Role, Cat, Problems);
}

} // namespace

std::shared_ptr<Catalogue> loadCatalogue(const std::string &BuiltinDir,
                                         const std::vector<std::string> &ProjectFiles,
                                         std::vector<Problem> &Problems) {
  auto Cat = std::make_shared<Catalogue>();
  if (!llvm::sys::fs::is_directory(BuiltinDir))
    Problems.push_back({SourceMark{BuiltinDir, 0, 0}, "catalogue directory does not exist"});
  else
    for (const std::string &F : yamlFilesBelow(BuiltinDir, Problems))
      loadFile(F, "builtin", *Cat, Problems);
  for (const std::string &F : ProjectFiles)
    loadFile(F, "project", *Cat, Problems);
  validateCatalogue(*Cat, Problems);
  return Cat;
}

namespace {

bool isMacroName(llvm::StringRef S) {
  if (S.empty() || std::isdigit(static_cast<unsigned char>(S.front())))
    return false;
  return llvm::all_of(
      S, [](char Ch) { return std::isalnum(static_cast<unsigned char>(Ch)) || Ch == '_'; });
}

/// Placeholders of a purl or CPE template: {version} only.
bool onlyVersionPlaceholder(llvm::StringRef T) {
  for (size_t Pos = T.find('{'); Pos != llvm::StringRef::npos; Pos = T.find('{', Pos + 1))
    if (!T.substr(Pos).starts_with("{version}"))
      return false;
  return true;
}

void validateComponent(const ComponentEntry &C, std::vector<Problem> &Problems) {
  auto Complain = [&](const std::string &M) {
    Problems.push_back({C.Origin, "component '" + C.Id + "' " + M});
  };
  if (C.Name.empty())
    Complain("has no 'name'; give the library's name");
  if (C.Paths.empty() && C.Files.empty() && C.DeclaredVersion.empty())
    Complain("has neither 'paths', 'files' nor 'declared-version'; say how to recognise it");
  if (!C.Version.empty() && C.versionMacros().empty())
    Complain("version template '" + C.Version + "' names no {MACRO}; name the version macros");
  for (const std::string &M : C.versionMacros())
    if (!isMacroName(M))
      Complain("version template names '" + M + "', which is not a macro name");
  if (!onlyVersionPlaceholder(C.Purl))
    Complain("purl template '" + C.Purl + "' may only use {version}");
  if (!onlyVersionPlaceholder(C.Cpe))
    Complain("cpe template '" + C.Cpe + "' may only use {version}");
  if (!C.Purl.empty() && !llvm::StringRef(C.Purl).starts_with("pkg:"))
    Complain("purl template '" + C.Purl + "' must start with 'pkg:'");
  if (!C.Cpe.empty() && !llvm::StringRef(C.Cpe).starts_with("cpe:2.3:"))
    Complain("cpe template '" + C.Cpe + "' must start with 'cpe:2.3:'");
  if (!C.EndOfSupport.empty() && !isCalendarDate(C.EndOfSupport))
    Complain("end-of-support '" + C.EndOfSupport + "' is not a date; write YYYY-MM-DD");
}

} // namespace

void validateCatalogue(const Catalogue &Cat, std::vector<Problem> &Problems) {
  std::set<std::string> ClauseIds;
  for (const Guideline &G : Cat.Guidelines)
    for (const Clause &Cl : G.Clauses)
      ClauseIds.insert(Cl.Id);
  for (const CheckEntry &C : Cat.Checks) {
    for (const ClauseRef &R : C.Clauses)
      if (!ClauseIds.count(R.Id))
        Problems.push_back(
            {R.Origin, "check '" + C.Id + "' maps to unknown clause '" + R.Id + "'"});
    for (const auto &List : C.Data) {
      auto Schema = C.DataSchema.find(List.first);
      if (Schema == C.DataSchema.end())
        continue;
      for (const DataEntry &E : List.second) {
        if (E.getBool("enabled", true))
          for (const std::string &R : Schema->second.Required)
            if (!E.Scalars.count(R) && !E.Lists.count(R))
              Problems.push_back({E.Origin, "entry '" + E.Key + "' of data list '" + List.first +
                                                "' of check '" + C.Id + "' has no '" + R +
                                                "'; without it the entry does nothing"});
        if (E.getBool("enabled", true))
          for (const auto &[R, When] : Schema->second.RequiredWhen)
            if (!E.Scalars.count(R) && !E.Lists.count(R) && E.get(When.first) == When.second)
              Problems.push_back({E.Origin, "entry '" + E.Key + "' of data list '" + List.first +
                                                "' of check '" + C.Id + "' has no '" + R +
                                                "', which " + When.first + " '" + When.second +
                                                "' needs; without it the entry does nothing"});
        for (const auto &Field : E.Scalars) {
          auto T = Schema->second.Fields.find(Field.first);
          if (T == Schema->second.Fields.end() || T->second.Kind != "regex")
            continue;
          std::string Err;
          if (!llvm::Regex(Field.second).isValid(Err))
            Problems.push_back({E.Origin, "field '" + Field.first + "' of '" + E.Key +
                                              "' is not a valid regular expression: " + Err});
        }
      }
    }
  }
  for (const ComponentEntry &C : Cat.Components)
    validateComponent(C, Problems);
  for (const DataEntry &E : Cat.TestPaths) {
    std::string Err;
    if (!llvm::Regex(E.Key).isValid(Err))
      Problems.push_back(
          {E.Origin, "test path '" + E.Key + "' is not a valid regular expression: " + Err});
  }
}

struct TestCodeRule::Patterns {
  std::vector<llvm::Regex> All;
};

TestCodeRule::TestCodeRule(const Catalogue &Cat) : P(std::make_unique<Patterns>()) {
  for (const DataEntry &E : Cat.TestPaths)
    if (E.getBool("enabled", true))
      if (llvm::Regex R(E.Key, llvm::Regex::IgnoreCase); R.isValid())
        P->All.push_back(std::move(R));
}
TestCodeRule::~TestCodeRule() = default;
TestCodeRule::TestCodeRule(TestCodeRule &&) = default;

bool TestCodeRule::matches(const std::string &Path) const {
  std::string Slashed = Path;
  std::replace(Slashed.begin(), Slashed.end(), '\\', '/');
  return llvm::any_of(P->All, [&](const llvm::Regex &R) { return R.match(Slashed); });
}

} // namespace rules
} // namespace medsec
