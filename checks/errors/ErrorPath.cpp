//===- ErrorPath.cpp ------------------------------------------------------===//
#include "ErrorPath.h"
#include "../support/AstQueries.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/CharInfo.h"

namespace clang::tidy::medsec {
namespace {

/// V (any variable when D is null), or an assignment to it.
bool isVar(const Expr *E, const ValueDecl *D) {
  E = E->IgnoreParenImpCasts();
  if (const auto *B = dyn_cast<BinaryOperator>(E))
    if (B->getOpcode() == BO_Assign)
      E = B->getLHS()->IgnoreParenImpCasts();
  const auto *R = dyn_cast<DeclRefExpr>(E);
  return R && isa<VarDecl>(R->getDecl()) && (!D || R->getDecl() == D);
}

/// Cond holds when V is an error: `V`, `V != 0`, `V < 0`, `(V = f()) != 0`,
/// or a null pointer (`V == NULL`, `!V`).
bool testsFailure(const Expr *Cond, const ValueDecl *D, ASTContext &Ctx) {
  Cond = Cond->IgnoreParenImpCasts();
  if (isVar(Cond, D) && !Cond->getType()->isPointerType())
    return true;
  if (const auto *U = dyn_cast<UnaryOperator>(Cond))
    return U->getOpcode() == UO_LNot && isVar(U->getSubExpr(), D) &&
           U->getSubExpr()->IgnoreParenImpCasts()->getType()->isPointerType();
  const auto *B = dyn_cast<BinaryOperator>(Cond);
  if (!B)
    return false;
  if (B->getOpcode() == BO_LOr)
    return testsFailure(B->getLHS(), D, Ctx) || testsFailure(B->getRHS(), D, Ctx);
  if (!B->isComparisonOp())
    return false;
  const bool VarLeft = isVar(B->getLHS(), D);
  const Expr *Var = VarLeft ? B->getLHS() : B->getRHS();
  const Expr *Other = VarLeft ? B->getRHS() : B->getLHS();
  if (!isVar(Var, D))
    return false;
  if (Var->IgnoreParenImpCasts()->getType()->isPointerType())
    return B->getOpcode() == BO_EQ &&
           Other->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull);
  Expr::EvalResult K;
  const BinaryOperatorKind Op =
      VarLeft ? B->getOpcode() : BinaryOperator::reverseComparisonOp(B->getOpcode());
  return (Op == BO_NE || Op == BO_LT) && Other->EvaluateAsInt(K, Ctx) && K.Val.getInt() == 0;
}

/// Call is in the then-branch of an `if` that tests D (any variable when D
/// is null) for failure.
bool insideFailureBranch(const Stmt *Call, const ValueDecl *D, ASTContext &Ctx) {
  const Stmt *Node = Call;
  for (int Depth = 0; Depth < 32; ++Depth) {
    const DynTypedNodeList P = Ctx.getParents(*Node);
    if (P.size() != 1 || !P[0].get<Stmt>())
      return false;
    const Stmt *Child = Node;
    Node = P[0].get<Stmt>();
    if (const auto *If = dyn_cast<IfStmt>(Node))
      if (If->getThen() == Child && testsFailure(If->getCond(), D, Ctx))
        return true;
  }
  return false;
}

/// `return V;` reports an error: V is a non-zero constant, or the variable an
/// enclosing `if` around Call has just tested.
bool returnsError(const ReturnStmt *R, const Stmt *Call, ASTContext &Ctx) {
  const Expr *V = R->getRetValue();
  if (!V)
    return false;
  Expr::EvalResult K;
  if (V->EvaluateAsInt(K, Ctx))
    return K.Val.getInt() != 0;
  const auto *Ref = dyn_cast<DeclRefExpr>(V->IgnoreParenImpCasts());
  return Ref && insideFailureBranch(Call, Ref->getDecl(), Ctx);
}

} // namespace

bool hasJustification(SourceLocation Loc, const SourceManager &SM) {
  const FileID FID = SM.getFileID(Loc);
  bool Invalid = false;
  const StringRef Buffer = SM.getBufferData(FID, &Invalid);
  if (Invalid)
    return false;
  const unsigned Line = SM.getLineNumber(FID, SM.getFileOffset(Loc));
  auto LineText = [&](unsigned N) -> StringRef {
    if (N == 0)
      return {};
    const SourceLocation Start = SM.translateLineCol(FID, N, 1);
    const unsigned Off = SM.getFileOffset(Start);
    StringRef Rest = Buffer.substr(Off);
    return Rest.take_until([](char C) { return C == '\n'; });
  };
  auto HasWords = [](StringRef Comment) {
    unsigned Letters = 0;
    for (char C : Comment)
      Letters += isLetter(C);
    return Letters >= 3;
  };
  const StringRef Here = LineText(Line);
  for (StringRef Opener : {"//", "/*"}) {
    const size_t Pos = Here.find(Opener);
    if (Pos != StringRef::npos && HasWords(Here.substr(Pos + 2)))
      return true;
  }
  // The comment just above, skipping preprocessor lines (`#if` around the
  // call); a block comment counts as a whole.
  unsigned N = Line - 1;
  while (N > 0 && LineText(N).trim().starts_with("#"))
    --N;
  const StringRef Above = LineText(N).trim();
  if (Above.starts_with("//"))
    return HasWords(Above);
  if (!Above.ends_with("*/"))
    return false;
  std::string Block;
  for (unsigned K = N; K > 0 && N - K < 20; --K) {
    const StringRef Text = LineText(K);
    Block += Text.str();
    if (Text.contains("/*"))
      return HasWords(Block);
  }
  return false;
}

bool onErrorPath(const CallExpr *Call, ASTContext &Ctx) {
  const CompoundStmt *Block = nullptr;
  const Stmt *S = statementInBlock(Call, Ctx, Block);
  bool ErrorAssigned = false;
  for (int Level = 0; S && Block && Level < 3; ++Level) {
    bool After = false;
    for (const Stmt *Next : Block->body()) {
      if (!After) {
        After = Next == S;
        continue;
      }
      if (const auto *R = dyn_cast<ReturnStmt>(Next))
        return returnsError(R, Call, Ctx);
      if (isa<GotoStmt>(Next))
        return ErrorAssigned || insideFailureBranch(Call, nullptr, Ctx);
      if (const auto *B = dyn_cast<BinaryOperator>(Next)) {
        Expr::EvalResult K;
        if (B->getOpcode() == BO_Assign && B->getRHS()->EvaluateAsInt(K, Ctx))
          ErrorAssigned |= K.Val.getInt() != 0;
        continue;
      }
      if (!isa<Expr, DoStmt, NullStmt, IfStmt>(Next))
        return false;
    }
    // The block ends: continue after the statement that holds it.
    const DynTypedNodeList P = Ctx.getParents(*Block);
    const Stmt *Holder = P.size() == 1 ? P[0].get<Stmt>() : nullptr;
    if (!Holder || !isa<IfStmt>(Holder))
      return false;
    S = statementInBlock(Holder, Ctx, Block);
    if (!S) {
      const DynTypedNodeList HP = Ctx.getParents(*Holder);
      Block = HP.size() == 1 ? HP[0].get<CompoundStmt>() : nullptr;
      S = Holder;
    }
  }
  return false;
}

} // namespace clang::tidy::medsec
