//===- TaintEngine.cpp - the per-TU driver of the taint analysis ----------===//
#include "../AttackSurface.h"
#include "../CrossTuFacts.h"
#include "TaintEngineImpl.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>

namespace clang::tidy::medsec::taint {
namespace {

constexpr unsigned MaxCallDepth = 24;
constexpr unsigned MaxTraceDepth = 8;
constexpr unsigned MaxRounds = 3;

const FunctionDecl *definitionOf(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  if (FD && FD->hasBody(Def))
    return Def;
  return nullptr;
}

/// The typedef a function pointer is converted to, if any (callback types).
StringRef typedefNameOf(QualType T) {
  if (T.isNull())
    return {};
  if (const auto *TT = T->getAs<TypedefType>())
    return TT->getDecl()->getName();
  if (const auto *PT = T->getAs<PointerType>())
    if (const auto *TT = PT->getPointeeType()->getAs<TypedefType>())
      return TT->getDecl()->getName();
  return {};
}

const FunctionDecl *referencedFunction(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_AddrOf)
      E = U->getSubExpr()->IgnoreParenCasts();
  if (const auto *DR = dyn_cast<DeclRefExpr>(E))
    return dyn_cast<FunctionDecl>(DR->getDecl());
  return nullptr;
}

/// Call graph facts the engine needs to pick the functions to analyse.
class Scanner : public RecursiveASTVisitor<Scanner> {
public:
  Scanner(Engine &E) : E(E) {}
  bool shouldVisitTemplateInstantiations() const { return true; }

  struct Info {
    std::set<const FunctionDecl *> Callees;
    std::set<const ValueDecl *> Globals;
    std::set<const CXXMethodDecl *> Virtuals; // virtual methods it calls
    bool HasSource = false;
  };
  std::map<const FunctionDecl *, Info> Fns;

  bool TraverseFunctionDecl(FunctionDecl *FD) {
    return traverseFn(FD, [&] { return RecursiveASTVisitor::TraverseFunctionDecl(FD); });
  }
  bool TraverseCXXMethodDecl(CXXMethodDecl *FD) {
    return traverseFn(FD, [&] { return RecursiveASTVisitor::TraverseCXXMethodDecl(FD); });
  }
  bool TraverseCXXConstructorDecl(CXXConstructorDecl *FD) {
    return traverseFn(FD, [&] { return RecursiveASTVisitor::TraverseCXXConstructorDecl(FD); });
  }

