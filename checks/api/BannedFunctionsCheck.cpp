//===- BannedFunctionsCheck.cpp - medsec-banned-functions -----------------===//
#include "BannedFunctionsCheck.h"
#include "../support/NameSetMatcher.h"

#include "../support/ConstantValue.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/FormatString.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/TargetInfo.h"
#include "clang/Lex/ExternalPreprocessorSource.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"

using namespace clang::ast_matchers;

namespace clang::tidy::medsec {
namespace {

using namespace clang::analyze_format_string;

/// The text of a string-literal format argument, or nothing.
std::optional<std::string> literalText(const Expr *E) {
  const auto *SL = dyn_cast<StringLiteral>(E->IgnoreParenImpCasts());
  if (!SL)
    return std::nullopt;
  if (SL->getCharByteWidth() == 1)
    return SL->getString().str();
  // Wide formats: the conversions are ASCII, which is all the parsers need.
  std::string S;
  for (unsigned I = 0; I < SL->getLength(); ++I) {
    uint32_t C = SL->getCodeUnit(I);
    S.push_back(C < 128 ? static_cast<char>(C) : '?');
  }
  return S;
}

/// Finds the first conversion of a scanf format that writes a string with no
/// bound: %s, %S or %[ with no field width, no '*' and no allocation modifier.
class UnboundedScanfFinder : public FormatStringHandler {
public:
  bool HandleScanfSpecifier(const analyze_scanf::ScanfSpecifier &FS, const char *Start,
                            unsigned Len) override {
    using K = analyze_format_string::ConversionSpecifier;
    const auto Kind = FS.getConversionSpecifier().getKind();
    const bool WritesString = Kind == K::sArg || Kind == K::ScanListArg || Kind == K::SArg;
    const auto LM = FS.getLengthModifier().getKind();
    const bool Allocates = LM == LengthModifier::AsAllocate || LM == LengthModifier::AsMAllocate;
    if (WritesString && !FS.getSuppressAssignment() && !Allocates &&
        FS.getFieldWidth().getHowSpecified() == OptionalAmount::NotSpecified) {
      Unbounded = std::string(Start, Len);
      if (Kind == K::ScanListArg)
        Unbounded = "%[";
      return false; // one is enough
    }
    return true;
  }
  std::optional<std::string> Unbounded;
};

unsigned decimalDigits(unsigned long long V) {
  unsigned D = 1;
  while (V >= 10) {
    V /= 10;
    ++D;
  }
  return D;
}

/// Computes the longest output of a printf format, or reports the first
/// conversion whose output has no bound.
class PrintfLengthBound : public FormatStringHandler {
public:
  explicit PrintfLengthBound(const TargetInfo &T) : Target(T) {}

  bool HandlePrintfSpecifier(const analyze_printf::PrintfSpecifier &FS, const char *Start,
                             unsigned Len, const TargetInfo &) override {
    SpecifierChars += Len;
    const OptionalAmount &Width = FS.getFieldWidth();
    if (Width.getHowSpecified() == OptionalAmount::Arg) {
      return unbounded(Start, Len);
    }
    std::optional<unsigned long long> Out = conversionLength(FS);
    if (!Out)
      return unbounded(Start, Len);
    unsigned long long L = *Out;
    if (Width.getHowSpecified() == OptionalAmount::Constant)
      L = std::max<unsigned long long>(L, Width.getConstantAmount());
    Total += L;
    return true;
  }
  bool HandleInvalidPrintfConversionSpecifier(const analyze_printf::PrintfSpecifier &,
                                              const char *Start, unsigned Len) override {
    SpecifierChars += Len;
    return unbounded(Start, Len);
  }

  std::optional<std::string> UnboundedSpec;
  unsigned long long Total = 0;
  unsigned long long SpecifierChars = 0;

private:
  bool unbounded(const char *Start, unsigned Len) {
    UnboundedSpec = std::string(Start, Len);
    return false;
  }

  unsigned intBits(const analyze_printf::PrintfSpecifier &FS) const {
    switch (FS.getLengthModifier().getKind()) {
    case LengthModifier::None:
      return Target.getIntWidth();
    case LengthModifier::AsChar:
      return Target.getCharWidth();
    case LengthModifier::AsShort:
      return Target.getShortWidth();
    case LengthModifier::AsLong:
      return Target.getLongWidth();
    default:
      return 64;
    }
  }

