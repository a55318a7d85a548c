//===- CompileDbTest.cpp - firmware compile databases -------------------===//
#include "CompileDb.h"
#include "CompilerAdjust.h"
#include "medsec/Version.h"

#include "clang/Frontend/FrontendActions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace medsec;

namespace {

bool contains(const std::vector<std::string> &V, llvm::StringRef S) {
  return std::find(V.begin(), V.end(), S) != V.end();
}

bool logHas(const std::vector<std::string> &Log, llvm::StringRef Part) {
  return std::any_of(Log.begin(), Log.end(),
                     [&](const std::string &L) { return llvm::StringRef(L).contains(Part); });
}

std::string joined(const std::vector<std::string> &V) { return llvm::join(V, " "); }

/// A temporary project: files written on demand, removed at the end.
class Project {
public:
  Project() {
    llvm::SmallString<128> D, Real;
    llvm::sys::fs::createUniqueDirectory("medsec-compiledb", D);
    llvm::sys::fs::real_path(D, Real);
    Dir = Real.str().str();
  }
  ~Project() { llvm::sys::fs::remove_directories(Dir); }
  std::string path(llvm::StringRef Rel) const { return Dir + "/" + Rel.str(); }
  void write(llvm::StringRef Rel, llvm::StringRef Text) const {
    llvm::sys::fs::create_directories(llvm::sys::path::parent_path(path(Rel)));
    std::error_code EC;
    llvm::raw_fd_ostream OS(path(Rel), EC);
    OS << Text;
  }
  std::unique_ptr<FirmwareDatabase> load(llvm::StringRef Json, DbOptions Opts = {}) {
    write("compile_commands.json", Json);
    if (Opts.GlobRoot.empty())
      Opts.GlobRoot = Dir;
    Log.clear();
    Error.clear();
    return loadFirmwareDatabase(path("compile_commands.json"), Opts, Log, Error);
  }
  std::vector<std::string> args(const FirmwareDatabase &Db, llvm::StringRef Rel) const {
    auto Cmds = Db.getCompileCommands(path(Rel));
    return Cmds.empty() ? std::vector<std::string>() : Cmds.front().CommandLine;
  }
  std::string Dir;
  std::vector<std::string> Log;
  std::string Error;
};

std::string entry(llvm::StringRef Dir, llvm::StringRef File, llvm::StringRef Command) {
  return "{\"directory\": \"" + Dir.str() + "\", \"file\": \"" + File.str() +
         "\", \"command\": \"" + Command.str() + "\"}";
}

/// Parses every file of Db with clang, as the scan's workers will.
int parseAll(const FirmwareDatabase &Db) {
  clang::tooling::ClangTool Tool(Db, Db.getAllFiles());
  Tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
      "-resource-dir=" MEDSEC_CLANG_RESOURCE_DIR, clang::tooling::ArgumentInsertPosition::BEGIN));
  return Tool.run(clang::tooling::newFrontendActionFactory<clang::SyntaxOnlyAction>().get());
}

const char *const FreestandingSource =
    "#include <stdint.h>\n#include <stdbool.h>\n"
    "#include <stddef.h>\n"
    "_Static_assert(sizeof(void *) == 4, \"32-bit\");\n"
    "volatile uint32_t tick; bool ready(void) { return tick; }\n";

} // namespace

// --- entry forms -----------------------------------------------------------------

TEST(CompileDb, CommandAndArgumentsFormsGiveTheSameCommand) {
  Project P;
  P.write("a.c", "int a;\n");
  P.write("b.c", "int b;\n");
  auto Db = P.load("[" + entry(P.Dir, "a.c", "cc -DX=1 -I inc -c a.c -o a.o") +
                   ", {\"directory\": \"" + P.Dir +
                   "\", \"file\": \"b.c\", \"arguments\": [\"cc\", \"-DX=1\", \"-I\", \"inc\", "
                   "\"-c\", \"b.c\", \"-o\", \"b.o\"]}]");
  ASSERT_TRUE(Db) << P.Error;
  EXPECT_EQ(joined(P.args(*Db, "a.c")), "cc -DX=1 -I inc -c " + P.path("a.c") + " -o a.o");
  EXPECT_EQ(joined(P.args(*Db, "b.c")), "cc -DX=1 -I inc -c " + P.path("b.c") + " -o b.o");
  EXPECT_EQ(Db->getAllFiles(), (std::vector<std::string>{P.path("a.c"), P.path("b.c")}));
}

