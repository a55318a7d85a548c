//===- ReportCommand.cpp - `medsec report`: read inputs, write reports ----===//
//
// All file reading happens here, before the model is built, so the model
// builder and the writers stay pure functions of their input.
//
//===----------------------------------------------------------------------===//
#include "ReportCommand.h"

#include "../../../checks/support/CatalogueAccess.h"
#include "Analyse.h"
#include "Render.h"
#include "Scan.h"
#include "medsec/Version.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"

#include <algorithm>
#include <set>

namespace medsec {
namespace report {
namespace {

constexpr uint64_t MaxSourceBytes = 16u << 20;

int fail(const std::string &Message) {
  llvm::errs() << "medsec: error: " << Message << "\n";
  return ExitUsage;
}

std::optional<std::string> readFile(const std::string &Path) {
  llvm::sys::fs::file_status St;
  if (llvm::sys::fs::status(Path, St) || !llvm::sys::fs::is_regular_file(St) ||
      St.getSize() > MaxSourceBytes)
    return std::nullopt;
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!Buf)
    return std::nullopt;
  return (*Buf)->getBuffer().str();
}

std::string underRoot(const std::string &Root, const std::string &Path) {
  if (llvm::sys::path::is_absolute(Path) || Root.empty())
    return Path;
  llvm::SmallString<256> P(Root);
  llvm::sys::path::append(P, Path);
  return P.str().str();
}

std::string checkOptions(const ReportCommandOptions &O) {
  for (const std::string &F : O.Formats)
    if (std::find(reportFormats().begin(), reportFormats().end(), F) == reportFormats().end())
      return "unknown report format '" + F + "'; expected html, md, csv or json";
  static const std::set<std::string> Phases = {"general",      "design",      "development",
                                               "verification", "release",     "first-use",
                                               "monitoring",   "end-of-life", "documentation"};
  for (const std::string &P : O.Report.Phases)
    if (!Phases.count(P))
      return "unknown phase '" + P +
             "'; expected general, design, development, verification, release, first-use, "
             "monitoring, end-of-life or documentation";
  if (!O.Report.Date.empty() && !rules::isCalendarDate(O.Report.Date))
    return "--date takes YYYY-MM-DD, a real date, not '" + O.Report.Date + "'";
  return "";
}

/// Whether the report files can be written into Dir (created when missing),
/// checked before any input is read.
std::string checkOutputDir(const std::string &Dir) {
  llvm::SmallString<256> Existing(Dir);
  llvm::sys::fs::make_absolute(Existing);
  while (!llvm::sys::fs::exists(Existing) && llvm::sys::path::has_parent_path(Existing))
    Existing = llvm::sys::path::parent_path(Existing);
  if (!llvm::sys::fs::is_directory(Existing))
    return "cannot create '" + Dir + "': '" + Existing.str().str() + "' is not a directory";
  llvm::SmallString<256> Probe(Existing);
  llvm::sys::path::append(Probe, "report.html");
  if (llvm::Error E = checkWritable(Probe))
    return "cannot write into '" + Dir + "': " + llvm::toString(std::move(E));
  return "";
}

/// The project override files: those named, else those the scan recorded
/// (when they still exist), so the report sees the catalogue the scan saw.
std::vector<std::string> projectRules(const ReportCommandOptions &O, const ScanResults &R,
                                      const std::string &Root) {
  if (!O.ProjectRules.empty())
    return O.ProjectRules;
  std::vector<std::string> Files;
  for (const auto &F : R.CatalogueFiles)
    if (F.Role == "project" && llvm::sys::fs::exists(underRoot(Root, F.Path)))
      Files.push_back(underRoot(Root, F.Path));
  return Files;
}

} // namespace

void appendList(std::vector<std::string> &To, const std::string &Value) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  llvm::StringRef(Value).split(Parts, ',', -1, false);
  for (llvm::StringRef P : Parts)
    if (!P.trim().empty())
      To.push_back(P.trim().str());
}

