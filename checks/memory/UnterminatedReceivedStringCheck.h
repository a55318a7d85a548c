//===- UnterminatedReceivedStringCheck.h - medsec-unterminated-received-string ---*- C++ -*-===//
#ifndef MEDSEC_CHECKS_MEMORY_UNTERMINATEDRECEIVEDSTRINGCHECK_H
#define MEDSEC_CHECKS_MEMORY_UNTERMINATEDRECEIVEDSTRINGCHECK_H

#include "../support/MedSecCheck.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::medsec {

/// A character array that a receive call (the shared `sources` vocabulary)
/// is allowed to fill to its last byte (a length argument equal to its size)
/// and that the same function then hands to a function reading a
/// NUL-terminated string, with no terminator written in between (CWE-170,
/// CERT STR32-C). Intra-procedural, in source order.
///
/// For the user-facing documentation see:
/// docs/checks/medsec-unterminated-received-string.md
class UnterminatedReceivedStringCheck : public MedSecCheck {
public:
  UnterminatedReceivedStringCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  llvm::StringMap<std::vector<unsigned>> Receivers; // receive function -> buffer arguments
  llvm::StringSet<> Terminating;                    // receive functions that write the NUL
  llvm::StringMap<std::vector<unsigned>> Readers;   // string functions -> string arguments
};

} // namespace clang::tidy::medsec

#endif
