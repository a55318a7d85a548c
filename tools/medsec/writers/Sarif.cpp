//===- Sarif.cpp - SARIF 2.1.0 writer -------------------------------------===//
#include "Writers.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <set>

namespace medsec {

namespace json = llvm::json;

const char *sarifLevel(Severity S) {
  switch (S) {
  case Severity::Critical:
  case Severity::High:
    return "error";
  case Severity::Medium:
    return "warning";
  case Severity::Low:
  case Severity::Info:
    return "note";
  }
  llvm_unreachable("unknown severity");
}

const char *securitySeverity(Severity S) {
  switch (S) {
  case Severity::Critical:
    return "9.5";
  case Severity::High:
    return "8.0";
  case Severity::Medium:
    return "5.5";
  case Severity::Low:
    return "3.0";
  case Severity::Info:
    return "1.0";
  }
  llvm_unreachable("unknown severity");
}

namespace {

/// medsec-banned-functions -> BannedFunctions
std::string ruleName(llvm::StringRef Id) {
  Id.consume_front("medsec-");
  std::string Name;
  bool Upper = true;
  for (char C : Id) {
    if (C == '-') {
      Upper = true;
      continue;
    }
    Name.push_back(Upper ? llvm::toUpper(C) : C);
    Upper = false;
  }
  return Name;
}

std::string fileUri(llvm::StringRef AbsPath) {
  std::string Uri = "file://";
  for (char C : AbsPath) {
    if (llvm::isAlnum(C) || llvm::StringRef("/-._~").contains(C))
      Uri.push_back(C);
    else
      Uri += "%" + llvm::utohexstr(static_cast<unsigned char>(C), /*LowerCase=*/false, 2);
  }
  return Uri;
}

std::string relativeUri(llvm::StringRef Path) {
  std::string Uri;
  for (char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("/-._~").contains(C))
      Uri.push_back(C);
    else
      Uri += "%" + llvm::utohexstr(static_cast<unsigned char>(C), false, 2);
  }
  return Uri;
}

json::Object artifactLocation(const std::string &File) {
  if (llvm::sys::path::is_absolute(File))
    return json::Object{{"uri", fileUri(File)}};
  return json::Object{{"uri", relativeUri(File)}, {"uriBaseId", "%SRCROOT%"}};
}

json::Object physicalLocation(const Location &L) {
  json::Object Region{{"startLine", L.Line}};
  if (L.Column)
    Region["startColumn"] = L.Column;
  return json::Object{{"artifactLocation", artifactLocation(L.File)},
                      {"region", std::move(Region)}};
}

json::Object message(const std::string &Text) { return json::Object{{"text", Text}}; }

/// Guideline and CWE taxonomies with the index each has in run.taxonomies.
struct Taxonomies {
  json::Array Components;
  std::map<std::string, unsigned> GuidelineIndex; // guideline id -> taxonomy index
  std::map<std::string, unsigned> ClauseIndex;    // clause id -> taxon index in its taxonomy
  unsigned CweTaxonomy = 0;
  std::map<std::string, unsigned> CweIndex;
};

Taxonomies buildTaxonomies(const rules::Catalogue &Cat, const std::set<std::string> &Cwes) {
  Taxonomies T;
  for (const rules::Guideline &G : Cat.Guidelines) {
    json::Array Taxa;
    for (const rules::Clause &C : G.Clauses) {
      T.ClauseIndex[C.Id] = Taxa.size();
      json::Object Props{{"phase", C.Phase}, {"basis", C.Basis}, {"checkable", C.Checkable}};
      if (!C.Locator.empty())
        Props["locator"] = C.Locator;
      Taxa.push_back(json::Object{
          {"id", C.Id}, {"shortDescription", message(C.Title)}, {"properties", std::move(Props)}});
    }
    json::Object Component{{"name", G.Id},
                           {"fullName", G.Title},
                           {"isComprehensive", false},
                           {"taxa", std::move(Taxa)}};
    if (!G.Edition.empty())
      Component["version"] = G.Edition;
    if (!G.Publisher.empty())
      Component["organization"] = G.Publisher;
    if (!G.Url.empty())
      Component["informationUri"] = G.Url;
    T.GuidelineIndex[G.Id] = T.Components.size();
    T.Components.push_back(std::move(Component));
  }
  json::Array CweTaxa;
  for (const std::string &C : Cwes) {
    T.CweIndex[C] = CweTaxa.size();
    CweTaxa.push_back(json::Object{
        {"id", C}, {"helpUri", "https://cwe.mitre.org/data/definitions/" + C.substr(4) + ".html"}});
  }
  T.CweTaxonomy = T.Components.size();
  T.Components.push_back(json::Object{{"name", "CWE"},
                                      {"organization", "MITRE"},
                                      {"informationUri", "https://cwe.mitre.org/"},
                                      {"isComprehensive", false},
                                      {"taxa", std::move(CweTaxa)}});
  return T;
}

json::Object taxonReference(const std::string &Id, unsigned TaxonIndex,
                            const std::string &Component, unsigned ComponentIndex,
                            const char *Kind) {
  return json::Object{
      {"target", json::Object{{"id", Id},
                              {"index", TaxonIndex},
                              {"toolComponent",
                               json::Object{{"name", Component}, {"index", ComponentIndex}}}}},
      {"kinds", json::Array{Kind}}};
}

json::Object ruleFor(const std::string &Id, const rules::CheckEntry *E, const Taxonomies &T,
                     const rules::Catalogue &Cat, const SarifOptions &O) {
  const Severity Default = E ? E->DefaultSeverity : Severity::Medium;
  const std::string Title = E && !E->Title.empty() ? E->Title : Id;
  const std::string Summary = E && !E->Summary.empty() ? E->Summary : Title;
  json::Array Tags{"security"};
  json::Array Relationships;
  std::string Markdown = "**" + Title + "**\n\n" + Summary + "\n";
  if (E) {
    for (const std::string &C : E->Cwe) {
      Tags.push_back("external/cwe/" + llvm::StringRef(C).lower());
      auto It = T.CweIndex.find(C);
      if (It != T.CweIndex.end())
        Relationships.push_back(taxonReference(C, It->second, "CWE", T.CweTaxonomy, "superset"));
    }
    for (const rules::ClauseRef &R : E->Clauses) {
      const rules::Clause *C = Cat.findClause(R.Id);
      auto TaxIt = T.ClauseIndex.find(R.Id);
      if (!C || TaxIt == T.ClauseIndex.end())
        continue;
      Relationships.push_back(taxonReference(R.Id, TaxIt->second, C->Guideline,
                                             T.GuidelineIndex.at(C->Guideline), "relevant"));
    }
    if (!E->Clauses.empty()) {
      Markdown += "\nGuideline clauses:\n";
      for (const rules::ClauseRef &R : E->Clauses)
        Markdown += "- `" + R.Id + "` (" + R.Relation + ")\n";
    }
    if (!E->Limitations.empty()) {
      Markdown += "\nKnown limitations:\n";
      for (const std::string &L : E->Limitations)
        Markdown += "- " + L + "\n";
    }
  }
  json::Object Rule{{"id", Id},
                    {"name", ruleName(Id)},
                    {"shortDescription", message(Title)},
                    {"fullDescription", message(Summary)},
                    {"help", json::Object{{"text", Summary}, {"markdown", Markdown}}},
                    {"defaultConfiguration", json::Object{{"level", sarifLevel(Default)}}},
                    {"properties", json::Object{{"security-severity", securitySeverity(Default)},
                                                {"tags", std::move(Tags)},
                                                {"precision", "high"},
                                                {"problem.severity", sarifLevel(Default)}}},
                    {"relationships", std::move(Relationships)}};
  // The catalogue's page for the rule, which may be a section of a page
  // (compiler-diagnostics.md#clang-diagnostic-array-bounds).
  llvm::StringRef Page = E ? llvm::StringRef(E->Help) : llvm::StringRef();
  if (!O.HelpBaseUri.empty())
    Rule["helpUri"] =
        O.HelpBaseUri + (Page.consume_front("docs/checks/") ? Page.str() : Id + ".md");
  return Rule;
}

json::Array suppressionsOf(const Finding &F) {
  if (!F.Supp)
    return {};
  const Suppression &S = *F.Supp;
  // SARIF's suppression status; a false positive is an accepted suppression
  // whose justification says so.
  const char *Status = nullptr;
  std::string Justification = S.Justification;
  switch (S.Status) {
  case SuppressionStatus::Rejected:
    Status = "rejected";
    break;
  case SuppressionStatus::Deferred:
    Status = "underReview";
    break;
  case SuppressionStatus::FalsePositive:
    Justification = "false positive: " + Justification;
    Status = "accepted";
    break;
  case SuppressionStatus::Accepted:
    Status = "accepted";
    break;
  }
  json::Object Props;
  const std::string MedsecStatus = suppressionStatusName(S.Status);
  const std::pair<const char *, const std::string *> Fields[] = {
      {"id", &S.Id},           {"approver", &S.Approver},
      {"date", &S.Date},       {"expires", &S.Expires},
      {"risk", &S.Risk},       {"source", &S.Source},
      {"problem", &S.Problem}, {"medsecStatus", &MedsecStatus}};
  for (const auto &[Key, Value] : Fields)
    if (!Value->empty())
      Props[Key] = *Value;
  // SARIF's kinds have the spellings of ours.
  json::Object Out{
      {"kind", suppressionKindName(S.Kind)}, {"status", Status}, {"properties", std::move(Props)}};
  if (!Justification.empty())
    Out["justification"] = Justification;
  return json::Array{std::move(Out)};
}

json::Object resultFor(const Finding &F, unsigned RuleIndex) {
  json::Object Result{
      {"ruleId", F.Check},
      {"ruleIndex", RuleIndex},
      {"level", sarifLevel(F.Sev)},
      {"message", message(F.Message)},
      {"locations", json::Array{json::Object{{"physicalLocation", physicalLocation(F.Where)}}}},
      {"partialFingerprints", json::Object{{"medsecFingerprint/v1", F.Fingerprint}}},
      {"properties", json::Object{{"severity", rules::severityName(F.Sev)},
                                  {"status", findingStatusName(F.Status)},
                                  {"cwe", json::Array(F.Cwe)},
                                  {"clauses", json::Array(F.Clauses)}}}};
  if (!F.Notes.empty()) {
    json::Array Related, Flow;
    unsigned Id = 1;
    auto Step = [](const Location &Where, const std::string &Text) {
      return json::Object{{"location", json::Object{{"physicalLocation", physicalLocation(Where)},
                                                    {"message", message(Text)}}}};
    };
    for (const Note &N : F.Notes) {
      Related.push_back(json::Object{{"id", Id++},
                                     {"physicalLocation", physicalLocation(N.Where)},
                                     {"message", message(N.Message)}});
      Flow.push_back(Step(N.Where, N.Message));
    }
    Flow.push_back(Step(F.Where, F.Message));
    // A flow another unit handed over (--cross-tu) starts, as a path result
    // starts at its source, where the data entered the device: a flow from
    // each input behind it.
    json::Array Flows;
    for (const InputRef *I : inputsBeforeFlow(F)) {
      Related.push_back(json::Object{{"id", Id++},
                                     {"physicalLocation", physicalLocation(I->Where)},
                                     {"message", message(inputEntryMessage(*I))}});
      json::Array From{Step(I->Where, inputEntryMessage(*I))};
      for (const json::Value &S : Flow)
        From.push_back(S);
      Flows.push_back(json::Object{
          {"threadFlows", json::Array{json::Object{{"locations", std::move(From)}}}}});
    }
    if (Flows.empty())
      Flows.push_back(json::Object{
          {"threadFlows", json::Array{json::Object{{"locations", std::move(Flow)}}}}});
    Result["relatedLocations"] = std::move(Related);
    Result["codeFlows"] = std::move(Flows);
  }
  json::Array Supp = suppressionsOf(F);
  if (!Supp.empty())
    Result["suppressions"] = std::move(Supp);
  if (F.Baseline != BaselineState::None)
    Result["baselineState"] = baselineStateName(F.Baseline);
  if (F.TestCode) {
    json::Object &Props = *Result.getObject("properties");
    Props["testCode"] = true;
    Props["tags"] = json::Array{"test"};
  }
  if (!F.Fixes.empty()) {
    json::Array Changes;
    for (const FixIt &X : F.Fixes)
      Changes.push_back(json::Object{
          {"artifactLocation", artifactLocation(X.File)},
          {"replacements",
           json::Array{json::Object{
               {"deletedRegion", json::Object{{"charOffset", X.Offset}, {"charLength", X.Length}}},
               {"insertedContent", json::Object{{"text", X.Replacement}}}}}}});
    Result["fixes"] =
        json::Array{json::Object{{"description", message("apply the suggested rewrite")},
                                 {"artifactChanges", std::move(Changes)}}};
  }
  return Result;
}

} // namespace

