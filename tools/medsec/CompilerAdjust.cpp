//===- CompilerAdjust.cpp - firmware compile commands made clang's --------===//
//
// Pipeline for one command: identify the compiler; translate vendor option
// syntax (IAR, Keil, SDCC) to clang's; drop what clang's option table does
// not know or would turn into an error; ask clang's driver, in a dry run,
// which of the remaining options it rejects for the target and drop those;
// add --target, the compatibility header and a cross gcc's include dirs.
//
//===----------------------------------------------------------------------===//
#include "CompilerAdjust.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/TargetInfo.h"
#include "clang/Basic/TargetOptions.h"
#include "clang/Driver/Compilation.h"
#include "clang/Driver/Driver.h"
#include "clang/Driver/Options.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Option/Arg.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <functional>
#include <set>

namespace medsec {
namespace {

using Args = std::vector<std::string>;

/// One adjustment log line per call, prefixed with the file.
class Logger {
public:
  Logger(llvm::StringRef File, std::vector<std::string> &Log) : File(File.str()), Log(Log) {}
  void operator()(const std::string &What) { Log.push_back(File + ": " + What); }
  void dropped(const Args &Dropped, const std::string &Why) {
    if (!Dropped.empty())
      (*this)("dropped " + llvm::join(Dropped, " ") + " (" + Why + ")");
  }

private:
  std::string File;
  std::vector<std::string> &Log;
};

// --- which compiler -------------------------------------------------------

/// Vendor compilers by base name: family, target, stand-in note, compat header.
struct VendorCompiler {
  const char *Name;
  CompilerFamily Family;
  const char *Triple;
  const char *Note;
  const char *Compat;
};

const char *const Small8 = "8-bit core unknown to clang: analysed as avr (16-bit int and "
                           "pointers, as on the real core)";
const char *const Small16 = "16-bit core unknown to clang: analysed as msp430 (16-bit int)";
const char *const Other32 = "32-bit core unknown to clang: analysed as arm-none-eabi "
                            "(32-bit little-endian)";

const VendorCompiler VendorCompilers[] = {
    {"iccarm", CompilerFamily::Iar, "arm-none-eabi", nullptr, "iar.h"},
    {"iccriscv", CompilerFamily::Iar, "riscv32-unknown-elf", nullptr, "iar.h"},
    {"iccavr", CompilerFamily::Iar, "avr", nullptr, "iar.h"},
    {"icc430", CompilerFamily::Iar, "msp430", nullptr, "iar.h"},
    {"iccmsp430", CompilerFamily::Iar, "msp430", nullptr, "iar.h"},
    {"icc8051", CompilerFamily::Iar, "avr", Small8, "iar.h"},
    {"iccstm8", CompilerFamily::Iar, "avr", Small8, "iar.h"},
    {"iccrl78", CompilerFamily::Iar, "msp430", Small16, "iar.h"},
    {"iccrx", CompilerFamily::Iar, "arm-none-eabi", Other32, "iar.h"},
    {"iccrh850", CompilerFamily::Iar, "arm-none-eabi", Other32, "iar.h"},
    {"iccv850", CompilerFamily::Iar, "arm-none-eabi", Other32, "iar.h"},
    {"armcc", CompilerFamily::KeilArmcc, "arm-none-eabi", nullptr, "keil-armcc.h"},
    {"armclang", CompilerFamily::KeilArmclang, "arm-arm-none-eabi", nullptr, nullptr},
    {"c51", CompilerFamily::KeilC51, "avr", Small8, "keil-c51.h"},
    {"cx51", CompilerFamily::KeilC51, "avr", Small8, "keil-c51.h"},
    {"c251", CompilerFamily::KeilC51, "msp430", Small16, "keil-c51.h"},
    {"c166", CompilerFamily::KeilC51, "msp430", Small16, "keil-c166.h"},
    {"sdcc", CompilerFamily::Sdcc, "avr", Small8, "sdcc.h"},
};

/// Errors by default in clang 19's C that gcc before 14 reports as warnings:
/// a unit with them built with its compiler and must parse.
const char *const GccLenientWarnings[] = {"int-conversion", "incompatible-function-pointer-types",
                                          "implicit-function-declaration", "implicit-int",
                                          "return-mismatch"};

/// gcc-style driver names; a "<triple>-" before them names the target.
const char *const GnuDrivers[] = {"clang++", "clang", "g++", "gcc", "c++", "cc"};

std::string compilerBaseName(llvm::StringRef Argv0) {
  const size_t Sep = Argv0.find_last_of("/\\");
  std::string Name =
      llvm::StringRef(Sep == llvm::StringRef::npos ? Argv0 : Argv0.substr(Sep + 1)).lower();
  if (llvm::StringRef(Name).ends_with(".exe"))
    Name.resize(Name.size() - 4);
  // gcc-12, clang-19, arm-none-eabi-gcc-12.2.1
  llvm::SmallVector<llvm::StringRef, 2> M;
  if (llvm::Regex("^(.*[a-z+])-[0-9]+(\\.[0-9]+)*$").match(Name, &M))
    Name = M[1].str();
  return Name;
}

bool isHostTriple(const llvm::Triple &T) {
  const llvm::Triple Host(llvm::sys::getDefaultTargetTriple());
  return T.getArch() == Host.getArch() && T.getOS() == Host.getOS();
}

} // namespace

bool clangKnowsTarget(llvm::StringRef Triple) {
  static std::map<std::string, bool> Known;
  auto It = Known.find(Triple.str());
  if (It != Known.end())
    return It->second;
  clang::IgnoringDiagConsumer Ignore;
  clang::DiagnosticsEngine Diags(new clang::DiagnosticIDs, new clang::DiagnosticOptions, &Ignore,
                                 /*ShouldOwnClient=*/false);
  auto Opts = std::make_shared<clang::TargetOptions>();
  Opts->Triple = llvm::Triple::normalize(Triple);
  llvm::IntrusiveRefCntPtr<clang::TargetInfo> Target(
      clang::TargetInfo::CreateTargetInfo(Diags, Opts));
  return Known[Triple.str()] = static_cast<bool>(Target);
}

CompilerInfo identifyCompiler(llvm::StringRef Argv0) {
  CompilerInfo Info;
  Info.Name = compilerBaseName(Argv0);
  for (const VendorCompiler &V : VendorCompilers)
    if (Info.Name == V.Name) {
      Info.Family = V.Family;
      Info.Triple = V.Triple;
      Info.Note = V.Note ? V.Note : "";
      Info.Compat = V.Compat ? V.Compat : "";
      return Info;
    }
  llvm::StringRef Name = Info.Name;
  Info.Cxx = Name.ends_with("++");
  for (const char *D : GnuDrivers) {
    llvm::StringRef Prefix = Name;
    if (!Prefix.consume_back(D) || !Prefix.consume_back("-") || Prefix.empty())
      continue;
    const llvm::Triple T(llvm::Triple::normalize(Prefix));
    if (T.getArch() == llvm::Triple::UnknownArch || isHostTriple(T))
      return Info; // not a triple (my-gcc) or the host's own cross name
    Info.Triple = Prefix.str();
    if (!clangKnowsTarget(Info.Triple)) {
      Info.Note = "'" + Info.Triple + "' is unknown to clang " + std::to_string(19) +
                  ": analysed as arm-none-eabi (32-bit little-endian)";
      Info.Triple = "arm-none-eabi";
    }
    return Info;
  }
  return Info;
}

// --- gcc's include search list ---------------------------------------------

std::vector<std::string> parseIncludeSearchList(llvm::StringRef Output) {
  std::vector<std::string> Dirs;
  bool In = false;
  llvm::SmallVector<llvm::StringRef, 32> Lines;
  Output.split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    L = L.trim();
    if (L.starts_with("#include <...> search starts here:")) {
      In = true;
      continue;
    }
    if (!In || L.starts_with("#include"))
      continue;
    if (L.starts_with("End of search list."))
      break;
    L.consume_back(" (framework directory)");
    llvm::SmallString<256> P(L);
    llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
    Dirs.push_back(P.str().str());
  }
  return Dirs;
}

