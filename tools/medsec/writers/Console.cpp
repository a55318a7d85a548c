//===- Console.cpp - what `medsec scan` prints on the terminal ------------===//
#include "Console.h"

#include "llvm/Support/Process.h"

#include <algorithm>

namespace medsec {

std::string printable(llvm::StringRef S) {
  std::string Out;
  Out.reserve(S.size());
  for (const char C : S) {
    const unsigned char U = static_cast<unsigned char>(C);
    if (U >= 0x20 && U != 0x7f) {
      Out += C;
      continue;
    }
    static const char Hex[] = "0123456789abcdef";
    Out += C == '\n' ? "\\n" : C == '\t' ? "\\t" : C == '\r' ? "\\r" : "";
    if (C != '\n' && C != '\t' && C != '\r')
      Out += std::string("\\x") + Hex[U >> 4] + Hex[U & 15];
  }
  return Out;
}

Progress::Progress(size_t Total, bool Quiet)
    : Total(Total), Quiet(Quiet), Tty(llvm::sys::Process::StandardErrIsDisplayed()),
      Begin(std::chrono::steady_clock::now()) {}

void Progress::done(const UnitResult &U) {
  ++Done;
  if (Quiet)
    return;
  const double Elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Begin).count();
  const double Eta = Done ? Elapsed / Done * (Total - Done) : 0;
  std::string Line = "[" + std::to_string(Done) + "/" + std::to_string(Total) + "] " +
                     unitStatusName(U.Status) + " " + printable(U.File);
  if (U.Status == UnitStatus::Analysed)
    Line += " (" + std::to_string(U.Findings.size()) + " findings)";
  else
    Line += ": " + printable(U.Reason);
  if (Tty) {
    llvm::errs() << "\r\033[K" << Line << " ETA " << static_cast<int>(Eta + 0.5) << " s";
    if (U.Status != UnitStatus::Analysed || Done == Total)
      llvm::errs() << "\n";
  } else {
    llvm::errs() << "medsec: " << Line << "\n";
  }
}

void printFindings(llvm::raw_ostream &OS, const ScanResults &R) {
  for (const Finding &F : R.Findings) {
    if (!F.isOpen())
      continue; // accepted by a justified suppression or a deviation record
    OS << printable(F.Where.File) << ":" << F.Where.Line << ":" << F.Where.Column
       << ": warning: " << printable(F.Message) << " [" << F.Check << "]\n";
    for (const InputRef *I : inputsBeforeFlow(F))
      OS << printable(I->Where.File) << ":" << I->Where.Line << ":" << I->Where.Column
         << ": note: " << printable(inputEntryMessage(*I)) << "\n";
    for (const Note &N : F.Notes)
      OS << printable(N.Where.File) << ":" << N.Where.Line << ":" << N.Where.Column
         << ": note: " << printable(N.Message) << "\n";
    OS << printable(F.Where.File) << ":" << F.Where.Line << ":" << F.Where.Column
       << ": note: severity " << rules::severityName(F.Sev);
    for (const std::string &C : F.Cwe)
      OS << "; " << C;
    if (!F.Clauses.empty()) {
      OS << "; clauses ";
      for (size_t I = 0; I < F.Clauses.size(); ++I)
        OS << (I ? ", " : "") << F.Clauses[I];
    }
    if (F.Baseline == BaselineState::New)
      OS << "; new since the baseline";
    if (F.TestCode)
      OS << "; test code" << (R.Policy.FailOnTestCode ? "" : ", outside the gate");
    OS << "\n";
    if (F.Supp && F.Supp->Status == SuppressionStatus::Rejected)
      OS << printable(F.Where.File) << ":" << F.Where.Line << ":" << F.Where.Column << ": note: "
         << (F.Supp->Kind == SuppressionKind::InSource
                 ? "suppression at " + printable(F.Supp->Source)
                 : "deviation " + F.Supp->Id)
         << " does not apply: " << printable(F.Supp->Problem) << "\n";
  }
}

void printSummary(llvm::raw_ostream &OS, const ScanResults &R, bool WithBaseline,
                  const std::string &ResultsPath) {
  size_t NotAnalysed = 0, Open = 0, New = 0, OpenTest = 0;
  for (const UnitResult &U : R.Units)
    if (U.Status != UnitStatus::Analysed && U.Status != UnitStatus::Excluded) {
      ++NotAnalysed;
      OS << "medsec: not analysed: " << printable(U.File) << " (" << unitStatusName(U.Status)
         << "): " << printable(U.Reason) << "\n";
      if (!U.Log.empty())
        OS << "medsec: note: its whole log is in " << printable(U.Log) << "\n";
    }
  for (const Finding &F : R.Findings) {
    Open += F.isOpen();
    New += F.isOpen() && F.Baseline == BaselineState::New;
    OpenTest += F.isOpen() && F.TestCode;
  }
  for (const auto &X : R.Fixed)
    OS << "medsec: fixed since the baseline: " << printable(X.File) << ": " << printable(X.Message)
       << " [" << X.Check << "]\n";
  OS << "medsec: " << R.Findings.size() << " finding(s), " << Open << " open";
  if (OpenTest)
    OS << " (" << OpenTest << " in test code)";
  if (WithBaseline)
    OS << " (" << New << " new, " << R.Fixed.size() << " fixed)";
  const size_t Cached = std::count_if(R.Units.begin(), R.Units.end(),
                                      [](const UnitResult &U) { return U.FromCache; });
  const size_t Excluded = R.excludedUnits();
  OS << ", in " << R.Units.size() << " translation unit(s)";
  if (Cached)
    OS << " (" << Cached << " from the result cache)";
  if (Excluded)
    OS << ", " << Excluded << " excluded";
  OS << ", " << NotAnalysed << " not analysed; gate " << verdictName(R.Policy.Outcome)
     << "; results in " << printable(ResultsPath) << "\n";
}

} // namespace medsec
