//===- CrossTu.h - follow taint between translation units -------*- C++ -*-===//
//
// The taint engine analyses one unit at a time. After a round of units, each
// reports (CrossTuFacts.h) the external data it passes to functions defined
// elsewhere (values, and what pointer arguments point to), returns from its
// own functions, writes through their pointer parameters (out-parameters) and
// stores in external globals or in members of its objects. The join turns
// new facts into catalogue entries of a derived rules file (callbacks,
// sources with a tainted return or out-arguments, tainted globals and
// members), layered over
// the project's rules, and names the units to analyse again: those defining
// or using a name with a new fact. A virtual method's parameter facts go to
// every overrider the units report, an overrider's return and out-parameter
// facts to the methods it overrides. Each fact carries the inputs of the
// attack surface its data came from (its roots, through every hop), so a
// finding a derived rule's data reaches in another unit is counted for the
// receive that fed it. docs/taint-analysis.md describes it.
// The call sites of project functions (medsec-unchecked-return-value's
// inferred must-check) are summed over the units once, after the first
// round; a unit whose findings change with the sums is analysed again.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_TOOLS_CROSSTU_H
#define MEDSEC_TOOLS_CROSSTU_H

#include "../../checks/support/CrossTuFacts.h"
#include "Results.h"

#include "llvm/Support/JSON.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace medsec {

/// A unit's facts as the worker writes them: paths relative to SourceRoot.
llvm::json::Value crossTuFactsToJson(const CrossTuFacts &F, llvm::StringRef CompileDir,
                                     llvm::StringRef SourceRoot);

class CrossTuJoin {
public:
  /// Takes in what the unit File (as the scan names it) reported.
  void addUnit(const std::string &File, const llvm::json::Value &Facts);
  /// Moves the facts not known yet into the derived rules; returns the units
  /// to analyse again, sorted.
  std::vector<std::string> advance();
  /// The derived rules, in the catalogue's override format; empty when none.
  std::string overlayYaml() const;
  /// Names with a fact that several units define (each its own object, in
  /// programs linked apart): their facts are not joined.
  const std::set<std::string> &ambiguousNames() const { return Ambiguous; }
  /// The inputs of the attack surface the data of fact R came from, through
  /// every hop (a fact derived from another unit's fact keeps its roots).
  std::set<InputRoot> rootsOf(const FactRef &R) const;
  /// Attributes each finding whose flow starts at a derived rule's value (its
  /// first note at one of its unit's derivedRoots) to the inputs behind it:
  /// Finding::Inputs, which the attack surface counts.
  void attributeFindings(std::vector<UnitResult> &Results) const;

private:
  struct CallCounts {
    unsigned Checked = 0, Calls = 0, Unchecked = 0;
  };
  void addCallCounts(const std::string &File, const llvm::json::Object &O);
  bool mustCheck(const CallCounts &C) const;
  void joinCallCounts(std::set<std::string> &Rerun);
  std::map<std::string, std::map<std::string, CallCounts>> UnitCalls; // unit -> function
  std::map<std::string, CallCounts> JoinedCalls; // the sums the derived rules carry
  unsigned MinCalls = 0, MinPercent = 0;         // 0: no unit counted
  bool CallsJoined = false;

  struct Fact {
    std::string Kind; // param | return | out | global
    std::string Name, ParamName, Origin, Source, File, Unit;
    unsigned Param = 0, Line = 0, Column = 0;
    std::vector<std::string> Fields; // out: only these members of what Param points to
    bool Used = false; // some unit defines or uses Name: it goes into the rules
    // out: checked when the result lies in [CheckedResultMin, CheckedResultMax].
    bool Checked = false;
    std::optional<int64_t> CheckedResultMin, CheckedResultMax, CheckedMax;
    // param: the widest interval of every call site of every unit passing
    // it; nothing: unbounded at some site.
    std::optional<ValueRange> Range;
    std::set<InputRoot> Roots; // the inputs of its unit it came from
    std::set<FactRef> Via;     // the facts of other units it came from
    void addOrigins(const Fact &O) {
      Roots.insert(O.Roots.begin(), O.Roots.end());
      Via.insert(O.Via.begin(), O.Via.end());
    }
  };
  /// Into becomes the earlier of Into and F (units finish in any order: the
  /// earliest location wins, so any -j derives the same rules), with the
  /// origins of both: every flow behind a name and parameter feeds what its
  /// derived rule brings, whichever note wins.
  static void keepEarliest(Fact &Into, Fact F);
  /// The derived source's checked-result-min/-max and checked-max lines.
  static std::string checkedFields(const std::vector<const Fact *> &Outs);
  using Key = std::tuple<std::string, std::string, unsigned>;
  struct Names {
    std::set<std::string> Defines, Uses;
    std::set<std::pair<std::string, std::string>> Overrides; // overrider, overridden
  };
  std::map<std::string, Names> Units;
  std::map<Key, Fact> Known, Pending;
  std::set<Key> Widened; // known parameter facts whose interval a unit widened
  std::set<std::string> Ambiguous;
};

/// Analyses Files again with the derived rules in the file DerivedRules.
using CrossTuRound = std::function<std::vector<UnitResult>(
    const std::vector<std::string> &Files, const std::string &DerivedRules, unsigned Round)>;

/// The rounds of the join, after a first round gave Results (in the order of
/// Files): each re-analyses the units that define or use a name with a new
/// fact, with the derived rules (a file per round in TempDir, so a unit's log
/// names the rules it saw) layered on their project rules; a re-analysed
/// unit's results replace its earlier ones, unless it failed this time.
/// Then the findings fed through derived rules name the inputs behind them.
void runCrossTuRounds(const std::vector<std::string> &Files, std::vector<UnitResult> &Results,
                      const std::string &TempDir, bool Quiet, const CrossTuRound &Analyse);

} // namespace medsec

#endif
