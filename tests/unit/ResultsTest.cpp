//===- ResultsTest.cpp - results model, fingerprints, JSON ----------------===//
#include "Results.h"
#include "Analyse.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

#include <gtest/gtest.h>

using namespace medsec;

namespace {

Finding finding(const std::string &File, unsigned Line, const std::string &Context,
                const std::string &Check = "medsec-banned-functions") {
  Finding F;
  F.Check = Check;
  F.Sev = Severity::High;
  F.Message = "'strcpy' does not bound the copy";
  F.Where = {File, Line, 3};
  F.LineContext = Context;
  return F;
}

TEST(Fingerprint, IgnoresLineNumbersAndIndentation) {
  ScanResults A, B;
  A.Findings = {finding("src/a.c", 10, "strcpy(buf,in);")};
  B.Findings = {finding("src/a.c", 42, "strcpy(buf,in);")};
  canonicalize(A);
  canonicalize(B);
  EXPECT_EQ(A.Findings[0].Fingerprint, B.Findings[0].Fingerprint);
  EXPECT_EQ(A.Findings[0].Fingerprint.rfind("v1:", 0), 0u);
}

TEST(Fingerprint, DistinguishesCheckFileTextAndOccurrence) {
  ScanResults R;
  R.Findings = {finding("src/a.c", 10, "strcpy(buf,in);"),
                finding("src/a.c", 20, "strcpy(buf,in);"),
                finding("src/b.c", 10, "strcpy(buf,in);"), finding("src/a.c", 30, "strcpy(x,in);"),
                finding("src/a.c", 40, "strcpy(buf,in);", "medsec-other")};
  canonicalize(R);
  std::set<std::string> Prints;
  for (const Finding &F : R.Findings)
    Prints.insert(F.Fingerprint);
  EXPECT_EQ(Prints.size(), 5u);
}

TEST(Canonicalize, SortsAndDropsHeaderDuplicates) {
  ScanResults R;
  R.Findings = {finding("inc/h.h", 5, "x"), finding("src/a.c", 1, "y"), finding("inc/h.h", 5, "x")};
  R.Units = {{"src/b.c", UnitStatus::Analysed, "", {}},
             {"src/a.c", UnitStatus::ParseError, "e", {}}};
  canonicalize(R);
  ASSERT_EQ(R.Findings.size(), 2u);
  EXPECT_EQ(R.Findings[0].Where.File, "inc/h.h");
  EXPECT_EQ(R.Units[0].File, "src/a.c");
  EXPECT_FALSE(R.complete());
}

TEST(ResultsJson, RoundTripsAndIsStable) {
  ScanResults R;
  R.ToolVersion = "0.1.0";
  R.SourceRoot = "/src";
  R.Checks = {"medsec-banned-functions"};
  Finding F = finding("src/a.c", 10, "strcpy(buf,in);");
  F.Cwe = {"CWE-120"};
  F.Clauses = {"ansm:development/dangerous-functions"};
  F.Notes = {{{"src/a.c", 9, 1}, "declared here \"quoted\" <b>"}};
  F.Fixes = {{"src/a.c", 100, 6, "snprintf"}};
  Finding InTest = finding("tests/t.c", 3, "strcpy(buf,in);");
  InTest.TestCode = true;
  R.Findings = {F, InTest};
  R.Units = {{"src/a.c", UnitStatus::TimedOut, "analysis did not finish within 5 s", {}}};
  canonicalize(R);
  const std::string Text = resultsToJson(R);
  auto Back = resultsFromJson(Text);
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  EXPECT_EQ(resultsToJson(*Back), Text);
  EXPECT_EQ(Back->Units[0].Status, UnitStatus::TimedOut);
  EXPECT_EQ(Back->Findings[0].Notes[0].Message, "declared here \"quoted\" <b>");
  EXPECT_FALSE(Back->Findings[0].TestCode);
  EXPECT_TRUE(Back->Findings[1].TestCode);
  // Written for the finding in test code only.
  const size_t At = Text.find("\"testCode\": true");
  ASSERT_NE(At, std::string::npos);
  EXPECT_EQ(Text.find("\"testCode\"", At + 1), std::string::npos);
  EXPECT_NE(Text.find("\"complete\": false"), std::string::npos);
}

TEST(Canonicalize, AddsTheRuleFilesUnitsUsedOnceAndSorted) {
  // Workers finish in any order: the list must not depend on it.
  auto Make = [](bool Reversed) {
    ScanResults R;
    R.CatalogueFiles = {{"/opt/rules/checks.yaml", "builtin", "aa"},
                        {"sub/.medsec.yaml", "project", "cc"}};
    UnitResult A{"src/a.c", UnitStatus::Analysed, "", {}};
    A.RuleFiles = {{".medsec.yaml", "project", "bb"}};
    UnitResult B{"sub/b.c", UnitStatus::Analysed, "", {}};
    B.RuleFiles = {{"sub/.medsec.yaml", "project", "cc"}};
    UnitResult C{"src/c.c", UnitStatus::Analysed, "", {}};
    C.RuleFiles = {{".medsec.yaml", "project", "bb"}};
    R.Units = Reversed ? std::vector<UnitResult>{C, B, A} : std::vector<UnitResult>{A, B, C};
    canonicalize(R);
    return R;
  };
  const ScanResults R = Make(false);
  ASSERT_EQ(R.CatalogueFiles.size(), 3u);
  EXPECT_EQ(R.CatalogueFiles[0].Path, "/opt/rules/checks.yaml");
  EXPECT_EQ(R.CatalogueFiles[1].Path, "sub/.medsec.yaml");
  EXPECT_EQ(R.CatalogueFiles[2].Path, ".medsec.yaml");
  EXPECT_EQ(R.CatalogueFiles[2].Sha256, "bb");
  EXPECT_EQ(resultsToJson(R), resultsToJson(Make(true)));
  EXPECT_EQ(resultsToJson(R).find("ruleFiles"), std::string::npos);
}

TEST(ResultsJson, HostAndConfigurationRoundTrip) {
  ScanResults R;
  R.Host = {"x86_64-pc-linux-gnu", "Linux", "6.1.0-18-amd64"};
  R.Configuration.Set = true;
  R.Configuration.CheckFilter = "-*,medsec-banned-functions";
  R.Configuration.CheckOptions = {{"medsec.Catalogue", "/opt/rules"},
                                  {"medsec-banned-functions.Example", "1"}};
  R.Configuration.ExtraArgs = {"-DNDEBUG"};
  R.Configuration.Exclude = {"third_party/**"};
  R.Configuration.TimeoutSeconds = 60;
  const std::string Text = resultsToJson(R);
  auto Back = resultsFromJson(Text);
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  EXPECT_EQ(resultsToJson(*Back), Text);
  EXPECT_EQ(Back->Host.OsRelease, "6.1.0-18-amd64");
  EXPECT_EQ(Back->Configuration.CheckOptions.at("medsec.Catalogue"), "/opt/rules");
  EXPECT_EQ(Back->Configuration.TimeoutSeconds, 60u);
  EXPECT_NE(Text.find("\"triple\": \"x86_64-pc-linux-gnu\""), std::string::npos);

  // Results of an older scan have neither; readers must accept that.
  ScanResults Old;
  auto OldBack = resultsFromJson(resultsToJson(Old));
  ASSERT_TRUE(bool(OldBack));
  EXPECT_TRUE(OldBack->Host.empty());
  EXPECT_FALSE(OldBack->Configuration.Set);
  EXPECT_EQ(resultsToJson(Old).find("\"configuration\""), std::string::npos);
}

TEST(ResultsJson, WorkerOutputCarriesItsRuleFiles) {
  UnitResult U{"src/a.c", UnitStatus::Analysed, "", {}};
  U.RuleFiles = {{".medsec.yaml", "project", "bb"}};
  auto Back = unitFromJson(unitToJson(U, /*WithFindings=*/true));
  ASSERT_TRUE(bool(Back));
  ASSERT_EQ(Back->RuleFiles.size(), 1u);
  EXPECT_EQ(Back->RuleFiles[0], U.RuleFiles[0]);
}

ExternalInput input(const std::string &File, unsigned Line, const std::string &Name,
                    unsigned Findings, bool Inferred = false) {
  ExternalInput I;
  I.Where = {File, Line, 7};
  I.Name = Name;
  I.Kind = "call";
  I.Channel = "uart";
  I.Inferred = Inferred;
  I.Findings = Findings;
  return I;
}

TEST(Canonicalize, MergesTheUnitsInputsOnceEachSorted) {
  // The same input in a header seen by two units, in either order.
  for (bool Swap : {false, true}) {
    ScanResults R;
    R.Units.resize(2);
    R.Units[0].File = "a.c";
    R.Units[1].File = "b.c";
    R.Units[Swap].ExternalInputs = {input("inc/rx.h", 9, "uart_poll_in", 0),
                                    input("a.c", 3, "recv", 0, /*Inferred=*/true)};
    R.Units[!Swap].ExternalInputs = {input("inc/rx.h", 9, "uart_poll_in", 0)};
    canonicalize(R);
    ASSERT_EQ(R.AttackSurface.size(), 2u);
    EXPECT_EQ(R.AttackSurface[0].Name, "recv");
    EXPECT_TRUE(R.AttackSurface[0].Inferred);
    EXPECT_EQ(R.AttackSurface[1].Name, "uart_poll_in");
    EXPECT_TRUE(R.Units[0].ExternalInputs.empty() && R.Units[1].ExternalInputs.empty());
  }
}

TEST(Canonicalize, AnInputFeedsTheFindingsThatNameItOnceEach) {
  const InputRef Rx{{"inc/rx.h", 9, 7}, "uart_poll_in"}, Recv{{"a.c", 3, 7}, "recv"};
  auto Fed = [](Finding F, std::vector<InputRef> Inputs) {
    F.Inputs = std::move(Inputs);
    return F;
  };
  ScanResults R;
  // A finding in the header both units report (once after the merge), one
  // in each unit's own file, and one fed by both inputs (another unit's
  // receive through --cross-tu).
  R.Findings = {Fed(finding("inc/rx.h", 12, "t[b]=1;"), {Rx}),
                Fed(finding("inc/rx.h", 12, "t[b]=1;"), {Rx}),
                Fed(finding("a.c", 20, "t[c]=1;"), {Rx}), Fed(finding("b.c", 20, "t[c]=1;"), {Rx}),
                Fed(finding("p.c", 4, "t[p[1]]=1;"), {Recv, Rx}), finding("a.c", 30, "x")};
  R.Units.resize(2);
  R.Units[0].ExternalInputs = {input("inc/rx.h", 9, "uart_poll_in", 0),
                               input("a.c", 3, "recv", 0)};
  R.Units[1].ExternalInputs = {input("inc/rx.h", 9, "uart_poll_in", 0)};
  canonicalize(R);
  ASSERT_EQ(R.AttackSurface.size(), 2u);
  EXPECT_EQ(R.AttackSurface[0].Name, "recv");
  EXPECT_EQ(R.AttackSurface[0].Findings, 1u);
  EXPECT_EQ(R.AttackSurface[1].Name, "uart_poll_in");
  EXPECT_EQ(R.AttackSurface[1].Findings, 4u);
  // The inputs a finding names go into results.json and come back.
  auto Back = resultsFromJson(resultsToJson(R));
  ASSERT_TRUE(static_cast<bool>(Back)) << llvm::toString(Back.takeError());
  const Finding &P = Back->Findings.back(); // sorted by file
  ASSERT_EQ(P.Where.File, "p.c");
  EXPECT_EQ(P.Inputs, (std::vector<InputRef>{Recv, Rx}));
  EXPECT_EQ(resultsToJson(*Back), resultsToJson(R));
  // Results read back keep their counts.
  canonicalize(*Back);
  EXPECT_EQ(Back->AttackSurface[1].Findings, 4u);
}

TEST(ResultsJson, AttackSurfaceRoundTripsAndRejectsAnUnknownRecognition) {
  ScanResults R;
  R.AttackSurface = {input("a.c", 3, "recv", 1), input("a.c", 5, "USART2->DR", 0, true)};
  const std::string Text = resultsToJson(R);
  auto Back = resultsFromJson(Text);
  ASSERT_TRUE(static_cast<bool>(Back)) << llvm::toString(Back.takeError());
  EXPECT_EQ(resultsToJson(*Back), Text);
  EXPECT_NE(Text.find("\"recognised\": \"inferred\""), std::string::npos);
  std::string Bad = Text;
  Bad.replace(Bad.find("\"inferred\""), 10, "\"guessed\"");
  auto Rejected = resultsFromJson(Bad);
  ASSERT_FALSE(static_cast<bool>(Rejected));
  EXPECT_NE(llvm::toString(Rejected.takeError()).find("recognised"), std::string::npos);
}

TEST(ResultsJson, ResultsWithoutAnInventoryStaySo) {
  ScanResults R;
  const std::string Scanned = resultsToJson(R); // a scan records its inventory, even an empty one
  auto Back = resultsFromJson(Scanned);
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  EXPECT_TRUE(Back->InventoryRecorded);
  // Results of a medsec before the inventory: no "components" key; written back without one.
  auto J = llvm::json::parse(Scanned);
  ASSERT_TRUE(bool(J));
  J->getAsObject()->erase("components");
  auto Old = resultsFromJson(llvm::formatv("{0}", *J).str());
  ASSERT_TRUE(bool(Old)) << llvm::toString(Old.takeError());
  EXPECT_FALSE(Old->InventoryRecorded);
  EXPECT_EQ(resultsToJson(*Old).find("\"components\": ["), std::string::npos);
  EXPECT_FALSE(resultsFromJson(resultsToJson(*Old))->InventoryRecorded);
}

TEST(ResultsJson, RejectsOtherDocuments) {
  EXPECT_FALSE(bool(resultsFromJson("{\"format\": \"sarif\"}")) ? true : false);
  auto Bad = resultsFromJson("not json");
  EXPECT_FALSE(bool(Bad));
  llvm::consumeError(Bad.takeError());
}

TEST(ResultsJson, EveryEnumRoundTripsAndAnUnknownValueNamesItsField) {
  ScanResults R;
  for (Severity S :
       {Severity::Info, Severity::Low, Severity::Medium, Severity::High, Severity::Critical})
    for (FindingStatus St : {FindingStatus::Open, FindingStatus::Accepted,
                             FindingStatus::FalsePositive, FindingStatus::Deferred}) {
      Finding F = finding("src/a.c", 1, "strcpy(buf,in);");
      F.Sev = S;
      F.Status = St;
      F.Baseline = St == FindingStatus::Open ? BaselineState::New : BaselineState::Unchanged;
      F.Where.Line = static_cast<unsigned>(R.Findings.size() + 1);
      if (St != FindingStatus::Open) {
        Suppression Sp;
        Sp.Kind = SuppressionKind::External;
        Sp.Id = "DEV-1";
        Sp.Status = SuppressionStatus::Rejected;
        F.Supp = Sp;
      }
      R.Findings.push_back(F);
    }
  R.Policy.Set = true;
  R.Policy.FailOn = Severity::High;
  R.Policy.FailOnTestCode = true;
  R.Policy.Outcome = Verdict::Fail;
  const std::string Text = resultsToJson(R);
  auto Back = resultsFromJson(Text);
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  EXPECT_EQ(resultsToJson(*Back), Text);
  ASSERT_EQ(Back->Findings.size(), R.Findings.size());
  for (size_t I = 0; I < R.Findings.size(); ++I) {
    EXPECT_EQ(Back->Findings[I].Sev, R.Findings[I].Sev);
    EXPECT_EQ(Back->Findings[I].Status, R.Findings[I].Status);
    EXPECT_EQ(Back->Findings[I].Baseline, R.Findings[I].Baseline);
  }
  EXPECT_EQ(Back->Policy.FailOn, Severity::High);
  EXPECT_EQ(Back->Policy.Outcome, Verdict::Fail);
  EXPECT_TRUE(Back->Policy.FailOnTestCode);

  // An unknown spelling is an error naming the field, never a silent rank; so
  // is a missing required field or a negative line.
  auto Expect = [&](const std::string &From, const std::string &To, const std::string &Field) {
    std::string Bad = Text;
    const size_t At = Bad.find(From);
    ASSERT_NE(At, std::string::npos) << From;
    Bad.replace(At, From.size(), To);
    auto E = resultsFromJson(Bad);
    ASSERT_FALSE(bool(E)) << Field;
    const std::string Message = llvm::toString(E.takeError());
    EXPECT_NE(Message.find(Field), std::string::npos) << Message;
  };
  Expect("\"severity\": \"info\"", "\"severity\": \"severe\"",
         "expected one of info, low, medium, high, critical at findings[0].severity");
  Expect("\"status\": \"open\"", "\"status\": \"closed\"",
         "expected one of open, accepted, false-positive, deferred at findings[0].status");
  Expect("\"baseline\": \"new\"", "\"baseline\": 3",
         "expected one of new, unchanged at findings[0].baseline");
  Expect("\"status\": \"rejected\"", "\"status\": \"maybe\"", "at findings[1].suppression.status");
  Expect("\"kind\": \"external\"", "\"kind\": \"elsewhere\"",
         "expected one of inSource, external at findings[1].suppression.kind");
  Expect("\"failOn\": \"high\"", "\"failOn\": \"HIGH\"", "at policy.failOn");
  Expect("\"check\": \"medsec-banned-functions\"", "\"chek\": \"x\"",
         "missing value at findings[0].check");
  Expect("\"line\": 1,", "\"line\": -4,",
         "expected a whole number of at least 0 at findings[0].line");
  Expect("\"failOnTestCode\": true", "\"failOnTestCode\": \"yes\"", "at policy.failOnTestCode");
  Expect("\"verdict\": \"fail\"", "\"verdict\": \"ok\"",
         "expected one of pass, fail at policy.verdict");
}

TEST(Paths, RelativeToRoot) {
  EXPECT_EQ(relativeToRoot("/work/p/src/a.c", "/work/p"), "src/a.c");
  EXPECT_EQ(relativeToRoot("/work/p/../q/a.c", "/work/p"), "/work/q/a.c");
  EXPECT_EQ(relativeToRoot("/work/pp/a.c", "/work/p"), "/work/pp/a.c");
}

} // namespace
