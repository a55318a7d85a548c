//===- UncheckedReturnValueCheck.cpp - medsec-unchecked-return-value ------===//
#include "UncheckedReturnValueCheck.h"
#include "TruncationLength.h"
#include "../support/CrossTuFacts.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Analysis/Analyses/LiveVariables.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Lex/Lexer.h"

#include <functional>

using namespace clang::ast_matchers;

namespace clang::tidy::medsec {
namespace {

using Rule = UncheckedReturnValueCheck::Rule;
using Use = UncheckedReturnValueCheck::Use;

Rule readRule(const rules::DataEntry &E, rules::Severity Default, Convention Conv) {
  Rule R;
  R.Key = E.Key;
  R.Conv = parseConvention(E.get("convention")).value_or(Conv);
  R.VoidCastAllowed = E.get("void-cast", "justified") != "never";
  R.Sev = rules::parseSeverity(E.get("severity")).value_or(Default);
  R.Success = E.getList("success");
  R.ExemptArgs = E.getList("exempt-args");
  R.ReadOnlyExempt = E.getBool("read-only-exempt", false);
  R.StreamArg = static_cast<int>(E.getInt("stream-arg", UncheckedReturnValueCheck::NoStream));
  R.RequestedArg = static_cast<int>(E.getInt("requested-arg", -1));
  R.TruncationLength = E.getBool("truncation-length", false);
  return R;
}

const Expr *constantOperand(const Expr *E) { return E->IgnoreParenImpCasts(); }

const ResultTest TruthTest; // the test a conversion to bool makes

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

Use classifyUse(const Expr *E, ASTContext &Ctx, const Expr *&ToBool);

/// Classifies how the value of E is used by the expressions around it.
Use classify(const Expr *E, ASTContext &Ctx) {
  const Expr *ToBool = nullptr;
  Use U = classifyUse(E, Ctx, ToBool);
  U.ToBool = ToBool;
  return U;
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

/// A comment on the line of Loc or alone on the line above: the reason the
/// developer gives for ignoring the result.
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

/// The statement holding E in its compound statement, or null.
const Stmt *statementOf(const Stmt *E, ASTContext &Ctx, const CompoundStmt *&Block) {
  const Stmt *Node = E;
  for (int Depth = 0; Depth < 16; ++Depth) {
    const DynTypedNodeList P = Ctx.getParents(*Node);
    if (P.size() != 1)
      return nullptr;
    if (const auto *C = P[0].get<CompoundStmt>()) {
      Block = C;
      return Node;
    }
    const auto *S = P[0].get<Stmt>();
    if (!S || !isa<Expr>(S))
      return nullptr;
    Node = S;
  }
  return nullptr;
}

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

/// A best-effort call on an error path (an alert, an unlock, a log line
/// before `return <error>;`): the error is already being reported, so its
/// failure changes nothing about how the device fails.
bool onErrorPath(const CallExpr *Call, ASTContext &Ctx) {
  const CompoundStmt *Block = nullptr;
  const Stmt *S = statementOf(Call, Ctx, Block);
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
    S = statementOf(Holder, Ctx, Block);
    if (!S) {
      const DynTypedNodeList HP = Ctx.getParents(*Holder);
      Block = HP.size() == 1 ? HP[0].get<CompoundStmt>() : nullptr;
      S = Holder;
    }
  }
  return false;
}

/// The pointer read by Ref is dereferenced right there: `*p`, `p[i]`, `p->f`,
/// or an argument the callee declares nonnull (glibc's strcpy, memcpy, ...).
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

/// E is the condition of a switch: each case handles a result.
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

/// The local the result was stored in is tested (or switched on) after the
/// store, somewhere in Fn.
bool storedThenTested(const Use &U, const FunctionDecl *Fn, const SourceManager &SM,
                      ASTContext &Ctx) {
  const SourceLocation StoreEnd = SM.getExpansionLoc(U.Store->getEndLoc());
  for (const BoundNodes &N :
       match(findAll(declRefExpr(to(varDecl(equalsNode(U.Var)))).bind("r")), *Fn->getBody(), Ctx)) {
    const auto *Ref = N.getNodeAs<DeclRefExpr>("r");
    if (!SM.isBeforeInTranslationUnit(StoreEnd, SM.getExpansionLoc(Ref->getLocation())))
      continue;
    if (classify(Ref, Ctx).K == Use::Tested || switchedOn(Ref, Ctx))
      return true;
  }
  return false;
}

/// Where a call is reported: where the callee's name is written; a name
/// hidden in a macro (the FreeRTOS xSemaphoreTake) is named as the developer
/// wrote it.
SourceLocation actionLocation(const CallExpr *Call, const SourceManager &SM) {
  const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
  SourceLocation NameLoc = Callee->getExprLoc();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Callee))
    NameLoc = Ref->getLocation();
  else if (const auto *Mem = dyn_cast<MemberExpr>(Callee))
    NameLoc = Mem->getMemberLoc();
  return SM.getFileLoc(NameLoc);
}

} // namespace

