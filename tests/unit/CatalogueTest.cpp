//===- CatalogueTest.cpp - the rule catalogue loader -----------------------===//
#include "../../rules/loader/Catalogue.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace medsec::rules;

namespace {

const char *const Base = R"(
guidelines:
  - id: ansm
    title: ANSM recommendations
    basis: inferred
    clauses:
      - id: ansm:development/dangerous-functions
        phase: development
        title: avoid dangerous functions
        checkable: "yes"
checks:
  - id: medsec-demo
    title: demo
    severity: high
    status: implemented
    cwe: [CWE-676]
    clauses:
      - id: ansm:development/dangerous-functions
    data-schema:
      functions:
        key: name
        fields:
          name: string
          severity: severity
          pattern: regex
          kind: {enum: [always, scanf-format]}
    data:
      functions:
        - name: strcpy
          severity: high
        - name: gets
          severity: critical
)";

struct Loaded {
  Catalogue Cat;
  std::vector<Problem> Problems;
};

Loaded load(const std::string &Builtin, const std::string &Project = "") {
  Loaded L;
  loadCatalogueText(Builtin, "base.yaml", "builtin", L.Cat, L.Problems);
  if (!Project.empty())
    loadCatalogueText(Project, "project.yaml", "project", L.Cat, L.Problems);
  validateCatalogue(L.Cat, L.Problems);
  return L;
}

std::string only(const Loaded &L) {
  if (L.Problems.size() != 1) {
    std::string All;
    for (const Problem &P : L.Problems)
      All += P.str() + "\n";
    return "expected exactly one problem, got " + std::to_string(L.Problems.size()) + ":\n" + All;
  }
  return L.Problems.front().str();
}

TEST(Catalogue, LoadsAValidFile) {
  Loaded L = load(Base);
  ASSERT_TRUE(L.Problems.empty()) << L.Problems.front().str();
  const CheckEntry *C = L.Cat.findCheck("medsec-demo");
  ASSERT_NE(C, nullptr);
  EXPECT_EQ(C->DefaultSeverity, Severity::High);
  ASSERT_EQ(C->dataList("functions").size(), 2u);
  EXPECT_EQ(C->dataList("functions")[1].get("severity"), "critical");
  const Clause *Cl = L.Cat.findClause("ansm:development/dangerous-functions");
  ASSERT_NE(Cl, nullptr);
  EXPECT_EQ(Cl->Basis, "inferred"); // inherited from the guideline
  EXPECT_EQ(C->Clauses.front().Relation, "direct");
}

TEST(Catalogue, UnknownKeyHasItsLocation) {
  Loaded L = load("checks:\n  - id: medsec-x\n    title: t\n    sevrity: high\n");
  ASSERT_EQ(L.Problems.size(), 2u);
  EXPECT_EQ(L.Problems[0].str(),
            "base.yaml:4:5: error: unknown key 'sevrity' in check 'medsec-x'; expected "
            "one of: id, title, summary, severity, status, cwe, cert, help, clauses, "
            "limitations, data-schema, data");
  EXPECT_EQ(L.Problems[1].str(), "base.yaml:2:5: error: check 'medsec-x' has no 'severity'");
}

TEST(Catalogue, UnknownSeverity) {
  Loaded L = load("checks:\n  - id: medsec-x\n    title: t\n    severity: severe\n");
  EXPECT_EQ(only(L), "base.yaml:4:15: error: unknown severity 'severe'; expected one of: info, "
                     "low, medium, high, critical");
}

TEST(Catalogue, WrongTypeIsReported) {
  Loaded L = load("checks:\n  - id: medsec-x\n    title: t\n    severity: high\n    cwe: CWE-1\n");
  EXPECT_EQ(only(L), "base.yaml:5:10: error: cwe must be a sequence, found a scalar");
}

TEST(Catalogue, MalformedCwe) {
  Loaded L = load("checks:\n  - id: medsec-x\n    title: t\n    severity: high\n    cwe: [CWE-12, "
                  "cwe12]\n");
  EXPECT_EQ(only(L), "base.yaml:5:19: error: 'cwe12' is not a CWE id like CWE-120");
}

TEST(Catalogue, DuplicateCheckId) {
  Loaded L = load("checks:\n  - id: medsec-x\n    title: t\n    severity: high\n  - id: medsec-x\n"
                  "    title: u\n    severity: low\n");
  EXPECT_EQ(only(L), "base.yaml:5:9: error: duplicate check id 'medsec-x' (first defined at "
                     "base.yaml:2:5)");
}

