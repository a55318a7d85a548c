//===- Components.h - third-party components a scan found -------*- C++ -*-===//
//
// Each worker records the files its unit compiled and included and the
// values of the catalogued version macros as its preprocessor ended
// (Inventory.h); this file attributes them to the catalogue's components,
// merges the units into the scan's inventory, and lists the trees that look
// vendored but match no component (docs/sbom.md, docs/results-format.md).
// Plain C++ and llvm::json only.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_TOOLS_COMPONENTS_H
#define MEDSEC_TOOLS_COMPONENTS_H

#include "../../rules/loader/Catalogue.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace medsec {

/// A version macro's value where a unit's preprocessor last defined it.
struct MacroValue {
  std::string Value; // evaluated (MacroEval.h); empty when it could not be
  std::string File;  // absolute, or relative to the source root once attributed
  unsigned Line = 0;
};

/// What one unit's preprocessor saw (absolute paths).
struct UnitInventory {
  std::set<std::string> Compiled, Included;
  std::map<std::string, MacroValue> Macros; // by macro name, defined ones only
};

struct VersionEvidence {
  std::string Macro, Value, File;
  unsigned Line = 0;
  bool operator<(const VersionEvidence &O) const;
};

/// One component as one unit used it (worker output).
struct UnitComponent {
  std::string Id;
  std::vector<std::string> Compiled, Included; // relative to the source root when inside it
  std::string Version;                         // from the macros; empty when none gave it
  std::vector<VersionEvidence> Evidence;       // the macros behind Version
};

struct ComponentFile {
  std::string Path, Role, Sha256; // role: compiled | included
  std::string Sha1;               // SPDX 2.3 requires a SHA-1 per file
};

/// One component of the scan (results.json `components`).
struct ComponentResult {
  std::string Id, Name, Supplier, Licence;
  std::string Version;
  std::string VersionBasis;          // macro | declared | unknown | conflicting
  bool Development = false;          // the version carries a development suffix
  std::vector<std::string> Versions; // when units disagree (basis conflicting)
  std::vector<VersionEvidence> Evidence;
  std::string Purl, Cpe, Support, EndOfSupport;
  std::vector<ComponentFile> Files; // sorted by path
  std::vector<std::string> Units;   // the units that compiled or included it
  std::string Sha256;               // over the files' paths and hashes
};

/// A directory that looks vendored and matches no component.
struct UnidentifiedTree {
  std::string Path;                  // relative to the source root
  std::vector<std::string> Evidence; // its licence/README files
  std::vector<std::string> Files;    // the files the build used from it
};

/// Which component a path belongs to (glob on paths, or a `files` suffix
/// whose file defines one of the component's version macros).
class ComponentMatcher {
public:
  explicit ComponentMatcher(const std::vector<rules::ComponentEntry> &Components);
  /// The component owning Path (relative to the source root, or absolute),
  /// the one with the deepest root when several do; empty when none.
  /// Macros: the unit's version macro values, files relative like Path.
  std::string match(const std::string &Path, const std::map<std::string, MacroValue> &Macros) const;

private:
  struct Compiled;
  std::vector<std::shared_ptr<Compiled>> Entries;
};

/// The unit's components, attributed with the unit's own catalogue.
std::vector<UnitComponent> attributeUnit(const UnitInventory &Inv, const rules::Catalogue &Cat,
                                         const std::string &SourceRoot,
                                         std::vector<std::string> &VendorFiles);

/// Evaluates a component's version template from macro values; false when
/// a macro is missing or has no value.
bool componentVersion(const rules::ComponentEntry &C,
                      const std::map<std::string, MacroValue> &Macros, std::string &Version,
                      std::vector<VersionEvidence> &Evidence);

/// Whether a path relative to the source root lies in a directory that looks
/// vendored (third_party/, vendor/, lib/, Drivers/, Middlewares/, ...).
bool looksVendored(const std::string &RelPath);

struct UnitComponents {
  std::string Unit;
  std::vector<UnitComponent> Components;
  std::vector<std::string> VendorFiles;
};

/// Merges the units' components into the scan's (sorted by id), completing
/// them from Cat (names, suppliers, declared versions), hashing their files
/// under SourceRoot, and lists the vendored-looking trees no component owns.
void mergeComponents(const std::vector<UnitComponents> &Units, const rules::Catalogue &Cat,
                     const std::string &SourceRoot, std::vector<ComponentResult> &Components,
                     std::vector<UnidentifiedTree> &Unidentified);

struct ScanResults;

/// Fills R.Components and R.Unidentified from its units, with the catalogue
/// the units used (the built-in one and every project file R lists).
void recordComponents(ScanResults &R, const std::string &BuiltinDir);

/// One console line per component and per unidentified tree; a line saying
/// none were found otherwise, so that silence never stands for "not checked".
void printComponentSummary(llvm::raw_ostream &OS, const ScanResults &R);

/// A JSON array of strings, and back (absent or non-string items skipped).
llvm::json::Array jsonStrings(const std::vector<std::string> &V);
std::vector<std::string> readJsonStrings(const llvm::json::Object &O, llvm::StringRef Key);

llvm::json::Array unitComponentsToJson(const std::vector<UnitComponent> &C);
std::vector<UnitComponent> unitComponentsFromJson(const llvm::json::Array *A);
llvm::json::Array componentsToJson(const std::vector<ComponentResult> &C);
std::vector<ComponentResult> componentsFromJson(const llvm::json::Array *A);
llvm::json::Array unidentifiedToJson(const std::vector<UnidentifiedTree> &U);
std::vector<UnidentifiedTree> unidentifiedFromJson(const llvm::json::Array *A);

} // namespace medsec

#endif
