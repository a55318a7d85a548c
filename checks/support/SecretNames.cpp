//===- SecretNames.cpp ----------------------------------------------------===//
#include "SecretNames.h"
#include "SharedTables.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"

#include <cctype>
#include <cmath>

namespace clang::tidy::medsec {

llvm::SmallVector<std::string, 8> identifierWords(llvm::StringRef Name) {
  llvm::SmallVector<std::string, 8> Words;
  std::string Cur;
  auto Flush = [&] {
    if (!Cur.empty())
      Words.push_back(llvm::StringRef(Cur).lower());
    Cur.clear();
  };
  for (size_t I = 0; I < Name.size(); ++I) {
    const unsigned char C = Name[I];
    if (!std::isalnum(C)) {
      Flush();
      continue;
    }
    if (!Cur.empty()) {
      const unsigned char P = Cur.back();
      const bool DigitChange = std::isdigit(P) != std::isdigit(C);
      const bool LowerToUpper = std::islower(P) && std::isupper(C);
      // "HTTPKey": the 'K' starts a word because a lower-case letter follows.
      const bool AcronymEnd = std::isupper(P) && std::isupper(C) && I + 1 < Name.size() &&
                              std::islower(static_cast<unsigned char>(Name[I + 1]));
      if (DigitChange || LowerToUpper || AcronymEnd)
        Flush();
    }
    Cur.push_back(static_cast<char>(C));
  }
  Flush();
  return Words;
}

SecretNameMatcher::SecretNameMatcher(const std::vector<::medsec::rules::DataEntry> &TermEntries,
                                     const std::vector<::medsec::rules::DataEntry> &Qualifiers) {
  for (const auto &E : TermEntries) {
    Term T;
    for (const std::string &W : identifierWords(E.Key))
      T.Joined += W;
    if (T.Joined.empty())
      continue;
    T.Label = E.Key;
    T.Kind = E.get("kind", "secret");
    T.Substring = E.get("match", "words") == "substring";
    T.NeedsEntropy = E.getBool("needs-entropy", false);
    T.MinLength = static_cast<size_t>(E.getInt("min-length", 16));
    double Bits = 3.0;
    if (!llvm::StringRef(E.get("min-entropy", "3.0")).getAsDouble(Bits))
      T.MinEntropy = Bits;
    Terms.push_back(std::move(T));
  }
  for (const auto &Q : Qualifiers) {
    Qualifier Entry;
    for (const std::string &W : identifierWords(Q.Key))
      Entry.Word += W;
    for (const std::string &Term : Q.getList("applies-to")) {
      std::string Joined;
      for (const std::string &W : identifierWords(Term))
        Joined += W;
      Entry.Terms.push_back(Joined);
    }
    this->Qualifiers.push_back(std::move(Entry));
  }
}

const SecretNameMatcher::Term *SecretNameMatcher::match(llvm::StringRef Identifier) const {
  if (Terms.empty() || Identifier.empty())
    return nullptr;
  std::lock_guard<std::mutex> Lock(Seen.M);
  if (Seen.Map.size() >= (1u << 16)) // a long clangd session: keep it bounded
    Seen.Map.clear();
  auto [It, New] = Seen.Map.try_emplace(Identifier, -1);
  if (New)
    if (const Term *T = matchUncached(Identifier))
      It->second = static_cast<int>(T - Terms.data());
  return It->second < 0 ? nullptr : &Terms[It->second];
}

const SecretNameMatcher::Term *SecretNameMatcher::matchUncached(llvm::StringRef Identifier) const {
  const auto Words = identifierWords(Identifier);
  std::string All;
  for (const std::string &W : Words)
    All += W;
  auto Disqualified = [&](const Term &T) {
    for (const Qualifier &Q : Qualifiers) {
      if (!Q.Terms.empty() && llvm::find(Q.Terms, T.Joined) == Q.Terms.end())
        continue;
      if (llvm::find(Words, Q.Word) != Words.end())
        return true;
    }
    return false;
  };
  auto Matches = [&](const Term &T) {
    if (T.Substring && All.find(T.Joined) != std::string::npos)
      return true;
    // Runs of consecutive words whose concatenation is the term (or its plural).
    for (size_t I = 0; I < Words.size(); ++I) {
      std::string Run;
      for (size_t J = I; J < Words.size() && Run.size() < T.Joined.size() + 1; ++J) {
        Run += Words[J];
        if (Run == T.Joined || Run == T.Joined + "s")
          return true;
      }
    }
    return false;
  };
  for (const Term &T : Terms)
    if (Matches(T) && !Disqualified(T))
      return &T;
  return nullptr;
}

double shannonEntropy(llvm::ArrayRef<uint64_t> Values) {
  if (Values.empty())
    return 0;
  llvm::DenseMap<uint64_t, unsigned> Counts;
  for (uint64_t V : Values)
    ++Counts[V];
  double H = 0;
  for (const auto &C : Counts) {
    const double P = static_cast<double>(C.second) / Values.size();
    H -= P * std::log2(P);
  }
  return H;
}

const NamedDecl *rootDecl(const Expr *E, bool ThroughAddressOf) {
  for (unsigned Step = 0; E && Step < 8; ++Step) {
    E = E->IgnoreParenCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return Ref->getDecl();
    if (const auto *M = dyn_cast<MemberExpr>(E))
      return M->getMemberDecl();
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      E = AS->getBase();
      continue;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && (U->getOpcode() == UO_Deref || (ThroughAddressOf && U->getOpcode() == UO_AddrOf))) {
      E = U->getSubExpr();
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

std::shared_ptr<const SecretNameMatcher>
sharedSecretNames(const ::medsec::rules::Catalogue *Cat, const ::medsec::rules::CheckEntry &Terms,
                  const std::string &TermList, const ::medsec::rules::CheckEntry *Qualifiers) {
  static const std::vector<::medsec::rules::DataEntry> None;
  return ::medsec::sharedPerCatalogue<SecretNameMatcher>(
      Cat, Terms.Id + "\n" + TermList + "\n" + (Qualifiers ? Qualifiers->Id : ""), [&] {
        return SecretNameMatcher(Terms.activeData(TermList),
                                 Qualifiers ? Qualifiers->activeData("qualifiers") : None);
      });
}

} // namespace clang::tidy::medsec
