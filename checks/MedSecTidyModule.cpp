//===- MedSecTidyModule.cpp - registers the medsec-* checks ---------------===//
//
// Registration only. The same object is linked into the clang-tidy plugin
// (MedSecTidy.so), the medsec driver and medsec-clangd.
//
//===----------------------------------------------------------------------===//
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang/Basic/Version.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/raw_ostream.h"

// api: dangerous library functions
#include "api/BannedFunctionsCheck.h"
// crypto: algorithms, modes, key sizes, randomness and TLS set-up
#include "crypto/InsecureTlsConfigurationCheck.h"
#include "crypto/WeakCryptographyCheck.h"
// secrets: credentials and keys in the source, secrets leaking at run time
#include "secrets/HardcodedCredentialsCheck.h"
#include "secrets/SensitiveDataExposureCheck.h"
// debug: back doors and debug features left in release code
#include "debug/DebugBackdoorCheck.h"
// errors: unchecked and misread results
#include "errors/UncheckedReturnValueCheck.h"

// input: taint from external inputs to dangerous sinks
#include "input/TaintedArithmeticCheck.h"
#include "input/TaintedArrayIndexCheck.h"
#include "input/TaintedCommandCheck.h"
#include "input/TaintedDivisorCheck.h"
#include "input/TaintedFormatStringCheck.h"
#include "input/TaintedLoopBoundCheck.h"
#include "input/TaintedMemorySizeCheck.h"
#include "input/TaintedPointerCheck.h"
#include "input/TaintSinkCheck.h"

// memory
#include "memory/SizeofAsCountCheck.h"
#include "memory/ArrayOutOfBoundsCheck.h"
#include "memory/UnterminatedReceivedStringCheck.h"

namespace clang::tidy::medsec {

class MedSecTidyModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    // api
    Factories.registerCheck<BannedFunctionsCheck>("medsec-banned-functions");
    // crypto
    Factories.registerCheck<InsecureTlsConfigurationCheck>("medsec-insecure-tls-configuration");
    Factories.registerCheck<WeakCryptographyCheck>("medsec-weak-cryptography");
    // secrets
    Factories.registerCheck<HardcodedCredentialsCheck>("medsec-hardcoded-credentials");
    Factories.registerCheck<SensitiveDataExposureCheck>("medsec-sensitive-data-exposure");
    // debug
    Factories.registerCheck<DebugBackdoorCheck>("medsec-debug-backdoor");
    // errors
    Factories.registerCheck<UncheckedReturnValueCheck>("medsec-unchecked-return-value");
    // input
    Factories.registerCheck<TaintedArrayIndexCheck>("medsec-tainted-array-index");
    Factories.registerCheck<TaintedArithmeticCheck>("medsec-tainted-arithmetic");
    Factories.registerCheck<TaintedCommandCheck>("medsec-tainted-command");
    Factories.registerCheck<TaintedFormatStringCheck>("medsec-tainted-format-string");
    Factories.registerCheck<TaintedLoopBoundCheck>("medsec-tainted-loop-bound");
    Factories.registerCheck<TaintedMemorySizeCheck>("medsec-tainted-memory-size");
    Factories.registerCheck<TaintedPointerCheck>("medsec-tainted-pointer");
    Factories.registerCheck<TaintedDivisorCheck>("medsec-tainted-divisor");
    // The family's sink classes differ only in their kind: a new one needs no class.
    Factories.registerCheckFactory(
        "medsec-unvalidated-setting", [](StringRef Name, ClangTidyContext *Context) {
          return std::make_unique<TaintSinkCheck>(Name, Context, taint::SinkKind::Setting);
        });
    // memory
    Factories.registerCheck<SizeofAsCountCheck>("medsec-sizeof-as-count");
    Factories.registerCheck<ArrayOutOfBoundsCheck>("medsec-array-out-of-bounds");
    Factories.registerCheck<UnterminatedReceivedStringCheck>("medsec-unterminated-received-string");
  }
};

namespace {
/// The host's clang must be the one we were built against: the check classes
/// derive from its types, and a different major version would crash.
bool hostVersionMatches() {
  const std::string Host = clang::getClangFullVersion();
  const std::string Needle = "version " + std::to_string(LLVM_VERSION_MAJOR) + ".";
  if (Host.find(Needle) != std::string::npos)
    return true;
  llvm::errs() << "error: MedSecTidy was built for LLVM " << LLVM_VERSION_MAJOR
               << " but is being loaded into '" << Host << "'; use clang-tidy-"
               << LLVM_VERSION_MAJOR
               << " or rebuild MedSecTidy against this LLVM; medsec checks are not registered\n";
  return false;
}

struct ConditionalRegistration {
  ConditionalRegistration() {
    // The registry keeps a pointer to the node until exit, so it is never freed.
    if (hostVersionMatches())
      new ClangTidyModuleRegistry::Add<MedSecTidyModule>(
          "medsec-module", "Adds medical-device cybersecurity checks (medsec-*).");
  }
};
ConditionalRegistration Register;
} // namespace

} // namespace clang::tidy::medsec

// Referenced by the medsec driver so the linker keeps this module.
volatile int MedSecTidyModuleAnchorSource = 0;
