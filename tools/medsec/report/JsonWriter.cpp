//===- JsonWriter.cpp - report.json (medsec-report/1) ---------------------===//
//
// report.json carries every value the other formats show, so its SHA-256 is
// the hash of the report's content. llvm::json prints object keys sorted and
// the model is ordered, so the bytes depend on nothing but the inputs.
//
//===----------------------------------------------------------------------===//
#include "Render.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace medsec {
namespace report {
namespace {

namespace json = llvm::json;

/// Source files may hold any bytes; JSON strings must be UTF-8.
json::Value s(llvm::StringRef S) {
  return json::isUTF8(S) ? json::Value(S.str()) : json::Value(json::fixUTF8(S));
}

json::Array list(const std::vector<std::string> &V) {
  json::Array A;
  for (const std::string &S : V)
    A.push_back(s(S));
  return A;
}

json::Value tool(const ToolIdentity &T) {
  return json::Object{{"name", s(T.Name)},
                      {"version", s(T.Version)},
                      {"buildId", s(T.BuildId)},
                      {"llvmVersion", s(T.LlvmVersion)},
                      {"host", s(T.Host)}};
}

json::Value suppression(const Suppression &S) {
  return json::Object{{"kind", suppressionKindName(S.Kind)},
                      {"id", s(S.Id)},
                      {"status", suppressionStatusName(S.Status)},
                      {"justification", s(S.Justification)},
                      {"approver", s(S.Approver)},
                      {"date", s(S.Date)},
                      {"expires", s(S.Expires)},
                      {"risk", s(S.Risk)},
                      {"source", s(S.Source)},
                      {"problem", s(S.Problem)}};
}

json::Value finding(const FindingView &F) {
  json::Array Context;
  for (const ContextLine &L : F.Context)
    Context.push_back(
        json::Object{{"line", L.Number}, {"text", s(L.Text)}, {"finding", L.IsFinding}});
  json::Object O{{"id", s(F.Id)},
                 {"check", s(F.Check)},
                 {"severity", F.severity()},
                 {"message", s(F.Message)},
                 {"file", s(F.File)},
                 {"line", F.Line},
                 {"column", F.Column},
                 {"cwe", list(F.Cwe)},
                 {"clauses", list(F.Clauses)},
                 {"status", findingStatusName(F.Status)},
                 {"baseline", baselineStateName(F.Baseline)},
                 {"testCode", F.TestCode},
                 {"dataKey", s(F.DataKey)},
                 {"context", std::move(Context)},
                 {"contextNote", s(F.ContextNote)}};
  if (F.Suppr)
    O["suppression"] = suppression(*F.Suppr);
  if (!F.Inputs.empty()) {
    json::Array Inputs; // as results.json names them: the attack surface's identity
    for (const FindingView::Input &In : F.Inputs)
      Inputs.push_back(json::Object{{"file", s(In.Ref.Where.File)},
                                    {"line", In.Ref.Where.Line},
                                    {"column", In.Ref.Where.Column},
                                    {"name", s(In.Ref.Name)}});
    O["inputs"] = std::move(Inputs);
  }
  return O;
}

json::Value inputs(const ReportModel &M) {
  json::Array Catalogue, Sources;
  for (const CatalogueFileRow &R : M.CatalogueFiles)
    Catalogue.push_back(json::Object{{"path", s(R.Path)},
                                     {"role", s(R.Role)},
                                     {"sha256", s(R.Sha256)},
                                     {"scanPath", s(R.ScanPath)},
                                     {"scanSha256", s(R.ScanSha256)},
                                     {"state", s(R.State)}});
  for (const SourceHash &S : M.Sources)
    Sources.push_back(json::Object{{"path", s(S.Path)}, {"sha256", s(S.Sha256)}});
  json::Object Db{{"path", s(M.CompileDbPath)},
                  {"scanSha256", s(M.CompileDbSha256)},
                  {"state", s(M.CompileDbState)}};
  if (M.CompileDb) {
    Db["sha256"] = s(M.CompileDb->Sha256);
    Db["entries"] = M.CompileDb->Entries;
    Db["compilers"] = list(M.CompileDb->Compilers);
    Db["targets"] = list(M.CompileDb->Targets);
    Db["standards"] = list(M.CompileDb->Standards);
    Db["defines"] = list(M.CompileDb->Defines);
  }
  json::Array Sboms;
  for (const SbomFileRow &S : M.Sboms)
    Sboms.push_back(json::Object{{"path", s(S.Path)},
                                 {"sha256", s(S.Sha256)},
                                 {"format", s(S.Format)},
                                 {"components", S.Components},
                                 {"state", s(S.State)}});
  json::Array VulnFiles;
  for (const VulnerabilityFile &F : M.VulnerabilityFiles)
    VulnFiles.push_back(json::Object{{"path", s(F.Path)},
                                     {"sha256", s(F.Sha256)},
                                     {"format", s(F.Format)},
                                     {"records", F.Records}});
  json::Object O{
      {"results", json::Object{{"path", s(M.ResultsPath)}, {"sha256", s(M.ResultsSha256)}}},
      {"sboms", std::move(Sboms)},
      {"vulnerabilityFiles", std::move(VulnFiles)},
      {"catalogue", std::move(Catalogue)},
      {"catalogueMismatch", M.CatalogueMismatch},
      {"compileDatabase", std::move(Db)},
      {"sources", std::move(Sources)}};
  if (M.Evidence) {
    const TestEvidence &E = *M.Evidence;
    O["testEvidence"] =
        json::Object{{"name", s(E.Name)},    {"sha256", s(E.Sha256)},   {"format", s(E.Format)},
                     {"tests", E.Tests},     {"passed", E.passed()},    {"failures", E.Failures},
                     {"skipped", E.Skipped}, {"failed", list(E.Failed)}};
  }
  return O;
}

json::Value traceability(const ReportModel &M) {
  json::Array Guidelines;
  for (const GuidelineView &G : M.Guidelines) {
    json::Array Rows;
    for (const ClauseRow &R : G.Rows) {
      json::Array Checks;
      for (const CheckLink &L : R.Checks)
        Checks.push_back(
            json::Object{{"id", s(L.Id)}, {"relation", s(L.Relation)}, {"state", s(L.State)}});
      Rows.push_back(json::Object{{"id", s(R.Id)},
                                  {"phase", s(R.Phase)},
                                  {"title", s(R.Title)},
                                  {"basis", s(R.Basis)},
                                  {"needsConfirmation", R.inferred()},
                                  {"locator", s(R.Locator)},
                                  {"checkable", s(R.Checkable)},
                                  {"complementary", s(R.Complementary)},
                                  {"checks", std::move(Checks)},
                                  {"open", list(R.Open)},
                                  {"accepted", list(R.Accepted)},
                                  {"fixed", list(R.Fixed)},
                                  {"status", s(R.Status)}});
    }
    json::Object ByStatus;
    for (const auto &E : G.ByStatus)
      ByStatus[E.first] = E.second;
    Guidelines.push_back(json::Object{{"id", s(G.Id)},
                                      {"title", s(G.Title)},
                                      {"publisher", s(G.Publisher)},
                                      {"edition", s(G.Edition)},
                                      {"url", s(G.Url)},
                                      {"basis", s(G.Basis)},
                                      {"clauses", std::move(Rows)},
                                      {"clausesByStatus", std::move(ByStatus)},
                                      {"clausesCovered", G.covered()}});
  }
  return Guidelines;
}

json::Value summary(const ReportModel &M) {
  json::Object Sev;
  for (const auto &E : M.BySeverity)
    Sev[E.first] = json::Object{{"open", E.second.Open},
                                {"openInTestCode", E.second.OpenInTestCode},
                                {"accepted", E.second.Accepted}};
  json::Object Policy{{"recorded", M.PolicyRecorded},
                      {"failOn", rules::severityName(M.Policy.FailOn)},
                      {"newOnly", M.Policy.NewOnly},
                      {"failOnIncomplete", M.Policy.FailOnIncomplete},
                      {"failOnTestCode", M.Policy.FailOnTestCode}};
  return json::Object{{"verdict", verdictName(M.Outcome)},
                      {"verdictReasons", list(M.VerdictReasons)},
                      {"policy", std::move(Policy)},
                      {"warnings", list(M.Warnings)},
                      {"findings", static_cast<int64_t>(M.Findings.size())},
                      {"open", M.openCount()},
                      {"openInTestCode", M.openInTestCodeCount()},
                      {"accepted", M.acceptedCount()},
                      {"fixed", static_cast<int64_t>(M.Fixed.size())},
                      {"bySeverity", std::move(Sev)}};
}

json::Value scope(const ReportModel &M) {
  auto Units = [](const std::vector<UnitRow> &V) {
    json::Array A;
    for (const UnitRow &U : V)
      A.push_back(
          json::Object{{"file", s(U.File)}, {"status", s(U.Status)}, {"reason", s(U.Reason)}});
    return A;
  };
  return json::Object{{"sourceRoot", s(M.SourceRoot)},       {"units", M.Units},
                      {"analysed", M.UnitsAnalysed},         {"complete", M.Complete},
                      {"notAnalysed", Units(M.NotAnalysed)}, {"excluded", Units(M.Excluded)}};
}

json::Value checks(const ReportModel &M) {
  json::Array A;
  for (const CheckRow &C : M.Checks)
    A.push_back(json::Object{{"id", s(C.Id)},
                             {"title", s(C.Title)},
                             {"severity", s(C.Severity)},
                             {"status", s(C.Status)},
                             {"state", s(C.State)},
                             {"help", s(C.Help)},
                             {"cwe", list(C.Cwe)},
                             {"limitations", list(C.Limitations)},
                             {"open", C.Open},
                             {"accepted", C.Accepted},
                             {"fixed", C.Fixed}});
  return A;
}

/// null when the scan did not record its options.
json::Value scanOptions(const ScanConfiguration &C) {
  if (!C.Set)
    return nullptr;
  json::Object Options;
  for (const auto &[Key, Value] : C.CheckOptions)
    Options[Key] = s(Value);
  return json::Object{{"checks", s(C.CheckFilter)},     {"checkOptions", std::move(Options)},
                      {"extraArgs", list(C.ExtraArgs)}, {"include", list(C.Include)},
                      {"exclude", list(C.Exclude)},     {"timeoutSeconds", C.TimeoutSeconds}};
}

} // namespace

/// Where external data enters, with the clauses the list is evidence for.
static json::Object attackSurface(const ReportModel &M) {
  json::Array Inputs, Clauses;
  for (size_t Row = 0; Row < M.AttackSurface.size(); ++Row) {
    json::Value I = inputToJson(M.AttackSurface[Row]);
    I.getAsObject()->insert({"feeds", list(M.InputFindings[Row])}); // the findings' ids
    Inputs.push_back(std::move(I));
  }
  for (const ClauseRow &R : M.AttackSurfaceRows)
    Clauses.push_back(R.Id);
  return json::Object{{"inputChecksRun", M.InputChecksRun},
                      {"clauses", std::move(Clauses)},
                      {"inputs", std::move(Inputs)}};
}

static json::Array vulnerabilities(const std::vector<Vulnerability> &Vulns) {
  json::Array A;
  for (const Vulnerability &V : Vulns)
    A.push_back(json::Object{{"id", s(V.Id)},
                             {"aliases", list(V.Aliases)},
                             {"summary", s(V.Summary)},
                             {"severity", s(V.Severity)},
                             {"affected", s(V.Affected)},
                             {"matchedBy", s(V.MatchedBy)},
                             {"state", s(V.State)},
                             {"justification", s(V.Justification)},
                             {"detail", s(V.Detail)},
                             {"response", list(V.Response)},
                             {"sources", list(V.Sources)},
                             {"assessedIn", s(V.AssessedIn)},
                             {"conflicts", list(V.Conflicts)},
                             {"flags", list(V.flags())}});
  return A;
}

/// The component inventory, its gaps and the clauses it is evidence for.
static json::Object thirdParty(const ReportModel &M) {
  json::Array Components, Unidentified, Clauses;
  for (const ComponentView &V : M.Components)
    Components.push_back(json::Object{{"id", s(V.C.Id)},
                                      {"name", s(V.C.Name)},
                                      {"version", s(V.C.Version)},
                                      {"versionBasis", s(V.C.VersionBasis)},
                                      {"basis", s(V.Basis)},
                                      {"supplier", s(V.C.Supplier)},
                                      {"licence", s(V.C.Licence)},
                                      {"support", s(V.C.Support)},
                                      {"endOfSupport", s(V.C.EndOfSupport)},
                                      {"purl", s(V.C.Purl)},
                                      {"cpe", s(V.C.Cpe)},
                                      {"files", static_cast<int64_t>(V.C.Files.size())},
                                      {"sha256", s(V.C.Sha256)},
                                      {"flags", list(V.Flags)},
                                      {"vulnerabilities", vulnerabilities(V.Vulns)}});
  for (const UnidentifiedTree &T : M.Unidentified)
    Unidentified.push_back(json::Object{{"path", s(T.Path)},
                                        {"evidence", list(T.Evidence)},
                                        {"files", static_cast<int64_t>(T.Files.size())}});
  for (const ClauseRow &R : M.InventoryRows)
    Clauses.push_back(json::Object{{"id", s(R.Id)}, {"status", s(R.Status)}});
  return json::Object{{"inventoryRecorded", M.InventoryRecorded},
                      {"vulnerabilitiesGiven", M.VulnerabilitiesGiven},
                      {"unmatchedVulnerabilities", list(M.UnmatchedVulnerabilities)},
                      {"clauses", std::move(Clauses)},
                      {"components", std::move(Components)},
                      {"unidentified", std::move(Unidentified)},
                      {"gaps", list(M.InventoryGaps)}};
}

std::string renderJson(const ReportModel &M) {
  json::Array Findings, Fixed, Deviations;
  for (const FindingView &F : M.Findings)
    Findings.push_back(finding(F));
  for (const FixedEntry &X : M.Fixed)
    Fixed.push_back(json::Object{{"fingerprint", s(X.Fingerprint)},
                                 {"check", s(X.Check)},
                                 {"file", s(X.File)},
                                 {"message", s(X.Message)}});
  for (const DeviationRow &D : M.Deviations)
    Deviations.push_back(
        json::Object{{"finding", s(M.Findings[D.Finding].Id)}, {"flags", list(D.Flags)}});
  json::Object Root{
      {"format", "medsec-report/1"},
      {"language", s(M.Text->lang())},
      {"title", s(M.Title)},
      {"date", s(M.Date)},
      {"selection", json::Object{{"guidelines", list(M.GuidelineSelection)},
                                 {"phases", list(M.PhaseSelection)}}},
      {"summary", summary(M)},
      {"tool", json::Object{{"scan", tool(M.ScanTool)}, {"report", tool(M.Reporter)}}},
      {"configuration", json::Object{{"checksRun", list(M.ChecksRun)},
                                     {"checks", checks(M)},
                                     {"scanOptions", scanOptions(M.ScanOptions)}}},
      {"inputs", inputs(M)},
      {"scope", scope(M)},
      {"thirdParty", thirdParty(M)},
      {"traceability", traceability(M)},
      {"attackSurface", attackSurface(M)},
      {"findings", std::move(Findings)},
      {"fixed", std::move(Fixed)},
      {"deviations", std::move(Deviations)},
  };
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::formatv("{0:2}", json::Value(std::move(Root))) << "\n";
  return Out;
}

} // namespace report
} // namespace medsec
