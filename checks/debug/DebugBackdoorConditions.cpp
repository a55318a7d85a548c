//===- DebugBackdoorConditions.cpp - hidden commands, trap doors, bombs ---===//
//
// The branch-guarding half of medsec-debug-backdoor: a condition that
// compares received data with a magic value, a peer's address with a fixed
// one, or a clock with a fixed date, guarding a privileged or safety-relevant
// action.
//
//===----------------------------------------------------------------------===//
#include "../support/StatementFacts.h"
#include "DebugBackdoorCheck.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"

namespace clang::tidy::medsec {

struct DebugBackdoorCheck::Suspect {
  enum Kind { Magic, TrapDoor, Bomb } K = Magic;
  std::string What;          // the compared constant, for the message
  bool MatchWhenTrue = true; // the suspicious case is the leaf being true
  const Expr *Leaf = nullptr;
};

namespace {

struct Leaf {
  const Expr *E;
  bool Positive; // false under an odd number of '!'
};

void leaves(const Expr *E, bool Positive, std::vector<Leaf> &Out) {
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_LNot)
      return leaves(U->getSubExpr(), !Positive, Out);
  if (const auto *B = dyn_cast<BinaryOperator>(E))
    if (B->isLogicalOp()) {
      leaves(B->getLHS(), Positive, Out);
      leaves(B->getRHS(), Positive, Out);
      return;
    }
  Out.push_back({E, Positive});
}

bool stringLiteral(const Expr *E, std::string &Text) {
  const auto *SL = dyn_cast<StringLiteral>(E->IgnoreParenCasts());
  if (!SL || SL->getCharByteWidth() != 1)
    return false;
  Text = SL->getString().str();
  return true;
}

StringRef calleeOf(const Expr *E) {
  const auto *C = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
  const FunctionDecl *FD = C ? C->getDirectCallee() : nullptr;
  return FD && FD->getDeclName().isIdentifier() ? FD->getName() : StringRef();
}

std::string hexOrDec(const llvm::APSInt &V) {
  if (V.isNegative() || V.getZExtValue() < 4096)
    return llvm::toString(V, 10);
  return "0x" + llvm::toString(V, 16, /*Signed=*/false);
}

StringRef fieldOrVarName(const Expr *E) {
  const NamedDecl *D = referencedDecl(E);
  return D && D->getDeclName().isIdentifier() ? D->getName() : StringRef();
}

} // namespace

bool DebugBackdoorCheck::classifyLeaf(const Expr *E, const FunctionDecl *Fn, ASTContext &Ctx,
                                      Suspect &Out) {
  Out.Leaf = E;
  // strcmp(rx, "FACTORY") == 0, !memcmp(...), strstr(rx, "debug")
  const Expr *CallSide = E;
  bool EqualWhenTrue = false;
  if (const auto *B = dyn_cast<BinaryOperator>(E))
    if (B->isEqualityOp()) {
      Expr::EvalResult Zero;
      const Expr *Other = nullptr;
      if (!calleeOf(B->getLHS()).empty())
        CallSide = B->getLHS(), Other = B->getRHS();
      else if (!calleeOf(B->getRHS()).empty())
        CallSide = B->getRHS(), Other = B->getLHS();
      if (Other && Other->EvaluateAsInt(Zero, Ctx) && Zero.Val.getInt() == 0)
        EqualWhenTrue = B->getOpcode() == BO_EQ;
      else
        CallSide = E;
    }
  auto Cmp = CompareFunctions.find(calleeOf(CallSide));
  if (Cmp != CompareFunctions.end()) {
    const auto *Call = cast<CallExpr>(CallSide->IgnoreParenImpCasts());
    if (Call == E->IgnoreParenImpCasts())
      EqualWhenTrue = Call->getType()->isPointerType(); // strstr: found when non-null
    Out.MatchWhenTrue = EqualWhenTrue;
    std::string Literal;
    const Expr *Other = nullptr;
    for (unsigned I : Cmp->second)
      if (I < Call->getNumArgs() && stringLiteral(Call->getArg(I), Literal)) {
        for (unsigned J : Cmp->second)
          if (J != I && J < Call->getNumArgs())
            Other = Call->getArg(J);
        break;
      }
    if (!Other)
      return false;
    for (const NamedPattern &P : TrapLiterals)
      if (P.Re->match(Literal)) {
        Out.K = Suspect::TrapDoor;
        Out.What = "the fixed peer identity \"" + Literal + "\"";
        return true;
      }
    if (!received(Fn).derived(Other))
      return false;
    Out.K = Suspect::Magic;
    Out.What = "the magic string \"" + Literal + "\"";
    return true;
  }
  // rx_word == 0xDEADBEEF, peer.sin_addr.s_addr == 0x0A000001, now > 1767225600
  const auto *B = dyn_cast<BinaryOperator>(E);
  if (!B || !B->isComparisonOp())
    return false;
  Expr::EvalResult K;
  const Expr *Value = B->getLHS();
  if (!B->getRHS()->EvaluateAsInt(K, Ctx)) {
    Value = B->getRHS();
    if (!B->getLHS()->EvaluateAsInt(K, Ctx))
      return false;
  }
  const llvm::APSInt &C = K.Val.getInt();
  const bool Large = [&](long long Min) {
    return C.isNegative() ? C.getSExtValue() <= -Min
                          : C.getZExtValue() >= static_cast<uint64_t>(Min);
  }(MagicMinimum);
  Out.MatchWhenTrue = B->getOpcode() != BO_NE;
  if (B->isEqualityOp()) {
    const StringRef Name = fieldOrVarName(Value);
    for (const NamedPattern &P : TrapVariables)
      if (!Name.empty() && P.Re->match(Name) && C != 0) {
        Out.K = Suspect::TrapDoor;
        Out.What = "the fixed peer address " + hexOrDec(C);
        return true;
      }
    if (Large && received(Fn).derived(Value)) {
      Out.K = Suspect::Magic;
      Out.What = "the magic number " + hexOrDec(C);
      return true;
    }
  }
  const bool Date = C.isNegative() ? false : C.getZExtValue() >= static_cast<uint64_t>(BombMinimum);
  if (Date && timed(Fn).derived(Value)) {
    Out.K = Suspect::Bomb;
    Out.What = timed(Fn).sourceName(Value) + " with the constant " + hexOrDec(C);
    return true;
  }
  return false;
}

