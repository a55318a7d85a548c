//===- CrossTu.cpp - follow taint between translation units ---------------===//
#include "CrossTu.h"
#include "Analyse.h"
#include "writers/Console.h"

#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

namespace medsec {
namespace json = llvm::json;

namespace {
json::Array factRefsToJson(const std::vector<FactRef> &Refs) {
  json::Array A;
  for (const FactRef &R : Refs)
    A.push_back(json::Object{
        {"kind", R.Kind}, {"name", R.Name}, {"param", static_cast<int64_t>(R.Param)}});
  return A;
}

FactRef factRefFromJson(const json::Object &O) {
  return {O.getString("kind").value_or("").str(), O.getString("name").value_or("").str(),
          static_cast<unsigned>(O.getInteger("param").value_or(0))};
}

/// A parameter fact's interval: {"lo": 0, "hi": 200, "hiChecked": true}, an
/// open end left out, an end implied by the type or arithmetic unmarked.
json::Object rangeToJson(const ValueRange &R) {
  json::Object O;
  if (R.Lo)
    O["lo"] = *R.Lo;
  if (R.Hi)
    O["hi"] = *R.Hi;
  if (R.LoChecked)
    O["loChecked"] = true;
  if (R.HiChecked)
    O["hiChecked"] = true;
  return O;
}

std::optional<ValueRange> rangeFromJson(const json::Object *O) {
  if (!O)
    return std::nullopt;
  ValueRange R;
  R.Lo = O->getInteger("lo");
  R.Hi = O->getInteger("hi");
  R.LoChecked = R.Lo && O->getBoolean("loChecked").value_or(false);
  R.HiChecked = R.Hi && O->getBoolean("hiChecked").value_or(false);
  if (!R.Lo && !R.Hi)
    return std::nullopt;
  return R;
}

/// An entry's location members: file, line and column.
std::tuple<std::string, unsigned, unsigned> locationFromJson(const json::Object &O) {
  return {O.getString("file").value_or("").str(),
          static_cast<unsigned>(O.getInteger("line").value_or(0)),
          static_cast<unsigned>(O.getInteger("column").value_or(0))};
}
} // namespace

json::Value crossTuFactsToJson(const CrossTuFacts &F, llvm::StringRef CompileDir,
                               llvm::StringRef SourceRoot) {
  auto Path = [&](const std::string &File) {
    llvm::SmallString<256> P(File);
    if (!llvm::sys::path::is_absolute(P) && !CompileDir.empty()) {
      P = CompileDir;
      llvm::sys::path::append(P, File);
    }
    return relativeToRoot(P, SourceRoot);
  };
  json::Array Facts;
  for (const CrossTuFact &X : F.Facts) {
    const char *Kind = X.K == CrossTuFact::ParamFact    ? "param"
                       : X.K == CrossTuFact::ReturnFact ? "return"
                       : X.K == CrossTuFact::OutFact    ? "out"
                       : X.K == CrossTuFact::MemberFact ? "member"
                                                        : "global";
    json::Array Roots;
    for (const InputRoot &R : X.Roots)
      Roots.push_back(json::Object{{"file", Path(R.File)},
                                   {"line", static_cast<int64_t>(R.Line)},
                                   {"column", static_cast<int64_t>(R.Column)},
                                   {"name", R.Name}});
    json::Object O{{"kind", Kind},
                   {"name", X.Name},
                   {"param", static_cast<int64_t>(X.Param)},
                   {"paramName", X.ParamName},
                   {"origin", X.Origin},
                   {"source", X.SourceName},
                   {"file", Path(X.File)},
                   {"line", static_cast<int64_t>(X.Line)},
                   {"column", static_cast<int64_t>(X.Column)},
                   {"roots", std::move(Roots)},
                   {"via", factRefsToJson(X.Via)}};
    if (X.Checked) {
      json::Object C;
      if (X.CheckedResultMin)
        C["resultMin"] = static_cast<int64_t>(*X.CheckedResultMin);
      if (X.CheckedResultMax)
        C["resultMax"] = static_cast<int64_t>(*X.CheckedResultMax);
      if (X.CheckedMax)
        C["max"] = static_cast<int64_t>(*X.CheckedMax);
      O["checked"] = std::move(C);
    }
    if (!X.Fields.empty())
      O["fields"] = json::Array(X.Fields);
    if (X.Range)
      O["range"] = rangeToJson(*X.Range);
    Facts.push_back(std::move(O));
  }
  json::Array Derived;
  for (const DerivedRoot &D : F.DerivedRoots)
    Derived.push_back(json::Object{{"file", Path(D.File)},
                                   {"line", static_cast<int64_t>(D.Line)},
                                   {"column", static_cast<int64_t>(D.Column)},
                                   {"facts", factRefsToJson(D.Facts)}});
  json::Array Defines, Uses;
  for (const std::string &N : F.Defines)
    Defines.push_back(N);
  for (const std::string &N : F.Uses)
    Uses.push_back(N);
  json::Object Out{{"facts", std::move(Facts)},
                   {"defines", std::move(Defines)},
                   {"uses", std::move(Uses)},
                   {"derivedRoots", std::move(Derived)}};
  if (!F.Overrides.empty()) {
    json::Array Overrides;
    for (const auto &[Over, Base] : F.Overrides)
      Overrides.push_back(json::Array{Over, Base});
    Out["overrides"] = std::move(Overrides);
  }
  if (F.MinCalls) {
    json::Array Calls;
    for (const CallCountFact &C : F.CallCounts)
      Calls.push_back(json::Object{{"name", C.Name},
                                   {"checked", static_cast<int64_t>(C.Checked)},
                                   {"calls", static_cast<int64_t>(C.Calls)},
                                   {"unchecked", static_cast<int64_t>(C.Unchecked)}});
    Out["calls"] = std::move(Calls);
    Out["mustCheck"] = json::Object{{"minCalls", static_cast<int64_t>(F.MinCalls)},
                                    {"minPercent", static_cast<int64_t>(F.MinPercent)}};
  }
  return Out;
}

void CrossTuJoin::addUnit(const std::string &File, const json::Value &V) {
  const json::Object *O = V.getAsObject();
  if (!O)
    return;
  Names &N = Units[File];
  N = Names(); // a re-analysed unit replaces what it said before
  for (const char *List : {"defines", "uses"})
    if (const json::Array *A = O->getArray(List))
      for (const json::Value &X : *A)
        if (auto S = X.getAsString())
          (List[0] == 'd' ? N.Defines : N.Uses).insert(S->str());
  if (const json::Array *A = O->getArray("overrides"))
    for (const json::Value &X : *A)
      if (const json::Array *P = X.getAsArray(); P && P->size() == 2)
        if (auto Over = (*P)[0].getAsString(), Base = (*P)[1].getAsString(); Over && Base)
          N.Overrides.emplace(Over->str(), Base->str());
  addCallCounts(File, *O);
  if (const json::Array *A = O->getArray("facts"))
    for (const json::Value &XV : *A) {
      const json::Object *X = XV.getAsObject();
      if (!X)
        continue;
      Fact F;
      F.Kind = X->getString("kind").value_or("").str();
      F.Name = X->getString("name").value_or("").str();
      F.ParamName = X->getString("paramName").value_or("").str();
      F.Origin = X->getString("origin").value_or("external data").str();
      F.Source = X->getString("source").value_or("").str();
      F.File = X->getString("file").value_or("").str();
      F.Param = static_cast<unsigned>(X->getInteger("param").value_or(0));
      F.Line = static_cast<unsigned>(X->getInteger("line").value_or(0));
      F.Column = static_cast<unsigned>(X->getInteger("column").value_or(0));
      F.Unit = File;
      if (const json::Object *C = X->getObject("checked")) {
        F.Checked = true;
        F.CheckedResultMin = C->getInteger("resultMin");
        F.CheckedResultMax = C->getInteger("resultMax");
        F.CheckedMax = C->getInteger("max");
      }
      if (F.Kind == "param")
        F.Range = rangeFromJson(X->getObject("range"));
      if (const json::Array *Fields = X->getArray("fields"))
        for (const json::Value &M : *Fields)
          if (auto S = M.getAsString())
            F.Fields.push_back(S->str());
      if (F.Name.empty() || F.Kind.empty())
        continue;
      if (const json::Array *R = X->getArray("roots"))
        for (const json::Value &RV : *R)
          if (const json::Object *RO = RV.getAsObject()) {
            auto [RFile, RLine, RColumn] = locationFromJson(*RO);
            F.Roots.insert({RFile, RLine, RColumn, RO->getString("name").value_or("").str()});
          }
      if (const json::Array *V = X->getArray("via"))
        for (const json::Value &VV : *V)
          if (const json::Object *VO = VV.getAsObject())
            F.Via.insert(factRefFromJson(*VO));
      const Key K{F.Kind, F.Name, F.Param};
      // A known fact keeps its rule; a new flow behind it adds its origins,
      // a wider interval widens the rule (its units are analysed again).
      if (auto KIt = Known.find(K); KIt != Known.end()) {
        KIt->second.addOrigins(F);
        if (widenRange(KIt->second.Range, F.Range))
          Widened.insert(K);
        continue;
      }
      auto [It, New] = Pending.emplace(K, F);
      if (!New)
        keepEarliest(It->second, std::move(F));
    }
}

void CrossTuJoin::keepEarliest(Fact &Into, Fact F) {
  widenRange(Into.Range, F.Range); // every call site's interval, whichever note wins
  F.Range = Into.Range;
  if (std::tie(F.File, F.Line, F.Column, F.Unit) <
      std::tie(Into.File, Into.Line, Into.Column, Into.Unit)) {
    F.addOrigins(Into);
    Into = std::move(F);
  } else {
    Into.addOrigins(F);
  }
}

std::set<InputRoot> CrossTuJoin::rootsOf(const FactRef &R) const {
  std::set<InputRoot> Roots;
  std::set<FactRef> Seen{R};
  std::vector<FactRef> Work{R};
  while (!Work.empty()) {
    const FactRef Ref = Work.back();
    Work.pop_back();
    auto It = Known.find(Key{Ref.Kind, Ref.Name, Ref.Param});
    if (It == Known.end())
      continue;
    Roots.insert(It->second.Roots.begin(), It->second.Roots.end());
    for (const FactRef &Via : It->second.Via)
      if (Seen.insert(Via).second)
        Work.push_back(Via);
  }
  return Roots;
}

void CrossTuJoin::attributeFindings(std::vector<UnitResult> &Results) const {
  for (UnitResult &U : Results) {
    const json::Object *O = U.CrossTu ? U.CrossTu->getAsObject() : nullptr;
    const json::Array *Derived = O ? O->getArray("derivedRoots") : nullptr;
    if (!Derived)
      continue;
    std::map<Location, std::set<InputRoot>> At;
    for (const json::Value &DV : *Derived) {
      const json::Object *D = DV.getAsObject();
      const json::Array *Facts = D ? D->getArray("facts") : nullptr;
      if (!Facts)
        continue;
      auto [File, Line, Column] = locationFromJson(*D);
      std::set<InputRoot> &Roots = At[Location{File, Line, Column}];
      for (const json::Value &FV : *Facts)
        if (const json::Object *FO = FV.getAsObject())
          for (const InputRoot &R : rootsOf(factRefFromJson(*FO)))
            Roots.insert(R);
    }
    for (Finding &F : U.Findings) {
      if (F.Notes.empty())
        continue;
      auto It = At.find(F.Notes.front().Where);
      if (It == At.end())
        continue;
      for (const InputRoot &R : It->second)
        F.Inputs.push_back({{R.File, R.Line, R.Column}, R.Name});
      std::sort(F.Inputs.begin(), F.Inputs.end());
      F.Inputs.erase(std::unique(F.Inputs.begin(), F.Inputs.end()), F.Inputs.end());
    }
  }
}

void CrossTuJoin::addCallCounts(const std::string &File, const json::Object &O) {
  if (const json::Object *T = O.getObject("mustCheck")) {
    // Every unit reads the same catalogue entry; the first that says wins.
    if (!MinCalls) {
      MinCalls = static_cast<unsigned>(T->getInteger("minCalls").value_or(0));
      MinPercent = static_cast<unsigned>(T->getInteger("minPercent").value_or(0));
    }
  }
  const json::Array *A = O.getArray("calls");
  if (!A)
    return;
  std::map<std::string, CallCounts> &Mine = UnitCalls[File];
  Mine.clear();
  for (const json::Value &XV : *A) {
    const json::Object *X = XV.getAsObject();
    const std::string Name = X ? X->getString("name").value_or("").str() : "";
    if (Name.empty())
      continue;
    CallCounts &C = Mine[Name];
    C.Checked = static_cast<unsigned>(X->getInteger("checked").value_or(0));
    C.Calls = static_cast<unsigned>(X->getInteger("calls").value_or(0));
    C.Unchecked = static_cast<unsigned>(X->getInteger("unchecked").value_or(0));
  }
}

bool CrossTuJoin::mustCheck(const CallCounts &C) const {
  // As the check judges it at a call that does not check (InferredMustCheck.h).
  const uint64_t Others = C.Calls ? C.Calls - 1 : 0;
  return C.Checked >= MinCalls && C.Checked * 100ull >= uint64_t(MinPercent) * Others;
}

void CrossTuJoin::joinCallCounts(std::set<std::string> &Rerun) {
  if (CallsJoined || !MinCalls)
    return;
  // The counts are the units' own: they do not change with the derived
  // rules, so they are joined once.
  CallsJoined = true;
  std::map<std::string, std::pair<CallCounts, unsigned>> Sum; // name -> counts, units
  for (const auto &[Unit, Calls] : UnitCalls)
    for (const auto &[Name, C] : Calls) {
      auto &[Total, Units] = Sum[Name];
      Total.Checked += C.Checked;
      Total.Calls += C.Calls;
      Total.Unchecked += C.Unchecked;
      ++Units;
    }
  for (const auto &[Name, S] : Sum) {
    const auto &[Total, Units] = S;
    if (Units < 2 || !Total.Unchecked)
      continue; // one unit knew everything; nothing to report anywhere
    bool Needed = false;
    for (const auto &[Unit, Calls] : UnitCalls) {
      auto It = Calls.find(Name);
      if (It == Calls.end() || !It->second.Unchecked)
        continue;
      // Reported alone or together: the unit reports again with the
      // program's counts (a finding appears, goes, or names the sum).
      if (mustCheck(It->second) || mustCheck(Total)) {
        Rerun.insert(Unit);
        Needed = true;
      }
    }
    if (Needed)
      JoinedCalls[Name] = Total;
  }
}

std::vector<std::string> CrossTuJoin::advance() {
  std::set<std::string> Rerun;
  joinCallCounts(Rerun);
  // A unit that defines the name itself speaks of its own object: when
  // another unit defines it too, no executable links both (the programs of
  // one database, each with its own `opt` or `main`), so what one does with
  // its object says nothing about the other's. A unit that only uses the
  // name may link any of the definitions (an archive member not pulled in
  // defines it too): the facts go to all of them.
  std::map<std::string, unsigned> Definers;
  // The class hierarchy from every unit: a virtual call may run any
  // overrider of the method it names, and an overrider's result is what a
  // call of the methods it overrides may give.
  std::map<std::string, std::set<std::string>> OverridersOf, Overridden;
  for (const auto &[Unit, N] : Units) {
    for (const std::string &Name : N.Defines)
      ++Definers[Name];
    for (const auto &[Over, Base] : N.Overrides) {
      OverridersOf[Base].insert(Over);
      Overridden[Over].insert(Base);
    }
  }
  std::map<Key, Fact> Each; // the earliest location wins, as in addUnit
  auto Add = [&](const Fact &G) {
    auto [It, New] = Each.emplace(Key{G.Kind, G.Name, G.Param}, G);
    if (!New)
      keepEarliest(It->second, G);
  };
  for (const auto &[K, F] : Pending) {
    Add(F);
    const auto &Also = F.Kind == "param" ? OverridersOf : Overridden;
    if (F.Kind == "global" || F.Kind == "member" || !Also.count(F.Name))
      continue;
    for (const std::string &Name : Also.at(F.Name)) {
      Fact G = F;
      G.Name = Name;
      // Its data is the method's: the inputs a unit reports for that later too.
      G.Via.insert({F.Kind, F.Name, F.Param});
      Add(G);
    }
  }
  for (auto &[K, F] : Each) {
    if (auto KIt = Known.find(K); KIt != Known.end()) {
      KIt->second.addOrigins(F); // an overrider's copy of a new fact
      if (widenRange(KIt->second.Range, F.Range))
        Widened.insert(K);
      continue;
    }
    const auto Own = Units.find(F.Unit);
    if (Definers[F.Name] > 1 && Own != Units.end() && Own->second.Defines.count(F.Name)) {
      Ambiguous.insert(F.Name);
      Known.emplace(K, F); // never Used: not in the rules
      continue;
    }
    for (const auto &[Unit, N] : Units) {
      if (Unit == F.Unit)
        continue; // it knows already
      const bool Defines = N.Defines.count(F.Name), Uses = N.Uses.count(F.Name);
      // A parameter matters where the function is defined, a return value
      // or an out-parameter where it is called, a global wherever it is read,
      // a member where methods read it.
      if ((F.Kind == "param" && Defines) ||
          ((F.Kind == "return" || F.Kind == "out" || F.Kind == "member") && Uses) ||
          (F.Kind == "global" && (Defines || Uses))) {
        F.Used = true;
        Rerun.insert(Unit);
      }
    }
    Known.emplace(K, F);
  }
  Pending.clear();
  // A parameter some unit now passes in a wider interval than its rule says
  // (one of its call sites was analysed later): the overriders' copies widen
  // with it, and the units defining them are analysed again with it.
  std::set<Key> Wider = Widened;
  for (const Key &K : Widened) {
    const Fact &F = Known.at(K);
    if (F.Kind != "param" || !OverridersOf.count(F.Name))
      continue;
    for (const std::string &Name : OverridersOf.at(F.Name))
      if (auto It = Known.find(Key{F.Kind, Name, F.Param});
          It != Known.end() && widenRange(It->second.Range, F.Range))
        Wider.insert(It->first);
  }
  Widened.clear();
  for (const Key &K : Wider) {
    const Fact &F = Known.at(K);
    if (!F.Used)
      continue;
    for (const auto &[Unit, N] : Units)
      if (Unit != F.Unit && N.Defines.count(F.Name))
        Rerun.insert(Unit);
  }
  return {Rerun.begin(), Rerun.end()};
}

namespace {
std::string quoted(llvm::StringRef S) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << json::Value(S.str());
  return Out;
}
std::string at(const std::string &File, unsigned Line) { return File + ":" + std::to_string(Line); }
/// How a note names a function: an overloaded method without the parameter
/// types its joined name carries (`app::Parser::handle(int)`).
std::string shown(const std::string &Name) { return Name.substr(0, Name.find('(')); }
} // namespace

