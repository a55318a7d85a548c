//===- StatementFacts.h - small structural facts about statements ---------===//
//
// Questions several checks ask of the AST around a statement: what follows it
// in its block, whether a branch always leaves, which variable or field an
// expression names.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_SUPPORT_STATEMENTFACTS_H
#define MEDSEC_CHECKS_SUPPORT_STATEMENTFACTS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"

#include <vector>

namespace clang::tidy::medsec {

/// The statements after S in the block that directly holds it (none when S
/// is not a statement of a block).
std::vector<const Stmt *> following(const Stmt *S, ASTContext &Ctx);

/// Does S always leave: a return, break, continue or goto, or a block that
/// ends with one.
bool alwaysExits(const Stmt *S);

/// The variable or field an expression names (x, s.f), ignoring parentheses
/// and implicit casts; null for anything else.
const ValueDecl *referencedDecl(const Expr *E);

} // namespace clang::tidy::medsec

#endif
