//===- TaintInputs.cpp - where external data enters a unit ----------------===//
//
// The sources of the taint analysis besides plain catalogued functions:
// catalogued C++ methods (`Stream::readBytes`), and the inputs the engine
// infers (docs/taint-analysis.md, "Inferred sources"): reads of memory-mapped
// peripheral data registers, buffers an interrupt handler fills, and receive
// methods of classes whose name says they are a communication port.
//
//===----------------------------------------------------------------------===//
#include "TaintEngineImpl.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <functional>

namespace clang::tidy::medsec::taint {
namespace {

/// The class or one of its bases for which Match holds, most derived first.
const CXXRecordDecl *findInHierarchy(const CXXRecordDecl *RD,
                                     const std::function<bool(const CXXRecordDecl *)> &Match,
                                     unsigned Depth = 0) {
  if (!RD || Depth > 16)
    return nullptr;
  if (RD->getIdentifier() && Match(RD))
    return RD;
  const CXXRecordDecl *Def = RD->getDefinition();
  if (!Def)
    return nullptr;
  for (const CXXBaseSpecifier &B : Def->bases())
    if (const CXXRecordDecl *Found =
            findInHierarchy(B.getType()->getAsCXXRecordDecl(), Match, Depth + 1))
      return Found;
  return nullptr;
}

/// An address computed from an integer: `(USART_TypeDef *)0x40004400`, a
/// CMSIS peripheral macro, or a constant pointer initialised with one.
bool fromIntegerAddress(const Expr *X, unsigned Depth = 0) {
  while (X && Depth++ < 16) {
    X = X->IgnoreParens();
    if (const auto *C = dyn_cast<CastExpr>(X)) {
      if (C->getCastKind() == CK_IntegralToPointer)
        return true;
      X = C->getSubExpr();
      continue;
    }
    if (const auto *DR = dyn_cast<DeclRefExpr>(X)) {
      const auto *V = dyn_cast<VarDecl>(DR->getDecl());
      if (!V || !V->getType().isConstQualified() || !V->getInit())
        return false;
      X = V->getInit();
      continue;
    }
    return false;
  }
  return false;
}

std::string typeName(QualType T) {
  if (const auto *TT = T->getAs<TypedefType>())
    return TT->getDecl()->getName().str();
  if (const RecordDecl *RD = T->getAsRecordDecl())
    return RD->getName().str();
  return "";
}

} // namespace

bool Engine::virtualCall(const CallExpr *CE) {
  const auto *MC = dyn_cast<CXXMemberCallExpr>(CE);
  if (!MC || !MC->getMethodDecl() || !MC->getMethodDecl()->isVirtual())
    return false;
  const auto *ME = dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens());
  return !ME || !ME->hasQualifier(); // Base::Read() is not dispatched
}

const CXXRecordDecl *Engine::objectClass(const CXXMemberCallExpr *MC) {
  const Expr *Obj = MC->getImplicitObjectArgument();
  if (!Obj)
    return nullptr;
  QualType T = Obj->IgnoreParenImpCasts()->getType();
  if (T->isPointerType())
    T = T->getPointeeType();
  return T->getAsCXXRecordDecl();
}

