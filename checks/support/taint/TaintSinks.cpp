//===- TaintSinks.cpp - guards and sinks of the taint analysis ------------===//
#include "../StatementFacts.h"
#include "TaintEngineImpl.h"

#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/ScopeExit.h"

#include <functional>

namespace clang::tidy::medsec::taint {
namespace {

constexpr Int SmallBound = 0xFFFF; // a type bound this small is a real limit
// A size computed from a 16-bit field (len + header, 2 * len) keeps a real limit.
constexpr Int SmallComputedBound = 2 * SmallBound + 1;

std::string str(Int V) {
  if (V < 0)
    return "-" + str(-V);
  std::string S;
  do {
    S.insert(S.begin(), char('0' + static_cast<int>(V % 10)));
    V /= 10;
  } while (V > 0);
  return S;
}

BinaryOperatorKind swapped(BinaryOperatorKind Op) {
  switch (Op) {
  case BO_LT:
    return BO_GT;
  case BO_GT:
    return BO_LT;
  case BO_LE:
    return BO_GE;
  case BO_GE:
    return BO_LE;
  default:
    return Op;
  }
}

BinaryOperatorKind negated(BinaryOperatorKind Op) {
  switch (Op) {
  case BO_LT:
    return BO_GE;
  case BO_GT:
    return BO_LE;
  case BO_LE:
    return BO_GT;
  case BO_GE:
    return BO_LT;
  case BO_EQ:
    return BO_NE;
  case BO_NE:
    return BO_EQ;
  default:
    return Op;
  }
}

/// Is Var counted up or down inside S (++, --, +=, -=): the mark of a counting loop.
bool steppedIn(const Stmt *S, const Expr *Var) {
  const ValueDecl *D = referencedDecl(Var);
  if (!S || !D)
    return false;
  if (const auto *U = dyn_cast<UnaryOperator>(S))
    if (U->isIncrementDecrementOp() && referencedDecl(U->getSubExpr()) == D)
      return true;
  if (const auto *CA = dyn_cast<CompoundAssignOperator>(S))
    if ((CA->getOpcode() == BO_AddAssign || CA->getOpcode() == BO_SubAssign) &&
        referencedDecl(CA->getLHS()) == D)
      return true;
  for (const Stmt *C : S->children())
    if (steppedIn(C, Var))
      return true;
  return false;
}

/// A bound that was written by the developer, not implied by a type.
bool checked(const Bound &B) { return B.K == Bound::Const || B.K == Bound::Trusted; }

bool hiLimited(const Bound &Hi) {
  return Hi.K == Bound::Const || Hi.K == Bound::Trusted ||
         (Hi.K == Bound::TypeConst && Hi.V <= SmallComputedBound);
}

const char *opName(BinaryOperatorKind Op) {
  switch (Op) {
  case BO_Add:
  case BO_AddAssign:
    return "addition";
  case BO_Sub:
  case BO_SubAssign:
    return "subtraction";
  default:
    return "multiplication";
  }
}

} // namespace

//===--- guards -------------------------------------------------------------===//

TVal *FunctionAnalysis::ownEntry(TaintState &St, const LocKey &L) {
  auto It = St.find(L);
  if (It == St.end()) {
    // Tainted through its struct or its pointer: give the part its own entry.
    TaintState *Saved = Cur;
    Cur = &St;
    TVal Whole = lookup(L);
    Cur = Saved;
    if (!Whole.tainted())
      return nullptr;
    It = St.emplace(L, Whole).first;
  }
  return &It->second;
}

void FunctionAnalysis::setBounds(TaintState &St, const LocKey &L, std::optional<Bound> Lo,
                                 std::optional<Bound> Hi) {
  TVal *Entry = ownEntry(St, L);
  if (!Entry)
    return;
  TVal &V = *Entry;
  // A constant written by the developer is tighter information than a type bound.
  if (Lo && (!V.Lo.known() || V.Lo.K == Bound::TypeConst || Lo->K == Bound::Trusted ||
             (V.Lo.isConst() && Lo->isConst() && Lo->V > V.Lo.V)))
    V.Lo = *Lo;
  if (Hi && (!V.Hi.known() || V.Hi.K == Bound::TypeConst || Hi->K == Bound::Trusted ||
             (V.Hi.isConst() && Hi->isConst() && Hi->V < V.Hi.V)))
    V.Hi = *Hi;
  // Below a constant the developer wrote, a difference has not wrapped.
  if (Hi && Hi->isConst() && isDifference(V.Wrap))
    V.Wrap = nullptr;
}

void FunctionAnalysis::refineLoc(TaintState &St, const Expr *Side, BinaryOperatorKind Op,
                                 const Expr *Other, bool UnsignedCompare) {
  Side = Side->IgnoreParenCasts();
  TaintState *Saved = Cur;
  Cur = &St;
  TVal OV = value(Other);
  Cur = Saved;
  std::optional<Bound> B;
  if (OV.tainted()) {
    // Comparing with another external value bounds nothing, unless that value is bounded.
    if (!OV.Hi.known() && !OV.Lo.known())
      return;
    B = Bound::trusted();
  } else if (OV.Lo.isConst() && OV.Hi.isConst() && OV.Lo.V == OV.Hi.V) {
    B = Bound::constant(OV.Lo.V);
  } else {
    B = Bound::trusted();
  }
  // abs(x) <= c bounds x on both sides.
  if (const auto *CE = dyn_cast<CallExpr>(Side))
    if (const FunctionDecl *F = CE->getDirectCallee())
      if (F->getIdentifier() && CE->getNumArgs() == 1 &&
          (F->getName() == "abs" || F->getName() == "labs" || F->getName() == "llabs" ||
           F->getName() == "imaxabs")) {
        if (Op == BO_LT || Op == BO_LE)
          if (auto L = lval(CE->getArg(0))) {
            Bound H = *B, Lo = *B;
            if (B->isConst()) {
              H.V = Op == BO_LT ? B->V - 1 : B->V;
              Lo.V = -H.V;
            }
            setBounds(St, *L, Lo, H);
          }
        return;
      }
  // x + k < c: bound x by c - k; x + y < c bounds both by c (sizes are not negative).
  if (const auto *BO = dyn_cast<BinaryOperator>(Side))
    if (BO->isAdditiveOp() && !BO->getType()->isPointerType()) {
      for (int Pass = 0; Pass < 2; ++Pass) {
        const Expr *X = Pass ? BO->getRHS() : BO->getLHS();
        const Expr *Y = Pass ? BO->getLHS() : BO->getRHS();
        if (Pass && BO->getOpcode() == BO_Sub)
          break;
        Cur = &St;
        TVal YV = value(Y);
        Cur = Saved;
        Bound Adj = *B;
        if (Adj.isConst() && YV.Lo.isConst() && YV.Hi.isConst() && YV.Lo.V == YV.Hi.V)
          Adj.V = BO->getOpcode() == BO_Add ? Adj.V - YV.Lo.V : Adj.V + YV.Lo.V;
        if (Op == BO_LT || Op == BO_LE)
          if (auto L = lval(X))
            setBounds(St, *L, std::nullopt,
                      Adj.isConst() ? Bound::constant(Op == BO_LT ? Adj.V - 1 : Adj.V) : Adj);
      }
      return;
    }
  auto L = lval(Side);
  if (!L)
    return;
  auto Minus = [&](Int D) {
    Bound R = *B;
    if (R.isConst())
      R.V -= D;
    return R;
  };
  auto Plus = [&](Int D) {
    Bound R = *B;
    if (R.isConst())
      R.V += D;
    return R;
  };
  std::optional<Bound> Lo, Hi;
  switch (Op) {
  case BO_LT:
    Hi = Minus(1);
    break;
  case BO_LE:
    Hi = *B;
    break;
  case BO_GT:
    Lo = Plus(1);
    break;
  case BO_GE:
    Lo = *B;
    break;
  case BO_EQ:
    Lo = Hi = *B;
    break;
  case BO_NE: {
    // x != 0 is the guard of a divisor, whatever the range says.
    Expr::EvalResult Zero;
    if (!Other->isValueDependent() && Other->EvaluateAsRValue(Zero, Ctx) &&
        ((Zero.Val.isInt() && Zero.Val.getInt() == 0) ||
         (Zero.Val.isFloat() && Zero.Val.getFloat().isZero())))
      markNonZero(St, *L);
    // x != K removes K when it is an end of the known range (x != -1 after x in [-1, N]).
    if (!B->isConst())
      return;
    Cur = &St;
    const TVal Now = lookup(*L);
    Cur = Saved;
    if (Now.Lo.isConst() && Now.Lo.V == B->V)
      Lo = Bound::constant(B->V + 1, Now.Lo.K);
    // The lower end of its type too: after `if (n == 0) return;` an unsigned n
    // is at least 1, and n - 1 cannot wrap.
    else if (!Now.Lo.known() && Now.tainted())
      if (auto TR = typeRange(Side->getType()); TR && TR->first == B->V)
        Lo = Bound::constant(B->V + 1);
    if (Now.Hi.isConst() && Now.Hi.V == B->V)
      Hi = Bound::constant(B->V - 1, Now.Hi.K);
    if (!Lo && !Hi)
      return;
    break;
  }
  default:
    return;
  }
  // An unsigned comparison of a signed value also rules out negatives.
  if (Hi && UnsignedCompare && Op != BO_NE)
    Lo = Bound::constant(0);
  setBounds(St, *L, Lo, Hi);
}

void FunctionAnalysis::refine(TaintState &St, const Expr *Cond, bool Truth) {
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(Cond)) {
    if (U->getOpcode() == UO_LNot)
      refine(St, U->getSubExpr(), !Truth);
    return;
  }
  refineStatusCondition(St, Cond, Truth);
  if (const auto *CE = dyn_cast<CallExpr>(Cond)) {
    // if (valid(x)) ...
    const FunctionDecl *F = CE->getDirectCallee();
    StringRef Name = calleeName(F);
    auto VS = E.Cfg.Validators.find(Name);
    if (!Name.empty() && VS != E.Cfg.Validators.end() &&
        ((VS->second.When == ValidWhen::NonZero && Truth) ||
         (VS->second.When == ValidWhen::Zero && !Truth)))
      for (unsigned I = 0; I < numArgs(CE); ++I)
        if (VS->second.Args.contains(I))
          validate(St, arg(CE, I));
    return;
  }
  if (Truth && isa<DeclRefExpr, MemberExpr>(Cond)) {
    if (auto L = lval(Cond)) // if (rate): not zero on this edge
      markNonZero(St, *L);
    return;
  }
  const auto *BO = dyn_cast<BinaryOperator>(Cond);
  if (!BO)
    return;
  if (BO->getOpcode() == BO_LAnd || BO->getOpcode() == BO_LOr) {
    if ((BO->getOpcode() == BO_LAnd) == Truth) {
      refine(St, BO->getLHS(), Truth);
      refine(St, BO->getRHS(), Truth);
    }
    return;
  }
  if (BO->getOpcode() == BO_Comma) {
    refine(St, BO->getRHS(), Truth);
    return;
  }
  if (!BO->isComparisonOp())
    return;
  BinaryOperatorKind Op = Truth ? BO->getOpcode() : negated(BO->getOpcode());
  // valid(x) == 0, valid(x) != 0, valid(x) < 0
  for (int Pass = 0; Pass < 2; ++Pass) {
    const Expr *C = (Pass ? BO->getRHS() : BO->getLHS())->IgnoreParenImpCasts();
    const Expr *Other = Pass ? BO->getLHS() : BO->getRHS();
    if (!isa<CallExpr>(C))
      continue;
    Expr::EvalResult R;
    if (!Other->EvaluateAsInt(R, Ctx) || R.Val.getInt() != 0)
      continue;
    const BinaryOperatorKind O = Pass ? swapped(Op) : Op;
    // The call's result is "non-zero" on this edge for != 0 and < 0 / > 0.
    if (O == BO_NE || O == BO_LT || O == BO_GT)
      refine(St, C, true);
    else if (O == BO_EQ)
      refine(St, C, false);
  }
  const bool UnsignedCmp = BO->getLHS()->getType()->isUnsignedIntegerType();
  refineLoc(St, BO->getLHS(), Op, BO->getRHS(), UnsignedCmp);
  refineLoc(St, BO->getRHS(), swapped(Op), BO->getLHS(), UnsignedCmp);
}

