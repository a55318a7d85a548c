//===- ReturnConvention.cpp -----------------------------------------------===//
#include "ReturnConvention.h"

#include "llvm/ADT/StringSwitch.h"

#include <algorithm>

namespace clang::tidy::medsec {

std::optional<Convention> parseConvention(llvm::StringRef Name) {
  return llvm::StringSwitch<std::optional<Convention>>(Name)
      .Case("zero-success", Convention::ZeroSuccess)
      .Case("zero-success-negative-error", Convention::ZeroSuccessNegativeError)
      .Case("zero-or-minus-one", Convention::ZeroOrMinusOne)
      .Case("one-success", Convention::OneSuccess)
      .Case("true-success", Convention::TrueSuccess)
      .Case("nonnegative-success", Convention::NonnegativeSuccess)
      .Case("count", Convention::Count)
      .Case("size-count", Convention::SizeCount)
      .Case("non-null", Convention::NonNull)
      .Case("any", Convention::Any)
      .Default(std::nullopt);
}

// The samples are chosen so that a test separating them is right for every
// value of the class: a large negative stands for any library error code, a
// small positive for a flag or errno, 100 for a count.
ResultSamples samplesFor(Convention C) {
  switch (C) {
  case Convention::ZeroSuccess:
    return {{0}, {1, 2, -1, -30000}, {}, {}, /*OpenFailures=*/true};
  case Convention::ZeroSuccessNegativeError:
    return {{0}, {-1, -30000}, {}, {}, /*OpenFailures=*/true};
  case Convention::ZeroOrMinusOne:
    return {{0}, {-1}, {}, {}};
  case Convention::OneSuccess:
    return {{1}, {0, -1}, {}, {}};
  case Convention::TrueSuccess:
    return {{1}, {0}, {}, {}};
  case Convention::NonnegativeSuccess:
    return {{0, 1, 100}, {-1}, {}, {}};
  case Convention::Count:
    return {{1, 100}, {-1}, {}, {}, /*OpenFailures=*/false, /*Counts=*/true};
  case Convention::SizeCount:
    return {{1, 100}, {0}, {}, {}, /*OpenFailures=*/false, /*Counts=*/true};
  case Convention::NonNull:
    // Only a comparison with an integer constant reaches the samples: `p < 0`
    // can never see NULL, `p == 0` and `!p` can.
    return {{4096}, {0}, {"non-NULL"}, {"NULL"}};
  case Convention::Any:
  case Convention::StatusEnum:
    return {};
  }
  return {};
}

std::string conventionText(Convention C, const ResultSamples &S) {
  switch (C) {
  case Convention::ZeroSuccess:
    return "0 is success, any other value a failure";
  case Convention::ZeroSuccessNegativeError:
    return "0 is success, negative values are errors";
  case Convention::ZeroOrMinusOne:
    return "0 is success, -1 (EOF) a failure";
  case Convention::OneSuccess:
    return "1 is success, 0 and negative values are failures";
  case Convention::TrueSuccess:
    return "1 (true) is success, 0 a failure";
  case Convention::NonnegativeSuccess:
    return "a negative value (EOF, -1) is a failure, not 0";
  case Convention::Count:
    return "a negative value is a failure; compare the count with the size requested";
  case Convention::SizeCount:
    return "compare the count with the number of items requested";
  case Convention::NonNull:
    return "NULL is a failure";
  case Convention::Any:
    return "see its documentation for the failure values";
  case Convention::StatusEnum: {
    std::string T;
    for (const std::string &N : S.SuccessNames)
      T += (T.empty() ? "" : " or ") + N;
    return (T.empty() ? std::string("0") : T) + " is success, any other value a failure";
  }
  }
  return "";
}

namespace {
bool holds(const ResultTest &T, int64_t V) {
  if (T.K == ResultTest::Truth)
    return V != 0;
  // Compare in the width and signedness the program compares in.
  llvm::APSInt A(llvm::APInt(T.Width, static_cast<uint64_t>(V), /*isSigned=*/true), T.Unsigned);
  llvm::APSInt K = T.Constant.extOrTrunc(T.Width);
  K.setIsUnsigned(T.Unsigned);
  switch (T.Op) {
  case BO_EQ:
    return A == K;
  case BO_NE:
    return A != K;
  case BO_LT:
    return A < K;
  case BO_LE:
    return A <= K;
  case BO_GT:
    return A > K;
  case BO_GE:
    return A >= K;
  default:
    return false;
  }
}
} // namespace

std::optional<std::pair<int64_t, int64_t>> misclassified(const ResultTest &Test,
                                                         const ResultSamples &S) {
  if (Test.K == ResultTest::Compare) {
    const bool Equality = Test.Op == BO_EQ || Test.Op == BO_NE;
    const bool Positive = Test.Unsigned ? Test.Constant != 0 : Test.Constant.isStrictlyPositive();
    if (S.Counts && Positive)
      return std::nullopt;
    // The constant is itself one of the open family's failure codes.
    const bool PositiveFailures =
        std::any_of(S.Failure.begin(), S.Failure.end(), [](int64_t F) { return F > 0; });
    if (S.OpenFailures && Equality && Test.Constant != 0 &&
        (PositiveFailures || (!Test.Unsigned && Test.Constant.isNegative())))
      return std::nullopt;
  }
  for (int64_t F : S.Failure)
    for (int64_t Ok : S.Success)
      if (holds(Test, F) == holds(Test, Ok))
        return std::make_pair(F, Ok);
  return std::nullopt;
}

std::string sampleText(int64_t V, const ResultSamples &S) {
  for (size_t I = 0; I < S.Success.size() && I < S.SuccessNames.size(); ++I)
    if (S.Success[I] == V)
      return S.SuccessNames[I];
  for (size_t I = 0; I < S.Failure.size() && I < S.FailureNames.size(); ++I)
    if (S.Failure[I] == V)
      return S.FailureNames[I];
  return std::to_string(V);
}

} // namespace clang::tidy::medsec
