//===- Results.cpp - results.json model, fingerprints, serialisation ------===//
#include "Results.h"
#include "BoundedJson.h"

#include "../../rules/loader/Catalogue.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include <unistd.h>

namespace medsec {

namespace json = llvm::json;

const char *unitStatusName(UnitStatus S) {
  switch (S) {
  case UnitStatus::Analysed:
    return "analysed";
  case UnitStatus::ParseError:
    return "parse-error";
  case UnitStatus::Crashed:
    return "crashed";
  case UnitStatus::TimedOut:
    return "timed-out";
  case UnitStatus::Failed:
    return "failed";
  case UnitStatus::Excluded:
    return "excluded";
  }
  return "failed";
}

bool parseUnitStatus(llvm::StringRef S, UnitStatus &Out) {
  for (UnitStatus U : {UnitStatus::Analysed, UnitStatus::ParseError, UnitStatus::Crashed,
                       UnitStatus::TimedOut, UnitStatus::Failed, UnitStatus::Excluded})
    if (S == unitStatusName(U)) {
      Out = U;
      return true;
    }
  return false;
}

namespace {
/// The one parse of an enum: the value whose Name is S.
template <class E, size_t N>
std::optional<E> parseByName(llvm::StringRef S, const E (&All)[N], const char *(*Name)(E)) {
  for (E V : All)
    if (S == Name(V))
      return V;
  return std::nullopt;
}
} // namespace

const char *findingStatusName(FindingStatus S) {
  switch (S) {
  case FindingStatus::Open:
    return "open";
  case FindingStatus::Accepted:
    return "accepted";
  case FindingStatus::FalsePositive:
    return "false-positive";
  case FindingStatus::Deferred:
    return "deferred";
  }
  llvm_unreachable("unknown finding status");
}

std::optional<FindingStatus> parseFindingStatus(llvm::StringRef S) {
  static const FindingStatus All[] = {FindingStatus::Open, FindingStatus::Accepted,
                                      FindingStatus::FalsePositive, FindingStatus::Deferred};
  return parseByName(S, All, findingStatusName);
}

const char *suppressionKindName(SuppressionKind K) {
  switch (K) {
  case SuppressionKind::InSource:
    return "inSource";
  case SuppressionKind::External:
    return "external";
  }
  llvm_unreachable("unknown suppression kind");
}

std::optional<SuppressionKind> parseSuppressionKind(llvm::StringRef S) {
  static const SuppressionKind All[] = {SuppressionKind::InSource, SuppressionKind::External};
  return parseByName(S, All, suppressionKindName);
}

const char *suppressionStatusName(SuppressionStatus S) {
  switch (S) {
  case SuppressionStatus::Accepted:
    return "accepted";
  case SuppressionStatus::FalsePositive:
    return "false-positive";
  case SuppressionStatus::Deferred:
    return "deferred";
  case SuppressionStatus::Rejected:
    return "rejected";
  }
  llvm_unreachable("unknown suppression status");
}

std::optional<SuppressionStatus> parseSuppressionStatus(llvm::StringRef S) {
  static const SuppressionStatus All[] = {SuppressionStatus::Accepted,
                                          SuppressionStatus::FalsePositive,
                                          SuppressionStatus::Deferred, SuppressionStatus::Rejected};
  return parseByName(S, All, suppressionStatusName);
}

const char *baselineStateName(BaselineState B) {
  switch (B) {
  case BaselineState::None:
    return "";
  case BaselineState::New:
    return "new";
  case BaselineState::Unchanged:
    return "unchanged";
  }
  llvm_unreachable("unknown baseline state");
}

std::optional<BaselineState> parseBaselineState(llvm::StringRef S) {
  static const BaselineState All[] = {BaselineState::New, BaselineState::Unchanged};
  return parseByName(S, All, baselineStateName);
}

const char *verdictName(Verdict V) {
  switch (V) {
  case Verdict::Pass:
    return "pass";
  case Verdict::Fail:
    return "fail";
  }
  llvm_unreachable("unknown verdict");
}

std::optional<Verdict> parseVerdict(llvm::StringRef S) {
  static const Verdict All[] = {Verdict::Pass, Verdict::Fail};
  return parseByName(S, All, verdictName);
}

size_t ScanResults::excludedUnits() const {
  return std::count_if(Units.begin(), Units.end(),
                       [](const UnitResult &U) { return U.Status == UnitStatus::Excluded; });
}

bool ScanResults::complete() const {
  return std::all_of(Units.begin(), Units.end(), [](const UnitResult &U) {
    return U.Status == UnitStatus::Analysed || U.Status == UnitStatus::Excluded;
  });
}

std::string fingerprint(const Finding &F, unsigned Occurrence) {
  std::string Material = "medsec-fingerprint/1";
  for (const std::string &Part :
       {F.Check, F.Where.File, F.LineContext, std::to_string(Occurrence)}) {
    Material.push_back('\0');
    Material += Part;
  }
  return "v1:" + rules::sha256Hex(Material).substr(0, 32);
}

std::vector<const InputRef *> inputsBeforeFlow(const Finding &F) {
  std::vector<const InputRef *> Out;
  for (const InputRef &I : F.Inputs)
    if (F.Notes.empty() || !(I.Where == F.Notes.front().Where))
      Out.push_back(&I);
  return Out;
}

std::string inputEntryMessage(const InputRef &I) {
  return "external data enters here ('" + I.Name + "') and is handed to another translation unit";
}

void canonicalize(ScanResults &R) {
  std::sort(R.Units.begin(), R.Units.end(),
            [](const UnitResult &A, const UnitResult &B) { return A.File < B.File; });
  auto Key = [](const Finding &F) {
    return std::tie(F.Where.File, F.Where.Line, F.Where.Column, F.Check, F.Message);
  };
  std::sort(R.Findings.begin(), R.Findings.end(),
            [&](const Finding &A, const Finding &B) { return Key(A) < Key(B); });
  R.Findings.erase(
      std::unique(R.Findings.begin(), R.Findings.end(),
                  [&](const Finding &A, const Finding &B) { return Key(A) == Key(B); }),
      R.Findings.end());
  std::map<std::tuple<std::string, std::string, std::string>, unsigned> Seen;
  for (Finding &F : R.Findings)
    F.Fingerprint = fingerprint(F, Seen[{F.Check, F.Where.File, F.LineContext}]++);
  std::sort(R.Checks.begin(), R.Checks.end());
  R.Checks.erase(std::unique(R.Checks.begin(), R.Checks.end()), R.Checks.end());
  // Each unit finds its own .medsec.yaml; the set of them, not the order the
  // workers finished in, goes into the results.
  std::set<CatalogueFileRef> Known(R.CatalogueFiles.begin(), R.CatalogueFiles.end()), Added;
  for (UnitResult &U : R.Units) {
    for (const CatalogueFileRef &F : U.RuleFiles)
      if (!Known.count(F))
        Added.insert(F);
    U.RuleFiles.clear();
  }
  R.CatalogueFiles.insert(R.CatalogueFiles.end(), Added.begin(), Added.end());
  // An input in a header is seen by every unit that includes it: once. It
  // feeds the findings that name it, in any unit (a receive in the driver
  // feeds the parser's findings with --cross-tu), each finding once.
  std::map<InputRef, ExternalInput> Inputs;
  for (const ExternalInput &I : R.AttackSurface)
    Inputs[{I.Where, I.Name}] = I;
  std::map<InputRef, unsigned> Fed;
  bool FromUnits = false;
  for (const Finding &F : R.Findings)
    for (const InputRef &I : F.Inputs)
      ++Fed[I];
  for (UnitResult &U : R.Units) {
    for (ExternalInput &I : U.ExternalInputs) {
      FromUnits = true;
      Inputs.try_emplace({I.Where, I.Name}, I);
    }
    U.ExternalInputs.clear();
  }
  R.AttackSurface.clear();
  for (auto &[Key, I] : Inputs) {
    // Results read back keep the counts they were written with.
    if (FromUnits) {
      auto It = Fed.find(Key);
      I.Findings = It == Fed.end() ? 0 : It->second;
    }
    R.AttackSurface.push_back(std::move(I));
  }
}

namespace {

json::Array strings(const std::vector<std::string> &V) { return jsonStrings(V); }

json::Array ruleFilesToJson(const std::vector<CatalogueFileRef> &Files) {
  json::Array A;
  for (const CatalogueFileRef &F : Files)
    A.push_back(json::Object{{"path", F.Path}, {"role", F.Role}, {"sha256", F.Sha256}});
  return A;
}

std::vector<CatalogueFileRef> readRuleFiles(const json::Array *A) {
  std::vector<CatalogueFileRef> Files;
  if (A)
    for (const json::Value &FV : *A)
      if (const json::Object *FO = FV.getAsObject())
        Files.push_back({FO->getString("path").value_or("").str(),
                         FO->getString("role").value_or("").str(),
                         FO->getString("sha256").value_or("").str()});
  return Files;
}

json::Object locationToJson(const Location &L) {
  return json::Object{{"file", L.File}, {"line", L.Line}, {"column", L.Column}};
}

llvm::Error malformed(const llvm::Twine &What) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "malformed results: " + What);
}