const SourceSpec *Engine::sourceFor(const FunctionDecl *F, std::string *Name, const CallExpr *CE) {
  if (!F || !F->getIdentifier())
    return nullptr;
  const auto *M = dyn_cast<CXXMethodDecl>(F);
  if (!M) {
    const DeclContext *DC = F->getDeclContext()->getRedeclContext();
    if (!DC->isTranslationUnit() && !F->isInStdNamespace()) {
      // A namespaced function by its qualified name (`radio::receive`, as
      // the cross-TU join and a project's rules name it).
      const std::string Qualified = joinName(F);
      auto It = Qualified.empty() ? Cfg.Sources.end() : Cfg.Sources.find(Qualified);
      if (It == Cfg.Sources.end())
        return nullptr;
      if (Name)
        *Name = Qualified;
      return &It->second;
    }
    auto It = Cfg.Sources.find(F->getName());
    if (It == Cfg.Sources.end())
      return nullptr;
    if (Name)
      *Name = F->getName().str();
    return &It->second;
  }
  // This very method by its qualified name (`drv::Link::fetch`, as the
  // cross-TU join and a project's rules name it).
  const std::string Qualified = joinName(F);
  if (auto It = Qualified.empty() ? Cfg.Sources.end() : Cfg.Sources.find(Qualified);
      It != Cfg.Sources.end()) {
    if (Name)
      *Name = Qualified;
    return &It->second;
  }
  // A catalogued method of the class or of a base: `Stream::readBytes`. What
  // the join derived from another unit is that method's alone, not a
  // derived class's method of the same name.
  const SourceSpec *Found = nullptr;
  findInHierarchy(M->getParent(), [&](const CXXRecordDecl *RD) {
    auto It = Cfg.Sources.find((RD->getName() + "::" + F->getName()).str());
    if (It != Cfg.Sources.end() && It->second.Channel != "cross-tu")
      Found = &It->second;
    return Found != nullptr;
  });
  if (Found) {
    if (Name)
      *Name = Found->Name;
    return Found;
  }
  // Inferred: a receive method of a class named for a communication port.
  const InferenceRules &I = Cfg.Inference;
  if (!I.ReceiveMethod || !I.ReceiveClass || !I.ReceiveMethod->match(F->getName()))
    return nullptr;
  auto IsPort = [&](const CXXRecordDecl *RD) { return I.ReceiveClass->match(RD->getName()); };
  const CXXRecordDecl *Port = findInHierarchy(M->getParent(), IsPort);
  // A port class that inherits its receive method from a generic base
  // (Uart : Threaded_Fd, uart->read(buf, n) runs Threaded_Fd::read).
  const CXXRecordDecl *Holder = M->getParent();
  if (!Port)
    if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(CE))
      if (const CXXRecordDecl *Obj = objectClass(MC)) {
        Port = findInHierarchy(Obj, IsPort);
        Holder = Obj;
      }
  if (!Port)
    return nullptr;
  auto [It, New] = InferredMethods.try_emplace({F->getCanonicalDecl(), Holder});
  SourceSpec &S = It->second;
  if (New) {
    S.Name = (Holder->getName() + "::" + F->getName()).str();
    S.Returns = !F->getReturnType()->isVoidType() && !F->getReturnType()->isBooleanType();
    for (unsigned P = 0; P < F->getNumParams(); ++P) {
      const QualType T = F->getParamDecl(P)->getType();
      if ((T->isPointerType() || T->isLValueReferenceType()) &&
          !T->getPointeeType().isConstQualified())
        S.OutArgs.Indices.push_back(static_cast<int>(P));
    }
    S.Origin = "received data";
    S.Verb = "received";
    S.Channel = I.channelOf(Port->getName());
    S.Inferred = true;
    S.Note = "value received by '" + S.Name + "' here (inferred: a receive method of '" +
             Port->getName().str() + "')";
  }
  if (Name)
    *Name = S.Name;
  return &S;
}

const VarDecl *Engine::unitVariable(const Expr *X) {
  if (!X)
    return nullptr;
  X = X->IgnoreParenCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(X); U && U->getOpcode() == UO_AddrOf)
    X = U->getSubExpr()->IgnoreParenCasts(); // ring_buf_get(&rb, ...)
  const auto *DR = dyn_cast<DeclRefExpr>(X);
  const auto *V = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
  // Another unit can send into a queue it can name: only a static one is the unit's.
  if (!V || !V->hasGlobalStorage() || (V->isExternallyVisible() && !V->isStaticLocal()))
    return nullptr;
  return V;
}

const VarDecl *Engine::unitQueue(const CallExpr *CE, int Arg) const {
  if (Arg < 0 || static_cast<unsigned>(Arg) >= CE->getNumArgs())
    return nullptr;
  const VarDecl *V = unitVariable(CE->getArg(static_cast<unsigned>(Arg)));
  return V && !EscapedQueues.count(V) ? V : nullptr;
}

void FunctionAnalysis::queueSend(const CallExpr *CE, const QueueSendSpec &Q) {
  const VarDecl *V = E.unitQueue(CE, Q.Queue);
  if (!V || Q.Data < 0 || static_cast<unsigned>(Q.Data) >= CE->getNumArgs())
    return;
  TVal D = taintOf(CE->getArg(static_cast<unsigned>(Q.Data)));
  if (!D.Real || D.Limit || E.QueueTaint.count(V))
    return;
  D.Params = 0;
  D.Direct = -1;
  D.Lo = D.Hi = Bound();
  D.Validated = false;
  D.Trace =
      E.newStep(CE->getBeginLoc(), "sent to queue '" + V->getNameAsString() + "' here", D.Trace);
  E.QueueTaint.emplace(V, D);
  E.GlobalsChanged = true; // its receivers are analysed again
}

bool FunctionAnalysis::endsPath(const Stmt *St) const {
  const auto *CE = dyn_cast<CallExpr>(St);
  const FunctionDecl *F = CE ? CE->getDirectCallee() : nullptr;
  return F && F->getIdentifier() && E.Cfg.Terminators.contains(F->getName());
}

