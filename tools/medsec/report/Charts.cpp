//===- Charts.cpp - inline SVG charts of the HTML report ------------------===//
//
// Drawn by hand (no chart library, no script): a report must open from a USB
// stick and print. Coordinates are whole pixels inside a viewBox, so the
// charts scale with the page and the bytes are the same on every machine.
//
//===----------------------------------------------------------------------===//
#include "Render.h"

#include <algorithm>

namespace medsec {
namespace report {
namespace {

const char *severityColour(const std::string &S) {
  if (S == "critical")
    return "#7b241c";
  if (S == "high")
    return "#c0392b";
  if (S == "medium")
    return "#e67e22";
  if (S == "low")
    return "#d4ac0d";
  return "#5d6d7e";
}

void open(Html &H, const char *Id, int W, int Ht, llvm::StringRef Title) {
  H << "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" << esc(Id) << "\" class=\"chart\" "
    << "role=\"img\" viewBox=\"0 0 " << W << " " << Ht << "\" width=\"" << W << "\" height=\"" << Ht
    << "\" font-family=\"sans-serif\" font-size=\"12\"><title>" << esc(Title) << "</title>";
}

void rect(Html &H, int X, int Y, int W, int Ht, const char *Fill, llvm::StringRef Tip) {
  H << "<rect x=\"" << X << "\" y=\"" << Y << "\" width=\"" << W << "\" height=\"" << Ht
    << "\" fill=\"" << esc(Fill) << "\">";
  if (!Tip.empty())
    H << "<title>" << esc(Tip) << "</title>";
  H << "</rect>";
}

void text(Html &H, int X, int Y, llvm::StringRef S, const char *Anchor = "start",
          const char *Fill = "#1b2631", size_t Max = 60) {
  H << "<text x=\"" << X << "\" y=\"" << Y << "\" text-anchor=\"" << esc(Anchor) << "\" fill=\""
    << esc(Fill) << "\">" << esc(S, Max) << "</text>";
}

/// One horizontal bar per label, split into segments; the total at the end.
struct Bar {
  std::string Label;
  std::vector<std::pair<unsigned, const char *>> Segments; // value, colour
  std::vector<std::string> Tips;
};

Html barChart(const char *Id, llvm::StringRef Title, const std::vector<Bar> &Bars, int LabelW) {
  unsigned Max = 1;
  for (const Bar &B : Bars) {
    unsigned T = 0;
    for (const auto &S : B.Segments)
      T += S.first;
    Max = std::max(Max, T);
  }
  const int PlotW = 420, RowH = 22, W = LabelW + PlotW + 60;
  const int Ht = static_cast<int>(Bars.size()) * RowH + 10;
  Html H;
  open(H, Id, W, Ht, Title);
  int Y = 5;
  for (const Bar &B : Bars) {
    text(H, LabelW - 6, Y + 15, B.Label, "end");
    int X = LabelW;
    unsigned Total = 0;
    for (size_t I = 0; I < B.Segments.size(); ++I) {
      const int Len = static_cast<int>(B.Segments[I].first * PlotW / Max);
      if (Len > 0)
        rect(H, X, Y + 3, Len, RowH - 6, B.Segments[I].second, B.Tips[I]);
      X += Len;
      Total += B.Segments[I].first;
    }
    text(H, X + 6, Y + 15, std::to_string(Total));
    Y += RowH;
  }
  H << "</svg>";
  return H;
}

} // namespace

Html severityChartSvg(const ReportModel &M) {
  const Messages &T = MessageScope::current();
  std::vector<Bar> Bars;
  for (const char *S : Severities) {
    const SeverityCount &C = M.BySeverity.at(S);
    Bars.push_back(
        {T.term("severity", S),
         {{C.Open, severityColour(S)}, {C.Accepted, "#aab7b8"}},
         {T.fmt("chart.open-of", {std::to_string(C.Open), T.term("severity", S)}),
          T.fmt("chart.accepted-of", {std::to_string(C.Accepted), T.term("severity", S)})}});
  }
  return barChart("chart-severity", T.text("chart.severity-title"), Bars, 80);
}

Html checkChartSvg(const ReportModel &M) {
  const Messages &T = MessageScope::current();
  std::vector<const CheckRow *> Rows;
  for (const CheckRow &C : M.Checks)
    if (C.Open + C.Accepted)
      Rows.push_back(&C);
  std::stable_sort(Rows.begin(), Rows.end(), [](const CheckRow *A, const CheckRow *B) {
    return A->Open + A->Accepted > B->Open + B->Accepted;
  });
  std::vector<Bar> Bars;
  for (const CheckRow *C : Rows)
    Bars.push_back(
        {C->Id,
         {{C->Open, "#c0392b"}, {C->Accepted, "#aab7b8"}},
         {T.fmt("chart.open", {std::to_string(C->Open)}),
          T.fmt("chart.accepted", {std::to_string(C->Accepted)})}});
  if (Bars.empty())
    Bars.push_back({T.text("chart.no-finding"), {{0, "#aab7b8"}}, {""}});
  return barChart("chart-checks", T.text("chart.checks-title"), Bars, 260);
}

Html coverageBarsSvg(const ReportModel &M) {
  const Messages &T = MessageScope::current();
  std::vector<Bar> Bars;
  for (const GuidelineView &G : M.Guidelines) {
    Bar B{G.Id, {}, {}};
    for (const ClauseStatus &S : clauseStatuses()) {
      auto It = G.ByStatus.find(S.Id);
      const unsigned N = It == G.ByStatus.end() ? 0 : It->second;
      B.Segments.push_back({N, S.Colour});
      B.Tips.push_back(T.fmt("chart.clauses-tip", {std::to_string(N), T.term("status", S.Id)}));
    }
    Bars.push_back(std::move(B));
  }
  return barChart("chart-coverage", T.text("chart.coverage-title"), Bars, 120);
}

Html coverageMatrixSvg(const GuidelineView &G) {
  const Messages &T = MessageScope::current();
  const auto &Statuses = clauseStatuses();
  const int LabelW = 330, ColW = 76, RowH = 18, HeadH = 34;
  const int W = LabelW + ColW * static_cast<int>(Statuses.size());
  const int Ht = HeadH + RowH * static_cast<int>(G.Rows.size()) + 4;
  Html H;
  const std::string Id = "chart-matrix-" + G.Id;
  H << "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" << esc(Id)
    << "\" class=\"chart matrix-chart\" role=\"img\" viewBox=\"0 0 " << W << " " << Ht
    << "\" width=\"" << W << "\" height=\"" << Ht
    << "\" font-family=\"sans-serif\" font-size=\"11\"><title>"
    << esc(T.fmt("chart.matrix-title", {G.Id})) << "</title>";
  for (size_t C = 0; C < Statuses.size(); ++C) {
    const int X = LabelW + static_cast<int>(C) * ColW + ColW / 2;
    text(H, X, 24, T.term("status-short", Statuses[C].Id), "middle");
  }
  int Y = HeadH;
  for (const ClauseRow &R : G.Rows) {
    text(H, LabelW - 6, Y + 13, R.Id + (R.inferred() ? " *" : ""), "end", "#1b2631", 52);
    for (size_t C = 0; C < Statuses.size(); ++C) {
      const int X = LabelW + static_cast<int>(C) * ColW;
      const bool Here = R.Status == Statuses[C].Id;
      rect(H, X + 1, Y + 1, ColW - 2, RowH - 2, Here ? Statuses[C].Colour : "#f2f3f4",
           Here ? R.Id + ": " + T.term("status", Statuses[C].Id) : "");
      if (Here && (R.Status == "open" || R.Status == "accepted"))
        text(H, X + ColW / 2, Y + 13,
             std::to_string(R.Status == "open" ? R.Open.size() : R.Accepted.size()), "middle",
             "#ffffff");
    }
    Y += RowH;
  }
  H << "</svg>";
  return H;
}

} // namespace report
} // namespace medsec