TEST(CompileDb, RelativeDirectoryIsTakenFromTheDatabaseDirectory) {
  Project P;
  P.write("fw/src/main.c", "int main(void) { return 0; }\n");
  auto Db = P.load("[" + entry("fw", "src/main.c", "cc -c src/main.c") + "]");
  ASSERT_TRUE(Db) << P.Error;
  auto Cmds = Db->getCompileCommands(P.path("fw/src/main.c"));
  ASSERT_EQ(Cmds.size(), 1u);
  EXPECT_EQ(Cmds[0].Directory, P.path("fw"));
  EXPECT_EQ(Cmds[0].Filename, P.path("fw/src/main.c"));
  EXPECT_TRUE(logHas(P.Log, "relative directory 'fw' taken relative to the database's"));
  // Lookups accept the path in any spelling.
  EXPECT_EQ(Db->getCompileCommands(P.path("fw/src/../src/main.c")).size(), 1u);
}

TEST(CompileDb, ResponseFilesAreExpandedRelativeToTheEntryDirectory) {
  Project P;
  P.write("build/flags.rsp", "-DFROM_RSP=1 -Iinc\n");
  P.write("build/main.c", "int x;\n");
  auto Db = P.load("[" + entry(P.path("build"), "main.c", "cc @flags.rsp -c main.c") + "]");
  ASSERT_TRUE(Db) << P.Error;
  const auto Args = P.args(*Db, "build/main.c");
  EXPECT_TRUE(contains(Args, "-DFROM_RSP=1")) << joined(Args);
  EXPECT_TRUE(contains(Args, "-Iinc")) << joined(Args);
  EXPECT_TRUE(logHas(P.Log, "expanded response file(s)"));
}

TEST(CompileDb, IarAndKeilResponseFileSyntaxIsExpanded) {
  Project P;
  P.write("iar.xcl", "--cpu=Cortex-M3 -DIAR_XCL\n");
  P.write("keil.via", "-DKEIL_VIA\n");
  P.write("a.c", "int a;\n");
  P.write("b.c", "int b;\n");
  auto Db = P.load("[" + entry(P.Dir, "a.c", "iccarm a.c -f iar.xcl") + ", " +
                   entry(P.Dir, "b.c", "armcc -c b.c --via keil.via") + "]");
  ASSERT_TRUE(Db) << P.Error;
  EXPECT_TRUE(contains(P.args(*Db, "a.c"), "-DIAR_XCL")) << joined(P.args(*Db, "a.c"));
  EXPECT_TRUE(contains(P.args(*Db, "a.c"), "-mcpu=cortex-m3"));
  EXPECT_TRUE(contains(P.args(*Db, "b.c"), "-DKEIL_VIA")) << joined(P.args(*Db, "b.c"));
}

TEST(CompileDb, LaunchersAreDropped) {
  Project P;
  P.write("a.c", "int a;\n");
  auto Db = P.load("[" + entry(P.Dir, "a.c", "ccache cc -c a.c") + "]");
  ASSERT_TRUE(Db) << P.Error;
  EXPECT_EQ(P.args(*Db, "a.c").front(), "cc");
  EXPECT_TRUE(logHas(P.Log, "dropped the launcher ccache"));
}

TEST(CompileDb, DuplicateEntriesAnalyseEachDistinctConfiguration) {
  Project P;
  P.write("a.c", "int a;\n");
  const std::string Json = "[" + entry(P.Dir, "a.c", "cc -DBOARD=1 -c a.c -o a1.o") + ", " +
                           entry(P.Dir, "a.c", "cc -DBOARD=1 -Wall -c a.c -o a2.o") + ", " +
                           entry(P.Dir, "a.c", "cc -DBOARD=2 -c a.c -o a3.o") + "]";
  auto Db = P.load(Json);
  ASSERT_TRUE(Db) << P.Error;
  auto Cmds = Db->getCompileCommands(P.path("a.c"));
  ASSERT_EQ(Cmds.size(), 2u);
  EXPECT_TRUE(contains(Cmds[0].CommandLine, "-DBOARD=1"));
  EXPECT_TRUE(contains(Cmds[1].CommandLine, "-DBOARD=2"));
  EXPECT_TRUE(logHas(P.Log, "repeats a configuration; analysed once"));
  EXPECT_EQ(Db->getAllFiles().size(), 1u);

  DbOptions First;
  First.FirstConfigurationOnly = true;
  Db = P.load(Json, First);
  ASSERT_TRUE(Db);
  Cmds = Db->getCompileCommands(P.path("a.c"));
  ASSERT_EQ(Cmds.size(), 1u);
  EXPECT_TRUE(contains(Cmds[0].CommandLine, "-DBOARD=1"));
}

