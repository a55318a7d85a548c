//===- ReportTest.cpp - `medsec report`: model, writers, escaping ---------===//
//
// Golden files: tests/unit/golden/report/expected/ holds the exact bytes the
// HTML, Markdown, CSV and JSON writers must produce for the inputs beside it
// (results.json with every gate field, a small catalogue, sources, JUnit test
// evidence). After an intended change of the output, regenerate them with
//
//   MEDSEC_UPDATE_GOLDEN=1 <build>/tests/medsec_unit_tests --gtest_filter='ReportGolden.*'
//
// and review the diff (git diff tests/unit/golden) before committing it. The
// same inputs in French (--lang fr) give the files in expected-fr/.
//
//===----------------------------------------------------------------------===//
#include "report/Messages.h"
#include "report/Render.h"
#include "report/ReportModel.h"
#include "report/Text.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Regex.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>

using namespace medsec;
using namespace medsec::report;

namespace {

const std::string GoldenDir = MEDSEC_SOURCE_DIR "/tests/unit/golden/report";

std::string readText(const std::string &Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  return Buf ? (*Buf)->getBuffer().str() : std::string();
}

/// The golden inputs, read the way `medsec report` reads them but with paths
/// and the report tool's identity fixed, so the goldens do not depend on
/// where the tree is checked out or which build runs them.
ReportInput goldenInput(const std::string &Lang = "en") {
  ReportInput In;
  auto Words = Messages::load(defaultMessagesDir(""), Lang);
  EXPECT_TRUE(static_cast<bool>(Words)) << (Words ? "" : llvm::toString(Words.takeError()));
  if (Words)
    In.Text = *Words;
  const std::string Text = readText(GoldenDir + "/results.json");
  auto R = resultsFromJson(Text);
  EXPECT_TRUE(static_cast<bool>(R)) << llvm::toString(R.takeError());
  In.Results = std::move(*R);
  std::vector<rules::Problem> Problems;
  In.Cat = rules::loadCatalogue(GoldenDir + "/catalogue", {}, Problems);
  EXPECT_TRUE(Problems.empty());
  for (rules::CatalogueFile F : In.Cat->Files) {
    F.Path = F.Path.substr(GoldenDir.size() + 1);
    In.CatalogueFiles.push_back(F);
  }
  In.ResultsPath = "results.json";
  In.ResultsSha256 = rules::sha256Hex(Text);
  In.CompileDb = parseCompileDb(R"([
    {"directory": "/src/pump/build", "file": "../src/app/uart.c",
     "arguments": ["/usr/bin/clang-19", "--target=arm-none-eabi", "-mcpu=cortex-m4", "-mthumb",
                   "-DSTM32F427xx", "-D", "USE_HAL=1", "-std=c11", "-c", "../src/app/uart.c"]},
    {"directory": "/src/pump/build", "file": "../src/app/config.c",
     "command": "clang-19 --target=arm-none-eabi -DSTM32F427xx -DNDEBUG -std=c11 -c ../src/app/config.c"}
  ])");
  In.Evidence = parseTestEvidence("ctest-junit.xml", readText(GoldenDir + "/ctest-junit.xml"));
  for (const Finding &F : In.Results.Findings) {
    const std::string Path = GoldenDir + "/src/" + F.Where.File.substr(4);
    const std::string Src = readText(Path);
    In.Sources[F.Where.File] = Src.empty() ? std::nullopt : std::optional<std::string>(Src);
  }
  auto Vulns = matchVulnerabilities(
      {{"vulnerabilities.cdx.json", readText(GoldenDir + "/vulnerabilities.cdx.json")},
       {"osv.json", readText(GoldenDir + "/osv.json")}},
      In.Results.Components);
  EXPECT_TRUE(static_cast<bool>(Vulns)) << llvm::toString(Vulns.takeError());
  In.Vulnerabilities = std::move(*Vulns);
  In.Opts.Title = "IP-400 infusion pump firmware 2.0.3: secure-coding verification";
  In.Opts.Date = "2026-06-01";
  In.Reporter = {"medsec", "0.1.0", "testbuild", "19.1.7", "x86_64-pc-linux-gnu"};
  return In;
}

std::map<std::string, std::string> renderAll(const ReportInput &In) {
  std::map<std::string, std::string> Out;
  for (auto &F : renderReports(buildReportModel(In), reportFormats()))
    Out[F.first] = F.second;
  return Out;
}

void compareGolden(const std::string &Name, const std::string &Lang = "en") {
  const auto Files = renderAll(goldenInput(Lang));
  ASSERT_TRUE(Files.count(Name));
  const std::string Path =
      GoldenDir + (Lang == "en" ? "/expected/" : "/expected-" + Lang + "/") + Name;
  if (std::getenv("MEDSEC_UPDATE_GOLDEN")) {
    std::ofstream(Path, std::ios::binary) << Files.at(Name);
    GTEST_SKIP() << "regenerated " << Path;
  }
  const std::string Expected = readText(Path);
  ASSERT_FALSE(Expected.empty()) << Path << " is missing: see the comment at the top of this file";
  EXPECT_EQ(Files.at(Name), Expected) << "differs from " << Path;
}

TEST(ReportGolden, Html) { compareGolden("report.html"); }
TEST(ReportGolden, Markdown) { compareGolden("report.md"); }
TEST(ReportGolden, FindingsCsv) { compareGolden("report.csv"); }
TEST(ReportGolden, TraceabilityCsv) { compareGolden("report-traceability.csv"); }
TEST(ReportGolden, Json) { compareGolden("report.json"); }
TEST(ReportGolden, FrenchHtml) { compareGolden("report.html", "fr"); }
TEST(ReportGolden, FrenchMarkdown) { compareGolden("report.md", "fr"); }
TEST(ReportGolden, FrenchFindingsCsv) { compareGolden("report.csv", "fr"); }
TEST(ReportGolden, FrenchTraceabilityCsv) { compareGolden("report-traceability.csv", "fr"); }
TEST(ReportGolden, FrenchJson) { compareGolden("report.json", "fr"); }

