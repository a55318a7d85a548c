//===- TaintedPointerCheck.cpp - medsec-tainted-pointer ---------------------------===//
#include "TaintedPointerCheck.h"

namespace clang::tidy::medsec {

TaintedPointerCheck::TaintedPointerCheck(StringRef Name, ClangTidyContext *Context)
    : TaintSinkCheck(Name, Context, taint::SinkKind::Pointer) {}

} // namespace clang::tidy::medsec