std::vector<std::string> readStrings(const json::Object &O, llvm::StringRef Key) {
  return readJsonStrings(O, Key);
}

} // namespace

json::Value findingToJson(const Finding &F) {
  json::Array Notes, Fixes;
  for (const Note &N : F.Notes) {
    json::Object O = locationToJson(N.Where);
    O["message"] = N.Message;
    Notes.push_back(std::move(O));
  }
  for (const FixIt &X : F.Fixes)
    Fixes.push_back(json::Object{{"file", X.File},
                                 {"offset", X.Offset},
                                 {"length", X.Length},
                                 {"replacement", X.Replacement}});
  json::Object O = locationToJson(F.Where);
  O["check"] = F.Check;
  O["severity"] = rules::severityName(F.Sev);
  O["message"] = F.Message;
  O["cwe"] = strings(F.Cwe);
  O["clauses"] = strings(F.Clauses);
  O["notes"] = std::move(Notes);
  O["fixes"] = std::move(Fixes);
  O["lineContext"] = F.LineContext;
  if (!F.DataKey.empty())
    O["dataKey"] = F.DataKey;
  if (!F.Fingerprint.empty())
    O["fingerprint"] = F.Fingerprint;
  O["status"] = findingStatusName(F.Status);
  if (F.Baseline != BaselineState::None)
    O["baseline"] = baselineStateName(F.Baseline);
  if (F.TestCode)
    O["testCode"] = true;
  if (!F.Inputs.empty()) {
    json::Array In;
    for (const InputRef &I : F.Inputs) {
      json::Object X = locationToJson(I.Where);
      X["name"] = I.Name;
      In.push_back(std::move(X));
    }
    O["inputs"] = std::move(In);
  }
  if (F.Supp) {
    json::Object S{{"kind", suppressionKindName(F.Supp->Kind)},
                   {"status", suppressionStatusName(F.Supp->Status)}};
    const std::pair<const char *, const std::string *> Optional[] = {
        {"id", &F.Supp->Id},
        {"justification", &F.Supp->Justification},
        {"approver", &F.Supp->Approver},
        {"date", &F.Supp->Date},
        {"expires", &F.Supp->Expires},
        {"risk", &F.Supp->Risk},
        {"source", &F.Supp->Source},
        {"problem", &F.Supp->Problem}};
    for (const auto &[Key, Value] : Optional)
      if (!Value->empty())
        S[Key] = *Value;
    O["suppression"] = std::move(S);
  }
  return O;
}

