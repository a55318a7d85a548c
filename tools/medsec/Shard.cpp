//===- Shard.cpp - one scan split over several CI runners -----------------===//
#include "Shard.h"
#include "BoundedJson.h"

#include "../../rules/loader/Catalogue.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

namespace medsec {
namespace json = llvm::json;

namespace {

constexpr llvm::StringLiteral ShardFormat = "medsec-shard/1";

llvm::Error shardError(llvm::StringRef Path, const llvm::Twine &What) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Path + ": " + What);
}

} // namespace

bool parseShard(llvm::StringRef Text, ShardSpec &Out, std::string &Error) {
  auto [K, N] = Text.split('/');
  unsigned Index = 0, Count = 0;
  if (K.getAsInteger(10, Index) || N.getAsInteger(10, Count) || Count == 0 || Index == 0 ||
      Index > Count || Count > 10000) {
    Error = "--shard takes K/N with 1 <= K <= N (e.g. 2/4), not '" + Text.str() + "'";
    return false;
  }
  Out = {Index, Count};
  return true;
}

std::vector<std::string> selectShard(const std::vector<std::string> &Files, ShardSpec S,
                                     std::string &Partition) {
  std::vector<std::pair<uint64_t, std::string>> BySize;
  for (const std::string &F : Files) {
    uint64_t Size = 0;
    llvm::sys::fs::file_size(F, Size); // a missing file costs little: its unit fails fast
    BySize.push_back({Size, F});
  }
  std::sort(BySize.begin(), BySize.end(), [](const auto &A, const auto &B) {
    return A.first != B.first ? A.first > B.first : A.second < B.second;
  });
  std::vector<uint64_t> Load(S.Count, 0);
  std::map<std::string, unsigned> ShardOf;
  std::string Assignment;
  for (const auto &[Size, File] : BySize) {
    const unsigned To = std::min_element(Load.begin(), Load.end()) - Load.begin();
    Load[To] += Size + 1; // empty files still cost a unit
    ShardOf[File] = To + 1;
  }
  for (const auto &[File, To] : ShardOf)
    Assignment += std::to_string(To) + "/" + std::to_string(S.Count) + "\t" + File + "\n";
  Partition = rules::sha256Hex(Assignment);
  std::vector<std::string> Mine;
  for (const std::string &F : Files)
    if (ShardOf[F] == S.Index)
      Mine.push_back(F);
  return Mine;
}

std::string shardToJson(const ShardFile &S) {
  json::Array Units;
  for (UnitResult U : S.Units) {
    U.Inputs.clear(); // the cache's business, not the merge's
    Units.push_back(unitToJson(U, /*WithFindings=*/true));
  }
  auto Scan = json::parse(resultsToJson(S.Scan));
  json::Object Root{
      {"format", ShardFormat},
      {"shard", json::Object{{"index", S.Spec.Index},
                             {"count", S.Spec.Count},
                             {"partitionSha256", S.Partition},
                             {"unitsTotal", static_cast<int64_t>(S.UnitsTotal)}}},
      {"scan", Scan ? std::move(*Scan) : json::Value(nullptr)},
      {"units", std::move(Units)}};
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::formatv("{0:2}", json::Value(std::move(Root))) << "\n";
  return Out;
}

llvm::Expected<ShardFile> shardFromJson(llvm::StringRef Text, llvm::StringRef Path) {
  auto Parsed = parseBoundedJson(Text);
  if (!Parsed)
    return shardError(Path, llvm::toString(Parsed.takeError()));
  const json::Object *O = Parsed->getAsObject();
  if (!O || O->getString("format") != llvm::StringRef(ShardFormat)) {
    if (O && O->getString("format") == llvm::StringRef("medsec-results/1"))
      return shardError(Path, "is the results of a whole scan, not a shard (medsec merge takes "
                              "the files 'medsec scan --shard K/N' wrote)");
    return shardError(Path, "not a medsec shard file (format " + ShardFormat + ")");
  }
  ShardFile S;
  const json::Object *Spec = O->getObject("shard");
  const json::Array *Units = O->getArray("units");
  const json::Value *Scan = O->get("scan");
  if (!Spec || !Units || !Scan)
    return shardError(Path, "a shard file needs 'shard', 'scan' and 'units'");
  auto Index = Spec->getInteger("index"), Count = Spec->getInteger("count"),
       Total = Spec->getInteger("unitsTotal");
  if (!Index || !Count || !Total || *Count < 1 || *Index < 1 || *Index > *Count || *Total < 0)
    return shardError(Path, "shard.index, shard.count and shard.unitsTotal must be numbers with "
                            "1 <= index <= count");
  S.Spec = {static_cast<unsigned>(*Index), static_cast<unsigned>(*Count)};
  S.UnitsTotal = static_cast<size_t>(*Total);
  S.Partition = Spec->getString("partitionSha256").value_or("").str();
  std::string ScanText;
  llvm::raw_string_ostream OS(ScanText);
  OS << *Scan;
  auto R = resultsFromJson(ScanText);
  if (!R)
    return shardError(Path, "scan: " + llvm::toString(R.takeError()));
  S.Scan = std::move(*R);
  for (size_t I = 0; I < Units->size(); ++I) {
    auto U = unitFromJson((*Units)[I]);
    if (!U)
      return shardError(Path, "units[" + std::to_string(I) + "]: " + llvm::toString(U.takeError()));
    S.Units.push_back(std::move(*U));
  }
  return S;
}