namespace {
/// The shape of a JSON value: object keys and array lengths, not the text.
void expectSameShape(const llvm::json::Value &A, const llvm::json::Value &B,
                     const std::string &Path) {
  ASSERT_EQ(A.kind(), B.kind()) << Path;
  if (const auto *O = A.getAsObject()) {
    const auto *P = B.getAsObject();
    std::set<std::string> KA, KB;
    for (const auto &E : *O)
      KA.insert(E.first.str());
    for (const auto &E : *P)
      KB.insert(E.first.str());
    ASSERT_EQ(KA, KB) << Path;
    for (const auto &E : *O)
      expectSameShape(E.second, *P->get(E.first), Path + "." + E.first.str());
  } else if (const auto *X = A.getAsArray()) {
    const auto *Y = B.getAsArray();
    ASSERT_EQ(X->size(), Y->size()) << Path;
    for (size_t I = 0; I < X->size(); ++I)
      expectSameShape((*X)[I], (*Y)[I], Path + "[" + std::to_string(I) + "]");
  }
}
} // namespace

TEST(ReportLanguage, JsonKeepsItsKeysAndIdsInEveryLanguage) {
  auto En = llvm::json::parse(renderAll(goldenInput("en")).at("report.json"));
  auto Fr = llvm::json::parse(renderAll(goldenInput("fr")).at("report.json"));
  ASSERT_TRUE(En && Fr);
  expectSameShape(*En, *Fr, "");
  const auto &E = *En->getAsObject(), &F = *Fr->getAsObject();
  EXPECT_EQ(E.getString("language"), "en");
  EXPECT_EQ(F.getString("language"), "fr");
  // Ids are for machines: verdict, statuses, severities and flags stay as they are.
  EXPECT_EQ(E.getObject("summary")->getString("verdict"),
            F.getObject("summary")->getString("verdict"));
  const auto &EF = *E.getArray("findings"), &FF = *F.getArray("findings");
  for (size_t I = 0; I < EF.size(); ++I)
    for (const char *K : {"status", "severity", "baseline", "id", "message", "check"})
      EXPECT_EQ(EF[I].getAsObject()->getString(K), FF[I].getAsObject()->getString(K)) << K;
  EXPECT_EQ(llvm::formatv("{0}", *E.get("deviations")).str(),
            llvm::formatv("{0}", *F.get("deviations")).str());
  // Prose is in the report's language, so the content hash covers what is shown.
  EXPECT_NE(llvm::formatv("{0}", *E.getObject("summary")->get("warnings")).str(),
            llvm::formatv("{0}", *F.getObject("summary")->get("warnings")).str());
}

TEST(ReportLanguage, FrenchReportIsFrenchAndKeepsTheData) {
  const auto Files = renderAll(goldenInput("fr"));
  const std::string &Html = Files.at("report.html");
  EXPECT_NE(Html.find("<html lang=\"fr\">"), std::string::npos);
  EXPECT_NE(Html.find("<h2>1. Synthèse</h2>"), std::string::npos);
  EXPECT_NE(Html.find("<h2>6. Matrice de traçabilité</h2>"), std::string::npos);
  EXPECT_NE(Html.find("ANALYSE INCOMPLÈTE"), std::string::npos);
  // Clause titles from the catalogue's translations; one without keeps English, said so.
  EXPECT_NE(Html.find("éviter les fonctions et constructions dangereuses"), std::string::npos);
  EXPECT_NE(Html.find("hardened, reproducible build configuration"), std::string::npos);
  EXPECT_NE(Html.find("1 titre(s) de clause sur 6"), std::string::npos);
  EXPECT_NE(Html.find("3 titre(s) de clause sur 3"), std::string::npos);
  // Finding messages stay as the checks wrote them.
  const ReportModel M = buildReportModel(goldenInput("fr"));
  for (const FindingView &F : M.Findings)
    EXPECT_NE(Html.find(htmlEscape(F.Message)), std::string::npos) << F.Message;
  for (const auto &F : Files)
    EXPECT_EQ(F.second.find("[["), std::string::npos) << F.first << ": a message is missing";
  EXPECT_EQ(Files.at("report.csv").substr(0, 24), "identifiant,statut,refer");
  const std::string &Md = Files.at("report.md");
  EXPECT_NE(Md.find("## 10. Empreintes"), std::string::npos);
  EXPECT_NE(Md.find("**\xE2\x9A\xA0 NON JUSTIFIÉE**"), std::string::npos) << "capitals with accents";
}

TEST(ReportText, UpperTextKeepsAccentsInCapitals) {
  EXPECT_EQ(upperText("non évaluée, déjà vu, cœur"), "NON ÉVALUÉE, DÉJÀ VU, CŒUR");
  EXPECT_EQ(upperText("a\xC3\xB7b"), "A\xC3\xB7B"); // the division sign has no capital
}

TEST(ReportDeterminism, SameInputsGiveIdenticalBytes) {
  const auto A = renderAll(goldenInput());
  const auto B = renderAll(goldenInput());
  EXPECT_EQ(A, B);
  EXPECT_EQ(A.size(), 6u); // json html md csv traceability-csv sha256
}

TEST(ReportDeterminism, FindingOrderInTheResultsDoesNotMatter) {
  ReportInput In = goldenInput();
  const auto A = renderAll(In);
  std::reverse(In.Results.Findings.begin(), In.Results.Findings.end());
  EXPECT_EQ(renderAll(In), A);
}

TEST(ReportDeterminism, HashFileListsEveryOutput) {
  const auto Files = renderAll(goldenInput());
  const std::string &Sums = Files.at("report.sha256");
  for (const auto &F : Files) {
    if (F.first != "report.sha256") {
      EXPECT_NE(Sums.find(rules::sha256Hex(F.second) + "  " + F.first + "\n"), std::string::npos)
          << F.first;
    }
  }
  // The content hash shown in the HTML is that of report.json.
  EXPECT_NE(Files.at("report.html").find(rules::sha256Hex(Files.at("report.json"))),
            std::string::npos);
}

