//===- TaintSettingSink.cpp - received values stored into device settings -===//
//
// The sink of medsec-unvalidated-setting: external data stored into a therapy
// or actuator setting of the device (a rate, volume, dose, pressure, limit,
// gain, setpoint of static storage, or one the project declares) without a
// range check on the path, and external data handed to a declared setter.
// "Range check" is what the path proves about the stored value: an upper bound
// written by the developer (a constant, a trusted limit, a clamp, a mask or a
// modulo) and a lower bound, which a value that cannot be negative (unsigned,
// or converted from an unsigned byte) already has.
//
//===----------------------------------------------------------------------===//
#include "../StatementFacts.h"
#include "TaintEngineImpl.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"

namespace clang::tidy::medsec::taint {
namespace {

bool destPath(const Expr *X, DestPath &P) {
  X = X->IgnoreParenImpCasts();
  if (const auto *DR = dyn_cast<DeclRefExpr>(X)) {
    const auto *V = dyn_cast<VarDecl>(DR->getDecl());
    if (!V || !V->getIdentifier())
      return false;
    P.Parts.push_back(V);
    P.Text = V->getName().str();
    return true;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(X)) {
    const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!F || !F->getIdentifier())
      return false;
    if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts())) {
      P.Parts.push_back(F);
      P.Text = F->getName().str();
      return true;
    }
    if (!destPath(ME->getBase(), P))
      return false;
    P.Parts.push_back(F);
    P.Text += (ME->isArrow() ? "->" : ".") + F->getName().str();
    return true;
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(X)) {
    if (!destPath(AS->getBase(), P))
      return false;
    P.Text += "[]";
    return true;
  }
  if (const auto *U = dyn_cast<UnaryOperator>(X); U && U->getOpcode() == UO_Deref) {
    if (!destPath(U->getSubExpr(), P))
      return false;
    P.Text = "*" + P.Text;
    return true;
  }
  return false;
}

/// A number a setting holds: not a flag, an enumerator, a pointer or a struct.
bool settingType(QualType T, const ASTContext &Ctx) {
  if (const ArrayType *AT = Ctx.getAsArrayType(T))
    return settingType(AT->getElementType(), Ctx);
  T = T.getCanonicalType();
  return T->isArithmeticType() && !T->isBooleanType() && !T->isEnumeralType();
}

/// The variable or member a store names, through subscripts and dereferences.
const NamedDecl *innermostDecl(const Expr *X) {
  X = X->IgnoreParenImpCasts();
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(X))
    return innermostDecl(AS->getBase());
  if (const auto *U = dyn_cast<UnaryOperator>(X); U && U->getOpcode() == UO_Deref)
    return innermostDecl(U->getSubExpr());
  return referencedDecl(X);
}

bool mentions(const Stmt *S, const NamedDecl *D) {
  if (!S)
    return false;
  if (const auto *DR = dyn_cast<DeclRefExpr>(S); DR && DR->getDecl() == D)
    return true;
  if (const auto *ME = dyn_cast<MemberExpr>(S); ME && ME->getMemberDecl() == D)
    return true;
  for (const Stmt *C : S->children())
    if (mentions(C, D))
      return true;
  return false;
}

bool assigns(const Stmt *S, const NamedDecl *D) {
  if (!S)
    return false;
  if (const auto *BO = dyn_cast<BinaryOperator>(S);
      BO && BO->isAssignmentOp() && innermostDecl(BO->getLHS()) == D)
    return true;
  for (const Stmt *C : S->children())
    if (assigns(C, D))
      return true;
  return false;
}

