//===- Driver.cpp - medsec command line -----------------------------------===//
#include "Driver.h"

#include "../../checks/support/CatalogueAccess.h"
#include "Init.h"
#include "Scan.h"
#include "medsec/Version.h"
#include "report/ReportCommand.h"
#include "writers/Sbom.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <map>

// Keeps the checks' registration object in the executable.
extern volatile int MedSecTidyModuleAnchorSource;

namespace medsec {
namespace {

const char *const Usage = R"(usage: medsec <command> [options]

commands:
  scan -p BUILD_DIR      analyse every translation unit of BUILD_DIR/compile_commands.json
  report -r RESULTS      write the traceability report (HTML, Markdown, CSV, JSON)
  rules validate [FILE]  check the catalogue, and FILE as a project override file
  rules list             print the checks with their severity, CWE and clauses
  sbom -r RESULTS -o FILE write the third-party components as CycloneDX 1.6 or SPDX 2.3 JSON
  merge -o RESULTS SHARD...
                         the shard files of 'scan --shard K/N' into the results one scan
                         writes; takes the outputs and gate options of scan
  baseline create -r RESULTS -o BASELINE
                         accept the open findings of RESULTS as the baseline
  init [DIR] [-p BUILD_DIR] [--force]
                         write DIR/.clangd (medsec-clangd) and DIR/.clang-tidy; --force
                         backs up and merges into existing files (see docs/ide.md)
  cache stats|clear [--cache-dir DIR]
                         the result cache's size, or empty it
  version                print the tool identity

scan options:
  -p PATH                build directory holding compile_commands.json, or the file itself
  -j N                   parallel worker processes (default: one per core)
  -o, --output FILE      results file (default: medsec-results.json)
  --checks GLOB          clang-tidy check filter (default: -*,medsec-*,clang-diagnostic-*)
  --catalogue DIR        built-in catalogue directory (default: installed or source rules/)
  --rules FILE           project override file (default: nearest .medsec.yaml)
  --source-root DIR      paths in results are relative to DIR (default: current directory)
  --timeout SECONDS      per translation unit (default: 300)
  --failure-logs DIR     keep the whole log of each unit not analysed (default: RESULTS.failure-logs)
  --extra-arg ARG        add ARG to every compile command
  --sarif FILE           also write SARIF 2.1.0 (GitHub code scanning)
  --junit FILE           also write JUnit XML (a test case per check and per unit)
  --gitlab FILE          also write a GitLab code quality report
  --baseline FILE        label findings new/unchanged against FILE, list the fixed ones
  --new-only             only findings not in the baseline fail the gate
  --fail-on SEVERITY     lowest severity that fails the gate (default: info)
  --deviations FILE      deviation records that accept findings (docs/ci.md)
  --today YYYY-MM-DD     date used for deviation expiry (default: today, UTC)
  --allow-unjustified-nolint  accept NOLINT comments that give no reason
  --help-base-uri URI    prefix of the SARIF rules' helpUri
  --include GLOB         analyse only files matching a glob (repeatable)
  --exclude GLOB         do not analyse files matching GLOB (repeatable; listed as excluded)
  --no-fail-on-incomplete  exit by findings alone when some unit was not analysed
  --fail-on-test-code    findings in test code (the catalogue's test-paths) fail the gate too
  --query-driver GLOB    run the cross compilers matching GLOB (comma-separated, repeatable) for
                         their include directories, as clangd does; default: none is run
  --cross-tu             follow taint between translation units and count the inferred
                         must-check over all of them (extra rounds)
  --no-cross-tu          analyse each translation unit alone (the default)
  --cache-dir DIR        result cache (default: $XDG_CACHE_HOME/medsec, else ~/.cache/medsec)
  --no-cache             analyse every unit, read and write no cache entry
  --cache-max-size SIZE  least recently used entries go beyond SIZE (default: 1G)
  --cache-url URL        also read (GET) and store (PUT) entries under URL/<key> on an HTTP cache
                         server (nginx WebDAV, bazel-remote); a server that is down costs a warning
  --cache-read-only      read from --cache-url, never store there (pull-request jobs)
  --cache-timeout SECONDS  per request to --cache-url (default: 10; connecting: at most 2)
  --changed-since REV    analyse only the units the changes since git REV's merge base (and
                         uncommitted ones) can affect; the others are listed as excluded
  --changed FILE         the same for FILE (repeatable), without git
  --shard K/N            analyse the K-th of N deterministic parts of the units and write a
                         shard file to -o; 'medsec merge' makes the results (docs/ci.md)
  -q, --quiet            no progress lines
  -v, --verbose          say what is being done

report options:
  -r, --results FILE     results of a scan (required)
  -o, --output-dir DIR   where report.{html,md,csv,json} go (default: medsec-report)
  --format LIST          html,md,csv,json (default: all)
  --guideline LIST       guidelines in the matrix, e.g. ansm,fda-2023 (default: all, ANSM first)
  --phases LIST          clause phases in scope, e.g. development,verification (default: all)
  --title TEXT           report title
  --date YYYY-MM-DD      date shown in the report and used to find expired deviations
  --test-evidence FILE   the tool's own test results (JUnit XML or ctest log)
  --sbom FILE            an SBOM written by 'medsec sbom' (repeatable): listed with its SHA-256
                         and compared with the scan's components
  --vulnerabilities FILE known vulnerabilities, CycloneDX VEX or OSV JSON (repeatable, offline):
                         shown per component with the team's assessment
  --catalogue DIR, --rules FILE  as for scan (default --rules: the project file the scan used)
  --source-root DIR      where the sources are now (default: the results' sourceRoot)
  --lang LANG            language of the report: en (default), fr; a message table per
                         language (docs/report.md)
  --messages DIR         where the message tables are (default: installed with medsec)

sbom options (docs/sbom.md):
  -r, --results FILE     results of a scan (required)
  -o, --output FILE      where the SBOM goes (required)
  --format FORMAT        cyclonedx (default) or spdx
  --name NAME            the firmware's name (default: the source root's directory name)
  --firmware-version V   the firmware's version (default: not stated)
  --supplier NAME        the manufacturer (default: not stated)
  --timestamp TIME       ISO 8601 creation time (CycloneDX: omitted unless given; SPDX, which
                         requires one: $SOURCE_DATE_EPOCH, else the current time)
  --vex FILE             known vulnerabilities the team keeps, CycloneDX VEX or OSV JSON
                         (repeatable; read offline), matched to the components by purl/CPE and
                         version range and written with their assessment (CycloneDX only)

exit codes: 0 clean, 1 findings, 2 usage or configuration error, 3 analysis incomplete
)";

/// A small option reader: flags with a value, repeated flags, positionals.
class Args {
public:
  Args(int Argc, char **Argv, int First) {
    for (int I = First; I < Argc; ++I)
      Items.push_back(Argv[I]);
  }
  /// Takes the value of Flag (or its Alias); false on a missing value.
  bool parse(const std::map<std::string, std::function<void(const std::string &)>> &WithValue,
             const std::map<std::string, std::function<void()>> &Switches,
             std::vector<std::string> &Positional, std::string &Error) {
    for (size_t I = 0; I < Items.size(); ++I) {
      std::string A = Items[I];
      std::string Inline;
      const size_t Eq = A.find('=');
      if (A.rfind("--", 0) == 0 && Eq != std::string::npos) {
        Inline = A.substr(Eq + 1);
        A = A.substr(0, Eq);
      }
      // Short options take their value attached too: -j2, -pbuild.
      if (A.size() > 2 && A[0] == '-' && A[1] != '-' && WithValue.count(A.substr(0, 2)) &&
          !WithValue.count(A)) {
        WithValue.at(A.substr(0, 2))(A.substr(2));
        continue;
      }
      if (auto It = WithValue.find(A); It != WithValue.end()) {
        if (Eq != std::string::npos && A.rfind("--", 0) == 0) {
          It->second(Inline);
          continue;
        }
        if (I + 1 >= Items.size()) {
          Error = "option '" + A + "' needs a value";
          return false;
        }
        It->second(Items[++I]);
      } else if (auto S = Switches.find(A); S != Switches.end()) {
        S->second();
      } else if (!A.empty() && A[0] == '-') {
        Error = "unknown option '" + A + "'";
        return false;
      } else {
        Positional.push_back(A);
      }
    }
    return true;
  }

private:
  std::vector<std::string> Items;
};

bool parseUnsigned(const std::string &S, unsigned &Out) {
  char *End = nullptr;
  const unsigned long V = std::strtoul(S.c_str(), &End, 10);
  if (S.empty() || *End || V > 1000000)
    return false;
  Out = static_cast<unsigned>(V);
  return true;
}

int usageError(const std::string &Message) {
  llvm::errs() << "medsec: error: " << Message << "\n" << "run 'medsec help' for usage\n";
  return ExitUsage;
}

/// A command line that is well formed but names what cannot be used.
int configurationError(const std::string &Message) {
  llvm::errs() << "medsec: error: " << Message << "\n";
  return ExitUsage;
}

using ValueOptions = std::map<std::string, std::function<void(const std::string &)>>;
using SwitchOptions = std::map<std::string, std::function<void()>>;

/// The options scan and merge share: the outputs, the gate and the catalogue.
void addGateOptions(ScanOptions &O, std::string &FailOn, ValueOptions &V, SwitchOptions &S) {
  V.insert({{"-o", [&](const std::string &X) { O.ResultsPath = X; }},
            {"--output", [&](const std::string &X) { O.ResultsPath = X; }},
            {"--catalogue", [&](const std::string &X) { O.Analyse.CatalogueDir = X; }},
            {"--rules", [&](const std::string &X) { O.Analyse.ProjectRules.push_back(X); }},
            {"--sarif", [&](const std::string &X) { O.SarifPath = X; }},
            {"--junit", [&](const std::string &X) { O.JunitPath = X; }},
            {"--gitlab", [&](const std::string &X) { O.GitLabPath = X; }},
            {"--baseline", [&](const std::string &X) { O.BaselinePath = X; }},
            {"--deviations", [&](const std::string &X) { O.DeviationsPath = X; }},
            {"--fail-on", [&](const std::string &X) { FailOn = X; }},
            {"--today", [&](const std::string &X) { O.Gate.Today = X; }},
            {"--help-base-uri", [&](const std::string &X) { O.HelpBaseUri = X; }}});
  S.insert({{"-q", [&] { O.Quiet = true; }},
            {"--quiet", [&] { O.Quiet = true; }},
            {"--new-only", [&] { O.Gate.NewOnly = true; }},
            {"--allow-unjustified-nolint", [&] { O.Gate.RequireJustification = false; }},
            {"--no-fail-on-incomplete", [&] { O.Gate.FailOnIncomplete = false; }},
            {"--fail-on-test-code", [&] { O.Gate.FailOnTestCode = true; }}});
}

/// Checks what addGateOptions read; an exit code, or 0.
int checkGateOptions(ScanOptions &O, const std::string &FailOn) {
  // Deviation expiry compares dates as text: anything but a real date would
  // expire every record or none.
  if (!O.Gate.Today.empty() && !rules::isCalendarDate(O.Gate.Today))
    return usageError("--today takes YYYY-MM-DD, a real date, not '" + O.Gate.Today + "'");
  if (auto Sev = rules::parseSeverity(FailOn))
    O.Gate.FailOn = *Sev;
  else
    return usageError("--fail-on takes info, low, medium, high or critical, not '" + FailOn + "'");
  if (O.Analyse.ProjectRules.size() > 1)
    return usageError("--rules may be given once");
  for (const std::string &R : O.Analyse.ProjectRules)
    if (!llvm::sys::fs::exists(R))
      return usageError("project rules file '" + R + "' does not exist");
  // The workers run in each unit's compile directory: a path relative to the
  // current one would name nothing there, and the project's rules would be lost.
  for (std::string *P : {&O.Analyse.CatalogueDir, O.Analyse.ProjectRules.empty()
                                                      ? nullptr
                                                      : &O.Analyse.ProjectRules.front()})
    if (P && !P->empty()) {
      llvm::SmallString<256> Abs(*P);
      if (!llvm::sys::fs::make_absolute(Abs))
        *P = std::string(Abs);
    }
  // Before the analysis, not after it: an output that cannot be written
  // would lose every finding.
  for (const std::string *Out : {&O.ResultsPath, &O.SarifPath, &O.JunitPath, &O.GitLabPath})
    if (!Out->empty())
      if (llvm::Error E = checkWritable(*Out))
        return configurationError(llvm::toString(std::move(E)));
  return 0;
}

int scanCommand(int Argc, char **Argv, const std::string &Self) {
  ScanOptions O;
  std::string Jobs, Timeout, CacheSize, CacheTimeout, Shard, ChangedSince, Error,
      FailOn = "info";
  std::vector<std::string> Positional, Changed;
  ValueOptions Values{
      {"-p", [&](const std::string &V) { O.BuildPath = V; }},
      {"-j", [&](const std::string &V) { Jobs = V; }},
      {"--checks", [&](const std::string &V) { O.Analyse.Checks = V; }},
      {"--source-root", [&](const std::string &V) { O.Analyse.SourceRoot = V; }},
      {"--timeout", [&](const std::string &V) { Timeout = V; }},
      {"--extra-arg", [&](const std::string &V) { O.Analyse.ExtraArgs.push_back(V); }},
      {"--failure-logs", [&](const std::string &V) { O.FailureLogDir = V; }},
      {"--include", [&](const std::string &V) { O.Include.push_back(V); }},
      {"--query-driver", [&](const std::string &V) { O.QueryDrivers.push_back(V); }},
      {"--exclude", [&](const std::string &V) { O.Exclude.push_back(V); }},
      {"--cache-dir", [&](const std::string &V) { O.Cache.Dir = V; }},
      {"--cache-max-size", [&](const std::string &V) { CacheSize = V; }},
      {"--cache-url", [&](const std::string &V) { O.Cache.Remote.Url = V; }},
      {"--cache-timeout", [&](const std::string &V) { CacheTimeout = V; }},
      {"--shard", [&](const std::string &V) { Shard = V; }},
      {"--changed-since", [&](const std::string &V) { ChangedSince = V; }},
      {"--changed", [&](const std::string &V) { Changed.push_back(V); }}};
  SwitchOptions Switches{{"-v", [&] { O.Verbose = true; }},
                         {"--verbose", [&] { O.Verbose = true; }},
                         {"--cross-tu", [&] { O.CrossTu = true; }},
                         {"--no-cross-tu", [&] { O.CrossTu = false; }},
                         {"--no-cache", [&] { O.Cache.Enabled = false; }},
                         {"--cache-read-only", [&] { O.Cache.Remote.ReadOnly = true; }}};
  addGateOptions(O, FailOn, Values, Switches);
  Args A(Argc, Argv, 2);
  if (!A.parse(Values, Switches, Positional, Error))
    return usageError(Error);
  if (!Positional.empty())
    return usageError("unexpected argument '" + Positional.front() + "'");
  if (O.BuildPath.empty())
    return usageError("scan needs -p BUILD_DIR (the directory of compile_commands.json)");
  if (!Jobs.empty() && (!parseUnsigned(Jobs, O.Jobs) || O.Jobs == 0))
    return usageError("-j takes a whole number of at least 1, not '" + Jobs + "'");
  if (!Timeout.empty() && (!parseUnsigned(Timeout, O.TimeoutSeconds) || !O.TimeoutSeconds))
    return usageError("--timeout takes a whole number of seconds, not '" + Timeout + "'");
  if (!CacheSize.empty() && !parseSize(CacheSize, O.Cache.MaxBytes))
    return usageError("--cache-max-size takes a size in bytes, or with K, M or G, not '" +
                      CacheSize + "'");
  if (!O.Cache.Remote.Url.empty() &&
      !llvm::StringRef(O.Cache.Remote.Url).starts_with("http://") &&
      !llvm::StringRef(O.Cache.Remote.Url).starts_with("https://"))
    return usageError("--cache-url takes an http:// or https:// URL, not '" +
                      RemoteCache::redacted(O.Cache.Remote.Url) + "'");
  if (!CacheTimeout.empty()) {
    unsigned Seconds = 0;
    if (!parseUnsigned(CacheTimeout, Seconds) || Seconds == 0 || Seconds > 3600)
      return usageError("--cache-timeout takes a whole number of seconds, not '" + CacheTimeout +
                        "'");
    O.Cache.Remote.TransferMs = Seconds * 1000;
    O.Cache.Remote.ConnectMs = std::min(O.Cache.Remote.ConnectMs, Seconds * 1000);
  }
  if (O.Cache.Remote.ReadOnly && O.Cache.Remote.Url.empty())
    return usageError("--cache-read-only applies to --cache-url; without one, use --no-cache");
  if (!Shard.empty()) {
    if (!parseShard(Shard, O.Shard, Error))
      return usageError(Error);
    // A shard's file is an intermediate: what reads a whole scan is merge's.
    for (auto [Given, Name] :
         {std::pair{!O.SarifPath.empty(), "--sarif"}, {!O.JunitPath.empty(), "--junit"},
          {!O.GitLabPath.empty(), "--gitlab"}, {!O.BaselinePath.empty(), "--baseline"},
          {!O.DeviationsPath.empty(), "--deviations"}, {O.Gate.NewOnly, "--new-only"}})
      if (Given)
        return usageError(std::string(Name) +
                          " belongs on 'medsec merge', which writes the outputs and applies the "
                          "gate of a sharded scan (docs/ci.md)");
    if (O.CrossTu)
      return usageError("--cross-tu needs every unit in one scan and cannot be sharded: run the "
                        "cross-TU scan as one job (docs/ci.md, shards)");
  }
  if (O.Cache.Dir.empty())
    O.Cache.Dir = defaultCacheDir();
  if (O.Cache.Dir.empty())
    O.Cache.Enabled = false; // no HOME, no XDG_CACHE_HOME: nowhere to keep it
  if (int Rc = checkGateOptions(O, FailOn))
    return Rc;
  if (!ChangedSince.empty() || !Changed.empty()) {
    if (!ChangedSince.empty() && !Changed.empty())
      return usageError("give --changed-since REV or --changed FILE, not both");
    if (O.CrossTu)
      return usageError("--cross-tu follows data between all units and cannot be restricted to "
                        "the units a change affects");
    llvm::SmallString<256> Cwd;
    llvm::sys::fs::current_path(Cwd);
    if (!ChangedSince.empty()) {
      auto C = changedSince(ChangedSince, Cwd.str().str());
      if (!C)
        return configurationError(llvm::toString(C.takeError()));
      O.Changed = std::move(*C);
    } else {
      O.Changed = changedFiles(Changed, Cwd.str().str());
    }
  }
  return runScan(O, Self);
}

int mergeCommand(int Argc, char **Argv) {
  ScanOptions O;
  std::string Error, FailOn = "info";
  std::vector<std::string> Shards;
  ValueOptions Values;
  SwitchOptions Switches;
  addGateOptions(O, FailOn, Values, Switches);
  Args A(Argc, Argv, 2);
  if (!A.parse(Values, Switches, Shards, Error))
    return usageError(Error);
  if (Shards.empty())
    return usageError("merge needs the shard files: medsec merge -o RESULTS SHARD...");
  if (int Rc = checkGateOptions(O, FailOn))
    return Rc;
  return runMerge(O, Shards);
}

int reportCommand(int Argc, char **Argv) {
  report::ReportCommandOptions O;
  std::string Error;
  std::vector<std::string> Positional;
  auto Results = [&](const std::string &V) { O.ResultsPath = V; };
  auto Output = [&](const std::string &V) { O.OutputDir = V; };
  Args A(Argc, Argv, 2);
  if (!A.parse(
          {{"-r", Results},
           {"--results", Results},
           {"-o", Output},
           {"--output-dir", Output},
           {"--format", [&](const std::string &V) { report::appendList(O.Formats, V); }},
           {"--guideline",
            [&](const std::string &V) { report::appendList(O.Report.Guidelines, V); }},
           {"--phases", [&](const std::string &V) { report::appendList(O.Report.Phases, V); }},
           {"--title", [&](const std::string &V) { O.Report.Title = V; }},
           {"--date", [&](const std::string &V) { O.Report.Date = V; }},
           {"--test-evidence", [&](const std::string &V) { O.TestEvidence = V; }},
           {"--sbom", [&](const std::string &V) { O.Sboms.push_back(V); }},
           {"--vulnerabilities", [&](const std::string &V) { O.Vulnerabilities.push_back(V); }},
           {"--catalogue", [&](const std::string &V) { O.CatalogueDir = V; }},
           {"--rules", [&](const std::string &V) { O.ProjectRules.push_back(V); }},
           {"--source-root", [&](const std::string &V) { O.SourceRoot = V; }},
           {"--lang", [&](const std::string &V) { O.Lang = V; }},
           {"--messages", [&](const std::string &V) { O.MessagesDir = V; }}},
          {{"-q", [&] { O.Quiet = true; }}, {"--quiet", [&] { O.Quiet = true; }}}, Positional,
          Error))
    return usageError(Error);
  if (!Positional.empty())
    return usageError("unexpected argument '" + Positional.front() + "'");
  return report::runReport(O);
}

/// results.json, or nothing after saying why on stderr.
std::optional<ScanResults> readResults(const std::string &Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf) {
    usageError("cannot read '" + Path + "': " + Buf.getError().message());
    return std::nullopt;
  }
  auto R = resultsFromJson((*Buf)->getBuffer());
  if (!R) {
    usageError(Path + ": " + llvm::toString(R.takeError()));
    return std::nullopt;
  }
  return std::move(*R);
}

