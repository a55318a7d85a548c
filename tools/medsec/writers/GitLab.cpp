//===- GitLab.cpp - GitLab code quality report writer ---------------------===//
#include "Writers.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace medsec {

std::string writeGitLabCodeQuality(const ScanResults &R) {
  namespace json = llvm::json;
  json::Array Issues;
  for (const Finding &F : R.Findings) {
    if (F.Status != "open")
      continue;
    const char *Severity = F.Severity == "critical" ? "blocker"
                           : F.Severity == "high"   ? "critical"
                           : F.Severity == "medium" ? "major"
                           : F.Severity == "low"    ? "minor"
                                                    : "info";
    Issues.push_back(
        json::Object{{"type", "issue"},
                     {"description", F.Message},
                     {"check_name", F.Check},
                     {"categories", json::Array{"Security"}},
                     {"fingerprint", F.Fingerprint},
                     {"severity", Severity},
                     {"location", json::Object{{"path", F.Where.File},
                                               {"lines", json::Object{{"begin", F.Where.Line}}}}}});
  }
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::formatv("{0:2}", json::Value(std::move(Issues))) << "\n";
  return Out;
}

} // namespace medsec
