//===- SensitiveDataExposureCheck.cpp - medsec-sensitive-data-exposure ----===//
#include "SensitiveDataExposureCheck.h"
#include "../support/SharedTables.h"

#include "../support/ConstantValue.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

#include <set>

using namespace clang::ast_matchers;

namespace clang::tidy::medsec {
namespace {

const char *const CredentialsCheck = "medsec-hardcoded-credentials";

/// The variable or field an argument shows: pw, &pw[0], (char *)key, cfg->psk,
/// psk[3]. Not through calls or sizeof: strlen(pw) does not show the secret.
const ValueDecl *shownDecl(const Expr *E) {
  for (unsigned Step = 0; E && Step < 8; ++Step) {
    E = E->IgnoreParenCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return dyn_cast<VarDecl>(Ref->getDecl());
    if (const auto *M = dyn_cast<MemberExpr>(E))
      return dyn_cast<FieldDecl>(M->getMemberDecl());
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      E = AS->getBase();
      continue;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Deref)) {
      E = U->getSubExpr();
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

/// Can a value of this type hold a secret: text or bytes, not a count or a
/// GPIO number.
bool carriesSecret(QualType T, const ASTContext &Ctx) {
  T = T.getNonReferenceType().getCanonicalType();
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl()) {
    const std::string N = RD->getQualifiedNameAsString();
    return N == "std::basic_string" || N == "std::__cxx11::basic_string" ||
           N == "std::basic_string_view";
  }
  bool IsArray = false;
  while (const ArrayType *AT = Ctx.getAsArrayType(T)) {
    T = AT->getElementType().getCanonicalType();
    IsArray = true;
  }
  if (!IsArray && T->isPointerType())
    T = T->getPointeeType().getCanonicalType();
  else if (!IsArray)
    return false;
  if (T->isAnyCharacterType())
    return true;
  return T->isIntegerType() && (IsArray || Ctx.getTypeSize(T) == 8);
}

const Stmt *parentStmt(const Stmt &S, ASTContext &Ctx) {
  const DynTypedNodeList P = Ctx.getParents(S);
  return P.size() == 1 ? P[0].get<Stmt>() : nullptr;
}

class RefFinder : public RecursiveASTVisitor<RefFinder> {
public:
  explicit RefFinder(const ValueDecl *V) : V(V) {}
  bool VisitDeclRefExpr(DeclRefExpr *R) {
    if (R->getDecl() == V)
      Found = true;
    return !Found;
  }
  bool Found = false;

private:
  const ValueDecl *V;
};

bool mentions(const Stmt *S, const ValueDecl *V) {
  RefFinder F(V);
  F.TraverseStmt(const_cast<Stmt *>(S));
  return F.Found;
}

} // namespace

SensitiveDataExposureCheck::SensitiveDataExposureCheck(StringRef Name, ClangTidyContext *Context)
    : MedSecCheck(Name, Context) {
  if (!entry())
    return;
  if (const rules::CheckEntry *Cred =
          catalogue() ? catalogue()->findCheck(CredentialsCheck) : nullptr) {
    Names = sharedSecretNames(catalogue(), *Cred, "secret-names", Cred);
    KeyArgs = sharedArgumentTable(catalogue(), *Cred, "key-arguments", "args", "key");
    for (const auto &E : Cred->activeData("test-names"))
      for (const std::string &W : identifierWords(E.Key))
        TestWords.push_back(W);
  }
  for (const auto &E : entry()->activeData("sinks")) {
    const std::string Kind = E.get("kind", "function");
    if (Kind == "printf-attribute") {
      PrintfAttributeSinks = true;
      continue;
    }
    if (Kind == "ostream") {
      OstreamSinks = true;
      continue;
    }
    SinkSpec S;
    for (const std::string &A : E.getList("data-args")) {
      unsigned I = 0;
      if (!StringRef(A).trim().getAsInteger(10, I))
        S.Args.push_back(I);
    }
    S.From = static_cast<int>(E.getInt("data-args-from", -1));
    Sinks[E.Key] = S;
  }
  for (const auto &E : entry()->activeData("clear-functions"))
    ClearFns[E.Key] = static_cast<unsigned>(E.getInt("dest-arg", 0));
  for (const auto &E : entry()->activeData("deallocators"))
    Deallocators.insert(E.Key);
  for (const auto &E : entry()->activeData("zeroize-functions"))
    Zeroizers.push_back(E.Key);
  for (const auto &E : entry()->activeData("wipe-helpers"))
    WipeHelpers.push_back(std::make_unique<LazyRegex>(E.get("pattern"), llvm::Regex::IgnoreCase));
}

void SensitiveDataExposureCheck::registerMatchers(MatchFinder *Finder) {
  if (!entry())
    return;
  Finder->addMatcher(callExpr(callee(functionDecl().bind("fn"))).bind("call"), this);
  Finder->addMatcher(binaryOperator(isAssignmentOperator()).bind("assign"), this);
  if (OstreamSinks)
    Finder->addMatcher(cxxOperatorCallExpr(hasOverloadedOperatorName("<<")).bind("stream"), this);
}

void SensitiveDataExposureCheck::onStartOfTranslationUnit() {
  Candidates.clear();
  Proven.clear();
  Writes.clear();
  Clears.clear();
}

static bool isLocal(const ValueDecl *V) {
  const auto *VD = dyn_cast_or_null<VarDecl>(V);
  return VD && VD->hasLocalStorage();
}

void SensitiveDataExposureCheck::recordWrites(const CallExpr *Call, const FunctionDecl *FD) {
  // A non-const pointer parameter may fill the buffer: after it, the buffer
  // may hold something else (a decrypted message in the buffer the key was in).
  const unsigned N = std::min(Call->getNumArgs(), FD->getNumParams());
  for (unsigned I = 0; I < N; ++I) {
    const QualType P = FD->getParamDecl(I)->getType();
    if (!P->isPointerType() || P->getPointeeType().isConstQualified())
      continue;
    if (const ValueDecl *V = shownDecl(Call->getArg(I)); isLocal(V))
      Writes[V].push_back(SM->getExpansionLoc(Call->getBeginLoc()));
  }
}

bool SensitiveDataExposureCheck::overwrittenBetween(const ValueDecl *Var, SourceLocation A,
                                                    SourceLocation B) const {
  // Only a local's writes are ordered with its uses: a field or a global is
  // written in other functions, whose place in the file says nothing.
  auto It = Writes.find(Var);
  if (!isLocal(Var) || It == Writes.end())
    return false;
  if (SM->isBeforeInTranslationUnit(B, A))
    std::swap(A, B);
  return llvm::any_of(It->second, [&](SourceLocation W) {
    return SM->isBeforeInTranslationUnit(A, W) && SM->isBeforeInTranslationUnit(W, B);
  });
}

bool SensitiveDataExposureCheck::clearedBefore(const ValueDecl *Var, SourceLocation Release) const {
  auto It = Clears.find(Var);
  return It != Clears.end() && llvm::any_of(It->second, [&](SourceLocation C) {
           return SM->isBeforeInTranslationUnit(C, Release);
         });
}

void SensitiveDataExposureCheck::check(const MatchFinder::MatchResult &Result) {
  SM = Result.SourceManager;
  Ctx = Result.Context;
  if (const auto *Assign = Result.Nodes.getNodeAs<BinaryOperator>("assign")) {
    if (const ValueDecl *V = shownDecl(Assign->getLHS()); isLocal(V))
      Writes[V].push_back(SM->getExpansionLoc(Assign->getOperatorLoc()));
    return;
  }
  if (const auto *Op = Result.Nodes.getNodeAs<CXXOperatorCallExpr>("stream")) {
    checkStream(Op, *Ctx);
    return;
  }
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!Call || !FD || !FD->getIdentifier())
    return;
  // A variable passed as a key, password or PSK is a secret wherever else it goes.
  for (const auto &Slot : KeyArgs->lookup(FD))
    if (Slot.Arg < Call->getNumArgs())
      if (const ValueDecl *V = shownDecl(Call->getArg(Slot.Arg)))
        Proven[V].push_back(Proof{SM->getExpansionLoc(Call->getArg(Slot.Arg)->getBeginLoc()),
                                  "'" + V->getName().str() + "' is used as the " + Slot.Role +
                                      " of '" + FD->getName().str() + "' here"});
  recordWrites(Call, FD);
  checkSinkCall(Call, FD, *Ctx);
  checkClear(Call, FD, *Ctx);
  checkRelease(Call, FD);
}

