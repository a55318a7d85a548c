//===- DeadStores.h - results stored and never read -------------*- C++ -*-===//
//
// clang's live-variables analysis over a function's CFG says whether the
// local a result was stored in is read before it is overwritten or goes out
// of scope. Computed once per function and kept for the unit.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_ERRORS_DEADSTORES_H
#define MEDSEC_CHECKS_ERRORS_DEADSTORES_H

#include "ResultUse.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::medsec {

class DeadResultStores {
public:
  /// The store of U (a Stored use in Fn) is dead. Locals whose address is
  /// taken, that a lambda captures, volatile, static or references, and
  /// functions with inline assembly have no dead stores.
  bool isDead(const FunctionDecl *Fn, const ResultUse &U, ASTContext &Ctx);
  void clear() { Dead.clear(); }

private:
  // Per analysed function: the stores (assignment or variable) that are dead.
  llvm::DenseMap<const FunctionDecl *, llvm::DenseSet<const void *>> Dead;
};

} // namespace clang::tidy::medsec

#endif
