//===- HardcodedCredentialsCheck.cpp - medsec-hardcoded-credentials -------===//
#include "HardcodedCredentialsCheck.h"
#include "../support/SharedTables.h"
#include "../support/NameSetMatcher.h"

#include "../support/PortablePPCallbacks.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"

#include <cctype>
#include <set>

using namespace clang::ast_matchers;

namespace clang::tidy::medsec {
namespace {

class MacroWatcher : public PortablePPCallbacks {
public:
  explicit MacroWatcher(HardcodedCredentialsCheck &Check) : Check(Check) {}
  void MacroDefined(const Token &NameTok, const MacroDirective *MD) override {
    if (const MacroInfo *MI = MD->getMacroInfo())
      Check.macroDefined(NameTok, *MI);
  }

private:
  HardcodedCredentialsCheck &Check;
};

std::vector<std::unique_ptr<LazyRegex>> regexes(const std::vector<rules::DataEntry> &Entries,
                                                  const char *Field) {
  std::vector<std::unique_ptr<LazyRegex>> Out;
  for (const auto &E : Entries) {
    auto R = std::make_unique<LazyRegex>(E.get(Field, E.Key), llvm::Regex::IgnoreCase);
    Out.push_back(std::move(R));
  }
  return Out;
}

std::string remedy(StringRef Kind) {
  if (Kind == "password" || Kind == "PIN" || Kind == "credential" || Kind == "token" ||
      Kind == "password in a URL")
    return "set credentials per device at provisioning or first use and store only a salted "
           "hash, never a value built into the firmware";
  return "provision keys per device into protected storage (secure element, key store, "
         "OTP) instead of building them into the firmware";
}

bool looksRandomText(StringRef S) {
  bool Digit = false, Alpha = false;
  for (char C : S) {
    if (std::isspace(static_cast<unsigned char>(C)))
      return false;
    Digit |= std::isdigit(static_cast<unsigned char>(C)) != 0;
    Alpha |= std::isalpha(static_cast<unsigned char>(C)) != 0;
  }
  return Digit && Alpha;
}

std::string unquote(StringRef Spelling) {
  size_t Open = Spelling.find('"');
  size_t Close = Spelling.rfind('"');
  if (Open == StringRef::npos || Close <= Open)
    return std::string();
  return Spelling.substr(Open + 1, Close - Open - 1).str();
}

/// The variable a literal initialises, looking up through casts and braces.
const VarDecl *initialisedVariable(const Expr *E, ASTContext &Ctx) {
  const Stmt *Cur = E;
  for (unsigned Step = 0; Step < 5; ++Step) {
    const DynTypedNodeList Parents = Ctx.getParents(*Cur);
    if (Parents.size() != 1)
      return nullptr;
    if (const auto *V = Parents[0].get<VarDecl>())
      return V;
    const Expr *P = Parents[0].get<Expr>();
    // Through the braces of an array, not of a structure (a field's value).
    const bool ArrayBraces = isa_and_nonnull<InitListExpr>(P) && P->getType()->isArrayType();
    if (!P || !(isa<ImplicitCastExpr, ExplicitCastExpr, ParenExpr>(P) || ArrayBraces))
      return nullptr;
    Cur = P;
  }
  return nullptr;
}

} // namespace

HardcodedCredentialsCheck::HardcodedCredentialsCheck(StringRef Name, ClangTidyContext *Context)
    : MedSecCheck(Name, Context) {
  if (!entry())
    return;
  Names = sharedSecretNames(catalogue(), *entry(), "secret-names", entry());
  for (const auto &E : entry()->activeData("test-names"))
    for (const std::string &W : identifierWords(E.Key))
      TestWords.push_back(W);
  NonSecretValues = regexes(entry()->activeData("non-secret-values"), "pattern");
  for (const auto &E : entry()->activeData("secret-patterns")) {
    auto R = std::make_unique<LazyRegex>(E.get("pattern"));
    ContentPatterns.emplace_back(E.get("kind", E.Key), std::move(R));
  }
  KeyArgs = sharedArgumentTable(catalogue(), *entry(), "key-arguments", "args", "key");
  CompareFns = sharedArgumentTable(catalogue(), *entry(), "compare-functions", "args", "compared");
  for (const auto &E : entry()->activeData("key-fields"))
    KeyFields[E.Key] = E.get("role", "key");
  for (const auto &E : entry()->activeData("copy-functions"))
    CopyFns[E.Key] = {static_cast<int>(E.getInt("dest-arg", 0)),
                      static_cast<unsigned>(E.getInt("source-arg", 1))};
  for (const auto &E : entry()->activeData("magic-values")) {
    MagicNames.insert(E.Key);
    unsigned long long V = 0;
    if (!StringRef(E.get("value")).getAsInteger(0, V))
      MagicValues.insert(V);
  }
}

void HardcodedCredentialsCheck::registerMatchers(MatchFinder *Finder) {
  if (!entry())
    return;
  Finder->addMatcher(varDecl(hasInitializer(expr().bind("init"))).bind("var"), this);
  Finder->addMatcher(fieldDecl(hasInClassInitializer(expr().bind("init"))).bind("field"), this);
  Finder->addMatcher(binaryOperator(isAssignmentOperator()).bind("assign"), this);
  Finder->addMatcher(initListExpr(hasType(recordDecl())).bind("record-init"), this);
  Finder->addMatcher(stringLiteral().bind("literal"), this);
  Finder->addMatcher(binaryOperator(hasAnyOperatorName("==", "!=")).bind("equals"), this);
  Finder->addMatcher(
      cxxOperatorCallExpr(hasAnyOverloadedOperatorName("==", "!=")).bind("equals-op"), this);
  std::vector<std::string> Fns = KeyArgs->qualifiedNames();
  for (const std::string &N : CompareFns->qualifiedNames())
    Fns.push_back(N);
  for (const auto &C : CopyFns)
    Fns.push_back("::" + C.getKey().str());
  std::vector<StringRef> Refs(Fns.begin(), Fns.end());
  Finder->addMatcher(callExpr(callee(functionDecl(hasAnyCatalogueName(Refs)).bind("fn"))).bind("call"),
                     this);
}

void HardcodedCredentialsCheck::registerPPCallbacks(const SourceManager &SourceMgr,
                                                    Preprocessor *PP, Preprocessor *) {
  SM = &SourceMgr;
  LangOpts = PP->getLangOpts();
  PP->addPPCallbacks(std::make_unique<MacroWatcher>(*this));
}

void HardcodedCredentialsCheck::onStartOfTranslationUnit() {
  // Findings are not cleared here: the macro definitions seen while parsing
  // are already in; onEndOfTranslationUnit empties the list.
  Tracer.reset();
}

void HardcodedCredentialsCheck::addFinding(SourceLocation Loc, std::string Message, int Strength,
                                           std::optional<Note> N) {
  if (Loc.isInvalid() || !SM || SM->isInSystemHeader(Loc))
    return;
  Finding &F = Findings[Loc];
  if (F.Message.empty() || Strength > F.Strength) {
    F.Message = std::move(Message);
    F.Strength = Strength;
  }
  if (N && N->Loc.isValid() && N->Loc != Loc) {
    for (const Note &Old : F.Notes)
      if (Old.Loc == N->Loc)
        return;
    F.Notes.push_back(std::move(*N));
  }
}

void HardcodedCredentialsCheck::onEndOfTranslationUnit() {
  if (!SM)
    return;
  const auto Sorted = inSourceOrder(Findings, *SM);
  for (auto &[Loc, F] : Sorted) {
    report(*SM, Loc, F->Message, entry()->DefaultSeverity);
    for (const Note &N : F->Notes)
      diag(N.Loc, "%0", DiagnosticIDs::Note) << N.Text;
  }
  Findings.clear();
}

std::optional<HardcodedCredentialsCheck::Note>
HardcodedCredentialsCheck::useNote(const ConstantValue &V, const Expr *Use,
                                   std::string Text) const {
  // A literal written in the call itself is its own definition: no note.
  if (!V.Holder && V.Literal && !V.Literal->getBeginLoc().isMacroID())
    return std::nullopt;
  return Note{SM->getExpansionLoc(Use->getBeginLoc()), std::move(Text)};
}

bool HardcodedCredentialsCheck::isTestName(StringRef Name) const {
  for (const std::string &W : identifierWords(Name))
    for (const std::string &T : TestWords)
      if (W == T)
        return true;
  return false;
}

std::optional<std::string> HardcodedCredentialsCheck::contentKind(StringRef Text) const {
  if (Text.size() < 16)
    return std::nullopt;
  for (const auto &P : ContentPatterns)
    if (P.second->match(Text))
      return P.first;
  return std::nullopt;
}

std::string HardcodedCredentialsCheck::valueName(const ConstantValue &V,
                                                 const SourceManager &SrcMgr,
                                                 const LangOptions &LO) const {
  if (V.Literal && V.Literal->getBeginLoc().isMacroID()) {
    StringRef N = Lexer::getImmediateMacroName(V.Literal->getBeginLoc(), SrcMgr, LO);
    if (!N.empty())
      return N.str();
  }
  return V.Holder ? V.Holder->getNameAsString() : std::string();
}

bool HardcodedCredentialsCheck::plausibleSecret(const ConstantValue &V,
                                                const SecretNameMatcher::Term *Term,
                                                const SourceManager &SrcMgr,
                                                const LangOptions &LO) const {
  if (V.K == ConstantValue::Kind::Integer || V.Values.empty())
    return false;
  std::set<uint64_t> Distinct(V.Values.begin(), V.Values.end());
  if (Distinct.size() < 2)
    return false; // "", "xxxx", {0}: placeholders and storage, not secrets
  const std::string Name = valueName(V, SrcMgr, LO);
  if (!Name.empty() && (isTestName(Name) || MagicNames.contains(Name)))
    return false;
  if (V.K == ConstantValue::Kind::Array &&
      llvm::all_of(V.Values, [&](uint64_t X) { return MagicValues.count(X) != 0; }))
    return false;
  if (V.Literal)
    for (const std::string &N : constantNames(V.Literal, SrcMgr, LO))
      if (MagicNames.contains(N))
        return false;
  const std::string Text = V.text();
  // A literal that is a secret by its content is never a mere message.
  if (V.K == ConstantValue::Kind::String && !contentKind(Text))
    for (const auto &R : NonSecretValues)
      if (R->match(Text))
        return false;
  if (Term && Term->NeedsEntropy) {
    if (V.Values.size() < Term->MinLength || shannonEntropy(V.Values) < Term->MinEntropy)
      return false;
    if (V.K == ConstantValue::Kind::String && !looksRandomText(Text))
      return false;
  }
  return true;
}

void HardcodedCredentialsCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  SM = Result.SourceManager;
  const auto &N = Result.Nodes;
  if (const auto *V = N.getNodeAs<VarDecl>("var")) {
    if (!isa<ParmVarDecl>(V))
      checkNamedValue(V->getName(), N.getNodeAs<Expr>("init"), Ctx, nullptr);
    return;
  }
  if (const auto *F = N.getNodeAs<FieldDecl>("field")) {
    checkNamedValue(F->getName(), N.getNodeAs<Expr>("init"), Ctx, nullptr, F->getLocation());
    return;
  }
  if (const auto *A = N.getNodeAs<BinaryOperator>("assign")) {
    if (const NamedDecl *D = rootDecl(A->getLHS(), /*ThroughAddressOf=*/true)) {
      if (const auto *FD = dyn_cast<FieldDecl>(D))
        checkKeyField(FD, A->getRHS(), Ctx);
      checkNamedValue(D->getName(), A->getRHS(), Ctx, nullptr);
    }
    return;
  }
  if (const auto *IL = N.getNodeAs<InitListExpr>("record-init")) {
    checkRecordInit(IL, Ctx);
    return;
  }
  if (const auto *SL = N.getNodeAs<StringLiteral>("literal")) {
    checkContent(SL, Ctx);
    return;
  }
  if (const auto *B = N.getNodeAs<BinaryOperator>("equals")) {
    checkComparison(B, B->getLHS(), B->getRHS(), "compared", Ctx);
    return;
  }
  if (const auto *Op = N.getNodeAs<CXXOperatorCallExpr>("equals-op")) {
    if (Op->getNumArgs() == 2)
      checkComparison(Op, Op->getArg(0), Op->getArg(1), "compared", Ctx);
    return;
  }
  const auto *Call = N.getNodeAs<CallExpr>("call");
  const auto *FD = N.getNodeAs<FunctionDecl>("fn");
  if (!Call || !FD || !isLibraryFunction(FD))
    return;
  checkApiCall(Call, FD, Ctx);
  for (const auto &Slot : CompareFns->lookup(FD))
    if (Slot.Arg == 0 && Call->getNumArgs() >= 2)
      checkComparison(Call, Call->getArg(0), Call->getArg(1), FD->getName(), Ctx);
  checkCopy(Call, FD, Ctx);
}