TEST(CompileDb, MalformedDatabasesAreErrorsNamingTheEntry) {
  Project P;
  EXPECT_FALSE(P.load("{}"));
  EXPECT_NE(P.Error.find("not a JSON array"), std::string::npos);
  EXPECT_FALSE(P.load("[{\"file\": \"a.c\", \"command\": \"cc a.c\"}]"));
  EXPECT_NE(P.Error.find("entry 1 has no 'directory'"), std::string::npos) << P.Error;
  EXPECT_FALSE(P.load("[{\"directory\": \"/\", \"file\": \"a.c\"}]"));
  EXPECT_NE(P.Error.find("neither 'arguments' nor 'command'"), std::string::npos) << P.Error;
  std::vector<std::string> Log;
  std::string Error;
  EXPECT_FALSE(loadFirmwareDatabase(P.path("none.json"), {}, Log, Error));
  EXPECT_NE(Error.find("does not exist"), std::string::npos);
}

TEST(CompileDb, WorkerJsonHoldsTheAdjustedCommands) {
  Project P;
  P.write("a.c", "int a;\n");
  auto Db =
      P.load("[" + entry(P.Dir, "a.c", "arm-none-eabi-gcc -mthumb -specs=nano.specs -c a.c") + "]");
  ASSERT_TRUE(Db) << P.Error;
  P.write("one.json", Db->commandsJson(P.path("a.c")));
  std::string Error;
  auto Plain = clang::tooling::JSONCompilationDatabase::loadFromFile(
      P.path("one.json"), Error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  ASSERT_TRUE(Plain) << Error;
  auto Cmds = Plain->getCompileCommands(P.path("a.c"));
  ASSERT_EQ(Cmds.size(), 1u);
  EXPECT_EQ(Cmds[0].CommandLine, P.args(*Db, "a.c"));
}

// --- compilers and targets -----------------------------------------------------

// What every command of a compiler other than clang gets (CompilerAdjust.cpp).
const std::string Lenient =
    "-Wno-error=int-conversion -Wno-error=incompatible-function-pointer-types "
    "-Wno-error=implicit-function-declaration -Wno-error=implicit-int -Wno-error=return-mismatch";

TEST(CompilerAdjust, TargetIsInferredFromTheCompilerName) {
  struct Case {
    const char *Argv0, *Triple;
    CompilerFamily Family;
  } Cases[] = {
      {"arm-none-eabi-gcc", "arm-none-eabi", CompilerFamily::Gnu},
      {"/opt/gcc-arm/bin/arm-none-eabi-gcc-12.2.1", "arm-none-eabi", CompilerFamily::Gnu},
      {"C:\\ARM\\bin\\arm-none-eabi-g++.exe", "arm-none-eabi", CompilerFamily::Gnu},
      {"riscv64-unknown-elf-gcc", "riscv64-unknown-elf", CompilerFamily::Gnu},
      {"avr-gcc", "avr", CompilerFamily::Gnu},
      {"msp430-elf-gcc", "msp430-elf", CompilerFamily::Gnu},
      {"iccarm", "arm-none-eabi", CompilerFamily::Iar},
      {"C:\\IAR\\arm\\bin\\iccarm.exe", "arm-none-eabi", CompilerFamily::Iar},
      {"armcc", "arm-none-eabi", CompilerFamily::KeilArmcc},
      {"armclang", "arm-arm-none-eabi", CompilerFamily::KeilArmclang},
      {"C51", "avr", CompilerFamily::KeilC51},
      {"C:\\Keil_v5\\C166\\BIN\\C166.exe", "msp430", CompilerFamily::KeilC51},
      {"sdcc", "avr", CompilerFamily::Sdcc},
      {"gcc", "", CompilerFamily::Gnu},
      {"/usr/bin/cc", "", CompilerFamily::Gnu},
      {"clang-19", "", CompilerFamily::Gnu},
      {"x86_64-linux-gnu-gcc-12", "", CompilerFamily::Gnu},
  };
  for (const Case &C : Cases) {
    const CompilerInfo I = identifyCompiler(C.Argv0);
    EXPECT_EQ(I.Triple, C.Triple) << C.Argv0;
    EXPECT_EQ(I.Family, C.Family) << C.Argv0;
  }
  EXPECT_TRUE(identifyCompiler("arm-none-eabi-g++").Cxx);
  EXPECT_FALSE(identifyCompiler("arm-none-eabi-gcc").Cxx);
  // A core clang has no target for gets a stand-in of the same width, said so.
  const CompilerInfo Sdcc = identifyCompiler("sdcc");
  EXPECT_NE(Sdcc.Note.find("analysed as avr"), std::string::npos);
  const CompilerInfo Xtensa = identifyCompiler("xtensa-esp32-elf-gcc");
  EXPECT_EQ(Xtensa.Triple, "arm-none-eabi");
  EXPECT_NE(Xtensa.Note.find("'xtensa-esp32-elf' is unknown to clang"), std::string::npos);
  EXPECT_TRUE(clangKnowsTarget("thumbv7em-none-eabi"));
  EXPECT_FALSE(clangKnowsTarget("xtensa-esp32-elf"));
}

TEST(CompilerAdjust, CrossGccCommandKeepsArmFlagsAndDropsWhatClangCannotTake) {
  AdjustContext Ctx;
  std::vector<std::string> Log;
  const std::vector<std::string> In = {"arm-none-eabi-gcc",
                                       "-mcpu=cortex-m4",
                                       "-mthumb",
                                       "-mfloat-abi=hard",
                                       "-mfpu=fpv4-sp-d16",
                                       "-specs=nano.specs",
                                       "-fstack-usage",
                                       "-fcallgraph-info=su",
                                       "-Wall",
                                       "-Werror",
                                       "-Wno-maybe-uninitialized",
                                       "-Wlogical-op",
                                       "-mno-thumb-interwork",
                                       "-fno-tree-loop-distribute-patterns",
                                       "-ffunction-sections",
                                       "-DSTM32F407xx",
                                       "-Iinc",
                                       "-c",
                                       "/p/main.c",
                                       "-o",
                                       "main.o"};
  const auto Out = adjustCommand(In, "/p", "/p/main.c", Ctx, Log);
  EXPECT_EQ(joined(Out), "clang --target=arm-none-eabi -mcpu=cortex-m4 -mthumb -mfloat-abi=hard "
                         "-mfpu=fpv4-sp-d16 -Wall -ffunction-sections -DSTM32F407xx -Iinc -c "
                         "/p/main.c -o main.o " + Lenient);
  EXPECT_TRUE(logHas(Log, "/p/main.c: added --target=arm-none-eabi for arm-none-eabi-gcc"));
  EXPECT_TRUE(logHas(Log, "dropped -specs=nano.specs (gcc specs files are for linking)"));
  EXPECT_TRUE(logHas(Log, "dropped -fstack-usage (they only add compiler outputs)"));
  EXPECT_TRUE(logHas(Log, "dropped -fcallgraph-info=su -mno-thumb-interwork "
                          "-fno-tree-loop-distribute-patterns (unknown to clang)"));
  EXPECT_TRUE(logHas(Log, "dropped -Wno-maybe-uninitialized -Wlogical-op (warning unknown"));
  EXPECT_TRUE(logHas(Log, "dropped -Werror (would make clang's own warnings fatal)"));
}

TEST(CompilerAdjust, OptionsTheDriverRejectsForTheTargetAreDropped) {
  AdjustContext Ctx;
  std::vector<std::string> Log;
  const auto Out = adjustCommand(
      {"arm-none-eabi-gcc", "-mthumb", "-mcmodel=medany", "-mgeneral-regs-only", "-c", "/p/a.c"},
      "/p", "/p/a.c", Ctx, Log);
  EXPECT_EQ(joined(Out), "clang --target=arm-none-eabi -mthumb -c /p/a.c " + Lenient);
  EXPECT_TRUE(logHas(Log, "(clang rejects them for this target)")) << joined(Log);
  // The second command with the same flags is answered from the cache.
  Log.clear();
  const auto Again = adjustCommand(
      {"arm-none-eabi-gcc", "-mthumb", "-mcmodel=medany", "-mgeneral-regs-only", "-c", "/p/a.c"},
      "/p", "/p/a.c", Ctx, Log);
  EXPECT_EQ(Again, Out);
  EXPECT_EQ(Ctx.Rejected.size(), 1u);
}

TEST(CompilerAdjust, OptionMissingItsValueIsDropped) {
  AdjustContext Ctx;
  std::vector<std::string> Log;
  EXPECT_EQ(joined(adjustCommand({"cc", "-c", "/p/a.c", "-DX", "-I"}, "/p", "/p/a.c", Ctx, Log)),
            "cc -c /p/a.c -DX");
  EXPECT_TRUE(logHas(Log, "dropped -I (it has no value)")) << joined(Log);
}

TEST(CompilerAdjust, HostCompilerCommandsAreLeftAlone) {
  AdjustContext Ctx;
  std::vector<std::string> Log;
  const std::vector<std::string> In = {"/usr/bin/cc", "-std=c11", "-O2",    "-g", "-Wall",
                                       "-I/p/inc",    "-c",       "/p/a.c", "-o", "a.o"};
  EXPECT_EQ(adjustCommand(In, "/p", "/p/a.c", Ctx, Log), In);
  EXPECT_TRUE(Log.empty()) << joined(Log);
}

TEST(CompilerAdjust, WhatGccOnlyWarnsAboutStaysAWarning) {
  AdjustContext Ctx;
  std::vector<std::string> Log;
  const auto Out = adjustCommand({"arm-none-eabi-gcc", "-Wno-error=unused", "-c", "/p/a.c"}, "/p",
                                 "/p/a.c", Ctx, Log);
  EXPECT_EQ(joined(Out), "clang --target=arm-none-eabi -Wno-error=unused -c /p/a.c " + Lenient);
  EXPECT_TRUE(logHas(Log, "kept as warnings, as arm-none-eabi-gcc has them: int-conversion"))
      << joined(Log);
}

TEST(CompilerAdjust, IarOptionsAreTranslated) {
  AdjustContext Ctx;
  Ctx.CompatDir = "/compat";
  std::vector<std::string> Log;
  const auto Out = adjustCommand({"iccarm",
                                  "/p/main.c",
                                  "--cpu",
                                  "Cortex-M4F",
                                  "--fpu=VFPv4_sp",
                                  "-I",
                                  "inc",
                                  "-DX=1",
                                  "-e",
                                  "--dlib_config",
                                  "DLib_Config_Normal.h",
                                  "-On",
                                  "--debug",
                                  "--thumb",
                                  "-o",
                                  "obj",
                                  "--preinclude",
                                  "pre.h",
                                  "--diag_suppress",
                                  "Pa050"},
                                 "/p", "/p/main.c", Ctx, Log);
  EXPECT_EQ(joined(Out), "clang --target=arm-none-eabi -include /compat/iar.h /p/main.c "
                         "-mcpu=cortex-m4 -mfloat-abi=hard -Iinc -DX=1 -mthumb -include pre.h " + Lenient);
  EXPECT_TRUE(logHas(Log, "translated --cpu Cortex-M4F to -mcpu=cortex-m4"));
  EXPECT_TRUE(logHas(Log, "dropped -e --dlib_config DLib_Config_Normal.h -On --debug -o obj "
                          "--diag_suppress Pa050 (vendor options with no clang equivalent)"))
      << joined(Log);
  EXPECT_TRUE(logHas(Log, "force-included /compat/iar.h"));
}

TEST(CompilerAdjust, KeilArmccOptionsAreTranslated) {
  AdjustContext Ctx;
  Ctx.CompatDir = "/compat";
  std::vector<std::string> Log;
  const auto Out = adjustCommand({"armcc", "-c", "--cpu", "Cortex-M3", "-D__MICROLIB", "-g", "-O3",
                                  "--apcs=interwork", "--split_sections", "--c99", "-J",
                                  "/keil/inc", "-I.\\RTE", "-o", "main.o", "main.c"},
                                 "/p", "/p/main.c", Ctx, Log);
  EXPECT_EQ(joined(Out), "clang --target=arm-none-eabi -include /compat/keil-armcc.h -c "
                         "-mcpu=cortex-m3 -D__MICROLIB -std=c99 -isystem /keil/inc -I.\\RTE "
                         "main.c " + Lenient);
  EXPECT_TRUE(logHas(Log, "dropped -g -O3 --apcs=interwork --split_sections -o main.o"));
}

TEST(CompilerAdjust, KeilC51DirectivesAreTranslated) {
  AdjustContext Ctx;
  Ctx.CompatDir = "/compat";
  std::vector<std::string> Log;
  const auto Out =
      adjustCommand({"C51.exe", "main.c", "DEBUG", "OBJECTEXTEND", "INCDIR(.\\inc;..\\lib)",
                     "DEFINE(BOARD,REV=2)", "OPTIMIZE(8,SPEED)"},
                    "/p", "/p/main.c", Ctx, Log);
  EXPECT_EQ(joined(Out), "clang --target=avr -include /compat/keil-c51.h main.c -I./inc "
                         "-I../lib -DBOARD -DREV=2 " + Lenient);
  EXPECT_TRUE(logHas(Log, "dropped DEBUG OBJECTEXTEND OPTIMIZE(8,SPEED)"));
}

TEST(CompilerAdjust, KeilC166IsA16BitTargetWithItsOwnKeywords) {
  AdjustContext Ctx;
  Ctx.CompatDir = "/compat";
  std::vector<std::string> Log;
  const auto Out = adjustCommand(
      {"C166.exe", "alarm.c", "MOD167", "INCDIR(..\\inc)", "DEFINE(VENT=1)", "LARGE", "DEBUG"},
      "/p", "/p/alarm.c", Ctx, Log);
  EXPECT_EQ(joined(Out), "clang --target=msp430 -include /compat/keil-c166.h alarm.c -I../inc "
                         "-DVENT=1 " + Lenient);
  EXPECT_TRUE(logHas(Log, "16-bit core unknown to clang: analysed as msp430"));
  EXPECT_TRUE(logHas(Log, "dropped MOD167 LARGE DEBUG"));
}

TEST(CompilerAdjust, SdccOptionsAreTranslated) {
  AdjustContext Ctx;
  Ctx.CompatDir = "/compat";
  std::vector<std::string> Log;
  const auto Out = adjustCommand({"sdcc", "-mmcs51", "--model-large", "--std-sdcc99",
                                  "--opt-code-size", "-Iinc", "-c", "/p/main.c", "-o", "build/"},
                                 "/p", "/p/main.c", Ctx, Log);
  EXPECT_EQ(joined(Out), "clang --target=avr -include /compat/sdcc.h -std=gnu99 -Iinc -c "
                         "/p/main.c " + Lenient);
  EXPECT_TRUE(logHas(Log, "analysed as avr"));
  EXPECT_TRUE(logHas(Log, "dropped -mmcs51 --model-large --opt-code-size -o build/"));
}

TEST(CompilerAdjust, ConfigurationKeyIgnoresOutputsWarningsAndDebug) {
  EXPECT_EQ(configurationKey({"cc", "-DX", "-c", "a.c", "-o", "a.o", "-MD", "-MF", "a.d", "-g3"}),
            configurationKey({"cc", "-Wall", "-DX", "a.c", "-oa2.o", "-fPIC"}));
  EXPECT_NE(configurationKey({"cc", "-DX", "a.c"}), configurationKey({"cc", "-DY", "a.c"}));
}

// --- an installed cross compiler -----------------------------------------------

const char *const GccVerbose = R"(Using built-in specs.
COLLECT_GCC=arm-none-eabi-gcc
Target: arm-none-eabi
ignoring nonexistent directory "/usr/lib/gcc/arm-none-eabi/12.2.1/../../../arm-none-eabi/sys-include"
#include "..." search starts here:
#include <...> search starts here:
 /usr/lib/gcc/arm-none-eabi/12.2.1/include
 /usr/lib/gcc/arm-none-eabi/12.2.1/include-fixed
 /usr/lib/gcc/arm-none-eabi/12.2.1/../../../arm-none-eabi/include
End of search list.
)";

