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
    if (!F.isOpen())
      continue;
    const char *Level = nullptr;
    switch (F.Sev) {
    case Severity::Critical:
      Level = "blocker";
      break;
    case Severity::High:
      Level = "critical";
      break;
    case Severity::Medium:
      Level = "major";
      break;
    case Severity::Low:
      Level = "minor";
      break;
    case Severity::Info:
      Level = "info";
      break;
    }
    Issues.push_back(
        json::Object{{"type", "issue"},
                     {"description", (F.TestCode ? "[test code] " : "") + F.Message},
                     {"check_name", F.Check},
                     {"categories", json::Array{"Security"}},
                     {"fingerprint", F.Fingerprint},
                     {"severity", Level},
                     {"location", json::Object{{"path", F.Where.File},
                                               {"lines", json::Object{{"begin", F.Where.Line}}}}}});
  }
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::formatv("{0:2}", json::Value(std::move(Issues))) << "\n";
  return Out;
}

} // namespace medsec
