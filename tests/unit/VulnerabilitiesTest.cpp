// Known vulnerabilities (CycloneDX VEX, OSV) matched to the scan's components
// (tools/medsec/Vulnerabilities.cpp, docs/sbom.md).
#include "Vulnerabilities.h"

#include <gtest/gtest.h>

using namespace medsec;

namespace {

std::vector<ComponentResult> components() {
  ComponentResult Mbed;
  Mbed.Id = "mbedtls";
  Mbed.Name = "Mbed TLS";
  Mbed.Version = "3.6.0";
  Mbed.Purl = "pkg:github/Mbed-TLS/mbedtls@v3.6.0";
  Mbed.Cpe = "cpe:2.3:a:arm:mbed_tls:3.6.0:*:*:*:*:*:*:*";
  ComponentResult Lwip;
  Lwip.Id = "lwip";
  Lwip.Name = "lwIP";
  Lwip.Version = "2.1.3";
  Lwip.Purl = "pkg:generic/lwip@2.1.3";
  ComponentResult Rtos; // no version: a record may affect it
  Rtos.Id = "freertos-kernel";
  Rtos.Name = "FreeRTOS Kernel";
  Rtos.Purl = "pkg:github/FreeRTOS/FreeRTOS-Kernel";
  return {Rtos, Lwip, Mbed};
}

VulnerabilityData match(const std::vector<std::pair<std::string, std::string>> &Files) {
  auto D = matchVulnerabilities(Files, components());
  EXPECT_TRUE(bool(D)) << llvm::toString(D.takeError());
  return D ? std::move(*D) : VulnerabilityData();
}

std::string error(const std::vector<std::pair<std::string, std::string>> &Files) {
  auto D = matchVulnerabilities(Files, components());
  if (D)
    return "no error";
  return llvm::toString(D.takeError());
}

std::string vex(const std::string &Vulns) {
  return R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "vulnerabilities": [)" + Vulns + "]}";
}

const Vulnerability *find(const VulnerabilityData &D, const std::string &Component,
                          const std::string &Id) {
  for (const Vulnerability &V : D.Matched)
    if (V.Component == Component && V.Id == Id)
      return &V;
  return nullptr;
}

TEST(Versions, CompareNumberByNumberWithPreReleasesFirst) {
  EXPECT_LT(compareVersions("3.9", "3.10"), 0);
  EXPECT_EQ(compareVersions("v3.6.0", "3.6"), 0);
  EXPECT_GT(compareVersions("V11.1.0", "11.0.9"), 0);
  EXPECT_LT(compareVersions("3.6.0-rc1", "3.6.0"), 0);
  EXPECT_LT(compareVersions("2.2.0d", "2.2.0"), 0); // lwIP development snapshot
  EXPECT_GT(compareVersions("2.2.0", "2.1.99"), 0);
}

TEST(Versions, VersRanges) {
  EXPECT_EQ(versionInRange("3.6.0", "vers:generic/>=3.2.0|<3.6.1"), true);
  EXPECT_EQ(versionInRange("3.6.1", "vers:generic/>=3.2.0|<3.6.1"), false);
  EXPECT_EQ(versionInRange("3.1.9", "vers:generic/>=3.2.0|<3.6.1"), false);
  EXPECT_EQ(versionInRange("2.28.8", "vers:generic/<2.28.9|>=3.0.0|<3.6.1"), true);
  EXPECT_EQ(versionInRange("2.28.9", "vers:generic/<2.28.9|>=3.0.0|<3.6.1"), false);
  EXPECT_EQ(versionInRange("3.5.2", "vers:generic/<2.28.9|>=3.0.0|<3.6.1"), true);
  EXPECT_EQ(versionInRange("3.6.0", "vers:generic/>=3.0.0|!=3.6.0|<3.7.0"), false);
  EXPECT_EQ(versionInRange("4.0.0", "vers:generic/>=3.0.0"), true);
  EXPECT_EQ(versionInRange("1.0", "vers:generic/*"), true);
  EXPECT_EQ(versionInRange("3.6.0", "3.6.0"), true);
  EXPECT_EQ(versionInRange("3.6.1", "3.6.0"), false);
  // Unreadable: said so, never a silent "not in range".
  for (const char *Bad : {">=3.0.0", "3.x, 4.x", "vers:>=3", "vers:generic/", "vers:generic/>=",
                          "vers:generic/>=latest", "2.x", "vers:generic/>=3.x", ""})
    EXPECT_EQ(versionInRange("3.6.0", Bad), std::nullopt) << Bad;
}