// Within one file a repeated id is a mistake in a project file too: the
// later entry must not silently win.
TEST(Catalogue, DuplicateIdsInOneProjectFileHaveBothLocations) {
  Loaded L = load(Base, R"(checks:
  - id: medsec-demo
    severity: low
  - id: medsec-demo
    severity: critical
guidelines:
  - id: ansm
    clauses:
      - id: ansm:development/dangerous-functions
        locator: "p.24"
      - id: ansm:development/dangerous-functions
        locator: "p.25"
  - id: ansm
    title: again
)");
  std::vector<std::string> Got;
  for (const Problem &P : L.Problems)
    Got.push_back(P.str());
  EXPECT_EQ(Got, (std::vector<std::string>{
                     "project.yaml:4:9: error: duplicate check id 'medsec-demo' (first defined at "
                     "project.yaml:2:5)",
                     "project.yaml:11:13: error: duplicate clause id "
                     "'ansm:development/dangerous-functions' (first defined at project.yaml:9:9)",
                     "project.yaml:13:9: error: duplicate guideline id 'ansm' (first defined at "
                     "project.yaml:7:5)"}));
  // The first of each stands; the repeats changed nothing.
  EXPECT_EQ(L.Cat.findCheck("medsec-demo")->DefaultSeverity, Severity::Low);
  EXPECT_EQ(L.Cat.findClause("ansm:development/dangerous-functions")->Locator, "p.24");
  EXPECT_EQ(L.Cat.findGuideline("ansm")->Title, "ANSM recommendations");
}

TEST(Catalogue, DuplicateComponentInOneProjectFile) {
  Loaded L = load("", "components:\n  - id: zlib\n    name: zlib\n    files: [zlib.h]\n"
                      "  - id: zlib\n    name: zlib again\n");
  EXPECT_EQ(only(L), "project.yaml:5:9: error: duplicate component id 'zlib' (first defined at "
                     "project.yaml:2:5)");
}

// A later file still updates what an earlier one defined.
TEST(Catalogue, TwoProjectFilesStillMerge) {
  Loaded L = load(Base, "checks:\n  - id: medsec-demo\n    severity: low\n");
  loadCatalogueText("checks:\n  - id: medsec-demo\n    severity: critical\n", "derived.yaml",
                    "project", L.Cat, L.Problems);
  EXPECT_TRUE(L.Problems.empty());
  EXPECT_EQ(L.Cat.findCheck("medsec-demo")->DefaultSeverity, Severity::Critical);
}

TEST(Catalogue, DuplicateMappingKey) {
  Loaded L = load("checks:\n  - id: medsec-x\n    title: t\n    title: u\n    severity: high\n");
  EXPECT_EQ(only(L), "base.yaml:4:5: error: duplicate key 'title' in check 'medsec-x'");
}

TEST(Catalogue, UnknownClause) {
  Loaded L = load("checks:\n  - id: medsec-x\n    title: t\n    severity: high\n    clauses:\n"
                  "      - id: ansm:nowhere\n");
  EXPECT_EQ(only(L),
            "base.yaml:6:9: error: check 'medsec-x' maps to unknown clause 'ansm:nowhere'");
}

TEST(Catalogue, ClauseMustCarryItsGuidelinePrefix) {
  Loaded L = load("guidelines:\n  - id: fda\n    title: FDA\n    clauses:\n      - id: ansm:x\n"
                  "        phase: design\n        title: t\n");
  EXPECT_EQ(only(L), "base.yaml:5:13: error: clause id 'ansm:x' must start with its guideline id "
                     "'fda:'");
}

TEST(Catalogue, UnknownPhaseAndBasis) {
  Loaded L = load("guidelines:\n  - id: fda\n    title: FDA\n    basis: guessed\n");
  EXPECT_EQ(only(L), "base.yaml:4:12: error: unknown basis 'guessed'; expected one of: verified, "
                     "secondary, inferred");
}

TEST(Catalogue, SyntaxErrorHasLineAndColumn) {
  Loaded L = load("checks:\n  - id: [unclosed\n");
  ASSERT_EQ(L.Problems.size(), 1u);
  EXPECT_EQ(L.Problems[0].Where.File, "base.yaml");
  EXPECT_GT(L.Problems[0].Where.Line, 0u);
  EXPECT_NE(L.Problems[0].Message.find("invalid YAML"), std::string::npos);
}

