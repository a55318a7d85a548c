//===- ConsistencyTest.cpp - checks, catalogue, docs and tests agree -------===//
//
// Every registered check has a catalogue entry that says it is implemented,
// a documentation page and a lit test; every implemented entry is registered.
//
//===----------------------------------------------------------------------===//
#include "../../rules/loader/Catalogue.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <set>

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

const std::string Root = MEDSEC_SOURCE_DIR;

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
  for (const medsec::rules::CheckEntry &E : Cat->Checks)
    if (E.Status != "planned")
      EXPECT_TRUE(Registered.count(E.Id))
          << E.Id << " is catalogued as " << E.Status << " but no such check is registered";
}

TEST(Consistency, EveryCatalogueClauseHasWhatTheReportNeeds) {
  std::vector<medsec::rules::Problem> Problems;
  auto Cat = medsec::rules::loadCatalogue(Root + "/rules", {}, Problems);
  for (const auto &G : Cat->Guidelines)
    for (const auto &C : G.Clauses) {
      SCOPED_TRACE(C.Id);
      EXPECT_FALSE(C.Title.empty());
      if (C.Checkable == "no" || C.Checkable == "partly")
        EXPECT_FALSE(C.Complementary.empty()) << "names no complementary activity";
      if (C.Guideline == "ansm")
        EXPECT_EQ(C.Basis, "inferred") << "ANSM numbering is not verified (GUIDELINES.md)";
    }
}

} // namespace
