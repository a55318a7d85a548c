//===- Evidence.cpp - test-suite evidence and build configuration ---------===//
//
// Two inputs a reviewer asks about besides the findings: did the tool's own
// test suite pass (ISO 13485 4.1.6 tool validation), and which build
// configuration was analysed (target, defines).
//
//===----------------------------------------------------------------------===//
#include "BoundedJson.h"
#include "ReportModel.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/StringSaver.h"

#include <algorithm>
#include <set>

namespace medsec {
namespace report {
namespace {

std::string attribute(llvm::StringRef Tag, llvm::StringRef Name) {
  for (size_t At = Tag.find(Name); At != llvm::StringRef::npos; At = Tag.find(Name, At + 1)) {
    const bool Bounded = At > 0 && llvm::isSpace(Tag[At - 1]);
    llvm::StringRef Rest = Tag.substr(At + Name.size()).ltrim();
    if (!Bounded || !Rest.consume_front("="))
      continue;
    Rest = Rest.ltrim();
    if (Rest.empty() || (Rest[0] != '"' && Rest[0] != '\''))
      continue;
    const char Quote = Rest[0];
    return Rest.substr(1).take_until([&](char C) { return C == Quote; }).str();
  }
  return "";
}

/// Counts <testcase> elements: a failure or error child fails it, a skipped
/// child (or ctest's status="notrun"/"disabled") skips it.
void countJUnit(llvm::StringRef Text, TestEvidence &E) {
  size_t Pos = 0;
  while ((Pos = Text.find("<testcase", Pos)) != llvm::StringRef::npos) {
    const size_t TagEnd = Text.find('>', Pos);
    if (TagEnd == llvm::StringRef::npos)
      break;
    llvm::StringRef Tag = Text.slice(Pos, TagEnd);
    llvm::StringRef Body;
    size_t Next = TagEnd + 1;
    if (!Tag.ends_with("/")) {
      const size_t Close = Text.find("</testcase>", TagEnd);
      Body = Text.slice(TagEnd + 1, Close == llvm::StringRef::npos ? Text.size() : Close);
      Next = Close == llvm::StringRef::npos ? Text.size() : Close;
    }
    ++E.Tests;
    const std::string Status = attribute(Tag, "status");
    std::string Name = attribute(Tag, "name");
    const std::string Class = attribute(Tag, "classname");
    if (!Class.empty() && Class != Name)
      Name = Class + "." + Name;
    if (Body.contains("<failure") || Body.contains("<error") || Status == "fail") {
      ++E.Failures;
      E.Failed.push_back(Name);
    } else if (Body.contains("<skipped") || Status == "notrun" || Status == "disabled") {
      ++E.Skipped;
    }
    Pos = Next;
  }
}

void countCTest(llvm::StringRef Text, TestEvidence &E) {
  llvm::Regex Summary("([0-9]+)% tests passed, ([0-9]+) tests? failed out of ([0-9]+)");
  llvm::SmallVector<llvm::StringRef, 4> M;
  llvm::StringRef Rest = Text;
  while (Summary.match(Rest, &M)) {
    M[2].getAsInteger(10, E.Failures);
    M[3].getAsInteger(10, E.Tests);
    Rest = Rest.substr(M[0].data() - Rest.data() + M[0].size());
  }
  // "The following tests FAILED:" then lines "	  3 - unit.Foo (Failed)".
  const size_t List = Text.rfind("The following tests FAILED:");
  if (List == llvm::StringRef::npos)
    return;
  llvm::Regex Item("^[ \t]*[0-9]+ - (.+) \\([A-Za-z ]+\\)[ \t\r]*$");
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Text.substr(List).split(Lines, '\n');
  for (size_t I = 1; I < Lines.size(); ++I) {
    if (!Item.match(Lines[I], &M))
      break;
    E.Failed.push_back(M[1].str());
  }
}

} // namespace

TestEvidence parseTestEvidence(const std::string &Name, llvm::StringRef Text) {
  TestEvidence E;
  E.Name = Name;
  E.Sha256 = rules::sha256Hex(Text.str());
  if (Text.contains("<testsuite")) {
    E.Format = "junit";
    countJUnit(Text, E);
  } else if (Text.contains("tests passed,") && Text.contains("failed out of")) {
    E.Format = "ctest";
    countCTest(Text, E);
  } else {
    E.Format = "unknown";
  }
  if (E.Failures + E.Skipped > E.Tests)
    E.Tests = E.Failures + E.Skipped;
  std::sort(E.Failed.begin(), E.Failed.end());
  return E;
}

namespace {

std::vector<std::string> commandArgs(const llvm::json::Object &Entry) {
  std::vector<std::string> Args;
  if (const llvm::json::Array *A = Entry.getArray("arguments")) {
    for (const llvm::json::Value &V : *A)
      if (auto S = V.getAsString())
        Args.push_back(S->str());
    return Args;
  }
  if (auto Cmd = Entry.getString("command")) {
    llvm::BumpPtrAllocator Alloc;
    llvm::StringSaver Saver(Alloc);
    llvm::SmallVector<const char *, 32> Tokens;
    llvm::cl::TokenizeGNUCommandLine(*Cmd, Saver, Tokens);
    for (const char *T : Tokens)
      Args.push_back(T);
  }
  return Args;
}

/// Target-selecting flags: what the code was compiled for.
bool isTargetFlag(llvm::StringRef A) {
  return A.starts_with("--target=") || A.starts_with("-mcpu=") || A.starts_with("-march=") ||
         A.starts_with("-mfloat-abi=") || A.starts_with("-mfpu=") || A == "-mthumb" ||
         A == "-m32" || A == "-m64";
}

} // namespace

std::optional<CompileDbInfo> parseCompileDb(llvm::StringRef Text) {
  auto Parsed = parseBoundedJson(Text);
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    return std::nullopt;
  }
  const llvm::json::Array *Entries = Parsed->getAsArray();
  if (!Entries)
    return std::nullopt;
  CompileDbInfo Info;
  Info.Sha256 = rules::sha256Hex(Text.str());
  Info.Entries = Entries->size();
  std::set<std::string> Compilers, Targets, Standards, Defines;
  for (const llvm::json::Value &V : *Entries) {
    const llvm::json::Object *O = V.getAsObject();
    if (!O)
      continue;
    const std::vector<std::string> Args = commandArgs(*O);
    if (!Args.empty())
      Compilers.insert(llvm::sys::path::filename(Args[0]).str());
    for (size_t I = 1; I < Args.size(); ++I) {
      llvm::StringRef A = Args[I];
      const bool HasNext = I + 1 < Args.size();
      if ((A == "-target" || A == "-D") && HasNext)
        (A == "-D" ? Defines : Targets).insert(A == "-D" ? Args[++I] : "--target=" + Args[++I]);
      else if (A.starts_with("-D") && A.size() > 2)
        Defines.insert(A.substr(2).str());
      else if (A.starts_with("-std="))
        Standards.insert(A.substr(5).str());
      else if (isTargetFlag(A))
        Targets.insert(A.str());
    }
  }
  Info.Compilers.assign(Compilers.begin(), Compilers.end());
  Info.Targets.assign(Targets.begin(), Targets.end());
  Info.Standards.assign(Standards.begin(), Standards.end());
  Info.Defines.assign(Defines.begin(), Defines.end());
  return Info;
}

} // namespace report
} // namespace medsec
