//===- Render.cpp - every requested format, and the content hash ----------===//
#include "Render.h"

#include <algorithm>

namespace medsec {
namespace report {

const std::vector<std::string> &reportFormats() {
  static const std::vector<std::string> All = {"json", "html", "md", "csv"};
  return All;
}

std::vector<std::pair<std::string, std::string>>
renderReports(ReportModel M, const std::vector<std::string> &Formats) {
  auto Wanted = [&](const char *F) {
    return std::find(Formats.begin(), Formats.end(), F) != Formats.end();
  };
  // report.json holds every value, so its hash stands for the report's
  // content; it is rendered (for the hash) even when not written.
  const std::string Json = renderJson(M);
  M.ContentSha256 = rules::sha256Hex(Json);
  std::vector<std::pair<std::string, std::string>> Files;
  if (Wanted("json"))
    Files.push_back({"report.json", Json});
  if (Wanted("html"))
    Files.push_back({"report.html", renderHtml(M)});
  if (Wanted("md"))
    Files.push_back({"report.md", renderMarkdown(M)});
  if (Wanted("csv")) {
    Files.push_back({"report.csv", renderFindingsCsv(M)});
    Files.push_back({"report-traceability.csv", renderTraceabilityCsv(M)});
  }
  std::vector<std::pair<std::string, std::string>> Sorted = Files;
  std::sort(Sorted.begin(), Sorted.end());
  std::string Sums;
  for (const auto &F : Sorted)
    Sums += rules::sha256Hex(F.second) + "  " + F.first + "\n";
  Files.push_back({"report.sha256", Sums});
  return Files;
}

} // namespace report
} // namespace medsec