namespace {

// --- reading: llvm::json's ObjectMapper, one fromJSON per type (as clangd) ---
//
// A missing required field, a value of the wrong type and an enum spelling
// that is not one of its set are reported with their path
// ("... at findings[3].severity"); optional fields keep their defaults.

/// The one reader of each enum's spellings.
template <class E, class ParseFn>
bool enumFromJson(const json::Value &V, E &Out, json::Path P, ParseFn Parse,
                  llvm::StringLiteral Expected) {
  auto S = V.getAsString();
  std::optional<E> Parsed = S ? Parse(S->str()) : std::nullopt;
  if (!Parsed) {
    P.report(Expected);
    return false;
  }
  Out = *Parsed;
  return true;
}

/// The unsigned field Key of an object (ObjectMapper maps no unsigned type):
/// a whole number of at least 0; when absent, an error if Required, else Out
/// keeps its default.
bool unsignedField(const json::Value &V, llvm::StringRef Key, unsigned &Out, json::Path P,
                   bool Required) {
  const json::Value *F = V.getAsObject()->get(Key);
  if (!F) {
    if (Required)
      P.field(Key).report("missing value");
    return !Required;
  }
  auto N = F->getAsInteger();
  if (!N || *N < 0 || *N > std::numeric_limits<unsigned>::max()) {
    P.field(Key).report("expected a whole number of at least 0");
    return false;
  }
  Out = static_cast<unsigned>(*N);
  return true;
}

} // namespace

