//===- ValueRanges.cpp - proven ranges of a function's own integers -------===//
#include "ValueRanges.h"
#include "CfgWorklist.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/CFG.h"

#include <map>
#include <optional>
#include <set>

namespace clang::tidy::medsec::taint {

ValueRange ValueRange::constant(Int V) {
  ValueRange R;
  R.I.Lo = R.I.Hi = Bound::constant(V);
  R.LoReached = R.HiReached = R.Dense = true;
  return R;
}

namespace {

// A missing variable is unknown: nothing is known of either end.
using State = std::map<const VarDecl *, ValueRange>;

Int lowEnd(const ValueRange &R) { return R.I.Lo.isConst() ? R.I.Lo.V : -Infinity; }
Int highEnd(const ValueRange &R) { return R.I.Hi.isConst() ? R.I.Hi.V : Infinity; }

bool sameRange(const ValueRange &A, const ValueRange &B) {
  return A.I.Lo == B.I.Lo && A.I.Hi == B.I.Hi && A.LoReached == B.LoReached &&
         A.HiReached == B.HiReached && A.Dense == B.Dense;
}

/// Keeps only the constant ends the program's own values give: an end from a
/// type's range or a trusted comparison is no proof of anything.
ValueRange fromInterval(Interval I) {
  ValueRange R;
  R.I.Lo = I.Lo.K == Bound::Const ? I.Lo : Bound();
  R.I.Hi = I.Hi.K == Bound::Const ? I.Hi : Bound();
  return R;
}

ValueRange join(const ValueRange &A, const ValueRange &B) {
  ValueRange R;
  R.I.Lo = joinLo(A.I.Lo, B.I.Lo);
  R.I.Hi = joinHi(A.I.Hi, B.I.Hi);
  // An end of the join is reached when a path that gives it reaches it.
  if (R.I.Lo.isConst()) {
    const bool FromA = A.I.Lo.V == R.I.Lo.V && A.LoReached;
    R.LoReached = FromA || (B.I.Lo.V == R.I.Lo.V && B.LoReached);
    R.LoWhy = FromA ? A.LoWhy : B.LoWhy;
  }
  if (R.I.Hi.isConst()) {
    const bool FromA = A.I.Hi.V == R.I.Hi.V && A.HiReached;
    R.HiReached = FromA || (B.I.Hi.V == R.I.Hi.V && B.HiReached);
    R.HiWhy = FromA ? A.HiWhy : B.HiWhy;
  }
  // Adjacent or overlapping dense ranges leave no gap (a counter's 0, 1, 2...).
  R.Dense = A.Dense && B.Dense && lowEnd(A) <= clampInt(highEnd(B) + 1) &&
            lowEnd(B) <= clampInt(highEnd(A) + 1);
  return R;
}

/// Joins From into Into; true when Into changed. Widen drops the ends that
/// still move, so loops converge (a loop condition then cuts them again);
/// Steps, when given, limits that to the variables the loop itself changes.
bool joinState(State &Into, const State &From, bool Widen,
               const std::set<const VarDecl *> *Steps = nullptr) {
  bool Changed = false;
  for (auto It = Into.begin(); It != Into.end();) {
    auto F = From.find(It->first);
    if (F == From.end()) {
      It = Into.erase(It);
      Changed = true;
      continue;
    }
    ValueRange J = join(It->second, F->second);
    if (Widen && (!Steps || Steps->count(It->first))) {
      if (J.I.Lo != It->second.I.Lo)
        J.I.Lo = Bound(), J.LoReached = false;
      if (J.I.Hi != It->second.I.Hi)
        J.I.Hi = Bound(), J.HiReached = false;
    }
    if (!sameRange(J, It->second)) {
      It->second = J;
      Changed = true;
    }
    ++It;
  }
  return Changed;
}

BinaryOperatorKind negated(BinaryOperatorKind Op) {
  switch (Op) {
  case BO_LT: return BO_GE;
  case BO_GE: return BO_LT;
  case BO_GT: return BO_LE;
  case BO_LE: return BO_GT;
  case BO_EQ: return BO_NE;
  case BO_NE: return BO_EQ;
  default: return Op;
  }
}

BinaryOperatorKind reversed(BinaryOperatorKind Op) {
  switch (Op) {
  case BO_LT: return BO_GT;
  case BO_GT: return BO_LT;
  case BO_LE: return BO_GE;
  case BO_GE: return BO_LE;
  default: return Op;
  }
}

bool isPowerOfTwoMask(Int M) { return M >= 0 && ((M + 1) & M) == 0; }

/// The variables referenced in X.
void variablesOf(const Expr *X, std::set<const VarDecl *> &Out) {
  if (!X)
    return;
  if (const auto *DR = dyn_cast<DeclRefExpr>(X))
    if (const auto *V = dyn_cast<VarDecl>(DR->getDecl()))
      Out.insert(V);
  for (const Stmt *C : X->children())
    if (const auto *CE = dyn_cast_or_null<Expr>(C))
      variablesOf(CE, Out);
}

/// The variables S assigns or steps (=, op=, ++, --).
std::set<const VarDecl *> changedIn(const Stmt *S) {
  struct Finder : RecursiveASTVisitor<Finder> {
    std::set<const VarDecl *> Out;
    void note(const Expr *X) {
      if (const auto *DR = dyn_cast<DeclRefExpr>(X->IgnoreParens()))
        if (const auto *V = dyn_cast<VarDecl>(DR->getDecl()))
          Out.insert(V);
    }
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (BO->isAssignmentOp())
        note(BO->getLHS());
      return true;
    }
    bool VisitUnaryOperator(UnaryOperator *U) {
      if (U->isIncrementDecrementOp())
        note(U->getSubExpr());
      return true;
    }
    bool VisitDeclStmt(DeclStmt *DS) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D))
          Out.insert(V);
      return true;
    }
  } F;
  F.TraverseStmt(const_cast<Stmt *>(S));
  return F.Out;
}