std::string CrossTuJoin::checkedFields(const std::vector<const Fact *> &Outs) {
  // One range of results for the whole call: only when every out-parameter
  // is checked on the same results.
  if (Outs.empty())
    return "";
  const Fact &A = *Outs.front();
  std::optional<int64_t> Max = A.CheckedMax;
  for (const Fact *F : Outs) {
    if (!F->Checked || F->CheckedResultMin != A.CheckedResultMin ||
        F->CheckedResultMax != A.CheckedResultMax)
      return "";
    Max = Max && F->CheckedMax ? std::optional<int64_t>(std::max(*Max, *F->CheckedMax))
                               : std::nullopt;
  }
  if (!A.CheckedResultMin && !A.CheckedResultMax)
    return "";
  std::string Y;
  if (A.CheckedResultMin)
    Y += "          checked-result-min: " + std::to_string(*A.CheckedResultMin) + "\n";
  if (A.CheckedResultMax)
    Y += "          checked-result-max: " + std::to_string(*A.CheckedResultMax) + "\n";
  if (Max)
    Y += "          checked-max: " + std::to_string(*Max) + "\n";
  return Y;
}

std::string CrossTuJoin::overlayYaml() const {
  std::string Callbacks, Sources, Globals;
  // A function's return value and out-parameters are one source entry: its
  // tainted positions, the note of the earliest fact.
  struct SourceEntry {
    std::vector<std::string> Taints;
    std::vector<std::string> Fields; // "ARG.member"
    const Fact *First = nullptr;
    bool OutParams = false;
    // The out-parameters' check by result: kept when every one has the same.
    std::vector<const Fact *> Outs;
  };
  std::map<std::string, SourceEntry> SourceEntries;
  for (const auto &[K, F] : Known) {
    if (!F.Used || (F.Kind != "return" && F.Kind != "out"))
      continue;
    SourceEntry &S = SourceEntries[F.Name];
    S.Taints.push_back(F.Kind == "return" ? "return" : std::to_string(F.Param));
    for (const std::string &M : F.Fields)
      S.Fields.push_back(std::to_string(F.Param) + "." + M);
    S.OutParams |= F.Kind == "out";
    if (F.Kind == "out")
      S.Outs.push_back(&F);
    if (!S.First || std::tie(F.File, F.Line) < std::tie(S.First->File, S.First->Line))
      S.First = &F;
  }
  for (const auto &[Name, S] : SourceEntries) {
    std::string Taints;
    for (const std::string &T : S.Taints)
      Taints += (Taints.empty() ? "" : ", ") + quoted(T);
    std::string Fields;
    for (const std::string &M : S.Fields)
      Fields += (Fields.empty() ? "" : ", ") + quoted(M);
    const Fact &F = *S.First;
    Sources += "        - name: " + quoted(Name) + "\n          taints: [" + Taints + "]\n" +
               checkedFields(S.Outs) +
               (Fields.empty() ? "" : "          fields: [" + Fields + "]\n") +
               "          origin: " + quoted(F.Origin) +
               "\n          channel: cross-tu\n          note: " +
               quoted((S.OutParams ? "value received through '" : "value returned by '") +
                      shown(Name) + "' here, " + F.Origin + " from another translation unit (" +
                      at(F.File, F.Line) + ")") +
               "\n";
  }
  for (auto It = Known.begin(); It != Known.end();) {
    const Fact &F = It->second;
    if (F.Kind == "param") {
      // One entry per function: the parameters of every fact, the note of the first.
      std::string Params, Ranges;
      bool Any = false;
      for (auto J = It; J != Known.end() && J->second.Kind == "param" && J->second.Name == F.Name;
           ++J)
        if (J->second.Used) {
          Params += std::string(Any ? ", " : "") + quoted(std::to_string(J->second.Param));
          Any = true;
          // The interval every call site of every unit passes it in.
          if (J->second.Range)
            Ranges += (Ranges.empty() ? "" : ", ") +
                      quoted(formatParamRange(J->second.Param, *J->second.Range));
        }
      if (Any)
        Callbacks +=
            "        - name: " + quoted(F.Name) +
            "\n          kind: function\n          params: [" + Params + "]\n" +
            (Ranges.empty() ? "" : "          ranges: [" + Ranges + "]\n") +
            "          origin: " + quoted(F.Origin) +
            "\n          channel: cross-tu\n          note: " +
            quoted("value received as parameter '%P' of '" + shown(F.Name) +
                   "' here, passed from another translation unit (" + at(F.File, F.Line) + ")") +
            "\n";
      while (It != Known.end() && It->second.Kind == "param" && It->second.Name == F.Name)
        ++It;
      continue;
    }
    if (F.Used && (F.Kind == "global" || F.Kind == "member"))
      Globals += "        - name: " + quoted(F.Name) + "\n          origin: " + quoted(F.Origin) +
                 "\n          channel: cross-tu\n          note: " +
                 quoted((F.Kind == "global" ? "global '" : "member '") + F.Name +
                        "' declared here holds " + F.Origin + " from another translation unit (" +
                        at(F.File, F.Line) + ")") +
                 "\n";
    ++It;
  }
  if (Callbacks.empty() && Sources.empty() && Globals.empty() && JoinedCalls.empty())
    return "";
  std::string Y = "# Derived by medsec scan from other translation units; do not edit.\n"
                  "checks:\n";
  if (!Callbacks.empty() || !Sources.empty() || !Globals.empty())
    Y += "  - id: medsec-tainted-array-index\n    data:\n";
  if (!Callbacks.empty())
    Y += "      callbacks:\n" + Callbacks;
  if (!Sources.empty())
    Y += "      sources:\n" + Sources;
  if (!Globals.empty())
    Y += "      globals:\n" + Globals;
  if (!JoinedCalls.empty()) {
    // The call sites of each function summed over the units, for the
    // inferred must-check of medsec-unchecked-return-value.
    Y += "  - id: medsec-unchecked-return-value\n    data:\n      joined-calls:\n";
    for (const auto &[Name, C] : JoinedCalls)
      Y += "        - {name: " + quoted(Name) + ", checked: " + std::to_string(C.Checked) +
           ", calls: " + std::to_string(C.Calls) + "}\n";
  }
  return Y;
}

