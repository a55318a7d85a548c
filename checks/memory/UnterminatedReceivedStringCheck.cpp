//===- UnterminatedReceivedStringCheck.cpp - medsec-unterminated-received-string ---===//
#include "UnterminatedReceivedStringCheck.h"
#include "../support/AstQueries.h"
#include "../support/taint/TaintConfig.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::medsec {
namespace {

/// D when it is a character array (char, signed or unsigned char elements:
/// uint8_t too) of a size known where it is declared.
const VarDecl *charArray(const ValueDecl *D) {
  const auto *VD = dyn_cast_or_null<VarDecl>(D);
  if (!VD)
    return nullptr;
  const auto *AT = dyn_cast<ConstantArrayType>(VD->getType().getCanonicalType().getTypePtr());
  return AT && AT->getElementType()->isCharType() ? VD : nullptr;
}

/// The character array an expression names, through casts (`(uint8_t *)buf`).
const VarDecl *namedCharArray(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
  return Ref ? charArray(Ref->getDecl()) : nullptr;
}

/// What happens to the arrays of one function body, in source order.
class BodyScan : public RecursiveASTVisitor<BodyScan> {
public:
  struct Fill {
    const CallExpr *Call;
    StringRef Callee;
    uint64_t Size;
  };
  struct Use {
    const CallExpr *Call;
    const VarDecl *Var;
    Fill At;
  };

  BodyScan(ASTContext &Ctx, const llvm::StringMap<std::vector<unsigned>> &Receivers,
           const llvm::StringSet<> &Terminating,
           const llvm::StringMap<std::vector<unsigned>> &Readers)
      : Ctx(Ctx), Receivers(Receivers), Terminating(Terminating), Readers(Readers) {}

  std::vector<Use> Uses;

  bool VisitCallExpr(const CallExpr *C) {
    const StringRef Name = directCalleeName(C);
    if (Name.empty())
      return true;
    if (auto R = Receivers.find(Name); R != Receivers.end()) {
      for (unsigned A : R->second)
        if (A < C->getNumArgs())
          if (const VarDecl *V = designated(C->getArg(A))) {
            const uint64_t Size = arrayBytes(V);
            // Filled to the last byte only when the call is allowed as many
            // bytes as the array has; a terminating reader never is.
            if (!Terminating.contains(Name) && allowsAll(C, A, Size))
              Open[V] = {C, Name, Size};
            else
              Open.erase(V);
          }
      return true;
    }
    if (isTerminatorCall(C, Name))
      return true;
    if (auto R = Readers.find(Name); R != Readers.end())
      for (unsigned A : R->second)
        if (A < C->getNumArgs())
          if (const VarDecl *V = designated(C->getArg(A)))
            if (auto It = Open.find(V); It != Open.end())
              Uses.push_back({C, V, It->second});
    return true;
  }

  bool VisitBinaryOperator(const BinaryOperator *B) {
    // buf[n] = 0, buf[sizeof buf - 1] = '\0', *(buf + n) = 0: terminated.
    if (B->getOpcode() != BO_Assign)
      return true;
    const VarDecl *V = charArray(baseVariable(B->getLHS()));
    if (!V)
      return true;
    Expr::EvalResult R;
    if (B->getRHS()->EvaluateAsInt(R, Ctx) && R.Val.getInt() == 0)
      Open.erase(V);
    return true;
  }

private:
  ASTContext &Ctx;
  const llvm::StringMap<std::vector<unsigned>> &Receivers;
  const llvm::StringSet<> &Terminating;
  const llvm::StringMap<std::vector<unsigned>> &Readers;
  llvm::DenseMap<const VarDecl *, Fill> Open; // filled to the end, not terminated since

  uint64_t arrayBytes(const VarDecl *V) const {
    return Ctx.getTypeSizeInChars(V->getType()).getQuantity();
  }

