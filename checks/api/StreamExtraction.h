//===- StreamExtraction.h - `is >> buf` into a char array without a width -*- C++ -*-===//
//
// The formatted extraction of a word into a `char *` (and, before C++20, a
// char array) writes until whitespace unless a width was set on the stream:
// the C++ form of scanf("%s") (CWE-242, CWE-676).
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_API_STREAMEXTRACTION_H
#define MEDSEC_CHECKS_API_STREAMEXTRACTION_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::medsec {

struct StreamWidthRules {
  std::vector<std::string> Manipulators; // qualified names: ::std::setw
  std::vector<std::string> Setters;      // member functions of the stream: width
};

/// The destination of the extraction Call when it is written without a
/// bound: its description for the message ("the char array 'buf'"), or
/// nothing when the library bounds it (C++20's array overload), the
/// destination is not a narrow character buffer, or a width applies.
std::optional<std::string> unboundedExtraction(const CXXOperatorCallExpr *Call,
                                               const StreamWidthRules &W, ASTContext &Ctx);

} // namespace clang::tidy::medsec

#endif
