//===- ConstantValue.cpp --------------------------------------------------===//
#include "ConstantValue.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::medsec {

bool ConstantValue::allZero() const {
  for (uint64_t V : Values)
    if (V != 0)
      return false;
  return true;
}

std::string ConstantValue::text() const {
  std::string S;
  for (uint64_t V : Values)
    S.push_back(static_cast<char>(V & 0xff));
  return S;
}

namespace {

bool pointsToConst(QualType T) {
  return T->isPointerType() && T->getPointeeType().isConstQualified();
}

/// The variable can hold nothing but its initial value through this name.
bool isConstObject(const VarDecl *V, const ASTContext &Ctx) {
  QualType T = V->getType();
  if (T.isConstQualified())
    return true;
  if (const ArrayType *AT = Ctx.getAsArrayType(T))
    return AT->getElementType().isConstQualified();
  return false;
}

/// Whether the use of a variable at Ref may change what the variable holds.
bool mayModify(const DeclRefExpr *Ref, ASTContext &Ctx) {
  const Expr *Cur = Ref;
  for (unsigned Step = 0; Step < 8; ++Step) {
    const DynTypedNodeList Parents = Ctx.getParents(*Cur);
    if (Parents.size() != 1)
      return true;
    const Expr *P = Parents[0].get<Expr>();
    if (!P)
      return true;
    if (isa<ParenExpr>(P) ||
        (isa<ArraySubscriptExpr>(P) &&
         cast<ArraySubscriptExpr>(P)->getBase()->IgnoreParenImpCasts() == Cur) ||
        (isa<MemberExpr>(P) && !cast<MemberExpr>(P)->isArrow())) {
      Cur = P;
      continue;
    }
    if (isa<UnaryExprOrTypeTraitExpr>(P))
      return false;
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(P)) {
      switch (Cast->getCastKind()) {
      case CK_LValueToRValue:
        return false;
      case CK_ArrayToPointerDecay:
      case CK_NoOp:
      case CK_BitCast:
        if (pointsToConst(Cast->getType()))
          return false;
        Cur = P; // a later cast may add const (argument of a const parameter)
        continue;
      default:
        return true;
      }
    }
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(P)) {
      if (pointsToConst(Cast->getType()) || Cast->getType()->isVoidType())
        return false;
      Cur = P;
      continue;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(P)) {
      if (U->getOpcode() == UO_AddrOf) {
        if (pointsToConst(U->getType()))
          return false;
        Cur = P;
        continue;
      }
      return U->isIncrementDecrementOp();
    }
    if (const auto *B = dyn_cast<BinaryOperator>(P))
      return B->isAssignmentOp() && B->getLHS()->IgnoreParens() == Cur;
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      // A non-const pointer handed to a function: it may write through it.
      return Call->getCallee()->IgnoreParenImpCasts() != Cur;
    }
    return !isa<ConditionalOperator>(P) && !isa<InitListExpr>(P);
  }
  return true;
}

class ModificationCollector : public RecursiveASTVisitor<ModificationCollector> {
public:
  ModificationCollector(ASTContext &Ctx,
                        llvm::DenseMap<const VarDecl *, llvm::SmallVector<const Expr *, 2>> &Out)
      : Ctx(Ctx), Out(Out) {}
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const auto *V = dyn_cast<VarDecl>(Ref->getDecl()))
      if (V->hasLocalStorage() && !isa<ParmVarDecl>(V) && mayModify(Ref, Ctx))
        Out[V].push_back(Ref);
    return true;
  }
  bool shouldVisitLambdaBody() const { return true; }

private:
  ASTContext &Ctx;
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const Expr *, 2>> &Out;
};