// --- the model -------------------------------------------------------------

const ClauseRow *row(const ReportModel &M, const std::string &Id) {
  for (const GuidelineView &G : M.Guidelines)
    for (const ClauseRow &R : G.Rows)
      if (R.Id == Id)
        return &R;
  return nullptr;
}

TEST(ReportModel, ClauseStatusesCoverEveryCase) {
  const ReportModel M = buildReportModel(goldenInput());
  ASSERT_EQ(M.Guidelines.size(), 2u);
  EXPECT_EQ(M.Guidelines[0].Id, "ansm"); // ANSM first, whatever the catalogue order
  EXPECT_EQ(row(M, "ansm:development/dangerous-functions")->Status, "open");
  EXPECT_EQ(row(M, "ansm:development/no-embedded-secrets")->Status, "accepted");
  EXPECT_EQ(row(M, "ansm:development/input-validation")->Status, "not-run");
  EXPECT_EQ(row(M, "ansm:general/four-criteria")->Status, "not-checkable");
  EXPECT_EQ(row(M, "ansm:development/build-hardening")->Status, "no-check");
  EXPECT_EQ(row(M, "fda-2023:App1/integrity")->Status, "incomplete");
  EXPECT_TRUE(row(M, "ansm:general/four-criteria")->inferred());
  EXPECT_FALSE(row(M, "ansm:development/build-hardening")->inferred());
  EXPECT_EQ(row(M, "ansm:development/dangerous-functions")->Fixed.size(), 1u);
}

TEST(ReportModel, SelectionKeepsAnsmFirstAndFiltersPhases) {
  ReportInput In = goldenInput();
  In.Opts.Guidelines = {"fda-2023", "ansm"};
  In.Opts.Phases = {"development"};
  const ReportModel M = buildReportModel(In);
  ASSERT_EQ(M.Guidelines.size(), 2u);
  EXPECT_EQ(M.Guidelines[0].Id, "ansm");
  EXPECT_EQ(M.Guidelines[0].Rows.size(), 5u);
  EXPECT_TRUE(M.Guidelines[1].Rows.empty());
}

TEST(ReportModel, DeviationsThatMustStandOut) {
  const ReportModel M = buildReportModel(goldenInput());
  std::map<std::string, std::vector<std::string>> Flags;
  for (const DeviationRow &D : M.Deviations)
    Flags[M.Findings[D.Finding].Id] = D.Flags;
  EXPECT_TRUE(Flags.at("v1:33333333333333333333333333333333").empty()); // justified, approved
  EXPECT_EQ(Flags.at("v1:11111111111111111111111111111111"),
            std::vector<std::string>{"expired"}); // expired before --date
  EXPECT_EQ(Flags.at("v1:44444444444444444444444444444444"),
            (std::vector<std::string>{"rejected", "unjustified", "no approver"}));
  EXPECT_EQ(Flags.at("v1:0f1e2d3c4b5a69788796a5b4c3d2e1f0"),
            (std::vector<std::string>{"no record", "unjustified"}));
}

TEST(ReportModel, IntegrityWarningsComeFirst) {
  const ReportModel M = buildReportModel(goldenInput());
  EXPECT_FALSE(M.Complete);
  EXPECT_TRUE(M.CatalogueMismatch);
  EXPECT_EQ(M.CompileDbState, "changed");
  ASSERT_FALSE(M.Warnings.empty());
  EXPECT_EQ(M.Warnings[0].rfind("INCOMPLETE SCAN", 0), 0u);
  std::map<std::string, std::string> Notes;
  for (const FindingView &F : M.Findings)
    Notes[F.File + ":" + std::to_string(F.Line)] = F.ContextNote;
  EXPECT_EQ(Notes["src/gen/missing.c:1"], "source not available");
  EXPECT_EQ(Notes["src/app/config.c:7"], "source changed since the scan");
  EXPECT_EQ(Notes["src/app/uart.c:5"], "");
}

TEST(ReportModel, IncompleteBannerOnTheFirstPage) {
  const auto Files = renderAll(goldenInput());
  const std::string &Html = Files.at("report.html");
  const size_t Banner = Html.find("INCOMPLETE SCAN");
  ASSERT_NE(Banner, std::string::npos);
  EXPECT_LT(Banner, Html.find("<section id=\"summary\">"));
  const std::string &Md = Files.at("report.md");
  EXPECT_LT(Md.find("INCOMPLETE SCAN"), Md.find("## 1. Summary"));
}

TEST(ReportModel, VerdictWithoutARecordedPolicy) {
  ReportInput In = goldenInput();
  In.Results.Policy = {};
  In.Results.Units = {{"src/app/uart.c", UnitStatus::Analysed, "", {}}};
  for (Finding &F : In.Results.Findings)
    F.Status = FindingStatus::Accepted;
  ReportModel M = buildReportModel(In);
  EXPECT_EQ(M.Outcome, Verdict::Pass);
  In.Results.Findings[0].Status = FindingStatus::Open;
  M = buildReportModel(In);
  EXPECT_EQ(M.Outcome, Verdict::Fail);
}

TEST(ReportModel, TheVerdictIsTheGatesAndAnEditedVerdictIsSaid) {
  ReportInput In = goldenInput();
  In.Results.Units = {{"src/app/uart.c", UnitStatus::Analysed, "", {}}};
  In.Results.Policy.FailOn = Severity::Critical;
  for (Finding &F : In.Results.Findings)
    F.Sev = Severity::High;
  In.Results.Policy.Outcome = Verdict::Pass;
  ReportModel M = buildReportModel(In);
  EXPECT_EQ(M.Outcome, Verdict::Pass); // nothing at or above the recorded threshold
  In.Results.Findings[0].Sev = Severity::Critical;
  In.Results.Findings[0].Status = FindingStatus::Open;
  In.Results.Findings[0].Baseline = BaselineState::New;
  M = buildReportModel(In);
  EXPECT_EQ(M.Outcome, Verdict::Fail);
  EXPECT_TRUE(std::any_of(M.Warnings.begin(), M.Warnings.end(), [](const std::string &W) {
    return W.find("recorded the verdict pass but its results give fail") != std::string::npos;
  }));
}

