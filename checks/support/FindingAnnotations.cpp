//===- FindingAnnotations.cpp ---------------------------------------------===//
#include "FindingAnnotations.h"

#include <atomic>
#include <map>
#include <mutex>
#include <tuple>

namespace medsec {
namespace {
std::atomic<bool> Enabled{false};
std::mutex Mutex;
std::map<std::tuple<std::string, std::string, unsigned>, FindingAnnotation> Store;
} // namespace

void enableFindingAnnotations(bool On) { Enabled = On; }
bool findingAnnotationsEnabled() { return Enabled; }

void recordFindingAnnotation(llvm::StringRef Check, llvm::StringRef File, unsigned Offset,
                             FindingAnnotation A) {
  if (!Enabled)
    return;
  std::lock_guard<std::mutex> Lock(Mutex);
  Store[{Check.str(), File.str(), Offset}] = std::move(A);
}

std::optional<FindingAnnotation> lookupFindingAnnotation(llvm::StringRef Check,
                                                         llvm::StringRef File, unsigned Offset) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Store.find({Check.str(), File.str(), Offset});
  if (It == Store.end())
    return std::nullopt;
  return It->second;
}

std::vector<AnnotatedFinding> allFindingAnnotations() {
  std::lock_guard<std::mutex> Lock(Mutex);
  std::vector<AnnotatedFinding> All;
  for (const auto &E : Store)
    All.push_back({std::get<0>(E.first), std::get<1>(E.first), std::get<2>(E.first), E.second});
  return All;
}

void clearFindingAnnotations() {
  std::lock_guard<std::mutex> Lock(Mutex);
  Store.clear();
}

} // namespace medsec