/// Looks through casts, temporaries and the construction of a C++ string
/// from a literal (std::string pw("x"), std::string_view, const std::string&).
const Expr *skipWrappers(const Expr *E) {
  for (unsigned Step = 0; Step < 8; ++Step) {
    E = E->IgnoreParenCasts();
    if (const auto *FE = dyn_cast<FullExpr>(E)) {
      E = FE->getSubExpr();
      continue;
    }
    if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = MT->getSubExpr();
      continue;
    }
    if (const auto *BT = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = BT->getSubExpr();
      continue;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
      const CXXRecordDecl *RD = CE->getConstructor()->getParent();
      const std::string Name = RD->getQualifiedNameAsString();
      if (CE->getNumArgs() >= 1 &&
          (Name == "std::basic_string" || Name == "std::basic_string_view" ||
           Name == "std::__cxx11::basic_string")) {
        E = CE->getArg(0);
        continue;
      }
      if (CE->getNumArgs() == 1 && CE->getConstructor()->isCopyOrMoveConstructor()) {
        E = CE->getArg(0);
        continue;
      }
    }
    break;
  }
  return E;
}

bool isWithin(const Expr *Inner, const Expr *Outer, ASTContext &Ctx) {
  if (!Outer)
    return false;
  const Expr *Cur = Inner;
  for (unsigned Step = 0; Cur && Step < 10; ++Step) {
    if (Cur == Outer)
      return true;
    const DynTypedNodeList Parents = Ctx.getParents(*Cur);
    Cur = Parents.size() == 1 ? Parents[0].get<Expr>() : nullptr;
  }
  return false;
}

void appendInitList(const InitListExpr *IL, ASTContext &Ctx, ConstantValue &V, unsigned Depth) {
  for (const Expr *Init : IL->inits()) {
    Init = Init->IgnoreParenImpCasts();
    if (const auto *Sub = dyn_cast<InitListExpr>(Init)) {
      if (Depth < 4)
        appendInitList(Sub, Ctx, V, Depth + 1);
      continue;
    }
    if (const auto *SL = dyn_cast<StringLiteral>(Init)) {
      for (unsigned I = 0; I < SL->getLength(); ++I)
        V.Values.push_back(SL->getCodeUnit(I));
      continue;
    }
    if (isa<ImplicitValueInitExpr>(Init)) {
      V.Values.push_back(0);
      continue;
    }
    Expr::EvalResult R;
    if (!Init->isValueDependent() && Init->EvaluateAsInt(R, Ctx))
      V.Values.push_back(R.Val.getInt().getZExtValue());
    else
      V.Complete = false;
  }
}

} // namespace

bool ConstantTracer::isModified(const VarDecl *V, const Expr *ExceptUse, ASTContext &Ctx) {
  const Decl *Fn = dyn_cast_or_null<Decl>(V->getParentFunctionOrMethod());
  if (!Fn || !Fn->getBody())
    return true;
  auto It = Modified.find(Fn);
  if (It == Modified.end()) {
    It = Modified.try_emplace(Fn).first;
    ModificationCollector(Ctx, It->second).TraverseStmt(Fn->getBody());
  }
  auto VIt = It->second.find(V);
  if (VIt == It->second.end())
    return false;
  for (const Expr *M : VIt->second)
    if (!isWithin(M, ExceptUse, Ctx))
      return true;
  return false;
}

std::optional<ConstantValue> ConstantTracer::trace(const Expr *E, ASTContext &Ctx,
                                                   const Expr *ExceptUse, bool RequireConst) {
  return E ? traceImpl(E, Ctx, ExceptUse, RequireConst, 0) : std::nullopt;
}

