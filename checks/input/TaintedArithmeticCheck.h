//===- TaintedArithmeticCheck.h - medsec-tainted-arithmetic -*- C++ -*-===//
#ifndef MEDSEC_CHECKS_INPUT_TAINTEDARITHMETICCHECK_H
#define MEDSEC_CHECKS_INPUT_TAINTEDARITHMETICCHECK_H

#include "TaintSinkCheck.h"

namespace clang::tidy::medsec {

/// Reports external data reaching a sink of kind Arithmetic without the check
/// that makes it safe. For the user-facing documentation see:
/// docs/checks/medsec-tainted-arithmetic.md
class TaintedArithmeticCheck : public TaintSinkCheck {
public:
  TaintedArithmeticCheck(StringRef Name, ClangTidyContext *Context);
};

} // namespace clang::tidy::medsec

#endif