  bool VisitDeclRefExpr(DeclRefExpr *DR) {
    if (!Current)
      return true;
    Info &I = Fns[Current];
    if (const auto *F = dyn_cast<FunctionDecl>(DR->getDecl())) {
      const FunctionDecl *Def = definitionOf(F);
      if (Def && !E.inSystemHeader(Def))
        I.Callees.insert(Def);
      else if (F->getIdentifier() &&
               (E.Cfg.Sources.count(F->getName()) || E.Cfg.Sources.count(joinName(F))))
        I.HasSource = true;
    } else if (const auto *V = dyn_cast<VarDecl>(DR->getDecl())) {
      if (V->hasGlobalStorage() && !V->isStaticLocal())
        I.Globals.insert(V);
    }
    return true;
  }
  bool VisitMemberExpr(MemberExpr *ME) {
    // A member of *this: state a method shares with the other methods.
    if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()); F && Current) {
      if (ME->isArrow() && isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts())) {
        Fns[Current].Globals.insert(F);
        E.ThisFields.insert(F);
      } else if (E.Ctx.getLangOpts().CPlusPlus) {
        // link.len_ is what the methods of Link store in this->len_.
        Fns[Current].Globals.insert(F);
      }
    }
    // A method called (or named): a callee like a function; a virtual one
    // may run any of its overriders.
    if (const auto *M = dyn_cast<CXXMethodDecl>(ME->getMemberDecl()); M && Current) {
      Info &I = Fns[Current];
      if (const FunctionDecl *Def = definitionOf(M); Def && !E.inSystemHeader(Def))
        I.Callees.insert(Def);
      // A method another unit defines, or overrides (cross-TU).
      if (E.Cfg.Sources.count(joinName(M)))
        I.HasSource = true;
      if (M->isVirtual())
        I.Virtuals.insert(M->getCanonicalDecl());
    }
    return true;
  }
  bool VisitCallExpr(CallExpr *CE) {
    noteQueueEscapes(CE);
    if (const FunctionDecl *Callee = CE->getDirectCallee()) {
      for (unsigned I = 0; I < CE->getNumArgs() && I < Callee->getNumParams(); ++I)
        registration(Callee->getParamDecl(I)->getType(), CE->getArg(I));
      noteSourceCall(CE, Callee);
    }
    return true;
  }
  bool VisitImplicitCastExpr(ImplicitCastExpr *IC) {
    if (!Current || IC->getCastKind() != CK_LValueToRValue)
      return true;
    const Expr *Read = IC->getSubExpr();
    if (auto R = E.registerRead(Read)) {
      Fns[Current].HasSource = true;
      const SourceLocation L = E.userLoc(Read->getBeginLoc());
      E.noteInput(L, R->Name, "register", R->Channel, true, L);
    }
    return true;
  }
  bool VisitReturnStmt(ReturnStmt *R) {
    escapes(R->getRetValue());
    return true;
  }
  bool VisitVarDecl(VarDecl *V) {
    if (!V->getInit())
      return true;
    escapes(V->getInit());
    if (Current && V->isLocalVarDecl() && typeLimit(V->getInit(), V->getType(), E.Ctx))
      Fns[Current].HasSource = true;
    registration(V->getType(), V->getInit());
    if (const auto *IL = dyn_cast<InitListExpr>(V->getInit()->IgnoreParenImpCasts()))
      if (V->getType()->isArrayType())
        for (const Expr *I : IL->inits())
          target(V, I);
    target(V, V->getInit());
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() == BO_Assign) {
      escapes(BO->getRHS());
      if (Current && CurrentIsr)
        E.noteIsrStore(Current, BO);
      if (Current && typeLimit(BO->getRHS(), BO->getLHS()->getType(), E.Ctx))
        Fns[Current].HasSource = true;
      registration(BO->getLHS()->getType(), BO->getRHS());
      if (const auto *ME = dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenImpCasts())) {
        target(ME->getMemberDecl(), BO->getRHS());
        fieldRegistration(dyn_cast<FieldDecl>(ME->getMemberDecl()), BO->getRHS());
      }
    }
    return true;
  }
  bool VisitInitListExpr(InitListExpr *IL) {
    // The traversal sees the list as written: with designators (`.access_cb = data_access`)
    // its inits are DesignatedInitExprs in source order. The semantic form has one per field.
    if (IL->isSyntacticForm() && IL->getSemanticForm())
      IL = IL->getSemanticForm();
    for (const Expr *I : IL->inits())
      escapes(I);
    const RecordDecl *RD = IL->getType()->getAsRecordDecl();
    if (!RD || RD->isUnion())
      return true;
    unsigned I = 0;
    for (const FieldDecl *F : RD->fields()) {
      if (I >= IL->getNumInits())
        break;
      registration(F->getType(), IL->getInit(I));
      fieldRegistration(F, IL->getInit(I));
      target(F, IL->getInit(I++));
    }
    return true;
  }