class Analysis : public RangeQuery {
public:
  Analysis(ASTContext &Ctx, const FunctionDecl *FD) : Ctx(Ctx), FD(FD), Constants(Ctx) {}
  void run(llvm::function_ref<void(const Stmt *, const RangeQuery &)> Visit);
  ValueRange rangeOf(const Expr *X) const override { return eval(X, *Cur); }

private:
  std::optional<IntRange> typeRange(QualType T) const;
  void findTracked();
  const VarDecl *trackedVar(const Expr *X, const State &S) const;
  ValueRange eval(const Expr *X, const State &S) const;
  ValueRange arith(BinaryOperatorKind Op, const ValueRange &A, const ValueRange &B,
                   bool Independent, QualType T) const;
  ValueRange convert(const ValueRange &V, QualType From, QualType To) const;
  void transfer(const Stmt *St, State &S) const;
  void assign(State &S, const VarDecl *V, ValueRange R, const Stmt *At) const;
  bool refine(State &S, const Expr *Cond, bool Truth) const;
  bool refineVar(State &S, const VarDecl *V, BinaryOperatorKind Op, const ValueRange &Other,
                 const Stmt *At) const;

  ASTContext &Ctx;
  const FunctionDecl *FD;
  IntegerConstants Constants;
  std::set<const VarDecl *> Tracked;
  const State *Cur = nullptr;
};

std::optional<IntRange> Analysis::typeRange(QualType T) const { return typeRangeOf(T, Ctx); }

// A local integer is tracked when every use reads it or assigns it directly:
// no address, reference, capture or asm operand can change it behind the CFG.
void Analysis::findTracked() {
  struct Finder : RecursiveASTVisitor<Finder> {
    std::set<const VarDecl *> Seen, Escaped;
    std::vector<const DeclRefExpr *> Refs;
    bool VisitDeclRefExpr(DeclRefExpr *DR) {
      Refs.push_back(DR);
      return true;
    }
    bool VisitLambdaExpr(LambdaExpr *L) {
      for (const LambdaCapture &C : L->captures())
        if (C.capturesVariable())
          if (const auto *V = dyn_cast<VarDecl>(C.getCapturedVar()))
            Escaped.insert(V);
      return true;
    }
    bool VisitBlockExpr(BlockExpr *B) {
      for (const BlockDecl::Capture &C : B->getBlockDecl()->captures())
        Escaped.insert(C.getVariable());
      return true;
    }
  } F;
  Stmt *Body = FD->getBody();
  F.TraverseStmt(Body);
  ParentMap PM(Body);
  for (const DeclRefExpr *DR : F.Refs) {
    const auto *V = dyn_cast<VarDecl>(DR->getDecl());
    if (!V || !V->isLocalVarDeclOrParm() || V->isStaticLocal() ||
        V->getType().isVolatileQualified() || !typeRange(V->getType()))
      continue;
    F.Seen.insert(V);
    const Stmt *P = PM.getParentIgnoreParens(DR);
    bool Direct = false;
    if (const auto *IC = dyn_cast_or_null<ImplicitCastExpr>(P))
      Direct = IC->getCastKind() == CK_LValueToRValue;
    else if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P))
      Direct = BO->isAssignmentOp() && BO->getLHS()->IgnoreParens() == DR;
    else if (const auto *U = dyn_cast_or_null<UnaryOperator>(P))
      Direct = U->isIncrementDecrementOp();
    else if (isa_and_nonnull<UnaryExprOrTypeTraitExpr>(P))
      Direct = true; // sizeof x: not evaluated
    if (!Direct)
      F.Escaped.insert(V);
  }
  for (const VarDecl *V : F.Seen)
    if (!F.Escaped.count(V))
      Tracked.insert(V);
}

