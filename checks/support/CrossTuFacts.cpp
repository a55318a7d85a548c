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
  Store = std::move(F);
}

CrossTuFacts takeCrossTuFacts() {
  std::lock_guard<std::mutex> Lock(Mutex);
  CrossTuFacts F = std::move(Store);
  Store = CrossTuFacts();
  return F;
}

} // namespace medsec