private:
  /// A source called from the unit's code: an input, whether or not its
  /// data reaches a sink.
  void noteSourceCall(const CallExpr *CE, const FunctionDecl *Callee) {
    if (!Current)
      return;
    std::string Name;
    const SourceSpec *S = E.sourceFor(Callee, &Name, CE);
    if (!S || !isExternalChannel(S->Channel))
      return;
    const FunctionDecl *Def = definitionOf(Callee);
    if (Def && !E.inSystemHeader(Def) && !Engine::assumedAtVirtualCall(S, CE))
      return; // analysed, not assumed
    Fns[Current].HasSource = true;
    if (S->QueueArg >= 0 && static_cast<unsigned>(S->QueueArg) < CE->getNumArgs() &&
        Engine::unitVariable(CE->getArg(static_cast<unsigned>(S->QueueArg)))) {
      QueueReceives.push_back({CE, Name, S});
      return; // an input unless the unit owns the queue: known after the traversal
    }
    const SourceLocation L = E.userLoc(CE->getBeginLoc());
    E.noteInput(L, Name, S->Inferred ? "method" : "call", S->Channel, S->Inferred, L);
  }
  /// A static variable handed to a call other than as the queue of a queue
  /// call: another unit may send into it.
  void noteQueueEscapes(const CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    int QueuePos = -1, SendPos = -1;
    if (Callee) {
      if (const SourceSpec *S = E.sourceFor(Callee))
        QueuePos = S->QueueArg;
      if (Callee->getIdentifier())
        if (auto It = E.Cfg.QueueSends.find(Callee->getName()); It != E.Cfg.QueueSends.end())
          SendPos = It->second.Queue;
    }
    for (unsigned I = 0; I < CE->getNumArgs(); ++I)
      if (static_cast<int>(I) != QueuePos && static_cast<int>(I) != SendPos)
        escapes(CE->getArg(I));
  }
  void escapes(const Expr *X) {
    if (const VarDecl *V = Engine::unitVariable(X))
      E.EscapedQueues.insert(V);
  }

public:
  struct QueueReceive {
    const CallExpr *CE;
    std::string Name;
    const SourceSpec *S;
  };
  std::vector<QueueReceive> QueueReceives; // receives from a static queue

private:
  template <typename Fn> bool traverseFn(FunctionDecl *FD, Fn Base) {
    if (!FD->doesThisDeclarationHaveABody() || E.inSystemHeader(FD))
      return Base();
    if (const auto *M = dyn_cast<CXXMethodDecl>(FD))
      noteOverrider(M, M);
    const FunctionDecl *Saved = Current;
    const bool SavedIsr = CurrentIsr;
    Current = FD;
    CurrentIsr = E.isInterruptHandler(FD);
    Fns[FD];
    bool R = Base();
    Current = Saved;
    CurrentIsr = SavedIsr;
    return R;
  }
  /// Def overrides M and, through M, whatever M overrides.
  void noteOverrider(const CXXMethodDecl *Def, const CXXMethodDecl *M, unsigned Depth = 0) {
    if (Depth > 16)
      return;
    for (const CXXMethodDecl *O : M->overridden_methods()) {
      E.Overriders[O->getCanonicalDecl()].insert(Def);
      noteOverrider(Def, O, Depth + 1);
    }
  }
  void target(const ValueDecl *Holder, const Expr *Value) {
    if (const FunctionDecl *F = definitionOf(referencedFunction(Value)))
      E.Targets[Holder].insert(F);
  }
  /// A function stored in a catalogued callback field (`bt_gatt_attr::write`).
  void fieldRegistration(const FieldDecl *F, const Expr *Value) {
    if (!F || !F->getIdentifier() || !F->getParent()->getIdentifier())
      return;
    auto It = E.Cfg.CallbackTypes.find((F->getParent()->getName() + "::" + F->getName()).str());
    if (It == E.Cfg.CallbackTypes.end())
      return;
    if (const FunctionDecl *Fn = definitionOf(referencedFunction(Value)))
      E.Callbacks[Fn] = &It->second;
  }
  void registration(QualType Dest, const Expr *Value) {
    StringRef Type = typedefNameOf(Dest);
    if (Type.empty())
      return;
    auto It = E.Cfg.CallbackTypes.find(Type);
    if (It == E.Cfg.CallbackTypes.end())
      return;
    if (const FunctionDecl *F = definitionOf(referencedFunction(Value)))
      E.Callbacks[F] = &It->second;
  }

  Engine &E;
  const FunctionDecl *Current = nullptr;
  bool CurrentIsr = false;
};

} // namespace

bool Engine::inSystemHeader(const Decl *D) const {
  const SourceManager &SM = Ctx.getSourceManager();
  return SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation()));
}

