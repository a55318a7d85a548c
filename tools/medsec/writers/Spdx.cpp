//===- Spdx.cpp - SPDX 2.3 JSON from the scan's components ----------------===//
#include "Sbom.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SHA1.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace medsec {

namespace json = llvm::json;

namespace {

/// SPDXRef- ids allow letters, digits, '.' and '-'.
std::string spdxId(llvm::StringRef Kind, llvm::StringRef Name) {
  std::string Id = ("SPDXRef-" + Kind + "-").str();
  for (char C : Name)
    Id += std::isalnum(static_cast<unsigned char>(C)) || C == '.' || C == '-' ? C : '-';
  return Id;
}

std::string supplierOf(const std::string &S) {
  return S.empty() ? "NOASSERTION" : "Organization: " + S;
}

json::Object relationship(const std::string &From, const std::string &Type, const std::string &To) {
  return json::Object{
      {"spdxElementId", From}, {"relationshipType", Type}, {"relatedSpdxElement", To}};
}

/// SPDXRef-File- ids, unique although '/' and '_' both become '-'.
class FileIds {
public:
  std::string idFor(const std::string &Path) {
    std::string Id = spdxId("File", Path);
    const std::string Base = Id;
    for (unsigned N = 2; !Used.insert(Id).second; ++N)
      Id = Base + "-" + std::to_string(N);
    return Id;
  }

private:
  std::set<std::string> Used;
};

/// Whether every file the build used from C can be listed: it has the SHA-1
/// SPDX requires (results of an older scan have SHA-256 only) and a path
/// relative to the source root (SPDX file names are "./" + relative path).
bool filesListable(const ComponentResult &C) {
  return !C.Files.empty() && llvm::all_of(C.Files, [](const ComponentFile &F) {
    const llvm::StringRef P(F.Path);
    return F.Sha1.size() == 40 && F.Sha256.size() == 64 && !P.empty() && !P.starts_with("/") &&
           !P.starts_with("../") && !P.contains("/../");
  });
}

/// SPDX 2.3 section 7.9: SHA-1 over the sorted SHA-1s of the package's files.
std::string verificationCode(const ComponentResult &C) {
  std::vector<std::string> Sums;
  for (const ComponentFile &F : C.Files)
    Sums.push_back(F.Sha1);
  std::sort(Sums.begin(), Sums.end());
  const std::string All = llvm::join(Sums, "");
  const std::array<uint8_t, 20> H = llvm::SHA1::hash(llvm::arrayRefFromStringRef(All));
  return llvm::toHex(llvm::ArrayRef<uint8_t>(H.data(), H.size()), /*LowerCase=*/true);
}

json::Object fileEntry(const ComponentFile &F, const std::string &Id) {
  return json::Object{
      {"SPDXID", Id},
      {"fileName", "./" + F.Path},
      {"checksums",
       json::Array{json::Object{{"algorithm", "SHA1"}, {"checksumValue", F.Sha1}},
                   json::Object{{"algorithm", "SHA256"}, {"checksumValue", F.Sha256}}}},
      {"fileTypes", json::Array{"SOURCE"}},
      {"licenseConcluded", "NOASSERTION"},
      {"licenseInfoInFiles", json::Array{"NOASSERTION"}},
      {"copyrightText", "NOASSERTION"},
      {"comment", F.Role == "compiled" ? "compiled by the build" : "included by the build"}};
}

json::Object package(const ComponentResult &C, std::set<std::string> &LicenceRefs) {
  json::Object P{{"SPDXID", spdxId("Package", C.Id)},
                 {"name", C.Name.empty() ? C.Id : C.Name},
                 {"supplier", supplierOf(C.Supplier)},
                 {"downloadLocation", "NOASSERTION"},
                 {"filesAnalyzed", false},
                 {"licenseConcluded", "NOASSERTION"},
                 {"licenseDeclared", C.Licence.empty() ? "NOASSERTION" : C.Licence},
                 {"copyrightText", "NOASSERTION"},
                 {"primaryPackagePurpose", "LIBRARY"}};
  if (!C.Version.empty())
    P["versionInfo"] = C.Version;
  if (!C.EndOfSupport.empty())
    P["validUntilDate"] = C.EndOfSupport + "T00:00:00Z";
  json::Array Refs;
  if (!C.Purl.empty())
    Refs.push_back(json::Object{{"referenceCategory", "PACKAGE-MANAGER"},
                                {"referenceType", "purl"},
                                {"referenceLocator", C.Purl}});
  if (!C.Cpe.empty())
    Refs.push_back(json::Object{{"referenceCategory", "SECURITY"},
                                {"referenceType", "cpe23Type"},
                                {"referenceLocator", C.Cpe}});
  if (!Refs.empty())
    P["externalRefs"] = std::move(Refs);
  std::string Comment = "version basis: " + C.VersionBasis;
  for (const VersionEvidence &E : C.Evidence)
    if (!E.Macro.empty())
      Comment +=
          "; " + E.Macro + " = \"" + E.Value + "\" at " + E.File + ":" + std::to_string(E.Line);
  Comment += "; support level: " + (C.Support.empty() ? std::string("unknown") : C.Support);
  Comment += "; " + std::to_string(C.Files.size()) +
             " file(s) used, SHA-256 over their paths and "
             "hashes " +
             C.Sha256;
  P["comment"] = Comment;
  llvm::SmallVector<llvm::StringRef, 4> Words;
  llvm::StringRef(C.Licence).split(Words, ' ', -1, false);
  for (llvm::StringRef W : Words) {
    W = W.trim("()");
    if (W.starts_with("LicenseRef-"))
      LicenceRefs.insert(W.str());
  }
  return P;
}

} // namespace