// X names a tracked variable, read as itself or through a conversion that
// keeps its value on this path.
const VarDecl *Analysis::trackedVar(const Expr *X, const State &S) const {
  QualType Target = X->getType();
  while (true) {
    X = X->IgnoreParens();
    const auto *IC = dyn_cast<ImplicitCastExpr>(X);
    if (!IC)
      break;
    const CastKind K = IC->getCastKind();
    if (K != CK_LValueToRValue && K != CK_NoOp && K != CK_IntegralCast)
      return nullptr;
    X = IC->getSubExpr();
  }
  const auto *DR = dyn_cast<DeclRefExpr>(X);
  const auto *V = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
  if (!V || !Tracked.count(V))
    return nullptr;
  auto TR = typeRange(Target), VR = typeRange(V->getType());
  if (!TR || !VR)
    return nullptr;
  if (VR->first >= TR->first && VR->second <= TR->second)
    return V;
  auto It = S.find(V);
  if (It != S.end() && It->second.I.Lo.isConst() && It->second.I.Hi.isConst() &&
      It->second.I.Lo.V >= TR->first && It->second.I.Hi.V <= TR->second)
    return V;
  return nullptr;
}

ValueRange Analysis::convert(const ValueRange &V, QualType From, QualType To) const {
  auto FR = typeRange(From), TR = typeRange(To);
  if (!TR)
    return ValueRange();
  bool Wraps = false;
  Interval I = convertBounds(V.I, FR, *TR, To->isUnsignedIntegerOrEnumerationType(), Wraps);
  if (Wraps)
    return ValueRange();
  ValueRange R = V;
  R.I = fromInterval(I).I;
  R.LoReached = V.LoReached && R.I.Lo.isConst();
  R.HiReached = V.HiReached && R.I.Hi.isConst();
  return R;
}

