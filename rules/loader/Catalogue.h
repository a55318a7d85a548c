//===- Catalogue.h - the MedSec rule catalogue model ------------*- C++ -*-===//
//
// The in-memory form of rules/*.yaml. Plain standard C++ only, so the yaml-cpp
// loader (built with exceptions) and LLVM code (built without) can share it.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_RULES_CATALOGUE_H
#define MEDSEC_RULES_CATALOGUE_H

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace medsec {
namespace rules {

/// Where something was written: file with 1-based line and column.
struct SourceMark {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  std::string str() const;
};

struct Problem {
  SourceMark Where;
  std::string Message;
  std::string str() const; // "file:line:col: error: message"
};

enum class Severity { Info, Low, Medium, High, Critical };
std::optional<Severity> parseSeverity(const std::string &S);
const char *severityName(Severity S);

struct Clause {
  std::string Id;
  std::string Guideline;
  std::string Phase;
  std::string Title;
  std::string Basis;         // verified | secondary | inferred
  std::string Locator;       // empty until checked against the official text
  std::string Checkable;     // yes | partly | no | evidence
  std::string Complementary; // activity covering what static analysis cannot
  /// Language code -> field (title, complementary) -> text, for reports in
  /// that language (`translations:`); English is Title and Complementary.
  std::map<std::string, std::map<std::string, std::string>> Translations;
  SourceMark Origin;
  /// Field in Lang, else the English text (Title or Complementary).
  const std::string &text(const std::string &Field, const std::string &Lang) const;
};

struct Guideline {
  std::string Id;
  std::string Title;
  std::string Publisher;
  std::string Edition;
  std::string Url;
  std::string Basis;
  std::vector<Clause> Clauses; // in catalogue order
  /// Language code -> field (title, publisher, edition) -> text.
  std::map<std::string, std::map<std::string, std::string>> Translations;
  SourceMark Origin;
  /// Field in Lang, else the English text (Title, Publisher or Edition).
  const std::string &text(const std::string &Field, const std::string &Lang) const;
};

struct ClauseRef {
  std::string Id;
  std::string Relation; // direct | supports
  SourceMark Origin;
};

/// One entry of a check's data list (a banned function, a source API, ...).
/// Scalars are kept as text; the data schema has validated them.
struct DataEntry {
  std::string Key;
  std::map<std::string, std::string> Scalars;
  std::map<std::string, std::vector<std::string>> Lists;
  SourceMark Origin;

  std::string get(const std::string &Field, const std::string &Default = "") const;
  bool getBool(const std::string &Field, bool Default) const;
  long long getInt(const std::string &Field, long long Default) const;
  std::vector<std::string> getList(const std::string &Field) const;
};

/// Field type in a check's data schema (docs/rules-format.md, "Field types").
struct FieldType {
  /// string int bool severity cwe regex string-list range-list enum, or one
  /// of the argument kinds: argument (one 0-based position), arguments ("N"
  /// or "N..." items), outputs (arguments or "return"), members ("N.member"
  /// items whose N the entry's field Of lists).
  std::string Kind;
  std::vector<std::string> EnumValues;
  std::string Of; // members: the arguments or outputs field the positions are of
};

struct DataListSchema {
  std::string Key;
  std::map<std::string, FieldType> Fields;
  /// Fields every enabled entry must have once all files are merged (a project
  /// entry updating a built-in one need not repeat them).
  std::vector<std::string> Required;
  /// Fields an enabled entry must have when another field has a value
  /// (`required-when: {class-pattern: {kind: receive-method}}`): field ->
  /// (other field, value).
  std::map<std::string, std::pair<std::string, std::string>> RequiredWhen;
};

/// The largest 0-based argument position a catalogue may name: C requires a
/// compiler to accept 127 parameters, so 126 is the last.
constexpr unsigned MaxArgumentIndex = 126;

/// An argument position as the catalogue writes it: "0" to "126", no sign,
/// no spaces. Empty when S is not one.
std::optional<unsigned> parseArgumentIndex(const std::string &S);

/// What is wrong with Item as a value of a field of argument Kind (argument,
/// arguments, outputs, members), or empty when it is well formed. Members'
/// positions are checked against their entry elsewhere (memberArgument).
std::string argumentItemProblem(const std::string &Kind, const std::string &Item);

/// The argument position of a well-formed members item ("0.payload" -> 0).
std::optional<unsigned> memberArgument(const std::string &Item);

/// Whether the positions of an arguments or outputs list (well formed) cover
/// argument I: "I", or "N..." with N <= I.
bool positionsCover(const std::vector<std::string> &Positions, unsigned I);

/// The lists CheckEntry::activeData has built, kept because every check asks
/// for them again each time it is constructed (medsec-clangd constructs the
/// checks for each AST build, that is on each keystroke). A copy starts empty,
/// so a copied entry whose data is then changed never answers with the lists
/// of the original; an entry's data is not changed once it has been asked.
class ActiveDataLists {
public:
  ActiveDataLists() = default;
  ActiveDataLists(const ActiveDataLists &) {}
  ActiveDataLists &operator=(const ActiveDataLists &Other) {
    if (this != &Other) {
      std::lock_guard<std::mutex> Lock(M);
      Lists.clear();
    }
    return *this;
  }

  template <class Build>
  const std::vector<DataEntry> &get(const std::string &Name, Build &&B) const {
    std::lock_guard<std::mutex> Lock(M);
    auto It = Lists.find(Name);
    if (It == Lists.end())
      It = Lists.emplace(Name, B()).first;
    return It->second; // a std::map node stays where it is
  }

private:
  mutable std::mutex M;
  mutable std::map<std::string, std::vector<DataEntry>> Lists;
};

struct CheckEntry {
  std::string Id;
  std::string Title;
  std::string Summary;
  Severity DefaultSeverity = Severity::Medium;
  std::string Status; // implemented | partial | planned
  std::vector<std::string> Cwe;
  std::vector<std::string> Cert;
  std::string Help;
  std::vector<ClauseRef> Clauses;
  std::vector<std::string> Limitations;
  std::map<std::string, DataListSchema> DataSchema;
  std::map<std::string, std::vector<DataEntry>> Data;
  SourceMark Origin;

  /// Every entry of a data list, enabled or not.
  const std::vector<DataEntry> &dataList(const std::string &Name) const;
  /// The entries a check uses: those not marked `enabled: false`, built once
  /// per entry and list.
  const std::vector<DataEntry> &activeData(const std::string &Name) const;

private:
  ActiveDataLists Active;
};

/// A third-party library recognised by the files a build compiles or includes
/// (rules/components/*.yaml, docs/sbom.md). Version is a template whose
/// {MACRO} placeholders are the library's own version macros, evaluated by the
/// preprocessor of a unit that includes the file defining them.
struct ComponentEntry {
  std::string Id;
  std::string Name;
  std::string Supplier;
  std::string Licence;                  // SPDX licence expression
  std::vector<std::string> Paths;       // glob patterns of the component's directories
  std::vector<std::string> Files;       // path suffixes that identify it on their own
  std::string Version;                  // template, e.g. "{LWIP_VERSION_MAJOR}.{...}"
  std::vector<std::string> StripPrefix; // removed from the evaluated version ("V")
  std::vector<std::string> DevSuffixes; // a version ending so is a development snapshot
  std::string DeclaredVersion;          // a project's version when no macro gives one
  std::string Purl;                     // template with {version}
  std::string Cpe;                      // template with {version}
  std::string Support;                  // active | maintenance | end-of-life | unknown
  std::string EndOfSupport;             // YYYY-MM-DD, empty when unknown
  SourceMark Origin;

  /// The macro names the version template reads, in template order.
  std::vector<std::string> versionMacros() const;
};

/// A file that contributed to the catalogue, for traceability.
struct CatalogueFile {
  std::string Path;
  std::string Role; // builtin | project
  std::string Sha256;
};

struct Catalogue {
  std::vector<Guideline> Guidelines;
  std::vector<CheckEntry> Checks;
  std::vector<ComponentEntry> Components;
  /// Which files are test code, for every check (top-level `test-paths`):
  /// every entry, enabled or not.
  std::vector<DataEntry> TestPaths;
  std::vector<CatalogueFile> Files;

  const CheckEntry *findCheck(const std::string &Id) const;
  const Clause *findClause(const std::string &Id) const;
  const Guideline *findGuideline(const std::string &Id) const;
  const ComponentEntry *findComponent(const std::string &Id) const;
};

/// The one rule that says whether a file is test code: the catalogue's enabled
/// `test-paths` patterns, matched case-insensitively against the path with '/'
/// separators (the driver passes it relative to the source root).
class TestCodeRule {
public:
  explicit TestCodeRule(const Catalogue &Cat);
  ~TestCodeRule();
  TestCodeRule(TestCodeRule &&);
  bool matches(const std::string &Path) const;

private:
  struct Patterns;
  std::unique_ptr<Patterns> P;
};

/// The largest rule file the loader reads: far above the largest catalogue
/// (80,000 data entries: about 9 MiB).
constexpr uint64_t MaxRuleFileBytes = 32u << 20;

/// Every *.yaml below Dir, sorted: the built-in catalogue's files in load
/// order. A directory that cannot be listed is a problem appended to Problems.
std::vector<std::string> yamlFilesBelow(const std::string &Dir, std::vector<Problem> &Problems);

/// Loads the built-in catalogue (every *.yaml below BuiltinDir, sorted) and
/// then each project override file in order. Never throws; every problem is
/// appended to Problems with its location. The returned catalogue holds what
/// could be loaded even when there were problems.
std::shared_ptr<Catalogue> loadCatalogue(const std::string &BuiltinDir,
                                         const std::vector<std::string> &ProjectFiles,
                                         std::vector<Problem> &Problems);

/// Parses one YAML text (named Path) into Cat. Role is "builtin" or
/// "project" (project files merge by id and may not declare data schemas).
/// Structural problems are appended to Problems. Never throws.
void loadCatalogueText(const std::string &Text, const std::string &Path, const std::string &Role,
                       Catalogue &Cat, std::vector<Problem> &Problems);

/// Cross-reference checks run after every file is in: clause ids exist,
/// data entries follow their schema, regexes compile.
void validateCatalogue(const Catalogue &Cat, std::vector<Problem> &Problems);

/// SHA-256 of a byte string, lower-case hex.
std::string sha256Hex(const std::string &Bytes);

} // namespace rules
} // namespace medsec

#endif
