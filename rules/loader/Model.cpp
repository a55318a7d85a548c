//===- Model.cpp - small helpers of the catalogue model -------------------===//
#include "Catalogue.h"
#include "Deviations.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace medsec {
namespace rules {

std::string SourceMark::str() const {
  std::string S = File.empty() ? std::string("<catalogue>") : File;
  if (Line)
    S += ":" + std::to_string(Line) + ":" + std::to_string(Column);
  return S;
}

bool isCalendarDate(const std::string &S) {
  if (S.size() != 10 || S[4] != '-' || S[7] != '-')
    return false;
  for (size_t I : {0, 1, 2, 3, 5, 6, 8, 9})
    if (S[I] < '0' || S[I] > '9')
      return false;
  const int Year = std::atoi(S.substr(0, 4).c_str());
  const int Month = std::atoi(S.substr(5, 2).c_str());
  const int Day = std::atoi(S.substr(8, 2).c_str());
  if (Month < 1 || Month > 12 || Day < 1)
    return false;
  static const int Days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool Leap = (Year % 4 == 0 && Year % 100 != 0) || Year % 400 == 0;
  return Day <= Days[Month - 1] + (Month == 2 && Leap);
}

std::optional<unsigned> parseArgumentIndex(const std::string &S) {
  if (S.empty() || S.size() > 3 ||
      !std::all_of(S.begin(), S.end(), [](char C) { return C >= '0' && C <= '9'; }))
    return std::nullopt;
  const unsigned V = static_cast<unsigned>(std::atoi(S.c_str()));
  if (V > MaxArgumentIndex)
    return std::nullopt;
  return V;
}

namespace {

const std::string PositionRange = "from 0 to " + std::to_string(MaxArgumentIndex);

/// A decimal integer, maybe negative: a position out of range, not a typo.
bool isInteger(const std::string &S) {
  const size_t From = !S.empty() && S[0] == '-' ? 1 : 0;
  return S.size() > From && S.find_first_not_of("0123456789", From) == std::string::npos;
}

const std::string OutOfRange = "is out of range: argument positions are 0-based, " + PositionRange;

/// Why Text is no position: out of range when it is a number, else not one.
std::string positionProblem(const std::string &Text, const std::string &Hint) {
  return isInteger(Text) ? OutOfRange : "is not an argument position: write " + Hint;
}

bool isIdentifier(const std::string &S) {
  if (S.empty() || std::isdigit(static_cast<unsigned char>(S[0])))
    return false;
  return std::all_of(S.begin(), S.end(),
                     [](unsigned char C) { return std::isalnum(C) || C == '_'; });
}

} // namespace

std::string argumentItemProblem(const std::string &Kind, const std::string &Item) {
  if (Item.empty())
    return "is empty: write a 0-based argument position " + PositionRange;
  if (Kind == "argument")
    return parseArgumentIndex(Item)
               ? ""
               : positionProblem(Item, "a 0-based argument index " + PositionRange + " (\"1\")");
  if (Kind == "arguments" || Kind == "outputs") {
    if (Kind == "outputs" && Item == "return")
      return "";
    const bool From = Item.size() > 3 && Item.compare(Item.size() - 3, 3, "...") == 0;
    const std::string Index = From ? Item.substr(0, Item.size() - 3) : Item;
    if (parseArgumentIndex(Index))
      return "";
    return positionProblem(
        Index, "a 0-based argument index " + PositionRange +
                   " (\"1\"), \"N...\" for every argument from N on" +
                   (Kind == "outputs" ? ", or \"return\" for the return value" : std::string()));
  }
  if (Kind == "members") {
    const size_t Dot = Item.find('.');
    if (Dot == std::string::npos)
      return "is not \"<argument>.<member>\": write the 0-based position of the out argument, a "
             "dot and the member's name (\"0.payload\")";
    const std::string Index = Item.substr(0, Dot), Member = Item.substr(Dot + 1);
    if (!parseArgumentIndex(Index))
      return "names argument '" + Index + "', which " +
             (isInteger(Index) ? OutOfRange
                               : "is not a 0-based argument position " + PositionRange);
    if (Member.empty())
      return "names no member after the dot: write the member's name (\"" + Index + ".payload\")";
    if (!isIdentifier(Member))
      return "names member '" + Member +
             "', which is not a member name (one C identifier; a nested member is not followed)";
    return "";
  }
  return "";
}

std::optional<unsigned> memberArgument(const std::string &Item) {
  const size_t Dot = Item.find('.');
  return Dot == std::string::npos ? std::nullopt : parseArgumentIndex(Item.substr(0, Dot));
}

bool positionsCover(const std::vector<std::string> &Positions, unsigned I) {
  for (const std::string &P : Positions) {
    if (P.size() > 3 && P.compare(P.size() - 3, 3, "...") == 0) {
      if (auto From = parseArgumentIndex(P.substr(0, P.size() - 3)); From && *From <= I)
        return true;
    } else if (auto At = parseArgumentIndex(P); At && *At == I) {
      return true;
    }
  }
  return false;
}

std::string Problem::str() const { return Where.str() + ": error: " + Message; }

std::optional<Severity> parseSeverity(const std::string &S) {
  if (S == "info")
    return Severity::Info;
  if (S == "low")
    return Severity::Low;
  if (S == "medium")
    return Severity::Medium;
  if (S == "high")
    return Severity::High;
  if (S == "critical")
    return Severity::Critical;
  return std::nullopt;
}

const char *severityName(Severity S) {
  switch (S) {
  case Severity::Info:
    return "info";
  case Severity::Low:
    return "low";
  case Severity::Medium:
    return "medium";
  case Severity::High:
    return "high";
  case Severity::Critical:
    return "critical";
  }
  return "medium";
}

namespace {
const std::string *translated(
    const std::map<std::string, std::map<std::string, std::string>> &Translations,
    const std::string &Field, const std::string &Lang) {
  auto L = Translations.find(Lang);
  if (L == Translations.end())
    return nullptr;
  auto F = L->second.find(Field);
  return F == L->second.end() ? nullptr : &F->second;
}
} // namespace

const std::string &Clause::text(const std::string &Field, const std::string &Lang) const {
  if (const std::string *T = translated(Translations, Field, Lang))
    return *T;
  return Field == "complementary" ? Complementary : Title;
}

const std::string &Guideline::text(const std::string &Field, const std::string &Lang) const {
  if (const std::string *T = translated(Translations, Field, Lang))
    return *T;
  return Field == "publisher" ? Publisher : Field == "edition" ? Edition : Title;
}

std::string DataEntry::get(const std::string &Field, const std::string &Default) const {
  auto It = Scalars.find(Field);
  return It == Scalars.end() ? Default : It->second;
}

bool DataEntry::getBool(const std::string &Field, bool Default) const {
  auto It = Scalars.find(Field);
  if (It == Scalars.end())
    return Default;
  return It->second == "true";
}

long long DataEntry::getInt(const std::string &Field, long long Default) const {
  auto It = Scalars.find(Field);
  if (It == Scalars.end())
    return Default;
  return std::strtoll(It->second.c_str(), nullptr, 10);
}

std::vector<std::string> DataEntry::getList(const std::string &Field) const {
  auto It = Lists.find(Field);
  return It == Lists.end() ? std::vector<std::string>{} : It->second;
}

const std::vector<DataEntry> &CheckEntry::dataList(const std::string &Name) const {
  static const std::vector<DataEntry> Empty;
  auto It = Data.find(Name);
  return It == Data.end() ? Empty : It->second;
}

const std::vector<DataEntry> &CheckEntry::activeData(const std::string &Name) const {
  return Active.get(Name, [&] {
    std::vector<DataEntry> Out;
    for (const DataEntry &E : dataList(Name))
      if (E.getBool("enabled", true))
        Out.push_back(E);
    return Out;
  });
}

const CheckEntry *Catalogue::findCheck(const std::string &Id) const {
  for (const CheckEntry &C : Checks)
    if (C.Id == Id)
      return &C;
  return nullptr;
}

const Guideline *Catalogue::findGuideline(const std::string &Id) const {
  for (const Guideline &G : Guidelines)
    if (G.Id == Id)
      return &G;
  return nullptr;
}

const ComponentEntry *Catalogue::findComponent(const std::string &Id) const {
  for (const ComponentEntry &C : Components)
    if (C.Id == Id)
      return &C;
  return nullptr;
}

std::vector<std::string> ComponentEntry::versionMacros() const {
  std::vector<std::string> Macros;
  size_t Pos = 0;
  while ((Pos = Version.find('{', Pos)) != std::string::npos) {
    const size_t End = Version.find('}', Pos);
    if (End == std::string::npos)
      break;
    Macros.push_back(Version.substr(Pos + 1, End - Pos - 1));
    Pos = End + 1;
  }
  return Macros;
}

const Clause *Catalogue::findClause(const std::string &Id) const {
  for (const Guideline &G : Guidelines)
    for (const Clause &C : G.Clauses)
      if (C.Id == Id)
        return &C;
  return nullptr;
}

} // namespace rules
} // namespace medsec