TEST(Catalogue, DataFieldsFollowTheSchema) {
  std::string Bad = Base;
  Bad += "  - id: medsec-y\n    title: y\n    severity: low\n";
  Loaded L = load(Base, "checks:\n  - id: medsec-demo\n    data:\n      functions:\n"
                        "        - name: foo\n          kind: sometimes\n          colour: red\n"
                        "        - severity: low\n");
  ASSERT_EQ(L.Problems.size(), 3u);
  EXPECT_EQ(L.Problems[0].str(), "project.yaml:6:17: error: unknown 'kind' 'sometimes'; expected "
                                 "one of: always, scanf-format");
  EXPECT_EQ(L.Problems[1].str(), "project.yaml:7:11: error: unknown key 'colour' in an entry of "
                                 "data list 'functions'; expected one of: enabled, kind, name, "
                                 "pattern, severity");
  EXPECT_EQ(L.Problems[2].str(),
            "project.yaml:8:11: error: entry of data list 'functions' has no key 'name'");
}

TEST(Catalogue, BadRegexIsReported) {
  Loaded L = load(Base, "checks:\n  - id: medsec-demo\n    data:\n      functions:\n"
                        "        - name: foo\n          pattern: 'a(b'\n");
  ASSERT_EQ(L.Problems.size(), 1u);
  EXPECT_NE(L.Problems[0].str().find("project.yaml:5:11: error: field 'pattern' of 'foo' is not a "
                                     "valid regular expression"),
            std::string::npos)
      << L.Problems[0].str();
}

TEST(Catalogue, ProjectFileMergesByKey) {
  Loaded L = load(Base, R"(
checks:
  - id: medsec-demo
    severity: critical
    data:
      functions:
        - name: legacy_copy
          severity: high
        - name: gets
          enabled: false
        - name: strcpy
          severity: medium
guidelines:
  - id: ansm
    clauses:
      - id: ansm:development/dangerous-functions
        locator: "p.24"
        basis: verified
)");
  ASSERT_TRUE(L.Problems.empty()) << L.Problems.front().str();
  const CheckEntry *C = L.Cat.findCheck("medsec-demo");
  EXPECT_EQ(C->DefaultSeverity, Severity::Critical);
  std::vector<DataEntry> Active = C->activeData("functions");
  std::vector<std::string> Names;
  for (const DataEntry &E : Active)
    Names.push_back(E.Key + "=" + E.get("severity"));
  EXPECT_EQ(Names, (std::vector<std::string>{"strcpy=medium", "legacy_copy=high"}));
  const Clause *Cl = L.Cat.findClause("ansm:development/dangerous-functions");
  EXPECT_EQ(Cl->Locator, "p.24");
  EXPECT_EQ(Cl->Basis, "verified");
  EXPECT_EQ(Cl->Title, "avoid dangerous functions"); // untouched fields stay
}

TEST(Catalogue, ClauseTitlesInOtherLanguagesFallBackToEnglish) {
  Loaded L = load(Base, R"(
guidelines:
  - id: ansm
    translations:
      fr: {title: "Cybersécurité des dispositifs médicaux"}
    clauses:
      - id: ansm:development/dangerous-functions
        translations:
          fr:
            title: "éviter les fonctions dangereuses"
            complementary: "revue de code"
)");
  ASSERT_TRUE(L.Problems.empty()) << L.Problems.front().str();
  const Clause *Cl = L.Cat.findClause("ansm:development/dangerous-functions");
  EXPECT_EQ(Cl->text("title", "fr"), "éviter les fonctions dangereuses");
  EXPECT_EQ(Cl->text("complementary", "fr"), "revue de code");
  EXPECT_EQ(Cl->text("title", "en"), "avoid dangerous functions");
  EXPECT_EQ(Cl->text("title", "de"), "avoid dangerous functions"); // no German: English
  const Guideline *G = L.Cat.findGuideline("ansm");
  EXPECT_EQ(G->text("title", "fr"), "Cybersécurité des dispositifs médicaux");
  EXPECT_EQ(G->text("publisher", "fr"), G->Publisher);
}

TEST(Catalogue, BadTranslationsSayWhere) {
  auto One = [](const std::string &Translations) {
    return only(load(Base, "guidelines:\n  - id: ansm\n    clauses:\n      - id: "
                           "ansm:development/dangerous-functions\n        translations:\n" +
                               Translations));
  };
  EXPECT_EQ(One("          French: {title: x}\n"),
            "project.yaml:6:11: error: translations of clause 'ansm:development/dangerous-functions': "
            "'French' is not a language code (2 or 3 lower-case letters, e.g. fr)");
  EXPECT_EQ(One("          fr: {titel: x}\n"),
            "project.yaml:6:16: error: unknown key 'titel' in the fr translation of clause "
            "'ansm:development/dangerous-functions'; expected one of: title, complementary");
  EXPECT_EQ(One("          fr: {title: \" \"}\n"),
            "project.yaml:6:23: error: the fr title of clause 'ansm:development/dangerous-functions' "
            "is empty");
  EXPECT_EQ(One("          - fr\n"),
            "project.yaml:6:11: error: translations of clause 'ansm:development/dangerous-functions' "
            "must be a mapping of language: fields, found a sequence");
}

