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
  const char *Id, *Key;
};
const Section Sections[] = {
    {"summary", "section.summary"},
    {"tool", "section.tool"},
    {"configuration", "section.configuration"},
    {"scope", "section.scope"},
    {"components", "section.components"},
    {"traceability", "section.traceability"},
    {"findings", "section.findings"},
    {"deviations", "section.deviations"},
    {"limitations", "section.limitations"},
    {"hashes", "section.hashes"},
};

void heading(Html &H, int Index) {
  H << "<section id=\"" << esc(Sections[Index].Id) << "\"><h2>" << (Index + 1) << ". "
    << t(Sections[Index].Key) << "</h2>";
}

void none(Html &H) { H << "<span class=\"meta\">" << t("word.none") << "</span>"; }

void code(Html &H, llvm::StringRef S) {
  if (S.empty())
    none(H);
  else
    H << "<code>" << esc(S) << "</code>";
}

Html codeOf(llvm::StringRef S) { return html("<code>", esc(S), "</code>"); }

void codeList(Html &H, const std::vector<std::string> &V) {
  if (V.empty())
    none(H);
  for (size_t I = 0; I < V.size(); ++I) {
    if (I)
      H << ", ";
    H << "<code>" << esc(V[I]) << "</code>";
  }
}

void flags(Html &H, const std::vector<std::string> &Flags, llvm::StringRef Group = "") {
  for (const std::string &F : Flags)
    H << "<span class=\"flag\">" << (Group.empty() ? esc(F) : term(Group, F)) << "</span>";
}

void statusBadge(Html &H, const std::string &Status) {
  const ClauseStatus &S = clauseStatus(Status);
  H << "<span class=\"badge\" style=\"background:" << esc(S.Colour) << "\">"
    << term("status", S.Id) << "</span>";
}

void findingLink(Html &H, const std::string &Id) {
  H << "<a href=\"#f-" << esc(Id) << "\"><code>" << esc(Id) << "</code></a>";
}

void row(Html &H, const Html &Key, const Html &Value) {
  H << "<tr><th scope=\"row\">" << Key << "</th><td>" << Value << "</td></tr>";
}

void row(Html &H, llvm::StringRef Key, const Html &Value) { row(H, html(t(Key)), Value); }

void listRow(Html &H, llvm::StringRef Key, const std::vector<std::string> &V) {
  Html Value;
  codeList(Value, V);
  row(H, Key, Value);
}

void th(Html &H, std::initializer_list<const char *> Keys) {
  for (const char *K : Keys)
    H << "<th>" << t(K) << "</th>";
}

void tableHead(Html &H, llvm::StringRef Id, std::initializer_list<const char *> Keys) {
  if (Id.empty())
    H << "<table><thead><tr>";
  else
    H << "<table id=\"" << esc(Id) << "\"><thead><tr>";
  th(H, Keys);
  H << "</tr></thead><tbody>";
}

void summary(Html &H, const ReportModel &M) {
  heading(H, 0);
  H << "<p><span class=\"verdict " << esc(verdictName(M.Outcome)) << "\" id=\"verdict\">"
    << term("verdict", verdictName(M.Outcome)) << "</span></p><ul>";
  for (const std::string &R : M.VerdictReasons)
    H << "<li>" << esc(R) << "</li>";
  H << "</ul><table class=\"kv\"><tbody>";
  row(H, "label.scope",
      tf("summary.scope-value", {html(M.Units), html(M.UnitsAnalysed),
                                 html(M.NotAnalysed.size()), html(M.Excluded.size())}));
  row(H, "label.findings",
      tf("summary.findings-value",
         {html(M.Findings.size()),
          html("<strong>", tf("summary.open", {html(M.openCount())}), "</strong>",
               esc(M.testCodeShare())),
          html(M.acceptedCount()), html(M.Fixed.size())}));
  for (const GuidelineView &G : M.Guidelines)
    row(H, tf("summary.clauses-covered", {html(esc(G.Id))}),
        tf("summary.clauses-covered-value", {html(G.covered()), html(G.Rows.size())}));
  H << "</tbody></table>";
  H << "<table><thead><tr>";
  th(H, {"col.severity", "col.open", "col.open-in-test-code", "col.accepted"});
  H << "</tr></thead><tbody>";
  for (const char *S : Severities)
    H << "<tr><td class=\"sev-" << esc(S) << "\">" << term("severity", S) << "</td><td class=\"n\">"
      << M.BySeverity.at(S).Open << "</td><td class=\"n\">" << M.BySeverity.at(S).OpenInTestCode
      << "</td><td class=\"n\">" << M.BySeverity.at(S).Accepted << "</td></tr>";
  H << "</tbody></table>";
  H << "<figure>" << coverageBarsSvg(M) << "<figcaption>" << t("html.caption-coverage")
    << "</figcaption></figure>";
  H << "<figure>" << severityChartSvg(M) << "<figcaption>" << t("html.caption-severity")
    << "</figcaption></figure>";
  H << "<figure>" << checkChartSvg(M) << "<figcaption>" << t("html.caption-checks")
    << "</figcaption></figure>";
  H << "<h3>" << t("html.coverage-matrices") << "</h3><p>";
  for (const ClauseStatus &S : clauseStatuses()) {
    statusBadge(H, S.Id);
    H << " ";
  }
  H << "<br><span class=\"meta\">" << t("html.inferred-legend") << "</span></p>";
  for (const GuidelineView &G : M.Guidelines)
    H << "<figure>" << coverageMatrixSvg(G) << "<figcaption>" << esc(G.Id) << ": " << esc(G.Title)
      << "</figcaption></figure>";
  H << "</section>";
}

