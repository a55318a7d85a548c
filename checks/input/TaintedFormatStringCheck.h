//===- TaintedFormatStringCheck.h - medsec-tainted-format-string -*- C++ -*-===//
#ifndef MEDSEC_CHECKS_INPUT_TAINTEDFORMATSTRINGCHECK_H
#define MEDSEC_CHECKS_INPUT_TAINTEDFORMATSTRINGCHECK_H

#include "TaintSinkCheck.h"

namespace clang::tidy::medsec {

/// Reports external data reaching a sink of kind FormatString without the check
/// that makes it safe. For the user-facing documentation see:
/// docs/checks/medsec-tainted-format-string.md
class TaintedFormatStringCheck : public TaintSinkCheck {
public:
  TaintedFormatStringCheck(StringRef Name, ClangTidyContext *Context);
};

} // namespace clang::tidy::medsec

#endif
