//===- GateTest.cpp - NOLINT comments, deviations, baselines, policy -------===//
#include "Gate.h"
#include "Suppressions.h"

#include <gtest/gtest.h>

using namespace medsec;

namespace {

const char *const Check = "medsec-banned-functions";

TEST(Nolint, SameLineWithReason) {
  auto N = findNolint("a\nstrcpy(d, s); // NOLINT(medsec-banned-functions): bounded by caller\n", 2,
                      Check);
  ASSERT_TRUE(N);
  EXPECT_EQ(N->Line, 2u);
  EXPECT_EQ(N->Justification, "bounded by caller");
}

TEST(Nolint, NextLineAndBlockComments) {
  auto N =
      findNolint("/* NOLINTNEXTLINE(medsec-*) - reviewed in DEV-7 */\nstrcpy(d, s);\n", 2, Check);
  ASSERT_TRUE(N);
  EXPECT_EQ(N->Line, 1u);
  EXPECT_EQ(N->Justification, "reviewed in DEV-7");
}

// The reason of a NOLINT in a /* */ comment ends at the comment's end: the
// code after it is not recorded as the justification.
TEST(Nolint, BlockCommentReasonStopsAtItsEnd) {
  auto N = findNolint("strcpy(d, s); /* NOLINT(medsec-banned-functions): sized */ x = y; // z\n", 1,
                      Check);
  ASSERT_TRUE(N);
  EXPECT_EQ(N->Justification, "sized");
  N = findNolint("/* NOLINTNEXTLINE(medsec-*) */ int k = 0;\nstrcpy(d, s);\n", 2, Check);
  ASSERT_TRUE(N);
  EXPECT_EQ(N->Justification, "");
  // In a line comment a '*/' is text of the reason, and a closed block
  // comment before it changes nothing.
  N = findNolint("/* a */ strcpy(d, s); // NOLINT: ends with */ here\n", 1, Check);
  ASSERT_TRUE(N);
  EXPECT_EQ(N->Justification, "ends with */ here");
}

TEST(Nolint, OtherChecksDoNotCover) {
  EXPECT_FALSE(findNolint("strcpy(d, s); // NOLINT(bugprone-foo): x\n", 1, Check));
  EXPECT_TRUE(findNolint("strcpy(d, s); // NOLINT\n", 1, Check)); // no list: every check
  EXPECT_FALSE(findNolint("strcpy(d, s); // NOLINT(medsec-banned\n", 1, Check));
}

TEST(Nolint, BeginEndRegion) {
  const char *Text = "// NOLINTBEGIN(medsec-banned-functions): vendor code\nstrcpy(a, b);\n"
                     "// NOLINTEND(medsec-banned-functions)\nstrcpy(c, d);\n";
  auto In = findNolint(Text, 2, Check);
  ASSERT_TRUE(In);
  EXPECT_EQ(In->Justification, "vendor code");
  EXPECT_FALSE(findNolint(Text, 4, Check));
}

TEST(Nolint, MissingReasonIsEmpty) {
  auto N = findNolint("strcpy(d, s); // NOLINT(medsec-banned-functions)\n", 1, Check);
  ASSERT_TRUE(N);
  EXPECT_EQ(N->Justification, "");
}

Finding finding(unsigned Line, const std::string &Severity, const std::string &Fp) {
  Finding F;
  F.Check = Check;
  F.Sev = *rules::parseSeverity(Severity);
  F.Where = {"src/a.c", Line, 1};
  F.Fingerprint = Fp;
  return F;
}

TEST(Gate, SeverityThresholdNewOnlyAndIncomplete) {
  ScanResults R;
  R.Findings = {finding(1, "low", "v1:a"), finding(2, "high", "v1:b")};
  R.Units = {{"src/a.c", UnitStatus::Analysed, "", {}}};
  GateOptions O;
  O.FailOn = Severity::Medium;
  applyGate(R, O);
  EXPECT_EQ(R.Policy.ExitCode, 1);
  O.Baseline = std::vector<BaselineEntry>{{"v1:b", Check, "src/a.c", "m", "", "", ""},
                                          {"v1:gone", Check, "src/b.c", "old", "", "", ""}};
  O.NewOnly = true;
  applyGate(R, O);
  EXPECT_EQ(R.Policy.ExitCode, 0);
  EXPECT_EQ(R.Findings[1].Baseline, BaselineState::Unchanged);
  ASSERT_EQ(R.Fixed.size(), 1u);
  EXPECT_EQ(R.Fixed[0].Fingerprint, "v1:gone");
  R.Units.push_back({"src/b.c", UnitStatus::Crashed, "signal 11", {}});
  applyGate(R, O);
  EXPECT_EQ(R.Policy.ExitCode, 3);
  O.FailOnIncomplete = false;
  applyGate(R, O);
  EXPECT_EQ(R.Policy.ExitCode, 0);
}

// Findings in test code are outside the gate unless --fail-on-test-code; a
// product finding beside them still fails.
TEST(Gate, TestCodeFailsOnlyWhenAskedFor) {
  ScanResults R;
  R.Findings = {finding(1, "high", "v1:a")};
  R.Findings[0].TestCode = true;
  R.Units = {{"src/a.c", UnitStatus::Analysed, "", {}}};
  GateOptions O;
  applyGate(R, O);
  EXPECT_EQ(R.Policy.ExitCode, 0);
  EXPECT_FALSE(R.Policy.FailOnTestCode);
  O.FailOnTestCode = true;
  applyGate(R, O);
  EXPECT_EQ(R.Policy.ExitCode, 1);
  EXPECT_TRUE(R.Policy.FailOnTestCode);
  O.FailOnTestCode = false;
  R.Findings.push_back(finding(2, "low", "v1:b"));
  applyGate(R, O);
  EXPECT_EQ(R.Policy.ExitCode, 1);
}

TEST(Gate, DeviationByPathAndExpiry) {
  ScanResults R;
  R.Findings = {finding(1, "high", "v1:a")};
  rules::Deviation D;
  D.Id = "DEV-1";
  D.Check = Check;
  D.Path = "src/*.c";
  D.Status = "false-positive";
  D.Justification = "sized by caller";
  D.Approver = "QA";
  D.Date = "2026-01-01";
  D.Expires = "2026-02-01";
  GateOptions O;
  O.Deviations = {D};
  O.Today = "2026-01-15";
  applyGate(R, O);
  EXPECT_EQ(R.Findings[0].Status, FindingStatus::FalsePositive);
  EXPECT_EQ(R.Findings[0].Supp->Status, SuppressionStatus::FalsePositive);
  O.Today = "2026-02-02";
  R.Findings[0].Status = FindingStatus::Open;
  applyGate(R, O);
  EXPECT_EQ(R.Findings[0].Status, FindingStatus::Open);
  EXPECT_EQ(R.Findings[0].Supp->Status, SuppressionStatus::Rejected);
  EXPECT_EQ(R.Findings[0].Supp->Problem, "expired on 2026-02-01");
}

TEST(Dates, OnlyRealCalendarDates) {
  for (const char *Good : {"2026-01-31", "2028-02-29", "2000-02-29", "2026-12-31"})
    EXPECT_TRUE(rules::isCalendarDate(Good)) << Good;
  for (const char *Bad :
       {"2027-02-30", "2027-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10",
        "2026-01-00", "tomorrow", "01/06/2026", "2026-1-1", "2026-01-01 ", ""})
    EXPECT_FALSE(rules::isCalendarDate(Bad)) << Bad;
}

TEST(Deviations, BlankFieldsAndImpossibleDatesAreRejected) {
  std::vector<rules::Deviation> Out;
  std::vector<rules::Problem> Problems;
  rules::loadDeviationsText("deviations:\n"
                            "  - id: DEV-1\n    check: medsec-banned-functions\n"
                            "    status: accepted\n    justification: \"   \"\n"
                            "    approver: QA\n    date: 2026-01-01\n"
                            "  - id: DEV-2\n    check: medsec-banned-functions\n"
                            "    status: accepted\n    justification: sized by caller\n"
                            "    approver: QA\n    date: 2026-01-01\n    expires: 2027-02-30\n",
                            "dev.yaml", Out, Problems);
  std::vector<std::string> Got;
  for (const rules::Problem &P : Problems)
    Got.push_back(P.str());
  EXPECT_EQ(Got, (std::vector<std::string>{
                     "dev.yaml:2:5: error: deviation 'DEV-1' has no 'justification' (it is blank)",
                     "dev.yaml:14:14: error: 'expires' must be a date like 2026-12-31, found "
                     "'2027-02-30'"}));
  EXPECT_TRUE(Out.empty());
}

} // namespace
