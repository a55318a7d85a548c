//===- Vulnerabilities.cpp - VEX and OSV files matched to the components --===//
#include "Vulnerabilities.h"

#include "BoundedJson.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <map>
#include <set>

namespace medsec {

namespace json = llvm::json;

std::vector<std::string> Vulnerability::flags() const {
  if (State.empty())
    return {"unassessed"};
  std::vector<std::string> F;
  if (!Conflicts.empty())
    F.push_back("conflicting assessments: " + State + " in " + AssessedIn + ", " +
                llvm::join(Conflicts, ", "));
  if (State == "not_affected" && Justification.empty() && Detail.empty())
    F.push_back("not affected without justification");
  if (State == "affected" && Response.empty())
    F.push_back("affected, no response");
  if (State == "under_investigation")
    F.push_back("under investigation");
  return F;
}

namespace {

llvm::Error fileError(const std::string &File, const std::string &Where, const std::string &What) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 File + ": " + (Where.empty() ? "" : Where + ": ") + What);
}

std::string str(const json::Object &O, llvm::StringRef Key) {
  return O.getString(Key).value_or("").str();
}

/// "3.6.0-rc1" -> numbers {3, 6, 0} and suffix "-rc1".
void splitVersion(llvm::StringRef V, std::vector<unsigned long long> &Numbers,
                  llvm::StringRef &Suffix) {
  V = V.trim();
  if (V.starts_with_insensitive("v"))
    V = V.drop_front();
  while (!V.empty() && llvm::isDigit(V.front())) {
    size_t End = 0;
    while (End < V.size() && llvm::isDigit(V[End]))
      ++End;
    unsigned long long N = 0;
    V.take_front(End).getAsInteger(10, N);
    Numbers.push_back(N);
    V = V.drop_front(End);
    if (V.size() > 1 && V.front() == '.' && llvm::isDigit(V[1]))
      V = V.drop_front();
    else
      break;
  }
  Suffix = V;
}

} // namespace

int compareVersions(llvm::StringRef A, llvm::StringRef B) {
  std::vector<unsigned long long> NA, NB;
  llvm::StringRef SA, SB;
  splitVersion(A, NA, SA);
  splitVersion(B, NB, SB);
  for (size_t I = 0; I < std::max(NA.size(), NB.size()); ++I) {
    const unsigned long long X = I < NA.size() ? NA[I] : 0, Y = I < NB.size() ? NB[I] : 0;
    if (X != Y)
      return X < Y ? -1 : 1;
  }
  if (SA == SB)
    return 0;
  // A pre-release or development suffix comes before the release itself.
  if (SA.empty() || SB.empty())
    return SA.empty() ? 1 : -1;
  return SA < SB ? -1 : 1;
}

namespace {

/// A version as a range names it: a digit first (after an optional v), no
/// wildcard part ("2.x", "3.*"), no space, operator or list.
bool readableVersion(llvm::StringRef V) {
  V = V.trim();
  if (V.starts_with_insensitive("v"))
    V = V.drop_front();
  if (V.empty() || !llvm::isDigit(V.front()) ||
      V.find_first_of("<>=!|*, ") != llvm::StringRef::npos)
    return false;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  V.split(Parts, '.');
  return llvm::none_of(Parts, [](llvm::StringRef P) { return P.equals_insensitive("x"); });
}

} // namespace

