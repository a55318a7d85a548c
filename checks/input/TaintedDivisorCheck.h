//===- TaintedDivisorCheck.h - medsec-tainted-divisor -*- C++ -*-===//
#ifndef MEDSEC_CHECKS_INPUT_TAINTEDDIVISORCHECK_H
#define MEDSEC_CHECKS_INPUT_TAINTEDDIVISORCHECK_H

#include "TaintSinkCheck.h"

namespace clang::tidy::medsec {

/// Reports external data reaching a sink of kind Divisor without the check
/// that makes it safe. For the user-facing documentation see:
/// docs/checks/medsec-tainted-divisor.md
class TaintedDivisorCheck : public TaintSinkCheck {
public:
  TaintedDivisorCheck(StringRef Name, ClangTidyContext *Context);
};

} // namespace clang::tidy::medsec

#endif
