//===- WeakCryptographyCheck.cpp - medsec-weak-cryptography ---------------===//
#include "WeakCryptographyCheck.h"
#include "../support/SharedTables.h"
#include "../support/NameSetMatcher.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::medsec {
namespace {

const char *const CredentialsCheck = "medsec-hardcoded-credentials";

std::vector<StringRef> refs(const std::vector<std::string> &V) {
  return std::vector<StringRef>(V.begin(), V.end());
}

class CallFinder : public RecursiveASTVisitor<CallFinder> {
public:
  explicit CallFinder(const llvm::StringSet<> &Names) : Names(Names) {}
  bool VisitCallExpr(CallExpr *C) {
    if (const FunctionDecl *FD = C->getDirectCallee())
      if (FD->getIdentifier() && Names.contains(FD->getName()))
        Found = true;
    return !Found;
  }
  bool Found = false;

private:
  const llvm::StringSet<> &Names;
};

} // namespace

WeakCryptographyCheck::WeakCryptographyCheck(StringRef Name, ClangTidyContext *Context)
    : MedSecCheck(Name, Context) {
  if (!entry())
    return;
  for (const auto &E : entry()->activeData("algorithms"))
    Algorithms[E.Key] = {rules::parseSeverity(E.get("severity")).value_or(entry()->DefaultSeverity),
                         E.get("label", E.Key), E.get("reason", "is weak"), E.get("replacement")};
  for (const auto &E : entry()->activeData("functions"))
    Functions[E.Key] = E.get("algorithm");
  for (const auto &E : entry()->activeData("constants"))
    Constants[E.Key] = E.get("algorithm");
  for (const auto &E : entry()->activeData("key-sizes"))
    KeySizes[E.Key] = {static_cast<unsigned>(E.getInt("arg", 0)), E.getInt("min-bits", 2048),
                       E.get("algorithm", "key")};
  IvArgs = sharedArgumentTable(catalogue(), *entry(), "iv-arguments", "args", "iv");
  NameArgs = sharedArgumentTable(catalogue(), *entry(), "name-arguments", "args", "algorithm name");
  for (const auto &E : entry()->activeData("algorithm-names"))
    AlgorithmNames.emplace_back(std::make_unique<LazyRegex>(E.Key, llvm::Regex::IgnoreCase),
                                E.get("algorithm"));
  for (const auto &E : entry()->activeData("iv-fields"))
    IvFields[E.Key] = E.get("role", "iv");
  for (const auto &E : entry()->activeData("random-functions"))
    RandomFns.insert(E.Key);
  for (const auto &E : entry()->activeData("random-engines"))
    RandomEngines.insert(E.Key);
  for (const auto &E : entry()->activeData("seed-functions"))
    SeedFns.insert(E.Key);
  for (const auto &E : entry()->activeData("clock-functions"))
    ClockFns.insert(E.Key);
  // Name qualifiers (key_len, iv_size, ...) and the key arguments are shared
  // with the credentials check, so one vocabulary and one API table serve both.
  const rules::CheckEntry *Cred = catalogue() ? catalogue()->findCheck(CredentialsCheck) : nullptr;
  if (Cred) {
    KeyArgs = sharedArgumentTable(catalogue(), *Cred, "key-arguments", "args", "key");
    for (const auto &E : Cred->activeData("key-arguments"))
      ApiFunctions.insert(E.Key);
    for (const auto &E : Cred->activeData("test-names"))
      for (const std::string &W : identifierWords(E.Key))
        TestWords.push_back(W);
  }
  for (const auto &E : entry()->activeData("implementation-paths"))
    ImplementationPaths.push_back(std::make_unique<LazyRegex>(E.Key));
  for (const char *List : {"functions", "key-sizes", "iv-arguments", "name-arguments"})
    for (const auto &E : entry()->activeData(List))
      ApiFunctions.insert(E.Key);
  Purposes = sharedSecretNames(catalogue(), *entry(), "random-purposes", Cred);
  for (const auto &E : entry()->activeData("allowed-uses")) {
    Allowed A;
    A.Algorithm = E.get("algorithm");
    if (!E.get("function").empty())
      A.Function = std::make_unique<LazyRegex>(E.get("function"));
    if (!E.get("path").empty())
      A.Path = std::make_unique<LazyRegex>(E.get("path"));
    if (A.Function || A.Path)
      AllowedUses.push_back(std::move(A));
  }
}

