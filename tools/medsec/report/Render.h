//===- Render.h - report formats: pure functions of the model ---*- C++ -*-===//
#ifndef MEDSEC_TOOLS_REPORT_RENDER_H
#define MEDSEC_TOOLS_REPORT_RENDER_H

#include "Html.h"
#include "ReportModel.h"

#include <string>
#include <utility>
#include <vector>

namespace medsec {
namespace report {

/// report.json (format medsec-report/1): every value of the report. Its
/// SHA-256 is the report content hash the other formats show.
std::string renderJson(const ReportModel &M);
/// report.md: for a pull-request comment or a design-history file.
std::string renderMarkdown(const ReportModel &M);
/// report.csv: one row per finding (fixed ones included), for a QMS import.
std::string renderFindingsCsv(const ReportModel &M);
/// report-traceability.csv: one row per clause of the selected guidelines.
std::string renderTraceabilityCsv(const ReportModel &M);
/// report.html: self-contained, printable, with inline SVG charts.
std::string renderHtml(const ReportModel &M);

// Inline SVG charts of the HTML report (Charts.cpp).
Html coverageMatrixSvg(const GuidelineView &G);
Html coverageBarsSvg(const ReportModel &M);
Html severityChartSvg(const ReportModel &M);
Html checkChartSvg(const ReportModel &M);

/// The formats a user can ask for, in writing order.
const std::vector<std::string> &reportFormats();

/// Renders report.json first (for the content hash), then every requested
/// format. Returns (file name, bytes) pairs in a fixed order, and a
/// report.sha256 file listing each written file's hash (sha256sum -c format).
std::vector<std::pair<std::string, std::string>>
renderReports(ReportModel M, const std::vector<std::string> &Formats);

} // namespace report
} // namespace medsec

#endif
