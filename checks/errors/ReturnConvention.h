//===- ReturnConvention.h - success/failure conventions of results -*- C++ -*-===//
//
// What a function's result means (which values are success, which failure)
// and how a test of that result splits them, so a test that lets a failure
// take the success branch can be shown with a concrete pair of values.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_ERRORS_RETURNCONVENTION_H
#define MEDSEC_CHECKS_ERRORS_RETURNCONVENTION_H

#include "clang/AST/OperationKinds.h"
#include "llvm/ADT/APSInt.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::medsec {

enum class Convention {
  ZeroSuccess,
  ZeroSuccessNegativeError,
  ZeroOrMinusOne,
  OneSuccess,
  TrueSuccess,
  NonnegativeSuccess,
  Count,
  SizeCount,
  NonNull,
  Any,
  StatusEnum, // values come from the return type's enumerators
};

std::optional<Convention> parseConvention(llvm::StringRef Name);

/// Representative results: every success value and every failure value a
/// correct test must keep apart. Empty when the convention says nothing.
struct ResultSamples {
  std::vector<int64_t> Success;
  std::vector<int64_t> Failure;
  std::vector<std::string> SuccessNames; // for messages, when known
  std::vector<std::string> FailureNames;
  // Failures are an open family of codes (negative errno, MBEDTLS_ERR_*):
  // an equality test with one of them handles that code, not the convention.
  bool OpenFailures = false;
  // Success is a count: a comparison with a positive constant is a length check.
  bool Counts = false;
};

ResultSamples samplesFor(Convention C);

/// Words for the message: how this convention reports success.
std::string conventionText(Convention C, const ResultSamples &S);

/// A test of a result: its truth value, or a comparison with a constant.
struct ResultTest {
  enum Kind { Truth, Compare } K = Truth;
  BinaryOperatorKind Op = BO_EQ; // with the result on the left
  llvm::APSInt Constant;
  bool Unsigned = false;
  unsigned Width = 64;
};

/// A failure value and a success value that take the same branch of Test,
/// or nothing when the test keeps every failure apart from every success.
std::optional<std::pair<int64_t, int64_t>> misclassified(const ResultTest &Test,
                                                         const ResultSamples &S);

/// Spells a sample value: its enumerator name when known.
std::string sampleText(int64_t V, const ResultSamples &S);

} // namespace clang::tidy::medsec

#endif
