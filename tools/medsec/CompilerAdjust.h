//===- CompilerAdjust.h - firmware compile commands made clang's -*- C++ -*-===//
//
// Firmware is built by cross gcc, IAR, Keil and SDCC. These functions turn
// one such command into one clang can parse: a --target inferred from the
// compiler, vendor options translated, options clang cannot take dropped,
// vendor keywords made parseable by a force-included compatibility header,
// and an installed cross gcc's include directories added. Each adjustment
// is one line of the log, so a user can see what was analysed.
//
//===----------------------------------------------------------------------===//
#ifndef MEDSEC_TOOLS_COMPILERADJUST_H
#define MEDSEC_TOOLS_COMPILERADJUST_H

#include "llvm/ADT/StringRef.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace medsec {

enum class CompilerFamily {
  Gnu,          // gcc, cc, a cross gcc, clang: clang's own option syntax
  Iar,          // iccarm and the other IAR compilers
  KeilArmcc,    // Keil / Arm Compiler 5
  KeilArmclang, // Arm Compiler 6: clang with Arm's defaults
  KeilC51,      // Keil C51 / C251 / C166: `C51 file.c INCDIR(..) DEFINE(..)`
  Sdcc,         // the Small Device C Compiler
};

struct CompilerInfo {
  CompilerFamily Family = CompilerFamily::Gnu;
  std::string Name;   // the compiler's base name, lower case, without .exe or version
  std::string Triple; // --target to add; empty for a host compiler
  std::string Note;   // why the target is a stand-in, when it is
  std::string Compat; // compatibility header name under the compat directory
  bool Cxx = false;   // g++, clang++, c++: sources are C++ whatever their suffix
};

/// What the compiler named by Argv0 is. A triple prefix (arm-none-eabi-gcc)
/// gives the target; vendor compilers get their usual target or a stand-in
/// clang knows with the same int and pointer sizes.
CompilerInfo identifyCompiler(llvm::StringRef Argv0);

/// Whether clang can create a target for Triple (it parses with it).
bool clangKnowsTarget(llvm::StringRef Triple);

/// The `#include <...>` search list in the output of `gcc -E -x c - -v`.
std::vector<std::string> parseIncludeSearchList(llvm::StringRef VerboseOutput);

/// Whether Dir is one of gcc's own header directories (stddef.h, stdint-gcc.h,
/// intrinsics): clang's resource directory provides those headers instead.
bool isGccInternalIncludeDir(llvm::StringRef Dir);

/// Options and caches shared by every command of one database.
struct AdjustContext {
  std::string CompatDir; // the shipped compatibility headers
  /// Globs on a compiler's path (clangd's --query-driver) naming those that
  /// may be run to ask for their include directories. None by default: a
  /// compile database can name any program, and it is not run unless named.
  std::vector<std::string> QueryDriverGlobs;
  /// The compilers the database named that no glob allowed to run.
  std::set<std::string> NotQueried;
  /// Compiler + flags -> its include dirs (empty when it cannot be run).
  std::map<std::string, std::vector<std::string>> DriverIncludes;
  /// Flags -> the flags the clang driver rejected in a dry run.
  std::map<std::string, std::vector<std::string>> Rejected;
};

/// Turns Args (argv[0] first, response files already expanded) of the entry
/// for File, run in Directory, into arguments clang accepts. File stays the
/// only input. Every change is appended to Log as "<file>: <what>".
std::vector<std::string> adjustCommand(const std::vector<std::string> &Args,
                                       llvm::StringRef Directory, llvm::StringRef File,
                                       AdjustContext &Ctx, std::vector<std::string> &Log);

/// The arguments that decide what the preprocessor and parser see: Args
/// without the output, dependency-file, warning and debug options. Two
/// entries for one file with equal keys are the same configuration.
std::string configurationKey(const std::vector<std::string> &Args);

} // namespace medsec

#endif