namespace {
/// Says once per name that data was not followed through it.
void reportAmbiguous(const CrossTuJoin &Join, std::set<std::string> &Reported) {
  std::vector<std::string> New;
  for (const std::string &Name : Join.ambiguousNames())
    if (Reported.insert(Name).second)
      New.push_back(Name);
  if (New.empty())
    return;
  std::string List;
  for (size_t I = 0; I < New.size() && I < 8; ++I)
    List += (I ? ", '" : "'") + printable(New[I]) + "'";
  if (New.size() > 8)
    List += " and " + std::to_string(New.size() - 8) + " more";
  llvm::errs() << "medsec: note: cross-TU: " << List
               << (New.size() == 1 ? " is" : " are")
               << " defined by several units (programs linked apart): external data is not "
                  "followed between units through "
               << (New.size() == 1 ? "it" : "them") << "\n";
}
} // namespace

namespace {
void runRounds(CrossTuJoin &Join, const std::vector<std::string> &Files,
               std::vector<UnitResult> &Results, const std::string &TempDir, bool Quiet,
               const CrossTuRound &Analyse) {
  std::set<std::string> Reported;
  constexpr unsigned MaxRounds = 4; // a chain of five units through parameters
  std::map<std::string, size_t> IndexOf;
  for (size_t I = 0; I < Files.size(); ++I) {
    IndexOf[Files[I]] = I;
    if (Results[I].CrossTu)
      Join.addUnit(Files[I], *Results[I].CrossTu);
  }
  for (unsigned Round = 1; Round <= MaxRounds; ++Round) {
    std::vector<std::string> Rerun = Join.advance();
    reportAmbiguous(Join, Reported); // also when no unit is analysed again
    if (Rerun.empty())
      return;
    const std::string Derived = TempDir + "/derived-rules-" + std::to_string(Round) + ".yaml";
    if (llvm::Error E = writeFileAtomically(Derived, Join.overlayYaml())) {
      llvm::errs() << "medsec: warning: cross-TU analysis stopped: " << llvm::toString(std::move(E))
                   << "\n";
      return;
    }
    if (!Quiet)
      llvm::errs() << "medsec: cross-TU round " << Round << ": analysing " << Rerun.size()
                   << " unit(s) again\n";
    std::vector<UnitResult> Again = Analyse(Rerun, Derived, Round);
    if (Again.size() != Rerun.size())
      return; // interrupted
    for (size_t I = 0; I < Rerun.size(); ++I) {
      // A unit that analysed once but not again keeps its first results.
      if (Again[I].Status != UnitStatus::Analysed) {
        llvm::errs() << "medsec: warning: cross-TU round " << Round << ": "
                     << printable(Again[I].File) << " " << unitStatusName(Again[I].Status) << ": "
                     << Again[I].Reason << "; its earlier results are kept"
                     << (Again[I].Log.empty() ? ""
                                              : " (whole log: " + printable(Again[I].Log) + ")")
                     << "\n";
        continue;
      }
      if (Again[I].CrossTu)
        Join.addUnit(Rerun[I], *Again[I].CrossTu);
      Results[IndexOf[Rerun[I]]] = std::move(Again[I]);
    }
  }
}
} // namespace

void runCrossTuRounds(const std::vector<std::string> &Files, std::vector<UnitResult> &Results,
                      const std::string &TempDir, bool Quiet, const CrossTuRound &Analyse) {
  CrossTuJoin Join;
  runRounds(Join, Files, Results, TempDir, Quiet, Analyse);
  Join.attributeFindings(Results);
}

} // namespace medsec
