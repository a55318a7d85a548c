//===- ReportMessagesTest.cpp - the report's message tables ---------------===//
//
// English is the reference table: every message the writers ask for is in
// it, it holds nothing they do not ask for, and every other language has
// exactly its keys and placeholders. A broken table is refused with the file,
// the line and the key.
//
//===----------------------------------------------------------------------===//
#include "report/Messages.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

using namespace medsec::report;

namespace {

const std::string Dir = MEDSEC_SOURCE_DIR "/tools/medsec/report/messages";
const std::string Sources = MEDSEC_SOURCE_DIR "/tools/medsec/report";

// Groups looked up with Messages::term: their keys are built from values.
const std::set<std::string> TermGroups = {
    "verdict",      "severity",       "status",        "status-short",   "check-status",
    "check-state",  "relation",       "phase",         "basis",          "role",
    "file-state",   "db-state",       "unit-status",   "finding-status", "baseline",
    "record-kind",  "record-status",  "deviation-flag", "component-flag", "vulnerability-flag",
    "input-kind"};

std::shared_ptr<const Messages> load(const std::string &Lang, const std::string &From = Dir) {
  auto M = Messages::load(From, Lang);
  EXPECT_TRUE(static_cast<bool>(M)) << (M ? "" : llvm::toString(M.takeError()));
  return M ? *M : nullptr;
}

std::string loadError(const std::string &From, const std::string &Lang) {
  auto M = Messages::load(From, Lang);
  if (M)
    return "";
  return llvm::toString(M.takeError());
}

/// Every string literal of the report writers that looks like a message key.
std::set<std::string> keysInSources() {
  std::set<std::string> Keys;
  llvm::Regex Literal("\"([a-z][a-z0-9-]*\\.[A-Za-z0-9_.-]+)\"");
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Sources, EC), End; It != End && !EC;
       It.increment(EC)) {
    if (llvm::sys::path::extension(It->path()) != ".cpp")
      continue;
    auto Buf = llvm::MemoryBuffer::getFile(It->path());
    llvm::StringRef Text = (*Buf)->getBuffer();
    llvm::SmallVector<llvm::StringRef, 2> M;
    while (Literal.match(Text, &M)) {
      llvm::StringRef K = M[1];
      if (!K.ends_with(".json") && !K.ends_with(".html") && !K.ends_with(".md") &&
          !K.ends_with(".csv") && !K.ends_with(".sha256") && !K.ends_with(".yaml"))
        Keys.insert(K.str());
      Text = Text.substr(Text.find(M[0]) + M[0].size());
    }
  }
  return Keys;
}

struct TempDir {
  std::string Path;
  TempDir() {
    llvm::SmallString<128> P;
    EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("medsec-messages", P));
    Path = P.str().str();
  }
  ~TempDir() { llvm::sys::fs::remove_directories(Path); }
  void write(const std::string &Name, const std::string &Text) const {
    std::ofstream(Path + "/" + Name, std::ios::binary) << Text;
  }
};

const char En[] = "language: en\nmessages:\n  a.one: \"one {0}\"\n  a.two: \"two\"\n";

} // namespace

TEST(ReportMessages, EveryKeyTheWritersUseIsInTheEnglishTableAndNoOther) {
  auto En = load("en");
  ASSERT_TRUE(En);
  const std::set<std::string> Used = keysInSources();
  std::set<std::string> Prefixes;
  for (const auto &E : En->entries())
    Prefixes.insert(llvm::StringRef(E.first).split('.').first.str());
  for (const std::string &K : Used) {
    if (Prefixes.count(llvm::StringRef(K).split('.').first.str())) {
      EXPECT_TRUE(En->has(K)) << "the writers use message '" << K << "', not in en.yaml";
    }
  }
  for (const auto &E : En->entries()) {
    const std::string Group = llvm::StringRef(E.first).split('.').first.str();
    EXPECT_TRUE(Used.count(E.first) || TermGroups.count(Group))
        << "en.yaml:" << E.second.Line << ": message '" << E.first << "' is used by no writer";
  }
}

TEST(ReportMessages, FrenchHasExactlyTheKeysAndPlaceholdersOfEnglish) {
  auto En = load("en");
  auto Fr = load("fr");
  ASSERT_TRUE(En && Fr);
  std::set<std::string> EnKeys, FrKeys;
  for (const auto &E : En->entries())
    EnKeys.insert(E.first);
  for (const auto &E : Fr->entries())
    FrKeys.insert(E.first);
  EXPECT_EQ(EnKeys, FrKeys);
  EXPECT_TRUE(Messages::compare(*En, *Fr).empty());
  EXPECT_EQ(Fr->lang(), "fr");
}

