//===- TaintDeviceSinks.cpp - received addresses and divisors -------------===//
//
// Sinks of medsec-tainted-pointer and medsec-tainted-divisor: an external
// integer turned into a pointer that reaches memory (the peek/poke back door,
// CWE-822/823), and an external divisor that may be zero (CWE-369).
//
//===----------------------------------------------------------------------===//
#include "TaintEngineImpl.h"

#include "clang/AST/ExprCXX.h"

namespace clang::tidy::medsec::taint {

void FunctionAnalysis::markNonZero(TaintState &St, const LocKey &L) {
  if (TVal *V = ownEntry(St, L))
    V->NonZero = true;
}

void FunctionAnalysis::checkPointer(const Expr *Ptr, SourceLocation Loc, const std::string &What) {
  TVal V = value(Ptr);
  if (!V.tainted() || !V.Address)
    return;
  sink(SinkKind::Pointer, Loc, V,
       [What](const Bound &Lo, const Bound &Hi, bool Validated) -> std::optional<std::string> {
         // An address checked against both ends of a region (or validated) is
         // confined to it.
         auto Checked = [](const Bound &B) { return B.K == Bound::Trusted || B.K == Bound::Const; };
         if (Validated || (Checked(Lo) && Checked(Hi)))
           return std::nullopt;
         return "address derived from %O is " + What +
                " unchecked: the sender chooses which memory is read or written (peek/poke); "
                "map a validated identifier to a fixed table of addresses, or check the address "
                "against the allowed region before the access";
       });
}

void FunctionAnalysis::checkDivisor(const BinaryOperator *Div) {
  const BinaryOperatorKind Op = Div->getOpcode();
  if (Op != BO_Div && Op != BO_Rem && Op != BO_DivAssign && Op != BO_RemAssign)
    return;
  const Expr *D = Div->getRHS();
  TVal V = value(D);
  if (!V.tainted())
    return;
  if (V.NonZero)
    V.Validated = true; // for this sink, the path's check against 0 is the validation
  const bool Float = D->getType()->isRealFloatingType();
  sink(SinkKind::Divisor, D->getBeginLoc(), V,
       [Float](const Bound &Lo, const Bound &Hi, bool Validated) -> std::optional<std::string> {
         if (Validated || (Lo.isConst() && Lo.V > 0) || (Hi.isConst() && Hi.V < 0) ||
             Lo.K == Bound::Trusted)
           return std::nullopt;
         return std::string("divisor derived from %O is not checked against 0; reject 0") +
                (Float ? " (and values near it)" : "") + " before the division";
       });
}

void FunctionAnalysis::checkPointerSinks(const Stmt *St) {
  if (const auto *BO = dyn_cast<BinaryOperator>(St)) {
    checkDivisor(BO);
    return;
  }
  if (const auto *U = dyn_cast<UnaryOperator>(St)) {
    if (U->getOpcode() == UO_Deref)
      checkPointer(U->getSubExpr(), U->getBeginLoc(), "dereferenced");
    return;
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(St)) {
    if (AS->getBase()->getType()->isPointerType())
      checkPointer(AS->getBase(), AS->getBeginLoc(), "indexed");
    return;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(St)) {
    if (ME->isArrow())
      checkPointer(ME->getBase(), ME->getBeginLoc(), "dereferenced");
    return;
  }
  if (const auto *CE = dyn_cast<CallExpr>(St)) {
    // A library call (memcpy, a flash driver) with an external address; a
    // function of the unit reports through its summary.
    const FunctionDecl *F = CE->getDirectCallee();
    const FunctionDecl *Def = nullptr;
    if (!F || (F->hasBody(Def) && !E.inSystemHeader(Def)) || !F->getIdentifier())
      return;
    for (unsigned I = 0; I < numArgs(CE); ++I) {
      const Expr *A = arg(CE, I);
      if (A->getType()->isPointerType())
        checkPointer(A, A->getBeginLoc(), "passed to '" + F->getNameAsString() + "'");
    }
  }
}

} // namespace clang::tidy::medsec::taint