void SensitiveDataExposureCheck::addSinkArgument(const Expr *Arg, const Expr *Use,
                                                 StringRef Callee) {
  if (const ValueDecl *V = shownDecl(Arg))
    Candidates.push_back({Candidate::Sink, SM->getExpansionLoc(Arg->getBeginLoc()), V, Callee.str(),
                          SM->getExpansionLoc(Use->getBeginLoc())});
}

void SensitiveDataExposureCheck::checkSinkCall(const CallExpr *Call, const FunctionDecl *FD,
                                               ASTContext &) {
  auto It = Sinks.find(FD->getName());
  if (It != Sinks.end() && isLibraryFunction(FD)) {
    for (unsigned I = 0; I < Call->getNumArgs(); ++I)
      if (llvm::is_contained(It->second.Args, I) ||
          (It->second.From >= 0 && I >= static_cast<unsigned>(It->second.From)))
        addSinkArgument(Call->getArg(I), Call, FD->getName());
    return;
  }
  // Project loggers declared with a printf format attribute are sinks too.
  if (!PrintfAttributeSinks)
    return;
  for (const auto *FA : FD->specific_attrs<FormatAttr>()) {
    const StringRef Style = FA->getType()->getName().trim('_');
    if (Style != "printf" && Style != "gnu_printf")
      continue; // scanf-like functions read, they do not output
    const unsigned FormatIndex = FA->getFormatIdx() - 1 - (isa<CXXMethodDecl>(FD) ? 1 : 0);
    for (unsigned I = FormatIndex; I < Call->getNumArgs(); ++I)
      addSinkArgument(Call->getArg(I), Call, FD->getName());
    return;
  }
}

