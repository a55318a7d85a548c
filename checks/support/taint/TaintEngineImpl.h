//===- TaintEngineImpl.h - internals of the taint engine --------*- C++ -*-===//
#ifndef MEDSEC_CHECKS_SUPPORT_TAINT_TAINTENGINEIMPL_H
#define MEDSEC_CHECKS_SUPPORT_TAINT_TAINTENGINEIMPL_H

#include "../CrossTuFacts.h"
#include "TaintEngine.h"
#include "TaintValue.h"
#include "ValueRanges.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/Analysis/CFG.h"

#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>

namespace clang::tidy::medsec::taint {

/// The origin text when X is a constant equal to T's maximum (or signed minimum).
std::optional<std::string> typeLimit(const Expr *X, QualType T, const ASTContext &Ctx);

/// Judges a sink for given bounds: the message (with "%O" for the origin) or
/// nothing when the bounds make the use safe.
using SinkEval =
    std::function<std::optional<std::string>(const Bound &Lo, const Bound &Hi, bool Validated)>;

/// A sink reached by a parameter of a summarised function.
struct ParamSink {
  SinkKind Kind;
  SourceLocation Loc;
  SinkEval Eval;
  bool Direct = false; // the sink sees the parameter itself: caller bounds apply
  Bound Lo, Hi;        // what the callee knows at the sink
  bool Validated = false;
  std::vector<FlowNote> Chain; // calls from the summarised function to the sink
  const Expr *WrapOp = nullptr; // an unsigned wrap: reported once its result reaches a use
  /// The sink sees only this member of the record the parameter points to.
  const FieldDecl *Member = nullptr;
  bool MemberDirect = false; // ... unchanged: the caller's checks of it count
};

/// What a caller needs to know about a function of this TU. Parameter sets
/// are bit masks, so a driver can later join summaries across TUs.
struct Summary {
  bool Done = false;
  bool InProgress = false;
  bool HasRet = false;
  TVal Ret;
  std::map<unsigned, std::vector<ParamSink>> Sinks;
  std::map<unsigned, TVal> ParamOut; // external data written through a pointer parameter
  /// ParamOut by the result returned (TaintStatus.cpp): what a caller testing
  /// the result knows of the outputs.
  std::vector<ReturnCase> Returns;
  /// When only some members of the record a parameter points to receive it
  /// (a hash context's buffer, not its counters): those members.
  std::map<unsigned, std::vector<const FieldDecl *>> ParamOutFields;
  /// Globals and members a parameter is stored into unchecked (a setter).
  std::map<unsigned, std::vector<LocKey>> ParamGlobals;
};

/// A place external data enters the unit (AttackSurface.h).
struct InputSite {
  SourceLocation Loc;
  std::string Name, Kind, Channel;
  bool Inferred = false;
  std::vector<SourceLocation> Roots; // where the flows it starts begin
};

/// The destination of a store, outermost part first: g_cfg.limits.peep gives
/// g_cfg, limits, peep; Text is how the finding names it.
struct DestPath {
  std::vector<const NamedDecl *> Parts;
  std::string Text;
};

class Engine {
public:
  Engine(ASTContext &Ctx, const TaintConfig &Cfg) : Ctx(Ctx), Cfg(Cfg), Constants(Ctx) {}
  void run();

  ASTContext &Ctx;
  const TaintConfig &Cfg;
  IntegerConstants Constants; // of the whole unit
  std::vector<TaintFinding> Findings;
  std::map<LocKey, TVal> GlobalTaint;
  bool GlobalsChanged = false;
  std::map<const FunctionDecl *, const CallbackSpec *> Callbacks;
  /// Functions this unit refers to from a function body (calls them, takes
  /// their address), by canonical declaration: their parameters keep no
  /// derived range (their summary serves the unit's own callers too).
  std::set<const FunctionDecl *> ReferencedHere;
  /// Functions stored in a struct field or a table (handler tables):
  /// the candidates of a call through that field or table.
  std::map<const ValueDecl *, std::set<const FunctionDecl *>> Targets;
  /// The methods the unit defines that override each virtual method (by its
  /// canonical declaration, through every level of the hierarchy).
  std::map<const CXXMethodDecl *, std::set<const CXXMethodDecl *>> Overriders;
  /// Members some method reads or writes through this: what code outside the
  /// class stores in obj->F is what those methods see in this->F.
  std::set<const FieldDecl *> ThisFields;
  /// The functions a virtual call of M on an object of static type RD may
  /// run: M's own definition and every overrider in a class of the unit
  /// derived from RD. Empty when the unit defines none of them.
  std::vector<const FunctionDecl *> dispatchTargets(const CXXMethodDecl *M,
                                                    const CXXRecordDecl *RD) const;

