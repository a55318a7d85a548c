//===- InsecureTlsConfigurationCheck.cpp - medsec-insecure-tls-configuration ===//
#include "InsecureTlsConfigurationCheck.h"
#include "../support/NameSetMatcher.h"

#include "../support/ApiArgumentTable.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::medsec {
namespace {

std::vector<int64_t> integers(const std::vector<std::string> &Texts) {
  std::vector<int64_t> Out;
  for (const std::string &T : Texts) {
    long long V = 0;
    if (!StringRef(T).trim().getAsInteger(0, V))
      Out.push_back(V);
  }
  return Out;
}

/// The function a callback argument names: f, &f, or a captureless lambda.
const FunctionDecl *callbackFunction(const Expr *Arg) {
  const Expr *E = Arg->IgnoreParenCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf)
    E = U->getSubExpr()->IgnoreParenCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return dyn_cast<FunctionDecl>(Ref->getDecl());
  if (const auto *Mat = dyn_cast<MaterializeTemporaryExpr>(E))
    E = Mat->getSubExpr()->IgnoreParenCasts();
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) // lambda to function pointer
    E = Call->getImplicitObjectArgument()->IgnoreParenCasts();
  if (const auto *L = dyn_cast<LambdaExpr>(E))
    return L->getCallOperator();
  return nullptr;
}

/// Collects what a verification callback does: its return values, and
/// whether it clears the flags it is given (*flags = 0).
class CallbackBody : public RecursiveASTVisitor<CallbackBody> {
public:
  CallbackBody(ASTContext &Ctx, const ParmVarDecl *Flags) : Ctx(Ctx), Flags(Flags) {}
  bool VisitReturnStmt(ReturnStmt *R) {
    Expr::EvalResult V;
    const Expr *E = R->getRetValue();
    if (E && !E->isValueDependent() && E->EvaluateAsInt(V, Ctx))
      Returns.push_back(V.Val.getInt().getSExtValue());
    else
      NonConstantReturn = true;
    if (!FirstReturn)
      FirstReturn = R;
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (!Flags || B->getOpcode() != BO_Assign)
      return true;
    const auto *U = dyn_cast<UnaryOperator>(B->getLHS()->IgnoreParenImpCasts());
    if (!U || U->getOpcode() != UO_Deref)
      return true;
    const auto *Ref = dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParenImpCasts());
    Expr::EvalResult V;
    if (Ref && Ref->getDecl() == Flags && B->getRHS()->EvaluateAsInt(V, Ctx) && V.Val.getInt() == 0)
      ClearsFlags = true;
    return true;
  }
  std::vector<int64_t> Returns;
  bool NonConstantReturn = false;
  bool ClearsFlags = false;
  const ReturnStmt *FirstReturn = nullptr;

private:
  ASTContext &Ctx;
  const ParmVarDecl *Flags;
};

} // namespace

InsecureTlsConfigurationCheck::InsecureTlsConfigurationCheck(StringRef Name,
                                                             ClangTidyContext *Context)
    : MedSecCheck(Name, Context) {
  if (!entry())
    return;
  for (const auto &E : entry()->activeData("settings")) {
    Setting S;
    S.Id = E.Key;
    S.Arg = static_cast<unsigned>(E.getInt("arg", 0));
    S.Names = E.getList("names");
    S.Values = integers(E.getList("values"));
    S.WhenArg = static_cast<int>(E.getInt("when-arg", -1));
    S.WhenNames = E.getList("when-names");
    S.Problem = E.get("problem", "weakens the TLS set-up");
    S.Replacement = E.get("replacement");
    S.Sev = rules::parseSeverity(E.get("severity")).value_or(entry()->DefaultSeverity);
    Settings[E.get("function")].push_back(std::move(S));
  }
  for (const auto &E : entry()->activeData("methods"))
    Methods[E.Key] = {E.get("protocol", "an obsolete protocol"), E.get("replacement")};
  for (const auto &E : entry()->activeData("verify-callbacks"))
    Callbacks[E.Key] = {static_cast<unsigned>(E.getInt("arg", 0)), E.getInt("accept-value", 1),
                        static_cast<int>(E.getInt("flags-arg", -1))};
  for (const auto &E : entry()->activeData("cipher-lists"))
    CipherLists[E.get("function")].push_back({E.Key, static_cast<unsigned>(E.getInt("arg", 0)),
                                              static_cast<int>(E.getInt("when-arg", -1)),
                                              E.getList("when-names")});
  for (const auto &E : entry()->activeData("weak-ciphers")) {
    auto R = std::make_unique<LazyRegex>(E.get("pattern"));
    WeakCiphers.emplace_back(E.Key, std::move(R));
  }
}