//===--- sinks --------------------------------------------------------------===//

// Bounds that contradict each other (an exact value the path's checks exclude)
// mean the path cannot run.
void FunctionAnalysis::sink(SinkKind K, SourceLocation Loc, const TVal &V, SinkEval Eval) {
  if (!V.tainted() || infeasible(V.Lo, V.Hi))
    return;
  if (K != SinkKind::Arithmetic)
    E.reachWrap(V.Wrap);
  const Expr *Held = K == SinkKind::Arithmetic ? HeldArith : nullptr;
  if (V.Real && (!V.Limit || K == SinkKind::Arithmetic))
    if (auto M = Eval(V.Lo, V.Hi, V.Validated))
      E.emitOrHold(Held, K, Loc, *M, V.Trace, {});
  for (unsigned I = 0; I < 64; ++I)
    if (V.Params & (uint64_t(1) << I)) {
      if (!Eval(V.Lo, V.Hi, V.Validated) && V.Direct != static_cast<int>(I))
        continue;
      ParamSink PS;
      PS.Kind = K;
      PS.Loc = Loc;
      PS.Eval = Eval;
      PS.Direct = V.Direct == static_cast<int>(I);
      PS.Lo = V.Lo;
      PS.Hi = V.Hi;
      PS.Validated = V.Validated;
      PS.WrapOp = Held;
      PS.Member = V.memberOfParam(I);
      PS.MemberDirect = V.memberOfParamUnchanged(I);
      S.Sinks[I].push_back(std::move(PS));
    }
}

