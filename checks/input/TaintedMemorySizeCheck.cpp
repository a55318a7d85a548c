//===- TaintedMemorySizeCheck.cpp - medsec-tainted-memory-size ---------------------------===//
#include "TaintedMemorySizeCheck.h"

namespace clang::tidy::medsec {

TaintedMemorySizeCheck::TaintedMemorySizeCheck(StringRef Name, ClangTidyContext *Context)
    : TaintSinkCheck(Name, Context, taint::SinkKind::MemorySize) {}

} // namespace clang::tidy::medsec