ValueRange Analysis::arith(BinaryOperatorKind Op, const ValueRange &A, const ValueRange &B,
                           bool Independent, QualType T) const {
  auto TR = typeRange(T);
  ValueRange R = fromInterval(arithBounds(Op, A.I, true, B.I, true, TR));
  // A result outside its type wraps (or is undefined): nothing is proven.
  if (TR && ((R.I.Lo.isConst() && R.I.Lo.V < TR->first) ||
             (R.I.Hi.isConst() && R.I.Hi.V > TR->second)))
    return ValueRange();
  // Two uses of one variable (i - i) do not reach the corners of their ranges.
  Independent = Independent || A.singleton() || B.singleton();
  const bool Both = Independent && A.LoReached && A.HiReached && B.LoReached && B.HiReached;
  switch (Op) {
  case BO_Add:
  case BO_AddAssign:
    R.LoReached = Independent && A.LoReached && B.LoReached;
    R.HiReached = Independent && A.HiReached && B.HiReached;
    R.LoWhy = A.singleton() ? B.LoWhy : A.LoWhy;
    R.HiWhy = A.singleton() ? B.HiWhy : A.HiWhy;
    R.Dense = Independent && A.Dense && B.Dense;
    break;
  case BO_Sub:
  case BO_SubAssign:
    R.LoReached = Independent && A.LoReached && B.HiReached;
    R.HiReached = Independent && A.HiReached && B.LoReached;
    R.LoWhy = A.singleton() ? B.HiWhy : A.LoWhy;
    R.HiWhy = A.singleton() ? B.LoWhy : A.HiWhy;
    R.Dense = Independent && A.Dense && B.Dense;
    break;
  case BO_Mul:
  case BO_MulAssign: {
    // The extremes of a product are products of ends (corners).
    R.LoReached = R.HiReached = Both;
    const ValueRange &X = A.singleton() ? B : A;
    const bool Negative = (A.singleton() ? A : B).I.Lo.V < 0;
    R.LoWhy = Negative ? X.HiWhy : X.LoWhy;
    R.HiWhy = Negative ? X.LoWhy : X.HiWhy;
    R.Dense = (A.singleton() && A.I.Lo.V == 1 && B.Dense) || (B.singleton() && B.I.Lo.V == 1 && A.Dense);
    break;
  }
  case BO_Div:
  case BO_DivAssign:
  case BO_Shr:
  case BO_ShrAssign:
    // Monotone in A for a constant divisor or shift: the ends map to ends.
    if (B.singleton()) {
      R.LoReached = A.LoReached && R.I.Lo.isConst();
      R.HiReached = A.HiReached && R.I.Hi.isConst();
      R.LoWhy = A.LoWhy;
      R.HiWhy = A.HiWhy;
      R.Dense = A.Dense;
    }
    break;
  case BO_Shl:
  case BO_ShlAssign:
    if (B.singleton()) {
      R.LoReached = A.LoReached && R.I.Lo.isConst();
      R.HiReached = A.HiReached && R.I.Hi.isConst();
      R.LoWhy = A.LoWhy;
      R.HiWhy = A.HiWhy;
      R.Dense = A.Dense && B.I.Lo.V == 0;
    }
    break;
  case BO_Rem:
  case BO_RemAssign:
  case BO_And:
  case BO_AndAssign: {
    // A modulo or a mask only bounds the value, unless it leaves it as it is
    // or the value runs through every residue.
    const bool Rem = Op == BO_Rem || Op == BO_RemAssign;
    const ValueRange *X = &A, *M = &B;
    if (!Rem && A.singleton() && !B.singleton())
      std::swap(X, M);
    if (!M->singleton() || !X->I.Lo.isConst() || X->I.Lo.V < 0)
      break;
    const Int Modulus = Rem ? M->I.Lo.V : M->I.Lo.V + 1;
    if (Modulus <= 0 || (!Rem && !isPowerOfTwoMask(M->I.Lo.V)))
      break;
    if (X->I.Hi.isConst() && X->I.Hi.V < Modulus)
      return *X;
    if (X->Dense && X->LoReached && X->HiReached && X->I.Hi.isConst() &&
        X->I.Hi.V - X->I.Lo.V + 1 >= Modulus) {
      R.LoReached = R.HiReached = R.Dense = true;
      R.LoWhy = X->LoWhy;
      R.HiWhy = X->HiWhy;
    }
    break;
  }
  default:
    break;
  }
  return R;
}

ValueRange Analysis::eval(const Expr *X, const State &S) const {
  X = X->IgnoreParens();
  if (X->isValueDependent() || X->isTypeDependent())
    return ValueRange();
  if (X->getType()->isIntegralOrEnumerationType())
    if (std::optional<Int> N = Constants.of(X))
      return ValueRange::constant(*N);
  if (const auto *DR = dyn_cast<DeclRefExpr>(X)) {
    const auto *V = dyn_cast<VarDecl>(DR->getDecl());
    auto It = V && Tracked.count(V) ? S.find(V) : S.end();
    return It == S.end() ? ValueRange() : It->second;
  }
  if (const auto *CE = dyn_cast<CastExpr>(X)) {
    const Expr *Sub = CE->getSubExpr();
    switch (CE->getCastKind()) {
    case CK_LValueToRValue:
    case CK_NoOp:
      return eval(Sub, S);
    case CK_IntegralCast:
      return convert(eval(Sub, S), Sub->getType(), CE->getType());
    default:
      return ValueRange();
    }
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(X)) {
    if (BO->getOpcode() == BO_Comma)
      return eval(BO->getRHS(), S);
    if (BO->isAssignmentOp() || BO->isComparisonOp() || BO->isLogicalOp() ||
        !BO->getType()->isIntegralOrEnumerationType())
      return ValueRange();
    std::set<const VarDecl *> L, R;
    variablesOf(BO->getLHS(), L);
    variablesOf(BO->getRHS(), R);
    bool Independent = true;
    for (const VarDecl *V : L)
      Independent = Independent && !R.count(V);
    return arith(BO->getOpcode(), eval(BO->getLHS(), S), eval(BO->getRHS(), S), Independent,
                 BO->getType());
  }
  if (const auto *U = dyn_cast<UnaryOperator>(X)) {
    // The CFG has run the step already: i++ is the value before it.
    if (U->isIncrementDecrementOp()) {
      const auto *DR = dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParens());
      const auto *V = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
      auto It = V && Tracked.count(V) ? S.find(V) : S.end();
      if (It == S.end())
        return ValueRange();
      ValueRange R = It->second;
      const Int Back = U->isPostfix() ? (U->isIncrementOp() ? -1 : 1) : 0;
      if (R.I.Lo.isConst())
        R.I.Lo.V += Back;
      if (R.I.Hi.isConst())
        R.I.Hi.V += Back;
      return R;
    }
    if (U->getOpcode() == UO_Plus)
      return eval(U->getSubExpr(), S);
    if (U->getOpcode() == UO_Minus)
      return arith(BO_Sub, ValueRange::constant(0), eval(U->getSubExpr(), S), true, U->getType());
    return ValueRange();
  }
  if (const auto *CO = dyn_cast<ConditionalOperator>(X)) {
    State T = S, F = S;
    const bool TOk = refine(T, CO->getCond(), true), FOk = refine(F, CO->getCond(), false);
    if (TOk && FOk)
      return join(eval(CO->getTrueExpr(), T), eval(CO->getFalseExpr(), F));
    if (TOk)
      return eval(CO->getTrueExpr(), T);
    if (FOk)
      return eval(CO->getFalseExpr(), F);
    return ValueRange();
  }
  return ValueRange();
}

