//===- ResultUse.h - how a result is used where it is produced ----*- C++ -*-===//
//
// medsec-unchecked-return-value follows a call's value through the
// expressions around it (casts, parentheses, assignments, conditions) to say
// whether it is discarded, cast to void, stored in a local, tested, or handed
// on; and, for a stored value, what the function does with the local later.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_ERRORS_RESULTUSE_H
#define MEDSEC_CHECKS_ERRORS_RESULTUSE_H

#include "ReturnConvention.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::medsec {

/// How a value is used where it is produced.
struct ResultUse {
  enum Kind { Discarded, VoidCast, Stored, Tested, Opaque };
  ResultUse() = default;
  ResultUse(Kind K, const Expr *Where) : K(K), Where(Where) {}
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

/// Classifies how the value of E is used by the expressions around it.
ResultUse classifyResultUse(const Expr *E, ASTContext &Ctx);

/// E is the condition of a switch: each case handles a result.
bool switchedOn(const Expr *E, ASTContext &Ctx);

/// The local U stored the result in is tested (or switched on) after the
/// store, somewhere in Fn.
bool storedThenTested(const ResultUse &U, const FunctionDecl *Fn, const SourceManager &SM,
                      ASTContext &Ctx);

/// The pointer read by Ref is dereferenced right there: `*p`, `p[i]`, `p->f`,
/// or an argument the callee declares nonnull (glibc's strcpy, memcpy, ...).
bool dereferenced(const DeclRefExpr *Ref, ASTContext &Ctx);

/// The variable V, assigned the result in a tested condition, is also read
/// for its value (`while ((n = fread(...)) > 0) fwrite(buf, 1, n, out);`):
/// the short count is handled where it is used.
bool countIsUsed(const VarDecl *V, const FunctionDecl *Fn, ASTContext &Ctx);

} // namespace clang::tidy::medsec

#endif
