//===- MacroEval.h - a library's version macro, as the preprocessor sees it -*- C++ -*-===//
//
// Version macros are built the way each library likes: a string literal
// (mbed TLS), a stringified number joined to a suffix chosen by #if (lwIP),
// an integer expression over another macro (littlefs). This expands one macro
// with the definitions a translation unit ended with and gives its value: the
// text of the string literals it becomes, or the decimal value of the integer
// expression. Free of clang, so it is tested on hand-made definitions; the
// scan feeds it the preprocessor's own macro table (Inventory.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_TOOLS_MACROEVAL_H
#define MEDSEC_TOOLS_MACROEVAL_H

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace medsec {

struct PPToken {
  enum Kind { Identifier, Number, String, Char, Punct } K = Punct;
  std::string Text;          // the spelling
  bool LeadingSpace = false; // for the spelling of a stringified argument
};

struct MacroDefinition {
  bool FunctionLike = false;
  bool Variadic = false;
  std::vector<std::string> Params; // "__VA_ARGS__" last when variadic
  std::vector<PPToken> Body;
};

using MacroLookup = std::function<const MacroDefinition *(const std::string &Name)>;

/// The tokens Name expands to (C11 6.10.3: arguments expanded before
/// substitution except beside # and ##, a macro not re-expanded inside
/// itself). Nothing when Name is not defined or the expansion is malformed.
std::optional<std::vector<PPToken>> expandMacro(const std::string &Name, const MacroLookup &Lookup);

/// The value of Name: adjacent string literals give their concatenated text,
/// an integer constant expression its decimal value (casts to a type name
/// are ignored, as `(uint32_t)` in vendor headers). Nothing otherwise.
std::optional<std::string> evaluateMacro(const std::string &Name, const MacroLookup &Lookup);

/// Splits a definition body written as text ("LWIP_VERSTR(x) \".\"") into
/// tokens: for tests and for definitions that do not come from clang.
std::vector<PPToken> tokenize(const std::string &Text);

} // namespace medsec

#endif
