//===- TaintSinkCheck.h - common base of the medsec-tainted-* checks -*- C++ -*-===//
//
// The six checks share one taint analysis per translation unit
// (checks/support/taint); each reports the findings of its own sink kind, so
// it keeps its own id, CWE and suppression.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_INPUT_TAINTSINKCHECK_H
#define MEDSEC_CHECKS_INPUT_TAINTSINKCHECK_H

#include "../support/MedSecCheck.h"
#include "../support/taint/TaintEngine.h"

namespace clang::tidy::medsec {

class TaintSinkCheck : public MedSecCheck {
public:
  TaintSinkCheck(StringRef Name, ClangTidyContext *Context, taint::SinkKind Kind)
      : MedSecCheck(Name, Context), Kind(Kind) {}
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override { taint::resetTaintResults(); }

private:
  const taint::SinkKind Kind;
};

} // namespace clang::tidy::medsec

#endif
