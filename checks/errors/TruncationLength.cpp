//===- TruncationLength.cpp -----------------------------------------------===//
#include "TruncationLength.h"
#include "../support/AstQueries.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::medsec {
namespace {

enum class UseKind { Length, SizeCheck, OtherTest, Store, Other };

struct Classified {
  UseKind K = UseKind::Other;
  const Expr *At = nullptr;
  const VarDecl *Var = nullptr; // Store: the local assigned
  const Stmt *Store = nullptr;  // Store: the DeclStmt or the assignment
};

bool isLocal(const VarDecl *VD) {
  return VD && VD->isLocalVarDecl() && !VD->isStaticLocal() && !VD->getType()->isReferenceType();
}

/// What the expressions around E do with its value.
Classified classifyValue(const Expr *E, ASTContext &Ctx) {
  const Stmt *Node = E;
  for (int Depth = 0; Depth < 16; ++Depth) {
    const DynTypedNodeList P = Ctx.getParents(*Node);
    if (P.size() != 1)
      return {};
    if (const auto *VD = P[0].get<VarDecl>()) {
      const DynTypedNodeList DS = Ctx.getParents(*VD);
      if (!isLocal(VD) || DS.size() != 1 || !DS[0].get<DeclStmt>())
        return {};
      return {UseKind::Store, E, VD, DS[0].get<DeclStmt>()};
    }
    const auto *S = P[0].get<Stmt>();
    if (!S)
      return {};
    if (isa<ParenExpr, CastExpr, ExprWithCleanups, ConstantExpr>(S)) {
      Node = S;
      continue;
    }
    if (const auto *B = dyn_cast<BinaryOperator>(S)) {
      if (B->getOpcode() == BO_Assign) {
        if (B->getRHS() != Node)
          return {};
        const auto *Ref = dyn_cast<DeclRefExpr>(B->getLHS()->IgnoreParenImpCasts());
        const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
        if (!isLocal(VD))
          return {};
        return {UseKind::Store, E, VD, B};
      }
      if (B->isCompoundAssignmentOp() || B->isAdditiveOp())
        return {UseKind::Length, B};
      if (B->isComparisonOp()) {
        const Expr *Other = B->getLHS() == Node ? B->getRHS() : B->getLHS();
        Expr::EvalResult K;
        if (!Other->isValueDependent() && Other->EvaluateAsInt(K, Ctx) &&
            !K.Val.getInt().isStrictlyPositive())
          return {UseKind::OtherTest, B};
        return {UseKind::SizeCheck, B};
      }
      if (B->isLogicalOp())
        return {UseKind::OtherTest, B};
      return {};
    }
    if (const auto *U = dyn_cast<UnaryOperator>(S))
      return {U->getOpcode() == UO_LNot ? UseKind::OtherTest : UseKind::Other, U};
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(S))
      return {A->getIdx() == Node ? UseKind::Length : UseKind::Other, A};
    if (const auto *C = dyn_cast<CallExpr>(S))
      return {C->getCallee() == Node ? UseKind::Other : UseKind::Length, C};
    if (isa<IfStmt, WhileStmt, DoStmt, ForStmt, ConditionalOperator>(S))
      return {UseKind::OtherTest, E};
    return {};
  }
  return {};
}

/// The block holding S directly (as a statement or inside one).
const CompoundStmt *blockOf(const Stmt *S, ASTContext &Ctx) {
  const CompoundStmt *Block = nullptr;
  return statementInBlock(S, Ctx, Block) ? Block : nullptr;
}

} // namespace

