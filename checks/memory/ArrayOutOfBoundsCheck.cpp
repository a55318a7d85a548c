//===- ArrayOutOfBoundsCheck.cpp - medsec-array-out-of-bounds -------------===//
#include "ArrayOutOfBoundsCheck.h"

#include "../support/StatementFacts.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

#include <algorithm>
#include <map>
#include <set>

using namespace clang::ast_matchers;

namespace clang::tidy::medsec {

using taint::Int;
using taint::ValueRange;

namespace {

std::string show(Int V) {
  if (V == 0)
    return "0";
  const bool Neg = V < 0;
  std::string S;
  for (Int U = Neg ? -V : V; U > 0; U /= 10)
    S.push_back(static_cast<char>('0' + static_cast<int>(U % 10)));
  if (Neg)
    S.push_back('-');
  std::reverse(S.begin(), S.end());
  return S;
}

/// X as written, when it is short and not a macro's expansion.
std::string textOf(const Expr *X, const ASTContext &Ctx) {
  if (X->getBeginLoc().isMacroID() || X->getEndLoc().isMacroID())
    return "";
  StringRef T = Lexer::getSourceText(CharSourceRange::getTokenRange(X->getSourceRange()),
                                     Ctx.getSourceManager(), Ctx.getLangOpts());
  return T.empty() || T.size() > 40 || T.contains('\n') ? "" : T.str();
}

bool folds(const Expr *X, const ASTContext &Ctx) {
  Expr::EvalResult R;
  return !X->isValueDependent() && X->EvaluateAsInt(R, Ctx);
}

const Stmt *parentOf(const Stmt *S, const ParentMap &PM) {
  const Stmt *P = PM.getParent(S);
  while (P && isa<ParenExpr>(P))
    P = PM.getParent(P);
  return P;
}

/// A trailing `[0]` or `[1]` member: the struct is allocated longer (the
/// pre-C99 flexible array member).
bool flexibleLike(const FieldDecl *F, Int Elements) {
  if (Elements > 1)
    return false;
  const FieldDecl *Last = nullptr;
  for (const FieldDecl *FD : F->getParent()->fields())
    Last = FD;
  return Last == F;
}

/// The variable or field X names; for a row of a 2-D array, the array's.
const NamedDecl *declOf(const Expr *X) {
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(X->IgnoreParenImpCasts()))
    return declOf(AS->getBase());
  return referencedDecl(X);
}

/// The array X names and the constant element offset into it: buf, &buf[K],
/// buf + K, or a pointer that aliases one of those.
std::optional<std::pair<const Expr *, Int>>
arrayAndOffset(const Expr *X, const ASTContext &Ctx,
               const ArrayOutOfBoundsCheck::AliasMap &Aliases, bool *ThroughAlias = nullptr) {
  X = X->IgnoreParenImpCasts();
  if (Ctx.getAsConstantArrayType(X->getType()))
    return std::make_pair(X, Int(0));
  const Expr *Base = nullptr, *Offset = nullptr;
  if (const auto *U = dyn_cast<UnaryOperator>(X); U && U->getOpcode() == UO_AddrOf) {
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(U->getSubExpr()->IgnoreParens()))
      Base = AS->getBase(), Offset = AS->getIdx();
  } else if (const auto *BO = dyn_cast<BinaryOperator>(X);
             BO && BO->getOpcode() == BO_Add && BO->getType()->isPointerType()) {
    Base = BO->getLHS()->getType()->isPointerType() ? BO->getLHS() : BO->getRHS();
    Offset = Base == BO->getLHS() ? BO->getRHS() : BO->getLHS();
  } else if (const auto *DR = dyn_cast<DeclRefExpr>(X)) {
    if (const auto *V = dyn_cast<VarDecl>(DR->getDecl()))
      if (auto It = Aliases.find(V); It != Aliases.end() && It->second.Array) {
        if (ThroughAlias)
          *ThroughAlias = true;
        return std::make_pair(It->second.Array, It->second.Offset);
      }
    return std::nullopt;
  }
  Expr::EvalResult K;
  if (!Base || Offset->isValueDependent() || !Offset->EvaluateAsInt(K, Ctx))
    return std::nullopt;
  auto Inner = arrayAndOffset(Base, Ctx, Aliases, ThroughAlias);
  if (!Inner)
    return std::nullopt;
  Inner->second += Int(K.Val.getInt().getExtValue());
  return Inner;
}

} // namespace

