//===- Vulnerabilities.h - known vulnerabilities of the components -*- C++ -*-===//
//
// The team keeps the known vulnerabilities of its third-party components in
// files of its own: CycloneDX VEX (with its analysis of each) or OSV records
// (as the OSV database publishes them). Both are read offline, matched to the
// scan's components by purl or CPE and version range, and carried with their
// assessment into the SBOM and the report (docs/sbom.md). A vulnerability
// that matches a component but has no assessment is flagged, as an
// unjustified deviation is.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_TOOLS_VULNERABILITIES_H
#define MEDSEC_TOOLS_VULNERABILITIES_H

#include "Components.h"

#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace medsec {

/// One vulnerability of one component, with the team's assessment.
struct Vulnerability {
  std::string Id;                   // CVE-2024-45159, GHSA-..., an OSV id
  std::vector<std::string> Aliases; // other ids of the same vulnerability, sorted
  std::string Component;            // the component id it affects
  std::string Summary, Severity;    // as the file gives them (severity: critical..low, or "")
  std::string Affected;             // the version or range that matched, as written
  std::string MatchedBy;            // purl | cpe | bom-ref
  /// affected | not_affected | fixed | under_investigation | false_positive;
  /// empty: no assessment in any file.
  std::string State;
  std::string Justification;         // CycloneDX justification (not_affected)
  std::string Detail;                // the team's reasoning
  std::vector<std::string> Response; // CycloneDX responses (update, workaround_available, ...)
  std::vector<std::string> Sources;  // the files that gave it, sorted
  std::string AssessedIn;            // the file whose assessment is kept
  /// Other assessments of the same vulnerability that disagree with the one
  /// kept ("fixed in b.cdx.json"), sorted.
  std::vector<std::string> Conflicts;
  /// unassessed; conflicting assessments; not affected without justification;
  /// affected without response; under investigation.
  std::vector<std::string> flags() const;
};

/// A vulnerability file as given, for the hashes.
struct VulnerabilityFile {
  std::string Path, Sha256, Format; // format: CycloneDX VEX x.y | OSV
  unsigned Records = 0;             // vulnerabilities in the file
};

struct VulnerabilityData {
  std::vector<VulnerabilityFile> Files;
  std::vector<Vulnerability> Matched; // by component, then id
  /// Records that matched no component of the scan (id and what they name).
  std::vector<std::string> Unmatched;
};

/// Reads each (path, text) and matches it to Components. An error names the
/// file and the JSON path of what is wrong (an unknown analysis state, a
/// record without id, a file that is neither VEX nor OSV).
llvm::Expected<VulnerabilityData>
matchVulnerabilities(const std::vector<std::pair<std::string, std::string>> &Files,
                     const std::vector<ComponentResult> &Components);

/// Reads the files from disk, then matchVulnerabilities.
llvm::Expected<VulnerabilityData>
loadVulnerabilities(const std::vector<std::string> &Paths,
                    const std::vector<ComponentResult> &Components);

/// Console lines: how many matched, each unassessed one as a warning, the
/// records that matched no component.
void printVulnerabilitySummary(llvm::raw_ostream &OS, const VulnerabilityData &D);

/// -1, 0, 1: dotted versions compared number by number ("3.10" > "3.9");
/// a suffix after the numbers ("rc1", "d", "-dev") sorts before the release.
int compareVersions(llvm::StringRef A, llvm::StringRef B);

/// Whether Version lies in a `vers:` range ("vers:generic/>=3.6.0|<3.6.1") or
/// equals a plain version; nullopt for a range it cannot read (the caller
/// reports it: a record that silently matched nothing would read as clean).
std::optional<bool> versionInRange(llvm::StringRef Version, llvm::StringRef Range);

/// CycloneDX analysis.state for a state above (affected -> exploitable, ...).
std::string cycloneDxState(llvm::StringRef State);

} // namespace medsec

#endif