  const Summary &summaryOf(const FunctionDecl *FD);
  const Step *newStep(SourceLocation Loc, std::string Text, const Step *Prev);
  /// The external value a catalogued source call produces (its return value
  /// or what it writes), with the source as the root of its trace.
  TVal sourceValue(const CallExpr *CE, const SourceSpec &S, StringRef Name);
  const Step *rootStep(const void *Key, SourceLocation Loc, std::string Text, std::string Origin,
                       std::string SourceName);
  void emit(SinkKind K, SourceLocation Loc, const std::string &Template, const Step *Trace,
            const std::vector<FlowNote> &Chain);
  SourceLocation userLoc(SourceLocation L) const;
  bool inSystemHeader(const Decl *D) const;

  // Unsigned wrap-around is defined behaviour, and hash and cipher rounds rely
  // on it: such a finding waits until the wrapped result reaches a size, an
  // index, an allocation, a pointer, a divisor, a loop bound or a comparison.
  /// Emits the finding now, or, for the unsigned operation WrapOp, holds it
  /// until resolveWraps.
  void emitOrHold(const Expr *WrapOp, SinkKind K, SourceLocation Loc, const std::string &Template,
                  const Step *Trace, const std::vector<FlowNote> &Chain);
  /// A value carrying Op's result (TVal::Wrap) reached one of those uses.
  void reachWrap(const Expr *Op);
  /// Op's result was computed from Prev's (n = a + b; m = n * 4).
  void wrapFrom(const Expr *Op, const Expr *Prev);
  /// Emits the held findings whose result (or a value made from it) was used so.
  void resolveWraps();

  /// Records an input of the attack surface; Root is where its flows start.
  void noteInput(SourceLocation Loc, StringRef Name, StringRef Kind, const std::string &Channel,
                 bool Inferred, SourceLocation Root);
  void recordInputs() const;

  // Sources beyond plain catalogued functions (TaintInputs.cpp).
  /// The source a call of F is: a catalogued function or method, or an
  /// inferred receive method (of the class of CE's object too, when the
  /// method is inherited from a base not named for a port); Name gets its
  /// display name.
  const SourceSpec *sourceFor(const FunctionDecl *F, std::string *Name = nullptr,
                              const CallExpr *CE = nullptr);
  static bool virtualCall(const CallExpr *CE);
  /// A virtual call of a source that is assumed rather than analysed: an
  /// inferred port's receive method, or a method whose overriders in other
  /// units return or write external data (cross-TU).
  static bool assumedAtVirtualCall(const SourceSpec *S, const CallExpr *CE) {
    return S && (S->Inferred || S->Channel == "cross-tu") && virtualCall(CE);
  }
  /// The class of the object a method is called on, as written (before the
  /// implicit conversion to the base that declares the method).
  static const CXXRecordDecl *objectClass(const CXXMemberCallExpr *MC);
  struct RegisterRead {
    std::string Name, Channel;
  };
  /// X reads a peripheral data register (USART2->DR, UDR0, SBUF).
  std::optional<RegisterRead> registerRead(const Expr *X) const;
  TVal registerValue(const Expr *X, const RegisterRead &R);
  bool isInterruptHandler(const FunctionDecl *FD) const;
  /// A buffer element an interrupt handler stores: the buffer holds external data.
  void noteIsrStore(const FunctionDecl *Isr, const BinaryOperator *Assign);
  /// A static variable of the unit X names (q or &q): a queue the unit may own.
  static const VarDecl *unitVariable(const Expr *X);
  /// The queue a send or receive call names when the unit owns it (a static
  /// variable used only as a queue): its contents are what the unit sends into it.
  const VarDecl *unitQueue(const CallExpr *CE, int Arg) const;
  /// Static variables the unit hands elsewhere (passed to other calls, returned,
  /// copied): other units can send into them.
  std::set<const VarDecl *> EscapedQueues;
  /// What the unit has sent into queue Q (untainted when nothing external).
  std::map<const VarDecl *, TVal> QueueTaint;
  /// Inferred receive methods, by method and the class it is called on.
  std::map<std::pair<const FunctionDecl *, const CXXRecordDecl *>, SourceSpec> InferredMethods;
  std::set<LocKey> IsrBuffers;
  std::map<std::pair<unsigned, std::string>, InputSite> Inputs; // by location, then name

