//===- CatalogueAccess.h - find and cache the rule catalogue ----*- C++ -*-===//
#ifndef MEDSEC_CHECKS_SUPPORT_CATALOGUEACCESS_H
#define MEDSEC_CHECKS_SUPPORT_CATALOGUEACCESS_H

#include "../../rules/loader/Catalogue.h"
#include "llvm/ADT/StringRef.h"

#include <memory>
#include <string>
#include <vector>

namespace medsec {

/// Where the catalogue comes from for one analysed file.
struct CatalogueSource {
  std::string BuiltinDir;
  std::vector<std::string> ProjectFiles;
};

/// Resolves the catalogue directory: explicit value, then $MEDSEC_CATALOGUE,
/// then <prefix>/share/medsec/rules when this binary is in <prefix>/bin or this
/// plugin in <prefix>/lib/medsec, then the source tree's rules/ directory.
std::string defaultCatalogueDir(llvm::StringRef Explicit);

/// Where medsec keeps what it can compute again (the binary catalogue, the
/// result cache): $XDG_CACHE_HOME/medsec, else $HOME/.cache/medsec; empty
/// when neither is set.
std::string defaultCacheDir();

/// The project override file for File: the explicit one, $MEDSEC_PROJECT_RULES,
/// or the nearest .medsec.yaml above File's directory. Empty when none.
std::string findProjectRules(llvm::StringRef Explicit, llvm::StringRef File);

/// The one place the catalogue of an analysed File is assembled: the built-in
/// directory (defaultCatalogueDir(CatalogueDir)), File's project override file
/// (findProjectRules(ProjectRules, File)), then the rules `medsec scan` derived
/// from other units (DerivedRules, docs/taint-analysis.md), when given.
CatalogueSource catalogueSourceFor(llvm::StringRef CatalogueDir, llvm::StringRef ProjectRules,
                                   llvm::StringRef DerivedRules, llvm::StringRef File);

/// Loads (or returns the cached) catalogue for Source. The cache is keyed on
/// the file list and modification times, so edits are seen on the next TU;
/// a load reads the binary form under defaultCacheDir() when one matches the
/// files' bytes (rules/loader/CatalogueBinary.h).
/// Problems are those of loading; FirstTime is set for the first caller that
/// sees this catalogue version, so problems get reported once per process.
std::shared_ptr<const rules::Catalogue> cachedCatalogue(const CatalogueSource &Source,
                                                        std::vector<rules::Problem> &Problems,
                                                        bool &FirstTime);

} // namespace medsec

#endif
