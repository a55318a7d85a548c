//===- TaintedCommandCheck.cpp - medsec-tainted-command ---------------------------===//
#include "TaintedCommandCheck.h"

namespace clang::tidy::medsec {

TaintedCommandCheck::TaintedCommandCheck(StringRef Name, ClangTidyContext *Context)
    : TaintSinkCheck(Name, Context, taint::SinkKind::Command) {}

} // namespace clang::tidy::medsec
