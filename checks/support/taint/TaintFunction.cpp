//===- TaintFunction.cpp - values, effects and the worklist ---------------===//
#include "TaintEngineImpl.h"
#include "CfgWorklist.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::medsec::taint {

bool isDifference(const Expr *Op) {
  if (const auto *B = dyn_cast_or_null<BinaryOperator>(Op))
    return B->getOpcode() == BO_Sub || B->getOpcode() == BO_SubAssign;
  if (const auto *U = dyn_cast_or_null<UnaryOperator>(Op))
    return U->isDecrementOp();
  return false;
}

namespace {

/// A global variable, or a member of the object a method runs on (its
/// location's base is the field itself): state every function may read.
bool isGlobal(const ValueDecl *D) {
  if (isa_and_nonnull<FieldDecl>(D))
    return true;
  const auto *V = dyn_cast_or_null<VarDecl>(D);
  return V && V->hasGlobalStorage() && !V->isStaticLocal();
}

bool isThis(const Expr *X) { return isa<CXXThisExpr>(X->IgnoreParenImpCasts()); }

/// The member called Name of record type T, or of a record inside it (the
/// engine locates a member of a member by the innermost one).
const FieldDecl *memberNamed(QualType T, StringRef Name, unsigned Depth = 0) {
  const RecordDecl *RD = T->getAsRecordDecl();
  if (!RD || !(RD = RD->getDefinition()) || Depth > 4)
    return nullptr;
  for (const FieldDecl *F : RD->fields())
    if (F->getName() == Name)
      return F;
  for (const FieldDecl *F : RD->fields())
    if (const FieldDecl *In = memberNamed(F->getType(), Name, Depth + 1))
      return In;
  return nullptr;
}

} // namespace

std::optional<std::pair<Int, Int>> FunctionAnalysis::typeRange(QualType T) const {
  return typeRangeOf(T, Ctx);
}

//===--- locations ----------------------------------------------------------===//

std::optional<LocKey> FunctionAnalysis::lval(const Expr *X) {
  X = X->IgnoreParenCasts();
  if (const auto *DR = dyn_cast<DeclRefExpr>(X)) {
    const auto *V = dyn_cast<VarDecl>(DR->getDecl());
    if (!V)
      return std::nullopt;
    if (V->getType()->isReferenceType()) { // C++ references alias their target
      auto It = PointsTo.find(V);
      if (It != PointsTo.end())
        return It->second;
    }
    return LocKey{V, nullptr, false};
  }
  if (const auto *ME = dyn_cast<MemberExpr>(X)) {
    const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    // A member of *this is located by the field alone: what one method stores
    // in request_ another reads (every object of the class shares it).
    if (F && ME->isArrow() && isThis(ME->getBase()))
      return LocKey{F, nullptr, false};
    std::optional<LocKey> B = ME->isArrow() ? pointeeLoc(ME->getBase()) : lval(ME->getBase());
    if (!B || !F)
      return B;
    if (F->getParent()->isUnion())
      return B; // the members of a union share their storage
    if (B->Field && B->Field->getType()->isUnionType())
      return B; // so do the members of a struct inside it (hdr.byte_size over hdr.data)
    B->Field = F;
    return B;
  }
  if (const auto *U = dyn_cast<UnaryOperator>(X))
    if (U->getOpcode() == UO_Deref)
      return pointeeLoc(U->getSubExpr());
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(X))
    return pointeeLoc(AS->getBase());
  return std::nullopt;
}

std::optional<LocKey> FunctionAnalysis::pointeeLoc(const Expr *X) {
  X = X->IgnoreParenCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(X)) {
    if (U->getOpcode() == UO_AddrOf)
      return lval(U->getSubExpr());
    if (U->getOpcode() == UO_Deref)
      return pointeeLoc(U->getSubExpr()); // arrays of arrays: collapse
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(X)) {
    if (BO->isAdditiveOp() || BO->getOpcode() == BO_AddAssign || BO->getOpcode() == BO_SubAssign)
      return pointeeLoc(BO->getLHS()->getType()->isIntegerType() ? BO->getRHS() : BO->getLHS());
    if (BO->getOpcode() == BO_Assign || BO->getOpcode() == BO_Comma)
      return pointeeLoc(BO->getRHS());
  }
  if (const auto *U = dyn_cast<UnaryOperator>(X))
    if (U->isIncrementDecrementOp())
      return pointeeLoc(U->getSubExpr());
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(X))
    return pointeeLoc(AS->getBase());
  if (const auto *DR = dyn_cast<DeclRefExpr>(X)) {
    const auto *V = dyn_cast<VarDecl>(DR->getDecl());
    if (!V)
      return std::nullopt;
    auto It = PointsTo.find(V);
    if (It != PointsTo.end() && !V->getType()->isReferenceType())
      return It->second;
    if (V->getType()->isArrayType())
      return LocKey{V, nullptr, true};
    return LocKey{V, nullptr, true};
  }
  if (const auto *ME = dyn_cast<MemberExpr>(X)) {
    std::optional<LocKey> L = lval(ME);
    if (L && !L->Contents)
      L->Contents = ME->getType()->isPointerType(); // s.ptr points elsewhere
    return L;
  }
  return std::nullopt;
}

bool FunctionAnalysis::unchecked(const TVal &V) {
  return V.tainted() && !V.Validated && V.Hi.K != Bound::Const && V.Hi.K != Bound::Trusted;
}

void FunctionAnalysis::storeGlobal(const LocKey &GL, const TVal &V) {
  auto It = E.GlobalTaint.find(GL);
  if (It == E.GlobalTaint.end()) {
    TVal G = V;
    G.Params = 0;
    G.Direct = -1;
    G.Lo = G.Hi = Bound();
    const auto *F = dyn_cast<FieldDecl>(GL.Base);
    G.Trace = E.newStep(GL.Base->getLocation(),
                        (F ? "stored in member '" + F->getParent()->getNameAsString() +
                                 "::" + F->getNameAsString()
                           : "stored in global '" + GL.Base->getNameAsString()) +
                            "' declared here",
                        V.Trace);
    It = E.GlobalTaint.emplace(GL, G).first;
    E.GlobalsChanged = true;
  }
  E.GlobalStepStorers[It->second.Trace].insert(FD);
  if (E.isInterruptHandler(FD))
    E.InputGlobalSteps.insert(It->second.Trace);
}

std::optional<LocKey> FunctionAnalysis::memberOfThis(const LocKey &L) const {
  if (!L.Field || !L.Base || isa<FieldDecl>(L.Base) || !E.ThisFields.count(L.Field))
    return std::nullopt;
  // The methods locate it by the field alone; only a pointer member has contents.
  return LocKey{L.Field, nullptr, L.Contents && L.Field->getType()->isPointerType()};
}

