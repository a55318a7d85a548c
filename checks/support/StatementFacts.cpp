//===- StatementFacts.cpp -------------------------------------------------===//
#include "StatementFacts.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ParentMapContext.h"

namespace clang::tidy::medsec {

std::vector<const Stmt *> following(const Stmt *S, ASTContext &Ctx) {
  std::vector<const Stmt *> Out;
  const DynTypedNodeList P = Ctx.getParents(*S);
  const auto *C = P.size() == 1 ? P[0].get<CompoundStmt>() : nullptr;
  if (!C)
    return Out;
  bool After = false;
  for (const Stmt *Child : C->body()) {
    if (After)
      Out.push_back(Child);
    After |= Child == S;
  }
  return Out;
}

bool alwaysExits(const Stmt *S) {
  if (!S)
    return false;
  if (isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt>(S))
    return true;
  if (const auto *C = dyn_cast<CompoundStmt>(S))
    return !C->body_empty() && alwaysExits(C->body_back());
  return false;
}

const ValueDecl *referencedDecl(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *DR = dyn_cast<DeclRefExpr>(E))
    return DR->getDecl();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return ME->getMemberDecl();
  return nullptr;
}

} // namespace clang::tidy::medsec
