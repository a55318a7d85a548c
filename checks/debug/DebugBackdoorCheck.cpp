//===- DebugBackdoorCheck.cpp - medsec-debug-backdoor ---------------------===//
#include "DebugBackdoorCheck.h"
#include "DebugMacroCallbacks.h"

#include "../support/AstQueries.h"
#include "../support/taint/TaintConfig.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

#include <functional>

using namespace clang::ast_matchers;

namespace clang::tidy::medsec {
namespace {

std::shared_ptr<LazyRegex> regex(const std::string &Pattern, bool IgnoreCase) {
  return LazyRegex::make(Pattern, IgnoreCase);
}

std::vector<DebugBackdoorCheck::NamedPattern> patterns(const std::vector<rules::DataEntry> &List,
                                                       bool IgnoreCase) {
  std::vector<DebugBackdoorCheck::NamedPattern> Out;
  for (const rules::DataEntry &E : List)
    if (auto Re = regex(E.get("pattern"), IgnoreCase))
      Out.push_back(
          {E.Key, Re, E.get("kind") == "flag" || E.get("kind") == "variable", E.get("reason")});
  return Out;
}

/// The name written for a variable or field an expression designates.
StringRef lvalueName(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *R = dyn_cast<DeclRefExpr>(E))
    return R->getDecl()->getDeclName().isIdentifier() ? R->getDecl()->getName() : StringRef();
  if (const auto *M = dyn_cast<MemberExpr>(E))
    return M->getMemberDecl()->getDeclName().isIdentifier() ? M->getMemberDecl()->getName()
                                                            : StringRef();
  return {};
}

std::string sourceText(SourceRange R, const SourceManager &SM, const LangOptions &LO) {
  const CharSourceRange Range = Lexer::makeFileCharRange(CharSourceRange::getTokenRange(R), SM, LO);
  return Range.isValid() ? Lexer::getSourceText(Range, SM, LO).str() : std::string();
}

/// The identifiers spelled in R, including those of macro arguments.
bool spellsAny(SourceRange R, const std::vector<std::string> &Names, const SourceManager &SM,
               const LangOptions &LO, std::string &Which) {
  const std::string Text = sourceText(R, SM, LO);
  for (const std::string &N : Names) {
    size_t Pos = 0;
    while ((Pos = Text.find(N, Pos)) != std::string::npos) {
      const bool StartOk = Pos == 0 || !isAsciiIdentifierContinue(Text[Pos - 1]);
      const size_t End = Pos + N.size();
      const bool EndOk = End >= Text.size() || !isAsciiIdentifierContinue(Text[End]);
      if (StartOk && EndOk) {
        Which = N;
        return true;
      }
      Pos = End;
    }
  }
  return false;
}

/// Value appears only complemented (`~(A | B)`): it is being cleared.
bool clearsValue(const std::string &Text, const std::string &Value) {
  const size_t Pos = Text.find(Value);
  if (Pos == std::string::npos)
    return false;
  const size_t Tilde = Text.rfind('~', Pos);
  if (Tilde == std::string::npos)
    return false;
  int Depth = 0;
  for (size_t I = Tilde + 1; I < Pos; ++I) {
    if (Text[I] == '(')
      ++Depth;
    else if (Text[I] == ')')
      --Depth;
  }
  // Inside the parentheses opened right after '~', or directly after it.
  const StringRef Between = StringRef(Text).slice(Tilde + 1, Pos).trim();
  return Depth > 0 || Between.empty();
}

} // namespace

