//===- TaintConfig.h - taint sources, sinks and sanitisers ------*- C++ -*-===//
//
// The catalogue data of the medsec-tainted-* family in lookup form. Sources,
// propagators, validators and callback entry points are shared by all six
// checks and live in the entry of medsec-tainted-array-index (the family's
// anchor, see docs/rules-format.md "shared data"); each check's own entry
// holds only its sinks.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_CHECKS_SUPPORT_TAINT_TAINTCONFIG_H
#define MEDSEC_CHECKS_SUPPORT_TAINT_TAINTCONFIG_H

#include "../../../rules/loader/Catalogue.h"
#include "../../../rules/loader/ParamRange.h"
#include "../LazyRegex.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::medsec::taint {

namespace rules = ::medsec::rules;

/// Argument positions: explicit 0-based indices plus "every argument from
/// index From on" (scanf outputs, exec arguments); -1 means none.
struct ArgSet {
  std::vector<int> Indices;
  int From = -1;
  bool contains(unsigned I) const;
  bool empty() const { return Indices.empty() && From < 0; }
};

struct SourceSpec {
  std::string Name;
  bool Returns = false;  // the return value (or what it points to) is external
  ArgSet OutArgs;        // what these arguments point to receives external data
  /// Only these members of what an argument points to do (`fields: ["0.buffer"]`).
  std::map<unsigned, std::vector<std::string>> OutFields;
  std::string Origin;    // noun phrase: "received data", "the environment"
  std::string Verb;      // note text: "value <verb> by 'name' here"
  std::string Note;      // replaces that note text when set (derived rules)
  std::string Channel;   // uart, usb, ble, network, ...; "none" and "cross-tu" are no input
  bool Inferred = false; // made by an inference rule, not read from the catalogue
  int QueueArg = -1;     // a queue of the unit: what the unit sends into it, not external
  /// The out-arguments hold values the function checked (at most CheckedMax,
  /// else a trusted bound) when its result lies in [CheckedResultMin,
  /// CheckedResultMax] (an open end when unset): a caller testing the result
  /// so keeps the bound (derived from another unit's summary).
  std::optional<int64_t> CheckedResultMin, CheckedResultMax, CheckedMax;
};

/// A function that puts a copy of what Data points to into the queue Queue.
struct QueueSendSpec {
  int Queue = 0;
  int Data = 1;
};

struct PropagatorSpec {
  ArgSet From;           // taint of these arguments (value or pointee) ...
  bool ToReturn = false; // ... reaches the return value
  ArgSet To;             // ... and/or what these arguments point to
  int LengthOf = -1;     // the result is a length within this argument's buffer
  int LengthOut = -1;    // what this argument points to receives the count of bytes copied,
  int LengthMax = -1;    // which is at most this argument's value
};

enum class ValidWhen { NonZero, Zero, Always, ReturnsBounded };
struct ValidatorSpec {
  ArgSet Args;
  ValidWhen When = ValidWhen::NonZero;
};

struct CallbackSpec {
  std::string Name;
  bool IsType = false; // a function-pointer typedef, not a function name
  ArgSet Params;
  std::string Origin;
  std::string Note; // replaces "value received as parameter ..." when set
  std::string Channel;
  /// The interval each parameter has at every call (`ranges`, derived by
  /// medsec scan --cross-tu from the callers of other units).
  std::map<unsigned, ::medsec::ValueRange> Ranges;
};

/// A global variable that holds external data wherever it is read (a DMA
/// buffer, or one another TU writes with external data).
struct GlobalSpec {
  std::string Name;
  std::string Origin;
  std::string Note;
  std::string Channel;
};

/// True for the channel of an entry that is a place external data enters the
/// device: not a pseudo-random value ("none") nor what medsec scan derived
/// from another unit of the same program ("cross-tu").
bool isExternalChannel(const std::string &Channel);

struct SizeSinkSpec {
  ArgSet SizeArgs;
  int DestArg = -1;
  bool Allocates = false;
};

/// Rules that infer inputs no catalogue entry names (docs/taint-analysis.md,
/// "Inferred sources"): each is off when its catalogue entry is disabled.
struct InferenceRules {
  std::shared_ptr<LazyRegex> RegisterField; // data register of a peripheral struct (DR, RDR)
  std::shared_ptr<LazyRegex> RegisterName;  // SFR variable or register macro (SBUF, UDR0)
  std::shared_ptr<LazyRegex> InterruptHandler;
  std::shared_ptr<LazyRegex> ReceiveMethod, ReceiveClass; // UartPort::Read
  std::vector<std::pair<std::shared_ptr<LazyRegex>, std::string>> ChannelNames;
  /// The channel a name (a peripheral type, a handler, a class) suggests.
  std::string channelOf(llvm::StringRef Name) const;
};

/// What medsec-unvalidated-setting counts as a therapy or actuator setting
/// (docs/checks/medsec-unvalidated-setting.md): catalogue name patterns over
/// the words of an identifier, and the project's declared settings and setters.
struct SettingRules {
  std::vector<std::shared_ptr<LazyRegex>> Names;      // words that name a setting
  std::vector<std::shared_ptr<LazyRegex>> NotNames;   // words that make it something else
  std::vector<std::shared_ptr<LazyRegex>> Qualifiers; // names that only qualify their parent
  llvm::StringSet<> Declared;                         // variables, fields, Record::field
  llvm::StringMap<ArgSet> Setters;                    // functions that apply an argument
  bool empty() const { return Names.empty() && Declared.empty() && Setters.empty(); }
  /// Name (an identifier, or parent and child joined by '_') is a setting's.
  bool namesSetting(llvm::StringRef Name) const;
  /// Name consists of qualifier words only (value, min, max): its parent names it.
  bool qualifierOnly(llvm::StringRef Name) const;
};

/// The words of an identifier, lower case, joined by '_': maxPressure and
/// MAX_PRESSURE both give "max_pressure", peep_cmH2O gives "peep_cm_h2_o".
std::string identifierWords(llvm::StringRef Name);

struct TaintConfig {
  llvm::StringMap<SourceSpec> Sources;
  llvm::StringMap<PropagatorSpec> Propagators;
  llvm::StringMap<ValidatorSpec> Validators;
  llvm::StringMap<CallbackSpec> CallbackFunctions;
  llvm::StringMap<CallbackSpec> CallbackTypes;
  llvm::StringMap<GlobalSpec> Globals;
  llvm::StringMap<QueueSendSpec> QueueSends;
  llvm::StringSet<> Terminators; // assertion-failure handlers: the path ends at the call
  llvm::StringMap<SizeSinkSpec> SizeSinks;
  llvm::StringMap<int> FormatFunctions; // name -> format argument index
  llvm::StringMap<ArgSet> CommandFunctions;
  bool UseFormatAttribute = true;
  InferenceRules Inference;
  SettingRules Settings;
};

/// The configuration for a catalogue, built once per catalogue object.
std::shared_ptr<const TaintConfig> taintConfigFor(const rules::Catalogue &Cat);

/// The catalogue entry that holds the family's shared lists.
inline const char *sharedDataCheckId() { return "medsec-tainted-array-index"; }

} // namespace clang::tidy::medsec::taint

#endif
