//===- SizeofAsCountCheck.h - medsec-sizeof-as-count ------------*- C++ -*-===//
#ifndef MEDSEC_CHECKS_MEMORY_SIZEOFASCOUNTCHECK_H
#define MEDSEC_CHECKS_MEMORY_SIZEOFASCOUNTCHECK_H

#include "../support/MedSecCheck.h"

#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::medsec {

/// Finds `sizeof(arr)` of an array whose elements are wider than a byte used
/// where a number of elements is meant: compared with a variable that indexes
/// the same array (`for (i = 0; i < sizeof table; i++) table[i]`,
/// `if (p > sizeof(table)) return; table[p]`), or inside the array's own index
/// (`table[sizeof table - 1]`). Offers `sizeof(arr) / sizeof(arr[0])`.
///
/// For the user-facing documentation see:
/// docs/checks/medsec-sizeof-as-count.md
class SizeofAsCountCheck : public MedSecCheck {
public:
  SizeofAsCountCheck(StringRef Name, ClangTidyContext *Context) : MedSecCheck(Name, Context) {}
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override { Reported.clear(); }

private:
  void reportAt(const UnaryExprOrTypeTraitExpr *Sizeof, const ValueDecl *Array,
                const ValueDecl *Index, const ast_matchers::MatchFinder::MatchResult &Result);
  llvm::DenseSet<const Expr *> Reported;
};

} // namespace clang::tidy::medsec

#endif