std::string writeSarif(const ScanResults &R, const rules::Catalogue &Cat, const SarifOptions &O) {
  std::set<std::string> RuleIds(R.Checks.begin(), R.Checks.end());
  for (const Finding &F : R.Findings)
    RuleIds.insert(F.Check);
  std::set<std::string> Cwes;
  for (const std::string &Id : RuleIds)
    if (const rules::CheckEntry *E = Cat.findCheck(Id))
      Cwes.insert(E->Cwe.begin(), E->Cwe.end());
  const Taxonomies T = buildTaxonomies(Cat, Cwes);

  json::Array Rules;
  std::map<std::string, unsigned> RuleIndex;
  for (const std::string &Id : RuleIds) {
    RuleIndex[Id] = Rules.size();
    Rules.push_back(ruleFor(Id, Cat.findCheck(Id), T, Cat, O));
  }
  json::Array Supported;
  for (size_t I = 0; I < T.Components.size(); ++I)
    Supported.push_back(json::Object{{"name", *T.Components[I].getAsObject()->getString("name")},
                                     {"index", static_cast<int64_t>(I)}});

  json::Array Results;
  for (const Finding &F : R.Findings)
    Results.push_back(resultFor(F, RuleIndex[F.Check]));

  json::Array Notifications;
  for (const UnitResult &U : R.Units) {
    if (U.Status == UnitStatus::Analysed)
      continue;
    const bool Excluded = U.Status == UnitStatus::Excluded;
    Notifications.push_back(json::Object{
        {"level", Excluded ? "note" : "error"},
        {"descriptor",
         json::Object{{"id", std::string("medsec-unit-") + unitStatusName(U.Status)}}},
        {"message",
         message(U.File + (Excluded ? " was excluded: " : " was not analysed (") +
                 (Excluded ? U.Reason : std::string(unitStatusName(U.Status)) + "): " + U.Reason))},
        {"locations", json::Array{json::Object{
                          {"physicalLocation",
                           json::Object{{"artifactLocation", artifactLocation(U.File)}}}}}}});
  }
  json::Object Invocation{{"executionSuccessful", R.complete()},
                          {"toolExecutionNotifications", std::move(Notifications)}};
  if (R.Policy.Set)
    Invocation["exitCode"] = R.Policy.ExitCode;
  // Where and how the scan ran, for a reader of the SARIF log alone.
  json::Object InvocationProps;
  if (!R.Host.empty())
    InvocationProps["host"] = hostToJson(R.Host);
  if (R.Configuration.Set)
    InvocationProps["configuration"] = configurationToJson(R.Configuration);
  if (!InvocationProps.empty())
    Invocation["properties"] = std::move(InvocationProps);

  json::Object Driver{
      {"name", "MedSec Tidy"},
      {"fullName", "MedSec Tidy medical-device firmware security analyser"},
      {"version", R.ToolVersion},
      {"semanticVersion", R.ToolVersion},
      {"rules", std::move(Rules)},
      {"supportedTaxonomies", std::move(Supported)},
      {"properties", json::Object{{"buildId", R.BuildId}, {"llvmVersion", R.LlvmVersion}}}};
  // The documentation directory that holds the checks' pages.
  llvm::StringRef Docs(O.HelpBaseUri);
  if (Docs.consume_back("checks/"))
    Driver["informationUri"] = Docs.str();
  std::string Root = R.SourceRoot;
  if (!Root.empty() && Root.back() != '/')
    Root += "/";
  // Where external data enters the analysed code: which interfaces the
  // input-validation checks covered (results.json's attack_surface).
  json::Array Surface;
  for (const ExternalInput &I : R.AttackSurface)
    Surface.push_back(inputToJson(I));
  json::Object Run{
      {"tool", json::Object{{"driver", std::move(Driver)}}},
      {"properties", json::Object{{"attackSurface", std::move(Surface)}}},
      {"taxonomies", json::Array(T.Components)},
      {"invocations", json::Array{std::move(Invocation)}},
      {"originalUriBaseIds", json::Object{{"%SRCROOT%", json::Object{{"uri", fileUri(Root)}}}}},
      {"columnKind", "utf16CodeUnits"},
      {"results", std::move(Results)}};
  json::Object Log{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                   {"version", "2.1.0"},
                   {"runs", json::Array{std::move(Run)}}};
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::formatv("{0:2}", json::Value(std::move(Log))) << "\n";
  return Out;
}

} // namespace medsec
