//===- DebugMacroCallbacks.cpp --------------------------------------------===//
#include "DebugMacroCallbacks.h"
#include "../support/AstQueries.h"

#include "clang/Lex/MacroInfo.h"

namespace clang::tidy::medsec {
namespace {

/// `#define DEBUG 0`, `(0)`, `0U`, `0x0`, `false`: off when tested with #if.
bool definesZero(const MacroInfo &MI, Preprocessor &PP) {
  const std::string Body = macroBodyText(MI, PP);
  if (Body == "false")
    return true;
  if (Body.empty() || Body[0] != '0')
    return false;
  for (char C : StringRef(Body).drop_front())
    if (C != '0' && C != 'x' && C != 'X' && C != 'u' && C != 'U' && C != 'l' && C != 'L')
      return false;
  return true;
}

std::string commandLineSpelling(StringRef Name, const MacroInfo &MI, Preprocessor &PP) {
  std::string S = "-D" + Name.str();
  if (MI.getNumTokens() == 0)
    return S;
  S += "=";
  for (const Token &T : MI.tokens())
    S += PP.getSpelling(T);
  return S;
}

} // namespace

void DebugMacroCallbacks::MacroDefined(const Token &Name, const MacroDirective *MD) {
  const IdentifierInfo *II = Name.getIdentifierInfo();
  if (!II || !MD || !MD->getMacroInfo())
    return;
  // Where first: the predefined and system macros (hundreds in every unit)
  // are never reported, and need not meet the catalogue's patterns.
  const SourceLocation Loc = Name.getLocation();
  Definition D;
  D.CommandLine = SM.isWrittenInCommandLineFile(Loc);
  if (!D.CommandLine && (SM.isWrittenInBuiltinFile(Loc) || SM.isInSystemHeader(Loc)))
    return;
  const DebugBackdoorCheck::DebugMacro *Entry = Check.debugMacro(II->getName());
  if (!Entry)
    return;
  D.Name = II->getName().str();
  D.Loc = Loc;
  D.Off = definesZero(*MD->getMacroInfo(), PP);
  D.Entry = Entry;
  if (D.CommandLine)
    D.Spelling = commandLineSpelling(D.Name, *MD->getMacroInfo(), PP);
  Definitions.push_back(std::move(D));
}

void DebugMacroCallbacks::MacroUndefined(const Token &Name, const MacroDefinition &,
                                         const MacroDirective *) {
  // `#undef DEBUG` in the release configuration withdraws the definition.
  const IdentifierInfo *II = Name.getIdentifierInfo();
  if (!II)
    return;
  llvm::erase_if(Definitions, [&](const Definition &D) { return D.Name == II->getName(); });
}

void DebugMacroCallbacks::testedForDefinition(const Token &Name, const MacroDefinition &MD) {
  const IdentifierInfo *II = Name.getIdentifierInfo();
  if (!II || !MD.getMacroInfo())
    return; // tested while undefined: the guard of its own definition
  for (Definition &D : Definitions)
    if (D.Name == II->getName())
      D.TestedAsDefined = true;
}

void DebugMacroCallbacks::Ifdef(SourceLocation, const Token &Name, const MacroDefinition &MD) {
  testedForDefinition(Name, MD);
}
void DebugMacroCallbacks::Ifndef(SourceLocation, const Token &Name, const MacroDefinition &MD) {
  testedForDefinition(Name, MD);
}
void DebugMacroCallbacks::Elifdef(SourceLocation, const Token &Name, const MacroDefinition &MD) {
  testedForDefinition(Name, MD);
}
void DebugMacroCallbacks::Elifndef(SourceLocation, const Token &Name, const MacroDefinition &MD) {
  testedForDefinition(Name, MD);
}
void DebugMacroCallbacks::Defined(const Token &Name, const MacroDefinition &MD, SourceRange) {
  testedForDefinition(Name, MD);
}

void DebugMacroCallbacks::MacroExpands(const Token &Name, const MacroDefinition &MD,
                                       SourceRange Range, const MacroArgs *) {
  const IdentifierInfo *II = Name.getIdentifierInfo();
  if (!II || !MD.getMacroInfo() || !MD.getMacroInfo()->isFunctionLike())
    return;
  const DebugBackdoorCheck::DebugApi *Api = Check.debugApi(II->getName());
  if (!Api || !Api->Values.empty())
    return; // value-restricted entries need the arguments: judged on the AST
  const SourceLocation Loc = SM.getFileLoc(Name.getLocation());
  if (Loc.isInvalid() || SM.isInSystemHeader(Loc) || SM.isWrittenInBuiltinFile(Loc))
    return;
  Check.reportAt(SM, Loc,
                 "'" + II->getName().str() + "' " + Api->Reason +
                     "; debug features must be removed or locked before release",
                 Api->Sev, II->getName());
}

void DebugMacroCallbacks::EndOfMainFile() {
  const SourceLocation MainStart = SM.getLocForStartOfFile(SM.getMainFileID());
  for (const Definition &D : Definitions) {
    if (D.Off && !D.TestedAsDefined)
      continue; // `#define DEBUG 0` read with #if DEBUG: switched off
    const std::string What = "'" + D.Name + "' " + "(" + D.Entry->Reason + ")";
    std::string Message;
    if (D.Off)
      Message = What +
                " is defined as 0, but #ifdef or defined() treats it as switched on in this "
                "configuration; remove the definition from release builds or test it with #if";
    else if (D.CommandLine)
      Message = What + " is defined on the command line (" + D.Spelling +
                ") of this configuration; remove it from the release build configuration";
    else
      Message = What + " is defined in this configuration; set it to 0 or remove it for release "
                       "builds";
    Check.reportAt(SM, D.CommandLine ? MainStart : D.Loc, Message, D.Entry->Sev, D.Name);
  }
  Definitions.clear();
}

} // namespace clang::tidy::medsec
