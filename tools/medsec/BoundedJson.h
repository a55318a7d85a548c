//===- BoundedJson.h - JSON input with a nesting limit ----------*- C++ -*-===//
//
// llvm::json::parse recurses once per nesting level: a compile database,
// results or baseline file nested 100,000 deep overflows the stack. Every
// JSON file medsec reads comes through here, which refuses such input with a
// clear error before parsing.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_TOOLS_BOUNDEDJSON_H
#define MEDSEC_TOOLS_BOUNDEDJSON_H

#include "llvm/Support/JSON.h"

namespace medsec {

/// Deeper than any file medsec reads or writes (results.json: 6 levels).
constexpr unsigned MaxJsonDepth = 256;

/// llvm::json::parse, or an error saying where Text nests deeper than
/// MaxJsonDepth arrays and objects.
llvm::Expected<llvm::json::Value> parseBoundedJson(llvm::StringRef Text);

} // namespace medsec

#endif
