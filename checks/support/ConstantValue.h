//===- ConstantValue.h - is this expression a value fixed in the source? -===//
//
// Traces an expression back to a literal written in the source: a string
// literal, a brace list of integer constants, or an integer constant, through
// casts, &a[0], macros, and local and global variables that are const or never
// modified. Shared by the secrets and crypto checks.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_SUPPORT_CONSTANTVALUE_H
#define MEDSEC_CHECKS_SUPPORT_CONSTANTVALUE_H

#include "AstQueries.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::medsec {

struct ConstantValue {
  enum class Kind { String, Array, Integer };
  Kind K = Kind::Integer;
  const Expr *Literal = nullptr;   // the string literal, init list or integer expression
  const VarDecl *Holder = nullptr; // the variable whose initialiser is the literal
  std::vector<uint64_t> Values;    // characters (no terminator) or array elements
  bool Complete = true;            // every array element known (no run-time parts)

  bool allZero() const;
  /// The characters of a string constant (bytes of the low 8 bits).
  std::string text() const;
};

/// Per translation unit: which local variables are written after their
/// initialisation (assigned, incremented, address passed on, ...). Computed
/// once per function and cached, so tracing stays cheap on every match.
class ConstantTracer {
public:
  /// The constant E evaluates to, or nothing when any part of it can change at
  /// run time. ExceptUse is a use of the variable that does not count as a
  /// modification (the call being examined, which may update an IV in place).
  /// RequireConst: a non-const global array is accepted only when this is false
  /// and its initialiser is not all zero (an image-resident initial value).
  std::optional<ConstantValue> trace(const Expr *E, ASTContext &Ctx,
                                     const Expr *ExceptUse = nullptr, bool RequireConst = false);
  void reset() { Modified.clear(); }

private:
  std::optional<ConstantValue> traceImpl(const Expr *E, ASTContext &Ctx, const Expr *ExceptUse,
                                         bool RequireConst, unsigned Depth);
  bool isModified(const VarDecl *V, const Expr *ExceptUse, ASTContext &Ctx);

  /// Function -> local variable -> the expressions that may modify it.
  llvm::DenseMap<const Decl *, llvm::DenseMap<const VarDecl *, llvm::SmallVector<const Expr *, 2>>>
      Modified;
};

/// Names of the macros the expression was written through, outermost first
/// (`CALG_MD5` in `CryptCreateHash(p, CALG_MD5, ...)`), then the enumerator or
/// variable it names, if any.
llvm::SmallVector<std::string, 4> constantNames(const Expr *E, const SourceManager &SM,
                                                const LangOptions &LO);

/// Where the constant Name (one of constantNames(E)) is written for E: the
/// macro name token, or the enumerator reference; made actionable.
SourceLocation constantNameLocation(const Expr *E, llvm::StringRef Name, const SourceManager &SM,
                                    const LangOptions &LO);

/// The integer value of E if it is a constant (integer constant expression,
/// or traced through const variables).
std::optional<int64_t> integerValue(const Expr *E, ASTContext &Ctx, ConstantTracer &Tracer);

/// Where a developer changes the value: the #define line when the literal was
/// written in a macro body, else the variable holding it, else the literal.
SourceLocation definitionLocation(const ConstantValue &V, const SourceManager &SM);




} // namespace clang::tidy::medsec

#endif
