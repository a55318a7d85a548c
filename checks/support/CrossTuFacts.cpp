//===- CrossTuFacts.cpp ---------------------------------------------------===//
#include "CrossTuFacts.h"

#include <algorithm>
#include <atomic>
#include <mutex>

namespace medsec {
namespace {
std::atomic<bool> Enabled{false};
std::mutex Mutex;
CrossTuFacts Store;
} // namespace

namespace {
template <typename T> void addSorted(std::vector<T> &Into, const std::vector<T> &From) {
  for (const T &X : From) {
    auto It = std::lower_bound(Into.begin(), Into.end(), X);
    if (It == Into.end() || !(*It == X))
      Into.insert(It, X);
  }
}
} // namespace

void addOrigins(CrossTuFact &Into, const CrossTuFact &From) {
  addSorted(Into.Roots, From.Roots);
  addSorted(Into.Via, From.Via);
}

bool widenRange(std::optional<ValueRange> &Into, const std::optional<ValueRange> &From) {
  if (!Into)
    return false;
  if (!From) {
    Into.reset();
    return true;
  }
  const ValueRange Old = *Into;
  ValueRange &R = *Into;
  // Each end: open when either is, else the looser constant with its kind
  // (checked when the two are equal and either was).
  auto Widen = [](std::optional<int64_t> &V, bool &Checked, std::optional<int64_t> W, bool WChecked,
                  bool Lower) {
    if (!V || !W) {
      V.reset();
      Checked = false;
    } else if (*W == *V) {
      Checked |= WChecked;
    } else if (Lower ? *W < *V : *W > *V) {
      V = W;
      Checked = WChecked;
    }
  };
  Widen(R.Lo, R.LoChecked, From->Lo, From->LoChecked, true);
  Widen(R.Hi, R.HiChecked, From->Hi, From->HiChecked, false);
  if (!R.Lo && !R.Hi)
    Into.reset();
  return !Into || !(*Into == Old);
}

void enableCrossTuFacts(bool On) { Enabled = On; }
bool crossTuFactsEnabled() { return Enabled; }

void recordCrossTuFacts(CrossTuFacts F) {
  if (!Enabled)
    return;
  std::lock_guard<std::mutex> Lock(Mutex);
  Store.Facts = std::move(F.Facts);
  Store.Defines = std::move(F.Defines);
  Store.Uses = std::move(F.Uses);
  Store.Overrides = std::move(F.Overrides);
  Store.DerivedRoots = std::move(F.DerivedRoots);
}

void recordCallCounts(std::vector<CallCountFact> Counts, unsigned MinCalls, unsigned MinPercent) {
  if (!Enabled)
    return;
  std::lock_guard<std::mutex> Lock(Mutex);
  Store.CallCounts = std::move(Counts);
  Store.MinCalls = MinCalls;
  Store.MinPercent = MinPercent;
}

CrossTuFacts takeCrossTuFacts() {
  std::lock_guard<std::mutex> Lock(Mutex);
  CrossTuFacts F = std::move(Store);
  Store = CrossTuFacts();
  return F;
}

} // namespace medsec