DebugBackdoorCheck::DebugBackdoorCheck(StringRef Name, ClangTidyContext *Context)
    : MedSecCheck(Name, Context) {
  if (!entry())
    return;
  Default = entry()->DefaultSeverity;
  auto Sev = [&](const rules::DataEntry &E) {
    return rules::parseSeverity(E.get("severity")).value_or(Default);
  };
  for (const rules::DataEntry &E : entry()->activeData("debug-macros"))
    Macros.push_back({E.Key, regex(E.get("pattern"), false),
                      E.get("reason", "enables a debug feature"), Sev(E)});
  for (const rules::DataEntry &E : entry()->activeData("debug-apis"))
    Apis[E.Key] = {E.get("reason", "is a debug interface"), E.getList("values"), Sev(E)};
  for (const rules::DataEntry &E : entry()->activeData("debug-registers"))
    Registers.push_back({E.Key, E.get("record"), E.get("field"),
                         E.get("reason", "keeps debug access enabled"), E.getList("values"),
                         Sev(E)});
  AsmPatterns = patterns(entry()->activeData("debug-asm"), true);
  Authentication = patterns(entry()->activeData("authentication"), true);
  Privileged = patterns(entry()->activeData("privileged-actions"), true);
  SafetyDisable = patterns(entry()->activeData("safety-disable"), true);
  TrapActions = Privileged;
  for (const NamedPattern &P : patterns(entry()->activeData("peer-responses"), true))
    TrapActions.push_back(P);
  for (const NamedPattern &P : patterns(entry()->activeData("trap-door"), true))
    (P.IsFlag ? TrapVariables : TrapLiterals).push_back(P);

  // Received data comes from the one vocabulary of external inputs the taint
  // checks read (medsec-tainted-array-index `sources`, .medsec.yaml included).
  for (const auto &KV : catalogue() ? taint::taintConfigFor(*catalogue())->Sources
                                    : llvm::StringMap<taint::SourceSpec>()) {
    const taint::SourceSpec &S = KV.getValue();
    if (!taint::isExternalChannel(S.Channel) || S.Channel == "env" || S.Channel == "cli")
      continue;
    FlowSources::Call &C = ReceiveSources.Calls[KV.getKey()];
    C.Returns = S.Returns;
    for (int A : S.OutArgs.Indices)
      C.BufferArgs.push_back(static_cast<unsigned>(A));
  }
  for (const rules::DataEntry &E : entry()->activeData("propagators")) {
    FlowSources::Propagator P;
    P.From = static_cast<unsigned>(E.getInt("from", 0));
    const std::string To = E.get("to", "return");
    P.To = To == "out"   ? FlowSources::Propagator::Out
           : To == "arg" ? FlowSources::Propagator::Arg
                         : FlowSources::Propagator::Return;
    P.ToArg = static_cast<unsigned>(E.getInt("arg", 0));
    ReceiveSources.Propagators[E.Key] = P;
  }
  for (const rules::DataEntry &E : entry()->activeData("handler-names"))
    ReceiveSources.ParamFunctions = regex(E.get("pattern"), false);
  for (const rules::DataEntry &E : entry()->activeData("receive-buffers"))
    ReceiveSources.VariableNames = regex(E.get("pattern"), true);
  ReceiveSources.NamedBuffersOnly = true;
  for (const rules::DataEntry &E : entry()->activeData("driver-handles"))
    ReceiveSources.HandleTypes = regex(E.get("pattern"), false);
  for (const rules::DataEntry &E : entry()->activeData("time-sources")) {
    const std::string Kind = E.get("kind");
    if (Kind == "variable") {
      TimeSources.VariableNames = regex(E.get("pattern"), true);
      continue;
    }
    FlowSources::Call &C = TimeSources.Calls[E.get("name")];
    if (Kind == "return")
      C.Returns = true;
    else
      C.BufferArgs = {static_cast<unsigned>(E.getInt("arg", 0))};
  }
  TimeSources.What = "a time, date or counter value";
  for (const rules::DataEntry &E : entry()->activeData("compare-functions")) {
    std::vector<unsigned> Args;
    for (const std::string &A : E.getList("args"))
      Args.push_back(static_cast<unsigned>(std::atoi(A.c_str())));
    CompareFunctions[E.Key] = Args;
  }
  for (const rules::DataEntry &E : entry()->dataList("thresholds")) {
    if (E.Key == "magic-number-minimum")
      MagicMinimum = E.getInt("value", MagicMinimum);
    else if (E.Key == "logic-bomb-minimum")
      BombMinimum = E.getInt("value", BombMinimum);
  }
}

