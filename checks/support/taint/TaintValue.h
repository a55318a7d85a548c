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
#include <vector>

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
  /// The value is the result of this call, whose out-parameters' bounds
  /// depend on it (a status: 0 when the length it wrote was checked). Kept in
  /// the state even when not tainted, so a later test of it refines them.
  const Expr *Status = nullptr;
  /// Parameter #ParamFieldOf reaches this value only through member
  /// ParamField of the record it points to (ctx->total, not ctx->buffer): a
  /// caller whose record has other members external passes nothing here.
  /// Without it (or for the other parameters) the whole record counts.
  const clang::FieldDecl *ParamField = nullptr;
  int ParamFieldOf = -1;
  /// ... and is that member as the caller has it, unchanged: the caller's
  /// checks of the member count at a sink (as Direct for the parameter).
  bool ParamFieldDirect = false;
  const Step *Trace = nullptr;
  bool tainted() const { return Real || Params != 0; }
  /// The member of parameter I's record this value comes through, if only one.
  const clang::FieldDecl *memberOfParam(unsigned I) const {
    return ParamFieldOf == static_cast<int>(I) && (Params >> I & 1) ? ParamField : nullptr;
  }
  bool memberOfParamUnchanged(unsigned I) const { return memberOfParam(I) && ParamFieldDirect; }
  bool sameAs(const TVal &O) const {
    return Real == O.Real && Params == O.Params && Lo == O.Lo && Hi == O.Hi &&
           Validated == O.Validated && Direct == O.Direct && Limit == O.Limit &&
           Address == O.Address && NonZero == O.NonZero && Wrap == O.Wrap &&
           Status == O.Status && ParamField == O.ParamField && ParamFieldOf == O.ParamFieldOf &&
           ParamFieldDirect == O.ParamFieldDirect;
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

/// What a function's pointer parameters point to at the returns whose result
/// lies in [Lo, Hi] (a constant, or unknown ends): the external data written
/// there, by parameter. A caller that tests the result keeps the bounds of
/// the returns its test lets through (mbedtls_asn1_get_len checks the length
/// it writes and returns 0 only then).
struct ReturnCase {
  Int Lo = -Infinity, Hi = Infinity;
  std::map<unsigned, TVal> Out;
};
constexpr unsigned MaxReturnCases = 16;

/// Adds C to Cases. A case of the same range joins it; an output one of them
/// lacks (not written with external data on that return) is dropped. Beyond
/// MaxReturnCases ranges the last case grows to cover C.
void addReturnCase(std::vector<ReturnCase> &Cases, const ReturnCase &C);

TVal joinVal(const TVal &A, const TVal &B);
/// Sets R's parameter member from A and B (R.Params is already their union):
/// kept when the other side does not depend on that parameter or reaches it
/// through the same member; otherwise the parameter's whole record counts.
void joinParamField(TVal &R, const TVal &A, const TVal &B);
/// Joins From into Into; true when Into changed. Widen drops bounds that
/// still move, so loops converge.
bool joinState(TaintState &Into, const TaintState &From, bool Widen);

} // namespace clang::tidy::medsec::taint

#endif