bool isGccInternalIncludeDir(llvm::StringRef Dir) {
  static const llvm::Regex Internal("/(lib|lib64|libexec)/gcc(-cross)?/[^/]+/[^/]+/"
                                    "(include|include-fixed)/?$");
  return Internal.match(Dir);
}

namespace {

std::string resolveProgram(llvm::StringRef Program, llvm::StringRef Directory) {
  if (Program.contains('/')) {
    llvm::SmallString<256> P(Program);
    if (!llvm::sys::path::is_absolute(P)) {
      P = Directory;
      llvm::sys::path::append(P, Program);
    }
    return llvm::sys::fs::can_execute(P) ? P.str().str() : "";
  }
  auto Found = llvm::sys::findProgramByName(Program);
  return Found ? *Found : "";
}

/// Runs `<gcc> <target flags> -E -x c - -v` the way clangd's --query-driver
/// does and returns its include dirs, gcc's own ones left out.
std::vector<std::string> queryDriver(const std::string &Gcc, const Args &TargetFlags,
                                     Logger &Note) {
  llvm::SmallString<128> ErrFile;
  if (llvm::sys::fs::createTemporaryFile("medsec-query-driver", "txt", ErrFile))
    return {};
  std::vector<llvm::StringRef> Argv = {Gcc};
  for (const std::string &F : TargetFlags)
    Argv.push_back(F);
  for (const char *A : {"-E", "-x", "c", "-", "-v"})
    Argv.push_back(A);
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(), llvm::StringRef(),
                                                llvm::StringRef(ErrFile)};
  std::string Error;
  const int Rc = llvm::sys::ExecuteAndWait(Gcc, Argv, std::nullopt, Redirects,
                                           /*SecondsToWait=*/20, 0, &Error);
  auto Buf = llvm::MemoryBuffer::getFile(ErrFile);
  llvm::sys::fs::remove(ErrFile);
  if (Rc != 0 || !Buf) {
    Note("could not query " + Gcc + " for its include directories" +
         (Error.empty() ? "" : ": " + Error));
    return {};
  }
  std::vector<std::string> Dirs;
  for (const std::string &D : parseIncludeSearchList((*Buf)->getBuffer()))
    if (!isGccInternalIncludeDir(D))
      Dirs.push_back(D);
  return Dirs;
}