  /// The array an argument designates from its start (`buf`, `&buf[0]`).
  const VarDecl *designated(const Expr *E) const {
    E = E->IgnoreParenCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf)
      if (const auto *A = dyn_cast<ArraySubscriptExpr>(U->getSubExpr()->IgnoreParens())) {
        Expr::EvalResult R;
        if (!A->getIdx()->EvaluateAsInt(R, Ctx) || R.Val.getInt() != 0)
          return nullptr;
        return namedCharArray(A->getBase());
      }
    return namedCharArray(E);
  }

  /// Another argument of the call is the array's whole size: a constant
  /// equal to it (`sizeof buf`, 50 for `char buf[50]`).
  bool allowsAll(const CallExpr *C, unsigned BufArg, uint64_t Size) const {
    for (unsigned I = 0; I < C->getNumArgs(); ++I) {
      if (I == BufArg)
        continue;
      const Expr *A = C->getArg(I);
      Expr::EvalResult R;
      if (!A->isValueDependent() && A->getType()->isIntegerType() && A->EvaluateAsInt(R, Ctx) &&
          R.Val.getInt().isNonNegative() && R.Val.getInt().getZExtValue() == Size)
        return true;
    }
    return false;
  }

  /// memset(buf, 0, ...) or a copy into buf that terminates it.
  bool isTerminatorCall(const CallExpr *C, StringRef Name) {
    if (Name != "memset" && Name != "bzero" && Name != "explicit_bzero" && Name != "strlcpy" &&
        Name != "snprintf")
      return false;
    if (C->getNumArgs() == 0)
      return false;
    // `buf + n`, `&buf[n]`, `buf`: the array, wherever in it.
    if (const VarDecl *V = charArray(baseVariable(C->getArg(0))))
      Open.erase(V);
    return true;
  }
};

} // namespace

UnterminatedReceivedStringCheck::UnterminatedReceivedStringCheck(StringRef Name,
                                                                 ClangTidyContext *Context)
    : MedSecCheck(Name, Context) {
  if (!entry() || !catalogue())
    return;
  // Received data comes from the one vocabulary of external inputs.
  for (const auto &KV : taint::taintConfigFor(*catalogue())->Sources) {
    const taint::SourceSpec &S = KV.getValue();
    if (!taint::isExternalChannel(S.Channel) || S.OutArgs.Indices.empty())
      continue;
    for (int A : S.OutArgs.Indices)
      Receivers[KV.getKey()].push_back(static_cast<unsigned>(A));
  }
  for (const rules::DataEntry &E : entry()->activeData("terminating-receivers"))
    Terminating.insert(E.Key);
  for (const rules::DataEntry &E : entry()->activeData("string-readers"))
    for (const std::string &A : E.getList("args"))
      Readers[E.Key].push_back(static_cast<unsigned>(std::atoi(A.c_str())));
}

void UnterminatedReceivedStringCheck::registerMatchers(MatchFinder *Finder) {
  if (Receivers.empty() || Readers.empty())
    return;
  Finder->addMatcher(functionDecl(isDefinition(), hasBody(stmt())).bind("fn"), this);
}

void UnterminatedReceivedStringCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  const SourceManager &SM = *Result.SourceManager;
  if (!Fn->getBody() || SM.isInSystemHeader(Fn->getLocation()))
    return;
  BodyScan Scan(*Result.Context, Receivers, Terminating, Readers);
  Scan.TraverseStmt(Fn->getBody());
  for (const BodyScan::Use &U : Scan.Uses) {
    const std::string Var = "'" + U.Var->getName().str() + "'";
    const std::string Reader = "'" + directCalleeName(U.Call).str() + "'";
    report(SM, SM.getFileLoc(U.Call->getBeginLoc()),
           Var + " is passed to " + Reader + ", which reads a NUL-terminated string, but '" +
               U.At.Callee.str() + "' may fill all " + std::to_string(U.At.Size) +
               " bytes of it and no terminator is written after the receive, so " + Reader +
               " reads past its end; receive at most sizeof - 1 bytes and write the terminator "
               "after the bytes received",
           entry()->DefaultSeverity);
    diag(SM.getFileLoc(U.At.Call->getBeginLoc()), "%0 filled here, up to its last byte",
         DiagnosticIDs::Note)
        << Var;
  }
}

} // namespace clang::tidy::medsec