void Engine::noteInput(SourceLocation Loc, StringRef Name, StringRef Kind,
                       const std::string &Channel, bool Inferred, SourceLocation Root) {
  const SourceManager &SM = Ctx.getSourceManager();
  Loc = userLoc(Loc);
  if (Loc.isInvalid() || SM.isInSystemHeader(Loc))
    return;
  InputSite &S = Inputs[{Loc.getRawEncoding(), Name.str()}];
  if (S.Name.empty()) {
    S.Loc = Loc;
    S.Name = Name.str();
    S.Kind = Kind.str();
    S.Channel = Channel;
    S.Inferred = Inferred;
  }
  Root = userLoc(Root);
  if (Root.isValid() && std::find(S.Roots.begin(), S.Roots.end(), Root) == S.Roots.end())
    S.Roots.push_back(Root);
}

void Engine::recordInputs() const {
  const SourceManager &SM = Ctx.getSourceManager();
  std::vector<::medsec::RecordedInput> Out;
  for (const auto &[Key, S] : Inputs) {
    ::medsec::RecordedInput R;
    R.File = SM.getFilename(S.Loc).str();
    R.Offset = SM.getFileOffset(S.Loc);
    R.Name = S.Name;
    R.Kind = S.Kind;
    R.Channel = S.Channel;
    R.Inferred = S.Inferred;
    for (SourceLocation Root : S.Roots)
      R.Roots.push_back({SM.getFilename(Root).str(), SM.getFileOffset(Root)});
    Out.push_back(std::move(R));
  }
  ::medsec::recordInputs(std::move(Out));
}

SourceLocation Engine::userLoc(SourceLocation L) const {
  return L.isMacroID() ? Ctx.getSourceManager().getExpansionLoc(L) : L;
}

const Step *Engine::newStep(SourceLocation Loc, std::string Text, const Step *Prev) {
  if (Prev && Prev->Depth >= MaxTraceDepth)
    return Prev;
  Step S;
  S.Loc = userLoc(Loc);
  S.Text = std::move(Text);
  S.Prev = Prev;
  if (Prev) {
    S.Origin = Prev->Origin;
    S.SourceName = Prev->SourceName;
    S.Depth = Prev->Depth + 1;
  }
  Steps.push_back(std::move(S));
  return &Steps.back();
}

TVal Engine::sourceValue(const CallExpr *CE, const SourceSpec &S, StringRef Name) {
  TVal V;
  V.Real = true;
  V.Trace = rootStep(CE, CE->getBeginLoc(),
                     S.Note.empty() ? "value " + S.Verb + " by '" + Name.str() + "' here" : S.Note,
                     S.Origin, Name.str());
  std::vector<::medsec::FactRef> Refs;
  if (S.Returns)
    Refs.push_back({"return", S.Name, 0});
  for (int I : S.OutArgs.Indices)
    if (I >= 0)
      Refs.push_back({"out", S.Name, static_cast<unsigned>(I)});
  noteDerivedRoot(V.Trace, S.Channel, std::move(Refs));
  return V;
}

const Step *Engine::rootStep(const void *Key, SourceLocation Loc, std::string Text,
                             std::string Origin, std::string SourceName) {
  const Step *&Slot = Roots[Key];
  if (!Slot) {
    Step S;
    S.Loc = userLoc(Loc);
    S.Text = std::move(Text);
    S.Origin = std::move(Origin);
    S.SourceName = std::move(SourceName);
    Steps.push_back(std::move(S));
    Slot = &Steps.back();
  }
  return Slot;
}

