//===- ResultUse.cpp ------------------------------------------------------===//
#include "ResultUse.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::medsec {
namespace {

using Use = ResultUse;

const Expr *constantOperand(const Expr *E) { return E->IgnoreParenImpCasts(); }

/// The conversion to bool C is itself the test of a condition: `if (f())`,
/// `!f()`, `f() && g()` in C++, where the condition's own test is judged.
bool convertsForCondition(const CastExpr *C, ASTContext &Ctx) {
  const DynTypedNodeList Parents = Ctx.getParents(*C);
  if (Parents.size() != 1)
    return false;
  const auto *S = Parents[0].get<Stmt>();
  if (!S)
    return false;
  if (const auto *If = dyn_cast<IfStmt>(S))
    return If->getCond() == C;
  if (const auto *W = dyn_cast<WhileStmt>(S))
    return W->getCond() == C;
  if (const auto *D = dyn_cast<DoStmt>(S))
    return D->getCond() == C;
  if (const auto *F = dyn_cast<ForStmt>(S))
    return F->getCond() == C;
  if (const auto *Cond = dyn_cast<ConditionalOperator>(S))
    return Cond->getCond() == C;
  if (const auto *U = dyn_cast<UnaryOperator>(S))
    return U->getOpcode() == UO_LNot;
  if (const auto *B = dyn_cast<BinaryOperator>(S))
    return B->isLogicalOp();
  return false;
}

Use classifyUse(const Expr *E, ASTContext &Ctx, const Expr *&ToBool) {
  const Stmt *Node = E;
  for (;;) {
    const DynTypedNodeList Parents = Ctx.getParents(*Node);
    if (Parents.size() != 1)
      return {};
    const DynTypedNode &P = Parents[0];
    if (const auto *VD = P.get<VarDecl>()) {
      if (!VD->isLocalVarDecl() || VD->isStaticLocal() || VD->getType()->isReferenceType())
        return {};
      const DynTypedNodeList DS = Ctx.getParents(*VD);
      Use U;
      U.K = Use::Stored;
      U.Var = VD;
      U.Store = DS.size() == 1 ? DS[0].get<DeclStmt>() : nullptr;
      U.Where = E;
      return U.Store ? U : Use{};
    }
    const auto *S = P.get<Stmt>();
    if (!S)
      return {};
    if (isa<ParenExpr, ExprWithCleanups, ConstantExpr, MaterializeTemporaryExpr,
            CXXBindTemporaryExpr>(S)) {
      Node = S;
      continue;
    }
    if (const auto *Cast = dyn_cast<CastExpr>(S)) {
      if (Cast->getType()->isVoidType() && isa<ExplicitCastExpr>(Cast))
        return {Use::VoidCast, Cast};
      if (Cast->getCastKind() == CK_IntegralToBoolean && !ToBool &&
          !convertsForCondition(Cast, Ctx))
        ToBool = Cast;
      // Integer conversions keep the value a test will see.
      if (Cast->getType()->isIntegralOrEnumerationType() || Cast->getType()->isPointerType() ||
          Cast->getType()->isBooleanType()) {
        Node = S;
        continue;
      }
      return {};
    }
    if (isa<CompoundStmt, LabelStmt, CaseStmt, DefaultStmt, AttributedStmt>(S))
      return {Use::Discarded, E};
    if (const auto *If = dyn_cast<IfStmt>(S))
      return If->getCond() == Node ? Use{Use::Tested, If->getCond()} : Use{Use::Discarded, E};
    if (const auto *W = dyn_cast<WhileStmt>(S))
      return W->getCond() == Node ? Use{Use::Tested, W->getCond()} : Use{Use::Discarded, E};
    if (const auto *D = dyn_cast<DoStmt>(S))
      return D->getCond() == Node ? Use{Use::Tested, D->getCond()} : Use{Use::Discarded, E};
    if (const auto *F = dyn_cast<ForStmt>(S))
      return F->getCond() == Node ? Use{Use::Tested, F->getCond()} : Use{Use::Discarded, E};
    if (const auto *C = dyn_cast<ConditionalOperator>(S)) {
      if (C->getCond() == Node)
        return {Use::Tested, C->getCond()};
      Node = S;
      continue;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(S)) {
      if (U->getOpcode() == UO_LNot)
        return {Use::Tested, U};
      return {};
    }
    if (const auto *B = dyn_cast<BinaryOperator>(S)) {
      if (B->getOpcode() == BO_Comma) {
        if (B->getLHS() == Node)
          return {Use::Discarded, E};
        Node = S;
        continue;
      }
      if (B->isLogicalOp())
        return {Use::Tested, B};
      if (B->getOpcode() == BO_Assign && B->getRHS() == Node) {
        // `if ((ret = f()) != 0)`: the assignment's own value is what is tested.
        Use Outer = classifyUse(B, Ctx, ToBool);
        const auto *Ref = dyn_cast<DeclRefExpr>(B->getLHS()->IgnoreParens());
        const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
        const bool Local = VD && VD->isLocalVarDecl() && !VD->isStaticLocal() &&
                           !VD->getType()->isReferenceType();
        if (Outer.K != Use::Discarded) {
          if (Outer.K == Use::Tested && Local)
            Outer.Var = VD; // `while ((n = fread(...)) > 0)`: the count is kept too
          return Outer;
        }
        if (!Local)
          return {};
        Use U;
        U.K = Use::Stored;
        U.Var = VD;
        U.Store = B;
        U.Where = E;
        return U;
      }
      if (B->isComparisonOp() && !B->isCommaOp()) {
        const bool OnLeft = B->getLHS() == Node;
        const Expr *Other = OnLeft ? B->getRHS() : B->getLHS();
        // A pointer result meets the integer 0 behind an implicit conversion.
        if (Other->getType()->isPointerType())
          Other = constantOperand(Other);
        Expr::EvalResult R;
        if (!constantOperand(Other)->isValueDependent() &&
            Other->getType()->isIntegralOrEnumerationType() &&
            Other->EvaluateAsInt(R, Ctx, Expr::SE_AllowSideEffects)) {
          Use U{Use::Tested, B};
          U.Test.K = ResultTest::Compare;
          U.Test.Op = OnLeft ? B->getOpcode() : BinaryOperator::reverseComparisonOp(B->getOpcode());
          U.Test.Constant = R.Val.getInt();
          const QualType T = B->getLHS()->getType();
          U.Test.Unsigned = T->isUnsignedIntegerOrEnumerationType();
          U.Test.Width =
              T->isIntegralOrEnumerationType() ? static_cast<unsigned>(Ctx.getTypeSize(T)) : 64;
          return U;
        }
      }
      return {};
    }
    return {}; // an argument, a return value, an initialiser: handed on
  }
}

} // namespace