std::optional<Int> FunctionAnalysis::arrayElements(const Expr *X) const {
  X = X->IgnoreParenImpCasts();
  if (!isa<DeclRefExpr, MemberExpr>(X))
    return std::nullopt;
  if (const ConstantArrayType *AT = Ctx.getAsConstantArrayType(X->getType()))
    return Int(AT->getSize().getZExtValue());
  return std::nullopt;
}

std::optional<Int> FunctionAnalysis::objectBytes(const Expr *X) const {
  X = X->IgnoreParenCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(X))
    if (U->getOpcode() == UO_AddrOf) {
      // &a[k]: what is left of the array from element k on.
      if (const auto *AS = dyn_cast<ArraySubscriptExpr>(U->getSubExpr()->IgnoreParens())) {
        std::optional<Int> Whole = objectBytes(AS->getBase());
        Expr::EvalResult R;
        if (!Whole || !AS->getIdx()->EvaluateAsInt(R, Ctx))
          return std::nullopt;
        const Int Elem = Ctx.getTypeSizeInChars(AS->getType()).getQuantity();
        const Int Left = *Whole - Int(R.Val.getInt().getExtValue()) * Elem;
        return Left > 0 ? std::optional<Int>(Left) : std::optional<Int>(0);
      }
      QualType T = U->getSubExpr()->getType();
      if (!T->isIncompleteType() && !T->isDependentType() && !T->isVariableArrayType())
        return Int(Ctx.getTypeSizeInChars(T).getQuantity());
      return std::nullopt;
    }
  if (!isa<DeclRefExpr, MemberExpr>(X))
    return std::nullopt;
  if (const ConstantArrayType *AT = Ctx.getAsConstantArrayType(X->getType()))
    return Int(Ctx.getTypeSizeInChars(AT).getQuantity());
  return std::nullopt;
}

void FunctionAnalysis::checkIndex(const Expr *Idx, const Expr *Base, SourceLocation Loc,
                                  bool OnePastEnd, bool Called) {
  TVal V = value(Idx);
  if (!V.tainted())
    return;
  const std::optional<Int> N = arrayElements(Base);
  const Int Limit = N ? *N + (OnePastEnd ? 1 : 0) : 0;
  const bool Signed = Idx->IgnoreParenImpCasts()->getType()->isSignedIntegerType() &&
                      Idx->getType()->isSignedIntegerType();
  sink(SinkKind::ArrayIndex, Loc, V,
       [N, Limit, Signed, Called](const Bound &Lo, const Bound &Hi,
                                  bool Validated) -> std::optional<std::string> {
         const bool LoOk = !Signed || Lo.K == Bound::Trusted || (Lo.isConst() && Lo.V >= 0);
         bool HiOk;
         if (N)
           HiOk = Hi.K == Bound::Trusted || (Hi.isConst() && Hi.V < Limit);
         else
           HiOk = hiLimited(Hi);
         if (LoOk && HiOk)
           return std::nullopt;
         std::string M = "index derived from %O ";
         if (N) {
           const std::string Range = "[0, " + str(*N) + ")";
           if (!HiOk && checked(Hi) && Hi.isConst())
             M += "can reach " + str(Hi.V) + " but the array holds " + str(*N) + " elements";
           else if (!HiOk && !LoOk)
             M += "is checked neither against 0 nor against the array bound (" + str(*N) + ")";
           else if (!HiOk)
             M += "is not checked against the array bound (" + str(*N) + ")";
           else
             M += "is not checked against 0 (it is signed)";
           return M + "; reject values outside " + Range + " before the access" +
                  (Called ? " (the element is called: an index out of range jumps to an "
                            "address the sender chooses)"
                          : "");
         }
         if (!HiOk)
           return M + "has no upper bound check; compare it with the size of the buffer before the "
                      "access";
         return M +
                "is not checked against 0 (it is signed); reject negative values before the access";
       });
}

