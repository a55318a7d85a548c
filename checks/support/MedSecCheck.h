//===- MedSecCheck.h - base class of every medsec-* check -------*- C++ -*-===//
//
// Gives a check its entry of the rule catalogue (clauses, severity, data),
// loaded once per catalogue version and shared by every check and thread.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_SUPPORT_MEDSECCHECK_H
#define MEDSEC_CHECKS_SUPPORT_MEDSECCHECK_H

#include "../../rules/loader/Catalogue.h"
#include "clang-tidy/ClangTidyCheck.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

#include <map>
#include <memory>
#include <utility>
#include <vector>

namespace clang::tidy::medsec {

namespace rules = ::medsec::rules;

class MedSecCheck : public ClangTidyCheck {
public:
  MedSecCheck(StringRef Name, ClangTidyContext *Context);
  ~MedSecCheck() override;

protected:
  /// This check's catalogue entry; null when the catalogue has none (the
  /// problem has then been reported as a configuration error).
  const rules::CheckEntry *entry() const { return Entry; }
  const rules::Catalogue *catalogue() const { return Cat.get(); }

  /// Reports a finding at Loc, recording the severity and the catalogue data
  /// entry behind it for the medsec driver (a no-op elsewhere).
  DiagnosticBuilder report(const SourceManager &SM, SourceLocation Loc, StringRef Message,
                           rules::Severity Sev, StringRef DataKey = StringRef());

private:
  std::shared_ptr<const rules::Catalogue> Cat;
  const rules::CheckEntry *Entry = nullptr;
};

/// The entries of findings collected by location, in the order they appear
/// in the translation unit (a std::map orders by raw encoding, not position).
template <class T>
std::vector<std::pair<SourceLocation, T *>> inSourceOrder(std::map<SourceLocation, T> &Collected,
                                                          const SourceManager &SM) {
  std::vector<std::pair<SourceLocation, T *>> Sorted;
  for (auto &E : Collected)
    Sorted.emplace_back(E.first, &E.second);
  llvm::sort(Sorted, [&](const auto &A, const auto &B) {
    return SM.isBeforeInTranslationUnit(A.first, B.first);
  });
  return Sorted;
}

} // namespace clang::tidy::medsec

#endif
