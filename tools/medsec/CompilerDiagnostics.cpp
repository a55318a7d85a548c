//===- CompilerDiagnostics.cpp - clang warnings as findings ---------------===//
#include "CompilerDiagnostics.h"

#include "clang-tidy/GlobList.h"
#include "clang/Basic/DiagnosticIDs.h"

#include <algorithm>
#include <map>
#include <set>

namespace medsec {

namespace {
constexpr llvm::StringLiteral Prefix = "clang-diagnostic-";
} // namespace

bool isCompilerDiagnostic(llvm::StringRef Id) {
  return Id.starts_with(Prefix) && Id.size() > Prefix.size();
}

llvm::StringRef warningFlagOf(llvm::StringRef Id) {
  return Id.starts_with(Prefix) ? Id.drop_front(Prefix.size()) : llvm::StringRef();
}

std::vector<std::string> catalogueCompilerDiagnostics(const rules::Catalogue &Cat) {
  std::vector<std::string> Ids;
  for (const rules::CheckEntry &C : Cat.Checks)
    if (isCompilerDiagnostic(C.Id) && C.Status != "planned")
      Ids.push_back(C.Id);
  std::sort(Ids.begin(), Ids.end());
  return Ids;
}

std::vector<std::string> enabledCompilerDiagnostics(llvm::StringRef Checks,
                                                    const rules::Catalogue &Cat) {
  const clang::tidy::GlobList Filter(Checks);
  std::vector<std::string> Ids = catalogueCompilerDiagnostics(Cat);
  Ids.erase(std::remove_if(Ids.begin(), Ids.end(),
                           [&](const std::string &Id) { return !Filter.contains(Id); }),
            Ids.end());
  return Ids;
}

std::vector<std::string> compilerDiagnosticArgs(const std::vector<std::string> &Ids) {
  // -Wuninitialized turns -Wsometimes-uninitialized on: a flag whose
  // warnings another flag of the list already covers is left out.
  llvm::IntrusiveRefCntPtr<clang::DiagnosticIDs> Diags(new clang::DiagnosticIDs);
  std::map<std::string, std::set<clang::diag::kind>> Covers;
  for (const std::string &Id : Ids) {
    llvm::SmallVector<clang::diag::kind, 16> Kinds;
    Diags->getDiagnosticsInGroup(clang::diag::Flavor::WarningOrError, warningFlagOf(Id), Kinds);
    Covers[Id].insert(Kinds.begin(), Kinds.end());
  }
  auto Subsumed = [&](const std::string &Id) {
    const std::set<clang::diag::kind> &Mine = Covers[Id];
    return !Mine.empty() && std::any_of(Ids.begin(), Ids.end(), [&](const std::string &Other) {
      const std::set<clang::diag::kind> &Theirs = Covers[Other];
      return Theirs.size() > Mine.size() &&
             std::includes(Theirs.begin(), Theirs.end(), Mine.begin(), Mine.end());
    });
  };
  std::vector<std::string> Args;
  for (const std::string &Id : Ids)
    if (!Subsumed(Id))
      Args.push_back("-W" + warningFlagOf(Id).str());
  return Args;
}

} // namespace medsec