std::optional<Engine::RegisterRead> Engine::registerRead(const Expr *X) const {
  X = X->IgnoreParens();
  const InferenceRules &I = Cfg.Inference;
  if (!X->getType().isVolatileQualified())
    return std::nullopt;
  const SourceManager &SM = Ctx.getSourceManager();
  auto Text = [&](const Expr *Y) {
    return Lexer::getSourceText(SM.getExpansionRange(Y->getSourceRange()), SM, Ctx.getLangOpts())
        .str();
  };
  // CMSIS style: USART2->DR, a volatile member of a struct at an integer address.
  if (const auto *ME = dyn_cast<MemberExpr>(X)) {
    if (!I.RegisterField || !ME->isArrow() || !fromIntegerAddress(ME->getBase()) ||
        !I.RegisterField->match(ME->getMemberDecl()->getName()))
      return std::nullopt;
    std::string Name = Text(ME);
    if (Name.empty())
      Name = ME->getMemberDecl()->getNameAsString();
    return RegisterRead{
        Name, I.channelOf(Name + " " + typeName(ME->getBase()->getType()->getPointeeType()))};
  }
  if (!I.RegisterName)
    return std::nullopt;
  // AVR style: UDR0, a macro for *(volatile uint8_t *)0xC6.
  if (const auto *U = dyn_cast<UnaryOperator>(X)) {
    if (U->getOpcode() != UO_Deref || !U->getBeginLoc().isMacroID() ||
        !fromIntegerAddress(U->getSubExpr()))
      return std::nullopt;
    const std::string Name = Text(U); // the outermost macro, as the source spells it
    if (Name.empty() || !I.RegisterName->match(Name))
      return std::nullopt;
    return RegisterRead{Name, I.channelOf(Name)};
  }
  // 8051 style: sfr SBUF = 0x99 (a volatile global through the compat headers).
  if (const auto *DR = dyn_cast<DeclRefExpr>(X)) {
    const auto *V = dyn_cast<VarDecl>(DR->getDecl());
    if (!V || !V->hasGlobalStorage() || !I.RegisterName->match(V->getName()))
      return std::nullopt;
    return RegisterRead{V->getNameAsString(), I.channelOf(V->getName())};
  }
  return std::nullopt;
}

TVal Engine::registerValue(const Expr *X, const RegisterRead &R) {
  TVal V;
  V.Real = true;
  V.Trace = rootStep(X, X->getBeginLoc(),
                     "value read from peripheral data register '" + R.Name + "' here (inferred)",
                     "received data", R.Name);
  return V;
}

bool Engine::isInterruptHandler(const FunctionDecl *FD) const {
  if (FD->hasAttr<ARMInterruptAttr>() || FD->hasAttr<AnyX86InterruptAttr>() ||
      FD->hasAttr<MSP430InterruptAttr>() || FD->hasAttr<RISCVInterruptAttr>() ||
      FD->hasAttr<AVRInterruptAttr>() || FD->hasAttr<AVRSignalAttr>())
    return true;
  return FD->getIdentifier() && Cfg.Inference.InterruptHandler &&
         Cfg.Inference.InterruptHandler->match(FD->getName());
}

void Engine::noteIsrStore(const FunctionDecl *Isr, const BinaryOperator *Assign) {
  const auto *AS = dyn_cast<ArraySubscriptExpr>(Assign->getLHS()->IgnoreParenImpCasts());
  if (!AS || Assign->getRHS()->isEvaluatable(Ctx))
    return;
  // What a recognised source stores is followed from that source.
  const Expr *RHS = Assign->getRHS()->IgnoreParenCasts();
  if (registerRead(RHS))
    return;
  if (const auto *CE = dyn_cast<CallExpr>(RHS))
    if (sourceFor(CE->getDirectCallee()))
      return;
  const Expr *Base = AS->getBase()->IgnoreParenImpCasts();
  LocKey K;
  std::string Name;
  if (const auto *DR = dyn_cast<DeclRefExpr>(Base)) {
    K = LocKey{DR->getDecl(), nullptr, true};
    Name = DR->getDecl()->getNameAsString();
  } else if (const auto *ME = dyn_cast<MemberExpr>(Base)) {
    const auto *DR = dyn_cast<DeclRefExpr>(ME->getBase()->IgnoreParenImpCasts());
    const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (ME->isArrow() || !DR || !F || !ME->getType()->isArrayType() || F->getParent()->isUnion())
      return;
    K = LocKey{DR->getDecl(), F, false};
    Name = DR->getDecl()->getNameAsString() + "." + F->getNameAsString();
  } else {
    return;
  }
  const auto *V = dyn_cast<VarDecl>(K.Base);
  const bool Fits = K.Field ? V && V->getType()->isRecordType() : V && V->getType()->isArrayType();
  if (!Fits || !V->hasGlobalStorage() || V->isStaticLocal())
    return;
  if (IsrBuffers.count(K))
    return;
  IsrBuffers.insert(K);
  TVal T;
  T.Real = true;
  T.Trace = rootStep(Assign, Assign->getBeginLoc(),
                     "buffer '" + Name + "' filled by interrupt handler '" +
                         Isr->getNameAsString() + "' here (inferred)",
                     "received data", Name);
  GlobalTaint.emplace(K, T);
  InputGlobalSteps.insert(T.Trace);
  noteInput(Assign->getBeginLoc(), Name, "isr-buffer", Cfg.Inference.channelOf(Isr->getName()),
            true, Assign->getBeginLoc());
}

} // namespace clang::tidy::medsec::taint
