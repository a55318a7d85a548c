//===- CrossTuTest.cpp - the scan's join of translation units -------------===//
#include "../../tools/medsec/CrossTu.h"
#include "../../rules/loader/Catalogue.h"

#include "gtest/gtest.h"

#include <cstdio>
#include <fstream>

using namespace medsec;
namespace json = llvm::json;

namespace {

json::Value unitFacts(json::Value Facts, json::Value Defines, json::Value Uses) {
  return json::Object{
      {"facts", std::move(Facts)}, {"defines", std::move(Defines)}, {"uses", std::move(Uses)}};
}

json::Value fact(const char *Kind, const char *Name, int Param, const char *File, int Line) {
  return json::Object{{"kind", Kind},
                      {"name", Name},
                      {"param", Param},
                      {"paramName", "buf"},
                      {"origin", "received data"},
                      {"source", "recv"},
                      {"file", File},
                      {"line", Line},
                      {"column", 3}};
}

TEST(CrossTuJoin, NewFactsRerunTheUnitsThatDefineOrUseTheName) {
  CrossTuJoin J;
  J.addUnit("/p/a.c",
            unitFacts({fact("param", "parse", 0, "a.c", 9), fact("return", "rx", 0, "a.c", 20),
                       fact("global", "g_cmd", 0, "a.c", 4)},
                      {"rx", "g_cmd"}, {"parse"}));
  J.addUnit("/p/b.c", unitFacts({}, {"parse"}, {"rx"}));
  J.addUnit("/p/c.c", unitFacts({}, {}, {"g_cmd"}));
  J.addUnit("/p/d.c", unitFacts({}, {"other"}, {}));
  EXPECT_EQ(J.advance(), (std::vector<std::string>{"/p/b.c", "/p/c.c"}));
  // Known facts reported again start no round.
  J.addUnit("/p/a.c", unitFacts({fact("param", "parse", 0, "a.c", 9)}, {"rx", "g_cmd"}, {"parse"}));
  EXPECT_TRUE(J.advance().empty());
}

TEST(CrossTuJoin, EarliestLocationWinsWhateverTheOrder) {
  CrossTuJoin A, B;
  json::Value X = unitFacts({fact("param", "parse", 1, "z.c", 5)}, {}, {"parse"});
  json::Value Y = unitFacts({fact("param", "parse", 1, "m.c", 7)}, {}, {"parse"});
  json::Value D = unitFacts({}, {"parse"}, {});
  A.addUnit("/p/z.c", X);
  A.addUnit("/p/m.c", Y);
  B.addUnit("/p/m.c", Y);
  B.addUnit("/p/z.c", X);
  A.addUnit("/p/d.c", D);
  B.addUnit("/p/d.c", D);
  A.advance();
  B.advance();
  EXPECT_EQ(A.overlayYaml(), B.overlayYaml());
  EXPECT_NE(A.overlayYaml().find("(m.c:7)"), std::string::npos);
}

TEST(CrossTuJoin, DerivedRulesLoadCleanlyOverTheCatalogue) {
  CrossTuJoin J;
  J.addUnit(
      "/p/a.c",
      unitFacts({fact("param", "parse", 0, "a \"q\".c", 9), fact("param", "parse", 2, "a.c", 9),
                 fact("return", "rx", 0, "a.c", 20), fact("global", "g_cmd", 0, "a.c", 4)},
                {"rx", "g_cmd"}, {"parse"}));
  J.addUnit("/p/b.c", unitFacts({}, {"parse"}, {"rx", "g_cmd"}));
  J.advance();
  const std::string Path = ::testing::TempDir() + "derived-rules-test.yaml";
  std::ofstream(Path) << J.overlayYaml();
  std::vector<rules::Problem> Problems;
  auto Cat = rules::loadCatalogue(MEDSEC_SOURCE_DIR "/rules", {Path}, Problems);
  std::remove(Path.c_str());
  ASSERT_TRUE(Problems.empty()) << Problems.front().str();
  const rules::CheckEntry *E = Cat->findCheck("medsec-tainted-array-index");
  ASSERT_NE(E, nullptr);
  bool Callback = false, Source = false, Global = false;
  for (const rules::DataEntry &D : E->activeData("callbacks"))
    Callback |= D.Key == "parse" && D.getList("params") == std::vector<std::string>{"0", "2"};
  for (const rules::DataEntry &D : E->activeData("sources"))
    Source |= D.Key == "rx" && D.getList("taints") == std::vector<std::string>{"return"};
  for (const rules::DataEntry &D : E->activeData("globals"))
    Global |= D.Key == "g_cmd";
  EXPECT_TRUE(Callback && Source && Global) << J.overlayYaml();
}

} // namespace
