//===- CrossTuNamesTest.cpp - the names functions join by across units ----===//
#include "../../checks/support/taint/TaintEngineImpl.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Tooling/Tooling.h"

#include "gtest/gtest.h"

#include <map>

using namespace clang;
using clang::tidy::medsec::taint::joinName;

namespace {

/// joinName of every function declared in Code, by the qualified name clang
/// prints with its parameter count (`Parser::handle/2`).
std::map<std::string, std::string> joinNames(const std::string &Code) {
  struct Collect : RecursiveASTVisitor<Collect> {
    std::map<std::string, std::string> Names;
    bool shouldVisitTemplateInstantiations() const { return true; }
    bool VisitFunctionDecl(FunctionDecl *F) {
      Names[F->getQualifiedNameAsString() + "/" + std::to_string(F->getNumParams())] = joinName(F);
      return true;
    }
  };
  std::unique_ptr<ASTUnit> AST = tooling::buildASTFromCodeWithArgs(Code, {"-std=c++17"});
  Collect C;
  C.TraverseDecl(AST->getASTContext().getTranslationUnitDecl());
  return C.Names;
}

TEST(CrossTuNames, MethodsJoinByNamespaceClassAndName) {
  auto N = joinNames(R"cpp(
    void plain(int);
    namespace drv { inline namespace v2 { class Link { public: int fetch(char *b, int n);
                                                        static void reset(); }; } }
    struct Outer { struct Inner { void poll(); }; };
  )cpp");
  EXPECT_EQ(N["plain/1"], "plain");
  EXPECT_EQ(N["drv::Link::fetch/2"], "drv::Link::fetch"); // an inline namespace is not spelt
  EXPECT_EQ(N["drv::Link::reset/0"], "drv::Link::reset");
  EXPECT_EQ(N["Outer::Inner::poll/0"], "Outer::Inner::poll");
}

TEST(CrossTuNames, OverloadsCarryTheirParameterTypes) {
  auto N = joinNames(R"cpp(
    typedef unsigned char u8;
    struct Frame { int a; };
    namespace app { class Parser { public:
      void handle(const u8 *buf, unsigned long n);
      void handle(int code) const;
      void handle(Frame &f);
      void other(int);
    }; }
  )cpp");
  // Canonical types: the same in every unit, whatever typedef each spells.
  EXPECT_EQ(N["app::Parser::handle/2"],
            "app::Parser::handle(const unsigned char *, unsigned long)");
  EXPECT_EQ(N["app::Parser::handle/1"], "app::Parser::handle(Frame &)"); // the last one seen
  EXPECT_EQ(N["app::Parser::other/1"], "app::Parser::other");
  // A const method is another overload than the same parameters without const.
  auto M = joinNames(R"cpp(
    namespace app { class Parser { public: void handle(int code) const; void handle(); }; }
  )cpp");
  EXPECT_EQ(M["app::Parser::handle/1"], "app::Parser::handle(int) const");
  EXPECT_EQ(M["app::Parser::handle/0"], "app::Parser::handle()");
}

TEST(CrossTuNames, WhatOtherUnitsCannotNameHasNoJoinName) {
  auto N = joinNames(R"cpp(
    namespace { struct Hidden { void f(); }; void g(); }
    template <typename T> struct Box { void put(T); };
    template struct Box<int>;
    struct Port { Port(); ~Port(); operator int() const; template <typename T> void send(T); };
    void local() { struct L { void m() {} }; }
  )cpp");
  EXPECT_EQ(N["(anonymous namespace)::Hidden::f/0"], "");
  EXPECT_EQ(N["(anonymous namespace)::g/0"], "");
  EXPECT_EQ(N["Box<int>::put/1"], "");
  EXPECT_EQ(N["Box::put/1"], "");
  EXPECT_EQ(N["Port::Port/0"], "");
  EXPECT_EQ(N["Port::~Port/0"], "");
  EXPECT_EQ(N["Port::operator int/0"], "");
  EXPECT_EQ(N["Port::send/1"], "");
  EXPECT_EQ(N["local()::L::m/0"], "");
}

} // namespace
