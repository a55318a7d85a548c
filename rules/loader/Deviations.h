//===- Deviations.h - external deviation records ---------------*- C++ -*-===//
//
// A deviation record accepts findings outside the source, with the evidence
// a submission needs: who approved it, when, why, until when.
// Format: docs/ci.md, section "Deviation records".
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_RULES_DEVIATIONS_H
#define MEDSEC_RULES_DEVIATIONS_H

#include "Catalogue.h"

#include <string>
#include <vector>

namespace medsec {
namespace rules {

struct Deviation {
  std::string Id;
  std::string Check;       // with Path: every finding of Check in matching files
  std::string Path;        // glob on the finding's path; empty: any file
  std::string Fingerprint; // or one finding exactly
  std::string Status;      // accepted | false-positive | deferred
  std::string Justification, Approver, Date, Expires, Risk;
  SourceMark Origin;
};

/// Whether S is a real calendar date written YYYY-MM-DD (2028-02-29 is one,
/// 2027-02-30 and 2026-13-01 are not).
bool isCalendarDate(const std::string &S);

/// Parses a deviations file. Never throws; problems carry file:line:column.
void loadDeviationsText(const std::string &Text, const std::string &Path,
                        std::vector<Deviation> &Out, std::vector<Problem> &Problems);

} // namespace rules
} // namespace medsec

#endif
