//===- RemoteCache.h - result cache entries shared over HTTP -----*- C++ -*-===//
//
// `--cache-url URL`: entries are read with GET and stored with PUT under
// URL/<key>, the protocol ccache's HTTP storage and bazel-remote speak, so a
// team's existing cache server (nginx with WebDAV, bazel-remote, an object
// store gateway) holds them. A server that is down or slow costs one warning
// and the rest of the scan runs on the local cache alone. docs/cli.md.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_TOOLS_REMOTECACHE_H
#define MEDSEC_TOOLS_REMOTECACHE_H

#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>

namespace medsec {

struct RemoteCacheOptions {
  std::string Url;        // http:// or https://, optionally with user:password@
  bool ReadOnly = false;  // --cache-read-only: never PUT
  unsigned ConnectMs = 2000, TransferMs = 10000;
};

class RemoteCache {
public:
  explicit RemoteCache(RemoteCacheOptions O);
  ~RemoteCache();
  RemoteCache(const RemoteCache &) = delete;
  RemoteCache &operator=(const RemoteCache &) = delete;

  /// The bytes stored under Key; none when absent (404) or unreachable.
  std::optional<std::string> get(const std::string &Key);
  /// Stores Body under Key unless read-only or writes were refused.
  void put(const std::string &Key, const std::string &Body);

  /// One line for the scan's end: what the server gave and took.
  void summarise(llvm::raw_ostream &OS) const;

  /// The URL with any password replaced, for messages.
  static std::string redacted(const std::string &Url);

private:
  struct Response {
    long Status = 0;      // 0: no HTTP response at all
    std::string Error;    // curl's reason when Status is 0
    std::string Body;
  };
  /// GET URL/Key, or PUT Body there when Body is set.
  Response request(const std::string &Key, const std::string *Body);
  void warn(const std::string &What);

  RemoteCacheOptions Opts;
  void *Curl = nullptr;
  bool Down = false, WritesRefused = false, Warned = false;
  size_t Hits = 0, Misses = 0, Stored = 0;
};

} // namespace medsec

#endif