void FunctionAnalysis::checkSize(const Expr *Size, std::optional<Int> DestBytes,
                                 const std::string &What, bool Allocates, SourceLocation Loc) {
  const Expr *Inner = Size->IgnoreParenImpCasts();
  TVal V = value(Inner);
  if (!V.tainted())
    return;
  const bool Signed = Inner->getType()->isSignedIntegerType();
  std::string Name = What;
  sink(SinkKind::MemorySize, Loc, V,
       [=](const Bound &Lo, const Bound &Hi, bool) -> std::optional<std::string> {
         const bool LoOk = !Signed || Lo.K == Bound::Trusted || (Lo.isConst() && Lo.V >= 0);
         bool HiOk;
         if (DestBytes)
           HiOk = Hi.K == Bound::Trusted || (Hi.isConst() && Hi.V <= *DestBytes);
         else
           HiOk = hiLimited(Hi);
         if (LoOk && HiOk)
           return std::nullopt;
         std::string M = Name + " is derived from %O ";
         if (!HiOk && DestBytes && checked(Hi) && Hi.isConst())
           return M + "and can reach " + str(Hi.V) + " but the destination holds " +
                  str(*DestBytes) + " bytes; reject larger values before the call";
         if (!HiOk && DestBytes)
           return M + "and not checked against the destination size (" + str(*DestBytes) +
                  "); reject larger values before the call";
         if (!HiOk)
           return M + (Allocates
                           ? "and has no upper limit; check it against a maximum before allocating"
                           : "and has no upper limit; check it against the destination size before "
                             "the call");
         return M + "and not checked against 0; a negative value becomes a huge size, reject it "
                    "before the call";
       });
}

bool FunctionAnalysis::wrapCheckedAfter(const Expr *Op, const Expr *Operand) {
  // Climb to the assignment or initialisation that stores the sum.
  const Stmt *Cur = Op;
  const ValueDecl *Target = nullptr;
  for (unsigned Depth = 0; Depth < 8 && !Target; ++Depth) {
    const DynTypedNodeList Ps = Ctx.getParents(*Cur);
    if (Ps.size() != 1)
      return false;
    if (const auto *VD = Ps[0].get<VarDecl>()) {
      Target = VD;
      const DynTypedNodeList DPs = Ctx.getParents(*VD);
      Cur = DPs.size() == 1 ? DPs[0].get<DeclStmt>() : nullptr;
      break;
    }
    const Stmt *P = Ps[0].get<Stmt>();
    if (!P)
      return false;
    if (const auto *BO = dyn_cast<BinaryOperator>(P); BO && BO->getOpcode() == BO_Assign) {
      if (const auto *DR = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
        Target = DR->getDecl();
      Cur = P;
      break;
    }
    if (!isa<ParenExpr, ImplicitCastExpr, CStyleCastExpr, ConditionalOperator>(P))
      return false;
    Cur = P;
  }
  if (!Target || !Cur)
    return false;
  // The statement right after it in the enclosing block must test r < operand and leave.
  const std::vector<const Stmt *> After = following(Cur, Ctx);
  const auto *If = After.empty() ? nullptr : dyn_cast<IfStmt>(After.front());
  const auto *Cmp = If ? dyn_cast<BinaryOperator>(If->getCond()->IgnoreParenImpCasts()) : nullptr;
  if (!Cmp || !alwaysExits(If->getThen()))
    return false;
  const Expr *Small = Cmp->getOpcode() == BO_LT   ? Cmp->getLHS()
                      : Cmp->getOpcode() == BO_GT ? Cmp->getRHS()
                                                  : nullptr;
  const Expr *Big = Cmp->getOpcode() == BO_LT   ? Cmp->getRHS()
                    : Cmp->getOpcode() == BO_GT ? Cmp->getLHS()
                                                : nullptr;
  if (!Small || !Big)
    return false;
  const auto OpLoc = lval(Operand), BigLoc = lval(Big->IgnoreParenImpCasts());
  return referencedDecl(Small) == Target && OpLoc && BigLoc && *OpLoc == *BigLoc;
}

// Unsigned arithmetic on source calls themselves, inside the macro that makes
// the value (a macro mixing several rand() results into one wide random
// number), builds the value rather than using it, and unsigned wrap-around is
// defined: the uses of the value are judged instead.
static bool onlyCalls(const Stmt *S) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    return isa<FunctionDecl>(DRE->getDecl()) || isa<EnumConstantDecl>(DRE->getDecl());
  if (isa<MemberExpr>(S) || isa<ArraySubscriptExpr>(S))
    return false;
  for (const Stmt *C : S->children())
    if (C && !onlyCalls(C))
      return false;
  return true;
}

bool FunctionAnalysis::builtBySameMacro(const Expr *Operand, const TVal &V,
                                        SourceLocation OpLoc) const {
  if (!OpLoc.isMacroID() || !V.Trace || !onlyCalls(Operand))
    return false;
  const Step *Root = V.Trace;
  while (Root->Prev)
    Root = Root->Prev;
  return Root->Loc == E.userLoc(OpLoc);
}

