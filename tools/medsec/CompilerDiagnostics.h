//===- CompilerDiagnostics.h - clang warnings as findings --------*- C++ -*-===//
//
// Some clang warnings prove a defect (an index past the end, a 16-bit
// overflow, a memcpy of sizeof(pointer) bytes). The catalogue lists them as
// entries named as clang-tidy names a warning, clang-diagnostic-<flag>
// (docs/checks/compiler-diagnostics.md); a scan turns each enabled entry's
// -W<flag> on after the compile command's own options and reports what clang
// says under that name like any check's finding.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_TOOLS_COMPILERDIAGNOSTICS_H
#define MEDSEC_TOOLS_COMPILERDIAGNOSTICS_H

#include "../../rules/loader/Catalogue.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace medsec {

/// Whether Id names a compiler warning (clang-diagnostic-<flag>).
bool isCompilerDiagnostic(llvm::StringRef Id);

/// The warning flag of a compiler-diagnostic id: "array-bounds".
llvm::StringRef warningFlagOf(llvm::StringRef Id);

/// The catalogued compiler diagnostics the clang-tidy filter Checks enables,
/// sorted: those Cat has an entry for that is not planned.
std::vector<std::string> enabledCompilerDiagnostics(llvm::StringRef Checks,
                                                    const rules::Catalogue &Cat);

/// The options that turn Ids' warnings on, to be placed after the compile
/// command's own (a later -W wins over an earlier -Wno-).
std::vector<std::string> compilerDiagnosticArgs(const std::vector<std::string> &Ids);

/// Every catalogued compiler diagnostic (for the set-up files medsec init
/// writes), sorted.
std::vector<std::string> catalogueCompilerDiagnostics(const rules::Catalogue &Cat);

} // namespace medsec

#endif
