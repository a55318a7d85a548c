//===- MacroEval.cpp - expand and evaluate one version macro --------------===//
#include "MacroEval.h"

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <set>

namespace medsec {

namespace {

/// A token with the names of the macros whose expansion produced it: those
/// are not expanded again (the "hide set").
struct HToken {
  PPToken T;
  std::set<std::string> Hide;
};
using Tokens = std::vector<HToken>;

bool isPunct(const PPToken &T, const char *S) { return T.K == PPToken::Punct && T.Text == S; }

constexpr unsigned MaxSteps = 100000; // a malformed or hostile definition ends here

class Expander {
public:
  explicit Expander(const MacroLookup &Lookup) : Lookup(Lookup) {}

  std::optional<Tokens> expand(std::deque<HToken> In) {
    Tokens Out;
    while (!In.empty()) {
      if (++Steps > MaxSteps)
        return std::nullopt;
      HToken T = std::move(In.front());
      In.pop_front();
      const MacroDefinition *Def =
          T.T.K == PPToken::Identifier && !T.Hide.count(T.T.Text) ? Lookup(T.T.Text) : nullptr;
      if (!Def) {
        Out.push_back(std::move(T));
        continue;
      }
      std::set<std::string> Hide = T.Hide;
      Hide.insert(T.T.Text);
      std::vector<Tokens> Args;
      if (Def->FunctionLike) {
        if (In.empty() || !isPunct(In.front().T, "(")) {
          Out.push_back(std::move(T));
          continue;
        }
        In.pop_front();
        if (!collectArgs(In, *Def, Args))
          return std::nullopt;
      }
      auto Body = substitute(*Def, Args, Hide);
      if (!Body)
        return std::nullopt;
      In.insert(In.begin(), Body->begin(), Body->end());
    }
    return Out;
  }

private:
  /// Arguments up to the matching ')', split at top-level commas (the
  /// variadic parameter takes the rest, commas included).
  bool collectArgs(std::deque<HToken> &In, const MacroDefinition &Def, std::vector<Tokens> &Args) {
    Args.emplace_back();
    unsigned Depth = 0;
    while (!In.empty()) {
      HToken T = std::move(In.front());
      In.pop_front();
      if (Depth == 0 && isPunct(T.T, ")")) {
        if (Args.size() == 1 && Args[0].empty() && Def.Params.empty())
          Args.clear();
        if (Def.Variadic && Args.size() + 1 == Def.Params.size())
          Args.emplace_back();
        return Args.size() == Def.Params.size();
      }
      if (Depth == 0 && isPunct(T.T, ",") && !(Def.Variadic && Args.size() == Def.Params.size())) {
        Args.emplace_back();
        continue;
      }
      if (isPunct(T.T, "("))
        ++Depth;
      else if (isPunct(T.T, ")"))
        --Depth;
      Args.back().push_back(std::move(T));
    }
    return false;
  }

  int paramIndex(const MacroDefinition &Def, const PPToken &T) const {
    if (T.K != PPToken::Identifier)
      return -1;
    for (size_t I = 0; I < Def.Params.size(); ++I)
      if (Def.Params[I] == T.Text)
        return static_cast<int>(I);
    return -1;
  }

  static PPToken stringify(const Tokens &Arg) {
    std::string S = "\"";
    for (size_t I = 0; I < Arg.size(); ++I) {
      if (I && Arg[I].T.LeadingSpace)
        S += ' ';
      const bool Quoted = Arg[I].T.K == PPToken::String || Arg[I].T.K == PPToken::Char;
      for (char C : Arg[I].T.Text) {
        if (Quoted && (C == '"' || C == '\\'))
          S += '\\';
        S += C;
      }
    }
    S += '"';
    return {PPToken::String, S, false};
  }

  /// Joins the last token of Out with the first of Next (the ## operator).
  static bool paste(Tokens &Out, Tokens Next) {
    if (Out.empty() || Next.empty()) {
      Out.insert(Out.end(), Next.begin(), Next.end());
      return true;
    }
    const std::vector<PPToken> Joined = tokenize(Out.back().T.Text + Next.front().T.Text);
    if (Joined.size() != 1)
      return false;
    Out.back().T = Joined.front();
    Out.back().T.LeadingSpace = false;
    Out.insert(Out.end(), Next.begin() + 1, Next.end());
    return true;
  }

