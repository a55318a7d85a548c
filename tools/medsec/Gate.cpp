//===- Gate.cpp - pull-request gate ---------------------------------------===//
#include "Gate.h"
#include "BoundedJson.h"

#include "../../rules/loader/Catalogue.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cassert>
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
  auto Parsed = parseBoundedJson((*Buf)->getBuffer());
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
    if (!F.isOpen())
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
  if (!F.Supp || F.Supp->Kind != SuppressionKind::InSource)
    return;
  if (F.Supp->Justification.empty() && O.RequireJustification) {
    F.Supp->Status = SuppressionStatus::Rejected;
    F.Supp->Problem = "the NOLINT comment gives no justification";
    F.Status = FindingStatus::Open;
  } else {
    F.Supp->Status = SuppressionStatus::Accepted;
    F.Status = FindingStatus::Accepted;
  }
}

void applyDeviations(Finding &F, const GateOptions &O,
                     const std::vector<const rules::Deviation *> &ById) {
  for (const rules::Deviation *D : ById) {
    if (!matches(*D, F))
      continue;
    Suppression S;
    S.Kind = SuppressionKind::External;
    S.Id = D->Id;
    S.Justification = D->Justification;
    S.Approver = D->Approver;
    S.Date = D->Date;
    S.Expires = D->Expires;
    S.Risk = D->Risk;
    S.Source = D->Origin.str();
    if (!D->Expires.empty() && D->Expires < O.Today) {
      S.Status = SuppressionStatus::Rejected;
      S.Problem = "expired on " + D->Expires;
      // An expired record must not hide a justified in-source suppression.
      if (F.isOpen())
        F.Supp = S;
      continue;
    }
    // The deviation loader accepts exactly the statuses a finding can take.
    auto Status = parseFindingStatus(D->Status);
    auto SuppStatus = parseSuppressionStatus(D->Status);
    assert(Status && SuppStatus && *Status != FindingStatus::Open && "validated by the loader");
    S.Status = *SuppStatus;
    F.Supp = S;
    F.Status = *Status;
    return;
  }
}

} // namespace

bool failsGate(const Finding &F, const GateOptions &O) {
  return F.isOpen() && F.Sev >= O.FailOn &&
         (!O.NewOnly || F.Baseline != BaselineState::Unchanged) &&
         (!F.TestCode || O.FailOnTestCode);
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
    if (F.isOpen())
      applyDeviations(F, O, ById);
    Seen.insert(F.Fingerprint);
  }
  R.Fixed.clear();
  if (O.Baseline) {
    std::set<std::string> InBaseline;
    for (const BaselineEntry &E : *O.Baseline) {
      InBaseline.insert(E.Fingerprint);
      if (O.ListFixed && !Seen.count(E.Fingerprint))
        R.Fixed.push_back({E.Fingerprint, E.Check, E.File, E.Message});
    }
    std::sort(R.Fixed.begin(), R.Fixed.end(),
              [](const ScanResults::FixedEntry &A, const ScanResults::FixedEntry &B) {
                return std::tie(A.File, A.Check, A.Fingerprint) <
                       std::tie(B.File, B.Check, B.Fingerprint);
              });
    for (Finding &F : R.Findings)
      F.Baseline = InBaseline.count(F.Fingerprint) ? BaselineState::Unchanged : BaselineState::New;
  }
  const bool Failing = std::any_of(R.Findings.begin(), R.Findings.end(),
                                   [&](const Finding &F) { return failsGate(F, O); });
  R.Policy.Set = true;
  R.Policy.FailOn = O.FailOn;
  R.Policy.NewOnly = O.NewOnly;
  R.Policy.FailOnIncomplete = O.FailOnIncomplete;
  R.Policy.FailOnTestCode = O.FailOnTestCode;
  R.Policy.ExitCode = (!R.complete() && O.FailOnIncomplete) ? 3 : Failing ? 1 : 0;
  R.Policy.Outcome = R.Policy.ExitCode == 0 ? Verdict::Pass : Verdict::Fail;
}

} // namespace medsec