void HardcodedCredentialsCheck::checkNamedValue(StringRef Name, const Expr *Value, ASTContext &Ctx,
                                                const Expr *ExceptUse, SourceLocation DeclLoc) {
  if (!Value || Name.empty())
    return;
  Value = copiedValue(Value);
  const SecretNameMatcher::Term *Term = Names->match(Name);
  if (!Term || isTestName(Name))
    return;
  std::optional<ConstantValue> V = Tracer.trace(Value, Ctx, ExceptUse);
  const LangOptions &LO = Ctx.getLangOpts();
  if (!V || !plausibleSecret(*V, Term, *SM, LO))
    return;
  // The name's own location when the literal is written right there,
  // else the definition of the value with a note where the name takes it.
  const bool Inline = !V->Holder && !V->Literal->getBeginLoc().isMacroID();
  const SourceLocation NameLoc = SM->getExpansionLoc(Value->getBeginLoc());
  SourceLocation Loc = definitionLocation(*V, *SM);
  std::string Holder = valueName(*V, *SM, LO);
  if (Inline) {
    if (const auto *VD = initialisedVariable(Value, Ctx))
      Loc = actionableLocation(VD->getLocation(), *SM);
    else if (DeclLoc.isValid())
      Loc = actionableLocation(DeclLoc, *SM);
    Holder = Name.str();
  }
  std::string Message = "'" + Holder + "' holds a hard-coded " + Term->Kind;
  if (Holder.empty())
    Message = "hard-coded " + Term->Kind + " assigned to '" + Name.str() + "'";
  Message += "; " + remedy(Term->Kind);
  std::optional<Note> Use;
  if (!Inline)
    Use = Note{NameLoc, "the value is used as '" + Name.str() + "' here"};
  addFinding(Loc, Message, 2, Use);
}

