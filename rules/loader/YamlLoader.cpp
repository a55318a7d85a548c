//===- YamlLoader.cpp - rules/*.yaml into the catalogue model -------------===//
//
// The only translation unit that sees yaml-cpp. It is compiled with
// exceptions; every exception is caught here and becomes a Problem, so none
// can cross into LLVM code built without them.
//
//===----------------------------------------------------------------------===//
#include "Catalogue.h"
#include "ParamRange.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>

namespace medsec {
namespace rules {
namespace {

const char *const SchemaVersion = "medsec-rules/1";

const std::vector<std::string> Phases = {"general",      "design",      "development",
                                         "verification", "release",     "first-use",
                                         "monitoring",   "end-of-life", "documentation"};
const std::vector<std::string> Bases = {"verified", "secondary", "inferred"};
const std::vector<std::string> Checkables = {"yes", "partly", "no", "evidence", "inventory"};
const std::vector<std::string> Statuses = {"implemented", "partial", "planned"};
const std::vector<std::string> Relations = {"direct", "supports"};
const std::vector<std::string> FieldKinds = {"string",     "int",      "bool",      "severity",
                                             "cwe",        "regex",    "string-list", "range-list",
                                             "argument",   "arguments", "outputs"};

bool isPositionList(const std::string &Kind) { return Kind == "arguments" || Kind == "outputs"; }

std::string joined(const std::vector<std::string> &V) {
  std::string S;
  for (const std::string &E : V)
    S += (S.empty() ? "" : ", ") + E;
  return S;
}

bool oneOf(const std::string &S, const std::vector<std::string> &V) {
  return std::find(V.begin(), V.end(), S) != V.end();
}

bool isCwe(const std::string &S) {
  if (S.size() < 5 || S.compare(0, 4, "CWE-") != 0)
    return false;
  return std::all_of(S.begin() + 4, S.end(), [](unsigned char C) { return std::isdigit(C); });
}

bool isIdentifierLike(const std::string &S, const std::string &Extra) {
  if (S.empty() || !std::islower(static_cast<unsigned char>(S[0])))
    return false;
  return std::all_of(S.begin(), S.end(), [&](unsigned char C) {
    return std::islower(C) || std::isdigit(C) ||
           Extra.find(static_cast<char>(C)) != std::string::npos;
  });
}

const char *kindName(const YAML::Node &N) {
  switch (N.Type()) {
  case YAML::NodeType::Null:
    return "null";
  case YAML::NodeType::Scalar:
    return "a scalar";
  case YAML::NodeType::Sequence:
    return "a sequence";
  case YAML::NodeType::Map:
    return "a mapping";
  default:
    return "nothing";
  }
}

/// Reads one file; keeps the location context and the problem list.
class Reader {
public:
  Reader(const std::string &Path, const std::string &Role, Catalogue &Cat,
         std::vector<Problem> &Problems)
      : Path(Path), Role(Role), Cat(Cat), Problems(Problems) {
    // Every lookup by id goes through these, so that loading stays linear in
    // the number of entries (a file of 80,000 was quadratic).
    for (size_t I = 0; I < Cat.Checks.size(); ++I)
      CheckAt.emplace(Cat.Checks[I].Id, I);
    for (size_t I = 0; I < Cat.Components.size(); ++I)
      ComponentAt.emplace(Cat.Components[I].Id, I);
    for (size_t G = 0; G < Cat.Guidelines.size(); ++G) {
      GuidelineAt.emplace(Cat.Guidelines[G].Id, G);
      for (size_t C = 0; C < Cat.Guidelines[G].Clauses.size(); ++C)
        ClauseAt.emplace(Cat.Guidelines[G].Clauses[C].Id, std::make_pair(G, C));
    }
  }

  void readDocument(const YAML::Node &Root);

private:
  using Handler = std::function<void(const YAML::Node &Key, const YAML::Node &Value)>;

  SourceMark mark(const YAML::Node &N) const {
    SourceMark M{Path, 0, 0};
    const YAML::Mark Y = N.Mark();
    if (Y.line >= 0) {
      M.Line = static_cast<unsigned>(Y.line) + 1;
      M.Column = static_cast<unsigned>(Y.column) + 1;
    }
    return M;
  }
  void error(const YAML::Node &At, const std::string &Message) {
    Problems.push_back({mark(At), Message});
  }
  void error(const SourceMark &At, const std::string &Message) {
    Problems.push_back({At, Message});
  }

  /// Walks a mapping, rejecting unknown and repeated keys. Returns false when
  /// the node is not a mapping at all.
  bool forEachKey(const YAML::Node &Map, const std::string &What,
                  const std::vector<std::string> &Allowed, const Handler &H) {
    if (!Map.IsMap()) {
      error(Map, What + " must be a mapping, found " + kindName(Map));
      return false;
    }
    std::set<std::string> Seen;
    for (auto It = Map.begin(); It != Map.end(); ++It) {
      const YAML::Node Key = It->first; // copies: the iterator yields temporaries
      if (!Key.IsScalar()) {
        error(Key, "keys of " + What + " must be scalars");
        continue;
      }
      const std::string &K = Key.Scalar();
      if (!oneOf(K, Allowed)) {
        error(Key, "unknown key '" + K + "' in " + What + "; expected one of: " + joined(Allowed));
        continue;
      }
      if (!Seen.insert(K).second) {
        error(Key, "duplicate key '" + K + "' in " + What);
        continue;
      }
      H(Key, It->second);
    }
    return true;
  }