namespace rules {
bool fromJSON(const json::Value &V, Severity &Out, json::Path P) {
  return enumFromJson(V, Out, P, parseSeverity,
                      "expected one of info, low, medium, high, critical");
}
} // namespace rules

bool fromJSON(const json::Value &V, FindingStatus &Out, json::Path P) {
  return enumFromJson(V, Out, P, parseFindingStatus,
                      "expected one of open, accepted, false-positive, deferred");
}
bool fromJSON(const json::Value &V, BaselineState &Out, json::Path P) {
  return enumFromJson(V, Out, P, parseBaselineState, "expected one of new, unchanged");
}
bool fromJSON(const json::Value &V, SuppressionKind &Out, json::Path P) {
  return enumFromJson(V, Out, P, parseSuppressionKind, "expected one of inSource, external");
}
bool fromJSON(const json::Value &V, SuppressionStatus &Out, json::Path P) {
  return enumFromJson(V, Out, P, parseSuppressionStatus,
                      "expected one of accepted, false-positive, deferred, rejected");
}
bool fromJSON(const json::Value &V, Verdict &Out, json::Path P) {
  return enumFromJson(V, Out, P, parseVerdict, "expected one of pass, fail");
}

bool fromJSON(const json::Value &V, Location &L, json::Path P) {
  json::ObjectMapper M(V, P);
  return M && M.map("file", L.File) && unsignedField(V, "line", L.Line, P, /*Required=*/true) &&
         unsignedField(V, "column", L.Column, P, /*Required=*/true);
}

bool fromJSON(const json::Value &V, Note &N, json::Path P) {
  json::ObjectMapper M(V, P);
  return M && fromJSON(V, N.Where, P) && M.mapOptional("message", N.Message);
}

bool fromJSON(const json::Value &V, FixIt &X, json::Path P) {
  json::ObjectMapper M(V, P);
  return M && M.mapOptional("file", X.File) && M.mapOptional("replacement", X.Replacement) &&
         unsignedField(V, "offset", X.Offset, P, /*Required=*/false) &&
         unsignedField(V, "length", X.Length, P, /*Required=*/false);
}

bool fromJSON(const json::Value &V, Suppression &S, json::Path P) {
  json::ObjectMapper M(V, P);
  return M && M.map("kind", S.Kind) && M.map("status", S.Status) && M.mapOptional("id", S.Id) &&
         M.mapOptional("justification", S.Justification) && M.mapOptional("approver", S.Approver) &&
         M.mapOptional("date", S.Date) && M.mapOptional("expires", S.Expires) &&
         M.mapOptional("risk", S.Risk) && M.mapOptional("source", S.Source) &&
         M.mapOptional("problem", S.Problem);
}

bool fromJSON(const json::Value &V, InputRef &I, json::Path P) {
  json::ObjectMapper M(V, P);
  return M && fromJSON(V, I.Where, P) && M.map("name", I.Name);
}