// A local pointer set once to an array or a constant offset into it, and
// only read after (p = buf; p = &buf[4]), indexes that array.
std::optional<Int> ArrayOutOfBoundsCheck::allocatedBytes(const Expr *X,
                                                         const ASTContext &Ctx) const {
  const auto *CE = dyn_cast<CallExpr>(X->IgnoreParenCasts());
  const FunctionDecl *F = CE ? CE->getDirectCallee() : nullptr;
  if (!F || !F->getIdentifier())
    return std::nullopt;
  auto It = Allocations.find(F->getName());
  if (It == Allocations.end())
    return std::nullopt;
  auto Arg = [&](int I) -> std::optional<Int> {
    Expr::EvalResult R;
    if (I < 0 || static_cast<unsigned>(I) >= CE->getNumArgs() ||
        CE->getArg(I)->isValueDependent() || !CE->getArg(I)->EvaluateAsInt(R, Ctx))
      return std::nullopt;
    return Int(R.Val.getInt().getZExtValue());
  };
  auto Size = Arg(It->second.Size);
  if (!Size)
    return std::nullopt;
  if (It->second.Count < 0)
    return *Size;
  auto Count = Arg(It->second.Count);
  return Count ? std::optional<Int>(*Count * *Size) : std::nullopt;
}

ArrayOutOfBoundsCheck::AliasMap ArrayOutOfBoundsCheck::pointerAliases(const FunctionDecl *FD,
                                                                      const ParentMap &PM,
                                                                      const ASTContext &Ctx) const {
  struct Finder : RecursiveASTVisitor<Finder> {
    std::vector<std::pair<const VarDecl *, const Expr *>> Stores; // in source order
    std::vector<const DeclRefExpr *> Refs;
    bool VisitVarDecl(VarDecl *V) {
      if (V->isLocalVarDecl() && !V->isStaticLocal() && V->getType()->isPointerType() &&
          V->getInit())
        Stores.push_back({V, V->getInit()});
      return true;
    }
    bool VisitDeclRefExpr(DeclRefExpr *DR) {
      Refs.push_back(DR);
      return true;
    }
  } F;
  F.TraverseStmt(FD->getBody());
  std::map<const VarDecl *, int> Writes;
  std::set<const VarDecl *> Escaped;
  for (const DeclRefExpr *DR : F.Refs) {
    const auto *V = dyn_cast<VarDecl>(DR->getDecl());
    if (!V || !V->getType()->isPointerType())
      continue;
    const Stmt *P = parentOf(DR, PM);
    if (const auto *IC = dyn_cast_or_null<ImplicitCastExpr>(P);
        IC && IC->getCastKind() == CK_LValueToRValue)
      continue;
    const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
    if (BO && BO->getOpcode() == BO_Assign && BO->getLHS()->IgnoreParens() == DR) {
      F.Stores.push_back({V, BO->getRHS()});
      continue;
    }
    Escaped.insert(V); // &p, p++, p += n, a reference to it
  }
  for (const auto &S : F.Stores)
    ++Writes[S.first];
  AliasMap Aliases;
  for (const auto &[V, Init] : F.Stores) {
    if (Writes[V] != 1 || Escaped.count(V))
      continue;
    if (auto Bytes = allocatedBytes(Init, Ctx)) {
      const QualType E = V->getType()->getPointeeType();
      if (!E->isIncompleteType() && !E->isDependentType() && !E->isVoidType() && *Bytes > 0)
        Aliases[V] = Alias{nullptr, 0, cast<CallExpr>(Init->IgnoreParenCasts()), *Bytes};
      continue;
    }
    auto A = arrayAndOffset(Init, Ctx, Aliases);
    if (!A)
      continue;
    const auto *AT = Ctx.getAsConstantArrayType(A->first->getType());
    // Only a pointer to the array's own element type counts its elements.
    if (!AT || !Ctx.hasSameUnqualifiedType(AT->getElementType(), V->getType()->getPointeeType()))
      continue;
    Aliases[V] = Alias{A->first, A->second, nullptr, 0};
  }
  return Aliases;
}