/// The creation time SPDX requires: given, $SOURCE_DATE_EPOCH, or now (UTC).
std::string spdxTimestamp(const std::string &Given) {
  if (!Given.empty())
    return Given;
  std::time_t T = std::time(nullptr);
  if (const char *Epoch = std::getenv("SOURCE_DATE_EPOCH"))
    T = static_cast<std::time_t>(std::strtoll(Epoch, nullptr, 10));
  char Buf[32];
  std::strftime(Buf, sizeof Buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&T));
  return Buf;
}

int sbomCommand(int Argc, char **Argv) {
  SbomOptions O;
  std::string ResultsPath, OutPath, Format = "cyclonedx", Error;
  std::vector<std::string> Positional, VexFiles;
  auto Results = [&](const std::string &V) { ResultsPath = V; };
  auto Output = [&](const std::string &V) { OutPath = V; };
  Args A(Argc, Argv, 2);
  if (!A.parse({{"-r", Results},
                {"--results", Results},
                {"-o", Output},
                {"--output", Output},
                {"--format", [&](const std::string &V) { Format = V; }},
                {"--name", [&](const std::string &V) { O.Name = V; }},
                {"--firmware-version", [&](const std::string &V) { O.Version = V; }},
                {"--supplier", [&](const std::string &V) { O.Supplier = V; }},
                {"--timestamp", [&](const std::string &V) { O.Timestamp = V; }},
                {"--vex", [&](const std::string &V) { VexFiles.push_back(V); }}},
               {}, Positional, Error))
    return usageError(Error);
  if (ResultsPath.empty() || OutPath.empty() || !Positional.empty())
    return usageError("usage: medsec sbom -r RESULTS.json -o FILE [--format cyclonedx|spdx]");
  if (Format != "cyclonedx" && Format != "spdx")
    return usageError("unknown SBOM format '" + Format + "'; expected cyclonedx or spdx");
  if (Format == "spdx" && !VexFiles.empty())
    return usageError("--vex: SPDX 2.3 has no place for a vulnerability's assessment; write "
                      "the CycloneDX SBOM with --vex (medsec report --vulnerabilities shows them "
                      "too)");
  if (!O.Timestamp.empty() &&
      !llvm::Regex("^[0-9]{4}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$")
           .match(O.Timestamp))
    return usageError("--timestamp takes YYYY-MM-DDTHH:MM:SSZ, not '" + O.Timestamp + "'");
  if (llvm::Error E = checkWritable(OutPath))
    return configurationError(llvm::toString(std::move(E)));
  std::optional<ScanResults> R = readResults(ResultsPath);
  if (!R)
    return ExitUsage;
  if (!VexFiles.empty()) {
    auto Vulns = loadVulnerabilities(VexFiles, R->Components);
    if (!Vulns)
      return configurationError(llvm::toString(Vulns.takeError()));
    printVulnerabilitySummary(llvm::errs(), *Vulns);
    O.Vulnerabilities = std::move(Vulns->Matched);
  }
  if (Format == "spdx")
    O.Timestamp = spdxTimestamp(O.Timestamp);
  const std::string Text = Format == "spdx" ? writeSpdx(*R, O) : writeCycloneDx(*R, O);
  if (llvm::Error E = writeFileAtomically(OutPath, Text)) {
    llvm::errs() << "medsec: error: " << llvm::toString(std::move(E)) << "\n";
    return ExitUsage;
  }
  if (!R->complete())
    llvm::errs() << "medsec: warning: the scan did not analyse every unit: the SBOM lists only "
                    "what the analysed units used\n";
  llvm::errs() << "medsec: " << (Format == "spdx" ? "SPDX 2.3" : "CycloneDX 1.6") << " SBOM of "
               << R->Components.size() << " component(s) and " << R->Unidentified.size()
               << " unidentified tree(s) written to " << OutPath << "\n";
  return ExitClean;
}