void Analysis::assign(State &S, const VarDecl *V, ValueRange R, const Stmt *At) const {
  // An end no condition set (a constant, a choice between constants) has its
  // origin here: the assignment a finding's note names.
  if (R.I.Lo.isConst() && !R.LoWhy.At)
    R.LoWhy = RangeOrigin{At, V, R.I.Lo.V, false};
  if (R.I.Hi.isConst() && !R.HiWhy.At)
    R.HiWhy = RangeOrigin{At, V, R.I.Hi.V, false};
  if (!R.I.Lo.isConst() && !R.I.Hi.isConst())
    S.erase(V);
  else
    S[V] = R;
}

void Analysis::transfer(const Stmt *St, State &S) const {
  if (const auto *DS = dyn_cast<DeclStmt>(St)) {
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D); V && Tracked.count(V)) {
        if (const Expr *Init = V->getInit())
          assign(S, V, convert(eval(Init, S), Init->getType(), V->getType()), DS);
        else
          S.erase(V);
      }
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(St)) {
    if (!BO->isAssignmentOp())
      return;
    const auto *DR = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParens());
    const auto *V = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
    if (!V || !Tracked.count(V))
      return;
    if (BO->getOpcode() == BO_Assign) {
      assign(S, V, convert(eval(BO->getRHS(), S), BO->getRHS()->getType(), V->getType()), BO);
      return;
    }
    const auto *CA = cast<CompoundAssignOperator>(BO);
    auto It = S.find(V);
    ValueRange Old = It == S.end() ? ValueRange() : It->second;
    ValueRange Lhs = convert(Old, V->getType(), CA->getComputationLHSType());
    std::set<const VarDecl *> R;
    variablesOf(BO->getRHS(), R);
    ValueRange Result = arith(BO->getOpcode(), Lhs, eval(BO->getRHS(), S), !R.count(V),
                              CA->getComputationResultType());
    assign(S, V, convert(Result, CA->getComputationResultType(), V->getType()), BO);
    return;
  }
  if (const auto *U = dyn_cast<UnaryOperator>(St)) {
    if (!U->isIncrementDecrementOp())
      return;
    const auto *DR = dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParens());
    const auto *V = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
    if (!V || !Tracked.count(V))
      return;
    auto It = S.find(V);
    if (It == S.end())
      return;
    ValueRange R = It->second;
    const Int D = U->isIncrementOp() ? 1 : -1;
    auto TR = typeRange(V->getType());
    if (R.I.Lo.isConst())
      R.I.Lo.V += D;
    if (R.I.Hi.isConst())
      R.I.Hi.V += D;
    // A step out of the type's range wraps: nothing is known any more.
    if (!TR || (R.I.Lo.isConst() && R.I.Lo.V < TR->first) ||
        (R.I.Hi.isConst() && R.I.Hi.V > TR->second)) {
      S.erase(It);
      return;
    }
    It->second = R;
  }
}