namespace {

/// The array Base names, in elements (Bytes: in bytes); through a pointer
/// that aliases it, what is left after the pointer's offset.
std::optional<ArrayOutOfBoundsCheck::Object>
arrayObject(const Expr *Base, const ASTContext &Ctx, bool Bytes,
            const ArrayOutOfBoundsCheck::AliasMap &Aliases) {
  const Expr *B = Base->IgnoreParenImpCasts();
  if (const auto *DR = dyn_cast<DeclRefExpr>(B))
    if (const auto *V = dyn_cast<VarDecl>(DR->getDecl()))
      if (auto It = Aliases.find(V); It != Aliases.end()) {
        if (const CallExpr *Alloc = It->second.Alloc) {
          // A heap block counts whole elements of the pointer's type.
          ArrayOutOfBoundsCheck::Object O;
          const Int Element = Ctx.getTypeSizeInChars(V->getType()->getPointeeType()).getQuantity();
          O.Size = Bytes ? It->second.HeapBytes : It->second.HeapBytes / std::max<Int>(Element, 1);
          if (O.Size <= 0)
            return std::nullopt;
          O.Via = V;
          O.Alloc = Alloc;
          O.AllocBytes = It->second.HeapBytes;
          O.Name = V->getNameAsString();
          return O;
        }
        auto O = arrayObject(It->second.Array, Ctx, Bytes, {});
        const auto *AT = Ctx.getAsConstantArrayType(It->second.Array->getType());
        if (!O || !AT)
          return std::nullopt;
        const Int Skip = It->second.Offset *
                         (Bytes ? Ctx.getTypeSizeInChars(AT->getElementType()).getQuantity() : 1);
        if (Skip < 0 || Skip >= O->Size)
          return std::nullopt;
        O->Size -= Skip;
        O->Via = V;
        O->ViaOffset = It->second.Offset;
        O->Whole = false;
        O->Name = V->getNameAsString();
        return O;
      }
  const auto *AT = Ctx.getAsConstantArrayType(B->getType());
  if (!AT || AT->getElementType()->isIncompleteType() || AT->getElementType()->isDependentType())
    return std::nullopt;
  ArrayOutOfBoundsCheck::Object O;
  O.Size = AT->getSize().getZExtValue();
  if (O.Size == 0)
    return std::nullopt;
  if (const auto *ME = dyn_cast<MemberExpr>(B))
    if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()); F && flexibleLike(F, O.Size))
      return std::nullopt;
  if (Bytes)
    O.Size = Ctx.getTypeSizeInChars(AT).getQuantity();
  O.D = declOf(B);
  O.Whole = isa<DeclRefExpr, StringLiteral>(B);
  O.Name = textOf(B, Ctx);
  if (O.Name.empty())
    O.Name = O.D ? O.D->getNameAsString() : "the array";
  return O;
}