void identity(Html &H, const ReportModel &M) {
  heading(H, 1);
  H << "<table><thead><tr><th></th>";
  th(H, {"col.scan", "col.report"});
  H << "</tr></thead><tbody>";
  auto Pair = [&](const char *K, const std::string &A, const std::string &B) {
    H << "<tr><th scope=\"row\">" << t(K) << "</th><td>";
    code(H, A);
    H << "</td><td>";
    code(H, B);
    H << "</td></tr>";
  };
  Pair("tool.name", M.ScanTool.Name, M.Reporter.Name);
  Pair("tool.version", M.ScanTool.Version, M.Reporter.Version);
  Pair("tool.build-id", M.ScanTool.BuildId, M.Reporter.BuildId);
  Pair("tool.llvm", M.ScanTool.LlvmVersion, M.Reporter.LlvmVersion);
  Pair("tool.host",
       M.ScanTool.Host.empty() ? MessageScope::current().text("tool.host-not-recorded")
                               : M.ScanTool.Host,
       M.Reporter.Host);
  H << "</tbody></table><h3>" << t("evidence.heading") << "</h3>";
  if (!M.Evidence) {
    H << "<p class=\"warn\">"
      << tf("html.evidence-none", {codeOf("tools/run-tests.sh --output-junit FILE"),
                                   codeOf("--test-evidence FILE")})
      << "</p>";
    H << "</section>";
    return;
  }
  const TestEvidence &E = *M.Evidence;
  H << "<table id=\"test-evidence\"><tbody>";
  Html Result;
  if (E.Format == "unknown") {
    Result << t("html.evidence-unknown-format");
  } else {
    Html Failed;
    Failed.pick(E.Failures, "<span class=\"flag\">", "<span>")
        << tf("evidence.failed", {html(E.Failures)}) << "</span>";
    Result << tf("html.evidence-result",
                 {html(E.Tests), html(E.passed()), Failed, html(E.Skipped)});
  }
  row(H, "evidence.file", codeOf(E.Name));
  row(H, "evidence.sha-256", codeOf(E.Sha256));
  row(H, "evidence.format", html(esc(E.Format)));
  row(H, "evidence.result", Result);
  H << "</tbody></table>";
  if (!E.Failed.empty()) {
    H << "<p>" << t("html.evidence-failed-tests");
    codeList(H, E.Failed);
    H << "</p>";
  }
  H << "</section>";
}

/// The options every unit was analysed with, as the scan recorded them.
void scanOptions(Html &H, const ScanConfiguration &C) {
  H << "<h3>" << t("options.heading") << "</h3>";
  if (!C.Set) {
    H << "<p class=\"warn\">" << t("options.not-recorded") << "</p>";
    return;
  }
  H << "<table id=\"scan-options\"><tbody>";
  Html Filter, Options, Timeout;
  code(Filter, C.CheckFilter);
  row(H, "options.check-filter", Filter);
  if (C.CheckOptions.empty())
    none(Options);
  for (const auto &[Key, Value] : C.CheckOptions)
    Options << "<code>" << esc(Key) << "</code>: <code>" << esc(Value) << "</code><br>";
  row(H, "options.check-options", Options);
  listRow(H, "options.extra-args", C.ExtraArgs);
  listRow(H, "options.include", C.Include);
  listRow(H, "options.exclude", C.Exclude);
  Timeout << tf("options.timeout-value", {html(C.TimeoutSeconds)});
  row(H, "options.timeout", Timeout);
  H << "</tbody></table>";
}