void SensitiveDataExposureCheck::checkStream(const CXXOperatorCallExpr *Op, ASTContext &C) {
  if (Op->getNumArgs() != 2)
    return;
  const CXXRecordDecl *RD = Op->getArg(0)->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD)
    return;
  bool IsOstream = false;
  const std::string N = RD->getQualifiedNameAsString();
  IsOstream = N == "std::basic_ostream";
  if (!IsOstream && RD->hasDefinition())
    RD->forallBases([&](const CXXRecordDecl *B) {
      IsOstream |= B->getQualifiedNameAsString() == "std::basic_ostream";
      return true;
    });
  if (IsOstream)
    addSinkArgument(Op->getArg(1), Op, "operator<<");
  (void)C;
}

void SensitiveDataExposureCheck::checkClear(const CallExpr *Call, const FunctionDecl *FD,
                                            ASTContext &C) {
  auto It = ClearFns.find(FD->getName());
  if (It == ClearFns.end() || It->second >= Call->getNumArgs() ||
      (!isLibraryFunction(FD) && !FD->getBuiltinID()))
    return;
  const Expr *Dest = Call->getArg(It->second)->IgnoreParenCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(Dest);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var) || !diesAfter(Call, Var, C))
    return;
  const SourceLocation Loc = actionableLocation(Call->getBeginLoc(), *SM);
  Candidates.push_back({Candidate::DeadClear, Loc, Var, FD->getName().str(), Loc});
}

void SensitiveDataExposureCheck::checkRelease(const CallExpr *Call, const FunctionDecl *FD) {
  // Any erase of a local pointer's buffer, plain or not, counts as a clear
  // before release: a plain clear that the compiler may drop is the dead-clear
  // finding, and a helper named for erasing is trusted to erase.
  const StringRef Name = FD->getName();
  auto Clear = ClearFns.find(Name);
  const bool Wiper = llvm::is_contained(Zeroizers, Name.str()) ||
                     llvm::any_of(WipeHelpers, [&](const auto &R) { return R->match(Name); });
  for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
    const ValueDecl *V = shownDecl(Call->getArg(I));
    if (isLocal(V) && ((Clear != ClearFns.end() && Clear->second == I) || (Wiper && I == 0)))
      Clears[V].push_back(SM->getExpansionLoc(Call->getBeginLoc()));
  }
  // A secret's heap block released without any clear keeps the secret in the
  // allocator's free memory (CWE-226, CWE-244).
  if (!Deallocators.contains(Name) || Call->getNumArgs() == 0)
    return;
  const auto *Ref = dyn_cast<DeclRefExpr>(Call->getArg(0)->IgnoreParenCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var) || !Var->getType()->isPointerType())
    return;
  const SourceLocation Loc = actionableLocation(Call->getBeginLoc(), *SM);
  Candidates.push_back({Candidate::UnclearedRelease, Loc, Var, Name.str(), Loc});
}

bool SensitiveDataExposureCheck::diesAfter(const CallExpr *Clear, const VarDecl *Var,
                                           ASTContext &C) const {
  // The clear must be a statement of its own; then nothing after it, up to
  // the end of the variable's scope, may read the buffer, except freeing it.
  const Stmt *Cur = Clear;
  for (const Stmt *P = parentStmt(*Cur, C); P && isa<CastExpr, ParenExpr>(P);
       P = parentStmt(*Cur, C))
    Cur = P;
  const bool IsArray = C.getAsConstantArrayType(Var->getType()) != nullptr;
  bool Freed = false;
  for (unsigned Depth = 0; Depth < 16; ++Depth) {
    const Stmt *Parent = parentStmt(*Cur, C);
    if (!Parent)
      return false;
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(Parent))
      return false; // the buffer is used again on the next iteration
    if (const auto *CS = dyn_cast<CompoundStmt>(Parent)) {
      bool After = false;
      for (const Stmt *S : CS->body()) {
        if (S == Cur) {
          After = true;
          continue;
        }
        if (!After || !mentions(S, Var))
          continue;
        const auto *FreeCall = dyn_cast<CallExpr>(S->IgnoreContainers());
        const FunctionDecl *FreeFn = FreeCall ? FreeCall->getDirectCallee() : nullptr;
        if (FreeFn && FreeFn->getIdentifier() && Deallocators.contains(FreeFn->getName())) {
          Freed = true;
          break;
        }
        return false;
      }
      if (Freed)
        return true;
      // Reached the scope that declares the variable: it dies at its end.
      for (const Stmt *S : CS->body())
        if (const auto *DS = dyn_cast<DeclStmt>(S))
          for (const Decl *D : DS->decls())
            if (D == Var)
              return IsArray;
    } else if (!isa<IfStmt, CaseStmt, DefaultStmt, LabelStmt, SwitchStmt>(Parent)) {
      return false;
    }
    Cur = Parent;
  }
  return false;
}