void FunctionAnalysis::checkArith(const Expr *Op) {
  BinaryOperatorKind K;
  const Expr *L, *R = nullptr;
  QualType ResT = Op->getType();
  if (const auto *BO = dyn_cast<BinaryOperator>(Op)) {
    K = BO->getOpcode();
    if (!canWrap(K))
      return;
    if (BO->getType()->isPointerType() || !BO->getType()->isIntegerType())
      return;
    L = BO->getLHS();
    R = BO->getRHS();
    if (const auto *CA = dyn_cast<CompoundAssignOperator>(BO))
      ResT = CA->getComputationResultType();
  } else {
    const auto *U = cast<UnaryOperator>(Op);
    if (!U->getType()->isIntegerType())
      return;
    K = U->isIncrementOp() ? BO_Add : BO_Sub;
    L = U->getSubExpr();
  }
  TVal A = value(L);
  TVal B;
  if (R) {
    B = value(R);
  } else {
    B.Lo = B.Hi = Bound::constant(1);
  }
  if (!A.tainted() && !B.tainted())
    return;
  // The range the result must fit: the operation's type, or the narrower
  // type it is stored into (char c = x + 1) or the target of x += / ++.
  QualType Fit = ResT;
  if (const auto *CA = dyn_cast<CompoundAssignOperator>(Op))
    Fit = CA->getLHS()->getType();
  else if (!R)
    Fit = L->getType();
  else {
    const DynTypedNodeList Parents = Ctx.getParents(*Op);
    if (Parents.size() == 1)
      if (const auto *IC = Parents[0].get<ImplicitCastExpr>())
        if (IC->getCastKind() == CK_IntegralCast && IC->getType()->isSignedIntegerType() &&
            Ctx.getIntWidth(IC->getType()) < Ctx.getIntWidth(ResT))
          Fit = IC->getType();
  }
  auto FR = typeRange(Fit);
  auto AR = typeRange(L->getType()),
       BR = R ? typeRange(R->getType()) : std::make_optional(std::make_pair(Int(1), Int(1)));
  if (!FR || !AR || !BR)
    return;
  // An accumulator (sum += byte) of a wide unsigned type wraps on purpose.
  if (isa<CompoundAssignOperator>(Op) && K == BO_AddAssign && Fit->isUnsignedIntegerType() &&
      Ctx.getIntWidth(Fit) >= 32 &&
      ((B.Hi.isConst() && B.Hi.V <= SmallBound) ||
       Ctx.getIntWidth(R->IgnoreParenImpCasts()->getType()) <= 16))
    return;
  const bool Unsigned = Fit->isUnsignedIntegerType();
  // r = a + b; if (r < a) fail;  the idiomatic unsigned wrap check, right after.
  if (Unsigned && R && K == BO_Add && wrapCheckedAfter(Op, A.tainted() ? L : R))
    return;
  const SourceLocation OpLoc =
      isa<BinaryOperator>(Op) ? cast<BinaryOperator>(Op)->getOperatorLoc() : Op->getBeginLoc();
  if (Unsigned && (A.tainted() ? builtBySameMacro(L, A, OpLoc) : builtBySameMacro(R, B, OpLoc)))
    return;
  // Untainted operands are the developer's own values: trusted unless constant.
  auto Prep = [](TVal V) {
    if (!V.tainted()) {
      if (!V.Lo.isConst())
        V.Lo = Bound::trusted();
      if (!V.Hi.isConst())
        V.Hi = Bound::trusted();
    }
    return V;
  };
  A = Prep(A);
  B = Prep(B);
  const TVal &T = A.tainted() ? A : B;
  std::string Kind = opName(K);
  std::string TypeName = Fit.getUnqualifiedType().getAsString();
  auto AR2 = *AR, BR2 = *BR, FR2 = *FR;
  HeldArith = Unsigned ? Op : nullptr;
  auto Done = llvm::make_scope_exit([this] { HeldArith = nullptr; });
  sink(SinkKind::Arithmetic, OpLoc, T,
       [=](const Bound &TLo, const Bound &THi, bool) -> std::optional<std::string> {
         TVal X = A, Y = B;
         TVal &Tn = A.tainted() ? X : Y;
         Tn.Lo = TLo;
         Tn.Hi = THi;
         auto Eff = [](const Bound &Bd, Int TypeEnd) {
           if (Bd.K == Bound::Trusted)
             return std::make_pair(true, TypeEnd);
           if (Bd.isConst())
             return std::make_pair(false, Bd.V);
           return std::make_pair(false, TypeEnd);
         };
         auto [XLT, XLo] = Eff(X.Lo, AR2.first);
         auto [XHT, XHi] = Eff(X.Hi, AR2.second);
         auto [YLT, YLo] = Eff(Y.Lo, BR2.first);
         auto [YHT, YHi] = Eff(Y.Hi, BR2.second);
         XLo = std::max(XLo, AR2.first);
         XHi = std::min(XHi, AR2.second);
         YLo = std::max(YLo, BR2.first);
         YHi = std::min(YHi, BR2.second);
         bool Over = false, Under = false;
         // An operand nobody checked can be its type's extreme: then any
         // non-constant addend (or subtrahend) can push the result out.
         const bool XTop = !XHT && XHi >= AR2.second, YTop = !YHT && YHi >= BR2.second;
         const bool XBottom = !XLT && XLo <= AR2.first;
         if (K == BO_Add || K == BO_AddAssign) {
           Over = (!XHT && !YHT && XHi + YHi > FR2.second) || (XTop && YHT) || (YTop && XHT);
           Under = !XLT && !YLT && XLo + YLo < FR2.first;
         } else if (K == BO_Sub || K == BO_SubAssign) {
           Over = !XHT && !YLT && XHi - YLo > FR2.second;
           Under = (!XLT && !YHT && XLo - YHi < FR2.first) || (XBottom && YHT);
         } else {
           if (XLT || XHT || YLT || YHT)
             return std::nullopt;
           Int P[4] = {XLo * YLo, XLo * YHi, XHi * YLo, XHi * YHi};
           Over = *std::max_element(P, P + 4) > FR2.second;
           Under = *std::min_element(P, P + 4) < FR2.first;
         }
         if (!Over && !Under)
           return std::nullopt;
         std::string M = "the " + Kind + " on a value derived from %O can ";
         if (Unsigned)
           M += "wrap around '" + TypeName + "'";
         else
           M += std::string(Over ? "overflow" : "underflow") + " '" + TypeName + "'";
         return M + "; check the operand's range before the operation";
       });
}