void WeakCryptographyCheck::registerMatchers(MatchFinder *Finder) {
  if (!entry())
    return;
  std::vector<std::string> Fns;
  for (const auto &F : Functions)
    Fns.push_back("::" + F.getKey().str());
  if (!Fns.empty())
    Finder->addMatcher(
        declRefExpr(to(functionDecl(hasAnyCatalogueName(refs(Fns))).bind("fn"))).bind("fnref"), this);
  // Places where a constant selects an algorithm: passed, initialised,
  // assigned, returned, put in a table. Comparisons and case labels are not.
  Finder->addMatcher(callExpr().bind("call"), this);
  Finder->addMatcher(varDecl(hasInitializer(expr().bind("value"))), this);
  Finder->addMatcher(binaryOperator(isAssignmentOperator()).bind("assign"), this);
  Finder->addMatcher(returnStmt(hasReturnValue(expr().bind("value"))), this);
  Finder->addMatcher(initListExpr().bind("list"), this);
  Finder->addMatcher(cxxOperatorCallExpr(hasOverloadedOperatorName("()")).bind("engine-call"),
                     this);
}

void WeakCryptographyCheck::onStartOfTranslationUnit() {
  Findings.clear();
  RandomDestinations.clear();
  ClockSeeds.clear();
  Tracer.reset();
}

bool WeakCryptographyCheck::exempt(StringRef Algo, const Stmt &Use, SourceLocation Loc,
                                   ASTContext &Ctx) const {
  const auto *Fn = dyn_cast_or_null<NamedDecl>(enclosingFunction(Use, Ctx));
  const std::string FnName = Fn && Fn->getIdentifier() ? Fn->getName().str() : std::string();
  // Inside the definition of a crypto API the catalogue describes
  // (mbedtls_aes_crypt_cbc built on mbedtls_aes_crypt_ecb) is the library's
  // implementation, not a use; so are self tests. Test files are the
  // driver's to label (the catalogue's test-paths), not the check's to hide.
  if (!FnName.empty()) {
    if (ApiFunctions.contains(FnName))
      return true;
    for (const std::string &W : identifierWords(FnName))
      if (llvm::is_contained(TestWords, W))
        return true;
  }
  const StringRef File = SM->getFilename(SM->getFileLoc(Loc));
  for (const auto &R : ImplementationPaths)
    if (R->match(File))
      return true;
  for (const Allowed &A : AllowedUses) {
    if (A.Algorithm != Algo)
      continue;
    const bool FnOk = !A.Function || (!FnName.empty() && A.Function->match(FnName));
    const bool PathOk = !A.Path || A.Path->match(File);
    if (FnOk && PathOk)
      return true;
  }
  return false;
}

SourceLocation WeakCryptographyCheck::argumentLocation(const Expr *Arg, const Expr *Use) const {
  // An argument spelled with a macro (LEGACY_RSA_BITS) is reported where the
  // call writes it, unless the whole call comes from a macro.
  if (!Use->getBeginLoc().isMacroID())
    return SM->getExpansionLoc(Arg->getBeginLoc());
  return actionableLocation(Arg->getBeginLoc(), *SM);
}

std::string WeakCryptographyCheck::label(StringRef Algo) const {
  auto It = Algorithms.find(Algo.str());
  return It == Algorithms.end() ? Algo.str() : It->second.Label;
}

void WeakCryptographyCheck::addFinding(SourceLocation Loc, StringRef Algo, std::string What,
                                       std::vector<std::pair<SourceLocation, std::string>> Notes) {
  if (Loc.isInvalid() || SM->isInSystemHeader(Loc) || Findings.count(Loc))
    return;
  auto It = Algorithms.find(Algo.str());
  Finding F;
  F.Sev = entry()->DefaultSeverity;
  F.Message = What + " ";
  if (It != Algorithms.end()) {
    F.Sev = It->second.Sev;
    F.Message += It->second.Reason;
    if (!It->second.Replacement.empty())
      F.Message += "; use " + It->second.Replacement;
  } else {
    F.Message += "is weak";
  }
  F.DataKey = Algo.str();
  F.Notes = std::move(Notes);
  Findings.emplace(Loc, std::move(F));
}

