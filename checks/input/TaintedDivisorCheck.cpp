//===- TaintedDivisorCheck.cpp - medsec-tainted-divisor ---------------------------===//
#include "TaintedDivisorCheck.h"

namespace clang::tidy::medsec {

TaintedDivisorCheck::TaintedDivisorCheck(StringRef Name, ClangTidyContext *Context)
    : TaintSinkCheck(Name, Context, taint::SinkKind::Divisor) {}

} // namespace clang::tidy::medsec