// --- vendor option syntax ------------------------------------------------------

/// Whether the word S names the entry's source file.
bool isInput(llvm::StringRef S, llvm::StringRef Directory, llvm::StringRef File) {
  if (S == File)
    return true;
  if (S.empty() || S[0] == '-')
    return false;
  std::string Slashed = S.str();
  std::replace(Slashed.begin(), Slashed.end(), '\\', '/');
  llvm::SmallString<256> P(Directory);
  llvm::sys::path::append(P, Slashed);
  if (llvm::sys::path::is_absolute(Slashed))
    P = Slashed;
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return P == File;
}

/// Reads `--name=value`, `--name value` and, for short options, `-Xvalue`.
class ArgCursor {
public:
  ArgCursor(const Args &A) : A(A) {}
  bool more() const { return I < A.size(); }
  const std::string &cur() const { return A[I]; }
  void next() { ++I; }
  /// Matches the option Name with a value; the value goes to V.
  bool value(llvm::StringRef Name, std::string &V, bool Joined = false) {
    llvm::StringRef S = A[I];
    if (S == Name && I + 1 < A.size()) {
      V = A[++I];
      return true;
    }
    if (S.consume_front(Name) && !S.empty() && (Joined || S.consume_front("="))) {
      V = S.str();
      return true;
    }
    return false;
  }

private:
  const Args &A;
  size_t I = 1;
};

