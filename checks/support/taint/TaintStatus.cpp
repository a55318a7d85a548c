//===- TaintStatus.cpp - bounds a callee establishes, by its result -------===//
//
// A parser that reads a length from the buffer usually checks it before it
// says "success": mbedtls_asn1_get_len writes *len, returns an error when
// *len exceeds what is left, and returns 0 only after the check. The join of
// all its returns loses that (the error return's *len is unchecked), so each
// summary also records what the pointer parameters hold by the result
// returned (Summary::Returns), and a caller that tests the result keeps the
// bounds of the returns its test lets through:
//
//   if ((ret = get_tag(&p, end, &len, TAG)) != 0) return ret;   // len checked
//
// A caller that ignores the result, or tests it for one error only, keeps
// the join (docs/taint-analysis.md, "Summaries").
//
//===----------------------------------------------------------------------===//
#include "TaintEngineImpl.h"

namespace clang::tidy::medsec::taint {

std::map<unsigned, TVal> FunctionAnalysis::outputsAt(const TaintState &St) const {
  std::map<unsigned, TVal> Out;
  for (unsigned I = 0; I < FD->getNumParams() && I < 64; ++I) {
    const ParmVarDecl *P = FD->getParamDecl(I);
    if (!P->getType()->isPointerType() && !P->getType()->isReferenceType())
      continue;
    // As the summary's ParamOut reads the exit, with the fields of a
    // pointee joined: a caller locates the output as a whole.
    for (auto It = St.lower_bound(LocKey{P, nullptr, false}); It != St.end() && It->first.Base == P;
         ++It)
      if ((It->first.Contents || P->getType()->isReferenceType()) && It->second.Real &&
          !It->second.Limit) {
        TVal V = It->second;
        V.Params = 0;
        V.Direct = -1;
        V.Status = nullptr;
        auto [O, New] = Out.emplace(I, V);
        if (!New)
          O->second = joinVal(O->second, V);
      }
  }
  return Out;
}

void FunctionAnalysis::noteStatusCall(const CallExpr *CE, const Summary &CS,
                                      const std::map<unsigned, LocKey> &Written) {
  StatusCalls.erase(CE);
  if (CS.Returns.empty() || Written.empty())
    return;
  StatusCall SC;
  for (const auto &[I, L] : Written) {
    const TVal Now = lookup(L);
    if (Now.Real && Now.Trace)
      SC.Written[L] = Now.Trace;
  }
  for (const ReturnCase &RC : CS.Returns) {
    StatusCase C;
    C.Lo = RC.Lo;
    C.Hi = RC.Hi;
    for (const auto &[I, V] : RC.Out)
      if (auto W = Written.find(I); W != Written.end())
        C.Out[W->second] = V;
    SC.Cases.push_back(std::move(C));
  }
  if (!SC.Written.empty())
    StatusCalls[CE] = std::move(SC);
}

void FunctionAnalysis::noteCheckedSource(const CallExpr *CE, const SourceSpec &Src,
                                         const std::map<unsigned, LocKey> &Written) {
  StatusCalls.erase(CE);
  if ((!Src.CheckedResultMin && !Src.CheckedResultMax) || Written.empty())
    return;
  StatusCall SC;
  StatusCase Checked;
  Checked.Lo = Src.CheckedResultMin ? Int(*Src.CheckedResultMin) : -Infinity;
  Checked.Hi = Src.CheckedResultMax ? Int(*Src.CheckedResultMax) : Infinity;
  for (const auto &[I, L] : Written) {
    const TVal Now = lookup(L);
    if (!Now.Real || !Now.Trace)
      continue;
    SC.Written[L] = Now.Trace;
    TVal V = Now;
    V.Lo = Bound();
    V.Hi = Src.CheckedMax ? Bound::constant(*Src.CheckedMax) : Bound::trusted();
    Checked.Out[L] = V;
  }
  if (SC.Written.empty())
    return;
  // The other results tell nothing: the outputs stay as the call wrote them.
  SC.Cases.push_back(Checked);
  if (Checked.Lo > -Infinity)
    SC.Cases.push_back(StatusCase{-Infinity, Checked.Lo - 1, {}});
  if (Checked.Hi < Infinity)
    SC.Cases.push_back(StatusCase{Checked.Hi + 1, Infinity, {}});
  StatusCalls[CE] = std::move(SC);
}

const Expr *FunctionAnalysis::statusCall(const TaintState &St, const Expr *X, bool ZeroTest) {
  for (;;) {
    X = X->IgnoreParens();
    const auto *IC = dyn_cast<ImplicitCastExpr>(X);
    if (!IC)
      break;
    const CastKind K = IC->getCastKind();
    // A conversion may change a negative error into a large value, but not
    // whether it is zero.
    if (K != CK_LValueToRValue && K != CK_NoOp &&
        !(ZeroTest && (K == CK_IntegralCast || K == CK_IntegralToBoolean)))
      return nullptr;
    X = IC->getSubExpr();
  }
  if (isa<CallExpr>(X))
    return StatusCalls.count(X) ? X : nullptr;
  if (const auto *BO = dyn_cast<BinaryOperator>(X))
    return BO->getOpcode() == BO_Assign ? statusCall(St, BO->getRHS(), ZeroTest) : nullptr;
  if (!isa<DeclRefExpr>(X))
    return nullptr;
  auto L = lval(X);
  if (!L)
    return nullptr;
  auto It = St.find(*L);
  if (It == St.end() || !It->second.Status || !StatusCalls.count(It->second.Status))
    return nullptr;
  return It->second.Status;
}

void FunctionAnalysis::applyStatusCases(TaintState &St, const StatusCall &SC,
                                        const std::vector<const StatusCase *> &Possible) {
  if (Possible.empty())
    return;
  for (const auto &[L, Trace] : SC.Written) {
    // Only when every return the path may have taken wrote a value there.
    std::optional<TVal> J;
    for (const StatusCase *C : Possible) {
      auto O = C->Out.find(L);
      if (O == C->Out.end()) {
        J.reset();
        break;
      }
      J = J ? joinVal(*J, O->second) : O->second;
    }
    if (!J)
      continue;
    // The location still holds what the call wrote (not overwritten since).
    auto It = St.find(L);
    if (It == St.end() || It->second.Trace != Trace)
      continue;
    setBounds(St, L, J->Lo.known() ? std::optional<Bound>(J->Lo) : std::nullopt,
              J->Hi.known() ? std::optional<Bound>(J->Hi) : std::nullopt);
    if (J->Validated)
      St[L].Validated = true;
  }
}

void FunctionAnalysis::refineStatus(TaintState &St, const Expr *Call, BinaryOperatorKind Op,
                                    Int K) {
  auto It = StatusCalls.find(Call);
  if (It == StatusCalls.end())
    return;
  std::vector<const StatusCase *> Possible;
  for (const StatusCase &C : It->second.Cases)
    if (someValueSatisfies(C.Lo, C.Hi, Op, K))
      Possible.push_back(&C);
  applyStatusCases(St, It->second, Possible);
}

void FunctionAnalysis::refineStatusCondition(TaintState &St, const Expr *Cond, bool Truth) {
  Cond = Cond->IgnoreParens(); // refine() has taken `!` off already
  if (const Expr *C = statusCall(St, Cond, /*ZeroTest=*/true)) {
    refineStatus(St, C, Truth ? BO_NE : BO_EQ, 0); // if (ret), if (!ret)
    return;
  }
  const auto *BO = dyn_cast<BinaryOperator>(Cond->IgnoreParenImpCasts());
  if (!BO || !BO->isComparisonOp())
    return;
  const BinaryOperatorKind Op = Truth ? BO->getOpcode() : BinaryOperator::negateComparisonOp(BO->getOpcode());
  for (int Pass = 0; Pass < 2; ++Pass) {
    const Expr *Side = Pass ? BO->getRHS() : BO->getLHS();
    const Expr *Other = Pass ? BO->getLHS() : BO->getRHS();
    Expr::EvalResult R;
    if (Other->isValueDependent() || !Other->EvaluateAsInt(R, Ctx))
      continue;
    const Int K = R.Val.getInt().isSigned() ? Int(R.Val.getInt().getSExtValue())
                                            : Int(R.Val.getInt().getZExtValue());
    const BinaryOperatorKind O = Pass ? BinaryOperator::reverseComparisonOp(Op) : Op;
    const bool ZeroTest = K == 0 && (O == BO_EQ || O == BO_NE);
    if (const Expr *C = statusCall(St, Side, ZeroTest))
      refineStatus(St, C, O, K);
  }
}

void FunctionAnalysis::noteReturnCases(const ReturnStmt *RS) {
  const Expr *R = RS->getRetValue();
  if (!R || !Cur || !FD->getReturnType()->isIntegralOrEnumerationType())
    return;
  bool HasOutput = false;
  for (const ParmVarDecl *P : FD->parameters())
    HasOutput |= P->getType()->isPointerType() || P->getType()->isReferenceType();
  if (!HasOutput)
    return;
  // return get_len(p, end, len): the result is the inner call's, and so are
  // the cases (the outputs as each of its returns leaves them).
  if (const Expr *Inner = statusCall(*Cur, R, /*ZeroTest=*/false)) {
    const StatusCall &SC = StatusCalls.at(Inner);
    for (const StatusCase &C : SC.Cases) {
      TaintState St = *Cur;
      applyStatusCases(St, SC, {&C});
      addReturnCase(S.Returns, ReturnCase{C.Lo, C.Hi, outputsAt(St)});
    }
    return;
  }
  const TVal V = value(R);
  ReturnCase C;
  if (V.Lo.isConst())
    C.Lo = V.Lo.V;
  if (V.Hi.isConst())
    C.Hi = V.Hi.V;
  C.Out = outputsAt(*Cur);
  addReturnCase(S.Returns, C);
}

} // namespace clang::tidy::medsec::taint