TEST(ReportMessages, EveryShippedTableLoads) {
  const std::vector<std::string> Langs = Messages::available(Dir);
  EXPECT_NE(std::find(Langs.begin(), Langs.end(), "en"), Langs.end());
  for (const std::string &L : Langs)
    EXPECT_TRUE(load(L)) << L;
}

TEST(ReportMessages, FormatsAndTerms) {
  TempDir T;
  T.write("en.yaml", "language: en\nmessages:\n  x.two: \"{1} then {0}\"\n"
                     "  severity.high: \"HIGH\"\n  flag.no-approver: \"nobody\"\n");
  auto M = load("en", T.Path);
  ASSERT_TRUE(M);
  EXPECT_EQ(M->fmt("x.two", {"a", "b"}), "b then a");
  EXPECT_EQ(M->fmt("x.two", {"a"}), "[[x.two:{1}]] then a");
  EXPECT_EQ(M->text("x.missing"), "[[x.missing]]");
  EXPECT_EQ(M->term("severity", "high"), "HIGH");
  EXPECT_EQ(M->term("flag", "no approver"), "nobody");
  // A value the table does not name is data from the inputs: shown as it is.
  EXPECT_EQ(M->term("severity", "urgent"), "urgent");
}

TEST(ReportMessages, ABrokenTableIsRefusedWithFileLineAndKey) {
  TempDir T;
  T.write("en.yaml", En);
  T.write("xx.yaml", "language: xx\nmessages:\n  a.one: \"un {0}\"\n");
  std::string E = loadError(T.Path, "xx");
  EXPECT_NE(E.find("xx.yaml: message 'a.two' is missing"), std::string::npos) << E;

  T.write("xx.yaml", "language: xx\nmessages:\n  a.one: \"un {0}\"\n  a.two: \"deux\"\n"
                     "  a.three: \"trois\"\n");
  E = loadError(T.Path, "xx");
  EXPECT_NE(E.find("xx.yaml:5: unknown message 'a.three'"), std::string::npos) << E;

  T.write("xx.yaml", "language: xx\nmessages:\n  a.one: \"un\"\n  a.two: \"deux {0}\"\n");
  E = loadError(T.Path, "xx");
  EXPECT_NE(E.find("xx.yaml:3: message 'a.one' does not have the placeholders of"),
            std::string::npos)
      << E;
  EXPECT_NE(E.find("xx.yaml:4: message 'a.two' does not have the placeholders"),
            std::string::npos)
      << E;

  T.write("xx.yaml", "language: xx\nmessages:\n  a.one: \"un {0}\"\n  a.one: \"deux\"\n");
  E = loadError(T.Path, "xx");
  EXPECT_NE(E.find("xx.yaml:4: message 'a.one' is given twice"), std::string::npos) << E;

  T.write("xx.yaml", "language: xx\nmessages:\n  a.one: \"un {zero}\"\n  a.two: \"deux\"\n");
  E = loadError(T.Path, "xx");
  EXPECT_NE(E.find("xx.yaml:3: message 'a.one': '{' does not start a placeholder"),
            std::string::npos)
      << E;

  T.write("xx.yaml", "language: fr\nmessages:\n  a.one: \"un {0}\"\n  a.two: \"deux\"\n");
  E = loadError(T.Path, "xx");
  EXPECT_NE(E.find("the table says language 'fr' but its file name says 'xx'"),
            std::string::npos)
      << E;

  T.write("xx.yaml", "language: xx\nwords:\n  a.one: \"un {0}\"\n");
  E = loadError(T.Path, "xx");
  EXPECT_NE(E.find("xx.yaml:2: unknown key 'words'"), std::string::npos) << E;

  T.write("xx.yaml", "language: xx\nmessages:\n  a.one: [un]\n  a.two: \"deux\"\n");
  E = loadError(T.Path, "xx");
  EXPECT_NE(E.find("xx.yaml:3: message 'a.one' is not a text"), std::string::npos) << E;
}

TEST(ReportMessages, AnUnknownLanguageNamesTheTablesThereAre) {
  TempDir T;
  T.write("en.yaml", En);
  T.write("xx.yaml", "language: xx\nmessages:\n  a.one: \"un {0}\"\n  a.two: \"deux\"\n");
  const std::string E = loadError(T.Path, "de");
  EXPECT_NE(E.find("unknown report language 'de'"), std::string::npos) << E;
  EXPECT_NE(E.find("are: en, xx"), std::string::npos) << E;
  EXPECT_TRUE(load("xx", T.Path));
}