int runReport(const ReportCommandOptions &O) {
  if (O.ResultsPath.empty())
    return fail("report needs -r RESULTS (the results.json of a scan)");
  if (std::string E = checkOptions(O); !E.empty())
    return fail(E);
  if (std::string E = checkOutputDir(O.OutputDir); !E.empty())
    return fail(E);
  // The words first: a broken or unknown table stops before any input is read.
  auto Text = Messages::load(defaultMessagesDir(O.MessagesDir), O.Lang);
  if (!Text)
    return fail(llvm::toString(Text.takeError()));
  auto ResultsText = readFile(O.ResultsPath);
  if (!ResultsText)
    return fail("cannot read results file '" + O.ResultsPath + "'");
  auto Results = resultsFromJson(*ResultsText);
  if (!Results)
    return fail("'" + O.ResultsPath + "': " + llvm::toString(Results.takeError()));

  ReportInput In;
  In.Results = std::move(*Results);
  In.Opts = O.Report;
  In.ResultsPath = O.ResultsPath;
  In.ResultsSha256 = rules::sha256Hex(*ResultsText);
  In.Text = *Text;
  const std::string Root = O.SourceRoot.empty() ? In.Results.SourceRoot : O.SourceRoot;

  std::vector<rules::Problem> Problems;
  auto Cat = rules::loadCatalogue(defaultCatalogueDir(O.CatalogueDir),
                                  projectRules(O, In.Results, Root), Problems);
  if (!Problems.empty()) {
    for (const rules::Problem &P : Problems)
      llvm::errs() << P.str() << "\n";
    return fail("the rule catalogue has " + std::to_string(Problems.size()) +
                " problem(s); fix them or check with 'medsec rules validate'");
  }
  for (const std::string &G : O.Report.Guidelines)
    if (!Cat->findGuideline(G)) {
      std::string Known;
      for (const rules::Guideline &K : Cat->Guidelines)
        Known += (Known.empty() ? "" : ", ") + K.Id;
      return fail("unknown guideline '" + G + "'; the catalogue has " + Known);
    }
  In.Cat = Cat;
  // Shown as the scan shows them (relative to the source root), so that a
  // reviewer can compare the two lists line by line.
  for (rules::CatalogueFile F : Cat->Files) {
    F.Path = relativeToRoot(F.Path, In.Results.SourceRoot);
    In.CatalogueFiles.push_back(F);
  }

  if (!In.Results.CompileDatabase.empty())
    if (auto Db = readFile(underRoot(Root, In.Results.CompileDatabase)))
      In.CompileDb = parseCompileDb(*Db);
  if (!O.TestEvidence.empty()) {
    auto Evidence = readFile(O.TestEvidence);
    if (!Evidence)
      return fail("cannot read test evidence '" + O.TestEvidence + "'");
    In.Evidence = parseTestEvidence(O.TestEvidence, *Evidence);
  }
  if (!O.Vulnerabilities.empty()) {
    auto V = loadVulnerabilities(O.Vulnerabilities, In.Results.Components);
    if (!V)
      return fail(llvm::toString(V.takeError()));
    In.Vulnerabilities = std::move(*V);
  }
  for (const std::string &S : O.Sboms) {
    auto Sbom = readFile(S);
    if (!Sbom)
      return fail("cannot read SBOM '" + S + "'");
    In.Sboms.push_back({S, std::move(*Sbom)});
  }
  for (const Finding &F : In.Results.Findings)
    if (!In.Sources.count(F.Where.File))
      In.Sources[F.Where.File] = readFile(underRoot(Root, F.Where.File));
  In.Reporter = {"medsec", MEDSEC_VERSION, MEDSEC_BUILD_ID, MEDSEC_LLVM_VERSION,
                 llvm::sys::getProcessTriple()};

  const ReportModel M = buildReportModel(In);
  std::vector<std::string> Formats = O.Formats.empty() ? reportFormats() : O.Formats;
  if (std::error_code EC = llvm::sys::fs::create_directories(O.OutputDir))
    return fail("cannot create '" + O.OutputDir + "': " + EC.message());
  for (const auto &File : renderReports(M, Formats)) {
    llvm::SmallString<256> Path(O.OutputDir);
    llvm::sys::path::append(Path, File.first);
    if (llvm::Error E = writeFileAtomically(Path, File.second))
      return fail(llvm::toString(std::move(E)));
    if (!O.Quiet)
      llvm::errs() << "medsec: wrote " << Path << "\n";
  }
  if (!O.Quiet) {
    llvm::errs() << "medsec: verdict " << llvm::StringRef(verdictName(M.Outcome)).upper() << ": "
                 << M.openCount() << " open, " << M.acceptedCount() << " accepted, "
                 << M.Fixed.size() << " fixed finding(s)";
    for (const std::string &W : M.Warnings)
      llvm::errs() << "\nmedsec: warning: " << W;
    llvm::errs() << "\n";
  }
  return ExitClean;
}

} // namespace report
} // namespace medsec
