//===- CsvWriter.cpp - report.csv and report-traceability.csv -------------===//
//
// RFC 4180 (CRLF line ends, quoted fields), one table per file so a QMS can
// import each as one item type: findings, and the traceability matrix.
//
//===----------------------------------------------------------------------===//
#include "Render.h"
#include "Text.h"

#include <map>

namespace medsec {
namespace report {
namespace {

class Csv {
public:
  Csv &operator<<(llvm::StringRef Value) {
    if (!First)
      Out += ',';
    Out += csvField(Value);
    First = false;
    return *this;
  }
  Csv &operator<<(unsigned N) { return *this << llvm::StringRef(std::to_string(N)); }
  void endRow() {
    Out += "\r\n";
    First = true;
  }
  std::string take() { return std::move(Out); }

private:
  std::string Out;
  bool First = true;
};

std::string join(const std::vector<std::string> &V, const char *Sep = ";") {
  std::string Out;
  for (const std::string &S : V)
    Out += (Out.empty() ? "" : Sep) + S;
  return Out;
}

} // namespace

std::string renderFindingsCsv(const ReportModel &M) {
  const MessageScope Use(M.Text);
  const Messages &T = *M.Text;
  Csv C;
  for (const char *H : {"csv.id", "csv.status", "csv.baseline", "csv.severity", "csv.check", "csv.cwe", "csv.clauses", "csv.file", "csv.line", "csv.column", "csv.message", "csv.deviation_id", "csv.deviation_kind", "csv.deviation_status", "csv.justification", "csv.approver", "csv.date", "csv.expires", "csv.risk", "csv.deviation_source", "csv.deviation_problem", "csv.deviation_flags", "csv.test_code", "csv.inputs"})
    C << T.text(H);
  C.endRow();
  std::map<size_t, const DeviationRow *> Dev;
  for (const DeviationRow &D : M.Deviations)
    Dev[D.Finding] = &D;
  for (size_t I = 0; I < M.Findings.size(); ++I) {
    const FindingView &F = M.Findings[I];
    C << F.Id << findingStatusName(F.Status) << baselineStateName(F.Baseline) << F.severity()
      << F.Check << join(F.Cwe) << join(F.Clauses) << F.File << F.Line << F.Column << F.Message;
    const Suppression S = F.Suppr.value_or(Suppression());
    C << S.Id << F.recordKind() << (F.Suppr ? F.recordStatus() : "") << S.Justification
      << S.Approver << S.Date << S.Expires << S.Risk << S.Source << S.Problem
      << (Dev.count(I) ? join(Dev[I]->Flags) : "") << (F.TestCode ? "yes" : "");
    std::vector<std::string> Inputs; // where its data entered: "file:line:column name"
    for (const FindingView::Input &In : F.Inputs)
      Inputs.push_back(In.Ref.Where.File + ":" + std::to_string(In.Ref.Where.Line) + ":" +
                       std::to_string(In.Ref.Where.Column) + " " + In.Ref.Name);
    C << join(Inputs);
    C.endRow();
  }
  for (const FixedEntry &X : M.Fixed) {
    C << X.Fingerprint << "fixed" << "" << "" << X.Check << "" << "" << X.File << "" << ""
      << X.Message;
    for (int K = 0; K < 13; ++K)
      C << "";
    C.endRow();
  }
  return C.take();
}

std::string renderTraceabilityCsv(const ReportModel &M) {
  const MessageScope Use(M.Text);
  const Messages &T = *M.Text;
  Csv C;
  for (const char *H : {"csv.guideline", "csv.clause", "csv.phase", "csv.title", "csv.basis", "csv.needs_confirmation", "csv.locator", "csv.checkable", "csv.checks", "csv.open", "csv.accepted", "csv.fixed", "csv.status", "csv.complementary_activity", "csv.open_findings", "csv.accepted_findings"})
    C << T.text(H);
  C.endRow();
  for (const GuidelineView &G : M.Guidelines)
    for (const ClauseRow &R : G.Rows) {
      std::vector<std::string> Checks;
      for (const CheckLink &L : R.Checks)
        Checks.push_back(L.Id + " (" + L.Relation + ", " + L.State + ")");
      C << G.Id << R.Id << R.Phase << R.Title << R.Basis << (R.inferred() ? "yes" : "no")
        << R.Locator << R.Checkable << join(Checks) << unsigned(R.Open.size())
        << unsigned(R.Accepted.size()) << unsigned(R.Fixed.size()) << R.Status << R.Complementary
        << join(R.Open) << join(R.Accepted);
      C.endRow();
    }
  return C.take();
}

} // namespace report
} // namespace medsec