TVal FunctionAnalysis::lookup(const LocKey &L) {
  auto Find = [&](const LocKey &K) -> const TVal * {
    auto It = Cur->find(K);
    return It == Cur->end() ? nullptr : &It->second;
  };
  if (const TVal *V = Find(L))
    return *V;
  if (auto ML = memberOfThis(L))
    // obj->len_ that a method of its class received into this->len_.
    if (const TVal *V = Find(*ML))
      return *V;
  // A member of the record a parameter points to (or refers to) is that
  // parameter through the member: its caller's record may hold external data
  // in other members only.
  auto MemberOf = [&](TVal &R, const TVal &Param) {
    if (L.Field && Param.Direct >= 0 && Param.Direct < 64) {
      R.ParamField = L.Field;
      R.ParamFieldOf = Param.Direct;
      R.ParamFieldDirect = true;
    }
  };
  if (L.Field)
    if (const TVal *V = Find(LocKey{L.Base, nullptr, L.Contents})) {
      TVal R = *V;
      R.Lo = R.Hi = Bound();
      R.Direct = -1;
      if (!L.Contents && isa<ParmVarDecl>(L.Base) && L.Base->getType()->isReferenceType())
        MemberOf(R, *V);
      return R;
    }
  if (L.Contents) {
    // What a tainted pointer points to is tainted.
    if (const TVal *V = Find(LocKey{L.Base, nullptr, false})) {
      TVal R = *V;
      R.Lo = R.Hi = Bound();
      R.Direct = -1;
      MemberOf(R, *V);
      return R;
    }
  } else if (!L.Field && L.Base && L.Base->getType()->isRecordType()) {
    // A whole struct read is as tainted as any of its fields.
    for (auto It = Cur->lower_bound(LocKey{L.Base, nullptr, false});
         It != Cur->end() && It->first.Base == L.Base; ++It)
      if (!It->first.Contents && It->second.tainted()) {
        TVal R = It->second;
        R.Lo = R.Hi = Bound();
        R.Direct = -1;
        return R;
      }
  }
  return TVal();
}

void FunctionAnalysis::store(const LocKey &L, TVal V, bool Strong) {
  if (!V.tainted()) {
    // A call's status stays, for the test of it that refines its outputs.
    const Expr *Status = Strong && !L.Field && !L.Contents ? V.Status : nullptr;
    V = TVal();
    V.Status = Status;
    if (!Strong)
      return;
  }
  if (!L.Field && !L.Contents && Strong) {
    // A whole write replaces what was known of its fields.
    for (auto It = Cur->lower_bound(LocKey{L.Base, nullptr, false});
         It != Cur->end() && It->first.Base == L.Base;)
      It = It->first.Contents ? std::next(It) : Cur->erase(It);
  }
  if (!V.tainted()) {
    if (V.Status)
      (*Cur)[L] = V;
    else
      Cur->erase(L);
    return;
  }
  // A member of an object whose methods use it through this (cmd->payload_
  // filled before cmd->execute()): those methods see it as their own member.
  std::optional<LocKey> GL;
  if (isGlobal(L.Base))
    GL = L;
  else if (auto ML = memberOfThis(L))
    GL = ML;
  // A value checked before it is stored (a setter that validates) does not
  // make the global external: readers elsewhere would lose that check.
  if (GL && unchecked(V)) {
    if (V.Real)
      storeGlobal(*GL, V);
    // A setter: what its caller passes is stored there (set(v) { g = v; }).
    for (unsigned J = 0; J < 64; ++J)
      if (V.Params & (uint64_t(1) << J)) {
        std::vector<LocKey> &To = S.ParamGlobals[J];
        if (std::find(To.begin(), To.end(), *GL) == To.end())
          To.push_back(*GL);
      }
  }
  auto It = Cur->find(L);
  if (It == Cur->end() || Strong)
    (*Cur)[L] = V;
  else
    It->second = joinVal(It->second, V);
}

//===--- values -------------------------------------------------------------===//

TVal FunctionAnalysis::typed(TVal V, QualType T) const {
  if (!V.tainted())
    return V;
  if (auto R = typeRange(T)) {
    if (!V.Lo.known())
      V.Lo = Bound::constant(R->first, Bound::TypeConst);
    if (!V.Hi.known())
      V.Hi = Bound::constant(R->second, Bound::TypeConst);
  }
  return V;
}

TVal FunctionAnalysis::convert(TVal V, QualType From, QualType To) {
  auto FR = typeRange(From), TR = typeRange(To);
  if (!TR)
    return V;
  // A conversion keeps the identity of a parameter unless it may wrap.
  bool Wraps = false;
  Interval I = convertBounds({V.Lo, V.Hi}, FR, *TR, To->isUnsignedIntegerType(), Wraps);
  V.Lo = I.Lo;
  V.Hi = I.Hi;
  if (Wraps) {
    V.Direct = -1;
    V.ParamFieldDirect = false;
  }
  return V;
}

TVal FunctionAnalysis::arith(BinaryOperatorKind Op, const TVal &A, const TVal &B, QualType T,
                            const Expr *Site) {
  TVal R;
  // The result carries the operation that may wrap (Site) or the one its
  // operands carry; a remainder or a mask brings a wrapped value back into
  // its range (ring buffer indexes), so it ends there.
  if (Site) {
    R.Wrap = Site;
    E.wrapFrom(Site, A.Wrap);
    E.wrapFrom(Site, B.Wrap);
  } else if (Op != BO_Rem && Op != BO_And && Op != BO_RemAssign && Op != BO_AndAssign) {
    R.Wrap = A.Wrap ? A.Wrap : B.Wrap;
  }
  R.Real = A.Real || B.Real;
  R.Params = A.Params | B.Params;
  joinParamField(R, A, B);
  R.ParamFieldDirect = false;
  R.Trace = A.Real ? A.Trace : (B.Real ? B.Trace : (A.Trace ? A.Trace : B.Trace));
  R.Validated = (!A.tainted() || A.Validated) && (!B.tainted() || B.Validated);
  R.Limit = R.Real && (!A.Real || A.Limit) && (!B.Real || B.Limit);
  if (!R.tainted())
    return R;
  const Interval I =
      arithBounds(Op, {A.Lo, A.Hi}, !A.tainted(), {B.Lo, B.Hi}, !B.tainted(), typeRange(T));
  R.Lo = I.Lo;
  R.Hi = I.Hi;
  return R;
}

const FunctionDecl *FunctionAnalysis::callee(const CallExpr *CE) {
  if (const FunctionDecl *F = CE->getDirectCallee())
    return F;
  const Expr *C = CE->getCallee()->IgnoreParenCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(C))
    if (U->getOpcode() == UO_Deref)
      C = U->getSubExpr()->IgnoreParenCasts();
  if (const auto *DR = dyn_cast<DeclRefExpr>(C)) {
    auto It = FnPointer.find(DR->getDecl());
    if (It != FnPointer.end())
      return It->second;
  }
  return nullptr;
}

std::vector<const FunctionDecl *> FunctionAnalysis::callees(const CallExpr *CE) {
  // A virtual call runs one of the overriders the unit defines in classes
  // derived from the object's static type (a handler table's h->handle(frame)),
  // unless the method is a source itself (an inferred port's Read). When
  // overriders of other units return or write external data (a cross-TU
  // source), the method stands for them beside the unit's own.
  if (Engine::virtualCall(CE)) {
    const auto *MC = cast<CXXMemberCallExpr>(CE);
    const CXXMethodDecl *M = MC->getMethodDecl();
    const SourceSpec *Src = E.sourceFor(M, nullptr, CE);
    if (!Src || !Src->Inferred) {
      std::vector<const FunctionDecl *> R = E.dispatchTargets(M, Engine::objectClass(MC));
      const FunctionDecl *Def = nullptr;
      if (Src && !R.empty() && std::find(R.begin(), R.end(), M->hasBody(Def) ? Def : M) == R.end())
        R.push_back(M);
      if (!R.empty() && R.size() <= 64)
        return R;
    }
  }
  if (const FunctionDecl *F = callee(CE))
    return {F};
  // A call through a handler table or a struct field: every function the TU
  // stores there is a candidate.
  const Expr *C = CE->getCallee()->IgnoreParenCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(C))
    if (U->getOpcode() == UO_Deref)
      C = U->getSubExpr()->IgnoreParenCasts();
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(C))
    C = AS->getBase()->IgnoreParenCasts();
  const ValueDecl *Holder = nullptr;
  if (const auto *ME = dyn_cast<MemberExpr>(C))
    Holder = ME->getMemberDecl();
  else if (const auto *DR = dyn_cast<DeclRefExpr>(C))
    Holder = DR->getDecl();
  auto It = Holder ? E.Targets.find(Holder) : E.Targets.end();
  if (It == E.Targets.end() || It->second.size() > 64)
    return {};
  return std::vector<const FunctionDecl *>(It->second.begin(), It->second.end());
}

