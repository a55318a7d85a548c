//===- TaintCrossTu.cpp - facts for the driver's cross-TU join ------------===//
//
// The engine stays per translation unit; `medsec scan` joins units through
// the catalogue (docs/taint-analysis.md, "Across translation units"). Here a
// unit reports what it hands to other units (external data passed to a
// function with no body here, returned by a function defined here, stored in
// a global) and seeds the globals the driver declared tainted.
//
//===----------------------------------------------------------------------===//
#include "../CrossTuFacts.h"
#include "TaintEngineImpl.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <tuple>

namespace clang::tidy::medsec::taint {

namespace {

/// `ns::Outer::` for a class, empty when other units cannot name it: local to
/// a function or an anonymous namespace, unnamed, or a template.
std::string classPrefix(const CXXRecordDecl *RD) {
  if (!RD || !RD->getIdentifier() || RD->getDescribedClassTemplate() ||
      isa<ClassTemplateSpecializationDecl>(RD))
    return {};
  std::string Name = RD->getName().str() + "::";
  for (const DeclContext *DC = RD->getDeclContext()->getRedeclContext(); !DC->isTranslationUnit();
       DC = DC->getParent()->getRedeclContext()) {
    if (const auto *Outer = dyn_cast<CXXRecordDecl>(DC)) {
      const std::string P = classPrefix(Outer);
      return P.empty() ? P : P + Name;
    }
    const auto *NS = dyn_cast<NamespaceDecl>(DC);
    if (!NS || NS->isAnonymousNamespace())
      return {};
    if (!NS->isInline())
      Name = NS->getName().str() + "::" + Name;
  }
  return Name;
}

/// A method's name across units: `ns::Class::method`, with its parameter
/// types when the class declares several methods of that name (each
/// overload joins only with the definition of the same signature).
std::string methodJoinName(const CXXMethodDecl *M) {
  if (isa<CXXConstructorDecl, CXXDestructorDecl, CXXConversionDecl>(M) ||
      M->getTemplatedKind() != FunctionDecl::TK_NonTemplate)
    return {};
  std::string Name = classPrefix(M->getParent());
  if (Name.empty())
    return {};
  Name += M->getName().str();
  const auto Same = M->getParent()->lookup(M->getDeclName());
  if (std::distance(Same.begin(), Same.end()) > 1) {
    PrintingPolicy Policy(M->getASTContext().getLangOpts());
    Name += "(";
    for (unsigned I = 0; I < M->getNumParams(); ++I)
      Name +=
          (I ? ", " : "") +
          M->getParamDecl(I)->getType().getCanonicalType().getUnqualifiedType().getAsString(Policy);
    Name += M->isConst() ? ") const" : ")";
  }
  return Name;
}

} // namespace

std::string memberJoinName(const FieldDecl *F) {
  const auto *RD = dyn_cast<CXXRecordDecl>(F->getParent());
  if (!F->getIdentifier() || !RD)
    return {};
  const std::string Prefix = classPrefix(RD);
  return Prefix.empty() ? Prefix : Prefix + F->getName().str();
}

std::string joinName(const FunctionDecl *F) {
  if (!F || !F->getIdentifier())
    return {};
  if (const auto *M = dyn_cast<CXXMethodDecl>(F))
    return methodJoinName(M);
  std::string Name = F->getName().str();
  for (const DeclContext *DC = F->getDeclContext()->getRedeclContext(); !DC->isTranslationUnit();
       DC = DC->getParent()->getRedeclContext()) {
    const auto *NS = dyn_cast<NamespaceDecl>(DC);
    if (!NS || NS->isAnonymousNamespace())
      return {}; // a class's friend, a function local to an anonymous namespace
    if (!NS->isInline())
      Name = NS->getName().str() + "::" + Name;
  }
  return Name;
}

namespace {

/// A value a check in this TU already bounded or validated: the callee's
/// unit would not see that check, so following it would only add noise.
bool checkedHere(const TVal &V) {
  return V.Validated || V.Hi.K == Bound::Const || V.Hi.K == Bound::Trusted;
}

std::optional<int64_t> finite(Int V) {
  if (V <= -Infinity || V >= Infinity || V < INT64_MIN || V > INT64_MAX)
    return std::nullopt;
  return static_cast<int64_t>(V);
}

/// A number this unit bounded by constants only (if (n > 200) return;): it
/// crosses with its interval, so a callee needing a tighter bound is still
/// judged. A trusted bound (a comparison with the program's own variable)
/// or a validator keeps it from crossing, as checkedHere says.
bool constantlyBounded(const TVal &V) {
  return !V.Validated && V.Hi.K == Bound::Const && V.Lo.K != Bound::Trusted;
}

/// The constant ends of Lo..Hi, as they cross (nothing: neither is).
std::optional<::medsec::ValueRange> rangeOf(const Bound &Lo, const Bound &Hi) {
  ::medsec::ValueRange R;
  if (Lo.isConst() && (R.Lo = finite(Lo.V)))
    R.LoChecked = Lo.K == Bound::Const;
  if (Hi.isConst() && (R.Hi = finite(Hi.V)))
    R.HiChecked = Hi.K == Bound::Const;
  if (!R.Lo && !R.Hi)
    return std::nullopt;
  return R;
}

/// The tighter of two lower (Lower) or upper ends; a constant beats an
/// unknown or trusted end here (only constants cross).
Bound tighter(const Bound &A, const Bound &B, bool Lower) {
  if (!A.isConst())
    return B.isConst() ? B : A;
  if (!B.isConst())
    return A;
  if (A.V == B.V) // the same end, checked when either checked it
    return A.K == Bound::Const ? A : B;
  return (Lower ? B.V > A.V : B.V < A.V) ? B : A;
}

bool integerArgument(const Expr *A) { return A->getType()->isIntegralOrEnumerationType(); }

/// The results on which every return checked output I of S (a trusted or
/// constant bound, or a validator): the hull of those returns' results, when
/// no other return's result lies in it (mbedtls_asn1_get_len: 0, its errors
/// are negative), open on a side no other return lies on (0 and up). Max:
/// the loosest constant upper bound, when all are.
struct CheckedResults {
  Int Lo, Hi;
  std::optional<Int> Max;
};
std::optional<CheckedResults> checkedResults(const Summary &S, unsigned I) {
  std::optional<CheckedResults> R;
  bool AllConst = true;
  for (const ReturnCase &C : S.Returns) {
    auto O = C.Out.find(I);
    if (O == C.Out.end() || !checkedHere(O->second))
      continue;
    if (!R)
      R = CheckedResults{C.Lo, C.Hi, std::nullopt};
    R->Lo = std::min(R->Lo, C.Lo);
    R->Hi = std::max(R->Hi, C.Hi);
    if (O->second.Hi.K == Bound::Const)
      R->Max = R->Max ? std::max(*R->Max, O->second.Hi.V) : O->second.Hi.V;
    else
      AllConst = false;
  }
  if (!R)
    return std::nullopt;
  bool Above = false, Below = false;
  for (const ReturnCase &C : S.Returns) {
    auto O = C.Out.find(I);
    if (O != C.Out.end() && checkedHere(O->second))
      continue;
    if (C.Lo <= R->Hi && R->Lo <= C.Hi)
      return std::nullopt; // a return on those results did not check (or write) it
    Above |= C.Lo > R->Hi;
    Below |= C.Hi < R->Lo;
  }
  // No other return on that side: the range is open there, so a caller's
  // `< 0` test (the errors are negative) lets only checked returns through.
  if (!Above)
    R->Hi = Infinity;
  if (!Below)
    R->Lo = -Infinity;
  if (!AllConst)
    R->Max.reset();
  return R;
}

/// A function other units can define and call by name: at file scope or in
/// a named namespace (by its qualified name), or a method of a named class
/// (`ns::Class::method`), not the standard library's. A method defined in
/// its class (inline) is defined in every unit that calls it: it does not
/// join (a virtual call of it still does, see dispatchedElsewhere).
bool joinable(const FunctionDecl *F) {
  if (!F || !F->isExternallyVisible() || F->isInStdNamespace())
    return false;
  if (const auto *M = dyn_cast<CXXMethodDecl>(F)) {
    if (M->isInlined())
      return false;
    for (const FunctionDecl *R : F->redecls())
      if (R->isInlineSpecified())
        return false;
  }
  return !joinName(F).empty();
}

/// A virtual call of M (`h.process(buf, n)`): overriders other units define
/// may run, whether or not M has a body here.
bool dispatchedElsewhere(const CallExpr *CE, const FunctionDecl *M) {
  return isa<CXXMethodDecl>(M) && Engine::virtualCall(CE) && M->isExternallyVisible() &&
         !joinName(M).empty();
}

/// Every method M overrides, at any level.
void overridden(const CXXMethodDecl *M, std::set<std::string> &Out, unsigned Depth = 0) {
  if (Depth > 16)
    return;
  for (const CXXMethodDecl *O : M->overridden_methods()) {
    if (std::string N = joinName(O); !N.empty())
      Out.insert(std::move(N));
    overridden(O, Out, Depth + 1);
  }
}

bool catalogued(const TaintConfig &C, StringRef Name) {
  return C.Sources.count(Name) || C.Propagators.count(Name) || C.Validators.count(Name) ||
         C.CallbackFunctions.count(Name) || C.SizeSinks.count(Name) ||
         C.FormatFunctions.count(Name) || C.CommandFunctions.count(Name);
}

/// The names this TU defines for, and needs from, other units.
class NameScanner : public RecursiveASTVisitor<NameScanner> {
public:
  NameScanner(const Engine &E) : E(E) {}
  std::set<std::string> Defines, Uses;