void InsecureTlsConfigurationCheck::registerMatchers(MatchFinder *Finder) {
  if (!entry())
    return;
  std::vector<std::string> Names;
  for (const auto *Map : {&Settings})
    for (const auto &E : *Map)
      Names.push_back("::" + E.getKey().str());
  for (const auto &E : Callbacks)
    Names.push_back("::" + E.getKey().str());
  for (const auto &E : CipherLists)
    Names.push_back("::" + E.getKey().str());
  std::vector<StringRef> Refs(Names.begin(), Names.end());
  Finder->addMatcher(callExpr(callee(functionDecl(hasAnyCatalogueName(Refs)).bind("fn"))).bind("call"),
                     this);
  std::vector<std::string> MethodNames;
  for (const auto &E : Methods)
    MethodNames.push_back("::" + E.getKey().str());
  std::vector<StringRef> MethodRefs(MethodNames.begin(), MethodNames.end());
  if (!MethodRefs.empty())
    Finder->addMatcher(
        declRefExpr(to(functionDecl(hasAnyCatalogueName(MethodRefs)).bind("method"))).bind("ref"), this);
}

SourceLocation InsecureTlsConfigurationCheck::argumentLocation(const Expr *Arg,
                                                               const Expr *Use) const {
  if (!Use->getBeginLoc().isMacroID())
    return SM->getExpansionLoc(Arg->getBeginLoc());
  return actionableLocation(Arg->getBeginLoc(), *SM);
}

void InsecureTlsConfigurationCheck::reportAt(SourceLocation Loc, const std::string &Message,
                                             rules::Severity Sev, StringRef Key,
                                             SourceLocation NoteLoc, const std::string &NoteText) {
  if (Loc.isInvalid() || SM->isInSystemHeader(Loc) || !Reported.insert(Loc).second)
    return;
  report(*SM, Loc, Message, Sev, Key);
  if (NoteLoc.isValid())
    diag(NoteLoc, "%0", DiagnosticIDs::Note) << NoteText;
}

void InsecureTlsConfigurationCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  SM = Result.SourceManager;
  if (const auto *Ref = Result.Nodes.getNodeAs<DeclRefExpr>("ref")) {
    const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("method");
    auto It = Methods.find(FD->getName());
    if (It == Methods.end() || !isLibraryFunction(FD))
      return;
    std::string Message = "'" + FD->getName().str() + "' negotiates only " + It->second.first +
                          ", which is obsolete and open to known attacks";
    if (!It->second.second.empty())
      Message += "; use " + It->second.second;
    reportAt(actionableLocation(Ref->getLocation(), *SM), Message, entry()->DefaultSeverity,
             FD->getName());
    return;
  }
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!Call || !FD || !isLibraryFunction(FD))
    return;
  if (auto It = Settings.find(FD->getName()); It != Settings.end())
    for (const Setting &S : It->second)
      checkSetting(Call, S, Ctx);
  if (auto It = Callbacks.find(FD->getName()); It != Callbacks.end())
    checkCallback(Call, It->second, Ctx);
  if (auto It = CipherLists.find(FD->getName()); It != CipherLists.end())
    for (const CipherList &L : It->second)
      checkCipherList(Call, L, Ctx);
}

bool InsecureTlsConfigurationCheck::argumentIsOneOf(const CallExpr *Call, int Arg,
                                                    const std::vector<std::string> &Names,
                                                    ASTContext &Ctx) const {
  if (Arg < 0)
    return true;
  if (static_cast<unsigned>(Arg) >= Call->getNumArgs())
    return false;
  for (const std::string &N : constantNames(Call->getArg(Arg), *SM, Ctx.getLangOpts()))
    if (llvm::is_contained(Names, N))
      return true;
  return false;
}

void InsecureTlsConfigurationCheck::checkSetting(const CallExpr *Call, const Setting &S,
                                                 ASTContext &Ctx) {
  if (S.Arg >= Call->getNumArgs() || !argumentIsOneOf(Call, S.WhenArg, S.WhenNames, Ctx))
    return;
  const Expr *Arg = Call->getArg(S.Arg);
  std::string What;
  for (const std::string &N : constantNames(Arg, *SM, Ctx.getLangOpts()))
    if (llvm::is_contained(S.Names, N)) {
      What = "'" + N + "'";
      break;
    }
  if (What.empty() && !S.Values.empty()) {
    // Named constants that are not insecure (MBEDTLS_SSL_VERIFY_REQUIRED) are
    // recognised by name first; plain integers by value.
    std::optional<int64_t> V = integerValue(Arg, Ctx, Tracer);
    if (V && llvm::is_contained(S.Values, *V))
      What = std::to_string(*V);
  }
  if (What.empty())
    return;
  std::string Message = What + " passed to '" + Call->getDirectCallee()->getName().str() + "'";
  if (S.WhenArg >= 0 && !S.WhenNames.empty())
    Message += " for " + S.WhenNames.front();
  Message += " " + S.Problem;
  if (!S.Replacement.empty())
    Message += "; use " + S.Replacement;
  reportAt(argumentLocation(Arg, Call), Message, S.Sev, S.Id);
}

