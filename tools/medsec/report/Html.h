//===- Html.h - an HTML builder that cannot emit unescaped data --*- C++ -*-===//
//
// Markup can only be appended as a string literal; anything else must come
// through esc() (htmlEscape) or be a number. Passing a std::string straight
// in does not compile, so a forgotten escape is a build error, not an XSS.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_TOOLS_REPORT_HTML_H
#define MEDSEC_TOOLS_REPORT_HTML_H

#include "Messages.h"
#include "Text.h"

#include <string>
#include <type_traits>

namespace medsec {
namespace report {

/// Text that went through htmlEscape.
struct Escaped {
  std::string Text;
};

inline Escaped esc(llvm::StringRef S, size_t Max = MaxShown) { return {htmlEscape(S, Max)}; }

/// Text of a message table: ours, yet escaped (& < >) so that no table can
/// add markup; quotes are left as written (it is element text).
struct Prose {
  std::string Text;
};
Prose prose(llvm::StringRef S);

class Html {
public:
  template <size_t N> Html &operator<<(const char (&Markup)[N]) {
    Out.append(Markup, N - 1);
    return *this;
  }
  Html &operator<<(const Escaped &E) {
    Out += E.Text;
    return *this;
  }
  Html &operator<<(const Prose &P) {
    Out += P.Text;
    return *this;
  }
  /// A fragment built with another Html (e.g. an SVG chart).
  Html &operator<<(const Html &Fragment) {
    Out += Fragment.Out;
    return *this;
  }
  template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool> &&
                                             !std::is_same_v<T, char>,
                                         int> = 0>
  Html &operator<<(T N) {
    Out += std::to_string(N);
    return *this;
  }
  /// One of two pieces of markup.
  template <size_t A, size_t B>
  Html &pick(bool First, const char (&IfTrue)[A], const char (&IfFalse)[B]) {
    return First ? *this << IfTrue : *this << IfFalse;
  }
  const std::string &str() const { return Out; }

private:
  std::string Out;
};

/// A fragment of pieces (markup literals, escaped values, numbers, fragments).
template <typename... P> Html html(P &&...Pieces) {
  Html H;
  (H << ... << Pieces);
  return H;
}

/// The message Key of the current table (MessageScope), as prose.
Prose t(llvm::StringRef Key);
/// The message Key with its placeholders filled by the fragments Args.
Html tf(llvm::StringRef Key, std::initializer_list<Html> Args);
/// A value of a closed vocabulary (Messages::term), escaped.
Escaped term(llvm::StringRef Group, llvm::StringRef Value);

} // namespace report
} // namespace medsec

#endif