std::string armCpu(llvm::StringRef Cpu) {
  std::string C = Cpu.lower();
  llvm::StringRef R(C);
  // IAR and Keil spell the FPU variant into the core name (Cortex-M4F).
  if (R.starts_with("cortex-m") && R.ends_with("f"))
    C.pop_back();
  if (R.ends_with(".fp") || R.ends_with(".fp.sp") || R.ends_with(".fp.dp"))
    C = R.take_until([](char Ch) { return Ch == '.'; }).str();
  return C;
}

/// Options clang has in both IAR and Keil armcc syntax (same spelling).
bool translateCommonVendorOption(ArgCursor &C, Args &Out, Args &Front, Logger &Note) {
  std::string V;
  const std::string S = C.cur();
  for (const char *Short : {"-I", "-D", "-U"})
    if (C.value(Short, V, /*Joined=*/true)) {
      Out.push_back(std::string(Short) + V);
      return true;
    }
  if (C.value("--cpu", V)) {
    Out.push_back("-mcpu=" + armCpu(V));
    Note("translated " + S + (S == "--cpu" ? " " + V : "") + " to " + Out.back());
    return true;
  }
  if (C.value("--fpu", V)) {
    const bool Soft =
        llvm::StringRef(V).lower() == "none" || llvm::StringRef(V).lower() == "softvfp";
    Out.push_back(Soft ? "-mfloat-abi=soft" : "-mfloat-abi=hard");
    Note("translated FPU '" + V + "' to " + Out.back());
    return true;
  }
  if (C.value("--preinclude", V)) {
    Out.insert(Out.end(), {"-include", V});
    Note("translated " + S + " to -include " + V);
    return true;
  }
  static const std::map<std::string, std::string> Flags = {
      {"--thumb", "-mthumb"},
      {"--arm", "-marm"},
      {"--c89", "-std=c89"},
      {"--c90", "-std=c89"},
      {"--c99", "-std=c99"},
      {"--char_is_signed", "-fsigned-char"},
      {"--char_is_unsigned", "-funsigned-char"},
      {"--signed_chars", "-fsigned-char"},
      {"--unsigned_chars", "-funsigned-char"},
      {"--bigend", "-mbig-endian"},
      {"--littleend", "-mlittle-endian"},
      {"--endian=big", "-mbig-endian"},
      {"--endian=little", "-mlittle-endian"}};
  if (auto It = Flags.find(S); It != Flags.end()) {
    Out.push_back(It->second);
    Note("translated " + S + " to " + It->second);
    return true;
  }
  for (const char *Cxx : {"--c++", "--ec++", "--eec++", "--cpp"})
    if (S == Cxx) {
      Front.insert(Front.end(), {"-x", "c++"});
      Note("translated " + S + " to -x c++");
      return true;
    }
  return false;
}

/// IAR and Keil armcc options that take a separate value, so that the value
/// is dropped with the option.
const std::set<std::string> VendorValueOptions = {"-o",
                                                  "-f",
                                                  "--dlib_config",
                                                  "--diag_suppress",
                                                  "--diag_error",
                                                  "--diag_warning",
                                                  "--diag_remark",
                                                  "--dependencies",
                                                  "--section",
                                                  "--mfc",
                                                  "--via",
                                                  "--depend",
                                                  "--omf_browse",
                                                  "--apcs",
                                                  "--list_dir",
                                                  "--object_dir",
                                                  "--error_limit",
                                                  "--code_model",
                                                  "--data_model",
                                                  "--core",
                                                  "--header_context",
                                                  "--library_module"};