StringRef FunctionAnalysis::calleeName(const FunctionDecl *F) const {
  if (!F || !F->getIdentifier())
    return {};
  const DeclContext *DC = F->getDeclContext()->getRedeclContext();
  if (!DC->isTranslationUnit() && !F->isInStdNamespace())
    return {};
  return F->getName();
}

unsigned FunctionAnalysis::argOffset(const CallExpr *CE) const {
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE))
    if (isa_and_nonnull<CXXMethodDecl>(OC->getDirectCallee()))
      return 1;
  return 0;
}
unsigned FunctionAnalysis::numArgs(const CallExpr *CE) const {
  return CE->getNumArgs() - argOffset(CE);
}
const Expr *FunctionAnalysis::arg(const CallExpr *CE, unsigned I) const {
  return CE->getArg(I + argOffset(CE));
}

TVal FunctionAnalysis::taintOf(const Expr *X) {
  TVal V = value(X);
  if (V.tainted())
    return V;
  if (const auto *U = dyn_cast<UnaryOperator>(X->IgnoreParenCasts()))
    if (U->getOpcode() == UO_AddrOf &&
        (U->getSubExpr()->getType()->isPointerType() || U->getSubExpr()->getType()->isArrayType()))
      if (TVal Inner = taintOf(U->getSubExpr()); Inner.tainted())
        return Inner; // &ptr: the data the pointer leads to
  const QualType T = X->IgnoreParenImpCasts()->getType();
  if (T->isPointerType() || T->isArrayType() || T->isRecordType() || T->isReferenceType()) {
    TVal P = T->isRecordType() ? TVal() : pointee(X);
    if (T->isRecordType())
      if (auto L = lval(X))
        P = lookup(*L);
    if (P.tainted()) {
      P.Direct = V.Direct >= 0 ? V.Direct : P.Direct;
      return P;
    }
  }
  return V;
}

/// Is Member a member of record T or of a record T holds (by value)?
static bool memberWithin(QualType T, const FieldDecl *Member, unsigned Depth = 0) {
  const RecordDecl *RD = T.isNull() ? nullptr : T->getAsRecordDecl();
  if (!RD || Depth > 4 || !(RD = RD->getDefinition()))
    return false;
  for (const FieldDecl *F : RD->fields())
    if (F->getCanonicalDecl() == Member->getCanonicalDecl() ||
        memberWithin(F->getType(), Member, Depth + 1))
      return true;
  return false;
}

std::optional<LocKey> FunctionAnalysis::argMemberLoc(const CallExpr *CE,
                                                     const FunctionDecl *Callee, unsigned I,
                                                     const FieldDecl *Member) {
  if (!Member)
    return std::nullopt;
  // The callee reads only Member of the record: where the argument's record
  // holds it (the locations name the innermost member, as here).
  const Expr *A = arg(CE, I);
  const bool ByRef =
      I < Callee->getNumParams() && Callee->getParamDecl(I)->getType()->isReferenceType();
  const std::optional<LocKey> L = ByRef ? lval(A) : pointeeLoc(A);
  const QualType RT = ByRef ? A->getType() : A->IgnoreParenImpCasts()->getType()->getPointeeType();
  if (!L || L->Field || !memberWithin(RT, Member))
    return std::nullopt; // a member of a member, or a record of another type (void *): whole
  return LocKey{L->Base, Member, L->Contents};
}

TVal FunctionAnalysis::pointerValue(const Expr *X) {
  // A copied pointer leads to the same data: its value carries that taint.
  TVal V = taintOf(X);
  V.Lo = V.Hi = Bound();
  return V;
}

TVal FunctionAnalysis::pointee(const Expr *X) {
  if (auto L = pointeeLoc(X)) {
    TVal V = lookup(*L);
    if (V.tainted())
      return V;
  }
  TVal V = value(X);
  if (V.tainted() && X->getType()->isPointerType()) {
    V.Lo = V.Hi = Bound();
    V.Direct = -1;
    return V;
  }
  return TVal();
}

TVal FunctionAnalysis::callValue(const CallExpr *CE) {
  TVal R;
  for (const FunctionDecl *F : callees(CE))
    if (TVal V = callValueOf(CE, F); V.tainted())
      R = R.tainted() ? joinVal(R, V) : V;
  if (StatusCalls.count(CE))
    R.Status = CE;
  return R;
}

TVal FunctionAnalysis::receivedCount(const CallExpr *CE, const FunctionDecl *F,
                                     const SourceSpec &Src, TVal V) {
  // An inferred receive method that fills a buffer and returns an integer
  // (uart->read(buf, sizeof buf)) returns how many bytes it stored: at most
  // the size it was given, the first integer parameter after the buffer.
  if (!Src.Inferred || Src.OutArgs.Indices.empty() || !F->getReturnType()->isIntegerType())
    return V;
  const auto Out = static_cast<unsigned>(Src.OutArgs.Indices.front());
  for (unsigned I = Out + 1; I < F->getNumParams() && I < numArgs(CE); ++I) {
    if (!F->getParamDecl(I)->getType()->isIntegerType())
      continue;
    const TVal M = value(arg(CE, I));
    V.Hi = M.tainted() ? M.Hi : M.Hi.isConst() ? M.Hi : Bound::trusted();
    if (F->getReturnType()->isUnsignedIntegerType())
      V.Lo = Bound::constant(0);
    break;
  }
  return V;
}