/// The bytes a copy argument leads to: an array, a string literal, &variable,
/// or a constant offset into an array (&buf[2], buf + 2).
std::optional<ArrayOutOfBoundsCheck::Object>
copyObject(const Expr *A, const ASTContext &Ctx, const ArrayOutOfBoundsCheck::AliasMap &Aliases) {
  A = A->IgnoreParenCasts();
  if (auto O = arrayObject(A, Ctx, true, Aliases))
    return O;
  if (const auto *U = dyn_cast<UnaryOperator>(A); U && U->getOpcode() == UO_AddrOf)
    if (const auto *DR = dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParens())) {
      const auto *V = dyn_cast<VarDecl>(DR->getDecl());
      if (!V || V->getType()->isReferenceType() || V->getType()->isIncompleteType() ||
          V->getType()->isDependentType())
        return std::nullopt;
      ArrayOutOfBoundsCheck::Object O;
      O.Size = Ctx.getTypeSizeInChars(V->getType()).getQuantity();
      O.D = V;
      O.Name = V->getNameAsString();
      O.Whole = true;
      return O;
    }
  // A constant offset (&buf[2], buf + 2, p + 2 for an alias p of buf).
  bool ThroughAlias = false;
  auto AO = arrayAndOffset(A, Ctx, Aliases, &ThroughAlias);
  if (!AO)
    return std::nullopt;
  auto O = arrayObject(AO->first, Ctx, true, {});
  const auto *AT = Ctx.getAsConstantArrayType(AO->first->getType());
  if (!O || !AT)
    return std::nullopt;
  const Int Skip = AO->second * Ctx.getTypeSizeInChars(AT->getElementType()).getQuantity();
  if (Skip < 0 || Skip > O->Size)
    return std::nullopt;
  O->Size -= Skip;
  // clang's fortify checks see an offset into a variable, not through a pointer.
  O->Whole = O->Whole && !ThroughAlias;
  O->Name = textOf(A, Ctx).empty() ? O->Name : textOf(A, Ctx);
  return O;
}

std::string rangeText(const ValueRange &V) {
  if (V.singleton())
    return "is " + show(V.I.Lo.V);
  return "ranges over [" + show(V.I.Lo.V) + ", " + show(V.I.Hi.V) + "]";
}

/// The bound comes from `sizeof` of the indexed array itself, of elements
/// wider than a byte: an element count written in bytes, which is
/// medsec-sizeof-as-count's finding, with its fix-it.
bool sizeofOfSameArray(const Stmt *S, const NamedDecl *D, const ASTContext &Ctx) {
  const auto *V = dyn_cast_or_null<ValueDecl>(D);
  const auto *AT = V ? Ctx.getAsConstantArrayType(V->getType()) : nullptr;
  if (!S || !AT || Ctx.getTypeSizeInChars(AT->getElementType()).getQuantity() <= 1)
    return false;
  // sizeof(a) / sizeof(a[0]) is the element count.
  if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->getOpcode() == BO_Div)
    return false;
  if (const auto *U = dyn_cast<UnaryExprOrTypeTraitExpr>(S))
    return U->getKind() == UETT_SizeOf && !U->isArgumentType() &&
           declOf(U->getArgumentExpr()) == D;
  for (const Stmt *C : S->children())
    if (C && sizeofOfSameArray(C, D, Ctx))
      return true;
  return false;
}

} // namespace

ArrayOutOfBoundsCheck::ArrayOutOfBoundsCheck(StringRef Name, ClangTidyContext *Context)
    : MedSecCheck(Name, Context) {
  if (!entry())
    return;
  for (const rules::DataEntry &E : entry()->activeData("copy-functions")) {
    CopyFunction F;
    F.Destination = static_cast<int>(E.getInt("destination", -1));
    F.Source = static_cast<int>(E.getInt("source", -1));
    F.Length = static_cast<int>(E.getInt("length", -1));
    F.Fortified = E.getBool("fortified", false);
    F.Sev = rules::parseSeverity(E.get("severity")).value_or(entry()->DefaultSeverity);
    if (F.Length < 0)
      configurationDiag("medsec-array-out-of-bounds: copy function '%0' has no 'length' argument")
          << E.Key;
    else
      Copies[E.Key] = F;
  }
  for (const rules::DataEntry &E : entry()->activeData("allocation-functions")) {
    AllocationFunction A;
    A.Count = static_cast<int>(E.getInt("count", -1));
    A.Size = static_cast<int>(E.getInt("size", -1));
    if (A.Size < 0)
      configurationDiag("medsec-array-out-of-bounds: allocation function '%0' has no 'size' argument")
          << E.Key;
    else
      Allocations[E.Key] = A;
  }
}

void ArrayOutOfBoundsCheck::registerMatchers(MatchFinder *Finder) {
  if (!entry())
    return;
  Finder->addMatcher(functionDecl(isDefinition(), unless(isExpansionInSystemHeader()),
                                  unless(ast_matchers::isTemplateInstantiation()))
                         .bind("fn"),
                     this);
}

void ArrayOutOfBoundsCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!FD->hasBody() || FD->isDependentContext() || !FD->getBody())
    return;
  ASTContext &Ctx = *Result.Context;
  ParentMap PM(FD->getBody());
  Aliases = pointerAliases(FD, PM, Ctx);
  taint::analyseRanges(Ctx, FD, [&](const Stmt *St, const taint::RangeQuery &Q) {
    visit(St, Q, PM, Ctx);
  });
}

void ArrayOutOfBoundsCheck::visit(const Stmt *St, const taint::RangeQuery &Q, const ParentMap &PM,
                                  ASTContext &Ctx) {
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(St))
    checkSubscript(AS, Q, PM, Ctx);
  else if (const auto *BO = dyn_cast<BinaryOperator>(St))
    checkOffset(BO, Q, PM, Ctx);
  else if (const auto *CE = dyn_cast<CallExpr>(St))
    checkCopy(CE, Q, Ctx);
}

void ArrayOutOfBoundsCheck::checkSubscript(const ArraySubscriptExpr *AS,
                                           const taint::RangeQuery &Q, const ParentMap &PM,
                                           ASTContext &Ctx) {
  auto Obj = arrayObject(AS->getBase(), Ctx, false, Aliases);
  // A constant index into a constant array is clang's own -Warray-bounds;
  // through a pointer clang does not follow it.
  if (!Obj || (!Obj->Via && folds(AS->getIdx(), Ctx)))
    return;
  // &a[N] is the end pointer, which may be formed.
  const auto *U = dyn_cast_or_null<UnaryOperator>(parentOf(AS, PM));
  const bool Address = U && U->getOpcode() == UO_AddrOf;
  const std::string Text = folds(AS->getIdx(), Ctx) ? "" : textOf(AS->getIdx(), Ctx);
  reportRange(AS->getIdx()->getBeginLoc(), Q.rangeOf(AS->getIdx()), *Obj, Address ? 1 : 0,
              Text.empty() ? "index" : "index '" + Text + "'", "", Ctx, entry()->DefaultSeverity,
              "");
}

void ArrayOutOfBoundsCheck::checkOffset(const BinaryOperator *BO, const taint::RangeQuery &Q,
                                        const ParentMap &PM, ASTContext &Ctx) {
  if (!BO->isAdditiveOp() || !BO->getType()->isPointerType())
    return;
  const Expr *Ptr = BO->getLHS()->getType()->isPointerType() ? BO->getLHS() : BO->getRHS();
  const Expr *Off = Ptr == BO->getLHS() ? BO->getRHS() : BO->getLHS();
  if (!Off->getType()->isIntegerType())
    return;
  auto Obj = arrayObject(Ptr, Ctx, false, Aliases);
  // A constant offset into an array is clang's -Warray-bounds-pointer-arithmetic.
  if (!Obj || (!Obj->Via && folds(Off, Ctx)))
    return;
  ValueRange V = Q.rangeOf(Off);
  if (BO->getOpcode() == BO_Sub) {
    ValueRange N = V;
    N.I.Lo = V.I.Hi.isConst() ? taint::Bound::constant(-V.I.Hi.V) : taint::Bound();
    N.I.Hi = V.I.Lo.isConst() ? taint::Bound::constant(-V.I.Lo.V) : taint::Bound();
    N.LoReached = V.HiReached, N.HiReached = V.LoReached;
    N.LoWhy = V.HiWhy, N.HiWhy = V.LoWhy;
    V = N;
  }
  const auto *U = dyn_cast_or_null<UnaryOperator>(parentOf(BO, PM));
  const bool Deref = U && U->getOpcode() == UO_Deref;
  const std::string Text = folds(Off, Ctx) ? "" : textOf(Off, Ctx);
  reportRange(Off->getBeginLoc(), V, *Obj, Deref ? 0 : 1,
              Text.empty() ? "pointer offset" : "pointer offset '" + Text + "'", "", Ctx,
              entry()->DefaultSeverity, "");
}

