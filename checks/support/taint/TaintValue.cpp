//===- TaintValue.cpp -----------------------------------------------------===//
#include "TaintValue.h"

#include <algorithm>

namespace clang::tidy::medsec::taint {

TVal joinVal(const TVal &A, const TVal &B) {
  TVal R;
  R.Real = A.Real || B.Real;
  R.Params = A.Params | B.Params;
  R.Lo = joinLo(A.Lo, B.Lo);
  R.Hi = joinHi(A.Hi, B.Hi);
  R.Validated = A.Validated && B.Validated;
  R.Direct = A.Direct == B.Direct ? A.Direct : -1;
  R.Trace = (A.Real || !B.Real) && A.Trace ? A.Trace : B.Trace;
  R.Limit = R.Real && (!A.Real || A.Limit) && (!B.Real || B.Limit);
  R.Address = (A.Address && A.tainted()) || (B.Address && B.tainted());
  // An untainted side does not weaken the tainted one's guard; two untainted
  // sides (a call's status) keep their own.
  R.NonZero = R.tainted() ? (!A.tainted() || A.NonZero) && (!B.tainted() || B.NonZero)
                          : A.NonZero && B.NonZero;
  R.Wrap = A.Wrap ? A.Wrap : B.Wrap;
  R.Status = A.Status == B.Status ? A.Status : nullptr;
  joinParamField(R, A, B);
  return R;
}

void joinParamField(TVal &R, const TVal &A, const TVal &B) {
  R.ParamField = nullptr;
  R.ParamFieldOf = -1;
  R.ParamFieldDirect = false;
  for (const auto &[X, Y] : {std::pair{&A, &B}, std::pair{&B, &A}}) {
    if (X->ParamFieldOf < 0)
      continue;
    const auto I = static_cast<unsigned>(X->ParamFieldOf);
    const FieldDecl *F = X->memberOfParam(I);
    if (!F || ((Y->Params >> I & 1) && Y->memberOfParam(I) != F))
      continue;
    R.ParamField = F;
    R.ParamFieldOf = X->ParamFieldOf;
    // Unchanged only if it is the member on both sides (as Direct).
    R.ParamFieldDirect = X->ParamFieldDirect && Y->memberOfParamUnchanged(I) && Y->ParamField == F;
    return;
  }
}

// A type's limit held on one path only is a sentinel (best = INT_MAX before a
// search loop), not a value the program goes on with: it is dropped.
// So is a call's status held on one path only: the other path's value is
// another, whose test says nothing of what the call wrote.
static bool onePathOnly(const TVal &V) {
  return (V.Limit && !V.Params) || (!V.tainted() && V.Status);
}

bool joinState(TaintState &Into, const TaintState &From, bool Widen) {
  bool Changed = false;
  for (auto It = Into.begin(); It != Into.end();) {
    if (onePathOnly(It->second) && !From.count(It->first)) {
      It = Into.erase(It);
      Changed = true;
    } else {
      ++It;
    }
  }
  for (const auto &[K, V] : From) {
    auto It = Into.find(K);
    if (It == Into.end()) {
      if (onePathOnly(V))
        continue;
      Into.emplace(K, V);
      Changed = true;
      continue;
    }
    TVal J = joinVal(It->second, V);
    if (Widen) {
      if (J.Lo != It->second.Lo)
        J.Lo = Bound();
      if (J.Hi != It->second.Hi)
        J.Hi = Bound();
    }
    if (!J.tainted() && !J.Status) {
      Into.erase(It); // two different statuses: nothing left to know
      Changed = true;
      continue;
    }
    if (!J.sameAs(It->second)) {
      It->second = J;
      Changed = true;
    }
  }
  return Changed;
}

void addReturnCase(std::vector<ReturnCase> &Cases, const ReturnCase &C) {
  ReturnCase *Into = nullptr;
  for (ReturnCase &X : Cases)
    if (X.Lo == C.Lo && X.Hi == C.Hi)
      Into = &X;
  if (!Into && Cases.size() < MaxReturnCases) {
    Cases.push_back(C);
    return;
  }
  if (!Into) {
    Into = &Cases.back();
    Into->Lo = std::min(Into->Lo, C.Lo);
    Into->Hi = std::max(Into->Hi, C.Hi);
  }
  for (auto It = Into->Out.begin(); It != Into->Out.end();) {
    auto O = C.Out.find(It->first);
    if (O == C.Out.end()) {
      It = Into->Out.erase(It);
      continue;
    }
    It->second = joinVal(It->second, O->second);
    ++It;
  }
}

} // namespace clang::tidy::medsec::taint