void configuration(Html &H, const ReportModel &M) {
  heading(H, 2);
  H << "<h3>" << t("config.checks") << "</h3>";
  tableHead(H, "", {"col.check", "col.catalogue-status", "col.in-this-scan",
                    "col.default-severity", "col.cwe"});
  for (const CheckRow &C : M.Checks) {
    H << "<tr><td><code>" << esc(C.Id) << "</code><br><span class=\"meta\">" << esc(C.Title)
      << "</span></td><td>" << term("check-status", C.Status) << "</td><td>"
      << term("check-state", C.State) << "</td><td>" << term("severity", C.Severity) << "</td><td>";
    codeList(H, C.Cwe);
    H << "</td></tr>";
  }
  H << "</tbody></table>";
  scanOptions(H, M.ScanOptions);
  H << "<h3>" << t("config.rule-files") << "</h3>";
  tableHead(H, "rule-files",
            {"col.file", "col.role", "html.col-sha-loaded", "html.col-sha-scan", "col.state"});
  for (const CatalogueFileRow &R : M.CatalogueFiles) {
    H.pick(R.State == "same", "<tr>", "<tr class=\"bad\">") << "<td>";
    code(H, R.Path.empty() ? R.ScanPath : R.Path);
    H << "</td><td>" << term("role", R.Role) << "</td><td>";
    code(H, R.Sha256);
    H << "</td><td>";
    code(H, R.ScanSha256);
    H << "</td><td>";
    if (R.State == "same")
      H << term("file-state", R.State);
    else
      flags(H, {R.State}, "file-state");
    H << "</td></tr>";
  }
  H << "</tbody></table><h3>" << t("config.build") << "</h3><table><tbody>";
  Html Db, State;
  Db << "<code>" << esc(M.CompileDbPath) << "</code><br>"
     << tf("html.db-sha-scan", {codeOf(M.CompileDbSha256)});
  if (M.CompileDb)
    Db << "<br>" << tf("html.db-sha-now", {codeOf(M.CompileDb->Sha256)});
  row(H, "config.compile-database", Db);
  if (M.CompileDbState == "changed")
    State << "<span class=\"flag\">" << t("html.db-changed") << "</span>";
  else
    State << term("db-state", M.CompileDbState);
  row(H, "col.state", State);
  if (M.CompileDb) {
    const CompileDbInfo &I = *M.CompileDb;
    row(H, "config.entries", html(I.Entries));
    listRow(H, "config.compilers", I.Compilers);
    listRow(H, "config.targets", I.Targets);
    listRow(H, "config.standards", I.Standards);
    listRow(H, "config.defines", I.Defines);
  }
  Html G, P;
  if (M.GuidelineSelection.empty())
    G << t("word.all");
  else
    codeList(G, M.GuidelineSelection);
  if (M.PhaseSelection.empty())
    P << t("word.all");
  else
    codeList(P, M.PhaseSelection);
  row(H, "html.guidelines-in-report", G);
  row(H, "html.phases-in-report", P);
  H << "</tbody></table></section>";
}

void unitTable(Html &H, const char *Key, const std::vector<UnitRow> &Units, const char *Id) {
  H << "<h3>" << tf(Key, {html(Units.size())}) << "</h3>";
  if (Units.empty()) {
    H << "<p>" << t("scope.none") << "</p>";
    return;
  }
  tableHead(H, Id, {"col.unit", "col.status", "col.reason"});
  for (const UnitRow &U : Units)
    H << "<tr><td><code>" << esc(U.File) << "</code></td><td>" << term("unit-status", U.Status)
      << "</td><td>" << esc(U.Reason) << "</td></tr>";
  H << "</tbody></table>";
}