  /// False, after saying where it was first, when this file already defined
  /// a What with this id: within one file a repeated id is a mistake, not an
  /// update (only a later file updates an entry).
  bool firstInFile(const std::string &What, const std::string &Id, const YAML::Node &IdNode,
                   const YAML::Node &Entry) {
    auto [It, New] = DefinedHere.emplace(What + '\n' + Id, mark(Entry));
    if (!New)
      error(IdNode,
            "duplicate " + What + " id '" + Id + "' (first defined at " + It->second.str() + ")");
    return New;
  }

  bool scalar(const YAML::Node &N, const std::string &What, std::string &Out) {
    if (!N.IsScalar()) {
      error(N, What + " must be a scalar, found " + kindName(N));
      return false;
    }
    Out = N.Scalar();
    return true;
  }

  bool choice(const YAML::Node &N, const std::string &What, const std::vector<std::string> &Allowed,
              std::string &Out) {
    std::string V;
    if (!scalar(N, What, V))
      return false;
    if (!oneOf(V, Allowed)) {
      error(N, "unknown " + What + " '" + V + "'; expected one of: " + joined(Allowed));
      return false;
    }
    Out = V;
    return true;
  }

  bool stringList(const YAML::Node &N, const std::string &What, std::vector<std::string> &Out) {
    if (!N.IsSequence()) {
      error(N, What + " must be a sequence, found " + kindName(N));
      return false;
    }
    std::vector<std::string> V;
    for (const YAML::Node &E : N) {
      std::string S;
      if (scalar(E, "an element of " + What, S))
        V.push_back(S);
    }
    Out = V;
    return true;
  }

  /// `translations: {fr: {title: ..., ...}}`: per language, some of Fields.
  /// A project file may add or correct one language's fields.
  void translations(const YAML::Node &N, const std::string &What,
                    const std::vector<std::string> &Fields,
                    std::map<std::string, std::map<std::string, std::string>> &Out) {
    if (!N.IsMap()) {
      error(N, "translations of " + What + " must be a mapping of language: fields, found " +
                   kindName(N));
      return;
    }
    for (auto It = N.begin(); It != N.end(); ++It) {
      const YAML::Node Lang = It->first;
      const std::string L = Lang.IsScalar() ? Lang.Scalar() : "";
      if (L.size() < 2 || L.size() > 3 ||
          !std::all_of(L.begin(), L.end(), [](char C) { return C >= 'a' && C <= 'z'; })) {
        error(Lang, "translations of " + What + ": '" + L +
                        "' is not a language code (2 or 3 lower-case letters, e.g. fr)");
        continue;
      }
      auto &Into = Out[L];
      forEachKey(It->second, "the " + L + " translation of " + What, Fields,
                 [&](const YAML::Node &Key, const YAML::Node &V) {
                   std::string Text;
                   if (!scalar(V, L + " " + Key.Scalar(), Text))
                     return;
                   if (Text.find_first_not_of(" \t\r\n") == std::string::npos)
                     error(V, "the " + L + " " + Key.Scalar() + " of " + What + " is empty");
                   else
                     Into[Key.Scalar()] = Text;
                 });
    }
  }

  void readGuideline(const YAML::Node &N);
  void readClause(const YAML::Node &N, Guideline &G, bool GuidelineIsNew);
  void readCheck(const YAML::Node &N);
  void readComponent(const YAML::Node &N);

  /// The entry of List that mapping N (with an `id`) names: a new one, or for a
  /// project file the existing one to update. Null after reporting why not.
  template <class Entry>
  Entry *entryFor(const YAML::Node &N, const std::string &What, std::vector<Entry> &List,
                  std::unordered_map<std::string, size_t> &At, std::string &Id, bool &IsNew) {
    if (!N.IsMap()) {
      error(N, "a " + What + " must be a mapping, found " + std::string(kindName(N)));
      return nullptr;
    }
    const YAML::Node IdNode = N["id"];
    if (!IdNode) {
      error(N, What + " without 'id'");
      return nullptr;
    }
    if (!scalar(IdNode, What + " id", Id))
      return nullptr;
    if (!isIdentifierLike(Id, "-.")) {
      error(IdNode, What + " id '" + Id + "' must be lower-case letters, digits, '-' or '.'");
      return nullptr;
    }
    if (!firstInFile(What, Id, IdNode, N))
      return nullptr;
    if (auto Found = At.find(Id); Found != At.end()) {
      Entry &Existing = List[Found->second];
      if (!isProject()) {
        error(IdNode, "duplicate " + What + " id '" + Id + "' (first defined at " +
                          Existing.Origin.str() + ")");
        return nullptr;
      }
      IsNew = false;
      return &Existing;
    }
    At.emplace(Id, List.size());
    List.push_back(Entry{});
    IsNew = true;
    Entry &E = List.back();
    E.Id = Id;
    E.Origin = mark(N);
    return &E;
  }
  void readClauseRefs(const YAML::Node &N, CheckEntry &C);
  void readDataSchema(const YAML::Node &N, CheckEntry &C);
  /// `required-when: {FIELD: {OTHER: VALUE}}` of a data-schema list.
  void readRequiredWhen(const YAML::Node &N, const std::string &ListName, DataListSchema &S);
  void readData(const YAML::Node &N, CheckEntry &C);
  /// Merges the entries of sequence L into Entries by key (later files
  /// update the fields they give; `enabled: false` disables).
  void mergeDataList(const YAML::Node &L, const std::string &ListName, const DataListSchema &Schema,
                     std::vector<DataEntry> &Entries);
  bool readDataEntry(const YAML::Node &N, const std::string &ListName, const DataListSchema &Schema,
                     DataEntry &E, bool &Enabled);
  bool checkFieldValue(const YAML::Node &V, const std::string &What, const FieldType &T,
                       DataEntry &E, const std::string &Field);
  /// The members fields of Merged (an entry once this file's Given is in)
  /// name only arguments their positions field lists.
  void checkMembers(const YAML::Node &EN, const DataListSchema &Schema, const DataEntry &Given,
                    const DataEntry &Merged);