void Engine::emit(SinkKind K, SourceLocation Loc, const std::string &Template, const Step *Trace,
                  const std::vector<FlowNote> &Chain) {
  const SourceManager &SM = Ctx.getSourceManager();
  Loc = userLoc(Loc);
  if (Loc.isInvalid() || SM.isInSystemHeader(Loc))
    return;
  if (K == SinkKind::Setting && !fromExternalInput(Trace))
    return; // a pseudo-random value stored into a setting was not received
  if (!Reported.insert({static_cast<int>(K), Loc.getRawEncoding()}).second)
    return;
  TaintFinding F;
  F.Kind = K;
  F.Loc = Loc;
  std::string Origin = Trace && !Trace->Origin.empty() ? Trace->Origin : "external data";
  F.Message = Template;
  for (size_t P = F.Message.find("%O"); P != std::string::npos; P = F.Message.find("%O"))
    F.Message.replace(P, 2, Origin);
  F.SourceName = Trace ? Trace->SourceName : "";
  std::vector<FlowNote> Rev;
  for (const Step *S = Trace; S; S = S->Prev)
    Rev.push_back({S->Loc, S->Text});
  F.Notes.assign(Rev.rbegin(), Rev.rend());
  for (const FlowNote &N : Chain)
    F.Notes.push_back(N);
  Findings.push_back(std::move(F));
}

void Engine::emitOrHold(const Expr *WrapOp, SinkKind K, SourceLocation Loc,
                        const std::string &Template, const Step *Trace,
                        const std::vector<FlowNote> &Chain) {
  if (WrapOp)
    Held.push_back({WrapOp, K, Loc, Template, Trace, Chain});
  else
    emit(K, Loc, Template, Trace, Chain);
}

void Engine::reachWrap(const Expr *Op) {
  if (Op)
    WrapUsed.insert(Op);
}

void Engine::wrapFrom(const Expr *Op, const Expr *Prev) {
  if (Op && Prev && Op != Prev)
    WrapInputs[Op].insert(Prev);
}

void Engine::resolveWraps() {
  // A use of m = n * 4 is a use of n = a + b too.
  std::vector<const Expr *> Work(WrapUsed.begin(), WrapUsed.end());
  while (!Work.empty()) {
    const Expr *Op = Work.back();
    Work.pop_back();
    auto It = WrapInputs.find(Op);
    if (It != WrapInputs.end())
      for (const Expr *Prev : It->second)
        if (WrapUsed.insert(Prev).second)
          Work.push_back(Prev);
  }
  for (const HeldWrap &H : Held)
    if (WrapUsed.count(H.Op))
      emit(H.Kind, H.Loc, H.Template, H.Trace, H.Chain);
  Held.clear();
}

const Summary &Engine::summaryOf(const FunctionDecl *FD) {
  static const Summary Empty;
  const FunctionDecl *Def = definitionOf(FD);
  if (!Def || inSystemHeader(Def) || Depth >= MaxCallDepth)
    return Empty;
  Summary &S = Summaries[Def];
  if (S.Done || S.InProgress)
    return S; // recursion sees the summary as far as it is known
  S.InProgress = true;
  ++Depth;
  FunctionAnalysis(*this, Def, S).run();
  --Depth;
  S.InProgress = false;
  S.Done = true;
  return S;
}

std::vector<const FunctionDecl *> Engine::dispatchTargets(const CXXMethodDecl *M,
                                                          const CXXRecordDecl *RD) const {
  std::vector<const FunctionDecl *> R;
  if (const FunctionDecl *Def = definitionOf(M); Def && !inSystemHeader(Def))
    R.push_back(Def);
  auto It = Overriders.find(M->getCanonicalDecl());
  if (It == Overriders.end())
    return R;
  RD = RD ? RD->getDefinition() : nullptr;
  for (const CXXMethodDecl *O : It->second) {
    const CXXRecordDecl *C = O->getParent();
    // Only classes derived from the object's static type: an overrider of the
    // same base method in a sibling hierarchy cannot run here.
    if (!RD || C == RD || C->isDerivedFrom(RD))
      if (std::find(R.begin(), R.end(), O) == R.end() && !inSystemHeader(O))
        R.push_back(O);
  }
  return R;
}

