//===- TruncationLength.h - the would-be length of a truncating call -*- C++ -*-===//
//
// snprintf, vsnprintf, strlcpy and strlcat return the length the output
// would have had, not the length written: on truncation it is larger than
// the buffer. Used as a length or offset before a check against the size
// (`p += snprintf(p, end - p, ...)`), it moves past the end (CWE-787).
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_ERRORS_TRUNCATIONLENGTH_H
#define MEDSEC_CHECKS_ERRORS_TRUNCATIONLENGTH_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/StringMap.h"

#include <string>
#include <vector>

namespace clang::tidy::medsec {

struct LengthUse {
  const Expr *At = nullptr;     // the call used directly, or the read of Var so used
  const VarDecl *Var = nullptr; // the local the result was stored in first, if any
};

/// The first use of Call's result as a length or offset that no comparison
/// against a size precedes, directly or through the local it is stored in
/// (up to the next assignment of that local in the same block). A
/// comparison with a constant of at most 0 (`n < 0`) does not count as a
/// size check. Nothing when the result is discarded, tested, returned or
/// stored elsewhere.
LengthUse uncheckedLengthUse(const CallExpr *Call, const FunctionDecl *Fn, ASTContext &Ctx);

/// A function that takes a path, a command or a key (catalogue list
/// `truncation-sinks`): a truncated text there names another file, runs
/// another command, or is another secret.
struct TruncationSink {
  std::vector<unsigned> Args;
  std::string What; // path, command, key
};

struct TruncatedOutput {
  const CallExpr *Sink = nullptr; // the call that uses the output
  std::string SinkName;
  std::string What;
};

/// The output of Call (its destination, argument 0, a named buffer) is
/// passed later in Fn to a sink argument, while Call's result is discarded.
TruncatedOutput truncatedOutputUse(const CallExpr *Call, const FunctionDecl *Fn,
                                   const llvm::StringMap<TruncationSink> &Sinks,
                                   ASTContext &Ctx);

} // namespace clang::tidy::medsec

#endif
