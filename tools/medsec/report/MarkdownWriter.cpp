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
// The table's text is ours and written as Markdown; the values in it are
// escaped by the caller.
std::string t(llvm::StringRef Key) { return MessageScope::current().text(Key); }
std::string tf(llvm::StringRef Key, llvm::ArrayRef<std::string> Args) {
  return MessageScope::current().fmt(Key, Args);
}
std::string term(llvm::StringRef Group, llvm::StringRef Value) {
  return e(MessageScope::current().term(Group, Value));
}

std::string join(const std::vector<std::string> &V, bool Code = true) {
  std::string Out;
  for (const std::string &S : V)
    Out += (Out.empty() ? "" : ", ") + (Code ? c(S) : e(S));
  return Out.empty() ? t("word.none") : Out;
}

/// A table header row and its rule; Align is the rule of each column.
std::string header(std::initializer_list<const char *> Keys, llvm::StringRef Rule) {
  std::string Out = "|";
  for (const char *K : Keys)
    Out += " " + t(K) + " |";
  return Out + "\n" + Rule.str() + "\n";
}

std::string flags(const std::vector<std::string> &Flags, llvm::StringRef Group = "") {
  std::string Out;
  for (const std::string &F : Flags) {
    const std::string Shown = Group.empty() ? F : MessageScope::current().term(Group, F);
    Out += (Out.empty() ? "" : " ") + std::string("**\xE2\x9A\xA0 ") +
           e(upperText(Shown)) + "**";
  }
  return Out;
}

/// "label: " with the language's colon (French puts a space before it).
std::string label(llvm::StringRef Key) { return t(Key) + t("punct.colon"); }

/// Where an input of the attack surface is: file:line:column.
std::string place(const Location &L) {
  return L.File + ":" + std::to_string(L.Line) + ":" + std::to_string(L.Column);
}

std::string location(const FindingView &F) {
  return c(F.File + ":" + std::to_string(F.Line) + ":" + std::to_string(F.Column));
}

std::string section(int Number, const char *Key) {
  return "## " + n(Number) + ". " + t(Key) + "\n\n";
}

