// The interval arithmetic of the taint engine (checks/support/taint/Interval.h):
// pure bound logic, no AST.
#include "../../checks/support/taint/Interval.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::tidy::medsec::taint;

namespace {

Interval consts(Int Lo, Int Hi, Bound::Kind K = Bound::Const) {
  return {Bound::constant(Lo, K), Bound::constant(Hi, K)};
}
Interval unknown() { return {}; }
const IntRange U8 = {0, 255}, S32 = {-(Int(1) << 31), (Int(1) << 31) - 1};

void expectConst(const Bound &B, Int V, Bound::Kind K = Bound::Const) {
  EXPECT_EQ(B.K, K);
  EXPECT_TRUE(B.V == V) << static_cast<long long>(B.V) << " != " << static_cast<long long>(V);
}

} // namespace

TEST(Interval, IntegerRangeOfWidths) {
  auto S8 = integerRange(8, true), U16 = integerRange(16, false), U64 = integerRange(64, false);
  ASSERT_TRUE(S8 && U16 && U64);
  EXPECT_TRUE(S8->first == -128 && S8->second == 127);
  EXPECT_TRUE(U16->first == 0 && U16->second == 65535);
  EXPECT_TRUE(U64->second == (Int(1) << 64) - 1);
  EXPECT_FALSE(integerRange(0, false));
  EXPECT_FALSE(integerRange(128, true));
}

TEST(Interval, JoinTakesTheLooserEnd) {
  expectConst(joinLo(Bound::constant(3), Bound::constant(-2)), -2);
  expectConst(joinHi(Bound::constant(3), Bound::constant(9)), 9);
  EXPECT_FALSE(joinHi(Bound::constant(3), Bound()).known());
  EXPECT_EQ(joinLo(Bound::trusted(), Bound::constant(0)).K, Bound::Trusted);
}

TEST(Interval, InfeasibleOnlyForContradictoryConstants) {
  EXPECT_TRUE(infeasible(Bound::constant(5), Bound::constant(4)));
  EXPECT_FALSE(infeasible(Bound::constant(4), Bound::constant(4)));
  EXPECT_FALSE(infeasible(Bound::constant(5), Bound::trusted()));
  EXPECT_FALSE(infeasible(Bound(), Bound::constant(-1)));
}

TEST(Interval, AddSubMulOfConstants) {
  Interval R = arithBounds(BO_Add, consts(0, 10), false, consts(1, 1), true, S32);
  expectConst(R.Lo, 1);
  expectConst(R.Hi, 11);
  R = arithBounds(BO_Sub, consts(0, 10), false, consts(2, 3), true, S32);
  expectConst(R.Lo, -3);
  expectConst(R.Hi, 8);
  R = arithBounds(BO_Mul, consts(-2, 3), false, consts(-5, 4), false, S32);
  expectConst(R.Lo, -15);
  expectConst(R.Hi, 12);
}

TEST(Interval, ArithmeticClampsAtInfinity) {
  Interval R = arithBounds(BO_Mul, consts(0, Infinity), false, consts(0, Infinity), false, S32);
  expectConst(R.Hi, Infinity);
  R = arithBounds(BO_Mul, consts(-Infinity, 1), false, consts(0, Infinity), false, S32);
  expectConst(R.Lo, -Infinity);
  R = arithBounds(BO_Add, consts(0, Infinity), false, consts(0, Infinity), false, S32);
  expectConst(R.Hi, Infinity);
}

TEST(Interval, TypeBoundsStayTypeBounds) {
  // x (an unchecked uint8_t) + 1: computed from the type's range, not a check.
  Interval R = arithBounds(BO_Add, consts(0, 255, Bound::TypeConst), false, consts(1, 1), true, U8);
  expectConst(R.Lo, 1, Bound::TypeConst);
  expectConst(R.Hi, 256, Bound::TypeConst);
}

TEST(Interval, OwnUnknownValuesAreTrusted) {
  // tainted [0, 10] + the program's own n: both ends trusted.
  Interval R = arithBounds(BO_Add, consts(0, 10), false, unknown(), true, S32);
  EXPECT_EQ(R.Lo.K, Bound::Trusted);
  EXPECT_EQ(R.Hi.K, Bound::Trusted);
  // the same with an external n: nothing known.
  R = arithBounds(BO_Add, consts(0, 10), false, unknown(), false, S32);
  EXPECT_FALSE(R.Lo.known());
  EXPECT_FALSE(R.Hi.known());
}