int analyseCommand(int Argc, char **Argv) {
  AnalyseOptions O;
  std::string Db, File, Out, Error;
  std::vector<std::string> Positional;
  Args A(Argc, Argv, 2);
  if (!A.parse({{"--db", [&](const std::string &V) { Db = V; }},
                {"--file", [&](const std::string &V) { File = V; }},
                {"--out", [&](const std::string &V) { Out = V; }},
                {"--checks", [&](const std::string &V) { O.Checks = V; }},
                {"--catalogue", [&](const std::string &V) { O.CatalogueDir = V; }},
                {"--rules", [&](const std::string &V) { O.ProjectRules.push_back(V); }},
                {"--source-root", [&](const std::string &V) { O.SourceRoot = V; }},
                {"--extra-arg", [&](const std::string &V) { O.ExtraArgs.push_back(V); }},
                {"--derived-rules", [&](const std::string &V) { O.DerivedRules = V; }},
                {"--compiler-diagnostic",
                 [&](const std::string &V) { O.CompilerDiagnostics.push_back(V); }}},
               {{"--cross-tu", [&] { O.CrossTuFacts = true; }}}, Positional, Error) ||
      Db.empty() || File.empty() || Out.empty())
    return usageError(Error.empty() ? "__analyze needs --db, --file and --out" : Error);
  return runAnalyseWorker(Db, File, Out, O);
}

