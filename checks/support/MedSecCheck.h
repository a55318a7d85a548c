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

#include <memory>

namespace clang::tidy::medsec {

namespace rules = ::medsec::rules;

class MedSecCheck : public ClangTidyCheck {
public:
  MedSecCheck(StringRef Name, ClangTidyContext *Context);

protected:
  /// This check's catalogue entry; null when the catalogue has none (the
  /// problem has then been reported as a configuration error).
  const rules::CheckEntry *entry() const { return Entry; }
  const rules::Catalogue *catalogue() const { return Cat.get(); }

  /// Reports a finding at Loc, recording the severity and the catalogue data
  /// entry behind it for the medsec driver (a no-op elsewhere).
  DiagnosticBuilder report(const SourceManager &SM, SourceLocation Loc, StringRef Message, rules::Severity Sev,
                           StringRef DataKey = StringRef());

private:
  std::shared_ptr<const rules::Catalogue> Cat;
  const rules::CheckEntry *Entry = nullptr;
};

} // namespace clang::tidy::medsec

#endif
