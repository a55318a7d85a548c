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
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_SUPPORT_LAZYREGEX_H
#define MEDSEC_CHECKS_SUPPORT_LAZYREGEX_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Regex.h"

#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace clang::tidy::medsec {

class LazyRegex {
public:
  explicit LazyRegex(std::string Pattern, llvm::Regex::RegexFlags Flags = llvm::Regex::NoFlags)
      : Pattern(std::move(Pattern)), Flags(Flags) {}
  LazyRegex(const LazyRegex &) = delete;
  LazyRegex &operator=(const LazyRegex &) = delete;

  bool match(llvm::StringRef S, llvm::SmallVectorImpl<llvm::StringRef> *Matches = nullptr) const {
    std::call_once(Compiled, [this] {
      Re.emplace(Pattern, Flags);
      if (!Re->isValid())
        Re.reset();
    });
    return Re && Re->match(S, Matches);
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
  std::string Pattern;
  llvm::Regex::RegexFlags Flags;
  mutable std::once_flag Compiled;
  mutable std::optional<llvm::Regex> Re;
};

} // namespace clang::tidy::medsec

#endif