  // Settings of the device (TaintSettingSink.cpp).
  bool isSettingName(const DestPath &P);
  bool isDeclaredSetting(const DestPath &P) const;
  /// The flow Trace starts at a place external data enters, not at a
  /// pseudo-random value or a type's limit (a source of channel "none").
  bool fromExternalInput(const Step *Trace) const;
  llvm::StringMap<bool> SettingNameCache;

  // Across translation units (TaintCrossTu.cpp, docs/taint-analysis.md).
  struct OutgoingCall {
    std::string Callee, ParamName;
    unsigned Param = 0;
    SourceLocation Loc;
    unsigned FromParam = 0;      // in ParamOutgoing: the caller's parameter
    const Step *Trace = nullptr; // in Outgoing: the flow to the call
    const FunctionDecl *Caller = nullptr; // in Outgoing: the function making the call
    /// In Outgoing: the number's constant interval at the call (nothing:
    /// unbounded, or not a number).
    std::optional<::medsec::ValueRange> Range;
    /// In ParamOutgoing: the caller's parameter reaches the call unmodified
    /// (through every relay), within RelayLo..RelayHi (the relays' checks and
    /// conversions); only then does the outer caller's interval cross.
    bool Direct = true;
    Bound RelayLo, RelayHi;
  };
  std::vector<OutgoingCall> Outgoing; // external data handed to code without a body here
  /// The trace steps of globals that hold received data itself, not a copy
  /// the program made: buffers an interrupt handler fills and globals the
  /// project declares filled from outside. Data read from them crosses units.
  std::set<const Step *> InputGlobalSteps;
  /// The functions that store external data into the global of each trace
  /// step: what one of them reads back there is its own flow, not data read
  /// "from another function".
  std::map<const Step *, std::set<const FunctionDecl *>> GlobalStepStorers;
  std::map<const FunctionDecl *, std::vector<OutgoingCall>> ParamOutgoing;
  /// The root steps of values a derived rule (channel "cross-tu") brought
  /// into the unit, with the facts of other units behind each: a flow that
  /// starts there started at those facts' inputs.
  std::map<const Step *, std::vector<::medsec::FactRef>> DerivedSteps;
  /// Remembers Root as brought in by Refs when Channel is the derived rules'.
  void noteDerivedRoot(const Step *Root, const std::string &Channel,
                       std::vector<::medsec::FactRef> Refs);
  void seedDeclaredGlobals();
  void recordCrossTuFacts();

private:
  std::map<const FunctionDecl *, Summary> Summaries;
  std::deque<Step> Steps;
  std::map<const void *, const Step *> Roots;
  std::set<std::pair<int, unsigned>> Reported;
  unsigned Depth = 0;
  struct HeldWrap {
    const Expr *Op;
    SinkKind Kind;
    SourceLocation Loc;
    std::string Template;
    const Step *Trace;
    std::vector<FlowNote> Chain;
  };
  std::vector<HeldWrap> Held;
  std::set<const Expr *> WrapUsed;
  std::map<const Expr *, std::set<const Expr *>> WrapInputs;
};

/// +, -, * and their compound forms: the operations that can wrap.
inline bool canWrap(BinaryOperatorKind K) {
  return K == BO_Add || K == BO_Sub || K == BO_Mul || K == BO_AddAssign || K == BO_SubAssign ||
         K == BO_MulAssign;
}

/// A derived callback's note with "%P" replaced by the parameter's name.
std::string expandParamNote(const std::string &Note, StringRef Param);

/// Worklist analysis of one function body.
/// The wrap of Op is a subtraction's (a - b, a -= b, --a, a--): a wrapped
/// result is near the type's maximum, so a constant upper bound excludes it.
bool isDifference(const Expr *Op);

/// The name a function is known by across units and in the catalogue: its
/// identifier at file scope, `ns::f` in a named namespace, `ns::Class::m`
/// for a method (`ns::Class::m(int) const` when the class overloads m);
/// empty for a function of an anonymous namespace or a local class, a
/// template, a constructor, destructor or operator.
std::string joinName(const FunctionDecl *F);
/// A member's name across units, `ns::Class::member_` (empty when the class
/// has no such name, as for joinName).
std::string memberJoinName(const FieldDecl *F);

class FunctionAnalysis {
public:
  FunctionAnalysis(Engine &E, const FunctionDecl *FD, Summary &S)
      : E(E), Ctx(E.Ctx), FD(FD), S(S) {}
  void run();

private:
  // values
  TVal value(const Expr *X);
  TVal pointee(const Expr *X);
  TVal taintOf(const Expr *X); // value or pointee, whichever is tainted
  /// When Callee reads only Member of the record its parameter I points to
  /// (or refers to): where argument I's record holds that member (nothing:
  /// the argument counts whole, taintOf).
  std::optional<LocKey> argMemberLoc(const CallExpr *CE, const FunctionDecl *Callee, unsigned I,
                                     const FieldDecl *Member);
  TVal pointerValue(const Expr *X);
  std::optional<LocKey> lval(const Expr *X);
  std::optional<LocKey> pointeeLoc(const Expr *X);
  TVal lookup(const LocKey &L);
  /// Where the methods of L's class see L (obj->payload_ is this->payload_):
  /// the field alone, when a method uses it through this.
  std::optional<LocKey> memberOfThis(const LocKey &L) const;
  /// Tainted, and neither validated nor bounded: what makes a global external.
  static bool unchecked(const TVal &V);
  /// Global (or member) GL holds external data V, everywhere in the unit.
  void storeGlobal(const LocKey &GL, const TVal &V);
  void store(const LocKey &L, TVal V, bool Strong);
  TVal convert(TVal V, QualType From, QualType To);
  TVal typed(TVal V, QualType T) const; // adds the bounds its type implies
  /// Site: the expression, when it is a +, -, * or compound form that can wrap.
  TVal arith(BinaryOperatorKind Op, const TVal &A, const TVal &B, QualType T,
             const Expr *Site = nullptr);
  TVal callValue(const CallExpr *CE);
  TVal limitSource(TVal V, const Expr *Init, QualType T);
  const FunctionDecl *callee(const CallExpr *CE);
  std::vector<const FunctionDecl *> callees(const CallExpr *CE);
  TVal callValueOf(const CallExpr *CE, const FunctionDecl *F);
  /// V, the result of the inferred receive method F, bounded as a count of
  /// the bytes it stored when F also fills a buffer of a given size.
  TVal receivedCount(const CallExpr *CE, const FunctionDecl *F, const SourceSpec &Src, TVal V);
  void callEffectsOf(const CallExpr *CE, const FunctionDecl *F);
  void queueSend(const CallExpr *CE, const QueueSendSpec &Q);
  bool endsPath(const Stmt *St) const; // a terminator call: nothing after it runs
  std::optional<std::pair<Int, Int>> typeRange(QualType T) const;