TEST(Catalogue, ProjectFileMayNotDeclareSchemas) {
  Loaded L = load(Base, "checks:\n  - id: medsec-demo\n    data-schema: {}\n");
  EXPECT_EQ(only(L), "project.yaml:3:18: error: 'data-schema' belongs to the built-in catalogue; a "
                     "project file may only add data");
}

TEST(Catalogue, DataWithoutSchemaIsRejected) {
  Loaded L = load("checks:\n  - id: medsec-x\n    title: t\n    severity: high\n    data:\n"
                  "      things: []\n");
  EXPECT_EQ(only(L), "base.yaml:6:7: error: check 'medsec-x' has no data list 'things' (it takes "
                     "no data)");
}

TEST(Catalogue, HostileInputNeverThrows) {
  const char *Inputs[] = {"", "---\n...\n", "[[[[[[[[", "checks: 5", "checks:\n  - 7\n",
                          "guidelines: {a: b}", "checks:\n  - id: {x: y}\n", "\xff\xfe\x00",
                          "checks:\n  - id: medsec-a\n    data: [1]\n", "*anchor", "!!binary x",
                          "checks:\n  - &a {id: medsec-b, title: t, severity: low}\n  - *a\n",
                          // yaml-cpp 0.7's LoadAll loops forever on these (its issue 1040).
                          ",", "- b\n,", "a:\n  - b\n,"};
  for (const char *In : Inputs) {
    Loaded L = load(In);
    (void)L; // reaching here without an exception or crash is the test
  }
  SUCCEED();
}

TEST(Catalogue, BuiltinCatalogueIsClean) {
  std::vector<Problem> Problems;
  auto Cat = loadCatalogue(MEDSEC_SOURCE_DIR "/rules", {}, Problems);
  for (const Problem &P : Problems)
    ADD_FAILURE() << P.str();
  EXPECT_NE(Cat->findGuideline("ansm"), nullptr);
  EXPECT_NE(Cat->findCheck("medsec-banned-functions"), nullptr);
  for (const CatalogueFile &F : Cat->Files)
    EXPECT_EQ(F.Sha256.size(), 64u) << F.Path;
}

TEST(Catalogue, OneDocumentPerFile) {
  Loaded L = load("checks: []\n---\nchecks: []\n");
  EXPECT_EQ(only(L), "base.yaml:3:1: error: a catalogue file holds one YAML document; split this "
                     "one off");
}

TEST(Catalogue, MissingDirectoryIsAProblem) {
  std::vector<Problem> Problems;
  loadCatalogue("/nonexistent/medsec/rules", {}, Problems);
  ASSERT_EQ(Problems.size(), 1u);
  EXPECT_EQ(Problems[0].str(),
            "/nonexistent/medsec/rules: error: catalogue directory does not exist");
}

} // namespace

const char *const Components = R"(
components:
  - id: lwip
    name: lwIP
    supplier: lwIP developers
    licence: BSD-3-Clause
    paths: ["**/lwip/**"]
    files: [lwip/init.h]
    version: "{LWIP_VERSION_MAJOR}.{LWIP_VERSION_MINOR}"
    development-suffixes: ["d"]
    purl: pkg:generic/lwip@{version}
    cpe: cpe:2.3:a:lwip_project:lwip:{version}:*:*:*:*:*:*:*
)";

TEST(Catalogue, ComponentsLoadWithTheirVersionMacros) {
  Loaded L = load(Components);
  ASSERT_TRUE(L.Problems.empty()) << L.Problems.front().str();
  const ComponentEntry *C = L.Cat.findComponent("lwip");
  ASSERT_NE(C, nullptr);
  EXPECT_EQ(C->Supplier, "lwIP developers");
  EXPECT_EQ(C->versionMacros(),
            (std::vector<std::string>{"LWIP_VERSION_MAJOR", "LWIP_VERSION_MINOR"}));
  EXPECT_EQ(C->Support, "unknown"); // until someone says otherwise
  EXPECT_EQ(C->Origin.str(), "base.yaml:3:5");
}

