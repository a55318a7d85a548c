//===- TaintedArrayIndexCheck.h - medsec-tainted-array-index -*- C++ -*-===//
#ifndef MEDSEC_CHECKS_INPUT_TAINTEDARRAYINDEXCHECK_H
#define MEDSEC_CHECKS_INPUT_TAINTEDARRAYINDEXCHECK_H

#include "TaintSinkCheck.h"

namespace clang::tidy::medsec {

/// Reports external data reaching a sink of kind ArrayIndex without the check
/// that makes it safe. For the user-facing documentation see:
/// docs/checks/medsec-tainted-array-index.md
class TaintedArrayIndexCheck : public TaintSinkCheck {
public:
  TaintedArrayIndexCheck(StringRef Name, ClangTidyContext *Context);
};

} // namespace clang::tidy::medsec

#endif
