//===- InferredMustCheck.cpp - results a project always checks ------------===//
#include "InferredMustCheck.h"

#include "clang/AST/DeclCXX.h"

namespace clang::tidy::medsec {

bool MustCheckInference::eligible(const FunctionDecl *FD, const SourceManager &SM) {
  if (!FD || !FD->getIdentifier() || FD->getReturnType()->isVoidType() || FD->getBuiltinID() ||
      FD->isInStdNamespace() || FD->isDeleted())
    return false;
  // A library the build reaches through -isystem (the C library, the RTOS
  // from the vendor's SDK) is not the project's to infer from.
  for (const FunctionDecl *R : FD->redecls()) {
    const SourceLocation L = R->getLocation();
    if (L.isInvalid() || SM.isInSystemHeader(L))
      return false;
  }
  return true;
}

void MustCheckInference::clear() {
  Functions.clear();
  Joined.clear();
}

void MustCheckInference::add(const FunctionDecl *FD, Site S, SourceLocation Loc,
                             const VarDecl *Var) {
  const FunctionDecl *Canon = FD->getCanonicalDecl();
  Function &F = Functions[Canon];
  if (F.Name.empty()) {
    F.Name = FD->getName().str();
    F.Joinable = !isa<CXXMethodDecl>(FD) && FD->isExternallyVisible() &&
                 FD->getDeclContext()->getRedeclContext()->isTranslationUnit();
  }
  F.Calls.push_back({S, Loc, Var});
}

MustCheckInference::Counts MustCheckInference::countsOf(const Function &F) const {
  if (F.Joinable) {
    auto It = Joined.find(F.Name);
    if (It != Joined.end())
      return It->second;
  }
  Counts C;
  for (const Call &X : F.Calls) {
    ++C.Calls;
    C.Checked += X.S == Site::Checked;
  }
  return C;
}

std::vector<MustCheckInference::Inferred>
MustCheckInference::findings(const Thresholds &T) const {
  std::vector<Inferred> Out;
  for (const auto &[FD, F] : Functions) {
    const Counts C = countsOf(F);
    if (!mustCheck(C, T))
      continue;
    SourceLocation CheckedAt;
    unsigned CheckedHere = 0;
    for (const Call &X : F.Calls)
      if (X.S == Site::Checked && !CheckedHere++)
        CheckedAt = X.Loc;
    const bool Across = F.Joinable && Joined.count(F.Name);
    // This site does not check, so every checked site is another one.
    const std::string Others = std::to_string(C.Checked) + " of " + std::to_string(C.Calls - 1) +
                               " other call sites" +
                               (Across ? " in the units analysed" : std::string());
    for (const Call &X : F.Calls) {
      if (X.S != Site::Discarded && X.S != Site::DeadStore)
        continue;
      Inferred I;
      I.Loc = X.Loc;
      const std::string Head = "the result of '" + F.Name + "'";
      I.Message = X.S == Site::Discarded
                      ? Head + " is discarded, but the project checks it at " + Others +
                            " (inferred must-check); check it here too and handle the failure"
                      : Head + " is stored in '" + X.Var->getName().str() +
                            "' but never read, while the project checks it at " + Others +
                            " (inferred must-check); check it before it is overwritten or goes "
                            "out of scope";
      I.CheckedAt = CheckedAt;
      if (CheckedAt.isValid())
        I.Note = "the result of '" + F.Name + "' is checked here" +
                 (C.Checked > 1 ? " (one of the " + std::to_string(C.Checked) + " calls that do)"
                                : std::string());
      Out.push_back(std::move(I));
    }
  }
  return Out;
}

std::vector<::medsec::CallCountFact> MustCheckInference::callCounts() const {
  std::vector<::medsec::CallCountFact> Out;
  for (const auto &[FD, F] : Functions) {
    if (!F.Joinable)
      continue;
    ::medsec::CallCountFact X;
    X.Name = F.Name;
    for (const Call &Y : F.Calls) {
      ++X.Calls;
      X.Checked += Y.S == Site::Checked;
      X.Unchecked += Y.S == Site::Discarded || Y.S == Site::DeadStore;
    }
    Out.push_back(std::move(X));
  }
  return Out;
}

} // namespace clang::tidy::medsec
