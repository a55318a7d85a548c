//===- NameSetMatcher.h - hasAnyName behind one set lookup ------*- C++ -*-===//
//
// hasAnyName over the catalogue's qualified names ("::strcpy", "::std::rand")
// walks each candidate declaration's contexts once per name: about 24 k
// instructions for every function reference in a unit, 15 M on each keystroke
// in uart_cmd.c under medsec-clangd (docs/benchmarks.md). hasAnyCatalogueName
// asks first whether the declaration's own identifier is the last component
// of one of the names, one hash lookup, and leaves only those declarations to
// hasAnyName: the same declarations match.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_SUPPORT_NAMESETMATCHER_H
#define MEDSEC_CHECKS_SUPPORT_NAMESETMATCHER_H

#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::medsec {

namespace detail {

/// Declarations named by an identifier in the set, and those not named by an
/// identifier at all (operators, constructors: hasAnyName decides for them).
class IdentifierInSet : public ast_matchers::internal::MatcherInterface<NamedDecl> {
public:
  explicit IdentifierInSet(llvm::ArrayRef<llvm::StringRef> Names) {
    for (llvm::StringRef N : Names)
      Last.insert(N.contains("::") ? N.rsplit("::").second : N);
  }
  bool matches(const NamedDecl &D, ast_matchers::internal::ASTMatchFinder *,
               ast_matchers::internal::BoundNodesTreeBuilder *) const override {
    const IdentifierInfo *II = D.getIdentifier();
    return !II || Last.contains(II->getName());
  }

private:
  llvm::StringSet<> Last;
};

} // namespace detail

/// hasAnyName(Names), cheap for the declarations it rejects.
inline ast_matchers::internal::Matcher<NamedDecl>
hasAnyCatalogueName(llvm::ArrayRef<llvm::StringRef> Names) {
  const ast_matchers::internal::Matcher<NamedDecl> Prefilter(new detail::IdentifierInSet(Names));
  const ast_matchers::internal::Matcher<NamedDecl> Exact = ast_matchers::hasAnyName(Names);
  return ast_matchers::allOf(Prefilter, Exact);
}

} // namespace clang::tidy::medsec

#endif