void DebugBackdoorCheck::checkCondition(const Stmt *Branching, const Expr *Cond, const Stmt *Then,
                                        const Stmt *Else, const FunctionDecl *Fn, ASTContext &Ctx) {
  if (!Fn || !Fn->hasBody() || !Cond || isAuthenticationCheck(Cond))
    return;
  std::vector<Leaf> Leaves;
  leaves(Cond, true, Leaves);
  const SourceManager &SM = Ctx.getSourceManager();
  for (const Leaf &L : Leaves) {
    Suspect S;
    if (!classifyLeaf(L.E, Fn, Ctx, S))
      continue;
    std::vector<const Stmt *> Guarded;
    if (S.K == Suspect::Bomb) {
      Guarded = {Then, Else};
    } else if (S.MatchWhenTrue == L.Positive) {
      Guarded = {Then};
    } else {
      Guarded = {Else};
      if (alwaysExits(Then))
        for (const Stmt *After : following(Branching, Ctx))
          Guarded.push_back(After);
    }
    std::string Action;
    const bool Bomb = S.K == Suspect::Bomb;
    const std::vector<NamedPattern> &Actions = Bomb                       ? SafetyDisable
                                               : S.K == Suspect::TrapDoor ? TrapActions
                                                                          : Privileged;
    const Stmt *Found = nullptr;
    for (const Stmt *G : Guarded)
      if (!Found)
        Found = findAction(G, Actions, /*FlagOn=*/!Bomb, Action, Ctx);
    if (!Found)
      continue;
    std::string Message;
    const char *Key = "magic-command";
    if (S.K == Suspect::Magic)
      Message = "received data is compared with " + S.What + " and a match " + Action +
                " without authentication (hidden command, CWE-912); remove the command or require "
                "authentication before entering the mode";
    else if (S.K == Suspect::TrapDoor) {
      Message =
          "a comparison with " + S.What + " " + Action +
          " (trap door, CWE-510); authenticate the peer cryptographically, not by its address";
      Key = "trap-door";
    } else {
      Message = "a comparison of " + S.What + " " + Action +
                " (logic bomb, CWE-511); remove the time, counter or random trigger of that action";
      Key = "logic-bomb";
    }
    reportAt(SM, SM.getFileLoc(L.E->getBeginLoc()), Message, Default, Key);
    return;
  }
}

void DebugBackdoorCheck::checkSwitch(const SwitchStmt *Switch, const FunctionDecl *Fn,
                                     ASTContext &Ctx) {
  if (!Fn || !Fn->hasBody() || !received(Fn).derived(Switch->getCond()))
    return;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Switch->getBody());
  if (!Body)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  const CaseStmt *Current = nullptr;
  bool Magic = false;
  for (const Stmt *S : Body->body()) {
    if (const auto *Case = dyn_cast<CaseStmt>(S)) {
      Current = Case;
      Expr::EvalResult K;
      Magic = Case->getLHS()->EvaluateAsInt(K, Ctx) && !K.Val.getInt().isNegative() &&
              K.Val.getInt().getZExtValue() >= static_cast<uint64_t>(MagicMinimum);
      S = Case->getSubStmt();
    } else if (isa<DefaultStmt>(S)) {
      Current = nullptr;
      Magic = false;
    }
    if (!Current || !Magic)
      continue;
    std::string Action;
    if (!findAction(S, Privileged, true, Action, Ctx))
      continue;
    Expr::EvalResult K;
    (void)Current->getLHS()->EvaluateAsInt(K, Ctx);
    reportAt(SM, SM.getFileLoc(Current->getBeginLoc()),
             "received data is compared with the magic number " + hexOrDec(K.Val.getInt()) +
                 " and a match " + Action +
                 " without authentication (hidden command, CWE-912); remove the command or "
                 "require authentication before entering the mode",
             Default, "magic-command");
    Magic = false;
  }
}

} // namespace clang::tidy::medsec
