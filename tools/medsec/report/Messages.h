//===- Messages.h - the report's words, one table per language --*- C++ -*-===//
//
// Every heading, label and sentence of the report comes from a message table,
// tools/medsec/report/messages/<lang>.yaml (installed to
// share/medsec/report-messages), so that a language is a file, not code.
// English (en.yaml) is the reference: every other table has exactly its keys,
// and each message the same placeholders {0}, {1}, ... . Values that are
// data (finding messages, paths, justifications) never go through a table.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_TOOLS_REPORT_MESSAGES_H
#define MEDSEC_TOOLS_REPORT_MESSAGES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace medsec {
namespace report {

class Messages {
public:
  struct Entry {
    std::string Text;
    unsigned Line = 0;
  };

  /// Parses one table. Errors name the file, the line and the key.
  static llvm::Expected<Messages> parse(const std::string &Path, llvm::StringRef Text);
  /// Reads Dir/en.yaml and, for another language, Dir/<Lang>.yaml, and checks
  /// that the latter has exactly the keys and placeholders of the English one.
  static llvm::Expected<std::shared_ptr<const Messages>> load(const std::string &Dir,
                                                              const std::string &Lang);
  /// The languages with a table in Dir, sorted.
  static std::vector<std::string> available(const std::string &Dir);
  /// Problems of L against the English reference (missing or unknown keys,
  /// placeholder mismatches), each naming the file, line and key.
  static std::vector<std::string> compare(const Messages &En, const Messages &L);

  /// The message Key; a key no table has shows as "[[Key]]", so a missing
  /// message is visible in the output (the tests look for it), never empty.
  std::string text(llvm::StringRef Key) const;
  /// Key with {0}, {1}, ... replaced by Args, inserted as they are: the
  /// caller escapes them for its format.
  std::string fmt(llvm::StringRef Key, llvm::ArrayRef<std::string> Args) const;
  /// Whether the table has Key.
  bool has(llvm::StringRef Key) const { return Table.count(Key.str()); }
  /// A value of one of the report's closed vocabularies (severity, status,
  /// phase, ...): the message "Group.Value" (each run of characters other
  /// than letters, digits and '-' as one '-'), or the
  /// value itself for values the table does not name (data from the inputs).
  std::string term(llvm::StringRef Group, llvm::StringRef Value) const;

  const std::string &lang() const { return Lang; }
  const std::string &path() const { return Path; }
  const std::map<std::string, Entry> &entries() const { return Table; }

private:
  std::string Lang, Path;
  std::map<std::string, Entry> Table;
};

/// Where the tables are: MEDSEC_REPORT_MESSAGES, else the installed
/// share/medsec/report-messages beside the executable, else the source tree.
std::string defaultMessagesDir(llvm::StringRef Explicit);

/// The English table from the default directory, read once (tests and callers
/// that do not choose a language).
std::shared_ptr<const Messages> englishMessages();

/// The table the writers of one report use, set for the duration of a render
/// (renderReports); the English one outside any scope.
class MessageScope {
public:
  explicit MessageScope(std::shared_ptr<const Messages> M);
  ~MessageScope();
  MessageScope(const MessageScope &) = delete;
  MessageScope &operator=(const MessageScope &) = delete;
  static const Messages &current();

private:
  std::shared_ptr<const Messages> Previous;
};

/// Placeholder numbers used in a message, sorted; "" in Error when a '{' does
/// not start a {N} placeholder.
std::vector<unsigned> placeholders(llvm::StringRef Text, std::string &Error);

} // namespace report
} // namespace medsec

#endif