TEST(CompilerAdjust, IncludeSearchListIsParsed) {
  const auto Dirs = parseIncludeSearchList(GccVerbose);
  ASSERT_EQ(Dirs.size(), 3u);
  EXPECT_EQ(Dirs[2], "/usr/lib/arm-none-eabi/include");
  EXPECT_TRUE(isGccInternalIncludeDir(Dirs[0]));
  EXPECT_TRUE(isGccInternalIncludeDir(Dirs[1]));
  EXPECT_FALSE(isGccInternalIncludeDir(Dirs[2]));
  EXPECT_FALSE(isGccInternalIncludeDir("/opt/gcc/arm-none-eabi/include"));
  EXPECT_TRUE(isGccInternalIncludeDir("/opt/gcc/lib/gcc/arm-none-eabi/13.2.1/include"));
}

TEST(CompilerAdjust, InstalledCrossGccIsAskedForItsIncludeDirectories) {
  Project P;
  // A stand-in gcc that answers as arm-none-eabi-gcc does, and records its arguments.
  P.write("newlib/include/string.h", "#pragma once\nchar *strcpy(char *, const char *);\n");
  P.write("bin/arm-none-eabi-gcc",
          "#!/bin/sh\necho \"$@\" > \"$(dirname \"$0\")/args\"\ncat >&2 <<EOF\n"
          "#include <...> search starts here:\n"
          " /opt/x/lib/gcc/arm-none-eabi/13.2.1/include\n"
          " " +
              P.path("newlib/include") + "\nEnd of search list.\nEOF\n");
  llvm::sys::fs::setPermissions(P.path("bin/arm-none-eabi-gcc"),
                                llvm::sys::fs::all_exe | llvm::sys::fs::owner_all);
  P.write("main.c", "#include <string.h>\n#include <stdint.h>\nuint8_t b[4];\n"
                    "void f(const char *s) { strcpy((char *)b, s); }\n");
  P.write("other.c", "#include <string.h>\n");
  const std::string Gcc = P.path("bin/arm-none-eabi-gcc");
  const std::string Json =
      "[" + entry(P.Dir, "main.c", Gcc + " -mcpu=cortex-m0 -mthumb -c main.c") + ", " +
      entry(P.Dir, "other.c", Gcc + " -mcpu=cortex-m0 -mthumb -c other.c") + "]";
  // Not run unless a --query-driver glob names it: a database can name any program.
  auto Unasked = P.load(Json);
  ASSERT_TRUE(Unasked) << P.Error;
  EXPECT_FALSE(llvm::sys::fs::exists(P.path("bin/args")));
  EXPECT_FALSE(contains(P.args(*Unasked, "main.c"), P.path("newlib/include")));
  EXPECT_TRUE(logHas(P.Log, Gcc + " was not run for its include directories (no --query-driver "
                                  "glob names it): only clang's freestanding headers"));
  EXPECT_EQ(Unasked->notQueried(), std::set<std::string>{Gcc});
  DbOptions Allowed;
  Allowed.QueryDriverGlobs = {"/nowhere/*," + P.path("bin") + "/*-gcc"};
  auto Db = P.load(Json, Allowed);
  ASSERT_TRUE(Db) << P.Error;
  EXPECT_TRUE(Db->notQueried().empty());
  const auto Args = P.args(*Db, "main.c");
  EXPECT_TRUE(contains(Args, P.path("newlib/include"))) << joined(Args);
  EXPECT_FALSE(contains(Args, "/opt/x/lib/gcc/arm-none-eabi/13.2.1/include"));
  EXPECT_TRUE(logHas(P.Log, "added the include directories of " + Gcc));
  auto Recorded = llvm::MemoryBuffer::getFile(P.path("bin/args"));
  ASSERT_TRUE(Recorded);
  EXPECT_EQ((*Recorded)->getBuffer().rtrim(), "-mcpu=cortex-m0 -mthumb -E -x c - -v");
  EXPECT_EQ(parseAll(*Db), 0);
}