TEST(Catalogue, ProjectCorrectsAndDeclaresComponents) {
  Loaded L = load(Components, "components:\n"
                              "  - id: lwip\n"
                              "    support: maintenance\n"
                              "    end-of-support: 2030-06-30\n"
                              "  - id: vendor-crc\n"
                              "    name: Vendor CRC library\n"
                              "    declared-version: \"1.2\"\n");
  ASSERT_TRUE(L.Problems.empty()) << L.Problems.front().str();
  const ComponentEntry *C = L.Cat.findComponent("lwip");
  ASSERT_NE(C, nullptr);
  EXPECT_EQ(C->Support, "maintenance");
  EXPECT_EQ(C->EndOfSupport, "2030-06-30");
  EXPECT_EQ(C->Licence, "BSD-3-Clause"); // the built-in fields the project left alone
  const ComponentEntry *D = L.Cat.findComponent("vendor-crc");
  ASSERT_NE(D, nullptr);
  EXPECT_EQ(D->DeclaredVersion, "1.2");
}

TEST(Catalogue, DuplicateBuiltinComponentIsRejected) {
  Loaded L = load(std::string(Components) + "  - id: lwip\n    name: again\n");
  EXPECT_EQ(only(L), "base.yaml:13:9: error: duplicate component id 'lwip' (first defined at "
                     "base.yaml:3:5)");
}

TEST(Catalogue, BadComponentFieldsSayWhatToWrite) {
  Loaded L = load("components:\n"
                  "  - id: x\n"
                  "    name: X\n"
                  "    files: [x.h]\n"
                  "    support: forever\n");
  EXPECT_EQ(only(L), "base.yaml:5:14: error: unknown support level 'forever'; expected one of: "
                     "active, maintenance, end-of-life, unknown");
  // One field added to an otherwise valid component.
  auto With = [](const std::string &Field) {
    return load("components:\n  - id: x\n    name: X\n    files: [x.h]\n    " + Field + "\n");
  };
  EXPECT_EQ(only(With("end-of-support: 2030")),
            "base.yaml:2:5: error: component 'x' end-of-support '2030' is not a date; "
            "write YYYY-MM-DD");
  EXPECT_EQ(only(With("version: \"1.0\"")),
            "base.yaml:2:5: error: component 'x' version template '1.0' names no "
            "{MACRO}; name the version macros");
  EXPECT_EQ(only(With("purl: pkg:x/{name}")),
            "base.yaml:2:5: error: component 'x' purl template 'pkg:x/{name}' may only "
            "use {version}");
  L = load("components:\n  - id: x\n    supplier: S\n");
  ASSERT_EQ(L.Problems.size(), 2u);
  EXPECT_EQ(L.Problems[0].str(), "base.yaml:2:5: error: component 'x' has no 'name'; give the "
                                 "library's name");
}

TEST(Catalogue, BuiltinComponentsCoverTheCommonFirmwareLibraries) {
  std::vector<Problem> Problems;
  auto Cat = loadCatalogue(MEDSEC_SOURCE_DIR "/rules", {}, Problems);
  for (const char *Id :
       {"mbedtls", "wolfssl", "lwip", "freertos-kernel", "zephyr", "cmsis-core", "stm32f4xx-hal",
        "nrfx", "nrf5-sdk", "tinyusb", "fatfs", "nanopb", "littlefs"}) {
    const ComponentEntry *C = Cat->findComponent(Id);
    ASSERT_NE(C, nullptr) << Id;
    EXPECT_FALSE(C->Supplier.empty()) << Id;
    EXPECT_FALSE(C->Licence.empty()) << Id;
    EXPECT_FALSE(C->Files.empty()) << Id;
    EXPECT_FALSE(C->Purl.empty()) << Id;
  }
  EXPECT_EQ(Cat->findComponent("lwip")->versionMacros(),
            std::vector<std::string>{"LWIP_VERSION_STRING"});
}

// One rule says which files are test code, for every check and output: the
// built-in patterns, matched on the path relative to the source root,
// ignoring case; look-alikes of test names are product code.
TEST(Catalogue, BuiltinTestPathsMarkTestCodeOnly) {
  std::vector<Problem> Problems;
  auto Cat = loadCatalogue(MEDSEC_SOURCE_DIR "/rules", {}, Problems);
  ASSERT_TRUE(Problems.empty()) << Problems.front().str();
  const TestCodeRule Rule(*Cat);
  for (const char *Test : {"test/common.c",
                           "tests/suites/helpers.h",
                           "lib/medtronic/test/history_test.c",
                           "Tests/PumpTest.cpp",
                           "src/testing/stub.c",
                           "unittests/a.cc",
                           "unit-tests/b.c",
                           "test-suite/c.c",
                           "mocks/hal.c",
                           "src/mock_hal.c",
                           "src/Mock_Uart.h",
                           "fixtures/k.h",
                           "src/crc_test.c",
                           "src/crc_tests.cpp",
                           "src/crc_test.h",
                           "src/test_crc.c",
                           "third_party/googletest/src/gtest.cc",
                           "vendor/Unity/src/unity.c",
                           "ext/cmocka/x.c",
                           "src\\tests\\win.c"})
    EXPECT_TRUE(Rule.matches(Test)) << Test;
  for (const char *Product :
       {"src/latest.c", "src/contest/a.c", "src/attestation.c", "src/testing_mode.c",
        "src/selftest.c", "src/protest_test/a.c.orig/b.c", "src/mockingbird_app/main.c",
        "src/crc.c", "testdata.c", "src/testbench.c"})
    EXPECT_FALSE(Rule.matches(Product)) << Product;
}