TVal FunctionAnalysis::callValueOf(const CallExpr *CE, const FunctionDecl *F) {
  const Summary *CS = nullptr;
  const FunctionDecl *Def = nullptr;
  if (F->hasBody(Def) && !E.inSystemHeader(Def))
    CS = &E.summaryOf(Def);
  std::string SourceName;
  if (const SourceSpec *Src = E.sourceFor(F, &SourceName, CE))
    if (Src->Returns && (!CS || Engine::assumedAtVirtualCall(Src, CE)))
      return receivedCount(CE, F, *Src, E.sourceValue(CE, *Src, SourceName));
  StringRef Name = calleeName(F);
  if (!CS && !Name.empty()) {
    auto P = E.Cfg.Propagators.find(Name);
    if (P != E.Cfg.Propagators.end() && P->second.ToReturn) {
      TVal R;
      for (unsigned I = 0; I < numArgs(CE); ++I)
        if (P->second.From.contains(I)) {
          TVal A = taintOf(arg(CE, I));
          if (A.tainted())
            R = R.tainted() ? joinVal(R, A) : A;
        }
      if (!R.tainted())
        return TVal();
      R.Lo = R.Hi = Bound();
      R.Direct = -1;
      R.Validated = false;
      if (P->second.LengthOf >= 0 && static_cast<unsigned>(P->second.LengthOf) < numArgs(CE)) {
        // A string's length stays within its buffer: bounded by the buffer's
        // size when known, else by the (trusted) buffer itself.
        R.Lo = Bound::constant(0);
        std::optional<Int> Bytes = objectBytes(arg(CE, P->second.LengthOf));
        // The terminator takes one byte: strlen of a char[N] is at most N - 1.
        R.Hi = Bytes ? Bound::constant(*Bytes > 0 ? *Bytes - 1 : 0) : Bound::trusted();
      }
      if (R.Real)
        R.Trace =
            E.newStep(CE->getBeginLoc(), "value passed through '" + Name.str() + "' here", R.Trace);
      return R;
    }
    auto VS = E.Cfg.Validators.find(Name);
    if (VS != E.Cfg.Validators.end() && VS->second.When == ValidWhen::ReturnsBounded) {
      TVal R;
      Bound Hi;
      for (unsigned I = 0; I < numArgs(CE); ++I) {
        TVal A = value(arg(CE, I));
        if (A.tainted())
          R = R.tainted() ? joinVal(R, A) : A;
        if (!A.tainted())
          Hi = A.Hi.isConst() ? A.Hi : Bound::trusted();
        else if (A.Hi.known() && !Hi.known())
          Hi = A.Hi;
      }
      R.Hi = Hi;
      R.Direct = -1;
      return R;
    }
    return TVal();
  }
  if (!CS || !CS->HasRet)
    return TVal();
  const TVal &Ret = CS->Ret;
  TVal R;
  if (Ret.Real) {
    R = Ret;
    R.Params = 0;
    R.Trace = E.newStep(CE->getBeginLoc(), "value returned by '" + F->getNameAsString() + "' here",
                        Ret.Trace);
  }
  for (unsigned I = 0; I < numArgs(CE) && I < 64; ++I)
    if (Ret.Params & (uint64_t(1) << I)) {
      const std::optional<LocKey> ML = argMemberLoc(CE, F, I, Ret.memberOfParam(I));
      TVal A = ML ? lookup(*ML) : taintOf(arg(CE, I));
      if (!A.tainted())
        continue;
      if (Ret.Direct == static_cast<int>(I) || Ret.memberOfParamUnchanged(I)) {
        if (Ret.Lo.known())
          A.Lo = Ret.Lo;
        if (Ret.Hi.known())
          A.Hi = Ret.Hi;
      } else {
        A.Lo = Ret.Lo;
        A.Hi = Ret.Hi;
        A.Direct = -1;
      }
      if (A.Real)
        A.Trace = E.newStep(CE->getBeginLoc(),
                            "value passed through '" + F->getNameAsString() + "' here", A.Trace);
      R = R.tainted() ? joinVal(R, A) : A;
    }
  if (R.tainted() && Ret.Validated)
    R.Validated = true;
  return R;
}

TVal FunctionAnalysis::value(const Expr *X) {
  X = X->IgnoreParens();
  if (X->isValueDependent() || X->isTypeDependent())
    return TVal();
  if (X->getType()->isIntegerType())
    if (std::optional<Int> N = E.Constants.of(X)) {
      TVal V;
      V.Lo = V.Hi = Bound::constant(*N);
      return V;
    }
  if (isa<DeclRefExpr, MemberExpr, UnaryOperator>(X))
    if (auto R = E.registerRead(X))
      return typed(E.registerValue(X, *R), X->getType());
  if (isa<DeclRefExpr, MemberExpr>(X)) {
    if (auto L = lval(X))
      return typed(lookup(*L), X->getType());
    return TVal();
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(X))
    return typed(pointee(AS->getBase()), X->getType());
  if (const auto *U = dyn_cast<UnaryOperator>(X)) {
    switch (U->getOpcode()) {
    case UO_Deref:
      return typed(pointee(U->getSubExpr()), X->getType());
    case UO_AddrOf:
      return TVal();
    case UO_LNot: {
      TVal V = value(U->getSubExpr());
      V.Lo = Bound::constant(0);
      V.Hi = Bound::constant(1);
      V.Direct = -1;
      return V.tainted() ? V : TVal();
    }
    case UO_Minus: {
      TVal V = value(U->getSubExpr());
      TVal R = V;
      R.Direct = -1;
      R.Lo =
          V.Hi.isConst() ? Bound::constant(-V.Hi.V) : (V.Hi.known() ? Bound::trusted() : Bound());
      R.Hi =
          V.Lo.isConst() ? Bound::constant(-V.Lo.V) : (V.Lo.known() ? Bound::trusted() : Bound());
      return R;
    }
    case UO_Plus:
    case UO_PreInc:
    case UO_PreDec: {
      TVal V = value(U->getSubExpr());
      if (U->isIncrementDecrementOp())
        V.Direct = -1;
      return V;
    }
    case UO_PostInc:
    case UO_PostDec: {
      // The CFG steps the variable before the expression using it: `i++`
      // is worth what i held before (buf[used++] with used <= 63 stays
      // below 64). A bound the step saturated at its type's limit stays.
      TVal V = value(U->getSubExpr());
      V.Direct = -1;
      const Int D = U->isIncrementOp() ? 1 : -1;
      auto TR = typeRange(U->getSubExpr()->getType());
      if (V.Lo.isConst() && !(TR && D < 0 && V.Lo.V == TR->first))
        V.Lo.V -= D;
      if (V.Hi.isConst() && !(TR && D > 0 && V.Hi.V == TR->second))
        V.Hi.V -= D;
      return V;
    }
    default: {
      TVal V = value(U->getSubExpr());
      V.Lo = V.Hi = Bound();
      V.Direct = -1;
      return V;
    }
    }
  }
  if (const auto *CE = dyn_cast<CastExpr>(X)) {
    const Expr *Sub = CE->getSubExpr();
    switch (CE->getCastKind()) {
    case CK_IntegralCast:
    case CK_IntegralToBoolean:
    case CK_BooleanToSignedIntegral:
      return convert(value(Sub), Sub->getType(), CE->getType());
    case CK_ArrayToPointerDecay:
      return value(Sub); // the array's own taint; what it holds is pointee()
    case CK_IntegralToPointer: {
      // (uint32_t *)addr: the external integer is now where memory is accessed.
      TVal V = value(Sub);
      V.Address = V.tainted();
      return V;
    }
    default:
      return value(Sub);
    }
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(X)) {
    switch (BO->getOpcode()) {
    case BO_Assign:
    case BO_Comma:
      return value(BO->getRHS());
    case BO_LAnd:
    case BO_LOr:
    case BO_LT:
    case BO_GT:
    case BO_LE:
    case BO_GE:
    case BO_EQ:
    case BO_NE: {
      TVal A = value(BO->getLHS()), B = value(BO->getRHS());
      TVal R = A.tainted() ? A : B;
      if (!R.tainted())
        return TVal();
      R.Lo = Bound::constant(0);
      R.Hi = Bound::constant(1);
      R.Direct = -1;
      return R;
    }
    default:
      break;
    }
    if (BO->getType()->isPointerType())
      return value(BO->getLHS()->getType()->isPointerType() ? BO->getLHS() : BO->getRHS());
    // end - p, crt_end - buf: how far apart two pointers into one buffer are.
    // A pointer into received bytes is external only for what it points to;
    // the distance is the program's own position in the buffer (an external
    // offset added to one of them is judged where it is added, p += len).
    // It is a position, at least 0 and of unknown size: subtracted from an
    // external length (len -= p->data - (uint8_t *)p), it leaves the length
    // as unchecked as it was, where an own value of unknown bounds would read
    // as a trusted bound.
    if (BO->getOpcode() == BO_Sub && BO->getLHS()->getType()->isPointerType() &&
        BO->getRHS()->getType()->isPointerType()) {
      TVal Position;
      Position.Lo = Bound::constant(0);
      return Position;
    }
    const BinaryOperatorKind K = BO->getOpcode();
    return arith(K, value(BO->getLHS()), value(BO->getRHS()), BO->getType(),
                 canWrap(K) ? BO : nullptr);
  }
  if (const auto *CO = dyn_cast<AbstractConditionalOperator>(X)) {
    TaintState *Saved = Cur;
    TaintState T = *Saved, F = *Saved;
    refine(T, CO->getCond(), true);
    refine(F, CO->getCond(), false);
    Cur = &T;
    TVal A = value(CO->getTrueExpr());
    Cur = &F;
    TVal B = value(CO->getFalseExpr());
    Cur = Saved;
    if (!A.tainted() && !B.tainted())
      return TVal();
    // An untrusted branch joined with a constant one keeps the constant's bound.
    TVal R = joinVal(A.tainted() ? A : B, B.tainted() ? B : A);
    return R;
  }
  if (const auto *CE = dyn_cast<CallExpr>(X))
    return callValue(CE);
  if (const auto *IL = dyn_cast<InitListExpr>(X)) {
    TVal R;
    for (const Expr *I : IL->inits())
      if (TVal V = taintOf(I); V.tainted())
        R = R.tainted() ? joinVal(R, V) : V;
    if (IL->getNumInits() != 1 || !IL->getType()->isScalarType())
      R.Lo = R.Hi = Bound(), R.Direct = -1;
    return R;
  }
  if (const auto *DA = dyn_cast<CXXDefaultArgExpr>(X))
    return value(DA->getExpr());
  if (const auto *EWC = dyn_cast<ExprWithCleanups>(X))
    return value(EWC->getSubExpr());
  if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(X))
    return value(MT->getSubExpr());
  if (const auto *BT = dyn_cast<CXXBindTemporaryExpr>(X))
    return value(BT->getSubExpr());
  if (const auto *CC = dyn_cast<CXXConstructExpr>(X))
    if (CC->getNumArgs() == 1)
      return taintOf(CC->getArg(0));
  return TVal();
}

