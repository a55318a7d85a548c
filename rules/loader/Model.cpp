//===- Model.cpp - small helpers of the catalogue model -------------------===//
#include "Catalogue.h"
#include "Deviations.h"

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
