//===- MedSecCheck.cpp ----------------------------------------------------===//
#include "MedSecCheck.h"

#include "CatalogueAccess.h"
#include "FindingAnnotations.h"

namespace clang::tidy::medsec {

namespace {
std::string globalOption(ClangTidyContext *Context, StringRef Name) {
  const auto &Opts = Context->getOptions().CheckOptions;
  auto It = Opts.find(Name);
  return It == Opts.end() ? std::string() : It->second.Value;
}
} // namespace

MedSecCheck::MedSecCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context) {
  // `medsec scan` layers what it learnt from other units on top (docs/taint-analysis.md).
  const ::medsec::CatalogueSource Source = ::medsec::catalogueSourceFor(
      globalOption(Context, "medsec.Catalogue"), globalOption(Context, "medsec.ProjectRules"),
      globalOption(Context, "medsec.DerivedRules"), Context->getCurrentFile());
  std::vector<rules::Problem> Problems;
  bool FirstTime = false;
  Cat = ::medsec::cachedCatalogue(Source, Problems, FirstTime);
  // Each catalogue problem is reported by the first check built after loading,
  // so a broken file is named once, with its location, not once per check.
  if (FirstTime)
    for (const rules::Problem &P : Problems)
      configurationDiag("medsec rule catalogue: %0") << P.str();
  Entry = Cat ? Cat->findCheck(Name.str()) : nullptr;
  if (!Entry)
    configurationDiag("check '%0' has no entry in the medsec rule catalogue at '%1'")
        << Name << Source.BuiltinDir;
}

DiagnosticBuilder MedSecCheck::report(const SourceManager &SM, SourceLocation Loc,
                                      StringRef Message, rules::Severity Sev, StringRef DataKey) {
  if (::medsec::findingAnnotationsEnabled() && Loc.isValid()) {
    ::medsec::recordFindingAnnotation(getID(), SM.getFilename(Loc), SM.getFileOffset(Loc),
                                      {rules::severityName(Sev), DataKey.str(), Message.str()});
  }
  // The message is data, never a format: it may quote '%s' from the source.
  DiagnosticBuilder D = diag(Loc, "%0");
  D << Message;
  return D;
}

} // namespace clang::tidy::medsec