//===--- effects ------------------------------------------------------------===//

void FunctionAnalysis::validate(TaintState &St, const Expr *Arg) {
  auto Mark = [&](std::optional<LocKey> L) {
    if (!L)
      return;
    auto It = St.find(*L);
    if (It == St.end()) {
      TaintState *Saved = Cur;
      Cur = &St;
      TVal Whole = lookup(*L);
      Cur = Saved;
      if (!Whole.tainted())
        return;
      It = St.emplace(*L, Whole).first;
    }
    It->second.Validated = true;
    if (It->second.Lo.K != Bound::Const)
      It->second.Lo = Bound::trusted();
    if (It->second.Hi.K != Bound::Const)
      It->second.Hi = Bound::trusted();
  };
  Mark(lval(Arg));
  Mark(pointeeLoc(Arg));
}

void FunctionAnalysis::callEffects(const CallExpr *CE) {
  for (const FunctionDecl *F : callees(CE))
    callEffectsOf(CE, F);
  // A virtual call may also run an overrider another unit defines (cross-TU;
  // noting a call twice is harmless).
  if (Reporting && Engine::virtualCall(CE))
    if (const CXXMethodDecl *M = cast<CXXMemberCallExpr>(CE)->getMethodDecl();
        M && !E.sourceFor(M, nullptr, CE))
      noteOutgoingCall(CE, M);
}

void FunctionAnalysis::callEffectsOf(const CallExpr *CE, const FunctionDecl *F) {
  const FunctionDecl *Def = nullptr;
  std::string SourceName;
  const SourceSpec *Src = E.sourceFor(F, &SourceName, CE);
  const bool Dispatched = Engine::assumedAtVirtualCall(Src, CE);
  if (F->hasBody(Def) && !E.inSystemHeader(Def) && !Dispatched) {
    const Summary &CS = E.summaryOf(Def);
    // The callee's sinks see the arguments as they were before the call.
    if (Reporting) {
      applySummarySinks(CE, Def, CS);
      applyParamOutgoing(CE, Def);
    }
    // A setter stores the argument into a global or member: what it holds now.
    for (const auto &[I, Ls] : CS.ParamGlobals)
      if (I < numArgs(CE))
        if (TVal A = taintOf(arg(CE, I)); unchecked(A))
          for (const LocKey &GL : Ls) {
            if (A.Real) {
              TVal W = A;
              W.Trace = E.newStep(arg(CE, I)->getBeginLoc(),
                                  "passed to '" + F->getNameAsString() + "' here", A.Trace);
              storeGlobal(GL, W);
            }
            for (unsigned J = 0; J < 64; ++J)
              if (A.Params & (uint64_t(1) << J)) {
                std::vector<LocKey> &To = S.ParamGlobals[J];
                if (std::find(To.begin(), To.end(), GL) == To.end())
                  To.push_back(GL);
              }
          }
    std::map<unsigned, LocKey> Written;
    for (const auto &[I, V] : CS.ParamOut)
      if (I < numArgs(CE))
        if (auto L = pointeeLoc(arg(CE, I))) {
          TVal W = V;
          W.Trace =
              E.newStep(CE->getBeginLoc(),
                        "value received through '" + F->getNameAsString() + "' here", V.Trace);
          auto FS = CS.ParamOutFields.find(I);
          if (FS == CS.ParamOutFields.end())
            store(*L, W, !L->Contents);
          else
            for (const FieldDecl *Member : FS->second)
              store(LocKey{L->Base, Member, L->Contents}, W, false);
          Written.emplace(I, *L);
        }
    if (CE->getDirectCallee())
      noteStatusCall(CE, CS, Written);
    return;
  }
  if (Reporting) {
    checkCallSinks(CE, F); // methods too: a logger's format attribute
    noteOutgoingCall(CE, F);
  }
  if (Src && !Src->OutArgs.empty()) {
    TVal V;
    if (const VarDecl *Q = E.unitQueue(CE, Src->QueueArg)) {
      auto It = E.QueueTaint.find(Q);
      if (It != E.QueueTaint.end()) {
        V = It->second;
        V.Trace =
            E.newStep(CE->getBeginLoc(),
                      "value received from queue '" + Q->getNameAsString() + "' here", V.Trace);
      }
    } else {
      V = E.sourceValue(CE, *Src, SourceName);
    }
    std::map<unsigned, LocKey> Written;
    for (unsigned I = 0; I < numArgs(CE); ++I)
      if (Src->OutArgs.contains(I)) {
        const Expr *A = arg(CE, I);
        // A reference parameter receives into the object itself.
        const bool ByRef =
            I < F->getNumParams() && F->getParamDecl(I)->getType()->isLValueReferenceType();
        if (auto L = ByRef ? lval(A) : pointeeLoc(A)) {
          auto FS = Src->OutFields.find(I);
          if (FS != Src->OutFields.end()) {
            // Only the members named (`fields: ["0.buffer"]`) of the record
            // the parameter points to (the engine locates a member by itself:
            // void *md_ctx handed to sha256_update gets them out of sight).
            QualType T;
            if (I < F->getNumParams())
              T = ByRef ? F->getParamDecl(I)->getType().getNonReferenceType()
                        : F->getParamDecl(I)->getType()->getPointeeType();
            if (T.isNull() || !T->isRecordType())
              T = ByRef ? A->getType() : A->IgnoreParenImpCasts()->getType()->getPointeeType();
            for (const std::string &Name : FS->second)
              if (const FieldDecl *Member = T.isNull() ? nullptr : memberNamed(T, Name))
                store(LocKey{L->Base, Member, L->Contents}, V, false);
            continue;
          }
          if (Reporting)
            ByRef ? checkSetting(A, V, CE) : checkSettingWrite(A, V, CE);
          store(*L, V, !L->Contents);
          Written.emplace(I, *L);
        }
      }
    if (CE->getDirectCallee())
      noteCheckedSource(CE, *Src, Written);
  }
  StringRef Name = calleeName(F);
  if (Name.empty())
    return;
  if (auto QS = E.Cfg.QueueSends.find(Name); QS != E.Cfg.QueueSends.end())
    queueSend(CE, QS->second);
  auto P = E.Cfg.Propagators.find(Name);
  if (P != E.Cfg.Propagators.end() && !P->second.To.empty()) {
    TVal R;
    for (unsigned I = 0; I < numArgs(CE); ++I)
      if (P->second.From.contains(I))
        if (TVal A = taintOf(arg(CE, I)); A.tainted())
          R = R.tainted() ? joinVal(R, A) : A;
    // Bytes copied from a variable set to its type's limit are not that
    // variable: its next increment is the only overflow the limit stands for.
    if (R.tainted() && R.Limit && !R.Params)
      R = TVal();
    if (R.tainted()) {
      R.Lo = R.Hi = Bound();
      R.Direct = -1;
      R.Validated = false;
      if (R.Real)
        R.Trace =
            E.newStep(CE->getBeginLoc(), "value passed through '" + Name.str() + "' here", R.Trace);
      for (unsigned I = 0; I < numArgs(CE); ++I)
        if (P->second.To.contains(I))
          if (auto L = pointeeLoc(arg(CE, I))) {
            if (Reporting)
              checkSettingWrite(arg(CE, I), R, CE);
            store(*L, R, !L->Contents);
          }
      // The count of bytes copied (`ble_hs_mbuf_to_flat(om, buf, sizeof buf, &len)`): external,
      // but at most the limit the caller passed.
      const int Out = P->second.LengthOut, Max = P->second.LengthMax;
      if (Out >= 0 && static_cast<unsigned>(Out) < numArgs(CE))
        if (auto L = pointeeLoc(arg(CE, static_cast<unsigned>(Out)))) {
          TVal N = R;
          N.Lo = Bound::constant(0);
          if (Max >= 0 && static_cast<unsigned>(Max) < numArgs(CE)) {
            const TVal M = value(arg(CE, static_cast<unsigned>(Max)));
            N.Hi = M.tainted() ? M.Hi : M.Hi.isConst() ? M.Hi : Bound::trusted();
          }
          store(*L, N, !L->Contents);
        }
    }
  }
  auto VS = E.Cfg.Validators.find(Name);
  if (VS != E.Cfg.Validators.end() && VS->second.When == ValidWhen::Always)
    for (unsigned I = 0; I < numArgs(CE); ++I)
      if (VS->second.Args.contains(I))
        validate(*Cur, arg(CE, I));
}

