//===- InsecureTlsConfigurationCheck.h - medsec-insecure-tls-configuration -*- C++ -*-===//
#ifndef MEDSEC_CHECKS_CRYPTO_INSECURETLSCONFIGURATIONCHECK_H
#define MEDSEC_CHECKS_CRYPTO_INSECURETLSCONFIGURATIONCHECK_H

#include "../support/ConstantValue.h"
#include "../support/MedSecCheck.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include "../support/LazyRegex.h"

#include <memory>

namespace clang::tidy::medsec {

/// Finds TLS/DTLS set-ups that turn certificate verification off or make it
/// optional, verification callbacks that accept every certificate, protocol
/// versions below TLS 1.2, and cipher lists that enable NULL, export, RC4,
/// DES, MD5 or anonymous suites (OpenSSL, wolfSSL, mbedTLS, curl; tables in
/// the catalogue).
///
/// For the user-facing documentation see:
/// docs/checks/medsec-insecure-tls-configuration.md
class InsecureTlsConfigurationCheck : public MedSecCheck {
public:
  InsecureTlsConfigurationCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override {
    Reported.clear();
    Tracer.reset();
  }

private:
  struct Setting {
    std::string Id;
    unsigned Arg;
    std::vector<std::string> Names;
    std::vector<int64_t> Values;
    int WhenArg = -1;
    std::vector<std::string> WhenNames;
    std::string Problem, Replacement;
    rules::Severity Sev;
  };
  struct Callback {
    unsigned Arg;
    int64_t Accept;
    int FlagsArg;
  };
  struct CipherList {
    std::string Id;
    unsigned Arg;
    int WhenArg = -1;
    std::vector<std::string> WhenNames;
  };

  void checkSetting(const CallExpr *Call, const Setting &S, ASTContext &Ctx);
  void checkCallback(const CallExpr *Call, const Callback &C, ASTContext &Ctx);
  void checkCipherList(const CallExpr *Call, const CipherList &L, ASTContext &Ctx);
  /// The name of the first weak suite in a cipher list or suite name, if any.
  std::optional<std::string> weakCipher(StringRef Token) const;
  bool argumentIsOneOf(const CallExpr *Call, int Arg, const std::vector<std::string> &Names,
                       ASTContext &Ctx) const;
  SourceLocation argumentLocation(const Expr *Arg, const Expr *Use) const;
  void reportAt(SourceLocation Loc, const std::string &Message, rules::Severity Sev, StringRef Key,
                SourceLocation NoteLoc = SourceLocation(),
                const std::string &NoteText = std::string());

  llvm::StringMap<std::vector<Setting>> Settings;               // by function name
  llvm::StringMap<std::pair<std::string, std::string>> Methods; // name -> protocol, replacement
  llvm::StringMap<Callback> Callbacks;
  llvm::StringMap<std::vector<CipherList>> CipherLists;
  std::vector<std::pair<std::string, std::unique_ptr<LazyRegex>>> WeakCiphers;

  ConstantTracer Tracer;
  const SourceManager *SM = nullptr;
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::medsec

#endif