LengthUse uncheckedLengthUse(const CallExpr *Call, const FunctionDecl *Fn, ASTContext &Ctx) {
  const Classified Direct = classifyValue(Call, Ctx);
  if (Direct.K == UseKind::Length)
    return {Call, nullptr};
  if (Direct.K != UseKind::Store || !Fn || !Fn->hasBody())
    return {};
  const SourceManager &SM = Ctx.getSourceManager();
  const SourceLocation StoreEnd = SM.getExpansionLoc(Direct.Store->getEndLoc());
  const CompoundStmt *StoreBlock = blockOf(Direct.Store, Ctx);
  std::vector<const DeclRefExpr *> Reads;
  for (const BoundNodes &N : match(findAll(declRefExpr(to(varDecl(equalsNode(Direct.Var)))).bind("r")),
                                   *Fn->getBody(), Ctx))
    Reads.push_back(N.getNodeAs<DeclRefExpr>("r"));
  // In source order; reads inside one macro expansion (mbedTLS's
  // MBEDTLS_X509_SAFE_SNPRINTF tests, then advances) in the macro's order.
  llvm::sort(Reads, [&](const DeclRefExpr *A, const DeclRefExpr *B) {
    const SourceLocation EA = SM.getExpansionLoc(A->getLocation());
    const SourceLocation EB = SM.getExpansionLoc(B->getLocation());
    if (EA != EB)
      return SM.isBeforeInTranslationUnit(EA, EB);
    return SM.isBeforeInTranslationUnit(SM.getSpellingLoc(A->getLocation()),
                                        SM.getSpellingLoc(B->getLocation()));
  });
  for (const DeclRefExpr *Ref : Reads) {
    if (!SM.isBeforeInTranslationUnit(StoreEnd, SM.getExpansionLoc(Ref->getLocation())))
      continue;
    const DynTypedNodeList P = Ctx.getParents(*Ref);
    if (P.size() == 1)
      if (const auto *B = P[0].get<BinaryOperator>())
        if (B->getOpcode() == BO_Assign && B->getLHS()->IgnoreParens() == Ref) {
          if (blockOf(B, Ctx) == StoreBlock)
            return {}; // overwritten: later reads see another value
          continue;
        }
    const Classified U = classifyValue(Ref, Ctx);
    switch (U.K) {
    case UseKind::Length:
      return {Ref, Direct.Var};
    case UseKind::OtherTest:
      continue; // `n < 0`, `if (n)`: says nothing about the size
    case UseKind::SizeCheck:
    case UseKind::Store:
    case UseKind::Other:
      return {}; // compared with a size, handed on, returned
    }
  }
  return {};
}

TruncatedOutput truncatedOutputUse(const CallExpr *Call, const FunctionDecl *Fn,
                                   const llvm::StringMap<TruncationSink> &Sinks,
                                   ASTContext &Ctx) {
  if (Sinks.empty() || !Fn || !Fn->hasBody() || Call->getNumArgs() == 0)
    return {};
  const auto *Dest = dyn_cast<DeclRefExpr>(Call->getArg(0)->IgnoreParenImpCasts());
  const auto *Buf = Dest ? dyn_cast<VarDecl>(Dest->getDecl()) : nullptr;
  if (!Buf)
    return {};
  const SourceManager &SM = Ctx.getSourceManager();
  TruncatedOutput First;
  for (const BoundNodes &N :
       match(findAll(callExpr(callee(functionDecl().bind("fn"))).bind("c")), *Fn->getBody(), Ctx)) {
    const auto *C = N.getNodeAs<CallExpr>("c");
    const auto *FD = N.getNodeAs<FunctionDecl>("fn");
    if (!FD->getDeclName().isIdentifier() ||
        !SM.isBeforeInTranslationUnit(Call->getBeginLoc(), C->getBeginLoc()))
      continue;
    const auto It = Sinks.find(FD->getName());
    if (It == Sinks.end())
      continue;
    for (unsigned A : It->second.Args) {
      if (A >= C->getNumArgs())
        continue;
      const auto *Ref = dyn_cast<DeclRefExpr>(C->getArg(A)->IgnoreParenImpCasts());
      if (!Ref || Ref->getDecl() != Buf)
        continue;
      if (!First.Sink || SM.isBeforeInTranslationUnit(C->getBeginLoc(), First.Sink->getBeginLoc()))
        First = {C, FD->getName().str(), It->second.What};
    }
  }
  return First;
}

} // namespace clang::tidy::medsec