void HardcodedCredentialsCheck::checkApiCall(const CallExpr *Call, const FunctionDecl *FD,
                                             ASTContext &Ctx) {
  const Decl *Fn = enclosingFunction(*Call, Ctx);
  if (const auto *Named = dyn_cast_or_null<NamedDecl>(Fn); Named && isTestName(Named->getName()))
    return;
  for (const auto &Slot : KeyArgs->lookup(FD)) {
    if (Slot.Arg >= Call->getNumArgs() || !selectorApplies(Slot.Entry, Call))
      continue;
    const Expr *Arg = Call->getArg(Slot.Arg);
    std::optional<ConstantValue> V = Tracer.trace(Arg, Ctx, Call);
    if (!V || !plausibleSecret(*V, nullptr, *SM, Ctx.getLangOpts()))
      continue;
    const std::string Holder = valueName(*V, *SM, Ctx.getLangOpts());
    const std::string Fn = "'" + FD->getName().str() + "'";
    std::string Message = Holder.empty() ? "hard-coded " + Slot.Role + " passed to " + Fn
                                         : "'" + Holder + "' holds a hard-coded " + Slot.Role;
    Message += "; " + remedy(Slot.Role);
    addFinding(definitionLocation(*V, *SM), Message, 1,
               useNote(*V, Arg, "used as the " + Slot.Role + " of " + Fn + " here"));
  }
}

