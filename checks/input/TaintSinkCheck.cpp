//===- TaintSinkCheck.cpp -------------------------------------------------===//
#include "TaintSinkCheck.h"

#include "../support/taint/TaintConfig.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::medsec {

void TaintSinkCheck::registerMatchers(MatchFinder *Finder) {
  if (!catalogue() || !entry())
    return;
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

void TaintSinkCheck::check(const MatchFinder::MatchResult &Result) {
  std::shared_ptr<const taint::TaintConfig> Cfg = taint::taintConfigFor(*catalogue());
  const SourceManager &SM = *Result.SourceManager;
  for (const taint::TaintFinding &F : taint::taintFindings(*Result.Context, *Cfg)) {
    if (F.Kind != Kind)
      continue;
    report(SM, F.Loc, F.Message, entry()->DefaultSeverity, F.SourceName);
    // The flow, source first, so SARIF can carry it as a code flow later.
    for (const taint::FlowNote &N : F.Notes)
      diag(N.Loc, "%0", DiagnosticIDs::Note) << N.Text;
  }
}

} // namespace clang::tidy::medsec