std::optional<std::string> typeLimit(const Expr *X, QualType T, const ASTContext &Ctx) {
  if (!T->isIntegerType() || T->isBooleanType() || T->isEnumeralType() || X->isValueDependent() ||
      X->HasSideEffects(Ctx))
    return std::nullopt;
  Expr::EvalResult R;
  if (!X->EvaluateAsInt(R, Ctx))
    return std::nullopt;
  const llvm::APSInt &I = R.Val.getInt();
  const unsigned W = Ctx.getIntWidth(T);
  const bool Signed = T->isSignedIntegerType();
  llvm::APSInt Max = llvm::APSInt::getMaxValue(W, !Signed),
               Min = llvm::APSInt::getMinValue(W, !Signed);
  if (llvm::APSInt::isSameValue(I, Max))
    return std::string("the maximum value of its type");
  // Zero is every unsigned counter's start: only a signed minimum is a limit.
  if (Signed && llvm::APSInt::isSameValue(I, Min))
    return std::string("the minimum value of its type");
  return std::nullopt;
}

// A variable set to its type's maximum (or signed minimum) overflows at the
// next increment: the constant is treated as a source the arithmetic sink
// judges like any other, with its exact bounds.
TVal FunctionAnalysis::limitSource(TVal V, const Expr *Init, QualType T) {
  if (V.tainted())
    return V;
  auto Origin = typeLimit(Init, T, Ctx);
  if (!Origin)
    return V;
  V.Real = true;
  V.Limit = true;
  V.Trace = E.rootStep(Init, Init->getBeginLoc(), "value set to " + *Origin + " here", *Origin, "");
  return V;
}

