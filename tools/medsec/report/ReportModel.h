//===- ReportModel.h - what a traceability report says ----------*- C++ -*-===//
//
// `medsec report` reads everything first (results, catalogue, sources, test
// evidence) into a ReportInput, builds one ReportModel from it (the
// traceability matrix, counts, verdict, deviations), and each writer turns the
// model into bytes. Building and writing are pure: the same input gives the
// same bytes, which is what makes a report reproducible.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_TOOLS_REPORT_REPORTMODEL_H
#define MEDSEC_TOOLS_REPORT_REPORTMODEL_H

#include "../../../rules/loader/Catalogue.h"
#include "Messages.h"
#include "Results.h"
#include "Vulnerabilities.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace medsec {
namespace report {

// The gate's fields (status, suppression, baseline, fixed entries, policy) are
// those of the results model, read once by resultsFromJson.
using FixedEntry = ScanResults::FixedEntry;
using PolicyInfo = ScanResults::GatePolicy;

// --- other inputs --------------------------------------------------------------

struct ReportOptions {
  std::string Title;
  std::string Date;                    // YYYY-MM-DD, only when given
  std::vector<std::string> Guidelines; // empty: all, ANSM first
  std::vector<std::string> Phases;     // empty: all
};

/// "x86_64-pc-linux-gnu, Linux 6.1.0-18-amd64"; empty when not recorded.
std::string hostText(const HostInfo &H);

struct ToolIdentity {
  std::string Name = "medsec", Version, BuildId, LlvmVersion, Host;
};

/// Result of the tool's own test suite (JUnit XML or a ctest log).
struct TestEvidence {
  std::string Name, Sha256;
  std::string Format; // junit | ctest | unknown
  unsigned Tests = 0, Failures = 0, Skipped = 0;
  std::vector<std::string> Failed; // names of failing tests, sorted
  unsigned passed() const { return Tests - Failures - Skipped; }
};
TestEvidence parseTestEvidence(const std::string &Name, llvm::StringRef Text);

/// The analysed build configuration, read from compile_commands.json.
struct CompileDbInfo {
  std::string Sha256;
  unsigned Entries = 0;
  std::vector<std::string> Compilers, Targets, Standards, Defines; // sorted, unique
};
std::optional<CompileDbInfo> parseCompileDb(llvm::StringRef Text);

/// An SBOM file the report lists (`--sbom`): shown path and bytes.
struct SbomInput {
  std::string Path, Text;
};

struct ReportInput {
  ScanResults Results;
  std::shared_ptr<const rules::Catalogue> Cat;
  ReportOptions Opts;
  std::string ResultsPath, ResultsSha256;
  /// The catalogue files loaded for the report, paths as they are shown.
  std::vector<rules::CatalogueFile> CatalogueFiles;
  std::optional<CompileDbInfo> CompileDb; // nullopt: not readable now
  std::optional<TestEvidence> Evidence;
  /// Source text of each finding's file (key as in results); nullopt: not readable.
  std::map<std::string, std::optional<std::string>> Sources;
  ToolIdentity Reporter; // the medsec writing the report
  std::vector<SbomInput> Sboms;
  std::optional<VulnerabilityData> Vulnerabilities; // --vulnerabilities; nullopt: none given
  std::shared_ptr<const Messages> Text;             // the report's language; null: English
};

// --- the model -------------------------------------------------------------

/// Statuses of a clause in the traceability matrix, worst first.
/// Their labels are the messages status.<id> and status-short.<id>.
struct ClauseStatus {
  const char *Id, *Colour;
};
const std::vector<ClauseStatus> &clauseStatuses();
const ClauseStatus &clauseStatus(const std::string &Id);

extern const char *const Severities[5]; // critical first

struct ContextLine {
  unsigned Number = 0;
  std::string Text;
  bool IsFinding = false;
};

struct FindingView {
  std::string Id; // the fingerprint
  std::string Check, Message, File, DataKey;
  Severity Sev = Severity::Medium;
  unsigned Line = 0, Column = 0;
  std::vector<std::string> Cwe, Clauses;
  FindingStatus Status = FindingStatus::Open;
  BaselineState Baseline = BaselineState::None;
  bool TestCode = false; // labelled `test`: in a path of the catalogue's test-paths
  std::optional<Suppression> Suppr;
  std::vector<ContextLine> Context;
  std::string ContextNote; // empty, or the messages context.not-available, context.changed
  bool SourceChanged = false; // the line no longer reads as it did at scan time
  /// The inputs whose data the finding's flow carries (results.json
  /// findings[].inputs), each with its row in ReportModel::AttackSurface, -1
  /// when the results do not list it there.
  struct Input {
    InputRef Ref;
    int Row = -1;
  };
  std::vector<Input> Inputs;
  bool isOpen() const { return Status == FindingStatus::Open; }
  const char *severity() const { return rules::severityName(Sev); }
  /// The suppression's kind, "" without one.
  const char *recordKind() const { return Suppr ? suppressionKindName(Suppr->Kind) : ""; }
  /// The suppression's status, or the finding's without one.
  const char *recordStatus() const {
    return Suppr ? suppressionStatusName(Suppr->Status) : findingStatusName(Status);
  }
};

struct CheckLink {
  std::string Id, Relation;
  std::string State; // run | not run | planned
};

struct ClauseRow {
  std::string Id, Phase, Title, Basis, Locator, Checkable, Complementary;
  std::vector<CheckLink> Checks;
  std::vector<std::string> Open, Accepted, Fixed; // finding ids
  std::string Status;                             // a clauseStatuses() id
  bool inferred() const { return Basis == "inferred"; }
};

struct GuidelineView {
  std::string Id, Title, Publisher, Edition, Url, Basis;
  std::vector<ClauseRow> Rows;
  /// Rows whose title the catalogue does not give in the report's language
  /// (shown in English, and the report says so); 0 for an English report.
  unsigned UntranslatedTitles = 0;
  std::map<std::string, unsigned> ByStatus;
  unsigned covered() const; // rows with a check that ran
};

struct CatalogueFileRow {
  std::string Path, Role, Sha256;   // loaded for the report
  std::string ScanPath, ScanSha256; // listed by the scan
  std::string State;                // same | changed | not loaded | not in scan
};

struct UnitRow {
  std::string File, Status, Reason;
};

struct DeviationRow {
  size_t Finding = 0;             // index into ReportModel::Findings
  std::vector<std::string> Flags; // rejected, unjustified, expired, no approver, no record
};

struct CheckRow {
  std::string Id, Title, Severity, Status, State, Help;
  std::vector<std::string> Cwe, Limitations;
  unsigned Open = 0, Accepted = 0, Fixed = 0;
};

struct SeverityCount {
  unsigned Open = 0, Accepted = 0;
  unsigned OpenInTestCode = 0; // of Open
};

/// A third-party component as the report shows it (results.json components).
struct ComponentView {
  ComponentResult C;
  std::string Basis;                // how the version was determined, with file and line
  std::vector<std::string> Flags;   // ids: version unknown, support level unknown, ... (component-flag.*)
  std::vector<Vulnerability> Vulns; // known vulnerabilities matched to it, by id
};

/// An SBOM file given with --sbom, and whether it lists what the scan found.
struct SbomFileRow {
  std::string Path, Sha256;
  std::string Format;      // CycloneDX 1.6, SPDX 2.3, ... ("not an SBOM" when neither)
  unsigned Components = 0; // library components / packages other than the firmware
  std::string State;       // matches the scan | differs from the scan: ... | not an SBOM
};

struct SourceHash {
  std::string Path, Sha256;
};

struct ReportModel {
  /// The words of the report (its language); JSON keys and ids stay English.
  std::shared_ptr<const Messages> Text;
  std::string Title, Date;
  std::vector<std::string> GuidelineSelection, PhaseSelection;
  ToolIdentity ScanTool, Reporter;
  std::string SourceRoot;

