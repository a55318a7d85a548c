//===- LazyRegex.h - a catalogue pattern compiled on first use -*- C++ -*-===//
//
// The catalogue holds a few hundred patterns; most units never need most of
// them (an asm pattern without asm, a register-name pattern in host code).
// Compiling them all when a check is constructed was the largest fixed cost
// of a unit under plain clang-tidy (docs/benchmarks.md, plugin fixed cost):
// a LazyRegex compiles on its first match, once, also when a configuration
// is shared by several threads (medsec-clangd). The loader has validated
// every pattern; one that does not compile matches nothing.
//
// medsec-clangd constructs every check again for each AST build, that is on
// each keystroke, and asks the same patterns about the same names again: a
// pattern is compiled once per process (keyed by its text and flags) and
// remembers its answers for the strings it was asked about (llvm::Regex
// backtracks: 60 k instructions for one name against a long alternation).
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_SUPPORT_LAZYREGEX_H
#define MEDSEC_CHECKS_SUPPORT_LAZYREGEX_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Regex.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

namespace clang::tidy::medsec {

/// One compiled pattern of the process and the answers it gave.
class CompiledPattern {
public:
  CompiledPattern(const std::string &Pattern, llvm::Regex::RegexFlags Flags)
      : Re(Pattern, Flags) {
    Valid = Re.isValid(Error);
  }
  bool valid() const { return Valid; }
  const std::string &error() const { return Error; }

  bool match(llvm::StringRef S, llvm::SmallVectorImpl<llvm::StringRef> *Matches) const {
    if (!Valid)
      return false;
    if (Matches) // the groups point into S: nothing to remember
      return Re.match(S, Matches);
    {
      std::lock_guard<std::mutex> Lock(M);
      auto It = Answers.find(S);
      if (It != Answers.end())
        return It->second;
    }
    const bool Answer = Re.match(S);
    std::lock_guard<std::mutex> Lock(M);
    if (Answers.size() >= MaxAnswers) // a bound on memory, not a cache policy
      Answers.clear();
    Answers.try_emplace(S, Answer);
    return Answer;
  }

  /// The process's compiled form of Pattern with Flags.
  static std::shared_ptr<const CompiledPattern> get(const std::string &Pattern,
                                                    llvm::Regex::RegexFlags Flags) {
    static std::mutex TableMutex;
    static std::map<std::pair<unsigned, std::string>, std::shared_ptr<const CompiledPattern>>
        Table;
    std::lock_guard<std::mutex> Lock(TableMutex);
    auto &Slot = Table[{static_cast<unsigned>(Flags), Pattern}];
    if (!Slot)
      Slot = std::make_shared<const CompiledPattern>(Pattern, Flags);
    return Slot;
  }

private:
  static constexpr size_t MaxAnswers = 1 << 16;
  llvm::Regex Re;
  bool Valid = false;
  std::string Error;
  mutable std::mutex M;
  mutable llvm::StringMap<bool> Answers;
};

class LazyRegex {
public:
  explicit LazyRegex(std::string Pattern, llvm::Regex::RegexFlags Flags = llvm::Regex::NoFlags)
      : Pattern(std::move(Pattern)), Flags(Flags) {}
  LazyRegex(const LazyRegex &) = delete;
  LazyRegex &operator=(const LazyRegex &) = delete;

  bool match(llvm::StringRef S, llvm::SmallVectorImpl<llvm::StringRef> *Matches = nullptr) const {
    return compiled().match(S, Matches);
  }
  /// Whether the pattern compiles; Error says why not.
  bool isValid(std::string &Error) const {
    Error = compiled().error();
    return compiled().valid();
  }
  const std::string &pattern() const { return Pattern; }

  /// A shared pattern, or null for an empty one (the entry sets none).
  static std::shared_ptr<LazyRegex> make(const std::string &Pattern, bool IgnoreCase) {
    if (Pattern.empty())
      return nullptr;
    return std::make_shared<LazyRegex>(Pattern, IgnoreCase ? llvm::Regex::IgnoreCase
                                                           : llvm::Regex::NoFlags);
  }

private:
  const CompiledPattern &compiled() const {
    std::call_once(Once, [this] { Re = CompiledPattern::get(Pattern, Flags); });
    return *Re;
  }

  std::string Pattern;
  llvm::Regex::RegexFlags Flags;
  mutable std::once_flag Once;
  mutable std::shared_ptr<const CompiledPattern> Re;
};

} // namespace clang::tidy::medsec

#endif
