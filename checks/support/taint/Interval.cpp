//===- Interval.cpp - bounds and interval arithmetic ----------------------===//
#include "Interval.h"

#include <algorithm>

namespace clang::tidy::medsec::taint {
namespace {

// A * B clamped to [-Infinity, Infinity]; ends already at +/-2^100 would
// overflow __int128.
Int mulClamped(Int A, Int B) {
  Int P;
  if (__builtin_mul_overflow(A, B, &P))
    return (A < 0) != (B < 0) ? -Infinity : Infinity;
  return clampInt(P);
}

} // namespace

std::optional<IntRange> integerRange(unsigned Width, bool Signed) {
  if (Width == 0 || Width > 64)
    return std::nullopt;
  if (Signed)
    return std::make_pair(-(Int(1) << (Width - 1)), (Int(1) << (Width - 1)) - 1);
  return std::make_pair(Int(0), (Int(1) << Width) - 1);
}

Bound joinLo(const Bound &A, const Bound &B) {
  if (!A.known() || !B.known())
    return Bound();
  if (A.K == Bound::Trusted || B.K == Bound::Trusted)
    return Bound::trusted();
  return A.V <= B.V ? A : B;
}

Bound joinHi(const Bound &A, const Bound &B) {
  if (!A.known() || !B.known())
    return Bound();
  if (A.K == Bound::Trusted || B.K == Bound::Trusted)
    return Bound::trusted();
  return A.V >= B.V ? A : B;
}

bool infeasible(const Bound &Lo, const Bound &Hi) {
  return Lo.isConst() && Hi.isConst() && Lo.V > Hi.V;
}

Interval arithBounds(BinaryOperatorKind Op, Interval A, bool AOwn, Interval B, bool BOwn,
                     std::optional<IntRange> TR) {
  // The program's own non-constant values are trusted bounds of themselves.
  for (auto [I, Own] : {std::make_pair(&A, AOwn), std::make_pair(&B, BOwn)})
    if (Own) {
      if (!I->Lo.known())
        I->Lo = Bound::trusted();
      if (!I->Hi.known())
        I->Hi = Bound::trusted();
    }
  Interval R;
  auto C = [](const Bound &X) { return X.isConst(); };
  const bool BConst = C(B.Lo) && C(B.Hi) && B.Lo.V == B.Hi.V;
  switch (Op) {
  case BO_Add:
  case BO_AddAssign:
    if (C(A.Lo) && C(B.Lo))
      R.Lo = Bound::constant(clampInt(A.Lo.V + B.Lo.V));
    else if (A.Lo.known() && B.Lo.known())
      R.Lo = Bound::trusted();
    if (C(A.Hi) && C(B.Hi))
      R.Hi = Bound::constant(clampInt(A.Hi.V + B.Hi.V));
    else if (A.Hi.known() && B.Hi.known())
      R.Hi = Bound::trusted();
    break;
  case BO_Sub:
  case BO_SubAssign:
    if (C(A.Lo) && C(B.Hi))
      R.Lo = Bound::constant(clampInt(A.Lo.V - B.Hi.V));
    else if (A.Lo.known() && B.Hi.known())
      R.Lo = Bound::trusted();
    if (C(A.Hi) && C(B.Lo))
      R.Hi = Bound::constant(clampInt(A.Hi.V - B.Lo.V));
    else if (A.Hi.known() && B.Lo.known())
      R.Hi = Bound::trusted();
    break;
  case BO_Mul:
  case BO_MulAssign:
    if (C(A.Lo) && C(A.Hi) && C(B.Lo) && C(B.Hi)) {
      Int P[4] = {mulClamped(A.Lo.V, B.Lo.V), mulClamped(A.Lo.V, B.Hi.V),
                  mulClamped(A.Hi.V, B.Lo.V), mulClamped(A.Hi.V, B.Hi.V)};
      R.Lo = Bound::constant(*std::min_element(P, P + 4));
      R.Hi = Bound::constant(*std::max_element(P, P + 4));
    } else if (A.Lo.known() && A.Hi.known() && B.Lo.known() && B.Hi.known()) {
      R.Lo = R.Hi = Bound::trusted();
    }
    break;
  case BO_Div:
  case BO_DivAssign:
    if (BConst && B.Lo.V > 0) {
      if (C(A.Lo))
        R.Lo = Bound::constant(A.Lo.V / B.Lo.V);
      if (C(A.Hi))
        R.Hi = Bound::constant(A.Hi.V / B.Lo.V);
      if (A.Lo.K == Bound::Trusted)
        R.Lo = A.Lo;
      if (A.Hi.K == Bound::Trusted)
        R.Hi = A.Hi;
      // Any value of the type divided by k > 1 is within the type's range / k
      // (x / 64 + 1 cannot wrap): a type bound, not a developer's check.
      if (B.Lo.V > 1 && TR) {
        if (!R.Lo.known())
          R.Lo = Bound::constant(TR->first / B.Lo.V, Bound::TypeConst);
        if (!R.Hi.known())
          R.Hi = Bound::constant(TR->second / B.Lo.V, Bound::TypeConst);
      }
    }
    break;
  case BO_Rem:
  case BO_RemAssign:
    // A modulo by a constant bounds the result (sanitiser).
    if (BConst && B.Lo.V != 0) {
      Int M = B.Lo.V < 0 ? -B.Lo.V : B.Lo.V;
      const bool NonNeg = (C(A.Lo) && A.Lo.V >= 0) || (TR && TR->first >= 0);
      R.Lo = Bound::constant(NonNeg ? 0 : -(M - 1));
      R.Hi = Bound::constant(M - 1);
    } else if (B.Hi.known() && BOwn) {
      R.Hi = Bound::trusted();
      if ((C(A.Lo) && A.Lo.V >= 0) || (TR && TR->first >= 0))
        R.Lo = Bound::constant(0);
    }
    break;
  case BO_And:
  case BO_AndAssign:
    // A mask by a non-negative constant bounds the result (sanitiser).
    for (auto [M, Own] : {std::make_pair(&A, AOwn), std::make_pair(&B, BOwn)})
      if (Own && C(M->Lo) && C(M->Hi) && M->Lo.V == M->Hi.V && M->Lo.V >= 0) {
        R.Lo = Bound::constant(0);
        R.Hi = Bound::constant(M->Lo.V);
      }
    break;
  case BO_Shl:
  case BO_ShlAssign:
    if (BConst && B.Lo.V >= 0 && B.Lo.V < 64 && C(A.Lo) && A.Lo.V >= 0 && C(A.Hi)) {
      R.Lo = Bound::constant(A.Lo.V << static_cast<int>(B.Lo.V));
      R.Hi = Bound::constant(clampInt(A.Hi.V << static_cast<int>(B.Lo.V)));
    }
    break;
  case BO_Shr:
  case BO_ShrAssign:
    if (BConst && B.Lo.V >= 0 && B.Lo.V < 64 && C(A.Lo) && A.Lo.V >= 0) {
      R.Lo = Bound::constant(0);
      if (C(A.Hi))
        R.Hi = Bound::constant(A.Hi.V >> static_cast<int>(B.Lo.V));
    }
    break;
  default:
    break;
  }
  // A result computed from a type's range is no developer's check.
  const bool FromType = A.Lo.K == Bound::TypeConst || A.Hi.K == Bound::TypeConst ||
                        B.Lo.K == Bound::TypeConst || B.Hi.K == Bound::TypeConst;
  const bool Sanitising = Op == BO_Rem || Op == BO_RemAssign || Op == BO_And || Op == BO_AndAssign;
  if (FromType && !Sanitising) {
    if (R.Lo.K == Bound::Const)
      R.Lo.K = Bound::TypeConst;
    if (R.Hi.K == Bound::Const)
      R.Hi.K = Bound::TypeConst;
  }
  return R;
}

Interval convertBounds(Interval V, std::optional<IntRange> From, IntRange To, bool ToUnsigned,
                       bool &Wraps) {
  Wraps = false;
  Int Lo = From ? From->first : -Infinity, Hi = From ? From->second : Infinity;
  if (V.Lo.isConst())
    Lo = std::max(Lo, V.Lo.V);
  if (V.Hi.isConst())
    Hi = std::min(Hi, V.Hi.V);
  const bool LoTrusted = V.Lo.K == Bound::Trusted, HiTrusted = V.Hi.K == Bound::Trusted;
  if (Lo >= To.first && Hi <= To.second) {
    // The value fits: what the source type implies becomes a type bound.
    if (!V.Lo.known() && From)
      V.Lo = Bound::constant(Lo, Bound::TypeConst);
    if (!V.Hi.known() && From)
      V.Hi = Bound::constant(Hi, Bound::TypeConst);
    return V;
  }
  // A trusted end (compared with the program's own value) is the developer's
  // check; the other end may still be a constant that fits.
  if ((LoTrusted || Lo >= To.first) && (HiTrusted || Hi <= To.second))
    return V;
  // It may not fit: the conversion wraps or truncates to the target's range.
  Wraps = true;
  V.Lo = Bound::constant(To.first, Bound::TypeConst);
  V.Hi = Bound::constant(To.second, Bound::TypeConst);
  if (To.second - To.first > 0xFFFF && !(ToUnsigned && !From)) {
    V.Lo = V.Lo.V == 0 ? V.Lo : Bound();
    V.Hi = Bound();
  }
  return V;
}

bool someValueSatisfies(Int Lo, Int Hi, BinaryOperatorKind Op, Int K) {
  if (Lo > Hi)
    return false;
  switch (Op) {
  case BO_EQ:
    return Lo <= K && K <= Hi;
  case BO_NE:
    return !(Lo == K && Hi == K);
  case BO_LT:
    return Lo < K;
  case BO_LE:
    return Lo <= K;
  case BO_GT:
    return Hi > K;
  case BO_GE:
    return Hi >= K;
  default:
    return true;
  }
}

} // namespace clang::tidy::medsec::taint