void InsecureTlsConfigurationCheck::checkCallback(const CallExpr *Call, const Callback &C,
                                                  ASTContext &Ctx) {
  if (C.Arg >= Call->getNumArgs())
    return;
  const FunctionDecl *Fn = callbackFunction(Call->getArg(C.Arg));
  const FunctionDecl *Def = Fn ? Fn->getDefinition() : nullptr;
  if (!Def || !Def->hasBody())
    return;
  const ParmVarDecl *Flags = nullptr;
  if (C.FlagsArg >= 0) {
    if (static_cast<unsigned>(C.FlagsArg) >= Def->getNumParams())
      return;
    Flags = Def->getParamDecl(C.FlagsArg);
  }
  CallbackBody Body(Ctx, Flags);
  Body.TraverseStmt(Def->getBody());
  if (Body.Returns.empty() || Body.NonConstantReturn ||
      !llvm::all_of(Body.Returns, [&](int64_t V) { return V == C.Accept; }) ||
      (Flags && !Body.ClearsFlags))
    return;
  const std::string Name = Def->getNameAsString();
  std::string Message =
      "verification callback '" + Name + "' accepts every certificate" +
      std::string(Flags ? " (it clears the error flags and returns " : " (it always returns ") +
      std::to_string(C.Accept) + "), so verification is effectively off; " +
      "return the library's verdict and reject on any error";
  reportAt(argumentLocation(Call->getArg(C.Arg), Call), Message, entry()->DefaultSeverity,
           Call->getDirectCallee()->getName(),
           actionableLocation(Body.FirstReturn->getBeginLoc(), *SM), "accepts here");
}

std::optional<std::string> InsecureTlsConfigurationCheck::weakCipher(StringRef Token) const {
  for (const auto &W : WeakCiphers)
    if (W.second->match(Token))
      return W.first;
  return std::nullopt;
}

void InsecureTlsConfigurationCheck::checkCipherList(const CallExpr *Call, const CipherList &L,
                                                    ASTContext &Ctx) {
  if (L.Arg >= Call->getNumArgs() || !argumentIsOneOf(Call, L.WhenArg, L.WhenNames, Ctx))
    return;
  const Expr *Arg = Call->getArg(L.Arg);
  std::optional<ConstantValue> V = Tracer.trace(Arg, Ctx, Call);
  if (!V)
    return;
  std::string Suite, Kind;
  if (V->K == ConstantValue::Kind::String) {
    llvm::SmallVector<StringRef, 16> Tokens;
    const std::string Text = V->text();
    StringRef(Text).split(Tokens, ":", -1, false);
    for (StringRef Group : Tokens) {
      llvm::SmallVector<StringRef, 8> Parts;
      Group.split(Parts, ",", -1, false);
      for (StringRef T : Parts) {
        T = T.trim();
        if (T.empty() || T.starts_with("!") || T.starts_with("-"))
          continue; // removes suites
        T.consume_front("+");
        if (std::optional<std::string> K = weakCipher(T)) {
          Suite = T.str();
          Kind = *K;
          break;
        }
      }
      if (!Suite.empty())
        break;
    }
  } else if (const auto *IL = dyn_cast_or_null<InitListExpr>(V->Literal)) {
    for (const Expr *Init : IL->inits()) {
      for (const std::string &N : constantNames(Init, *SM, Ctx.getLangOpts()))
        if (std::optional<std::string> K = weakCipher(N)) {
          Suite = N;
          Kind = *K;
          break;
        }
      if (!Suite.empty())
        break;
    }
  }
  if (Suite.empty())
    return;
  std::string Message = "cipher list passed to '" + Call->getDirectCallee()->getName().str() +
                        "' enables '" + Suite + "' (" + Kind +
                        "), which gives no or broken protection; allow only AEAD suites with "
                        "ECDHE or DHE key exchange (e.g. ECDHE-ECDSA-AES128-GCM-SHA256) and "
                        "exclude !aNULL:!eNULL:!EXPORT:!RC4:!DES:!3DES:!MD5";
  SourceLocation NoteLoc;
  if (V->Holder)
    NoteLoc = definitionLocation(*V, *SM);
  reportAt(argumentLocation(Arg, Call), Message, entry()->DefaultSeverity, L.Id, NoteLoc,
           "the cipher list is defined here");
}

} // namespace clang::tidy::medsec