void scope(Html &H, const ReportModel &M) {
  heading(H, 3);
  H << "<p>"
    << tf("scope.summary",
          {codeOf(M.SourceRoot), html(M.Units), html(M.UnitsAnalysed),
           html("<strong>", t(M.Complete ? "scope.complete" : "scope.incomplete"), "</strong>")})
    << "</p>";
  unitTable(H, "scope.not-analysed", M.NotAnalysed, "not-analysed");
  unitTable(H, "scope.excluded", M.Excluded, "excluded");
  H << "</section>";
}

void knownVulnerabilities(Html &H, const ReportModel &M) {
  if (!M.VulnerabilitiesGiven)
    return;
  H << "<h3>" << t("vuln.heading") << "</h3>";
  bool Any = false;
  for (const ComponentView &V : M.Components)
    Any |= !V.Vulns.empty();
  if (!Any)
    H << "<p>" << t("vuln.none-matches") << "</p>";
  else {
    tableHead(H, "vulnerabilities",
              {"col.component", "col.vulnerability", "col.severity", "col.affected",
               "col.assessment", "col.justification", "col.detail", "col.flags"});
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
          none(H);
        else
          H << esc(X.State);
        H << "</td><td>" << esc(X.Justification) << "</td><td>" << esc(X.Detail) << "</td><td>";
        flags(H, X.flags(), "vulnerability-flag");
        H << "</td></tr>";
      }
    H << "</tbody></table>";
  }
  if (!M.UnmatchedVulnerabilities.empty()) {
    H << "<p>" << t("vuln.unmatched") << "</p><ul>";
    for (const std::string &U : M.UnmatchedVulnerabilities)
      H << "<li>" << esc(U) << "</li>";
    H << "</ul>";
  }
}

void componentRow(Html &H, const ReportModel &M, const ComponentView &V) {
  H << "<tr id=\"component-" << esc(V.C.Id) << "\"><td>" << esc(V.C.Name) << " <code>"
    << esc(V.C.Id) << "</code></td><td>";
  if (V.C.Version.empty())
    H << "<span class=\"meta\">" << t("word.unknown") << "</span>";
  else
    code(H, V.C.Version);
  H << "</td><td>" << esc(V.Basis) << "</td><td>" << esc(V.C.Supplier) << "</td><td>";
  code(H, V.C.Licence);
  H << "</td><td>" << esc(V.C.Support) << "</td><td>";
  if (V.C.EndOfSupport.empty())
    H << "<span class=\"meta\">" << t("components.not-declared") << "</span>";
  else
    H << esc(V.C.EndOfSupport);
  H << "</td><td class=\"n\">" << V.C.Files.size() << "</td><td>";
  if (!M.VulnerabilitiesGiven)
    H << t("components.not-assessed");
  else if (V.Vulns.empty())
    H << t("components.no-vulnerability");
  for (const Vulnerability &X : V.Vulns) {
    H << "<code>" << esc(X.Id) << "</code> ";
    if (X.State.empty())
      H << "<span class=\"flag\">" << term("vulnerability-flag", "unassessed") << "</span>";
    else
      H << esc(X.State);
    H << "<br>";
  }
  H << "</td><td>";
  flags(H, V.Flags, "component-flag");
  H << "</td></tr>";
}

