//===- ReturnConventionTest.cpp - the return-convention table -------------===//
//
// What medsec-unchecked-return-value calls a wrong test of a result: a
// failure value and a success value that take the same branch.
//
//===----------------------------------------------------------------------===//
#include "../../checks/errors/ReturnConvention.h"

#include <gtest/gtest.h>

#include <set>

using namespace clang::tidy::medsec;

namespace {

ResultTest truth() { return ResultTest(); }

ResultTest compare(clang::BinaryOperatorKind Op, int64_t K, bool Unsigned = false,
                   unsigned Width = 32) {
  ResultTest T;
  T.K = ResultTest::Compare;
  T.Op = Op;
  T.Constant = llvm::APSInt(llvm::APInt(64, static_cast<uint64_t>(K), /*isSigned=*/true),
                            /*isUnsigned=*/false);
  T.Unsigned = Unsigned;
  T.Width = Width;
  return T;
}

std::optional<std::pair<int64_t, int64_t>> wrong(Convention C, const ResultTest &T) {
  return misclassified(T, samplesFor(C));
}

std::pair<int64_t, int64_t> Pair(int64_t Failure, int64_t Success) {
  return {Failure, Success};
}

TEST(ReturnConvention, EveryCatalogueNameParsesToItsOwnConvention) {
  const char *Names[] = {"zero-success",
                         "zero-success-negative-error",
                         "zero-or-minus-one",
                         "one-success",
                         "true-success",
                         "nonnegative-success",
                         "count",
                         "size-count",
                         "non-null",
                         "any"};
  std::set<Convention> Seen;
  for (const char *N : Names) {
    auto C = parseConvention(N);
    ASSERT_TRUE(C) << N;
    EXPECT_TRUE(Seen.insert(*C).second) << N << " parses to a convention another name has";
    EXPECT_FALSE(conventionText(*C, samplesFor(*C)).empty()) << N;
  }
  EXPECT_FALSE(parseConvention("zero_success"));
  EXPECT_FALSE(parseConvention(""));
  EXPECT_FALSE(parseConvention("Zero-Success"));
}

// OpenSSL's EVP_VerifyFinal and friends: 1 valid, 0 invalid, -1 error.
TEST(ReturnConvention, ATriStateResultReadAsABooleanLetsTheErrorPass) {
  EXPECT_EQ(wrong(Convention::OneSuccess, truth()), Pair(-1, 1));
  EXPECT_EQ(wrong(Convention::OneSuccess, compare(clang::BO_NE, 0)), Pair(-1, 1));
  EXPECT_FALSE(wrong(Convention::OneSuccess, compare(clang::BO_EQ, 1)));
  EXPECT_FALSE(wrong(Convention::OneSuccess, compare(clang::BO_GT, 0)));
  // A plain boolean result has no third value: the truth test is right.
  EXPECT_FALSE(wrong(Convention::TrueSuccess, truth()));
}

TEST(ReturnConvention, ZeroSuccessCodes) {
  EXPECT_FALSE(wrong(Convention::ZeroSuccess, truth()));
  EXPECT_FALSE(wrong(Convention::ZeroSuccess, compare(clang::BO_NE, 0)));
  // `< 0` lets the positive failure codes through.
  EXPECT_EQ(wrong(Convention::ZeroSuccess, compare(clang::BO_LT, 0)), Pair(1, 0));
  // An equality with one code of the open family handles that code.
  EXPECT_FALSE(wrong(Convention::ZeroSuccess, compare(clang::BO_EQ, -30592)));
  EXPECT_FALSE(wrong(Convention::ZeroSuccessNegativeError, compare(clang::BO_LT, 0)));
  EXPECT_EQ(wrong(Convention::ZeroSuccessNegativeError, compare(clang::BO_GT, 0)), Pair(-1, 0));
}

// read(), recv(): -1 is the failure, 0 a count (end of file).
TEST(ReturnConvention, CountsComparedWithZeroMissTheFailure) {
  EXPECT_EQ(wrong(Convention::Count, compare(clang::BO_EQ, 0)), Pair(-1, 1));
  EXPECT_FALSE(wrong(Convention::Count, compare(clang::BO_LT, 0)));
  EXPECT_FALSE(wrong(Convention::Count, compare(clang::BO_LE, 0)));
  // A comparison with a positive length is a length check, not a misread.
  EXPECT_FALSE(wrong(Convention::Count, compare(clang::BO_NE, 16)));
  EXPECT_FALSE(wrong(Convention::SizeCount, compare(clang::BO_EQ, 0)));
}

TEST(ReturnConvention, TheComparisonIsInTheProgramsWidthAndSignedness) {
  EXPECT_FALSE(wrong(Convention::ZeroOrMinusOne, compare(clang::BO_LT, 0)));
  // The result stored in an unsigned variable: -1 is never below 0.
  EXPECT_EQ(wrong(Convention::ZeroOrMinusOne, compare(clang::BO_LT, 0, /*Unsigned=*/true)),
            Pair(-1, 0));
  EXPECT_FALSE(wrong(Convention::ZeroOrMinusOne, compare(clang::BO_EQ, -1, /*Unsigned=*/true)));
  // EOF compared in 8 bits (a char): -1 is 255 unsigned, and `== -1` still catches it.
  EXPECT_FALSE(
      wrong(Convention::NonnegativeSuccess, compare(clang::BO_EQ, -1, /*Unsigned=*/true, 8)));
  EXPECT_EQ(wrong(Convention::NonnegativeSuccess, compare(clang::BO_NE, 0)), Pair(-1, 1));
}

TEST(ReturnConvention, NullAndUnknownConventions) {
  EXPECT_FALSE(wrong(Convention::NonNull, truth()));
  EXPECT_FALSE(wrong(Convention::NonNull, compare(clang::BO_EQ, 0)));
  const ResultSamples S = samplesFor(Convention::NonNull);
  EXPECT_EQ(sampleText(0, S), "NULL");
  EXPECT_EQ(sampleText(4096, S), "non-NULL");
  EXPECT_EQ(sampleText(7, S), "7");
  // A convention that says nothing never calls a test wrong.
  EXPECT_FALSE(wrong(Convention::Any, compare(clang::BO_LT, 0)));
  EXPECT_FALSE(wrong(Convention::StatusEnum, truth()));
}

} // namespace