bool Analysis::refineVar(State &S, const VarDecl *V, BinaryOperatorKind Op,
                         const ValueRange &Other, const Stmt *At) const {
  auto It = S.find(V);
  ValueRange R = It == S.end() ? ValueRange() : It->second;
  // A cut end is reached when every value below it is: a dense range from a
  // reached start (a counter), against an end the other side reaches.
  auto CutHi = [&](Int H, bool OtherReached) {
    if (R.I.Hi.isConst() && H >= R.I.Hi.V) {
      if (H == R.I.Hi.V) // this condition is the bound the end stops at
        R.HiWhy = RangeOrigin{At, V, H, true};
      return;
    }
    R.I.Hi = Bound::constant(H);
    R.HiReached = R.Dense && R.LoReached && OtherReached && R.I.Lo.isConst() && H >= R.I.Lo.V;
    R.HiWhy = RangeOrigin{At, V, H, true};
  };
  auto CutLo = [&](Int L, bool OtherReached) {
    if (R.I.Lo.isConst() && L <= R.I.Lo.V) {
      if (L == R.I.Lo.V)
        R.LoWhy = RangeOrigin{At, V, L, true};
      return;
    }
    R.I.Lo = Bound::constant(L);
    R.LoReached = R.Dense && R.HiReached && OtherReached && R.I.Hi.isConst() && L <= R.I.Hi.V;
    R.LoWhy = RangeOrigin{At, V, L, true};
  };
  const Bound &OLo = Other.I.Lo, &OHi = Other.I.Hi;
  // Against a value that varies (i <= j) the cut end is reached only together
  // with the other's end: the two are related from here on, and intervals do
  // not keep relations (j - i), so the end proves nothing.
  const bool HiFixed = Other.singleton() && Other.HiReached;
  const bool LoFixed = Other.singleton() && Other.LoReached;
  switch (Op) {
  case BO_LT:
    if (OHi.isConst())
      CutHi(OHi.V - 1, HiFixed);
    break;
  case BO_LE:
    if (OHi.isConst())
      CutHi(OHi.V, HiFixed);
    break;
  case BO_GT:
    if (OLo.isConst())
      CutLo(OLo.V + 1, LoFixed);
    break;
  case BO_GE:
    if (OLo.isConst())
      CutLo(OLo.V, LoFixed);
    break;
  case BO_EQ:
    if (OHi.isConst())
      CutHi(OHi.V, HiFixed);
    if (OLo.isConst())
      CutLo(OLo.V, LoFixed);
    break;
  case BO_NE:
    if (Other.singleton()) {
      if (R.I.Lo.isConst() && R.I.Lo.V == OLo.V)
        CutLo(OLo.V + 1, true);
      if (R.I.Hi.isConst() && R.I.Hi.V == OLo.V)
        CutHi(OLo.V - 1, true);
    }
    break;
  default:
    return true;
  }
  if (infeasible(R.I.Lo, R.I.Hi))
    return false;
  if (R.I.Lo.isConst() || R.I.Hi.isConst())
    S[V] = R;
  return true;
}

// Refines S for the edge on which Cond is Truth; false when no value can take it.
bool Analysis::refine(State &S, const Expr *Cond, bool Truth) const {
  Cond = Cond->IgnoreParens();
  if (const auto *U = dyn_cast<UnaryOperator>(Cond))
    if (U->getOpcode() == UO_LNot)
      return refine(S, U->getSubExpr(), !Truth);
  if (const auto *IC = dyn_cast<ImplicitCastExpr>(Cond))
    if (IC->getCastKind() == CK_IntegralToBoolean || IC->getCastKind() == CK_LValueToRValue)
      if (const VarDecl *V = trackedVar(IC->getSubExpr(), S))
        return refineVar(S, V, Truth ? BO_NE : BO_EQ, ValueRange::constant(0), Cond);
  if (const VarDecl *V = trackedVar(Cond, S))
    return refineVar(S, V, Truth ? BO_NE : BO_EQ, ValueRange::constant(0), Cond);
  const auto *BO = dyn_cast<BinaryOperator>(Cond);
  if (!BO)
    return true;
  if (BO->getOpcode() == BO_LAnd && Truth)
    return refine(S, BO->getLHS(), true) && refine(S, BO->getRHS(), true);
  if (BO->getOpcode() == BO_LOr && !Truth)
    return refine(S, BO->getLHS(), false) && refine(S, BO->getRHS(), false);
  if (!BO->isComparisonOp())
    return true;
  const BinaryOperatorKind Op = Truth ? BO->getOpcode() : negated(BO->getOpcode());
  const VarDecl *L = trackedVar(BO->getLHS(), S), *R = trackedVar(BO->getRHS(), S);
  const ValueRange LV = eval(BO->getLHS(), S), RV = eval(BO->getRHS(), S);
  bool Ok = true;
  if (L)
    Ok = refineVar(S, L, Op, RV, BO);
  if (R && R != L)
    Ok = Ok && refineVar(S, R, reversed(Op), LV, BO);
  return Ok;
}