void DebugBackdoorCheck::onStartOfTranslationUnit() {
  Reported.clear();
  ReceivedFlows.clear();
  TimeFlows.clear();
}

const DebugBackdoorCheck::DebugMacro *DebugBackdoorCheck::debugMacro(StringRef Name) const {
  // Every macro of every header is asked about, and many are asked twice.
  auto [It, New] = MacroNames.try_emplace(Name, -1);
  if (New)
    for (size_t I = 0; I < Macros.size(); ++I)
      if (Macros[I].Re ? Macros[I].Re->match(Name) : Macros[I].Name == Name) {
        It->second = static_cast<int>(I);
        break;
      }
  return It->second < 0 ? nullptr : &Macros[It->second];
}

const DebugBackdoorCheck::DebugApi *DebugBackdoorCheck::debugApi(StringRef Name) const {
  auto It = Apis.find(Name);
  return It == Apis.end() ? nullptr : &It->second;
}

void DebugBackdoorCheck::reportAt(const SourceManager &SM, SourceLocation Loc,
                                  const std::string &Message, rules::Severity Sev, StringRef Key) {
  if (Loc.isValid() && Reported.insert(Loc).second)
    report(SM, Loc, Message, Sev, Key);
}

void DebugBackdoorCheck::registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                                             Preprocessor *) {
  PP->addPPCallbacks(std::make_unique<DebugMacroCallbacks>(*this, SM, *PP));
}

void DebugBackdoorCheck::registerMatchers(MatchFinder *Finder) {
  auto InFunction = forFunction(functionDecl().bind("func"));
  auto User = unless(isExpansionInSystemHeader());
  Finder->addMatcher(castExpr(User, hasCastKind(CK_IntegralToPointer), InFunction).bind("i2p"),
                     this);
  Finder->addMatcher(ifStmt(User, InFunction).bind("if"), this);
  Finder->addMatcher(switchStmt(User, InFunction).bind("switch"), this);
  Finder->addMatcher(asmStmt(User).bind("asm"), this);
  Finder->addMatcher(declRefExpr(User, to(functionDecl().bind("apifn"))).bind("apiref"), this);
  Finder->addMatcher(binaryOperator(User, isAssignmentOperator(),
                                    hasLHS(ignoringParenImpCasts(memberExpr().bind("member"))))
                         .bind("regwrite"),
                     this);
}

const LocalDataFlow &DebugBackdoorCheck::received(const FunctionDecl *Fn) {
  std::unique_ptr<LocalDataFlow> &F = ReceivedFlows[Fn];
  if (!F)
    F = std::make_unique<LocalDataFlow>(*Fn, ReceiveSources);
  return *F;
}

const LocalDataFlow &DebugBackdoorCheck::timed(const FunctionDecl *Fn) {
  std::unique_ptr<LocalDataFlow> &F = TimeFlows[Fn];
  if (!F)
    F = std::make_unique<LocalDataFlow>(*Fn, TimeSources);
  return *F;
}

void DebugBackdoorCheck::check(const MatchFinder::MatchResult &Result) {
  const SourceManager &SM = *Result.SourceManager;
  ASTContext &Ctx = *Result.Context;
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("func");
  if (const auto *Cast = Result.Nodes.getNodeAs<CastExpr>("i2p"))
    return checkPointerFromInteger(Cast, Fn, SM);
  if (const auto *If = Result.Nodes.getNodeAs<IfStmt>("if"))
    return checkCondition(If, If->getCond(), If->getThen(), If->getElse(), Fn, Ctx);
  if (const auto *Switch = Result.Nodes.getNodeAs<SwitchStmt>("switch"))
    return checkSwitch(Switch, Fn, Ctx);
  if (const auto *Asm = Result.Nodes.getNodeAs<GCCAsmStmt>("asm"))
    return checkAsm(Asm, SM);
  if (const auto *Ref = Result.Nodes.getNodeAs<DeclRefExpr>("apiref"))
    return checkApiUse(Ref, Result.Nodes.getNodeAs<FunctionDecl>("apifn"), SM, Ctx);
  if (const auto *Write = Result.Nodes.getNodeAs<BinaryOperator>("regwrite"))
    return checkRegisterWrite(Write, Result.Nodes.getNodeAs<MemberExpr>("member"), SM,
                              Ctx.getLangOpts());
}