TEST(Catalogue, ProjectTestPathsMergeOnPattern) {
  const std::string Builtin = "test-paths:\n  - {pattern: '(^|/)tests?/'}\n"
                              "  - {pattern: '(^|/)mock[^/]*$'}\n";
  Loaded L = load(Builtin, "test-paths:\n  - {pattern: '(^|/)verification/', reason: benches}\n"
                           "  - {pattern: '(^|/)mock[^/]*$', enabled: false}\n");
  ASSERT_TRUE(L.Problems.empty()) << L.Problems.front().str();
  const TestCodeRule Rule(L.Cat);
  EXPECT_TRUE(Rule.matches("verification/pump.c"));
  EXPECT_TRUE(Rule.matches("tests/a.c"));
  EXPECT_FALSE(Rule.matches("src/mock_pump.c")); // disabled by the project
}

TEST(Catalogue, BadTestPathsAreErrorsWithTheirPlace) {
  EXPECT_EQ(only(load("test-paths:\n  - {pattern: '(tests'}\n")),
            "base.yaml:2:5: error: test path '(tests' is not a valid regular expression: "
            "parentheses not balanced");
  Loaded Typo = load("test-paths:\n  - {patern: 'tests/'}\n");
  ASSERT_EQ(Typo.Problems.size(), 2u);
  EXPECT_EQ(Typo.Problems[0].str(),
            "base.yaml:2:6: error: unknown key 'patern' in an entry of data list 'test-paths'; "
            "expected one of: enabled, pattern, reason");
  EXPECT_EQ(Typo.Problems[1].str(),
            "base.yaml:2:5: error: entry of data list 'test-paths' has no key 'pattern'");
  EXPECT_EQ(only(load("test-paths: tests/\n")),
            "base.yaml:1:13: error: data list 'test-paths' must be a sequence, found a scalar");
  // Test paths used to be data of the credentials check: say where they are now.
  EXPECT_EQ(only(load(Base, "checks:\n  - id: medsec-demo\n    data:\n"
                            "      test-paths:\n        - {pattern: x}\n")),
            "project.yaml:4:7: error: check 'medsec-demo' has no data list 'test-paths'; test "
            "paths are one list for every check, the top-level key 'test-paths'");
}

namespace {

// A check whose lists take argument positions, as the external-input
// vocabulary of medsec-tainted-array-index does (rules/checks/).
const char *const Inputs = R"(
checks:
  - id: medsec-inputs
    title: inputs
    severity: high
    data-schema:
      sources:
        key: name
        required: [taints]
        fields:
          name: string
          taints: outputs
          fields: {members-of: taints}
          queue: argument
      callbacks:
        key: name
        required: [params]
        fields:
          name: string
          params: arguments
    data:
      sources:
        - name: HAL_UART_Receive
          taints: ["1"]
          fields: ["1.payload"]
)";

std::string source(const std::string &Fields) {
  return "checks:\n  - id: medsec-inputs\n    data:\n      sources:\n        - {name: rx, " +
         Fields + "}\n";
}

std::string oneInputsProblem(const std::string &Project) { return only(load(Inputs, Project)); }

} // namespace

TEST(Catalogue, WellFormedArgumentPositionsLoad) {
  Loaded L =
      load(Inputs, source("taints: [\"0\", \"2...\", return], fields: [\"0.len\", "
                          "\"5.frame_\"], queue: 3") +
                       "      callbacks:\n        - {name: on_rx, params: [\"0\", \"126\"]}\n");
  ASSERT_TRUE(L.Problems.empty()) << L.Problems.front().str();
  const DataEntry &Rx = L.Cat.findCheck("medsec-inputs")->dataList("sources")[1];
  EXPECT_EQ(Rx.getList("taints"), (std::vector<std::string>{"0", "2...", "return"}));
  EXPECT_EQ(Rx.getList("fields"), (std::vector<std::string>{"0.len", "5.frame_"})); // 5 from 2...
  EXPECT_EQ(Rx.getInt("queue", -1), 3);
  EXPECT_EQ(L.Cat.findCheck("medsec-inputs")->dataList("callbacks")[0].getList("params"),
            (std::vector<std::string>{"0", "126"}));
}