void thirdParty(Html &H, const ReportModel &M) {
  heading(H, 4);
  if (!M.InventoryRecorded) {
    H << "<p class=\"warn\">"
      << tf("components.no-inventory",
            {html("<strong>", t("components.no-inventory-label"), "</strong>"),
             html(esc(M.InventoryGaps.front()))})
      << "</p></section>";
    return;
  }
  for (const ClauseRow &R : M.InventoryRows) {
    Html Badge;
    statusBadge(Badge, R.Status);
    H << "<p>" << tf("components.evidence-for", {codeOf(R.Id), html(esc(R.Title)), Badge})
      << "</p>";
  }
  if (M.Components.empty())
    H << "<p>" << t("components.none") << "</p>";
  else {
    tableHead(H, "components",
              {"col.component", "col.version", "col.basis", "col.supplier", "col.licence",
               "col.support", "col.end-of-support", "col.files", "col.vulnerabilities",
               "col.flags"});
    for (const ComponentView &V : M.Components)
      componentRow(H, M, V);
    H << "</tbody></table>";
  }
  knownVulnerabilities(H, M);
  if (!M.Unidentified.empty()) {
    H << "<h3>" << t("components.unidentified") << "</h3>";
    tableHead(H, "unidentified", {"col.tree", "col.ownership-files", "col.files-used"});
    for (const UnidentifiedTree &T : M.Unidentified) {
      H << "<tr><td><code>" << esc(T.Path) << "</code></td><td>";
      codeList(H, T.Evidence);
      H << "</td><td class=\"n\">" << T.Files.size() << "</td></tr>";
    }
    H << "</tbody></table>";
  }
  if (M.InventoryGaps.empty())
    H << "<p>" << t("components.no-gap") << "</p>";
  else {
    H << "<p>" << t("components.gaps") << "</p><ul id=\"inventory-gaps\">";
    for (const std::string &G : M.InventoryGaps)
      H << "<li>" << esc(G) << "</li>";
    H << "</ul>";
  }
  if (!M.Sboms.empty()) {
    H << "<h3>" << t("components.sbom-files") << "</h3>";
    tableHead(H, "sbom-files", {"col.file", "col.format", "col.components", "col.state"});
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
    << term("phase", R.Phase) << "</td><td>" << esc(R.Title) << "</td><td>"
    << term("basis", R.Basis);
  if (!R.Locator.empty())
    H << " <code>" << esc(R.Locator) << "</code>";
  if (R.inferred())
    H << " <span class=\"flag\">" << t("matrix.needs-confirmation") << "</span>";
  H << "</td><td>";
  if (R.Checks.empty())
    none(H);
  for (const CheckLink &L : R.Checks)
    H << "<code>" << esc(L.Id) << "</code> <span class=\"meta\">(" << term("relation", L.Relation)
      << ", " << term("check-state", L.State) << ")</span><br>";
  H << "</td><td class=\"n\">" << R.Open.size() << "</td><td class=\"n\">" << R.Accepted.size()
    << "</td><td class=\"n\">" << R.Fixed.size() << "</td><td>";
  statusBadge(H, R.Status);
  H << "</td><td>" << (R.Checkable == "yes" ? esc("") : esc(R.Complementary)) << "</td></tr>";
}

void traceability(Html &H, const ReportModel &M) {
  heading(H, 5);
  H << "<p>"
    << tf("html.matrix-intro",
          {html("<em>", term("basis", "verified"), "</em>"),
           html("<em>", term("basis", "secondary"), "</em>"),
           html("<em>", term("basis", "inferred"), "</em>")})
    << "</p>";
  for (const GuidelineView &G : M.Guidelines) {
    H << "<h3 id=\"g-" << esc(G.Id) << "\"><code>" << esc(G.Id) << "</code> " << esc(G.Title)
      << "</h3><p class=\"meta\">" << esc(G.Publisher) << "; " << esc(G.Edition);
    if (!G.Url.empty())
      H << "; <code>" << esc(G.Url) << "</code>";
    if (G.UntranslatedTitles)
      H << "</p><p class=\"meta\">"
        << tf("matrix.titles-fallback", {html(G.UntranslatedTitles), html(G.Rows.size())});
    H << "</p><table class=\"matrix\" id=\"matrix-" << esc(G.Id) << "\"><thead><tr>";
    th(H, {"col.clause", "col.phase", "col.title", "col.basis", "col.checks", "col.open",
           "col.accepted", "col.fixed", "col.status", "col.complementary"});
    H << "</tr></thead><tbody>";
    for (const ClauseRow &R : G.Rows)
      clauseRow(H, R);
    H << "</tbody></table>";
  }
  H << "</section>";
}

void finding(Html &H, const FindingView &F) {
  H.pick(F.isOpen(), "<article class=\"finding\"", "<article class=\"finding closed\"")
      << " id=\"f-" << esc(F.Id) << "\"><div><code>" << esc(F.Id) << "</code> <span class=\"sev-"
      << esc(F.severity()) << "\">" << term("severity", F.severity()) << "</span> <code>"
      << esc(F.Check) << "</code> ";
  codeList(H, F.Cwe);
  Html Where = codeOf(F.File + ":" + std::to_string(F.Line) + ":" + std::to_string(F.Column));
  H << tf("finding.at-status",
          {Where, html("<strong>", term("finding-status", findingStatusName(F.Status)),
                       "</strong>")});
  if (F.Baseline != BaselineState::None)
    H << tf("finding.baseline", {html(term("baseline", baselineStateName(F.Baseline)))});
  if (F.TestCode)
    H << tf("finding.test-code", {html("<strong>", t("finding.test"), "</strong>")});
  H << "</div><div class=\"msg\">" << esc(F.Message) << "</div>";
  if (!F.Inputs.empty()) {
    // Where its data entered, linked to the input's row of the attack surface.
    H << "<div class=\"meta inputs\">" << t("finding.inputs");
    for (size_t I = 0; I < F.Inputs.size(); ++I) {
      const FindingView::Input &In = F.Inputs[I];
      if (I)
        H << ", ";
      if (In.Row >= 0)
        H << "<a href=\"#in-" << In.Row + 1 << "\">";
      H << codeOf(In.Ref.Where.File + ":" + std::to_string(In.Ref.Where.Line) + ":" +
                  std::to_string(In.Ref.Where.Column))
        << " " << codeOf(In.Ref.Name);
      if (In.Row >= 0)
        H << "</a>";
    }
    H << "</div>";
  }
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
  H << "<div class=\"meta\">" << t("finding.clauses");
  codeList(H, F.Clauses);
  H << "</div></article>";
}

void attackSurface(Html &H, const ReportModel &M) {
  H << "<h3>" << t("surface.heading") << "</h3>";
  if (!M.InputChecksRun) {
    H << "<p>" << t("surface.no-check") << "</p>";
    return;
  }
  for (const ClauseRow &R : M.AttackSurfaceRows)
    H << "<p>" << tf("surface.evidence-for", {codeOf(R.Id), html(esc(R.Title))}) << "</p>";
  if (M.AttackSurface.empty()) {
    H << "<p class=\"warn\">"
      << tf("surface.none", {html("<strong>", t("surface.none-label"), "</strong>"),
                             codeOf(".medsec.yaml")})
      << "</p>";
    return;
  }
  tableHead(H, "attack-surface", {"col.where", "col.input", "col.kind", "col.channel",
                                  "col.recognised", "col.findings-fed"});
  // Row N is #in-N (its place in the list, which is in canonical order).
  for (size_t Row = 0; Row < M.AttackSurface.size(); ++Row) {
    const ExternalInput &I = M.AttackSurface[Row];
    H << "<tr id=\"in-" << Row + 1 << "\"><td><code>" << esc(I.Where.File) << ":" << I.Where.Line
      << ":" << I.Where.Column << "</code></td><td><code>" << esc(I.Name) << "</code></td><td>"
      << term("input-kind", I.Kind) << "</td><td>" << esc(I.Channel) << "</td><td>"
      << t(I.Inferred ? "surface.inferred" : "surface.catalogued") << "</td><td>" << I.Findings;
    // The findings it feeds, each a link to the finding below.
    for (const std::string &Id : M.InputFindings[Row]) {
      H << " ";
      findingLink(H, Id);
    }
    H << "</td></tr>";
  }
  H << "</tbody></table>";
}

void findings(Html &H, const ReportModel &M) {
  heading(H, 6);
  attackSurface(H, M);
  H << "<h3>" << t("findings.by-clause") << "</h3>";
  tableHead(H, "findings-by-clause", {"col.clause", "col.open", "col.accepted"});
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
  H << "</tbody></table><h3>" << t("findings.by-file") << "</h3>";
  if (M.Findings.empty())
    H << "<p>" << t("findings.none") << "</p>";
  for (size_t I = 0; I < M.Findings.size(); ++I) {
    if (I == 0 || M.Findings[I].File != M.Findings[I - 1].File)
      H << "<h4><code>" << esc(M.Findings[I].File) << "</code></h4>";
    finding(H, M.Findings[I]);
  }
  if (!M.Fixed.empty()) {
    H << "<h3>" << t("findings.fixed") << "</h3>";
    tableHead(H, "fixed", {"col.id", "col.check", "col.file", "col.message"});
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
    H << "<p>" << t("deviations.none") << "</p></section>";
    return;
  }
  tableHead(H, "deviation-table",
            {"col.finding", "col.record", "col.status", "col.justification", "col.approver",
             "col.date", "col.expires", "col.risk", "col.flags"});
  for (const DeviationRow &D : M.Deviations) {
    const FindingView &F = M.Findings[D.Finding];
    const Suppression S = F.Suppr.value_or(Suppression());
    H.pick(D.Flags.empty(), "<tr>", "<tr class=\"bad\">") << "<td>";
    findingLink(H, F.Id);
    H << "<br><code>" << esc(F.File) << ":" << F.Line << "</code></td><td>";
    code(H, S.Id);
    if (F.Suppr)
      H << " (" << term("record-kind", F.recordKind())
        << (S.Source.empty() ? esc("") : esc(", " + S.Source)) << ")";
    H << "</td><td>" << term("record-status", F.recordStatus());
    if (!S.Problem.empty())
      H << ": " << esc(S.Problem);
    H << "</td><td>" << esc(S.Justification) << "</td><td>" << esc(S.Approver) << "</td><td>"
      << esc(S.Date) << "</td><td>" << esc(S.Expires) << "</td><td>" << esc(S.Risk) << "</td><td>";
    flags(H, D.Flags, "deviation-flag");
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
  H << "<p>" << t("limitations.static-analysis") << "</p><p>"
    << tf("limitations.inferred",
          {html("<strong>", Inferred, "</strong>"), html("<em>", term("basis", "inferred"), "</em>")})
    << "</p><h3>" << t("limitations.false-negatives") << "</h3><ul>";
  for (const CheckRow &C : M.Checks) {
    H << "<li><code>" << esc(C.Id) << "</code> (" << term("check-state", C.State) << ")";
    if (C.State != "run") {
      H << t("punct.colon") << t("limitations.not-run") << "</li>";
      continue;
    }
    if (C.Limitations.empty())
      H << t("punct.colon") << t("limitations.none-recorded");
    H << "<ul>";
    for (const std::string &L : C.Limitations)
      H << "<li>" << esc(L) << "</li>";
    H << "</ul></li>";
  }
  H << "</ul></section>";
}

void hashes(Html &H, const ReportModel &M) {
  heading(H, 9);
  tableHead(H, "hash-table", {"col.what", "col.file", "col.sha-256"});
  auto Line = [&](const char *What, const std::string &File, const std::string &Sha) {
    H << "<tr><td>" << t(What) << "</td><td>";
    code(H, File);
    H << "</td><td>";
    code(H, Sha);
    H << "</td></tr>";
  };
  Line("hash.content", "report.json", M.ContentSha256);
  Line("hash.results", M.ResultsPath, M.ResultsSha256);
  for (const CatalogueFileRow &R : M.CatalogueFiles)
    if (!R.Path.empty())
      Line("hash.rule-file", R.Path, R.Sha256);
  if (M.CompileDb)
    Line("hash.compile-database", M.CompileDbPath, M.CompileDb->Sha256);
  if (M.Evidence)
    Line("hash.test-evidence", M.Evidence->Name, M.Evidence->Sha256);
  for (const SbomFileRow &S : M.Sboms)
    Line("hash.sbom", S.Path, S.Sha256);
  for (const VulnerabilityFile &F : M.VulnerabilityFiles)
    Line("hash.vulnerabilities", F.Path, F.Sha256);
  for (const SourceHash &S : M.Sources)
    Line("hash.source", S.Path, S.Sha256);
  H << "</tbody></table><p>"
    << tf("html.reproduce", {codeOf("medsec report"), codeOf("sha256sum -c report.sha256")})
    << "</p></section>";
}

} // namespace

std::string renderHtml(const ReportModel &M) {
  const MessageScope Use(M.Text);
  Html H;
  H << "<!DOCTYPE html>\n<html lang=\"" << esc(MessageScope::current().lang())
    << "\"><head><meta charset=\"utf-8\">\n"
    << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    << "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n"
    << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    << "<meta name=\"generator\" content=\"medsec report " << esc(M.Reporter.Version) << "\">\n"
    << "<title>" << esc(M.Title) << "</title>\n<style>" << Style << "</style></head>\n<body>\n"
    << "<header><h1>" << esc(M.Title) << "</h1><p class=\"meta\">"
    << tf("html.header-tool", {html(esc(M.ScanTool.Version)), html(esc(M.ScanTool.BuildId))});
  if (!M.Date.empty())
    H << " &middot; " << esc(M.Date);
  H << " &middot; " << tf("html.header-content-hash", {codeOf(M.ContentSha256)}) << "</p>";
  for (const std::string &W : M.Warnings)
    H << "<div class=\"banner\" role=\"alert\">&#9888; " << esc(W) << "</div>";
  H << "<nav class=\"toc\"><ol>";
  for (const Section &S : Sections)
    H << "<li><a href=\"#" << esc(S.Id) << "\">" << t(S.Key) << "</a></li>";
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
