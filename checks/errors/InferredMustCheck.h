//===- InferredMustCheck.h - results a project always checks ----*- C++ -*-===//
//
// medsec-unchecked-return-value's inferred must-check (CWE-252): a function
// of the project whose result is tested at most of its call sites is reported
// where its result is discarded or stored and never read: at least
// `min-calls` of the other call sites, and `min-percent` of them, test it
// (catalogue entry `inference: project-must-check`). The call sites are counted in the unit; with
// `medsec scan --cross-tu` the driver joins the counts of an externally
// visible function across units (CrossTuFacts.h, CallCountFact) and hands the
// sums back as `joined-calls` entries of the derived rules.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_ERRORS_INFERREDMUSTCHECK_H
#define MEDSEC_CHECKS_ERRORS_INFERREDMUSTCHECK_H

#include "../support/CrossTuFacts.h"

#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringMap.h"

#include <string>
#include <vector>

namespace clang::tidy::medsec {

class MustCheckInference {
public:
  /// What a call site does with the result.
  enum class Site {
    Checked,   // tested, switched on, or stored and tested later
    Discarded, // an expression statement: reported
    DeadStore, // stored in a local never read after: reported
    Excused,   // discarded on an error path, or cast to void: counted, not reported
    Used,      // handed on (argument, return, other data use): counted, not reported
  };
  struct Thresholds {
    unsigned MinCalls = 3;
    unsigned MinPercent = 80;
  };
  struct Counts {
    unsigned Checked = 0, Calls = 0;
  };

  /// FD belongs to the project: named, with a result, not a builtin, and
  /// every declaration of it outside system headers.
  static bool eligible(const FunctionDecl *FD, const SourceManager &SM);

  void clear();
  /// One call site of FD at Loc (where the developer acts); Var is the local
  /// of a DeadStore.
  void add(const FunctionDecl *FD, Site S, SourceLocation Loc, const VarDecl *Var = nullptr);
  /// The sums of all units for an externally visible function (cross-TU).
  void setJoined(llvm::StringRef Name, Counts C) { Joined[Name] = C; }
  void clearJoined() { Joined.clear(); }

  struct Inferred {
    SourceLocation Loc;
    std::string Message;
    SourceLocation CheckedAt; // a call in this unit that checks the result, or invalid
    std::string Note;
  };
  /// The call sites to report, in the order they were added.
  std::vector<Inferred> findings(const Thresholds &T) const;
  /// The counts of every externally visible function, for the driver's join.
  std::vector<::medsec::CallCountFact> callCounts() const;

  /// The rule, judged at a call that does not check: enough of the other
  /// call sites check the result, in number and in share.
  static bool mustCheck(Counts C, const Thresholds &T) {
    const unsigned Others = C.Calls ? C.Calls - 1 : 0;
    return C.Checked >= T.MinCalls && C.Checked * 100ull >= uint64_t(T.MinPercent) * Others;
  }

private:
  struct Call {
    Site S;
    SourceLocation Loc;
    const VarDecl *Var;
  };
  struct Function {
    std::string Name;
    bool Joinable = false; // externally visible: counted across units by name
    std::vector<Call> Calls;
  };
  Counts countsOf(const Function &F) const;
  llvm::MapVector<const FunctionDecl *, Function> Functions;
  llvm::StringMap<Counts> Joined;
};

} // namespace clang::tidy::medsec

#endif