Args translateIarOrArmcc(const Args &In, llvm::StringRef Directory, llvm::StringRef File,
                         Args &Front, Logger &Note) {
  Args Out, Dropped;
  for (ArgCursor C(In); C.more(); C.next()) {
    const std::string S = C.cur();
    std::string V;
    if (translateCommonVendorOption(C, Out, Front, Note))
      continue;
    if (C.value("-J", V, true) || C.value("--system_include_dir", V)) {
      Out.insert(Out.end(), {"-isystem", V});
      continue;
    }
    if (S == "-c" || isInput(S, Directory, File)) {
      Out.push_back(S);
      continue;
    }
    Dropped.push_back(S);
    if (VendorValueOptions.count(S) && (C.next(), C.more()))
      Dropped.push_back(C.cur());
  }
  Note.dropped(Dropped, "vendor options with no clang equivalent");
  return Out;
}

/// Keil C51: `C51 file.c INCDIR(a;b) DEFINE(X,Y=1) OPTIMIZE(8)`.
Args translateC51(const Args &In, llvm::StringRef Directory, llvm::StringRef File, Logger &Note) {
  Args Out, Dropped;
  static const llvm::Regex Directive("^([A-Za-z]+) *\\((.*)\\)$");
  for (size_t I = 1; I < In.size(); ++I) {
    llvm::SmallVector<llvm::StringRef, 3> M;
    const std::string &S = In[I];
    if (isInput(S, Directory, File)) {
      Out.push_back(S);
      continue;
    }
    if (Directive.match(S, &M)) {
      const std::string Name = M[1].upper();
      const bool Inc = Name == "INCDIR" || Name == "ID";
      if (Inc || Name == "DEFINE" || Name == "DF") {
        llvm::SmallVector<llvm::StringRef, 8> Items;
        M[2].split(Items, Inc ? ';' : ',', -1, /*KeepEmpty=*/false);
        for (llvm::StringRef Item : Items) {
          std::string T = Item.trim().str();
          std::replace(T.begin(), T.end(), '\\', '/');
          Out.push_back((Inc ? "-I" : "-D") + T);
        }
        Note("translated " + S + " to " + llvm::join(Out.end() - Items.size(), Out.end(), " "));
        continue;
      }
    }
    Dropped.push_back(S);
  }
  Note.dropped(Dropped, "C51 directives with no clang equivalent");
  return Out;
}

Args translateSdcc(const Args &In, llvm::StringRef File, Logger &Note) {
  Args Out, Dropped;
  for (ArgCursor C(In); C.more(); C.next()) {
    llvm::StringRef S = C.cur();
    std::string V;
    if (S.starts_with("--std-")) {
      llvm::StringRef Std = S.drop_front(6);
      const std::string Flag =
          Std.consume_front("sdcc") ? "-std=gnu" + Std.str() : "-std=" + Std.str();
      Out.push_back(Flag);
      Note("translated " + S.str() + " to " + Flag);
    } else if (C.value("-o", V, true)) {
      Dropped.insert(Dropped.end(), {"-o", V});
    } else if (S.starts_with("--") || (S.starts_with("-m") && S.size() > 2)) {
      Dropped.push_back(S.str()); // ports (-mmcs51) and code generation options
    } else {
      Out.push_back(S.str());
    }
  }
  Note.dropped(Dropped, "SDCC options with no clang equivalent");
  return Out;
}

// --- what clang takes ------------------------------------------------------------

bool knownWarning(llvm::StringRef W) {
  if (W.consume_front("no-"))
    W.consume_front("error="); // -Wno-error=X keeps X a warning
  if (W == "everything" || W == "system-headers")
    return true;
  return clang::DiagnosticIDs::getGroupForWarningOption(W).has_value();
}

