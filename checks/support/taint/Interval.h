//===- Interval.h - bounds and interval arithmetic of the taint analysis -*- C++ -*-===//
//
// The numeric part of the taint analysis, free of the AST: what a path knows
// about a value's lower and upper end (a Bound each), how the ends of two
// paths join, and the bounds of an arithmetic result or a conversion. A bound
// is a constant the program checked (Const), a constant its type implies
// (TypeConst), or a trusted non-constant bound (a comparison with a value the
// attacker does not control). Values are __int128 clamped to +/-2^100, so the
// arithmetic of 64-bit operands never overflows here.
//
// Used by the taint engine (TaintFunction.cpp, TaintSinks.cpp) and by checks
// that reason about value ranges on the same engine; tests/unit/IntervalTest.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_SUPPORT_TAINT_INTERVAL_H
#define MEDSEC_CHECKS_SUPPORT_TAINT_INTERVAL_H

#include "clang/AST/OperationKinds.h"

#include <cstdint>
#include <optional>
#include <utility>

namespace clang::tidy::medsec::taint {

using Int = __int128;
constexpr Int Infinity = static_cast<Int>(1) << 100;

/// V limited to [-Infinity, Infinity].
inline Int clampInt(Int V) { return V > Infinity ? Infinity : (V < -Infinity ? -Infinity : V); }

struct Bound {
  enum Kind : uint8_t { None, Const, TypeConst, Trusted } K = None;
  Int V = 0;
  static Bound constant(Int V, Kind K = Const) {
    Bound B;
    B.K = K;
    B.V = V;
    return B;
  }
  static Bound trusted() {
    Bound B;
    B.K = Trusted;
    return B;
  }
  bool known() const { return K != None; }
  bool isConst() const { return K == Const || K == TypeConst; }
  bool operator==(const Bound &O) const { return K == O.K && (!isConst() || V == O.V); }
  bool operator!=(const Bound &O) const { return !(*this == O); }
};

/// The two ends of what a path knows about a value.
struct Interval {
  Bound Lo, Hi;
};

/// The values of an integer type: [Lo, Hi].
using IntRange = std::pair<Int, Int>;

/// The range of an integer type of Width bits (nothing for 0 or more than 64).
std::optional<IntRange> integerRange(unsigned Width, bool Signed);

/// The lower (upper) end of two paths joined: the looser one, unknown when
/// either is unknown, trusted when either is trusted.
Bound joinLo(const Bound &A, const Bound &B);
Bound joinHi(const Bound &A, const Bound &B);

/// True when the constant ends contradict each other (Lo > Hi): no value
/// satisfies both, the path cannot run.
bool infeasible(const Bound &Lo, const Bound &Hi);

/// Whether some value of [Lo, Hi] satisfies `v Op K` (Op a comparison; true
/// for any other operator): the results a caller's test of a call's status
/// lets through, against the range one return of the callee yields.
bool someValueSatisfies(Int Lo, Int Hi, BinaryOperatorKind Op, Int K);

/// The bounds of A Op B computed in a type of range TR (nothing: not an
/// integer type). AOwn/BOwn: the operand is the program's own value, not
/// external data; its unknown ends count as trusted, and only an own constant
/// sanitises (x % N, x & MASK). A result computed from a type's range gets
/// TypeConst ends, except for the sanitising % and &. Operators without a
/// rule give unknown ends.
Interval arithBounds(BinaryOperatorKind Op, Interval A, bool AOwn, Interval B, bool BOwn,
                     std::optional<IntRange> TR);

/// The bounds of a value converted from a type of range From (nothing: not an
/// integer type) to one of range To. Wraps is set when the value may not fit,
/// so the conversion wraps or truncates it.
Interval convertBounds(Interval V, std::optional<IntRange> From, IntRange To, bool ToUnsigned,
                       bool &Wraps);

} // namespace clang::tidy::medsec::taint

#endif