bool UncheckedReturnValueCheck::closesReadOnlyStream(const CallExpr *Call,
                                                     const FunctionDecl *Fn) const {
  if (!Fn || !Fn->hasBody() || Call->getNumArgs() == 0)
    return false;
  const auto *Ref = dyn_cast<DeclRefExpr>(Call->getArg(0)->IgnoreParenImpCasts());
  const auto *Stream = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Stream || !Stream->isLocalVarDecl() || Stream->isStaticLocal())
    return false;
  // Every value the variable is given must be an opening for reading.
  unsigned Opens = 0;
  bool Other = false;
  auto Judge = [&](const Expr *Value) {
    const auto *Open = dyn_cast<CallExpr>(Value->IgnoreParenImpCasts());
    const FunctionDecl *FD = Open ? Open->getDirectCallee() : nullptr;
    auto It = FD && FD->getIdentifier() ? StreamOpeners.find(FD->getName()) : StreamOpeners.end();
    const auto *Mode =
        It != StreamOpeners.end() && It->second < Open->getNumArgs()
            ? dyn_cast<StringLiteral>(Open->getArg(It->second)->IgnoreParenImpCasts())
            : nullptr;
    bool ReadOnly = Mode && Mode->getLength() > 0 && Mode->getCodeUnit(0) == 'r';
    for (unsigned I = 0; ReadOnly && I < Mode->getLength(); ++I)
      ReadOnly = Mode->getCodeUnit(I) != '+';
    if (ReadOnly)
      ++Opens;
    else if (!isa<CXXNullPtrLiteralExpr, GNUNullExpr>(Value->IgnoreParenCasts()) &&
             !Value->IgnoreParenCasts()->isNullPointerConstant(Fn->getASTContext(),
                                                               Expr::NPC_ValueDependentIsNull))
      Other = true;
  };
  if (Stream->getInit())
    Judge(Stream->getInit());
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Other)
      return;
    if (const auto *B = dyn_cast<BinaryOperator>(S))
      if (B->isAssignmentOp()) {
        const auto *L = dyn_cast<DeclRefExpr>(B->getLHS()->IgnoreParenImpCasts());
        if (L && L->getDecl() == Stream)
          B->getOpcode() == BO_Assign ? Judge(B->getRHS()) : void(Other = true);
      }
    if (const auto *U = dyn_cast<UnaryOperator>(S))
      if (U->getOpcode() == UO_AddrOf) // handed out to be filled: unknown mode
        if (const auto *L = dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParenImpCasts()))
          Other |= L->getDecl() == Stream;
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(Fn->getBody());
  return Opens > 0 && !Other;
}

