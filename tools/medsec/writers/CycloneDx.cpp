//===- CycloneDx.cpp - CycloneDX 1.6 JSON from the scan's components ------===//
#include "Sbom.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA1.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

namespace medsec {

namespace json = llvm::json;

std::string defaultFirmwareName(const ScanResults &R) {
  const std::string Name =
      llvm::sys::path::filename(llvm::StringRef(R.SourceRoot).rtrim('/')).str();
  return Name.empty() ? "firmware" : Name;
}

namespace {

/// RFC 4122 name-based (version 5) UUID in the URL namespace: the same
/// content gives the same serial number.
std::string uuid5(llvm::StringRef Name) {
  static const uint8_t UrlNamespace[16] = {0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
                                           0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
  llvm::SHA1 H;
  H.update(llvm::ArrayRef<uint8_t>(UrlNamespace, 16));
  H.update(Name);
  std::array<uint8_t, 20> D = H.final();
  D[6] = (D[6] & 0x0f) | 0x50;
  D[8] = (D[8] & 0x3f) | 0x80;
  const std::string Hex = llvm::toHex(llvm::ArrayRef<uint8_t>(D.data(), 16), /*LowerCase=*/true);
  return Hex.substr(0, 8) + "-" + Hex.substr(8, 4) + "-" + Hex.substr(12, 4) + "-" +
         Hex.substr(16, 4) + "-" + Hex.substr(20, 12);
}

json::Object property(const std::string &Name, const std::string &Value) {
  return json::Object{{"name", Name}, {"value", Value}};
}

std::string componentRef(const ComponentResult &C) { return "medsec:component/" + C.Id; }
std::string unidentifiedRef(const UnidentifiedTree &T) { return "medsec:unidentified/" + T.Path; }

std::string describe(const VersionEvidence &E) {
  return E.Macro + " = \"" + E.Value + "\" (" + E.File + ":" + std::to_string(E.Line) + ")";
}

/// evidence.identity: how the name and the version were established.
json::Array identity(const ComponentResult &C) {
  json::Array Id;
  // The name rests on where the files lie (the catalogue's path globs).
  if (!C.Files.empty())
    Id.push_back(json::Object{{"field", "name"},
                              {"confidence", 0.7},
                              {"concludedValue", C.Name},
                              {"methods", json::Array{json::Object{{"technique", "filename"},
                                                                   {"confidence", 0.7},
                                                                   {"value", C.Files[0].Path}}}}});
  if (C.VersionBasis == "macro") {
    json::Array Methods;
    for (const VersionEvidence &E : C.Evidence)
      Methods.push_back(json::Object{
          {"technique", "source-code-analysis"}, {"confidence", 1.0}, {"value", describe(E)}});
    Id.push_back(json::Object{{"field", "version"},
                              {"confidence", 1.0},
                              {"concludedValue", C.Version},
                              {"methods", std::move(Methods)}});
  } else if (C.VersionBasis == "declared" && !C.Evidence.empty()) {
    const VersionEvidence &E = C.Evidence.front();
    Id.push_back(json::Object{
        {"field", "version"},
        {"confidence", 1.0},
        {"concludedValue", C.Version},
        {"methods", json::Array{json::Object{{"technique", "attestation"},
                                             {"confidence", 1.0},
                                             {"value", "declared-version in " + E.File + ":" +
                                                           std::to_string(E.Line)}}}}});
  }
  return Id;
}

/// evidence.occurrences: every file the build used, the version macros'
/// definitions with their line.
json::Array occurrences(const ComponentResult &C) {
  std::map<std::string, std::vector<const VersionEvidence *>> ByFile;
  for (const VersionEvidence &E : C.Evidence)
    if (!E.Macro.empty())
      ByFile[E.File].push_back(&E);
  json::Array Occ;
  for (const ComponentFile &F : C.Files) {
    auto It = ByFile.find(F.Path);
    if (It == ByFile.end()) {
      Occ.push_back(json::Object{{"location", F.Path}, {"additionalContext", F.Role}});
      continue;
    }
    for (const VersionEvidence *E : It->second)
      Occ.push_back(json::Object{{"location", F.Path},
                                 {"line", E->Line},
                                 {"symbol", E->Macro},
                                 {"additionalContext", F.Role + "; defines the version macro"}});
  }
  return Occ;
}

json::Object component(const ComponentResult &C) {
  json::Object O{
      {"type", "library"}, {"bom-ref", componentRef(C)}, {"name", C.Name.empty() ? C.Id : C.Name}};
  if (!C.Version.empty())
    O["version"] = C.Version;
  if (!C.Supplier.empty())
    O["supplier"] = json::Object{{"name", C.Supplier}};
  if (!C.Licence.empty())
    O["licenses"] = json::Array{json::Object{{"expression", C.Licence}}};
  if (!C.Purl.empty())
    O["purl"] = C.Purl;
  if (!C.Cpe.empty())
    O["cpe"] = C.Cpe;
  O["hashes"] = json::Array{json::Object{{"alg", "SHA-256"}, {"content", C.Sha256}}};
  unsigned Compiled = 0;
  for (const ComponentFile &F : C.Files)
    Compiled += F.Role == "compiled";
  json::Array Props{property("fda:support-level", C.Support.empty() ? "unknown" : C.Support),
                    property("medsec:version-basis", C.VersionBasis),
                    property("medsec:compiled-files", std::to_string(Compiled)),
                    property("medsec:included-files", std::to_string(C.Files.size() - Compiled)),
                    property("medsec:units", std::to_string(C.Units.size())),
                    property("medsec:hash-scope",
                             "SHA-256 over the paths and SHA-256 of the files the build used")};
  if (!C.EndOfSupport.empty())
    Props.push_back(property("fda:end-of-support", C.EndOfSupport));
  if (C.Development)
    Props.push_back(property("medsec:development-snapshot", "true"));
  if (!C.Versions.empty())
    Props.push_back(property("medsec:conflicting-versions", llvm::join(C.Versions, ", ")));
  O["properties"] = std::move(Props);
  json::Object Evidence{{"occurrences", occurrences(C)}};
  json::Array Id = identity(C);
  if (!Id.empty())
    Evidence["identity"] = std::move(Id);
  O["evidence"] = std::move(Evidence);
  return O;
}

json::Object unidentified(const UnidentifiedTree &T) {
  json::Array Occ;
  for (const std::string &F : T.Files)
    Occ.push_back(json::Object{{"location", F}});
  return json::Object{
      {"type", "library"},
      {"bom-ref", unidentifiedRef(T)},
      {"name", T.Path},
      {"description", "third-party tree the catalogue does not identify: name, version, supplier "
                      "and licence unknown; declare it in .medsec.yaml"},
      {"properties", json::Array{property("medsec:identification", "unidentified"),
                                 property("medsec:ownership-files", llvm::join(T.Evidence, ", "))}},
      {"evidence", json::Object{{"occurrences", std::move(Occ)}}}};
}

/// A vulnerability with the team's analysis; none when it has no assessment,
/// which a property then says plainly.
json::Object vulnerability(const Vulnerability &V) {
  json::Object O{
      {"bom-ref", "medsec:vulnerability/" + V.Component + "/" + V.Id},
      {"id", V.Id},
      {"affects", json::Array{json::Object{{"ref", "medsec:component/" + V.Component}}}}};
  if (!V.Summary.empty())
    O["description"] = V.Summary;
  if (!V.Severity.empty())
    O["ratings"] = json::Array{json::Object{{"severity", V.Severity}}};
  if (!V.Aliases.empty()) {
    json::Array Refs;
    for (const std::string &A : V.Aliases)
      Refs.push_back(json::Object{{"id", A}, {"source", json::Object{{"name", "alias"}}}});
    O["references"] = std::move(Refs);
  }
  json::Array Props{property("medsec:affected-versions", V.Affected),
                    property("medsec:matched-by", V.MatchedBy),
                    property("medsec:vulnerability-files", llvm::join(V.Sources, ", "))};
  if (!V.Conflicts.empty())
    Props.push_back(property("medsec:conflicting-assessments", llvm::join(V.Conflicts, "; ")));
  if (V.State.empty()) {
    Props.push_back(property("medsec:assessment", "unassessed"));
  } else {
    json::Object A{{"state", cycloneDxState(V.State)}};
    if (!V.Justification.empty())
      A["justification"] = V.Justification;
    if (!V.Detail.empty())
      A["detail"] = V.Detail;
    if (!V.Response.empty()) {
      json::Array Resp;
      for (const std::string &X : V.Response)
        Resp.push_back(X);
      A["response"] = std::move(Resp);
    }
    O["analysis"] = std::move(A);
  }
  O["properties"] = std::move(Props);
  return O;
}

} // namespace

std::string sbomJson(json::Value V) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::formatv("{0:2}", V) << "\n";
  return Out;
}

std::string writeCycloneDx(const ScanResults &R, const SbomOptions &O) {
  const std::string Name = O.Name.empty() ? defaultFirmwareName(R) : O.Name;
  json::Object Firmware{{"type", "firmware"}, {"bom-ref", "medsec:firmware"}, {"name", Name}};
  if (!O.Version.empty())
    Firmware["version"] = O.Version;
  if (!O.Supplier.empty())
    Firmware["supplier"] = json::Object{{"name", O.Supplier}};
  json::Object Metadata{
      {"component", std::move(Firmware)},
      {"tools", json::Object{{"components", json::Array{json::Object{
                                                {"type", "application"},
                                                {"name", "medsec"},
                                                {"version", R.ToolVersion},
                                                {"description", "MedSec Tidy, build " + R.BuildId +
                                                                    ", LLVM " + R.LlvmVersion}}}}}},
      {"properties",
       json::Array{property("medsec:scope",
                            "third-party source files the analysed translation units "
                            "compiled or included; precompiled libraries and the "
                            "toolchain's own runtime are not seen"),
                   property("medsec:scan-complete", R.complete() ? "true" : "false"),
                   property("medsec:units", std::to_string(R.Units.size())),
                   property("medsec:compile-database-sha256", R.CompileDatabaseSha256),
                   property("medsec:unidentified-trees", std::to_string(R.Unidentified.size()))}}};
  if (!O.Timestamp.empty())
    Metadata["timestamp"] = O.Timestamp;

  json::Array Components, DependsOn;
  for (const ComponentResult &C : R.Components) {
    Components.push_back(component(C));
    DependsOn.push_back(componentRef(C));
  }
  for (const UnidentifiedTree &T : R.Unidentified) {
    Components.push_back(unidentified(T));
    DependsOn.push_back(unidentifiedRef(T));
  }
  json::Object Doc{
      {"bomFormat", "CycloneDX"},
      {"specVersion", "1.6"},
      {"version", 1},
      {"metadata", std::move(Metadata)},
      {"components", std::move(Components)},
      {"dependencies",
       json::Array{json::Object{{"ref", "medsec:firmware"}, {"dependsOn", std::move(DependsOn)}}}}};
  if (!O.Vulnerabilities.empty()) {
    json::Array Vulns;
    for (const Vulnerability &V : O.Vulnerabilities)
      Vulns.push_back(vulnerability(V));
    Doc["vulnerabilities"] = std::move(Vulns);
  }
  // The serial number names the content, so the same scan gives the same BOM.
  const std::string Body = sbomJson(json::Value(json::Object(Doc)));
  Doc["serialNumber"] = "urn:uuid:" + uuid5("medsec-sbom:" + rules::sha256Hex(Body));
  return sbomJson(std::move(Doc));
}

} // namespace medsec
