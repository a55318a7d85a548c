//===- TaintValue.cpp -----------------------------------------------------===//
#include "TaintValue.h"

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
  R.NonZero = (!A.tainted() || A.NonZero) && (!B.tainted() || B.NonZero);
  R.Wrap = A.Wrap ? A.Wrap : B.Wrap;
  return R;
}

// A type's limit held on one path only is a sentinel (best = INT_MAX before a
// search loop), not a value the program goes on with: it is dropped.
static bool limitOnly(const TVal &V) { return V.Limit && !V.Params; }

bool joinState(TaintState &Into, const TaintState &From, bool Widen) {
  bool Changed = false;
  for (auto It = Into.begin(); It != Into.end();) {
    if (limitOnly(It->second) && !From.count(It->first)) {
      It = Into.erase(It);
      Changed = true;
    } else {
      ++It;
    }
  }
  for (const auto &[K, V] : From) {
    auto It = Into.find(K);
    if (It == Into.end()) {
      if (limitOnly(V))
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
    if (!J.sameAs(It->second)) {
      It->second = J;
      Changed = true;
    }
  }
  return Changed;
}

} // namespace clang::tidy::medsec::taint