void DebugBackdoorCheck::checkPointerFromInteger(const CastExpr *Cast, const FunctionDecl *Fn,
                                                 const SourceManager &SM) {
  if (!Fn || !Fn->hasBody())
    return;
  const Expr *Sub = Cast->getSubExpr();
  if (Sub->isNullPointerConstant(Fn->getASTContext(), Expr::NPC_ValueDependentIsNotNull))
    return;
  const LocalDataFlow &Flow = received(Fn);
  if (!Flow.derived(Sub))
    return;
  const SourceLocation Loc = SM.getFileLoc(Cast->getBeginLoc());
  if (Reported.count(Loc))
    return;
  reportAt(SM, Loc,
           "a pointer is made from " + Flow.sourceName(Sub) +
               ", which comes from received data, so any memory address can be read or written "
               "(peek/poke back door); remove the command from release builds or map a validated "
               "identifier to a fixed table of addresses",
           entry()->DefaultSeverity, "peek-poke");
  for (const auto &Step : Flow.chain(Sub))
    if (Step.second.isValid())
      diag(SM.getFileLoc(Step.second), "%0", DiagnosticIDs::Note) << Step.first;
}

void DebugBackdoorCheck::checkRegisterWrite(const BinaryOperator *Assign, const MemberExpr *Member,
                                            const SourceManager &SM, const LangOptions &LO) {
  const ValueDecl *Field = Member->getMemberDecl();
  if (!Field->getDeclName().isIdentifier())
    return;
  QualType Base = Member->getBase()->getType();
  if (Member->isArrow() && Base->isPointerType())
    Base = Base->getPointeeType();
  std::string Record;
  if (const auto *TT = Base->getAs<TypedefType>())
    Record = TT->getDecl()->getName().str();
  else if (const RecordDecl *RD = Base->getAsRecordDecl())
    Record = RD->getName().str();
  // `CR &= ~BIT` and `CR = CR & ~BIT` clear the bit: the compliant form.
  if (Assign->getOpcode() == BO_AndAssign)
    return;
  for (const DebugRegister &R : Registers) {
    if (R.Field != Field->getName() || (!R.Record.empty() && R.Record != Record))
      continue;
    std::string Which;
    if (!R.Values.empty() &&
        !spellsAny(Assign->getRHS()->getSourceRange(), R.Values, SM, LO, Which))
      continue;
    if (!Which.empty() &&
        clearsValue(sourceText(Assign->getRHS()->getSourceRange(), SM, LO), Which))
      continue;
    const std::string Target = sourceText(Assign->getLHS()->getSourceRange(), SM, LO);
    reportAt(SM, SM.getFileLoc(Assign->getBeginLoc()),
             "the write to '" + (Target.empty() ? Field->getName().str() : Target) + "'" +
                 (Which.empty() ? std::string() : " with " + Which) + " " + R.Reason +
                 "; debug access must be disabled and read-out protection set before release",
             R.Sev, R.Key);
    return;
  }
}

