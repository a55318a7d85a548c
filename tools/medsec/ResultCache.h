//===- ResultCache.h - a unit's results again when nothing it read changed -*- C++ -*-===//
//
// Each unit is keyed on everything that can change its findings: the tool
// (its executable's bytes, build id, LLVM version), the format version, the
// check filter and options, the source root, the unit's catalogue and project
// rule files, its compile commands and the environment's include paths. The
// entry under that key records every file the last analysis read (the main
// file and each header, RecordingFileSystem in Analyse.cpp) with the SHA-256
// of its bytes: a hit needs those bytes unchanged, and no preprocessing.
// Paths below the source root are stored relative to it, so checkouts in
// other places share entries. docs/cli.md (result cache) describes it.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_TOOLS_RESULTCACHE_H
#define MEDSEC_TOOLS_RESULTCACHE_H

#include "Analyse.h"
#include "CompileDb.h"
#include "RemoteCache.h"

#include "../../checks/support/CatalogueAccess.h"

#include "llvm/Support/JSON.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace medsec {

struct CacheOptions {
  bool Enabled = true;
  RemoteCacheOptions Remote; // --cache-url, --cache-read-only: none when Url is empty
  std::string Dir;                // empty: defaultCacheDir()
  uint64_t MaxBytes = 1ull << 30; // least recently used entries go beyond it
};

/// A size: bytes, or with a K, M or G suffix (powers of 1024).
bool parseSize(llvm::StringRef S, uint64_t &Out);

class ResultCache {
public:
  /// Dir must be resolved (not empty). The scan-wide part of the keys comes
  /// from A (check filter, options, source root, cross-TU facts).
  ResultCache(std::string Dir, uint64_t MaxBytes, const AnalyseOptions &A);

  /// File's key, analysed with With (which may carry derived rules).
  std::string keyFor(const std::string &File, const FirmwareDatabase &Db,
                     const AnalyseOptions &With) const;
  /// The stored result when an entry has Key and every file it read still has
  /// the bytes it had; a missing, corrupt or foreign entry is a miss.
  std::optional<UnitResult> lookup(const std::string &Key);
  /// The files the entry under Key says its analysis read (local paths),
  /// whether or not they changed since; none without a readable entry.
  std::optional<std::vector<std::string>> recordedInputs(const std::string &Key) const;
  /// Stores U (with its Inputs) under Key; failures only cost a later miss.
  void store(const std::string &Key, const UnitResult &U);
  /// Entries missing or stale here are looked for on R, and stored there too.
  void setRemote(std::unique_ptr<RemoteCache> R);
  RemoteCache *remote() const { return Remote.get(); }
  /// Removes the least recently used entries beyond the size limit.
  void trim();

  /// Whether U may be reused: what the analysis said, not how it failed.
  static bool cacheable(const UnitResult &U);

private:
  std::string entryPath(const std::string &Key) const;
  std::optional<llvm::json::Value> readEntry(const std::string &Key) const;
  std::optional<UnitResult> hit(const llvm::json::Value &Entry);
  std::string fileHash(const std::string &Path);
  std::string portable(llvm::StringRef Path) const;
  std::string local(llvm::StringRef Path) const;

  std::string Dir, Root, ScanKey;
  uint64_t MaxBytes;
  std::map<std::string, std::string> Hashes; // per scan: headers are shared by units
  std::unique_ptr<RemoteCache> Remote;
};

struct CacheStats {
  size_t Entries = 0;
  uint64_t Bytes = 0;
};
CacheStats cacheStats(const std::string &Dir);
/// Removes every entry (and nothing else) below Dir.
llvm::Error clearCache(const std::string &Dir);

} // namespace medsec

#endif
