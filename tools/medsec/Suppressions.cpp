//===- Suppressions.cpp - NOLINT comments and their justification ---------===//
#include "Suppressions.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/GlobPattern.h"

namespace medsec {
namespace {

/// Does the check list of a NOLINT (the text inside its parentheses) name
/// Check? A NOLINT without a list covers every check.
bool listCovers(std::optional<llvm::StringRef> List, llvm::StringRef Check) {
  if (!List)
    return true;
  llvm::SmallVector<llvm::StringRef, 4> Items;
  List->split(Items, ',');
  for (llvm::StringRef Item : Items) {
    auto Pattern = llvm::GlobPattern::create(Item.trim());
    if (Pattern && Pattern->match(Check))
      return true;
  }
  return false;
}

struct Directive {
  llvm::StringRef Kind; // NOLINT, NOLINTNEXTLINE, NOLINTBEGIN, NOLINTEND
  std::optional<llvm::StringRef> List;
  llvm::StringRef Rest; // what follows the directive in its comment
};

/// Whether the text at At of Line is inside a /* */ comment opened on it.
bool inBlockComment(llvm::StringRef Line, size_t At) {
  const size_t Open = Line.take_front(At).rfind("/*");
  const size_t Slashes = Line.take_front(At).rfind("//");
  if (Open == llvm::StringRef::npos || (Slashes != llvm::StringRef::npos && Slashes > Open))
    return false;
  return Line.slice(Open + 2, At).find("*/") == llvm::StringRef::npos;
}

/// The NOLINT directive in one line, if any.
std::optional<Directive> parseDirective(llvm::StringRef Line) {
  const size_t At = Line.find("NOLINT");
  if (At == llvm::StringRef::npos)
    return std::nullopt;
  llvm::StringRef Tail = Line.substr(At);
  Directive D;
  for (llvm::StringRef K : {"NOLINTNEXTLINE", "NOLINTBEGIN", "NOLINTEND", "NOLINT"})
    if (Tail.starts_with(K)) {
      D.Kind = K;
      Tail = Tail.drop_front(K.size());
      break;
    }
  if (Tail.starts_with("(")) {
    const size_t Close = Tail.find(')');
    if (Close == llvm::StringRef::npos)
      return std::nullopt; // clang-tidy ignores an unterminated list too
    D.List = Tail.slice(1, Close);
    Tail = Tail.drop_front(Close + 1);
  }
  // The reason ends with its comment: code after a `*/` is not part of it.
  if (inBlockComment(Line, At))
    Tail = Tail.take_front(Tail.find("*/"));
  D.Rest = Tail;
  return D;
}

std::string justification(llvm::StringRef Rest) {
  Rest = Rest.trim().ltrim(" \t:-");
  return Rest.trim().str();
}

} // namespace

std::optional<NolintComment> findNolint(llvm::StringRef FileText, unsigned Line,
                                        llvm::StringRef Check) {
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  FileText.split(Lines, '\n');
  if (Line == 0 || Line > Lines.size())
    return std::nullopt;
  if (auto D = parseDirective(Lines[Line - 1]))
    if (D->Kind == "NOLINT" && listCovers(D->List, Check))
      return NolintComment{Line, justification(D->Rest)};
  if (Line >= 2)
    if (auto D = parseDirective(Lines[Line - 2]))
      if (D->Kind == "NOLINTNEXTLINE" && listCovers(D->List, Check))
        return NolintComment{Line - 1, justification(D->Rest)};
  // The nearest open NOLINTBEGIN region above the line.
  for (unsigned L = Line; L >= 1; --L) {
    auto D = parseDirective(Lines[L - 1]);
    if (!D || !listCovers(D->List, Check))
      continue;
    if (D->Kind == "NOLINTEND" && L != Line)
      return std::nullopt;
    if (D->Kind == "NOLINTBEGIN")
      return NolintComment{L, justification(D->Rest)};
  }
  return std::nullopt;
}

} // namespace medsec
