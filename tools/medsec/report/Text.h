//===- Text.h - making untrusted text safe for each report format -*- C++ -*-===//
//
// Every value in a report (file names, identifiers, messages, source lines,
// justifications) comes from files a reviewer did not write, so each format
// has one escaping function and the writers use nothing else for data.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_TOOLS_REPORT_TEXT_H
#define MEDSEC_TOOLS_REPORT_TEXT_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace medsec {
namespace report {

/// Longest value shown in HTML or Markdown before it is cut (report.json and
/// the CSV files keep the full text).
constexpr size_t MaxShown = 2000;
/// Longest source line shown as context.
constexpr size_t MaxSourceLine = 240;

/// Valid UTF-8 with no control characters: invalid bytes become U+FFFD, C0
/// controls and DEL become their Unicode control pictures (U+2400...), so a
/// NUL, an escape sequence or a stray newline is visible and inert. A tab
/// becomes a space.
std::string sanitize(llvm::StringRef S);

/// S cut to at most Max bytes on a character boundary, with a note saying how
/// much was left out.
std::string clip(llvm::StringRef S, size_t Max);

/// The one HTML escaping function: sanitize, clip, then escape & < > " ' so
/// the result is safe as element text and as a quoted attribute value.
std::string htmlEscape(llvm::StringRef S, size_t Max = MaxShown);

/// Markdown (GitHub flavoured) text: sanitize, clip, then backslash-escape
/// every punctuation character Markdown gives a meaning to, and write < > &
/// @ as entities so no HTML or mention gets through. Safe in table cells.
std::string mdEscape(llvm::StringRef S, size_t Max = MaxShown);

/// Markdown code span for identifiers, paths and hashes: sanitized, clipped,
/// delimited by a backtick run longer than any inside, `|` escaped for tables.
std::string mdCode(llvm::StringRef S, size_t Max = MaxShown);

/// S in capitals: ASCII letters and the accented Latin-1 and Latin Extended-A
/// letters of the languages the report speaks (e, E with accents, oe, ...);
/// other bytes as they are.
std::string upperText(llvm::StringRef S);

/// A backtick fence longer than any backtick run in Body (at least ```).
std::string mdFence(llvm::StringRef Body);

/// One RFC 4180 field: sanitized, quoted when needed, and prefixed with ' when
/// it starts like a spreadsheet formula (= + - @), so an import cannot run it.
std::string csvField(llvm::StringRef S);

} // namespace report
} // namespace medsec

#endif
