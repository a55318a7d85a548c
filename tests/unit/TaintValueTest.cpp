// The abstract values of the taint engine (checks/support/taint/TaintValue.h):
// joins of states and the per-result cases of a summary's outputs.
#include "../../checks/support/taint/TaintValue.h"
#include "gtest/gtest.h"

using namespace clang::tidy::medsec::taint;

namespace {

TVal external(Bound Hi) {
  TVal V;
  V.Real = true;
  V.Lo = Bound::constant(0);
  V.Hi = Hi;
  return V;
}

ReturnCase at(Int Ret, std::map<unsigned, TVal> Out) {
  ReturnCase C;
  C.Lo = C.Hi = Ret;
  C.Out = std::move(Out);
  return C;
}

// Any non-null pointer names a call; the values never dereference it.
const clang::Expr *call(uintptr_t N) { return reinterpret_cast<const clang::Expr *>(N * 8); }

} // namespace

TEST(TaintValue, ReturnCasesOfOneResultJoin) {
  std::vector<ReturnCase> Cases;
  addReturnCase(Cases, at(0, {{2, external(Bound::trusted())}}));
  addReturnCase(Cases, at(-0x60, {{2, external(Bound())}}));
  addReturnCase(Cases, at(0, {{2, external(Bound::constant(16))}}));
  ASSERT_EQ(Cases.size(), 2u);
  EXPECT_TRUE(Cases[0].Lo == 0 && Cases[0].Hi == 0);
  ASSERT_EQ(Cases[0].Out.count(2), 1u);
  EXPECT_EQ(Cases[0].Out.at(2).Hi.K, Bound::Trusted); // trusted joined with a constant
  EXPECT_FALSE(Cases[1].Out.at(2).Hi.known());
}

TEST(TaintValue, AnOutputOneReturnDidNotWriteIsDropped) {
  std::vector<ReturnCase> Cases;
  addReturnCase(Cases, at(0, {{1, external(Bound::constant(8))}, {2, external(Bound())}}));
  addReturnCase(Cases, at(0, {{1, external(Bound::constant(4))}}));
  ASSERT_EQ(Cases.size(), 1u);
  EXPECT_EQ(Cases[0].Out.count(2), 0u);
  ASSERT_EQ(Cases[0].Out.count(1), 1u);
  EXPECT_TRUE(Cases[0].Out.at(1).Hi.V == 8);
}

TEST(TaintValue, TooManyResultsGrowTheLastCase) {
  std::vector<ReturnCase> Cases;
  for (Int R = 0; R < MaxReturnCases + 3; ++R)
    addReturnCase(Cases, at(-R, {{0, external(Bound::constant(R))}}));
  ASSERT_EQ(Cases.size(), size_t(MaxReturnCases));
  const ReturnCase &Last = Cases.back();
  EXPECT_TRUE(Last.Lo == -Int(MaxReturnCases + 2) && Last.Hi == -Int(MaxReturnCases - 1));
  EXPECT_TRUE(Last.Out.at(0).Hi.V == MaxReturnCases + 2); // the loosest bound of them
}

TEST(TaintValue, AStatusHeldOnOnePathOnlyIsDropped) {
  const LocKey Ret{nullptr, nullptr, false};
  TVal S;
  S.Status = call(1);
  TaintState A{{Ret, S}}, B;
  TaintState Into = A;
  EXPECT_TRUE(joinState(Into, B, false));
  EXPECT_EQ(Into.count(Ret), 0u);
  Into = B;
  joinState(Into, A, false);
  EXPECT_EQ(Into.count(Ret), 0u);
  // The same call's status on both paths stays; two calls' statuses do not.
  Into = A;
  EXPECT_FALSE(joinState(Into, A, false));
  EXPECT_EQ(Into.count(Ret), 1u);
  TVal Other;
  Other.Status = call(2);
  TaintState C{{Ret, Other}};
  joinState(Into, C, false);
  EXPECT_EQ(Into.count(Ret), 0u);
}

TEST(TaintValue, ATaintedStatusKeepsItsTaintWhenStatusesDiffer) {
  const LocKey N{nullptr, nullptr, false};
  TVal A = external(Bound::constant(10)), B = external(Bound::constant(20));
  A.Status = call(1);
  B.Status = call(2);
  TVal J = joinVal(A, B);
  EXPECT_TRUE(J.Real);
  EXPECT_EQ(J.Status, nullptr);
  EXPECT_TRUE(J.Hi.V == 20);
  TaintState Into{{N, A}}, From{{N, B}};
  joinState(Into, From, false);
  ASSERT_EQ(Into.count(N), 1u);
  EXPECT_EQ(Into.at(N).Status, nullptr);
}

namespace {
// Any non-null pointer names a member; the values never dereference it.
const clang::FieldDecl *member(uintptr_t N) {
  return reinterpret_cast<const clang::FieldDecl *>(N * 8);
}
TVal paramThrough(unsigned I, const clang::FieldDecl *F) {
  TVal V;
  V.Params = uint64_t(1) << I;
  V.ParamField = F;
  V.ParamFieldOf = F ? static_cast<int>(I) : -1;
  return V;
}
} // namespace

TEST(TaintValue, AParameterReachedThroughOneMemberKeepsItThroughJoins) {
  const TVal Total = paramThrough(0, member(1)), Len = paramThrough(2, nullptr);
  // ctx->total + ilen: parameter 0 through 'total', parameter 2 whole.
  TVal Sum = joinVal(Total, Len);
  EXPECT_EQ(Sum.memberOfParam(0), member(1));
  EXPECT_EQ(Sum.memberOfParam(2), nullptr);
  // The same member on both paths stays; another member, or the whole
  // record on one path, makes the whole record count.
  EXPECT_EQ(joinVal(Sum, Total).memberOfParam(0), member(1));
  EXPECT_EQ(joinVal(Sum, paramThrough(0, member(2))).memberOfParam(0), nullptr);
  EXPECT_EQ(joinVal(Total, paramThrough(0, nullptr)).memberOfParam(0), nullptr);
  // A value that no longer depends on the parameter says nothing of it.
  TVal Real = Total;
  Real.Params = 0;
  Real.Real = true;
  EXPECT_EQ(Real.memberOfParam(0), nullptr);
  EXPECT_FALSE(Total.sameAs(paramThrough(0, member(2))));
}