/// The statement right after Store (up to two) checks the setting again and
/// corrects it: `rate = v; if (rate > MAX) rate = MAX;` or
/// `rate = v; rate = clamp(rate, MIN, MAX);` (the second store is judged itself).
bool correctedAfter(ASTContext &Ctx, const Stmt *Store, const NamedDecl *D) {
  const Stmt *Child = Store;
  for (int Up = 0; Up < 4; ++Up) {
    DynTypedNodeList Ps = Ctx.getParents(*Child);
    if (Ps.empty())
      return false;
    const auto *CS = Ps[0].get<CompoundStmt>();
    if (!CS) {
      const Stmt *P = Ps[0].get<Stmt>();
      if (!P || !isa<Expr>(P))
        return false; // the store is the body of an if or a loop: nothing follows it there
      Child = P;
      continue;
    }
    const auto *It = llvm::find(CS->body(), Child);
    if (It == CS->body_end())
      return false;
    int Seen = 0;
    for (++It; It != CS->body_end() && Seen < 2; ++It, ++Seen) {
      const Stmt *Next = *It;
      if (const auto *If = dyn_cast<IfStmt>(Next)) {
        if (mentions(If->getCond(), D) && (assigns(If->getThen(), D) || assigns(If->getElse(), D)))
          return true;
        continue;
      }
      const auto *NextX = dyn_cast<Expr>(Next);
      if (const auto *BO = NextX ? dyn_cast<BinaryOperator>(NextX->IgnoreImplicit()) : nullptr)
        if (BO->getOpcode() == BO_Assign && innermostDecl(BO->getLHS()) == D &&
            mentions(BO->getRHS(), D))
          return true;
    }
    return false;
  }
  return false;
}

/// The judgement of a stored value: the message or nothing when it is bounded.
SinkEval settingEval(std::string What) {
  return [What](const Bound &Lo, const Bound &Hi, bool Validated) -> std::optional<std::string> {
    if (Validated)
      return std::nullopt;
    auto Written = [](const Bound &B) { return B.K == Bound::Const || B.K == Bound::Trusted; };
    // A value that cannot be negative has its lower end: only its maximum is missing.
    const bool LoOk = Written(Lo) || (Lo.isConst() && Lo.V >= 0);
    const bool HiOk = Written(Hi);
    if (LoOk && HiOk)
      return std::nullopt;
    const char *Missing = !LoOk && !HiOk ? "without a range check"
                          : !HiOk        ? "without an upper bound"
                                         : "without a lower bound";
    return What + " from %O " + Missing +
           "; check it against the setting's minimum and maximum (or clamp it) before it is "
           "applied";
  };
}

} // namespace

bool Engine::isSettingName(const DestPath &P) {
  const NamedDecl *Last = P.Parts.back();
  std::string Name = Last->getName().str();
  const SettingRules &R = Cfg.Settings;
  // g_peep.value, limits.pressure.max: the parent names the setting.
  if (P.Parts.size() >= 2 && R.qualifierOnly(Name))
    Name = P.Parts[P.Parts.size() - 2]->getName().str() + "_" + Name;
  auto [It, New] = SettingNameCache.try_emplace(Name, false);
  if (New)
    It->second = R.namesSetting(Name);
  return It->second;
}

namespace {
/// The names the type of an object goes by, through pointers and arrays: its
/// typedefs (setpoint_t) and its tag (setpoint_s, qualified in C++).
std::vector<std::string> typeNames(QualType T) {
  std::vector<std::string> Names;
  for (int Guard = 0; Guard < 16 && !T.isNull(); ++Guard) {
    if (const auto *TT = T->getAs<TypedefType>(); TT && T->getTypeClass() == Type::Typedef) {
      Names.push_back(TT->getDecl()->getName().str());
      T = TT->desugar();
      continue;
    }
    if (T->isPointerType() || T->isReferenceType()) {
      T = T->getPointeeType();
      continue;
    }
    if (const ArrayType *AT = T->getAsArrayTypeUnsafe()) {
      T = AT->getElementType();
      continue;
    }
    if (const auto *ET = dyn_cast<ElaboratedType>(T.getTypePtr())) {
      T = ET->getNamedType();
      continue;
    }
    if (const RecordDecl *RD = T->getAsRecordDecl())
      if (RD->getIdentifier())
        Names.push_back(RD->getQualifiedNameAsString());
    break;
  }
  return Names;
}
} // namespace

