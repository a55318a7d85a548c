//===- TaintedMemorySizeCheck.h - medsec-tainted-memory-size -*- C++ -*-===//
#ifndef MEDSEC_CHECKS_INPUT_TAINTEDMEMORYSIZECHECK_H
#define MEDSEC_CHECKS_INPUT_TAINTEDMEMORYSIZECHECK_H

#include "TaintSinkCheck.h"

namespace clang::tidy::medsec {

/// Reports external data reaching a sink of kind MemorySize without the check
/// that makes it safe. For the user-facing documentation see:
/// docs/checks/medsec-tainted-memory-size.md
class TaintedMemorySizeCheck : public TaintSinkCheck {
public:
  TaintedMemorySizeCheck(StringRef Name, ClangTidyContext *Context);
};

} // namespace clang::tidy::medsec

#endif