void WeakCryptographyCheck::onEndOfTranslationUnit() {
  if (!SM || Findings.empty())
    return;
  const auto Sorted = inSourceOrder(Findings, *SM);
  bool SeedNoted = false;
  for (auto &[Loc, F] : Sorted) {
    report(*SM, Loc, F->Message, F->Sev, F->DataKey);
    for (const auto &N : F->Notes)
      diag(N.first, "%0", DiagnosticIDs::Note) << N.second;
    if (F->DataKey == "weak-random" && !SeedNoted) {
      for (SourceLocation S : ClockSeeds)
        diag(S, "%0", DiagnosticIDs::Note) << "the generator is seeded here from a clock, so "
                                              "its whole sequence can be guessed";
      SeedNoted = true;
    }
  }
  Findings.clear();
}

void WeakCryptographyCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  SM = Result.SourceManager;
  const auto &N = Result.Nodes;
  if (const auto *Ref = N.getNodeAs<DeclRefExpr>("fnref")) {
    checkFunctionRef(Ref, N.getNodeAs<FunctionDecl>("fn"), Ctx);
    return;
  }
  if (const auto *Call = N.getNodeAs<CallExpr>("call")) {
    checkCall(Call, Ctx);
    return;
  }
  if (const auto *Op = N.getNodeAs<CXXOperatorCallExpr>("engine-call")) {
    if (isRandomEngineCall(Op))
      checkRandom(Op, "the C++ <random> engine", Ctx);
    return;
  }
  if (const auto *A = N.getNodeAs<BinaryOperator>("assign")) {
    checkSelectedConstant(A->getRHS(), Ctx);
    if (const auto *M = dyn_cast<MemberExpr>(A->getLHS()->IgnoreParenImpCasts()))
      if (const auto *F = dyn_cast<FieldDecl>(M->getMemberDecl()))
        checkIvField(F, A->getRHS(), Ctx);
    return;
  }
  if (const auto *IL = N.getNodeAs<InitListExpr>("list")) {
    if (IL->isSyntacticForm() && IL->getSemanticForm())
      IL = IL->getSemanticForm();
    for (const Expr *Init : IL->inits())
      if (Init && !isa<InitListExpr>(Init->IgnoreParenImpCasts()))
        checkSelectedConstant(Init, Ctx);
    if (const RecordDecl *RD = IL->getType()->getAsRecordDecl()) {
      unsigned I = 0;
      for (const FieldDecl *F : RD->fields())
        if (I < IL->getNumInits())
          checkIvField(F, IL->getInit(I++), Ctx);
    }
    return;
  }
  if (const auto *V = N.getNodeAs<Expr>("value"))
    checkSelectedConstant(V, Ctx);
}

void WeakCryptographyCheck::checkFunctionRef(const DeclRefExpr *Ref, const FunctionDecl *FD,
                                             ASTContext &Ctx) {
  if (!isLibraryFunction(FD))
    return;
  auto It = Functions.find(FD->getName());
  if (It == Functions.end())
    return;
  SourceLocation MacroDef;
  const SourceLocation Loc = callSiteLocation(Ref->getLocation(), *SM, MacroDef);
  if (exempt(It->second, *Ref, Loc, Ctx))
    return;
  std::vector<std::pair<SourceLocation, std::string>> Notes;
  if (MacroDef.isValid())
    Notes.emplace_back(
        MacroDef,
        "'" + FD->getName().str() + "' is written in the macro '" +
            Lexer::getImmediateMacroName(Ref->getLocation(), *SM, Ctx.getLangOpts()).str() +
            "' defined here");
  addFinding(Loc, It->second, "'" + FD->getName().str() + "' uses " + label(It->second) + ", which",
             std::move(Notes));
}

void WeakCryptographyCheck::checkSelectedConstant(const Expr *E, ASTContext &Ctx) {
  if (!E || Constants.empty())
    return;
  const Expr *Bare = E->IgnoreParenImpCasts();
  if (!Bare->getBeginLoc().isMacroID() && !isa<DeclRefExpr>(Bare))
    return;
  for (const std::string &Name : constantNames(Bare, *SM, Ctx.getLangOpts())) {
    auto It = Constants.find(Name);
    if (It == Constants.end())
      continue;
    const SourceLocation Loc = constantNameLocation(Bare, Name, *SM, Ctx.getLangOpts());
    if (!exempt(It->second, *E, Loc, Ctx))
      addFinding(Loc, It->second, "'" + Name + "' selects " + label(It->second) + ", which");
    return;
  }
}

