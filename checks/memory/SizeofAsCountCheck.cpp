//===- SizeofAsCountCheck.cpp - medsec-sizeof-as-count --------------------===//
#include "SizeofAsCountCheck.h"

#include "../support/StatementFacts.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::medsec {

namespace {

/// The array `sizeof` measures, when it is an array of elements wider than a
/// byte: for a byte array, bytes and elements are the same number.
const ValueDecl *measuredArray(const UnaryExprOrTypeTraitExpr *S, const ASTContext &Ctx) {
  if (S->getKind() != UETT_SizeOf || S->isArgumentType())
    return nullptr;
  const ValueDecl *D = referencedDecl(S->getArgumentExpr());
  if (!D)
    return nullptr;
  const auto *AT = Ctx.getAsConstantArrayType(D->getType());
  if (!AT || AT->getElementType()->isDependentType() || AT->getElementType()->isIncompleteType())
    return nullptr;
  return Ctx.getTypeSizeInChars(AT->getElementType()).getQuantity() > 1 ? D : nullptr;
}

/// Is Index used as a subscript of Array anywhere in Body (`array[index]`,
/// `index[array]`, through casts)?
class SubscriptFinder : public RecursiveASTVisitor<SubscriptFinder> {
public:
  SubscriptFinder(const ValueDecl *Array, const ValueDecl *Index) : Array(Array), Index(Index) {}
  bool Found = false;
  bool VisitArraySubscriptExpr(ArraySubscriptExpr *E) {
    if (referencedDecl(E->getBase()) == Array &&
        referencedDecl(E->getIdx()->IgnoreCasts()) == Index)
      Found = true;
    return !Found;
  }

private:
  const ValueDecl *Array, *Index;
};

/// `sizeof` under a division measures for an element count already
/// (`sizeof a / sizeof a[0]`, a `countof` macro).
bool divided(const Expr *S, ASTContext &Ctx) {
  DynTypedNode N = DynTypedNode::create(*S);
  for (int Depth = 0; Depth < 8; ++Depth) {
    const auto Parents = Ctx.getParents(N);
    if (Parents.empty())
      return false;
    N = Parents[0];
    if (const auto *B = N.get<BinaryOperator>())
      return B->getOpcode() == BO_Div && B->getLHS()->IgnoreParenImpCasts() == S;
    if (!N.get<ParenExpr>() && !N.get<ImplicitCastExpr>())
      return false;
  }
  return false;
}

} // namespace

void SizeofAsCountCheck::registerMatchers(MatchFinder *Finder) {
  const auto Sizeof = unaryExprOrTypeTraitExpr(ofKind(UETT_SizeOf)).bind("sizeof");
  // A comparison of a variable with sizeof(array).
  Finder->addMatcher(
      binaryOperator(isComparisonOperator(), hasEitherOperand(ignoringParenImpCasts(Sizeof)),
                     hasEitherOperand(ignoringParenImpCasts(
                         expr(anyOf(declRefExpr(), memberExpr())).bind("other"))),
                     forCallable(functionDecl().bind("fn")), unless(isInTemplateInstantiation()))
          .bind("cmp"),
      this);
  // sizeof(array) inside the array's own subscript.
  Finder->addMatcher(
      arraySubscriptExpr(hasIndex(hasDescendant(Sizeof)), unless(isInTemplateInstantiation()))
          .bind("subscript"),
      this);
}

void SizeofAsCountCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  const auto *S = Result.Nodes.getNodeAs<UnaryExprOrTypeTraitExpr>("sizeof");
  const ValueDecl *Array = measuredArray(S, Ctx);
  if (!Array || divided(S, Ctx))
    return;
  if (const auto *Sub = Result.Nodes.getNodeAs<ArraySubscriptExpr>("subscript")) {
    if (referencedDecl(Sub->getBase()) == Array)
      reportAt(S, Array, nullptr, Result);
    return;
  }
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  const auto *Other = Result.Nodes.getNodeAs<Expr>("other");
  const ValueDecl *Index = referencedDecl(Other);
  if (!Fn || !Fn->hasBody() || !Index || Index == Array || !Index->getType()->isIntegerType())
    return;
  SubscriptFinder Finder(Array, Index);
  Finder.TraverseStmt(Fn->getBody());
  if (Finder.Found)
    reportAt(S, Array, Index, Result);
}

void SizeofAsCountCheck::reportAt(const UnaryExprOrTypeTraitExpr *S, const ValueDecl *Array,
                                  const ValueDecl *Index, const MatchFinder::MatchResult &Result) {
  if (!Reported.insert(S).second)
    return;
  const ASTContext &Ctx = *Result.Context;
  const SourceManager &SM = *Result.SourceManager;
  const auto *AT = Ctx.getAsConstantArrayType(Array->getType());
  const uint64_t Count = AT->getSize().getZExtValue();
  const uint64_t Bytes = Ctx.getTypeSizeInChars(Array->getType()).getQuantity();
  const std::string Name = Array->getName().str();
  std::string Message = "'sizeof' of '" + Name + "' is its size in bytes (" +
                        std::to_string(Bytes) + "), not its number of elements (" +
                        std::to_string(Count) + ")";
  Message += Index ? ", but '" + Index->getName().str() + "' indexes it"
                   : ", but it is used in the array's own index";
  Message += "; use 'sizeof(" + Name + ") / sizeof(" + Name + "[0])'";
  const SourceLocation Loc = SM.getFileLoc(S->getBeginLoc());
  DiagnosticBuilder D =
      report(SM, Loc, Message, entry() ? entry()->DefaultSeverity : rules::Severity::High);
  // A fix only where the expression is written out, not inside a macro.
  const CharSourceRange Range = CharSourceRange::getTokenRange(S->getSourceRange());
  if (S->getBeginLoc().isMacroID() || S->getEndLoc().isMacroID())
    return;
  const StringRef Text = Lexer::getSourceText(Range, SM, Ctx.getLangOpts());
  const StringRef Arg = Lexer::getSourceText(
      CharSourceRange::getTokenRange(S->getArgumentExpr()->IgnoreParens()->getSourceRange()), SM,
      Ctx.getLangOpts());
  if (Text.empty() || Arg.empty())
    return;
  D << FixItHint::CreateReplacement(Range, ("(" + Text + " / sizeof(" + Arg + "[0]))").str());
}

} // namespace clang::tidy::medsec
