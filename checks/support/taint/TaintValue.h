//===- TaintValue.h - abstract values of the taint analysis -----*- C++ -*-===//
//
// A value is tainted by a real source (Real) and/or, inside a function being
// summarised, by its parameters (Params, one bit each). Bounds are what the
// path knows about the value: a constant, a constant implied by its type, or a
// trusted non-constant bound (a comparison with a variable the attacker does
// not control).
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_SUPPORT_TAINT_TAINTVALUE_H
#define MEDSEC_CHECKS_SUPPORT_TAINT_TAINTVALUE_H

#include "Interval.h"

#include "clang/AST/Decl.h"
#include "clang/Basic/SourceLocation.h"

#include <cstdint>
#include <map>
#include <string>
#include <tuple>

namespace clang::tidy::medsec::taint {

/// One step of a flow, for the notes of a finding. Steps form a list towards
/// the source; the root carries the origin text and the source's name.
struct Step {
  SourceLocation Loc;
  std::string Text;
  const Step *Prev = nullptr;
  std::string Origin;
  std::string SourceName;
  unsigned Depth = 0;
};

struct TVal {
  bool Real = false;
  uint64_t Params = 0;
  Bound Lo, Hi;
  bool Validated = false;
  int Direct = -1;      // the value is parameter #Direct, unmodified
  bool Limit = false;   // Real only through a constant at the limit of its type (INT_MAX...)
  bool Address = false; // an address made from an external integer ((uint32_t *)addr)
  bool NonZero = false; // the path checked it against 0 (a divisor's guard)
  /// The last +, -, * or ++/-- on external data that made this value: an
  /// unsigned wrap there matters only if the value reaches a size, an index,
  /// a pointer, a divisor or a comparison (Engine::reachWrap).
  const Expr *Wrap = nullptr;
  const Step *Trace = nullptr;
  bool tainted() const { return Real || Params != 0; }
  bool sameAs(const TVal &O) const {
    return Real == O.Real && Params == O.Params && Lo == O.Lo && Hi == O.Hi &&
           Validated == O.Validated && Direct == O.Direct && Limit == O.Limit &&
           Address == O.Address && NonZero == O.NonZero && Wrap == O.Wrap;
  }
};

/// A variable, a field of it, or what it points to (Contents), optionally a
/// field of that.
struct LocKey {
  const ValueDecl *Base = nullptr;
  const FieldDecl *Field = nullptr;
  bool Contents = false;
  bool operator<(const LocKey &O) const {
    return std::tie(Base, Field, Contents) < std::tie(O.Base, O.Field, O.Contents);
  }
  bool operator==(const LocKey &O) const {
    return Base == O.Base && Field == O.Field && Contents == O.Contents;
  }
};

using TaintState = std::map<LocKey, TVal>;

TVal joinVal(const TVal &A, const TVal &B);
/// Joins From into Into; true when Into changed. Widen drops bounds that
/// still move, so loops converge.
bool joinState(TaintState &Into, const TaintState &From, bool Widen);

} // namespace clang::tidy::medsec::taint

#endif