int baselineCommand(int Argc, char **Argv) {
  if (Argc < 3 || std::string(Argv[2]) != "create")
    return usageError("baseline needs a subcommand: create");
  std::string ResultsPath, OutPath, Previous, Error;
  std::vector<std::string> Positional;
  Args A(Argc, Argv, 3);
  if (!A.parse({{"-r", [&](const std::string &V) { ResultsPath = V; }},
                {"--results", [&](const std::string &V) { ResultsPath = V; }},
                {"-o", [&](const std::string &V) { OutPath = V; }},
                {"--output", [&](const std::string &V) { OutPath = V; }}},
               {}, Positional, Error))
    return usageError(Error);
  if (ResultsPath.empty() || OutPath.empty() || !Positional.empty())
    return usageError("usage: medsec baseline create -r RESULTS.json -o BASELINE.json");
  if (llvm::Error E = checkWritable(OutPath))
    return configurationError(llvm::toString(std::move(E)));
  std::optional<ScanResults> R = readResults(ResultsPath);
  if (!R)
    return ExitUsage;
  // Re-creating a baseline keeps the justifications the team wrote into it.
  std::vector<BaselineEntry> Old;
  if (llvm::sys::fs::exists(OutPath)) {
    auto Prev = loadBaseline(OutPath);
    if (!Prev)
      return usageError(llvm::toString(Prev.takeError()));
    Old = std::move(*Prev);
  }
  if (llvm::Error E = writeFileAtomically(OutPath, baselineToJson(*R, Old))) {
    llvm::errs() << "medsec: error: " << llvm::toString(std::move(E)) << "\n";
    return ExitUsage;
  }
  size_t Count = 0;
  for (const Finding &F : R->Findings)
    Count += F.isOpen();
  llvm::errs() << "medsec: baseline of " << Count << " open finding(s) written to " << OutPath
               << "\n";
  return ExitClean;
}

