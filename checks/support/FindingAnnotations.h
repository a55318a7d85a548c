//===- FindingAnnotations.h - side data of findings for the driver -*- C++ -*-===//
//
// clang-tidy diagnostics carry a check name and a message only. The medsec
// driver also needs the severity a check chose for one finding and the
// catalogue data entry behind it; checks record them here, keyed on check,
// file and offset. Recording is off unless the driver turns it on, so the
// plugin and medsec-clangd keep nothing.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_SUPPORT_FINDINGANNOTATIONS_H
#define MEDSEC_CHECKS_SUPPORT_FINDINGANNOTATIONS_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace medsec {

struct FindingAnnotation {
  std::string Severity; // info|low|medium|high|critical
  std::string DataKey;  // e.g. the banned function's name
  std::string Message;  // kept so a finding clang-tidy drops (NOLINT) can be listed
};

struct AnnotatedFinding {
  std::string Check, File;
  unsigned Offset;
  FindingAnnotation Annotation;
};

void enableFindingAnnotations(bool On);
bool findingAnnotationsEnabled();
void recordFindingAnnotation(llvm::StringRef Check, llvm::StringRef File, unsigned Offset,
                             FindingAnnotation A);
std::optional<FindingAnnotation> lookupFindingAnnotation(llvm::StringRef Check,
                                                         llvm::StringRef File, unsigned Offset);
void clearFindingAnnotations();
/// Every recorded finding, including those clang-tidy later filtered out.
std::vector<AnnotatedFinding> allFindingAnnotations();

} // namespace medsec

#endif
