//===- Suppressions.h - in-source suppressions and deviation records -*- C++ -*-===//
#ifndef MEDSEC_TOOLS_SUPPRESSIONS_H
#define MEDSEC_TOOLS_SUPPRESSIONS_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace medsec {

/// A clang-tidy NOLINT comment that covers a finding, and the reason written
/// after it: `// NOLINT(medsec-banned-functions): bounded by the frame length`.
struct NolintComment {
  unsigned Line = 0;         // 1-based line of the comment
  std::string Justification; // empty when none was written
};

/// Finds the NOLINT, NOLINTNEXTLINE or NOLINTBEGIN/END comment of FileText
/// that suppresses Check on Line (1-based), as clang-tidy reads them.
std::optional<NolintComment> findNolint(llvm::StringRef FileText, unsigned Line,
                                        llvm::StringRef Check);

} // namespace medsec

#endif
