//===- LocalDataFlow.cpp --------------------------------------------------===//
#include "LocalDataFlow.h"
#include "../support/AstQueries.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"

#include <functional>

namespace clang::tidy::medsec {
namespace {

template <typename F> void forEachStmt(const Stmt *S, F &&Fn) {
  if (!S)
    return;
  Fn(S);
  for (const Stmt *Child : S->children())
    forEachStmt(Child, Fn);
}

std::string quoted(const ValueDecl *D) { return "'" + D->getNameAsString() + "'"; }

} // namespace

LocalDataFlow::LocalDataFlow(const FunctionDecl &Fn, const FlowSources &Sources)
    : Fn(Fn), Sources(Sources) {
  if (Sources.ParamFunctions && Fn.getDeclName().isIdentifier() &&
      Sources.ParamFunctions->match(Fn.getName()))
    for (const ParmVarDecl *P : Fn.parameters())
      if (P->getDeclName().isIdentifier() && !isDriverHandle(P->getType()))
        taint(P,
              quoted(P) + " is a parameter of '" + Fn.getNameAsString() +
                  "', whose name marks it as a command handler or receive callback",
              P->getLocation());
  // Flow-insensitive: iterate until no variable is added (bounded, since
  // each pass must add one).
  for (int Pass = 0; Pass < 16; ++Pass) {
    bool Changed = false;
    forEachStmt(Fn.getBody(), [&](const Stmt *S) { Changed |= propagate(S); });
    if (!Changed)
      break;
  }
}

bool LocalDataFlow::isDriverHandle(QualType T) const {
  if (!Sources.HandleTypes || !T->isPointerType())
    return false;
  const QualType Pointee = T->getPointeeType();
  // The typedef as written (DMA_HandleTypeDef), else the record's own name.
  if (const auto *TT = Pointee->getAs<TypedefType>())
    if (Sources.HandleTypes->match(TT->getDecl()->getName()))
      return true;
  const RecordDecl *R = Pointee->getAsRecordDecl();
  return R && R->getIdentifier() && Sources.HandleTypes->match(R->getName());
}

bool LocalDataFlow::taint(const ValueDecl *D, std::string Why, SourceLocation Loc,
                          const ValueDecl *From) {
  if (!D || Tainted.count(D))
    return false;
  Tainted[D] = {std::move(Why), Loc, From};
  return true;
}

std::vector<std::pair<std::string, SourceLocation>> LocalDataFlow::chain(const Expr *E) const {
  std::vector<std::pair<std::string, SourceLocation>> Steps;
  const ValueDecl *D = sourceVar(E);
  while (D && Steps.size() < 6) {
    auto It = Tainted.find(D);
    if (It == Tainted.end()) {
      Steps.push_back({quoted(D) + " is named like " + Sources.What, D->getLocation()});
      break;
    }
    Steps.push_back({It->second.Why, It->second.Loc});
    if (It->second.From == D)
      break;
    D = It->second.From;
  }
  return Steps;
}

const ValueDecl *LocalDataFlow::baseVar(const Expr *E) const { return baseVariable(E); }

bool LocalDataFlow::propagate(const Stmt *S) {
  if (const auto *C = dyn_cast<CallExpr>(S)) {
    const StringRef Name = directCalleeName(C);
    if (Name.empty())
      return false;
    bool Changed = false;
    auto Call = Sources.Calls.find(Name);
    if (Call != Sources.Calls.end())
      for (unsigned A : Call->second.BufferArgs)
        if (A < C->getNumArgs())
          if (const ValueDecl *D = baseVar(C->getArg(A)))
            Changed |= taint(D, quoted(D) + " is filled by '" + Name.str() + "'", C->getBeginLoc());
    auto Prop = Sources.Propagators.find(Name);
    if (Prop == Sources.Propagators.end() || Prop->second.From >= C->getNumArgs() ||
        !derived(C->getArg(Prop->second.From)))
      return Changed;
    const FlowSources::Propagator &P = Prop->second;
    auto Into = [&](const Expr *Arg) {
      if (const ValueDecl *D = baseVar(Arg))
        Changed |= taint(D,
                         quoted(D) + " is parsed or copied from " + sourceName(C->getArg(P.From)) +
                             " by '" + Name.str() + "'",
                         C->getBeginLoc(), sourceVar(C->getArg(P.From)));
    };
    if (P.To == FlowSources::Propagator::Out) {
      for (unsigned I = P.From + 1; I < C->getNumArgs(); ++I)
        if (const auto *U = dyn_cast<UnaryOperator>(C->getArg(I)->IgnoreParenImpCasts()))
          if (U->getOpcode() == UO_AddrOf)
            Into(U);
    } else if (P.To == FlowSources::Propagator::Arg && P.ToArg < C->getNumArgs()) {
      Into(C->getArg(P.ToArg));
    }
    return Changed;
  }
  if (const auto *B = dyn_cast<BinaryOperator>(S)) {
    if (!B->isAssignmentOp() || !derived(B->getRHS()))
      return false;
    const ValueDecl *D = baseVar(B->getLHS());
    return D && taint(D, quoted(D) + " is assigned from " + sourceName(B->getRHS()),
                      B->getBeginLoc(), sourceVar(B->getRHS()));
  }
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    bool Changed = false;
    for (const Decl *Dl : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(Dl))
        if (VD->getInit() && derived(VD->getInit()))
          Changed |= taint(VD, quoted(VD) + " is initialised from " + sourceName(VD->getInit()),
                           VD->getLocation(), sourceVar(VD->getInit()));
    return Changed;
  }
  return false;
}

