//===- MarkdownWriter.cpp - report.md -------------------------------------===//
//
// GitHub-flavoured Markdown for a pull-request comment or a design-history
// file. Sections in the order of the HTML report. Every value goes through
// mdEscape (prose) or mdCode (identifiers, paths, hashes).
//
//===----------------------------------------------------------------------===//
#include "Render.h"
#include "Text.h"

#include <map>
#include <set>

namespace medsec {
namespace report {
namespace {

std::string e(llvm::StringRef S) { return mdEscape(S); }
std::string c(llvm::StringRef S) { return S.empty() ? "" : mdCode(S); }
std::string n(size_t N) { return std::to_string(N); }

std::string join(const std::vector<std::string> &V, bool Code = true) {
  std::string Out;
  for (const std::string &S : V)
    Out += (Out.empty() ? "" : ", ") + (Code ? c(S) : e(S));
  return Out.empty() ? "none" : Out;
}

std::string flags(const std::vector<std::string> &Flags) {
  std::string Out;
  for (const std::string &F : Flags)
    Out += (Out.empty() ? "" : " ") + std::string("**\xE2\x9A\xA0 ") +
           e(llvm::StringRef(F).upper()) + "**";
  return Out;
}

std::string location(const FindingView &F) {
  return c(F.File + ":" + std::to_string(F.Line) + ":" + std::to_string(F.Column));
}

void summary(const ReportModel &M, std::string &O) {
  O += "## 1. Summary\n\n";
  O += "| | |\n|---|---|\n";
  O += "| Verdict | **" + e(llvm::StringRef(verdictName(M.Outcome)).upper()) + "**";
  for (const std::string &R : M.VerdictReasons)
    O += "<br>" + e(R);
  O += " |\n";
  O += "| Scope | " + n(M.Units) + " translation unit(s): " + n(M.UnitsAnalysed) + " analysed, " +
       n(M.NotAnalysed.size()) + " not analysed, " + n(M.Excluded.size()) + " excluded |\n";
  O += "| Findings | " + n(M.Findings.size()) + ": " + n(M.openCount()) + " open" +
       M.testCodeShare() + ", " + n(M.acceptedCount()) + " accepted (deviations), " +
       n(M.Fixed.size()) + " fixed since the baseline |\n";
  for (const GuidelineView &G : M.Guidelines)
    O += "| Clauses covered (" + c(G.Id) + ") | " + n(G.covered()) + " of " + n(G.Rows.size()) +
         " clause(s) checked by a check that ran or by the component inventory |\n";
  O += "\n| severity | open | of which in test code | accepted |\n|---|--:|--:|--:|\n";
  for (const char *S : Severities) {
    const SeverityCount &K = M.BySeverity.at(S);
    O += "| " + std::string(S) + " | " + n(K.Open) + " | " + n(K.OpenInTestCode) + " | " +
         n(K.Accepted) + " |\n";
  }
  O += "\n| guideline |";
  std::string Rule = "|---|";
  for (const ClauseStatus &S : clauseStatuses()) {
    O += " " + e(S.Label) + " |";
    Rule += "--:|";
  }
  O += "\n" + Rule + "\n";
  for (const GuidelineView &G : M.Guidelines) {
    O += "| " + c(G.Id) + " |";
    for (const ClauseStatus &S : clauseStatuses()) {
      auto It = G.ByStatus.find(S.Id);
      O += " " + n(It == G.ByStatus.end() ? 0 : It->second) + " |";
    }
    O += "\n";
  }
  O += "\n";
}

void identity(const ReportModel &M, std::string &O) {
  O += "## 2. Tool identity\n\n| | scan | report |\n|---|---|---|\n";
  O += "| name | " + c(M.ScanTool.Name) + " | " + c(M.Reporter.Name) + " |\n";
  O += "| version | " + c(M.ScanTool.Version) + " | " + c(M.Reporter.Version) + " |\n";
  O += "| build id | " + c(M.ScanTool.BuildId) + " | " + c(M.Reporter.BuildId) + " |\n";
  O += "| LLVM | " + c(M.ScanTool.LlvmVersion) + " | " + c(M.Reporter.LlvmVersion) + " |\n";
  O += "| host | " + (M.ScanTool.Host.empty() ? "not recorded by the scan" : c(M.ScanTool.Host)) +
       " | " + c(M.Reporter.Host) + " |\n\n";
  O += "Tool validation evidence (the tool's own test suite, ISO 13485 4.1.6): ";
  if (!M.Evidence) {
    O += "**none supplied** (run `tools/run-tests.sh --output-junit FILE` and pass "
         "`--test-evidence FILE`).\n\n";
    return;
  }
  const TestEvidence &E = *M.Evidence;
  O += c(E.Name) + ", SHA-256 " + c(E.Sha256) + ", format " + c(E.Format);
  if (E.Format == "unknown")
    O += ": not a JUnit XML file or a ctest log, counts not extracted.\n\n";
  else
    O += ": " + n(E.Tests) + " test(s), " + n(E.passed()) + " passed, " + n(E.Failures) +
         " failed, " + n(E.Skipped) + " skipped.\n\n";
  for (const std::string &F : E.Failed)
    O += "- failed: " + c(F) + "\n";
  if (!E.Failed.empty())
    O += "\n";
}

void scanOptions(const ScanConfiguration &C, std::string &O) {
  O += "\n### Scan options\n\n";
  if (!C.Set) {
    O += "Not recorded by the scan (results of an older medsec).\n";
    return;
  }
  std::string Options;
  for (const auto &[Key, Value] : C.CheckOptions)
    Options += (Options.empty() ? "" : ", ") + c(Key) + ": " + c(Value);
  O += "- check filter (`--checks`): " + c(C.CheckFilter) +
       "\n- check options: " + (Options.empty() ? "none" : Options) +
       "\n- extra compiler arguments: " + join(C.ExtraArgs) +
       "\n- include globs: " + join(C.Include) + "\n- exclude globs: " + join(C.Exclude) +
       "\n- timeout per unit: " + n(C.TimeoutSeconds) + " s\n";
}

void configuration(const ReportModel &M, std::string &O) {
  O += "## 3. Configuration\n\n### Checks\n\n";
  O += "| check | catalogue status | in this scan | default severity | CWE "
       "|\n|---|---|---|---|---|\n";
  for (const CheckRow &C : M.Checks)
    O += "| " + c(C.Id) + " | " + e(C.Status) + " | " + e(C.State) + " | " + e(C.Severity) + " | " +
         join(C.Cwe) + " |\n";
  scanOptions(M.ScanOptions, O);
  O += "\n### Rule files\n\n| file | role | SHA-256 (loaded now) | SHA-256 (scan) | state |\n"
       "|---|---|---|---|---|\n";
  for (const CatalogueFileRow &R : M.CatalogueFiles)
    O += "| " + c(R.Path.empty() ? R.ScanPath : R.Path) + " | " + e(R.Role) + " | " + c(R.Sha256) +
         " | " + c(R.ScanSha256) + " | " +
         (R.State == "same" ? e(R.State) : "**\xE2\x9A\xA0 " + e(R.State) + "**") + " |\n";
  O += "\n### Analysed build configuration\n\n";
  O += "- compile database: " + c(M.CompileDbPath) + ", SHA-256 at scan " + c(M.CompileDbSha256) +
       "; now: " + e(M.CompileDbState) + "\n";
  if (M.CompileDb) {
    O += "- entries: " + n(M.CompileDb->Entries) + "; compilers: " + join(M.CompileDb->Compilers) +
         "\n- target flags: " + join(M.CompileDb->Targets) +
         "\n- language standards: " + join(M.CompileDb->Standards) +
         "\n- defines: " + join(M.CompileDb->Defines) + "\n";
  }
  O += "- report selection: guidelines " +
       (M.GuidelineSelection.empty() ? std::string("all") : join(M.GuidelineSelection)) +
       "; phases " + (M.PhaseSelection.empty() ? std::string("all") : join(M.PhaseSelection)) +
       "\n\n";
}

void scope(const ReportModel &M, std::string &O) {
  O += "## 4. Scope and integrity\n\n";
  O += "Source root: " + c(M.SourceRoot) + ". " + n(M.Units) + " translation unit(s), " +
       n(M.UnitsAnalysed) + " analysed. The scan is **" + (M.Complete ? "complete" : "INCOMPLETE") +
       "**.\n\n";
  auto Table = [&](const char *Title, const std::vector<UnitRow> &Units) {
    O += "### " + std::string(Title) + " (" + n(Units.size()) + ")\n\n";
    if (Units.empty()) {
      O += "None.\n\n";
      return;
    }
    O += "| unit | status | reason |\n|---|---|---|\n";
    for (const UnitRow &U : Units)
      O += "| " + c(U.File) + " | " + e(U.Status) + " | " + e(U.Reason) + " |\n";
    O += "\n";
  };
  Table("Not analysed", M.NotAnalysed);
  Table("Excluded", M.Excluded);
}

std::string vulnerabilityCell(const ReportModel &M, const ComponentView &V) {
  if (!M.VulnerabilitiesGiven)
    return "not assessed (no vulnerability file)";
  if (V.Vulns.empty())
    return "none in the vulnerability files";
  std::string Out;
  for (const Vulnerability &X : V.Vulns)
    Out += (Out.empty() ? "" : "<br>") + c(X.Id) + " " +
           (X.State.empty() ? std::string("**\xE2\x9A\xA0 UNASSESSED**") : e(X.State));
  return Out;
}

void knownVulnerabilities(const ReportModel &M, std::string &O) {
  if (!M.VulnerabilitiesGiven)
    return;
  O += "### Known vulnerabilities\n\n";
  bool Any = false;
  for (const ComponentView &V : M.Components)
    Any |= !V.Vulns.empty();
  if (!Any)
    O += "No record of the vulnerability files matches a component version of this scan.\n\n";
  else {
    O += "| component | vulnerability | severity | affected | assessment | justification | "
         "detail | flags |\n|---|---|---|---|---|---|---|---|\n";
    for (const ComponentView &V : M.Components)
      for (const Vulnerability &X : V.Vulns)
        O += "| " + c(V.C.Id) + " | " + c(X.Id) +
             (X.Aliases.empty() ? "" : " (" + join(X.Aliases) + ")") + " | " + e(X.Severity) +
             " | " + e(X.Affected) + " | " + (X.State.empty() ? std::string("none") : e(X.State)) +
             " | " + e(X.Justification) + " | " + e(X.Detail) + " | " + flags(X.flags()) + " |\n";
    O += "\n";
  }
  if (!M.UnmatchedVulnerabilities.empty()) {
    O += "Records that match no component version of this scan:\n\n";
    for (const std::string &U : M.UnmatchedVulnerabilities)
      O += "- " + e(U) + "\n";
    O += "\n";
  }
}

void thirdParty(const ReportModel &M, std::string &O) {
  O += "## 5. Third-party components\n\n";
  if (!M.InventoryRecorded) {
    O += "**No component inventory**: " + e(M.InventoryGaps.front()) + ".\n\n";
    return;
  }
  for (const ClauseRow &R : M.InventoryRows)
    O += "Evidence for " + c(R.Id) + " (" + e(R.Title) + "): " + e(clauseStatus(R.Status).Label) +
         ".\n\n";
  if (M.Components.empty())
    O += "No catalogued component in the files the analysed units compiled or included.\n\n";
  else {
    O += "| component | version | basis | supplier | licence | support | end of support | "
         "files | vulnerabilities | flags |\n|---|---|---|---|---|---|---|--:|---|---|\n";
    for (const ComponentView &V : M.Components)
      O += "| " + e(V.C.Name) + " " + c(V.C.Id) + " | " +
           (V.C.Version.empty() ? std::string("unknown") : c(V.C.Version)) + " | " + e(V.Basis) +
           " | " + e(V.C.Supplier) + " | " + c(V.C.Licence) + " | " + e(V.C.Support) + " | " +
           (V.C.EndOfSupport.empty() ? "not declared" : e(V.C.EndOfSupport)) + " | " +
           n(V.C.Files.size()) + " | " + vulnerabilityCell(M, V) + " | " + flags(V.Flags) + " |\n";
    O += "\n";
  }
  knownVulnerabilities(M, O);
  if (!M.Unidentified.empty()) {
    O += "### Unidentified third-party trees\n\n| tree | ownership files | files used |\n"
         "|---|---|--:|\n";
    for (const UnidentifiedTree &T : M.Unidentified)
      O += "| " + c(T.Path) + " | " + join(T.Evidence) + " | " + n(T.Files.size()) + " |\n";
    O += "\n";
  }
  if (M.InventoryGaps.empty())
    O += "No gap: every component is identified with its version and support level, and every "
         "vulnerability the given files list for it is assessed.\n\n";
  else {
    O += "Gaps:\n\n";
    for (const std::string &G : M.InventoryGaps)
      O += "- " + e(G) + "\n";
    O += "\n";
  }
  if (!M.Sboms.empty()) {
    O += "### SBOM files\n\n| file | format | components | state |\n|---|---|--:|---|\n";
    for (const SbomFileRow &S : M.Sboms)
      O += "| " + c(S.Path) + " | " + e(S.Format) + " | " + n(S.Components) + " | " + e(S.State) +
           " |\n";
    O += "\n";
  }
}

void traceability(const ReportModel &M, std::string &O) {
  O += "## 6. Traceability matrix\n\n";
  O += "Basis: *verified* (read in the primary text), *secondary* (reliable secondary source), "
       "*inferred* (topic placed by phase; **needs confirmation against the official text**).\n\n";
  for (const GuidelineView &G : M.Guidelines) {
    O += "### " + c(G.Id) + " " + e(G.Title) + "\n\n";
    O += e(G.Publisher) + "; " + e(G.Edition) + (G.Url.empty() ? "" : "; " + c(G.Url)) + "\n\n";
    O += "| clause | phase | title | basis | checks | open | accepted | fixed | status | "
         "complementary activity |\n|---|---|---|---|---|--:|--:|--:|---|---|\n";
    for (const ClauseRow &R : G.Rows) {
      std::string Checks;
      for (const CheckLink &L : R.Checks)
        Checks += (Checks.empty() ? "" : "<br>") + c(L.Id) + " (" + e(L.Relation) + ", " +
                  e(L.State) + ")";
      std::string Basis = e(R.Basis);
      if (!R.Locator.empty())
        Basis += " " + c(R.Locator);
      if (R.inferred())
        Basis += " **\xE2\x9A\xA0 needs confirmation**";
      O += "| " + c(R.Id) + " | " + e(R.Phase) + " | " + e(R.Title) + " | " + Basis + " | " +
           (Checks.empty() ? "none" : Checks) + " | " + n(R.Open.size()) + " | " +
           n(R.Accepted.size()) + " | " + n(R.Fixed.size()) + " | " +
           e(clauseStatus(R.Status).Label) + " | " +
           (R.Checkable == "yes" ? std::string() : e(R.Complementary)) + " |\n";
    }
    O += "\n";
  }
}

void attackSurface(const ReportModel &M, std::string &O) {
  O += "### Attack surface\n\n";
  if (!M.InputChecksRun) {
    O += "No input-validation check ran: the scan did not look for external inputs.\n\n";
    return;
  }
  for (const ClauseRow &R : M.AttackSurfaceRows)
    O += "Evidence for " + c(R.Id) + " (" + e(R.Title) +
         "): the interfaces the analysis followed, for the reviewer's attack surface analysis; "
         "whether they are needed is not judged.\n\n";
  if (M.AttackSurface.empty()) {
    O += "**No external input recognised**: the input-validation checks had no data to follow. "
         "Declare the device's receive functions in `.medsec.yaml`.\n\n";
    return;
  }
  O += "| where | input | kind | channel | recognised | findings fed |\n"
       "|---|---|---|---|---|---|\n";
  for (const ExternalInput &I : M.AttackSurface)
    O += "| " + c(I.Where.File + ":" + n(I.Where.Line) + ":" + n(I.Where.Column)) + " | " +
         c(I.Name) + " | " + I.Kind + " | " + I.Channel + " | " +
         (I.Inferred ? "inferred" : "catalogued") + " | " + n(I.Findings) + " |\n";
  O += "\n";
}

void findings(const ReportModel &M, std::string &O) {
  O += "## 7. Findings\n\n";
  attackSurface(M, O);
  O += "### By clause\n\n";
  std::set<std::string> Done;
  bool Any = false;
  for (const GuidelineView &G : M.Guidelines)
    for (const ClauseRow &R : G.Rows) {
      if ((R.Open.empty() && R.Accepted.empty()) || !Done.insert(R.Id).second)
        continue;
      Any = true;
      O += "- " + c(R.Id) + ": " + n(R.Open.size()) + " open " + join(R.Open) + "; " +
           n(R.Accepted.size()) + " accepted " + join(R.Accepted) + "\n";
    }
  O += Any ? "\n" : "No finding in the selected clauses.\n\n";
  O += "### By file\n\n";
  if (M.Findings.empty())
    O += "No finding.\n\n";
  std::string File;
  bool FirstFile = true;
  for (const FindingView &F : M.Findings) {
    if (FirstFile || F.File != File) {
      O += "#### " + c(F.File) + "\n\n";
      File = F.File;
      FirstFile = false;
    }
    O += "- " + c(F.Id) + " **" + e(F.severity()) + "** " + c(F.Check) + " " + join(F.Cwe) +
         " at " + location(F) + ", status **" + e(findingStatusName(F.Status)) + "**" +
         (F.Baseline == BaselineState::None ? ""
                                            : ", baseline " + e(baselineStateName(F.Baseline))) +
         (F.TestCode ? ", **test** code" : "") + "\n\n  " + e(F.Message) + "\n\n";
    if (!F.ContextNote.empty())
      O += "  *" + e(F.ContextNote) + "*\n\n";
    if (!F.Context.empty()) {
      std::string Body;
      for (const ContextLine &L : F.Context)
        Body += (L.IsFinding ? "> " : "  ") + std::to_string(L.Number) + " | " +
                clip(sanitize(L.Text), MaxSourceLine) + "\n";
      const std::string Fence = mdFence(Body);
      O += "  " + Fence + "c\n";
      llvm::SmallVector<llvm::StringRef, 8> Lines;
      llvm::StringRef(Body).split(Lines, '\n', -1, false);
      for (llvm::StringRef L : Lines)
        O += "  " + L.str() + "\n";
      O += "  " + Fence + "\n\n";
    }
  }
  if (!M.Fixed.empty()) {
    O += "### Fixed since the baseline\n\n| id | check | file | message |\n|---|---|---|---|\n";
    for (const FixedEntry &X : M.Fixed)
      O += "| " + c(X.Fingerprint) + " | " + c(X.Check) + " | " + c(X.File) + " | " + e(X.Message) +
           " |\n";
    O += "\n";
  }
}

void deviations(const ReportModel &M, std::string &O) {
  O += "## 8. Deviations\n\n";
  if (M.Deviations.empty()) {
    O += "No suppression or accepted finding.\n\n";
    return;
  }
  O += "| finding | record | status | justification | approver | date | expires | risk | "
       "flags |\n|---|---|---|---|---|---|---|---|---|\n";
  for (const DeviationRow &D : M.Deviations) {
    const FindingView &F = M.Findings[D.Finding];
    const Suppression S = F.Suppr.value_or(Suppression());
    std::string Record = S.Id.empty() ? std::string("none") : c(S.Id);
    if (F.Suppr)
      Record += " (" + e(F.recordKind()) + (S.Source.empty() ? "" : ", " + c(S.Source)) + ")";
    O += "| " + c(F.Id) + "<br>" + location(F) + " | " + Record + " | " + e(F.recordStatus()) +
         (S.Problem.empty() ? "" : ": " + e(S.Problem)) + " | " + e(S.Justification) + " | " +
         e(S.Approver) + " | " + e(S.Date) + " | " + e(S.Expires) + " | " + e(S.Risk) + " | " +
         flags(D.Flags) + " |\n";
  }
  O += "\n";
}

void limitations(const ReportModel &M, std::string &O) {
  O += "## 9. Limitations\n\n";
  O += "Static analysis is evidence for a secure-coding process, not proof of security: it sees "
       "only the code and the build configuration analysed (section 4), reports what its checks "
       "model, and cannot show the clauses listed with a complementary activity in section 6.\n\n";
  unsigned Inferred = 0;
  for (const GuidelineView &G : M.Guidelines)
    for (const ClauseRow &R : G.Rows)
      Inferred += R.inferred();
  O += n(Inferred) + " clause mapping(s) in this report are *inferred* and need confirmation "
                     "against the official text.\n\n";
  O += "Known false-negative classes of each check:\n\n";
  for (const CheckRow &C : M.Checks) {
    O += "- " + c(C.Id) + " (" + e(C.State) + ")";
    if (C.State != "run") {
      O += ": not run in this scan, no evidence from it\n";
      continue;
    }
    O += C.Limitations.empty() ? ": none recorded in the catalogue\n" : "\n";
    for (const std::string &L : C.Limitations)
      O += "  - " + e(L) + "\n";
  }
  O += "\n";
}

void hashes(const ReportModel &M, std::string &O) {
  O += "## 10. Hashes\n\n";
  O += "- report content (SHA-256 of `report.json`): " + c(M.ContentSha256) + "\n";
  O += "- results: " + c(M.ResultsPath) + " " + c(M.ResultsSha256) + "\n";
  for (const CatalogueFileRow &R : M.CatalogueFiles)
    if (!R.Path.empty())
      O += "- rule file: " + c(R.Path) + " " + c(R.Sha256) + "\n";
  if (M.CompileDb)
    O += "- compile database: " + c(M.CompileDbPath) + " " + c(M.CompileDb->Sha256) + "\n";
  if (M.Evidence)
    O += "- test evidence: " + c(M.Evidence->Name) + " " + c(M.Evidence->Sha256) + "\n";
  for (const SbomFileRow &S : M.Sboms)
    O += "- SBOM (" + e(S.Format) + "): " + c(S.Path) + " " + c(S.Sha256) + "\n";
  for (const VulnerabilityFile &F : M.VulnerabilityFiles)
    O += "- vulnerabilities (" + e(F.Format) + "): " + c(F.Path) + " " + c(F.Sha256) + "\n";
  for (const SourceHash &S : M.Sources)
    O += "- source: " + c(S.Path) + " " + c(S.Sha256) + "\n";
  O += "\nTo reproduce: run `medsec report` on the same inputs (same options) and compare "
       "`sha256sum -c report.sha256`; see docs/report.md.\n";
}

} // namespace

std::string renderMarkdown(const ReportModel &M) {
  std::string O = "# " + e(M.Title) + "\n\n";
  if (!M.Date.empty())
    O += "Date: " + e(M.Date) + "\n\n";
  for (const std::string &W : M.Warnings)
    O += "> **\xE2\x9A\xA0 " + e(W) + "**\n>\n";
  if (!M.Warnings.empty())
    O.resize(O.size() - 2), O += "\n";
  summary(M, O);
  identity(M, O);
  configuration(M, O);
  scope(M, O);
  thirdParty(M, O);
  traceability(M, O);
  findings(M, O);
  deviations(M, O);
  limitations(M, O);
  hashes(M, O);
  return O;
}

} // namespace report
} // namespace medsec