TEST(ReportModel, ScanHostAndOptionsAreShown) {
  const ReportInput In = goldenInput();
  const ReportModel M = buildReportModel(In);
  EXPECT_EQ(M.ScanTool.Host, "x86_64-pc-linux-gnu, Linux 6.1.0-18-amd64");
  ASSERT_TRUE(M.ScanOptions.Set);
  const auto Files = renderAll(In);
  for (const char *Name : {"report.html", "report.md", "report.json"}) {
    const std::string &Text = Files.at(Name);
    EXPECT_NE(Text.find("Linux 6.1.0-18-amd64"), std::string::npos) << Name;
    EXPECT_NE(Text.find("medsec.ProjectRules"), std::string::npos) << Name;
    EXPECT_NE(Text.find("third_party/**"), std::string::npos) << Name;
    EXPECT_EQ(Text.find("not recorded by the scan"), std::string::npos) << Name;
  }
  EXPECT_NE(Files.at("report.html").find("<table id=\"scan-options\">"), std::string::npos);
}

TEST(ReportModel, OlderResultsSayWhatTheScanDidNotRecord) {
  ReportInput In = goldenInput();
  In.Results.Host = {};
  In.Results.Configuration = {};
  const auto Files = renderAll(In);
  for (const char *Name : {"report.html", "report.md"})
    EXPECT_NE(Files.at(Name).find("ot recorded by the scan"), std::string::npos) << Name;
  EXPECT_NE(Files.at("report.json").find("\"scanOptions\": null"), std::string::npos);
}

// --- inputs ------------------------------------------------------------------

TEST(ReportEvidence, JUnitFromCTest) {
  const TestEvidence E =
      parseTestEvidence("ctest-junit.xml", readText(GoldenDir + "/ctest-junit.xml"));
  EXPECT_EQ(E.Format, "junit");
  EXPECT_EQ(E.Tests, 5u);
  EXPECT_EQ(E.Failures, 1u);
  EXPECT_EQ(E.Skipped, 1u);
  EXPECT_EQ(E.passed(), 3u);
  EXPECT_EQ(E.Failed, std::vector<std::string>{"e2e.test_scan_cli"});
}

TEST(ReportEvidence, GoogleTestXml) {
  const TestEvidence E = parseTestEvidence("unit.xml", R"(<?xml version="1.0"?>
<testsuites tests="2" failures="1"><testsuite name="A" tests="2">
<testcase name="Ok" status="run" result="completed" classname="A" />
<testcase name="Bad" status="run" result="completed" classname="A"><failure message="x"/></testcase>
</testsuite></testsuites>)");
  EXPECT_EQ(E.Tests, 2u);
  EXPECT_EQ(E.Failures, 1u);
  EXPECT_EQ(E.Failed, std::vector<std::string>{"A.Bad"});
}

TEST(ReportEvidence, CTestLog) {
  const TestEvidence E =
      parseTestEvidence("ctest.log", "Test project /b\n"
                                     "  1/3 Test #1: a ..... Passed\n"
                                     "67% tests passed, 1 tests failed out of 3\n"
                                     "\nThe following tests FAILED:\n"
                                     "\t  2 - lit.medsec-x.c (Failed)\n"
                                     "Errors while running CTest\n");
  EXPECT_EQ(E.Format, "ctest");
  EXPECT_EQ(E.Tests, 3u);
  EXPECT_EQ(E.Failures, 1u);
  EXPECT_EQ(E.Failed, std::vector<std::string>{"lit.medsec-x.c"});
}

TEST(ReportEvidence, UnknownFormatStillHashed) {
  const TestEvidence E = parseTestEvidence("notes.txt", "all good");
  EXPECT_EQ(E.Format, "unknown");
  EXPECT_EQ(E.Sha256, rules::sha256Hex("all good"));
  EXPECT_EQ(E.Tests, 0u);
}

TEST(ReportEvidence, CompileDatabaseTargetAndDefines) {
  const ReportInput In = goldenInput();
  ASSERT_TRUE(In.CompileDb);
  EXPECT_EQ(In.CompileDb->Entries, 2u);
  EXPECT_EQ(In.CompileDb->Compilers, std::vector<std::string>{"clang-19"});
  EXPECT_EQ(In.CompileDb->Targets,
            (std::vector<std::string>{"--target=arm-none-eabi", "-mcpu=cortex-m4", "-mthumb"}));
  EXPECT_EQ(In.CompileDb->Defines,
            (std::vector<std::string>{"NDEBUG", "STM32F427xx", "USE_HAL=1"}));
  EXPECT_FALSE(parseCompileDb("not json"));
}

// --- escaping ------------------------------------------------------------------

TEST(ReportText, SanitizeMakesControlsVisibleAndUtf8Valid) {
  EXPECT_EQ(sanitize(std::string("a\0b", 3)), "a\xE2\x90\x80"
                                              "b");
  EXPECT_EQ(sanitize("\x1b[31m"), "\xE2\x90\x9B[31m");
  EXPECT_EQ(sanitize("x\ty\r\n\x7f"), "x y\xE2\x90\x8D\xE2\x90\x8A\xE2\x90\xA1");
  EXPECT_EQ(sanitize("\xff\xc0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(sanitize("ab\xE2\x80\xAE"
                     "cd"),
            "ab<U+202E>cd"); // right-to-left override
  EXPECT_EQ(sanitize("\xC3\xA9t\xC3\xA9"), "\xC3\xA9t\xC3\xA9");
}

