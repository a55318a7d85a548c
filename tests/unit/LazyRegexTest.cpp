//===- LazyRegexTest.cpp - catalogue patterns compiled once per process ---===//
#include "../../checks/support/LazyRegex.h"

#include <gtest/gtest.h>

#include <string>

using clang::tidy::medsec::CompiledPattern;
using clang::tidy::medsec::LazyRegex;

namespace {

TEST(LazyRegex, SameTextAndFlagsShareOneCompiledPattern) {
  const auto A = CompiledPattern::get("^mbedtls_", llvm::Regex::NoFlags);
  const auto B = CompiledPattern::get("^mbedtls_", llvm::Regex::NoFlags);
  const auto C = CompiledPattern::get("^mbedtls_", llvm::Regex::IgnoreCase);
  EXPECT_EQ(A.get(), B.get());
  EXPECT_NE(A.get(), C.get()); // other flags: another pattern
}

TEST(LazyRegex, RememberedAnswersAreTheRegexAnswers) {
  LazyRegex First("^(gpio|spi)_(read|write)$");
  LazyRegex Second("^(gpio|spi)_(read|write)$"); // a check built again for the next build
  for (int Round = 0; Round < 2; ++Round) {
    for (const LazyRegex *R : {&First, &Second}) {
      EXPECT_TRUE(R->match("gpio_read"));
      EXPECT_TRUE(R->match("spi_write"));
      EXPECT_FALSE(R->match("gpio_reads"));
      EXPECT_FALSE(R->match("uart_read"));
      EXPECT_FALSE(R->match(""));
    }
  }
}

TEST(LazyRegex, RememberedAnswerDoesNotDependOnTheCallersBuffer) {
  LazyRegex R("^key$", llvm::Regex::IgnoreCase);
  std::string S = "KEY";
  EXPECT_TRUE(R.match(S));
  S = "KEX"; // the same storage, other text
  EXPECT_FALSE(R.match(S));
  S = "Key";
  EXPECT_TRUE(R.match(S));
}

TEST(LazyRegex, GroupsAreReturnedAlsoAfterAnAnswerWasRemembered) {
  LazyRegex R("^([a-z]+)_([0-9]+)$");
  EXPECT_TRUE(R.match("uart_2"));
  llvm::SmallVector<llvm::StringRef, 3> Groups;
  ASSERT_TRUE(R.match("uart_2", &Groups));
  ASSERT_EQ(Groups.size(), 3u);
  EXPECT_EQ(Groups[1], "uart");
  EXPECT_EQ(Groups[2], "2");
}

TEST(LazyRegex, APatternThatDoesNotCompileSaysWhyAndMatchesNothing) {
  LazyRegex R("^(unclosed");
  std::string Error;
  EXPECT_FALSE(R.isValid(Error));
  EXPECT_FALSE(Error.empty());
  EXPECT_FALSE(R.match("unclosed"));
  LazyRegex Good("^x$");
  EXPECT_TRUE(Good.isValid(Error));
  EXPECT_TRUE(Error.empty());
}

} // namespace