void HardcodedCredentialsCheck::checkKeyField(const FieldDecl *Field, const Expr *Value,
                                              ASTContext &Ctx) {
  const RecordDecl *RD = Field->getParent();
  std::string Key = RD->getName().str();
  if (Key.empty())
    if (const TypedefNameDecl *TD = RD->getTypedefNameForAnonDecl())
      Key = TD->getName().str();
  auto It = KeyFields.find(Key + "." + Field->getName().str());
  if (It == KeyFields.end())
    return;
  Value = copiedValue(Value);
  std::optional<ConstantValue> V = Tracer.trace(Value, Ctx);
  if (!V || !plausibleSecret(*V, nullptr, *SM, Ctx.getLangOpts()))
    return;
  const std::string Holder = valueName(*V, *SM, Ctx.getLangOpts());
  const std::string Role = It->second;
  std::string Message = Holder.empty()
                            ? "hard-coded " + Role + " stored in '" + Field->getName().str() + "'"
                            : "'" + Holder + "' holds a hard-coded " + Role;
  addFinding(
      definitionLocation(*V, *SM), Message + "; " + remedy(Role), 1,
      useNote(*V, Value,
              "used as the " + Role + " of '" + Key + "." + Field->getName().str() + "' here"));
}

void HardcodedCredentialsCheck::checkRecordInit(const InitListExpr *IL, ASTContext &Ctx) {
  if (IL->isSyntacticForm() && IL->getSemanticForm())
    IL = IL->getSemanticForm();
  const RecordDecl *RD = IL->getType()->getAsRecordDecl();
  if (!RD || RD->isUnion())
    return;
  unsigned I = 0;
  for (const FieldDecl *F : RD->fields()) {
    if (I >= IL->getNumInits())
      break;
    const Expr *Init = IL->getInit(I++);
    if (!Init || isa<ImplicitValueInitExpr>(Init))
      continue;
    checkKeyField(F, Init, Ctx);
    checkNamedValue(F->getName(), Init, Ctx, nullptr);
  }
}

