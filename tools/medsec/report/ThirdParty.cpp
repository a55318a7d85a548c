//===- ThirdParty.cpp - the report's third-party components section -------===//
//
// The inventory the scan recorded (results.json components) is evidence for
// the clauses the catalogue marks `checkable: inventory` (ANSM's third-party
// topic, FDA V.A.4): each row is shown as covered only when the inventory has
// no gap a reviewer would ask about (docs/sbom.md, docs/report.md).
//
//===----------------------------------------------------------------------===//
#include "ReportModel.h"

#include "BoundedJson.h"

#include "llvm/ADT/StringExtras.h"

#include <set>

namespace medsec {
namespace report {

namespace json = llvm::json;

namespace {

std::string where(const std::string &File, unsigned Line) {
  return Line ? File + ":" + std::to_string(Line) : File;
}

std::string versionBasis(const ComponentResult &C) {
  if (C.VersionBasis == "macro") {
    std::vector<std::string> Parts;
    for (const VersionEvidence &E : C.Evidence)
      Parts.push_back(E.Macro + " = " + E.Value + " (" + where(E.File, E.Line) + ")");
    return "macro: " + llvm::join(Parts, "; ");
  }
  if (C.VersionBasis == "declared")
    return C.Evidence.empty() ? "declared"
                              : "declared (" + where(C.Evidence[0].File, C.Evidence[0].Line) + ")";
  if (C.VersionBasis == "conflicting")
    return "conflicting: the units saw " + llvm::join(C.Versions, ", ");
  return "unknown: no version macro seen and none declared";
}

std::vector<std::string> componentFlags(const ComponentResult &C, const std::string &Date) {
  std::vector<std::string> Flags;
  if (C.Version.empty())
    Flags.push_back(C.VersionBasis == "conflicting" ? "conflicting versions" : "version unknown");
  if (C.Development)
    Flags.push_back("development snapshot");
  if (C.Support.empty() || C.Support == "unknown")
    Flags.push_back("support level unknown");
  if (C.Support == "end-of-life")
    Flags.push_back("end of life");
  // Only against the report's own --date: the report reads no clock.
  if (!C.EndOfSupport.empty() && !Date.empty() && C.EndOfSupport < Date)
    Flags.push_back("end of support passed");
  return Flags;
}

/// What the inventory does not yet show, for the rows it is evidence for.
std::vector<std::string> inventoryGaps(const ReportModel &M) {
  std::vector<std::string> Gaps;
  if (!M.Complete)
    Gaps.push_back("the scan is incomplete: the inventory lists only what the analysed units "
                   "used");
  if (!M.Unidentified.empty())
    Gaps.push_back(std::to_string(M.Unidentified.size()) +
                   " vendored tree(s) unidentified: declare them in .medsec.yaml 'components'");
  for (const ComponentView &V : M.Components)
    for (const std::string &F : V.Flags)
      if (F != "development snapshot")
        Gaps.push_back(V.C.Id + ": " + F);
  if (!M.Components.empty() && !M.VulnerabilitiesGiven)
    Gaps.push_back("known vulnerabilities not assessed: no vulnerability file given "
                   "(medsec report --vulnerabilities)");
  for (const ComponentView &V : M.Components)
    for (const Vulnerability &X : V.Vulns)
      for (const std::string &F : X.flags())
        Gaps.push_back(V.C.Id + ": " + X.Id + " " + F);
  return Gaps;
}

std::string str(const json::Object &O, llvm::StringRef Key) {
  return O.getString(Key).value_or("").str();
}

/// (name, version) of each library an SBOM lists, and its format.
std::set<std::pair<std::string, std::string>> sbomLibraries(const json::Object &Doc,
                                                            std::string &Format) {
  std::set<std::pair<std::string, std::string>> Libs;
  if (str(Doc, "bomFormat") == "CycloneDX") {
    Format = "CycloneDX " + str(Doc, "specVersion");
    if (const json::Array *A = Doc.getArray("components"))
      for (const json::Value &V : *A)
        if (const json::Object *C = V.getAsObject())
          if (llvm::StringRef(str(*C, "bom-ref")).starts_with("medsec:component/"))
            Libs.insert({str(*C, "name"), str(*C, "version")});
  } else if (llvm::StringRef(str(Doc, "spdxVersion")).starts_with("SPDX-")) {
    Format = "SPDX " + llvm::StringRef(str(Doc, "spdxVersion")).drop_front(5).str();
    if (const json::Array *A = Doc.getArray("packages"))
      for (const json::Value &V : *A)
        if (const json::Object *P = V.getAsObject())
          if (str(*P, "primaryPackagePurpose") == "LIBRARY" &&
              llvm::StringRef(str(*P, "SPDXID")).starts_with("SPDXRef-Package-"))
            Libs.insert({str(*P, "name"), str(*P, "versionInfo")});
  }
  return Libs;
}

std::string library(const std::pair<std::string, std::string> &L) {
  return L.first + (L.second.empty() ? " (no version)" : " " + L.second);
}

SbomFileRow sbomRow(const SbomInput &S, const ReportModel &M) {
  SbomFileRow Row{S.Path, rules::sha256Hex(S.Text), "", 0, ""};
  auto Doc = parseBoundedJson(S.Text);
  const json::Object *O = Doc ? Doc->getAsObject() : nullptr;
  if (!Doc)
    llvm::consumeError(Doc.takeError());
  std::set<std::pair<std::string, std::string>> Libs;
  if (O)
    Libs = sbomLibraries(*O, Row.Format);
  if (Row.Format.empty()) {
    Row.Format = "not an SBOM";
    Row.State = "not a CycloneDX or SPDX JSON document";
    return Row;
  }
  Row.Components = Libs.size();
  std::set<std::pair<std::string, std::string>> Scan;
  for (const ComponentView &V : M.Components)
    Scan.insert({V.C.Name, V.C.Version});
  std::vector<std::string> Missing, Extra;
  for (const auto &L : Scan)
    if (!Libs.count(L))
      Missing.push_back(library(L));
  for (const auto &L : Libs)
    if (!Scan.count(L))
      Extra.push_back(library(L));
  if (Missing.empty() && Extra.empty()) {
    Row.State = "matches the scan";
    return Row;
  }
  Row.State = "differs from the scan:";
  if (!Missing.empty())
    Row.State += " missing " + llvm::join(Missing, ", ") + ";";
  if (!Extra.empty())
    Row.State += " not in the scan " + llvm::join(Extra, ", ") + ";";
  Row.State.pop_back();
  return Row;
}

} // namespace

unsigned ReportModel::unassessedVulnerabilities() const {
  unsigned N = 0;
  for (const ComponentView &V : Components)
    for (const Vulnerability &X : V.Vulns)
      N += X.State.empty();
  return N;
}

void buildThirdParty(const ReportInput &In, ReportModel &M) {
  const ScanResults &R = In.Results;
  M.InventoryRecorded = R.InventoryRecorded;
  for (const ComponentResult &C : R.Components)
    M.Components.push_back({C, versionBasis(C), componentFlags(C, M.Date), {}});
  if (In.Vulnerabilities) {
    M.VulnerabilitiesGiven = true;
    M.VulnerabilityFiles = In.Vulnerabilities->Files;
    M.UnmatchedVulnerabilities = In.Vulnerabilities->Unmatched;
    for (const Vulnerability &V : In.Vulnerabilities->Matched)
      for (ComponentView &CV : M.Components)
        if (CV.C.Id == V.Component)
          CV.Vulns.push_back(V);
  }
  M.Unidentified = R.Unidentified;
  if (M.InventoryRecorded)
    M.InventoryGaps = inventoryGaps(M);
  else
    M.InventoryGaps.push_back("the results hold no component inventory (a medsec without it "
                              "made them): scan again");
  for (const SbomInput &S : In.Sboms)
    M.Sboms.push_back(sbomRow(S, M));
}

} // namespace report
} // namespace medsec
