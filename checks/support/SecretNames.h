//===- SecretNames.h - does an identifier name a secret? --------*- C++ -*-===//
//
// Shared by the secrets and crypto checks (and meant for later ones): decides
// from an identifier alone whether it names a password, key, PIN, token, ...
// The vocabulary comes from the catalogue, never from C++ literals.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_SUPPORT_SECRETNAMES_H
#define MEDSEC_CHECKS_SUPPORT_SECRETNAMES_H

#include "../../rules/loader/Catalogue.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <mutex>
#include <string>
#include <vector>

namespace clang::tidy::medsec {

/// Splits an identifier into lower-case words at '_', '-', '.', case changes
/// and letter/digit changes: "DEVICE_AES_KEY", "deviceAesKey" and
/// "device-aes-key" all give {device, aes, key}; "HTTPKey" gives {http, key}.
llvm::SmallVector<std::string, 8> identifierWords(llvm::StringRef Name);

/// A matcher built from a list of terms ("password", "api key", "psk") and a
/// list of qualifier words that turn a match off ("len", "max", "gpio").
///
/// A term matches when its words appear consecutively in the identifier, in
/// any case and with any separators or none ("api key" matches API_KEY, apiKey
/// and APIKEY); a trailing plural 's' is accepted. Terms marked `substring`
/// also match inside a longer word ("adminpassword"). Any qualifier word in
/// the identifier means it only talks about the secret (key_len, pin_gpio).
/// The variable, field or parameter an lvalue expression is rooted at, whose
/// name tells whether it holds a secret: `password`, `cfg.wifi.password`,
/// `keys[1]`, `*pw`, and with ThroughAddressOf also `&key`.
const NamedDecl *rootDecl(const Expr *E, bool ThroughAddressOf);

class SecretNameMatcher {
public:
  struct Term {
    std::string Joined;        // words concatenated, lower case
    std::string Label;         // as written in the catalogue, for messages
    std::string Kind;          // password, key, pin, token, ... (free text)
    bool Substring = false;    // may match inside a longer word
    bool NeedsEntropy = false; // only a secret when its value looks random
    size_t MinLength = 16;     // for NeedsEntropy: values at least this long
    double MinEntropy = 3.0;   // and at least this many bits per byte
  };

  SecretNameMatcher() = default;
  /// Terms: entries with key `term` and fields `match` (words|substring),
  /// `kind`, `needs-entropy`. Qualifiers: entries keyed by `word`.
  SecretNameMatcher(const std::vector<::medsec::rules::DataEntry> &Terms,
                    const std::vector<::medsec::rules::DataEntry> &Qualifiers);

  /// The first term the identifier matches, or null (also null when a
  /// qualifier word is present). Remembered per identifier (a unit asks
  /// about the same names again and again), behind a lock: one matcher is
  /// shared by the checks of every clangd build (sharedSecretNames).
  const Term *match(llvm::StringRef Identifier) const;
  bool empty() const { return Terms.empty(); }

private:
  std::vector<Term> Terms;
  struct Qualifier {
    std::string Word;
    std::vector<std::string> Terms; // joined terms it disqualifies; empty: all
  };
  std::vector<Qualifier> Qualifiers;
  const Term *matchUncached(llvm::StringRef Identifier) const;
  /// Identifier -> index into Terms, -1 for none. A copy starts empty.
  struct SeenTable {
    SeenTable() = default;
    SeenTable(const SeenTable &) {}
    SeenTable &operator=(const SeenTable &) {
      std::lock_guard<std::mutex> Lock(M);
      Map.clear();
      return *this;
    }
    std::mutex M;
    llvm::StringMap<int> Map;
  };
  mutable SeenTable Seen;
};

/// Shannon entropy of the bytes, in bits per byte.
double shannonEntropy(llvm::ArrayRef<uint64_t> Values);

} // namespace clang::tidy::medsec

#endif