/// Why clang should not get the option A, or "" to keep it.
std::string dropReason(const llvm::opt::Arg &A) {
  namespace o = clang::driver::options;
  const llvm::opt::Option &O = A.getOption();
  if (O.matches(o::OPT_UNKNOWN))
    return "unknown to clang";
  if (O.hasFlag(o::Unsupported))
    return "unsupported by clang";
  if (O.matches(o::OPT_specs_EQ))
    return "gcc specs files are for linking";
  if (O.matches(o::OPT_fstack_usage) || O.matches(o::OPT_save_temps_EQ) ||
      O.matches(o::OPT_save_temps))
    return "they only add compiler outputs";
  if (O.matches(o::OPT_w))
    return "would hide the compiler warnings medsec reports as findings";
  if (O.matches(o::OPT_pedantic_errors))
    return "would make clang's own opinions fatal";
  if (O.matches(o::OPT_W_Joined)) {
    llvm::StringRef W = A.getValue();
    if (W == "error" || W.starts_with("error="))
      return "would make clang's own warnings fatal";
    if (!knownWarning(W))
      return "warning unknown to clang";
  }
  return "";
}

/// Drops every option clang's driver option table does not accept.
Args filterWithOptTable(const Args &In, Logger &Note) {
  std::vector<const char *> Argv;
  for (size_t I = 1; I < In.size(); ++I)
    Argv.push_back(In[I].c_str());
  unsigned MissingIndex = 0, MissingCount = 0;
  const llvm::opt::OptTable &Table = clang::driver::getDriverOptTable();
  llvm::opt::InputArgList List = Table.ParseArgs(
      Argv, MissingIndex, MissingCount, llvm::opt::Visibility(clang::driver::options::ClangOption));
  std::vector<std::pair<unsigned, std::string>> Spans; // first token, drop reason
  for (const llvm::opt::Arg *A : List)
    Spans.push_back({A->getIndex(), dropReason(*A)});
  Args Out = {In[0]};
  std::map<std::string, Args> Dropped;
  // An option left without its value ends the list; it is dropped.
  const unsigned Last = MissingCount ? MissingIndex : Argv.size();
  for (size_t S = 0; S < Spans.size(); ++S) {
    const unsigned End = S + 1 < Spans.size() ? Spans[S + 1].first : Last;
    for (unsigned I = Spans[S].first; I < End; ++I)
      (Spans[S].second.empty() ? Out : Dropped[Spans[S].second]).push_back(Argv[I]);
  }
  for (unsigned I = Last; I < Argv.size(); ++I)
    Dropped["it has no value"].push_back(Argv[I]);
  for (const auto &D : Dropped)
    Note.dropped(D.second, D.first);
  return Out;
}

/// Collects the option names in the clang driver's error diagnostics.
class RejectCollector : public clang::DiagnosticConsumer {
public:
  std::vector<std::string> Named;
  std::vector<std::string> Messages;
  void HandleDiagnostic(clang::DiagnosticsEngine::Level L, const clang::Diagnostic &D) override {
    if (L < clang::DiagnosticsEngine::Error)
      return;
    llvm::SmallString<128> Text;
    D.FormatDiagnostic(Text);
    Messages.push_back(Text.str().str());
    for (unsigned I = 0; I < D.getNumArgs(); ++I)
      if (D.getArgKind(I) == clang::DiagnosticsEngine::ak_std_string)
        Named.push_back(D.getArgStdStr(I));
      else if (D.getArgKind(I) == clang::DiagnosticsEngine::ak_c_string)
        Named.push_back(D.getArgCStr(I));
  }
};

/// Builds the compilation clang would run and returns its driver errors.
RejectCollector dryRun(const Args &In) {
  RejectCollector Collect;
  clang::DiagnosticsEngine Diags(new clang::DiagnosticIDs, new clang::DiagnosticOptions, &Collect,
                                 /*ShouldOwnClient=*/false);
  clang::driver::Driver D("/usr/bin/clang", llvm::sys::getDefaultTargetTriple(), Diags);
  D.setCheckInputsExist(false);
  std::vector<const char *> Argv;
  for (const std::string &A : In)
    Argv.push_back(A.c_str());
  Argv.push_back("-fsyntax-only");
  std::unique_ptr<clang::driver::Compilation> C(D.BuildCompilation(Argv));
  return Collect;
}