std::optional<bool> versionInRange(llvm::StringRef Version, llvm::StringRef Range) {
  Range = Range.trim();
  if (!Range.consume_front("vers:")) {
    // A plain version; anything range-like must be written as vers:.
    if (!readableVersion(Range))
      return std::nullopt;
    return compareVersions(Version, Range) == 0;
  }
  const size_t Slash = Range.find('/');
  if (Slash == llvm::StringRef::npos || Slash == 0)
    return std::nullopt;
  llvm::SmallVector<llvm::StringRef, 4> Constraints;
  Range.drop_front(Slash + 1).split(Constraints, '|', -1, false);
  if (Constraints.empty())
    return std::nullopt;
  if (Constraints.size() == 1 && Constraints[0].trim() == "*")
    return true;
  for (llvm::StringRef C : Constraints)
    if (!readableVersion(C.trim().drop_while(
            [](char X) { return X == '<' || X == '>' || X == '=' || X == '!'; })))
      return std::nullopt;
  // vers: constraints are sorted by version; the version is in range when it
  // equals one, or lies between a lower bound and the next upper bound.
  bool InInterval = false, SawLower = false;
  for (llvm::StringRef C : Constraints) {
    C = C.trim();
    llvm::StringRef Op;
    for (llvm::StringRef P : {">=", "<=", "!=", ">", "<", "="})
      if (C.starts_with(P)) {
        Op = P;
        break;
      }
    const llvm::StringRef V = C.drop_front(Op.size()).trim();
    const int Cmp = compareVersions(Version, V);
    if (Op.empty() || Op == "=") {
      if (Cmp == 0)
        return true;
    } else if (Op == "!=") {
      if (Cmp == 0)
        return false;
    } else if (Op == ">=" || Op == ">") {
      SawLower = true;
      InInterval = Op == ">=" ? Cmp >= 0 : Cmp > 0;
    } else { // < or <=
      const bool Below = Op == "<=" ? Cmp <= 0 : Cmp < 0;
      if (Below && (InInterval || !SawLower))
        return true;
      InInterval = false;
    }
  }
  return InInterval;
}

std::string cycloneDxState(llvm::StringRef State) {
  if (State == "affected")
    return "exploitable";
  if (State == "fixed")
    return "resolved";
  if (State == "under_investigation")
    return "in_triage";
  return State.str(); // not_affected, false_positive
}

