//===- Gate.cpp - pull-request gate ---------------------------------------===//
#include "Gate.h"

#include "../../rules/loader/Catalogue.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <ctime>
#include <map>
#include <set>

namespace medsec {

namespace json = llvm::json;

std::string todayUtc() {
  std::time_t Now = std::time(nullptr);
  std::tm Utc;
  gmtime_r(&Now, &Utc);
  char Buf[16];
  std::strftime(Buf, sizeof Buf, "%Y-%m-%d", &Utc);
  return Buf;
}

llvm::Expected<std::vector<BaselineEntry>> loadBaseline(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return llvm::createStringError(Buf.getError(), "cannot read baseline '%s': %s",
                                   Path.str().c_str(), Buf.getError().message().c_str());
  auto Parsed = json::parse((*Buf)->getBuffer());
  if (!Parsed)
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "baseline '%s' is not JSON: %s",
                                   Path.str().c_str(), llvm::toString(Parsed.takeError()).c_str());
  const json::Object *O = Parsed->getAsObject();
  const json::Array *Findings = O ? O->getArray("findings") : nullptr;
  if (!O || O->getString("format") != llvm::StringRef("medsec-baseline/1") || !Findings)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "'%s' is not a medsec-baseline/1 file", Path.str().c_str());
  std::vector<BaselineEntry> Out;
  for (const json::Value &V : *Findings) {
    const json::Object *E = V.getAsObject();
    if (!E || !E->getString("fingerprint"))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "baseline '%s' has an entry without a fingerprint",
                                     Path.str().c_str());
    auto Str = [&](llvm::StringRef K) { return E->getString(K).value_or("").str(); };
    Out.push_back({Str("fingerprint"), Str("check"), Str("file"), Str("message"),
                   Str("justification"), Str("approver"), Str("date")});
  }
  return Out;
}

std::string baselineToJson(const ScanResults &R, const std::vector<BaselineEntry> &Previous) {
  std::map<std::string, const BaselineEntry *> Old;
  for (const BaselineEntry &E : Previous)
    Old[E.Fingerprint] = &E;
  json::Array Findings;
  for (const Finding &F : R.Findings) {
    if (F.Status != "open")
      continue;
    json::Object E{{"fingerprint", F.Fingerprint},
                   {"check", F.Check},
                   {"file", F.Where.File},
                   {"line", F.Where.Line},
                   {"message", F.Message}};
    auto It = Old.find(F.Fingerprint);
    E["justification"] = It != Old.end() ? It->second->Justification : "";
    E["approver"] = It != Old.end() ? It->second->Approver : "";
    E["date"] = It != Old.end() ? It->second->Date : "";
    Findings.push_back(std::move(E));
  }
  json::Object Root{{"format", "medsec-baseline/1"},
                    {"tool", json::Object{{"name", "medsec"}, {"version", R.ToolVersion}}},
                    {"findings", std::move(Findings)}};
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::formatv("{0:2}", json::Value(std::move(Root))) << "\n";
  return Out;
}

namespace {

int severityRank(const std::string &S) {
  auto Sev = rules::parseSeverity(S);
  return Sev ? static_cast<int>(*Sev) : static_cast<int>(rules::Severity::Medium);
}

bool matches(const rules::Deviation &D, const Finding &F) {
  if (!D.Fingerprint.empty())
    return D.Fingerprint == F.Fingerprint && (D.Check.empty() || D.Check == F.Check);
  if (D.Check != F.Check)
    return false;
  if (D.Path.empty())
    return true;
  auto Pattern = llvm::GlobPattern::create(D.Path);
  return Pattern && Pattern->match(F.Where.File);
}

void applyInSource(Finding &F, const GateOptions &O) {
  if (!F.Supp || F.Supp->Kind != "inSource")
    return;
  if (F.Supp->Justification.empty() && O.RequireJustification) {
    F.Supp->Status = "rejected";
    F.Supp->Problem = "the NOLINT comment gives no justification";
    F.Status = "open";
  } else {
    F.Supp->Status = "accepted";
    F.Status = "accepted";
  }
}

void applyDeviations(Finding &F, const GateOptions &O,
                     const std::vector<const rules::Deviation *> &ById) {
  for (const rules::Deviation *D : ById) {
    if (!matches(*D, F))
      continue;
    Suppression S;
    S.Kind = "external";
    S.Id = D->Id;
    S.Justification = D->Justification;
    S.Approver = D->Approver;
    S.Date = D->Date;
    S.Expires = D->Expires;
    S.Risk = D->Risk;
    S.Source = D->Origin.str();
    if (!D->Expires.empty() && D->Expires < O.Today) {
      S.Status = "rejected";
      S.Problem = "expired on " + D->Expires;
      // An expired record must not hide a justified in-source suppression.
      if (F.Status == "open")
        F.Supp = S;
      continue;
    }
    S.Status = D->Status;
    F.Supp = S;
    F.Status = D->Status;
    return;
  }
}

} // namespace

bool failsGate(const Finding &F, const GateOptions &O) {
  return F.Status == "open" && severityRank(F.Severity) >= severityRank(O.FailOn) &&
         (!O.NewOnly || F.Baseline != "unchanged");
}

void applyGate(ScanResults &R, const GateOptions &O) {
  std::vector<const rules::Deviation *> ById;
  for (const rules::Deviation &D : O.Deviations)
    ById.push_back(&D);
  std::sort(ById.begin(), ById.end(),
            [](const rules::Deviation *A, const rules::Deviation *B) { return A->Id < B->Id; });
  std::set<std::string> Seen;
  for (Finding &F : R.Findings) {
    applyInSource(F, O);
    if (F.Status == "open")
      applyDeviations(F, O, ById);
    Seen.insert(F.Fingerprint);
  }
  R.Fixed.clear();
  if (O.Baseline) {
    std::set<std::string> InBaseline;
    for (const BaselineEntry &E : *O.Baseline) {
      InBaseline.insert(E.Fingerprint);
      if (!Seen.count(E.Fingerprint))
        R.Fixed.push_back({E.Fingerprint, E.Check, E.File, E.Message});
    }
    std::sort(R.Fixed.begin(), R.Fixed.end(),
              [](const ScanResults::FixedEntry &A, const ScanResults::FixedEntry &B) {
                return std::tie(A.File, A.Check, A.Fingerprint) <
                       std::tie(B.File, B.Check, B.Fingerprint);
              });
    for (Finding &F : R.Findings)
      F.Baseline = InBaseline.count(F.Fingerprint) ? "unchanged" : "new";
  }
  const bool Failing = std::any_of(R.Findings.begin(), R.Findings.end(),
                                   [&](const Finding &F) { return failsGate(F, O); });
  R.Policy.Set = true;
  R.Policy.FailOn = O.FailOn;
  R.Policy.NewOnly = O.NewOnly;
  R.Policy.FailOnIncomplete = O.FailOnIncomplete;
  R.Policy.ExitCode = (!R.complete() && O.FailOnIncomplete) ? 3 : Failing ? 1 : 0;
  R.Policy.Verdict = R.Policy.ExitCode == 0 ? "pass" : "fail";
}

} // namespace medsec
