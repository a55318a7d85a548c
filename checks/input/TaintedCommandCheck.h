//===- TaintedCommandCheck.h - medsec-tainted-command -*- C++ -*-===//
#ifndef MEDSEC_CHECKS_INPUT_TAINTEDCOMMANDCHECK_H
#define MEDSEC_CHECKS_INPUT_TAINTEDCOMMANDCHECK_H

#include "TaintSinkCheck.h"

namespace clang::tidy::medsec {

/// Reports external data reaching a sink of kind Command without the check
/// that makes it safe. For the user-facing documentation see:
/// docs/checks/medsec-tainted-command.md
class TaintedCommandCheck : public TaintSinkCheck {
public:
  TaintedCommandCheck(StringRef Name, ClangTidyContext *Context);
};

} // namespace clang::tidy::medsec

#endif