void WeakCryptographyCheck::checkCall(const CallExpr *Call, ASTContext &Ctx) {
  for (const Expr *Arg : Call->arguments())
    checkSelectedConstant(Arg, Ctx);
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || !FD->getIdentifier() || !isLibraryFunction(FD))
    return;
  const StringRef Name = FD->getName();
  const std::string Quoted = "'" + Name.str() + "'";
  if (auto It = KeySizes.find(Name); It != KeySizes.end() && It->second.Arg < Call->getNumArgs()) {
    const Expr *Arg = Call->getArg(It->second.Arg);
    std::optional<int64_t> Bits = integerValue(Arg, Ctx, Tracer);
    const SourceLocation Loc = argumentLocation(Arg, Call);
    if (Bits && *Bits > 0 && *Bits < It->second.MinBits && !exempt("short-key", *Call, Loc, Ctx))
      addFinding(Loc, "short-key",
                 Quoted + " is given a " + std::to_string(*Bits) + "-bit " + It->second.Kind +
                     " key size, which");
  }
  for (const auto &Slot : NameArgs->lookup(FD))
    if (Slot.Arg < Call->getNumArgs())
      checkAlgorithmName(Call->getArg(Slot.Arg), Call, Ctx);
  for (const auto &Slot : IvArgs->lookup(FD))
    if (Slot.Arg < Call->getNumArgs())
      checkConstantIv(Call->getArg(Slot.Arg), Call, Slot.Role, Quoted, Ctx);
  if (RandomFns.contains(Name))
    checkRandom(Call, Quoted, Ctx);
  if (SeedFns.contains(Name) && Call->getNumArgs() >= 1) {
    CallFinder Clock(ClockFns);
    Clock.TraverseStmt(const_cast<Expr *>(Call->getArg(0)));
    if (Clock.Found)
      ClockSeeds.push_back(actionableLocation(Call->getBeginLoc(), *SM));
  }
}

void WeakCryptographyCheck::checkAlgorithmName(const Expr *Arg, const CallExpr *Call,
                                               ASTContext &Ctx) {
  std::optional<ConstantValue> V = Tracer.trace(Arg, Ctx, Call);
  if (!V || V->K != ConstantValue::Kind::String)
    return;
  std::string Text;
  for (uint64_t C : V->Values) {
    if (C == 0)
      break;
    Text.push_back(C < 128 ? static_cast<char>(C) : '?');
  }
  for (const auto &[Pattern, Algo] : AlgorithmNames) {
    if (!Pattern->match(Text))
      continue;
    const SourceLocation Loc = argumentLocation(Arg, Call);
    if (!exempt(Algo, *Call, Loc, Ctx))
      addFinding(Loc, Algo,
                 "the algorithm name \"" + Text + "\" passed to '" +
                     Call->getDirectCallee()->getName().str() + "' selects " + label(Algo) +
                     ", which");
    return;
  }
}

void WeakCryptographyCheck::checkConstantIv(const Expr *Arg, const Expr *Use, StringRef Role,
                                            StringRef Where, ASTContext &Ctx) {
  std::optional<ConstantValue> V = Tracer.trace(Arg, Ctx, Use);
  if (!V || V->K == ConstantValue::Kind::Integer)
    return; // NULL or a run-time buffer
  const SourceLocation Loc = argumentLocation(Arg, Use);
  if (exempt("constant-iv", *Use, Loc, Ctx))
    return;
  std::vector<std::pair<SourceLocation, std::string>> Notes;
  const SourceLocation Def = definitionLocation(*V, *SM);
  if (Def.isValid() && SM->getExpansionLoc(Def) != SM->getExpansionLoc(Loc))
    Notes.emplace_back(Def, "the " + Role.str() + " is defined here");
  addFinding(Loc, "constant-iv",
             std::string("the ") + Role.str() + " passed to " + Where.str() +
                 (V->allZero() ? " is all zero: it" : " is a constant: it"),
             std::move(Notes));
}

