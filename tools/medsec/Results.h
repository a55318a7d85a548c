//===- Results.h - the canonical results of a scan --------------*- C++ -*-===//
//
// results.json is the one output every other format (console, SARIF, JUnit,
// report, baseline) is derived from. Its format is docs/results-format.md.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_TOOLS_RESULTS_H
#define MEDSEC_TOOLS_RESULTS_H

#include "Components.h"

#include "../../rules/loader/Catalogue.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace medsec {

using rules::Severity;

// Each closed set of values below has exactly one spelling in results.json, given by its Name
// function; its parse function is the only reader, and an unknown spelling is a load error.
// Writers switch over the enums without a default, so the compiler names every switch a new
// value must be added to.

/// Whether a finding counts for the gate. Open counts; a suppression or a
/// deviation sets the others.
enum class FindingStatus { Open, Accepted, FalsePositive, Deferred };
const char *findingStatusName(FindingStatus S);
std::optional<FindingStatus> parseFindingStatus(llvm::StringRef S);

/// Where a suppression is written: a NOLINT comment or a deviation record.
enum class SuppressionKind { InSource, External };
const char *suppressionKindName(SuppressionKind K);
std::optional<SuppressionKind> parseSuppressionKind(llvm::StringRef S);

/// What the gate made of a suppression: applied with its status, or rejected.
enum class SuppressionStatus { Accepted, FalsePositive, Deferred, Rejected };
const char *suppressionStatusName(SuppressionStatus S);
std::optional<SuppressionStatus> parseSuppressionStatus(llvm::StringRef S);

/// A finding against a baseline; None when the scan had no baseline.
enum class BaselineState { None, New, Unchanged };
const char *baselineStateName(BaselineState B); // "" for None
std::optional<BaselineState> parseBaselineState(llvm::StringRef S);

enum class Verdict { Pass, Fail };
const char *verdictName(Verdict V);
std::optional<Verdict> parseVerdict(llvm::StringRef S);

struct Location {
  std::string File; // relative to the source root when inside it
  unsigned Line = 0;
  unsigned Column = 0;
  bool operator<(const Location &O) const {
    return std::tie(File, Line, Column) < std::tie(O.File, O.Line, O.Column);
  }
  bool operator==(const Location &O) const {
    return std::tie(File, Line, Column) == std::tie(O.File, O.Line, O.Column);
  }
};

struct Note {
  Location Where;
  std::string Message;
};

struct FixIt {
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Replacement;
};

/// A suppression or deviation that matched a finding (docs/results-format.md).
struct Suppression {
  SuppressionKind Kind = SuppressionKind::InSource;
  std::string Id; // deviation record id
  SuppressionStatus Status = SuppressionStatus::Accepted;
  std::string Justification, Approver, Date, Expires, Risk;
  std::string Source;  // where it is written: file:line
  std::string Problem; // why it did not apply (status rejected)
};

/// An input of the attack surface by its identity: where the data enters and
/// the API, register, callback, global or method (ExternalInput's Where, Name).
struct InputRef {
  Location Where;
  std::string Name;
  bool operator<(const InputRef &O) const {
    return std::tie(Where.File, Where.Line, Where.Column, Name) <
           std::tie(O.Where.File, O.Where.Line, O.Where.Column, O.Name);
  }
  bool operator==(const InputRef &O) const { return !(*this < O) && !(O < *this); }
};

struct Finding {
  std::string Check;
  Severity Sev = Severity::Medium;
  std::string Message;
  Location Where;
  std::string DataKey;
  std::vector<std::string> Cwe;
  std::vector<std::string> Clauses;
  std::vector<Note> Notes;
  std::vector<FixIt> Fixes;
  /// Whitespace-free text of the finding's line, the context of the fingerprint.
  std::string LineContext;
  std::string Fingerprint;
  FindingStatus Status = FindingStatus::Open;
  std::optional<Suppression> Supp;
  BaselineState Baseline = BaselineState::None;
  /// In test code (a path of the catalogue's test-paths): labelled `test`,
  /// outside the gate unless --fail-on-test-code.
  bool TestCode = false;
  /// The inputs whose data this finding's flow carries, sorted: the one its
  /// first note is at, or, for a flow that a derived rule brought from
  /// another unit (`--cross-tu`), the inputs of the units it came from.
  std::vector<InputRef> Inputs;
  bool isOpen() const { return Status == FindingStatus::Open; }
};

/// A place external data enters the analysed code (docs/results-format.md,
/// `attack_surface`).
struct ExternalInput {
  Location Where;
  std::string Name;      // the API, register, callback, global or method
  std::string Kind;      // call | callback | global | register | isr-buffer | method
  std::string Channel;   // uart, usb, ble, network, ...
  bool Inferred = false; // recognised by a rule of inference, not from the catalogue
  unsigned Findings = 0; // findings naming it in Finding::Inputs (counted by canonicalize)
};

/// A rule file of the catalogue a scan used, with its content hash.
struct CatalogueFileRef {
  std::string Path, Role, Sha256; // path relative to the source root when inside it
  bool operator<(const CatalogueFileRef &O) const {
    return std::tie(Path, Role, Sha256) < std::tie(O.Path, O.Role, O.Sha256);
  }
  bool operator==(const CatalogueFileRef &O) const {
    return std::tie(Path, Role, Sha256) == std::tie(O.Path, O.Role, O.Sha256);
  }
};

/// Where a scan ran: the tool build's target triple and the kernel uname(2)
/// names. No host name: it identifies a machine, not a platform, and would
/// make the results of two identical CI runners differ.
struct HostInfo {
  std::string Triple, Os, OsRelease;
  bool empty() const { return Triple.empty() && Os.empty() && OsRelease.empty(); }
};