void Analysis::run(llvm::function_ref<void(const Stmt *, const RangeQuery &)> Visit) {
  std::unique_ptr<CFG> G = functionCfg(FD, Ctx);
  if (!G)
    return;
  findTracked();
  const unsigned N = G->getNumBlockIDs();
  // Widening happens only where a loop closes: a block after the loop head
  // takes the head's settled values unwidened.
  const std::vector<bool> LoopHead = loopHeads(*G);
  // A loop head widens only what its own loop changes: an outer counter
  // seen at an inner head settles at the outer head (2-D loops).
  std::vector<std::optional<std::set<const VarDecl *>>> Steps(N);
  for (const CFGBlock *B : *G) {
    const Stmt *T = B->getTerminatorStmt();
    if (isa_and_nonnull<ForStmt, WhileStmt>(T) && LoopHead[B->getBlockID()])
      Steps[B->getBlockID()] = changedIn(T);
    if (isa_and_nonnull<DoStmt>(T))
      forEachReachableSuccessor(*B, [&](const CFGBlock *SB, unsigned) {
        if (LoopHead[SB->getBlockID()] && SB->getBlockID() != G->getExit().getBlockID())
          Steps[SB->getBlockID()] = changedIn(T);
      });
  }
  std::vector<std::optional<State>> In(N);
  std::vector<unsigned> Visits(N, 0);
  In[G->getEntry().getBlockID()].emplace();

  bool Reporting = false;
  auto Process = [&](const CFGBlock *B, State St,
                     llvm::function_ref<void(const CFGBlock *, State &)> OnEdge) {
    for (const CFGElement &El : *B)
      if (auto CS = El.getAs<CFGStmt>()) {
        if (Reporting) {
          Cur = &St;
          Visit(CS->getStmt(), *this);
          Cur = nullptr;
        }
        transfer(CS->getStmt(), St);
      }
    const Expr *Cond = branchCondition(*B);
    const Stmt *Term = B->getTerminatorStmt();
    forEachReachableSuccessor(*B, [&](const CFGBlock *SB, unsigned Index) {
      State Edge = St;
      if (Cond && B->succ_size() == 2 && !(Term && isa<SwitchStmt>(Term)))
        if (!refine(Edge, Cond, Index == 0))
          return; // no value takes this edge
      OnEdge(SB, Edge);
    });
  };
  auto Join = [&](State &Into, const State &From, unsigned ID) {
    return joinState(Into, From, LoopHead[ID] && ++Visits[ID] > WidenAfterVisits,
                     Steps[ID] ? &*Steps[ID] : nullptr);
  };
  if (!solveForward<State>(*G, In, VisitsPerBlock, Process, Join))
    return; // no fixpoint: nothing is proven
  Reporting = true;
  for (const CFGBlock *B : *G)
    if (In[B->getBlockID()])
      Process(B, *In[B->getBlockID()], [](const CFGBlock *, State &) {});
}

} // namespace

std::optional<Int> IntegerConstants::of(const Expr *X) const {
  auto [It, New] = Known.try_emplace(X);
  if (New) {
    Expr::EvalResult R;
    if (!X->HasSideEffects(Ctx) && X->EvaluateAsInt(R, Ctx)) {
      const llvm::APSInt &I = R.Val.getInt();
      It->second = I.isSigned() ? Int(I.getSExtValue()) : Int(I.getZExtValue());
    }
  }
  return It->second;
}

void analyseRanges(ASTContext &Ctx, const FunctionDecl *FD,
                   llvm::function_ref<void(const Stmt *, const RangeQuery &)> Visit) {
  Analysis(Ctx, FD).run(Visit);
}

} // namespace clang::tidy::medsec::taint