  // inputs and configuration
  std::string ResultsPath, ResultsSha256;
  std::vector<CatalogueFileRow> CatalogueFiles;
  bool CatalogueMismatch = false;
  std::string CompileDbPath, CompileDbSha256;
  std::string CompileDbState; // same | changed | not available
  std::optional<CompileDbInfo> CompileDb;
  std::optional<TestEvidence> Evidence;
  std::vector<SourceHash> Sources;
  std::vector<std::string> ChecksRun;
  ScanConfiguration ScanOptions; // Set false: an older scan that did not record them

  // scope and integrity
  unsigned Units = 0, UnitsAnalysed = 0;
  std::vector<UnitRow> NotAnalysed, Excluded;
  bool Complete = true;

  // where external data enters (results.json attack_surface), shown before the findings
  std::vector<ExternalInput> AttackSurface;
  /// Per row of AttackSurface, the ids of the findings it feeds, in report order.
  std::vector<std::vector<std::string>> InputFindings;
  bool InputChecksRun = false;              // a medsec-tainted-* check ran
  std::vector<ClauseRow> AttackSurfaceRows; // the design-phase clauses the list informs

  // third-party components (results.json components) and the clauses the inventory shows
  bool InventoryRecorded = false;
  std::vector<ComponentView> Components; // by id
  std::vector<UnidentifiedTree> Unidentified;
  std::vector<std::string> InventoryGaps; // why an inventory clause is not fully shown
  std::vector<ClauseRow> InventoryRows;   // checkable: inventory
  std::vector<SbomFileRow> Sboms;
  bool VulnerabilitiesGiven = false;
  std::vector<VulnerabilityFile> VulnerabilityFiles;
  std::vector<std::string> UnmatchedVulnerabilities; // records no component version matched
  unsigned unassessedVulnerabilities() const;

  // findings and their traceability
  std::vector<FindingView> Findings; // file, line, column, check order
  std::vector<FixedEntry> Fixed;
  std::map<std::string, SeverityCount> BySeverity;
  std::vector<GuidelineView> Guidelines;
  std::vector<DeviationRow> Deviations;
  std::vector<CheckRow> Checks;

  // verdict
  medsec::Verdict Outcome = medsec::Verdict::Pass;
  bool PolicyRecorded = false;
  PolicyInfo Policy;
  std::vector<std::string> VerdictReasons;
  std::vector<std::string> Warnings; // shown on the first page

  /// SHA-256 of report.json, which holds every value of the report; set by
  /// renderReports before the other formats are written.
  std::string ContentSha256;

  unsigned openCount() const;
  unsigned openInTestCodeCount() const; // of openCount()
  /// " (N in test code, outside the gate)" after the open count; "" for none.
  std::string testCodeShare() const;
  unsigned acceptedCount() const;
};

ReportModel buildReportModel(const ReportInput &In);

/// The third-party components section, its gaps and the SBOM file rows
/// (ThirdParty.cpp); before the traceability matrix, whose inventory rows
/// take their status from it.
void buildThirdParty(const ReportInput &In, ReportModel &M);

} // namespace report
} // namespace medsec

#endif
