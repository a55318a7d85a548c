//===- ApiArgumentTable.h - argument positions of library APIs --*- C++ -*-===//
//
// A catalogue data list that says, per library function, which arguments play
// a role (the key of mbedtls_aes_setkey_enc, the IV of EVP_EncryptInit_ex, the
// password of LogonUserA, ...). Shared by the secrets and crypto checks so the
// same table proves "this is a key" everywhere.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_SUPPORT_APIARGUMENTTABLE_H
#define MEDSEC_CHECKS_SUPPORT_APIARGUMENTTABLE_H

#include "../../rules/loader/Catalogue.h"
#include "AstQueries.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"

#include <string>
#include <vector>

namespace clang::tidy::medsec {

class ApiArgumentTable {
public:
  struct Slot {
    unsigned Arg;     // 0-based argument index
    std::string Role; // key, password, psk, iv, ...
    std::string Library;
    const ::medsec::rules::DataEntry *Entry; // the catalogue entry behind it
  };

  ApiArgumentTable() = default;
  ApiArgumentTable(ApiArgumentTable &&) = default; // slots point into Entries
  ApiArgumentTable &operator=(ApiArgumentTable &&) = default;
  ApiArgumentTable(const ApiArgumentTable &) = delete;
  ApiArgumentTable &operator=(const ApiArgumentTable &) = delete;
  /// Entries keyed by function `name`, the positions in the string-list field
  /// ArgsField, the role in field `role` (else DefaultRole).
  ApiArgumentTable(std::vector<::medsec::rules::DataEntry> Entries, llvm::StringRef ArgsField,
                   llvm::StringRef DefaultRole);

  /// The slots of a library function (matched on its name; a function the
  /// project defines with C++ linkage under the same name is not the library's).
  llvm::ArrayRef<Slot> lookup(const FunctionDecl *FD) const;
  llvm::ArrayRef<Slot> lookup(llvm::StringRef Name) const;
  /// "::name" for every function, for hasAnyName.
  std::vector<std::string> qualifiedNames() const;
  bool empty() const { return ByName.empty(); }

private:
  std::vector<::medsec::rules::DataEntry> Entries;
  llvm::StringMap<std::vector<Slot>> ByName;
};


} // namespace clang::tidy::medsec

#endif