void Engine::run() {
  Scanner Sc(*this);
  Sc.TraverseDecl(Ctx.getTranslationUnitDecl());
  for (const Scanner::QueueReceive &Q : Sc.QueueReceives)
    if (!unitQueue(Q.CE, Q.S->QueueArg)) { // the queue escapes: others may send into it
      const SourceLocation L = userLoc(Q.CE->getBeginLoc());
      noteInput(L, Q.Name, "call", Q.S->Channel, Q.S->Inferred, L);
    }
  for (auto &[FD, I] : Sc.Fns) {
    if (!FD->getIdentifier() || (FD->getName() == "main" && FD->getNumParams() < 2))
      continue;
    // `proto::parse` (a namespaced function, as the cross-TU join names it),
    // else the plain name the catalogue lists.
    const std::string Qualified = joinName(FD);
    auto It = Qualified.empty() ? Cfg.CallbackFunctions.end()
                                : Cfg.CallbackFunctions.find(Qualified);
    if (It == Cfg.CallbackFunctions.end())
      It = Cfg.CallbackFunctions.find(FD->getName());
    if (It != Cfg.CallbackFunctions.end())
      Callbacks[FD] = &It->second;
  }
  for (const auto &[FD, I] : Sc.Fns)
    for (const FunctionDecl *C : I.Callees)
      ReferencedHere.insert(C->getCanonicalDecl());
  for (const auto &[FD, CB] : Callbacks) {
    if (!isExternalChannel(CB->Channel))
      continue;
    for (unsigned I = 0; I < FD->getNumParams(); ++I)
      if (CB->Params.contains(I))
        noteInput(FD->getLocation(), FD->getName(), "callback", CB->Channel, false,
                  FD->getParamDecl(I)->getLocation());
  }
  seedDeclaredGlobals();
  // A virtual call may run every overrider the unit defines.
  for (auto &[FD, I] : Sc.Fns)
    for (const CXXMethodDecl *M : I.Virtuals) {
      auto It = Overriders.find(M);
      if (It != Overriders.end())
        I.Callees.insert(It->second.begin(), It->second.end());
    }

  for (unsigned Round = 0; Round < MaxRounds; ++Round) {
    // Seeds: functions with a source, callbacks, readers of tainted globals;
    // then every function that calls one of them.
    std::set<const FunctionDecl *> Relevant;
    for (auto &[FD, I] : Sc.Fns) {
      bool ReadsTainted = false;
      for (const ValueDecl *G : I.Globals)
        for (const auto &KV : GlobalTaint)
          ReadsTainted |= KV.first.Base == G;
      if (I.HasSource || Callbacks.count(FD) || ReadsTainted)
        Relevant.insert(FD);
    }
    for (bool Grew = true; Grew;) {
      Grew = false;
      for (auto &[FD, I] : Sc.Fns) {
        if (Relevant.count(FD))
          continue;
        for (const FunctionDecl *C : I.Callees)
          if (Relevant.count(C)) {
            Relevant.insert(FD);
            Grew = true;
            break;
          }
      }
    }
    GlobalsChanged = false;
    Summaries.clear();
    for (const FunctionDecl *FD : Relevant)
      summaryOf(FD);
    if (!GlobalsChanged)
      break;
  }
  resolveWraps();
}

namespace {
struct Cache {
  const ASTContext *Ctx = nullptr;
  const TaintConfig *Cfg = nullptr;
  bool Valid = false;
  std::unique_ptr<Engine> E;
};
thread_local Cache TheCache;
} // namespace

void resetTaintResults() {
  TheCache.Valid = false;
  TheCache.E.reset();
}

const std::vector<TaintFinding> &taintFindings(ASTContext &Ctx, const TaintConfig &Cfg) {
  if (!TheCache.Valid || TheCache.Ctx != &Ctx || TheCache.Cfg != &Cfg) {
    TheCache.E = std::make_unique<Engine>(Ctx, Cfg);
    TheCache.E->run();
    if (::medsec::crossTuFactsEnabled())
      TheCache.E->recordCrossTuFacts();
    if (::medsec::attackSurfaceEnabled())
      TheCache.E->recordInputs();
    TheCache.Ctx = &Ctx;
    TheCache.Cfg = &Cfg;
    TheCache.Valid = true;
  }
  return TheCache.E->Findings;
}

} // namespace clang::tidy::medsec::taint