TEST(Interval, ModuloAndMaskByOwnConstantSanitise) {
  Interval R = arithBounds(BO_Rem, unknown(), false, consts(16, 16), true, U8);
  expectConst(R.Lo, 0);
  expectConst(R.Hi, 15);
  R = arithBounds(BO_Rem, unknown(), false, consts(-8, -8), true, S32);
  expectConst(R.Lo, -7);
  expectConst(R.Hi, 7);
  // a type-derived operand does not turn a sanitiser's result into a type bound
  R = arithBounds(BO_And, consts(0, 255, Bound::TypeConst), false, consts(7, 7), true, U8);
  expectConst(R.Lo, 0);
  expectConst(R.Hi, 7);
  // an external mask sanitises nothing
  R = arithBounds(BO_And, unknown(), false, consts(7, 7), false, U8);
  EXPECT_FALSE(R.Hi.known());
  // modulo by the program's own variable: trusted upper end, zero lower end if unsigned
  R = arithBounds(BO_Rem, unknown(), false, unknown(), true, U8);
  EXPECT_EQ(R.Hi.K, Bound::Trusted);
  expectConst(R.Lo, 0);
}

TEST(Interval, DivisionByConstantNarrowsTheType) {
  Interval R = arithBounds(BO_Div, unknown(), false, consts(64, 64), true, S32);
  expectConst(R.Lo, S32.first / 64, Bound::TypeConst);
  expectConst(R.Hi, S32.second / 64, Bound::TypeConst);
  // by a possibly zero or negative divisor: nothing known
  R = arithBounds(BO_Div, consts(0, 100), false, consts(0, 4), true, S32);
  EXPECT_FALSE(R.Lo.known());
  EXPECT_FALSE(R.Hi.known());
}

TEST(Interval, Shifts) {
  Interval R = arithBounds(BO_Shl, consts(0, 3), false, consts(4, 4), true, S32);
  expectConst(R.Lo, 0);
  expectConst(R.Hi, 48);
  R = arithBounds(BO_Shr, consts(0, 255), false, consts(4, 4), true, U8);
  expectConst(R.Hi, 15);
  R = arithBounds(BO_Shl, consts(-1, 3), false, consts(4, 4), true, S32);
  EXPECT_FALSE(R.Hi.known());
}

TEST(Interval, ConversionThatFits) {
  bool Wraps = true;
  // uint8_t -> int: the source type's range becomes a type bound
  Interval R = convertBounds(unknown(), U8, S32, false, Wraps);
  EXPECT_FALSE(Wraps);
  expectConst(R.Lo, 0, Bound::TypeConst);
  expectConst(R.Hi, 255, Bound::TypeConst);
  // a checked int [0, 99] -> uint8_t keeps its checks
  R = convertBounds(consts(0, 99), S32, U8, true, Wraps);
  EXPECT_FALSE(Wraps);
  expectConst(R.Hi, 99);
}

TEST(Interval, ConversionThatWraps) {
  bool Wraps = false;
  // an unchecked int -> uint8_t wraps into the target's range
  Interval R = convertBounds(unknown(), S32, U8, true, Wraps);
  EXPECT_TRUE(Wraps);
  expectConst(R.Lo, 0, Bound::TypeConst);
  expectConst(R.Hi, 255, Bound::TypeConst);
  // into a wide signed type: no bound is worth keeping
  R = convertBounds(consts(-1, Infinity), std::nullopt, S32, false, Wraps);
  EXPECT_TRUE(Wraps);
  EXPECT_FALSE(R.Lo.known());
  EXPECT_FALSE(R.Hi.known());
  // a trusted end is the developer's check: kept
  R = convertBounds({Bound::constant(0), Bound::trusted()}, S32, U8, true, Wraps);
  EXPECT_FALSE(Wraps);
  EXPECT_EQ(R.Hi.K, Bound::Trusted);
}

TEST(Interval, SomeValueSatisfiesAStatusTest) {
  // get_len returns 0 after checking the length, -0x60 otherwise.
  EXPECT_TRUE(someValueSatisfies(0, 0, BO_EQ, 0));
  EXPECT_FALSE(someValueSatisfies(-0x60, -0x60, BO_EQ, 0));
  EXPECT_FALSE(someValueSatisfies(0, 0, BO_NE, 0));
  EXPECT_TRUE(someValueSatisfies(-0x60, -0x60, BO_NE, 0));
  EXPECT_TRUE(someValueSatisfies(-1, 1, BO_NE, 0)); // a range holds other values
  EXPECT_FALSE(someValueSatisfies(0, 10, BO_LT, 0));
  EXPECT_TRUE(someValueSatisfies(-2, -1, BO_LT, 0));
  EXPECT_TRUE(someValueSatisfies(0, 10, BO_LE, 0));
  EXPECT_FALSE(someValueSatisfies(-5, 0, BO_GT, 0));
  EXPECT_TRUE(someValueSatisfies(-5, 0, BO_GE, 0));
  // An unknown result may be anything.
  EXPECT_TRUE(someValueSatisfies(-Infinity, Infinity, BO_EQ, 7));
  EXPECT_FALSE(someValueSatisfies(3, 2, BO_NE, 0)); // an empty range
  EXPECT_TRUE(someValueSatisfies(1, 1, BO_Add, 0)); // not a comparison: no restriction
}
