//===- Text.cpp - making untrusted text safe for each report format -------===//
#include "Text.h"

#include "Html.h"
#include "Messages.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <cstdio>

namespace medsec {
namespace report {
namespace {

void appendCodePoint(std::string &Out, unsigned C) {
  if (C < 0x80) {
    Out += static_cast<char>(C);
  } else if (C < 0x800) {
    Out += static_cast<char>(0xC0 | (C >> 6));
    Out += static_cast<char>(0x80 | (C & 0x3F));
  } else if (C < 0x10000) {
    Out += static_cast<char>(0xE0 | (C >> 12));
    Out += static_cast<char>(0x80 | ((C >> 6) & 0x3F));
    Out += static_cast<char>(0x80 | (C & 0x3F));
  } else {
    Out += static_cast<char>(0xF0 | (C >> 18));
    Out += static_cast<char>(0x80 | ((C >> 12) & 0x3F));
    Out += static_cast<char>(0x80 | ((C >> 6) & 0x3F));
    Out += static_cast<char>(0x80 | (C & 0x3F));
  }
}

/// Decodes one UTF-8 sequence at S[I]; 0 when it is not well formed (overlong
/// forms and surrogates included).
unsigned decode(llvm::StringRef S, size_t I, unsigned &CodePoint) {
  const unsigned char B0 = S[I];
  unsigned Len, Min;
  if (B0 >= 0xC2 && B0 <= 0xDF)
    Len = 2, Min = 0x80, CodePoint = B0 & 0x1F;
  else if (B0 >= 0xE0 && B0 <= 0xEF)
    Len = 3, Min = 0x800, CodePoint = B0 & 0x0F;
  else if (B0 >= 0xF0 && B0 <= 0xF4)
    Len = 4, Min = 0x10000, CodePoint = B0 & 0x07;
  else
    return 0;
  if (I + Len > S.size())
    return 0;
  for (unsigned K = 1; K < Len; ++K) {
    const unsigned char B = S[I + K];
    if ((B & 0xC0) != 0x80)
      return 0;
    CodePoint = (CodePoint << 6) | (B & 0x3F);
  }
  if (CodePoint < Min || CodePoint > 0x10FFFF || (CodePoint >= 0xD800 && CodePoint <= 0xDFFF))
    return 0;
  return Len;
}

/// Characters that change how text around them is displayed without being
/// seen: C1 controls, bidirectional overrides and isolates ("Trojan Source").
bool isInvisibleControl(unsigned C) {
  return (C >= 0x80 && C <= 0x9F) || (C >= 0x202A && C <= 0x202E) || (C >= 0x2066 && C <= 0x2069) ||
         C == 0x200E || C == 0x200F || C == 0x061C || C == 0xFEFF;
}

} // namespace

std::string sanitize(llvm::StringRef S) {
  std::string Out;
  Out.reserve(S.size());
  for (size_t I = 0; I < S.size();) {
    const unsigned char B = S[I];
    if (B < 0x80) {
      if (B == '\t')
        Out += ' ';
      else if (B < 0x20)
        appendCodePoint(Out, 0x2400 + B); // control pictures: NUL is U+2400
      else if (B == 0x7F)
        appendCodePoint(Out, 0x2421);
      else
        Out += static_cast<char>(B);
      ++I;
      continue;
    }
    unsigned C = 0;
    const unsigned Len = decode(S, I, C);
    if (!Len) {
      appendCodePoint(Out, 0xFFFD);
      ++I;
      continue;
    }
    if (isInvisibleControl(C)) {
      char Buf[16];
      std::snprintf(Buf, sizeof Buf, "<U+%04X>", C);
      Out += Buf;
    } else {
      Out.append(S.data() + I, Len);
    }
    I += Len;
  }
  return Out;
}

std::string clip(llvm::StringRef S, size_t Max) {
  if (S.size() <= Max)
    return S.str();
  size_t Cut = Max;
  while (Cut > 0 && (static_cast<unsigned char>(S[Cut]) & 0xC0) == 0x80)
    --Cut;
  return S.take_front(Cut).str() + "\xE2\x80\xA6 [" +
         MessageScope::current().fmt("text.clipped", {std::to_string(S.size() - Cut)}) + "]";
}

std::string htmlEscape(llvm::StringRef S, size_t Max) {
  const std::string Clean = clip(sanitize(S), Max);
  std::string Out;
  Out.reserve(Clean.size() + Clean.size() / 8);
  for (char C : Clean) {
    switch (C) {
    case '&':
      Out += "&amp;";
      break;
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '"':
      Out += "&quot;";
      break;
    case '\'':
      Out += "&#39;";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

std::string upperText(llvm::StringRef S) {
  std::string Out;
  for (size_t I = 0; I < S.size(); ++I) {
    const unsigned char C = S[I];
    if (C >= 'a' && C <= 'z') {
      Out += static_cast<char>(C - 'a' + 'A');
    } else if (C == 0xC3 && I + 1 < S.size()) {
      // U+00E0..U+00FE (not U+00F7, the division sign) -> U+00C0..U+00DE.
      const unsigned char D = S[++I];
      Out += static_cast<char>(C);
      Out += static_cast<char>(D >= 0xA0 && D <= 0xBE && D != 0xB7 ? D - 0x20 : D);
    } else if (C == 0xC5 && I + 1 < S.size()) {
      // U+0153 oe -> U+0152 OE; U+0178 stays.
      const unsigned char D = S[++I];
      Out += static_cast<char>(C);
      Out += static_cast<char>(D == 0x93 ? 0x92 : D);
    } else {
      Out += static_cast<char>(C);
    }
  }
  return Out;
}

Prose prose(llvm::StringRef S) {
  std::string Out;
  for (char C : sanitize(S))
    Out += C == '&' ? "&amp;" : C == '<' ? "&lt;" : C == '>' ? "&gt;" : std::string(1, C);
  return {Out};
}

Prose t(llvm::StringRef Key) { return prose(MessageScope::current().text(Key)); }

Html tf(llvm::StringRef Key, std::initializer_list<Html> Args) {
  const std::string T = MessageScope::current().text(Key);
  const std::vector<Html> A(Args);
  Html H;
  size_t Start = 0;
  for (size_t I = 0; I < T.size(); ++I) {
    if (T[I] == '{' && I + 2 < T.size() && llvm::isDigit(T[I + 1]) && T[I + 2] == '}') {
      H << prose(llvm::StringRef(T).slice(Start, I));
      const unsigned N = T[I + 1] - '0';
      if (N < A.size())
        H << A[N];
      else
        H << prose("[[" + Key.str() + ":{" + T[I + 1] + "}]]");
      I += 2;
      Start = I + 1;
    }
  }
  H << prose(llvm::StringRef(T).substr(Start));
  return H;
}

Escaped term(llvm::StringRef Group, llvm::StringRef Value) {
  return esc(MessageScope::current().term(Group, Value));
}

std::string mdEscape(llvm::StringRef S, size_t Max) {
  const std::string Clean = clip(sanitize(S), Max);
  std::string Out;
  Out.reserve(Clean.size() + Clean.size() / 4);
  for (char C : Clean) {
    switch (C) {
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '&':
      Out += "&amp;";
      break;
    case '@':
      Out += "&#64;";
      break;
    case '\\':
    case '`':
    case '*':
    case '_':
    case '{':
    case '}':
    case '[':
    case ']':
    case '(':
    case ')':
    case '#':
    case '+':
    case '-':
    case '.':
    case '!':
    case '|':
    case '~':
    case '$':
    case '=':
    case ':':
      Out += '\\';
      Out += C;
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

std::string mdFence(llvm::StringRef Body) {
  size_t Longest = 0, Run = 0;
  for (char C : Body) {
    Run = C == '`' ? Run + 1 : 0;
    Longest = std::max(Longest, Run);
  }
  return std::string(std::max<size_t>(3, Longest + 1), '`');
}

std::string mdCode(llvm::StringRef S, size_t Max) {
  const std::string Clean = clip(sanitize(S), Max);
  if (Clean.empty())
    return "";
  std::string Body;
  for (char C : Clean) {
    if (C == '|')
      Body += '\\';
    Body += C;
  }
  size_t Longest = 0, Run = 0;
  for (char C : Body) {
    Run = C == '`' ? Run + 1 : 0;
    Longest = std::max(Longest, Run);
  }
  const std::string Fence(Longest + 1, '`');
  const bool Pad = Body.front() == '`' || Body.back() == '`';
  return Fence + (Pad ? " " : "") + Body + (Pad ? " " : "") + Fence;
}

std::string csvField(llvm::StringRef S) {
  std::string Clean = sanitize(S);
  if (!Clean.empty() && (Clean[0] == '=' || Clean[0] == '+' || Clean[0] == '-' || Clean[0] == '@'))
    Clean.insert(Clean.begin(), '\'');
  const bool Quote = Clean.find_first_of(",\"") != std::string::npos ||
                     (!Clean.empty() && (Clean.front() == ' ' || Clean.back() == ' '));
  if (!Quote)
    return Clean;
  std::string Out = "\"";
  for (char C : Clean) {
    if (C == '"')
      Out += '"';
    Out += C;
  }
  return Out + "\"";
}

} // namespace report
} // namespace medsec
