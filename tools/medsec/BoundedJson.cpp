//===- BoundedJson.cpp - JSON input with a nesting limit ------------------===//
#include "BoundedJson.h"

namespace medsec {

llvm::Expected<llvm::json::Value> parseBoundedJson(llvm::StringRef Text) {
  unsigned Depth = 0, Line = 1;
  size_t LineStart = 0;
  bool InString = false;
  for (size_t I = 0; I < Text.size(); ++I) {
    const char C = Text[I];
    if (C == '\n') {
      ++Line;
      LineStart = I + 1;
    }
    if (InString) {
      if (C == '\\')
        ++I; // the escaped character cannot end the string
      else if (C == '"')
        InString = false;
      continue;
    }
    if (C == '"') {
      InString = true;
    } else if (C == '[' || C == '{') {
      if (++Depth > MaxJsonDepth)
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       "[%u:%zu] arrays and objects nested deeper than %u levels",
                                       Line, I - LineStart + 1, MaxJsonDepth);
    } else if ((C == ']' || C == '}') && Depth > 0) {
      --Depth;
    }
  }
  return llvm::json::parse(Text);
}

} // namespace medsec