  std::optional<Tokens> substitute(const MacroDefinition &Def, const std::vector<Tokens> &Args,
                                   const std::set<std::string> &Hide) {
    Tokens Out;
    const std::vector<PPToken> &B = Def.Body;
    for (size_t I = 0; I < B.size(); ++I) {
      const bool PasteNext = I + 1 < B.size() && isPunct(B[I + 1], "##");
      if (Def.FunctionLike && isPunct(B[I], "#") && I + 1 < B.size() &&
          paramIndex(Def, B[I + 1]) >= 0) {
        Out.push_back({stringify(Args[paramIndex(Def, B[I + 1])]), {}});
        ++I;
        continue;
      }
      if (isPunct(B[I], "##") && I + 1 < B.size()) {
        const int P = paramIndex(Def, B[I + 1]);
        Tokens Next = P >= 0 ? Args[P] : Tokens{{B[I + 1], {}}};
        if (!paste(Out, std::move(Next)))
          return std::nullopt;
        ++I;
        continue;
      }
      const int P = paramIndex(Def, B[I]);
      if (P < 0) {
        Out.push_back({B[I], {}});
        continue;
      }
      if (PasteNext || (I > 0 && isPunct(B[I - 1], "##"))) {
        Out.insert(Out.end(), Args[P].begin(), Args[P].end());
        continue;
      }
      auto Expanded = expand(std::deque<HToken>(Args[P].begin(), Args[P].end()));
      if (!Expanded)
        return std::nullopt;
      Out.insert(Out.end(), Expanded->begin(), Expanded->end());
    }
    for (HToken &T : Out)
      T.Hide.insert(Hide.begin(), Hide.end());
    return Out;
  }

  const MacroLookup &Lookup;
  unsigned Steps = 0;
};

/// The characters a string literal stands for (simple and octal/hex escapes).
std::optional<std::string> stringValue(const std::string &Lit) {
  const size_t Open = Lit.find('"');
  if (Open == std::string::npos || Lit.size() < Open + 2 || Lit.back() != '"')
    return std::nullopt;
  std::string V;
  for (size_t I = Open + 1; I + 1 < Lit.size(); ++I) {
    if (Lit[I] != '\\') {
      V += Lit[I];
      continue;
    }
    const char E = Lit[++I];
    switch (E) {
    case 'n':
      V += '\n';
      break;
    case 't':
      V += '\t';
      break;
    case 'x': {
      unsigned Code = 0;
      while (I + 2 < Lit.size() && std::isxdigit(static_cast<unsigned char>(Lit[I + 1])))
        Code = Code * 16 + std::stoi(std::string(1, Lit[++I]), nullptr, 16);
      V += static_cast<char>(Code);
      break;
    }
    default:
      if (E >= '0' && E <= '7') {
        unsigned Code = E - '0';
        for (int N = 0; N < 2 && I + 2 < Lit.size() && Lit[I + 1] >= '0' && Lit[I + 1] <= '7'; ++N)
          Code = Code * 8 + (Lit[++I] - '0');
        V += static_cast<char>(Code);
      } else {
        V += E; // \" \\ \' \?
      }
    }
  }
  return V;
}

/// Integer constant expressions as #if knows them, minus `defined`.
class IntParser {
public:
  explicit IntParser(const Tokens &T) : T(T) {}

  std::optional<long long> parseAll() {
    auto V = conditional();
    if (!V || Pos != T.size())
      return std::nullopt;
    return V;
  }

private:
  bool at(const char *P) const { return Pos < T.size() && isPunct(T[Pos].T, P); }
  bool eat(const char *P) {
    if (!at(P))
      return false;
    ++Pos;
    return true;
  }

  std::optional<long long> conditional() {
    auto C = binary(0);
    if (!C || !eat("?"))
      return C;
    auto A = conditional();
    if (!A || !eat(":"))
      return std::nullopt;
    auto B = conditional();
    if (!B)
      return std::nullopt;
    return *C ? A : B;
  }