void ArrayOutOfBoundsCheck::checkCopy(const CallExpr *CE, const taint::RangeQuery &Q,
                                      ASTContext &Ctx) {
  const FunctionDecl *F = CE->getDirectCallee();
  if (!F || !F->getIdentifier() || !F->getDeclContext()->getRedeclContext()->isTranslationUnit())
    return;
  StringRef Name = F->getName();
  if (Name.consume_front("__builtin___"))
    Name.consume_back("_chk");
  else
    Name.consume_front("__builtin_");
  auto It = Copies.find(Name);
  if (It == Copies.end())
    return;
  const CopyFunction &Spec = It->second;
  const unsigned NArgs = CE->getNumArgs();
  if (static_cast<unsigned>(Spec.Length) >= NArgs)
    return;
  const Expr *LenArg = CE->getArg(Spec.Length);
  const ValueRange L = Q.rangeOf(LenArg);
  const bool Constant = folds(LenArg, Ctx);
  const std::string LenText = textOf(LenArg, Ctx);
  const std::string What =
      "'" + Name.str() + "' length" + (LenText.empty() || Constant ? "" : " '" + LenText + "'");
  for (const auto &[Arg, Role] : {std::make_pair(Spec.Destination, "destination"),
                                  std::make_pair(Spec.Source, "source")}) {
    if (Arg < 0 || static_cast<unsigned>(Arg) >= NArgs)
      continue;
    auto Obj = copyObject(CE->getArg(Arg), Ctx, Aliases);
    if (!Obj)
      continue;
    // A constant length into a whole variable is clang's -Wfortify-source,
    // for the functions it knows.
    if (!(Spec.Fortified && Constant && Obj->Whole && StringRef(Role) == "destination"))
      reportRange(LenArg->getBeginLoc(), L, *Obj, 1, What, Role, Ctx, Spec.Sev, Name);
  }
  checkPointerSize(CE, Spec, Name, Ctx);
}

// sizeof(p) of a pointer where the object is an array larger than a pointer:
// the call covers the pointer's bytes, not the array's (CWE-467).
void ArrayOutOfBoundsCheck::checkPointerSize(const CallExpr *CE, const CopyFunction &Spec,
                                             StringRef Name, ASTContext &Ctx) {
  const Expr *LenArg = CE->getArg(Spec.Length);
  const auto *SO = dyn_cast<UnaryExprOrTypeTraitExpr>(LenArg->IgnoreParenImpCasts());
  if (!SO || SO->getKind() != UETT_SizeOf || !SO->getTypeOfArgument()->isPointerType())
    return;
  // Copying a pointer's own bytes (&p), or sizeof of the argument itself
  // (clang's -Wsizeof-pointer-memaccess), is not this defect.
  const NamedDecl *Measured = SO->isArgumentType() ? nullptr : declOf(SO->getArgumentExpr());
  for (const Expr *A : CE->arguments()) {
    A = A->IgnoreParenCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(A);
        U && U->getOpcode() == UO_AddrOf && U->getSubExpr()->getType()->isPointerType())
      return;
    if (Measured && declOf(A) == Measured)
      return;
  }
  const Int PointerBytes = Ctx.getTypeSizeInChars(SO->getTypeOfArgument()).getQuantity();
  const std::string Pointer = textOf(SO, Ctx);
  for (const auto &[Arg, Role] : {std::make_pair(Spec.Destination, "destination"),
                                  std::make_pair(Spec.Source, "source")}) {
    if (Arg < 0 || static_cast<unsigned>(Arg) >= CE->getNumArgs())
      continue;
    auto Obj = arrayObject(CE->getArg(Arg)->IgnoreParenCasts(), Ctx, true, {});
    if (!Obj || Obj->Size <= PointerBytes)
      continue;
    const SourceManager &SM = Ctx.getSourceManager();
    const SourceLocation Loc = SM.getFileLoc(SO->getBeginLoc());
    if (SM.isInSystemHeader(Loc) || !Reported.insert(Loc.getRawEncoding() * 4 + 2).second)
      return;
    report(SM, Loc,
           "'" + Name.str() + "' length " + (Pointer.empty() ? "" : "'" + Pointer + "' ") +
               "is the size of a pointer (" + show(PointerBytes) + " bytes), but the " + Role +
               " '" + Obj->Name + "' is an array of " + show(Obj->Size) + " bytes; use 'sizeof(" +
               Obj->Name + ")'",
           Spec.Sev, Name);
    if (Obj->D)
      if (const auto *VD = dyn_cast<ValueDecl>(Obj->D))
        diag(VD->getLocation(), "'%0' is declared here as '%1'", DiagnosticIDs::Note)
            << VD->getName() << VD->getType().getAsString(Ctx.getPrintingPolicy());
    return;
  }
}

