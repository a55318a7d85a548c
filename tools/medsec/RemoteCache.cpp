//===- RemoteCache.cpp - result cache entries shared over HTTP ------------===//
#include "RemoteCache.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <mutex>

namespace medsec {
namespace {

size_t appendBody(char *Data, size_t Size, size_t Count, void *Out) {
  static_cast<std::string *>(Out)->append(Data, Size * Count);
  return Size * Count;
}

struct Upload {
  const std::string *Body;
  size_t Offset = 0;
};

size_t readBody(char *Buf, size_t Size, size_t Count, void *In) {
  Upload *U = static_cast<Upload *>(In);
  const size_t N = std::min(Size * Count, U->Body->size() - U->Offset);
  memcpy(Buf, U->Body->data() + U->Offset, N);
  U->Offset += N;
  return N;
}

} // namespace

RemoteCache::RemoteCache(RemoteCacheOptions O) : Opts(std::move(O)) {
  static std::once_flag Init;
  std::call_once(Init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  while (!Opts.Url.empty() && Opts.Url.back() == '/')
    Opts.Url.pop_back();
  Curl = curl_easy_init();
  if (!Curl)
    Down = true;
}

RemoteCache::~RemoteCache() {
  if (Curl)
    curl_easy_cleanup(static_cast<CURL *>(Curl));
}

std::string RemoteCache::redacted(const std::string &Url) {
  const size_t Scheme = Url.find("://");
  const size_t At = Url.find('@', Scheme == std::string::npos ? 0 : Scheme + 3);
  const size_t Slash = Url.find('/', Scheme == std::string::npos ? 0 : Scheme + 3);
  if (Scheme == std::string::npos || At == std::string::npos || (Slash != std::string::npos && At > Slash))
    return Url;
  const size_t Colon = Url.find(':', Scheme + 3);
  if (Colon == std::string::npos || Colon > At)
    return Url; // a user name alone is no secret
  return Url.substr(0, Colon + 1) + "***" + Url.substr(At);
}

RemoteCache::Response RemoteCache::request(const std::string &Key, const std::string *Body) {
  Response R;
  CURL *C = static_cast<CURL *>(Curl);
  curl_easy_reset(C);
  const std::string Url = Opts.Url + "/" + Key;
  char Error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(C, CURLOPT_URL, Url.c_str());
  curl_easy_setopt(C, CURLOPT_ERRORBUFFER, Error);
  curl_easy_setopt(C, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(C, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(Opts.ConnectMs));
  curl_easy_setopt(C, CURLOPT_TIMEOUT_MS, static_cast<long>(Opts.TransferMs));
  curl_easy_setopt(C, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(C, CURLOPT_USERAGENT, "medsec");
  curl_easy_setopt(C, CURLOPT_WRITEFUNCTION, appendBody);
  curl_easy_setopt(C, CURLOPT_WRITEDATA, &R.Body);
  Upload Up{Body};
  if (Body) {
    curl_easy_setopt(C, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(C, CURLOPT_READFUNCTION, readBody);
    curl_easy_setopt(C, CURLOPT_READDATA, &Up);
    curl_easy_setopt(C, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(Body->size()));
  }
  const CURLcode Rc = curl_easy_perform(C);
  if (Rc != CURLE_OK) {
    R.Error = Error[0] ? Error : curl_easy_strerror(Rc);
    return R;
  }
  curl_easy_getinfo(C, CURLINFO_RESPONSE_CODE, &R.Status);
  return R;
}

void RemoteCache::warn(const std::string &What) {
  if (Warned)
    return;
  Warned = true;
  llvm::errs() << "medsec: warning: cache server " << redacted(Opts.Url) << ": " << What << "\n";
}

std::optional<std::string> RemoteCache::get(const std::string &Key) {
  if (Down)
    return std::nullopt;
  Response R = request(Key, nullptr);
  if (R.Status == 200) {
    ++Hits;
    return std::move(R.Body);
  }
  ++Misses;
  if (R.Status == 0) {
    Down = true;
    warn(R.Error + "; the rest of the scan uses the local cache only");
  } else if (R.Status != 404) {
    warn("GET answered HTTP " + std::to_string(R.Status) + "; counted as misses");
  }
  return std::nullopt;
}

void RemoteCache::put(const std::string &Key, const std::string &Body) {
  if (Down || WritesRefused || Opts.ReadOnly)
    return;
  Response R = request(Key, &Body);
  if (R.Status >= 200 && R.Status < 300) {
    ++Stored;
    return;
  }
  if (R.Status == 0) {
    Down = true;
    warn(R.Error + "; the rest of the scan uses the local cache only");
  } else {
    WritesRefused = true;
    warn("PUT answered HTTP " + std::to_string(R.Status) +
         "; no more entries are stored there in this scan");
  }
}

void RemoteCache::summarise(llvm::raw_ostream &OS) const {
  OS << "medsec: cache server " << redacted(Opts.Url) << ": " << Hits << " entr"
     << (Hits == 1 ? "y" : "ies") << " fetched, " << Misses << " not there, " << Stored
     << " stored" << (Opts.ReadOnly ? " (read-only)" : "") << (Down ? " (unreachable)" : "")
     << "\n";
}

} // namespace medsec
