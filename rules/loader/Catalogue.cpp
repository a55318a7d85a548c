//===- Catalogue.cpp - load the catalogue from disk and cross-check it ----===//
#include "Catalogue.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SHA256.h"

#include <algorithm>
#include <set>

namespace medsec {
namespace rules {

std::string sha256Hex(const std::string &Bytes) {
  llvm::SHA256 H;
  H.update(llvm::StringRef(Bytes));
  const auto Digest = H.final();
  return llvm::toHex(llvm::ArrayRef<uint8_t>(Digest.data(), Digest.size()), /*LowerCase=*/true);
}

namespace {

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

void loadFile(const std::string &Path, const std::string &Role, Catalogue &Cat,
              std::vector<Problem> &Problems) {
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

void validateCatalogue(const Catalogue &Cat, std::vector<Problem> &Problems) {
  for (const CheckEntry &C : Cat.Checks) {
    for (const ClauseRef &R : C.Clauses)
      if (!Cat.findClause(R.Id))
        Problems.push_back(
            {R.Origin, "check '" + C.Id + "' maps to unknown clause '" + R.Id + "'"});
    for (const auto &List : C.Data) {
      auto Schema = C.DataSchema.find(List.first);
      if (Schema == C.DataSchema.end())
        continue;
      for (const DataEntry &E : List.second)
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

} // namespace rules
} // namespace medsec
