//===- DebugBackdoorCheck.h - medsec-debug-backdoor -------------*- C++ -*-===//
#ifndef MEDSEC_CHECKS_DEBUG_DEBUGBACKDOORCHECK_H
#define MEDSEC_CHECKS_DEBUG_DEBUGBACKDOORCHECK_H

#include "../support/MedSecCheck.h"
#include "LocalDataFlow.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include "../support/LazyRegex.h"

#include <memory>

namespace clang::tidy::medsec {

/// Finds debug, test and service back doors: memory peek/poke commands built
/// on received addresses, hidden (magic) commands and address-based trap
/// doors that unlock privileged modes, time or counter logic bombs that
/// switch off safety functions, debug macros defined in the analysed
/// configuration, and debug channels or debug access left enabled
/// (semihosting, ITM, RTT, DBGMCU, SWJ pins, read-out protection).
///
/// For the user-facing documentation see:
/// docs/checks/medsec-debug-backdoor.md
class DebugBackdoorCheck : public MedSecCheck {
public:
  DebugBackdoorCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;

  struct NamedPattern {
    std::string Key;
    std::shared_ptr<LazyRegex> Re;
    bool IsFlag = false;
    std::string Reason;
  };
  struct DebugMacro {
    std::string Name; // exact name, unless Re is set
    std::shared_ptr<LazyRegex> Re;
    std::string Reason;
    rules::Severity Sev;
  };
  struct DebugApi {
    std::string Reason;
    std::vector<std::string> Values;
    rules::Severity Sev;
  };
  struct DebugRegister {
    std::string Key, Record, Field, Reason;
    std::vector<std::string> Values;
    rules::Severity Sev;
  };

  // Used by the preprocessor callbacks.
  const DebugMacro *debugMacro(StringRef Name) const;
  const DebugApi *debugApi(StringRef Name) const;
  void reportAt(const SourceManager &SM, SourceLocation Loc, const std::string &Message,
                rules::Severity Sev, StringRef Key);

private:
  void checkPointerFromInteger(const CastExpr *Cast, const FunctionDecl *Fn,
                               const SourceManager &SM);
  void checkRegisterWrite(const BinaryOperator *Assign, const MemberExpr *Member,
                          const SourceManager &SM, const LangOptions &LO);
  void checkApiUse(const DeclRefExpr *Ref, const FunctionDecl *FD, const SourceManager &SM,
                   ASTContext &Ctx);
  void checkAsm(const GCCAsmStmt *Asm, const SourceManager &SM);
  void checkCondition(const Stmt *Branching, const Expr *Cond, const Stmt *Then, const Stmt *Else,
                      const FunctionDecl *Fn, ASTContext &Ctx);
  void checkSwitch(const SwitchStmt *Switch, const FunctionDecl *Fn, ASTContext &Ctx);
  struct Suspect;
  bool classifyLeaf(const Expr *Leaf, const FunctionDecl *Fn, ASTContext &Ctx, Suspect &Out);

  const LocalDataFlow &received(const FunctionDecl *Fn);
  const LocalDataFlow &timed(const FunctionDecl *Fn);
  bool isAuthenticationCheck(const Expr *Cond) const;
  /// The first call or flag setting in S matching Actions, with its name.
  const Stmt *findAction(const Stmt *S, const std::vector<NamedPattern> &Actions, bool FlagOn,
                         std::string &What, ASTContext &Ctx) const;

  std::vector<DebugMacro> Macros;
  llvm::StringMap<DebugApi> Apis;
  std::vector<DebugRegister> Registers;
  std::vector<NamedPattern> AsmPatterns;
  FlowSources ReceiveSources, TimeSources;
  llvm::StringMap<std::vector<unsigned>> CompareFunctions;
  std::vector<NamedPattern> Authentication, Privileged, SafetyDisable, TrapLiterals, TrapVariables;
  mutable llvm::StringMap<bool> AuthenticationNames; // name -> matches an Authentication pattern
  mutable llvm::StringMap<int> MacroNames;           // name -> index into Macros, -1 for none
  std::vector<NamedPattern> TrapActions; // Privileged plus the peer-responses
  long long MagicMinimum = 256;
  long long BombMinimum = 1000;
  rules::Severity Default = rules::Severity::High;

  llvm::DenseSet<SourceLocation> Reported;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<LocalDataFlow>> ReceivedFlows, TimeFlows;
};

} // namespace clang::tidy::medsec

#endif
