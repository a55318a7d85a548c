//===- SharedTables.h - a check's indexes, built once per catalogue -*- C++ -*-===//
//
// medsec-clangd constructs every check again for each keystroke build, and a
// check's indexes of its catalogue data (argument tables, secret-name
// matchers) come out the same each time. sharedPerCatalogue builds one once per catalogue and
// key and hands every check constructed on that catalogue the same immutable
// object. An entry holds its catalogue weakly: a reloaded catalogue (an edited
// rule file) builds its own, and an entry goes once its catalogue is freed.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_SUPPORT_SHAREDTABLES_H
#define MEDSEC_CHECKS_SUPPORT_SHAREDTABLES_H

#include "../../rules/loader/Catalogue.h"
#include "ApiArgumentTable.h"
#include "SecretNames.h"

#include "llvm/ADT/STLExtras.h"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace medsec {

/// The catalogue cachedCatalogue currently holds at Raw, shared; null when Raw
/// is not (or no longer) one of them.
std::shared_ptr<const rules::Catalogue> owningCatalogue(const rules::Catalogue *Raw);

/// The object Build() returns for Cat and Key, built on the first call and
/// shared after. Key names everything Build reads (check, data lists,
/// arguments). When Cat is not a cached catalogue, Build's object unshared.
template <class T, class BuildFn>
std::shared_ptr<const T> sharedPerCatalogue(const rules::Catalogue *Cat, const std::string &Key,
                                            BuildFn &&Build) {
  struct Entry {
    std::weak_ptr<const rules::Catalogue> Owner;
    std::string Key;
    std::shared_ptr<const T> Value;
  };
  static std::mutex M;
  static std::vector<Entry> Entries;
  const std::shared_ptr<const rules::Catalogue> Owner = owningCatalogue(Cat);
  if (!Owner)
    return std::make_shared<const T>(Build());
  std::lock_guard<std::mutex> Lock(M);
  llvm::erase_if(Entries, [](const Entry &E) { return E.Owner.expired(); });
  for (const Entry &E : Entries)
    if (E.Key == Key && E.Owner.lock() == Owner)
      return E.Value;
  Entries.push_back({Owner, Key, std::make_shared<const T>(Build())});
  return Entries.back().Value;
}

} // namespace medsec

namespace clang::tidy::medsec {

/// ApiArgumentTable(E.activeData(List), ArgsField, DefaultRole), shared per
/// catalogue (the table is immutable once built).
std::shared_ptr<const ApiArgumentTable> sharedArgumentTable(const ::medsec::rules::Catalogue *Cat,
                                                            const ::medsec::rules::CheckEntry &E,
                                                            const std::string &List,
                                                            const std::string &ArgsField,
                                                            const std::string &DefaultRole);

/// SecretNameMatcher(Terms.activeData(TermList), Qualifiers' `qualifiers`, or
/// none), shared per catalogue.
std::shared_ptr<const SecretNameMatcher>
sharedSecretNames(const ::medsec::rules::Catalogue *Cat, const ::medsec::rules::CheckEntry &Terms,
                  const std::string &TermList, const ::medsec::rules::CheckEntry *Qualifiers);

} // namespace clang::tidy::medsec

#endif
