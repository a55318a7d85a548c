//===- ValueRanges.h - proven ranges of a function's own integers -*- C++ -*-===//
//
// The interval engine of the taint analysis (Interval.h) applied to the
// program's own integer variables: a worklist over clang's CFG carries the
// bounds of each local integer whose address is never taken; assignments,
// increments, constants, sizeof and enumerators set them, branch conditions on
// the CFG edges refine them (loop conditions, `if (i >= N) return;`), and the
// arithmetic of an index (`K + i`, `i * W + j`, `%`, `&`) is arithBounds.
//
// Beside each end it records whether that end is reached on some path, not
// only a limit of what could happen: a constant is reached, the ends of a sum
// of independent reached ends are reached, a loop counter stepping by one from
// a reached start reaches every value its condition lets through, while a
// modulo, a mask or a type's range only bound a value. A check that reports
// only reached ends reports what is proven for the analysed configuration.
//
// Used by medsec-array-out-of-bounds; tests/lit/checks/medsec-array-out-of-bounds*.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_SUPPORT_TAINT_VALUERANGES_H
#define MEDSEC_CHECKS_SUPPORT_TAINT_VALUERANGES_H

#include "Interval.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <optional>

namespace clang::tidy::medsec::taint {

/// What set one end of a range: a branch condition, or an assignment of a
/// variable, and the value the variable had there.
struct RangeOrigin {
  const Stmt *At = nullptr;
  const VarDecl *Var = nullptr;
  Int Value = 0;
  bool Condition = false;
};

/// A value's bounds on the paths reaching a point. Only constant ends are
/// kept (Bound::Const); an unknown end is Bound::None.
struct ValueRange {
  Interval I;
  bool LoReached = false, HiReached = false;
  bool Dense = false; // every integer between the ends is reached
  RangeOrigin LoWhy, HiWhy;

  bool singleton() const {
    return I.Lo.isConst() && I.Hi.isConst() && I.Lo.V == I.Hi.V;
  }
  static ValueRange constant(Int V);
};

/// An expression's value when it is an integer constant without side effects
/// (not HasSideEffects, EvaluateAsInt; read as signed or unsigned by its
/// type), remembered per expression: the worklist analyses ask it of every
/// subexpression each time they pass over a statement, and the constant
/// evaluator is not cheap (6 M instructions a keystroke build of the sample's
/// uart_cmd.c in medsec-clangd, mostly asked again).
class IntegerConstants {
public:
  explicit IntegerConstants(const ASTContext &Ctx) : Ctx(Ctx) {}
  std::optional<Int> of(const Expr *X) const;

private:
  const ASTContext &Ctx;
  mutable llvm::DenseMap<const Expr *, std::optional<Int>> Known;
};

/// Answers what a value ranges over just before a statement.
class RangeQuery {
public:
  virtual ~RangeQuery() = default;
  virtual ValueRange rangeOf(const Expr *X) const = 0;
};

/// Analyses the body of FD and calls Visit once for every statement of its
/// CFG that runs on some path, with the ranges before that statement.
/// Functions above the analysis budget are skipped.
void analyseRanges(ASTContext &Ctx, const FunctionDecl *FD,
                   llvm::function_ref<void(const Stmt *, const RangeQuery &)> Visit);

} // namespace clang::tidy::medsec::taint

#endif
