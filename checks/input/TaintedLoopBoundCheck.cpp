//===- TaintedLoopBoundCheck.cpp - medsec-tainted-loop-bound ---------------------------===//
#include "TaintedLoopBoundCheck.h"

namespace clang::tidy::medsec {

TaintedLoopBoundCheck::TaintedLoopBoundCheck(StringRef Name, ClangTidyContext *Context)
    : TaintSinkCheck(Name, Context, taint::SinkKind::LoopBound) {}

} // namespace clang::tidy::medsec