TEST(Catalogue, MalformedArgumentPositionsSayWhereAndWhat) {
  const std::string Written = "project.yaml:5:36: error: 'taints' item '"; // the second item
  const std::string Hint = "is not an argument position: write a 0-based argument index from 0 "
                           "to 126 (\"1\"), \"N...\" for every argument from N on, or \"return\" "
                           "for the return value";
  EXPECT_EQ(oneInputsProblem(source("taints: [\"1\", x]")), Written + "x' " + Hint);
  EXPECT_EQ(oneInputsProblem(source("taints: [\"1\", \"1..\"]")), Written + "1..' " + Hint);
  EXPECT_EQ(oneInputsProblem(source("taints: [\"1\", \"\"]")),
            Written + "' is empty: write a 0-based argument position from 0 to 126");
  const std::string Range = "is out of range: argument positions are 0-based, from 0 to 126";
  EXPECT_EQ(oneInputsProblem(source("taints: [\"1\", \"-1\"]")), Written + "-1' " + Range);
  EXPECT_EQ(oneInputsProblem(source("taints: [\"1\", \"127\"]")), Written + "127' " + Range);
  EXPECT_EQ(oneInputsProblem(source("taints: [\"1\", \"99999999999999999999\"]")),
            Written + "99999999999999999999' " + Range);
  EXPECT_EQ(oneInputsProblem(source("taints: [\"1\", \"300...\"]")), Written + "300...' " + Range);
  // A callback's parameters are arguments only: nothing returns into them.
  EXPECT_EQ(
      oneInputsProblem("checks:\n  - id: medsec-inputs\n    data:\n      callbacks:\n"
                       "        - {name: cb, params: [return]}\n"),
      "project.yaml:5:31: error: 'params' item 'return' is not an argument position: write "
      "a 0-based argument index from 0 to 126 (\"1\"), \"N...\" for every argument from N on");
  EXPECT_EQ(oneInputsProblem(source("taints: [\"1\"], queue: first")),
            "project.yaml:5:44: error: 'queue' value 'first' is not an argument position: write a "
            "0-based argument index from 0 to 126 (\"1\")");
  EXPECT_EQ(oneInputsProblem(source("taints: [\"1\"], queue: -1")),
            "project.yaml:5:44: error: 'queue' value '-1' " + Range);
}

TEST(Catalogue, MalformedMembersSayWhereAndWhat) {
  auto Member = [](const std::string &Item) {
    return oneInputsProblem(source("taints: [\"0\"], fields: [\"" + Item + "\"]"));
  };
  const std::string At = "project.yaml:5:46: error: 'fields' item '";
  EXPECT_EQ(Member("queue"), At + "queue' is not \"<argument>.<member>\": write the 0-based "
                                  "position of the out argument, a dot and the member's name "
                                  "(\"0.payload\")");
  EXPECT_EQ(Member("x.queue"), At + "x.queue' names argument 'x', which is not a 0-based "
                                    "argument position from 0 to 126");
  EXPECT_EQ(Member(".queue"), At + ".queue' names argument '', which is not a 0-based "
                                   "argument position from 0 to 126");
  EXPECT_EQ(Member("200.queue"), At + "200.queue' names argument '200', which is out of range: "
                                      "argument positions are 0-based, from 0 to 126");
  EXPECT_EQ(Member("0."), At + "0.' names no member after the dot: write the member's name "
                               "(\"0.payload\")");
  EXPECT_EQ(Member("0.hdr.len"), At + "0.hdr.len' names member 'hdr.len', which is not a member "
                                      "name (one C identifier; a nested member is not followed)");
  EXPECT_EQ(Member("9.queue"),
            At + "9.queue' names argument 9, which 'taints' of 'rx' does not list (0): only an "
                 "argument that receives data has members that do; add \"9\" to 'taints' or "
                 "correct the position");
  EXPECT_EQ(Member("0.queue, 1.queue"), // one item of two
            At + "0.queue, 1.queue' names member 'queue, 1.queue', which is not a member name "
                 "(one C identifier; a nested member is not followed)");
}