namespace {
/// The argument names one of Names: the variable (`stdout` is often a macro
/// for one), else its spelling.
bool spelledAs(const Expr *Arg, const std::vector<std::string> &Names, const SourceManager &SM,
               ASTContext &Ctx) {
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Arg->IgnoreParenImpCasts()))
    if (Ref->getDecl()->getDeclName().isIdentifier() &&
        llvm::is_contained(Names, Ref->getDecl()->getName().str()))
      return true;
  const StringRef Text =
      Lexer::getSourceText(CharSourceRange::getTokenRange(SM.getSpellingLoc(Arg->getBeginLoc()),
                                                          SM.getSpellingLoc(Arg->getEndLoc())),
                           SM, Ctx.getLangOpts());
  return llvm::is_contained(Names, Text.trim().str());
}
} // namespace

bool UncheckedReturnValueCheck::exemptByArguments(const Rule &R, const CallExpr *Call,
                                                  const SourceManager &SM, ASTContext &Ctx) const {
  if (writesStandardStream(R, Call, SM, Ctx))
    return true;
  if (R.ExemptArgs.empty())
    return false;
  return llvm::any_of(Call->arguments(),
                      [&](const Expr *Arg) { return spelledAs(Arg, R.ExemptArgs, SM, Ctx); });
}

bool UncheckedReturnValueCheck::writesStandardStream(const Rule &R, const CallExpr *Call,
                                                     const SourceManager &SM,
                                                     ASTContext &Ctx) const {
  if (R.StreamArg == -1)
    return true;
  return R.StreamArg >= 0 && static_cast<unsigned>(R.StreamArg) < Call->getNumArgs() &&
         spelledAs(Call->getArg(R.StreamArg), StandardStreams, SM, Ctx);
}

UncheckedReturnValueCheck::UncheckedReturnValueCheck(StringRef Name, ClangTidyContext *Context)
    : MedSecCheck(Name, Context) {
  if (!entry())
    return;
  const rules::Severity Def = entry()->DefaultSeverity;
  for (const rules::DataEntry &E : entry()->activeData("functions"))
    Functions[E.Key] = readRule(E, Def, Convention::Any);
  for (const rules::DataEntry &E : entry()->activeData("name-patterns")) {
    Pattern P;
    P.Match = std::make_shared<LazyRegex>(E.get("pattern"));
    if (!E.get("exclude").empty())
      P.Exclude = std::make_shared<LazyRegex>(E.get("exclude"));
    P.ReturnType = E.get("return-type");
    P.R = readRule(E, Def, Convention::Any);
    std::string Err;
    if (!P.Match->isValid(Err) || (P.Exclude && !P.Exclude->isValid(Err))) {
      configurationDiag("medsec-unchecked-return-value: bad pattern in '%0': %1") << E.Key << Err;
      continue;
    }
    Patterns.push_back(std::move(P));
  }
  for (const rules::DataEntry &E : entry()->activeData("return-types"))
    ReturnTypes[E.Key] = readRule(E, Def, Convention::StatusEnum);
  for (const rules::DataEntry &E : entry()->activeData("standard-streams"))
    StandardStreams.push_back(E.Key);
  for (const rules::DataEntry &E : entry()->activeData("stream-openers"))
    StreamOpeners[E.Key] = static_cast<unsigned>(E.getInt("mode-arg", 1));
  for (const rules::DataEntry &E : entry()->activeData("truncation-sinks")) {
    TruncationSink T;
    T.What = E.get("what", "path");
    for (const std::string &A : E.getList("args")) {
      unsigned N = 0;
      if (llvm::StringRef(A).getAsInteger(10, N)) {
        configurationDiag("medsec-unchecked-return-value: truncation-sinks entry '%0': argument "
                          "'%1' is not a 0-based index")
            << E.Key << A;
        continue;
      }
      T.Args.push_back(N);
    }
    TruncationSinks[E.Key] = T;
  }
  for (const rules::DataEntry &E : entry()->activeData("inference")) {
    if (E.Key != "project-must-check")
      continue;
    const long long Calls = E.getInt("min-calls", 3), Percent = E.getInt("min-percent", 80);
    if (Calls < 1 || Calls > 100000 || Percent < 1 || Percent > 100) {
      configurationDiag("medsec-unchecked-return-value: inference entry 'project-must-check': "
                        "min-calls must be at least 1 and min-percent between 1 and 100, not "
                        "%0 and %1; the inferred must-check is off")
          << static_cast<int>(Calls) << static_cast<int>(Percent);
      continue;
    }
    InferenceThresholds = MustCheckInference::Thresholds{static_cast<unsigned>(Calls),
                                                         static_cast<unsigned>(Percent)};
    InferenceSev = rules::parseSeverity(E.get("severity")).value_or(Def);
  }
  for (const rules::DataEntry &E : entry()->activeData("joined-calls"))
    JoinedCalls[E.Key] = {static_cast<unsigned>(E.getInt("checked", 0)),
                          static_cast<unsigned>(E.getInt("calls", 0))};
  for (const rules::DataEntry &E : entry()->activeData("attributes"))
    if (E.Key == "warn_unused_result")
      WarnUnusedResult = readRule(E, Def, Convention::Any);
}