  // effects
  void transfer(const Stmt *St);
  void callEffects(const CallExpr *CE);
  void refine(TaintState &St, const Expr *Cond, bool Truth);
  void refineLoc(TaintState &St, const Expr *Side, BinaryOperatorKind Op, const Expr *Other,
                 bool UnsignedCompare);
  void setBounds(TaintState &St, const LocKey &L, std::optional<Bound> Lo, std::optional<Bound> Hi);
  void validate(TaintState &St, const Expr *Arg);

  // sinks
  void sink(SinkKind K, SourceLocation Loc, const TVal &V, SinkEval Eval);
  /// OnePastEnd: pointer arithmetic (buf + n), which may form the end pointer.
  /// Called: the element is called (a handler table).
  void checkIndex(const Expr *Idx, const Expr *Base, SourceLocation Loc, bool OnePastEnd = false,
                  bool Called = false);
  void checkSize(const Expr *Size, std::optional<Int> DestBytes, const std::string &What,
                 bool Allocates, SourceLocation Loc);
  void checkArith(const Expr *Op);
  bool wrapCheckedAfter(const Expr *Op, const Expr *Operand);
  bool builtBySameMacro(const Expr *Operand, const TVal &V, SourceLocation OpLoc) const;
  /// Comparing the result of the operation Wrap with Other, one of its
  /// operands, is the test for its wrap (r < a), not a use of the result.
  bool detectsWrap(const Expr *Wrap, const Expr *Other);
  void checkLoop(const Stmt *Loop, const Expr *Cond);
  /// Ptr is dereferenced or handed to a library call (What): an address made
  /// from external data reaches memory (TaintDeviceSinks.cpp).
  void checkPointer(const Expr *Ptr, SourceLocation Loc, const std::string &What);
  void checkDivisor(const BinaryOperator *Div);
  void checkPointerSinks(const Stmt *St);
  /// V is stored into Dest by Store: a setting of the device must receive a
  /// range-checked value (medsec-unvalidated-setting, TaintSettingSink.cpp).
  void checkSetting(const Expr *Dest, const TVal &V, const Stmt *Store);
  /// A call writes V through DestPtr (memcpy, a receive call's buffer).
  void checkSettingWrite(const Expr *DestPtr, const TVal &V, const Stmt *Call);
  /// A call of a setter the project declared.
  void checkSetterCall(const CallExpr *CE);
  void markNonZero(TaintState &St, const LocKey &L);
  /// L's own entry in St, made from what L is read as when missing; null when untainted.
  TVal *ownEntry(TaintState &St, const LocKey &L);
  void checkCallSinks(const CallExpr *CE, const FunctionDecl *Callee);
  void applySummarySinks(const CallExpr *CE, const FunctionDecl *Callee, const Summary &CS);
  bool sizeOfAllocation(const CallExpr *CE, const SizeSinkSpec &Spec, unsigned SizeArg);
  void noteOutgoingCall(const CallExpr *CE, const FunctionDecl *Callee);
  void applyParamOutgoing(const CallExpr *CE, const FunctionDecl *Callee);
  /// What argument A points to, for another unit: also external when only
  /// some fields of it are (out->cmd = USART2->DR; handle(out)).
  TVal crossingPointee(const Expr *A);
  /// The interval the callers in other units pass parameter I in (CB's
  /// ranges): V's bounds, unless this unit refers to FD itself.
  void seedRange(TVal &V, const CallbackSpec &CB, unsigned I) const;
  std::optional<Int> objectBytes(const Expr *X) const;
  std::optional<Int> arrayElements(const Expr *X) const;
  StringRef calleeName(const FunctionDecl *F) const;
  unsigned argOffset(const CallExpr *CE) const;
  const Expr *arg(const CallExpr *CE, unsigned I) const;
  unsigned numArgs(const CallExpr *CE) const;

