//===- ParamRange.h - a parameter's interval in a callbacks entry -*- C++ -*-===//
//
// The `ranges` field of a callbacks entry (the derived rules of `medsec scan
// --cross-tu`, or a project's own): the interval a parameter's value has at
// every call, "P: LO..HI" with an optional ", checked" (both ends were
// checked by the callers), ", checked lower" or ", checked upper"; an end
// left empty is open, an end not checked is implied by the value's type or
// arithmetic. docs/taint-analysis.md, "Across translation units".
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_RULES_PARAMRANGE_H
#define MEDSEC_RULES_PARAMRANGE_H

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

namespace medsec {

/// The constant interval a number has where it crosses into another unit:
/// an end the program checked (if (n > 200) return;) or one its type or its
/// arithmetic implies (a uint8_t, hdr + 2 * len of bounded terms). An end
/// not known is open.
struct ValueRange {
  std::optional<int64_t> Lo, Hi;
  bool LoChecked = false, HiChecked = false;
  bool operator==(const ValueRange &O) const {
    return Lo == O.Lo && Hi == O.Hi && LoChecked == O.LoChecked && HiChecked == O.HiChecked;
  }
};

namespace param_range_detail {
inline std::string trim(const std::string &S) {
  const size_t B = S.find_first_not_of(" \t"), E = S.find_last_not_of(" \t");
  return B == std::string::npos ? std::string() : S.substr(B, E - B + 1);
}
/// An end: empty (open) or a decimal integer; false when neither.
inline bool end(const std::string &S, std::optional<int64_t> &V) {
  if (S.empty())
    return true;
  char *Stop = nullptr;
  errno = 0;
  const long long X = std::strtoll(S.c_str(), &Stop, 10);
  if (*Stop != '\0' || errno == ERANGE)
    return false;
  V = X;
  return true;
}
} // namespace param_range_detail

/// Parses "P: LO..HI[, checked[ lower| upper]]". Nothing, with Error saying
/// what is wrong, when malformed.
inline std::optional<std::pair<unsigned, ValueRange>> parseParamRange(const std::string &S,
                                                                      std::string &Error) {
  using namespace param_range_detail;
  const std::string Form = "expected 'PARAM: LO..HI' with an optional ', checked', "
                           "', checked lower' or ', checked upper'";
  const size_t Colon = S.find(':');
  const std::string P = trim(S.substr(0, Colon));
  if (Colon == std::string::npos || P.empty() ||
      P.find_first_not_of("0123456789") != std::string::npos || P.size() > 2) {
    Error = "range '" + S + "' names no parameter (a 0-based index); " + Form;
    return std::nullopt;
  }
  std::string Rest = S.substr(Colon + 1), Mark;
  if (const size_t Comma = Rest.find(','); Comma != std::string::npos) {
    Mark = trim(Rest.substr(Comma + 1));
    Rest = Rest.substr(0, Comma);
  }
  Rest = trim(Rest);
  ValueRange R;
  const size_t Dots = Rest.find("..");
  if (Dots == std::string::npos || !end(trim(Rest.substr(0, Dots)), R.Lo) ||
      !end(trim(Rest.substr(Dots + 2)), R.Hi)) {
    Error = "range '" + S + "' has no interval LO..HI of integers; " + Form;
    return std::nullopt;
  }
  if (!R.Lo && !R.Hi) {
    Error = "range '" + S + "' bounds neither end; " + Form;
    return std::nullopt;
  }
  if (R.Lo && R.Hi && *R.Lo > *R.Hi) {
    Error = "range '" + S + "' is empty (its lower end is above its upper end)";
    return std::nullopt;
  }
  if (Mark == "checked") {
    R.LoChecked = R.Lo.has_value();
    R.HiChecked = R.Hi.has_value();
  } else if (Mark == "checked lower" && R.Lo) {
    R.LoChecked = true;
  } else if (Mark == "checked upper" && R.Hi) {
    R.HiChecked = true;
  } else if (!Mark.empty()) {
    Error = "range '" + S + "' ends in '" + Mark + "'; " + Form + " (of an end it gives)";
    return std::nullopt;
  }
  return std::make_pair(static_cast<unsigned>(std::atoi(P.c_str())), R);
}

inline std::string formatParamRange(unsigned Param, const ValueRange &R) {
  std::string S = std::to_string(Param) + ": " + (R.Lo ? std::to_string(*R.Lo) : "") + ".." +
                  (R.Hi ? std::to_string(*R.Hi) : "");
  if (R.LoChecked && R.HiChecked)
    S += ", checked";
  else if (R.LoChecked)
    S += ", checked lower";
  else if (R.HiChecked)
    S += ", checked upper";
  return S;
}

} // namespace medsec

#endif
