//===- UncheckedReturnValueCheck.h - medsec-unchecked-return-value -*- C++ -*-===//
#ifndef MEDSEC_CHECKS_ERRORS_UNCHECKEDRETURNVALUECHECK_H
#define MEDSEC_CHECKS_ERRORS_UNCHECKEDRETURNVALUECHECK_H

#include "../support/LazyRegex.h"
#include "../support/MedSecCheck.h"
#include "InferredMustCheck.h"
#include "ReturnConvention.h"
#include "TruncationLength.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"

#include <memory>

namespace clang::tidy::medsec {

/// Finds results of must-check calls (catalogue lists `functions`,
/// `name-patterns`, `return-types`, `attributes`) that are discarded, cast to
/// void without a justification, stored and never read, or tested in a way
/// that lets a failure pass as success (CWE-253). A project function whose
/// result the project tests at most of its call sites is inferred must-check
/// (InferredMustCheck.h).
///
/// For the user-facing documentation see:
/// docs/checks/medsec-unchecked-return-value.md
class UncheckedReturnValueCheck : public MedSecCheck {
public:
  UncheckedReturnValueCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;

  struct Rule {
    std::string Key; // catalogue data key, for the finding
    Convention Conv = Convention::Any;
    bool VoidCastAllowed = true;
    rules::Severity Sev = rules::Severity::Medium;
    std::vector<std::string> Success;    // enumerator names (return-types)
    std::vector<std::string> ExemptArgs; // an argument spelled so exempts a discard
    bool ReadOnlyExempt = false;         // not reported on a stream opened for reading
    int StreamArg = NoStream;            // the stream written to; -1: stdout itself
    int RequestedArg = -1;               // the number of items requested (fread, fwrite)
    // The result is the length the output would have had (snprintf, strlcpy):
    // only its use as a length or offset before a check against the size is
    // reported, a discarded result is not.
    bool TruncationLength = false;
  };
  static constexpr int NoStream = -2;
  struct Pattern {
    std::shared_ptr<LazyRegex> Match, Exclude;
    std::string ReturnType;
    Rule R;
  };

  /// How a value is used where it is produced.
  struct Use {
    enum Kind { Discarded, VoidCast, Stored, Tested, Opaque };
    Use() = default;
    Use(Kind K, const Expr *Where) : K(K), Where(Where) {}
    Kind K = Opaque;
    const Expr *Where = nullptr;  // the cast, the comparison, the condition
    const VarDecl *Var = nullptr; // Stored; Tested: the local also assigned the result
    const Stmt *Store = nullptr;  // Stored: the assignment or the DeclStmt
    ResultTest Test;              // Tested
    // An implicit or explicit conversion of the value to bool outside a
    // condition (`bool ok = f();`, `return f();` in a bool function): it is a
    // truth test of its own, whatever is done with the bool afterwards.
    const Expr *ToBool = nullptr;
  };

private:
  std::optional<Rule> ruleFor(const FunctionDecl *FD) const;
  /// The call's first argument is a local stream that every assignment in Fn
  /// opens for reading only ("r", "rb"): closing it has nothing to lose.
  bool closesReadOnlyStream(const CallExpr *Call, const FunctionDecl *Fn) const;
  llvm::StringMap<unsigned> StreamOpeners;  // opening function -> its mode argument
  std::vector<std::string> StandardStreams; // stdout, stderr
  /// The call writes to a standard stream (puts, or fputs(s, stderr)).
  bool writesStandardStream(const Rule &R, const CallExpr *Call, const SourceManager &SM,
                            ASTContext &Ctx) const;
  bool exemptByArguments(const Rule &R, const CallExpr *Call, const SourceManager &SM,
                         ASTContext &Ctx) const;
  ResultSamples samples(const Rule &R, const FunctionDecl *FD) const;
  bool storeIsDead(const FunctionDecl *Fn, const Use &U, ASTContext &Ctx);
  void checkStored(const Use &U, const CallExpr *Call, const Rule &R, const ResultSamples &S,
                   const FunctionDecl *Fn, StringRef Name, SourceLocation Loc,
                   const SourceManager &SM, ASTContext &Ctx);

  llvm::StringMap<TruncationSink> TruncationSinks; // path, command and key arguments
  llvm::StringMap<Rule> Functions;
  std::vector<Pattern> Patterns;
  llvm::StringMap<Rule> ReturnTypes;
  std::optional<Rule> WarnUnusedResult;

  /// A call of a function with no rule: counted for the inferred must-check.
  void countCallSite(const CallExpr *Call, const FunctionDecl *FD, const FunctionDecl *Fn,
                     const SourceManager &SM, ASTContext &Ctx);
  std::optional<MustCheckInference::Thresholds> InferenceThresholds; // null: off
  rules::Severity InferenceSev = rules::Severity::Medium;
  llvm::StringMap<MustCheckInference::Counts> JoinedCalls; // cross-TU sums (derived rules)
  MustCheckInference Inference;
  const SourceManager *UnitSM = nullptr;

  llvm::DenseSet<SourceLocation> Reported;
  // Per analysed function: the stores (assignment or variable) that are dead.
  llvm::DenseMap<const FunctionDecl *, llvm::DenseSet<const void *>> DeadStores;
};

} // namespace clang::tidy::medsec

#endif