void FunctionAnalysis::checkLoop(const Stmt *Loop, const Expr *Cond) {
  if (!LoopsSeen.insert(Loop).second)
    return;
  // The culprit: a tainted value without an upper limit that decides the exit.
  // An operand that is one known constant, untainted (c != EOF, ret <= 0).
  auto Constant = [&](const Expr *O) {
    const TVal OV = value(O);
    return !OV.tainted() && OV.Lo.isConst() && OV.Hi.isConst() && OV.Lo.V == OV.Hi.V;
  };
  std::function<const Expr *(const Expr *)> Unbounded = [&](const Expr *C) -> const Expr * {
    C = C->IgnoreParenImpCasts();
    auto Bad = [&](const Expr *X) -> const Expr * {
      TVal V = value(X);
      return V.tainted() && !(V.Limit && !V.Params) && !V.Validated && !checked(V.Hi) ? X : nullptr;
    };
    if (const auto *BO = dyn_cast<BinaryOperator>(C)) {
      if (BO->getOpcode() == BO_LAnd) {
        const Expr *A = Unbounded(BO->getLHS()), *B = Unbounded(BO->getRHS());
        return A && B ? A : nullptr;
      }
      if (BO->getOpcode() == BO_LOr) {
        const Expr *A = Unbounded(BO->getLHS());
        return A ? A : Unbounded(BO->getRHS());
      }
      if (BO->isRelationalOp()) {
        if (BO->getLHS()->getType()->isPointerType())
          return nullptr;
        // A retry or read loop, `while ((ret = ssl_write(...)) <= 0)` or
        // `while ((n = recv(...)) > 0)`: each round tests what the call just
        // returned against a constant; no external count decides the exit.
        auto Polled = [&](const Expr *S, const Expr *O) {
          const auto *A = dyn_cast<BinaryOperator>(S->IgnoreParenImpCasts());
          return A && A->getOpcode() == BO_Assign && Constant(O);
        };
        const Expr *A = Polled(BO->getLHS(), BO->getRHS()) ? nullptr : Bad(BO->getLHS());
        return A ? A : Polled(BO->getRHS(), BO->getLHS()) ? nullptr : Bad(BO->getRHS());
      }
      if (BO->isEqualityOp()) {
        // A sentinel search (buf[i] != 0), a read until EOF (c != EOF) or a
        // token walk (q != NULL) is not a count; n != 0 with n stepped in the
        // loop, or i != n, is.
        if (BO->getLHS()->getType()->isPointerType())
          return nullptr;
        for (const Expr *S : {BO->getLHS(), BO->getRHS()}) {
          const Expr *O = S == BO->getLHS() ? BO->getRHS() : BO->getLHS();
          const Expr *Var = S->IgnoreParenImpCasts();
          if (!isa<DeclRefExpr, MemberExpr>(Var))
            continue;
          if (Constant(O) && !steppedIn(Loop, Var))
            continue;
          if (const Expr *X = Bad(S))
            return X;
        }
        return nullptr;
      }
      return nullptr;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(C))
      if (U->isDecrementOp())
        return Bad(U->getSubExpr());
    if (isa<DeclRefExpr, MemberExpr>(C) && C->getType()->isIntegerType())
      return Bad(C);
    return nullptr;
  };
  const Expr *X = Unbounded(Cond);
  if (!X)
    return;
  sink(SinkKind::LoopBound, X->getBeginLoc(), value(X),
       [](const Bound &, const Bound &Hi, bool Validated) -> std::optional<std::string> {
         if (Validated || checked(Hi))
           return std::nullopt;
         return std::string("loop bound derived from %O has no upper limit; check it against a "
                            "maximum before the loop");
       });
}

