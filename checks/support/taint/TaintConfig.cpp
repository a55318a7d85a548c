//===- TaintConfig.cpp ----------------------------------------------------===//
#include "TaintConfig.h"

#include <cstdint>
#include <cstdlib>
#include <map>
#include <mutex>

namespace clang::tidy::medsec::taint {
namespace {

/// "1", "2..." (from 2 on), "return" is handled by the callers. The loader
/// has checked every item (the schema's arguments and outputs kinds).
ArgSet parseArgs(const std::vector<std::string> &Items) {
  ArgSet S;
  for (const std::string &I : Items) {
    if (I.empty() || I == "return")
      continue;
    if (I.size() > 3 && I.compare(I.size() - 3, 3, "...") == 0)
      S.From = std::atoi(I.substr(0, I.size() - 3).c_str());
    else
      S.Indices.push_back(std::atoi(I.c_str()));
  }
  return S;
}

bool mentionsReturn(const std::vector<std::string> &Items) {
  for (const std::string &I : Items)
    if (I == "return")
      return true;
  return false;
}

void loadShared(const rules::CheckEntry &E, TaintConfig &C) {
  for (const rules::DataEntry &D : E.activeData("sources")) {
    SourceSpec S;
    S.Name = D.Key;
    const std::vector<std::string> Taints = D.getList("taints");
    S.Returns = mentionsReturn(Taints);
    S.OutArgs = parseArgs(Taints);
    for (const std::string &F : D.getList("fields")) {
      // "ARG.member": the loader refused any other form (argument kinds of the
      // data schema, docs/rules-format.md), and an ARG that `taints` omits.
      const size_t Dot = F.find('.');
      if (Dot == 0 || Dot == std::string::npos || Dot + 1 == F.size() ||
          F.find_first_not_of("0123456789") != Dot)
        continue;
      S.OutFields[static_cast<unsigned>(std::strtoul(F.c_str(), nullptr, 10))].push_back(
          F.substr(Dot + 1));
    }
    S.Origin = D.get("origin", "external data");
    S.Verb = D.get("verb", "received");
    S.Note = D.get("note");
    S.Channel = D.get("channel", "unknown");
    S.QueueArg = static_cast<int>(D.getInt("queue", -1));
    auto Opt = [&](const char *Field) -> std::optional<int64_t> {
      if (!D.Scalars.count(Field))
        return std::nullopt;
      return D.getInt(Field, 0);
    };
    S.CheckedResultMin = Opt("checked-result-min");
    S.CheckedResultMax = Opt("checked-result-max");
    S.CheckedMax = Opt("checked-max");
    C.Sources[S.Name] = S;
  }
  for (const rules::DataEntry &D : E.activeData("propagators")) {
    PropagatorSpec P;
    P.From = parseArgs(D.getList("from"));
    const std::vector<std::string> To = D.getList("to");
    P.ToReturn = mentionsReturn(To);
    P.To = parseArgs(To);
    P.LengthOf = static_cast<int>(D.getInt("length-of", -1));
    P.LengthOut = static_cast<int>(D.getInt("length-out", -1));
    P.LengthMax = static_cast<int>(D.getInt("length-max", -1));
    C.Propagators[D.Key] = P;
  }
  for (const rules::DataEntry &D : E.activeData("validators")) {
    ValidatorSpec V;
    V.Args = parseArgs(D.getList("args"));
    const std::string W = D.get("valid-when", "nonzero");
    V.When = W == "zero"              ? ValidWhen::Zero
             : W == "always"          ? ValidWhen::Always
             : W == "returns-bounded" ? ValidWhen::ReturnsBounded
                                      : ValidWhen::NonZero;
    C.Validators[D.Key] = V;
  }
  for (const rules::DataEntry &D : E.activeData("callbacks")) {
    CallbackSpec CB;
    CB.Name = D.Key;
    // A callback field (`bt_gatt_attr::write`) is matched like a type.
    CB.IsType = D.get("kind", "function") != "function";
    CB.Params = parseArgs(D.getList("params"));
    CB.Origin = D.get("origin", "received data");
    CB.Note = D.get("note");
    CB.Channel = D.get("channel", "unknown");
    for (const std::string &R : D.getList("ranges")) {
      std::string Error; // the loader reported a malformed range
      if (auto PR = ::medsec::parseParamRange(R, Error))
        CB.Ranges[PR->first] = PR->second;
    }
    (CB.IsType ? C.CallbackTypes : C.CallbackFunctions)[CB.Name] = CB;
  }
  // The loader validated the patterns; they compile on first use.
  auto Regex = [](const std::string &P, bool IgnoreCase) { return LazyRegex::make(P, IgnoreCase); };
  InferenceRules &I = C.Inference;
  for (const rules::DataEntry &D : E.activeData("inferred-sources")) {
    const std::string Kind = D.get("kind");
    // Register names are spelt as the vendor header spells them; the rest in any case.
    auto R = Regex(D.get("pattern"), Kind != "register-name");
    if (Kind == "register-field")
      I.RegisterField = R;
    else if (Kind == "register-name")
      I.RegisterName = R;
    else if (Kind == "interrupt-handler")
      I.InterruptHandler = R;
    else if (Kind == "receive-method") {
      I.ReceiveMethod = R;
      I.ReceiveClass = Regex(D.get("class-pattern"), false); // CAN, not "Scanner"
    }
  }
  for (const rules::DataEntry &D : E.activeData("channel-names"))
    if (auto R = Regex(D.get("pattern"), true))
      I.ChannelNames.push_back({R, D.get("channel", D.Key)});
  for (const rules::DataEntry &D : E.activeData("queue-sends"))
    C.QueueSends[D.Key] = {static_cast<int>(D.getInt("queue", 0)),
                           static_cast<int>(D.getInt("data", 1))};
  for (const rules::DataEntry &D : E.activeData("terminators"))
    C.Terminators.insert(D.Key);
  for (const rules::DataEntry &D : E.activeData("globals"))
    C.Globals[D.Key] = {D.Key, D.get("origin", "external data"), D.get("note"),
                        D.get("channel", "unknown")};
}

void loadSettings(const rules::CheckEntry &E, SettingRules &S) {
  for (const rules::DataEntry &D : E.activeData("names")) {
    auto R = LazyRegex::make(D.get("pattern"), true);
    if (!R)
      continue;
    const std::string Kind = D.get("kind", "setting");
    (Kind == "not-setting" ? S.NotNames : Kind == "qualifier" ? S.Qualifiers : S.Names)
        .push_back(R);
  }
  for (const rules::DataEntry &D : E.activeData("settings"))
    S.Declared.insert(D.Key);
  for (const rules::DataEntry &D : E.activeData("setters"))
    S.Setters[D.Key] = parseArgs(D.getList("args"));
}

void loadSinks(const rules::Catalogue &Cat, TaintConfig &C) {
  if (const rules::CheckEntry *E = Cat.findCheck("medsec-unvalidated-setting"))
    loadSettings(*E, C.Settings);
  if (const rules::CheckEntry *E = Cat.findCheck("medsec-tainted-memory-size"))
    for (const rules::DataEntry &D : E->activeData("functions")) {
      SizeSinkSpec S;
      S.SizeArgs = parseArgs(D.getList("size-args"));
      S.DestArg = static_cast<int>(D.getInt("dest-arg", -1));
      S.Allocates = D.get("kind", "copy") == "allocation";
      C.SizeSinks[D.Key] = S;
    }
  if (const rules::CheckEntry *E = Cat.findCheck("medsec-tainted-format-string")) {
    for (const rules::DataEntry &D : E->activeData("functions"))
      C.FormatFunctions[D.Key] = static_cast<int>(D.getInt("format-arg", 0));
  }
  if (const rules::CheckEntry *E = Cat.findCheck("medsec-tainted-command"))
    for (const rules::DataEntry &D : E->activeData("functions"))
      C.CommandFunctions[D.Key] = parseArgs(D.getList("args"));
}

} // namespace

std::string InferenceRules::channelOf(llvm::StringRef Name) const {
  for (const auto &[R, Channel] : ChannelNames)
    if (R->match(Name))
      return Channel;
  return "unknown";
}

std::string identifierWords(llvm::StringRef Name) {
  std::string W;
  auto Lower = [](char C) { return C >= 'a' && C <= 'z'; };
  auto Upper = [](char C) { return C >= 'A' && C <= 'Z'; };
  auto Digit = [](char C) { return C >= '0' && C <= '9'; };
  for (size_t I = 0; I < Name.size(); ++I) {
    const char C = Name[I];
    if (!Lower(C) && !Upper(C) && !Digit(C)) {
      if (!W.empty() && W.back() != '_')
        W += '_';
      continue;
    }
    // A capital starts a word after a lower-case letter or a digit (maxPressure,
    // cmH2O), and ends a run of capitals before a lower-case letter (PEEPLimit).
    const bool Starts =
        Upper(C) && I > 0 &&
        (Lower(Name[I - 1]) || Digit(Name[I - 1]) ||
         (Upper(Name[I - 1]) && I + 1 < Name.size() && Lower(Name[I + 1])));
    if (Starts && !W.empty() && W.back() != '_')
      W += '_';
    W += Upper(C) ? char(C - 'A' + 'a') : C;
  }
  while (!W.empty() && W.back() == '_')
    W.pop_back();
  return W;
}

namespace {
bool anyMatch(const std::vector<std::shared_ptr<LazyRegex>> &Rs, llvm::StringRef Words) {
  // Patterns see the words with '_' on both sides: "_rate_" matches a whole word.
  const std::string Padded = "_" + Words.str() + "_";
  for (const auto &R : Rs)
    if (R->match(Padded))
      return true;
  return false;
}
} // namespace

bool SettingRules::namesSetting(llvm::StringRef Name) const {
  const std::string Words = identifierWords(Name);
  return anyMatch(Names, Words) && !anyMatch(NotNames, Words);
}

bool SettingRules::qualifierOnly(llvm::StringRef Name) const {
  const std::string Words = identifierWords(Name);
  if (Words.empty())
    return false;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  llvm::StringRef(Words).split(Parts, '_');
  for (llvm::StringRef P : Parts)
    if (!anyMatch(Qualifiers, P))
      return false;
  return true;
}

bool isExternalChannel(const std::string &Channel) {
  return Channel != "none" && Channel != "cross-tu";
}

bool ArgSet::contains(unsigned I) const {
  if (From >= 0 && I >= static_cast<unsigned>(From))
    return true;
  for (int X : Indices)
    if (X >= 0 && static_cast<unsigned>(X) == I)
      return true;
  return false;
}

std::shared_ptr<const TaintConfig> taintConfigFor(const rules::Catalogue &Cat) {
  static std::mutex M;
  static std::map<std::string, std::shared_ptr<const TaintConfig>> Cache;
  // The address alone could be reused by a reloaded catalogue: add the hashes.
  std::string Key = std::to_string(reinterpret_cast<uintptr_t>(&Cat));
  for (const rules::CatalogueFile &F : Cat.Files)
    Key += "/" + F.Sha256;
  std::lock_guard<std::mutex> Lock(M);
  auto &Slot = Cache[Key];
  if (!Slot) {
    auto C = std::make_shared<TaintConfig>();
    if (const rules::CheckEntry *E = Cat.findCheck(sharedDataCheckId()))
      loadShared(*E, *C);
    loadSinks(Cat, *C);
    Slot = C;
  }
  return Slot;
}

} // namespace clang::tidy::medsec::taint
