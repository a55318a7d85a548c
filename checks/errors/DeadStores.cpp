//===- DeadStores.cpp -----------------------------------------------------===//
#include "DeadStores.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/Analyses/LiveVariables.h"
#include "clang/Analysis/AnalysisDeclContext.h"

namespace clang::tidy::medsec {
namespace {

/// Locals whose address is taken or that are captured: a store to them may
/// be read through an alias, so liveness says nothing.
class EscapingLocals : public RecursiveASTVisitor<EscapingLocals> {
public:
  llvm::DenseSet<const VarDecl *> Vars;
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->getOpcode() == UO_AddrOf)
      if (const auto *R = dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParens()))
        if (const auto *VD = dyn_cast<VarDecl>(R->getDecl()))
          Vars.insert(VD);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *L) {
    for (const LambdaCapture &C : L->captures())
      if (C.capturesVariable())
        if (const auto *VD = dyn_cast<VarDecl>(C.getCapturedVar()))
          Vars.insert(VD);
    return true;
  }
  bool VisitGCCAsmStmt(GCCAsmStmt *) {
    Opaque = true;
    return true;
  }
  bool Opaque = false;
};

class DeadStoreObserver : public LiveVariables::Observer {
public:
  DeadStoreObserver(llvm::DenseSet<const void *> &Dead, const llvm::DenseSet<const VarDecl *> &Skip)
      : Dead(Dead), Skip(Skip) {}
  void observeStmt(const Stmt *S, const CFGBlock *,
                   const LiveVariables::LivenessValues &Live) override {
    if (const auto *B = dyn_cast<BinaryOperator>(S)) {
      if (B->getOpcode() != BO_Assign)
        return;
      if (const auto *R = dyn_cast<DeclRefExpr>(B->getLHS()->IgnoreParens()))
        if (const auto *VD = dyn_cast<VarDecl>(R->getDecl()))
          if (eligible(VD) && !Live.isLive(VD))
            Dead.insert(B);
      return;
    }
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (VD->hasInit() && eligible(VD) && !Live.isLive(VD))
            Dead.insert(VD);
  }

private:
  bool eligible(const VarDecl *VD) const {
    return VD->isLocalVarDecl() && !VD->isStaticLocal() && !Skip.count(VD) &&
           !VD->getType().isVolatileQualified() && !VD->getType()->isReferenceType();
  }
  llvm::DenseSet<const void *> &Dead;
  const llvm::DenseSet<const VarDecl *> &Skip;
};

} // namespace

bool DeadResultStores::isDead(const FunctionDecl *Fn, const ResultUse &U, ASTContext &Ctx) {
  auto It = Dead.find(Fn);
  if (It == Dead.end()) {
    llvm::DenseSet<const void *> &Stores = Dead[Fn];
    EscapingLocals Esc;
    Esc.TraverseStmt(Fn->getBody());
    if (!Esc.Opaque) {
      AnalysisDeclContextManager Mgr(Ctx);
      // Liveness reads every sub-expression, so the CFG must list them all.
      Mgr.getCFGBuildOptions().setAllAlwaysAdd();
      AnalysisDeclContext *ADC = Mgr.getContext(Fn);
      if (ADC && ADC->getCFG())
        if (LiveVariables *LV = ADC->getAnalysis<LiveVariables>()) {
          DeadStoreObserver Obs(Stores, Esc.Vars);
          LV->runOnAllBlocks(Obs);
        }
    }
    It = Dead.find(Fn);
  }
  const void *Key = isa<DeclStmt>(U.Store) ? static_cast<const void *>(U.Var)
                                           : static_cast<const void *>(U.Store);
  return It->second.count(Key) != 0;
}

} // namespace clang::tidy::medsec
