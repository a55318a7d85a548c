//===- CfgWorklist.h - the forward CFG analysis both engines run -*- C++ -*-===//
//
// What the taint analysis (TaintFunction.cpp) and the value ranges of the
// program's own integers (ValueRanges.cpp) share beside the interval
// arithmetic of Interval.h: a type's range, the condition a two-way branch
// tests, and the worklist that runs a forward analysis over clang's CFG to a
// fixpoint.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_SUPPORT_TAINT_CFGWORKLIST_H
#define MEDSEC_CHECKS_SUPPORT_TAINT_CFGWORKLIST_H

#include "Interval.h"

#include "clang/AST/ASTContext.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <deque>
#include <memory>
#include <optional>
#include <vector>

namespace clang::tidy::medsec::taint {

/// The limits of both analyses: functions with more blocks are not
/// analysed; a block's state is widened after this many joins; the worklist
/// gives up after this many visits per block.
constexpr unsigned MaxBlocks = 4000;
constexpr unsigned WidenAfterVisits = 3;
constexpr unsigned VisitsPerBlock = 24;

/// The CFG of FD's body as both analyses read it (every expression an
/// element, no implicit destructors); null when it cannot be built or has
/// more than MaxBlocks blocks.
std::unique_ptr<CFG> functionCfg(const FunctionDecl *FD, ASTContext &Ctx);

/// The values of an integer, enumeration or bool type T; nothing for other
/// types and for an enumeration not yet complete.
std::optional<IntRange> typeRangeOf(QualType T, const ASTContext &Ctx);

/// The condition the two-way branch at the end of B tests, when it has one.
const Expr *branchCondition(const CFGBlock &B);

/// Calls F(Successor, Index) for each successor of B a path can take; Index
/// is its position (0 for the true edge of a two-way branch).
template <class Fn> void forEachReachableSuccessor(const CFGBlock &B, Fn F) {
  unsigned Index = 0;
  for (const CFGBlock::AdjacentBlock &Succ : B.succs()) {
    if (const CFGBlock *SB = Succ.getReachableBlock())
      F(SB, Index);
    ++Index;
  }
}

/// Runs a forward analysis over G from the states already in In (the entry's)
/// until no state changes. Process(B, State, OnEdge) runs block B from a copy
/// of its state and calls OnEdge(Successor, State) for each successor the
/// path can take; Join(Into, From, BlockID) merges a new edge state into a
/// block's and returns whether it changed. False when the budget
/// (VisitsPerBlock per block) runs out before the fixpoint.
template <class State>
bool solveForward(
    const CFG &G, std::vector<std::optional<State>> &In, unsigned VisitsPerBlock,
    llvm::function_ref<void(const CFGBlock *, State,
                            llvm::function_ref<void(const CFGBlock *, State &)>)>
        Process,
    llvm::function_ref<bool(State &, const State &, unsigned)> Join) {
  const unsigned N = G.getNumBlockIDs();
  std::deque<const CFGBlock *> Work{&G.getEntry()};
  std::vector<bool> Queued(N, false);
  Queued[G.getEntry().getBlockID()] = true;
  unsigned Budget = VisitsPerBlock * N + 64;
  while (!Work.empty()) {
    if (Budget-- == 0)
      return false;
    const CFGBlock *B = Work.front();
    Work.pop_front();
    Queued[B->getBlockID()] = false;
    Process(B, *In[B->getBlockID()], [&](const CFGBlock *SB, State &Edge) {
      const unsigned ID = SB->getBlockID();
      bool Changed;
      if (!In[ID]) {
        In[ID] = std::move(Edge);
        Changed = true;
      } else {
        Changed = Join(*In[ID], Edge, ID);
      }
      if (Changed && !Queued[ID]) {
        Queued[ID] = true;
        Work.push_back(SB);
      }
    });
  }
  return true;
}

/// The targets of G's back edges (a depth-first walk from the entry): where
/// a loop closes, the place a forward analysis widens.
std::vector<bool> loopHeads(const CFG &G);

} // namespace clang::tidy::medsec::taint

#endif