void UncheckedReturnValueCheck::onStartOfTranslationUnit() {
  Reported.clear();
  DeadStores.clear();
  Inference.clear();
  for (const auto &J : JoinedCalls)
    Inference.setJoined(J.getKey(), J.getValue());
  UnitSM = nullptr;
}

void UncheckedReturnValueCheck::countCallSite(const CallExpr *Call, const FunctionDecl *FD,
                                              const FunctionDecl *Fn, const SourceManager &SM,
                                              ASTContext &Ctx) {
  if (!MustCheckInference::eligible(FD, SM))
    return;
  const SourceLocation Loc = actionLocation(Call, SM);
  if (Loc.isInvalid() || SM.isInSystemHeader(Loc))
    return;
  UnitSM = &SM;
  using Site = MustCheckInference::Site;
  const Use U = classify(Call, Ctx);
  Site S = Site::Used;
  const VarDecl *Var = nullptr;
  const bool Body = Fn && Fn->hasBody();
  switch (U.K) {
  case Use::Tested:
    S = Site::Checked;
    break;
  case Use::Discarded:
    // Best-effort work before `return <error>;` is not reported for a
    // catalogued function either.
    S = onErrorPath(Call, Ctx) ? Site::Excused : Site::Discarded;
    break;
  case Use::VoidCast:
    S = Site::Excused; // a deliberate discard: it counts against the rule, unreported
    break;
  case Use::Stored:
    if (Body && storeIsDead(Fn, U, Ctx)) {
      S = Site::DeadStore;
      Var = U.Var;
    } else if (Body && storedThenTested(U, Fn, SM, Ctx)) {
      S = Site::Checked;
    }
    break;
  case Use::Opaque:
    if (switchedOn(Call, Ctx))
      S = Site::Checked;
    break;
  }
  Inference.add(FD, S, Loc, Var);
}

void UncheckedReturnValueCheck::onEndOfTranslationUnit() {
  if (!InferenceThresholds)
    return;
  if (UnitSM)
    for (const MustCheckInference::Inferred &I : Inference.findings(*InferenceThresholds)) {
      if (!Reported.insert(I.Loc).second)
        continue;
      report(*UnitSM, I.Loc, I.Message, InferenceSev, "project-must-check");
      if (I.CheckedAt.isValid())
        diag(I.CheckedAt, "%0", DiagnosticIDs::Note) << I.Note;
    }
  if (::medsec::crossTuFactsEnabled())
    ::medsec::recordCallCounts(Inference.callCounts(), InferenceThresholds->MinCalls,
                               InferenceThresholds->MinPercent);
  Inference.clear();
  UnitSM = nullptr;
}

void UncheckedReturnValueCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(callExpr(unless(isExpansionInSystemHeader()),
                              callee(functionDecl().bind("fn")),
                              forFunction(functionDecl().bind("func")))
                         .bind("call"),
                     this);
}

