//===- HardcodedCredentialsCheck.h - medsec-hardcoded-credentials -*- C++ -*-===//
#ifndef MEDSEC_CHECKS_SECRETS_HARDCODEDCREDENTIALSCHECK_H
#define MEDSEC_CHECKS_SECRETS_HARDCODEDCREDENTIALSCHECK_H

#include "../support/ApiArgumentTable.h"
#include "../support/ConstantValue.h"
#include "../support/MedSecCheck.h"
#include "../support/SecretNames.h"

#include "clang/Lex/MacroInfo.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "../support/LazyRegex.h"

#include <map>
#include <memory>
#include <set>

namespace clang::tidy::medsec {

/// Finds passwords, keys, PSKs and tokens written into the source: constants
/// held by credential-named variables, fields and macros; constants passed as
/// the key/password argument of known crypto and authentication APIs;
/// literals that are secrets by their content (PEM private keys, token
/// formats); and received input compared with a constant credential.
/// Each secret is reported once, at its definition, with notes at the uses
/// that prove it is one.
///
/// For the user-facing documentation see:
/// docs/checks/medsec-hardcoded-credentials.md
class HardcodedCredentialsCheck : public MedSecCheck {
public:
  HardcodedCredentialsCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;

  /// A string macro with a credential name (#define WIFI_PASSWORD "...").
  void macroDefined(const Token &NameTok, const MacroInfo &MI);

private:
  struct Note {
    SourceLocation Loc;
    std::string Text;
  };
  struct Finding {
    std::string Message;
    int Strength = 0; // a message from a name beats one from a use
    std::vector<Note> Notes;
  };

  void checkNamedValue(StringRef Name, const Expr *Value, ASTContext &Ctx, const Expr *ExceptUse,
                       SourceLocation DeclLoc = SourceLocation());
  void checkApiCall(const CallExpr *Call, const FunctionDecl *FD, ASTContext &Ctx);
  void checkKeyField(const FieldDecl *Field, const Expr *Value, ASTContext &Ctx);
  void checkComparison(const Expr *Use, const Expr *A, const Expr *B, StringRef What,
                       ASTContext &Ctx);
  void checkCopy(const CallExpr *Call, const FunctionDecl *FD, ASTContext &Ctx);
  /// The copied source when E is a call returning a copy (strdup("...")), else E.
  const Expr *copiedValue(const Expr *E) const;
  /// Whether a key-argument entry that applies only with certain selector
  /// constants (pam_set_item with PAM_AUTHTOK) applies to this call.
  bool selectorApplies(const ::medsec::rules::DataEntry *E, const CallExpr *Call) const;
  void checkContent(const StringLiteral *SL, ASTContext &Ctx);
  void checkRecordInit(const InitListExpr *IL, ASTContext &Ctx);

  /// Whether the constant may be a secret at all (not a placeholder, a
  /// message, a magic number, a test vector). Files in test paths are the
  /// driver's to label, not the check's to hide.
  bool plausibleSecret(const ConstantValue &V, const SecretNameMatcher::Term *Term,
                       const SourceManager &SM, const LangOptions &LO) const;
  bool isTestName(StringRef Name) const;
  std::optional<std::string> contentKind(StringRef Text) const;
  /// The name a developer sees for the value: holder variable or macro.
  std::string valueName(const ConstantValue &V, const SourceManager &SM,
                        const LangOptions &LO) const;

  std::optional<Note> useNote(const ConstantValue &V, const Expr *Use, std::string Text) const;
  void addFinding(SourceLocation Loc, std::string Message, int Strength,
                  std::optional<Note> N = std::nullopt);

  std::shared_ptr<const SecretNameMatcher> Names = std::make_shared<const SecretNameMatcher>();
  std::vector<std::string> TestWords;
  std::vector<std::unique_ptr<LazyRegex>> NonSecretValues;
  std::vector<std::pair<std::string, std::unique_ptr<LazyRegex>>> ContentPatterns;
  std::shared_ptr<const ApiArgumentTable> KeyArgs = std::make_shared<const ApiArgumentTable>(),
                                          CompareFns = std::make_shared<const ApiArgumentTable>();
  llvm::StringMap<std::string> KeyFields; // "Record.field" -> role
  /// Copy functions: destination and source argument; a negative destination
  /// means the copy is the result (strdup).
  llvm::StringMap<std::pair<int, unsigned>> CopyFns;
  llvm::StringSet<> MagicNames;
  std::set<uint64_t> MagicValues;

  ConstantTracer Tracer;
  const SourceManager *SM = nullptr;
  LangOptions LangOpts;
  std::map<SourceLocation, Finding> Findings;
};

} // namespace clang::tidy::medsec

#endif
