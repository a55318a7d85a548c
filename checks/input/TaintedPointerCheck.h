//===- TaintedPointerCheck.h - medsec-tainted-pointer -*- C++ -*-===//
#ifndef MEDSEC_CHECKS_INPUT_TAINTEDPOINTERCHECK_H
#define MEDSEC_CHECKS_INPUT_TAINTEDPOINTERCHECK_H

#include "TaintSinkCheck.h"

namespace clang::tidy::medsec {

/// Reports external data reaching a sink of kind Pointer without the check
/// that makes it safe. For the user-facing documentation see:
/// docs/checks/medsec-tainted-pointer.md
class TaintedPointerCheck : public TaintSinkCheck {
public:
  TaintedPointerCheck(StringRef Name, ClangTidyContext *Context);
};

} // namespace clang::tidy::medsec

#endif