void ArrayOutOfBoundsCheck::reportRange(SourceLocation Loc, const ValueRange &V, const Object &Obj,
                                        Int Slack, StringRef What, StringRef Role, ASTContext &Ctx,
                                        rules::Severity Sev, StringRef DataKey) {
  // A value with an unknown end is driven by data (a scan up to a terminator):
  // which of its values occur depends on that data, so neither end is proof.
  if (!V.I.Lo.isConst() || !V.I.Hi.isConst())
    return;
  const bool Over = V.HiReached && V.I.Hi.V >= Obj.Size + Slack;
  // Through a pointer into the array, the elements before it are in bounds.
  const bool Under = !Over && V.LoReached && V.I.Lo.V < -Obj.ViaOffset;
  if (!Over && !Under)
    return;
  const taint::RangeOrigin &Why = Over ? V.HiWhy : V.LoWhy;
  // An element count written as sizeof(array) is medsec-sizeof-as-count's.
  if (Over && Why.Condition && sizeofOfSameArray(Why.At, Obj.D, Ctx))
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  Loc = SM.getFileLoc(Loc);
  if (SM.isInSystemHeader(Loc) ||
      !Reported.insert(Loc.getRawEncoding() * 4 + (Role == "source" ? 1 : 0)).second)
    return;
  const bool Copy = !Role.empty();
  const std::string Unit = Copy ? " bytes" : " elements";
  const std::string Object = (Copy ? "the " + Role.str() + " '" : "'") + Obj.Name + "'";
  std::string Message = What.str() + " " + rangeText(V) + " on this path and ";
  if (Over) {
    Message += "reaches past the end of " + Object + ", which has " + show(Obj.Size) + Unit +
               "; keep it " +
               (Slack ? "at most " + show(Obj.Size + Slack - 1) : "below " + show(Obj.Size));
  } else {
    const std::string Start = Obj.Via && Obj.D ? "'" + Obj.D->getNameAsString() + "'" : Object;
    Message += "reaches before the start of " + Start + "; keep it at " +
               show(-Obj.ViaOffset) + " or above";
  }
  report(SM, Loc, Message, Sev, DataKey);
  if (Why.At && Why.Var)
    diag(SM.getFileLoc(Why.At->getBeginLoc()),
         Why.Condition ? "'%0' reaches %1 through this condition" : "'%0' is set to %1 here",
         DiagnosticIDs::Note)
        << Why.Var->getName() << show(Why.Value);
  if (Obj.Via && Obj.Alloc)
    diag(SM.getFileLoc(Obj.Alloc->getBeginLoc()), "'%0' points to %1 bytes allocated here",
         DiagnosticIDs::Note)
        << Obj.Via->getName() << show(Obj.AllocBytes);
  if (Obj.Via && Obj.D)
    diag(Obj.Via->getLocation(), Obj.ViaOffset ? "'%0' points to element %2 of '%1' here"
                                               : "'%0' points to '%1' here",
         DiagnosticIDs::Note)
        << Obj.Via->getName() << Obj.D->getName() << show(Obj.ViaOffset);
  if (Obj.D)
    if (const auto *VD = dyn_cast<ValueDecl>(Obj.D))
      diag(VD->getLocation(), "'%0' is declared here as '%1'", DiagnosticIDs::Note)
          << VD->getName() << VD->getType().getAsString(Ctx.getPrintingPolicy());
}

} // namespace clang::tidy::medsec