void WeakCryptographyCheck::checkIvField(const FieldDecl *Field, const Expr *Value,
                                         ASTContext &Ctx) {
  if (IvFields.empty() || !Value)
    return;
  const RecordDecl *RD = Field->getParent();
  std::string Record = RD->getName().str();
  if (Record.empty())
    if (const TypedefNameDecl *TD = RD->getTypedefNameForAnonDecl())
      Record = TD->getName().str();
  auto It = IvFields.find(Record + "." + Field->getName().str());
  if (It != IvFields.end())
    checkConstantIv(Value, Value, It->second, "'" + It->getKey().str() + "'", Ctx);
}

bool WeakCryptographyCheck::isRandomEngineCall(const CXXOperatorCallExpr *Op) const {
  for (const Expr *Arg : Op->arguments()) {
    const CXXRecordDecl *RD = Arg->getType().getNonReferenceType()->getAsCXXRecordDecl();
    if (!RD)
      continue;
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      RD = Spec->getSpecializedTemplate()->getTemplatedDecl();
    if (RandomEngines.contains(RD->getQualifiedNameAsString()))
      return true;
  }
  return false;
}

void WeakCryptographyCheck::checkRandom(const Expr *Source, StringRef What, ASTContext &Ctx) {
  // Follow the value up through arithmetic and casts to where it lands.
  const Stmt *Cur = Source;
  for (unsigned Step = 0; Step < 12; ++Step) {
    const DynTypedNodeList Parents = Ctx.getParents(*Cur);
    if (Parents.size() != 1)
      return;
    const DynTypedNode &P = Parents[0];
    std::string Dest, DestWhat;
    bool Returned = false;
    const void *DestKey = nullptr;
    if (const auto *V = P.get<VarDecl>()) {
      Dest = V->getName().str();
      DestKey = V;
    } else if (const auto *R = P.get<ReturnStmt>()) {
      const auto *Fn = dyn_cast_or_null<NamedDecl>(enclosingFunction(*R, Ctx));
      if (!Fn || !Fn->getIdentifier())
        return;
      Dest = Fn->getName().str();
      Returned = true;
      DestKey = R;
    } else if (const auto *B = P.get<BinaryOperator>()) {
      if (B->isAssignmentOp()) {
        if (B->getLHS() == Cur)
          return;
        const NamedDecl *D = rootDecl(B->getLHS(), /*ThroughAddressOf=*/false);
        if (!D || !D->getIdentifier())
          return;
        Dest = D->getName().str();
        DestKey = B;
      } else if (B->isComparisonOp() || B->isLogicalOp()) {
        return;
      } else {
        Cur = B;
        continue;
      }
    } else if (const auto *Call = P.get<CallExpr>()) {
      const FunctionDecl *FD = Call->getDirectCallee();
      if (!FD || Call->getCallee() == Cur)
        return;
      for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
        if (Call->getArg(I) != Cur)
          continue;
        for (const auto &Slot : IvArgs->lookup(FD))
          if (Slot.Arg == I)
            DestWhat = "the " + Slot.Role + " of '" + FD->getName().str() + "'";
        for (const auto &Slot : KeyArgs->lookup(FD))
          if (Slot.Arg == I)
            DestWhat = "the " + Slot.Role + " of '" + FD->getName().str() + "'";
        if (DestWhat.empty() && I < FD->getNumParams() && FD->getParamDecl(I)->getIdentifier())
          Dest = FD->getParamDecl(I)->getName().str();
      }
      DestKey = Call;
      if (DestWhat.empty() && Dest.empty())
        return;
    } else if (const auto *E = P.get<Expr>()) {
      if (isa<ArraySubscriptExpr>(E) || isa<CallExpr>(E))
        return; // an index, or an argument of something that is not a sink
      if (const auto *U = dyn_cast<UnaryOperator>(E);
          U && (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Deref))
        return;
      Cur = E;
      continue;
    } else {
      return;
    }
    if (DestWhat.empty()) {
      const SecretNameMatcher::Term *T = Purposes->match(Dest);
      if (!T)
        return;
      DestWhat = "a " + T->Kind + " (" +
                 (Returned ? "the value returned by '" + Dest + "'" : "'" + Dest + "'") + ")";
    }
    if (!RandomDestinations.insert(DestKey).second)
      return;
    const SourceLocation Loc = actionableLocation(Source->getBeginLoc(), *SM);
    if (exempt("weak-random", *Source, Loc, Ctx))
      return;
    addFinding(Loc, "weak-random", What.str() + " makes " + DestWhat + " but");
    return;
  }
}

} // namespace clang::tidy::medsec