namespace {
/// A variable or a member reached from one through `.` and `->`
/// (`n`, `hdr.byte_size`, `crt->raw.p`): an object the function names the same
/// way each time. Casts and parentheses around it do not count.
const Expr *lvaluePath(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenCasts();
  if (const auto *DR = dyn_cast<DeclRefExpr>(E))
    return isa<VarDecl>(DR->getDecl()) ? E : nullptr;
  if (isa<CXXThisExpr>(E))
    return E; // a member named inside its class
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return isa<FieldDecl>(ME->getMemberDecl()) && lvaluePath(ME->getBase()) ? E : nullptr;
  return nullptr;
}

/// Do two paths name the same object (the same variable, the same members)?
bool samePath(const Expr *A, const Expr *B) {
  A = lvaluePath(A);
  B = lvaluePath(B);
  if (!A || !B)
    return false;
  if (isa<CXXThisExpr>(A))
    return isa<CXXThisExpr>(B);
  if (const auto *DA = dyn_cast<DeclRefExpr>(A)) {
    const auto *DB = dyn_cast<DeclRefExpr>(B);
    return DB && DA->getDecl()->getCanonicalDecl() == DB->getDecl()->getCanonicalDecl();
  }
  const auto *MA = cast<MemberExpr>(A);
  const auto *MB = dyn_cast<MemberExpr>(B);
  return MB && MA->getMemberDecl() == MB->getMemberDecl() && MA->isArrow() == MB->isArrow() &&
         samePath(MA->getBase(), MB->getBase());
}

/// The path P when the size arguments of Call (of a size sink or an
/// allocator) amount to exactly P: (n), (1, n), (n, 1).
const Expr *soleSizePath(const CallExpr *Call, const ArgSet &SizeArgs, unsigned Skip,
                         const ASTContext &Ctx) {
  const Expr *P = nullptr;
  for (unsigned I = Skip; I < Call->getNumArgs(); ++I) {
    if (!SizeArgs.contains(I - Skip))
      continue;
    const Expr *A = Call->getArg(I);
    if (const Expr *Path = lvaluePath(A); Path && !P) {
      P = Path;
      continue;
    }
    A = A->IgnoreParenImpCasts();
    Expr::EvalResult R;
    if (!A->isValueDependent() && A->EvaluateAsInt(R, Ctx) && R.Val.getInt() == 1)
      continue;
    return nullptr;
  }
  return P;
}

/// Is the object at Path written between two points of the function: it, or
/// a path it is reached through (`hdr` for `hdr.byte_size`), assigned, stepped,
/// or its address taken?
bool writtenBetween(const Stmt *Body, const Expr *Path, SourceLocation A, SourceLocation B,
                    const SourceManager &SM) {
  std::vector<const Expr *> Prefixes;
  for (const Expr *P = lvaluePath(Path); P;) {
    Prefixes.push_back(P);
    // A new pointer on the way (`crt = next` for `crt->raw.len`) names another object too.
    const auto *ME = dyn_cast<MemberExpr>(P);
    P = ME ? lvaluePath(ME->getBase()) : nullptr;
  }
  bool Found = false;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Found)
      return;
    const Expr *Target = nullptr;
    if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isAssignmentOp())
      Target = BO->getLHS();
    else if (const auto *U = dyn_cast<UnaryOperator>(S);
             U && (U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf))
      Target = U->getSubExpr();
    if (Target && SM.isBeforeInTranslationUnit(A, S->getBeginLoc()) &&
        SM.isBeforeInTranslationUnit(S->getBeginLoc(), B))
      for (const Expr *P : Prefixes)
        if (samePath(Target, P))
          Found = true;
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(Body);
  return Found;
}
} // namespace

bool FunctionAnalysis::sizeOfAllocation(const CallExpr *CE, const SizeSinkSpec &Spec,
                                        unsigned SizeArg) {
  // b = malloc(n); ... fread(b, 1, n, f): the destination holds exactly n
  // bytes; the same for members (p->buf = calloc(1, p->len); memcpy(p->buf, src, p->len)).
  const unsigned Off = argOffset(CE);
  const Expr *Dest = lvaluePath(arg(CE, Spec.DestArg)), *N = lvaluePath(arg(CE, SizeArg));
  if (!Dest || !N || !FD->getBody() || !samePath(soleSizePath(CE, Spec.SizeArgs, Off, Ctx), N))
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  bool Allocated = false;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Allocated)
      return;
    // What Dest is initialised or assigned with here.
    const Expr *Init = nullptr;
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      const auto *DR = dyn_cast<DeclRefExpr>(Dest);
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D); V && DR && V == DR->getDecl() && V->getInit())
          Init = V->getInit();
    } else if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->getOpcode() == BO_Assign) {
      if (samePath(BO->getLHS(), Dest))
        Init = BO->getRHS();
    }
    // a->buf = p = malloc(n): the inner assignment's value.
    while (Init)
      if (const auto *In = dyn_cast<BinaryOperator>(Init->IgnoreParenCasts());
          In && In->getOpcode() == BO_Assign)
        Init = In->getRHS();
      else
        break;
    if (Init)
      if (const auto *AC = dyn_cast<CallExpr>(Init->IgnoreParenCasts()))
        if (const FunctionDecl *AF = AC->getDirectCallee()) {
          auto AS = E.Cfg.SizeSinks.find(calleeName(AF));
          if (AS != E.Cfg.SizeSinks.end() && AS->second.Allocates &&
              samePath(soleSizePath(AC, AS->second.SizeArgs, argOffset(AC), Ctx), N) &&
              SM.isBeforeInTranslationUnit(AC->getEndLoc(), CE->getBeginLoc()) &&
              !writtenBetween(FD->getBody(), N, AC->getEndLoc(), CE->getBeginLoc(), SM) &&
              !writtenBetween(FD->getBody(), Dest, S->getEndLoc(), CE->getBeginLoc(), SM))
            Allocated = true;
        }
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(FD->getBody());
  return Allocated;
}

void FunctionAnalysis::checkCallSinks(const CallExpr *CE, const FunctionDecl *F) {
  StringRef Name = calleeName(F);
  auto SS = E.Cfg.SizeSinks.find(Name);
  if (SS != E.Cfg.SizeSinks.end()) {
    std::optional<Int> Dest;
    if (SS->second.DestArg >= 0 && static_cast<unsigned>(SS->second.DestArg) < numArgs(CE))
      Dest = objectBytes(arg(CE, SS->second.DestArg));
    for (unsigned I = 0; I < numArgs(CE); ++I)
      if (SS->second.SizeArgs.contains(I) &&
          !(!Dest && !SS->second.Allocates && SS->second.DestArg >= 0 &&
            sizeOfAllocation(CE, SS->second, I)))
        checkSize(arg(CE, I), Dest, "size passed to '" + Name.str() + "'", SS->second.Allocates,
                  arg(CE, I)->getBeginLoc());
  }
  int FormatArg = -1;
  auto FF = E.Cfg.FormatFunctions.find(Name);
  if (FF != E.Cfg.FormatFunctions.end())
    FormatArg = FF->second;
  else if (E.Cfg.UseFormatAttribute)
    if (const auto *FA = F->getAttr<FormatAttr>())
      if (FA->getType()->getName() == "printf" || FA->getType()->getName() == "gnu_printf" ||
          FA->getType()->getName() == "syslog")
        FormatArg = FA->getFormatIdx() - 1 -
                    (isa<CXXMethodDecl>(F) && cast<CXXMethodDecl>(F)->isInstance() ? 1 : 0);
  if (FormatArg >= 0 && static_cast<unsigned>(FormatArg) < numArgs(CE)) {
    const Expr *Fmt = arg(CE, FormatArg);
    std::string N = Name.str();
    sink(SinkKind::FormatString, Fmt->getBeginLoc(), taintOf(Fmt),
         [N](const Bound &, const Bound &, bool Validated) -> std::optional<std::string> {
           if (Validated)
             return std::nullopt;
           return "format string of '" + N +
                  "' is derived from %O; use a constant format such as \"%s\" and pass the data as "
                  "an argument";
         });
  }
  auto CF = E.Cfg.CommandFunctions.find(Name);
  if (CF != E.Cfg.CommandFunctions.end()) {
    std::string N = Name.str();
    // One finding per call: the first argument that carries external data.
    for (unsigned I = 0; I < numArgs(CE); ++I)
      if (CF->second.contains(I) && taintOf(arg(CE, I)).tainted()) {
        const Expr *A = arg(CE, I);
        sink(SinkKind::Command, A->getBeginLoc(), taintOf(A),
             [N](const Bound &, const Bound &, bool Validated) -> std::optional<std::string> {
               if (Validated)
                 return std::nullopt;
               return "command passed to '" + N +
                      "' is derived from %O; check it against an allow-list of fixed commands or "
                      "avoid the shell";
             });
        break;
      }
  }
}