TEST(Vex, MatchesByPurlCpeAndBomRefWithTheTeamsAssessment) {
  const VulnerabilityData D = match({{"a.cdx.json", vex(R"(
    {"id": "CVE-2024-45159", "ratings": [{"severity": "Medium"}],
     "affects": [{"ref": "pkg:github/Mbed-TLS/mbedtls",
                  "versions": [{"range": "vers:generic/>=3.2.0|<3.6.1"}]}],
     "analysis": {"state": "not_affected", "justification": "requires_configuration",
                  "detail": "TLS client only"}},
    {"id": "CVE-2024-28755",
     "affects": [{"ref": "pkg:github/Mbed-TLS/mbedtls",
                  "versions": [{"range": "vers:generic/>=3.5.0|<3.6.0"}]}],
     "analysis": {"state": "resolved"}},
    {"id": "CVE-2099-0001",
     "affects": [{"ref": "cpe:2.3:a:arm:mbed_tls:3.6.0:*:*:*:*:*:*:*"}]},
    {"id": "CVE-2099-0002", "affects": [{"ref": "cpe:2.3:a:arm:mbed_tls:3.5.0:*:*:*:*:*:*:*"}]},
    {"id": "CVE-2099-0003", "affects": [{"ref": "urn:cdx:1234/1#medsec:component/lwip"}],
     "analysis": {"state": "exploitable", "response": ["update"]}},
    {"id": "CVE-2099-0004", "affects": [{"ref": "pkg:github/FreeRTOS/FreeRTOS-Kernel",
                  "versions": [{"range": "vers:generic/<10.4.3"}]}]}
  )")}});
  ASSERT_EQ(D.Files.size(), 1u);
  EXPECT_EQ(D.Files[0].Format, "CycloneDX VEX 1.6");
  EXPECT_EQ(D.Files[0].Records, 6u);
  const Vulnerability *V = find(D, "mbedtls", "CVE-2024-45159");
  ASSERT_TRUE(V);
  EXPECT_EQ(V->State, "not_affected");
  EXPECT_EQ(V->Justification, "requires_configuration");
  EXPECT_EQ(V->Severity, "medium");
  EXPECT_EQ(V->MatchedBy, "purl");
  EXPECT_TRUE(V->flags().empty());
  // Fixed before 3.6.0: not this version, listed as unmatched, not dropped.
  EXPECT_FALSE(find(D, "mbedtls", "CVE-2024-28755"));
  EXPECT_EQ(D.Unmatched, (std::vector<std::string>{
                             "CVE-2024-28755 (pkg:github/Mbed-TLS/mbedtls)",
                             "CVE-2099-0002 (cpe:2.3:a:arm:mbed_tls:3.5.0:*:*:*:*:*:*:*)"}));
  V = find(D, "mbedtls", "CVE-2099-0001");
  ASSERT_TRUE(V);
  EXPECT_EQ(V->MatchedBy, "cpe");
  EXPECT_EQ(V->flags(), std::vector<std::string>{"unassessed"});
  V = find(D, "lwip", "CVE-2099-0003");
  ASSERT_TRUE(V);
  EXPECT_EQ(V->MatchedBy, "bom-ref");
  EXPECT_EQ(V->State, "affected");
  EXPECT_EQ(cycloneDxState(V->State), "exploitable");
  EXPECT_TRUE(V->flags().empty()); // affected, with a response
  // The kernel's version is unknown: it may be affected, and the record says so.
  V = find(D, "freertos-kernel", "CVE-2099-0004");
  ASSERT_TRUE(V);
  EXPECT_EQ(V->Affected, "vers:generic/<10.4.3 (component version unknown)");
}

TEST(Vex, AssessmentsThatMustStandOut) {
  const VulnerabilityData D = match({{"a.cdx.json", vex(R"(
    {"id": "CVE-2099-0010", "affects": [{"ref": "pkg:generic/lwip"}],
     "analysis": {"state": "not_affected"}},
    {"id": "CVE-2099-0011", "affects": [{"ref": "pkg:generic/lwip"}],
     "analysis": {"state": "exploitable"}},
    {"id": "CVE-2099-0012", "affects": [{"ref": "pkg:generic/lwip"}],
     "analysis": {"state": "in_triage"}}
  )")},
                                     {"b.cdx.json", vex(R"(
    {"id": "CVE-2099-0011", "affects": [{"ref": "pkg:generic/lwip"}],
     "analysis": {"state": "resolved"}}
  )")}});
  EXPECT_EQ(find(D, "lwip", "CVE-2099-0010")->flags(),
            std::vector<std::string>{"not affected without justification"});
  EXPECT_EQ(find(D, "lwip", "CVE-2099-0011")->flags(),
            (std::vector<std::string>{"conflicting assessments: affected in a.cdx.json, fixed in "
                                      "b.cdx.json",
                                      "affected, no response"}));
  EXPECT_EQ(find(D, "lwip", "CVE-2099-0011")->Sources,
            (std::vector<std::string>{"a.cdx.json", "b.cdx.json"}));
  EXPECT_EQ(find(D, "lwip", "CVE-2099-0012")->flags(),
            std::vector<std::string>{"under investigation"});
}

TEST(Osv, RecordsMatchByPurlAndRangeAndTakeTheVexAssessmentOfAnAlias) {
  const std::string Osv = R"([
    {"id": "GHSA-xxxx-0001", "aliases": ["CVE-2024-45159"], "summary": "TLS 1.3 client auth",
     "database_specific": {"severity": "MODERATE"},
     "affected": [{"package": {"purl": "pkg:github/Mbed-TLS/mbedtls"},
                   "ranges": [{"type": "SEMVER", "events": [{"introduced": "3.2.0"},
                                                             {"fixed": "3.6.1"}]}]}]},
    {"id": "OSV-2099-0002",
     "affected": [{"package": {"purl": "pkg:github/Mbed-TLS/mbedtls"},
                   "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"},
                                                             {"fixed": "2.28.9"},
                                                             {"introduced": "3.0.0"},
                                                             {"last_affected": "3.5.2"}]}]}]},
    {"id": "OSV-2099-0003",
     "affected": [{"package": {"ecosystem": "Debian", "name": "lwip"}, "versions": ["2.1.3"]}]},
    {"id": "OSV-2099-0004",
     "affected": [{"package": {"purl": "pkg:generic/lwip"},
                   "ranges": [{"type": "GIT", "events": [{"introduced": "0"}]}]}]}
  ])";
  const VulnerabilityData D = match({{"osv.json", Osv}, {"team.cdx.json", vex(R"(
    {"id": "CVE-2024-45159", "affects": [{"ref": "pkg:github/Mbed-TLS/mbedtls"}],
     "analysis": {"state": "not_affected", "justification": "code_not_reachable"}})")}});
  ASSERT_EQ(D.Files.size(), 2u);
  EXPECT_EQ(D.Files[0].Format, "OSV");
  EXPECT_EQ(D.Files[0].Records, 4u);
  // One vulnerability, under the id the team assessed, the OSV record's id an alias.
  ASSERT_EQ(D.Matched.size(), 2u);
  const Vulnerability *V = find(D, "mbedtls", "CVE-2024-45159");
  ASSERT_TRUE(V);
  EXPECT_EQ(V->Aliases, std::vector<std::string>{"GHSA-xxxx-0001"});
  EXPECT_EQ(V->Summary, "TLS 1.3 client auth");
  EXPECT_EQ(V->State, "not_affected");
  EXPECT_EQ(V->Severity, "medium");
  EXPECT_EQ(V->Affected, ">=3.2.0, <3.6.1");
  EXPECT_EQ(V->Sources, (std::vector<std::string>{"osv.json", "team.cdx.json"}));
  EXPECT_FALSE(find(D, "mbedtls", "OSV-2099-0002")); // 3.6.0 is after last_affected 3.5.2
  V = find(D, "lwip", "OSV-2099-0003");
  ASSERT_TRUE(V);
  EXPECT_EQ(V->MatchedBy, "name");
  // Git commit ranges say nothing about a version: unmatched, listed.
  EXPECT_EQ(D.Unmatched, (std::vector<std::string>{"OSV-2099-0002 (pkg:github/Mbed-TLS/mbedtls)",
                                                   "OSV-2099-0004 (pkg:generic/lwip)"}));
}

TEST(Vex, BadFilesSayWhereAndWhat) {
  EXPECT_EQ(error({{"v.json", "{"}}).rfind("v.json: not JSON", 0), 0u);
  EXPECT_EQ(error({{"v.json", R"({"hello": 1})"}}),
            "v.json: neither a CycloneDX document (bomFormat \"CycloneDX\" with "
            "'vulnerabilities') nor OSV records ('id' and 'affected')");
  EXPECT_EQ(error({{"v.json", R"({"bomFormat": "CycloneDX", "specVersion": "1.6"})"}}),
            "v.json: a CycloneDX document without 'vulnerabilities'");
  EXPECT_EQ(error({{"v.json", vex(R"({"affects": [{"ref": "pkg:generic/lwip"}]})")}}),
            "v.json: vulnerabilities[0]: no 'id'; give the CVE, GHSA or OSV id");
  EXPECT_EQ(error({{"v.json", vex(R"({"id": "X"})")}}),
            "v.json: vulnerabilities[0]: no 'affects'; name the component by purl, CPE or "
            "bom-ref");
  EXPECT_EQ(error({{"v.json", vex(R"({"id": "X", "affects": [{"ref": "pkg:generic/lwip"}],
                               "analysis": {"state": "fine"}})")}})
                .rfind("v.json: vulnerabilities[0].analysis.state: unknown state 'fine'", 0),
            0u);
  EXPECT_EQ(
      error({{"v.json", vex(R"({"id": "X", "affects": [{"ref": "pkg:generic/lwip"}],
                               "analysis": {"state": "not_affected", "justification": "meh"}})")}})
          .rfind("v.json: vulnerabilities[0].analysis.justification: unknown justification", 0),
      0u);
  EXPECT_EQ(error({{"v.json", vex(R"({"id": "X", "affects": [{"ref": "pkg:generic/lwip"}],
                               "analysis": {"state": "exploitable", "response": ["pray"]}})")}}),
            "v.json: vulnerabilities[0].analysis.response[0]: expected can_not_fix, "
            "will_not_fix, update, rollback or workaround_available");
  EXPECT_EQ(error({{"v.json", vex(R"({"id": "X", "affects": [{"ref": "pkg:generic/lwip",
                               "versions": [{"range": ">=2.0"}]}]})")}}),
            "v.json: vulnerabilities[0].affects[0].versions[0]: cannot read the range '>=2.0'; "
            "write one version, or a vers: range such as vers:generic/>=3.2.0|<3.6.1");
  EXPECT_EQ(error({{"v.json", vex(R"({"id": "X", "affects": [{"ref": "pkg:generic/lwip",
                               "versions": [{"version": "2.1.3", "status": "maybe"}]}]})")}}),
            "v.json: vulnerabilities[0].affects[0].versions[0].status: unknown status 'maybe'; "
            "expected affected, unaffected or unknown");
}

} // namespace
