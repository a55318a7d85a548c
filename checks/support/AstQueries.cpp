//===- AstQueries.cpp -----------------------------------------------------===//
#include "AstQueries.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"

namespace clang::tidy::medsec {

bool isLibraryFunction(const FunctionDecl *FD) {
  if (!FD)
    return false;
  if (isa<CXXMethodDecl>(FD))
    return false;
  return FD->isExternC() || FD->isInStdNamespace() || FD->getBuiltinID() ||
         FD->isInExternCContext();
}

SourceLocation actionableLocation(SourceLocation Loc, const SourceManager &SM) {
  if (!Loc.isMacroID())
    return Loc;
  const SourceLocation Spelling = SM.getSpellingLoc(Loc);
  return (SM.isInSystemHeader(Spelling) || SM.isWrittenInScratchSpace(Spelling))
             ? SM.getExpansionLoc(Loc)
             : Spelling;
}

SourceLocation callSiteLocation(SourceLocation Loc, const SourceManager &SM,
                                SourceLocation &MacroDef) {
  MacroDef = SourceLocation();
  if (!Loc.isMacroID())
    return Loc;
  const SourceLocation Site = SM.getFileLoc(Loc);
  const SourceLocation Spelling = SM.getSpellingLoc(Loc);
  if (Spelling != Site && !SM.isInSystemHeader(Spelling) && !SM.isWrittenInScratchSpace(Spelling))
    MacroDef = Spelling;
  return Site;
}

SourceLocation calleeNameLocation(const CallExpr *Call, const SourceManager &SM) {
  const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
  SourceLocation NameLoc = Callee->getExprLoc();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Callee))
    NameLoc = Ref->getLocation();
  else if (const auto *Mem = dyn_cast<MemberExpr>(Callee))
    NameLoc = Mem->getMemberLoc();
  return SM.getFileLoc(NameLoc);
}

const Decl *enclosingFunction(const Stmt &S, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(S);
  for (unsigned Step = 0; Step < 256 && !Parents.empty(); ++Step) {
    const DynTypedNode &P = Parents[0];
    if (const auto *FD = P.get<FunctionDecl>())
      return FD;
    if (const auto *BD = P.get<BlockDecl>())
      return BD;
    if (const auto *LE = P.get<LambdaExpr>())
      return LE->getCallOperator();
    Parents = Ctx.getParents(P);
  }
  return nullptr;
}

const Stmt *statementInBlock(const Stmt *S, ASTContext &Ctx, const CompoundStmt *&Block) {
  const Stmt *Node = S;
  for (int Depth = 0; Depth < 16; ++Depth) {
    const DynTypedNodeList P = Ctx.getParents(*Node);
    if (P.size() != 1)
      return nullptr;
    if (const auto *C = P[0].get<CompoundStmt>()) {
      Block = C;
      return Node;
    }
    const auto *Up = P[0].get<Stmt>();
    if (!Up || !isa<Expr>(Up))
      return nullptr;
    Node = Up;
  }
  return nullptr;
}

std::string macroBodyText(const MacroInfo &MI, Preprocessor &PP) {
  std::string Body;
  for (const Token &T : MI.tokens())
    if (!T.isOneOf(tok::l_paren, tok::r_paren))
      Body += PP.getSpelling(T);
  return Body;
}

StringRef directCalleeName(const CallExpr *C) {
  const FunctionDecl *FD = C->getDirectCallee();
  return FD && FD->getDeclName().isIdentifier() ? FD->getName() : StringRef();
}

const ValueDecl *baseVariable(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (const auto *R = dyn_cast<DeclRefExpr>(E))
    return isa<VarDecl>(R->getDecl()) ? R->getDecl() : nullptr;
  if (const auto *M = dyn_cast<MemberExpr>(E))
    return baseVariable(M->getBase());
  if (const auto *A = dyn_cast<ArraySubscriptExpr>(E))
    return baseVariable(A->getBase());
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_Deref || U->getOpcode() == UO_AddrOf)
      return baseVariable(U->getSubExpr());
  if (const auto *B = dyn_cast<BinaryOperator>(E))
    if (B->isAdditiveOp())
      return baseVariable(B->getLHS()->getType()->isPointerType() ? B->getLHS() : B->getRHS());
  return nullptr;
}

} // namespace clang::tidy::medsec