std::string writeSpdx(const ScanResults &R, const SbomOptions &O) {
  const std::string Name = O.Name.empty() ? defaultFirmwareName(R) : O.Name;
  json::Object Firmware{{"SPDXID", "SPDXRef-Package-firmware"},
                        {"name", Name},
                        {"supplier", supplierOf(O.Supplier)},
                        {"downloadLocation", "NOASSERTION"},
                        {"filesAnalyzed", false},
                        {"licenseConcluded", "NOASSERTION"},
                        {"licenseDeclared", "NOASSERTION"},
                        {"copyrightText", "NOASSERTION"},
                        {"primaryPackagePurpose", "FIRMWARE"}};
  if (!O.Version.empty())
    Firmware["versionInfo"] = O.Version;
  json::Array Packages{std::move(Firmware)};
  json::Array Rel{relationship("SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-Package-firmware")};
  std::set<std::string> LicenceRefs;
  json::Array Files;
  FileIds Ids;
  for (const ComponentResult &C : R.Components) {
    json::Object P = package(C, LicenceRefs);
    const std::string PackageId = spdxId("Package", C.Id);
    Rel.push_back(relationship("SPDXRef-Package-firmware", "CONTAINS", PackageId));
    // The files listed are those the build used, not the whole library: the
    // verification code and the CONTAINS relationships cover exactly them.
    if (filesListable(C)) {
      P["filesAnalyzed"] = true;
      P["packageVerificationCode"] =
          json::Object{{"packageVerificationCodeValue", verificationCode(C)}};
      P["licenseInfoFromFiles"] = json::Array{"NOASSERTION"};
      for (const ComponentFile &F : C.Files) {
        const std::string Id = Ids.idFor(F.Path);
        Files.push_back(fileEntry(F, Id));
        Rel.push_back(relationship(PackageId, "CONTAINS", Id));
      }
    }
    Packages.push_back(std::move(P));
  }
  for (const UnidentifiedTree &T : R.Unidentified) {
    const std::string Id = spdxId("Unidentified", T.Path);
    Packages.push_back(json::Object{
        {"SPDXID", Id},
        {"name", T.Path},
        {"supplier", "NOASSERTION"},
        {"downloadLocation", "NOASSERTION"},
        {"filesAnalyzed", false},
        {"licenseConcluded", "NOASSERTION"},
        {"licenseDeclared", "NOASSERTION"},
        {"copyrightText", "NOASSERTION"},
        {"comment", "third-party tree the catalogue does not identify (" +
                        llvm::join(T.Evidence, ", ") + "; " + std::to_string(T.Files.size()) +
                        " file(s) used): declare it in .medsec.yaml"}});
    Rel.push_back(relationship("SPDXRef-Package-firmware", "CONTAINS", Id));
  }
  json::Object Doc{
      {"spdxVersion", "SPDX-2.3"},
      {"dataLicense", "CC0-1.0"},
      {"SPDXID", "SPDXRef-DOCUMENT"},
      {"name", Name + " third-party components"},
      {"creationInfo",
       json::Object{{"created", O.Timestamp},
                    {"creators", json::Array{"Tool: medsec-" + R.ToolVersion}},
                    {"comment", "third-party source files the analysed translation units compiled "
                                "or included; precompiled libraries are not seen"}}},
      {"packages", std::move(Packages)},
      {"files", std::move(Files)},
      {"relationships", std::move(Rel)}};
  if (!LicenceRefs.empty()) {
    json::Array Extracted;
    for (const std::string &L : LicenceRefs)
      Extracted.push_back(json::Object{
          {"licenseId", L},
          {"extractedText", "NOASSERTION"},
          {"comment", "the licence text is in the component's own tree; medsec does not copy it"}});
    Doc["hasExtractedLicensingInfos"] = std::move(Extracted);
  }
  Doc["documentNamespace"] =
      "https://medsec.invalid/spdx/" + rules::sha256Hex(sbomJson(json::Object(Doc)));
  return sbomJson(std::move(Doc));
}

} // namespace medsec