/// Drops the options clang's driver rejects for this target (-mcmodel=medany
/// on Arm, -mgeneral-regs-only...), found by dry runs. Cached per flag set.
Args dropDriverRejects(Args In, llvm::StringRef File, AdjustContext &Ctx, Logger &Note) {
  const std::string Key = configurationKey(In) + '\n' + llvm::sys::path::extension(File).str();
  auto Cached = Ctx.Rejected.find(Key);
  std::vector<std::string> Rejected;
  if (Cached != Ctx.Rejected.end()) {
    Rejected = Cached->second;
  } else {
    for (int Round = 0; Round < 4; ++Round) {
      RejectCollector R = dryRun(In);
      bool Progress = false;
      for (const std::string &Name : R.Named)
        for (size_t I = 1; I < In.size(); ++I)
          if (!Name.empty() && Name[0] == '-' && In[I] != File &&
              (In[I] == Name || (llvm::StringRef(Name).ends_with("=") &&
                                 llvm::StringRef(In[I]).starts_with(Name)))) {
            Rejected.push_back(In[I]);
            In.erase(In.begin() + I--);
            Progress = true;
          }
      if (!Progress) {
        for (const std::string &M : R.Messages)
          Note("clang still rejects the command: " + M);
        break;
      }
    }
    Ctx.Rejected[Key] = Rejected;
  }
  for (const std::string &R : Rejected)
    In.erase(std::remove(In.begin(), In.end(), R), In.end());
  Note.dropped(Rejected, "clang rejects them for this target");
  return In;
}

bool hasTarget(const Args &A) {
  return std::any_of(A.begin(), A.end(), [](llvm::StringRef S) {
    return S.starts_with("--target=") || S == "-target" || S == "--target";
  });
}

/// The flags that choose a cross gcc's multilib and sysroot.
Args targetFlags(const Args &A) {
  Args F;
  for (size_t I = 1; I < A.size(); ++I) {
    llvm::StringRef S = A[I];
    if (S.starts_with("-mcpu=") || S.starts_with("-march=") || S.starts_with("-mabi=") ||
        S.starts_with("-mfloat-abi=") || S.starts_with("-mfpu=") || S == "-mthumb" ||
        S == "-marm" || S.starts_with("-specs=") || S.starts_with("--specs=") ||
        S.starts_with("--sysroot="))
      F.push_back(A[I]);
    else if ((S == "--sysroot" || S == "-isysroot") && I + 1 < A.size())
      F.insert(F.end(), {A[I], A[I + 1]}), ++I;
  }
  return F;
}

bool mayRun(llvm::StringRef Program, const std::vector<std::string> &Globs) {
  for (const std::string &List : Globs) {
    llvm::SmallVector<llvm::StringRef, 4> Items;
    llvm::StringRef(List).split(Items, ',', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef G : Items)
      if (auto Pattern = llvm::GlobPattern::create(G.trim()); Pattern && Pattern->match(Program))
        return true;
  }
  return false;
}

void addDriverIncludes(const Args &Original, const CompilerInfo &Info, llvm::StringRef Directory,
                       AdjustContext &Ctx, Args &Out, Logger &Note) {
  const std::string Freestanding = "only clang's freestanding headers (stdint.h, stddef.h, "
                                   "stdbool.h...) are available for " +
                                   Info.Triple;
  const std::string Gcc = resolveProgram(Original[0], Directory);
  if (Gcc.empty()) {
    Note(Original[0] + " is not installed here: " + Freestanding);
    return;
  }
  if (!mayRun(Gcc, Ctx.QueryDriverGlobs)) {
    Ctx.NotQueried.insert(Gcc);
    Note(Gcc + " was not run for its include directories (no --query-driver glob names it): " +
         Freestanding);
    return;
  }
  const Args Flags = targetFlags(Original);
  const std::string Key = Gcc + '\n' + llvm::join(Flags, "\n");
  auto It = Ctx.DriverIncludes.find(Key);
  if (It == Ctx.DriverIncludes.end())
    It = Ctx.DriverIncludes.emplace(Key, queryDriver(Gcc, Flags, Note)).first;
  for (const std::string &D : It->second)
    Out.insert(Out.end(), {"-isystem", D});
  if (!It->second.empty())
    Note("added the include directories of " + Gcc + ": " + llvm::join(It->second, " "));
}

} // namespace

