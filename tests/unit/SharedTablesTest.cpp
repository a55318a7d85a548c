//===- SharedTablesTest.cpp - indexes shared per catalogue ----------------===//
#include "../../checks/support/CatalogueAccess.h"
#include "../../checks/support/SharedTables.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

namespace {

using namespace medsec;

std::shared_ptr<const rules::Catalogue> cached(std::vector<std::string> ProjectFiles) {
  CatalogueSource Source{MEDSEC_SOURCE_DIR "/rules", std::move(ProjectFiles)};
  std::vector<rules::Problem> Problems;
  bool FirstTime = false;
  return cachedCatalogue(Source, Problems, FirstTime);
}

struct Counted {
  int Id;
};

TEST(SharedTablesTest, OneObjectPerCatalogueAndKey) {
  int Built = 0;
  auto Build = [&] { return Counted{++Built}; };
  const auto Cat = cached({});
  ASSERT_TRUE(Cat);
  const auto A = sharedPerCatalogue<Counted>(Cat.get(), "list-a", Build);
  const auto Again = sharedPerCatalogue<Counted>(Cat.get(), "list-a", Build);
  EXPECT_EQ(A.get(), Again.get());
  EXPECT_EQ(Built, 1);
  const auto B = sharedPerCatalogue<Counted>(Cat.get(), "list-b", Build);
  EXPECT_NE(A.get(), B.get());
  EXPECT_EQ(Built, 2);

  // Another catalogue (a project file on top) builds its own.
  llvm::SmallString<128> Project;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("shared-tables", "yaml", Project));
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Project, EC);
    ASSERT_FALSE(EC);
    OS << "checks:\n  - id: medsec-banned-functions\n    data:\n      functions:\n"
          "        - name: HAL_UART_Transmit\n          severity: medium\n"
          "          kind: always\n          reason: blocks\n";
  }
  const auto Other = cached({Project.str().str()});
  llvm::sys::fs::remove(Project);
  ASSERT_TRUE(Other);
  ASSERT_NE(Other.get(), Cat.get());
  const auto C = sharedPerCatalogue<Counted>(Other.get(), "list-a", Build);
  EXPECT_NE(C.get(), A.get());
  EXPECT_EQ(Built, 3);
}

TEST(SharedTablesTest, CatalogueNotCachedIsNotShared) {
  std::vector<rules::Problem> Problems;
  const std::shared_ptr<const rules::Catalogue> Own =
      rules::loadCatalogue(MEDSEC_SOURCE_DIR "/rules", {}, Problems);
  ASSERT_TRUE(Own);
  EXPECT_FALSE(owningCatalogue(Own.get()));
  int Built = 0;
  auto Build = [&] { return Counted{++Built}; };
  const auto A = sharedPerCatalogue<Counted>(Own.get(), "list-a", Build);
  const auto B = sharedPerCatalogue<Counted>(Own.get(), "list-a", Build);
  EXPECT_NE(A.get(), B.get());
  EXPECT_EQ(Built, 2);
}

} // namespace
