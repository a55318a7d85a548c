//===- CrossTuFacts.h - what a TU's analysis tells other TUs ----*- C++ -*-===//
//
// The taint analysis runs per translation unit. `medsec scan` joins the units:
// each unit reports the external data it hands to, returns to or stores for
// code of other units, and the names it defines and uses; the driver turns
// them into derived rules (callback entries, sources, tainted globals) and
// re-runs the units concerned (docs/taint-analysis.md, "Across translation
// units"). medsec-unchecked-return-value adds how often the result of each
// project function is checked (CallCountFact), so the inferred must-check
// counts call sites of the whole program. Recording is off unless the driver turns it on, so the plugin and
// medsec-clangd keep nothing.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_SUPPORT_CROSSTUFACTS_H
#define MEDSEC_CHECKS_SUPPORT_CROSSTUFACTS_H

#include "../../rules/loader/ParamRange.h"

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace medsec {

/// An input of the attack surface (AttackSurface.h) as results.json's
/// attack_surface names it: where the data enters and the API, register,
/// callback, global or method.
struct InputRoot {
  std::string File; // as the compiler names it
  unsigned Line = 0, Column = 0;
  std::string Name;
  bool operator<(const InputRoot &O) const {
    return std::tie(File, Line, Column, Name) < std::tie(O.File, O.Line, O.Column, O.Name);
  }
  bool operator==(const InputRoot &O) const { return !(*this < O) && !(O < *this); }
};

/// A fact of another unit, as the join keys it: Kind param | return | out |
/// global, the function or global, the parameter (0 for return and global).
struct FactRef {
  std::string Kind, Name;
  unsigned Param = 0;
  bool operator<(const FactRef &O) const {
    return std::tie(Kind, Name, Param) < std::tie(O.Kind, O.Name, O.Param);
  }
  bool operator==(const FactRef &O) const { return !(*this < O) && !(O < *this); }
};

/// The widest of two call sites' ranges: nothing (unbounded) when either is,
/// an end open when either's is, the looser constant (and how it was
/// bounded) otherwise. True when Into changed.
bool widenRange(std::optional<ValueRange> &Into, const std::optional<ValueRange> &From);

struct CrossTuFact {
  // OutFact: a function defined here writes external data into what its
  // pointer parameter Param points to (an out-parameter). MemberFact: a
  // method stores external data into a member of its object (per field and
  // class, `ns::Class::member_`).
  enum Kind { ParamFact, ReturnFact, GlobalFact, OutFact, MemberFact } K = ParamFact;
  std::string Name;       // the callee, the function returning or writing, the global, the member
  unsigned Param = 0;     // Param, Out: the 0-based parameter
  std::string ParamName;  // Param, Out: the parameter's name at the call's declaration
  std::string Origin;     // "received data"
  std::string SourceName; // the source function the data came from
  std::string File;       // the call, return or store, as the compiler names the file
  /// Out: when only these members of the record Param points to receive the
  /// data (a hash context's buffer, not its counters); empty: all of it.
  std::vector<std::string> Fields;
  /// Param: the interval of the value at every call site of this unit that
  /// passes it (their widest); nothing: unbounded at some site.
  std::optional<ValueRange> Range;
  unsigned Line = 0, Column = 0;
  // Out: the function checked the value it wrote (a length against what is
  // left) on every return whose result lies in [CheckedResultMin,
  // CheckedResultMax] (mbedtls_asn1_get_len returns 0 only then); a caller
  // that tests the result so keeps a bound, CheckedMax when a constant.
  bool Checked = false;
  std::optional<int64_t> CheckedResultMin, CheckedResultMax, CheckedMax;
  // Where the data came from: inputs of this unit, and facts of other units
  // whose derived rules brought it here (the join follows them to their
  // inputs). Every flow behind a fact of this name and parameter, merged.
  std::vector<InputRoot> Roots;
  std::vector<FactRef> Via;
};

/// Adds the roots and facts From names to Into's (each once, sorted).
void addOrigins(CrossTuFact &Into, const CrossTuFact &From);

/// Where a value of a derived rule enters this unit (the parameter of a
/// derived callback, the call of a derived source, a derived global): the
/// first note of the findings its data feeds, and the facts behind it.
struct DerivedRoot {
  std::string File;
  unsigned Line = 0, Column = 0;
  std::vector<FactRef> Facts;
};

/// The call sites of one externally visible project function in a unit and
/// how many of them test its result (medsec-unchecked-return-value's
/// inferred must-check).
struct CallCountFact {
  std::string Name;
  unsigned Checked = 0;   // results tested
  unsigned Calls = 0;     // every call site with a result
  unsigned Unchecked = 0; // of them, discarded or stored and never read (reportable)
};

struct CrossTuFacts {
  std::vector<CrossTuFact> Facts;
  std::vector<std::string> Defines; // externally visible functions and globals
  std::vector<std::string> Uses;    // used but defined elsewhere, members read through this
  /// A virtual method defined here and a method it overrides (at any level
  /// of the hierarchy), by their names across units: a virtual call in
  /// another unit may run it.
  std::vector<std::pair<std::string, std::string>> Overrides;
  std::vector<CallCountFact> CallCounts;
  std::vector<DerivedRoot> DerivedRoots;
  // The thresholds the unit applied (its catalogue): at least MinCalls
  // checked call sites and MinPercent of all of them. 0: inference off.
  unsigned MinCalls = 0, MinPercent = 0;
};

void enableCrossTuFacts(bool On);
bool crossTuFactsEnabled();
/// The taint engine's facts (Facts, Defines, Uses, Overrides, DerivedRoots); the call
/// counts stay.
void recordCrossTuFacts(CrossTuFacts F);
/// medsec-unchecked-return-value's call counts and thresholds; the rest stays.
void recordCallCounts(std::vector<CallCountFact> Counts, unsigned MinCalls, unsigned MinPercent);
/// The facts of the last analysed TU (empty when none were recorded).
CrossTuFacts takeCrossTuFacts();

} // namespace medsec

#endif