bool Engine::isDeclaredSetting(const DestPath &P) const {
  const llvm::StringSet<> &D = Cfg.Settings.Declared;
  if (D.empty())
    return false;
  const NamedDecl *Last = P.Parts.back();
  if (D.count(P.Text) || D.count(Last->getName()) || D.count(Last->getQualifiedNameAsString()))
    return true;
  if (const auto *F = dyn_cast<FieldDecl>(Last))
    if (const RecordDecl *RD = F->getParent(); RD->getIdentifier())
      if (D.count(RD->getQualifiedNameAsString() + "::" + F->getName().str()))
        return true;
  if (P.Parts.size() >= 2)
    if (const auto *F = dyn_cast<FieldDecl>(Last)) {
      // motor_cfg_t::speed: the parent object's type as the program names it.
      const auto *Parent = dyn_cast<ValueDecl>(P.Parts[P.Parts.size() - 2]);
      for (const std::string &T : Parent ? typeNames(Parent->getType()) : std::vector<std::string>())
        if (D.count(T + "::" + F->getName().str()))
          return true;
    }
  // A declared structure type: every number in an object of it, however deep, is a setting.
  for (size_t I = 0; I + 1 < P.Parts.size(); ++I)
    if (const auto *V = dyn_cast<ValueDecl>(P.Parts[I]))
      for (const std::string &T : typeNames(V->getType()))
        if (D.count(T))
          return true;
  return false;
}

bool Engine::fromExternalInput(const Step *Trace) const {
  const Step *Root = Trace;
  while (Root && Root->Prev)
    Root = Root->Prev;
  if (!Root || Root->SourceName.empty())
    return Root != nullptr; // registers, ISR buffers: inferred inputs are external
  auto Channel = [&](llvm::StringRef Name) -> const std::string * {
    if (auto It = Cfg.Sources.find(Name); It != Cfg.Sources.end())
      return &It->second.Channel;
    if (auto It = Cfg.CallbackFunctions.find(Name); It != Cfg.CallbackFunctions.end())
      return &It->second.Channel;
    if (auto It = Cfg.Globals.find(Name); It != Cfg.Globals.end())
      return &It->second.Channel;
    return nullptr;
  };
  const std::string *C = Channel(Root->SourceName);
  return !C || isExternalChannel(*C);
}

void FunctionAnalysis::checkSetting(const Expr *Dest, const TVal &V, const Stmt *Store) {
  if (!V.tainted() || E.Cfg.Settings.empty() || !settingType(Dest->getType(), Ctx))
    return;
  DestPath P;
  if (!destPath(Dest, P) || P.Parts.empty())
    return;
  const bool Declared = E.isDeclaredSetting(P);
  if (!Declared) {
    // Device state: a variable of static storage, or what one points to
    // (through an alias the function set up, c = &g_cfg, too).
    std::optional<LocKey> L = lval(Dest);
    const auto *Base = L ? dyn_cast_or_null<VarDecl>(L->Base) : nullptr;
    if (!Base || !Base->hasGlobalStorage() || !E.isSettingName(P))
      return;
  }
  if (correctedAfter(Ctx, Store, P.Parts.back()))
    return;
  sink(SinkKind::Setting, Dest->getBeginLoc(), V, settingEval("setting '" + P.Text + "' is set"));
}

void FunctionAnalysis::checkSettingWrite(const Expr *DestPtr, const TVal &V, const Stmt *Call) {
  // memcpy(&g_target, p, 4), recv(fd, &g_cfg.rate, 2): the bytes are stored whole.
  const Expr *X = DestPtr->IgnoreParenCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(X); U && U->getOpcode() == UO_AddrOf)
    X = U->getSubExpr();
  else if (!X->getType()->isArrayType())
    return;
  TVal W = V;
  W.Lo = W.Hi = Bound();
  checkSetting(X, W, Call);
}

void FunctionAnalysis::checkSetterCall(const CallExpr *CE) {
  const llvm::StringMap<ArgSet> &Setters = E.Cfg.Settings.Setters;
  const FunctionDecl *F = CE->getDirectCallee();
  if (Setters.empty() || !F || !F->getIdentifier())
    return;
  auto It = Setters.find(F->getName());
  if (It == Setters.end())
    It = Setters.find(F->getQualifiedNameAsString());
  if (It == Setters.end())
    return;
  for (unsigned I = 0; I < numArgs(CE); ++I)
    if (It->second.contains(I)) {
      const Expr *A = arg(CE, I);
      sink(SinkKind::Setting, A->getBeginLoc(), value(A),
           settingEval("'" + F->getNameAsString() + "' applies a setting taken"));
    }
}

} // namespace clang::tidy::medsec::taint
