//===- TaintedArrayIndexCheck.cpp - medsec-tainted-array-index ---------------------------===//
#include "TaintedArrayIndexCheck.h"

namespace clang::tidy::medsec {

TaintedArrayIndexCheck::TaintedArrayIndexCheck(StringRef Name, ClangTidyContext *Context)
    : TaintSinkCheck(Name, Context, taint::SinkKind::ArrayIndex) {}

} // namespace clang::tidy::medsec