  const std::string &Path;
  const std::string &Role;
  Catalogue &Cat;
  std::vector<Problem> &Problems;
  std::map<std::string, SourceMark> DefinedHere; // "what\nid" -> where this file defined it
  std::unordered_map<std::string, size_t> CheckAt, ComponentAt, GuidelineAt;
  std::unordered_map<std::string, std::pair<size_t, size_t>> ClauseAt; // guideline, clause
  bool isProject() const { return Role == "project"; }
};

/// The shape of the catalogue-wide `test-paths` list (docs/rules-format.md).
const DataListSchema &testPathSchema() {
  static const DataListSchema S{
      "pattern",
      {{"pattern", {"regex", {}}}, {"reason", {"string", {}}}, {"enabled", {"bool", {}}}}};
  return S;
}

void Reader::readDocument(const YAML::Node &Root) {
  if (Root.IsNull())
    return; // An empty file contributes nothing.
  forEachKey(
      Root, "a catalogue file", {"schema", "guidelines", "checks", "components", "test-paths"},
      [&](const YAML::Node &Key, const YAML::Node &V) {
        const std::string &K = Key.Scalar();
        if (K == "schema") {
          std::string S;
          if (scalar(V, "schema", S) && S != SchemaVersion)
            error(V, "unsupported schema '" + S + "'; this version reads '" + SchemaVersion + "'");
        } else if (K == "guidelines") {
          if (!V.IsSequence()) {
            error(V, "guidelines must be a sequence, found " + std::string(kindName(V)));
            return;
          }
          for (const YAML::Node &G : V)
            readGuideline(G);
        } else if (K == "test-paths") {
          mergeDataList(V, "test-paths", testPathSchema(), Cat.TestPaths);
        } else if (K == "components") {
          if (!V.IsSequence()) {
            error(V, "components must be a sequence, found " + std::string(kindName(V)));
            return;
          }
          for (const YAML::Node &C : V)
            readComponent(C);
        } else {
          if (!V.IsSequence()) {
            error(V, "checks must be a sequence, found " + std::string(kindName(V)));
            return;
          }
          for (const YAML::Node &C : V)
            readCheck(C);
        }
      });
}

void Reader::readGuideline(const YAML::Node &N) {
  if (!N.IsMap()) {
    error(N, "a guideline must be a mapping, found " + std::string(kindName(N)));
    return;
  }
  const YAML::Node IdNode = N["id"];
  std::string Id;
  if (!IdNode || !scalar(IdNode, "guideline id", Id)) {
    if (!IdNode)
      error(N, "guideline without 'id'");
    return;
  }
  if (!isIdentifierLike(Id, "-.")) {
    error(IdNode, "guideline id '" + Id + "' must be lower-case letters, digits, '-' or '.'");
    return;
  }
  if (!firstInFile("guideline", Id, IdNode, N))
    return;
  Guideline *G = nullptr;
  bool IsNew = false;
  if (auto Found = GuidelineAt.find(Id); Found != GuidelineAt.end())
    G = &Cat.Guidelines[Found->second];
  if (G && !isProject()) {
    error(IdNode, "duplicate guideline id '" + Id + "' (first defined at " + G->Origin.str() + ")");
    return;
  }
  if (!G) {
    GuidelineAt.emplace(Id, Cat.Guidelines.size());
    Cat.Guidelines.push_back(Guideline{});
    G = &Cat.Guidelines.back();
    G->Id = Id;
    G->Origin = mark(N);
    IsNew = true;
  }
  // Clauses are read after the guideline's own fields so they see its basis.
  std::optional<YAML::Node> Clauses;
  forEachKey(N, "guideline '" + Id + "'",
             {"id", "title", "publisher", "edition", "url", "basis", "clauses", "translations"},
             [&](const YAML::Node &Key, const YAML::Node &V) {
               const std::string &K = Key.Scalar();
               if (K == "title")
                 scalar(V, "title", G->Title);
               else if (K == "translations")
                 translations(V, "guideline '" + Id + "'", {"title", "publisher", "edition"},
                              G->Translations);
               else if (K == "publisher")
                 scalar(V, "publisher", G->Publisher);
               else if (K == "edition")
                 scalar(V, "edition", G->Edition);
               else if (K == "url")
                 scalar(V, "url", G->Url);
               else if (K == "basis")
                 choice(V, "basis", Bases, G->Basis);
               else if (K == "clauses")
                 Clauses = V;
             });
  if (IsNew && G->Title.empty())
    error(N, "guideline '" + Id + "' has no 'title'");
  if (!Clauses)
    return;
  if (!Clauses->IsSequence()) {
    error(*Clauses, "clauses must be a sequence, found " + std::string(kindName(*Clauses)));
    return;
  }
  for (const YAML::Node &C : *Clauses)
    readClause(C, *G, IsNew);
}

void Reader::readClause(const YAML::Node &N, Guideline &G, bool GuidelineIsNew) {
  if (!N.IsMap()) {
    error(N, "a clause must be a mapping, found " + std::string(kindName(N)));
    return;
  }
  const YAML::Node IdNode = N["id"];
  std::string Id;
  if (!IdNode) {
    error(N, "clause without 'id'");
    return;
  }
  if (!scalar(IdNode, "clause id", Id))
    return;
  if (Id.compare(0, G.Id.size() + 1, G.Id + ":") != 0 || Id.size() <= G.Id.size() + 1) {
    error(IdNode, "clause id '" + Id + "' must start with its guideline id '" + G.Id + ":'");
    return;
  }
  if (!firstInFile("clause", Id, IdNode, N))
    return;
  const size_t GuidelineIndex = static_cast<size_t>(&G - Cat.Guidelines.data());
  Clause *C = nullptr;
  if (auto Found = ClauseAt.find(Id); Found != ClauseAt.end()) {
    Clause &Other = Cat.Guidelines[Found->second.first].Clauses[Found->second.second];
    if (!isProject()) {
      error(IdNode,
            "duplicate clause id '" + Id + "' (first defined at " + Other.Origin.str() + ")");
      return;
    }
    if (Found->second.first == GuidelineIndex)
      C = &Other;
  }
  const bool IsNew = C == nullptr;
  Clause Fresh;
  if (IsNew) {
    Fresh.Id = Id;
    Fresh.Guideline = G.Id;
    Fresh.Origin = mark(N);
    C = &Fresh;
  }
  forEachKey(N, "clause '" + Id + "'",
             {"id", "phase", "title", "basis", "locator", "checkable", "complementary",
              "translations"},
             [&](const YAML::Node &Key, const YAML::Node &V) {
               const std::string &K = Key.Scalar();
               if (K == "translations")
                 translations(V, "clause '" + Id + "'", {"title", "complementary"},
                              C->Translations);
               else if (K == "phase")
                 choice(V, "phase", Phases, C->Phase);
               else if (K == "title")
                 scalar(V, "title", C->Title);
               else if (K == "basis")
                 choice(V, "basis", Bases, C->Basis);
               else if (K == "locator")
                 scalar(V, "locator", C->Locator);
               else if (K == "checkable")
                 choice(V, "checkable", Checkables, C->Checkable);
               else if (K == "complementary")
                 scalar(V, "complementary", C->Complementary);
             });
  if (!IsNew)
    return;
  (void)GuidelineIsNew;
  if (C->Basis.empty())
    C->Basis = G.Basis.empty() ? "inferred" : G.Basis;
  if (C->Title.empty())
    error(N, "clause '" + Id + "' has no 'title'");
  if (C->Phase.empty())
    error(N, "clause '" + Id + "' has no 'phase'");
  if (C->Checkable.empty())
    C->Checkable = "no";
  ClauseAt.emplace(Id, std::make_pair(GuidelineIndex, G.Clauses.size()));
  G.Clauses.push_back(Fresh);
}

void Reader::readClauseRefs(const YAML::Node &N, CheckEntry &C) {
  if (!N.IsSequence()) {
    error(N, "clauses must be a sequence, found " + std::string(kindName(N)));
    return;
  }
  std::vector<ClauseRef> Refs;
  std::set<std::string> Seen;
  for (const YAML::Node &E : N) {
    ClauseRef R;
    R.Origin = mark(E);
    R.Relation = "direct";
    if (!forEachKey(E, "a clause mapping of '" + C.Id + "'", {"id", "relation"},
                    [&](const YAML::Node &Key, const YAML::Node &V) {
                      if (Key.Scalar() == "id")
                        scalar(V, "clause id", R.Id);
                      else
                        choice(V, "relation", Relations, R.Relation);
                    }))
      continue;
    if (R.Id.empty()) {
      error(E, "clause mapping without 'id'");
      continue;
    }
    if (!Seen.insert(R.Id).second) {
      error(E, "clause '" + R.Id + "' is mapped twice in check '" + C.Id + "'");
      continue;
    }
    Refs.push_back(R);
  }
  C.Clauses = Refs;
}

void Reader::readDataSchema(const YAML::Node &N, CheckEntry &C) {
  if (isProject()) {
    error(N, "'data-schema' belongs to the built-in catalogue; a project file may only add data");
    return;
  }
  if (!N.IsMap()) {
    error(N, "data-schema must be a mapping, found " + std::string(kindName(N)));
    return;
  }
  for (auto It = N.begin(); It != N.end(); ++It) {
    std::string ListName;
    if (!scalar(It->first, "a data list name", ListName))
      continue;
    DataListSchema S;
    std::optional<YAML::Node> Required;
    std::optional<YAML::Node> RequiredWhen;
    forEachKey(It->second, "data-schema '" + ListName + "'",
               {"key", "fields", "required", "required-when"},
               [&](const YAML::Node &Key, const YAML::Node &V) {
                 if (Key.Scalar() == "key") {
                   scalar(V, "key", S.Key);
                   return;
                 }
                 if (Key.Scalar() == "required") {
                   if (stringList(V, "required", S.Required))
                     Required = V;
                   return;
                 }
                 if (Key.Scalar() == "required-when") {
                   RequiredWhen = V; // once the fields are known
                   return;
                 }
                 if (!V.IsMap()) {
                   error(V, "fields must be a mapping, found " + std::string(kindName(V)));
                   return;
                 }
                 for (auto F = V.begin(); F != V.end(); ++F) {
                   std::string Name;
                   if (!scalar(F->first, "a field name", Name))
                     continue;
                   FieldType T;
                   if (F->second.IsScalar()) {
                     if (choice(F->second, "field type", FieldKinds, T.Kind))
                       S.Fields[Name] = T;
                   } else if (F->second.IsMap() && F->second["enum"] && F->second.size() == 1) {
                     T.Kind = "enum";
                     if (stringList(F->second["enum"], "enum", T.EnumValues))
                       S.Fields[Name] = T;
                   } else if (F->second.IsMap() && F->second["members-of"] &&
                              F->second.size() == 1) {
                     T.Kind = "members";
                     if (scalar(F->second["members-of"], "members-of", T.Of))
                       S.Fields[Name] = T;
                   } else {
                     error(F->second, "field type must be one of " + joined(FieldKinds) +
                                          ", {enum: [...]} or {members-of: FIELD}");
                   }
                 }
                 for (const auto &[Name, T] : S.Fields)
                   if (T.Kind == "members" &&
                       (!S.Fields.count(T.Of) || !isPositionList(S.Fields.at(T.Of).Kind)))
                     error(V, "field '" + Name + "' of data-schema '" + ListName +
                                  "' is members-of '" + T.Of +
                                  "', which is no arguments or outputs field of the list");
               });
    if (S.Key.empty())
      error(It->second, "data-schema '" + ListName + "' has no 'key'");
    else if (!S.Fields.count(S.Key))
      error(It->second, "key '" + S.Key + "' of data-schema '" + ListName + "' is not a field");
    if (RequiredWhen)
      readRequiredWhen(*RequiredWhen, ListName, S);
    for (size_t I = 0; I < S.Required.size(); ++I)
      if (!S.Fields.count(S.Required[I]))
        error((*Required)[I], "required field '" + S.Required[I] + "' of data-schema '" +
                                  ListName + "' is not a field");
    if (!S.Fields.count("enabled"))
      S.Fields["enabled"] = FieldType{"bool", {}, ""};
    C.DataSchema[ListName] = S;
  }
}

void Reader::readRequiredWhen(const YAML::Node &N, const std::string &ListName,
                              DataListSchema &S) {
  const std::string What = "required-when of data-schema '" + ListName + "'";
  if (!N.IsMap()) {
    error(N, What + " must be a mapping of field: {field: value}, found " + kindName(N));
    return;
  }
  for (auto It = N.begin(); It != N.end(); ++It) {
    std::string Field, Other, Value;
    if (!scalar(It->first, "a field of " + What, Field))
      continue;
    const YAML::Node When = It->second;
    if (!When.IsMap() || When.size() != 1 || !scalar(When.begin()->first, What, Other) ||
        !scalar(When.begin()->second, What, Value)) {
      error(When, What + ": '" + Field + "' must be followed by one {field: value}");
      continue;
    }
    if (!S.Fields.count(Field) || !S.Fields.count(Other)) {
      error(It->first, What + " names '" + (S.Fields.count(Field) ? Other : Field) +
                           "', which is not a field");
      continue;
    }
    S.RequiredWhen[Field] = {Other, Value};
  }
}

bool Reader::checkFieldValue(const YAML::Node &V, const std::string &What, const FieldType &T,
                             DataEntry &E, const std::string &Field) {
  if (T.Kind == "string-list" || T.Kind == "range-list" || isPositionList(T.Kind) ||
      T.Kind == "members") {
    std::vector<std::string> L;
    if (!stringList(V, What, L))
      return false;
    if (T.Kind == "range-list")
      for (const std::string &R : L) {
        std::string Error;
        if (!parseParamRange(R, Error)) {
          error(V, What + ": " + Error);
          return false;
        }
      }
    bool Ok = true;
    if (T.Kind != "string-list" && T.Kind != "range-list") {
      // Every item is checked, each at its own place; a malformed one would
      // name no argument or member and the entry would quietly do less. The
      // entry keeps the others, so that no second problem says it has none.
      L.clear();
      for (const YAML::Node &Item : V) {
        if (!Item.IsScalar())
          continue; // stringList said so
        if (std::string Why = argumentItemProblem(T.Kind, Item.Scalar()); !Why.empty()) {
          error(Item, What + " item '" + Item.Scalar() + "' " + Why);
          Ok = false;
        } else {
          L.push_back(Item.Scalar());
        }
      }
    }
    E.Lists[Field] = L;
    return Ok;
  }
  std::string S;
  if (!scalar(V, What, S))
    return false;
  if (T.Kind == "argument") {
    if (std::string Why = argumentItemProblem(T.Kind, S); !Why.empty()) {
      error(V, What + " value '" + S + "' " + Why);
      return false;
    }
  } else if (T.Kind == "int") {
    char *End = nullptr;
    std::strtoll(S.c_str(), &End, 10);
    if (S.empty() || *End != '\0') {
      error(V, What + " must be an integer, found '" + S + "'");
      return false;
    }
  } else if (T.Kind == "bool") {
    if (S == "true" || S == "yes")
      S = "true";
    else if (S == "false" || S == "no")
      S = "false";
    else {
      error(V, What + " must be true or false, found '" + S + "'");
      return false;
    }
  } else if (T.Kind == "severity") {
    if (!parseSeverity(S)) {
      error(V, "unknown severity '" + S + "'; expected one of: info, low, medium, high, critical");
      return false;
    }
  } else if (T.Kind == "cwe") {
    if (!isCwe(S)) {
      error(V, What + " must be a CWE id like CWE-120, found '" + S + "'");
      return false;
    }
  } else if (T.Kind == "enum") {
    if (!oneOf(S, T.EnumValues)) {
      error(V, "unknown " + What + " '" + S + "'; expected one of: " + joined(T.EnumValues));
      return false;
    }
  }
  E.Scalars[Field] = S;
  return true;
}

bool Reader::readDataEntry(const YAML::Node &N, const std::string &ListName,
                           const DataListSchema &Schema, DataEntry &E, bool &Enabled) {
  if (!N.IsMap()) {
    error(N, "an entry of data list '" + ListName + "' must be a mapping, found " + kindName(N));
    return false;
  }
  E.Origin = mark(N);
  std::vector<std::string> Allowed;
  for (const auto &F : Schema.Fields)
    Allowed.push_back(F.first);
  bool Ok = forEachKey(N, "an entry of data list '" + ListName + "'", Allowed,
                       [&](const YAML::Node &Key, const YAML::Node &V) {
                         const std::string &K = Key.Scalar();
                         checkFieldValue(V, "'" + K + "'", Schema.Fields.at(K), E, K);
                       });
  if (!Ok)
    return false;
  E.Key = E.get(Schema.Key);
  if (E.Key.empty()) {
    error(N, "entry of data list '" + ListName + "' has no key '" + Schema.Key + "'");
    return false;
  }
  Enabled = E.getBool("enabled", true);
  return true;
}

void Reader::readData(const YAML::Node &N, CheckEntry &C) {
  if (!N.IsMap()) {
    error(N, "data must be a mapping, found " + std::string(kindName(N)));
    return;
  }
  for (auto It = N.begin(); It != N.end(); ++It) {
    std::string ListName;
    if (!scalar(It->first, "a data list name", ListName))
      continue;
    auto SchemaIt = C.DataSchema.find(ListName);
    if (SchemaIt == C.DataSchema.end()) {
      std::vector<std::string> Known;
      for (const auto &S : C.DataSchema)
        Known.push_back(S.first);
      error(It->first, "check '" + C.Id + "' has no data list '" + ListName + "'" +
                           (ListName == "test-paths"
                                ? std::string("; test paths are one list for every check, the "
                                              "top-level key 'test-paths'")
                            : Known.empty() ? std::string(" (it takes no data)")
                                            : "; expected one of: " + joined(Known)));
      continue;
    }
    mergeDataList(It->second, ListName, SchemaIt->second, C.Data[ListName]);
  }
}

void Reader::mergeDataList(const YAML::Node &L, const std::string &ListName,
                           const DataListSchema &Schema, std::vector<DataEntry> &Entries) {
  if (!L.IsSequence()) {
    error(L, "data list '" + ListName + "' must be a sequence, found " + kindName(L));
    return;
  }
  std::unordered_map<std::string, size_t> KeyAt;
  for (size_t I = 0; I < Entries.size(); ++I)
    KeyAt.emplace(Entries[I].Key, I);
  std::set<std::string> SeenHere;
  for (const YAML::Node &EN : L) {
    DataEntry E;
    bool Enabled = true;
    if (!readDataEntry(EN, ListName, Schema, E, Enabled))
      continue;
    if (!SeenHere.insert(E.Key).second) {
      error(EN, "duplicate entry '" + E.Key + "' in data list '" + ListName + "'");
      continue;
    }
    auto Found = KeyAt.find(E.Key);
    // Disabled entries stay, so a later file can enable them again;
    // CheckEntry::activeData leaves them out.
    (void)Enabled;
    if (Found == KeyAt.end()) {
      KeyAt.emplace(E.Key, Entries.size());
      Entries.push_back(E);
      checkMembers(EN, Schema, E, Entries.back());
      continue;
    }
    DataEntry *Existing = &Entries[Found->second];
    // A later file updates only the fields it gives.
    for (const auto &S : E.Scalars)
      Existing->Scalars[S.first] = S.second;
    for (const auto &S : E.Lists)
      Existing->Lists[S.first] = S.second;
    Existing->Origin = E.Origin;
    checkMembers(EN, Schema, E, *Existing);
  }
}

void Reader::checkMembers(const YAML::Node &EN, const DataListSchema &Schema,
                          const DataEntry &Given, const DataEntry &Merged) {
  if (!Merged.getBool("enabled", true))
    return;
  for (const auto &[Field, T] : Schema.Fields) {
    if (T.Kind != "members")
      continue;
    // Only what this file changed: an earlier file's entry was checked there.
    const bool GaveMembers = Given.Lists.count(Field) != 0;
    if (!GaveMembers && !Given.Lists.count(T.Of))
      continue;
    const std::vector<std::string> Positions = Merged.getList(T.Of);
    auto Check = [&](const std::string &Item, const YAML::Node &At) {
      const std::optional<unsigned> Arg = memberArgument(Item);
      if (!Arg || !argumentItemProblem(T.Kind, Item).empty() || positionsCover(Positions, *Arg))
        return; // a malformed item has its own problem
      const std::string N = std::to_string(*Arg);
      error(At, "'" + Field + "' item '" + Item + "' names argument " + N + ", which '" + T.Of +
                    "' of '" + Merged.Key + "' does not list (" +
                    (Positions.empty() ? std::string("it lists none") : joined(Positions)) +
                    "): only an argument that receives data has members that do; add \"" + N +
                    "\" to '" + T.Of + "' or correct the position");
    };
    // At the item this file wrote, else at the positions it changed.
    if (GaveMembers) {
      for (const YAML::Node &Item : EN[Field])
        if (Item.IsScalar())
          Check(Item.Scalar(), Item);
    } else {
      for (const std::string &Item : Merged.getList(Field))
        Check(Item, EN[T.Of]);
    }
  }
}

void Reader::readComponent(const YAML::Node &N) {
  std::string Id;
  bool IsNew = false;
  ComponentEntry *C = entryFor(N, "component", Cat.Components, ComponentAt, Id, IsNew);
  if (!C)
    return;
  if (IsNew)
    C->Support = "unknown";
  // A project file corrects or completes any field of a built-in component.
  forEachKey(N, "component '" + Id + "'",
             {"id", "name", "supplier", "licence", "paths", "files", "version", "strip-prefix",
              "development-suffixes", "declared-version", "purl", "cpe", "support",
              "end-of-support"},
             [&](const YAML::Node &Key, const YAML::Node &V) {
               const std::string &K = Key.Scalar();
               if (K == "name")
                 scalar(V, "component name", C->Name);
               else if (K == "supplier")
                 scalar(V, "component supplier", C->Supplier);
               else if (K == "licence")
                 scalar(V, "component licence", C->Licence);
               else if (K == "paths")
                 stringList(V, "component paths", C->Paths);
               else if (K == "files")
                 stringList(V, "component files", C->Files);
               else if (K == "version")
                 scalar(V, "component version template", C->Version);
               else if (K == "strip-prefix")
                 stringList(V, "component strip-prefix", C->StripPrefix);
               else if (K == "development-suffixes")
                 stringList(V, "component development-suffixes", C->DevSuffixes);
               else if (K == "declared-version")
                 scalar(V, "component declared-version", C->DeclaredVersion);
               else if (K == "purl")
                 scalar(V, "component purl", C->Purl);
               else if (K == "cpe")
                 scalar(V, "component cpe", C->Cpe);
               else if (K == "support")
                 choice(V, "support level", {"active", "maintenance", "end-of-life", "unknown"},
                        C->Support);
               else if (K == "end-of-support")
                 scalar(V, "component end-of-support", C->EndOfSupport);
             });
}

void Reader::readCheck(const YAML::Node &N) {
  std::string Id;
  bool IsNew = false;
  CheckEntry *C = entryFor(N, "check", Cat.Checks, CheckAt, Id, IsNew);
  if (!C)
    return;
  if (IsNew)
    C->Status = "planned";
  bool HasSeverity = false;
  std::optional<YAML::Node> Data;
  forEachKey(N, "check '" + Id + "'",
             {"id", "title", "summary", "severity", "status", "cwe", "cert", "help", "clauses",
              "limitations", "data-schema", "data"},
             [&](const YAML::Node &Key, const YAML::Node &V) {
               const std::string &K = Key.Scalar();
               std::string S;
               if (K == "title")
                 scalar(V, "title", C->Title);
               else if (K == "summary")
                 scalar(V, "summary", C->Summary);
               else if (K == "severity") {
                 HasSeverity = true; // a bad value is its own problem
                 if (scalar(V, "severity", S)) {
                   if (auto Sev = parseSeverity(S))
                     C->DefaultSeverity = *Sev;
                   else
                     error(V, "unknown severity '" + S +
                                  "'; expected one of: info, low, medium, high, critical");
                 }
               } else if (K == "status")
                 choice(V, "status", Statuses, C->Status);
               else if (K == "cwe") {
                 std::vector<std::string> L;
                 if (stringList(V, "cwe", L)) {
                   C->Cwe.clear();
                   for (std::size_t I = 0; I < L.size(); ++I) {
                     if (isCwe(L[I]))
                       C->Cwe.push_back(L[I]);
                     else
                       error(V[I], "'" + L[I] + "' is not a CWE id like CWE-120");
                   }
                 }
               } else if (K == "cert")
                 stringList(V, "cert", C->Cert);
               else if (K == "help")
                 scalar(V, "help", C->Help);
               else if (K == "clauses")
                 readClauseRefs(V, *C);
               else if (K == "limitations")
                 stringList(V, "limitations", C->Limitations);
               else if (K == "data-schema")
                 readDataSchema(V, *C);
               else if (K == "data")
                 Data = V; // after data-schema, whatever the key order
             });
  if (Data)
    readData(*Data, *C);
  if (IsNew && C->Title.empty())
    error(N, "check '" + Id + "' has no 'title'");
  if (IsNew && !HasSeverity && !isProject())
    error(N, "check '" + Id + "' has no 'severity'");
}

/// Deeper than the catalogue needs (6 levels); the loader never recurses on
/// depth, but yaml-cpp's parser does.
constexpr int MaxYamlDepth = 64;

/// Thrown from the event handler at the first node nested too deep.
struct TooDeep {
  YAML::Mark At;
};

/// Counts a stream's documents. yaml-cpp 0.7's LoadAll loops forever on
/// some malformed input (yaml-cpp issue 1040: a parse that yields only a null
/// root repeats); like the upstream fix, stop at the first empty document.
class DocumentCounter : public YAML::EventHandler {
public:
  void OnDocumentStart(const YAML::Mark &) override { Content = false; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark &, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark &, YAML::anchor_t) override { Content = true; }
  void OnScalar(const YAML::Mark &M, const std::string &, YAML::anchor_t,
                const std::string &) override {
    mark(M);
  }
  void OnSequenceStart(const YAML::Mark &M, const std::string &, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    mark(M);
    enter(M);
  }
  void OnSequenceEnd() override { --Depth; }
  void OnMapStart(const YAML::Mark &M, const std::string &, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    mark(M);
    enter(M);
  }
  void OnMapEnd() override { --Depth; }