bool LocalDataFlow::callDerived(const CallExpr *C) const {
  const StringRef Name = directCalleeName(C);
  if (Name.empty())
    return false;
  auto Call = Sources.Calls.find(Name);
  if (Call != Sources.Calls.end() && Call->second.Returns)
    return true;
  auto Prop = Sources.Propagators.find(Name);
  return Prop != Sources.Propagators.end() && Prop->second.To == FlowSources::Propagator::Return &&
         Prop->second.From < C->getNumArgs() && derived(C->getArg(Prop->second.From));
}

const ValueDecl *LocalDataFlow::sourceVar(const Expr *E) const {
  if (!E)
    return nullptr;
  E = E->IgnoreParens();
  if (const auto *R = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(R->getDecl());
    if (!VD)
      return nullptr;
    if (Tainted.count(VD))
      return VD;
    if (Sources.VariableNames && VD->getDeclName().isIdentifier() &&
        (!Sources.NamedBuffersOnly || VD->getType()->isArrayType() ||
         VD->getType()->isPointerType()) &&
        Sources.VariableNames->match(VD->getName()))
      return VD;
    return nullptr;
  }
  if (const auto *C = dyn_cast<CastExpr>(E))
    return sourceVar(C->getSubExpr());
  if (const auto *M = dyn_cast<MemberExpr>(E))
    return sourceVar(M->getBase());
  if (const auto *A = dyn_cast<ArraySubscriptExpr>(E))
    return sourceVar(A->getBase());
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() == UO_LNot)
      return nullptr;
    return sourceVar(U->getSubExpr());
  }
  if (const auto *B = dyn_cast<BinaryOperator>(E)) {
    if (B->isComparisonOp() || B->isLogicalOp())
      return nullptr;
    if (B->isAssignmentOp() || B->getOpcode() == BO_Comma)
      return sourceVar(B->getRHS());
    if (const ValueDecl *D = sourceVar(B->getLHS()))
      return D;
    return sourceVar(B->getRHS());
  }
  if (const auto *C = dyn_cast<ConditionalOperator>(E)) {
    if (const ValueDecl *D = sourceVar(C->getTrueExpr()))
      return D;
    return sourceVar(C->getFalseExpr());
  }
  if (const auto *C = dyn_cast<CallExpr>(E)) {
    auto Prop = Sources.Propagators.find(directCalleeName(C));
    if (Prop != Sources.Propagators.end() && Prop->second.To == FlowSources::Propagator::Return &&
        Prop->second.From < C->getNumArgs())
      return sourceVar(C->getArg(Prop->second.From));
  }
  return nullptr;
}

bool LocalDataFlow::derived(const Expr *E) const {
  if (!E)
    return false;
  if (sourceVar(E))
    return true;
  // A call giving source data directly: `addr = strtoul(rx, 0, 16)` is
  // covered above through rx; `t = HAL_GetTick()` needs this.
  bool Found = false;
  std::function<void(const Expr *)> Walk = [&](const Expr *X) {
    if (Found || !X)
      return;
    X = X->IgnoreParens();
    if (const auto *C = dyn_cast<CallExpr>(X)) {
      Found = callDerived(C);
      return;
    }
    if (const auto *Cast = dyn_cast<CastExpr>(X))
      return Walk(Cast->getSubExpr());
    if (const auto *U = dyn_cast<UnaryOperator>(X))
      if (U->getOpcode() != UO_LNot)
        return Walk(U->getSubExpr());
    if (const auto *B = dyn_cast<BinaryOperator>(X))
      if (!B->isComparisonOp() && !B->isLogicalOp()) {
        Walk(B->getLHS());
        Walk(B->getRHS());
      }
    if (const auto *C = dyn_cast<ConditionalOperator>(X)) {
      Walk(C->getTrueExpr());
      Walk(C->getFalseExpr());
    }
  };
  Walk(E);
  return Found;
}

std::string LocalDataFlow::sourceName(const Expr *E) const {
  if (const ValueDecl *D = sourceVar(E))
    return quoted(D);
  std::string Name;
  forEachStmt(E, [&](const Stmt *S) {
    if (const auto *C = dyn_cast<CallExpr>(S))
      if (Name.empty() && callDerived(C))
        Name = "the result of '" + directCalleeName(C).str() + "'";
  });
  return Name.empty() ? Sources.What : Name;
}

std::string LocalDataFlow::origin(const Expr *E) const {
  if (const ValueDecl *D = sourceVar(E)) {
    auto It = Tainted.find(D);
    if (It != Tainted.end())
      return It->second.Why;
    return quoted(D) + " is named like " + Sources.What;
  }
  return sourceName(E) + " is " + Sources.What;
}

SourceLocation LocalDataFlow::originLoc(const Expr *E) const {
  if (const ValueDecl *D = sourceVar(E)) {
    auto It = Tainted.find(D);
    if (It != Tainted.end())
      return It->second.Loc;
    return D->getLocation();
  }
  return {};
}

} // namespace clang::tidy::medsec
