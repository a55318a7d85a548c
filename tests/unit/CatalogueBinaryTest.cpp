// The binary form of the parsed catalogue: a faithful round trip, damage is a
// miss, and the cache follows the rule files' bytes.
#include "../../rules/loader/CatalogueBinary.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace medsec::rules;

namespace {

std::string tempDir() {
  llvm::SmallString<128> D;
  EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("medsec-catbin", D));
  return D.str().str();
}

void writeFile(const std::string &Path, const std::string &Text) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  ASSERT_FALSE(EC);
  OS << Text;
}

std::vector<std::string> binFiles(const std::string &Cache) {
  std::vector<std::string> Out;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Cache + "/catalogue-v1", EC), End; It != End && !EC;
       It.increment(EC))
    Out.push_back(It->path());
  return Out;
}

const char *const BrokenProject = "checks:\n  - id: medsec-banned-functions\n    sevrity: high\n";

} // namespace

TEST(CatalogueBinary, RoundTripsTheRealCatalogueWithItsProblems) {
  const std::string Dir = tempDir();
  writeFile(Dir + "/.medsec.yaml", BrokenProject);
  std::vector<Problem> Problems;
  auto Cat = loadCatalogue(MEDSEC_SOURCE_DIR "/rules", {Dir + "/.medsec.yaml"}, Problems);
  ASSERT_FALSE(Problems.empty());
  const std::string Bytes = catalogueToBinary(*Cat, Problems, "k");
  Catalogue Back;
  std::vector<Problem> BackProblems;
  ASSERT_TRUE(catalogueFromBinary(Bytes, "k", Back, BackProblems));
  EXPECT_EQ(catalogueToBinary(Back, BackProblems, "k"), Bytes);
  ASSERT_EQ(BackProblems.size(), Problems.size());
  EXPECT_EQ(BackProblems.front().str(), Problems.front().str());
  ASSERT_EQ(Back.Checks.size(), Cat->Checks.size());
  ASSERT_TRUE(Back.findCheck("medsec-banned-functions"));
  const CheckEntry &A = *Cat->findCheck("medsec-banned-functions");
  const CheckEntry &B = *Back.findCheck("medsec-banned-functions");
  EXPECT_EQ(B.Cwe, A.Cwe);
  EXPECT_EQ(B.DefaultSeverity, A.DefaultSeverity);
  ASSERT_EQ(B.activeData("functions").size(), A.activeData("functions").size());
  EXPECT_EQ(B.activeData("functions")[0].Scalars, A.activeData("functions")[0].Scalars);
  EXPECT_EQ(B.activeData("functions")[0].Origin.str(), A.activeData("functions")[0].Origin.str());
  // The argument kinds of the external-input vocabulary's schema survive too.
  const DataListSchema &Sources =
      Back.findCheck("medsec-tainted-array-index")->DataSchema.at("sources");
  EXPECT_EQ(Sources.Fields.at("fields").Kind, "members");
  EXPECT_EQ(Sources.Fields.at("fields").Of, "taints");
  EXPECT_EQ(Sources.Fields.at("taints").Kind, "outputs");
  EXPECT_EQ(Sources.Required, std::vector<std::string>{"taints"});
  EXPECT_EQ(Back.Guidelines.size(), Cat->Guidelines.size());
  // The ANSM topics' French titles survive the cache (a report in French reads them).
  const Clause *Fr = Back.findClause("ansm:development/dangerous-functions");
  ASSERT_TRUE(Fr);
  EXPECT_EQ(Fr->Translations, Cat->findClause("ansm:development/dangerous-functions")->Translations);
  EXPECT_NE(Fr->text("title", "fr"), Fr->Title);
  EXPECT_EQ(Back.findGuideline("ansm")->Translations, Cat->findGuideline("ansm")->Translations);
  EXPECT_EQ(Back.Components.size(), Cat->Components.size());
  EXPECT_EQ(Back.Files.size(), Cat->Files.size());
  ASSERT_FALSE(Cat->TestPaths.empty());
  ASSERT_EQ(Back.TestPaths.size(), Cat->TestPaths.size());
  EXPECT_EQ(Back.TestPaths[0].Scalars, Cat->TestPaths[0].Scalars);
  EXPECT_EQ(TestCodeRule(Back).matches("tests/x.c"), TestCodeRule(*Cat).matches("tests/x.c"));
  llvm::sys::fs::remove_directories(Dir);
}

