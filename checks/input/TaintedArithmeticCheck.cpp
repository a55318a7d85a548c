//===- TaintedArithmeticCheck.cpp - medsec-tainted-arithmetic ---------------------------===//
#include "TaintedArithmeticCheck.h"

namespace clang::tidy::medsec {

TaintedArithmeticCheck::TaintedArithmeticCheck(StringRef Name, ClangTidyContext *Context)
    : TaintSinkCheck(Name, Context, taint::SinkKind::Arithmetic) {}

} // namespace clang::tidy::medsec
