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

std::string versionBasis(const ComponentResult &C, const Messages &T) {
  if (C.VersionBasis == "macro") {
    std::vector<std::string> Parts;
    for (const VersionEvidence &E : C.Evidence)
      Parts.push_back(E.Macro + " = " + E.Value + " (" + where(E.File, E.Line) + ")");
    return T.fmt("version-basis.macro", {llvm::join(Parts, "; ")});
  }
  if (C.VersionBasis == "declared")
    return C.Evidence.empty()
               ? T.text("version-basis.declared")
               : T.fmt("version-basis.declared-at",
                       {where(C.Evidence[0].File, C.Evidence[0].Line)});
  if (C.VersionBasis == "conflicting")
    return T.fmt("version-basis.conflicting", {llvm::join(C.Versions, ", ")});
  return T.text("version-basis.unknown");
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
  const Messages &T = *M.Text;
  std::vector<std::string> Gaps;
  if (!M.Complete)
    Gaps.push_back(T.text("gap.incomplete"));
  if (!M.Unidentified.empty())
    Gaps.push_back(T.fmt("gap.unidentified", {std::to_string(M.Unidentified.size())}));
  for (const ComponentView &V : M.Components)
    for (const std::string &F : V.Flags)
      if (F != "development snapshot")
        Gaps.push_back(V.C.Id + T.text("punct.colon") + T.term("component-flag", F));
  if (!M.Components.empty() && !M.VulnerabilitiesGiven)
    Gaps.push_back(T.text("gap.no-vulnerability-file"));
  for (const ComponentView &V : M.Components)
    for (const Vulnerability &X : V.Vulns)
      for (const std::string &F : X.flags())
        Gaps.push_back(V.C.Id + T.text("punct.colon") + X.Id + " " +
                       T.term("vulnerability-flag", F));
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

std::string library(const std::pair<std::string, std::string> &L, const Messages &T) {
  return L.first + " " + (L.second.empty() ? T.text("sbom.no-version") : L.second);
}

SbomFileRow sbomRow(const SbomInput &S, const ReportModel &M) {
  const Messages &T = *M.Text;
  SbomFileRow Row{S.Path, rules::sha256Hex(S.Text), "", 0, ""};
  auto Doc = parseBoundedJson(S.Text);
  const json::Object *O = Doc ? Doc->getAsObject() : nullptr;
  if (!Doc)
    llvm::consumeError(Doc.takeError());
  std::set<std::pair<std::string, std::string>> Libs;
  if (O)
    Libs = sbomLibraries(*O, Row.Format);
  if (Row.Format.empty()) {
    Row.Format = T.text("sbom.not-an-sbom");
    Row.State = T.text("sbom.not-a-document");
    return Row;
  }
  Row.Components = Libs.size();
  std::set<std::pair<std::string, std::string>> Scan;
  for (const ComponentView &V : M.Components)
    Scan.insert({V.C.Name, V.C.Version});
  std::vector<std::string> Missing, Extra;
  for (const auto &L : Scan)
    if (!Libs.count(L))
      Missing.push_back(library(L, T));
  for (const auto &L : Libs)
    if (!Scan.count(L))
      Extra.push_back(library(L, T));
  if (Missing.empty() && Extra.empty()) {
    Row.State = T.text("sbom.matches");
    return Row;
  }
  std::vector<std::string> Parts;
  if (!Missing.empty())
    Parts.push_back(T.fmt("sbom.missing", {llvm::join(Missing, ", ")}));
  if (!Extra.empty())
    Parts.push_back(T.fmt("sbom.extra", {llvm::join(Extra, ", ")}));
  Row.State = T.fmt("sbom.differs", {llvm::join(Parts, "; ")});
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
    M.Components.push_back({C, versionBasis(C, *M.Text), componentFlags(C, M.Date), {}});
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
    M.InventoryGaps.push_back(M.Text->text("gap.no-inventory"));
  for (const SbomInput &S : In.Sboms)
    M.Sboms.push_back(sbomRow(S, M));
}

} // namespace report
} // namespace medsec
