//===- LocalDataFlow.h - intra-function "derived from" analysis -*- C++ -*-===//
//
// A small, flow-insensitive, intra-function data flow: which variables of one
// function may hold a value derived from a source (received data, a clock).
// Self-contained on purpose, so the debug checks can move to the project's
// taint engine once it exists without changing their matching logic.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_DEBUG_LOCALDATAFLOW_H
#define MEDSEC_CHECKS_DEBUG_LOCALDATAFLOW_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "../support/LazyRegex.h"

#include <memory>
#include <string>
#include <vector>

namespace clang::tidy::medsec {

/// Where source values come from and how they travel through library calls.
struct FlowSources {
  struct Call {
    bool Returns = false;             // the result is a source value
    std::vector<unsigned> BufferArgs; // these arguments' objects are filled with source data
  };
  struct Propagator {
    unsigned From = 0;
    enum { Return, Out, Arg } To = Return;
    unsigned ToArg = 0;
  };
  llvm::StringMap<Call> Calls;
  llvm::StringMap<Propagator> Propagators;
  std::shared_ptr<LazyRegex> ParamFunctions; // all parameters of these functions are sources
  std::shared_ptr<LazyRegex> VariableNames;  // variables (any scope) whose name says "source"
  // Only buffers (arrays, pointers) are taken by their name: a scalar named
  // `request` is a DMA request line as often as a received request.
  bool NamedBuffersOnly = false;
  // Parameters of ParamFunctions whose pointee type has such a name are a
  // driver's handle or context (HAL_DMA_IRQHandler(DMA_HandleTypeDef *)),
  // not received data.
  std::shared_ptr<LazyRegex> HandleTypes;
  std::string What = "received data";          // for messages
};

/// Result of the analysis of one function body.
class LocalDataFlow {
public:
  LocalDataFlow(const FunctionDecl &Fn, const FlowSources &Sources);

  /// E's value may derive from a source. An array element selected by a
  /// source index (a table lookup) does not: the table is trusted.
  bool derived(const Expr *E) const;
  /// Why the first source behind E is one, for a note.
  std::string origin(const Expr *E) const;
  /// The first source behind E: a variable name or a call.
  std::string sourceName(const Expr *E) const;
  /// A location for that note.
  SourceLocation originLoc(const Expr *E) const;
  /// The steps from E back to its source, nearest first, for notes.
  std::vector<std::pair<std::string, SourceLocation>> chain(const Expr *E) const;

private:
  const ValueDecl *sourceVar(const Expr *E) const;
  bool isDriverHandle(QualType T) const;
  bool callDerived(const CallExpr *C) const;
  bool taint(const ValueDecl *D, std::string Why, SourceLocation Loc,
             const ValueDecl *From = nullptr);
  bool propagate(const Stmt *S);
  const ValueDecl *baseVar(const Expr *E) const;

  const FunctionDecl &Fn;
  const FlowSources &Sources;
  struct Origin {
    std::string Why;
    SourceLocation Loc;
    const ValueDecl *From = nullptr; // the variable it was derived from
  };
  llvm::DenseMap<const ValueDecl *, Origin> Tainted;
};

} // namespace clang::tidy::medsec

#endif