TEST(CompilerAdjust, MissingCrossGccLeavesClangsFreestandingHeaders) {
  AdjustContext Ctx;
  std::vector<std::string> Log;
  const auto Out = adjustCommand({"/nonexistent/bin/arm-none-eabi-gcc", "-c", "/p/a.c"}, "/p",
                                 "/p/a.c", Ctx, Log);
  EXPECT_FALSE(contains(Out, "-isystem"));
  EXPECT_TRUE(logHas(Log, "is not installed here: only clang's freestanding headers"));
}

// --- everything parses -----------------------------------------------------------

TEST(CompileDb, FirmwareEntriesOfEveryFamilyParse) {
  Project P;
  P.write("arm.c", FreestandingSource);
  P.write("rv.c", "#include <stdint.h>\nuint32_t r;\n");
  P.write("iar.c", "#include <stdint.h>\n__no_init volatile uint32_t boot_flag;\n"
                   "__root const uint8_t version = 3;\n__ramfunc void flash_write(void) {}\n"
                   "__interrupt void SysTick_Handler(void) {}\n__weak void hook(void) {}\n"
                   "typedef __packed struct { uint8_t a; uint32_t b; } frame_t;\n");
  P.write("keil.c", "#include <stdint.h>\n__irq void IRQ_Handler(void) {}\n"
                    "__packed struct hdr { uint8_t a; uint16_t b; };\n"
                    "__align(8) uint8_t dma_buf[64];\n__weak void hook(void) {}\n");
  P.write("c51.c", "sfr P1 = 0x90;\nsfr16 T2 = 0xCC;\nbit ready;\n"
                   "unsigned char xdata buffer[16];\nunsigned char code table[2] = {1, 2};\n"
                   "void f(void) { P1 = 0xFF; ready = 1; }\n");
  P.write("sdcc.c", "__sfr __at(0x80) P0;\n__sbit __at(0x90) P1_0;\n"
                    "__xdata unsigned char buf[32];\n__code const char id[] = \"x\";\n"
                    "void timer_isr(void) __interrupt(1) __using(1) { P0 = buf[0]; }\n");
  P.write("c166.c", "sfr S0RBUF = 0xFEB2;\nesfr XP0IC = 0xF186;\nbit busy;\n"
                    "unsigned int idata counts[4];\nunsigned char huge log_area[128];\n"
                    "int far *cursor;\n_Static_assert(sizeof(int) == 2, \"16-bit int\");\n"
                    "void f(void) { counts[0] = S0RBUF; busy = 1; }\n");
  P.write("obj/flags.rsp", "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16\n");
  auto Db = P.load(
      "[" +
      entry("obj", "../arm.c",
            "arm-none-eabi-gcc @flags.rsp -specs=nano.specs -fstack-usage -Wno-maybe-uninitialized "
            "-mno-thumb-interwork -Werror -c ../arm.c") +
      ", " + entry(P.Dir, "rv.c", "riscv64-unknown-elf-gcc -march=rv32imac -mabi=ilp32 -c rv.c") +
      ", " + entry(P.Dir, "iar.c", "iccarm iar.c --cpu=Cortex-M4 -e --dlib_config x.h -o obj") +
      ", " + entry(P.Dir, "keil.c", "armcc -c --cpu Cortex-M3 --c99 keil.c -o keil.o") + ", " +
      entry(P.Dir, "c51.c", "C51.exe c51.c OPTIMIZE(8,SPEED)") + ", " +
      entry(P.Dir, "sdcc.c", "sdcc -mmcs51 --model-large -c sdcc.c") + ", " +
      entry(P.Dir, "c166.c", "C166.exe c166.c MOD167 LARGE") + "]");
  ASSERT_TRUE(Db) << P.Error;
  EXPECT_EQ(Db->getAllFiles().size(), 7u);
  EXPECT_EQ(parseAll(*Db), 0) << joined(P.Log);
}