namespace {

/// The team's state in either vocabulary (CycloneDX, or OpenVEX/CSAF words),
/// as one of ours; empty when unknown.
std::string canonicalState(llvm::StringRef S) {
  static const std::map<std::string, std::string> States = {
      {"exploitable", "affected"},
      {"affected", "affected"},
      {"resolved", "fixed"},
      {"resolved_with_pedigree", "fixed"},
      {"fixed", "fixed"},
      {"in_triage", "under_investigation"},
      {"under_investigation", "under_investigation"},
      {"not_affected", "not_affected"},
      {"false_positive", "false_positive"}};
  auto It = States.find(S.str());
  return It == States.end() ? "" : It->second;
}

const std::set<std::string> &justifications() {
  static const std::set<std::string> J = {
      "code_not_present",     "code_not_reachable",     "requires_configuration",
      "requires_dependency",  "requires_environment",   "protected_by_compiler",
      "protected_at_runtime", "protected_at_perimeter", "protected_by_mitigating_control"};
  return J;
}

std::string severityOf(llvm::StringRef S) {
  const std::string L = S.lower();
  if (L == "moderate")
    return "medium";
  for (const char *K : {"critical", "high", "medium", "low", "info", "none"})
    if (L == K)
      return L;
  return L.empty() ? "" : "unknown";
}

/// pkg:type/namespace/name without version, qualifiers and subpath, lower case.
std::string purlBase(llvm::StringRef P, std::string *Version = nullptr) {
  P = P.split('#').first.split('?').first;
  const size_t At = P.rfind('@');
  if (At != llvm::StringRef::npos && P.find('/') < At) {
    if (Version)
      *Version = P.drop_front(At + 1).str();
    P = P.take_front(At);
  }
  return P.lower();
}

struct Match {
  const ComponentResult *C = nullptr;
  std::string By;
};

/// The component a reference names: our bom-ref, a purl or a CPE 2.3 name.
/// RefVersion is set when the reference itself names a version.
Match resolveRef(llvm::StringRef Ref, const std::vector<ComponentResult> &Components,
                 std::string &RefVersion, bool &VersionMismatch) {
  VersionMismatch = false;
  if (Ref.contains('#') && !Ref.starts_with("pkg:"))
    Ref = Ref.rsplit('#').second; // a bom-link: urn:cdx:serial/version#bom-ref
  for (const ComponentResult &C : Components) {
    if (Ref == "medsec:component/" + C.Id)
      return {&C, "bom-ref"};
    if (Ref.starts_with("pkg:") && !C.Purl.empty()) {
      std::string V, CV;
      if (purlBase(Ref, &V) != purlBase(C.Purl, &CV))
        continue;
      RefVersion = V;
      VersionMismatch = !V.empty() && (CV.empty() || compareVersions(V, CV) != 0);
      return {&C, "purl"};
    }
    if (Ref.starts_with("cpe:2.3:") && !C.Cpe.empty()) {
      llvm::SmallVector<llvm::StringRef, 13> A, B;
      Ref.split(A, ':');
      llvm::StringRef(C.Cpe).split(B, ':');
      if (A.size() < 6 || B.size() < 6 || !A[2].equals_insensitive(B[2]) ||
          !A[3].equals_insensitive(B[3]) || !A[4].equals_insensitive(B[4]))
        continue;
      if (A[5] != "*" && A[5] != "-") {
        RefVersion = A[5].str();
        VersionMismatch = C.Version.empty() || compareVersions(A[5], C.Version) != 0;
      }
      return {&C, "cpe"};
    }
  }
  return {};
}

struct Record {
  std::string Id, Summary, Severity, State, Justification, Detail, Source;
  std::vector<std::string> Aliases, Response;
  bool Assessed = false;
};

/// Gives V an assessment; a second one that disagrees (another state or
/// justification) is kept as a conflict, never silently replacing the first.
void assess(Vulnerability &V, const std::string &State, const std::string &Justification,
            const std::string &Detail, const std::vector<std::string> &Response,
            const std::string &Source) {
  if (V.State.empty()) {
    V.State = State;
    V.Justification = Justification;
    V.Detail = Detail;
    V.Response = Response;
    V.AssessedIn = Source;
    return;
  }
  if (State == V.State && Justification == V.Justification)
    return;
  const std::string C =
      State + (Justification.empty() ? "" : " (" + Justification + ")") + " in " + Source;
  if (std::find(V.Conflicts.begin(), V.Conflicts.end(), C) == V.Conflicts.end())
    V.Conflicts.push_back(C);
}

void addMatch(std::map<std::pair<std::string, std::string>, Vulnerability> &Out, const Record &R,
              const ComponentResult &C, const std::string &By, const std::string &Affected) {
  Vulnerability &V = Out[{C.Id, R.Id}];
  V.Id = R.Id;
  V.Component = C.Id;
  V.MatchedBy = V.MatchedBy.empty() ? By : V.MatchedBy;
  V.Affected = V.Affected.empty() ? Affected : V.Affected;
  if (V.Summary.empty())
    V.Summary = R.Summary;
  if (V.Severity.empty())
    V.Severity = R.Severity;
  for (const std::string &A : R.Aliases)
    if (std::find(V.Aliases.begin(), V.Aliases.end(), A) == V.Aliases.end())
      V.Aliases.push_back(A);
  if (R.Assessed)
    assess(V, R.State, R.Justification, R.Detail, R.Response, R.Source);
  if (std::find(V.Sources.begin(), V.Sources.end(), R.Source) == V.Sources.end())
    V.Sources.push_back(R.Source);
}

/// CycloneDX `vulnerabilities[]` (a VEX document or a BOM carrying them).
llvm::Error readVex(const std::string &File, const json::Object &Doc,
                    const std::vector<ComponentResult> &Components,
                    std::map<std::pair<std::string, std::string>, Vulnerability> &Out,
                    VulnerabilityData &D, unsigned &Records) {
  const json::Array *Vulns = Doc.getArray("vulnerabilities");
  if (!Vulns)
    return fileError(File, "", "a CycloneDX document without 'vulnerabilities'");
  for (size_t I = 0; I < Vulns->size(); ++I) {
    const std::string Where = "vulnerabilities[" + std::to_string(I) + "]";
    const json::Object *V = (*Vulns)[I].getAsObject();
    if (!V)
      return fileError(File, Where, "not an object");
    Record R;
    R.Id = str(*V, "id");
    if (R.Id.empty())
      return fileError(File, Where, "no 'id'; give the CVE, GHSA or OSV id");
    ++Records;
    R.Source = File;
    R.Summary = str(*V, "description");
    if (const json::Array *Ratings = V->getArray("ratings"))
      for (const json::Value &Rt : *Ratings)
        if (const json::Object *RO = Rt.getAsObject())
          if (R.Severity.empty())
            R.Severity = severityOf(str(*RO, "severity"));
    if (const json::Array *Refs = V->getArray("references"))
      for (const json::Value &RV : *Refs)
        if (const json::Object *RO = RV.getAsObject())
          if (!str(*RO, "id").empty())
            R.Aliases.push_back(str(*RO, "id"));
    if (const json::Object *A = V->getObject("analysis")) {
      const std::string State = str(*A, "state");
      R.State = canonicalState(State);
      if (R.State.empty())
        return fileError(File, Where + ".analysis.state",
                         "unknown state '" + State +
                             "'; expected not_affected, exploitable (affected), resolved "
                             "(fixed), in_triage (under_investigation) or false_positive");
      R.Justification = str(*A, "justification");
      if (!R.Justification.empty() && !justifications().count(R.Justification))
        return fileError(File, Where + ".analysis.justification",
                         "unknown justification '" + R.Justification +
                             "'; expected one of CycloneDX's (code_not_present, "
                             "code_not_reachable, requires_configuration, ...)");
      R.Detail = str(*A, "detail");
      static const std::set<std::string> Responses = {"can_not_fix", "will_not_fix", "update",
                                                      "rollback", "workaround_available"};
      if (const json::Array *Resp = A->getArray("response"))
        for (size_t K = 0; K < Resp->size(); ++K) {
          auto S = (*Resp)[K].getAsString();
          if (!S || !Responses.count(S->str()))
            return fileError(File, Where + ".analysis.response[" + std::to_string(K) + "]",
                             "expected can_not_fix, will_not_fix, update, rollback or "
                             "workaround_available");
          R.Response.push_back(S->str());
        }
      R.Assessed = true;
    }
    const json::Array *Affects = V->getArray("affects");
    if (!Affects || Affects->empty())
      return fileError(File, Where, "no 'affects'; name the component by purl, CPE or bom-ref");
    bool Any = false;
    std::vector<std::string> Named;
    for (size_t J = 0; J < Affects->size(); ++J) {
      const json::Object *A = (*Affects)[J].getAsObject();
      const std::string Ref = A ? str(*A, "ref") : "";
      if (Ref.empty())
        return fileError(File, Where + ".affects[" + std::to_string(J) + "]", "no 'ref'");
      Named.push_back(Ref);
      std::string RefVersion;
      bool Mismatch = false;
      const Match M = resolveRef(Ref, Components, RefVersion, Mismatch);
      if (!M.C || Mismatch)
        continue;
      const json::Array *Versions = A->getArray("versions");
      std::string Affected = RefVersion.empty() ? "all versions" : RefVersion;
      bool In = !Versions || Versions->empty();
      if (Versions)
        for (size_t K = 0; K < Versions->size(); ++K) {
          const std::string VWhere =
              Where + ".affects[" + std::to_string(J) + "].versions[" + std::to_string(K) + "]";
          const json::Object *VO = (*Versions)[K].getAsObject();
          if (!VO)
            return fileError(File, VWhere, "not an object");
          // CycloneDX: affected (the default), unaffected or unknown, which may be affected.
          const std::string Status = VO->getString("status").value_or("affected").str();
          if (Status != "affected" && Status != "unaffected" && Status != "unknown")
            return fileError(File, VWhere + ".status",
                             "unknown status '" + Status +
                                 "'; expected affected, unaffected or unknown");
          const std::string Range =
              str(*VO, "version").empty() ? str(*VO, "range") : str(*VO, "version");
          if (Range.empty())
            return fileError(File, VWhere, "neither 'version' nor 'range'");
          const std::optional<bool> InRange = versionInRange(M.C->Version, Range);
          if (!InRange)
            return fileError(File, VWhere,
                             "cannot read the range '" + Range +
                                 "'; write one version, or a vers: range such as "
                                 "vers:generic/>=3.2.0|<3.6.1");
          // Without a version, the component may be affected: say so, do not drop it.
          const bool Hit = M.C->Version.empty() || *InRange;
          if (Hit && Status != "unaffected") {
            In = true;
            Affected = Range + (M.C->Version.empty()  ? " (component version unknown)"
                                : Status == "unknown" ? " (status unknown)"
                                                      : "");
          } else if (Hit && Status == "unaffected") {
            In = false;
            break;
          }
        }
      if (In) {
        addMatch(Out, R, *M.C, M.By, Affected);
        Any = true;
      }
    }
    if (!Any)
      D.Unmatched.push_back(R.Id + " (" + llvm::join(Named, ", ") + ")");
  }
  return llvm::Error::success();
}

/// Whether Version is affected by one OSV `affected[]` entry; Affected says why.
bool osvAffects(const json::Object &A, const std::string &Version, std::string &Affected) {
  if (const json::Array *Vs = A.getArray("versions"))
    for (const json::Value &V : *Vs)
      if (auto S = V.getAsString())
        if (compareVersions(*S, Version) == 0) {
          Affected = S->str();
          return true;
        }
  if (const json::Array *Ranges = A.getArray("ranges"))
    for (const json::Value &RV : *Ranges) {
      const json::Object *R = RV.getAsObject();
      if (!R || str(*R, "type") == "GIT")
        continue; // commits: the version list above is what applies
      const json::Array *Events = R->getArray("events");
      if (!Events)
        continue;
      std::string Introduced;
      bool Open = false;
      for (const json::Value &EV : *Events) {
        const json::Object *E = EV.getAsObject();
        if (!E)
          continue;
        if (E->getString("introduced")) {
          Introduced = str(*E, "introduced");
          Open = Introduced == "0" || compareVersions(Version, Introduced) >= 0;
        } else if (E->getString("fixed") && Open) {
          if (compareVersions(Version, str(*E, "fixed")) < 0) {
            Affected = ">=" + Introduced + ", <" + str(*E, "fixed");
            return true;
          }
          Open = false;
        } else if (E->getString("last_affected") && Open) {
          if (compareVersions(Version, str(*E, "last_affected")) <= 0) {
            Affected = ">=" + Introduced + ", <=" + str(*E, "last_affected");
            return true;
          }
          Open = false;
        }
      }
      if (Open) {
        Affected = ">=" + Introduced;
        return true;
      }
    }
  return false;
}

llvm::Error readOsv(const std::string &File, const std::string &Where, const json::Object &V,
                    const std::vector<ComponentResult> &Components,
                    std::map<std::pair<std::string, std::string>, Vulnerability> &Out,
                    VulnerabilityData &D) {
  Record R;
  R.Id = str(V, "id");
  if (R.Id.empty())
    return fileError(File, Where, "no 'id'");
  R.Source = File;
  R.Summary = str(V, "summary").empty() ? str(V, "details") : str(V, "summary");
  R.Aliases = [&] {
    std::vector<std::string> A;
    if (const json::Array *Al = V.getArray("aliases"))
      for (const json::Value &X : *Al)
        if (auto S = X.getAsString())
          A.push_back(S->str());
    return A;
  }();
  if (const json::Object *DS = V.getObject("database_specific"))
    R.Severity = severityOf(str(*DS, "severity"));
  const json::Array *Affected = V.getArray("affected");
  if (!Affected)
    return fileError(File, Where, "no 'affected'");
  bool Any = false;
  std::vector<std::string> Named;
  for (const json::Value &AV : *Affected) {
    const json::Object *A = AV.getAsObject();
    const json::Object *P = A ? A->getObject("package") : nullptr;
    if (!P)
      continue;
    const std::string Purl = str(*P, "purl"), Name = str(*P, "name");
    Named.push_back(Purl.empty() ? Name : Purl);
    for (const ComponentResult &C : Components) {
      std::string By;
      if (!Purl.empty() && !C.Purl.empty() && purlBase(Purl) == purlBase(C.Purl))
        By = "purl";
      else if (Purl.empty() && (llvm::StringRef(Name).equals_insensitive(C.Id) ||
                                llvm::StringRef(Name).equals_insensitive(C.Name)))
        By = "name";
      if (By.empty())
        continue;
      std::string Why;
      if (C.Version.empty())
        Why = "component version unknown";
      else if (!osvAffects(*A, C.Version, Why))
        continue;
      addMatch(Out, R, C, By, Why);
      Any = true;
    }
  }
  if (!Any)
    D.Unmatched.push_back(R.Id + " (" + llvm::join(Named, ", ") + ")");
  return llvm::Error::success();
}

bool looksOsv(const json::Object &O) { return O.getString("id") && O.getArray("affected"); }

} // namespace

