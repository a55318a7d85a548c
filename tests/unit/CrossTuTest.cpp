//===- CrossTuTest.cpp - the scan's join of translation units -------------===//
#include "../../tools/medsec/CrossTu.h"
#include "../../rules/loader/Catalogue.h"

#include "gtest/gtest.h"
#include "llvm/Support/Process.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <optional>

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

/// The built-in catalogue with Overlay (derived rules) layered on top; the
/// file is named after the running test (ctest runs tests in parallel).
std::shared_ptr<rules::Catalogue> loadWithOverlay(const std::string &Overlay,
                                                  std::vector<rules::Problem> &Problems) {
  // The process id too: two checkouts' suites may run the same test at once.
  const std::string Path = ::testing::TempDir() + "derived-rules-" +
                           std::to_string(llvm::sys::Process::getProcessId()) + "-" +
                           ::testing::UnitTest::GetInstance()->current_test_info()->name() +
                           ".yaml";
  std::ofstream(Path) << Overlay;
  auto Cat = rules::loadCatalogue(MEDSEC_SOURCE_DIR "/rules", {Path}, Problems);
  std::remove(Path.c_str());
  return Cat;
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

TEST(CrossTuJoin, NamesSeveralUnitsDefineAreNotJoined) {
  // Two programs of one database, each with its own global `opt` and its own
  // `main`: what one stores in its `opt` is not the other's.
  CrossTuJoin J;
  J.addUnit("/p/tool_a.c", unitFacts({fact("global", "opt", 0, "tool_a.c", 4),
                                      fact("param", "parse", 0, "tool_a.c", 9)},
                                     {"opt", "main"}, {"parse"}));
  J.addUnit("/p/tool_b.c", unitFacts({}, {"opt", "main"}, {}));
  J.addUnit("/p/parse.c", unitFacts({}, {"parse"}, {}));
  EXPECT_EQ(J.advance(), (std::vector<std::string>{"/p/parse.c"}));
  EXPECT_EQ(J.ambiguousNames(), (std::set<std::string>{"opt"}));
  EXPECT_EQ(J.overlayYaml().find("opt"), std::string::npos);
  EXPECT_NE(J.overlayYaml().find("parse"), std::string::npos);
  // One definition and an extern declaration elsewhere are one object.
  CrossTuJoin K;
  K.addUnit("/p/isr.c", unitFacts({fact("global", "rx_buf", 0, "isr.c", 4)}, {"rx_buf"}, {}));
  K.addUnit("/p/proto.c", unitFacts({}, {}, {"rx_buf"}));
  EXPECT_EQ(K.advance(), (std::vector<std::string>{"/p/proto.c"}));
  EXPECT_TRUE(K.ambiguousNames().empty());
  // A caller that only uses a function two units define may link either:
  // both definitions hear of the external data.
  CrossTuJoin L;
  L.addUnit("/p/main.c", unitFacts({fact("param", "dump", 1, "main.c", 7)}, {}, {"dump"}));
  L.addUnit("/p/ble.c", unitFacts({}, {"dump"}, {}));
  L.addUnit("/p/history.c", unitFacts({}, {"dump"}, {}));
  EXPECT_EQ(L.advance(), (std::vector<std::string>{"/p/ble.c", "/p/history.c"}));
  EXPECT_TRUE(L.ambiguousNames().empty());
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
  std::vector<rules::Problem> Problems;
  auto Cat = loadWithOverlay(J.overlayYaml(), Problems);
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

TEST(CrossTuJoin, OutParametersBecomeSourcesWhereTheFunctionIsCalled) {
  // radio_receive (driver.c) writes received data into *out (param 0) and
  // returns it; radio_len only writes its argument 1. Their callers, not
  // their definitions, are analysed again.
  CrossTuJoin J;
  J.addUnit("/p/driver.c",
            unitFacts({fact("out", "radio_receive", 0, "driver.c", 30),
                       fact("return", "radio_receive", 0, "driver.c", 29),
                       fact("out", "radio_len", 1, "driver.c", 40)},
                      {"radio_receive", "radio_len"}, {}));
  J.addUnit("/p/proto.c", unitFacts({}, {}, {"radio_receive"}));
  J.addUnit("/p/cli.c", unitFacts({}, {}, {"radio_len"}));
  J.addUnit("/p/other.c", unitFacts({}, {"radio_helper"}, {}));
  EXPECT_EQ(J.advance(), (std::vector<std::string>{"/p/cli.c", "/p/proto.c"}));
  std::vector<rules::Problem> Problems;
  auto Cat = loadWithOverlay(J.overlayYaml(), Problems);
  ASSERT_TRUE(Problems.empty()) << Problems.front().str();
  const rules::CheckEntry *E = Cat->findCheck("medsec-tainted-array-index");
  ASSERT_NE(E, nullptr);
  std::map<std::string, std::pair<std::vector<std::string>, std::string>> Sources;
  for (const rules::DataEntry &D : E->activeData("sources"))
    Sources[D.Key] = {D.getList("taints"), D.get("note")};
  // One entry per function: its out-parameters and its return value.
  EXPECT_EQ(Sources["radio_receive"].first, (std::vector<std::string>{"0", "return"}));
  EXPECT_EQ(Sources["radio_receive"].second,
            "value received through 'radio_receive' here, received data from another "
            "translation unit (driver.c:29)");
  EXPECT_EQ(Sources["radio_len"].first, (std::vector<std::string>{"1"}));
  // A function no other unit calls gets no entry; one only defined elsewhere neither.
  CrossTuJoin K;
  K.addUnit("/p/driver.c", unitFacts({fact("out", "radio_receive", 0, "driver.c", 30)},
                                     {"radio_receive"}, {}));
  K.addUnit("/p/twin.c", unitFacts({}, {"radio_receive"}, {}));
  EXPECT_TRUE(K.advance().empty());
  EXPECT_EQ(K.overlayYaml(), "");
}

TEST(CrossTuJoin, OverloadedMethodsJoinApartAndNotesNameThemPlainly) {
  // app.cpp passes a received buffer to Parser::handle(const unsigned char *,
  // unsigned long); parser.cpp defines both overloads of handle. Only that
  // overload's parameter becomes a callback; Link::take's reference parameter
  // a source in app.cpp. The rules load with the types in the names.
  const char *Buf = "app::Parser::handle(const unsigned char *, unsigned long)";
  CrossTuJoin J;
  J.addUnit("/p/app.cpp", unitFacts({fact("param", Buf, 0, "app.cpp", 9)}, {"task"},
                                    {Buf, "app::Parser::handle(int)", "drv::Link::take"}));
  J.addUnit("/p/parser.cpp", unitFacts({}, {Buf, "app::Parser::handle(int)"}, {}));
  J.addUnit("/p/link.cpp",
            unitFacts({fact("out", "drv::Link::take", 0, "link.cpp", 5)}, {"drv::Link::take"}, {}));
  EXPECT_EQ(J.advance(), (std::vector<std::string>{"/p/app.cpp", "/p/parser.cpp"}));
  std::vector<rules::Problem> Problems;
  auto Cat = loadWithOverlay(J.overlayYaml(), Problems);
  ASSERT_TRUE(Problems.empty()) << Problems.front().str();
  const rules::CheckEntry *E = Cat->findCheck("medsec-tainted-array-index");
  ASSERT_NE(E, nullptr);
  std::map<std::string, std::string> Callbacks;
  for (const rules::DataEntry &D : E->activeData("callbacks"))
    Callbacks[D.Key] = D.get("note");
  EXPECT_EQ(Callbacks.count("app::Parser::handle(int)"), 0u);
  EXPECT_EQ(Callbacks[Buf], "value received as parameter '%P' of 'app::Parser::handle' here, "
                            "passed from another translation unit (app.cpp:9)");
  bool Take = false;
  for (const rules::DataEntry &D : E->activeData("sources"))
    Take |= D.Key == "drv::Link::take" && D.getList("taints") == std::vector<std::string>{"0"};
  EXPECT_TRUE(Take) << J.overlayYaml();
}

TEST(CrossTuJoin, VirtualMethodsReachTheOverridersOfEveryUnit) {
  // app.cpp passes received data to a virtual app::Command::run; commands.cpp
  // defines SetRate::run and Ping::run over it, other.cpp an unrelated
  // Log::run. radio.cpp's RadioPort::get (overriding Port::get, which
  // overrides Source::get) writes received data: its callers through the bases hear of it.
  auto Overrides = [](std::vector<std::pair<const char *, const char *>> Pairs) {
    json::Array A;
    for (const auto &[Over, Base] : Pairs)
      A.push_back(json::Array{Over, Base});
    return A;
  };
  json::Value Commands = unitFacts({}, {"app::SetRate::run", "app::Ping::run", "app::pick"}, {});
  Commands.getAsObject()->try_emplace("overrides",
                                      Overrides({{"app::SetRate::run", "app::Command::run"},
                                                 {"app::Ping::run", "app::Command::run"}}));
  json::Value Radio = unitFacts({fact("out", "drv::RadioPort::get", 0, "radio.cpp", 4)},
                                {"drv::RadioPort::get"}, {});
  Radio.getAsObject()->try_emplace("overrides",
                                   Overrides({{"drv::RadioPort::get", "drv::Port::get"},
                                              {"drv::RadioPort::get", "drv::Source::get"}}));
  CrossTuJoin J;
  J.addUnit("/p/app.cpp", unitFacts({fact("param", "app::Command::run", 0, "app.cpp", 9)}, {"task"},
                                    {"app::Command::run", "drv::Port::get"}));
  J.addUnit("/p/commands.cpp", Commands);
  J.addUnit("/p/radio.cpp", Radio);
  J.addUnit("/p/other.cpp", unitFacts({}, {"log::Log::run"}, {"drv::Source::get"}));
  EXPECT_EQ(J.advance(),
            (std::vector<std::string>{"/p/app.cpp", "/p/commands.cpp", "/p/other.cpp"}));
  std::vector<rules::Problem> Problems;
  auto Cat = loadWithOverlay(J.overlayYaml(), Problems);
  ASSERT_TRUE(Problems.empty()) << Problems.front().str();
  const rules::CheckEntry *E = Cat->findCheck("medsec-tainted-array-index");
  ASSERT_NE(E, nullptr);
  std::set<std::string> Callbacks, Sources;
  for (const rules::DataEntry &D : E->activeData("callbacks"))
    if (D.get("channel") == "cross-tu")
      Callbacks.insert(D.Key);
  for (const rules::DataEntry &D : E->activeData("sources"))
    if (D.get("channel") == "cross-tu" && D.getList("taints") == std::vector<std::string>{"0"})
      Sources.insert(D.Key);
  // Where the methods are defined (no unit defines the pure Command::run),
  // where they are called (no unit calls RadioPort::get itself).
  EXPECT_EQ(Callbacks, (std::set<std::string>{"app::Ping::run", "app::SetRate::run"}));
  EXPECT_EQ(Sources, (std::set<std::string>{"drv::Port::get", "drv::Source::get"}));
  // Reported again, nothing is new.
  J.addUnit("/p/app.cpp", unitFacts({fact("param", "app::Command::run", 0, "app.cpp", 9)}, {"task"},
                                    {"app::Command::run", "drv::Port::get"}));
  EXPECT_TRUE(J.advance().empty());
}

TEST(CrossTuJoin, AnOutputCheckedOnSomeResultsKeepsThemInItsSource) {
  // get_len checks *len before it returns 0; get_pair checks one of its two
  // outputs only: its source says nothing of results.
  auto checked = [](const char *Name, int Param, std::optional<int64_t> Min,
                    std::optional<int64_t> Max, std::optional<int64_t> Bound) {
    json::Value F = fact("out", Name, Param, "asn1.c", 10 + Param);
    json::Object C;
    if (Min)
      C["resultMin"] = *Min;
    if (Max)
      C["resultMax"] = *Max;
    if (Bound)
      C["max"] = *Bound;
    (*F.getAsObject())["checked"] = std::move(C);
    return F;
  };
  CrossTuJoin J;
  J.addUnit("/p/asn1.c", unitFacts({checked("get_len", 2, 0, 0, std::nullopt),
                                    checked("get_byte", 1, 1, std::nullopt, 255),
                                    checked("get_pair", 1, 0, 0, std::nullopt),
                                    fact("out", "get_pair", 2, "asn1.c", 20)},
                                   {"get_len", "get_byte", "get_pair"}, {}));
  J.addUnit("/p/proto.c", unitFacts({}, {}, {"get_len", "get_byte", "get_pair"}));
  J.advance();
  std::vector<rules::Problem> Problems;
  auto Cat = loadWithOverlay(J.overlayYaml(), Problems);
  ASSERT_TRUE(Problems.empty()) << Problems.front().str();
  std::map<std::string, std::tuple<long long, long long, long long>> S;
  for (const rules::DataEntry &D : Cat->findCheck("medsec-tainted-array-index")->activeData("sources"))
    S[D.Key] = {D.getInt("checked-result-min", -99), D.getInt("checked-result-max", -99),
                D.getInt("checked-max", -99)};
  EXPECT_EQ(S["get_len"], std::make_tuple(0LL, 0LL, -99LL)) << J.overlayYaml();
  EXPECT_EQ(S["get_byte"], std::make_tuple(1LL, -99LL, 255LL)) << J.overlayYaml();
  EXPECT_EQ(S["get_pair"], std::make_tuple(-99LL, -99LL, -99LL)) << J.overlayYaml();
}

TEST(CrossTuJoin, OutParametersNameTheMembersThatReceive) {
  // sha_update (sha.c) writes received bytes into ctx->buffer only: its
  // callers learn that member, not the whole context; radio_receive's
  // record is received whole (no "fields").
  json::Value Sha = fact("out", "sha_update", 0, "sha.c", 12);
  Sha.getAsObject()->insert({"fields", json::Array{"buffer"}});
  CrossTuJoin J;
  J.addUnit("/p/sha.c", unitFacts({std::move(Sha), fact("out", "radio_receive", 0, "radio.c", 5)},
                                  {"sha_update", "radio_receive"}, {}));
  J.addUnit("/p/md.c", unitFacts({}, {}, {"sha_update", "radio_receive"}));
  EXPECT_EQ(J.advance(), (std::vector<std::string>{"/p/md.c"}));
  std::vector<rules::Problem> Problems;
  auto Cat = loadWithOverlay(J.overlayYaml(), Problems);
  ASSERT_TRUE(Problems.empty()) << Problems.front().str();
  std::map<std::string, std::vector<std::string>> Fields;
  for (const rules::DataEntry &D : Cat->findCheck("medsec-tainted-array-index")->activeData("sources"))
    Fields[D.Key] = D.getList("fields");
  EXPECT_EQ(Fields["sha_update"], (std::vector<std::string>{"0.buffer"}));
  EXPECT_TRUE(Fields["radio_receive"].empty());
  // The facts a unit writes carry the members, and are read back.
  CrossTuFacts F;
  CrossTuFact X;
  X.K = CrossTuFact::OutFact;
  X.Name = "sha_update";
  X.File = "sha.c";
  X.Fields = {"buffer", "total"};
  F.Facts.push_back(X);
  json::Value V = crossTuFactsToJson(F, "/p", "/p");
  const json::Object *O = V.getAsObject()->getArray("facts")->front().getAsObject();
  ASSERT_NE(O->getArray("fields"), nullptr);
  EXPECT_EQ(O->getArray("fields")->size(), 2u);
}

TEST(CrossTuJoin, MembersGoToTheUnitsWhoseMethodsReadThem) {
  // rx.cpp's Rx::poll receives into this->req_; dispatch.cpp's methods read
  // it, other.cpp defines Rx::reset but reads no member.
  CrossTuJoin J;
  J.addUnit("/p/rx.cpp",
            unitFacts({fact("member", "Rx::req_", 0, "rx.cpp", 4)}, {"Rx::poll"}, {"Rx::req_"}));
  J.addUnit("/p/dispatch.cpp", unitFacts({}, {"Rx::dispatch"}, {"Rx::req_"}));
  J.addUnit("/p/other.cpp", unitFacts({}, {"Rx::reset"}, {}));
  EXPECT_EQ(J.advance(), (std::vector<std::string>{"/p/dispatch.cpp"}));
  std::vector<rules::Problem> Problems;
  auto Cat = loadWithOverlay(J.overlayYaml(), Problems);
  ASSERT_TRUE(Problems.empty()) << Problems.front().str();
  const rules::CheckEntry *E = Cat->findCheck("medsec-tainted-array-index");
  ASSERT_NE(E, nullptr);
  std::string Note;
  for (const rules::DataEntry &D : E->activeData("globals"))
    if (D.Key == "Rx::req_")
      Note = D.get("note");
  EXPECT_EQ(Note, "member 'Rx::req_' declared here holds received data from another translation "
                  "unit (rx.cpp:4)");
}

} // namespace

namespace {

json::Value unitCalls(std::vector<std::tuple<const char *, int, int, int>> Calls) {
  json::Array A;
  for (const auto &[Name, Checked, All, Unchecked] : Calls)
    A.push_back(json::Object{
        {"name", Name}, {"checked", Checked}, {"calls", All}, {"unchecked", Unchecked}});
  return json::Object{{"facts", json::Array{}},
                      {"defines", json::Array{}},
                      {"uses", json::Array{}},
                      {"calls", std::move(A)},
                      {"mustCheck", json::Object{{"minCalls", 3}, {"minPercent", 80}}}};
}

TEST(CrossTuJoin, CallSitesAreSummedOverTheUnitsOnce) {
  CrossTuJoin J;
  // i2c_read: checked 3 times in a.c, discarded once in b.c: 3 of 3 others.
  // led_set: checked in two units, never discarded: nothing to rerun.
  // spi_xfer: checked 4 of 5 in a.c (reported alone), discarded 4 times in c.c: no longer
  // (a.c drops its finding; c.c reported nothing and still does not).
  // adc_read: discarded in d.c only, one unit: d.c knew it all.
  J.addUnit("/p/a.c", unitCalls({{"i2c_read", 3, 3, 0}, {"led_set", 2, 2, 0},
                                 {"spi_xfer", 4, 5, 1}}));
  J.addUnit("/p/b.c", unitCalls({{"i2c_read", 0, 1, 1}, {"led_set", 1, 1, 0}}));
  J.addUnit("/p/c.c", unitCalls({{"spi_xfer", 0, 4, 4}}));
  J.addUnit("/p/d.c", unitCalls({{"adc_read", 3, 4, 1}}));
  EXPECT_EQ(J.advance(), (std::vector<std::string>{"/p/a.c", "/p/b.c"}));
  const std::string Y = J.overlayYaml();
  EXPECT_NE(Y.find("{name: \"i2c_read\", checked: 3, calls: 4}"), std::string::npos) << Y;
  EXPECT_NE(Y.find("{name: \"spi_xfer\", checked: 4, calls: 9}"), std::string::npos) << Y;
  EXPECT_EQ(Y.find("led_set"), std::string::npos) << Y;
  EXPECT_EQ(Y.find("adc_read"), std::string::npos) << Y;
  EXPECT_EQ(Y.find("medsec-tainted-array-index"), std::string::npos) << Y;
  // The rerun units report the same counts: no further round.
  J.addUnit("/p/b.c", unitCalls({{"i2c_read", 0, 1, 1}, {"led_set", 1, 1, 0}}));
  EXPECT_TRUE(J.advance().empty());

  // The derived rules load over the catalogue.
  std::vector<rules::Problem> Problems;
  auto Cat = loadWithOverlay(Y, Problems);
  ASSERT_TRUE(Problems.empty()) << Problems.front().str();
  const rules::CheckEntry *E = Cat->findCheck("medsec-unchecked-return-value");
  ASSERT_NE(E, nullptr);
  bool Found = false;
  for (const rules::DataEntry &D : E->activeData("joined-calls"))
    Found |= D.Key == "i2c_read" && D.getInt("checked", 0) == 3 && D.getInt("calls", 0) == 4;
  EXPECT_TRUE(Found) << Y;
}

TEST(CrossTuJoin, NoCountsWithoutTheInference) {
  CrossTuJoin J;
  json::Value V = unitCalls({{"i2c_read", 3, 3, 0}});
  V.getAsObject()->erase("mustCheck");
  J.addUnit("/p/a.c", V);
  J.addUnit("/p/b.c", unitCalls({{"i2c_read", 0, 1, 1}}));
  // b.c said how it counts: the sums still join.
  EXPECT_EQ(J.advance(), (std::vector<std::string>{"/p/b.c"}));
}

json::Value root(const char *File, int Line, const char *Name) {
  return json::Object{{"file", File}, {"line", Line}, {"column", 3}, {"name", Name}};
}

json::Value ref(const char *Kind, const char *Name, int Param) {
  return json::Object{{"kind", Kind}, {"name", Name}, {"param", Param}};
}

json::Value withOrigins(json::Value Fact, json::Value Roots, json::Value Via) {
  json::Object &O = *Fact.getAsObject();
  O["roots"] = std::move(Roots);
  O["via"] = std::move(Via);
  return Fact;
}

TEST(CrossTuJoin, FactsKeepTheInputsTheyCameFromThroughEveryHop) {
  // uart.c receives twice (recv at line 5, HAL_UART_Receive at line 9) and
  // passes both frames to relay (relay.c), which passes them on to deep
  // (proto.c): deep's parameter came from both receives.
  CrossTuJoin J;
  J.addUnit("/p/uart.c",
            unitFacts({withOrigins(fact("param", "relay", 0, "uart.c", 6),
                                   {root("uart.c", 5, "recv")}, {})},
                      {}, {"relay"}));
  J.addUnit("/p/uart2.c",
            unitFacts({withOrigins(fact("param", "relay", 0, "uart2.c", 10),
                                   {root("uart2.c", 9, "HAL_UART_Receive")}, {})},
                      {}, {"relay"}));
  J.addUnit("/p/relay.c", unitFacts({}, {"relay"}, {"deep"}));
  J.addUnit("/p/proto.c", unitFacts({}, {"deep"}, {}));
  EXPECT_EQ(J.advance(), (std::vector<std::string>{"/p/relay.c"}));
  // The earliest call wins the note; both receives stay behind it.
  const std::set<InputRoot> Both{{"uart.c", 5, 3, "recv"}, {"uart2.c", 9, 3, "HAL_UART_Receive"}};
  EXPECT_EQ(J.rootsOf({"param", "relay", 0}), Both);
  // relay.c, analysed with the derived rules: what it passes on came from
  // relay's parameter, a fact of other units.
  J.addUnit("/p/relay.c",
            unitFacts({withOrigins(fact("param", "deep", 0, "relay.c", 3), {},
                                   {ref("param", "relay", 0)})},
                      {"relay"}, {"deep"}));
  EXPECT_EQ(J.advance(), (std::vector<std::string>{"/p/proto.c"}));
  EXPECT_EQ(J.rootsOf({"param", "deep", 0}), Both);
  // A known fact reported again from a new flow adds its input, no round.
  J.addUnit("/p/uart3.c",
            unitFacts({withOrigins(fact("param", "relay", 0, "uart3.c", 2),
                                   {root("uart3.c", 1, "uart_poll_in")}, {})},
                      {}, {"relay"}));
  EXPECT_TRUE(J.advance().empty());
  EXPECT_EQ(J.rootsOf({"param", "deep", 0}).size(), 3u);
  EXPECT_TRUE(J.rootsOf({"param", "unknown", 0}).empty());
}

TEST(CrossTuJoin, AnOverriderGetsTheInputsOfTheVirtualMethodsFacts) {
  // app.cpp passes what recv received to the virtual Command::run, which
  // commands.cpp's SetRate::run overrides; a later unit (app2.cpp) passes
  // what uart_read received to it too, without another round.
  json::Value Commands = unitFacts({}, {"app::SetRate::run"}, {});
  Commands.getAsObject()->try_emplace(
      "overrides", json::Array{json::Array{"app::SetRate::run", "app::Command::run"}});
  CrossTuJoin J;
  J.addUnit("/p/app.cpp",
            unitFacts({withOrigins(fact("param", "app::Command::run", 0, "app.cpp", 9),
                                   json::Array{root("app.cpp", 8, "recv")}, {})},
                      {}, {"app::Command::run"}));
  J.addUnit("/p/commands.cpp", Commands);
  EXPECT_EQ(J.advance(), (std::vector<std::string>{"/p/commands.cpp"}));
  EXPECT_EQ(J.rootsOf({"param", "app::SetRate::run", 0}),
            (std::set<InputRoot>{{"app.cpp", 8, 3, "recv"}}));
  J.addUnit("/p/app2.cpp",
            unitFacts({withOrigins(fact("param", "app::Command::run", 0, "app2.cpp", 5),
                                   json::Array{root("app2.cpp", 4, "uart_read")}, {})},
                      {}, {"app::Command::run"}));
  EXPECT_TRUE(J.advance().empty());
  EXPECT_EQ(J.rootsOf({"param", "app::SetRate::run", 0}),
            (std::set<InputRoot>{{"app.cpp", 8, 3, "recv"}, {"app2.cpp", 4, 3, "uart_read"}}));
}

TEST(CrossTuJoin, CyclesOfFactsEnd) {
  // ping passes its parameter to pong, pong to ping (each in its own unit).
  CrossTuJoin J;
  J.addUnit("/p/a.c", unitFacts({withOrigins(fact("param", "pong", 0, "a.c", 4),
                                             {root("a.c", 2, "recv")}, {ref("param", "ping", 0)})},
                                {"ping"}, {"pong"}));
  J.addUnit("/p/b.c", unitFacts({withOrigins(fact("param", "ping", 0, "b.c", 4), {},
                                             {ref("param", "pong", 0)})},
                                {"pong"}, {"ping"}));
  J.advance();
  EXPECT_EQ(J.rootsOf({"param", "ping", 0}), (std::set<InputRoot>{{"a.c", 2, 3, "recv"}}));
}

TEST(CrossTuJoin, FindingsStartingAtADerivedValueNameItsInputs) {
  CrossTuJoin J;
  J.addUnit("/p/uart.c",
            unitFacts({withOrigins(fact("param", "parse", 0, "uart.c", 6),
                                   {root("uart.c", 5, "recv"), root("uart.c", 8, "recv")}, {}),
                       withOrigins(fact("return", "rx_byte", 0, "uart.c", 20),
                                   {root("uart.c", 21, "HAL_UART_Receive")}, {})},
                      {"rx_byte"}, {"parse"}));
  J.addUnit("/p/proto.c", unitFacts({}, {"parse"}, {"rx_byte"}));
  J.advance();
  // proto.c's parse parameter (line 4, column 20) is a derived callback; its
  // call of rx_byte (line 9) a derived source.
  json::Value Proto = unitFacts({}, {"parse"}, {"rx_byte"});
  Proto.getAsObject()->insert(
      {"derivedRoots",
       json::Array{json::Object{{"file", "proto.c"},
                                {"line", 4},
                                {"column", 20},
                                {"facts", json::Array{ref("param", "parse", 0)}}},
                   json::Object{{"file", "proto.c"},
                                {"line", 9},
                                {"column", 11},
                                {"facts", json::Array{ref("return", "rx_byte", 0)}}}}});
  UnitResult U{"proto.c", UnitStatus::Analysed, "", {}};
  U.CrossTu = Proto;
  auto At = [](unsigned Line, unsigned Column) {
    Finding F;
    F.Check = "medsec-tainted-array-index";
    F.Where = {"proto.c", Line + 1, 3};
    F.Notes = {{{"proto.c", Line, Column}, "value received as parameter"}};
    return F;
  };
  U.Findings = {At(4, 20), At(9, 11), At(4, 3)};
  std::vector<UnitResult> Results{U};
  J.attributeFindings(Results);
  const std::vector<Finding> &F = Results[0].Findings;
  EXPECT_EQ(F[0].Inputs,
            (std::vector<InputRef>{{{"uart.c", 5, 3}, "recv"}, {{"uart.c", 8, 3}, "recv"}}));
  EXPECT_EQ(F[1].Inputs, (std::vector<InputRef>{{{"uart.c", 21, 3}, "HAL_UART_Receive"}}));
  EXPECT_TRUE(F[2].Inputs.empty()); // its flow starts elsewhere
  // Attributed again (a unit's findings named their own input already):
  // each input once.
  J.attributeFindings(Results);
  EXPECT_EQ(Results[0].Findings[0].Inputs.size(), 2u);
}

} // namespace

namespace {
json::Value rangedFact(const char *Name, int Param, const char *File, int Line,
                       std::optional<int64_t> Lo, std::optional<int64_t> Hi, bool HiChecked) {
  json::Value V = fact("param", Name, Param, File, Line);
  json::Object R;
  if (Lo)
    R["lo"] = *Lo;
  if (Hi)
    R["hi"] = *Hi;
  if (HiChecked)
    R["hiChecked"] = true;
  V.getAsObject()->try_emplace("range", std::move(R));
  return V;
}

/// The ranges of the derived callback entry for Name, as the catalogue reads them.
std::vector<std::string> derivedRanges(const CrossTuJoin &J, const std::string &Name) {
  std::vector<rules::Problem> Problems;
  auto Cat = loadWithOverlay(J.overlayYaml(), Problems);
  EXPECT_TRUE(Problems.empty()) << (Problems.empty() ? "" : Problems.front().str());
  if (!Cat)
    return {"(no catalogue)"};
  for (const rules::DataEntry &D :
       Cat->findCheck("medsec-tainted-array-index")->activeData("callbacks"))
    if (D.Key == Name)
      return D.getList("ranges");
  return {"(no entry)"};
}
} // namespace

TEST(CrossTuJoin, AParameterCrossesInTheWidestIntervalOfItsCallSites) {
  // Two units call parse: one checked n <= 200, one passes a byte (0..255 by its type).
  CrossTuJoin J;
  J.addUnit("/p/a.c", unitFacts({rangedFact("parse", 1, "a.c", 9, 0, 200, true)}, {}, {"parse"}));
  J.addUnit("/p/b.c", unitFacts({rangedFact("parse", 1, "b.c", 4, 0, 255, false)}, {}, {"parse"}));
  J.addUnit("/p/c.c", unitFacts({}, {"parse"}, {}));
  EXPECT_EQ(J.advance(), (std::vector<std::string>{"/p/c.c"}));
  EXPECT_EQ(derivedRanges(J, "parse"), (std::vector<std::string>{"1: 0..255"}));

  // One site that passes it unbounded makes it unbounded: no range at all.
  CrossTuJoin K;
  K.addUnit("/p/a.c", unitFacts({rangedFact("parse", 1, "a.c", 9, 0, 16, true)}, {}, {"parse"}));
  K.addUnit("/p/b.c", unitFacts({fact("param", "parse", 1, "b.c", 4)}, {}, {"parse"}));
  K.addUnit("/p/c.c", unitFacts({}, {"parse"}, {}));
  K.advance();
  EXPECT_EQ(derivedRanges(K, "parse"), std::vector<std::string>{});
  EXPECT_NE(K.overlayYaml().find("params: [\"1\"]"), std::string::npos) << K.overlayYaml();

  // Equal checked ends stay checked; an open end stays open.
  CrossTuJoin L;
  L.addUnit("/p/a.c", unitFacts({rangedFact("parse", 1, "a.c", 9, std::nullopt, 16, true),
                                 rangedFact("parse", 2, "a.c", 9, 0, 7, true)},
                                {}, {"parse"}));
  L.addUnit("/p/b.c", unitFacts({rangedFact("parse", 1, "b.c", 4, 0, 16, true)}, {}, {"parse"}));
  L.addUnit("/p/c.c", unitFacts({}, {"parse"}, {}));
  L.advance();
  EXPECT_EQ(derivedRanges(L, "parse"),
            (std::vector<std::string>{"1: ..16, checked upper", "2: 0..7, checked upper"}));
}

TEST(CrossTuJoin, AWiderIntervalLaterWidensTheRuleAndRerunsTheDefiner) {
  CrossTuJoin J;
  J.addUnit("/p/a.c", unitFacts({rangedFact("parse", 0, "a.c", 9, 0, 16, true)}, {}, {"parse"}));
  J.addUnit("/p/c.c", unitFacts({}, {"parse"}, {}));
  J.addUnit("/p/b.c", unitFacts({}, {}, {"parse"}));
  EXPECT_EQ(J.advance(), (std::vector<std::string>{"/p/c.c"}));
  EXPECT_EQ(derivedRanges(J, "parse"), (std::vector<std::string>{"0: 0..16, checked upper"}));
  // b.c, analysed again for another reason, now passes parse an unbounded value.
  J.addUnit("/p/b.c", unitFacts({fact("param", "parse", 0, "b.c", 30)}, {}, {"parse"}));
  EXPECT_EQ(J.advance(), (std::vector<std::string>{"/p/c.c"}));
  EXPECT_EQ(derivedRanges(J, "parse"), std::vector<std::string>{});
  // The same again changes nothing: no round.
  J.addUnit("/p/b.c", unitFacts({fact("param", "parse", 0, "b.c", 30)}, {}, {"parse"}));
  EXPECT_TRUE(J.advance().empty());
}

TEST(CrossTuJoin, WidenRange) {
  std::optional<ValueRange> A = ValueRange{0, 16, false, true};
  EXPECT_FALSE(widenRange(A, ValueRange{2, 16, false, false}));
  EXPECT_EQ(*A, (ValueRange{0, 16, false, true}));
  EXPECT_TRUE(widenRange(A, ValueRange{-4, 255, true, false}));
  EXPECT_EQ(*A, (ValueRange{-4, 255, true, false}));
  EXPECT_TRUE(widenRange(A, ValueRange{std::nullopt, 10, false, true}));
  EXPECT_EQ(*A, (ValueRange{std::nullopt, 255, false, false}));
  EXPECT_TRUE(widenRange(A, ValueRange{0, std::nullopt, false, false}));
  EXPECT_FALSE(A.has_value()); // both ends open: unbounded
  std::optional<ValueRange> B = ValueRange{0, 1, false, false};
  EXPECT_TRUE(widenRange(B, std::nullopt));
  EXPECT_FALSE(B.has_value());
  EXPECT_FALSE(widenRange(B, ValueRange{0, 1, false, false})); // unbounded stays so
  EXPECT_FALSE(B.has_value());
}

TEST(CrossTuJoin, ParamRangeTextRoundTripsAndRejectsMalformedRanges) {
  std::string Error;
  for (const ValueRange &R :
       {ValueRange{0, 200, false, true}, ValueRange{std::nullopt, 16, false, true},
        ValueRange{-3, 7, true, true}, ValueRange{5, std::nullopt, true, false},
        ValueRange{0, 255, false, false}}) {
    auto P = parseParamRange(formatParamRange(3, R), Error);
    ASSERT_TRUE(P) << formatParamRange(3, R) << ": " << Error;
    EXPECT_EQ(P->first, 3u);
    EXPECT_EQ(P->second, R) << formatParamRange(3, R);
  }
  EXPECT_EQ(formatParamRange(1, ValueRange{0, 200, false, true}), "1: 0..200, checked upper");
  for (const char *Bad : {"0..200", "x: 0..200", "1: 0-200", "1: ..", "1: 9..2", "1: 0..2x",
                          "1: 0..200, checked sideways", "1: ..200, checked lower"}) {
    Error.clear();
    EXPECT_FALSE(parseParamRange(Bad, Error)) << Bad;
    EXPECT_NE(Error.find(std::string("'") + Bad + "'"), std::string::npos) << Error;
  }
}

TEST(CrossTuJoin, AMalformedRangeInARulesFileIsAnErrorNamingIt) {
  std::vector<rules::Problem> Problems;
  loadWithOverlay(
      "checks:\n  - id: medsec-tainted-array-index\n    data:\n      callbacks:\n"
      "        - name: parse\n          params: [\"1\"]\n          ranges: [\"1: 0-200\"]\n",
      Problems);
  ASSERT_EQ(Problems.size(), 1u);
  EXPECT_NE(Problems.front().str().find("'ranges': range '1: 0-200' has no interval"),
            std::string::npos)
      << Problems.front().str();
  EXPECT_NE(Problems.front().str().find(":7:"), std::string::npos) << Problems.front().str();
}