ResultUse classifyResultUse(const Expr *E, ASTContext &Ctx) {
  const Expr *ToBool = nullptr;
  Use U = classifyUse(E, Ctx, ToBool);
  U.ToBool = ToBool;
  return U;
}

bool dereferenced(const DeclRefExpr *Ref, ASTContext &Ctx) {
  const Expr *E = Ref;
  for (;;) {
    const DynTypedNodeList P = Ctx.getParents(*E);
    if (P.size() != 1)
      return false;
    if (const auto *C = P[0].get<ImplicitCastExpr>()) {
      E = C;
      continue;
    }
    if (const auto *C = P[0].get<ParenExpr>()) {
      E = C;
      continue;
    }
    if (const auto *U = P[0].get<UnaryOperator>())
      return U->getOpcode() == UO_Deref;
    if (const auto *A = P[0].get<ArraySubscriptExpr>())
      return A->getBase() == E;
    if (const auto *M = P[0].get<MemberExpr>())
      return M->isArrow() && M->getBase() == E;
    const auto *Call = P[0].get<CallExpr>();
    const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
    if (!FD)
      return false;
    for (unsigned I = 0; I < Call->getNumArgs() && I < FD->getNumParams(); ++I) {
      if (Call->getArg(I) != E)
        continue;
      if (FD->getParamDecl(I)->hasAttr<NonNullAttr>())
        return true;
      for (const auto *A : FD->specific_attrs<NonNullAttr>()) {
        if (A->args_size() == 0)
          return true;
        for (const ParamIdx &Idx : A->args())
          if (Idx.getASTIndex() == I)
            return true;
      }
    }
    return false;
  }
}

bool switchedOn(const Expr *E, ASTContext &Ctx) {
  const Stmt *Node = E;
  for (int Depth = 0; Depth < 8; ++Depth) {
    const DynTypedNodeList P = Ctx.getParents(*Node);
    if (P.size() != 1)
      return false;
    if (const auto *Sw = P[0].get<SwitchStmt>())
      return Sw->getCond() == Node;
    const auto *S = P[0].get<Stmt>();
    if (!S || !isa<ImplicitCastExpr, ParenExpr>(S))
      return false;
    Node = S;
  }
  return false;
}

bool storedThenTested(const Use &U, const FunctionDecl *Fn, const SourceManager &SM,
                      ASTContext &Ctx) {
  const SourceLocation StoreEnd = SM.getExpansionLoc(U.Store->getEndLoc());
  for (const BoundNodes &N :
       match(findAll(declRefExpr(to(varDecl(equalsNode(U.Var)))).bind("r")), *Fn->getBody(), Ctx)) {
    const auto *Ref = N.getNodeAs<DeclRefExpr>("r");
    if (!SM.isBeforeInTranslationUnit(StoreEnd, SM.getExpansionLoc(Ref->getLocation())))
      continue;
    if (classifyResultUse(Ref, Ctx).K == Use::Tested || switchedOn(Ref, Ctx))
      return true;
  }
  return false;
}

bool countIsUsed(const VarDecl *V, const FunctionDecl *Fn, ASTContext &Ctx) {
  if (!Fn || !Fn->hasBody())
    return false;
  for (const BoundNodes &N :
       match(findAll(declRefExpr(to(varDecl(equalsNode(V)))).bind("r")), *Fn->getBody(), Ctx)) {
    const auto *Ref = N.getNodeAs<DeclRefExpr>("r");
    const DynTypedNodeList P = Ctx.getParents(*Ref);
    if (P.size() == 1)
      if (const auto *B = P[0].get<BinaryOperator>())
        if (B->isAssignmentOp() && B->getLHS()->IgnoreParens() == Ref)
          continue;
    const Use U = classifyResultUse(Ref, Ctx);
    if (U.K != Use::Tested && U.K != Use::VoidCast && U.K != Use::Discarded)
      return true;
  }
  return false;
}

} // namespace clang::tidy::medsec
