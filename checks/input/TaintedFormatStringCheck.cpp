//===- TaintedFormatStringCheck.cpp - medsec-tainted-format-string ---------------------------===//
#include "TaintedFormatStringCheck.h"

namespace clang::tidy::medsec {

TaintedFormatStringCheck::TaintedFormatStringCheck(StringRef Name, ClangTidyContext *Context)
    : TaintSinkCheck(Name, Context, taint::SinkKind::FormatString) {}

} // namespace clang::tidy::medsec
