//===- ReportCommand.h - `medsec report` -------------------------*- C++ -*-===//
#ifndef MEDSEC_TOOLS_REPORT_REPORTCOMMAND_H
#define MEDSEC_TOOLS_REPORT_REPORTCOMMAND_H

#include "ReportModel.h"

#include <string>
#include <vector>

namespace medsec {
namespace report {

struct ReportCommandOptions {
  std::string ResultsPath;
  std::string OutputDir = "medsec-report";
  std::string CatalogueDir;              // empty: as scan finds it
  std::vector<std::string> ProjectRules; // empty: the project files the scan recorded
  std::string SourceRoot;                // empty: the results' sourceRoot
  std::string TestEvidence;
  std::vector<std::string> Sboms;           // --sbom files
  std::vector<std::string> Vulnerabilities; // --vulnerabilities files (VEX, OSV)
  std::vector<std::string> Formats;         // empty: all
  ReportOptions Report;
  std::string Lang = "en";  // --lang: a message table in MessagesDir
  std::string MessagesDir;  // --messages; empty: defaultMessagesDir
  bool Quiet = false;
};

/// Splits "a,b" lists given once or repeated.
void appendList(std::vector<std::string> &To, const std::string &Value);

/// Reads the inputs, writes the reports into OutputDir. Exit code: 0 written,
/// 2 on a usage error or an unreadable input.
int runReport(const ReportCommandOptions &Opts);

} // namespace report
} // namespace medsec

#endif
