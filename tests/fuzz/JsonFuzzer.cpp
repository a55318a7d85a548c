//===- JsonFuzzer.cpp - libFuzzer target of the JSON readers ---------------===//
//
// The compile database and results readers must turn any byte string into an
// error, never a crash or a hang (a compile database comes with a pull
// request; nesting 100,000 deep once overflowed the stack). Built with the
// test suite and run briefly by tests/fuzz/run-fuzz.sh.
//
//===----------------------------------------------------------------------===//
#include "CompileDb.h"
#include "Results.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

/// The compile database reader takes a path, as `medsec scan -p` does: one
/// file in the directory the fuzzer runs in (tests/fuzz/run-fuzz.sh).
const std::string &dbPath() {
  static const std::string Path = [] {
    llvm::sys::fs::create_directories("json-fuzz-db");
    return std::string("json-fuzz-db/compile_commands.json");
  }();
  return Path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  const llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  if (auto R = medsec::resultsFromJson(Text))
    (void)R->Findings.size();
  else
    llvm::consumeError(R.takeError());
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(dbPath(), EC);
    if (EC)
      return 0;
    OS << Text;
  }
  std::vector<std::string> Log;
  std::string Error;
  medsec::DbOptions Opts; // no --query-driver: nothing is run
  if (auto Db = medsec::loadFirmwareDatabase(dbPath(), Opts, Log, Error))
    for (const auto &C : Db->getAllCompileCommands())
      (void)C.CommandLine.size();
  return 0;
}
