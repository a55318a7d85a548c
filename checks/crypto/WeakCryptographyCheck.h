//===- WeakCryptographyCheck.h - medsec-weak-cryptography --------*- C++ -*-===//
#ifndef MEDSEC_CHECKS_CRYPTO_WEAKCRYPTOGRAPHYCHECK_H
#define MEDSEC_CHECKS_CRYPTO_WEAKCRYPTOGRAPHYCHECK_H

#include "../support/ApiArgumentTable.h"
#include "../support/ConstantValue.h"
#include "../support/MedSecCheck.h"
#include "../support/SecretNames.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "../support/LazyRegex.h"

#include <map>
#include <memory>

namespace clang::tidy::medsec {

/// Finds broken or deprecated algorithms and modes (functions and library
/// constants, per library), keys below the NIST SP 800-131A minimum, constant
/// IVs and nonces, and non-cryptographic random numbers that become a key,
/// IV, nonce, salt, token, challenge or seed.
///
/// For the user-facing documentation see:
/// docs/checks/medsec-weak-cryptography.md
class WeakCryptographyCheck : public MedSecCheck {
public:
  WeakCryptographyCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;

private:
  struct Algorithm {
    rules::Severity Sev;
    std::string Label, Reason, Replacement;
  };
  struct Allowed {
    std::string Algorithm;
    std::unique_ptr<LazyRegex> Function, Path;
  };
  struct Finding {
    std::string Message;
    rules::Severity Sev;
    std::string DataKey;
    std::vector<std::pair<SourceLocation, std::string>> Notes;
  };

  void checkFunctionRef(const DeclRefExpr *Ref, const FunctionDecl *FD, ASTContext &Ctx);
  void checkSelectedConstant(const Expr *E, ASTContext &Ctx);
  void checkCall(const CallExpr *Call, ASTContext &Ctx);
  void checkAlgorithmName(const Expr *Arg, const CallExpr *Call, ASTContext &Ctx);
  void checkConstantIv(const Expr *Arg, const Expr *Use, StringRef Role, StringRef Where,
                       ASTContext &Ctx);
  void checkIvField(const FieldDecl *Field, const Expr *Value, ASTContext &Ctx);
  void checkRandom(const Expr *Source, StringRef What, ASTContext &Ctx);
  bool isRandomEngineCall(const CXXOperatorCallExpr *Op) const;

  /// Whether a use of Algo at Use is declared harmless by the project, or is
  /// inside the implementation of a weak function (the library itself).
  bool exempt(StringRef Algo, const Stmt &Use, SourceLocation Loc, ASTContext &Ctx) const;
  std::string label(StringRef Algo) const;
  SourceLocation argumentLocation(const Expr *Arg, const Expr *Use) const;
  void addFinding(SourceLocation Loc, StringRef Algo, std::string What,
                  std::vector<std::pair<SourceLocation, std::string>> Notes = {});

  std::map<std::string, Algorithm> Algorithms;
  llvm::StringMap<std::string> Functions, Constants; // name -> algorithm
  struct KeySize {
    unsigned Arg;
    int64_t MinBits;
    std::string Kind;
  };
  llvm::StringMap<KeySize> KeySizes;
  std::shared_ptr<const ApiArgumentTable> IvArgs = std::make_shared<const ApiArgumentTable>(),
                                          KeyArgs = std::make_shared<const ApiArgumentTable>(),
                                          NameArgs = std::make_shared<const ApiArgumentTable>();
  std::vector<std::pair<std::unique_ptr<LazyRegex>, std::string>> AlgorithmNames; // -> algorithm
  llvm::StringMap<std::string> IvFields;
  llvm::StringSet<> RandomFns, RandomEngines, SeedFns, ClockFns;
  std::shared_ptr<const SecretNameMatcher> Purposes = std::make_shared<const SecretNameMatcher>();
  std::vector<Allowed> AllowedUses;
  std::vector<std::unique_ptr<LazyRegex>> ImplementationPaths;
  std::vector<std::string> TestWords;
  llvm::StringSet<> ApiFunctions; // every function the catalogue describes

  ConstantTracer Tracer;
  const SourceManager *SM = nullptr;
  std::map<SourceLocation, Finding> Findings;
  llvm::DenseSet<const void *> RandomDestinations;
  std::vector<SourceLocation> ClockSeeds;
};

} // namespace clang::tidy::medsec

#endif
