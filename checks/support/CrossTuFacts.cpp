//===- CrossTuFacts.cpp ---------------------------------------------------===//
#include "CrossTuFacts.h"

#include <atomic>
#include <mutex>

namespace medsec {
namespace {
std::atomic<bool> Enabled{false};
std::mutex Mutex;
CrossTuFacts Store;
} // namespace

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