  std::optional<unsigned long long> conversionLength(const analyze_printf::PrintfSpecifier &FS) {
    using K = analyze_format_string::ConversionSpecifier;
    const OptionalAmount &Precision = FS.getPrecision();
    if (Precision.getHowSpecified() == OptionalAmount::Arg)
      return std::nullopt;
    const unsigned long long Prec =
        Precision.getHowSpecified() == OptionalAmount::Constant ? Precision.getConstantAmount() : 0;
    const unsigned Bits = intBits(FS);
    const unsigned long long Max = Bits >= 64 ? ~0ULL : ((1ULL << Bits) - 1);
    switch (FS.getConversionSpecifier().getKind()) {
    case K::PercentArg:
    case K::cArg:
      return 1;
    case K::dArg:
    case K::DArg:
    case K::iArg:
      return std::max<unsigned long long>(decimalDigits(Max / 2 + 1), Prec) + 1;
    case K::uArg:
    case K::UArg:
      return std::max<unsigned long long>(decimalDigits(Max), Prec);
    case K::xArg:
    case K::XArg:
      return std::max<unsigned long long>((Bits + 3) / 4, Prec) + (FS.hasAlternativeForm() ? 2 : 0);
    case K::oArg:
    case K::OArg:
      return std::max<unsigned long long>((Bits + 2) / 3, Prec) + 1;
    case K::pArg:
      return Target.getPointerWidth(LangAS::Default) / 4 + 2;
    case K::sArg:
      if (Precision.getHowSpecified() == OptionalAmount::Constant)
        return Prec;
      return std::nullopt;
    default: // floating point, %n, %S, %C, extensions: no small bound
      return std::nullopt;
    }
  }

