//===- AstQueries.h - questions several checks ask of the AST ---*- C++ -*-===//
//
// One home for the small AST questions more than one check asks: is this a
// library function, where does a developer act on a finding, which function
// holds a statement, which block, which variable an lvalue is rooted at.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_SUPPORT_ASTQUERIES_H
#define MEDSEC_CHECKS_SUPPORT_ASTQUERIES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::medsec {

/// A library function is a C function (or one in namespace std), not a
/// project function that happens to share the name.
bool isLibraryFunction(const FunctionDecl *FD);

/// Where a finding inside a macro expansion is reported: where the name is
/// spelled, unless that is a system header or scratch space, then where the
/// macro was used.
SourceLocation actionableLocation(SourceLocation Loc, const SourceManager &SM);

/// Where a call or function reference written through a macro is reported:
/// where the developer wrote it in the function (the macro's expansion, or the
/// spelling of a macro argument), as clang's own diagnostics do, so each use
/// of `#define MKTEMP mktemp` is a finding and a macro never expanded is none.
/// MacroDef is set to the spelling inside a project macro's body (for a note
/// at the definition), else left invalid.
SourceLocation callSiteLocation(SourceLocation Loc, const SourceManager &SM,
                                SourceLocation &MacroDef);

/// Where a call is reported when its result is at stake: where the callee's
/// name is written, in the file; a name hidden in a macro (the FreeRTOS
/// xSemaphoreTake) is named where the developer wrote the macro.
SourceLocation calleeNameLocation(const CallExpr *Call, const SourceManager &SM);

/// The name of the function a call calls directly, empty for an indirect call
/// or a callee without an identifier (an operator, a constructor).
StringRef directCalleeName(const CallExpr *C);

/// A macro's replacement as one string, parentheses left out: `( 1 )` and
/// `1U` read "1" and "1U", `(0x0)` reads "0x0"; for judging simple values.
std::string macroBodyText(const MacroInfo &MI, Preprocessor &PP);

/// The function, method, block or lambda whose body contains S (by parents).
const Decl *enclosingFunction(const Stmt &S, ASTContext &Ctx);

/// The statement that holds S directly in a compound statement (S itself, or
/// the expression around it), and that block; null when S is not inside an
/// expression statement of a block (a condition, an initialiser).
const Stmt *statementInBlock(const Stmt *S, ASTContext &Ctx, const CompoundStmt *&Block);

/// The variable an lvalue or pointer expression is rooted at: `v`, `s.f`,
/// `a[i]`, `*p`, `&x`, `p + n`; null for anything else (a call, a field of a
/// call's result).
const ValueDecl *baseVariable(const Expr *E);

} // namespace clang::tidy::medsec

#endif
