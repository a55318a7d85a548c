//===- CatalogueFuzzer.cpp - libFuzzer target of the YAML catalogue loader ===//
//
// The loader must turn any byte string into problems, never a crash, hang or
// escaping exception. Built and run briefly by tests/fuzz/run-fuzz.sh.
//
//===----------------------------------------------------------------------===//
#include "../../rules/loader/Catalogue.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  using namespace medsec::rules;
  const std::string Text(reinterpret_cast<const char *>(Data), Size);
  std::vector<Problem> Problems;
  Catalogue Cat;
  // A built-in file first, then the same bytes as a project override, so both
  // the strict and the merging paths are exercised.
  loadCatalogueText(Text, "fuzz.yaml", "builtin", Cat, Problems);
  loadCatalogueText(Text, "fuzz-project.yaml", "project", Cat, Problems);
  for (const Problem &P : Problems)
    (void)P.str();
  return 0;
}
