//===- Sbom.h - software bills of materials from results.json ---*- C++ -*-===//
//
// The components a scan recognised (results.json `components` and
// `unidentifiedComponents`) as CycloneDX 1.6 JSON and SPDX 2.3 JSON
// (docs/sbom.md). Pure functions of the results and the options: no clock,
// no random serial number, so two runs give the same bytes.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_TOOLS_WRITERS_SBOM_H
#define MEDSEC_TOOLS_WRITERS_SBOM_H

#include "../Results.h"
#include "../Vulnerabilities.h"

#include <string>

namespace medsec {

struct SbomOptions {
  std::string Name;      // the device firmware; default: the source root's directory name
  std::string Version;   // the firmware's version; empty: not stated
  std::string Supplier;  // the manufacturer; empty: not stated
  std::string Timestamp; // ISO 8601, only when given: a document stays reproducible
  /// Known vulnerabilities matched to the components (--vex); CycloneDX only.
  std::vector<Vulnerability> Vulnerabilities;
};

/// CycloneDX 1.6 JSON: the firmware as metadata.component, one component per
/// recognised library (purl, CPE, licence, hash over the files used, evidence
/// of identity and occurrences, FDA support level and end of support as
/// properties) and per unidentified tree, the firmware depending on each.
std::string writeCycloneDx(const ScanResults &R, const SbomOptions &O);

/// SPDX 2.3 JSON: a package per component (and the firmware), its files with
/// SHA-256, CONTAINS and DEPENDS_ON relationships, validUntilDate for end of
/// support.
std::string writeSpdx(const ScanResults &R, const SbomOptions &O);

/// JSON text, 2-space indented, keys sorted, with a final newline.
std::string sbomJson(llvm::json::Value V);

/// The firmware's name when none is given: the source root's last component.
std::string defaultFirmwareName(const ScanResults &R);

} // namespace medsec

#endif