TEST(ReportText, ClipCutsOnACharacterBoundary) {
  const std::string S = std::string(9, 'a') + "\xC3\xA9" + std::string(20, 'b');
  const std::string C = clip(S, 10);
  EXPECT_EQ(C.rfind(std::string(9, 'a') + "\xE2\x80\xA6 [", 0), 0u);
  EXPECT_NE(C.find("22 more bytes"), std::string::npos);
  EXPECT_EQ(clip("short", 10), "short");
}

TEST(ReportText, EachFormatEscapes) {
  EXPECT_EQ(htmlEscape("<a href='x'>&\"</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
  EXPECT_EQ(mdEscape("<b>*x*|@me"), "&lt;b&gt;\\*x\\*\\|&#64;me");
  EXPECT_EQ(mdCode("a`b|c"), "``a`b\\|c``");
  EXPECT_EQ(mdCode("`x"), "`` `x ``");
  EXPECT_EQ(mdFence("x ```` y"), "`````");
  EXPECT_EQ(csvField("plain"), "plain");
  EXPECT_EQ(csvField("a,\"b\""), "\"a,\"\"b\"\"\"");
  EXPECT_EQ(csvField("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(csvField("@SUM(A1)"), "'@SUM(A1)");
}

/// An input where every value a writer prints is hostile.
ReportInput hostileInput() {
  ReportInput In = goldenInput();
  const std::string Long(10000, 'A');
  const std::string Evil = std::string("<script>alert(\"x\")</script>'\"&\x1b[2J") +
                           std::string(1, '\0') +
                           "\r\n\x7f</style>]]>``` |pipe| @here =cmd|' /C calc'!A0 "
                           "\xE2\x80\xAE\xFF" +
                           Long;
  In.Opts.Title = "<title>" + Evil;
  for (Finding &F : In.Results.Findings) {
    F.Message = Evil;
    F.Check = "medsec-\"><img src=x onerror=alert(1)>";
    F.Where.File = "src/<script>alert(1)</script>\x01.c";
    F.Cwe = {"CWE-<b>1</b>"};
    F.Clauses = {"ansm:development/dangerous-functions", "ansm:<i>x</i>"};
  }
  In.Sources.clear();
  In.Sources["src/<script>alert(1)</script>\x01.c"] =
      "int a;\n<script>document.write(1)</script>\x1b```\n" + Long + "\n\n\n\n\n\n\n\n\n\n\n\n";
  for (Finding &F : In.Results.Findings)
    if (F.Supp) {
      F.Supp->Justification = Evil;
      F.Supp->Approver = "<img src=//evil.example/x.png>";
      F.Supp->Id = "DEV-`|`";
    }
  In.Results.Fixed[0].Message = Evil;
  In.Results.Fixed[0].File = "<svg onload=alert(1)>";
  In.Results.Units[0].Reason = Evil;
  In.Evidence->Failed = {"<script>x</script>"};
  In.Evidence->Name = "evidence\"><script>.xml";
  return In;
}

TEST(ReportEscaping, HtmlHasOnlyOurMarkup) {
  const std::string Html = renderAll(hostileInput()).at("report.html");
  EXPECT_TRUE(llvm::json::isUTF8(Html));
  EXPECT_EQ(llvm::StringRef(Html).lower().find("<script"), std::string::npos);
  EXPECT_NE(Html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(Html.find("\xE2\x80\xAE"), std::string::npos);
  EXPECT_EQ(Html.find(std::string(2500, 'A')), std::string::npos) << "long value not clipped";
  for (char C : Html)
    EXPECT_FALSE((static_cast<unsigned char>(C) < 0x20 && C != '\n') || C == 0x7f)
        << "raw control character " << int(C);
  const std::set<std::string> Tags = {
      "html",  "head", "meta", "title",   "style",   "body", "header", "h1",
      "h2",    "h3",   "h4",   "p",       "code",    "div",  "nav",    "ol",
      "li",    "a",    "main", "section", "span",    "ul",   "table",  "thead",
      "tbody", "tr",   "th",   "td",      "strong",  "br",   "figure", "figcaption",
      "svg",   "rect", "text", "em",      "article", "pre"};
  const std::set<std::string> Attributes = {
      "lang",      "charset", "http-equiv", "content", "name",  "id",          "class",
      "href",      "style",   "role",       "viewBox", "width", "height",      "font-family",
      "font-size", "xmlns",   "x",          "y",       "fill",  "text-anchor", "scope"};
  llvm::Regex Tag("<(/?)([a-zA-Z0-9]+)([^<>]*)>");
  llvm::Regex Attr("^[ ]+([a-zA-Z-]+)=\"[^\"<>]*\"");
  llvm::StringRef Rest = Html.substr(Html.find("<html"));
  llvm::SmallVector<llvm::StringRef, 4> M;
  unsigned Count = 0;
  while (Tag.match(Rest, &M)) {
    ++Count;
    EXPECT_TRUE(Tags.count(M[2].str())) << "unexpected element <" << M[2].str() << ">";
    llvm::StringRef Attrs = M[3].rtrim("/ ");
    llvm::SmallVector<llvm::StringRef, 2> A;
    while (!Attrs.empty() && Attr.match(Attrs, &A)) {
      EXPECT_TRUE(Attributes.count(A[1].str())) << "unexpected attribute " << A[1].str();
      Attrs = Attrs.substr(A[0].size());
    }
    EXPECT_TRUE(Attrs.trim().empty()) << "unparsed attribute text: " << Attrs.str();
    Rest = Rest.substr(M[0].data() - Rest.data() + M[0].size());
  }
  EXPECT_GT(Count, 500u);
}

/// The line without its code spans (CommonMark: a run of N backticks up to
/// the next run of exactly N), whose content Markdown shows literally.
std::string withoutCodeSpans(llvm::StringRef L) {
  std::string Out;
  for (size_t I = 0; I < L.size();) {
    if (L[I] != '`' || (I > 0 && L[I - 1] == '\\')) {
      Out += L[I++];
      continue;
    }
    const size_t N = L.substr(I).find_first_not_of('`') == llvm::StringRef::npos
                         ? L.size() - I
                         : L.substr(I).find_first_not_of('`');
    size_t J = I + N, Close = llvm::StringRef::npos;
    while (J < L.size()) {
      const size_t Run = L.substr(J).find('`');
      if (Run == llvm::StringRef::npos)
        break;
      J += Run;
      const size_t K = L.substr(J).find_first_not_of('`');
      const size_t Len = K == llvm::StringRef::npos ? L.size() - J : K;
      if (Len == N) {
        Close = J;
        break;
      }
      J += Len;
    }
    if (Close == llvm::StringRef::npos) { // an unmatched run is literal text
      Out += L.substr(I, N).str();
      I += N;
      continue;
    }
    Out += "CODE";
    I = Close + N;
  }
  return Out;
}

/// Cells of a Markdown table row: '|' not escaped by a backslash separate them.
unsigned pipes(llvm::StringRef Line) {
  unsigned N = 0;
  for (size_t I = 0; I < Line.size(); ++I)
    N += Line[I] == '|' && (I == 0 || Line[I - 1] != '\\');
  return N;
}

TEST(ReportEscaping, MarkdownCannotBreakOut) {
  const std::string Md = renderAll(hostileInput()).at("report.md");
  EXPECT_TRUE(llvm::json::isUTF8(Md));
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  llvm::StringRef(Md).split(Lines, '\n');
  unsigned Header = 0;
  bool InFence = false;
  std::string Fence;
  for (llvm::StringRef L : Lines) {
    llvm::StringRef T = L.ltrim();
    if (!InFence && T.starts_with("```")) {
      InFence = true;
      Fence = T.take_while([](char C) { return C == '`'; }).str();
      continue;
    }
    if (InFence) {
      if (T == Fence)
        InFence = false;
      else
        EXPECT_FALSE(T.starts_with(Fence)) << "fence closed early";
      continue;
    }
    // Outside code, the only raw HTML is our own <br>.
    std::string NoBr = withoutCodeSpans(L);
    for (size_t P; (P = NoBr.find("<br>")) != std::string::npos;)
      NoBr.erase(P, 4);
    EXPECT_EQ(NoBr.find('<'), std::string::npos) << L.str().substr(0, 200);
    EXPECT_EQ(NoBr.find("@here"), std::string::npos);
    if (L.starts_with("|")) {
      // GFM splits cells before it parses code spans: pipes must be escaped everywhere.
      if (!Header)
        Header = pipes(L);
      EXPECT_EQ(pipes(L), Header) << "table row with a stray cell: " << L.str().substr(0, 200);
    } else {
      Header = 0;
    }
  }
  EXPECT_FALSE(InFence);
  EXPECT_EQ(Md.find(std::string(2500, 'A')), std::string::npos);
}

/// RFC 4180 reader for the test: rows of fields.
std::vector<std::vector<std::string>> parseCsv(llvm::StringRef S) {
  std::vector<std::vector<std::string>> Rows(1, std::vector<std::string>(1));
  for (size_t I = 0; I < S.size(); ++I) {
    const char C = S[I];
    if (C == '"') {
      for (++I; I < S.size(); ++I) {
        if (S[I] == '"' && I + 1 < S.size() && S[I + 1] == '"')
          Rows.back().back() += '"', ++I;
        else if (S[I] == '"')
          break;
        else
          Rows.back().back() += S[I];
      }
    } else if (C == ',') {
      Rows.back().emplace_back();
    } else if (C == '\r' && I + 1 < S.size() && S[I + 1] == '\n') {
      ++I;
      Rows.emplace_back(1);
    } else {
      Rows.back().back() += C;
    }
  }
  Rows.pop_back(); // after the last CRLF
  return Rows;
}

TEST(ReportEscaping, CsvRoundTripsAndDefusesFormulas) {
  const ReportInput In = hostileInput();
  const auto Files = renderAll(In);
  const auto Rows = parseCsv(Files.at("report.csv"));
  ASSERT_EQ(Rows.size(), 1 + In.Results.Findings.size() + In.Results.Fixed.size());
  for (const auto &R : Rows)
    ASSERT_EQ(R.size(), Rows[0].size());
  EXPECT_EQ(Rows[0][10], "message");
  EXPECT_EQ(Rows[1][10], sanitize(In.Results.Findings[0].Message)); // full text, no clipping
  EXPECT_EQ(Rows[1][7], sanitize("src/<script>alert(1)</script>\x01.c"));
  const auto Trace = parseCsv(Files.at("report-traceability.csv"));
  for (const auto &R : Trace)
    EXPECT_EQ(R.size(), Trace[0].size());
  ReportInput F = goldenInput();
  F.Results.Findings[0].Message = "=1+2";
  EXPECT_EQ(parseCsv(renderAll(F).at("report.csv"))[1][10], "'=1+2");
}

TEST(ReportEscaping, JsonKeepsTheDataExactly) {
  const ReportInput In = hostileInput();
  const std::string Json = renderAll(In).at("report.json");
  auto V = llvm::json::parse(Json);
  ASSERT_TRUE(static_cast<bool>(V)) << llvm::toString(V.takeError());
  const llvm::json::Object *First = (*V->getAsObject()->getArray("findings"))[0].getAsObject();
  const std::string &Sent = In.Results.Findings[0].Message;
  // Only the one invalid byte is replaced (JSON is UTF-8); controls are kept.
  EXPECT_EQ(First->getString("message")->str(), llvm::json::fixUTF8(Sent));
}

// --- third-party components (ThirdParty.cpp) --------------------------------

std::vector<std::string> inventoryStatuses(const ReportModel &M) {
  return {row(M, "ansm:development/third-party")->Status, row(M, "fda-2023:V.A.4")->Status};
}

TEST(ReportThirdParty, InventoryClausesTakeTheirStatusFromTheInventory) {
  ReportInput In = goldenInput();
  ReportModel M = buildReportModel(In);
  EXPECT_EQ(inventoryStatuses(M), (std::vector<std::string>{"inventory-gaps", "inventory-gaps"}));
  EXPECT_EQ(M.InventoryGaps,
            (std::vector<std::string>{
                "the scan is incomplete: the inventory lists only what the analysed units used",
                "1 vendored tree(s) unidentified: declare them in .medsec.yaml 'components'",
                "freertos-kernel: version unknown", "freertos-kernel: support level unknown",
                "lwip: end of support passed", "freertos-kernel: MEDSEC-TEST-0002 unassessed",
                "lwip: MEDSEC-TEST-0001 unassessed"}));
  // Counted as covered (shown by the inventory, with its gaps listed), unlike "no check".
  EXPECT_EQ(M.Guidelines[0].covered(), 3u);

  // A complete scan that used no third-party code: shown, no gap.
  In.Results.Units = {{"src/app/uart.c", UnitStatus::Analysed, "", {}}};
  In.Results.Components.clear();
  In.Results.Unidentified.clear();
  M = buildReportModel(In);
  EXPECT_TRUE(M.InventoryGaps.empty());
  EXPECT_EQ(inventoryStatuses(M), (std::vector<std::string>{"inventory", "inventory"}));

  // Every component with version and support, its known vulnerabilities assessed: shown.
  In = goldenInput();
  In.Results.Units = {{"src/app/uart.c", UnitStatus::Analysed, "", {}}};
  In.Results.Unidentified.clear();
  In.Results.Components.erase(In.Results.Components.begin(), In.Results.Components.begin() + 2);
  ASSERT_EQ(In.Results.Components[0].Id, "mbedtls");
  M = buildReportModel(In);
  EXPECT_EQ(M.InventoryGaps, std::vector<std::string>{});
  EXPECT_EQ(inventoryStatuses(M), (std::vector<std::string>{"inventory", "inventory"}));
  ASSERT_EQ(M.Components[0].Vulns.size(), 1u);
  EXPECT_EQ(M.Components[0].Vulns[0].State, "not_affected");
  // Without a vulnerability file, nothing says its vulnerabilities were looked at: a gap.
  In.Vulnerabilities.reset();
  M = buildReportModel(In);
  EXPECT_EQ(M.InventoryGaps, std::vector<std::string>{"known vulnerabilities not assessed: no "
                                                      "vulnerability file given (medsec report "
                                                      "--vulnerabilities)"});
  EXPECT_EQ(inventoryStatuses(M), (std::vector<std::string>{"inventory-gaps", "inventory-gaps"}));

  // Results of a medsec without the inventory: nothing to show, and not counted as covered.
  In.Results.InventoryRecorded = false;
  M = buildReportModel(In);
  EXPECT_EQ(inventoryStatuses(M), (std::vector<std::string>{"no-inventory", "no-inventory"}));
  EXPECT_EQ(M.Guidelines[0].covered(), 2u);
  const auto Files = renderReports(M, reportFormats());
  for (const auto &[Name, Text] : Files)
    if (Name == "report.md" || Name == "report.html")
      EXPECT_NE(Text.find("No component inventory"), std::string::npos) << Name;
}

TEST(ReportThirdParty, ComponentFlagsAgainstTheReportDate) {
  ReportInput In = goldenInput();
  In.Opts.Date = "2026-01-31"; // the last day of lwIP's declared support: not passed yet
  ReportModel M = buildReportModel(In);
  ASSERT_EQ(M.Components.size(), 3u);
  EXPECT_EQ(M.Components[1].C.Id, "lwip");
  EXPECT_TRUE(M.Components[1].Flags.empty());
  In.Opts.Date = "2026-02-01";
  M = buildReportModel(In);
  EXPECT_EQ(M.Components[1].Flags, std::vector<std::string>{"end of support passed"});
  EXPECT_EQ(M.Components[0].Basis, "unknown: no version macro seen and none declared");
  EXPECT_EQ(M.Components[2].Basis, "macro: MBEDTLS_VERSION_STRING = 3.6.0 "
                                   "(src/third_party/mbedtls/include/mbedtls/build_info.h:29)");
  // Declared in .medsec.yaml: said so, with where.
  In.Results.Components[0].Version = "11.1.0";
  In.Results.Components[0].VersionBasis = "declared";
  In.Results.Components[0].Evidence = {{"FREERTOS", "11.1.0", ".medsec.yaml", 12}};
  In.Results.Components[0].Support = "end-of-life";
  M = buildReportModel(In);
  EXPECT_EQ(M.Components[0].Basis, "declared (.medsec.yaml:12)");
  EXPECT_EQ(M.Components[0].Flags, std::vector<std::string>{"end of life"});
}

/// An SBOM text listing (name, version) as `medsec sbom` writes its components.
std::string cycloneDx(const std::vector<std::pair<std::string, std::string>> &Libs) {
  llvm::json::Array C;
  for (const auto &[Name, Version] : Libs)
    C.push_back(llvm::json::Object{
        {"bom-ref", "medsec:component/" + Name}, {"name", Name}, {"version", Version}});
  return llvm::formatv("{0}", llvm::json::Value(llvm::json::Object{{"bomFormat", "CycloneDX"},
                                                                   {"specVersion", "1.6"},
                                                                   {"components", std::move(C)}}))
      .str();
}

TEST(ReportThirdParty, SbomFilesAreComparedWithTheScanAndHashed) {
  ReportInput In = goldenInput();
  const std::string Same =
      cycloneDx({{"FreeRTOS Kernel", ""}, {"lwIP", "2.1.3"}, {"Mbed TLS", "3.6.0"}});
  const std::string Older =
      cycloneDx({{"FreeRTOS Kernel", ""}, {"lwIP", "2.1.3"}, {"Mbed TLS", "3.5.2"}});
  const std::string Spdx = R"({"spdxVersion": "SPDX-2.3", "packages": [
    {"SPDXID": "SPDXRef-Package-lwip", "name": "lwIP", "versionInfo": "2.1.3",
     "primaryPackagePurpose": "LIBRARY"},
    {"SPDXID": "SPDXRef-Firmware", "name": "IP-400", "primaryPackagePurpose": "FIRMWARE"}]})";
  In.Sboms = {{"same.cdx.json", Same},
              {"older.cdx.json", Older},
              {"lwip.spdx.json", Spdx},
              {"notes.txt", "not json"}};
  const ReportModel M = buildReportModel(In);
  ASSERT_EQ(M.Sboms.size(), 4u);
  EXPECT_EQ(M.Sboms[0].Format, "CycloneDX 1.6");
  EXPECT_EQ(M.Sboms[0].Components, 3u);
  EXPECT_EQ(M.Sboms[0].State, "matches the scan");
  EXPECT_EQ(M.Sboms[0].Sha256, rules::sha256Hex(Same));
  EXPECT_EQ(M.Sboms[1].State,
            "differs from the scan: missing Mbed TLS 3.6.0; not in the scan Mbed TLS 3.5.2");
  EXPECT_EQ(M.Sboms[2].Format, "SPDX 2.3");
  EXPECT_EQ(M.Sboms[2].Components, 1u); // the firmware package is not a library
  EXPECT_EQ(M.Sboms[2].State,
            "differs from the scan: missing FreeRTOS Kernel (no version), Mbed TLS 3.6.0");
  EXPECT_EQ(M.Sboms[3].Format, "not an SBOM");
  const auto Files = renderReports(M, reportFormats());
  for (const auto &[Name, Text] : Files)
    if (Name == "report.md" || Name == "report.html" || Name == "report.json")
      EXPECT_NE(Text.find(rules::sha256Hex(Older)), std::string::npos) << Name;
}

TEST(ReportModel, FindingsAndTheirInputsPointAtEachOther) {
  ReportInput In = goldenInput();
  In.Results.Checks.push_back("medsec-tainted-array-index");
  ExternalInput Uart{{"src/app/uart.c", 12, 3}, "HAL_UART_Receive", "call", "uart", false, 2};
  ExternalInput Reg{{"src/app/uart.c", 30, 10}, "USART2->DR", "register", "uart", true, 0};
  In.Results.AttackSurface = {Uart, Reg};
  // Both findings came through the UART receive; the second also through an
  // input the results do not list (it must stay text, not a dead link).
  In.Results.Findings[0].Inputs = {{Uart.Where, Uart.Name}};
  In.Results.Findings[1].Inputs = {{Uart.Where, Uart.Name}, {{"src/other.c", 1, 1}, "rx"}};
  const ReportModel M = buildReportModel(In);
  ASSERT_EQ(M.InputFindings.size(), 2u);
  std::vector<std::string> Fed; // the two findings, in report order
  for (const FindingView &F : M.Findings)
    if (F.Id == In.Results.Findings[0].Fingerprint || F.Id == In.Results.Findings[1].Fingerprint)
      Fed.push_back(F.Id);
  ASSERT_EQ(Fed.size(), 2u);
  EXPECT_EQ(M.InputFindings[0], Fed);
  EXPECT_TRUE(M.InputFindings[1].empty());
  const FindingView &Second =
      *std::find_if(M.Findings.begin(), M.Findings.end(), [&](const FindingView &F) {
        return F.Id == In.Results.Findings[1].Fingerprint;
      });
  ASSERT_EQ(Second.Inputs.size(), 2u);
  EXPECT_EQ(Second.Inputs[0].Row, 0);
  EXPECT_EQ(Second.Inputs[1].Row, -1);

  const auto Files = renderAll(In);
  const std::string &Html = Files.at("report.html");
  EXPECT_NE(Html.find("<tr id=\"in-1\"><td><code>src/app/uart.c:12:3</code>"), std::string::npos);
  EXPECT_NE(Html.find("<tr id=\"in-2\">"), std::string::npos);
  for (const std::string &Id : Fed)
    EXPECT_NE(Html.find("<a href=\"#f-" + Id + "\">"), std::string::npos) << Id;
  EXPECT_NE(Html.find("external data from: <a href=\"#in-1\"><code>src/app/uart.c:12:3</code> "
                      "<code>HAL_UART_Receive</code></a>, <code>src/other.c:1:1</code> "
                      "<code>rx</code></div>"),
            std::string::npos);
  EXPECT_EQ(Html.find("href=\"#in-2\""), std::string::npos); // it feeds nothing
  const std::string &Md = Files.at("report.md");
  EXPECT_NE(
      Md.find("| `src/app/uart.c:12:3` | `HAL_UART_Receive` | call | uart | catalogued | 2 `" +
              Fed[0] + "` `" + Fed[1] + "` |"),
      std::string::npos);
  EXPECT_NE(Md.find("  external data from: `src/app/uart.c:12:3` `HAL_UART_Receive`, "
                    "`src/other.c:1:1` `rx`\n"),
            std::string::npos);
  EXPECT_NE(
      Files.at("report.csv").find(",src/app/uart.c:12:3 HAL_UART_Receive;src/other.c:1:1 rx\r\n"),
      std::string::npos);
  auto Json = llvm::json::parse(Files.at("report.json"));
  ASSERT_TRUE(static_cast<bool>(Json));
  const llvm::json::Array *Inputs =
      Json->getAsObject()->getObject("attackSurface")->getArray("inputs");
  ASSERT_EQ(Inputs->size(), 2u);
  EXPECT_EQ((*(*Inputs)[0].getAsObject()->getArray("feeds")).size(), 2u);
  // French words, the same links.
  ReportInput Fr = In;
  Fr.Text = *Messages::load(defaultMessagesDir(""), "fr");
  const std::string FrHtml = renderAll(Fr).at("report.html");
  EXPECT_NE(FrHtml.find("données externes venant de : <a href=\"#in-1\">"), std::string::npos);
}

} // namespace