std::optional<Rule> UncheckedReturnValueCheck::ruleFor(const FunctionDecl *FD) const {
  if (FD->getReturnType()->isVoidType() || !FD->getDeclName().isIdentifier())
    return std::nullopt;
  const StringRef Name = FD->getName();
  const DeclContext *DC = FD->getDeclContext()->getRedeclContext();
  const bool Global = FD->isExternC() || DC->isTranslationUnit() || FD->isInStdNamespace();
  if (Global) {
    auto It = Functions.find(Name);
    if (It != Functions.end())
      return It->second;
  }
  // The return type by each of its names: HAL_StatusTypeDef is a typedef of
  // an anonymous enum, nrfx_err_t an enum, ret_code_t a typedef of uint32_t.
  QualType T = FD->getReturnType();
  for (int Depth = 0; Depth < 8 && !T.isNull(); ++Depth) {
    std::string TypeName;
    if (const auto *TT = T->getAs<TypedefType>())
      TypeName = TT->getDecl()->getName().str();
    else if (const auto *ET = dyn_cast<EnumType>(T.getTypePtr()))
      TypeName = ET->getDecl()->getName().str();
    if (!TypeName.empty()) {
      auto It = ReturnTypes.find(TypeName);
      if (It != ReturnTypes.end())
        return It->second;
    }
    const QualType Next = T.getSingleStepDesugaredType(FD->getASTContext());
    if (Next == T)
      break;
    T = Next;
  }
  if (Global) {
    const std::string Ret = FD->getReturnType().getUnqualifiedType().getAsString(
        FD->getASTContext().getPrintingPolicy());
    for (const Pattern &P : Patterns)
      if (P.Match->match(Name) && !(P.Exclude && P.Exclude->match(Name)) &&
          (P.ReturnType.empty() || P.ReturnType == Ret))
        return P.R;
  }
  if (WarnUnusedResult && FD->hasAttr<WarnUnusedResultAttr>())
    return WarnUnusedResult;
  return std::nullopt;
}

ResultSamples UncheckedReturnValueCheck::samples(const Rule &R, const FunctionDecl *FD) const {
  if (R.Conv != Convention::StatusEnum)
    return samplesFor(R.Conv);
  ResultSamples S;
  const auto *ET = FD->getReturnType()->getAs<EnumType>();
  if (!ET || !ET->getDecl()->getDefinition()) {
    S.Success = {0};
    S.Failure = {1, -1};
    return S;
  }
  for (const EnumConstantDecl *C : ET->getDecl()->getDefinition()->enumerators()) {
    const int64_t V = C->getInitVal().getExtValue();
    const std::string N = C->getName().str();
    if (llvm::is_contained(R.Success, N)) {
      S.Success.push_back(V);
      S.SuccessNames.push_back(N);
    } else {
      S.Failure.push_back(V);
      S.FailureNames.push_back(N);
    }
  }
  if (S.Success.empty())
    S = {};
  return S;
}

namespace {
/// fread/fwrite: a count below the number of items requested is a short
/// read or write (end of file, an error), so a failure sample stands
/// between 0 and the request. With one item requested, 0 and 1 are the only
/// results and a test against 0 is right.
ResultSamples withShortCount(ResultSamples S, const Rule &R, const CallExpr *Call,
                             ASTContext &Ctx) {
  if (R.RequestedArg < 0 || static_cast<unsigned>(R.RequestedArg) >= Call->getNumArgs())
    return S;
  const Expr *Arg = Call->getArg(R.RequestedArg);
  Expr::EvalResult K;
  int64_t Full = 100, Short = 50;
  bool Known = false;
  if (!Arg->isValueDependent() && Arg->EvaluateAsInt(K, Ctx)) {
    const llvm::APSInt &V = K.Val.getInt();
    if (V.getActiveBits() > 62)
      return S;
    if (V.getExtValue() <= 1)
      return S;
    Full = V.getExtValue();
    Short = Full - 1;
    Known = true;
  }
  ResultSamples Out;
  Out.Counts = S.Counts;
  Out.Success = {Full};
  Out.SuccessNames = {Known ? std::to_string(Full) + " (the count requested)"
                            : std::string("the count requested")};
  Out.Failure = {0, Short};
  Out.FailureNames = {"0", Known ? std::to_string(Short) + " (a short count)"
                                 : std::string("a short count")};
  return Out;
}

/// The variable V, assigned the result in a tested condition, is also read
/// for its value (`while ((n = fread(...)) > 0) fwrite(buf, 1, n, out);`):
/// the short count is handled where it is used.
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
    const Use U = classify(Ref, Ctx);
    if (U.K != Use::Tested && U.K != Use::VoidCast && U.K != Use::Discarded)
      return true;
  }
  return false;
}
} // namespace