TEST(CatalogueBinary, DamagedOrForeignBytesAreRejected) {
  std::vector<Problem> Problems;
  auto Cat = loadCatalogue(MEDSEC_SOURCE_DIR "/rules", {}, Problems);
  const std::string Bytes = catalogueToBinary(*Cat, Problems, "k");
  Catalogue Out;
  std::vector<Problem> OutProblems;
  EXPECT_FALSE(catalogueFromBinary(Bytes, "other", Out, OutProblems));
  for (size_t Len : {size_t(0), size_t(10), Bytes.size() / 2, Bytes.size() - 1})
    EXPECT_FALSE(catalogueFromBinary(Bytes.substr(0, Len), "k", Out, OutProblems)) << Len;
  std::string Flipped = Bytes;
  Flipped[Flipped.size() - 3] ^= 0x20;
  EXPECT_FALSE(catalogueFromBinary(Flipped, "k", Out, OutProblems));
  EXPECT_FALSE(catalogueFromBinary(Bytes + "x", "k", Out, OutProblems));
  EXPECT_TRUE(Out.Checks.empty());
}

TEST(CatalogueBinary, CacheIsReadBackAndFollowsTheRuleFilesBytes) {
  const std::string Cache = tempDir(), Dir = tempDir();
  const std::string Project = Dir + "/.medsec.yaml";
  writeFile(Project, "checks: []\n");
  std::vector<Problem> Problems;
  auto First = loadCatalogueCached(MEDSEC_SOURCE_DIR "/rules", {Project}, Problems, Cache, "id");
  EXPECT_TRUE(Problems.empty());
  std::vector<std::string> Bins = binFiles(Cache);
  ASSERT_EQ(Bins.size(), 1u);

  // The entry is what a second load reads: replace it by an empty catalogue
  // under the same key and the load returns that.
  auto Buf = llvm::MemoryBuffer::getFile(Bins[0]);
  ASSERT_TRUE(Buf);
  llvm::StringRef Head = (*Buf)->getBuffer();
  Head = Head.drop_until([](char C) { return C == '\n'; }).drop_front(); // the magic line
  const std::string Key = Head.take_until([](char C) { return C == '\n'; }).str();
  writeFile(Bins[0], catalogueToBinary(Catalogue(), {}, Key));
  auto Second = loadCatalogueCached(MEDSEC_SOURCE_DIR "/rules", {Project}, Problems, Cache, "id");
  EXPECT_TRUE(Second->Checks.empty());

  // Corrupt: a miss, parsed again (and rewritten).
  writeFile(Bins[0], "garbage");
  auto Third = loadCatalogueCached(MEDSEC_SOURCE_DIR "/rules", {Project}, Problems, Cache, "id");
  EXPECT_EQ(Third->Checks.size(), First->Checks.size());

  // Another project file's bytes, or another loader: another key, and the
  // problems of the new bytes.
  writeFile(Project, BrokenProject);
  auto Fourth = loadCatalogueCached(MEDSEC_SOURCE_DIR "/rules", {Project}, Problems, Cache, "id");
  EXPECT_FALSE(Problems.empty());
  EXPECT_EQ(binFiles(Cache).size(), 2u);
  std::vector<Problem> Again;
  loadCatalogueCached(MEDSEC_SOURCE_DIR "/rules", {Project}, Again, Cache, "id");
  EXPECT_EQ(Again.size(), Problems.size()); // from the cache, still reported
  loadCatalogueCached(MEDSEC_SOURCE_DIR "/rules", {Project}, Again, Cache, "id2");
  EXPECT_EQ(binFiles(Cache).size(), 3u);
  llvm::sys::fs::remove_directories(Cache);
  llvm::sys::fs::remove_directories(Dir);
}