/// The scan options that decide what was analysed and how: a reviewer must
/// see them to repeat the scan. Never the parallelism: it changes nothing.
struct ScanConfiguration {
  bool Set = false;
  std::string CheckFilter;                         // --checks
  std::map<std::string, std::string> CheckOptions; // effective clang-tidy CheckOptions
  std::vector<std::string> ExtraArgs, Include, Exclude;
  unsigned TimeoutSeconds = 0;
};

/// Status of one translation unit.
enum class UnitStatus { Analysed, ParseError, Crashed, TimedOut, Failed, Excluded };
const char *unitStatusName(UnitStatus S);
bool parseUnitStatus(llvm::StringRef S, UnitStatus &Out);

struct UnitResult {
  std::string File;
  UnitStatus Status = UnitStatus::Analysed;
  std::string Reason;
  /// The whole log of a unit that was not analysed (crash banner, stack
  /// trace, compiler output), kept by the scan in its failure-log directory.
  std::string Log = {};
  std::vector<Finding> Findings; // worker output only; merged into ScanResults
  /// Project rule files the worker's catalogue held; merged into ScanResults.
  std::vector<CatalogueFileRef> RuleFiles = {};
  std::optional<llvm::json::Value> CrossTu =
      std::nullopt; // worker output only: facts for other units
  /// Worker output only: the catalogued components the unit used, and the
  /// files from vendored-looking trees no component owns (Components.h).
  std::vector<UnitComponent> Components = {};
  std::vector<std::string> VendorFiles = {};
  /// Worker output only: every file the analysis read (absolute, sorted),
  /// which the result cache keys the unit's next analysis on.
  std::vector<std::string> Inputs = {};
  /// The result came from the result cache (results.json `"cache": "hit"`).
  bool FromCache = false;
  std::vector<ExternalInput> ExternalInputs = {}; // worker output only; merged into ScanResults
};

struct ScanResults {
  std::string ToolVersion;
  std::string BuildId;
  std::string LlvmVersion;
  HostInfo Host;
  std::string SourceRoot;
  std::string CompileDatabase;
  std::string CompileDatabaseSha256;
  using CatalogueFileRef = medsec::CatalogueFileRef;
  std::vector<CatalogueFileRef> CatalogueFiles;
  std::vector<std::string> Checks;
  ScanConfiguration Configuration;
  std::vector<UnitResult> Units;
  std::vector<Finding> Findings;
  /// Third-party components the units compiled or included, and the
  /// vendored-looking trees that match none (docs/sbom.md).
  std::vector<ComponentResult> Components;
  std::vector<UnidentifiedTree> Unidentified;
  /// The scan made the inventory (false: results of a medsec without it).
  bool InventoryRecorded = true;
  std::vector<ExternalInput> AttackSurface; // sorted by location, then name

  /// Baseline entries no longer found.
  struct FixedEntry {
    std::string Fingerprint, Check, File, Message;
  };
  std::vector<FixedEntry> Fixed;

  /// The gate's policy and verdict; Set once the gate has been applied.
  struct GatePolicy {
    bool Set = false;
    Severity FailOn = Severity::Info;
    bool NewOnly = false;
    bool FailOnIncomplete = true;
    bool FailOnTestCode = false;
    medsec::Verdict Outcome = medsec::Verdict::Pass;
    int ExitCode = 0;
  } Policy;

  bool complete() const;
  /// Units listed but not analysed on purpose (--exclude, not affected by a change set).
  size_t excludedUnits() const;
};

/// Versioned context-free fingerprint: check, path, the line's text without
/// white space, and the occurrence of that triple in the file.
std::string fingerprint(const Finding &F, unsigned Occurrence);

/// The inputs of F whose data entered before its flow's first note: with
/// --cross-tu, where the data a derived rule handed over entered the device
/// (the flow's own start is its first note). The writers show them first.
std::vector<const InputRef *> inputsBeforeFlow(const Finding &F);
/// The message of such an input's location in a flow.
std::string inputEntryMessage(const InputRef &I);

/// Sorts units and findings, drops findings reported by several units (a
/// header included twice), assigns fingerprints, and adds the rule files the
/// units used that the catalogue list does not hold yet (sorted by path), and
/// merges the units' inputs into the attack surface.
/// Each input's `findings` count the findings that name it.
void canonicalize(ScanResults &R);

llvm::json::Value unitToJson(const UnitResult &U, bool WithFindings);
llvm::Expected<UnitResult> unitFromJson(const llvm::json::Value &V);
llvm::json::Value findingToJson(const Finding &F);
/// Where names the finding in errors ("findings[3]").
llvm::Expected<Finding> findingFromJson(const llvm::json::Value &V,
                                        llvm::StringRef Where = "finding");
llvm::json::Value inputToJson(const ExternalInput &I);
llvm::Expected<ExternalInput> inputFromJson(const llvm::json::Value &V);

/// The `tool.host` and `configuration` objects of results.json, also carried
/// by the SARIF invocation.
llvm::json::Object hostToJson(const HostInfo &H);
llvm::json::Object configurationToJson(const ScanConfiguration &C);

/// Writes results.json text (2-space indented, key order fixed).
std::string resultsToJson(const ScanResults &R);
llvm::Expected<ScanResults> resultsFromJson(llvm::StringRef Text);

/// Writes Data to Path through a temporary file and a rename, so a reader
/// never sees half a file.
llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Data);

/// Whether writeFileAtomically(Path, ...) can succeed: Path is not a
/// directory and its temporary file can be created (then removed). Checked
/// before an analysis, so a bad -o costs nothing.
llvm::Error checkWritable(llvm::StringRef Path);

} // namespace medsec

#endif