// --- include and exclude globs ---------------------------------------------------

TEST(CompileDb, PathGlobs) {
  EXPECT_TRUE(matchPathGlob("third_party/**", "third_party/lwip/src/core/tcp.c"));
  EXPECT_TRUE(matchPathGlob("third_party", "third_party/lwip/tcp.c"));
  EXPECT_TRUE(matchPathGlob("third_party/", "third_party/lwip/tcp.c"));
  EXPECT_FALSE(matchPathGlob("third_party", "src/third_party.c"));
  EXPECT_TRUE(matchPathGlob("**/generated/*.c", "build/generated/regs.c"));
  EXPECT_TRUE(matchPathGlob("**/generated/*.c", "generated/regs.c"));
  EXPECT_FALSE(matchPathGlob("src/*.c", "src/drivers/uart.c"));
  EXPECT_TRUE(matchPathGlob("src/*.c", "src/main.c"));
  EXPECT_TRUE(matchPathGlob("src/**/*.c", "src/drivers/uart.c"));
  EXPECT_TRUE(matchPathGlob("*.pb.[ch]", "msg.pb.c"));
  EXPECT_TRUE(matchPathGlob("test_?.c", "test_1.c"));
  EXPECT_FALSE(matchPathGlob("test_?.c", "test_10.c"));
  EXPECT_TRUE(matchPathGlob("/abs/vendor/**", "/abs/vendor/hal/gpio.c"));
  EXPECT_TRUE(matchPathGlob("lib+x.c", "lib+x.c"));
}