void HardcodedCredentialsCheck::checkCopy(const CallExpr *Call, const FunctionDecl *FD,
                                          ASTContext &Ctx) {
  auto It = CopyFns.find(FD->getName());
  if (It == CopyFns.end())
    return;
  const auto [Dest, Source] = It->second;
  if (Dest < 0 || static_cast<unsigned>(Dest) >= Call->getNumArgs() || Source >= Call->getNumArgs())
    return;
  if (const NamedDecl *D = rootDecl(Call->getArg(Dest), /*ThroughAddressOf=*/true))
    checkNamedValue(D->getName(), Call->getArg(Source), Ctx, Call);
}

const Expr *HardcodedCredentialsCheck::copiedValue(const Expr *E) const {
  const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
  const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  if (!FD || !FD->getIdentifier() || !isLibraryFunction(FD))
    return E;
  auto It = CopyFns.find(FD->getName());
  if (It == CopyFns.end() || It->second.first >= 0 || It->second.second >= Call->getNumArgs())
    return E;
  return Call->getArg(It->second.second);
}

bool HardcodedCredentialsCheck::selectorApplies(const ::medsec::rules::DataEntry *E,
                                                const CallExpr *Call) const {
  const int64_t Arg = E ? E->getInt("when-arg", -1) : -1;
  if (Arg < 0)
    return true;
  if (static_cast<uint64_t>(Arg) >= Call->getNumArgs())
    return false;
  const std::vector<std::string> When = E->getList("when");
  for (const std::string &N : constantNames(Call->getArg(Arg), *SM, LangOpts))
    if (llvm::is_contained(When, N))
      return true;
  return false;
}