std::string SensitiveDataExposureCheck::secretKind(const ValueDecl *Var, SourceLocation Use,
                                                   const Proof **Why) const {
  *Why = nullptr;
  if (!Var || !Var->getIdentifier())
    return std::string();
  for (const std::string &W : identifierWords(Var->getName()))
    if (llvm::is_contained(TestWords, W))
      return std::string();
  const SecretNameMatcher::Term *T = Names->match(Var->getName());
  // A name that only says "key" or "token" needs proof: a hash-table key is not a secret.
  if (T && !T->NeedsEntropy && carriesSecret(Var->getType(), *Ctx))
    return T->Kind;
  auto P = Proven.find(Var);
  if (P == Proven.end())
    return std::string();
  for (const Proof &Pr : P->second)
    if (!overwrittenBetween(Var, Pr.Loc, Use)) {
      *Why = &Pr;
      return "secret";
    }
  return std::string();
}

std::string SensitiveDataExposureCheck::zeroizeAdvice(ASTContext &C) const {
  std::vector<std::string> Ordered;
  for (const std::string &Z : Zeroizers)
    if (!C.getTranslationUnitDecl()->lookup(&C.Idents.get(Z)).empty())
      Ordered.push_back(Z);
  for (const std::string &Z : Zeroizers)
    if (!llvm::is_contained(Ordered, Z))
      Ordered.push_back(Z);
  std::string S = Ordered.empty() ? std::string("a non-removable erase") : Ordered.front();
  if (Ordered.size() > 1) {
    S += " (or ";
    for (size_t I = 1; I < Ordered.size() && I < 5; ++I)
      S += (I > 1 ? ", " : "") + Ordered[I];
    S += ")";
  }
  return S;
}

void SensitiveDataExposureCheck::onEndOfTranslationUnit() {
  if (!SM || !Ctx)
    return;
  std::set<SourceLocation> Done;
  std::set<std::pair<const ValueDecl *, SourceLocation>> Shown;
  llvm::sort(Candidates, [&](const Candidate &A, const Candidate &B) {
    return SM->isBeforeInTranslationUnit(A.Loc, B.Loc);
  });
  for (const Candidate &C : Candidates) {
    if (C.Loc.isInvalid() || SM->isInSystemHeader(C.Loc) || !Done.insert(C.Loc).second)
      continue;
    const Proof *Why = nullptr;
    const std::string Kind = secretKind(C.Var, C.Use, &Why);
    if (Kind.empty() || !Shown.insert({C.Var, C.Use}).second)
      continue;
    if (C.K == Candidate::UnclearedRelease && clearedBefore(C.Var, C.Loc))
      continue;
    const std::string Name = "'" + C.Var->getName().str() + "'";
    const std::string Article = (Kind == "API key" || Kind == "access key") ? "an " : "a ";
    std::string Message;
    if (C.K == Candidate::Sink)
      Message = Name + " holds " + Article + Kind + " and is written to '" + C.Callee +
                "'; logs, consoles and debug ports leave the device, so log that the event "
                "happened, never the secret or part of it";
    else if (C.K == Candidate::UnclearedRelease)
      Message = Name + " (" + Article + Kind + ") is released by '" + C.Callee +
                "' without being cleared, so the secret stays in the freed memory; clear it with " +
                zeroizeAdvice(*Ctx) + " first";
    else
      Message = "'" + C.Callee + "' clearing " + Name + " (" + Article + Kind +
                ") just before it goes out of use is a dead store the compiler may remove, "
                "leaving the secret in memory; use " +
                zeroizeAdvice(*Ctx);
    report(*SM, C.Loc, Message, entry()->DefaultSeverity,
           C.K == Candidate::Sink               ? StringRef("sink")
           : C.K == Candidate::UnclearedRelease ? StringRef("uncleared-release")
                                                : StringRef("dead-clear"));
    if (Why)
      diag(Why->Loc, "%0", DiagnosticIDs::Note) << Why->Text;
  }
  Candidates.clear();
  Proven.clear();
  Writes.clear();
  Clears.clear();
}

} // namespace clang::tidy::medsec
