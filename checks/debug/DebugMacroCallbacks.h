//===- DebugMacroCallbacks.h - debug macros and macro APIs ------*- C++ -*-===//
//
// Preprocessor half of medsec-debug-backdoor: debug macros defined in the
// analysed configuration (header or command line) and debug APIs that are
// function-like macros (__HAL_AFIO_REMAP_SWJ_ENABLE).
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_DEBUG_DEBUGMACROCALLBACKS_H
#define MEDSEC_CHECKS_DEBUG_DEBUGMACROCALLBACKS_H

#include "DebugBackdoorCheck.h"

#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"

namespace clang::tidy::medsec {

class DebugMacroCallbacks : public PPCallbacks {
public:
  DebugMacroCallbacks(DebugBackdoorCheck &Check, const SourceManager &SM, Preprocessor &PP)
      : Check(Check), SM(SM), PP(PP) {}

  void MacroDefined(const Token &Name, const MacroDirective *MD) override;
  void MacroUndefined(const Token &Name, const MacroDefinition &MD,
                      const MacroDirective *Undef) override;
  void MacroExpands(const Token &Name, const MacroDefinition &MD, SourceRange Range,
                    const MacroArgs *Args) override;
  void Ifdef(SourceLocation Loc, const Token &Name, const MacroDefinition &MD) override;
  void Ifndef(SourceLocation Loc, const Token &Name, const MacroDefinition &MD) override;
  void Elifdef(SourceLocation Loc, const Token &Name, const MacroDefinition &MD) override;
  void Elifndef(SourceLocation Loc, const Token &Name, const MacroDefinition &MD) override;
  void Defined(const Token &Name, const MacroDefinition &MD, SourceRange Range) override;
  void EndOfMainFile() override;
  // Defined out of line in libclang: overriding it keeps this vtable free of
  // symbols another LLVM major lacks, so the plugin still loads there and its
  // version guard can explain the mismatch.
  void HasInclude(SourceLocation, StringRef, bool, OptionalFileEntryRef,
                  SrcMgr::CharacteristicKind) override {}

private:
  struct Definition {
    std::string Name;
    SourceLocation Loc;
    bool CommandLine = false;
    bool Off = false;             // defined to 0: off for #if, on for #ifdef
    bool TestedAsDefined = false; // #ifdef/defined() saw it defined
    std::string Spelling;         // -DNAME=VALUE for command-line definitions
    const DebugBackdoorCheck::DebugMacro *Entry = nullptr;
  };
  void testedForDefinition(const Token &Name, const MacroDefinition &MD);

  DebugBackdoorCheck &Check;
  const SourceManager &SM;
  Preprocessor &PP;
  std::vector<Definition> Definitions; // in definition order
};

} // namespace clang::tidy::medsec

#endif
