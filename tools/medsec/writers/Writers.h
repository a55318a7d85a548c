//===- Writers.h - output formats derived from results.json ----*- C++ -*-===//
//
// Each writer is a pure function of the results and the catalogue: same
// inputs, same bytes.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_TOOLS_WRITERS_H
#define MEDSEC_TOOLS_WRITERS_H

#include "../Results.h"

#include "../../../rules/loader/Catalogue.h"

#include <string>

namespace medsec {

struct SarifOptions {
  /// Prefix of each rule's helpUri; the catalogue help page below docs/checks/ (else the check id
  /// and ".md") is appended.
  std::string HelpBaseUri;
};

/// SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.
std::string writeSarif(const ScanResults &R, const rules::Catalogue &Cat, const SarifOptions &O);
/// JUnit XML: a test case per check (fails with its open findings) and per
/// translation unit (an error when it was not analysed).
std::string writeJunit(const ScanResults &R, const rules::Catalogue &Cat);
/// GitLab code quality report (a JSON array of issues).
std::string writeGitLabCodeQuality(const ScanResults &R);

/// SARIF level and GitHub security-severity of a severity name.
const char *sarifLevel(Severity S);
const char *securitySeverity(Severity S);

} // namespace medsec

#endif