bool fromJSON(const json::Value &V, Finding &F, json::Path P) {
  json::ObjectMapper M(V, P);
  return M && M.map("check", F.Check) && M.map("message", F.Message) && fromJSON(V, F.Where, P) &&
         M.mapOptional("severity", F.Sev) && M.mapOptional("dataKey", F.DataKey) &&
         M.mapOptional("lineContext", F.LineContext) &&
         M.mapOptional("fingerprint", F.Fingerprint) && M.mapOptional("status", F.Status) &&
         M.mapOptional("baseline", F.Baseline) && M.mapOptional("suppression", F.Supp) &&
         M.mapOptional("cwe", F.Cwe) && M.mapOptional("clauses", F.Clauses) &&
         M.mapOptional("notes", F.Notes) && M.mapOptional("fixes", F.Fixes) &&
         M.mapOptional("testCode", F.TestCode) && M.mapOptional("inputs", F.Inputs);
}

llvm::Expected<Finding> findingFromJson(const json::Value &V, llvm::StringRef Where) {
  Finding F;
  json::Path::Root Root(Where);
  if (!fromJSON(V, F, Root))
    return malformed(llvm::toString(Root.getError()));
  return F;
}

json::Value inputToJson(const ExternalInput &I) {
  return json::Object{{"file", I.Where.File},
                      {"line", I.Where.Line},
                      {"column", I.Where.Column},
                      {"name", I.Name},
                      {"kind", I.Kind},
                      {"channel", I.Channel},
                      {"recognised", I.Inferred ? "inferred" : "catalogued"},
                      {"findings", I.Findings}};
}

llvm::Expected<ExternalInput> inputFromJson(const json::Value &V) {
  const json::Object *O = V.getAsObject();
  if (!O || !O->getString("file") || !O->getString("name"))
    return malformed("attack surface entry without file or name");
  ExternalInput I;
  I.Where.File = O->getString("file")->str();
  I.Where.Line = static_cast<unsigned>(O->getInteger("line").value_or(0));
  I.Where.Column = static_cast<unsigned>(O->getInteger("column").value_or(0));
  I.Name = O->getString("name")->str();
  I.Kind = O->getString("kind").value_or("").str();
  I.Channel = O->getString("channel").value_or("unknown").str();
  const llvm::StringRef How = O->getString("recognised").value_or("catalogued");
  if (How != "catalogued" && How != "inferred")
    return malformed("attack surface entry recognised neither 'catalogued' nor 'inferred'");
  I.Inferred = How == "inferred";
  I.Findings = static_cast<unsigned>(O->getInteger("findings").value_or(0));
  return I;
}

namespace {
/// Reads the array Key of O, each element with FromJson; a bad one is an error.
template <typename T, typename Fn>
llvm::Error readEach(const json::Object &O, llvm::StringRef Key, Fn FromJson, std::vector<T> &Out) {
  if (const json::Array *A = O.getArray(Key))
    for (const json::Value &V : *A) {
      auto X = FromJson(V);
      if (!X)
        return X.takeError();
      Out.push_back(std::move(*X));
    }
  return llvm::Error::success();
}
} // namespace

json::Value unitToJson(const UnitResult &U, bool WithFindings) {
  json::Object O{{"file", U.File}, {"status", unitStatusName(U.Status)}, {"reason", U.Reason}};
  if (!U.Log.empty())
    O["log"] = U.Log;
  if (WithFindings) {
    json::Array A;
    for (const Finding &F : U.Findings)
      A.push_back(findingToJson(F));
    O["findings"] = std::move(A);
    O["ruleFiles"] = ruleFilesToJson(U.RuleFiles);
    if (U.CrossTu)
      O["crossTu"] = *U.CrossTu;
    O["components"] = unitComponentsToJson(U.Components);
    O["vendorFiles"] = strings(U.VendorFiles);
    json::Array In;
    for (const ExternalInput &I : U.ExternalInputs)
      In.push_back(inputToJson(I));
    O["externalInputs"] = std::move(In);
    if (!U.Inputs.empty())
      O["inputs"] = strings(U.Inputs);
  }
  if (U.FromCache)
    O["cache"] = "hit";
  return O;
}

