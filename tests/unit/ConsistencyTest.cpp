//===- ConsistencyTest.cpp - checks, catalogue, docs and tests agree -------===//
//
// Every registered check has a catalogue entry that says it is implemented,
// a documentation page and a lit test; every implemented entry is registered.
// The README's check table and each docs/checks page's severity, CWE, CERT and
// direct-clause rows say what the catalogue says.
//
//===----------------------------------------------------------------------===//
#include "../../rules/loader/Catalogue.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

extern volatile int MedSecTidyModuleAnchorSource;

namespace {

std::set<std::string> registeredChecks() {
  (void)MedSecTidyModuleAnchorSource;
  std::set<std::string> Names;
  for (const auto &E : clang::tidy::ClangTidyModuleRegistry::entries()) {
    auto Module = E.instantiate();
    clang::tidy::ClangTidyCheckFactories Factories;
    Module->addCheckFactories(Factories);
    for (const auto &F : Factories)
      Names.insert(F.getKey().str());
  }
  return Names;
}

/// The source tree under test; tests/e2e/test_new_check.py points it at a copy.
const std::string Root = std::getenv("MEDSEC_CONSISTENCY_ROOT")
                             ? std::getenv("MEDSEC_CONSISTENCY_ROOT")
                             : MEDSEC_SOURCE_DIR;

std::string readFile(const std::string &Path) {
  std::ifstream In(Path);
  std::stringstream S;
  S << In.rdbuf();
  return S.str();
}

std::set<std::string> tokens(const std::string &Text, const std::regex &Re) {
  std::set<std::string> Out;
  for (auto It = std::sregex_iterator(Text.begin(), Text.end(), Re); It != std::sregex_iterator();
       ++It)
    Out.insert(It->str());
  return Out;
}

/// The value cell of a docs page's `| Name | value |` row, or nullopt.
std::optional<std::string> row(const std::string &Page, const std::string &Name) {
  std::smatch M;
  const std::regex Re("\\n\\| " + Name + " \\| ([^\\n]*) \\|\\n");
  if (!std::regex_search(Page, M, Re))
    return std::nullopt;
  return M[1].str();
}

bool isCompilerDiagnostic(const std::string &Id) { return Id.rfind("clang-diagnostic-", 0) == 0; }

/// The docs text of a catalogue entry's help link: the page, or the section
/// of the page its #anchor names (up to the next heading of that level).
std::string helpText(const std::string &Help) {
  const size_t Hash = Help.find('#');
  const std::string Page = readFile(Root + "/" + Help.substr(0, Hash));
  if (Hash == std::string::npos)
    return Page;
  const std::string Heading = "\n### " + Help.substr(Hash + 1) + "\n";
  const size_t Start = Page.find(Heading);
  if (Start == std::string::npos)
    return "";
  const size_t End = Page.find("\n#", Start + Heading.size());
  return Page.substr(Start, End == std::string::npos ? std::string::npos : End - Start) + "\n";
}

std::set<std::string> asSet(const std::vector<std::string> &V) { return {V.begin(), V.end()}; }

std::string join(const std::set<std::string> &S) {
  std::string Out;
  for (const std::string &X : S)
    Out += (Out.empty() ? "" : ", ") + X;
  return Out;
}

TEST(Consistency, EveryRegisteredCheckIsDocumentedTestedAndCatalogued) {
  std::vector<medsec::rules::Problem> Problems;
  auto Cat = medsec::rules::loadCatalogue(Root + "/rules", {}, Problems);
  ASSERT_TRUE(Problems.empty()) << Problems.front().str();
  const std::set<std::string> Registered = registeredChecks();
  ASSERT_FALSE(Registered.empty());
  for (const std::string &Id : Registered) {
    SCOPED_TRACE(Id);
    EXPECT_EQ(Id.rfind("medsec-", 0), 0u);
    const medsec::rules::CheckEntry *E = Cat->findCheck(Id);
    ASSERT_NE(E, nullptr) << "no catalogue entry";
    EXPECT_NE(E->Status, "planned") << "registered but catalogued as planned";
    EXPECT_FALSE(E->Clauses.empty()) << "maps to no clause";
    EXPECT_FALSE(E->Cwe.empty()) << "names no CWE";
    EXPECT_EQ(E->Help, "docs/checks/" + Id + ".md");
    EXPECT_TRUE(llvm::sys::fs::exists(Root + "/docs/checks/" + Id + ".md")) << "no docs page";
    EXPECT_TRUE(llvm::sys::fs::exists(Root + "/tests/lit/checks/" + Id + ".c") ||
                llvm::sys::fs::exists(Root + "/tests/lit/checks/" + Id + ".cpp"))
        << "no lit test";
  }
  for (const medsec::rules::CheckEntry &E : Cat->Checks) {
    if (E.Status != "planned" && !isCompilerDiagnostic(E.Id)) {
      EXPECT_TRUE(Registered.count(E.Id))
          << E.Id << " is catalogued as " << E.Status << " but no such check is registered";
    }
  }
}

TEST(Consistency, EveryCatalogueClauseHasWhatTheReportNeeds) {
  std::vector<medsec::rules::Problem> Problems;
  auto Cat = medsec::rules::loadCatalogue(Root + "/rules", {}, Problems);
  for (const auto &G : Cat->Guidelines)
    for (const auto &C : G.Clauses) {
      SCOPED_TRACE(C.Id);
      EXPECT_FALSE(C.Title.empty());
      if (C.Checkable == "no" || C.Checkable == "partly") {
        EXPECT_FALSE(C.Complementary.empty()) << "names no complementary activity";
      }
      if (C.Guideline == "ansm") {
        EXPECT_EQ(C.Basis, "inferred") << "ANSM numbering is not verified (GUIDELINES.md)";
      }
    }
}

TEST(Consistency, EveryDocsPageSaysWhatTheCatalogueSays) {
  std::vector<medsec::rules::Problem> Problems;
  auto Cat = medsec::rules::loadCatalogue(Root + "/rules", {}, Problems);
  ASSERT_TRUE(Problems.empty()) << Problems.front().str();
  const std::regex Cwe("CWE-[0-9]+"), Cert("[A-Z]{3}[0-9]{2}-(C|CPP)"),
      ClauseId("[a-z0-9-]+:[A-Za-z0-9./_-]*[A-Za-z0-9]"), Quoted("`([a-z]+)`");
  for (const medsec::rules::CheckEntry &E : Cat->Checks) {
    if (E.Status == "planned")
      continue;
    SCOPED_TRACE(E.Help);
    const std::string Page = helpText(E.Help);
    ASSERT_FALSE(Page.empty()) << "no such page or section";
    auto Severity = row(Page, "Severity"), Weaknesses = row(Page, "Weaknesses"),
         CertRow = row(Page, "CERT C"), Clauses = row(Page, "Clauses");
    ASSERT_TRUE(Severity && Weaknesses && CertRow && Clauses)
        << "the page needs the Severity, Weaknesses, CERT C and Clauses rows";
    EXPECT_NE(
        Severity->find(std::string("`") + medsec::rules::severityName(E.DefaultSeverity) + "`"),
        std::string::npos)
        << "the Severity row does not name the catalogue default `"
        << medsec::rules::severityName(E.DefaultSeverity) << "`";
    EXPECT_EQ(join(tokens(*Weaknesses, Cwe)), join(asSet(E.Cwe))) << "Weaknesses row";
    EXPECT_EQ(join(tokens(*CertRow, Cert)), join(asSet(E.Cert))) << "CERT C row";
    std::set<std::string> Direct;
    for (const auto &C : E.Clauses)
      if (C.Relation == "direct")
        Direct.insert(C.Id);
    const size_t End = Clauses->find("(direct)");
    ASSERT_NE(End, std::string::npos) << "the Clauses row names no direct clause";
    EXPECT_EQ(join(tokens(Clauses->substr(0, End), ClauseId)), join(Direct))
        << "direct clauses of the Clauses row";
  }
}

TEST(Consistency, TheReadmeCheckTableIsTheCatalogue) {
  std::vector<medsec::rules::Problem> Problems;
  auto Cat = medsec::rules::loadCatalogue(Root + "/rules", {}, Problems);
  ASSERT_TRUE(Problems.empty()) << Problems.front().str();
  const std::string Readme = readFile(Root + "/README.md");
  const std::regex Row(
      "\\n\\| \\[((?:medsec|clang-diagnostic)-[a-z0-9-]+)\\]\\((docs/checks/[^)]*)\\) "
      "\\|[^\\n]* \\| ([a-z]+) \\|(?=\\n)");
  std::map<std::string, std::string> Rows;
  for (auto It = std::sregex_iterator(Readme.begin(), Readme.end(), Row);
       It != std::sregex_iterator(); ++It) {
    const std::string Id = (*It)[1].str();
    const medsec::rules::CheckEntry *E = Cat->findCheck(Id);
    EXPECT_EQ((*It)[2].str(), E ? E->Help : "docs/checks/" + Id + ".md")
        << Id << ": the README row links another page than the catalogue's help";
    EXPECT_TRUE(Rows.emplace(Id, (*It)[3].str()).second) << Id << ": two README rows";
  }
  ASSERT_FALSE(Rows.empty()) << "no check table in README.md";
  for (const medsec::rules::CheckEntry &E : Cat->Checks) {
    auto It = Rows.find(E.Id);
    if (It == Rows.end()) {
      ADD_FAILURE() << E.Id << " is catalogued but has no row in README.md's check table";
      continue;
    }
    EXPECT_EQ(It->second, E.Status) << E.Id << ": README status";
    Rows.erase(It);
  }
  for (const auto &[Id, Status] : Rows)
    ADD_FAILURE() << Id << " has a README row but no catalogue entry";
}

/// The catalogued compiler diagnostics name clang warnings, and every warning
/// their -W options turn on is reported under a catalogued name: a scan that
/// turns -Wuninitialized on must not drop what clang files under
/// -Wsometimes-uninitialized.
TEST(Consistency, EveryCatalogueCompilerDiagnosticIsAClangWarning) {
  std::vector<medsec::rules::Problem> Problems;
  auto Cat = medsec::rules::loadCatalogue(Root + "/rules", {}, Problems);
  ASSERT_TRUE(Problems.empty()) << Problems.front().str();
  llvm::IntrusiveRefCntPtr<clang::DiagnosticIDs> Ids(new clang::DiagnosticIDs);
  std::set<std::string> Catalogued;
  for (const medsec::rules::CheckEntry &E : Cat->Checks)
    if (isCompilerDiagnostic(E.Id))
      Catalogued.insert(E.Id.substr(strlen("clang-diagnostic-")));
  ASSERT_FALSE(Catalogued.empty());
  for (const std::string &Flag : Catalogued) {
    SCOPED_TRACE(Flag);
    const medsec::rules::CheckEntry *E = Cat->findCheck("clang-diagnostic-" + Flag);
    EXPECT_EQ(E->Help, "docs/checks/compiler-diagnostics.md#clang-diagnostic-" + Flag);
    EXPECT_FALSE(E->Clauses.empty()) << "maps to no clause";
    EXPECT_FALSE(E->Cwe.empty()) << "names no CWE";
    llvm::SmallVector<clang::diag::kind, 16> Diags;
    ASSERT_TRUE(clang::DiagnosticIDs::getGroupForWarningOption(Flag).has_value())
        << "-W" << Flag << " is no warning of clang " << LLVM_VERSION_MAJOR;
    ASSERT_FALSE(Ids->getDiagnosticsInGroup(clang::diag::Flavor::WarningOrError, Flag, Diags));
    EXPECT_FALSE(Diags.empty()) << "-W" << Flag << " reports nothing";
    for (clang::diag::kind D : Diags) {
      const std::string Leaf = clang::DiagnosticIDs::getWarningOptionForDiag(D).str();
      EXPECT_TRUE(Catalogued.count(Leaf))
          << "-W" << Flag << " turns on -W" << Leaf << ", which has no catalogue entry";
    }
  }
}

} // namespace
