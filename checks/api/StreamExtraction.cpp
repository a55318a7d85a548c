//===- StreamExtraction.cpp -----------------------------------------------===//
#include "StreamExtraction.h"

#include "../support/ConstantValue.h"

#include "clang/AST/Decl.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::medsec {
namespace {

bool isNarrowChar(QualType T, const ASTContext &Ctx) {
  return T->isAnyCharacterType() && Ctx.getTypeSize(T) == Ctx.getCharWidth();
}

bool namedIn(const FunctionDecl *FD, const std::vector<std::string> &Names) {
  if (!FD)
    return false;
  const std::string Q = FD->getQualifiedNameAsString();
  return llvm::is_contained(Names, Q) || llvm::is_contained(Names, "::" + Q) ||
         llvm::is_contained(Names, FD->getNameAsString());
}

/// `is >> std::setw(n) >> buf`: the operand extracted or inserted just
/// before Dest in the same chain is a width manipulator.
bool widthInChain(const Expr *Stream, const StreamWidthRules &W) {
  const auto *Prev = dyn_cast<CXXOperatorCallExpr>(Stream->IgnoreImplicit());
  if (!Prev || Prev->getOperator() != OO_GreaterGreater || Prev->getNumArgs() != 2)
    return false;
  const Expr *Operand = Prev->getArg(1)->IgnoreImplicit();
  if (const auto *Call = dyn_cast<CallExpr>(Operand))
    return namedIn(Call->getDirectCallee(), W.Manipulators);
  return false;
}

/// The variable the stream expression names, through a chain of extractions.
const ValueDecl *streamDecl(const Expr *Stream) {
  Stream = Stream->IgnoreImplicit();
  while (const auto *Prev = dyn_cast<CXXOperatorCallExpr>(Stream)) {
    if (Prev->getNumArgs() != 2)
      return nullptr;
    Stream = Prev->getArg(0)->IgnoreImplicit();
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Stream))
    return Ref->getDecl();
  if (const auto *Mem = dyn_cast<MemberExpr>(Stream))
    return Mem->getMemberDecl();
  return nullptr;
}

/// `is.width(n);` with n other than 0 on the same stream, earlier in the
/// function that holds Call.
bool widthSetBefore(const CXXOperatorCallExpr *Call, const ValueDecl *Stream,
                    const StreamWidthRules &W, ASTContext &Ctx) {
  if (!Stream)
    return false;
  const Decl *Fn = enclosingFunction(*Call, Ctx);
  const Stmt *Body = Fn ? Fn->getBody() : nullptr;
  if (!Body)
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  for (const BoundNodes &N :
       match(findAll(cxxMemberCallExpr(argumentCountIs(1)).bind("set")), *Body, Ctx)) {
    const auto *Set = N.getNodeAs<CXXMemberCallExpr>("set");
    if (!namedIn(Set->getMethodDecl(), W.Setters) ||
        streamDecl(Set->getImplicitObjectArgument()) != Stream ||
        !SM.isBeforeInTranslationUnit(Set->getBeginLoc(), Call->getBeginLoc()))
      continue;
    Expr::EvalResult R;
    if (Set->getArg(0)->EvaluateAsInt(R, Ctx) && R.Val.getInt() == 0)
      continue; // width(0) removes the bound
    return true;
  }
  return false;
}

} // namespace

std::optional<std::string> unboundedExtraction(const CXXOperatorCallExpr *Call,
                                               const StreamWidthRules &W, ASTContext &Ctx) {
  if (Call->getNumArgs() != 2)
    return std::nullopt;
  const FunctionDecl *Op = Call->getDirectCallee();
  if (!Op || Op->getNumParams() < 1)
    return std::nullopt;
  // The operand's parameter: a member operator>> has only the operand.
  const QualType Param = Op->getParamDecl(Op->getNumParams() - 1)->getType();
  // C++20 (P0487): `operator>>(istream&, CharT (&)[N])` stops at N - 1.
  if (Param->isReferenceType() && Param.getNonReferenceType()->isConstantArrayType())
    return std::nullopt;
  if (!Param->isPointerType() || !isNarrowChar(Param->getPointeeType(), Ctx))
    return std::nullopt;
  const Expr *Dest = Call->getArg(1)->IgnoreParenImpCasts();
  std::string What;
  const QualType T = Dest->getType();
  if (const ConstantArrayType *AT = Ctx.getAsConstantArrayType(T))
    What = "the array of " + std::to_string(AT->getSize().getZExtValue()) + " characters";
  else if (T->isPointerType())
    What = "a '" + T.getAsString(Ctx.getPrintingPolicy()) + "'";
  else
    return std::nullopt;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Dest))
    What += " '" + Ref->getDecl()->getNameAsString() + "'";
  else if (const auto *Mem = dyn_cast<MemberExpr>(Dest))
    What += " '" + Mem->getMemberDecl()->getNameAsString() + "'";
  if (widthInChain(Call->getArg(0), W) ||
      widthSetBefore(Call, streamDecl(Call->getArg(0)), W, Ctx))
    return std::nullopt;
  return What;
}

} // namespace clang::tidy::medsec
