//===- Deviations.cpp - read deviation records (yaml-cpp, with exceptions) -===//
#include "Deviations.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace medsec {
namespace rules {
namespace {

SourceMark markOf(const std::string &Path, const YAML::Node &N) {
  const YAML::Mark M = N.Mark();
  if (M.line < 0)
    return {Path, 0, 0};
  return {Path, static_cast<unsigned>(M.line) + 1, static_cast<unsigned>(M.column) + 1};
}

void readRecord(const YAML::Node &N, const std::string &Path, std::vector<Deviation> &Out,
                std::vector<Problem> &Problems, std::set<std::string> &Ids) {
  auto Error = [&](const YAML::Node &At, const std::string &M) {
    Problems.push_back({markOf(Path, At), M});
  };
  if (!N.IsMap()) {
    Error(N, "a deviation must be a mapping");
    return;
  }
  static const std::vector<std::string> Keys = {
      "id",       "check", "path",    "fingerprint", "status", "justification",
      "approver", "date",  "expires", "review-by",   "risk"};
  Deviation D;
  D.Origin = markOf(Path, N);
  bool Ok = true;
  for (auto It = N.begin(); It != N.end(); ++It) {
    const YAML::Node Key = It->first, Value = It->second;
    const std::string K = Key.IsScalar() ? Key.Scalar() : "";
    if (std::find(Keys.begin(), Keys.end(), K) == Keys.end()) {
      Error(Key,
            "unknown key '" + K +
                "' in a deviation; expected one of: id, check, path, "
                "fingerprint, status, justification, approver, date, expires, review-by, risk");
      Ok = false;
      continue;
    }
    if (!Value.IsScalar()) {
      Error(Value, "'" + K + "' must be a scalar");
      Ok = false;
      continue;
    }
    const std::string V = Value.Scalar();
    std::string *Field = K == "id"              ? &D.Id
                         : K == "check"         ? &D.Check
                         : K == "path"          ? &D.Path
                         : K == "fingerprint"   ? &D.Fingerprint
                         : K == "status"        ? &D.Status
                         : K == "justification" ? &D.Justification
                         : K == "approver"      ? &D.Approver
                         : K == "date"          ? &D.Date
                         : K == "risk"          ? &D.Risk
                                                : &D.Expires; // expires, review-by
    *Field = V;
    if ((K == "date" || K == "expires" || K == "review-by") && !isCalendarDate(V)) {
      Error(Value, "'" + K + "' must be a date like 2026-12-31, found '" + V + "'");
      Ok = false;
    }
    if (K == "status" && V != "accepted" && V != "false-positive" && V != "deferred") {
      Error(Value,
            "unknown status '" + V + "'; expected one of: accepted, false-positive, deferred");
      Ok = false;
    }
  }
  for (const char *Required : {"id", "status", "justification", "approver", "date"}) {
    const std::string &V = std::string(Required) == "id"              ? D.Id
                           : std::string(Required) == "status"        ? D.Status
                           : std::string(Required) == "justification" ? D.Justification
                           : std::string(Required) == "approver"      ? D.Approver
                                                                      : D.Date;
    // White space is no justification, approver or date.
    if (V.find_first_not_of(" \t\r\n") == std::string::npos) {
      Error(N, "deviation '" + D.Id + "' has no '" + Required + "'" +
                   (V.empty() ? "" : " (it is blank)"));
      Ok = false;
    }
  }
  if (D.Check.empty() && D.Fingerprint.empty()) {
    Error(N, "deviation '" + D.Id + "' names neither a 'check' nor a 'fingerprint'");
    Ok = false;
  }
  if (!D.Id.empty() && !Ids.insert(D.Id).second) {
    Error(N, "duplicate deviation id '" + D.Id + "'");
    Ok = false;
  }
  if (Ok)
    Out.push_back(D);
}

} // namespace

void loadDeviationsText(const std::string &Text, const std::string &Path,
                        std::vector<Deviation> &Out, std::vector<Problem> &Problems) {
  try {
    const YAML::Node Root = YAML::Load(Text);
    if (Root.IsNull())
      return;
    if (!Root.IsMap() || !Root["deviations"] || Root.size() != 1) {
      Problems.push_back({markOf(Path, Root), "a deviations file is a mapping with one key, "
                                              "'deviations', holding a sequence"});
      return;
    }
    const YAML::Node List = Root["deviations"];
    if (!List.IsSequence()) {
      Problems.push_back({markOf(Path, List), "'deviations' must be a sequence"});
      return;
    }
    std::set<std::string> Ids;
    for (const YAML::Node &N : List)
      readRecord(N, Path, Out, Problems, Ids);
  } catch (const YAML::Exception &E) {
    SourceMark M{Path, 0, 0};
    if (E.mark.line >= 0)
      M = {Path, static_cast<unsigned>(E.mark.line) + 1, static_cast<unsigned>(E.mark.column) + 1};
    Problems.push_back({M, "invalid YAML: " + E.msg});
  } catch (const std::exception &E) {
    Problems.push_back({{Path, 0, 0}, std::string("cannot read deviations: ") + E.what()});
  } catch (...) {
    Problems.push_back({{Path, 0, 0}, "cannot read deviations: unknown error"});
  }
}

} // namespace rules
} // namespace medsec
