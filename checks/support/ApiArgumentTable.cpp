//===- ApiArgumentTable.cpp -----------------------------------------------===//
#include "ApiArgumentTable.h"
#include "SharedTables.h"

#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::medsec {

ApiArgumentTable::ApiArgumentTable(std::vector<::medsec::rules::DataEntry> In,
                                   llvm::StringRef ArgsField, llvm::StringRef DefaultRole)
    : Entries(std::move(In)) {
  for (const auto &E : Entries) {
    std::vector<Slot> &Slots = ByName[E.Key];
    for (const std::string &A : E.getList(ArgsField.str())) {
      unsigned Index = 0;
      if (llvm::StringRef(A).trim().getAsInteger(10, Index))
        continue; // the schema keeps these numeric; ignore anything else
      Slots.push_back({Index, E.get("role", DefaultRole.str()), E.get("library"), &E});
    }
  }
}

llvm::ArrayRef<ApiArgumentTable::Slot> ApiArgumentTable::lookup(llvm::StringRef Name) const {
  auto It = ByName.find(Name);
  if (It == ByName.end())
    return {};
  return It->second;
}

llvm::ArrayRef<ApiArgumentTable::Slot> ApiArgumentTable::lookup(const FunctionDecl *FD) const {
  if (!FD || !FD->getIdentifier() || !isLibraryFunction(FD))
    return {};
  return lookup(FD->getName());
}

std::vector<std::string> ApiArgumentTable::qualifiedNames() const {
  std::vector<std::string> Names;
  for (const auto &N : ByName)
    Names.push_back("::" + N.getKey().str());
  return Names;
}

std::shared_ptr<const ApiArgumentTable> sharedArgumentTable(const ::medsec::rules::Catalogue *Cat,
                                                            const ::medsec::rules::CheckEntry &E,
                                                            const std::string &List,
                                                            const std::string &ArgsField,
                                                            const std::string &DefaultRole) {
  return ::medsec::sharedPerCatalogue<ApiArgumentTable>(
      Cat, E.Id + "\n" + List + "\n" + ArgsField + "\n" + DefaultRole,
      [&] { return ApiArgumentTable(E.activeData(List), ArgsField, DefaultRole); });
}

} // namespace clang::tidy::medsec