int rulesCommand(int Argc, char **Argv) {
  if (Argc < 3)
    return usageError("rules needs a subcommand: validate or list");
  const std::string Sub = Argv[2];
  std::string CatalogueDir, Error;
  std::vector<std::string> Files;
  Args A(Argc, Argv, 3);
  if (!A.parse({{"--catalogue", [&](const std::string &V) { CatalogueDir = V; }}}, {}, Files,
               Error))
    return usageError(Error);
  std::vector<rules::Problem> Problems;
  auto Cat = rules::loadCatalogue(defaultCatalogueDir(CatalogueDir), Files, Problems);
  if (Sub == "validate") {
    for (const rules::Problem &P : Problems)
      llvm::outs() << P.str() << "\n";
    size_t Clauses = 0;
    for (const rules::Guideline &G : Cat->Guidelines)
      Clauses += G.Clauses.size();
    llvm::errs() << "medsec: " << Cat->Files.size() << " file(s), " << Cat->Guidelines.size()
                 << " guideline(s), " << Clauses << " clause(s), " << Cat->Checks.size()
                 << " check(s): " << Problems.size() << " problem(s)\n";
    return Problems.empty() ? ExitClean : ExitFindings;
  }
  if (Sub == "list") {
    for (const rules::Problem &P : Problems)
      llvm::errs() << P.str() << "\n";
    for (const rules::CheckEntry &C : Cat->Checks) {
      llvm::outs() << C.Id << "  [" << rules::severityName(C.DefaultSeverity) << ", " << C.Status
                   << "]  " << C.Title << "\n";
      if (!C.Cwe.empty() || !C.Cert.empty()) {
        llvm::outs() << "    weaknesses:";
        for (const std::string &W : C.Cwe)
          llvm::outs() << " " << W;
        for (const std::string &W : C.Cert)
          llvm::outs() << " " << W;
        llvm::outs() << "\n";
      }
      for (const rules::ClauseRef &R : C.Clauses) {
        const rules::Clause *Cl = Cat->findClause(R.Id);
        llvm::outs() << "    " << R.Id << " (" << R.Relation
                     << (Cl ? ", " + Cl->Basis : std::string()) << ")"
                     << (Cl ? "  " + Cl->Title : std::string()) << "\n";
      }
    }
    return Problems.empty() ? ExitClean : ExitUsage;
  }
  return usageError("unknown rules subcommand '" + Sub + "'; expected validate or list");
}

} // namespace