void summary(const ReportModel &M, std::string &O) {
  O += section(1, "section.summary");
  O += "| | |\n|---|---|\n";
  O += "| " + t("label.verdict") + " | **" + term("verdict", verdictName(M.Outcome)) + "**";
  for (const std::string &R : M.VerdictReasons)
    O += "<br>" + e(R);
  O += " |\n";
  O += "| " + t("label.scope") + " | " +
       tf("summary.scope-value", {n(M.Units), n(M.UnitsAnalysed), n(M.NotAnalysed.size()),
                                  n(M.Excluded.size())}) +
       " |\n";
  O += "| " + t("label.findings") + " | " +
       tf("summary.findings-value",
          {n(M.Findings.size()), tf("summary.open", {n(M.openCount())}) + M.testCodeShare(),
           n(M.acceptedCount()), n(M.Fixed.size())}) +
       " |\n";
  for (const GuidelineView &G : M.Guidelines)
    O += "| " + tf("summary.clauses-covered", {c(G.Id)}) + " | " +
         tf("summary.clauses-covered-value", {n(G.covered()), n(G.Rows.size())}) + " |\n";
  O += "\n" + header({"col.severity", "col.open", "col.open-in-test-code", "col.accepted"},
                     "|---|--:|--:|--:|");
  for (const char *S : Severities) {
    const SeverityCount &K = M.BySeverity.at(S);
    O += "| " + term("severity", S) + " | " + n(K.Open) + " | " + n(K.OpenInTestCode) + " | " +
         n(K.Accepted) + " |\n";
  }
  O += "\n| " + t("col.guideline") + " |";
  std::string Rule = "|---|";
  for (const ClauseStatus &S : clauseStatuses()) {
    O += " " + term("status", S.Id) + " |";
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
  O += section(2, "section.tool") + "| | " + t("col.scan") + " | " + t("col.report") +
       " |\n|---|---|---|\n";
  O += "| " + t("tool.name") + " | " + c(M.ScanTool.Name) + " | " + c(M.Reporter.Name) + " |\n";
  O += "| " + t("tool.version") + " | " + c(M.ScanTool.Version) + " | " + c(M.Reporter.Version) +
       " |\n";
  O += "| " + t("tool.build-id") + " | " + c(M.ScanTool.BuildId) + " | " + c(M.Reporter.BuildId) +
       " |\n";
  O += "| " + t("tool.llvm") + " | " + c(M.ScanTool.LlvmVersion) + " | " +
       c(M.Reporter.LlvmVersion) + " |\n";
  O += "| " + t("tool.host") + " | " +
       (M.ScanTool.Host.empty() ? t("tool.host-not-recorded") : c(M.ScanTool.Host)) + " | " +
       c(M.Reporter.Host) + " |\n\n";
  O += t("md.evidence-intro");
  if (!M.Evidence) {
    O += tf("md.evidence-none", {"`tools/run-tests.sh --output-junit FILE`",
                                 "`--test-evidence FILE`"}) +
         "\n\n";
    return;
  }
  const TestEvidence &E = *M.Evidence;
  O += tf("md.evidence-file", {c(E.Name), c(E.Sha256), c(E.Format)});
  if (E.Format == "unknown")
    O += t("md.evidence-unknown-format") + "\n\n";
  else
    O += tf("md.evidence-result", {n(E.Tests), n(E.passed()), n(E.Failures), n(E.Skipped)}) +
         "\n\n";
  for (const std::string &F : E.Failed)
    O += "- " + tf("md.evidence-failed-test", {c(F)}) + "\n";
  if (!E.Failed.empty())
    O += "\n";
}

void scanOptions(const ScanConfiguration &C, std::string &O) {
  O += "\n### " + t("options.heading") + "\n\n";
  if (!C.Set) {
    O += t("options.not-recorded") + "\n";
    return;
  }
  std::string Options;
  for (const auto &[Key, Value] : C.CheckOptions)
    Options += (Options.empty() ? "" : ", ") + c(Key) + ": " + c(Value);
  O += "- " + label("md.options-check-filter") + c(C.CheckFilter) + "\n- " +
       label("options.check-options") + (Options.empty() ? t("word.none") : Options) + "\n- " +
       label("options.extra-args") + join(C.ExtraArgs) + "\n- " + label("options.include") +
       join(C.Include) + "\n- " + label("options.exclude") + join(C.Exclude) + "\n- " +
       label("options.timeout") + tf("options.timeout-value", {n(C.TimeoutSeconds)}) + "\n";
}

void configuration(const ReportModel &M, std::string &O) {
  O += section(3, "section.configuration") + "### " + t("config.checks") + "\n\n";
  O += header({"col.check", "col.catalogue-status", "col.in-this-scan", "col.default-severity",
               "col.cwe"},
              "|---|---|---|---|---|");
  for (const CheckRow &C : M.Checks)
    O += "| " + c(C.Id) + " | " + term("check-status", C.Status) + " | " +
         term("check-state", C.State) + " | " + term("severity", C.Severity) + " | " +
         join(C.Cwe) + " |\n";
  scanOptions(M.ScanOptions, O);
  O += "\n### " + t("config.rule-files") + "\n\n" +
       header({"col.file", "col.role", "md.col-sha-loaded", "md.col-sha-scan", "col.state"},
              "|---|---|---|---|---|");
  for (const CatalogueFileRow &R : M.CatalogueFiles)
    O += "| " + c(R.Path.empty() ? R.ScanPath : R.Path) + " | " + term("role", R.Role) + " | " +
         c(R.Sha256) + " | " + c(R.ScanSha256) + " | " +
         (R.State == "same" ? term("file-state", R.State)
                            : "**\xE2\x9A\xA0 " + term("file-state", R.State) + "**") +
         " |\n";
  O += "\n### " + t("config.build") + "\n\n";
  O += "- " + tf("md.db", {c(M.CompileDbPath), c(M.CompileDbSha256),
                           term("db-state", M.CompileDbState)}) +
       "\n";
  if (M.CompileDb) {
    O += "- " + label("config.entries") + n(M.CompileDb->Entries) + t("punct.semicolon") +
         label("config.compilers") + join(M.CompileDb->Compilers) + "\n- " +
         label("config.targets") + join(M.CompileDb->Targets) + "\n- " +
         label("config.standards") + join(M.CompileDb->Standards) + "\n- " +
         label("config.defines") + join(M.CompileDb->Defines) + "\n";
  }
  O += "- " +
       tf("md.selection",
          {M.GuidelineSelection.empty() ? t("word.all") : join(M.GuidelineSelection),
           M.PhaseSelection.empty() ? t("word.all") : join(M.PhaseSelection)}) +
       "\n\n";
}

void scope(const ReportModel &M, std::string &O) {
  O += section(4, "section.scope");
  O += tf("md.scope-summary", {c(M.SourceRoot), n(M.Units), n(M.UnitsAnalysed),
                               "**" + t(M.Complete ? "scope.complete" : "scope.incomplete") +
                                   "**"}) +
       "\n\n";
  auto Table = [&](const char *Key, const std::vector<UnitRow> &Units) {
    O += "### " + tf(Key, {n(Units.size())}) + "\n\n";
    if (Units.empty()) {
      O += t("scope.none") + "\n\n";
      return;
    }
    O += header({"col.unit", "col.status", "col.reason"}, "|---|---|---|");
    for (const UnitRow &U : Units)
      O += "| " + c(U.File) + " | " + term("unit-status", U.Status) + " | " + e(U.Reason) + " |\n";
    O += "\n";
  };
  Table("scope.not-analysed", M.NotAnalysed);
  Table("scope.excluded", M.Excluded);
}

std::string vulnerabilityCell(const ReportModel &M, const ComponentView &V) {
  if (!M.VulnerabilitiesGiven)
    return t("components.not-assessed");
  if (V.Vulns.empty())
    return t("components.no-vulnerability");
  std::string Out;
  for (const Vulnerability &X : V.Vulns)
    Out += (Out.empty() ? "" : "<br>") + c(X.Id) + " " +
           (X.State.empty() ? flags({"unassessed"}, "vulnerability-flag") : e(X.State));
  return Out;
}

void knownVulnerabilities(const ReportModel &M, std::string &O) {
  if (!M.VulnerabilitiesGiven)
    return;
  O += "### " + t("vuln.heading") + "\n\n";
  bool Any = false;
  for (const ComponentView &V : M.Components)
    Any |= !V.Vulns.empty();
  if (!Any)
    O += t("vuln.none-matches") + "\n\n";
  else {
    O += header({"col.component", "col.vulnerability", "col.severity", "col.affected",
                 "col.assessment", "col.justification", "col.detail", "col.flags"},
                "|---|---|---|---|---|---|---|---|");
    for (const ComponentView &V : M.Components)
      for (const Vulnerability &X : V.Vulns)
        O += "| " + c(V.C.Id) + " | " + c(X.Id) +
             (X.Aliases.empty() ? "" : " (" + join(X.Aliases) + ")") + " | " + e(X.Severity) +
             " | " + e(X.Affected) + " | " + (X.State.empty() ? t("word.none") : e(X.State)) +
             " | " + e(X.Justification) + " | " + e(X.Detail) + " | " +
             flags(X.flags(), "vulnerability-flag") + " |\n";
    O += "\n";
  }
  if (!M.UnmatchedVulnerabilities.empty()) {
    O += t("vuln.unmatched") + "\n\n";
    for (const std::string &U : M.UnmatchedVulnerabilities)
      O += "- " + e(U) + "\n";
    O += "\n";
  }
}

void thirdParty(const ReportModel &M, std::string &O) {
  O += section(5, "section.components");
  if (!M.InventoryRecorded) {
    O += tf("components.no-inventory",
            {"**" + t("components.no-inventory-label") + "**", e(M.InventoryGaps.front())}) +
         "\n\n";
    return;
  }
  for (const ClauseRow &R : M.InventoryRows)
    O += tf("components.evidence-for", {c(R.Id), e(R.Title), term("status", R.Status)}) + ".\n\n";
  if (M.Components.empty())
    O += t("components.none") + "\n\n";
  else {
    O += header({"col.component", "col.version", "col.basis", "col.supplier", "col.licence",
                 "col.support", "col.end-of-support", "col.files", "col.vulnerabilities",
                 "col.flags"},
                "|---|---|---|---|---|---|---|--:|---|---|");
    for (const ComponentView &V : M.Components)
      O += "| " + e(V.C.Name) + " " + c(V.C.Id) + " | " +
           (V.C.Version.empty() ? t("word.unknown") : c(V.C.Version)) + " | " + e(V.Basis) +
           " | " + e(V.C.Supplier) + " | " + c(V.C.Licence) + " | " + e(V.C.Support) + " | " +
           (V.C.EndOfSupport.empty() ? t("components.not-declared") : e(V.C.EndOfSupport)) +
           " | " + n(V.C.Files.size()) + " | " + vulnerabilityCell(M, V) + " | " +
           flags(V.Flags, "component-flag") + " |\n";
    O += "\n";
  }
  knownVulnerabilities(M, O);
  if (!M.Unidentified.empty()) {
    O += "### " + t("components.unidentified") + "\n\n" +
         header({"col.tree", "col.ownership-files", "col.files-used"}, "|---|---|--:|");
    for (const UnidentifiedTree &T : M.Unidentified)
      O += "| " + c(T.Path) + " | " + join(T.Evidence) + " | " + n(T.Files.size()) + " |\n";
    O += "\n";
  }
  if (M.InventoryGaps.empty())
    O += t("components.no-gap") + "\n\n";
  else {
    O += t("components.gaps") + "\n\n";
    for (const std::string &G : M.InventoryGaps)
      O += "- " + e(G) + "\n";
    O += "\n";
  }
  if (!M.Sboms.empty()) {
    O += "### " + t("components.sbom-files") + "\n\n" +
         header({"col.file", "col.format", "col.components", "col.state"}, "|---|---|--:|---|");
    for (const SbomFileRow &S : M.Sboms)
      O += "| " + c(S.Path) + " | " + e(S.Format) + " | " + n(S.Components) + " | " + e(S.State) +
           " |\n";
    O += "\n";
  }
}

void traceability(const ReportModel &M, std::string &O) {
  O += section(6, "section.traceability");
  O += tf("md.matrix-intro", {"*" + term("basis", "verified") + "*",
                              "*" + term("basis", "secondary") + "*",
                              "*" + term("basis", "inferred") + "*"}) +
       "\n\n";
  for (const GuidelineView &G : M.Guidelines) {
    O += "### " + c(G.Id) + " " + e(G.Title) + "\n\n";
    O += e(G.Publisher) + "; " + e(G.Edition) + (G.Url.empty() ? "" : "; " + c(G.Url)) + "\n\n";
    if (G.UntranslatedTitles)
      O += "*" + tf("matrix.titles-fallback", {n(G.UntranslatedTitles), n(G.Rows.size())}) +
           "*\n\n";
    O += header({"col.clause", "col.phase", "col.title", "col.basis", "col.checks", "col.open",
                 "col.accepted", "col.fixed", "col.status", "col.complementary"},
                "|---|---|---|---|---|--:|--:|--:|---|---|");
    for (const ClauseRow &R : G.Rows) {
      std::string Checks;
      for (const CheckLink &L : R.Checks)
        Checks += (Checks.empty() ? "" : "<br>") + c(L.Id) + " (" + term("relation", L.Relation) +
                  ", " + term("check-state", L.State) + ")";
      std::string Basis = term("basis", R.Basis);
      if (!R.Locator.empty())
        Basis += " " + c(R.Locator);
      if (R.inferred())
        Basis += " **\xE2\x9A\xA0 " + t("matrix.needs-confirmation") + "**";
      O += "| " + c(R.Id) + " | " + term("phase", R.Phase) + " | " + e(R.Title) + " | " + Basis +
           " | " + (Checks.empty() ? t("word.none") : Checks) + " | " + n(R.Open.size()) + " | " +
           n(R.Accepted.size()) + " | " + n(R.Fixed.size()) + " | " + term("status", R.Status) +
           " | " + (R.Checkable == "yes" ? std::string() : e(R.Complementary)) + " |\n";
    }
    O += "\n";
  }
}

void attackSurface(const ReportModel &M, std::string &O) {
  O += "### " + t("surface.heading") + "\n\n";
  if (!M.InputChecksRun) {
    O += t("surface.no-check") + "\n\n";
    return;
  }
  for (const ClauseRow &R : M.AttackSurfaceRows)
    O += tf("surface.evidence-for", {c(R.Id), e(R.Title)}) + "\n\n";
  if (M.AttackSurface.empty()) {
    O += tf("surface.none", {"**" + t("surface.none-label") + "**", "`.medsec.yaml`"}) + "\n\n";
    return;
  }
  O += header({"col.where", "col.input", "col.kind", "col.channel", "col.recognised",
               "col.findings-fed"},
              "|---|---|---|---|---|---|");
  for (size_t Row = 0; Row < M.AttackSurface.size(); ++Row) {
    const ExternalInput &I = M.AttackSurface[Row];
    std::string Fed = n(I.Findings);
    for (const std::string &Id : M.InputFindings[Row]) // the findings below it feeds
      Fed += " " + c(Id);
    O += "| " + c(place(I.Where)) + " | " + c(I.Name) + " | " + term("input-kind", I.Kind) + " | " +
         e(I.Channel) + " | " + t(I.Inferred ? "surface.inferred" : "surface.catalogued") + " | " +
         Fed + " |\n";
  }
  O += "\n";
}

void findings(const ReportModel &M, std::string &O) {
  O += section(7, "section.findings");
  attackSurface(M, O);
  O += "### " + t("findings.by-clause") + "\n\n";
  std::set<std::string> Done;
  bool Any = false;
  for (const GuidelineView &G : M.Guidelines)
    for (const ClauseRow &R : G.Rows) {
      if ((R.Open.empty() && R.Accepted.empty()) || !Done.insert(R.Id).second)
        continue;
      Any = true;
      O += "- " + c(R.Id) + t("punct.colon") +
           tf("md.by-clause", {n(R.Open.size()), join(R.Open), n(R.Accepted.size()),
                               join(R.Accepted)}) +
           "\n";
    }
  O += Any ? "\n" : t("md.by-clause-none") + "\n\n";
  O += "### " + t("findings.by-file") + "\n\n";
  if (M.Findings.empty())
    O += t("findings.none") + "\n\n";
  std::string File;
  bool FirstFile = true;
  for (const FindingView &F : M.Findings) {
    if (FirstFile || F.File != File) {
      O += "#### " + c(F.File) + "\n\n";
      File = F.File;
      FirstFile = false;
    }
    O += "- " + c(F.Id) + " **" + term("severity", F.severity()) + "** " + c(F.Check) + " " +
         join(F.Cwe) +
         tf("finding.at-status",
            {location(F), "**" + term("finding-status", findingStatusName(F.Status)) + "**"}) +
         (F.Baseline == BaselineState::None
              ? ""
              : tf("finding.baseline", {term("baseline", baselineStateName(F.Baseline))})) +
         (F.TestCode ? tf("finding.test-code", {"**" + t("finding.test") + "**"}) : "") +
         "\n\n  " + e(F.Message) + "\n\n";
    if (!F.Inputs.empty()) {
      // Where its data entered: the attack surface's rows by place and name.
      std::string Inputs;
      for (const FindingView::Input &In : F.Inputs)
        Inputs += (Inputs.empty() ? "" : ", ") + c(place(In.Ref.Where)) + " " + c(In.Ref.Name);
      O += "  " + t("finding.inputs") + Inputs + "\n\n";
    }
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
    O += "### " + t("findings.fixed") + "\n\n" +
         header({"col.id", "col.check", "col.file", "col.message"}, "|---|---|---|---|");
    for (const FixedEntry &X : M.Fixed)
      O += "| " + c(X.Fingerprint) + " | " + c(X.Check) + " | " + c(X.File) + " | " + e(X.Message) +
           " |\n";
    O += "\n";
  }
}

void deviations(const ReportModel &M, std::string &O) {
  O += section(8, "section.deviations");
  if (M.Deviations.empty()) {
    O += t("deviations.none") + "\n\n";
    return;
  }
  O += header({"col.finding", "col.record", "col.status", "col.justification", "col.approver",
               "col.date", "col.expires", "col.risk", "col.flags"},
              "|---|---|---|---|---|---|---|---|---|");
  for (const DeviationRow &D : M.Deviations) {
    const FindingView &F = M.Findings[D.Finding];
    const Suppression S = F.Suppr.value_or(Suppression());
    std::string Record = S.Id.empty() ? t("word.none") : c(S.Id);
    if (F.Suppr)
      Record += " (" + term("record-kind", F.recordKind()) +
                (S.Source.empty() ? "" : ", " + c(S.Source)) + ")";
    O += "| " + c(F.Id) + "<br>" + location(F) + " | " + Record + " | " +
         term("record-status", F.recordStatus()) + (S.Problem.empty() ? "" : ": " + e(S.Problem)) +
         " | " + e(S.Justification) + " | " + e(S.Approver) + " | " + e(S.Date) + " | " +
         e(S.Expires) + " | " + e(S.Risk) + " | " + flags(D.Flags, "deviation-flag") + " |\n";
  }
  O += "\n";
}

void limitations(const ReportModel &M, std::string &O) {
  O += section(9, "section.limitations");
  O += t("limitations.static-analysis") + "\n\n";
  unsigned Inferred = 0;
  for (const GuidelineView &G : M.Guidelines)
    for (const ClauseRow &R : G.Rows)
      Inferred += R.inferred();
  O += tf("limitations.inferred", {n(Inferred), "*" + term("basis", "inferred") + "*"}) + "\n\n";
  O += t("limitations.false-negatives") + llvm::StringRef(t("punct.colon")).rtrim().str() +
       "\n\n";
  for (const CheckRow &C : M.Checks) {
    O += "- " + c(C.Id) + " (" + term("check-state", C.State) + ")";
    if (C.State != "run") {
      O += t("punct.colon") + t("limitations.not-run") + "\n";
      continue;
    }
    O += C.Limitations.empty() ? t("punct.colon") + t("limitations.none-recorded") + "\n" : "\n";
    for (const std::string &L : C.Limitations)
      O += "  - " + e(L) + "\n";
  }
  O += "\n";
}

void hashes(const ReportModel &M, std::string &O) {
  O += section(10, "section.hashes");
  O += "- " + tf("md.hash-content", {"`report.json`"}) + t("punct.colon") + c(M.ContentSha256) +
       "\n";
  O += "- " + label("hash.results") + c(M.ResultsPath) + " " + c(M.ResultsSha256) + "\n";
  for (const CatalogueFileRow &R : M.CatalogueFiles)
    if (!R.Path.empty())
      O += "- " + label("hash.rule-file") + c(R.Path) + " " + c(R.Sha256) + "\n";
  if (M.CompileDb)
    O += "- " + label("hash.compile-database") + c(M.CompileDbPath) + " " +
         c(M.CompileDb->Sha256) + "\n";
  if (M.Evidence)
    O += "- " + label("hash.test-evidence") + c(M.Evidence->Name) + " " +
         c(M.Evidence->Sha256) + "\n";
  for (const SbomFileRow &S : M.Sboms)
    O += "- " + t("hash.sbom") + " (" + e(S.Format) + ")" + t("punct.colon") + c(S.Path) + " " +
         c(S.Sha256) + "\n";
  for (const VulnerabilityFile &F : M.VulnerabilityFiles)
    O += "- " + t("hash.vulnerabilities") + " (" + e(F.Format) + ")" + t("punct.colon") +
         c(F.Path) + " " +
         c(F.Sha256) + "\n";
  for (const SourceHash &S : M.Sources)
    O += "- " + label("hash.source") + c(S.Path) + " " + c(S.Sha256) + "\n";
  O += "\n" + tf("md.reproduce", {"`medsec report`", "`sha256sum -c report.sha256`"}) + "\n";
}

} // namespace

std::string renderMarkdown(const ReportModel &M) {
  const MessageScope Use(M.Text);
  std::string O = "# " + e(M.Title) + "\n\n";
  if (!M.Date.empty())
    O += tf("md.date", {e(M.Date)}) + "\n\n";
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