llvm::Expected<UnitResult> unitFromJson(const json::Value &V) {
  const json::Object *O = V.getAsObject();
  UnitResult U;
  if (!O || !O->getString("file") || !O->getString("status") ||
      !parseUnitStatus(*O->getString("status"), U.Status))
    return malformed("unit without file or valid status");
  U.File = O->getString("file")->str();
  U.Reason = O->getString("reason").value_or("").str();
  U.Log = O->getString("log").value_or("").str();
  if (const json::Value *X = O->get("crossTu"))
    U.CrossTu = *X;
  if (const json::Array *A = O->getArray("findings"))
    for (const json::Value &FV : *A) {
      auto F = findingFromJson(FV, "unit finding");
      if (!F)
        return F.takeError();
      U.Findings.push_back(std::move(*F));
    }
  U.RuleFiles = readRuleFiles(O->getArray("ruleFiles"));
  U.Components = unitComponentsFromJson(O->getArray("components"));
  U.VendorFiles = readStrings(*O, "vendorFiles");
  if (const json::Array *A = O->getArray("inputs"))
    for (const json::Value &X : *A)
      if (auto S = X.getAsString())
        U.Inputs.push_back(S->str());
  U.FromCache = O->getString("cache").value_or("") == "hit";
  if (llvm::Error E = readEach(*O, "externalInputs", inputFromJson, U.ExternalInputs))
    return E;
  return U;
}

json::Object hostToJson(const HostInfo &H) {
  return json::Object{{"triple", H.Triple}, {"os", H.Os}, {"osRelease", H.OsRelease}};
}

json::Object configurationToJson(const ScanConfiguration &C) {
  json::Object Options;
  for (const auto &[Key, Value] : C.CheckOptions)
    Options[Key] = Value;
  return json::Object{{"checks", C.CheckFilter},           {"checkOptions", std::move(Options)},
                      {"extraArgs", strings(C.ExtraArgs)}, {"include", strings(C.Include)},
                      {"exclude", strings(C.Exclude)},     {"timeoutSeconds", C.TimeoutSeconds}};
}

namespace {

json::Object toolToJson(const ScanResults &R) {
  json::Object T{{"name", "medsec"},
                 {"version", R.ToolVersion},
                 {"buildId", R.BuildId},
                 {"llvmVersion", R.LlvmVersion}};
  if (!R.Host.empty())
    T["host"] = hostToJson(R.Host);
  return T;
}

ScanConfiguration configurationFromJson(const json::Object &O) {
  ScanConfiguration C;
  C.Set = true;
  C.CheckFilter = O.getString("checks").value_or("").str();
  if (const json::Object *Options = O.getObject("checkOptions"))
    for (const auto &[Key, Value] : *Options)
      C.CheckOptions[Key.str()] = Value.getAsString().value_or("").str();
  C.ExtraArgs = readStrings(O, "extraArgs");
  C.Include = readStrings(O, "include");
  C.Exclude = readStrings(O, "exclude");
  C.TimeoutSeconds = static_cast<unsigned>(O.getInteger("timeoutSeconds").value_or(0));
  return C;
}

} // namespace