bool UncheckedReturnValueCheck::storeIsDead(const FunctionDecl *Fn, const Use &U, ASTContext &Ctx) {
  auto It = DeadStores.find(Fn);
  if (It == DeadStores.end()) {
    llvm::DenseSet<const void *> &Dead = DeadStores[Fn];
    EscapingLocals Esc;
    Esc.TraverseStmt(Fn->getBody());
    if (!Esc.Opaque) {
      AnalysisDeclContextManager Mgr(Ctx);
      // Liveness reads every sub-expression, so the CFG must list them all.
      Mgr.getCFGBuildOptions().setAllAlwaysAdd();
      AnalysisDeclContext *ADC = Mgr.getContext(Fn);
      if (ADC && ADC->getCFG())
        if (LiveVariables *LV = ADC->getAnalysis<LiveVariables>()) {
          DeadStoreObserver Obs(Dead, Esc.Vars);
          LV->runOnAllBlocks(Obs);
        }
    }
    It = DeadStores.find(Fn);
  }
  const void *Key = isa<DeclStmt>(U.Store) ? static_cast<const void *>(U.Var)
                                           : static_cast<const void *>(U.Store);
  return It->second.count(Key) != 0;
}

void UncheckedReturnValueCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("func");
  if (Call->getType()->isVoidType() || Call->isTypeDependent())
    return;
  const std::optional<Rule> R = ruleFor(FD);
  ASTContext &Ctx = *Result.Context;
  const SourceManager &SM = *Result.SourceManager;
  if (!R) {
    if (InferenceThresholds)
      countCallSite(Call, FD, Fn, SM, Ctx);
    return;
  }
  const Use U = classify(Call, Ctx);
  if (U.K == Use::Opaque && !U.ToBool && !R->TruncationLength)
    return;

  const SourceLocation Loc = actionLocation(Call, SM);
  if (Loc.isInvalid() || SM.isInSystemHeader(Loc))
    return;
  std::string Name = "'" + FD->getName().str() + "'";
  const StringRef Written =
      Lexer::getSourceText(CharSourceRange::getTokenRange(Loc), SM, Ctx.getLangOpts());
  if (!Written.empty() && Written != FD->getName() && isAsciiIdentifierStart(Written[0]))
    Name = "'" + Written.str() + "' (" + Name + ")";
  const ResultSamples Base = samples(*R, FD);
  const ResultSamples S = withShortCount(Base, *R, Call, Ctx);
  const std::string Expect = conventionText(R->Conv, S);

  auto Report = [&](SourceLocation At, const std::string &Msg) {
    if (Reported.insert(At).second)
      report(SM, At, Msg, R->Sev, R->Key);
  };
  if (R->TruncationLength) {
    const LengthUse L = uncheckedLengthUse(Call, Fn, Ctx);
    if (!L.At) {
      // Truncation only shortens a text, except where the text is a path,
      // a command or a key.
      if (U.K != Use::Discarded && U.K != Use::VoidCast)
        return;
      const TruncatedOutput T = truncatedOutputUse(Call, Fn, TruncationSinks, Ctx);
      if (!T.Sink)
        return;
      const char *Effect = T.What == "command" ? "runs another command"
                           : T.What == "key"   ? "is another secret"
                                               : "names another file";
      Report(Loc, "the result of " + Name + " is " +
                      (U.K == Use::VoidCast ? "cast to void" : "discarded") +
                      ", but its output is used as a " + T.What + " by '" + T.SinkName +
                      "' on line " +
                      std::to_string(SM.getExpansionLineNumber(T.Sink->getBeginLoc())) +
                      ": a truncated " + T.What + " " + Effect +
                      "; compare the result with the size and fail");
      return;
    }
    const SourceLocation At = L.Var ? SM.getFileLoc(L.At->getExprLoc()) : Loc;
    Report(At, "the result of " + Name +
                   (L.Var ? " stored in '" + L.Var->getName().str() + "'" : std::string()) +
                   " is used as a length or offset before any check against the buffer size: on "
                   "truncation it is the length the output would have had, past the end of the "
                   "buffer; compare it with the size first");
    return;
  }
  if (U.ToBool && U.K != Use::Discarded && U.K != Use::VoidCast) {
    // `bool ok = EVP_VerifyFinal(...)`: -1 (error) becomes true like 1 (valid).
    if (const auto Pair = misclassified(TruthTest, S)) {
      Report(Loc, "the result of " + Name + " is converted to bool, so the failure value " +
                      sampleText(Pair->first, S) + " becomes true like the success value " +
                      sampleText(Pair->second, S) + "; compare it instead (its convention: " +
                      Expect + ")");
      return;
    }
  }
  if (U.K == Use::Discarded && onErrorPath(Call, Ctx))
    return;
  if ((U.K == Use::Discarded || U.K == Use::VoidCast) && exemptByArguments(*R, Call, SM, Ctx))
    return;
  if ((U.K == Use::Discarded || U.K == Use::VoidCast) && R->ReadOnlyExempt &&
      closesReadOnlyStream(Call, Fn))
    return;
  switch (U.K) {
  case Use::Discarded:
    Report(Loc, "the result of " + Name + " is discarded, so a failure goes unnoticed; check it (" +
                    Expect + ") and handle the failure");
    return;
  case Use::VoidCast:
    if (!R->VoidCastAllowed)
      Report(Loc, "the result of " + Name +
                      " is cast to void, but a failure of this call must be handled; check it (" +
                      Expect + ")");
    else if (!hasJustification(SM.getFileLoc(U.Where->getBeginLoc()), SM))
      Report(Loc, "the result of " + Name + " is cast to void without a justification; check it (" +
                      Expect + ") or say in a comment on this line why a failure can be ignored");
    return;
  case Use::Tested:
    // Only a short count is misjudged, and the count is kept and used.
    if (U.Var && !misclassified(U.Test, Base) && countIsUsed(U.Var, Fn, Ctx))
      return;
    if (const auto Pair = misclassified(U.Test, S))
      Report(Loc, "the result of " + Name + " is tested the wrong way: the failure value " +
                      sampleText(Pair->first, S) + " takes the same branch as the success value " +
                      sampleText(Pair->second, S) + "; its convention: " + Expect);
    return;
  case Use::Stored:
    checkStored(U, Call, *R, S, Fn, Name, Loc, SM, Ctx);
    return;
  case Use::Opaque:
    return;
  }
}

