//===- ArrayOutOfBoundsCheck.h - medsec-array-out-of-bounds -----*- C++ -*-===//
#ifndef MEDSEC_CHECKS_MEMORY_ARRAYOUTOFBOUNDSCHECK_H
#define MEDSEC_CHECKS_MEMORY_ARRAYOUTOFBOUNDSCHECK_H

#include "../support/MedSecCheck.h"
#include "../support/taint/ValueRanges.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"

namespace clang {
class ParentMap;
}

namespace clang::tidy::medsec {

/// Reports an index, a pointer offset or a copy length whose range, computed
/// by the interval engine over the function's own integers
/// (support/taint/ValueRanges.h), reaches outside the array or object on some
/// path: a loop one past the end, `a[K + i]` over the size, a negative index,
/// a copy longer than its source or destination, a length that is the size of
/// a pointer where the object is an array. Only ends the engine proves reached
/// are reported; a constant index into a constant array is clang's own
/// -Warray-bounds and a constant length into a whole variable its
/// -Wfortify-source, so neither is reported twice.
///
/// For the user-facing documentation see:
/// docs/checks/medsec-array-out-of-bounds.md
class ArrayOutOfBoundsCheck : public MedSecCheck {
public:
  ArrayOutOfBoundsCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override { Reported.clear(); }

  /// An object an index, an offset or a length is measured against.
  struct Object {
    taint::Int Size = 0;                  // elements of an array, bytes for a copy
    const NamedDecl *D = nullptr;  // what the note points at
    std::string Name;              // as written
    bool Whole = false;            // a whole variable: clang's fortify checks sees it
    const VarDecl *Via = nullptr;  // the pointer that aliases the array
    taint::Int ViaOffset = 0;      // the element it points to
    const CallExpr *Alloc = nullptr; // the allocation Via holds, of AllocBytes
    taint::Int AllocBytes = 0;
  };
  /// Local pointers set once to an array or a constant offset into it.
  struct Alias {
    const Expr *Array = nullptr;     // the array it points into, at Offset elements
    taint::Int Offset = 0;
    const CallExpr *Alloc = nullptr; // or the allocation of HeapBytes it holds
    taint::Int HeapBytes = 0;
  };
  using AliasMap = llvm::DenseMap<const VarDecl *, Alias>;

private:
  AliasMap pointerAliases(const FunctionDecl *FD, const ParentMap &PM,
                          const ASTContext &Ctx) const;
  /// The bytes a call of a catalogued allocation function with constant
  /// arguments allocates.
  std::optional<taint::Int> allocatedBytes(const Expr *X, const ASTContext &Ctx) const;
  struct CopyFunction {
    int Destination = -1, Source = -1, Length = -1;
    bool Fortified = false; // clang's -Wfortify-source checks its constant lengths
    rules::Severity Sev;
  };
  void visit(const Stmt *St, const taint::RangeQuery &Q, const ParentMap &PM, ASTContext &Ctx);
  void checkSubscript(const ArraySubscriptExpr *AS, const taint::RangeQuery &Q,
                      const ParentMap &PM, ASTContext &Ctx);
  void checkOffset(const BinaryOperator *BO, const taint::RangeQuery &Q, const ParentMap &PM,
                   ASTContext &Ctx);
  void checkCopy(const CallExpr *CE, const taint::RangeQuery &Q, ASTContext &Ctx);
  void checkPointerSize(const CallExpr *CE, const CopyFunction &Spec, StringRef Name,
                        ASTContext &Ctx);
  /// Reports V against Obj when a reached end lies outside [0, Obj.Size + Slack).
  /// Role: empty for an index or offset, else the copy argument's role.
  void reportRange(SourceLocation Loc, const taint::ValueRange &V, const Object &Obj, taint::Int Slack,
                   StringRef What, StringRef Role, ASTContext &Ctx, rules::Severity Sev,
                   StringRef DataKey);
  struct AllocationFunction {
    int Count = -1, Size = -1; // argument positions: count * size bytes (no count: size)
  };
  llvm::StringMap<CopyFunction> Copies; // by name, from the catalogue
  llvm::StringMap<AllocationFunction> Allocations;
  AliasMap Aliases;                     // of the function being checked
  llvm::DenseSet<unsigned> Reported; // raw location * 4 + kind, in this unit
};

} // namespace clang::tidy::medsec

#endif
