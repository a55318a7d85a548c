//===- AttackSurface.cpp --------------------------------------------------===//
#include "AttackSurface.h"

#include <atomic>
#include <mutex>

namespace medsec {
namespace {
std::atomic<bool> Enabled{false};
std::mutex Mutex;
std::vector<RecordedInput> Store;
} // namespace

void enableAttackSurface(bool On) { Enabled = On; }
bool attackSurfaceEnabled() { return Enabled; }

void recordInputs(std::vector<RecordedInput> Inputs) {
  if (!Enabled)
    return;
  std::lock_guard<std::mutex> Lock(Mutex);
  Store = std::move(Inputs);
}

std::vector<RecordedInput> takeInputs() {
  std::lock_guard<std::mutex> Lock(Mutex);
  std::vector<RecordedInput> R = std::move(Store);
  Store.clear();
  return R;
}

} // namespace medsec