void FunctionAnalysis::transfer(const Stmt *St) {
  if (Reporting)
    checkPointerSinks(St);
  if (const auto *DS = dyn_cast<DeclStmt>(St)) {
    for (const Decl *D : DS->decls()) {
      const auto *V = dyn_cast<VarDecl>(D);
      if (!V)
        continue;
      if (Reporting)
        if (const auto *VAT = Ctx.getAsVariableArrayType(V->getType()))
          if (VAT->getSizeExpr())
            checkSize(VAT->getSizeExpr(), std::nullopt,
                      "size of variable-length array '" + V->getNameAsString() + "'", true,
                      VAT->getSizeExpr()->getBeginLoc());
      if (!V->getInit() || V->getType()->isReferenceType())
        continue;
      const Expr *Init = V->getInit();
      if (V->getType()->isArrayType()) {
        TVal T = taintOf(Init);
        store(LocKey{V, nullptr, true}, T, true);
      } else if (V->getType()->isRecordType()) {
        store(LocKey{V, nullptr, false}, taintOf(Init), true);
        if (auto Src = lval(Init))
          for (auto It = Cur->lower_bound(LocKey{Src->Base, nullptr, false});
               It != Cur->end() && It->first.Base == Src->Base; ++It)
            if (!It->first.Contents && It->first.Field)
              (*Cur)[LocKey{V, It->first.Field, false}] = It->second;
      } else if (V->getType()->isPointerType()) {
        store(LocKey{V, nullptr, false}, pointerValue(Init), true);
      } else {
        store(LocKey{V, nullptr, false}, limitSource(value(Init), Init, V->getType()), true);
      }
    }
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(St)) {
    if (Reporting)
      checkArith(BO);
    if (!BO->isAssignmentOp()) {
      // A wrapped value compared (off + len <= size) defeats the check, unless
      // it is compared with its own operand: r < a after r = a + b, or the
      // carry of a counter (total += n; if (total < n) high++), detects the wrap.
      // A wrapped difference is near the type's maximum: any bound it is
      // compared with rejects it (clst -= 2; if (clst >= n - 2) return 0;),
      // so outside a loop condition the comparison is its range check, and a
      // later size or index use is what reports it.
      if (Reporting && BO->isRelationalOp() && !BO->getLHS()->getType()->isPointerType()) {
        const Expr *L = value(BO->getLHS()).Wrap, *R = value(BO->getRHS()).Wrap;
        const bool Loop = LoopComparisons.count(BO) != 0;
        if (!detectsWrap(L, BO->getRHS()) && (Loop || !isDifference(L)))
          E.reachWrap(L);
        if (!detectsWrap(R, BO->getLHS()) && (Loop || !isDifference(R)))
          E.reachWrap(R);
      }
      if (Reporting && BO->isAdditiveOp() && BO->getType()->isPointerType()) {
        const Expr *Ptr = BO->getLHS()->getType()->isPointerType() ? BO->getLHS() : BO->getRHS();
        const Expr *Off = Ptr == BO->getLHS() ? BO->getRHS() : BO->getLHS();
        if (Off->getType()->isIntegerType())
          checkIndex(Off, Ptr, BO->getOperatorLoc(), /*OnePastEnd=*/true);
      }
      return;
    }
    if (Reporting && BO->getType()->isPointerType() &&
        (BO->getOpcode() == BO_AddAssign || BO->getOpcode() == BO_SubAssign))
      checkIndex(BO->getRHS(), BO->getLHS(), BO->getOperatorLoc(), /*OnePastEnd=*/true);
    auto L = lval(BO->getLHS());
    if (!L)
      return;
    if (BO->getLHS()->getType()->isRecordType() && BO->getOpcode() == BO_Assign) {
      TVal T = taintOf(BO->getRHS());
      store(*L, T, !L->Contents);
      return;
    }
    TVal V = BO->getOpcode() == BO_Assign
                 ? limitSource(value(BO->getRHS()), BO->getRHS(), BO->getLHS()->getType())
                 : value(BO);
    if (BO->getOpcode() != BO_Assign)
      V = convert(V, cast<CompoundAssignOperator>(BO)->getComputationResultType(),
                  BO->getLHS()->getType());
    if (BO->getLHS()->getType()->isPointerType() && BO->getOpcode() == BO_Assign)
      V = pointerValue(BO->getRHS());
    if (Reporting)
      checkSetting(BO->getLHS(), V, BO);
    store(*L, V, !L->Contents);
    return;
  }
  if (const auto *U = dyn_cast<UnaryOperator>(St)) {
    if (!U->isIncrementDecrementOp())
      return;
    if (Reporting)
      checkArith(U);
    auto L = lval(U->getSubExpr());
    if (!L || U->getType()->isPointerType())
      return;
    TVal V = lookup(*L);
    if (!V.tainted())
      return;
    // A step that would leave the type's range saturates instead: the wrap
    // itself is medsec-tainted-arithmetic's finding, and keeping the other
    // bound keeps `while (n--)` after `if (n > 64)` bounded.
    const Int D = U->isIncrementOp() ? 1 : -1;
    auto TR = typeRange(U->getSubExpr()->getType());
    if (V.Lo.isConst())
      V.Lo.V = TR ? std::max(TR->first, std::min(TR->second, V.Lo.V + D)) : V.Lo.V + D;
    if (V.Hi.isConst())
      V.Hi.V = TR ? std::max(TR->first, std::min(TR->second, V.Hi.V + D)) : V.Hi.V + D;
    V.Direct = -1;
    E.wrapFrom(U, V.Wrap);
    V.Wrap = U;
    store(*L, V, !L->Contents);
    return;
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(St)) {
    if (Reporting)
      checkIndex(AS->getIdx(), AS->getBase(), AS->getIdx()->getBeginLoc(), false,
                 CalledSubscripts.count(AS) > 0);
    return;
  }
  if (const auto *CE = dyn_cast<CallExpr>(St)) {
    if (Reporting)
      checkSetterCall(CE);
    callEffects(CE);
    return;
  }
  if (const auto *NE = dyn_cast<CXXNewExpr>(St)) {
    if (Reporting && NE->isArray() && NE->getArraySize() && *NE->getArraySize())
      checkSize(*NE->getArraySize(), std::nullopt, "element count passed to new[]", true,
                (*NE->getArraySize())->getBeginLoc());
    return;
  }
  if (const auto *RS = dyn_cast<ReturnStmt>(St)) {
    if (!Reporting || !RS->getRetValue())
      return;
    noteReturnCases(RS);
    TVal V = RS->getRetValue()->getType()->isPointerType() ? taintOf(RS->getRetValue())
                                                           : value(RS->getRetValue());
    if (!S.HasRet) {
      S.Ret = V;
      S.HasRet = true;
    } else {
      S.Ret = joinVal(S.Ret, V);
    }
    if (!V.tainted()) {
      // An untainted return keeps the join's taint but its bound counts too.
      S.Ret.Lo = joinLo(S.Ret.Lo, V.Lo.known() ? V.Lo : Bound::trusted());
      S.Ret.Hi = joinHi(S.Ret.Hi, V.Hi.known() ? V.Hi : Bound::trusted());
    }
  }
}

bool FunctionAnalysis::detectsWrap(const Expr *Op, const Expr *Other) {
  if (!Op)
    return false;
  const auto OtherLoc = lval(Other->IgnoreParenCasts());
  if (!OtherLoc)
    return false;
  auto Same = [&](const Expr *Operand) {
    const auto L = lval(Operand->IgnoreParenCasts());
    return L && *L == *OtherLoc;
  };
  if (const auto *B = dyn_cast<BinaryOperator>(Op))
    return Same(B->getLHS()) || Same(B->getRHS());
  if (const auto *U = dyn_cast<UnaryOperator>(Op))
    return Same(U->getSubExpr());
  return false;
}

void FunctionAnalysis::prepareLoopComparisons() {
  std::function<void(const Expr *)> Add = [&](const Expr *C) {
    if (!C)
      return;
    C = C->IgnoreParenImpCasts();
    if (const auto *B = dyn_cast<BinaryOperator>(C)) {
      if (B->isLogicalOp()) {
        Add(B->getLHS());
        Add(B->getRHS());
      } else if (B->isRelationalOp()) {
        LoopComparisons.insert(B);
      }
    }
  };
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *F = dyn_cast<ForStmt>(S))
      Add(F->getCond());
    else if (const auto *W = dyn_cast<WhileStmt>(S))
      Add(W->getCond());
    else if (const auto *D = dyn_cast<DoStmt>(S))
      Add(D->getCond());
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(FD->getBody());
}