void DebugBackdoorCheck::checkApiUse(const DeclRefExpr *Ref, const FunctionDecl *FD,
                                     const SourceManager &SM, ASTContext &Ctx) {
  if (!FD->getDeclName().isIdentifier())
    return;
  const DebugApi *Api = debugApi(FD->getName());
  if (!Api)
    return;
  std::string Which;
  if (!Api->Values.empty()) {
    const DynTypedNodeList P = Ctx.getParents(*Ref);
    const CallExpr *Call = nullptr;
    if (P.size() == 1)
      if (const auto *Cast = P[0].get<ImplicitCastExpr>()) {
        const DynTypedNodeList PP = Ctx.getParents(*Cast);
        if (PP.size() == 1)
          Call = PP[0].get<CallExpr>();
      }
    if (!Call)
      return;
    bool Found = false;
    for (const Expr *Arg : Call->arguments())
      Found |= spellsAny(Arg->getSourceRange(), Api->Values, SM, Ctx.getLangOpts(), Which);
    if (!Found)
      return;
  }
  const SourceLocation Loc = SM.getFileLoc(Ref->getLocation());
  if (SM.isInSystemHeader(Loc))
    return;
  reportAt(SM, Loc,
           "'" + FD->getName().str() + "'" + (Which.empty() ? "" : " with " + Which) + " " +
               Api->Reason + "; debug features must be removed or locked before release",
           Api->Sev, FD->getName());
}

void DebugBackdoorCheck::checkAsm(const GCCAsmStmt *Asm, const SourceManager &SM) {
  const std::string Text = Asm->getAsmString()->getString().str();
  for (const NamedPattern &P : AsmPatterns)
    if (P.Re->match(Text)) {
      reportAt(SM, SM.getFileLoc(Asm->getAsmLoc()),
               "inline assembly " +
                   (P.Reason.empty() ? std::string("calls the debugger") : P.Reason) +
                   "; debug features must be removed before release",
               Default, P.Key);
      return;
    }
}

bool DebugBackdoorCheck::isAuthenticationCheck(const Expr *Cond) const {
  bool Found = false;
  // Conditions name the same few variables and calls again and again.
  auto Authenticates = [&](StringRef N) {
    if (N.empty())
      return false;
    auto [It, New] = AuthenticationNames.try_emplace(N, false);
    if (New)
      It->second = llvm::any_of(Authentication,
                                [&](const NamedPattern &P) { return P.Re->match(N); });
    return It->second;
  };
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Found)
      return;
    if (const auto *C = dyn_cast<CallExpr>(S)) {
      Found = Authenticates(directCalleeName(C));
    } else if (const auto *E = dyn_cast<Expr>(S)) {
      if (isa<DeclRefExpr, MemberExpr>(E))
        Found = Authenticates(lvalueName(E));
    }
    for (const Stmt *Child : S->children())
      Walk(Child);
  };
  Walk(Cond);
  return Found;
}

const Stmt *DebugBackdoorCheck::findAction(const Stmt *S, const std::vector<NamedPattern> &Actions,
                                           bool FlagOn, std::string &What, ASTContext &Ctx) const {
  if (!S)
    return nullptr;
  // A nested check of credentials makes the branch an authenticated path.
  if (const auto *If = dyn_cast<IfStmt>(S))
    if (isAuthenticationCheck(If->getCond()))
      return findAction(If->getElse(), Actions, FlagOn, What, Ctx);
  if (const auto *C = dyn_cast<CallExpr>(S)) {
    const StringRef N = directCalleeName(C);
    for (const NamedPattern &P : Actions)
      if (!P.IsFlag && !N.empty() && P.Re->match(N)) {
        What = "calls '" + N.str() + "'";
        return C;
      }
  }
  if (const auto *B = dyn_cast<BinaryOperator>(S))
    if (B->getOpcode() == BO_Assign) {
      const StringRef N = lvalueName(B->getLHS());
      Expr::EvalResult R;
      if (!N.empty() && B->getRHS()->EvaluateAsInt(R, Ctx) && (R.Val.getInt() != 0) == FlagOn)
        for (const NamedPattern &P : Actions)
          if (P.IsFlag && P.Re->match(N)) {
            What = "sets '" + N.str() + "' to " + llvm::toString(R.Val.getInt(), 10);
            return B;
          }
    }
  for (const Stmt *Child : S->children())
    if (const Stmt *Found = findAction(Child, Actions, FlagOn, What, Ctx))
      return Found;
  return nullptr;
}

} // namespace clang::tidy::medsec