void FunctionAnalysis::applySummarySinks(const CallExpr *CE, const FunctionDecl *Callee,
                                         const Summary &CS) {
  // A recursive call gives this function's own summary as CS: the sinks it
  // passes on to the caller's parameters are collected first and added after
  // the walk (appending to the list being walked invalidated it), once each.
  std::vector<std::pair<unsigned, ParamSink>> Up;
  for (const auto &[I, List] : CS.Sinks) {
    if (I >= numArgs(CE))
      continue;
    const Expr *A = arg(CE, I);
    const TVal Whole = taintOf(A);
    if (!Whole.tainted() && llvm::none_of(List, [](const ParamSink &PS) { return PS.Member; }))
      continue;
    const ParmVarDecl *P = I < Callee->getNumParams() ? Callee->getParamDecl(I) : nullptr;
    // A virtual call names the overrider it may run: several can be reported.
    const auto *M = dyn_cast<CXXMethodDecl>(Callee);
    const bool Dispatched = M && Engine::virtualCall(CE);
    FlowNote Call{
        E.userLoc(A->getBeginLoc()),
        (Dispatched ? "dispatched to '" + M->getParent()->getNameAsString() + "::"
                    : "passed to '") +
            Callee->getNameAsString() + "'" +
            (P && P->getIdentifier() ? " as '" + P->getNameAsString() + "'" : std::string()) +
            " here"};
    for (const ParamSink &PS : List) {
      const std::optional<LocKey> ML = argMemberLoc(CE, Callee, I, PS.Member);
      const TVal T = ML ? lookup(*ML) : Whole;
      if (!T.tainted())
        continue; // the sink reads a member the argument's record holds no external data in
      if (PS.Kind != SinkKind::Arithmetic)
        E.reachWrap(T.Wrap);
      Bound Lo = PS.Lo, Hi = PS.Hi;
      bool Validated = PS.Validated;
      const bool SeesArgument = PS.Direct || PS.MemberDirect;
      if (SeesArgument) {
        // The callee sees the argument itself (or the member of the record
        // it points to, as the caller has it): the caller's checks count too.
        if (T.Lo.known() &&
            (!Lo.known() || Lo.K == Bound::TypeConst ||
             (Lo.isConst() && T.Lo.isConst() && T.Lo.V > Lo.V) || T.Lo.K == Bound::Trusted))
          Lo = T.Lo;
        if (T.Hi.known() &&
            (!Hi.known() || Hi.K == Bound::TypeConst ||
             (Hi.isConst() && T.Hi.isConst() && T.Hi.V < Hi.V) || T.Hi.K == Bound::Trusted))
          Hi = T.Hi;
        Validated = Validated || T.Validated || (PS.Kind == SinkKind::Divisor && T.NonZero);
      }
      auto M = infeasible(Lo, Hi) ? std::nullopt : PS.Eval(Lo, Hi, Validated);
      if (!M)
        continue;
      std::vector<FlowNote> Chain{Call};
      Chain.insert(Chain.end(), PS.Chain.begin(), PS.Chain.end());
      if (T.Real && (!T.Limit || PS.Kind == SinkKind::Arithmetic))
        E.emitOrHold(PS.WrapOp, PS.Kind, PS.Loc, *M, T.Trace, Chain);
      for (unsigned J = 0; J < 64; ++J)
        if (T.Params & (uint64_t(1) << J)) {
          ParamSink P = PS;
          P.Direct = SeesArgument && T.Direct == static_cast<int>(J);
          P.Lo = Lo;
          P.Hi = Hi;
          P.Validated = Validated;
          P.Chain = Chain;
          P.Member = T.memberOfParam(J);
          P.MemberDirect = SeesArgument && T.memberOfParamUnchanged(J);
          Up.emplace_back(J, std::move(P));
        }
    }
  }
  for (auto &[J, P] : Up) {
    std::vector<ParamSink> &To = S.Sinks[J];
    const bool Known = llvm::any_of(To, [&P = P](const ParamSink &O) {
      return O.Kind == P.Kind && O.Loc == P.Loc && O.Direct == P.Direct && O.Lo == P.Lo &&
             O.Hi == P.Hi && O.Validated == P.Validated && O.Member == P.Member &&
             O.MemberDirect == P.MemberDirect;
    });
    if (!Known)
      To.push_back(std::move(P));
  }
}

} // namespace clang::tidy::medsec::taint
