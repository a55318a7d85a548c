//===- BannedFunctionsCheck.h - medsec-banned-functions ---------*- C++ -*-===//
#ifndef MEDSEC_CHECKS_API_BANNEDFUNCTIONSCHECK_H
#define MEDSEC_CHECKS_API_BANNEDFUNCTIONSCHECK_H

#include "../support/MedSecCheck.h"
#include "StreamExtraction.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"

#include <optional>

namespace clang::tidy::medsec {

/// Finds calls of and references to the functions of the catalogue's banned
/// list (data list `functions` of medsec-banned-functions). Entries of kind
/// scanf-format and sprintf-format are only reported when their format shows
/// an unbounded write.
///
/// For the user-facing documentation see:
/// docs/checks/medsec-banned-functions.md
class BannedFunctionsCheck : public MedSecCheck {
public:
  BannedFunctionsCheck(StringRef Name, ClangTidyContext *Context);
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override { Reported.clear(); }

  enum class Kind { Always, ScanfFormat, SprintfFormat };
  struct Banned {
    std::string Name;
    rules::Severity Sev;
    Kind K;
    int FormatArg; // index of the format argument, -1 when unknown
    std::string Replacement;
    std::string Reason;
  };

private:
  const Banned *lookup(StringRef Name) const;
  /// Why a context-dependent call is unsafe, or nothing when it is bounded.
  std::optional<std::string> contextProblem(const Banned &B, const CallExpr *Call,
                                            const ASTContext &Ctx) const;
  void addFixIt(DiagnosticBuilder &D, const Banned &B, const DeclRefExpr *Ref, const CallExpr *Call,
                const ASTContext &Ctx, const SourceManager &SM) const;

  void checkExtraction(const CXXOperatorCallExpr *Call,
                       const ast_matchers::MatchFinder::MatchResult &Result);

  /// `is >> buf` into a character buffer (data list `stream-extractions`).
  struct Extraction {
    std::string Name; // the operator, qualified: ::std::operator>>
    rules::Severity Sev;
    std::string Replacement;
    std::string Reason;
  };
  std::vector<Extraction> Extractions;
  StreamWidthRules Widths;

  std::vector<Banned> Functions;
  llvm::StringMap<size_t> ByName; // name or alias -> index in Functions
  llvm::DenseSet<SourceLocation> Reported;
  /// The unit's preprocessor, whose identifiers say what the parser declared.
  Preprocessor *PP = nullptr;
};

} // namespace clang::tidy::medsec

#endif
