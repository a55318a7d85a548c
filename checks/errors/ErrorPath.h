//===- ErrorPath.h - discards a developer has a reason for ------*- C++ -*-===//
//
// Two reasons medsec-unchecked-return-value accepts a discarded result: the
// call is best-effort work on an error path that already reports a failure,
// or a comment next to a `(void)` cast says why a failure can be ignored.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_ERRORS_ERRORPATH_H
#define MEDSEC_CHECKS_ERRORS_ERRORPATH_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::medsec {

/// A best-effort call on an error path (an alert, an unlock, a log line
/// before `return <error>;`): the error is already being reported, so its
/// failure changes nothing about how the device fails.
bool onErrorPath(const CallExpr *Call, ASTContext &Ctx);

/// A comment on the line of Loc or alone on the line above: the reason the
/// developer gives for ignoring the result.
bool hasJustification(SourceLocation Loc, const SourceManager &SM);

} // namespace clang::tidy::medsec

#endif