int cacheCommand(int Argc, char **Argv) {
  std::string Dir, Error;
  std::vector<std::string> Positional;
  Args A(Argc, Argv, 2);
  if (!A.parse({{"--cache-dir", [&](const std::string &V) { Dir = V; }}}, {}, Positional, Error))
    return usageError(Error);
  if (Positional.size() != 1 || (Positional[0] != "stats" && Positional[0] != "clear"))
    return usageError("usage: medsec cache stats|clear [--cache-dir DIR]");
  if (Dir.empty())
    Dir = defaultCacheDir();
  if (Dir.empty())
    return usageError("no cache directory: set --cache-dir, XDG_CACHE_HOME or HOME");
  if (Positional[0] == "clear") {
    if (llvm::Error E = clearCache(Dir)) {
      llvm::errs() << "medsec: error: " << llvm::toString(std::move(E)) << "\n";
      return ExitUsage;
    }
    llvm::outs() << "medsec: cleared the result cache in " << Dir << "\n";
    return ExitClean;
  }
  const CacheStats S = cacheStats(Dir);
  llvm::outs() << "result cache: " << Dir << "\nentries: " << S.Entries << "\nsize: " << S.Bytes
               << " bytes\n";
  return ExitClean;
}

int driverMain(int Argc, char **Argv) {
  llvm::InitLLVM X(Argc, Argv);
  (void)MedSecTidyModuleAnchorSource;
  const std::string Self =
      llvm::sys::fs::getMainExecutable(Argv[0], reinterpret_cast<void *>(&driverMain));
  if (Argc < 2)
    return usageError("no command given");
  const std::string Cmd = Argv[1];
  if (Cmd == "scan")
    return scanCommand(Argc, Argv, Self);
  if (Cmd == "__analyze")
    return analyseCommand(Argc, Argv);
  if (Cmd == "cache")
    return cacheCommand(Argc, Argv);
  if (Cmd == "merge")
    return mergeCommand(Argc, Argv);
  if (Cmd == "rules")
    return rulesCommand(Argc, Argv);
  if (Cmd == "baseline")
    return baselineCommand(Argc, Argv);
  if (Cmd == "report")
    return reportCommand(Argc, Argv);
  if (Cmd == "sbom")
    return sbomCommand(Argc, Argv);
  if (Cmd == "init")
    return initCommand(Argc, Argv);
  if (Cmd == "version" || Cmd == "--version") {
    llvm::outs() << "medsec " << MEDSEC_VERSION << " (build " << MEDSEC_BUILD_ID << ", LLVM "
                 << MEDSEC_LLVM_VERSION << ")\n";
    return ExitClean;
  }
  if (Cmd == "help" || Cmd == "--help" || Cmd == "-h") {
    llvm::outs() << Usage;
    return ExitClean;
  }
  return usageError("unknown command '" + Cmd + "'");
}

} // namespace medsec