llvm::Expected<VulnerabilityData>
matchVulnerabilities(const std::vector<std::pair<std::string, std::string>> &Files,
                     const std::vector<ComponentResult> &Components) {
  VulnerabilityData D;
  std::map<std::pair<std::string, std::string>, Vulnerability> ById;
  // OSV records first: a VEX assessment of the same id then completes them.
  std::vector<std::pair<const std::pair<std::string, std::string> *, json::Value>> Vex;
  for (const auto &F : Files) {
    auto Doc = parseBoundedJson(F.second);
    if (!Doc)
      return fileError(F.first, "", "not JSON: " + llvm::toString(Doc.takeError()));
    VulnerabilityFile Row{F.first, rules::sha256Hex(F.second), "", 0};
    const json::Object *O = Doc->getAsObject();
    std::vector<const json::Object *> Osv;
    if (O && str(*O, "bomFormat") == "CycloneDX") {
      Row.Format = "CycloneDX VEX " + str(*O, "specVersion");
      D.Files.push_back(Row);
      Vex.push_back({&F, std::move(*Doc)});
      continue;
    }
    const json::Array *List = O ? O->getArray("vulns") : Doc->getAsArray();
    if (O && !List && looksOsv(*O))
      Osv.push_back(O);
    else if (List)
      for (const json::Value &V : *List)
        if (const json::Object *VO = V.getAsObject())
          Osv.push_back(VO);
    if (Osv.empty())
      return fileError(F.first, "",
                       "neither a CycloneDX document (bomFormat \"CycloneDX\" with "
                       "'vulnerabilities') nor OSV records ('id' and 'affected')");
    for (size_t I = 0; I < Osv.size(); ++I)
      if (llvm::Error E = readOsv(F.first, Osv.size() > 1 ? "[" + std::to_string(I) + "]" : "",
                                  *Osv[I], Components, ById, D))
        return E;
    Row.Format = "OSV";
    Row.Records = Osv.size();
    D.Files.push_back(Row);
  }
  for (auto &[F, Doc] : Vex) {
    unsigned Records = 0;
    if (llvm::Error E = readVex(F->first, *Doc.getAsObject(), Components, ById, D, Records))
      return E;
    for (VulnerabilityFile &Row : D.Files)
      if (Row.Path == F->first && Row.Format.rfind("CycloneDX", 0) == 0)
        Row.Records = Records;
  }
  // A VEX entry under an OSV record's alias (or the other way round) is one
  // vulnerability: the assessed entry wins, the other's ids become aliases.
  for (auto It = ById.begin(); It != ById.end();) {
    bool Merged = false;
    for (auto &[Key, Other] : ById) {
      if (&Other == &It->second || Key.first != It->first.first)
        continue;
      const Vulnerability &V = It->second;
      const bool Alias =
          std::find(Other.Aliases.begin(), Other.Aliases.end(), V.Id) != Other.Aliases.end() ||
          std::find(V.Aliases.begin(), V.Aliases.end(), Other.Id) != V.Aliases.end();
      if (!Alias || (!V.State.empty() && Other.State.empty()))
        continue;
      // Fold V into Other.
      if (!V.State.empty())
        assess(Other, V.State, V.Justification, V.Detail, V.Response, V.AssessedIn);
      for (const std::string &C : V.Conflicts)
        if (std::find(Other.Conflicts.begin(), Other.Conflicts.end(), C) == Other.Conflicts.end())
          Other.Conflicts.push_back(C);
      for (const std::string &A : V.Aliases)
        if (A != Other.Id &&
            std::find(Other.Aliases.begin(), Other.Aliases.end(), A) == Other.Aliases.end())
          Other.Aliases.push_back(A);
      if (std::find(Other.Aliases.begin(), Other.Aliases.end(), V.Id) == Other.Aliases.end())
        Other.Aliases.push_back(V.Id);
      if (Other.Summary.empty())
        Other.Summary = V.Summary;
      if (Other.Affected == "all versions") // a VEX entry without versions: the range says more
        Other.Affected = V.Affected;
      if (Other.Severity.empty())
        Other.Severity = V.Severity;
      for (const std::string &S : V.Sources)
        if (std::find(Other.Sources.begin(), Other.Sources.end(), S) == Other.Sources.end())
          Other.Sources.push_back(S);
      Merged = true;
      break;
    }
    It = Merged ? ById.erase(It) : std::next(It);
  }
  for (auto &[Key, V] : ById) {
    std::sort(V.Aliases.begin(), V.Aliases.end());
    std::sort(V.Sources.begin(), V.Sources.end());
    std::sort(V.Conflicts.begin(), V.Conflicts.end());
    D.Matched.push_back(std::move(V));
  }
  std::sort(D.Unmatched.begin(), D.Unmatched.end());
  D.Unmatched.erase(std::unique(D.Unmatched.begin(), D.Unmatched.end()), D.Unmatched.end());
  return D;
}