std::string configurationKey(const Args &A) {
  std::string Key;
  for (size_t I = 1; I < A.size(); ++I) {
    llvm::StringRef S = A[I];
    if (S == "-o" || S == "-MF" || S == "-MT" || S == "-MQ") {
      ++I;
      continue;
    }
    if (S.starts_with("-o") || S.starts_with("-MF") || S.starts_with("-MT") ||
        S.starts_with("-MQ") || S == "-MD" || S == "-MMD" || S == "-MP" || S == "-c" ||
        (S.starts_with("-W") && !S.starts_with("-Wp,")) || S.starts_with("-g") || S == "-fPIC" ||
        S == "-fpic" || S == "-fPIE" || S == "-fpie")
      continue;
    Key += S;
    Key += '\0';
  }
  return Key;
}

std::vector<std::string> adjustCommand(const Args &In, llvm::StringRef Directory,
                                       llvm::StringRef File, AdjustContext &Ctx,
                                       std::vector<std::string> &Log) {
  Logger Note(File, Log);
  if (In.empty())
    return In;
  const CompilerInfo Info = identifyCompiler(In[0]);
  Args Front;
  Args Body;
  switch (Info.Family) {
  case CompilerFamily::Iar:
  case CompilerFamily::KeilArmcc:
    Body = translateIarOrArmcc(In, Directory, File, Front, Note);
    break;
  case CompilerFamily::KeilC51:
    Body = translateC51(In, Directory, File, Note);
    break;
  case CompilerFamily::Sdcc:
    Body = translateSdcc(In, File, Note);
    break;
  case CompilerFamily::Gnu:
  case CompilerFamily::KeilArmclang:
    Body.assign(In.begin() + 1, In.end());
    break;
  }
  // A host compiler keeps its name (and so its driver mode); any other is
  // replaced by clang, told the target.
  const bool Host = Info.Family == CompilerFamily::Gnu && Info.Triple.empty();
  Args Out = {Host ? In[0] : (Info.Cxx ? "clang++" : "clang")};
  if (!Host)
    Note("analysed by clang in place of " + In[0]);
  if (!Info.Triple.empty() && !hasTarget(In)) {
    Out.push_back("--target=" + Info.Triple);
    Note("added --target=" + Info.Triple + " for " + Info.Name +
         (Info.Note.empty() ? "" : " (" + Info.Note + ")"));
  }
  if (!Info.Compat.empty()) {
    llvm::SmallString<256> P(Ctx.CompatDir);
    llvm::sys::path::append(P, Info.Compat);
    Out.insert(Out.end(), {"-include", P.str().str()});
    Note("force-included " + P.str().str() + " for the vendor keywords of " + Info.Name);
  }
  Out.insert(Out.end(), Front.begin(), Front.end());
  Out.insert(Out.end(), Body.begin(), Body.end());
  if (!Host && !llvm::StringRef(Info.Name).contains("clang")) {
    // Code its compiler accepted with a warning must parse: what clang 16 and
    // later reject in C by default, cross gcc before 14 and the vendor
    // compilers only warn about.
    std::string Kept;
    for (const char *W : GccLenientWarnings) {
      Out.push_back(std::string("-Wno-error=") + W);
      Kept += (Kept.empty() ? "" : ", ") + std::string(W);
    }
    Note("kept as warnings, as " + In[0] + " has them: " + Kept);
  }
  Out = filterWithOptTable(Out, Note);
  if (Info.Family == CompilerFamily::Gnu && !Info.Triple.empty())
    addDriverIncludes(In, Info, Directory, Ctx, Out, Note);
  return dropDriverRejects(std::move(Out), File, Ctx, Note);
}

} // namespace medsec
