//===- TaintEngine.h - flow-sensitive taint analysis of a TU ----*- C++ -*-===//
//
// One analysis per translation unit serves the six medsec-tainted-* checks.
// Each function that can reach a taint source (directly or through the
// functions it calls in this TU) is analysed over clang's CFG: a worklist over
// blocks carries the taint and the known bounds of variables, struct fields
// and pointees; branch conditions on the CFG edges refine the bounds. Callees
// get a summary (which parameters reach which sinks and the return value,
// which out-parameters receive external data) computed once, on demand.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_SUPPORT_TAINT_TAINTENGINE_H
#define MEDSEC_CHECKS_SUPPORT_TAINT_TAINTENGINE_H

#include "TaintConfig.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceLocation.h"

#include <string>
#include <vector>

namespace clang::tidy::medsec::taint {

enum class SinkKind {
  ArrayIndex,
  MemorySize,
  LoopBound,
  FormatString,
  Command,
  Arithmetic,
  Pointer,
  Divisor,
  Setting
};

struct FlowNote {
  SourceLocation Loc;
  std::string Text;
};

struct TaintFinding {
  SinkKind Kind;
  SourceLocation Loc;
  std::string Message;
  std::string SourceName;      // the source function, recorded as the data key
  std::vector<FlowNote> Notes; // source first, then the steps in flow order
};

/// The findings of every sink kind for the TU of Ctx. Computed on the first
/// call after resetTaintResults() and shared by later calls for the same TU.
const std::vector<TaintFinding> &taintFindings(ASTContext &Ctx, const TaintConfig &Cfg);

/// Forgets the results of the previous TU (called when a TU starts).
void resetTaintResults();

} // namespace clang::tidy::medsec::taint

#endif
