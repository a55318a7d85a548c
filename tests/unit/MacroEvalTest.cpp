//===- MacroEvalTest.cpp - version macros as the preprocessor evaluates them ===//
#include "MacroEval.h"

#include <gtest/gtest.h>

#include <map>

using namespace medsec;

namespace {

/// A macro table written as `#define` lines would be: "NAME" or "NAME(a,b)" -> body.
class Table {
public:
  Table &def(const std::string &Head, const std::string &Body) {
    MacroDefinition D;
    std::string Name = Head;
    const size_t Paren = Head.find('(');
    if (Paren != std::string::npos) {
      Name = Head.substr(0, Paren);
      D.FunctionLike = true;
      std::string Params = Head.substr(Paren + 1, Head.size() - Paren - 2);
      size_t Start = 0;
      while (!Params.empty() && Start <= Params.size()) {
        size_t Comma = Params.find(',', Start);
        std::string P =
            Params.substr(Start, Comma == std::string::npos ? std::string::npos : Comma - Start);
        if (P == "...") {
          D.Variadic = true;
          P = "__VA_ARGS__";
        }
        D.Params.push_back(P);
        if (Comma == std::string::npos)
          break;
        Start = Comma + 1;
      }
    }
    D.Body = tokenize(Body);
    Defs[Name] = D;
    return *this;
  }
  std::optional<std::string> eval(const std::string &Name) const {
    return evaluateMacro(Name, [this](const std::string &N) -> const MacroDefinition * {
      auto It = Defs.find(N);
      return It == Defs.end() ? nullptr : &It->second;
    });
  }

private:
  std::map<std::string, MacroDefinition> Defs;
};

TEST(MacroEval, StringLiteralsConcatenate) {
  Table T;
  T.def("MBEDTLS_VERSION_STRING", "\"3.5.2\"");
  T.def("NANOPB_VERSION", "\"nanopb-\" \"0.4.8\"");
  EXPECT_EQ(T.eval("MBEDTLS_VERSION_STRING"), "3.5.2");
  EXPECT_EQ(T.eval("NANOPB_VERSION"), "nanopb-0.4.8");
}

TEST(MacroEval, LwipStringificationAfterArgumentExpansion) {
  Table T;
  T.def("LWIP_VERSION_MAJOR", "2")
      .def("LWIP_VERSION_MINOR", "1")
      .def("LWIP_VERSION_REVISION", "3")
      .def("LWIP_VERSTR2(x)", "#x")
      .def("LWIP_VERSTR(x)", "LWIP_VERSTR2(x)")
      .def("LWIP_VERSION_RC", "2")
      .def("LWIP_VERSION_STRING_SUFFIX", "\"rc\" LWIP_VERSTR(LWIP_VERSION_RC)")
      .def("LWIP_VERSION_STRING", "LWIP_VERSTR(LWIP_VERSION_MAJOR) \".\" "
                                  "LWIP_VERSTR(LWIP_VERSION_MINOR) \".\" "
                                  "LWIP_VERSTR(LWIP_VERSION_REVISION) LWIP_VERSION_STRING_SUFFIX");
  EXPECT_EQ(T.eval("LWIP_VERSION_STRING"), "2.1.3rc2");
  // Without the indirection, # takes the argument as written.
  T.def("DIRECT", "LWIP_VERSTR2(LWIP_VERSION_MAJOR)");
  EXPECT_EQ(T.eval("DIRECT"), "LWIP_VERSION_MAJOR");
}

TEST(MacroEval, IntegerExpressionsWithCastsAndSuffixes) {
  Table T;
  T.def("LFS_VERSION", "0x00020009")
      .def("LFS_VERSION_MAJOR", "(0xffff & (LFS_VERSION >> 16))")
      .def("HAL_MAIN", "(0x01U)")
      .def("CMSIS_SUB", "( 6U)")
      .def("CAST", "((uint32_t)0x0AUL)")
      .def("OCT", "010")
      .def("COND", "(LFS_VERSION > 0x20000 ? 7 : 8)")
      .def("NEG", "(-(3) + ~0)");
  EXPECT_EQ(T.eval("LFS_VERSION_MAJOR"), "2");
  EXPECT_EQ(T.eval("HAL_MAIN"), "1");
  EXPECT_EQ(T.eval("CMSIS_SUB"), "6");
  EXPECT_EQ(T.eval("CAST"), "10");
  EXPECT_EQ(T.eval("OCT"), "8");
  EXPECT_EQ(T.eval("COND"), "7");
  EXPECT_EQ(T.eval("NEG"), "-4");
}

TEST(MacroEval, PastingAndVariadics) {
  Table T;
  T.def("CAT(a,b)", "a ## b").def("V12", "\"1.2\"").def("PICK", "CAT(V, 12)");
  T.def("FIRST(x,...)", "x").def("F", "FIRST(\"4.0\", 1, 2)");
  EXPECT_EQ(T.eval("PICK"), "1.2");
  EXPECT_EQ(T.eval("F"), "4.0");
}

TEST(MacroEval, NotAValueIsNothing) {
  Table T;
  T.def("SELF", "SELF + 1")      // not re-expanded inside itself: an identifier remains
      .def("UNKNOWN", "FOO_BAR") // an identifier no macro defines
      .def("MIXED", "\"a\" 1")   // neither strings only nor an expression
      .def("DIV0", "(1 / 0)")
      .def("EMPTY", "")
      .def("FN(x)", "x")
      .def("UNCLOSED", "FN(1");
  EXPECT_EQ(T.eval("SELF"), std::nullopt);
  EXPECT_EQ(T.eval("UNKNOWN"), std::nullopt);
  EXPECT_EQ(T.eval("MIXED"), std::nullopt);
  EXPECT_EQ(T.eval("DIV0"), std::nullopt);
  EXPECT_EQ(T.eval("EMPTY"), std::nullopt);
  EXPECT_EQ(T.eval("FN"), std::nullopt); // function-like: not a version macro
  EXPECT_EQ(T.eval("UNCLOSED"), std::nullopt);
  EXPECT_EQ(T.eval("UNDEFINED"), std::nullopt);
}

TEST(MacroEval, EscapesInStrings) {
  Table T;
  T.def("Q", "\"v\\\"1\\x41\\101\"");
  EXPECT_EQ(T.eval("Q"), "v\"1AA");
  T.def("S(x)", "#x").def("QS", "S(\"a\\b\")");
  EXPECT_EQ(T.eval("QS"), "\"a\\b\"");
}

} // namespace