void FunctionAnalysis::prepareAliases() {
  // Flow-insensitive: a pointer assigned exactly one target in the body
  // aliases it; two different targets make it unknown.
  std::map<const ValueDecl *, int> Count;
  auto Note = [&](const ValueDecl *P, const Expr *Init) {
    if (!P)
      return;
    const Expr *I = Init->IgnoreParenCasts();
    if (const FunctionDecl *F = dyn_cast_or_null<FunctionDecl>(
            isa<DeclRefExpr>(I) ? cast<DeclRefExpr>(I)->getDecl() : nullptr)) {
      FnPointer[P] = F;
      return;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(I))
      if (U->getOpcode() == UO_AddrOf)
        if (const FunctionDecl *F = dyn_cast_or_null<FunctionDecl>(
                isa<DeclRefExpr>(U->getSubExpr()->IgnoreParens())
                    ? cast<DeclRefExpr>(U->getSubExpr()->IgnoreParens())->getDecl()
                    : nullptr)) {
          FnPointer[P] = F;
          return;
        }
    const bool Ref = P->getType()->isReferenceType();
    std::optional<LocKey> T = Ref ? lval(I) : std::nullopt;
    if (!Ref && P->getType()->isPointerType()) {
      const auto *U = dyn_cast<UnaryOperator>(I);
      const bool AddrOfVar = U && U->getOpcode() == UO_AddrOf;
      const bool ArrayDecay = isa<DeclRefExpr>(I) && I->getType()->isArrayType();
      if (AddrOfVar || ArrayDecay)
        T = pointeeLoc(I);
    }
    if (++Count[P] > 1 || !T) {
      PointsTo.erase(P);
      Count[P] = 2;
      return;
    }
    PointsTo[P] = *T;
  };
  struct Finder : RecursiveASTVisitor<Finder> {
    std::function<void(const ValueDecl *, const Expr *)> Fn;
    bool VisitVarDecl(VarDecl *V) {
      if (V->getInit() && (V->getType()->isPointerType() || V->getType()->isReferenceType()))
        Fn(V, V->getInit());
      return true;
    }
    std::set<const Expr *> *Called = nullptr;
    bool VisitCallExpr(CallExpr *CE) {
      // handlers[cmd](), (*table[i])(), ops[i].fn(), and handler objects
      // dispatched on: handlers_[cmd]->run(), table[i].obj->handle(). A
      // non-virtual method of an element calls no address the element holds.
      if (isa<CXXMemberCallExpr>(CE) && !Engine::virtualCall(CE))
        return true;
      const Expr *C = CE->getCallee()->IgnoreParenImpCasts();
      if (const auto *U = dyn_cast<UnaryOperator>(C))
        if (U->getOpcode() == UO_Deref)
          C = U->getSubExpr()->IgnoreParenImpCasts();
      for (unsigned Depth = 0; isa<MemberExpr>(C) && Depth < 8; ++Depth)
        C = cast<MemberExpr>(C)->getBase()->IgnoreParenImpCasts();
      if (const auto *AS = dyn_cast<ArraySubscriptExpr>(C))
        Called->insert(AS);
      return true;
    }
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (BO->isAssignmentOp() && BO->getLHS()->getType()->isPointerType())
        if (const auto *DR = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
          Fn(DR->getDecl(), BO->getOpcode() == BO_Assign ? BO->getRHS() : BO->getLHS());
      return true;
    }
  } Fd;
  TaintState Empty;
  Cur = &Empty;
  Fd.Fn = Note;
  Fd.Called = &CalledSubscripts;
  Fd.TraverseStmt(const_cast<Stmt *>(FD->getBody()));
  for (auto &[P, N] : Count)
    if (N > 1)
      PointsTo.erase(P);
}

void FunctionAnalysis::initialState(TaintState &St) {
  for (const auto &[K, V] : E.GlobalTaint)
    St[K] = V;
  const CallbackSpec *CB = nullptr;
  auto It = E.Callbacks.find(FD);
  if (It != E.Callbacks.end())
    CB = It->second;
  for (unsigned I = 0; I < FD->getNumParams(); ++I) {
    const ParmVarDecl *P = FD->getParamDecl(I);
    TVal V;
    if (I < 64) {
      V.Params = uint64_t(1) << I;
      V.Direct = static_cast<int>(I);
    }
    if (CB && CB->Params.contains(I)) {
      V.Real = true;
      V.Trace =
          E.rootStep(P, P->getLocation(),
                     !CB->Note.empty() ? expandParamNote(CB->Note, P->getName())
                                       : "value received as parameter '" + P->getNameAsString() +
                                             "' of '" + FD->getNameAsString() + "' here",
                     CB->Origin, FD->getNameAsString());
      E.noteDerivedRoot(V.Trace, CB->Channel, {{"param", CB->Name, I}});
      seedRange(V, *CB, I);
    }
    if (V.tainted())
      St[LocKey{P, nullptr, false}] = V;
  }
}

void FunctionAnalysis::run() {
  std::unique_ptr<CFG> G = functionCfg(FD, Ctx);
  if (!G)
    return;
  prepareAliases();
  prepareLoopComparisons();
  const unsigned N = G->getNumBlockIDs();
  std::vector<std::optional<TaintState>> In(N);
  std::vector<unsigned> Visits(N, 0);
  In[G->getEntry().getBlockID()].emplace();
  initialState(*In[G->getEntry().getBlockID()]);

  auto Process = [&](const CFGBlock *B, TaintState St,
                     llvm::function_ref<void(const CFGBlock *, TaintState &)> OnEdge) {
    Cur = &St;
    for (const CFGElement &El : *B)
      if (auto CS = El.getAs<CFGStmt>()) {
        transfer(CS->getStmt());
        if (endsPath(CS->getStmt())) {
          Cur = nullptr;
          return; // an assertion failed: no successor runs after it
        }
      }
    if (Reporting)
      if (const Stmt *T = B->getTerminatorStmt())
        if (isa<ForStmt, WhileStmt, DoStmt>(T)) {
          const Expr *C = isa<ForStmt>(T)     ? cast<ForStmt>(T)->getCond()
                          : isa<WhileStmt>(T) ? cast<WhileStmt>(T)->getCond()
                                              : cast<DoStmt>(T)->getCond();
          if (C)
            checkLoop(T, C);
        }
    const Expr *Cond = branchCondition(*B);
    const Stmt *Term = B->getTerminatorStmt();
    forEachReachableSuccessor(*B, [&](const CFGBlock *SB, unsigned Index) {
      TaintState Edge = St;
      if (Term && isa<SwitchStmt>(Term)) {
        // `case K:` fixes the value, a GNU range `case A ... B:` bounds it to [A, B].
        if (const auto *CaseS = dyn_cast_or_null<CaseStmt>(SB->getLabel()))
          if (auto L = lval(cast<SwitchStmt>(Term)->getCond())) {
            Cur = &Edge;
            TVal Lo = value(CaseS->getLHS());
            TVal Hi = CaseS->getRHS() ? value(CaseS->getRHS()) : Lo;
            if (Lo.Lo.isConst() && Hi.Hi.isConst())
              setBounds(Edge, *L, Lo.Lo, Hi.Hi);
          }
      } else if (Cond && B->succ_size() == 2) {
        refine(Edge, Cond, Index == 0);
      }
      OnEdge(SB, Edge);
    });
    Cur = nullptr;
  };

  solveForward<TaintState>(*G, In, VisitsPerBlock, Process,
                           [&](TaintState &Into, const TaintState &From, unsigned ID) {
                             return joinState(Into, From, ++Visits[ID] > WidenAfterVisits);
                           });

  // One more pass over the stable states reports sinks and fills the summary.
  Reporting = true;
  for (const CFGBlock *B : *G)
    if (In[B->getBlockID()])
      Process(B, *In[B->getBlockID()], [](const CFGBlock *, TaintState &) {});
  if (const auto &Exit = In[G->getExit().getBlockID()])
    for (unsigned I = 0; I < FD->getNumParams() && I < 64; ++I) {
      const ParmVarDecl *P = FD->getParamDecl(I);
      if (!P->getType()->isPointerType() && !P->getType()->isReferenceType())
        continue;
      bool Whole = false;
      std::vector<const FieldDecl *> Fields;
      for (auto It = Exit->lower_bound(LocKey{P, nullptr, false});
           It != Exit->end() && It->first.Base == P; ++It)
        // A type's limit is a source for the arithmetic that follows it, not a
        // value a caller receives (FatFs sets its window sector to ~0 to mean
        // "none" and checks for it before any use).
        if ((It->first.Contents || P->getType()->isReferenceType()) && It->second.Real &&
            !It->second.Limit) {
          TVal V = It->second;
          V.Params = 0;
          V.Direct = -1;
          S.ParamOut[I] = V;
          if (It->first.Field)
            Fields.push_back(It->first.Field);
          else
            Whole = true;
        }
      // A record of which only some members received it (a hash context's
      // block buffer, not its counters): its callers learn those members.
      const QualType T = P->getType()->getPointeeType().isNull() ? P->getType().getNonReferenceType()
                                                                 : P->getType()->getPointeeType();
      if (!Whole && !Fields.empty() && T->isRecordType())
        S.ParamOutFields[I] = std::move(Fields);
    }
}

} // namespace clang::tidy::medsec::taint