  static int precedence(const std::string &Op) {
    static const char *Levels[][4] = {{"||"},
                                      {"&&"},
                                      {"|"},
                                      {"^"},
                                      {"&"},
                                      {"==", "!="},
                                      {"<", ">", "<=", ">="},
                                      {"<<", ">>"},
                                      {"+", "-"},
                                      {"*", "/", "%"}};
    for (int L = 0; L < 10; ++L)
      for (const char *O : Levels[L])
        if (O && Op == O)
          return L;
    return -1;
  }

  std::optional<long long> binary(int MinLevel) {
    auto L = unary();
    while (L && Pos < T.size() && T[Pos].T.K == PPToken::Punct) {
      const std::string Op = T[Pos].T.Text;
      const int Level = precedence(Op);
      if (Level < MinLevel)
        break;
      ++Pos;
      auto R = binary(Level + 1);
      if (!R)
        return std::nullopt;
      L = apply(Op, *L, *R);
    }
    return L;
  }

  static std::optional<long long> apply(const std::string &Op, long long A, long long B) {
    if ((Op == "/" || Op == "%") && B == 0)
      return std::nullopt;
    if ((Op == "<<" || Op == ">>") && (B < 0 || B > 62))
      return std::nullopt;
    if (Op == "||")
      return A || B;
    if (Op == "&&")
      return A && B;
    if (Op == "|")
      return A | B;
    if (Op == "^")
      return A ^ B;
    if (Op == "&")
      return A & B;
    if (Op == "==")
      return A == B;
    if (Op == "!=")
      return A != B;
    if (Op == "<")
      return A < B;
    if (Op == ">")
      return A > B;
    if (Op == "<=")
      return A <= B;
    if (Op == ">=")
      return A >= B;
    if (Op == "<<")
      return A << B;
    if (Op == ">>")
      return A >> B;
    if (Op == "+")
      return A + B;
    if (Op == "-")
      return A - B;
    if (Op == "*")
      return A * B;
    if (Op == "/")
      return A / B;
    return A % B;
  }

  /// `(` type-name `)`: identifiers only, followed by something to cast.
  bool skipCast() {
    size_t P = Pos + 1;
    while (P < T.size() && T[P].T.K == PPToken::Identifier)
      ++P;
    if (P == Pos + 1 || P + 1 >= T.size() || !isPunct(T[P].T, ")"))
      return false;
    const PPToken &Next = T[P + 1].T;
    if (Next.K == PPToken::Punct && !isPunct(Next, "(") && !isPunct(Next, "-") &&
        !isPunct(Next, "~") && !isPunct(Next, "!"))
      return false;
    Pos = P + 1;
    return true;
  }

  std::optional<long long> unary() {
    if (Pos >= T.size())
      return std::nullopt;
    if (eat("-")) {
      auto V = unary();
      return V ? std::optional<long long>(-*V) : std::nullopt;
    }
    if (eat("+"))
      return unary();
    if (eat("~")) {
      auto V = unary();
      return V ? std::optional<long long>(~*V) : std::nullopt;
    }
    if (eat("!")) {
      auto V = unary();
      return V ? std::optional<long long>(!*V) : std::nullopt;
    }
    if (at("(")) {
      if (skipCast())
        return unary();
      ++Pos;
      auto V = conditional();
      if (!V || !eat(")"))
        return std::nullopt;
      return V;
    }
    const PPToken &Tok = T[Pos++].T;
    if (Tok.K == PPToken::Number)
      return number(Tok.Text);
    if (Tok.K == PPToken::Char) {
      auto S = stringValue("\"" + Tok.Text.substr(1, Tok.Text.size() - 2) + "\"");
      if (S && S->size() == 1)
        return static_cast<unsigned char>((*S)[0]);
    }
    return std::nullopt; // an identifier no macro defines: not a version
  }

  static std::optional<long long> number(std::string S) {
    while (!S.empty() && (S.back() == 'u' || S.back() == 'U' || S.back() == 'l' || S.back() == 'L'))
      S.pop_back();
    int Base = 10;
    size_t Start = 0;
    if (S.size() > 2 && S[0] == '0' && (S[1] == 'x' || S[1] == 'X'))
      Base = 16, Start = 2;
    else if (S.size() > 2 && S[0] == '0' && (S[1] == 'b' || S[1] == 'B'))
      Base = 2, Start = 2;
    else if (S.size() > 1 && S[0] == '0')
      Base = 8, Start = 1;
    if (Start >= S.size())
      return S == "0" ? std::optional<long long>(0) : std::nullopt;
    char *End = nullptr;
    const unsigned long long V = std::strtoull(S.c_str() + Start, &End, Base);
    if (*End != '\0')
      return std::nullopt;
    return static_cast<long long>(V);
  }

