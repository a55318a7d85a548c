//===- MedSecCheck.cpp ----------------------------------------------------===//
#include "MedSecCheck.h"

#include "CatalogueAccess.h"
#include "FindingAnnotations.h"

#include <atomic>
#include <cstdint>

namespace clang::tidy::medsec {

namespace {
std::string globalOption(ClangTidyContext *Context, StringRef Name) {
  const auto &Opts = Context->getOptions().CheckOptions;
  auto It = Opts.find(Name);
  return It == Opts.end() ? std::string() : It->second.Value;
}

/// How many medsec checks have been destroyed in this process. The checks of
/// one analysis (a clangd AST build, a clang-tidy unit) are all constructed
/// before any of them is destroyed, so an unchanged count since the previous
/// construction on the same thread means the same analysis.
std::atomic<uint64_t> ChecksDestroyed{0};

/// The catalogue the previous check constructed on this thread found. A
/// clangd build constructs every check again (some 20 a keystroke), and each
/// used to assemble the catalogue source and stat every rule file: now the
/// first check of an analysis does, and the others of the same analysis, with
/// the same options and file, take its answer. The next analysis looks again,
/// so an edited rule file is still seen on the next keystroke.
struct CatalogueLookup {
  uint64_t Generation = 0;
  std::string Key;
  std::string BuiltinDir;
  std::shared_ptr<const rules::Catalogue> Cat;
};
thread_local CatalogueLookup LastLookup;
} // namespace

MedSecCheck::MedSecCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context) {
  const std::string CatalogueDir = globalOption(Context, "medsec.Catalogue");
  const std::string ProjectRules = globalOption(Context, "medsec.ProjectRules");
  const std::string DerivedRules = globalOption(Context, "medsec.DerivedRules");
  const std::string File = Context->getCurrentFile().str();
  std::string Key = CatalogueDir;
  for (const std::string *Part : {&ProjectRules, &DerivedRules, &File})
    Key.append(1, '\0').append(*Part);
  const uint64_t Generation = ChecksDestroyed.load(std::memory_order_acquire);
  if (!LastLookup.Cat || LastLookup.Generation != Generation || LastLookup.Key != Key) {
    // `medsec scan` layers what it learnt from other units on top (docs/taint-analysis.md).
    const ::medsec::CatalogueSource Source =
        ::medsec::catalogueSourceFor(CatalogueDir, ProjectRules, DerivedRules, File);
    std::vector<rules::Problem> Problems;
    bool FirstTime = false;
    LastLookup = {Generation, Key, Source.BuiltinDir,
                  ::medsec::cachedCatalogue(Source, Problems, FirstTime)};
    // Each catalogue problem is reported by the first check built after loading,
    // so a broken file is named once, with its location, not once per check.
    if (FirstTime)
      for (const rules::Problem &P : Problems)
        configurationDiag("medsec rule catalogue: %0") << P.str();
  }
  Cat = LastLookup.Cat;
  Entry = Cat ? Cat->findCheck(Name.str()) : nullptr;
  if (!Entry)
    configurationDiag("check '%0' has no entry in the medsec rule catalogue at '%1'")
        << Name << LastLookup.BuiltinDir;
}

MedSecCheck::~MedSecCheck() { ChecksDestroyed.fetch_add(1, std::memory_order_release); }

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