std::optional<ConstantValue> ConstantTracer::traceImpl(const Expr *E, ASTContext &Ctx,
                                                       const Expr *ExceptUse, bool RequireConst,
                                                       unsigned Depth) {
  if (Depth > 6 || E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  E = skipWrappers(E);
  if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf) {
    const Expr *Sub = U->getSubExpr()->IgnoreParenCasts();
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(Sub)) {
      Expr::EvalResult R;
      if (!AS->getIdx()->EvaluateAsInt(R, Ctx) || R.Val.getInt() != 0)
        return std::nullopt;
      Sub = AS->getBase()->IgnoreParenCasts();
    }
    E = Sub;
  }
  if (const auto *CL = dyn_cast<CompoundLiteralExpr>(E))
    E = CL->getInitializer()->IgnoreParenCasts();

  ConstantValue V;
  V.Literal = E;
  if (const auto *SL = dyn_cast<StringLiteral>(E)) {
    V.K = ConstantValue::Kind::String;
    for (unsigned I = 0; I < SL->getLength(); ++I)
      V.Values.push_back(SL->getCodeUnit(I));
    return V;
  }
  if (const auto *IL = dyn_cast<InitListExpr>(E)) {
    V.K = ConstantValue::Kind::Array;
    appendInitList(IL, Ctx, V, 0);
    if (!V.Complete)
      return std::nullopt;
    return V;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Var || isa<ParmVarDecl>(Var))
      return std::nullopt;
    const VarDecl *Def = Var;
    const Expr *Init = Var->getAnyInitializer(Def);
    if (!Init)
      return std::nullopt;
    const bool Const = isConstObject(Def, Ctx);
    if (Def->hasLocalStorage()) {
      if (!Const && isModified(Def, ExceptUse, Ctx))
        return std::nullopt;
    } else if (!Const && RequireConst) {
      return std::nullopt;
    }
    std::optional<ConstantValue> R = traceImpl(Init, Ctx, ExceptUse, RequireConst, Depth + 1);
    if (!R)
      return std::nullopt;
    // A zero-initialised global that is not const is storage filled at run time.
    if (!Const && !Def->hasLocalStorage() && R->allZero())
      return std::nullopt;
    if (!R->Holder)
      R->Holder = Def;
    return R;
  }
  Expr::EvalResult R;
  if (E->getType()->isIntegralOrEnumerationType() && E->EvaluateAsInt(R, Ctx)) {
    V.K = ConstantValue::Kind::Integer;
    V.Values.push_back(R.Val.getInt().getZExtValue());
    return V;
  }
  return std::nullopt;
}

llvm::SmallVector<std::string, 4> constantNames(const Expr *E, const SourceManager &SM,
                                                const LangOptions &LO) {
  llvm::SmallVector<std::string, 4> Names;
  SourceLocation L = E->getBeginLoc();
  for (unsigned Step = 0; L.isMacroID() && Step < 16; ++Step) {
    StringRef N = Lexer::getImmediateMacroName(L, SM, LO);
    if (!N.empty() && (Names.empty() || Names.back() != N))
      Names.push_back(N.str());
    L = SM.getImmediateMacroCallerLoc(L);
  }
  std::reverse(Names.begin(), Names.end());
  const Expr *Bare = E->IgnoreParenCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Bare))
    Names.push_back(Ref->getDecl()->getNameAsString());
  return Names;
}

SourceLocation constantNameLocation(const Expr *E, llvm::StringRef Name, const SourceManager &SM,
                                    const LangOptions &LO) {
  SourceLocation L = E->getBeginLoc();
  for (unsigned Step = 0; L.isMacroID() && Step < 16; ++Step) {
    if (Lexer::getImmediateMacroName(L, SM, LO) == Name)
      return actionableLocation(SM.getImmediateExpansionRange(L).getBegin(), SM);
    L = SM.getImmediateMacroCallerLoc(L);
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts()))
    return actionableLocation(Ref->getLocation(), SM);
  return actionableLocation(E->getBeginLoc(), SM);
}

std::optional<int64_t> integerValue(const Expr *E, ASTContext &Ctx, ConstantTracer &Tracer) {
  if (E->isValueDependent())
    return std::nullopt;
  Expr::EvalResult R;
  if (E->EvaluateAsInt(R, Ctx))
    return R.Val.getInt().getSExtValue();
  std::optional<ConstantValue> V = Tracer.trace(E, Ctx, nullptr, /*RequireConst=*/true);
  if (V && V->K == ConstantValue::Kind::Integer && !V->Values.empty())
    return static_cast<int64_t>(V->Values[0]);
  return std::nullopt;
}

SourceLocation definitionLocation(const ConstantValue &V, const SourceManager &SM) {
  if (V.Literal && V.Literal->getBeginLoc().isMacroID())
    return actionableLocation(V.Literal->getBeginLoc(), SM);
  if (V.Holder)
    return actionableLocation(V.Holder->getLocation(), SM);
  return V.Literal ? actionableLocation(V.Literal->getBeginLoc(), SM) : SourceLocation();
}

} // namespace clang::tidy::medsec