std::string resultsToJson(const ScanResults &R) {
  std::map<std::string, unsigned> BySeverity, ByStatus;
  for (Severity S :
       {Severity::Info, Severity::Low, Severity::Medium, Severity::High, Severity::Critical})
    BySeverity[rules::severityName(S)] = 0;
  for (const Finding &F : R.Findings)
    ++BySeverity[rules::severityName(F.Sev)];
  for (const UnitResult &U : R.Units)
    ++ByStatus[unitStatusName(U.Status)];
  json::Object Sev, Stat;
  for (const auto &E : BySeverity)
    Sev[E.first] = E.second;
  for (const auto &E : ByStatus)
    Stat[E.first] = E.second;

  json::Array Units, Findings;
  for (const UnitResult &U : R.Units)
    Units.push_back(unitToJson(U, /*WithFindings=*/false));
  for (const Finding &F : R.Findings)
    Findings.push_back(findingToJson(F));

  json::Array Surface;
  for (const ExternalInput &I : R.AttackSurface)
    Surface.push_back(inputToJson(I));

  json::Array Fixed;
  for (const auto &X : R.Fixed)
    Fixed.push_back(json::Object{{"fingerprint", X.Fingerprint},
                                 {"check", X.Check},
                                 {"file", X.File},
                                 {"message", X.Message}});

  json::Object Root{
      {"format", "medsec-results/1"},
      {"tool", toolToJson(R)},
      {"sourceRoot", R.SourceRoot},
      {"compileDatabase",
       json::Object{{"path", R.CompileDatabase}, {"sha256", R.CompileDatabaseSha256}}},
      {"catalogue", json::Object{{"files", ruleFilesToJson(R.CatalogueFiles)}}},
      {"checks", strings(R.Checks)},
      {"units", std::move(Units)},
      {"findings", std::move(Findings)},
      {"components", componentsToJson(R.Components)},
      {"unidentifiedComponents", unidentifiedToJson(R.Unidentified)},
      {"attack_surface", std::move(Surface)},
      {"summary",
       json::Object{{"units", static_cast<int64_t>(R.Units.size())},
                    {"complete", R.complete()},
                    {"unitsByStatus", std::move(Stat)},
                    {"findings", static_cast<int64_t>(R.Findings.size())},
                    {"inputs", static_cast<int64_t>(R.AttackSurface.size())},
                    {"openFindings", static_cast<int64_t>(std::count_if(
                                         R.Findings.begin(), R.Findings.end(),
                                         [](const Finding &F) { return F.isOpen(); }))},
                    {"findingsBySeverity", std::move(Sev)},
                    {"components", static_cast<int64_t>(R.Components.size())},
                    {"unidentifiedComponents", static_cast<int64_t>(R.Unidentified.size())}}},
  };
  if (!R.InventoryRecorded) { // results of a medsec without the inventory, passed on as read
    Root.erase("components");
    Root.erase("unidentifiedComponents");
  }
  if (!R.Fixed.empty())
    Root["fixed"] = std::move(Fixed);
  if (R.Configuration.Set)
    Root["configuration"] = configurationToJson(R.Configuration);
  if (R.Policy.Set)
    Root["policy"] = json::Object{{"failOn", rules::severityName(R.Policy.FailOn)},
                                  {"newOnly", R.Policy.NewOnly},
                                  {"failOnIncomplete", R.Policy.FailOnIncomplete},
                                  {"failOnTestCode", R.Policy.FailOnTestCode},
                                  {"verdict", verdictName(R.Policy.Outcome)},
                                  {"exitCode", R.Policy.ExitCode}};
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::formatv("{0:2}", json::Value(std::move(Root))) << "\n";
  return Out;
}