TEST(CompileDb, ExcludedFilesAreKeptWithTheirReason) {
  Project P;
  for (const char *F : {"src/main.c", "src/gen/regs.c", "third_party/lwip/tcp.c", "test/t.c"})
    P.write(F, "int x;\n");
  std::string Json = "[";
  for (const char *F : {"src/main.c", "src/gen/regs.c", "third_party/lwip/tcp.c", "test/t.c"})
    Json += std::string(Json.size() > 1 ? ", " : "") + entry(P.Dir, F, std::string("cc -c ") + F);
  Json += "]";
  DbOptions O;
  O.Include = {"src/**", "third_party/**"};
  O.Exclude = {"third_party/**", "**/gen/*.c"};
  auto Db = P.load(Json, O);
  ASSERT_TRUE(Db) << P.Error;
  EXPECT_EQ(Db->getAllFiles(), std::vector<std::string>{P.path("src/main.c")});
  ASSERT_EQ(Db->excludedFiles().size(), 3u);
  EXPECT_EQ(Db->excludedFiles()[0].File, P.path("src/gen/regs.c"));
  EXPECT_EQ(Db->excludedFiles()[0].Reason, "excluded by --exclude '**/gen/*.c'");
  EXPECT_EQ(Db->excludedFiles()[1].File, P.path("test/t.c"));
  EXPECT_EQ(Db->excludedFiles()[1].Reason, "matches no --include glob");
  EXPECT_EQ(Db->excludedFiles()[2].Reason, "excluded by --exclude 'third_party/**'");
  EXPECT_TRUE(logHas(P.Log, "test/t.c: matches no --include glob"));
}

TEST(CompileDb, CompatDirectoryHoldsTheShippedHeaders) {
  const std::string Dir = compatDirectory();
  for (const char *H : {"iar.h", "keil-armcc.h", "keil-c51.h", "keil-c166.h", "sdcc.h"})
    EXPECT_TRUE(llvm::sys::fs::exists(Dir + "/" + H)) << Dir << "/" << H;
}