namespace {

/// What must be the same in every shard of one scan, as text, by name.
std::vector<std::pair<const char *, std::string>> identity(const ShardFile &S) {
  const ScanResults &R = S.Scan;
  std::string Files, Excluded, Config;
  for (const CatalogueFileRef &F : R.CatalogueFiles)
    Files += F.Path + " " + F.Role + " " + F.Sha256 + "\n";
  for (const UnitResult &U : R.Units)
    Excluded += U.File + "\n";
  llvm::raw_string_ostream OS(Config);
  OS << json::Value(configurationToJson(R.Configuration));
  return {{"shard count", std::to_string(S.Spec.Count)},
          {"partition (the units dealt to each shard)", S.Partition},
          {"tool build", R.ToolVersion + " " + R.BuildId + " LLVM " + R.LlvmVersion},
          {"source root", R.SourceRoot},
          {"compile database", R.CompileDatabase + " " + R.CompileDatabaseSha256},
          {"catalogue files", Files},
          {"checks", llvm::join(R.Checks, ",")},
          {"configuration", Config},
          {"excluded units", Excluded}};
}

} // namespace

llvm::Expected<std::pair<ScanResults, std::vector<UnitResult>>>
combineShards(std::vector<ShardFile> Shards, const std::vector<std::string> &Paths) {
  if (Shards.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "no shard file given");
  const auto First = identity(Shards.front());
  std::map<unsigned, std::string> ByIndex;
  for (size_t I = 0; I < Shards.size(); ++I) {
    const auto Mine = identity(Shards[I]);
    for (size_t K = 0; K < First.size(); ++K)
      if (Mine[K].second != First[K].second)
        return shardError(Paths[I], llvm::Twine("is not a shard of the same scan as ") +
                                        Paths.front() + ": its " + First[K].first +
                                        " differs (run every shard with the same medsec, "
                                        "compile database, catalogue and options)");
    auto [It, New] = ByIndex.try_emplace(Shards[I].Spec.Index, Paths[I]);
    if (!New)
      return shardError(Paths[I], "is shard " + std::to_string(Shards[I].Spec.Index) +
                                      " again (also " + It->second + ")");
  }
  std::vector<std::string> Missing;
  for (unsigned K = 1; K <= Shards.front().Spec.Count; ++K)
    if (!ByIndex.count(K))
      Missing.push_back(std::to_string(K) + "/" + std::to_string(Shards.front().Spec.Count));
  if (!Missing.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "shard(s) " + llvm::join(Missing, ", ") +
                                       " missing: a merge needs every shard of the scan");
  std::vector<UnitResult> Units;
  std::map<std::string, std::string> SeenIn;
  for (size_t I = 0; I < Shards.size(); ++I)
    for (UnitResult &U : Shards[I].Units) {
      if (auto [It, New] = SeenIn.try_emplace(U.File, Paths[I]); !New)
        return shardError(Paths[I], "unit '" + U.File + "' was analysed by " + It->second +
                                        " too");
      Units.push_back(std::move(U));
    }
  if (Units.size() != Shards.front().UnitsTotal)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the shards hold " + std::to_string(Units.size()) +
                                       " units, the scan has " +
                                       std::to_string(Shards.front().UnitsTotal));
  ScanResults R = std::move(Shards.front().Scan);
  R.InventoryRecorded = true; // made by the merge, from the units' data
  return std::make_pair(std::move(R), std::move(Units));
}

} // namespace medsec