llvm::Expected<ScanResults> resultsFromJson(llvm::StringRef Text) {
  auto Parsed = parseBoundedJson(Text);
  if (!Parsed)
    return Parsed.takeError();
  const json::Object *O = Parsed->getAsObject();
  if (!O || O->getString("format") != llvm::StringRef("medsec-results/1"))
    return malformed("not a medsec-results/1 document");
  ScanResults R;
  if (const json::Object *T = O->getObject("tool")) {
    R.ToolVersion = T->getString("version").value_or("").str();
    R.BuildId = T->getString("buildId").value_or("").str();
    R.LlvmVersion = T->getString("llvmVersion").value_or("").str();
    if (const json::Object *H = T->getObject("host"))
      R.Host = {H->getString("triple").value_or("").str(), H->getString("os").value_or("").str(),
                H->getString("osRelease").value_or("").str()};
  }
  R.SourceRoot = O->getString("sourceRoot").value_or("").str();
  if (const json::Object *D = O->getObject("compileDatabase")) {
    R.CompileDatabase = D->getString("path").value_or("").str();
    R.CompileDatabaseSha256 = D->getString("sha256").value_or("").str();
  }
  if (const json::Object *C = O->getObject("catalogue"))
    R.CatalogueFiles = readRuleFiles(C->getArray("files"));
  R.Checks = readStrings(*O, "checks");
  if (const json::Object *C = O->getObject("configuration"))
    R.Configuration = configurationFromJson(*C);
  if (const json::Array *Units = O->getArray("units"))
    for (const json::Value &UV : *Units) {
      auto U = unitFromJson(UV);
      if (!U)
        return U.takeError();
      R.Units.push_back(std::move(*U));
    }
  if (const json::Array *Findings = O->getArray("findings"))
    for (size_t I = 0; I < Findings->size(); ++I) {
      auto F = findingFromJson((*Findings)[I], "findings[" + std::to_string(I) + "]");
      if (!F)
        return F.takeError();
      R.Findings.push_back(std::move(*F));
    }
  R.InventoryRecorded = O->getArray("components") != nullptr;
  R.Components = componentsFromJson(O->getArray("components"));
  R.Unidentified = unidentifiedFromJson(O->getArray("unidentifiedComponents"));
  if (llvm::Error E = readEach(*O, "attack_surface", inputFromJson, R.AttackSurface))
    return E;
  if (const json::Array *Fixed = O->getArray("fixed"))
    for (const json::Value &XV : *Fixed)
      if (const json::Object *XO = XV.getAsObject())
        R.Fixed.push_back({XO->getString("fingerprint").value_or("").str(),
                           XO->getString("check").value_or("").str(),
                           XO->getString("file").value_or("").str(),
                           XO->getString("message").value_or("").str()});
  if (const json::Value *P = O->get("policy")) {
    json::Path::Root Root("policy");
    json::ObjectMapper M(*P, Root);
    R.Policy.Set = true;
    if (!M || !M.mapOptional("failOn", R.Policy.FailOn) ||
        !M.mapOptional("newOnly", R.Policy.NewOnly) ||
        !M.mapOptional("failOnIncomplete", R.Policy.FailOnIncomplete) ||
        !M.mapOptional("failOnTestCode", R.Policy.FailOnTestCode) ||
        !M.mapOptional("verdict", R.Policy.Outcome) ||
        !M.mapOptional("exitCode", R.Policy.ExitCode))
      return malformed(llvm::toString(Root.getError()));
  }
  return R;
}

namespace {
/// Creates the temporary file writeFileAtomically writes Path through.
std::error_code createTemporaryBeside(llvm::StringRef Path, int &FD,
                                      llvm::SmallString<256> &TempPath) {
  llvm::SmallString<256> Temp(Path);
  Temp += ".tmp-%%%%%%";
  return llvm::sys::fs::createUniqueFile(Temp, FD, TempPath);
}
} // namespace

llvm::Error checkWritable(llvm::StringRef Path) {
  int FD;
  llvm::SmallString<256> TempPath;
  std::error_code EC = llvm::sys::fs::is_directory(Path)
                           ? std::make_error_code(std::errc::is_a_directory)
                           : createTemporaryBeside(Path, FD, TempPath);
  if (EC)
    return llvm::createStringError(EC, "cannot write '%s': %s", Path.str().c_str(),
                                   EC.message().c_str());
  ::close(FD);
  llvm::sys::fs::remove(TempPath);
  return llvm::Error::success();
}

llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Data) {
  int FD;
  llvm::SmallString<256> TempPath;
  if (std::error_code EC = createTemporaryBeside(Path, FD, TempPath))
    return llvm::createStringError(EC, "cannot create '%s.tmp-%%%%%%%%%%%%': %s",
                                   Path.str().c_str(), EC.message().c_str());
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Data;
    OS.close();
    if (OS.has_error()) {
      llvm::sys::fs::remove(TempPath);
      return llvm::createStringError(OS.error(), "cannot write '%s'", TempPath.c_str());
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(TempPath, Path)) {
    llvm::sys::fs::remove(TempPath);
    return llvm::createStringError(EC, "cannot write '%s': %s", Path.str().c_str(),
                                   EC.message().c_str());
  }
  return llvm::Error::success();
}

} // namespace medsec
