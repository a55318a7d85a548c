//===- Inventory.h - what a unit's preprocessor compiled and included -*- C++ -*-===//
//
// clang::tidy::runClangTidy with one addition: a PPCallbacks on every
// unit's preprocessor records the files it entered and, as the main file
// ends, the values of the catalogued version macros (MacroEval.h). It is
// registered by the driver, not by a check, so it sees every unit whatever
// the --checks filter, and the plugin and medsec-clangd carry none of it.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_TOOLS_INVENTORY_H
#define MEDSEC_TOOLS_INVENTORY_H

#include "Components.h"

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <functional>
#include <string>
#include <vector>

namespace medsec {

/// Analyses File as runClangTidy does and fills Inv. VersionMacros is asked
/// for the macro names once the unit's checks have loaded the catalogue.
std::vector<clang::tidy::ClangTidyError> runClangTidyWithInventory(
    clang::tidy::ClangTidyContext &Context, const clang::tooling::CompilationDatabase &Db,
    const std::string &File, llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> BaseFS,
    std::function<std::vector<std::string>()> VersionMacros, UnitInventory &Inv);

} // namespace medsec

#endif