void printVulnerabilitySummary(llvm::raw_ostream &OS, const VulnerabilityData &D) {
  unsigned Records = 0, Unassessed = 0;
  for (const VulnerabilityFile &F : D.Files)
    Records += F.Records;
  for (const Vulnerability &V : D.Matched)
    Unassessed += V.State.empty();
  OS << "medsec: vulnerabilities: " << Records << " record(s) in " << D.Files.size() << " file(s), "
     << D.Matched.size() << " matching a component, " << Unassessed << " unassessed\n";
  for (const Vulnerability &V : D.Matched)
    for (const std::string &F : V.flags())
      OS << "medsec: " << (F == "unassessed" ? "warning: " : "") << V.Component << ": " << V.Id
         << " (" << V.Affected << "): " << F << "\n";
  for (const std::string &U : D.Unmatched)
    OS << "medsec: vulnerability " << U << " matches no component version of this scan\n";
}

llvm::Expected<VulnerabilityData>
loadVulnerabilities(const std::vector<std::string> &Paths,
                    const std::vector<ComponentResult> &Components) {
  std::vector<std::pair<std::string, std::string>> Files;
  for (const std::string &P : Paths) {
    auto Buf = llvm::MemoryBuffer::getFile(P, /*IsText=*/false, /*RequiresNullTerminator=*/false);
    if (!Buf)
      return fileError(P, "", "cannot read: " + Buf.getError().message());
    Files.push_back({P, (*Buf)->getBuffer().str()});
  }
  return matchVulnerabilities(Files, Components);
}

} // namespace medsec
