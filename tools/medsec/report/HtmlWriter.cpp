//===- HtmlWriter.cpp - report.html ---------------------------------------===//
//
// One self-contained file: inline CSS, inline SVG, no script, no font, no
// image, and a Content-Security-Policy that forbids every fetch, so even a
// value that slipped past escaping could not load anything. Printable: each
// numbered section starts a page, rows and findings do not split.
//
//===----------------------------------------------------------------------===//
#include "Render.h"

#include <set>

namespace medsec {
namespace report {
namespace {

const char Style[] = R"(
body{font:14px/1.45 system-ui,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;color:#1b2631;max-width:1180px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;border-bottom:2px solid #1b2631;margin:36px 0 10px;padding-bottom:3px}
h3{font-size:16px;margin:22px 0 6px}h4{font-size:14px;margin:16px 0 4px}
table{border-collapse:collapse;width:100%;margin:6px 0 16px;font-size:13px}
th,td{border:1px solid #ccd1d1;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#eaeded}td.n{text-align:right;font-variant-numeric:tabular-nums}
td,th,p,li,pre,code,.msg{overflow-wrap:anywhere;word-break:break-word}
code,pre{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12px}
.meta{color:#566573;margin:0 0 12px}
.banner{border:3px solid #c0392b;background:#fdedec;padding:8px 12px;margin:8px 0;font-weight:600}
.verdict{display:inline-block;font-size:20px;font-weight:700;padding:4px 14px;border-radius:4px;color:#fff}
.verdict.fail{background:#c0392b}.verdict.pass{background:#1e8449}
.badge{display:inline-block;padding:0 6px;border-radius:3px;color:#fff;font-size:12px;white-space:nowrap}
.flag{display:inline-block;background:#c0392b;color:#fff;border-radius:3px;padding:0 5px;margin:1px;font-size:11px;font-weight:700;text-transform:uppercase}
.warn{background:#fdebd0}.bad{background:#fadbd8}
.sev-critical,.sev-high{color:#a93226;font-weight:700}.sev-medium{color:#b9770e;font-weight:700}
figure{margin:10px 0 18px}figcaption{font-size:12px;color:#566573}
svg.chart{max-width:100%;height:auto;display:block}
.finding{border:1px solid #d5d8dc;border-left:4px solid #c0392b;padding:6px 10px;margin:8px 0}
.finding.closed{border-left-color:#aab7b8}
pre.src{background:#f8f9f9;border:1px solid #e5e8e8;padding:4px 6px;margin:6px 0 2px;white-space:pre-wrap}
pre.src .hit{background:#fdebd0;font-weight:700;display:block}
nav.toc ol{columns:3;font-size:13px}
@media print{
@page{size:A4;margin:14mm 12mm}
body{max-width:none;padding:0;font-size:11px}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
section{break-before:page}section#summary{break-before:avoid}
h2,h3,h4{break-after:avoid}thead{display:table-header-group}
tr,.finding,figure,pre{break-inside:avoid}
a{color:inherit;text-decoration:none}nav.toc{display:none}
}
)";

struct Section {
  const char *Id, *Title;
};
const Section Sections[] = {
    {"summary", "1. Summary"},
    {"tool", "2. Tool identity"},
    {"configuration", "3. Configuration"},
    {"scope", "4. Scope and integrity"},
    {"components", "5. Third-party components"},
    {"traceability", "6. Traceability matrix"},
    {"findings", "7. Findings"},
    {"deviations", "8. Deviations"},
    {"limitations", "9. Limitations"},
    {"hashes", "10. Hashes"},
};

void heading(Html &H, int Index) {
  H << "<section id=\"" << esc(Sections[Index].Id) << "\"><h2>" << esc(Sections[Index].Title)
    << "</h2>";
}

void code(Html &H, llvm::StringRef S) {
  if (S.empty())
    H << "<span class=\"meta\">none</span>";
  else
    H << "<code>" << esc(S) << "</code>";
}

void codeList(Html &H, const std::vector<std::string> &V) {
  if (V.empty())
    H << "<span class=\"meta\">none</span>";
  for (size_t I = 0; I < V.size(); ++I) {
    if (I)
      H << ", ";
    H << "<code>" << esc(V[I]) << "</code>";
  }
}

void flags(Html &H, const std::vector<std::string> &Flags) {
  for (const std::string &F : Flags)
    H << "<span class=\"flag\">" << esc(F) << "</span>";
}

void statusBadge(Html &H, const std::string &Status) {
  const ClauseStatus &S = clauseStatus(Status);
  H << "<span class=\"badge\" style=\"background:" << esc(S.Colour) << "\">" << esc(S.Label)
    << "</span>";
}

void findingLink(Html &H, const std::string &Id) {
  H << "<a href=\"#f-" << esc(Id) << "\"><code>" << esc(Id) << "</code></a>";
}

void row(Html &H, llvm::StringRef Key, const Html &Value) {
  H << "<tr><th scope=\"row\">" << esc(Key) << "</th><td>" << Value << "</td></tr>";
}

void listRow(Html &H, llvm::StringRef Key, const std::vector<std::string> &V) {
  Html Value;
  codeList(Value, V);
  row(H, Key, Value);
}

void summary(Html &H, const ReportModel &M) {
  heading(H, 0);
  H << "<p><span class=\"verdict " << esc(verdictName(M.Outcome)) << "\" id=\"verdict\">"
    << esc(llvm::StringRef(verdictName(M.Outcome)).upper()) << "</span></p><ul>";
  for (const std::string &R : M.VerdictReasons)
    H << "<li>" << esc(R) << "</li>";
  H << "</ul><table class=\"kv\"><tbody>";
  Html V;
  V << M.Units << " translation unit(s): " << M.UnitsAnalysed << " analysed, "
    << M.NotAnalysed.size() << " not analysed, " << M.Excluded.size() << " excluded";
  row(H, "Scope", V);
  Html F;
  F << M.Findings.size() << ": <strong>" << M.openCount() << " open</strong>"
    << esc(M.testCodeShare()) << ", " << M.acceptedCount() << " accepted (deviations), "
    << M.Fixed.size() << " fixed since the baseline";
  row(H, "Findings", F);
  for (const GuidelineView &G : M.Guidelines) {
    Html C;
    C << G.covered() << " of " << G.Rows.size()
      << " clause(s) checked by a check that ran or by the component inventory";
    row(H, "Clauses covered (" + G.Id + ")", C);
  }
  H << "</tbody></table>";
  H << "<table><thead><tr><th>severity</th><th>open</th><th>of which in test code</th>"
       "<th>accepted</th></tr></thead><tbody>";
  for (const char *S : Severities)
    H << "<tr><td class=\"sev-" << esc(S) << "\">" << esc(S) << "</td><td class=\"n\">"
      << M.BySeverity.at(S).Open << "</td><td class=\"n\">" << M.BySeverity.at(S).OpenInTestCode
      << "</td><td class=\"n\">" << M.BySeverity.at(S).Accepted << "</td></tr>";
  H << "</tbody></table>";
  H << "<figure>" << coverageBarsSvg(M) << "<figcaption>Clauses of each selected guideline by "
    << "status (hover for counts; the matrices below name each clause)</figcaption></figure>";
  H << "<figure>" << severityChartSvg(M)
    << "<figcaption>Findings by severity</figcaption></figure>";
  H << "<figure>" << checkChartSvg(M) << "<figcaption>Findings by check</figcaption></figure>";
  H << "<h3>Clause coverage matrices</h3><p>";
  for (const ClauseStatus &S : clauseStatuses()) {
    statusBadge(H, S.Id);
    H << " ";
  }
  H << "<br><span class=\"meta\">* basis inferred: needs confirmation against the official "
    << "text</span></p>";
  for (const GuidelineView &G : M.Guidelines)
    H << "<figure>" << coverageMatrixSvg(G) << "<figcaption>" << esc(G.Id) << ": " << esc(G.Title)
      << "</figcaption></figure>";
  H << "</section>";
}

void identity(Html &H, const ReportModel &M) {
  heading(H, 1);
  H << "<table><thead><tr><th></th><th>scan</th><th>report</th></tr></thead><tbody>";
  auto Pair = [&](const char *K, const std::string &A, const std::string &B) {
    H << "<tr><th scope=\"row\">" << esc(K) << "</th><td>";
    code(H, A);
    H << "</td><td>";
    code(H, B);
    H << "</td></tr>";
  };
  Pair("name", M.ScanTool.Name, M.Reporter.Name);
  Pair("version", M.ScanTool.Version, M.Reporter.Version);
  Pair("build id", M.ScanTool.BuildId, M.Reporter.BuildId);
  Pair("LLVM", M.ScanTool.LlvmVersion, M.Reporter.LlvmVersion);
  Pair("host", M.ScanTool.Host.empty() ? "not recorded by the scan" : M.ScanTool.Host,
       M.Reporter.Host);
  H << "</tbody></table><h3>Tool validation evidence (ISO 13485 4.1.6)</h3>";
  if (!M.Evidence) {
    H << "<p class=\"warn\">No test-suite evidence supplied. Run <code>tools/run-tests.sh "
      << "--output-junit FILE</code> and pass <code>--test-evidence FILE</code>.</p>";
    H << "</section>";
    return;
  }
  const TestEvidence &E = *M.Evidence;
  H << "<table id=\"test-evidence\"><tbody>";
  Html Name, Sha, Format, Result;
  Name << "<code>" << esc(E.Name) << "</code>";
  Sha << "<code>" << esc(E.Sha256) << "</code>";
  Format << esc(E.Format);
  if (E.Format == "unknown") {
    Result << "not a JUnit XML file or a ctest log: counts not extracted";
  } else {
    Result << E.Tests << " test(s): " << E.passed() << " passed, ";
    Result.pick(E.Failures, "<span class=\"flag\">", "<span>")
        << E.Failures << " failed</span>, " << E.Skipped << " skipped";
  }
  row(H, "file", Name);
  row(H, "SHA-256", Sha);
  row(H, "format", Format);
  row(H, "result", Result);
  H << "</tbody></table>";
  if (!E.Failed.empty()) {
    H << "<p>Failed tests: ";
    codeList(H, E.Failed);
    H << "</p>";
  }
  H << "</section>";
}

/// The options every unit was analysed with, as the scan recorded them.
void scanOptions(Html &H, const ScanConfiguration &C) {
  H << "<h3>Scan options</h3>";
  if (!C.Set) {
    H << "<p class=\"warn\">Not recorded by the scan (results of an older medsec).</p>";
    return;
  }
  H << "<table id=\"scan-options\"><tbody>";
  Html Filter, Options, Timeout;
  code(Filter, C.CheckFilter);
  row(H, "check filter (--checks)", Filter);
  if (C.CheckOptions.empty())
    Options << "<span class=\"meta\">none</span>";
  for (const auto &[Key, Value] : C.CheckOptions)
    Options << "<code>" << esc(Key) << "</code>: <code>" << esc(Value) << "</code><br>";
  row(H, "check options", Options);
  listRow(H, "extra compiler arguments", C.ExtraArgs);
  listRow(H, "include globs", C.Include);
  listRow(H, "exclude globs", C.Exclude);
  Timeout << C.TimeoutSeconds << " s";
  row(H, "timeout per unit", Timeout);
  H << "</tbody></table>";
}

void configuration(Html &H, const ReportModel &M) {
  heading(H, 2);
  H << "<h3>Checks</h3><table><thead><tr><th>check</th><th>catalogue status</th><th>in this "
    << "scan</th><th>default severity</th><th>CWE</th></tr></thead><tbody>";
  for (const CheckRow &C : M.Checks) {
    H << "<tr><td><code>" << esc(C.Id) << "</code><br><span class=\"meta\">" << esc(C.Title)
      << "</span></td><td>" << esc(C.Status) << "</td><td>" << esc(C.State) << "</td><td>"
      << esc(C.Severity) << "</td><td>";
    codeList(H, C.Cwe);
    H << "</td></tr>";
  }
  H << "</tbody></table>";
  scanOptions(H, M.ScanOptions);
  H << "<h3>Rule files</h3><table id=\"rule-files\"><thead><tr><th>file</th>"
    << "<th>role</th><th>SHA-256 loaded for this report</th><th>SHA-256 used by the scan</th>"
    << "<th>state</th></tr></thead><tbody>";
  for (const CatalogueFileRow &R : M.CatalogueFiles) {
    H.pick(R.State == "same", "<tr>", "<tr class=\"bad\">") << "<td>";
    code(H, R.Path.empty() ? R.ScanPath : R.Path);
    H << "</td><td>" << esc(R.Role) << "</td><td>";
    code(H, R.Sha256);
    H << "</td><td>";
    code(H, R.ScanSha256);
    H << "</td><td>";
    if (R.State == "same")
      H << esc(R.State);
    else
      flags(H, {R.State});
    H << "</td></tr>";
  }
  H << "</tbody></table><h3>Analysed build configuration</h3><table><tbody>";
  Html Db, State;
  Db << "<code>" << esc(M.CompileDbPath) << "</code><br>SHA-256 at scan: <code>"
     << esc(M.CompileDbSha256) << "</code>";
  if (M.CompileDb)
    Db << "<br>SHA-256 now: <code>" << esc(M.CompileDb->Sha256) << "</code>";
  row(H, "compile database", Db);
  if (M.CompileDbState == "changed")
    State << "<span class=\"flag\">changed since the scan</span>";
  else
    State << esc(M.CompileDbState);
  row(H, "state", State);
  if (M.CompileDb) {
    const CompileDbInfo &I = *M.CompileDb;
    Html E;
    E << I.Entries;
    row(H, "entries", E);
    listRow(H, "compilers", I.Compilers);
    listRow(H, "target flags", I.Targets);
    listRow(H, "language standards", I.Standards);
    listRow(H, "defines", I.Defines);
  }
  Html G, P;
  if (M.GuidelineSelection.empty())
    G << "all";
  else
    codeList(G, M.GuidelineSelection);
  if (M.PhaseSelection.empty())
    P << "all";
  else
    codeList(P, M.PhaseSelection);
  row(H, "guidelines in this report", G);
  row(H, "phases in this report", P);
  H << "</tbody></table></section>";
}

void unitTable(Html &H, const char *Title, const std::vector<UnitRow> &Units, const char *Id) {
  H << "<h3>" << esc(Title) << " (" << Units.size() << ")</h3>";
  if (Units.empty()) {
    H << "<p>None.</p>";
    return;
  }
  H << "<table id=\"" << esc(Id) << "\"><thead><tr><th>unit</th><th>status</th><th>reason</th>"
    << "</tr></thead><tbody>";
  for (const UnitRow &U : Units)
    H << "<tr><td><code>" << esc(U.File) << "</code></td><td>" << esc(U.Status) << "</td><td>"
      << esc(U.Reason) << "</td></tr>";
  H << "</tbody></table>";
}

void scope(Html &H, const ReportModel &M) {
  heading(H, 3);
  H << "<p>Source root <code>" << esc(M.SourceRoot) << "</code>: " << M.Units
    << " translation unit(s), " << M.UnitsAnalysed << " analysed. The scan is <strong>";
  H.pick(M.Complete, "complete", "INCOMPLETE") << "</strong>.</p>";
  unitTable(H, "Not analysed", M.NotAnalysed, "not-analysed");
  unitTable(H, "Excluded", M.Excluded, "excluded");
  H << "</section>";
}

void knownVulnerabilities(Html &H, const ReportModel &M) {
  if (!M.VulnerabilitiesGiven)
    return;
  H << "<h3>Known vulnerabilities</h3>";
  bool Any = false;
  for (const ComponentView &V : M.Components)
    Any |= !V.Vulns.empty();
  if (!Any)
    H << "<p>No record of the vulnerability files matches a component version of this scan.</p>";
  else {
    H << "<table id=\"vulnerabilities\"><thead><tr><th>component</th><th>vulnerability</th>"
      << "<th>severity</th><th>affected</th><th>assessment</th><th>justification</th>"
      << "<th>detail</th><th>flags</th></tr></thead><tbody>";
    for (const ComponentView &V : M.Components)
      for (const Vulnerability &X : V.Vulns) {
        H << "<tr><td><code>" << esc(V.C.Id) << "</code></td><td><code>" << esc(X.Id) << "</code>";
        if (!X.Aliases.empty()) {
          H << " (";
          codeList(H, X.Aliases);
          H << ")";
        }
        H << "</td><td>" << esc(X.Severity) << "</td><td>" << esc(X.Affected) << "</td><td>";
        if (X.State.empty())
          H << "<span class=\"meta\">none</span>";
        else
          H << esc(X.State);
        H << "</td><td>" << esc(X.Justification) << "</td><td>" << esc(X.Detail) << "</td><td>";
        flags(H, X.flags());
        H << "</td></tr>";
      }
    H << "</tbody></table>";
  }
  if (!M.UnmatchedVulnerabilities.empty()) {
    H << "<p>Records that match no component version of this scan:</p><ul>";
    for (const std::string &U : M.UnmatchedVulnerabilities)
      H << "<li>" << esc(U) << "</li>";
    H << "</ul>";
  }
}

void thirdParty(Html &H, const ReportModel &M) {
  heading(H, 4);
  if (!M.InventoryRecorded) {
    H << "<p class=\"warn\"><strong>No component inventory</strong>: "
      << esc(M.InventoryGaps.front()) << ".</p></section>";
    return;
  }
  for (const ClauseRow &R : M.InventoryRows) {
    H << "<p>Evidence for <code>" << esc(R.Id) << "</code> (" << esc(R.Title) << "): ";
    statusBadge(H, R.Status);
    H << "</p>";
  }
  if (M.Components.empty())
    H << "<p>No catalogued component in the files the analysed units compiled or included.</p>";
  else {
    H << "<table id=\"components\"><thead><tr><th>component</th><th>version</th><th>basis</th>"
      << "<th>supplier</th><th>licence</th><th>support</th><th>end of support</th><th>files</th>"
      << "<th>vulnerabilities</th><th>flags</th></tr></thead><tbody>";
    for (const ComponentView &V : M.Components) {
      H << "<tr id=\"component-" << esc(V.C.Id) << "\"><td>" << esc(V.C.Name) << " <code>"
        << esc(V.C.Id) << "</code></td><td>";
      if (V.C.Version.empty())
        H << "<span class=\"meta\">unknown</span>";
      else
        code(H, V.C.Version);
      H << "</td><td>" << esc(V.Basis) << "</td><td>" << esc(V.C.Supplier) << "</td><td>";
      code(H, V.C.Licence);
      H << "</td><td>" << esc(V.C.Support) << "</td><td>";
      if (V.C.EndOfSupport.empty())
        H << "<span class=\"meta\">not declared</span>";
      else
        H << esc(V.C.EndOfSupport);
      H << "</td><td class=\"n\">" << V.C.Files.size() << "</td><td>";
      if (!M.VulnerabilitiesGiven)
        H << "not assessed (no vulnerability file)";
      else if (V.Vulns.empty())
        H << "none in the vulnerability files";
      for (const Vulnerability &X : V.Vulns) {
        H << "<code>" << esc(X.Id) << "</code> ";
        if (X.State.empty())
          H << "<span class=\"flag\">unassessed</span>";
        else
          H << esc(X.State);
        H << "<br>";
      }
      H << "</td><td>";
      flags(H, V.Flags);
      H << "</td></tr>";
    }
    H << "</tbody></table>";
  }
  knownVulnerabilities(H, M);
  if (!M.Unidentified.empty()) {
    H << "<h3>Unidentified third-party trees</h3><table id=\"unidentified\"><thead><tr><th>tree"
      << "</th><th>ownership files</th><th>files used</th></tr></thead><tbody>";
    for (const UnidentifiedTree &T : M.Unidentified) {
      H << "<tr><td><code>" << esc(T.Path) << "</code></td><td>";
      codeList(H, T.Evidence);
      H << "</td><td class=\"n\">" << T.Files.size() << "</td></tr>";
    }
    H << "</tbody></table>";
  }
  if (M.InventoryGaps.empty())
    H << "<p>No gap: every component is identified with its version and support level, and every "
      << "vulnerability the given files list for it is assessed.</p>";
  else {
    H << "<p>Gaps:</p><ul id=\"inventory-gaps\">";
    for (const std::string &G : M.InventoryGaps)
      H << "<li>" << esc(G) << "</li>";
    H << "</ul>";
  }
  if (!M.Sboms.empty()) {
    H << "<h3>SBOM files</h3><table id=\"sbom-files\"><thead><tr><th>file</th><th>format</th>"
      << "<th>components</th><th>state</th></tr></thead><tbody>";
    for (const SbomFileRow &S : M.Sboms) {
      H << "<tr><td>";
      code(H, S.Path);
      H << "</td><td>" << esc(S.Format) << "</td><td class=\"n\">" << S.Components << "</td><td>"
        << esc(S.State) << "</td></tr>";
    }
    H << "</tbody></table>";
  }
  H << "</section>";
}

void clauseRow(Html &H, const ClauseRow &R) {
  H << "<tr id=\"c-" << esc(R.Id) << "\"><td><code>" << esc(R.Id) << "</code></td><td>"
    << esc(R.Phase) << "</td><td>" << esc(R.Title) << "</td><td>" << esc(R.Basis);
  if (!R.Locator.empty())
    H << " <code>" << esc(R.Locator) << "</code>";
  if (R.inferred())
    H << " <span class=\"flag\">needs confirmation</span>";
  H << "</td><td>";
  if (R.Checks.empty())
    H << "<span class=\"meta\">none</span>";
  for (const CheckLink &L : R.Checks)
    H << "<code>" << esc(L.Id) << "</code> <span class=\"meta\">(" << esc(L.Relation) << ", "
      << esc(L.State) << ")</span><br>";
  H << "</td><td class=\"n\">" << R.Open.size() << "</td><td class=\"n\">" << R.Accepted.size()
    << "</td><td class=\"n\">" << R.Fixed.size() << "</td><td>";
  statusBadge(H, R.Status);
  H << "</td><td>" << (R.Checkable == "yes" ? esc("") : esc(R.Complementary)) << "</td></tr>";
}

void traceability(Html &H, const ReportModel &M) {
  heading(H, 5);
  H << "<p>For each clause of the phases in scope: the checks mapped to it, their findings "
    << "(open, accepted, fixed against the baseline) and the resulting status. Basis: "
    << "<em>verified</em> (read in the primary text), <em>secondary</em> (reliable secondary "
    << "source), <em>inferred</em> (placed by topic and phase: needs confirmation against the "
    << "official text). Clauses static analysis cannot show name their complementary "
    << "activity.</p>";
  for (const GuidelineView &G : M.Guidelines) {
    H << "<h3 id=\"g-" << esc(G.Id) << "\"><code>" << esc(G.Id) << "</code> " << esc(G.Title)
      << "</h3><p class=\"meta\">" << esc(G.Publisher) << "; " << esc(G.Edition);
    if (!G.Url.empty())
      H << "; <code>" << esc(G.Url) << "</code>";
    H << "</p><table class=\"matrix\" id=\"matrix-" << esc(G.Id) << "\"><thead><tr><th>clause"
      << "</th><th>phase</th><th>title</th><th>basis</th><th>checks</th><th>open</th><th>"
      << "accepted</th><th>fixed</th><th>status</th><th>complementary activity</th></tr>"
      << "</thead><tbody>";
    for (const ClauseRow &R : G.Rows)
      clauseRow(H, R);
    H << "</tbody></table>";
  }
  H << "</section>";
}

void finding(Html &H, const FindingView &F) {
  H.pick(F.isOpen(), "<article class=\"finding\"", "<article class=\"finding closed\"")
      << " id=\"f-" << esc(F.Id) << "\"><div><code>" << esc(F.Id) << "</code> <span class=\"sev-"
      << esc(F.severity()) << "\">" << esc(F.severity()) << "</span> <code>" << esc(F.Check)
      << "</code> ";
  codeList(H, F.Cwe);
  H << " at <code>" << esc(F.File) << ":" << F.Line << ":" << F.Column << "</code>, status <strong>"
    << esc(findingStatusName(F.Status)) << "</strong>";
  if (F.Baseline != BaselineState::None)
    H << ", baseline " << esc(baselineStateName(F.Baseline));
  if (F.TestCode)
    H << ", <strong>test</strong> code";
  H << "</div><div class=\"msg\">" << esc(F.Message) << "</div>";
  if (!F.ContextNote.empty())
    H << "<div class=\"meta warn\">" << esc(F.ContextNote) << "</div>";
  if (!F.Context.empty()) {
    H << "<pre class=\"src\">";
    for (const ContextLine &L : F.Context) {
      H.pick(L.IsFinding, "<span class=\"hit\">", "<span>")
          << L.Number << " | " << esc(L.Text, MaxSourceLine) << "</span>";
      if (!L.IsFinding)
        H << "\n";
    }
    H << "</pre>";
  }
  H << "<div class=\"meta\">clauses: ";
  codeList(H, F.Clauses);
  H << "</div></article>";
}

void attackSurface(Html &H, const ReportModel &M) {
  H << "<h3>Attack surface</h3>";
  if (!M.InputChecksRun) {
    H << "<p>No input-validation check ran: the scan did not look for external inputs.</p>";
    return;
  }
  for (const ClauseRow &R : M.AttackSurfaceRows)
    H << "<p>Evidence for <code>" << esc(R.Id) << "</code> (" << esc(R.Title)
      << "): the interfaces the analysis followed, for the reviewer's attack surface analysis; "
         "whether they are needed is not judged.</p>";
  if (M.AttackSurface.empty()) {
    H << "<p class=\"warn\"><strong>No external input recognised</strong>: the "
         "input-validation checks had no data to follow. Declare the device's receive functions "
         "in <code>.medsec.yaml</code>.</p>";
    return;
  }
  H << "<table id=\"attack-surface\"><thead><tr><th>where</th><th>input</th><th>kind</th>"
    << "<th>channel</th><th>recognised</th><th>findings fed</th></tr></thead><tbody>";
  for (const ExternalInput &I : M.AttackSurface) {
    H << "<tr><td><code>" << esc(I.Where.File) << ":" << I.Where.Line << ":" << I.Where.Column
      << "</code></td><td><code>" << esc(I.Name) << "</code></td><td>" << esc(I.Kind) << "</td><td>"
      << esc(I.Channel) << "</td><td>";
    H.pick(I.Inferred, "inferred", "catalogued") << "</td><td>" << I.Findings << "</td></tr>";
  }
  H << "</tbody></table>";
}

void findings(Html &H, const ReportModel &M) {
  heading(H, 6);
  attackSurface(H, M);
  H << "<h3>By clause</h3><table id=\"findings-by-clause\"><thead><tr><th>clause</th><th>open"
    << "</th><th>accepted</th></tr></thead><tbody>";
  std::set<std::string> Done;
  for (const GuidelineView &G : M.Guidelines)
    for (const ClauseRow &R : G.Rows) {
      if ((R.Open.empty() && R.Accepted.empty()) || !Done.insert(R.Id).second)
        continue;
      H << "<tr><td><code>" << esc(R.Id) << "</code></td><td>";
      for (const std::string &Id : R.Open)
        findingLink(H, Id), H << " ";
      H << "</td><td>";
      for (const std::string &Id : R.Accepted)
        findingLink(H, Id), H << " ";
      H << "</td></tr>";
    }
  H << "</tbody></table><h3>By file</h3>";
  if (M.Findings.empty())
    H << "<p>No finding.</p>";
  for (size_t I = 0; I < M.Findings.size(); ++I) {
    if (I == 0 || M.Findings[I].File != M.Findings[I - 1].File)
      H << "<h4><code>" << esc(M.Findings[I].File) << "</code></h4>";
    finding(H, M.Findings[I]);
  }
  if (!M.Fixed.empty()) {
    H << "<h3>Fixed since the baseline</h3><table id=\"fixed\"><thead><tr><th>id</th><th>check"
      << "</th><th>file</th><th>message</th></tr></thead><tbody>";
    for (const FixedEntry &X : M.Fixed)
      H << "<tr><td><code>" << esc(X.Fingerprint) << "</code></td><td><code>" << esc(X.Check)
        << "</code></td><td><code>" << esc(X.File) << "</code></td><td>" << esc(X.Message)
        << "</td></tr>";
    H << "</tbody></table>";
  }
  H << "</section>";
}

void deviations(Html &H, const ReportModel &M) {
  heading(H, 7);
  if (M.Deviations.empty()) {
    H << "<p>No suppression or accepted finding.</p></section>";
    return;
  }
  H << "<table id=\"deviation-table\"><thead><tr><th>finding</th><th>record</th><th>status</th>"
    << "<th>justification</th><th>approver</th><th>date</th><th>expires</th><th>risk</th>"
    << "<th>flags</th></tr></thead><tbody>";
  for (const DeviationRow &D : M.Deviations) {
    const FindingView &F = M.Findings[D.Finding];
    const Suppression S = F.Suppr.value_or(Suppression());
    H.pick(D.Flags.empty(), "<tr>", "<tr class=\"bad\">") << "<td>";
    findingLink(H, F.Id);
    H << "<br><code>" << esc(F.File) << ":" << F.Line << "</code></td><td>";
    code(H, S.Id);
    if (F.Suppr)
      H << " (" << esc(F.recordKind()) << (S.Source.empty() ? esc("") : esc(", " + S.Source))
        << ")";
    H << "</td><td>" << esc(F.recordStatus());
    if (!S.Problem.empty())
      H << ": " << esc(S.Problem);
    H << "</td><td>" << esc(S.Justification) << "</td><td>" << esc(S.Approver) << "</td><td>"
      << esc(S.Date) << "</td><td>" << esc(S.Expires) << "</td><td>" << esc(S.Risk) << "</td><td>";
    flags(H, D.Flags);
    H << "</td></tr>";
  }
  H << "</tbody></table></section>";
}

void limitations(Html &H, const ReportModel &M) {
  heading(H, 8);
  unsigned Inferred = 0;
  for (const GuidelineView &G : M.Guidelines)
    for (const ClauseRow &R : G.Rows)
      Inferred += R.inferred();
  H << "<p>Static analysis is evidence for a secure-coding process, not proof of security: it "
    << "sees only the code and the build configuration analysed (section 4), reports what its "
    << "checks model, and cannot show the clauses listed with a complementary activity in "
    << "section 6.</p><p><strong>" << Inferred << "</strong> clause mapping(s) in this report "
    << "are <em>inferred</em> and need confirmation against the official text.</p>"
    << "<h3>Known false-negative classes of each check</h3><ul>";
  for (const CheckRow &C : M.Checks) {
    H << "<li><code>" << esc(C.Id) << "</code> (" << esc(C.State) << ")";
    if (C.State != "run") {
      H << ": not run in this scan, no evidence from it</li>";
      continue;
    }
    if (C.Limitations.empty())
      H << ": none recorded in the catalogue";
    H << "<ul>";
    for (const std::string &L : C.Limitations)
      H << "<li>" << esc(L) << "</li>";
    H << "</ul></li>";
  }
  H << "</ul></section>";
}

void hashes(Html &H, const ReportModel &M) {
  heading(H, 9);
  H << "<table id=\"hash-table\"><thead><tr><th>what</th><th>file</th><th>SHA-256</th></tr>"
    << "</thead><tbody>";
  auto Line = [&](const char *What, const std::string &File, const std::string &Sha) {
    H << "<tr><td>" << esc(What) << "</td><td>";
    code(H, File);
    H << "</td><td>";
    code(H, Sha);
    H << "</td></tr>";
  };
  Line("report content", "report.json", M.ContentSha256);
  Line("results", M.ResultsPath, M.ResultsSha256);
  for (const CatalogueFileRow &R : M.CatalogueFiles)
    if (!R.Path.empty())
      Line("rule file", R.Path, R.Sha256);
  if (M.CompileDb)
    Line("compile database", M.CompileDbPath, M.CompileDb->Sha256);
  if (M.Evidence)
    Line("test evidence", M.Evidence->Name, M.Evidence->Sha256);
  for (const SbomFileRow &S : M.Sboms)
    Line("SBOM", S.Path, S.Sha256);
  for (const VulnerabilityFile &F : M.VulnerabilityFiles)
    Line("vulnerabilities", F.Path, F.Sha256);
  for (const SourceHash &S : M.Sources)
    Line("source", S.Path, S.Sha256);
  H << "</tbody></table><p>To reproduce: run <code>medsec report</code> with the same inputs and "
    << "options, then <code>sha256sum -c report.sha256</code> in the output directory "
    << "(docs/report.md).</p></section>";
}

} // namespace

std::string renderHtml(const ReportModel &M) {
  Html H;
  H << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
    << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    << "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n"
    << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    << "<meta name=\"generator\" content=\"medsec report " << esc(M.Reporter.Version) << "\">\n"
    << "<title>" << esc(M.Title) << "</title>\n<style>" << Style << "</style></head>\n<body>\n"
    << "<header><h1>" << esc(M.Title) << "</h1><p class=\"meta\">medsec " << esc(M.ScanTool.Version)
    << " (build " << esc(M.ScanTool.BuildId) << ")";
  if (!M.Date.empty())
    H << " &middot; " << esc(M.Date);
  H << " &middot; report content SHA-256 <code>" << esc(M.ContentSha256) << "</code></p>";
  for (const std::string &W : M.Warnings)
    H << "<div class=\"banner\" role=\"alert\">&#9888; " << esc(W) << "</div>";
  H << "<nav class=\"toc\"><ol>";
  for (const Section &S : Sections)
    H << "<li><a href=\"#" << esc(S.Id) << "\">"
      << esc(llvm::StringRef(S.Title).drop_until([](char C) { return C == ' '; }).ltrim())
      << "</a></li>";
  H << "</ol></nav></header>\n<main>\n";
  summary(H, M);
  H << "\n";
  identity(H, M);
  H << "\n";
  configuration(H, M);
  H << "\n";
  scope(H, M);
  H << "\n";
  thirdParty(H, M);
  H << "\n";
  traceability(H, M);
  H << "\n";
  findings(H, M);
  H << "\n";
  deviations(H, M);
  H << "\n";
  limitations(H, M);
  H << "\n";
  hashes(H, M);
  H << "\n</main></body></html>\n";
  return H.str();
}

} // namespace report
} // namespace medsec
