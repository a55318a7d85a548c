//===- UncheckedReturnValueCheck.cpp - medsec-unchecked-return-value ------===//
#include "UncheckedReturnValueCheck.h"
#include "../support/AstQueries.h"
#include "../support/CrossTuFacts.h"
#include "ErrorPath.h"
#include "TruncationLength.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"

#include <functional>

using namespace clang::ast_matchers;

namespace clang::tidy::medsec {
namespace {

using Rule = UncheckedReturnValueCheck::Rule;
using Use = UncheckedReturnValueCheck::Use;

const ResultTest TruthTest; // the test a conversion to bool makes
Rule readRule(const rules::DataEntry &E, rules::Severity Default, Convention Conv) {
  Rule R;
  R.Key = E.Key;
  R.Conv = parseConvention(E.get("convention")).value_or(Conv);
  R.VoidCastAllowed = E.get("void-cast", "justified") != "never";
  R.Sev = rules::parseSeverity(E.get("severity")).value_or(Default);
  R.Success = E.getList("success");
  R.ExemptArgs = E.getList("exempt-args");
  R.ExemptWrittenAs = E.getList("exempt-written-as");
  R.ReadOnlyExempt = E.getBool("read-only-exempt", false);
  R.StreamArg = static_cast<int>(E.getInt("stream-arg", UncheckedReturnValueCheck::NoStream));
  R.RequestedArg = static_cast<int>(E.getInt("requested-arg", -1));
  R.TruncationLength = E.getBool("truncation-length", false);
  R.TimeoutArg = static_cast<int>(E.getInt("timeout-arg", -1));
  R.ForeverIf = E.get("forever-if");
  return R;
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

void UncheckedReturnValueCheck::registerPPCallbacks(const SourceManager &, Preprocessor *P,
                                                    Preprocessor *) {
  PP = P;
}

bool UncheckedReturnValueCheck::waitsForever(const Rule &R, const CallExpr *Call,
                                             ASTContext &Ctx) const {
  if (R.TimeoutArg < 0 || R.ForeverIf.empty() || !PP ||
      static_cast<unsigned>(R.TimeoutArg) >= Call->getNumArgs())
    return false;
  // The argument as the parameter receives it: portMAX_DELAY is the largest
  // TickType_t, whatever its width.
  const Expr *Arg = Call->getArg(R.TimeoutArg);
  Expr::EvalResult K;
  if (Arg->isValueDependent() || !Arg->getType()->isUnsignedIntegerType() ||
      !Arg->EvaluateAsInt(K, Ctx) || !K.Val.getInt().isMaxValue())
    return false;
  const MacroInfo *MI = PP->getMacroInfo(PP->getIdentifierInfo(R.ForeverIf));
  if (!MI)
    return false;
  // `1`, `( 1 )`, `1U`: anything else (0, an expression) is not judged.
  unsigned long long N = 0;
  return !StringRef(macroBodyText(*MI, *PP)).rtrim("uUlL").getAsInteger(0, N) && N == 1;
}

void UncheckedReturnValueCheck::countCallSite(const CallExpr *Call, const FunctionDecl *FD,
                                              const FunctionDecl *Fn, const SourceManager &SM,
                                              ASTContext &Ctx) {
  if (!MustCheckInference::eligible(FD, SM))
    return;
  const SourceLocation Loc = calleeNameLocation(Call, SM);
  if (Loc.isInvalid() || SM.isInSystemHeader(Loc))
    return;
  UnitSM = &SM;
  using Site = MustCheckInference::Site;
  const Use U = classifyResultUse(Call, Ctx);
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
    if (Body && DeadStores.isDead(Fn, U, Ctx)) {
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

} // namespace

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
  const Use U = classifyResultUse(Call, Ctx);
  if (U.K == Use::Opaque && !U.ToBool && !R->TruncationLength)
    return;

  const SourceLocation Loc = calleeNameLocation(Call, SM);
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
  // xSemaphoreTake(m, portMAX_DELAY) with INCLUDE_vTaskSuspend 1 returns only
  // once it has the semaphore: there is no failure to handle.
  if ((U.K == Use::Discarded || U.K == Use::VoidCast || U.K == Use::Stored) &&
      waitsForever(*R, Call, Ctx))
    return;
  if ((U.K == Use::Discarded || U.K == Use::VoidCast) &&
      llvm::is_contained(R->ExemptWrittenAs, Written))
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
  if (Fn && Fn->hasBody() && DeadStores.isDead(Fn, U, Ctx)) {
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
  statementInBlock(U.Store, Ctx, StoreBlock);
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
          statementInBlock(B, Ctx, Here);
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
    const Use V = classifyResultUse(Ref, Ctx);
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