void HardcodedCredentialsCheck::checkComparison(const Expr *Use, const Expr *A, const Expr *B,
                                                StringRef What, ASTContext &Ctx) {
  const LangOptions &LO = Ctx.getLangOpts();
  const Decl *Fn = enclosingFunction(*Use, Ctx);
  const auto *FnName = dyn_cast_or_null<NamedDecl>(Fn);
  if (FnName && isTestName(FnName->getName()))
    return;
  for (int Side = 0; Side < 2; ++Side) {
    const Expr *Const = Side ? B : A;
    const Expr *Other = Side ? A : B;
    std::optional<ConstantValue> V = Tracer.trace(Const, Ctx, Use);
    if (!V || V->K == ConstantValue::Kind::Integer || Tracer.trace(Other, Ctx, Use))
      continue;
    // Evidence that the comparison checks a credential: the constant's own
    // name, the input's name, or the function doing the check.
    const std::string Holder = valueName(*V, *SM, LO);
    const NamedDecl *Input = rootDecl(Other, /*ThroughAddressOf=*/true);
    const SecretNameMatcher::Term *Term = nullptr;
    std::string Evidence;
    for (const std::string &Candidate : {Holder, Input ? Input->getNameAsString() : std::string(),
                                         FnName ? FnName->getNameAsString() : std::string()}) {
      const SecretNameMatcher::Term *T = Names->match(Candidate);
      if (T && !T->NeedsEntropy && !isTestName(Candidate)) {
        Term = T;
        Evidence = Candidate;
        break;
      }
    }
    if (!Term || !plausibleSecret(*V, Term, *SM, LO))
      continue;
    const SourceLocation UseLoc = SM->getExpansionLoc(Use->getBeginLoc());
    if (!Holder.empty() && Evidence == Holder) {
      addFinding(definitionLocation(*V, *SM),
                 "'" + Holder + "' holds a hard-coded " + Term->Kind + "; " + remedy(Term->Kind), 2,
                 Note{UseLoc, "compared with input here"});
      continue;
    }
    std::string Message = "'" + Evidence + "' is " +
                          (What == "compared" ? "compared" : "compared by '" + What.str() + "'") +
                          " with a hard-coded " + Term->Kind +
                          ", a default or back-door credential; " + remedy(Term->Kind);
    addFinding(definitionLocation(*V, *SM), Message, 1,
               useNote(*V, Use, "compared with input here"));
  }
}

void HardcodedCredentialsCheck::checkContent(const StringLiteral *SL, ASTContext &Ctx) {
  if (SL->getCharByteWidth() != 1 || SL->getLength() < 16)
    return;
  std::optional<std::string> Kind = contentKind(SL->getString());
  if (!Kind)
    return;
  ConstantValue V;
  V.K = ConstantValue::Kind::String;
  V.Literal = SL;
  V.Holder = initialisedVariable(SL, Ctx);
  for (char C : SL->getString())
    V.Values.push_back(static_cast<unsigned char>(C));
  if (!plausibleSecret(V, nullptr, *SM, Ctx.getLangOpts()))
    return;
  const std::string Holder = valueName(V, *SM, Ctx.getLangOpts());
  std::string Message = Holder.empty() ? "string literal holds a hard-coded " + *Kind
                                       : "'" + Holder + "' holds a hard-coded " + *Kind;
  addFinding(definitionLocation(V, *SM),
             Message + "; " + remedy(*Kind == "password in a URL" ? "password" : "key"), 3);
}

void HardcodedCredentialsCheck::macroDefined(const Token &NameTok, const MacroInfo &MI) {
  if (!SM || !entry())
    return;
  const SourceLocation Loc = NameTok.getLocation();
  if (Loc.isInvalid() || !SM->isWrittenInMainFile(Loc) &&
                             (SM->isInSystemHeader(Loc) || SM->isWrittenInBuiltinFile(Loc) ||
                              SM->isWrittenInCommandLineFile(Loc)))
    return;
  const StringRef Name = NameTok.getIdentifierInfo()->getName();
  const SecretNameMatcher::Term *Term = Names->match(Name);
  if (!Term || isTestName(Name) || MI.isFunctionLike() || MI.getNumTokens() == 0)
    return;
  std::string Text;
  SourceLocation First;
  for (const Token &T : MI.tokens()) {
    if (T.isOneOf(tok::l_paren, tok::r_paren))
      continue;
    if (!tok::isStringLiteral(T.getKind()))
      return;
    if (First.isInvalid())
      First = T.getLocation();
    Text += unquote(StringRef(T.getLiteralData(), T.getLength()));
  }
  if (First.isInvalid())
    return;
  ConstantValue V;
  V.K = ConstantValue::Kind::String;
  for (char C : Text)
    V.Values.push_back(static_cast<unsigned char>(C));
  if (!plausibleSecret(V, Term, *SM, LangOpts))
    return;
  addFinding(First,
             "'" + Name.str() + "' holds a hard-coded " + Term->Kind + "; " + remedy(Term->Kind),
             2);
}

} // namespace clang::tidy::medsec