void UncheckedReturnValueCheck::checkStored(const Use &U, const CallExpr *, const Rule &R,
                                            const ResultSamples &S, const FunctionDecl *Fn,
                                            StringRef Name, SourceLocation Loc,
                                            const SourceManager &SM, ASTContext &Ctx) {
  const std::string Expect = conventionText(R.Conv, S);
  const std::string Var = U.Var->getName().str();
  if (Fn && Fn->hasBody() && storeIsDead(Fn, U, Ctx)) {
    if (Reported.insert(Loc).second)
      report(SM, Loc,
             "the result of " + Name.str() + " is stored in '" + Var +
                 "' but never read; check it (" + Expect +
                 ") before it is overwritten or goes out of scope",
             R.Sev, R.Key);
    return;
  }
  if (!Fn || !Fn->hasBody())
    return;
  // The reads of this value: uses of the variable after the store and before
  // the next assignment to it, in source order. One use that is handed on or
  // tests correctly makes the value checked.
  const SourceLocation StoreEnd = SM.getExpansionLoc(U.Store->getEndLoc());
  const CompoundStmt *StoreBlock = nullptr;
  statementOf(U.Store, Ctx, StoreBlock);
  auto Refs =
      match(findAll(declRefExpr(to(varDecl(equalsNode(U.Var)))).bind("r")), *Fn->getBody(), Ctx);
  std::vector<const DeclRefExpr *> Reads;
  for (const BoundNodes &N : Refs)
    Reads.push_back(N.getNodeAs<DeclRefExpr>("r"));
  llvm::sort(Reads, [&](const DeclRefExpr *A, const DeclRefExpr *B) {
    return SM.isBeforeInTranslationUnit(SM.getExpansionLoc(A->getLocation()),
                                        SM.getExpansionLoc(B->getLocation()));
  });
  std::optional<SourceLocation> FirstWrong;
  std::pair<int64_t, int64_t> Witness;
  for (const DeclRefExpr *Ref : Reads) {
    const SourceLocation At = SM.getExpansionLoc(Ref->getLocation());
    if (!SM.isBeforeInTranslationUnit(StoreEnd, At))
      continue;
    const DynTypedNodeList P = Ctx.getParents(*Ref);
    if (P.size() == 1)
      if (const auto *B = P[0].get<BinaryOperator>())
        if (B->getOpcode() == BO_Assign && B->getLHS()->IgnoreParens() == Ref) {
          // Overwritten in the store's own block: later reads see another
          // value. A conditional overwrite (`if (ret == X) ret = Y;`) is not.
          const CompoundStmt *Here = nullptr;
          statementOf(B, Ctx, Here);
          if (Here && Here == StoreBlock)
            break;
          continue;
        }
    if (R.Conv == Convention::NonNull && dereferenced(Ref, Ctx)) {
      // Used as a valid pointer before any test: a failure is a NULL dereference.
      const SourceLocation Deref = SM.getFileLoc(Ref->getLocation());
      if (Reported.insert(Deref).second)
        report(SM, Deref,
               "the result of " + Name.str() + " stored in '" + Var +
                   "' is dereferenced without a check; check it (" + Expect +
                   ") before the first use (CWE-690)",
               R.Sev, R.Key);
      return;
    }
    const Use V = classify(Ref, Ctx);
    if (V.K == Use::VoidCast) {
      // `(void)rc;` only silences the compiler: the result is still ignored.
      const SourceLocation At = SM.getFileLoc(V.Where->getBeginLoc());
      if ((!R.VoidCastAllowed || !hasJustification(At, SM)) && Reported.insert(At).second)
        report(SM, At,
               "the result of " + Name.str() + " stored in '" + Var +
                   "' is cast to void instead of being checked; check it (" + Expect + ")" +
                   (R.VoidCastAllowed
                        ? " or say in a comment on this line why a failure can be ignored"
                        : ""),
               R.Sev, R.Key);
      return;
    }
    if (V.ToBool) {
      // `return rc;` from a bool function: the conversion is the test.
      if (const auto Pair = misclassified(TruthTest, S)) {
        if (!FirstWrong) {
          FirstWrong = SM.getFileLoc(V.ToBool->getBeginLoc());
          Witness = *Pair;
        }
        continue;
      }
    }
    if (V.K != Use::Tested)
      return; // handed on, stored elsewhere, switched on: treated as checked
    ResultTest T = V.Test;
    const auto Pair = misclassified(T, S);
    if (!Pair)
      return;
    if (!FirstWrong) {
      FirstWrong = SM.getFileLoc(V.Where->getBeginLoc());
      Witness = *Pair;
    }
  }
  if (FirstWrong && Reported.insert(*FirstWrong).second)
    report(SM, *FirstWrong,
           "the result of " + Name.str() + " stored in '" + Var +
               "' is tested the wrong way: the failure value " + sampleText(Witness.first, S) +
               " takes the same branch as the success value " + sampleText(Witness.second, S) +
               "; its convention: " + Expect,
           R.Sev, R.Key);
}

} // namespace clang::tidy::medsec
