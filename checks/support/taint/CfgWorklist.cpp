//===- CfgWorklist.cpp - the forward CFG analysis both engines run --------===//
#include "CfgWorklist.h"

namespace clang::tidy::medsec::taint {

std::unique_ptr<CFG> functionCfg(const FunctionDecl *FD, ASTContext &Ctx) {
  if (!FD->getBody())
    return nullptr;
  CFG::BuildOptions Opts;
  Opts.setAllAlwaysAdd();
  Opts.AddImplicitDtors = false;
  Opts.AddTemporaryDtors = false;
  std::unique_ptr<CFG> G = CFG::buildCFG(FD, FD->getBody(), &Ctx, Opts);
  if (G && G->getNumBlockIDs() > MaxBlocks)
    return nullptr;
  return G;
}

std::optional<IntRange> typeRangeOf(QualType T, const ASTContext &Ctx) {
  if (T.isNull())
    return std::nullopt;
  T = T.getCanonicalType();
  if (T->isBooleanType())
    return std::make_pair(Int(0), Int(1));
  if (!T->isIntegerType() && !T->isEnumeralType())
    return std::nullopt;
  if (const auto *ET = T->getAs<EnumType>())
    if (!ET->getDecl()->isComplete())
      return std::nullopt;
  return integerRange(Ctx.getIntWidth(T), T->isSignedIntegerOrEnumerationType());
}

const Expr *branchCondition(const CFGBlock &B) {
  if (const Expr *C = B.getLastCondition())
    return C;
  return dyn_cast_or_null<Expr>(B.getTerminatorCondition());
}

std::vector<bool> loopHeads(const CFG &G) {
  const unsigned N = G.getNumBlockIDs();
  std::vector<bool> Head(N, false);
  std::vector<int> Mark(N, 0); // 0 new, 1 on the walk's stack, 2 done
  std::vector<std::pair<const CFGBlock *, CFGBlock::const_succ_iterator>> Stack;
  Stack.push_back({&G.getEntry(), G.getEntry().succ_begin()});
  Mark[G.getEntry().getBlockID()] = 1;
  while (!Stack.empty()) {
    auto &[B, It] = Stack.back();
    if (It == B->succ_end()) {
      Mark[B->getBlockID()] = 2;
      Stack.pop_back();
      continue;
    }
    const CFGBlock *S = It->getReachableBlock();
    ++It;
    if (!S)
      continue;
    if (Mark[S->getBlockID()] == 1) {
      Head[S->getBlockID()] = true;
    } else if (Mark[S->getBlockID()] == 0) {
      Mark[S->getBlockID()] = 1;
      Stack.push_back({S, S->succ_begin()});
    }
  }
  return Head;
}

} // namespace clang::tidy::medsec::taint
