//===- SensitiveDataExposureCheck.h - medsec-sensitive-data-exposure -*- C++ -*-===//
#ifndef MEDSEC_CHECKS_SECRETS_SENSITIVEDATAEXPOSURECHECK_H
#define MEDSEC_CHECKS_SECRETS_SENSITIVEDATAEXPOSURECHECK_H

#include "../support/ApiArgumentTable.h"
#include "../support/MedSecCheck.h"
#include "../support/SecretNames.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "../support/LazyRegex.h"

#include <memory>

#include <vector>

namespace clang::tidy::medsec {

/// Finds secrets (named as such, or proven by being passed as a key,
/// password or PSK of a listed API) written to a log, printf-like call,
/// UART/USB transmit or other output sink, and secret buffers cleared with a
/// plain memset right before they die, where the compiler may drop the store.
///
/// For the user-facing documentation see:
/// docs/checks/medsec-sensitive-data-exposure.md
class SensitiveDataExposureCheck : public MedSecCheck {
public:
  SensitiveDataExposureCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;

private:
  /// A place where a variable may leak; decided at the end of the unit,
  /// once every use that proves a secret has been seen.
  struct Candidate {
    enum Kind { Sink, DeadClear, UnclearedRelease } K;
    SourceLocation Loc;
    const ValueDecl *Var;
    std::string Callee;
    SourceLocation Use; // the call: one finding per secret and call
  };
  struct Proof {
    SourceLocation Loc;
    std::string Text;
  };

  void checkSinkCall(const CallExpr *Call, const FunctionDecl *FD, ASTContext &Ctx);
  void checkStream(const CXXOperatorCallExpr *Op, ASTContext &Ctx);
  void checkClear(const CallExpr *Call, const FunctionDecl *FD, ASTContext &Ctx);
  void checkRelease(const CallExpr *Call, const FunctionDecl *FD);
  void addSinkArgument(const Expr *Arg, const Expr *Use, StringRef Callee);
  bool diesAfter(const CallExpr *Clear, const VarDecl *Var, ASTContext &Ctx) const;
  /// Why Var is a secret where it is shown at Use ("a password"), or empty;
  /// sets *Why to the key use that proves it when the name alone does not.
  std::string secretKind(const ValueDecl *Var, SourceLocation Use, const Proof **Why) const;
  /// Was the local buffer Var written strictly between A and B: then a key use
  /// at one end says nothing about the value at the other (a reused scratch buffer).
  bool overwrittenBetween(const ValueDecl *Var, SourceLocation A, SourceLocation B) const;
  void recordWrites(const CallExpr *Call, const FunctionDecl *FD);
  /// Was the local pointer Var cleared (or handed to a project function) before Release.
  bool clearedBefore(const ValueDecl *Var, SourceLocation Release) const;
  std::string zeroizeAdvice(ASTContext &Ctx) const;

  std::shared_ptr<const SecretNameMatcher> Names = std::make_shared<const SecretNameMatcher>();
  std::vector<std::string> TestWords;
  std::shared_ptr<const ApiArgumentTable> KeyArgs = std::make_shared<const ApiArgumentTable>();
  struct SinkSpec {
    std::vector<unsigned> Args;
    int From = -1;
  };
  llvm::StringMap<SinkSpec> Sinks;
  bool PrintfAttributeSinks = false, OstreamSinks = false;
  llvm::StringMap<unsigned> ClearFns;
  llvm::StringSet<> Deallocators;
  std::vector<std::string> Zeroizers;
  std::vector<std::unique_ptr<LazyRegex>> WipeHelpers;

  const SourceManager *SM = nullptr;
  ASTContext *Ctx = nullptr;
  std::vector<Candidate> Candidates;
  llvm::DenseMap<const ValueDecl *, std::vector<Proof>> Proven;
  /// Where each local buffer is written (output argument or assignment).
  llvm::DenseMap<const ValueDecl *, std::vector<SourceLocation>> Writes;
  /// Where each local pointer is cleared, or handed to project code that may clear it.
  llvm::DenseMap<const ValueDecl *, std::vector<SourceLocation>> Clears;
};

} // namespace clang::tidy::medsec

#endif
