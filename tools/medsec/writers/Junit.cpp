//===- Junit.cpp - JUnit XML writer ---------------------------------------===//
#include "Writers.h"

#include <map>
#include <set>

namespace medsec {
namespace {

/// XML-escapes text, and replaces characters XML 1.0 cannot carry at all.
std::string xml(const std::string &S) {
  std::string Out;
  for (unsigned char C : S) {
    switch (C) {
    case '&':
      Out += "&amp;";
      break;
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '"':
      Out += "&quot;";
      break;
    case '\'':
      Out += "&apos;";
      break;
    default:
      if (C < 0x20 && C != '\t' && C != '\n' && C != '\r')
        Out += "?";
      else
        Out.push_back(static_cast<char>(C));
    }
  }
  return Out;
}

} // namespace

std::string writeJunit(const ScanResults &R, const rules::Catalogue &Cat) {
  std::set<std::string> Checks(R.Checks.begin(), R.Checks.end());
  // Open findings in test code fail a check's test case only when the gate
  // counts them (--fail-on-test-code); else they are listed as its output.
  std::map<std::string, std::vector<const Finding *>> Open, OpenInTests;
  for (const Finding &F : R.Findings) {
    Checks.insert(F.Check);
    if (F.isOpen())
      (F.TestCode && !R.Policy.FailOnTestCode ? OpenInTests : Open)[F.Check].push_back(&F);
  }
  auto Line = [](const Finding &F) {
    return xml(F.Where.File + ":" + std::to_string(F.Where.Line) + ":" +
               std::to_string(F.Where.Column) + ": " + rules::severityName(F.Sev) + ": " +
               (F.TestCode ? "test code: " : "") + F.Message) +
           "\n";
  };
  unsigned CheckFailures = 0, UnitErrors = 0;
  for (const std::string &C : Checks)
    CheckFailures += Open.count(C) ? 1 : 0;
  for (const UnitResult &U : R.Units)
    UnitErrors += (U.Status != UnitStatus::Analysed && U.Status != UnitStatus::Excluded) ? 1 : 0;

  std::string X = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  X += "<testsuites name=\"medsec\" tests=\"" + std::to_string(Checks.size() + R.Units.size()) +
       "\" failures=\"" + std::to_string(CheckFailures) + "\" errors=\"" +
       std::to_string(UnitErrors) + "\">\n";
  X += "  <testsuite name=\"medsec.checks\" tests=\"" + std::to_string(Checks.size()) +
       "\" failures=\"" + std::to_string(CheckFailures) + "\" errors=\"0\">\n";
  for (const std::string &C : Checks) {
    const rules::CheckEntry *E = Cat.findCheck(C);
    X += "    <testcase classname=\"medsec.checks\" name=\"" + xml(C) + "\"";
    auto It = Open.find(C);
    auto InTests = OpenInTests.find(C);
    if (It == Open.end() && InTests == OpenInTests.end()) {
      X += "/>\n";
      continue;
    }
    X += ">\n";
    if (It != Open.end()) {
      X += "      <failure message=\"" + std::to_string(It->second.size()) + " open finding(s)" +
           (E ? ": " + xml(E->Title) : std::string()) + "\" type=\"" + xml(C) + "\">";
      for (const Finding *F : It->second)
        X += Line(*F);
      X += "</failure>\n";
    }
    if (InTests != OpenInTests.end()) {
      X += "      <system-out>" + std::to_string(InTests->second.size()) +
           " open finding(s) in test code, outside the gate\n";
      for (const Finding *F : InTests->second)
        X += Line(*F);
      X += "</system-out>\n";
    }
    X += "    </testcase>\n";
  }
  X += "  </testsuite>\n";
  X += "  <testsuite name=\"medsec.units\" tests=\"" + std::to_string(R.Units.size()) +
       "\" failures=\"0\" errors=\"" + std::to_string(UnitErrors) + "\">\n";
  for (const UnitResult &U : R.Units) {
    X += "    <testcase classname=\"medsec.units\" name=\"" + xml(U.File) + "\"";
    if (U.Status == UnitStatus::Analysed) {
      X += "/>\n";
    } else if (U.Status == UnitStatus::Excluded) {
      X += ">\n      <skipped message=\"" + xml(U.Reason) + "\"/>\n    </testcase>\n";
    } else {
      X += ">\n      <error message=\"not analysed: " + std::string(unitStatusName(U.Status)) +
           "\" type=\"" + unitStatusName(U.Status) + "\">" + xml(U.Reason) +
           "</error>\n    </testcase>\n";
    }
  }
  X += "  </testsuite>\n</testsuites>\n";
  return X;
}

} // namespace medsec
