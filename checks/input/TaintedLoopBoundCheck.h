//===- TaintedLoopBoundCheck.h - medsec-tainted-loop-bound -*- C++ -*-===//
#ifndef MEDSEC_CHECKS_INPUT_TAINTEDLOOPBOUNDCHECK_H
#define MEDSEC_CHECKS_INPUT_TAINTEDLOOPBOUNDCHECK_H

#include "TaintSinkCheck.h"

namespace clang::tidy::medsec {

/// Reports external data reaching a sink of kind LoopBound without the check
/// that makes it safe. For the user-facing documentation see:
/// docs/checks/medsec-tainted-loop-bound.md
class TaintedLoopBoundCheck : public TaintSinkCheck {
public:
  TaintedLoopBoundCheck(StringRef Name, ClangTidyContext *Context);
};

} // namespace clang::tidy::medsec

#endif