  const TargetInfo &Target;
};

bool isCharArrayDestination(const Expr *E, const ASTContext &Ctx, uint64_t &Size) {
  const Expr *Base = E->IgnoreParenImpCasts();
  if (!isa<DeclRefExpr, MemberExpr>(Base))
    return false;
  const ConstantArrayType *AT = Ctx.getAsConstantArrayType(Base->getType());
  if (!AT || Ctx.getTypeSizeInChars(AT->getElementType()).getQuantity() != 1)
    return false;
  Size = AT->getSize().getZExtValue();
  return true;
}

/// The expression statement's value is not used: the call stands alone.
bool resultIsUnused(const CallExpr *Call, ASTContext &Ctx) {
  const DynTypedNodeList Parents = Ctx.getParents(*Call);
  return Parents.size() == 1 && Parents[0].get<CompoundStmt>() != nullptr;
}

/// Whether Name is declared at translation-unit scope (the fix-it may call it).
/// In C a lookup in the translation unit first builds its lookup table from
/// every declaration it has, and in clangd most of those are the preamble's:
/// each keystroke deserialised all of them (12 M instructions on the sample's
/// uart_cmd.c). The parser's identifier chains are asked first: once the unit
/// is parsed only its file scope's declarations are left on them, and reading
/// the identifier from the preamble (updateOutOfDateIdentifier) puts the
/// preamble's there. Only a yes is taken from them; a no asks the lookup.
bool isDeclaredInTU(ASTContext &Ctx, Preprocessor *PP, StringRef Name) {
  IdentifierInfo &II = Ctx.Idents.get(Name);
  if (PP && !Ctx.getLangOpts().CPlusPlus && Ctx.getExternalSource()) {
    if (ExternalPreprocessorSource *Preamble = PP->getExternalSource();
        Preamble && II.isOutOfDate())
      Preamble->updateOutOfDateIdentifier(II);
    if (II.getFETokenInfo())
      return true;
  }
  return !Ctx.getTranslationUnitDecl()->lookup(&II).empty();
}

} // namespace

BannedFunctionsCheck::BannedFunctionsCheck(StringRef Name, ClangTidyContext *Context)
    : MedSecCheck(Name, Context) {
  if (!entry())
    return;
  const std::vector<rules::DataEntry> &Entries = entry()->activeData("functions");
  for (const rules::DataEntry &E : Entries) {
    Banned B;
    B.Name = E.Key;
    B.Sev = rules::parseSeverity(E.get("severity")).value_or(entry()->DefaultSeverity);
    const std::string K = E.get("kind", "always");
    B.K = K == "scanf-format"     ? Kind::ScanfFormat
          : K == "sprintf-format" ? Kind::SprintfFormat
                                  : Kind::Always;
    B.FormatArg = static_cast<int>(E.getInt("format-arg", -1));
    B.Replacement = E.get("replacement");
    B.Reason = E.get("reason", "is banned for security-relevant code");
    Functions.push_back(B);
  }
  for (const rules::DataEntry &E : entry()->activeData("stream-extractions")) {
    Extraction X;
    X.Name = E.Key;
    X.Sev = rules::parseSeverity(E.get("severity")).value_or(entry()->DefaultSeverity);
    X.Replacement = E.get("replacement");
    X.Reason = E.get("reason", "has no bound");
    for (const std::string &M : E.getList("width-manipulators"))
      Widths.Manipulators.push_back(M);
    for (const std::string &M : E.getList("width-setters"))
      Widths.Setters.push_back(M);
    Extractions.push_back(X);
  }
  for (size_t I = 0; I < Functions.size(); ++I) {
    ByName[Functions[I].Name] = I;
    for (const std::string &A : Entries[I].getList("aliases"))
      ByName[A] = I;
  }
}

const BannedFunctionsCheck::Banned *BannedFunctionsCheck::lookup(StringRef Name) const {
  auto It = ByName.find(Name);
  return It == ByName.end() ? nullptr : &Functions[It->second];
}

void BannedFunctionsCheck::registerPPCallbacks(const SourceManager &, Preprocessor *ThePP,
                                               Preprocessor *) {
  PP = ThePP;
}

void BannedFunctionsCheck::registerMatchers(MatchFinder *Finder) {
  if (!Extractions.empty()) {
    std::vector<std::string> Ops;
    for (const Extraction &X : Extractions)
      Ops.push_back(X.Name);
    std::vector<StringRef> OpRefs(Ops.begin(), Ops.end());
    Finder->addMatcher(
        cxxOperatorCallExpr(hasOverloadedOperatorName(">>"), callee(functionDecl(hasAnyName(OpRefs))),
                            unless(isExpansionInSystemHeader()))
            .bind("extraction"),
        this);
  }
  if (ByName.empty())
    return;
  std::vector<std::string> Names;
  for (const auto &N : ByName) {
    Names.push_back("::" + N.getKey().str());
    Names.push_back("::std::" + N.getKey().str());
  }
  std::vector<StringRef> Refs(Names.begin(), Names.end());
  Finder->addMatcher(declRefExpr(to(functionDecl(hasAnyCatalogueName(Refs)).bind("fn"))).bind("ref"), this);
}

std::optional<std::string> BannedFunctionsCheck::contextProblem(const Banned &B,
                                                                const CallExpr *Call,
                                                                const ASTContext &Ctx) const {
  int FormatArg = B.FormatArg;
  if (FormatArg < 0)
    if (const FunctionDecl *FD = Call->getDirectCallee())
      if (const auto *FA = FD->getAttr<FormatAttr>())
        FormatArg = FA->getFormatIdx() - 1;
  if (FormatArg < 0 || static_cast<unsigned>(FormatArg) >= Call->getNumArgs())
    return std::string("the format argument cannot be found");
  const std::optional<std::string> Format = literalText(Call->getArg(FormatArg));
  if (B.K == Kind::ScanfFormat) {
    if (!Format)
      return std::string(
          "the format is not a string literal, so its conversions cannot be checked");
    UnboundedScanfFinder H;
    ParseScanfString(H, Format->data(), Format->data() + Format->size(), Ctx.getLangOpts(),
                     Ctx.getTargetInfo());
    if (!H.Unbounded)
      return std::nullopt;
    return "conversion '" + *H.Unbounded + "' has no field width";
  }
  if (!Format)
    return std::string("the format is not a string literal");
  PrintfLengthBound H(Ctx.getTargetInfo());
  ParsePrintfString(H, Format->data(), Format->data() + Format->size(), Ctx.getLangOpts(),
                    Ctx.getTargetInfo(), /*isFreeBSDKPrintf=*/false);
  if (H.UnboundedSpec)
    return "conversion '" + *H.UnboundedSpec + "' has no bounded length";
  const unsigned long long Worst = Format->size() - H.SpecifierChars + H.Total + 1;
  uint64_t Size = 0;
  if (!isCharArrayDestination(Call->getArg(0), Ctx, Size))
    return "the output can be " + std::to_string(Worst) +
           " bytes and the destination size is unknown";
  if (Worst <= Size)
    return std::nullopt;
  return "the output can be " + std::to_string(Worst) + " bytes, the destination holds " +
         std::to_string(Size);
}

void BannedFunctionsCheck::addFixIt(DiagnosticBuilder &D, const Banned &B, const DeclRefExpr *Ref,
                                    const CallExpr *Call, const ASTContext &ConstCtx,
                                    const SourceManager &SM) const {
  // Only rewrites that keep the meaning exactly: a plain call statement whose
  // destination is a named char array, written outside macros.
  ASTContext &Ctx = const_cast<ASTContext &>(ConstCtx);
  if (!Call || Ref->hasQualifier() || Call->getBeginLoc().isMacroID() ||
      Call->getEndLoc().isMacroID() || Call->getNumArgs() < 2 || !resultIsUnused(Call, Ctx))
    return;
  uint64_t Size = 0;
  const Expr *Dest = Call->getArg(0)->IgnoreParenImpCasts();
  if (!isCharArrayDestination(Dest, Ctx, Size) || !isa<DeclRefExpr>(Dest))
    return;
  const std::string DestText =
      Lexer::getSourceText(CharSourceRange::getTokenRange(Dest->getSourceRange()), SM,
                           Ctx.getLangOpts())
          .str();
  const SourceLocation AfterDest =
      Lexer::getLocForEndOfToken(Dest->getEndLoc(), 0, SM, Ctx.getLangOpts());
  const SourceRange NameRange = Ref->getNameInfo().getSourceRange();
  if (B.Name == "strcpy" && Call->getNumArgs() == 2 && isDeclaredInTU(Ctx, PP, "snprintf")) {
    D << FixItHint::CreateReplacement(NameRange, "snprintf")
      << FixItHint::CreateInsertion(AfterDest, ", sizeof(" + DestText + "), \"%s\"");
  } else if ((B.Name == "sprintf" || B.Name == "vsprintf") &&
             isDeclaredInTU(Ctx, PP, B.Name == "sprintf" ? "snprintf" : "vsnprintf")) {
    D << FixItHint::CreateReplacement(NameRange, B.Name == "sprintf" ? "snprintf" : "vsnprintf")
      << FixItHint::CreateInsertion(AfterDest, ", sizeof(" + DestText + ")");
  }
}

void BannedFunctionsCheck::checkExtraction(const CXXOperatorCallExpr *Call,
                                           const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Op = Call->getDirectCallee();
  const std::string Qualified = Op ? "::" + Op->getQualifiedNameAsString() : "";
  const auto X = llvm::find_if(Extractions, [&](const Extraction &E) {
    return E.Name == Qualified || "::" + E.Name == Qualified;
  });
  if (X == Extractions.end())
    return;
  const std::optional<std::string> Dest = unboundedExtraction(Call, Widths, *Result.Context);
  if (!Dest)
    return;
  const SourceManager &SM = *Result.SourceManager;
  SourceLocation MacroDef;
  const SourceLocation Loc = callSiteLocation(Call->getOperatorLoc(), SM, MacroDef);
  if (!Reported.insert(Loc).second)
    return;
  std::string Message = "'>>' into " + *Dest + " " + X->Reason;
  if (!X->Replacement.empty())
    Message += "; use " + X->Replacement;
  report(SM, Loc, Message, X->Sev, X->Name);
}

void BannedFunctionsCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Call = Result.Nodes.getNodeAs<CXXOperatorCallExpr>("extraction")) {
    checkExtraction(Call, Result);
    return;
  }
  const auto *Ref = Result.Nodes.getNodeAs<DeclRefExpr>("ref");
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  // A project's own function that merely shares a libc name is not libc's.
  if (!FD->isExternC() && !FD->isInStdNamespace() && !FD->getBuiltinID())
    return;
  const Banned *B = lookup(FD->getName());
  if (!B)
    return;
  const SourceManager &SM = *Result.SourceManager;
  ASTContext &Ctx = *Result.Context;

  const CallExpr *Call = nullptr;
  const DynTypedNodeList Parents = Ctx.getParents(*Ref);
  if (Parents.size() == 1)
    if (const auto *Cast = Parents[0].get<ImplicitCastExpr>()) {
      const DynTypedNodeList CastParents = Ctx.getParents(*Cast);
      if (CastParents.size() == 1)
        if (const auto *C = CastParents[0].get<CallExpr>())
          if (C->getCallee()->IgnoreParenImpCasts() == Ref)
            Call = C;
    }

  std::string Detail;
  if (B->K != Kind::Always) {
    // A reference that is not called here cannot be judged by its format,
    // and neither can the calls made through it later.
    std::optional<std::string> Problem =
        Call ? contextProblem(*B, Call, Ctx)
             : std::optional<std::string>(
                   "its address is taken, so calls through it cannot be checked");
    if (!Problem)
      return;
    Detail = " (" + *Problem + ")";
  }

  // Report where the developer wrote the call; a project macro that spells
  // the name (#define MKTEMP mktemp) gets a note at its definition.
  SourceLocation MacroDef;
  const SourceLocation Loc = callSiteLocation(Ref->getLocation(), SM, MacroDef);
  if (!Reported.insert(Loc).second)
    return;
  std::string Message = "'" + B->Name + "' " + B->Reason + Detail;
  if (!B->Replacement.empty())
    Message += "; use " + B->Replacement;
  {
    DiagnosticBuilder D = report(SM, Loc, Message, B->Sev, B->Name);
    if (Loc == Ref->getLocation())
      addFixIt(D, *B, Ref, Call, Ctx, SM);
  }
  if (MacroDef.isValid())
    diag(MacroDef, "'%0' is written in the macro '%1' defined here", DiagnosticIDs::Note)
        << B->Name << Lexer::getImmediateMacroName(Ref->getLocation(), SM, Ctx.getLangOpts());
}

} // namespace clang::tidy::medsec
