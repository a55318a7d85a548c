//===- ReportModel.cpp - traceability matrix, counts, verdict -------------===//
#include "ReportModel.h"

#include "Gate.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"

#include <algorithm>
#include <map>
#include <set>

namespace medsec {
namespace report {

namespace json = llvm::json;

const char *const Severities[5] = {"critical", "high", "medium", "low", "info"};

const std::vector<ClauseStatus> &clauseStatuses() {
  static const std::vector<ClauseStatus> All = {
      {"open", "#c0392b"},
      {"accepted", "#e67e22"},
      {"clean", "#1e8449"},
      {"incomplete", "#b7950b"},
      {"inventory", "#117a65"},
      {"inventory-gaps", "#a04000"},
      {"no-inventory", "#5d6d7e"},
      {"not-run", "#7f8c8d"},
      {"no-check", "#34495e"},
      {"not-checkable", "#2471a3"},
  };
  return All;
}

const ClauseStatus &clauseStatus(const std::string &Id) {
  for (const ClauseStatus &S : clauseStatuses())
    if (Id == S.Id)
      return S;
  return clauseStatuses().front();
}

unsigned GuidelineView::covered() const {
  unsigned N = 0;
  for (const ClauseRow &R : Rows)
    N += R.Status == "open" || R.Status == "accepted" || R.Status == "clean" ||
         R.Status == "incomplete" || R.Status == "inventory" || R.Status == "inventory-gaps";
  return N;
}

unsigned ReportModel::openCount() const {
  return std::count_if(Findings.begin(), Findings.end(),
                       [](const FindingView &F) { return F.isOpen(); });
}

unsigned ReportModel::openInTestCodeCount() const {
  return std::count_if(Findings.begin(), Findings.end(),
                       [](const FindingView &F) { return F.isOpen() && F.TestCode; });
}

std::string ReportModel::testCodeShare() const {
  const unsigned N = openInTestCodeCount();
  if (!N)
    return std::string();
  return Text->fmt(Policy.FailOnTestCode ? "summary.test-code-gated" : "summary.test-code-outside",
                   {std::to_string(N)});
}

unsigned ReportModel::acceptedCount() const { return Findings.size() - openCount(); }

// --- building the model ----------------------------------------------------

namespace {

std::string stripSpace(llvm::StringRef S) {
  std::string Out;
  for (char C : S)
    if (!llvm::isSpace(C))
      Out += C;
  return Out;
}

/// A source line as the scan recorded it: its bytes without white space, with
/// invalid UTF-8 replaced as in every string of results.json (json::fixUTF8),
/// so that the same bytes compare equal.
std::string recordedContext(llvm::StringRef Line) {
  std::string S = stripSpace(Line);
  return json::isUTF8(S) ? S : json::fixUTF8(S);
}

/// A few lines around the finding, and whether the line still reads as it did
/// when the scan ran (its whitespace-free text is the fingerprint context).
void attachContext(FindingView &V, const Finding &F, const std::optional<std::string> *Source,
                   const Messages &T) {
  if (!Source || !*Source) {
    V.ContextNote = T.text("context.not-available");
    return;
  }
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  llvm::StringRef Text(**Source);
  Text.consume_back("\n"); // a final newline ends the last line, it does not start one
  Text.split(Lines, '\n');
  if (F.Where.Line == 0 || F.Where.Line > Lines.size()) {
    V.ContextNote = T.text("context.changed");
    V.SourceChanged = true;
    return;
  }
  const unsigned First = F.Where.Line > 2 ? F.Where.Line - 2 : 1;
  const unsigned Last = std::min<unsigned>(Lines.size(), F.Where.Line + 2);
  for (unsigned N = First; N <= Last; ++N)
    V.Context.push_back({N, Lines[N - 1].rtrim("\r").str(), N == F.Where.Line});
  if (!F.LineContext.empty() && recordedContext(Lines[F.Where.Line - 1]) != F.LineContext) {
    V.ContextNote = T.text("context.changed");
    V.SourceChanged = true;
  }
}

std::vector<const rules::Guideline *> selectGuidelines(const rules::Catalogue &Cat,
                                                       const std::vector<std::string> &Ids) {
  std::vector<const rules::Guideline *> Out;
  if (Ids.empty()) {
    for (const rules::Guideline &G : Cat.Guidelines)
      Out.push_back(&G);
  } else {
    for (const std::string &Id : Ids)
      if (const rules::Guideline *G = Cat.findGuideline(Id))
        if (std::find(Out.begin(), Out.end(), G) == Out.end())
          Out.push_back(G);
  }
  // ANSM is the primary guideline of the product: always first.
  std::stable_partition(Out.begin(), Out.end(),
                        [](const rules::Guideline *G) { return G->Id == "ansm"; });
  return Out;
}

std::string checkState(const rules::CheckEntry &C, const std::set<std::string> &Run) {
  if (Run.count(C.Id))
    return "run";
  return C.Status == "planned" ? "planned" : "not run";
}

std::string rowStatus(const ClauseRow &R, const ReportModel &M) {
  const bool Complete = M.Complete;
  if (R.Checkable == "inventory" && R.Open.empty() && R.Accepted.empty())
    return !M.InventoryRecorded      ? "no-inventory"
           : M.InventoryGaps.empty() ? "inventory"
                                     : "inventory-gaps";
  if (!R.Open.empty())
    return "open";
  if (!R.Accepted.empty())
    return "accepted";
  const bool AnyRun = std::any_of(R.Checks.begin(), R.Checks.end(),
                                  [](const CheckLink &L) { return L.State == "run"; });
  if (AnyRun)
    return Complete ? "clean" : "incomplete";
  if (!R.Checks.empty())
    return "not-run";
  return R.Checkable == "no" ? "not-checkable" : "no-check";
}

/// Which clauses a finding is evidence for: as the scan recorded them, else
/// as the catalogue maps its check.
std::vector<std::string> clausesOf(const std::vector<std::string> &Recorded,
                                   const std::string &Check, const rules::Catalogue &Cat) {
  if (!Recorded.empty())
    return Recorded;
  std::vector<std::string> Out;
  if (const rules::CheckEntry *C = Cat.findCheck(Check))
    for (const rules::ClauseRef &R : C->Clauses)
      Out.push_back(R.Id);
  return Out;
}

void buildMatrix(const ReportInput &In, ReportModel &M) {
  const rules::Catalogue &Cat = *In.Cat;
  const std::set<std::string> Run(M.ChecksRun.begin(), M.ChecksRun.end());
  std::map<std::string, std::vector<std::string>> OpenBy, AcceptedBy, FixedBy;
  for (const FindingView &F : M.Findings)
    for (const std::string &C : F.Clauses)
      (F.isOpen() ? OpenBy : AcceptedBy)[C].push_back(F.Id);
  for (const FixedEntry &X : M.Fixed)
    for (const std::string &C : clausesOf({}, X.Check, Cat))
      FixedBy[C].push_back(X.Fingerprint);

  const std::set<std::string> Phases(In.Opts.Phases.begin(), In.Opts.Phases.end());
  // Titles in the report's language where the catalogue has them (English is
  // the catalogue's own text); the others stay English and are counted.
  const std::string &Lang = M.Text->lang();
  for (const rules::Guideline *G : selectGuidelines(Cat, In.Opts.Guidelines)) {
    GuidelineView V{G->Id,  G->text("title", Lang), G->text("publisher", Lang),
                    G->text("edition", Lang), G->Url, G->Basis, {}, {}};
    for (const rules::Clause &C : G->Clauses) {
      if (!Phases.empty() && !Phases.count(C.Phase))
        continue;
      if (Lang != "en" && (!C.Translations.count(Lang) || !C.Translations.at(Lang).count("title")))
        ++V.UntranslatedTitles;
      ClauseRow R{C.Id,         C.Phase,          C.text("title", Lang),
                  C.Basis,      C.Locator,        C.Checkable,
                  C.text("complementary", Lang), {},
                  OpenBy[C.Id], AcceptedBy[C.Id], FixedBy[C.Id],   ""};
      for (const rules::CheckEntry &Chk : Cat.Checks)
        for (const rules::ClauseRef &Ref : Chk.Clauses)
          if (Ref.Id == C.Id)
            R.Checks.push_back({Chk.Id, Ref.Relation, checkState(Chk, Run)});
      R.Status = rowStatus(R, M);
      ++V.ByStatus[R.Status];
      if (R.Checkable == "inventory" &&
          std::none_of(M.InventoryRows.begin(), M.InventoryRows.end(),
                       [&](const ClauseRow &X) { return X.Id == R.Id; }))
        M.InventoryRows.push_back(R);
      V.Rows.push_back(std::move(R));
    }
    M.Guidelines.push_back(std::move(V));
  }
}

void buildCatalogueRows(const ReportInput &In, ReportModel &M) {
  std::vector<bool> Used(In.Results.CatalogueFiles.size(), false);
  auto Base = [](llvm::StringRef P) {
    return P.rsplit('/').second.empty() ? P : P.rsplit('/').second;
  };
  for (const rules::CatalogueFile &F : In.CatalogueFiles) {
    CatalogueFileRow Row{F.Path, F.Role, F.Sha256, "", "", "not in scan"};
    // Paired by content first, then by file name and role.
    for (int Pass = 0; Pass < 2 && Row.State == "not in scan"; ++Pass)
      for (size_t I = 0; I < Used.size(); ++I) {
        const auto &S = In.Results.CatalogueFiles[I];
        if (Used[I] || S.Role != F.Role)
          continue;
        if (Pass == 0 ? S.Sha256 == F.Sha256 : Base(S.Path) == Base(F.Path)) {
          Used[I] = true;
          Row.ScanPath = S.Path;
          Row.ScanSha256 = S.Sha256;
          Row.State = S.Sha256 == F.Sha256 ? "same" : "changed";
          break;
        }
      }
    M.CatalogueFiles.push_back(std::move(Row));
  }
  for (size_t I = 0; I < Used.size(); ++I)
    if (!Used[I]) {
      const auto &S = In.Results.CatalogueFiles[I];
      M.CatalogueFiles.push_back({"", S.Role, "", S.Path, S.Sha256, "not loaded"});
    }
  M.CatalogueMismatch = std::any_of(M.CatalogueFiles.begin(), M.CatalogueFiles.end(),
                                    [](const CatalogueFileRow &R) { return R.State != "same"; });
}

void buildFindings(const ReportInput &In, ReportModel &M) {
  const ScanResults &R = In.Results;
  for (size_t I = 0; I < R.Findings.size(); ++I) {
    const Finding &F = R.Findings[I];
    FindingView V;
    V.Id = F.Fingerprint.empty() ? "finding-" + std::to_string(I + 1) : F.Fingerprint;
    V.Check = F.Check;
    V.Sev = F.Sev;
    V.Message = F.Message;
    V.File = F.Where.File;
    V.Line = F.Where.Line;
    V.Column = F.Where.Column;
    V.DataKey = F.DataKey;
    V.Cwe = F.Cwe;
    V.Clauses = clausesOf(F.Clauses, F.Check, *In.Cat);
    V.Status = F.Status;
    V.Baseline = F.Baseline;
    V.TestCode = F.TestCode;
    V.Suppr = F.Supp;
    for (const InputRef &I : F.Inputs)
      V.Inputs.push_back({I, -1}); // rows: buildAttackSurface
    auto Src = In.Sources.find(F.Where.File);
    attachContext(V, F, Src == In.Sources.end() ? nullptr : &Src->second, *M.Text);
    M.Findings.push_back(std::move(V));
  }
  auto Key = [](const FindingView &F) {
    return std::tie(F.File, F.Line, F.Column, F.Check, F.Message, F.Id);
  };
  std::stable_sort(M.Findings.begin(), M.Findings.end(),
                   [&](const FindingView &A, const FindingView &B) { return Key(A) < Key(B); });
  M.Fixed = R.Fixed;
  std::sort(M.Fixed.begin(), M.Fixed.end(), [](const FixedEntry &A, const FixedEntry &B) {
    return std::tie(A.File, A.Check, A.Fingerprint) < std::tie(B.File, B.Check, B.Fingerprint);
  });
  for (const char *S : Severities)
    M.BySeverity[S];
  for (const FindingView &F : M.Findings) {
    SeverityCount &K = M.BySeverity[F.severity()];
    ++(F.isOpen() ? K.Open : K.Accepted);
    K.OpenInTestCode += F.isOpen() && F.TestCode;
  }
}

void buildDeviations(ReportModel &M) {
  for (size_t I = 0; I < M.Findings.size(); ++I) {
    const FindingView &F = M.Findings[I];
    if (!F.Suppr && F.isOpen())
      continue;
    DeviationRow D{I, {}};
    if (!F.Suppr) {
      D.Flags = {"no record", "unjustified"};
    } else {
      const Suppression &S = *F.Suppr;
      if (S.Status == SuppressionStatus::Rejected)
        D.Flags.push_back("rejected");
      if (llvm::StringRef(S.Justification).trim().empty() ||
          llvm::StringRef(S.Problem).contains("justification"))
        D.Flags.push_back("unjustified");
      if (llvm::StringRef(S.Problem).contains("expired") ||
          (!M.Date.empty() && !S.Expires.empty() && S.Expires < M.Date))
        D.Flags.push_back("expired");
      if (llvm::StringRef(S.Approver).trim().empty())
        D.Flags.push_back("no approver");
    }
    M.Deviations.push_back(std::move(D));
  }
}

void buildChecks(const ReportInput &In, ReportModel &M) {
  const std::set<std::string> Run(M.ChecksRun.begin(), M.ChecksRun.end());
  std::map<std::string, CheckRow> Rows;
  for (const rules::CheckEntry &C : In.Cat->Checks)
    Rows[C.Id] = {C.Id,
                  C.Title,
                  rules::severityName(C.DefaultSeverity),
                  C.Status,
                  checkState(C, Run),
                  C.Help,
                  C.Cwe,
                  C.Limitations,
                  0,
                  0,
                  0};
  for (const std::string &Id : M.ChecksRun)
    if (!Rows.count(Id))
      Rows[Id] = {Id, M.Text->text("checks.not-in-catalogue"), "", "", "run", "", {}, {}, 0, 0, 0};
  for (const FindingView &F : M.Findings) {
    CheckRow &R = Rows[F.Check];
    if (R.Id.empty())
      R = {F.Check, M.Text->text("checks.not-in-catalogue"), "", "", "run", "", {}, {}, 0, 0, 0};
    ++(F.isOpen() ? R.Open : R.Accepted);
  }
  for (const FixedEntry &X : M.Fixed)
    if (Rows.count(X.Check))
      ++Rows[X.Check].Fixed;
  for (auto &E : Rows)
    M.Checks.push_back(std::move(E.second));
}

void buildScope(const ReportInput &In, ReportModel &M) {
  M.Units = In.Results.Units.size();
  for (const UnitResult &U : In.Results.Units) {
    if (U.Status == UnitStatus::Analysed)
      ++M.UnitsAnalysed;
    else if (U.Status == UnitStatus::Excluded)
      M.Excluded.push_back({U.File, unitStatusName(U.Status), U.Reason});
    else
      M.NotAnalysed.push_back({U.File, unitStatusName(U.Status), U.Reason});
  }
  M.Complete = M.NotAnalysed.empty();
}

/// The verdict is the gate's: the policy the scan recorded (the default one
/// when it recorded none) applied to the findings' recorded statuses.
void buildVerdict(const ReportInput &In, ReportModel &M) {
  const ScanResults &R = In.Results;
  M.PolicyRecorded = R.Policy.Set;
  M.Policy = R.Policy.Set ? R.Policy : PolicyInfo();
  GateOptions Gate;
  Gate.FailOn = M.Policy.FailOn;
  Gate.NewOnly = M.Policy.NewOnly;
  Gate.FailOnIncomplete = M.Policy.FailOnIncomplete;
  Gate.FailOnTestCode = M.Policy.FailOnTestCode;
  const auto Failing = std::count_if(R.Findings.begin(), R.Findings.end(),
                                     [&](const Finding &F) { return failsGate(F, Gate); });
  const Messages &T = *M.Text;
  if (Failing)
    M.VerdictReasons.push_back(
        T.fmt(M.Policy.NewOnly ? "verdict.failing-new" : "verdict.failing",
              {std::to_string(Failing), T.term("severity", rules::severityName(M.Policy.FailOn))}) +
        (M.Policy.FailOnTestCode ? T.text("verdict.test-code-included") : ""));
  if (!M.Complete)
    M.VerdictReasons.push_back(T.fmt("verdict.not-analysed", {std::to_string(M.NotAnalysed.size())}));
  M.Outcome = Failing || (!M.Complete && M.Policy.FailOnIncomplete) ? Verdict::Fail : Verdict::Pass;
  if (!M.PolicyRecorded)
    M.VerdictReasons.push_back(T.text("verdict.default-policy"));
  else if (M.Policy.Outcome != M.Outcome)
    M.Warnings.push_back(T.fmt("warning.verdict-edited", {verdictName(M.Policy.Outcome),
                                                          verdictName(M.Outcome)}));
}

void buildWarnings(ReportModel &M) {
  const Messages &T = *M.Text;
  auto N = [](size_t V) { return std::to_string(V); };
  if (!M.Complete)
    M.Warnings.push_back(T.fmt("warning.incomplete", {N(M.NotAnalysed.size()), N(M.Units)}));
  if (M.CatalogueMismatch)
    M.Warnings.push_back(T.text("warning.catalogue-differs"));
  if (M.CompileDbState == "changed")
    M.Warnings.push_back(T.text("warning.compile-database-changed"));
  unsigned Changed = 0;
  for (const FindingView &F : M.Findings)
    Changed += F.SourceChanged;
  if (Changed)
    M.Warnings.push_back(T.fmt("warning.source-changed", {N(Changed)}));
  unsigned Flagged = 0;
  for (const DeviationRow &D : M.Deviations)
    Flagged += !D.Flags.empty();
  if (Flagged)
    M.Warnings.push_back(T.fmt("warning.deviations", {N(Flagged)}));
  // Like an unjustified deviation: a known vulnerability nobody has assessed.
  if (const unsigned U = M.unassessedVulnerabilities())
    M.Warnings.push_back(T.fmt("warning.unassessed-vulnerabilities", {N(U)}));
  if (M.Evidence && M.Evidence->Failures)
    M.Warnings.push_back(T.fmt("warning.test-failures", {N(M.Evidence->Failures)}));
  if (M.Units == 0)
    M.Warnings.push_back(T.text("warning.no-unit"));
}

} // namespace

std::string hostText(const HostInfo &H) {
  std::string Os = H.Os;
  if (!H.OsRelease.empty())
    Os += (Os.empty() ? "" : " ") + H.OsRelease;
  if (H.Triple.empty() || Os.empty())
    return H.Triple + Os;
  return H.Triple + ", " + Os;
}

namespace {
/// The inputs the scan recognised and the design-phase attack-surface clauses
/// of the selected guidelines: the list is evidence a reviewer uses for them,
/// not a verification that the interfaces are minimal.
void buildAttackSurface(const ScanResults &R, ReportModel &M) {
  M.AttackSurface = R.AttackSurface;
  // Each finding to the rows of its inputs and back, so a reviewer can go
  // from a finding to where its data entered and from an input to what it fed.
  std::map<InputRef, int> Row;
  for (size_t I = 0; I < M.AttackSurface.size(); ++I)
    Row.emplace(InputRef{M.AttackSurface[I].Where, M.AttackSurface[I].Name}, static_cast<int>(I));
  M.InputFindings.assign(M.AttackSurface.size(), {});
  for (FindingView &F : M.Findings)
    for (FindingView::Input &In : F.Inputs)
      if (auto It = Row.find(In.Ref); It != Row.end()) {
        In.Row = It->second;
        M.InputFindings[In.Row].push_back(F.Id);
      }
  for (const std::string &C : R.Checks)
    M.InputChecksRun |= llvm::StringRef(C).starts_with("medsec-tainted-");
  std::set<std::string> Seen;
  for (const GuidelineView &G : M.Guidelines)
    for (const ClauseRow &Row : G.Rows)
      if (Row.Phase == "design" && llvm::StringRef(Row.Id).contains("attack-surface") &&
          Seen.insert(Row.Id).second)
        M.AttackSurfaceRows.push_back(Row);
}
} // namespace

ReportModel buildReportModel(const ReportInput &In) {
  ReportModel M;
  M.Text = In.Text ? In.Text : englishMessages();
  const ScanResults &R = In.Results;
  M.Title = In.Opts.Title.empty() ? M.Text->text("report.default-title") : In.Opts.Title;
  M.Date = In.Opts.Date;
  M.GuidelineSelection = In.Opts.Guidelines;
  M.PhaseSelection = In.Opts.Phases;
  M.ScanTool = {"medsec", R.ToolVersion, R.BuildId, R.LlvmVersion, hostText(R.Host)};
  M.Reporter = In.Reporter;
  M.SourceRoot = R.SourceRoot;
  M.ResultsPath = In.ResultsPath;
  M.ResultsSha256 = In.ResultsSha256;
  M.CompileDbPath = R.CompileDatabase;
  M.CompileDbSha256 = R.CompileDatabaseSha256;
  M.CompileDb = In.CompileDb;
  M.CompileDbState = !In.CompileDb                                     ? "not available"
                     : In.CompileDb->Sha256 == R.CompileDatabaseSha256 ? "same"
                                                                       : "changed";
  M.Evidence = In.Evidence;
  M.ChecksRun = R.Checks;
  M.ScanOptions = R.Configuration;
  std::sort(M.ChecksRun.begin(), M.ChecksRun.end());
  for (const auto &S : In.Sources)
    if (S.second)
      M.Sources.push_back({S.first, rules::sha256Hex(*S.second)});

  buildCatalogueRows(In, M);
  buildScope(In, M);
  buildFindings(In, M);
  buildThirdParty(In, M);
  buildMatrix(In, M);
  buildDeviations(M);
  buildChecks(In, M);
  buildVerdict(In, M);
  buildWarnings(M);
  buildAttackSurface(R, M);
  return M;
}

} // namespace report
} // namespace medsec