  // The bounds a callee establishes on the paths its result tells apart
  // (TaintStatus.cpp): a caller's test of the status refines the outputs.
  struct StatusCase {
    Int Lo = -Infinity, Hi = Infinity;
    std::map<LocKey, TVal> Out;
  };
  struct StatusCall {
    std::map<LocKey, const Step *> Written; // what the call stored, by its trace
    std::vector<StatusCase> Cases;
  };
  std::map<const Expr *, StatusCall> StatusCalls;
  /// CE wrote Written through its arguments; CS says what by result.
  void noteStatusCall(const CallExpr *CE, const Summary &CS,
                      const std::map<unsigned, LocKey> &Written);
  /// A source whose out-arguments are checked on some results (a derived
  /// source from another unit's summary: checked-result-min/-max).
  void noteCheckedSource(const CallExpr *CE, const SourceSpec &Src,
                         const std::map<unsigned, LocKey> &Written);
  /// The call whose status X is (f(), r = f(), r), when X's value is that
  /// result unchanged; ZeroTest: only its zero-ness matters (if (r)).
  const Expr *statusCall(const TaintState &St, const Expr *X, bool ZeroTest);
  /// The path tested `status Op K`: the outputs get the bounds of the returns
  /// the test lets through.
  void refineStatus(TaintState &St, const Expr *Call, BinaryOperatorKind Op, Int K);
  /// Status tests in a branch condition (r != 0, !f(), (r = f()) < 0).
  void refineStatusCondition(TaintState &St, const Expr *Cond, bool Truth);
  void applyStatusCases(TaintState &St, const StatusCall &SC,
                        const std::vector<const StatusCase *> &Possible);
  /// At a return: what the pointer parameters hold, by the result returned.
  void noteReturnCases(const ReturnStmt *RS);
  std::map<unsigned, TVal> outputsAt(const TaintState &St) const;

  void prepareAliases();
  void initialState(TaintState &St);

  Engine &E;
  ASTContext &Ctx;
  const FunctionDecl *FD;
  Summary &S;
  TaintState *Cur = nullptr;
  bool Reporting = false;
  const Expr *HeldArith = nullptr; // checkArith's unsigned operation, while it calls sink()
  std::map<const ValueDecl *, LocKey> PointsTo;                // p = &x, p = buf
  std::map<const ValueDecl *, const FunctionDecl *> FnPointer; // fp = handler
  // The comparisons that decide a loop (for/while/do conditions, and their
  // && / || parts): a wrapped value there is a loop bound.
  std::set<const Expr *> LoopComparisons;
  void prepareLoopComparisons();
  std::set<const Stmt *> LoopsSeen;
  std::set<const Expr *> CalledSubscripts; // handlers[i](): the element is called
};

} // namespace clang::tidy::medsec::taint

#endif