  bool Content = false;
  YAML::Mark First = YAML::Mark::null_mark();

private:
  void mark(const YAML::Mark &M) {
    if (!Content)
      First = M;
    Content = true;
  }
  void enter(const YAML::Mark &M) {
    if (++Depth > MaxYamlDepth)
      throw TooDeep{M};
  }
  int Depth = 0;
};

/// The mark of the second document of Text, or a null mark when it has none.
YAML::Mark secondDocument(const std::string &Text) {
  std::istringstream In(Text);
  YAML::Parser P(In);
  for (int Docs = 0; Docs < 2; ++Docs) {
    DocumentCounter C;
    if (!P.HandleNextDocument(C) || !C.Content)
      return YAML::Mark::null_mark();
    if (Docs == 1)
      return C.First;
  }
  return YAML::Mark::null_mark();
}

} // namespace

void loadCatalogueText(const std::string &Text, const std::string &Path, const std::string &Role,
                       Catalogue &Cat, std::vector<Problem> &Problems) {
  try {
    // Before YAML::Load, which would recurse as deep as the input nests.
    const YAML::Mark Second = secondDocument(Text);
    const YAML::Node Root = YAML::Load(Text);
    if (Second.line >= 0)
      Problems.push_back({SourceMark{Path, static_cast<unsigned>(Second.line) + 1,
                                     static_cast<unsigned>(Second.column) + 1},
                          "a catalogue file holds one YAML document; split this one off"});
    Reader R(Path, Role, Cat, Problems);
    R.readDocument(Root);
  } catch (const TooDeep &E) {
    Problems.push_back({SourceMark{Path, static_cast<unsigned>(E.At.line) + 1,
                                   static_cast<unsigned>(E.At.column) + 1},
                        "YAML nested deeper than " + std::to_string(MaxYamlDepth) +
                            " levels; a rule file needs far fewer"});
  } catch (const YAML::Exception &E) {
    SourceMark M{Path, 0, 0};
    if (E.mark.line >= 0) {
      M.Line = static_cast<unsigned>(E.mark.line) + 1;
      M.Column = static_cast<unsigned>(E.mark.column) + 1;
    }
    Problems.push_back({M, "invalid YAML: " + E.msg});
  } catch (const std::exception &E) {
    Problems.push_back({SourceMark{Path, 0, 0}, std::string("cannot read catalogue: ") + E.what()});
  } catch (...) {
    Problems.push_back({SourceMark{Path, 0, 0}, "cannot read catalogue: unknown error"});
  }
}

} // namespace rules
} // namespace medsec
