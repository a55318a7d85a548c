//===- CatalogueBinary.h - the parsed catalogue in a compact binary form -*- C++ -*-===//
#ifndef MEDSEC_RULES_CATALOGUEBINARY_H
#define MEDSEC_RULES_CATALOGUEBINARY_H

#include "Catalogue.h"

#include "llvm/ADT/StringRef.h"

namespace medsec {
namespace rules {

/// The catalogue and its validation problems as bytes, under Key.
std::string catalogueToBinary(const Catalogue &Cat, const std::vector<Problem> &Problems,
                              const std::string &Key);
/// False, leaving Cat and Problems alone, unless Bytes is a whole, intact
/// catalogueToBinary result for Key; then Cat is replaced and the stored
/// problems are appended to Problems.
bool catalogueFromBinary(llvm::StringRef Bytes, const std::string &Key, Catalogue &Cat,
                         std::vector<Problem> &Problems);

/// loadCatalogue, through CacheDir/catalogue-v1/<key>.bin, the key being a
/// hash of LoaderIdentity and of every rule file's path, role and bytes.
/// The problems appended are those loadCatalogue finds (an entry holds them).
/// A missing, damaged or foreign entry is parsed again and rewritten
/// atomically; the 16 most recently used entries are kept. With CacheDir
/// empty, or a file the loader would refuse, it is loadCatalogue. FromBinary,
/// when given, says whether the entry was read.
std::shared_ptr<Catalogue>
loadCatalogueCached(const std::string &BuiltinDir, const std::vector<std::string> &ProjectFiles,
                    std::vector<Problem> &Problems, const std::string &CacheDir,
                    const std::string &LoaderIdentity, bool *FromBinary = nullptr);

} // namespace rules
} // namespace medsec

#endif