  std::set<std::pair<std::string, std::string>> Overrides;

  bool VisitFunctionDecl(FunctionDecl *F) {
    if (F->doesThisDeclarationHaveABody() && joinable(F) && !E.inSystemHeader(F)) {
      Defines.insert(joinName(F));
      if (const auto *M = dyn_cast<CXXMethodDecl>(F); M && M->isVirtual()) {
        std::set<std::string> Bases;
        overridden(M, Bases);
        for (const std::string &B : Bases)
          Overrides.emplace(joinName(F), B);
      }
    }
    return true;
  }
  bool VisitVarDecl(VarDecl *V) {
    if (isJoinableGlobal(V) && V->isThisDeclarationADefinition() != VarDecl::DeclarationOnly)
      Defines.insert(V->getName().str());
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *DR) {
    const Decl *D = DR->getDecl();
    if (E.inSystemHeader(D))
      return true;
    if (const auto *F = dyn_cast<FunctionDecl>(D)) {
      if (joinable(F) && !F->isDefined())
        Uses.insert(joinName(F));
    } else if (const auto *V = dyn_cast<VarDecl>(D)) {
      if (isJoinableGlobal(V) && !V->getDefinition())
        Uses.insert(V->getName().str());
    }
    return true;
  }
  bool VisitMemberExpr(MemberExpr *ME) { // link.fetch(buf, n): a method defined elsewhere
    // A member read through this (request_): another unit's methods may
    // store external data into it.
    if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
      if (E.ThisFields.count(F) && !E.inSystemHeader(F))
        if (std::string N = memberJoinName(F); !N.empty())
          Uses.insert(std::move(N));
    const auto *M = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
    if (!M || E.inSystemHeader(M))
      return true;
    // A virtual method is used wherever it is called: an overrider of
    // another unit may run.
    if ((joinable(M) && !M->isDefined()) || (M->isVirtual() && !ME->hasQualifier()))
      if (std::string N = joinName(M); !N.empty())
        Uses.insert(std::move(N));
    return true;
  }
  static bool isJoinableGlobal(const VarDecl *V) {
    return V->getIdentifier() && V->hasGlobalStorage() && !V->isStaticLocal() &&
           V->isExternallyVisible() && V->getDeclContext()->getRedeclContext()->isTranslationUnit();
  }

private:
  const Engine &E;
};

/// A struct or union of numbers, arrays of them and such records: no
/// pointer, reference or function pointer in it.
bool plainDataRecord(QualType T, unsigned Depth) {
  const RecordDecl *RD = T->getAsRecordDecl();
  if (!RD || !(RD = RD->getDefinition()) || Depth > 4)
    return false;
  if (const auto *CXX = dyn_cast<CXXRecordDecl>(RD))
    if (CXX->isPolymorphic() || CXX->getNumBases())
      return false;
  for (const FieldDecl *F : RD->fields()) {
    const Type *E = F->getType()->getBaseElementTypeUnsafe();
    if (E->isRecordType()) {
      if (!plainDataRecord(QualType(E, 0), Depth + 1))
        return false;
    } else if (!E->isArithmeticType() && !E->isEnumeralType()) {
      return false;
    }
  }
  return true;
}

/// Summaries are recomputed each round: keep each entry once.
void addOnce(std::vector<Engine::OutgoingCall> &List, const Engine::OutgoingCall &O) {
  for (const Engine::OutgoingCall &X : List)
    if (X.Callee == O.Callee && X.Param == O.Param && X.Loc == O.Loc && X.FromParam == O.FromParam)
      return;
  List.push_back(O);
}

/// What of an argument crosses into another unit: its own real taint that
/// this unit did not check (or, a number, bounded by constants only: with
/// its interval), else the external data it points to.
const TVal *crossing(const TVal &V, const TVal &P, bool Number) {
  if (V.Real && (!checkedHere(V) || (Number && constantlyBounded(V))))
    return &V;
  if (P.Real && !P.Validated)
    return &P;
  return nullptr;
}

/// Inside a summary of FD: FD's callers may pass external data through the
/// parameters V or P depend on; remember the call for each of them. What FD
/// checked before the call does not cross, as in crossing(): a relay that
/// rejects n > 16 before parse(buf, n) hands on buf, not n.
///
/// A number FD passes on unmodified (V is its parameter B itself) crosses
/// with the interval its callers give it, narrowed by FD's own constant
/// checks and conversions (a relay rejecting n > 200 hands on 0..200);
/// anything else FD computed from it crosses unbounded, unless FD checked it.
void passToCallers(Engine &E, const FunctionDecl *FD, const TVal &V, const TVal &P,
                   const Engine::OutgoingCall &Via, bool Number) {
  for (const TVal *T : {&V, &P})
    for (unsigned B = 0; B < 64 && B < FD->getNumParams(); ++B) {
      if (!((T->Params >> B) & 1))
        continue;
      Engine::OutgoingCall Out = Via;
      Out.FromParam = B;
      Out.Direct = Via.Direct && T == &V && Number && V.Direct == static_cast<int>(B);
      if (T == &V ? checkedHere(V) && !(Out.Direct && constantlyBounded(V)) : P.Validated)
        continue;
      if (Out.Direct) {
        Out.RelayLo = tighter(Via.RelayLo, V.Lo, true);
        Out.RelayHi = tighter(Via.RelayHi, V.Hi, false);
      }
      addOnce(E.ParamOutgoing[FD], Out);
    }
}

} // namespace

void Engine::noteDerivedRoot(const Step *Root, const std::string &Channel,
                             std::vector<::medsec::FactRef> Refs) {
  if (!Root || Channel != "cross-tu" || !::medsec::crossTuFactsEnabled())
    return;
  std::vector<::medsec::FactRef> &List = DerivedSteps[Root];
  for (::medsec::FactRef &R : Refs)
    if (std::find(List.begin(), List.end(), R) == List.end())
      List.push_back(std::move(R));
}

std::string expandParamNote(const std::string &Note, StringRef Param) {
  std::string S = Note;
  for (size_t P = S.find("%P"); P != std::string::npos; P = S.find("%P", P + Param.size()))
    S.replace(P, 2, Param.str());
  return S;
}

void Engine::seedDeclaredGlobals() {
  if (Cfg.Globals.empty())
    return;
  // A member another unit's methods store external data into (a derived
  // entry named `ns::Class::member_`): what this unit's methods read in
  // this->member_, as a member filled here would be.
  for (const FieldDecl *F : ThisFields) {
    auto It = Cfg.Globals.find(memberJoinName(F));
    if (It == Cfg.Globals.end())
      continue;
    TVal T;
    T.Real = true;
    T.Trace =
        rootStep(F, F->getLocation(), It->second.Note, It->second.Origin, F->getNameAsString());
    // Findings it feeds count for the inputs of the unit that filled it.
    noteDerivedRoot(T.Trace, It->second.Channel, {{"member", It->second.Name, 0}});
    GlobalTaint.emplace(LocKey{F, nullptr, false}, T);
    GlobalTaint.emplace(LocKey{F, nullptr, true}, T);
  }
  for (const Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
    const auto *V = dyn_cast<VarDecl>(D);
    if (!V || !V->getIdentifier() || !V->hasGlobalStorage())
      continue;
    auto It = Cfg.Globals.find(V->getName());
    if (It == Cfg.Globals.end())
      continue;
    TVal T;
    T.Real = true;
    const std::string Text = It->second.Note.empty()
                                 ? "external data stored in global '" + V->getNameAsString() + "'"
                                 : It->second.Note;
    T.Trace = rootStep(V->getCanonicalDecl(), V->getLocation(), Text, It->second.Origin,
                       V->getNameAsString());
    noteDerivedRoot(T.Trace, It->second.Channel, {{"global", It->second.Name, 0}});
    if (isExternalChannel(It->second.Channel)) {
      InputGlobalSteps.insert(T.Trace);
      noteInput(V->getLocation(), V->getName(), "global", It->second.Channel, false,
                V->getLocation());
    }
    // Uses name whichever redeclaration lookup found: seed them all.
    for (const VarDecl *R : V->redecls()) {
      GlobalTaint.emplace(LocKey{R, nullptr, false}, T);
      GlobalTaint.emplace(LocKey{R, nullptr, true}, T);
    }
  }
}

void FunctionAnalysis::seedRange(TVal &V, const CallbackSpec &CB, unsigned I) const {
  auto It = CB.Ranges.find(I);
  if (It == CB.Ranges.end() || E.ReferencedHere.count(FD->getCanonicalDecl()))
    return;
  const ::medsec::ValueRange &R = It->second;
  if (R.Lo)
    V.Lo = Bound::constant(*R.Lo, R.LoChecked ? Bound::Const : Bound::TypeConst);
  if (R.Hi)
    V.Hi = Bound::constant(*R.Hi, R.HiChecked ? Bound::Const : Bound::TypeConst);
}

TVal FunctionAnalysis::crossingPointee(const Expr *A) {
  // A number points to nothing: its own value crosses, with the check the
  // unit made (pointee() would read it back unbounded, as what a tainted
  // pointer points to, and `if (n > 16) return; parse(buf, n)` crossed).
  if (A->getType()->isArithmeticType() || A->getType()->isEnumeralType())
    return TVal();
  TVal P = pointee(A);
  if (P.Real)
    return P;
  // A whole record read through a pointer: as external as any field of it
  // (lookup answers so for a struct read by name, &f) when it is plain data,
  // a frame or packet. A record with pointers is a context object (a driver
  // handle, a TLS session): one received field would taint all of it.
  std::optional<LocKey> L = pointeeLoc(A);
  if (!L || L->Field || !L->Contents || !A->getType()->isPointerType() ||
      !plainDataRecord(A->getType()->getPointeeType(), 0))
    return P;
  for (auto It = Cur->lower_bound(LocKey{L->Base, nullptr, false});
       It != Cur->end() && It->first.Base == L->Base; ++It)
    if (It->first.Field && It->first.Contents && It->second.Real && !It->second.Validated) {
      TVal R = It->second;
      R.Lo = R.Hi = Bound();
      R.Direct = -1;
      return R;
    }
  return P;
}

void FunctionAnalysis::noteOutgoingCall(const CallExpr *CE, const FunctionDecl *Callee) {
  if (!::medsec::crossTuFactsEnabled() || !(joinable(Callee) || dispatchedElsewhere(CE, Callee)) ||
      E.inSystemHeader(Callee) || Callee->hasAttr<FormatAttr>() ||
      catalogued(E.Cfg, joinName(Callee)))
    return;
  for (unsigned I = 0; I < numArgs(CE) && I < Callee->getNumParams(); ++I) {
    const Expr *A = arg(CE, I);
    const TVal V = value(A), P = crossingPointee(A);
    const bool Number = integerArgument(A);
    Engine::OutgoingCall Out;
    Out.Callee = joinName(Callee);
    Out.ParamName = Callee->getParamDecl(I)->getName().str();
    Out.Param = I;
    Out.Loc = E.userLoc(CE->getBeginLoc());
    Out.Caller = FD;
    if (const TVal *T = crossing(V, P, Number)) {
      Out.Trace = T->Trace;
      if (T == &V && Number)
        Out.Range = rangeOf(V.Lo, V.Hi);
      E.Outgoing.push_back(Out);
    }
    passToCallers(E, FD, V, P, Out, Number);
  }
}

void FunctionAnalysis::applyParamOutgoing(const CallExpr *CE, const FunctionDecl *Callee) {
  auto It = E.ParamOutgoing.find(Callee);
  if (It == E.ParamOutgoing.end())
    return;
  const std::vector<Engine::OutgoingCall> Outs = It->second; // the map may grow below
  for (Engine::OutgoingCall Out : Outs) {
    if (Out.FromParam >= numArgs(CE))
      continue;
    Out.Caller = FD;
    const Expr *A = arg(CE, Out.FromParam);
    const TVal V = value(A), P = crossingPointee(A);
    // Only a number the relays pass on unmodified keeps its interval.
    const bool Number = integerArgument(A) && Out.Direct;
    if (const TVal *T = crossing(V, P, Number)) {
      Out.Trace = E.newStep(CE->getBeginLoc(),
                            "passed to '" + Callee->getNameAsString() + "' as '" +
                                Callee->getParamDecl(Out.FromParam)->getNameAsString() + "' here",
                            T->Trace);
      if (T == &V && Number)
        Out.Range = rangeOf(tighter(V.Lo, Out.RelayLo, true), tighter(V.Hi, Out.RelayHi, false));
      E.Outgoing.push_back(Out);
    }
    passToCallers(E, FD, V, P, Out, Number);
  }
}

void Engine::recordCrossTuFacts() {
  const SourceManager &SM = Ctx.getSourceManager();
  // Globals are followed without bounds and flow-insensitively: data read
  // from one is not handed to other units (an external global is, itself),
  // unless it came from a global holding received data itself (an interrupt
  // handler's buffer, a declared DMA buffer): those hold nothing else, and
  // the receive-in-the-driver, parse-in-the-protocol-file split starts there.
  std::set<const Step *> GlobalSteps;
  for (const auto &KV : GlobalTaint)
    GlobalSteps.insert(KV.second.Trace);
  // Data a function reads from a global it stores external data into itself
  // is its own flow (radio_receive receives into rxbuf, then copies it to
  // *out): the global's step is in the trace because stores into globals
  // are weak.
  auto ThroughGlobal = [&](const Step *T, const FunctionDecl *In) {
    bool Through = false;
    for (; T; T = T->Prev) {
      if (InputGlobalSteps.count(T))
        return false;
      if (GlobalSteps.count(T)) {
        auto S = GlobalStepStorers.find(T);
        Through |= S == GlobalStepStorers.end() || !S->second.count(In);
      }
    }
    return Through;
  };
  auto Where = [&](::medsec::CrossTuFact &F, SourceLocation L) {
    L = userLoc(L);
    F.File = SM.getFilename(SM.getFileLoc(L)).str();
    F.Line = SM.getSpellingLineNumber(L);
    F.Column = SM.getSpellingColumnNumber(L);
  };
  // The inputs of the attack surface by where their flows start, as
  // results.json's attack_surface names them.
  std::map<SourceLocation, std::vector<::medsec::InputRoot>> InputsAt;
  for (const auto &[Key, S] : Inputs)
    for (SourceLocation Root : S.Roots)
      InputsAt[Root].push_back({SM.getFilename(S.Loc).str(), SM.getSpellingLineNumber(S.Loc),
                                SM.getSpellingColumnNumber(S.Loc), S.Name});
  auto From = [&](::medsec::CrossTuFact &F, const Step *T) {
    F.Origin = T && !T->Origin.empty() ? T->Origin : "external data";
    F.SourceName = T ? T->SourceName : "";
    // Where the flow starts: an input of this unit, or a derived rule's
    // value whose facts the join follows to their inputs.
    while (T && T->Prev)
      T = T->Prev;
    if (!T)
      return;
    ::medsec::CrossTuFact O;
    auto D = DerivedSteps.find(T);
    if (D != DerivedSteps.end())
      O.Via = D->second;
    auto I = InputsAt.find(T->Loc);
    if (I != InputsAt.end())
      O.Roots = I->second;
    std::sort(O.Via.begin(), O.Via.end());
    std::sort(O.Roots.begin(), O.Roots.end());
    ::medsec::addOrigins(F, O);
  };
  // One fact per name and parameter: the first in the file wins, with the
  // origins of every flow behind it.
  std::map<std::tuple<int, std::string, unsigned>, ::medsec::CrossTuFact> Facts;
  auto Keep = [&](::medsec::CrossTuFact F) {
    auto Key = std::make_tuple(static_cast<int>(F.K), F.Name, F.Param);
    auto [It, New] = Facts.emplace(Key, F);
    if (New)
      return;
    ::medsec::addOrigins(It->second, F);
    // A parameter's interval: the widest of every call site's.
    ::medsec::widenRange(It->second.Range, F.Range);
    F.Range = It->second.Range;
    if (std::tie(F.File, F.Line, F.Column) <
        std::tie(It->second.File, It->second.Line, It->second.Column)) {
      ::medsec::addOrigins(F, It->second);
      It->second = std::move(F);
    }
  };
  for (const OutgoingCall &O : Outgoing) {
    if (ThroughGlobal(O.Trace, O.Caller))
      continue;
    ::medsec::CrossTuFact F;
    F.K = ::medsec::CrossTuFact::ParamFact;
    F.Name = O.Callee;
    F.Param = O.Param;
    F.ParamName = O.ParamName;
    F.Range = O.Range;
    Where(F, O.Loc);
    From(F, O.Trace);
    Keep(F);
  }
  for (const auto &[FD, S] : Summaries) {
    // A source the catalogue or the project already describes keeps its
    // entry: a derived one would replace it, channel and all (a tainted
    // return of mbedtls_ssl_read instead of the bytes it reads).
    if (!S.Done || !joinable(FD) || inSystemHeader(FD) || Cfg.Sources.count(joinName(FD)))
      continue;
    // Nor does a catalogued propagator or validator become a source of what
    // it writes (mbedtls_asn1_get_tag's length): the catalogue says how
    // taint flows through it.
    const bool Described = catalogued(Cfg, joinName(FD));
    if (S.Ret.Real && !checkedHere(S.Ret) && !ThroughGlobal(S.Ret.Trace, FD)) {
      ::medsec::CrossTuFact F;
      F.K = ::medsec::CrossTuFact::ReturnFact;
      F.Name = joinName(FD);
      Where(F, FD->getLocation());
      From(F, S.Ret.Trace);
      Keep(F);
    }
    // What it writes through a pointer parameter: a source of that
    // argument for its callers (int radio_receive(packet_t *out)).
    for (const auto &[I, V] : S.ParamOut) {
      if (Described || !V.Real || checkedHere(V) || ThroughGlobal(V.Trace, FD) || I >= FD->getNumParams())
        continue;
      // A context object the function fills a field of (mbedtls_ssl_fetch_input
      // writing ssl->in_hdr) would make every field external in its callers.
      const QualType T = FD->getParamDecl(I)->getType()->getPointeeType();
      if (!T.isNull() && T->isRecordType() && !plainDataRecord(T, 0))
        continue;
      ::medsec::CrossTuFact F;
      F.K = ::medsec::CrossTuFact::OutFact;
      F.Name = joinName(FD);
      F.Param = I;
      F.ParamName = FD->getParamDecl(I)->getName().str();
      if (auto C = checkedResults(S, I)) {
        F.CheckedResultMin = finite(C->Lo);
        F.CheckedResultMax = finite(C->Hi);
        F.Checked = F.CheckedResultMin || F.CheckedResultMax;
        if (C->Max)
          F.CheckedMax = finite(*C->Max);
      }
      if (auto FS = S.ParamOutFields.find(I); FS != S.ParamOutFields.end())
        for (const FieldDecl *Member : FS->second)
          if (Member->getIdentifier() &&
              std::find(F.Fields.begin(), F.Fields.end(), Member->getName()) == F.Fields.end())
            F.Fields.push_back(Member->getName().str());
      Where(F, FD->getParamDecl(I)->getLocation());
      From(F, V.Trace);
      Keep(F);
    }
  }
  for (const auto &[L, V] : GlobalTaint) {
    // A global with external linkage, or a member of the objects of a class
    // a method received into (the class's methods in other units read it).
    ::medsec::CrossTuFact F;
    const Decl *Held = L.Base;
    if (const auto *Fld = dyn_cast_or_null<FieldDecl>(L.Base)) {
      F.K = ::medsec::CrossTuFact::MemberFact;
      F.Name = memberJoinName(Fld);
      if (F.Name.empty() || inSystemHeader(Fld))
        continue;
    } else if (const auto *Var = dyn_cast_or_null<VarDecl>(L.Base);
               Var && NameScanner::isJoinableGlobal(Var)) {
      F.K = ::medsec::CrossTuFact::GlobalFact;
      F.Name = Var->getName().str();
    } else {
      continue;
    }
    if (!V.Real || Cfg.Globals.count(F.Name))
      continue;
    // The store is not recorded: name where the data entered this unit.
    const Step *Root = V.Trace;
    while (Root && Root->Prev)
      Root = Root->Prev;
    Where(F, Root ? Root->Loc : Held->getLocation());
    From(F, V.Trace);
    Keep(F);
  }
  NameScanner NS(*this);
  NS.TraverseDecl(Ctx.getTranslationUnitDecl());
  ::medsec::CrossTuFacts Out;
  for (auto &KV : Facts)
    Out.Facts.push_back(std::move(KV.second));
  for (const auto &[Root, Refs] : DerivedSteps) {
    ::medsec::DerivedRoot D;
    const SourceLocation L = SM.getFileLoc(Root->Loc);
    D.File = SM.getFilename(L).str();
    D.Line = SM.getSpellingLineNumber(L);
    D.Column = SM.getSpellingColumnNumber(L);
    D.Facts = Refs;
    Out.DerivedRoots.push_back(std::move(D));
  }
  Out.Defines.assign(NS.Defines.begin(), NS.Defines.end());
  Out.Uses.assign(NS.Uses.begin(), NS.Uses.end());
  Out.Overrides.assign(NS.Overrides.begin(), NS.Overrides.end());
  ::medsec::recordCrossTuFacts(std::move(Out));
}

} // namespace clang::tidy::medsec::taint