  const Tokens &T;
  size_t Pos = 0;
};

} // namespace

std::vector<PPToken> tokenize(const std::string &Text) {
  std::vector<PPToken> Out;
  bool Space = false;
  auto IsIdent = [](char C) { return std::isalnum(static_cast<unsigned char>(C)) || C == '_'; };
  for (size_t I = 0; I < Text.size();) {
    const char C = Text[I];
    if (std::isspace(static_cast<unsigned char>(C))) {
      Space = true;
      ++I;
      continue;
    }
    PPToken T;
    T.LeadingSpace = Space;
    Space = false;
    size_t J = I + 1;
    auto Quoted = [&](char Q, size_t From) {
      size_t K = From + 1;
      while (K < Text.size() && Text[K] != Q)
        K += Text[K] == '\\' ? 2 : 1;
      return std::min(K + 1, Text.size());
    };
    if (std::isdigit(static_cast<unsigned char>(C)) ||
        (C == '.' && I + 1 < Text.size() &&
         std::isdigit(static_cast<unsigned char>(Text[I + 1])))) {
      T.K = PPToken::Number;
      while (J < Text.size() &&
             (IsIdent(Text[J]) || Text[J] == '.' ||
              ((Text[J] == '+' || Text[J] == '-') && std::strchr("eEpP", Text[J - 1]))))
        ++J;
    } else if (IsIdent(C)) {
      while (J < Text.size() && IsIdent(Text[J]))
        ++J;
      const std::string Word = Text.substr(I, J - I);
      if (J < Text.size() && (Text[J] == '"' || Text[J] == '\'') &&
          (Word == "L" || Word == "u" || Word == "U" || Word == "u8")) {
        T.K = Text[J] == '"' ? PPToken::String : PPToken::Char;
        J = Quoted(Text[J], J);
      } else {
        T.K = PPToken::Identifier;
      }
    } else if (C == '"' || C == '\'') {
      T.K = C == '"' ? PPToken::String : PPToken::Char;
      J = Quoted(C, I);
    } else {
      T.K = PPToken::Punct;
      for (const char *P : {"...", "##", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||"})
        if (Text.compare(I, std::strlen(P), P) == 0) {
          J = I + std::strlen(P);
          break;
        }
    }
    T.Text = Text.substr(I, J - I);
    Out.push_back(std::move(T));
    I = J;
  }
  return Out;
}

std::optional<std::vector<PPToken>> expandMacro(const std::string &Name,
                                                const MacroLookup &Lookup) {
  const MacroDefinition *Def = Lookup(Name);
  if (!Def || Def->FunctionLike)
    return std::nullopt;
  Expander E(Lookup);
  auto Out = E.expand({HToken{{PPToken::Identifier, Name, false}, {}}});
  if (!Out)
    return std::nullopt;
  std::vector<PPToken> Result;
  for (HToken &T : *Out)
    Result.push_back(std::move(T.T));
  return Result;
}

std::optional<std::string> evaluateMacro(const std::string &Name, const MacroLookup &Lookup) {
  auto Expanded = expandMacro(Name, Lookup);
  if (!Expanded || Expanded->empty())
    return std::nullopt;
  bool AllStrings = true;
  for (const PPToken &T : *Expanded)
    AllStrings = AllStrings && T.K == PPToken::String;
  if (AllStrings) {
    std::string Text;
    for (const PPToken &T : *Expanded) {
      auto S = stringValue(T.Text);
      if (!S)
        return std::nullopt;
      Text += *S;
    }
    return Text;
  }
  Tokens T;
  for (const PPToken &P : *Expanded)
    T.push_back({P, {}});
  auto V = IntParser(T).parseAll();
  if (!V)
    return std::nullopt;
  return std::to_string(*V);
}

} // namespace medsec
