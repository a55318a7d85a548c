//===- Messages.cpp - loading and checking the report's message tables ----===//
//
// Read with LLVM's YAML parser (no exceptions), strictly: a table that would
// show a report with a missing, stray or wrongly numbered message is an error
// naming the file, the line and the key, before anything is written.
//
//===----------------------------------------------------------------------===//
#include "Messages.h"

#include "CompileDb.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"

#include <algorithm>
#include <cstdlib>
#include <set>

namespace medsec {
namespace report {
namespace {

namespace yaml = llvm::yaml;

llvm::Error error(const std::string &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

unsigned lineOf(llvm::SourceMgr &SM, yaml::Node *N) {
  return N ? SM.getLineAndColumn(N->getSourceRange().Start).first : 0;
}

std::string where(const std::string &Path, unsigned Line) {
  return Path + (Line ? ":" + std::to_string(Line) : "");
}

/// A scalar's value, or nullopt for any other node.
std::optional<std::string> scalar(yaml::Node *N) {
  auto *S = llvm::dyn_cast_or_null<yaml::ScalarNode>(N);
  if (!S)
    return std::nullopt;
  llvm::SmallString<128> Storage;
  return S->getValue(Storage).str();
}

bool isKey(llvm::StringRef K) {
  return !K.empty() && llvm::all_of(K, [](char C) {
    return llvm::isAlnum(C) || C == '.' || C == '-' || C == '_';
  });
}

} // namespace

std::vector<unsigned> placeholders(llvm::StringRef Text, std::string &Error) {
  std::vector<unsigned> Out;
  Error.clear();
  for (size_t Pos = Text.find('{'); Pos != llvm::StringRef::npos; Pos = Text.find('{', Pos + 1)) {
    const size_t Close = Text.find('}', Pos);
    unsigned N = 0;
    if (Close == llvm::StringRef::npos || Text.slice(Pos + 1, Close).getAsInteger(10, N) ||
        N > 9) {
      Error = "'{' does not start a placeholder {0} ... {9}";
      return {};
    }
    Out.push_back(N);
  }
  std::sort(Out.begin(), Out.end());
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return Out;
}

llvm::Expected<Messages> Messages::parse(const std::string &Path, llvm::StringRef Text) {
  Messages M;
  M.Path = Path;
  llvm::SourceMgr SM;
  std::string YamlError;
  SM.setDiagHandler(
      [](const llvm::SMDiagnostic &D, void *Ctx) {
        auto &E = *static_cast<std::string *>(Ctx);
        if (E.empty())
          E = std::to_string(D.getLineNo()) + ": " + D.getMessage().str();
      },
      &YamlError);
  yaml::Stream S(Text, SM);
  yaml::document_iterator Doc = S.begin();
  yaml::Node *Root = Doc == S.end() ? nullptr : Doc->getRoot();
  auto *Top = llvm::dyn_cast_or_null<yaml::MappingNode>(Root);
  if (!Top)
    return error(Path + ": not a message table (a mapping with 'language' and 'messages')");
  bool SawMessages = false;
  for (yaml::KeyValueNode &KV : *Top) {
    const auto Key = scalar(KV.getKey());
    if (Key == "language") {
      auto V = scalar(KV.getValue());
      if (!V || V->empty())
        return error(where(Path, lineOf(SM, KV.getKey())) + ": 'language' takes a language code");
      M.Lang = *V;
    } else if (Key == "messages") {
      SawMessages = true;
      auto *Map = llvm::dyn_cast_or_null<yaml::MappingNode>(KV.getValue());
      if (!Map)
        return error(where(Path, lineOf(SM, KV.getKey())) +
                     ": 'messages' is a mapping of key: text");
      for (yaml::KeyValueNode &E : *Map) {
        const auto K = scalar(E.getKey());
        const unsigned Line = lineOf(SM, E.getKey());
        if (!K || !isKey(*K))
          return error(where(Path, Line) +
                       ": a message key is letters, digits, '.', '-' and '_'");
        const auto V = scalar(E.getValue());
        if (!V)
          return error(where(Path, Line) + ": message '" + *K + "' is not a text");
        std::string Bad;
        placeholders(*V, Bad);
        if (!Bad.empty())
          return error(where(Path, Line) + ": message '" + *K + "': " + Bad);
        if (!M.Table.emplace(*K, Entry{*V, Line}).second)
          return error(where(Path, Line) + ": message '" + *K + "' is given twice");
      }
    } else {
      return error(where(Path, lineOf(SM, KV.getKey())) + ": unknown key '" +
                   Key.value_or("") + "'; a message table has 'language' and 'messages'");
    }
  }
  if (!YamlError.empty())
    return error(Path + ":" + YamlError);
  if (M.Lang.empty())
    return error(Path + ": no 'language'");
  if (!SawMessages)
    return error(Path + ": no 'messages'");
  const std::string Stem = llvm::sys::path::stem(Path).str();
  if (Stem != M.Lang)
    return error(Path + ": the table says language '" + M.Lang + "' but its file name says '" +
                 Stem + "'");
  return M;
}

std::vector<std::string> Messages::compare(const Messages &En, const Messages &L) {
  std::vector<std::string> Problems;
  for (const auto &[Key, E] : En.Table) {
    auto It = L.Table.find(Key);
    if (It == L.Table.end()) {
      Problems.push_back(L.Path + ": message '" + Key + "' is missing (" +
                         where(En.Path, E.Line) + " has it)");
      continue;
    }
    std::string Unused;
    if (placeholders(E.Text, Unused) != placeholders(It->second.Text, Unused))
      Problems.push_back(where(L.Path, It->second.Line) + ": message '" + Key +
                         "' does not have the placeholders of " + where(En.Path, E.Line) +
                         " ('" + E.Text + "')");
  }
  for (const auto &[Key, E] : L.Table)
    if (!En.Table.count(Key))
      Problems.push_back(where(L.Path, E.Line) + ": unknown message '" + Key + "' (not in " +
                         En.Path + ")");
  return Problems;
}

std::vector<std::string> Messages::available(const std::string &Dir) {
  std::vector<std::string> Out;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC))
    if (llvm::sys::path::extension(It->path()) == ".yaml")
      Out.push_back(llvm::sys::path::stem(It->path()).str());
  std::sort(Out.begin(), Out.end());
  return Out;
}

llvm::Expected<std::shared_ptr<const Messages>> Messages::load(const std::string &Dir,
                                                               const std::string &Lang) {
  auto Read = [&](const std::string &L) -> llvm::Expected<Messages> {
    llvm::SmallString<256> P(Dir);
    llvm::sys::path::append(P, L + ".yaml");
    auto Buf = llvm::MemoryBuffer::getFile(P, /*IsText=*/false, /*RequiresNullTerminator=*/false);
    if (!Buf)
      return error("cannot read report message table '" + P.str().str() +
                   "': " + Buf.getError().message());
    return parse(P.str().str(), (*Buf)->getBuffer());
  };
  const std::vector<std::string> Known = available(Dir);
  if (std::find(Known.begin(), Known.end(), Lang) == Known.end()) {
    std::string List;
    for (const std::string &K : Known)
      List += (List.empty() ? "" : ", ") + K;
    return error("unknown report language '" + Lang + "'; the message tables in '" + Dir +
                 "' are: " + (List.empty() ? "none" : List));
  }
  auto En = Read("en");
  if (!En)
    return En.takeError();
  if (Lang == "en")
    return std::make_shared<const Messages>(std::move(*En));
  auto L = Read(Lang);
  if (!L)
    return L.takeError();
  std::vector<std::string> Problems = compare(*En, *L);
  if (!Problems.empty()) {
    std::string Text;
    for (const std::string &P : Problems)
      Text += (Text.empty() ? "" : "\n") + P;
    return error(Text);
  }
  return std::make_shared<const Messages>(std::move(*L));
}

std::string Messages::text(llvm::StringRef Key) const {
  auto It = Table.find(Key.str());
  return It == Table.end() ? "[[" + Key.str() + "]]" : It->second.Text;
}

std::string Messages::fmt(llvm::StringRef Key, llvm::ArrayRef<std::string> Args) const {
  const std::string T = text(Key);
  std::string Out;
  for (size_t I = 0; I < T.size(); ++I) {
    if (T[I] == '{' && I + 2 < T.size() && llvm::isDigit(T[I + 1]) && T[I + 2] == '}') {
      const unsigned N = T[I + 1] - '0';
      Out += N < Args.size() ? Args[N] : "[[" + Key.str() + ":{" + T[I + 1] + "}]]";
      I += 2;
      continue;
    }
    Out += T[I];
  }
  return Out;
}

std::string Messages::term(llvm::StringRef Group, llvm::StringRef Value) const {
  std::string Key = Group.str() + ".";
  for (char C : Value)
    if (llvm::isAlnum(C) || C == '-')
      Key += C;
    else if (Key.back() != '-')
      Key += '-';
  auto It = Table.find(Key);
  return It == Table.end() ? Value.str() : It->second.Text;
}

std::string defaultMessagesDir(llvm::StringRef Explicit) {
  if (!Explicit.empty())
    return Explicit.str();
  return shippedDirectory("MEDSEC_REPORT_MESSAGES", "report-messages",
                          MEDSEC_SOURCE_MESSAGES_DIR);
}

std::shared_ptr<const Messages> englishMessages() {
  static const std::shared_ptr<const Messages> En = [] {
    auto M = Messages::load(defaultMessagesDir(""), "en");
    if (!M) {
      // The English table ships with the tool: without it no report can be
      // written, and an empty one would silently hide every label.
      llvm::errs() << "medsec: error: " << llvm::toString(M.takeError()) << "\n";
      std::exit(2);
    }
    return *M;
  }();
  return En;
}

namespace {
thread_local std::shared_ptr<const Messages> Current;
} // namespace

MessageScope::MessageScope(std::shared_ptr<const Messages> M) : Previous(std::move(Current)) {
  Current = std::move(M);
}

MessageScope::~MessageScope() { Current = std::move(Previous); }

const Messages &MessageScope::current() { return Current ? *Current : *englishMessages(); }

} // namespace report
} // namespace medsec