TEST(Catalogue, MembersAreCheckedAgainstTheMergedEntry) {
  const std::string Update =
      "checks:\n  - id: medsec-inputs\n    data:\n      sources:\n        - name: "
      "HAL_UART_Receive\n";
  // A project naming a member of an argument the built-in entry does not taint.
  EXPECT_EQ(oneInputsProblem(Update + "          fields: [\"1.payload\", \"0.state\"]\n"),
            "project.yaml:6:33: error: 'fields' item '0.state' names argument 0, which 'taints' "
            "of 'HAL_UART_Receive' does not list (1): only an argument that receives data has "
            "members that do; add \"0\" to 'taints' or correct the position");
  // ... or moving the taint away from the members the built-in entry names.
  EXPECT_EQ(oneInputsProblem(Update + "          taints: [return]\n"),
            "project.yaml:6:19: error: 'fields' item '1.payload' names argument 1, which 'taints' "
            "of 'HAL_UART_Receive' does not list (return): only an argument that receives data "
            "has members that do; add \"1\" to 'taints' or correct the position");
  // Look-alikes: both moved together, or a field that is not about members.
  for (const char *Fine : {"          taints: [\"0\"]\n          fields: [\"0.payload\"]\n",
                           "          queue: 0\n", "          enabled: false\n"})
    EXPECT_TRUE(load(Inputs, Update + Fine).Problems.empty()) << Fine;
}

TEST(Catalogue, RequiredFieldsAreNeededOnceTheFilesAreMerged) {
  EXPECT_EQ(oneInputsProblem(source("queue: 0")),
            "project.yaml:5:11: error: entry 'rx' of data list 'sources' of check 'medsec-inputs' "
            "has no 'taints'; without it the entry does nothing");
  // An update of a built-in entry has them from there; a disabled entry needs none.
  EXPECT_TRUE(load(Inputs, "checks:\n  - id: medsec-inputs\n    data:\n      sources:\n"
                           "        - {name: HAL_UART_Receive, queue: 0}\n"
                           "        - {name: rx, enabled: false}\n")
                  .Problems.empty());
  // A malformed item is its own problem, not also a missing field.
  EXPECT_EQ(oneInputsProblem(source("taints: [x]")),
            "project.yaml:5:31: error: 'taints' item 'x' is not an argument position: write a "
            "0-based argument index from 0 to 126 (\"1\"), \"N...\" for every argument from N "
            "on, or \"return\" for the return value");
}

TEST(Catalogue, FieldsRequiredByAnotherFieldsValue) {
  const std::string Builtin =
      "checks:\n  - id: medsec-x\n    title: t\n    severity: high\n    data-schema:\n"
      "      inferred:\n        key: id\n        required-when: {class-pattern: {kind: method}}\n"
      "        fields: {id: string, kind: {enum: [method, register]}, pattern: regex, "
      "class-pattern: regex}\n";
  auto Entry = [&](const std::string &Fields) {
    return load(Builtin, "checks:\n  - id: medsec-x\n    data:\n      inferred:\n        - {id: "
                         "mine, " +
                             Fields + "}\n");
  };
  EXPECT_EQ(only(Entry("kind: method, pattern: '^poll$'")),
            "project.yaml:5:11: error: entry 'mine' of data list 'inferred' of check 'medsec-x' "
            "has no 'class-pattern', which kind 'method' needs; without it the entry does nothing");
  // Look-alikes: it is given, another kind needs none, a disabled entry needs nothing.
  for (const char *Fine : {"kind: method, pattern: '^poll$', class-pattern: Port",
                           "kind: register, pattern: '^RX$'", "kind: method, enabled: false"})
    EXPECT_TRUE(Entry(Fine).Problems.empty()) << Fine;
  EXPECT_EQ(only(load("checks:\n  - id: medsec-x\n    title: t\n    severity: high\n"
                      "    data-schema:\n      inferred:\n        key: id\n"
                      "        required-when: {class-pattern: {knd: method}}\n"
                      "        fields: {id: string, kind: string, class-pattern: regex}\n")),
            "base.yaml:8:25: error: required-when of data-schema 'inferred' names 'knd', which is "
            "not a field");
}

TEST(Catalogue, ArgumentSchemasAreChecked) {
  auto Schema = [](const std::string &List) {
    return only(load("checks:\n  - id: medsec-x\n    title: t\n    severity: high\n"
                     "    data-schema:\n      things:\n" +
                     List));
  };
  EXPECT_EQ(Schema("        key: name\n        fields: {name: string, fields: {members-of: "
                   "taints}}\n"),
            "base.yaml:8:17: error: field 'fields' of data-schema 'things' is members-of "
            "'taints', which is no arguments or outputs field of the list");
  EXPECT_EQ(Schema("        key: name\n        required: [taints]\n        fields: {name: "
                   "string}\n"),
            "base.yaml:8:20: error: required field 'taints' of data-schema 'things' is not a "
            "field");
}
