//===- UncheckedReturnValueCheck.h - medsec-unchecked-return-value -*- C++ -*-===//
#ifndef MEDSEC_CHECKS_ERRORS_UNCHECKEDRETURNVALUECHECK_H
#define MEDSEC_CHECKS_ERRORS_UNCHECKEDRETURNVALUECHECK_H

#include "../support/LazyRegex.h"
#include "../support/MedSecCheck.h"
#include "DeadStores.h"
#include "InferredMustCheck.h"
#include "ResultUse.h"
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
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;

  struct Rule {
    std::string Key; // catalogue data key, for the finding
    Convention Conv = Convention::Any;
    bool VoidCastAllowed = true;
    rules::Severity Sev = rules::Severity::Medium;
    std::vector<std::string> Success;    // enumerator names (return-types)
    std::vector<std::string> ExemptArgs; // an argument spelled so exempts a discard
    // The call written through one of these macros cannot fail in a way the
    // caller could handle (FreeRTOS xQueueOverwrite, xSemaphoreGive).
    std::vector<std::string> ExemptWrittenAs;
    bool ReadOnlyExempt = false;         // not reported on a stream opened for reading
    int StreamArg = NoStream;            // the stream written to; -1: stdout itself
    int RequestedArg = -1;               // the number of items requested (fread, fwrite)
    // The result is the length the output would have had (snprintf, strlcpy):
    // only its use as a length or offset before a check against the size is
    // reported, a discarded result is not.
    bool TruncationLength = false;
    // The timeout argument whose largest value waits without end when the
    // macro ForeverIf is defined as 1 (FreeRTOS portMAX_DELAY with
    // INCLUDE_vTaskSuspend): such a call cannot fail.
    int TimeoutArg = -1;
    std::string ForeverIf;
  };
  static constexpr int NoStream = -2;
  struct Pattern {
    std::shared_ptr<LazyRegex> Match, Exclude;
    std::string ReturnType;
    Rule R;
  };

  using Use = ResultUse; // ResultUse.h

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
  /// The call waits until it succeeds: its timeout argument is the largest
  /// value of its type and the rule's ForeverIf macro is 1 in the unit.
  bool waitsForever(const Rule &R, const CallExpr *Call, ASTContext &Ctx) const;
  Preprocessor *PP = nullptr;
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
  DeadResultStores DeadStores;
};

} // namespace clang::tidy::medsec

#endif
